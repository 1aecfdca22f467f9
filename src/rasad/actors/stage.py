"""The actors stage: knowledge-base names, titles resolved to people, and the tagger's new names."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from itertools import compress

from rasad.actors.kb import KB, load_kb
from rasad.actors.kbtags import KB_TYPES, unsettled_type, with_given_name
from rasad.actors.link import (
    PATRONYMIC,
    Mention,
    choose,
    clitic_forms,
    find_mentions,
    given_names,
    lexicon,
    name_keys,
    outlet_countries,
    title_heads,
    title_last_words,
)
from rasad.actors.ner_data import FAMILY, FAMILY_WORD, GIVEN, GIVEN_WORD, foreign_given_keys, light_verbs, native_names, token_matches
from rasad.actors.roles import bind_scopes, resolve_titles, role_on
from rasad.doc import Actor, ActorMention, Article, Token
from rasad.text.chars import read_data, tables
from rasad.text.keys import match_key
from rasad.text.normalize import PERSIAN_VERB_PREFIXES, ZWNJ, persian_lexicon, persian_verb_forms
from rasad.text.segment import token_key, tokens

_QUOTE_PAIRS = (("«", "»"), ('"', '"'), ("“", "”"), ("(", ")"))
_DIACRITIC = set(chr(c) for c in range(0x064B, 0x0660)) | {"\u0640", "\u0670"}


def _ranges(article: Article) -> list[tuple[int, int]]:
    ranges = [(s.start, s.end) for s in article.title_spans]
    if article.lead and not any(p.start <= article.lead.start < p.end for p in article.paragraphs):
        ranges.append((article.lead.start, article.lead.end))
    ranges += [(p.start, p.end) for p in article.paragraphs]
    return list(dict.fromkeys(ranges))


class _RecentTokens:
    """The tokens of the last few articles the actors stage read, by range, for the tagger stage that
    follows it (the same ranges: tokenising them again cost a millisecond an Arabic article)."""
    SIZE = 4

    def __init__(self) -> None:
        self._texts: dict[str, dict[tuple[int, int], list[Token]]] = {}

    def keep(self, text: str, by_range: dict[tuple[int, int], list[Token]]) -> None:
        self._texts.pop(text, None)
        self._texts[text] = by_range
        while len(self._texts) > self.SIZE:
            del self._texts[next(iter(self._texts))]

    def of(self, text: str) -> dict[tuple[int, int], list[Token]]:
        return dict(self._texts.get(text, {}))


_TOKENS = _RecentTokens()


class _Story:
    """An article's story ranges and their tokens, each range tokenised once however many of the
    tagger stage's readings go over it (and not again when the actors stage just did)."""
    def __init__(self, article: Article) -> None:
        self.article = article
        self.ranges = _ranges(article)
        self._tokens: dict[tuple[int, int], list[Token]] = _TOKENS.of(article.original)
        self._folded: str | None = None
        # by start: a title read off the body's first line may stand after a shorter first paragraph
        self._order = sorted(range(len(self.ranges)), key=lambda r: self.ranges[r][0])
        self._starts = [self.ranges[r][0] for r in self._order]
        self._hits: dict[str, frozenset[int]] = {}
        self._bounds: dict[tuple[int, int], tuple[list[int], list[int]]] = {}  # by range: its tokens' starts and ends

    def ranges_with(self, keys: frozenset[str]) -> list[tuple[int, int]]:
        """The ranges whose text holds one of ``keys`` (match keys) anywhere in a word, its letters
        folded as match keys fold them: a cheap test that spares tokenising the rest."""
        if self._folded is None:
            self._folded = tables()["key"](self.article.original)  # the match key's letters, one for one
        hit: set[int] = set()
        for key in _least_keys(keys):
            found = self._hits.get(key)
            if found is None:
                found = self._hits[key] = self._ranges_holding(key)
            hit |= found
        return [self.ranges[r] for r in sorted(hit)]

    def _ranges_holding(self, key: str) -> frozenset[int]:
        """The indexes of the ranges whose folded text holds ``key`` (each key searched once an article:
        the readings' word sets share many)."""
        folded, starts = self._folded, self._starts
        hit = set()
        at = folded.find(key)
        while at != -1:
            k = bisect.bisect_right(starts, at) - 1
            after = at + 1
            if k >= 0 and at + len(key) <= self.ranges[r := self._order[k]][1]:
                hit.add(r)
                # the range is found: the next hit that can count is past its end (or where the next begins)
                after = max(after, min(self.ranges[r][1], starts[k + 1] if k + 1 < len(starts) else len(folded)))
            at = folded.find(key, after)
        return frozenset(hit)

    def tokens(self, lo: int, hi: int) -> list[Token]:
        toks = self._tokens.get((lo, hi))
        if toks is None:
            toks = self._tokens[(lo, hi)] = tokens(self.article.original, lo, hi)
        return toks

    def bounds(self, lo: int, hi: int) -> tuple[list[int], list[int]]:
        """The starts and the ends of the range's tokens."""
        bounds = self._bounds.get((lo, hi))
        if bounds is None:
            toks = self.tokens(lo, hi)
            bounds = self._bounds[(lo, hi)] = ([t.start for t in toks], [t.end for t in toks])
        return bounds

    def window(self, lo: int, hi: int, start: int, end: int) -> list[Token]:
        """``tokens(original, start, end)`` for a window inside the range (lo, hi), cut from the range's
        tokens. No token holds a space, so only the words before the window's first space and after its
        last are tokenised again (a word cut at the window's edge reads as the window reads it)."""
        original = self.article.original
        space = _SPACE.search(original, start, end)
        if space is None:
            return tokens(original, start, end)
        first, last = space.start(), end - 1
        while not _SPACE.match(original, last):
            last -= 1
        starts, ends = self.bounds(lo, hi)
        inside = self.tokens(lo, hi)[bisect.bisect_left(starts, first) : bisect.bisect_right(ends, last)]
        return tokens(original, start, first) + inside + tokens(original, last, end)


_SPACE = re.compile(r"\s")


@lru_cache(maxsize=64)
def _least_keys(keys: frozenset[str]) -> tuple[str, ...]:
    """The keys that hold no other key of the set: a text holding 'نائب رئيس' holds 'رئيس', so only
    the shorter is looked for (a third fewer searches for the title words)."""
    least: list[str] = []
    # an ال-word is looked for without its alef, which 'لل' drops: 'للشاعر' holds 'لشاعر', not 'الشاعر'
    keys = frozenset(k[1:] if k.startswith("ال") and len(k) > 3 else k for k in keys)
    for key in sorted(keys, key=len):
        if not any(k in key for k in least):
            least.append(key)
    return tuple(least)


def _coverage(length: int, spans: list[tuple[int, int]]) -> bytearray:
    """A byte per character of the text, 1 where one of ``spans`` covers it."""
    covered = bytearray(length)
    for s, e in spans:
        covered[s:e] = b"\x01" * (e - s)
    return covered


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _after_clitic(tok: Token, letters: int) -> int:
    """Where a mention starts in its first token once ``letters`` letters of a proclitic are off."""
    return tok.start + (_skip_letters(tok.text, letters) if letters else 0)


def _skip_letters(text: str, letters: int) -> int:
    """Characters to skip so that ``letters`` letters (diacritics not counted) are left behind."""
    pos = 0
    while letters and pos < len(text):
        if text[pos] not in _DIACRITIC:
            letters -= 1
        pos += 1
    while pos < len(text) and text[pos] in _DIACRITIC:
        pos += 1
    return pos


def _span(article: Article, toks: list[Token], m: Mention, kind: str) -> ActorMention:
    first = toks[m.start_token]
    start = _after_clitic(first, m.clitic_chars) if m.h is None else first.start
    last = m.j
    if m.scope_mention is not None:
        last = max(last, m.scope_mention.j)
    end = toks[last - 1].end
    text = article.original[start:end]
    for opening, closing in _QUOTE_PAIRS:
        if text.count(opening) > text.count(closing) if opening != closing else text.count(opening) % 2:
            if article.original.startswith(closing, end):
                end += len(closing)
                text = article.original[start:end]
    return ActorMention(start, end, text, kind, m.honorific)


def _home(article: Article) -> str | None:
    """The outlet's country; for a Persian report from an unknown outlet, Iran ('کشورمان', unscoped titles)."""
    home = outlet_countries().get(article.outlet.id) if article.outlet else None
    return "IRN" if home is None and article.language == "fa" else home


def actor_stage(article: Article) -> Article:
    kb = load_kb()
    date = article.published.date if article.published else None
    home = _home(article)
    runs: list[tuple[list[Token], list[Mention], list[Mention]]] = []
    all_names: list[Mention] = []
    ranges = _ranges(article)
    for start, end in ranges:
        toks = tokens(article.original, start, end)
        found = find_mentions(toks, article.language)
        names = [m for m in found if m.title_kind is None]
        titles = [m for m in found if m.title_kind is not None]
        runs.append((toks, names, titles))
        all_names += names
    _TOKENS.keep(article.original, dict(zip(ranges, (toks for toks, _, _ in runs))))
    context = {ref.id for ref in (article.outlet, article.agency) if ref}
    choose([([t.key for t in toks], names) for toks, names, _ in runs], kb, date, context, home)
    named = list(dict.fromkeys(m.entry_id for m in all_names if m.entry_id and kb.entries[m.entry_id].type == "PER"))
    all_titles: list[Mention] = []
    for toks, names, titles in runs:
        keys = [t.key for t in toks]
        bind_scopes(titles, names, keys, kb, home)
        resolve_titles(titles, names, kb, date, home, named, keys)
        all_titles += titles
    grouped: dict[str, list[ActorMention]] = {}
    for toks, names, titles in runs:
        for m in names:
            if m.entry_id:
                adjective = all(r.adjective for r in m.refs if r.entry_id == m.entry_id)
                grouped.setdefault(m.entry_id, []).append(_span(article, toks, m, "adjective" if adjective else "name"))
        for t in titles:
            if t.entry_id:
                grouped.setdefault(t.entry_id, []).append(_span(article, toks, t, "title"))
                if t.given_name is not None:  # 'الملك سلمان': the given name is the holder's name
                    given = Mention(*t.given_name, entry_id=t.entry_id)
                    grouped[t.entry_id].append(_span(article, toks, given, "name"))
    actors = [_actor(kb, entry_id, mentions, date, all_titles) for entry_id, mentions in grouped.items()]
    hints = tuple(
        (_after_clitic(toks[m.i], m.clitic_chars), toks[m.j - 1].end, label)
        for toks, names, _ in runs for m in names if not m.entry_id and (label := unsettled_type(kb, m, article.language))
    )
    person_spans = [(m.start, m.end) for a in actors if a.type == "PER" for m in a.mentions]
    dates = tuple(d for d in article.dates if not (d.kind == "relative" and any(s < d.end and d.start < e for s, e in person_spans)))
    return article.evolve(actors=tuple(actors), dates=dates, name_hints=hints)


def _with_mentions(actor: Actor, more: Iterable[ActorMention]) -> Actor:
    """The actor with ``more`` mentions, each once, in text order."""
    return dataclasses.replace(actor, mentions=_in_order(set(actor.mentions) | set(more)))


def _in_order(mentions: Iterable[ActorMention]) -> tuple[ActorMention, ...]:
    return tuple(sorted(set(mentions), key=lambda m: (m.start, m.end)))


def tagger_stage(article: Article) -> Article:
    """The statistical tagger's names that no knowledge-base mention covers, as provisional actors
    (a stage of its own after "actors": `--no-tagger` leaves it out when throughput matters more).

    Then the article's new names are read together: one person's names join (a last name alone, a
    name with a proclitic), a title right before a new name is that person's (and leaves the
    knowledge-base person the linker gave it by date), a bare title their role begins with is theirs,
    and an ambiguous knowledge-base name the tagger's type settled is settled wherever it is written."""
    taken = sorted((m.start, m.end) for a in article.actors for m in a.mentions)
    story = _Story(article)
    ner = _ner_spans(article)
    facilities = _named_facilities(story, taken, ner)
    if facilities:
        article = _without_people_inside(article, facilities)
        story.article = article
        taken = sorted((m.start, m.end) for a in article.actors for m in a.mentions)
    facilities += _named_places(story, taken + [(s, e) for s, e, _ in facilities])
    facilities += _listed_places(story, taken + [(s, e) for s, e, _ in facilities])
    found = _provisional(story, taken, ner, facilities)
    article = article.evolve(actors=_parents_inside(article))
    if not found:
        return article.evolve(actors=_with_their_countries(article.original, article.actors))
    new = _merge_provisional([a for a in found if not a.in_kb], article.language)
    known, new = _titles_before_new_names(article, new)
    new = _titles_of_new_people(story, new, taken)
    if new:  # a new name of two words or more, tagged once, is the same name where it is written again
        others = taken + [(m.start, m.end) for a in new for m in a.mentions]
        new = _other_occurrences(story, new, others, min_words=2)
    linked = [a for a in found if a.in_kb]
    if linked:
        others = taken + [(m.start, m.end) for a in new for m in a.mentions]
        known = _join_by_id(known + tuple(_other_occurrences(story, linked, others)))
    actors = _merge_surnames(known, new, article.language)
    if article.language == "ar":
        actors = _short_references(story, actors)
    return article.evolve(actors=_with_their_countries(article.original, actors))


def _short_references(story: _Story, actors: tuple[Actor, ...]) -> tuple[Actor, ...]:
    """An Arabic organisation named in full is then often named by its first word alone ('المقاومة
    الشعبية' ... 'المقاومة', 'المجلس التنفيذي' ... 'المجلس'): such a word after the full name is a
    mention of it, when one organisation of the article begins with it, the word is no name of its own
    ('الاتحاد' is also a club) and no adjective follows it (that would be another name)."""
    heads: dict[str, set[str]] = {}
    first_at: dict[str, int] = {}
    for a in actors:
        if a.type != "ORG":
            continue
        for m in a.mentions:
            words = match_key(m.text).split(" ")
            if m.kind == "name" and len(words) >= 2 and words[0].startswith("ال") and len(words[0]) >= 5:
                heads.setdefault(words[0], set()).add(a.id)
                first_at[a.id] = min(first_at.get(a.id, m.start), m.start)
    heads = {k: ids for k, ids in heads.items() if len(ids) == 1 and k not in lexicon().names}
    if not heads:
        return actors
    taken = sorted((m.start, m.end) for a in actors for m in a.mentions)
    extra: dict[str, list[ActorMention]] = {}
    for lo, hi in story.ranges:
        toks = story.tokens(lo, hi)
        for k, tok in enumerate(toks):
            owner = heads.get(tok.key)
            if not owner:
                continue
            actor_id = next(iter(owner))
            after = toks[k + 1].key if k + 1 < len(toks) else ""
            if tok.start < first_at[actor_id] or after.startswith("ال") or _overlaps(taken, tok.start, tok.end):
                continue
            extra.setdefault(actor_id, []).append(ActorMention(tok.start, tok.end, tok.text, "name"))
    return tuple(_with_mentions(a, extra[a.id]) if a.id in extra else a for a in actors)


def _inner_name(toks: list[Token], entry_id: str) -> tuple[int, int] | None:
    """The offsets of the longest run of ``toks``, shorter than all of them, that names ``entry_id``."""
    names = lexicon().names
    for n in range(len(toks) - 1, 0, -1):
        for i in range(len(toks) - n + 1):
            if any(r.entry_id == entry_id for r in names.get(" ".join(t.key for t in toks[i : i + n]), ())):
                return toks[i].start, toks[i + n - 1].end
    return None


def _parents_inside(article: Article) -> tuple[Actor, ...]:
    """The owning organisation a known organisation's name holds is named too: 'مجلس شورای اسلامی' in
    'کمیسیون برنامه و بودجه مجلس شورای اسلامی', 'وزارة الداخلية' in 'إمارة منطقة الرياض'... only where
    its name is written inside. (The linker reads the longest name: without this the Majlis would go
    unnamed wherever one of its committees is.)"""
    kb = load_kb()
    extra: dict[str, list[ActorMention]] = {}
    for a in article.actors:
        parent = kb.entries[a.id].parent if a.in_kb and a.type == "ORG" else None
        if not parent or kb.entries[parent].type != "ORG":
            continue
        keys = name_keys(parent, with_ambiguous=True)
        for m in a.mentions:
            whole = f" {match_key(m.text)} " if m.kind == "name" else ""
            if not any(f" {k} " in whole for k in keys):
                continue  # most units' names do not hold their owner's
            found = _inner_name(tokens(article.original, m.start, m.end), parent)
            if found:
                start, end = found
                extra.setdefault(parent, []).append(ActorMention(start, end, article.original[start:end], "name"))
    if not extra:
        return article.actors
    date = article.published.date if article.published else None
    have = {a.id for a in article.actors}
    actors = [_with_mentions(a, extra[a.id]) if a.id in extra else a for a in article.actors]
    actors += [_actor(kb, pid, mentions, date, []) for pid, mentions in extra.items() if pid not in have]
    return tuple(actors)


def _with_their_countries(original: str, actors: tuple[Actor, ...]) -> tuple[Actor, ...]:
    """An organisation's name runs on over its own country written right after it ('مجله اشپیگل
    آلمان', 'روزنامه گاردین انگلیس', 'صحيفة الحياة السعودية'): one mention of the organisation, the
    country no actor of its own there."""
    kb = load_kb()
    country_at: dict[int, tuple[str, int]] = {}
    for a in actors:
        if a.type == "GPE" and a.in_kb and not kb.entries[a.id].parent:
            for m in a.mentions:
                country_at[m.start] = (a.country or "", m.end)
    if not country_at:
        return actors
    absorbed: set[tuple[int, int]] = set()
    out = []
    for a in actors:
        if a.type == "ORG" and a.in_kb and a.country:
            mentions = []
            for m in a.mentions:
                after = country_at.get(m.end + 1) if m.kind == "name" and original[m.end : m.end + 1] == " " else None
                if after and after[0] == a.country:
                    absorbed.add((m.end + 1, after[1]))
                    m = dataclasses.replace(m, end=after[1], text=original[m.start : after[1]])
                mentions.append(m)
            if tuple(mentions) != a.mentions:
                a = dataclasses.replace(a, mentions=tuple(mentions))
        out.append(a)
    if not absorbed:
        return actors
    result = []
    for a in out:
        if a.type == "GPE" and any((m.start, m.end) in absorbed for m in a.mentions):
            kept = tuple(m for m in a.mentions if (m.start, m.end) not in absorbed)
            if not kept:
                continue
            a = dataclasses.replace(a, mentions=kept)
        result.append(a)
    return tuple(result)


def _titles_of_new_people(story: _Story, new: list[Actor], taken: list[tuple[int, int]]) -> list[Actor]:
    """A title without a name that the knowledge base cannot resolve ('وزير العدل') is the new person
    the article named with that title ('وزير العدل الكيني فلان'): the one whose role begins with it."""
    roles = {a.id: match_key(a.role["title"]) for a in new if a.type == "PER" and a.role}
    if not roles:
        return new
    used = taken + [(m.start, m.end) for a in new for m in a.mentions]
    # 'رئيس' right before an organisation is that organisation's head ('رئيس نادي هجر'): it is the
    # office of a person whose role names that organisation too, not any role that begins with 'رئيس'
    orgs = {m.start for a in (*story.article.actors, *new) if a.type == "ORG" for m in a.mentions}
    firsts = {a.role["title"].split()[0][-3:] for a in new if a.id in roles}  # a cheap test before tokenising
    original = story.article.original
    extra: dict[str, list[ActorMention]] = {}
    for lo, hi in story.ranges:
        if not any(f in original[lo:hi] for f in firsts):
            continue
        toks = story.tokens(lo, hi)
        for t in find_mentions(toks, story.article.language):
            if t.title_kind is None:
                continue
            start, end = _after_clitic(toks[t.i], t.clitic_chars), toks[t.j - 1].end
            if _overlaps(used, start, end):
                continue
            key = match_key(original[start:end])
            # before an organisation, a longer role must go on with the organisation's first word
            longer = f"{key} {toks[t.j].key}" if t.j < len(toks) and toks[t.j].start in orgs else key
            owners = [pid for pid, role in roles.items() if role == key or role == longer or role.startswith(longer + " ")]
            if len(owners) == 1:
                extra.setdefault(owners[0], []).append(ActorMention(start, end, original[start:end], "title"))
    return [_with_mentions(a, extra[a.id]) if a.id in extra else a for a in new]


def _other_occurrences(story: _Story, linked: list[Actor], taken: list[tuple[int, int]], min_words: int = 1) -> list[Actor]:
    """An ambiguous name the tagger settled once is settled wherever the article writes it, as the
    linker settles a name the article names unambiguously elsewhere (with ``min_words``, only the
    names of that many words or more, not titles: a new name written again untagged)."""
    original = story.article.original
    wanted = {
        key: a.id for a in linked for m in a.mentions
        if len(key := tuple(match_key(m.text).split())) >= min_words and (min_words == 1 or m.kind == "name")
    }
    if not wanted:
        return linked
    lengths: dict[str, list[int]] = {}  # a name's first word -> the lengths of the names it begins, longest first
    for key in wanted:
        lengths.setdefault(key[0], []).append(len(key))
    for first in lengths:
        lengths[first] = sorted(set(lengths[first]), reverse=True)
    extra: dict[str, list[ActorMention]] = {}
    for lo, hi in story.ranges_with(frozenset(lengths)):
        toks = story.tokens(lo, hi)
        keys = [t.key for t in toks]
        for i, key in enumerate(keys):
            for n in lengths.get(key, ()):
                entry = wanted.get(tuple(keys[i : i + n])) if i + n <= len(keys) else None
                if entry is None:
                    continue
                start, end = toks[i].start, toks[i + n - 1].end
                if not _overlaps(taken, start, end):
                    extra.setdefault(entry, []).append(ActorMention(start, end, original[start:end], "name"))
                    break
    return [_with_mentions(a, extra.get(a.id, ())) for a in linked]


def _join_by_id(actors: tuple[Actor, ...]) -> tuple[Actor, ...]:
    """One actor per id, its mentions together (in text order)."""
    by_id: dict[str, Actor] = {}
    for a in actors:
        if a.id in by_id:
            a = _with_mentions(by_id[a.id], a.mentions)
        by_id[a.id] = a
    return tuple(by_id.values())


def _titles_before_new_names(article: Article, new: list[Actor]) -> tuple[tuple[Actor, ...], list[Actor]]:
    """A title the linker resolved by date or context ('الملك' -> the king of the day) that stands right
    before a name the tagger found, or that the name took as its title after it ('X، رئيس الهيئة'), is
    that name's title ('مطار الملك خالد', 'الرئيس قاديروف'): the new
    name is the knowledge-base person when it shares a word with their names (a spelling the knowledge
    base lacks), else the title leaves the person it was resolved to."""
    kb = load_kb()
    original = article.original
    people = {m.start: a for a in new if a.type == "PER" for m in a.mentions}
    # and an office written right after a new name as its title ('سعيد غدران، رئيس الهيئة ...')
    titled = [(m.start, m.end, a) for a in new if a.type == "PER" for m in a.mentions if m.kind == "title"]
    absorbed: dict[str, list[ActorMention]] = {}
    known = []
    for actor in article.actors:
        if actor.type != "PER" or not actor.in_kb:
            known.append(actor)
            continue
        kept = []
        for m in actor.mentions:
            after = m.end + (1 if original[m.end : m.end + 1].isspace() else 0)
            person = people.get(after) if m.kind == "title" else None
            besides: frozenset[str] = frozenset()
            if person is None and m.kind == "title":
                person = next((a for s, e, a in titled if s < m.end and m.start < e), None)
                besides = given_names()  # 'محمد حسینی، سخنگوی دولت' is not Mohammad Bagher Nobakht
            if person is None:
                kept.append(m)
            elif _shares_a_name_word(person, kb.entries[actor.id].all_names(), besides):
                kept.append(m)
                absorbed.setdefault(actor.id, []).extend(person.mentions)
        if kept:
            known.append(dataclasses.replace(actor, mentions=tuple(kept)))
    moved = {m for ms in absorbed.values() for m in ms}
    known = [_with_mentions(a, absorbed[a.id]) if a.id in absorbed else a for a in known]
    return tuple(known), [a for a in new if not moved & set(a.mentions)]


def _shares_a_name_word(actor: Actor, names: list[str], besides: frozenset[str] = frozenset()) -> bool:
    """Whether a word of three letters or more, not one of ``besides``, is in the actor's mentions and names."""
    words = {w for m in actor.mentions for w in match_key(m.text).split() if len(w) >= 3} - besides
    return any(w in words for name in names for w in match_key(name).split() if len(w) >= 3)


def _people_by_last_word(names: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """(actor id, name key) pairs -> last word of each name of two words or more -> the actors so named."""
    out: dict[str, set[str]] = {}
    for actor_id, key in names:
        words = key.split()
        if len(words) >= 2:
            out.setdefault(words[-1], set()).add(actor_id)
    return out


def _merge_provisional(new: list[Actor], language: str | None) -> list[Actor]:
    """New names of one article that are one actor: a name with a proclitic ('لجوجل') joins the same
    name without it ('جوجل'), its mention starting after the clitic; a person's last name alone joins
    the one person of the article whose full name ends with it ('پارسا' -> 'امیدعلی پارسا')."""
    by_id = {a.id: a for a in new}
    target: dict[str, tuple[str, int]] = {}  # actor id -> (the actor it joins, letters to skip)
    surnames = _people_by_last_word((a.id, a.id.split(":", 2)[2].replace("_", " ")) for a in new if a.type == "PER")
    for a in new:
        typ, key = a.id.split(":", 2)[1:]
        if "_" in key:
            continue
        if language == "ar":
            for rest, letters in clitic_forms(key, lexicon().proclitics):
                if f"new:{typ}:{rest}" in by_id:
                    target[a.id] = (f"new:{typ}:{rest}", letters)
                    break
        owners = surnames.get(key, set())
        if a.id not in target and typ == "PER" and len(owners) == 1:
            target[a.id] = (next(iter(owners)), 0)
    if not target:
        return new
    extra: dict[str, list[ActorMention]] = {}
    for source, (dest, letters) in target.items():
        for m in by_id[source].mentions:
            skip = _skip_letters(m.text, letters) if letters else 0
            extra.setdefault(dest, []).append(ActorMention(m.start + skip, m.end, m.text[skip:], m.kind, m.honorific))
    return [_with_mentions(a, extra[a.id]) if a.id in extra else a for a in new if a.id not in target]


def _merge_surnames(known: tuple[Actor, ...], new: list[Actor], language: str | None) -> tuple[Actor, ...]:
    """A new one-word name that is the last word of a person the article already names in full
    ('وقال حسين' after 'فؤاد حسين') is a mention of that person, not a new actor; so is a new name that
    is an ambiguous name of one entry the article already names ('الأهلي' after 'النادي الأهلي', settled
    as Jeddah's club): the tagger says it is a name, the article says whose. A name the tagger gives
    another kind is not that entry ('إلى المدينة' tagged as a place is the city, not the paper
    '«المدينة»'), except that a state or city is also tagged as its government ('روابط ایران و هند')."""
    surnames = _people_by_last_word((a.id, match_key(m.text)) for a in known if a.type == "PER" for m in a.mentions if m.kind == "name")
    named = {a.id: a.type for a in known if a.in_kb}
    names = lexicon().names
    extra: dict[str, list[ActorMention]] = {}
    kept = []
    for a in new:
        key = match_key(next(m.text for m in a.mentions if m.kind == "name"))
        owners = surnames.get(key, set()) if a.type == "PER" and " " not in key else set()
        if not owners:
            owners = {r.entry_id for r in names.get(key, ()) if r.reads_in(language) and _may_be(a.type, named.get(r.entry_id))}
        if len(owners) == 1:
            extra.setdefault(owners.pop(), []).extend(a.mentions)
        else:
            kept.append(a)
    return tuple(_with_mentions(a, extra[a.id]) if a.id in extra else a for a in known) + tuple(kept)


def _may_be(tagged: str, entry_type: str | None) -> bool:
    """Whether a name the tagger gave type ``tagged`` may be an entry of ``entry_type``."""
    if entry_type == "GPE":
        return tagged != "PER"
    return entry_type == tagged or (entry_type == "LOC" and tagged == "GPE")


FACILITY = "FAC"  # a named facility's label inside this stage: a LOC, not cut down as a tagger's place is
NER_TYPES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "GPE", FACILITY: "LOC"}
MIN_NEW_NAME_CHARS = 3


# The Persian tagger is conservative in news (mention precision 0.98, recall 0.82-0.86 on the read
# actor sets): half a point off its O label finds 1-2% more actors for 1-2% less precision. The
# Arabic one's precision is 0.86-0.90 already; there the same trade adds mostly phrases ('رحمه الله').
O_PENALTY = {"fa": 0.5}


def _ner_spans(article: Article) -> list[tuple[int, int, str]]:
    """Entity spans from the statistical tagger over the story (none when no model ships for the
    article's language)."""
    from rasad.actors import ner

    lang = article.language
    if lang not in ner.LANGS:
        return []
    ranges = [(s.start, s.end) for s in article.sentences] or [(p.start, p.end) for p in article.paragraphs]
    found = [token_matches(article.original, s, e) for s, e in ranges]
    token_spans = [list(map(re.Match.span, matches)) for matches in found]
    sentences = [list(map(re.Match.group, matches)) for matches in found]
    try:
        tags = ner.tag_sentences(sentences, lang, kb=_kb_token_tags(article, ranges, token_spans), o_penalty=O_PENALTY.get(lang, 0.0))
    except ner.ModelMissing:
        return []
    spans: list[tuple[int, int, str]] = []
    for offs, seq in zip(token_spans, tags):
        for (a, b), tag in zip(offs, seq):
            if tag.startswith("B-") or (tag.startswith("I-") and not (spans and spans[-1][2] == tag[2:] and spans[-1][1] >= a - 1)):
                spans.append((a, b, tag[2:]))
            elif tag.startswith("I-"):
                spans[-1] = (spans[-1][0], b, spans[-1][2])
    return spans


KUNYA = frozenset(match_key(w) for w in ("أبو", "أبي", "أبا"))  # 'father of', a name of two words after 'بن'
NAME_PREFIXES = frozenset({"عبد", "ابو", "ام"})  # the first word of a two-word given name ('عبد الله')


def _patronymic_names(story: _Story, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Arabic names the tagger missed that their form gives away: a given name, then 'بن' and the
    father's name (again for the grandfather), then a family name with ال or after آل ('نزار بن
    عبيد مدني' is read as far as 'نزار بن عبيد'; 'مساعد بن محمد العيبان' whole)."""
    lex = lexicon()
    stop = _not_name_words(False, calendar=False)
    family = native_names(story.article.language)[FAMILY]
    out: list[tuple[int, int, str]] = []
    for lo, hi in story.ranges:
        if "بن " not in story.article.original[lo:hi] and "بنت " not in story.article.original[lo:hi]:  # most: no patronymic
            continue
        toks = story.tokens(lo, hi)
        keys = [t.key for t in toks]
        i = 0
        while i < len(toks) - 2:
            if keys[i + 1] not in PATRONYMIC or not _name_word(keys[i], stop) or not _name_word(keys[i + 2], stop):
                i += 1
                continue
            first = i - 1 if i and keys[i - 1] in NAME_PREFIXES else i
            j = i + 3
            while True:
                if keys[j - 1] in KUNYA and j < len(toks) and _name_word(keys[j], stop):
                    j += 1  # a father's kunya: 'بن أبي طالب'
                if not (j + 1 < len(toks) and keys[j] in PATRONYMIC and _name_word(keys[j + 1], stop)):
                    break
                j += 2
            if j + 1 < len(toks) and keys[j] == "ال" and keys[j + 1].isalpha():  # 'آل حرمان': any word after 'آل'
                j += 2
                if not keys[j - 1].startswith("ال") and j < len(toks) and _nisba(keys[j]):
                    j += 1  # and the tribe's name after the clan's: 'آل حرمان الشهراني', not 'آل الشيخ المشرف'
            elif j < len(toks) and keys[j].startswith("ال") and _name_word(keys[j], stop) and keys[j] not in lex.names and keys[j] not in FUNCTION_WORDS:
                j += 1
            elif j < len(toks) and (keys[j] in family or _foreign_surname(toks, j, stop)):
                j += 1  # a family name without ال: of the name list ('أحمد بن عبدالعزيز قطان'), or a name word
                # the name ends with ('مازن بن محمد بترجي على')
            start, end = toks[first].start, toks[j - 1].end
            if not _overlaps(taken, start, end):
                out.append((start, end, "PER"))
            i = j
    return out


# Words right before a person's name in Arabic news that are no office: a profession or a status
# ('للشاعر ضيدان المريخي', 'الناشط عارف عمر'); with a proclitic too. (The tagger's name-position
# feature has its own, wider cue list: ner_data.NAME_CUES.)
PROFESSION_CUES = frozenset(match_key(w) for w in (
    "الشاعر", "الشاعرة", "الناشط", "الناشطة", "الكاتب", "الكاتبة", "الفنان", "الفنانة", "اللاعب", "اللاعبة",
    "المدرب", "الداعية", "الإعلامي", "الإعلامية", "الصحفي", "الصحافي", "المواطن", "المواطنة", "المغرد",
    "الباحث", "المحلل", "الزميل", "الزميلة", "المخرج", "الممثل", "المطرب", "الروائي",
    "يدعى", "تدعى", "يُدعى", "المدعو", "المدعوة", "يسمى", "اسمه",  # 'متطوع يدعى علي مطر': named so
))


# Words that stand after titles as often as names do: 'ارسل' (send), 'موافق' (agreeing) follow 'الكاتب',
# 'اللاعب'. The preposition 'على' folds to the name 'علي': it is told by its spelling (PREPOSITION_ALA).
NOT_NAMES = frozenset(match_key(w) for w in ("ارسل", "أرسل", "موافق", "عن", "إلى", "في", "من", "مع"))
PREPOSITION_ALA = "على"
ADJECTIVE_ENDING = "یه"  # 'الجوية', 'الإنسانية' (folded): an adjective, not a family name
# ال-words that end no name: 'علي بدر الذي', 'صباح اليوم', 'الغامدي الرأي'
NOT_FAMILY_NAMES = frozenset(match_key(w) for w in ("الذي", "التي", "الذين", "اللذين", "اليوم", "الأمس", "الآن", "الرأي", "القنصل"))


BUSINESS = frozenset({match_key("الأعمال")})  # 'رجل الأعمال', 'سيدة الأعمال': a businessman, a businesswoman
BUSINESS_PEOPLE = frozenset(match_key(w) for w in ("رجل", "سيدة", "رجال", "سيدات"))


@cache
def _cue_words() -> frozenset[str]:
    """The first words of office titles, the profession cues and the one-word honorifics: a name may
    follow them."""
    return lexicon().title_first | PROFESSION_CUES | _one_word_honorifics() | BUSINESS


@cache
def _one_word_honorifics() -> frozenset[str]:
    """'العميد', 'الدكتور', 'اللواء': right before a name, as a profession is ('وقال العميد بسام عطية')."""
    return frozenset(h for h in lexicon().honorifics if " " not in h)


def _names_after_titles(story: _Story, titles: "_Titles", taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Arabic names the tagger missed right after an office or a profession ('رئيس نادي هجر سامي
    الملحم', 'للشاعر نواف الشلاحي', 'وزير الطاقة الروسي الكسندر نوفاك'): a word that starts names
    (a known given name, or one the raw news writes after titles: the tagger's name positions), then
    one or two more name words (a family name with ال, a word that follows first names, 'بن X')."""
    firsts, follows = _name_positions(story.article.language)
    if not firsts:
        return []
    given = _given_names(story.article.language)
    stop = _not_name_words(False)
    maybe_name = _surname_test(story.article.language)
    role_last = _role_last_words()
    # an organisation the linker found, with an office word before it: 'رئيس نادي هجر'
    heads_of = {m.end: m.start for a in story.article.actors if a.type == "ORG" for m in a.mentions if m.kind == "name"}
    out: list[tuple[int, int, str]] = []
    for lo, hi in story.ranges_with(_cue_words()):
        toks = story.tokens(lo, hi)
        keys = [t.key for t in toks]
        starts, ends = story.bounds(lo, hi)
        # the words a cue, or an organisation the linker found, stands right before (most words: none)
        after_org = {o + 1 for e in heads_of if lo < e <= hi and (o := bisect.bisect_left(ends, e)) < len(ends) and ends[o] == e}
        i = 1
        for k in sorted(after_org.union(compress(range(1, len(keys) + 1), map(_may_cue_a_name, keys)))):
            if k < i or k >= len(toks) - 1:
                continue
            i = k
            before = keys[i - 1]
            org = heads_of.get(toks[i - 1].end)
            attribute = _a_persons_attribute(before) or (before in BUSINESS and i > 1 and keys[i - 2] in BUSINESS_PEOPLE)
            if not (org is not None or before in role_last or attribute) or keys[i] in NOT_NAMES or toks[i].text == PREPOSITION_ALA:
                continue
            # a given name no list has ('ضيدان', 'دحيم') may start one too, when no everyday word
            if keys[i] not in firsts and (keys[i].startswith("ال") or not maybe_name(toks[i])):
                continue
            cue = attribute
            if org is not None:  # the organisation's first word, when a token starts there
                org = o if (o := bisect.bisect_left(starts, org)) < len(starts) and starts[o] == org else None
            cue = cue or (org is not None and org > 0 and bool(title_heads(keys[org - 1])))
            if (not cue and (before not in role_last or titles.before(toks[i].start) is None)) or _overlaps(taken, toks[i].start, toks[i].end):
                continue
            j = i + 1
            while j < len(toks) and j - i < 3:
                key = keys[j]
                if key in PATRONYMIC and j + 1 < len(toks) and _name_word(keys[j + 1], stop):
                    j += 2
                elif _name_word(key, stop) and key not in lexicon().names and (
                    key in given or key in follows
                    or (_family_or_adjective(key) and not key.endswith(ADJECTIVE_ENDING) and key not in NOT_FAMILY_NAMES)
                ):
                    j += 1
                else:
                    break
            if j == i + 1 and keys[i] in given and _foreign_surname(toks, i + 1, stop):
                j = i + 2  # 'وزير الطاقة الروسي الكسندر نوفاك،'
            if keys[i] not in firsts and j > i + 1 and not (keys[i + 1] in given or keys[i + 1] in follows or keys[i + 1] in PATRONYMIC or _nisba(keys[i + 1])):
                j = i + 1  # an unlisted first word wants a name after it: 'ضيدان المريخي', not 'قائد أسراب القوات'
            if j > i + 1 and not _overlaps(taken, toks[i].start, toks[j - 1].end):
                out.append((toks[i].start, toks[j - 1].end, "PER"))
            i = j
    return out


def _nisba(key: str) -> bool:
    """An Arabic family or tribe name of relation: an ال-word ending in 'ي' ('الشهراني', 'المريخي'), not
    the feminine adjective ('الجوية') nor an ordinary word that ends no name."""
    return _family_or_adjective(key) and key.endswith("ی") and key not in NOT_FAMILY_NAMES


# Short everyday words that end a run of name words ('قال محمد إن وزير', 'علی را وزیر').
FUNCTION_WORDS = frozenset(match_key(w) for w in (
    "إن", "أن", "في", "من", "على", "إلى", "عن", "مع", "قد", "لا", "لم", "لن", "ما", "هذا", "هذه", "ذلك", "التي", "الذي",
    "كان", "كانت", "قال", "وقال", "أكد", "بعد", "قبل", "حيث", "كما", "ثم", "أو", "هو", "هي", "وهو", "وهي", "أمس", "اليوم",
    "را", "که", "از", "به", "در", "با", "و", "یا", "تا", "برای", "این", "آن", "هم", "نیز", "گفت", "کرد", "شد", "است",
    "بود", "اما", "اگر", "بر", "بین", "پس", "پیش", "وی", "او", "روز", "دیروز", "امروز", "هفته",
))
QUOTE_OPENERS = frozenset({"«", '"', "“", "("})
MAX_QUOTED_NAME = 4  # words of a name in quotes before an office ('«ژاک دله» وزیر کشور فرانسه')


# A name in quotes right after a word for what it names ('وبگاه خبری «وطن»', 'زندان «الحائر»', 'بصحيفة
# "الرياضي"'): the quotes mark a name the reader may not know, the word before says what it names.
QUOTED_NAME_HEADS = {match_key(w): label for label, words in (
    ("ORG", ("سایت", "وبسایت", "وبگاه", "پایگاه", "روزنامه", "نشریه", "هفته‌نامه", "ماهنامه", "مجله", "شبکه",
             "خبرگزاری", "باشگاه", "تیم", "شرکت", "حزب", "جنبش", "گروه", "سازمان", "موسسه", "مؤسسه", "بنیاد", "انجمن",
             "کانال", "رادیو", "تلویزیون", "صحيفة", "جريدة", "مجلة", "موقع", "قناة", "وكالة", "شركة", "نادي", "فريق",
             "حزب", "حركة", "جماعة", "تنظيم", "جمعية", "مؤسسة", "برنامج", "مجموعة", "فرقة", "كتيبة", "لواء")),
    ("LOC", ("زندان", "هتل", "بیمارستان", "پادگان", "اردوگاه", "میدان", "سجن", "فندق", "مستشفى", "معسكر", "مخيم",
             "ميدان", "مطار", "فرودگاه", "بندر", "ميناء", "قاعدة", "منطقه", "منطقة", "قرية", "روستای", "شهرک")),
) for w in words}
QUOTE_CLOSER_OF = {"«": "»", '"': '"', "“": "”"}
MAX_QUOTED = 4  # words inside the quotes
MAX_HEAD_GAP = 2  # words between the head and the quotes ('وبگاه خبری «وطن»', 'صحيفة الشرق الأوسط')


def _quoted_names(story: _Story, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Names in quotes right after a word that says what they name (QUOTED_NAME_HEADS), and people: a
    given name and a word after it, in quotes."""
    out: list[tuple[int, int, str]] = []
    original = story.article.original
    given = _quoted_given_names()  # Persian news quotes Arab names too
    for lo, hi in story.ranges:
        if not any(q in original[lo:hi] for q in QUOTE_CLOSER_OF):
            continue
        toks = story.tokens(lo, hi)
        for k, tok in enumerate(toks):
            closer = QUOTE_CLOSER_OF.get(tok.text)
            if closer is None or k == 0:
                continue
            end = next((j for j in range(k + 1, min(len(toks), k + MAX_QUOTED + 2)) if toks[j].text == closer), None)
            if end is None or end == k + 1 or not all(_name_edge(t) or t.text in "-ـ" for t in toks[k + 1 : end]):
                continue
            label = next((QUOTED_NAME_HEADS[h] for t in toks[max(0, k - MAX_HEAD_GAP - 1) : k] if (h := _quoted_head(t.key))), None)
            if label is None and end - k == 3 and toks[k + 1].key in given and toks[k + 2].key not in given:
                label = "PER"  # a given name and one more word in quotes: '"سامي ابوزهري"'
            start, stop = toks[k + 1].start, toks[end - 1].end
            if label and not _overlaps(taken, start, stop):
                out.append((start, stop, label))
    return out


def _describes(original: str, span: tuple[int, int, str], quoted: list[tuple[int, int, str]]) -> bool:
    """Whether a span is the head word (and an adjective) right before a quoted name."""
    start, end, _ = span
    words = tokens(original, start, end)
    if len(words) > MAX_HEAD_GAP + 1 or not _quoted_head(words[0].key):
        return False
    return any(0 < q_start - end <= 3 and not original[end:q_start].strip(" «\"“") for q_start, _, _ in quoted)


def _quoted_head(key: str) -> str | None:
    if key in QUOTED_NAME_HEADS:
        return key
    for form, _ in clitic_forms(key, ("و", "ب", "ل", "ف", "وب", "ول", "فب")):
        if form in QUOTED_NAME_HEADS:
            return form
    return None


def _names_before_titles(story: _Story, titles: "_Titles", taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Names the tagger missed right before an office title: a name in quotes ('«ژاک دله» وزیر کشور
    فرانسه'), a known given name and one or two more words ('محمد حسینی سخنگوی دولت'), or a word and a
    listed family name before a comma or a bracket ('داورد سلطانی (رئیس کمیته فنی)', a misspelt given name)."""
    lex = lexicon()
    given, names = _given_names(story.article.language), native_names(story.article.language)
    family, family_words = names[FAMILY], names[FAMILY_WORD]
    stop = _not_name_words(True)
    name_word = lambda t: _name_word(t.key, stop) and t.key not in lex.names  # noqa: E731
    out: list[tuple[int, int, str]] = []
    for lo, hi in story.ranges_with(lex.title_first):  # an office title must follow the name
        toks = story.tokens(lo, hi)
        for i, tok in enumerate(toks[:-2]):
            if tok.text in QUOTE_OPENERS:
                k = next((k for k in range(i + 2, min(len(toks), i + 2 + MAX_QUOTED_NAME)) if toks[k].text in QUOTE_CLOSERS), None)
                if k is None or k + 1 >= len(toks) or not title_heads(toks[k + 1].key):
                    continue
                words = toks[i + 1 : k]
            elif tok.key in given and tok.text != PREPOSITION_ALA:
                words = next((toks[i:j] for j in (i + 3, i + 2) if _title_at(toks, j)), [])
                if not words or not all(name_word(w) for w in words[1:]):
                    continue
            elif _family_apposition(toks, i, family, family_words) and name_word(tok):
                words = toks[i : i + 2]  # an unlisted given name, a listed family name, a comma or a bracket, a title
            else:
                continue
            start, end = words[0].start, words[-1].end
            if all(name_word(w) or w.key in given for w in words) and not _overlaps(taken, start, end) and titles.after(end):
                out.append((start, end, "PER"))
    return out


def _family_apposition(toks: list[Token], i: int, family: frozenset[str], family_words: frozenset[str]) -> bool:
    """Whether the word after ``i`` is a listed family name and an office title follows it after a comma or
    a bracket; a family name that is an everyday word too ('سلطانی', royal) only before a bracket."""
    mark, key = toks[i + 2].text, toks[i + 1].key
    return ((key in family and mark in APPOSITION_MARKS) or (key in family_words and mark == "(")) and _title_at(toks, i + 2)


# a name, a comma (or a bracket), and the office: 'محمد حسینی، سخنگوی دولت', 'خسرو امینی (نایب رئیس فدراسیون)'
APPOSITION_MARKS = frozenset({"،", ",", "("})
JOINERS = "\u200c\u200d\u200e\u200f"  # zero-width (non-)joiners and direction marks, written between words too


def _next_word(original: str, end: int, start: int) -> bool:
    """Whether the word at ``start`` follows ``end`` with nothing or one space between, and perhaps a joiner
    the text leaves beside it ('«آهلين»\u200c نايب رئيس', 'ولی\u200e پور')."""
    return original[end:start].strip(JOINERS) in ("", " ")


def _title_at(toks: list[Token], j: int) -> bool:
    """Whether an office title starts at ``j``, or right after a comma there."""
    if j < len(toks) and toks[j].text in APPOSITION_MARKS:
        j += 1
    return j < len(toks) and bool(title_heads(toks[j].key))


@cache
def _foreign_given_names(language: str | None) -> frozenset[str]:
    """Foreign given names as the language's news transliterates them ('آلان', 'أنتونيو'), from
    ``lang/common/foreign_given_names.json`` (spellings that are also everyday words are left out
    there), folded by :func:`_as_spelt`: the alef's hamza or madda stays, for 'آلان' is not 'الآن' (now)."""
    if language not in ("fa", "ar"):
        return frozenset()
    names = read_data("common/foreign_given_names.json")["names"]
    return frozenset(_as_spelt(n) for entry in names for n in entry.get(language, ()))


def _as_spelt(text: str) -> str:
    """A word with its letters in their Persian forms (the normaliser's table: yeh, kaf) and no marks,
    tatweel or ZWNJ, its alefs as written (which the match key folds)."""
    t = tables()
    return t["strip_re"].sub("", t["persian"](text)).replace("\u200c", "")


def _foreign_names(story: _Story, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """A foreign person the tagger and the knowledge base do not know, wherever the text writes them:
    a foreign given name (:func:`_foreign_given_names`; in Arabic after a one-letter proclitic too,
    'وأنتونيو') and a surname that no name of the knowledge base, title, honorific, calendar or
    everyday word is ('آلان گارسيا', 'أنتونيو بامبليجا'); after two given names, the third word too
    ('خوسيه لويس ثاباتيرو')."""
    language = story.article.language
    given = _foreign_given_names(language)
    if not given:
        return []
    surname = _surname_test(language)
    keys = foreign_given_keys(language)  # their match keys (a word's key is one when its spelling is one)
    arabic = language == "ar"
    out: list[tuple[int, int, str]] = []
    for lo, hi in story.ranges:
        toks = story.tokens(lo, hi)
        for i, tok in enumerate(toks[:-1]):
            key = tok.key
            if key not in keys and not (arabic and key[:1] in ONE_LETTER_PROCLITICS and key[1:] in keys):
                continue  # most words: a set lookup or two
            spelt = _as_spelt(tok.text)
            clitic = 1 if arabic and spelt not in given and spelt[:1] in ONE_LETTER_PROCLITICS and spelt[1:] in given else 0
            if not (spelt in given or clitic) or not surname(toks[i + 1]):
                continue
            last = i + 1
            if last + 1 < len(toks) and _as_spelt(toks[last].text) in given and surname(toks[last + 1]):
                last += 1
            start = tok.start + _skip_letters(tok.text, clitic)
            if not _overlaps(taken, start, toks[last].end) and not (out and out[-1][1] > start):
                out.append((start, toks[last].end, "PER"))
    return out


@cache
def _surname_test(language: str | None):
    """token -> whether the word may be a foreign person's surname: none of a known name ('جورج بوش' is
    the linker's), an office title, an honorific, a calendar word, an everyday word, or a word the raw
    news writes often and seldom after a foreign given name (the tagger's ``everyday.json``:
    'إليزابيث أيضا', 'برانکو همکاری')."""
    everyday = _everyday_words(language)
    lex, stop, stem = lexicon(), _not_name_words(True), _stems(language)
    arabic = language == "ar"
    return lambda tok: (
        _name_word(tok.key, stop) and tok.key not in lex.names and tok.key not in lex.first_keys and not title_heads(tok.key)
        and stem(tok.key) not in everyday and not (arabic and _and_a_word(_as_spelt(tok.text)))
    )


def _and_a_word(spelt: str) -> bool:
    """An Arabic word (as spelt) that starts with the conjunction و: 'والإعلام', 'وتابعها', 'وأودري'. A name's
    own و is a W or V before a bare alef, a yeh or another و ('ويب', 'وايسنفيل', 'وويدون')."""
    return spelt.startswith("و") and (spelt.startswith("وال") or spelt[1:2] not in ("ا", "ی", "و"))


@cache
def _not_name_words(everyday: bool, calendar: bool = True) -> frozenset[str]:
    """Keys no name word has: honorifics and titles' words, calendar words (unless not ``calendar``)
    and, with ``everyday``, :data:`FUNCTION_WORDS`."""
    lex = lexicon()
    words = lex.honorifics.keys() | title_last_words() | lex.title_first
    return frozenset(words | (_calendar_words() if calendar else set()) | (FUNCTION_WORDS if everyday else set()))


def _foreign_surname(toks: list[Token], k: int, stop) -> bool:
    """Whether the word at ``k``, after a given name, is a surname without ال ('نوفاك'): a name word
    (no verb of the present, 'يزور'), with the name ending right after it (punctuation, an everyday
    word, an office or the end of the paragraph)."""
    key = toks[k].key if k < len(toks) else ""
    if not _name_word(key, stop) or key in FUNCTION_WORDS or key[:1] == "ی" or key in lexicon().names:
        return False
    after = toks[k + 1].key if k + 1 < len(toks) else None
    return after is None or not after.isalpha() or after in FUNCTION_WORDS or bool(title_heads(after))


@cache
def _given_names(language: str | None) -> frozenset[str]:
    """Given names: the knowledge base's, and those of the tagger's training file ('جون', 'رضا')."""
    from rasad.actors.ner import LANGS, ModelMissing, load

    try:
        extra = load(language).given_names if language in LANGS else frozenset()
    except ModelMissing:
        extra = frozenset()
    # foreign given names are spelt with the alef as written: those with a bare alef ('ألكسيس' no, 'جورج'
    # yes) meet the match keys these readings compare, and 'آلان' never meets 'الان' (now)
    return given_names() | extra | _foreign_given_names(language) | native_names(language)[GIVEN]


@cache
def _given_names_of_both() -> frozenset[str]:
    return _given_names("fa") | _given_names("ar")


@cache
def _quoted_given_names() -> frozenset[str]:
    """The given names of both languages, with those of the name lists that are everyday words too
    ('سامي', lofty; 'امید', hope): in quotes before one more word, such a word is a name."""
    return _given_names_of_both() | native_names("fa")[GIVEN_WORD] | native_names("ar")[GIVEN_WORD]



@cache
def _place_adjectives() -> frozenset[str]:
    """The knowledge base's adjectives of places ('السعودي', 'العماني'): no family name after a given one."""
    return frozenset(key for key, refs in lexicon().names.items() if any(r.adjective for r in refs))


def _given_and_family_names(story: _Story, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """People the tagger missed, named by a given name and a family name right after it, both of the
    language's name lists and the family name no everyday word ('روح‌الله بیات', 'رنا ريري', 'لاله
    افتخاری'), or in Arabic a
    family name of relation that is no country's adjective ('عمار السلومي'); a second family name may
    follow ('ولی‌پور مطلق')."""
    given = _given_names(story.article.language)
    names = native_names(story.article.language)
    family, given_words = names[FAMILY], names[GIVEN_WORD]
    if not family:
        return []
    arabic = story.article.language == "ar"
    adjectives = _place_adjectives() if arabic else frozenset()
    noun = _takes_article(story.article.language)
    original = story.article.original
    out: list[tuple[int, int, str]] = []
    for lo, hi in story.ranges:  # tokenised already by the actors stage: set lookups, no text search
        toks = story.tokens(lo, hi)
        for i in range(len(toks) - 1):
            name = toks[i + 1].key
            if name not in family and not (
                arabic and name[-1:] == "ی" and name[:2] == "ال" and _nisba(name) and name not in adjectives and not noun(name[2:])
            ):
                continue  # ('الأراضي', lands, is written without ال too: a noun, no family)
            first = toks[i].key
            if arabic and first[:1] == "و" and first not in given:
                first = first[1:]  # 'وعمار السلومي': the conjunction comes off later (_after_proclitic)
            # a given name that is an everyday word too ('لاله', tulip) before a listed family name
            if (first not in given and not (first in given_words and name in family and not toks[i].text.startswith("ال"))) or toks[i].text == PREPOSITION_ALA:
                continue
            if not _next_word(original, toks[i].end, toks[i + 1].start):
                continue
            last = i + 1
            if last + 1 < len(toks) and toks[last + 1].key in family and _next_word(original, toks[last].end, toks[last + 1].start):
                last += 1
            if not _overlaps(taken, toks[i].start, toks[last].end):
                out.append((toks[i].start, toks[last].end, "PER"))
    return out


@cache
def _name_positions(language: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """Match keys that start a person's name (given names, and words the raw news often writes right
    after a title) and that follow a first name, from the tagger's name positions (Arabic)."""
    if language != "ar":
        return frozenset(), frozenset()
    from rasad.actors.ner import ModelMissing, load

    try:
        features = load(language).features
    except ModelMissing:
        return frozenset(), frozenset()
    # a first name has no article ('الأجنبي', 'التنفيذي' follow titles as adjectives); a following word
    # must be seen there often ('h'): 'm' takes in verbs ('يجتاز') and conjunctions
    firsts = {k for k, grade in features.first_names.items() if grade in ("h", "m") and not k.startswith("ال")}
    follows = {k for k, grade in features.next_names.items() if grade == "h" and not k.startswith("و")}
    return frozenset(firsts | _given_names(language)), frozenset(follows)


ORG_HEADS = frozenset(match_key(w) for w in (
    "وزارة", "هيئة", "مجلس", "غرفة", "اتحاد", "الاتحاد", "حزب", "الحزب", "جمعية", "منظمة", "شركة", "جامعة",
    "بنك", "البنك", "مصرف", "لجنة", "اللجنة", "سفارة", "قنصلية", "مؤسسة", "صندوق", "الجيش", "جيش", "شرطة",
    "مديرية", "محكمة", "نادي", "منتخب", "المنتخب", "السفارة", "القنصلية", "برلمان", "البرلمان", "حكومة", "الحكومة", "وكالة",
    "بلدية", "أمانة", "إمارة", "قوات", "القوات", "الشرطة", "المقاومة", "الشركة", "المنظمة", "نیروهای", "نظامیان",
    "وزارت", "سازمان", "شورای", "اتاق", "اتحادیه", "جمعیت", "انجمن", "شرکت", "دانشگاه", "بانک", "کمیته",
    "کمیسیون", "ستاد", "اداره", "استانداری", "فرمانداری", "شهرداری", "سفارت", "کنسولگری", "بنیاد", "صندوق",
    "ارتش", "پلیس", "دادگاه", "باشگاه", "تیم", "فدراسیون", "پارلمان", "دولت", "هیئت", "خبرگزاری",
    "شبه‌نظامیان", "شورشیان", "ستیزه‌جویان", "جنگجویان", "ميليشيات", "مليشيات", "الميليشيات",
    "الاستخبارات", "المخابرات", "استخبارات", "مخابرات",
    "دادسرای", "دادسرا", "دادستانی", "دادگستری", "بخشداری", "دهیاری", "نيابة",
))
# Heads of a place's facility, named by the place ('کاخ سلطنتی ریاض', 'حديقة حيوان واشنطن', 'فرودگاه
# تبریز'): a LOC of the place. Not the words for a town or a quarter ('مدينة الرياض' is Riyadh itself)
# nor 'مركز' (the centre of a place, 'مرکز تهران').
PLACE_FACILITY_HEADS = frozenset(match_key(w) for w in (
    "قصر", "حديقة", "منتزه", "شارع", "جسر", "مسجد", "مطار", "ميناء", "فندق", "ملعب", "استاد",
    "إستاد", "مخيم", "سجن", "برج", "محطة", "قاعة", "متحف", "معرض", "مكتبة",
    "کاخ", "پارک", "خیابان", "بزرگراه", "آزادراه", "جاده", "بلوار", "مسجد", "فرودگاه", "ورزشگاه", "استادیوم",
    "زندان", "پل", "اردوگاه", "نیروگاه", "پالایشگاه", "تالار", "سالن", "موزه", "کتابخانه", "نمایشگاه",
))
ROADS = frozenset({match_key("طريق")})
ORG_GAP = 2  # words between the head and the place ('تیم ملی ایران', 'الحزب المالديفي')


def _ends_a_title(article: Article, start: int, key: str) -> bool:
    """Whether the words before ``start`` and the name's first word make an office title ('وزیر' +
    'کشور', 'وزیر' + 'کشور فرانسه')."""
    table = lexicon().titles.get(article.language or "", {})
    before = tokens(article.original, max(0, start - 40), start)
    first = key.split(" ", 1)[0]
    return any(" ".join([t.key for t in before[-n:]] + [first]) in table for n in (1, 2) if len(before) >= n)


PLACE_LEAD_WORDS = frozenset(match_key(w) for w in (
    "شمال", "جنوب", "شرق", "غرب", "مرکز", "شهر", "حومه", "اطراف",
    "شمال", "جنوب", "شرق", "غرب", "وسط", "مدينة", "بلدة", "قرية", "ضواحي",
))


# Words the tagger lets a name run on over that end none: adverbs and relative pronouns ('عبدالله بن
# سعود همچنین', 'خالد بن عبدالله الذي'), besides the everyday FUNCTION_WORDS.
NOT_NAME_EDGES = frozenset(match_key(w) for w in (
    "همچنین", "نیز", "هنوز", "اکنون", "امشب", "صبح", "عصر", "شب", "فردا", "امسال", "خبرداد", "گفت", "افزود",
    "الذين", "اللذين", "أيضا", "أيضاً", "صباح", "مساء", "باید", "نباید", "شاید",
)) | FUNCTION_WORDS | NOT_FAMILY_NAMES
# Phrases the tagger reads as names that are none: God and the formulas after a name of the dead.
NOT_ACTORS = frozenset(match_key(w) for w in ("الله", "رحمه الله", "رحمها الله", "رحمهم الله", "سبحانه", "سبحانه وتعالى", "خدا", "خداوند"))
OPENERS = {"(": ")", "«": "»", "[": "]"}
ALA_KEY = match_key("على")


def _trimmed(original: str, start: int, end: int, label: str, arabic: bool = False) -> tuple[int, int, str]:
    """A tagger's span without everyday words at its edges, ending before a bracket it opens without
    closing ('فدراسیون ورزش‌های آبی (دریایی'); an organisation's with its head word, and a 'place' that
    begins with one an organisation."""
    text = original[start:end]
    for opener, closer in OPENERS.items():
        cut = text.find(opener)
        if cut > 0 and closer not in text[cut:]:
            end = start + len(text[:cut].rstrip())
            text = original[start:end]
    toks = tokens(original, start, end)
    i, j = 0, len(toks)
    while i < j and (not _name_edge(toks[i]) or (label == "PER" and j - i > 1 and _a_persons_attribute(toks[i].key))):
        i += 1
    while j > i and (not _name_edge(toks[j - 1]) or (j - i > 1 and (
        (arabic and (_conjoined(original, toks[j - 1]) or (label == "PER" and _present_verb(toks[j - 1].key))))
        or (not arabic and (_persian_verb(toks[j - 1].text) or _before_light_verb(original, toks, j)))
    ))):
        j -= 1
    if i == j or " ".join(t.key for t in toks[i:j]) in NOT_ACTORS or (j - i == 1 and label != "PER" and _generic_head(toks[i].key)):
        return start, start, label  # a head word alone names no place or body ('تیم' of 'تیم گذاشتم'; 'بندر' may be a prince)
    start = toks[i].start
    if label == "LOC" and toks[i].key in ORG_HEADS:  # 'دانشگاه صنعتی امیرکبیر': a body, not its campus
        label = "ORG"
    if label == "ORG":  # the tagger's name without its head word ('سميثسونيان' of 'مؤسسة سميثسونيان')
        before = tokens(original, max(0, start - 16), start)
        if before and start - before[-1].end == 1 and original[before[-1].end] == " " and _is_head(before[-1].key, ORG_HEADS, "وبلف"):
            start = before[-1].start
    return start, toks[j - 1].end, label


# Words no name holds: verbs of saying and being, 'that', 'which', a colon ('کشور گفت دولت افغانستان' is two
# names' worth of words around 'گفت', said; 'خبرگزاری فارس: معاون دانشگاه' two around the colon).
SPAN_BREAKS = frozenset(match_key(w) for w in (
    "گفت", "کرد", "شد", "است", "بود", "را", "که", "کند", "شود", "افزود", "قال", "وقال", "أن", "إن", "الذي", "التي", ":",
))


def _split_at_breaks(original: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """A tagger's span cut at the words no name holds (:data:`SPAN_BREAKS`), into the runs between them
    (a word at either edge is trimmed anyway: only a span of three words or more is looked at)."""
    if original.count(" ", start, end) < 2:  # most spans: one or two words
        return [(start, end, label)]
    toks = tokens(original, start, end)
    if not any(t.key in SPAN_BREAKS for t in toks):  # most spans: one pass, no cut
        return [(start, end, label)]
    out, run = [], []
    for t in toks + [None]:
        if t is None or t.key in SPAN_BREAKS:
            if run:
                out.append((run[0].start, run[-1].end, label))
            run = []
        else:
            run.append(t)
    return out


@cache
def _generic_heads() -> frozenset[str]:
    return ORG_HEADS | PLACE_CUE_KEYS | frozenset(FACILITY_HEADS)


def _generic_head(key: str) -> bool:
    """A word that heads names of organisations, places or facilities ('تیم', 'خیابان', 'فرودگاه') and
    is no name of the knowledge base ('مجلس' is, between parliaments, for the linker to settle)."""
    return key in _generic_heads() and key not in lexicon().names


_VERB_ENDINGS = ("ند", "یم", "د", "م")  # not 'ی', 'ید' (you): most names that look like verbs end so ('بستانی', 'سعید')


@lru_cache(maxsize=50_000)
def _persian_verb(text: str) -> bool:
    """A conjugated Persian verb ending a tagger's name ('برانکو بخواهد', 'سازمان مجاهدين مي‌خواهند',
    'فرودگاه زحمت کشیدند'): a form of hazm's verb stems with a prefix (می، نمی، ب، ن), or a past stem
    with 'ند', 'یم' or 'م', that neither hazm's word list (which holds no conjugated verb, but the nouns
    and names they look like: 'نبرد', 'رستم', 'زند') nor Rasad's name lists hold."""
    words = persian_lexicon()
    word = tables()["persian"](text)  # ي ك -> ی ک, as hazm's lists write them
    bare = word.replace(ZWNJ, "")
    if word in words or bare in words or match_key(text) in _person_name_keys():
        return False
    forms = persian_verb_forms()
    ending = next((e for e in _VERB_ENDINGS if bare.endswith(e)), None)
    if ending is None:
        return False
    if any(bare.startswith(p) and bare[len(p) :] in forms for p in PERSIAN_VERB_PREFIXES):
        return True
    return ending != "د" and bare[: -len(ending)] + "ه" in forms  # a past stem ('کشید'): its participle is a form


def _before_light_verb(original: str, toks: list[Token], j: int) -> bool:
    """Whether the span's last word (``toks[j - 1]``) is the first word of a compound verb whose light verb
    follows it ('تیم ملی فوتبال منتشر' + 'کرد', 'فرودگاه زحمت' + 'کشیدند'): a word the raw news mostly
    writes so (the tagger's ``preverbs.json``)."""
    if toks[j - 1].key not in _preverbs():
        return False
    after = toks[j:j + 1] or tokens(original, toks[-1].end, min(len(original), toks[-1].end + 24))
    return bool(after) and after[0].key in light_verbs("fa")


@cache
def _preverbs() -> frozenset[str]:
    """The first words of Persian compound verbs (the tagger's ``preverbs.json``)."""
    return _tagger_words("fa", "preverbs")


@cache
def _person_name_keys() -> frozenset[str]:
    """The match keys of the Persian given and family names of the name lists and the knowledge base's."""
    native = native_names("fa")
    return frozenset().union(*native.values()) | _given_names("fa")


def _present_verb(key: str) -> bool:
    """An Arabic verb of the present after a person's name ('صبري ينفد', 'وسيم يزهو'): a word in 'ي' that
    no name list has (given names in 'ي', 'يوسف', 'يحيى', are listed)."""
    return key[:1] == "ی" and key not in _given_names("ar") and key not in native_names("ar")[FAMILY] and key not in lexicon().names


@lru_cache(maxsize=200_000)
def _may_cue_a_name(key: str) -> bool:
    """Whether a name may follow the word in :func:`_names_after_titles`: a role's last word, a person's
    attribute, or 'الأعمال' (of 'رجل الأعمال')."""
    return key in _role_last_words() or key in BUSINESS or _a_persons_attribute(key)


def _a_persons_attribute(key: str) -> bool:
    """A profession or an honorific before a name, with a proclitic too ('المهندس', 'للشاعر',
    'والداعية'): the person's, not the name's."""
    cues = _person_cues()
    return key in cues or (key[:1] in "ول" and key[1:] in cues) or (key[:2] == "لل" and "ا" + key[1:] in cues)


@cache
def _person_cues() -> frozenset[str]:
    return PROFESSION_CUES | _one_word_honorifics()


def _conjoined(original: str, tok: Token) -> bool:
    """An Arabic word with 'و' glued on ('وبحضور'): the next item of a list, not a name's last word."""
    return tok.key[:1] == "و" and _after_proclitic(original, tok.start, tok.end) > tok.start


def _name_edge(tok: Token) -> bool:
    """Whether a name may begin or end with the token: 'علي' may ('على' folds to it, and may not)."""
    if tok.key == ALA_KEY:
        return tok.text != PREPOSITION_ALA
    return tok.key not in NOT_NAME_EDGES and any(ch.isalnum() for ch in tok.key)


def _places_of_a_list(original: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """A place the tagger read across 'و' ('بريدة وعنيزة', 'تبریز و ارومیه') is a list of places: one span
    each. Names with 'و' inside that the knowledge base knows ('سیستان و بلوچستان') are the linker's."""
    if label != "LOC":
        return [(start, end, label)]
    toks = tokens(original, start, end)
    pieces: list[tuple[int, int, str]] = []
    first = 0
    for k in range(1, len(toks)):
        if toks[k].key == "و" and k + 1 < len(toks):
            if first < k:
                pieces.append((toks[first].start, toks[k - 1].end, label))
            first = k + 1
        elif toks[k].key[:1] == "و" and len(toks[k].key) > 3 and _after_proclitic(original, toks[k].start, toks[k].end) > toks[k].start:
            if first < k:
                pieces.append((toks[first].start, toks[k - 1].end, label))
            pieces.append((toks[k].start, toks[k].end, label))  # its conjunction comes off later
            first = k + 1
    if not pieces:
        return [(start, end, label)]
    if first < len(toks):
        pieces.append((toks[first].start, toks[-1].end, label))
    return pieces


def _without_lead_words(original: str, start: int, end: int) -> int:
    """Where a place's name starts once the direction or generic words the tagger took in are off
    ('شمال شهر مارسی' -> 'مارسی', 'جنوب مدينة الموصل' -> 'الموصل')."""
    name = tokens(original, start, end)
    k = 0
    while k < len(name) - 1 and name[k].key in PLACE_LEAD_WORDS:
        k += 1
    return name[k].start if k else start


def _family_or_adjective(key: str) -> bool:
    """An Arabic ال-word that may end a name ('الصولي', 'الديمقراطي'): not a date word, rank or title."""
    lex = lexicon()
    return (
        key.startswith("ال") and len(key) > 3 and key.isalpha() and key.replace(" ", "") not in _calendar_words()
        and key not in lex.honorifics and key not in lex.title_first and key not in title_last_words()
    )


def _relation_adjective(key: str) -> bool:
    """An Arabic ال-adjective of relation ('الديمقراطي', 'الوطنية'), not a title after the name ('المهندس')."""
    return _family_or_adjective(key) and key.endswith(("ی", "یه"))


HEAD_PROCLITICS = "وف"  # the letters glued before a head word ('ووزارة', 'فالجيش')


def _is_head(key: str, heads: frozenset[str], proclitics: str | frozenset[str] = HEAD_PROCLITICS) -> bool:
    """Whether a token is one of ``heads``, alone or after one proclitic letter ('ووزارة', 'فالجيش')."""
    return key in heads or (key[:1] in proclitics and key[1:] in heads)


def _org_head(key: str) -> bool:
    return _is_head(key, ORG_HEADS)


# Words for a state's armed forces or police: any adjective of the country after one names them.
FORCE_HEADS = frozenset(match_key(w) for w in (
    "قوات", "القوات", "الجيش", "جيش", "شرطة", "الشرطة", "نیروهای", "نظامیان", "ارتش", "پلیس",
    "شبه‌نظامیان", "شورشیان", "ستیزه‌جویان", "جنگجویان", "ميليشيات", "مليشيات", "الميليشيات",
))


def _force_head(key: str) -> bool:
    return _is_head(key, FORCE_HEADS)


def _facility_of_a_place(toks: list[Token], h: int, language: str | None) -> bool:
    """Whether the word at ``h`` heads a facility named by the place after it. An Arabic 'طريق' is a road
    ('طريق تبوك'), but not after 'عن' (by way of); the Persian 'از طریق' always means 'through'."""
    key = toks[h].key
    if _is_head(key, PLACE_FACILITY_HEADS):
        return True
    return language == "ar" and _is_head(key, ROADS) and not (h and toks[h - 1].key in NOT_A_FACILITY_AFTER)


def _institutions_of_places(story: _Story, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Organisations named by an institution word and a place the knowledge base knows: 'غرفة جدة',
    'الاتحاد اللبناني', 'دولت افغانستان', 'تیم ملی ایران'. The place may be a country's definite Arabic
    adjective ('الحزب المالديفي', one more ال-adjective after it: 'الديمقراطي'), never an indefinite one
    ('شركة صينية' is a Chinese company, not one company). A country's forces take any of its adjectives
    ('نیروهای آمریکایی', 'قوات أمريكية', 'القوات التركية'): the armed forces of one state."""
    article = story.article
    places = {}
    adjectives = {}  # the other adjectives: only after a word for armed forces
    for a in article.actors:
        if a.type in PLACE_TYPES and a.in_kb:
            for m in a.mentions:
                if m.kind == "name" or (m.kind == "adjective" and article.language == "ar" and match_key(m.text).startswith("ال")):
                    places[m.start] = m.end
                elif m.kind == "adjective":
                    adjectives[m.start] = m.end
    if not places and not adjectives:
        return []
    out: list[tuple[int, int, str]] = []
    either = places | adjectives
    noun = _takes_article(article.language)
    for lo, hi in story.ranges:
        if not any(lo <= start < hi for start in either):
            continue
        toks = story.tokens(lo, hi)
        at = {t.start: k for k, t in enumerate(toks)}
        for start, end in either.items():
            k = at.get(start)
            if k is None:
                continue
            head = next((h for h in range(k - 1, max(-1, k - 2 - ORG_GAP), -1) if _org_head(toks[h].key) or (
                start in places and _facility_of_a_place(toks, h, article.language))), None)
            if head is None or not all(
                toks[g].key.isalpha() and toks[g].start not in either and toks[g].key not in FUNCTION_WORDS for g in range(head + 1, k)
            ):
                continue
            if start not in places and not _force_head(toks[head].key):
                continue
            label = "ORG" if _org_head(toks[head].key) else FACILITY
            last = max(j for j in range(len(toks)) if toks[j].start < end)
            nxt = last + 1
            if article.language == "ar" and nxt < len(toks) and _relation_adjective(toks[nxt].key) and toks[nxt].start not in places:
                last = nxt
            if article.language == "ar" and label == "ORG":  # and whose it is: 'الاتحاد السعودي لكرة الطائرة'
                last = _whose(toks, last + 1, noun) or last
            span = (toks[head].start, toks[last].end)
            if not any(s < span[1] and span[0] < e and not (s >= start and e <= end) for s, e in taken):
                out.append((span[0], span[1], label))
    return out


# A facility's head word, and what the facility is; after the head comes the person it is named for
# ('مستشفى الملك فهد', 'طريق الملك عبدالعزيز', 'فرودگاه امام خمینی', 'سیلوی شهید رجایی'). The name is
# the place's, not a mention of that person. Words that also mean something else ('ميدان' field, 'حي'
# alive, 'سد' to fill) are left out ('ميدان' and 'ساحة', a field of this or that, only take a namesake with
# a title: 'ميدان الأمير محمد بن نايف'), and so is a head followed by an ordinary word ('حديقة الحيوانات').
FACILITY_HEADS = {match_key(w): label for label, words in (
    ("LOC", ("قصر", "حديقة", "منتزه", "شارع", "طريق", "جسر", "مسجد", "جامع", "مطار", "ميناء", "فندق", "ملعب",
             "استاد", "إستاد", "مخيم", "سجن", "برج", "دوار", "محطة", "قاعة", "مدينة", "ميدان", "ساحة",
             "کاخ", "پارک", "خیابان", "بزرگراه", "بلوار", "مسجد", "فرودگاه", "بندر", "ورزشگاه", "استادیوم", "زندان",
             "شهرک", "پل", "اردوگاه", "سیلوی", "سیلو", "نیروگاه", "پالایشگاه", "تالار", "سالن", "حسینیه", "آرامگاه")),
    ("ORG", ("مستشفى", "جامعة", "كلية", "مدرسة", "مركز", "بیمارستان", "دانشگاه", "دانشکده", "مدرسه", "مرکز")),
) for w in words}
NOT_A_FACILITY_AFTER = frozenset({"عن"})  # 'عن طريق فلان': by way of someone, not a road
FACILITY_KEYS = frozenset(FACILITY_HEADS)
# Titles a facility's namesake carries: a ruler's, a cleric's, a martyr's ('الملك', 'امام', 'شهید').
NAMESAKE_TITLES = frozenset(match_key(w) for w in (
    "الملك", "الملكة", "الأمير", "الأميرة", "الإمام", "الشيخ", "الشهيد", "السلطان", "الرئيس", "الخليفة",
    "ملک", "امیر", "امام", "شهید", "شهیدان", "آیت‌الله", "حضرت", "شیخ", "سردار", "سید",
))
# Words after the name that are still the facility's ('مطار الملك عبدالعزيز الدولي').
FACILITY_TAILS = frozenset(match_key(w) for w in (
    "الدولي", "الدولية", "المركزي", "المركزية", "التخصصي", "التخصصية", "الجامعي", "الجامعية", "العام", "العامة",
    "الرياضي", "الرياضية", "الاقتصادية", "الطبية", "الوطني", "الوطنية", "للعيون", "للأطفال", "للولادة",
    "بین‌المللی",
))


def _named_facilities(story: _Story, taken: list[tuple[int, int]], ner: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Facilities named for a person: a head word (:data:`FACILITY_HEADS`), then a namesake title and a
    given name (with its 'بن X' chain), or a person the linker found or the tagger (``ner``) read; a
    tail word or two may follow. Spans start at the head (its proclitic off later), end after the name;
    none overlaps ``taken``."""
    article = story.article
    people = {m.start: m.end for a in article.actors if a.type == "PER" for m in a.mentions if m.kind == "name"}
    people.update((s, e) for s, e, label in ner if label == "PER" and s not in people)
    person_spans = _person_spans(article)
    others = [span for span in taken if span not in person_spans]
    firsts = _given_names(article.language)
    out: list[tuple[int, int, str]] = []
    namesakes = set(story.ranges_with(NAMESAKE_TITLES))
    for lo, hi in story.ranges_with(FACILITY_KEYS):
        if (lo, hi) not in namesakes and not any(lo <= start < hi for start in people):
            continue  # no title and no person: no facility named for one
        toks = story.tokens(lo, hi)
        for h, tok in enumerate(toks[:-1]):
            label = FACILITY_HEADS.get(tok.key) or (FACILITY_HEADS.get(tok.key[1:]) if tok.key[:1] in "وبلف" else None)
            if label is None or _overlaps(taken, tok.start, tok.end) or (h and toks[h - 1].key in NOT_A_FACILITY_AFTER):
                continue
            j = h + 1
            while j < len(toks) and toks[j].key in NAMESAKE_TITLES:
                j += 1
            if j >= len(toks):
                continue
            if j > h + 1 and (toks[j].key in firsts or _joined_abd(toks, j)):  # a title and a given name
                last = j + 1 if _joined_abd(toks, j) else j
                while last + 2 < len(toks) and toks[last + 1].key in PATRONYMIC and toks[last + 2].key.isalpha():
                    last += 2
                    if toks[last].key in KUNYA and last + 1 < len(toks) and toks[last + 1].key.isalpha():
                        last += 1  # 'بن أبي طالب'
            elif toks[j].start in people:  # a person the linker or the tagger read
                end = people[toks[j].start]
                last = max(k for k in range(j, len(toks)) if toks[k].start < end)
            else:
                continue
            last = _run_on(toks, last, MAX_FACILITY_TAIL, lambda k: _facility_tail(toks[k].key, toks[k - 1].key))
            start, end = tok.start, toks[last].end
            if not _overlaps(others, start, end):
                out.append((start, end, label))
    return out


# Place words before a name (rasad.actors.ner_data.PLACE_CUES; the words the raw news writes after them are
# the tagger's places table). After an administrative word the place is the name alone ('محافظة المندق' ->
# 'المندق', 'شهر سجاس' -> 'سجاس'); a feature's word is part of its name ('حي العنود', 'وادي عقان', 'قاعدة
# العند الجوية'); a port's or an airport's takes a place the knowledge base knows too ('مطار عدن الدولي').
PLACE_NAME_CUES = frozenset(match_key(w) for w in (
    "مدينة", "محافظة", "بلدة", "قرية", "هجرة", "مديرية", "ناحية",
    "شهر", "روستای", "روستا", "استان", "شهرستان", "دهستان",
))
PLACE_HEAD_CUES = frozenset(match_key(w) for w in (
    "حي", "وادي", "جبل", "منطقة", "جزيرة", "ميناء", "مطار", "قاعدة", "شارع",
    "منطقه", "خیابان", "کوه", "دریاچه", "جزیره", "بندر", "فرودگاه", "شهرک",
))
PORT_HEADS = frozenset(match_key(w) for w in (
    "ميناء", "مطار", "قاعدة", "كورنيش", "مصفاة", "فرودگاه", "بندر", "پالایشگاه", "پتروشیمی", "نیروگاه",
))
# Arabic heads whose definite complement is a name ('قصر الصفا', 'حديقة المقصورة', 'مخيم اليرموك'): for these an
# ال-word that is no title or date word is taken even when the raw news has not taught it as a place.
NAMED_FEATURE_HEADS = frozenset(match_key(w) for w in (
    "قصر", "حي", "وادي", "جبل", "شارع", "حديقة", "منتزه", "مخيم", "سجن", "جسر", "دوار", "جبهة",
    "غابة", "مجمع", "بحيرة", "فندق", "ملعب",
))  # not 'ساحة', 'ميدان': 'ساحة المنافسة', 'ميدان الإنتاج' are fields of this or that
# Words for a village or a town whose definite complement is its name ('قرية المروة', 'بلدة العوامية').
VILLAGE_HEADS = frozenset(match_key(w) for w in ("قرية", "بلدة"))
# Words after a place's head that are no name: prepositions and adverbs ('فندق حول'), the first word of a
# name of two ('حديقة ابن', 'فندق سان'), which the tagger reads whole or not at all.
NOT_PLACE_NAMES = frozenset(match_key(w) for w in (
    "حول", "خلال", "ضد", "عبر", "لدى", "نحو", "منذ", "حتى", "بين", "تحت", "فوق", "أمام", "وراء", "داخل", "خارج",
    "قرب", "عند", "دون", "غير", "سوى", "هناك", "هنا", "ابن", "بن", "أبو", "عبد", "سان", "سانت", "دي", "لا", "آل",
))
PLACE_CUE_KEYS = PLACE_NAME_CUES | PLACE_HEAD_CUES | PORT_HEADS | NAMED_FEATURE_HEADS
ONE_LETTER_PROCLITICS = frozenset("وبلف")
# heads whose unlisted name may follow them in construct; not 'جبهة' (a front, and a forehead: only a
# definite name after it, 'جبهة النصرة')
CONSTRUCT_PLACE_HEADS = (NAMED_FEATURE_HEADS | VILLAGE_HEADS) - {match_key("جبهة")}
MAX_PLACE_TAIL = 2  # 'قاعدة العند الجوية', 'مطار عدن الدولي'


@cache
def _place_names(language: str | None) -> frozenset[str]:
    """Words the raw news writes right after a place word (the tagger's places table)."""
    return _tagger_words(language, "place_names")


def _list_items(toks: list[Token], k: int, arabic: bool, name_word) -> tuple[list[tuple[int, int]], set[int]]:
    """The names of a list that starts at token ``k``, as token ranges [first, last] of up to
    :data:`MAX_LISTED_WORDS` words between commas, the last after 'و' (one word: 'و اولردهی رفع تصرف';
    none after 'و...'); in Arabic also words joined by the conjunction ('المروة والقديح والعوامية', the
    second set: the items whose first letter is the conjunction). No list without its 'و': ([], set())."""
    items: list[tuple[int, int]] = []
    joined: set[int] = set()
    start = k
    while k < len(toks):
        tok = toks[k]
        if arabic and k > start and _and_a_word(_as_spelt(tok.text)) and k - start <= MAX_LISTED_WORDS:
            items.append((start, k - 1))
            while k < len(toks) and _and_a_word(_as_spelt(toks[k].text)) and name_word(toks[k]):
                items.append((k, k))
                joined.add(k)
                k += 1
            return items, joined
        if tok.text in LIST_BREAKS or tok.key == "و":
            if k == start or k - start > MAX_LISTED_WORDS:
                break
            items.append((start, k - 1))
            start = k + 1
            if tok.key == "و":
                if k + 1 < len(toks) and name_word(toks[k + 1]) and toks[k + 1].key not in PLACE_CUE_KEYS:
                    items.append((k + 1, k + 1))
                return items, joined
        elif not tok.key.isalpha() or k - start >= MAX_LISTED_WORDS or tok.key in LIST_PLACE_HEADS:
            break
        k += 1
    return [], set()


@cache
def _everyday_words(language: str | None) -> frozenset[str]:
    """Words the raw news writes often (the tagger's ``everyday.json``)."""
    return _tagger_words(language, "everyday_words")


def _tagger_words(language: str | None, table: str) -> frozenset[str]:
    """One of the word tables the language's tagger ships (:class:`rasad.actors.ner.Tagger`); none without
    a model."""
    from rasad.actors.ner import LANGS, ModelMissing, load

    try:
        return getattr(load(language), table) if language in LANGS else frozenset()
    except ModelMissing:
        return frozenset()


def _place_word(key: str) -> tuple[str, int] | None:
    """(the place word, letters of proclitic before it) of a token ('بمحافظة', 'وحي'), or None."""
    return _place_word_forms().get(key)


@cache
def _place_word_forms() -> dict[str, tuple[str, int]]:
    """Every spelling of a place word with a proclitic: 'وحي', 'وبحي', 'بمحافظة' -> (the word, letters off).
    Not after the article ('بالشارع المتفرع': in the street, and then an adjective)."""
    prefixes = {p for p in lexicon().proclitics if not p.endswith(("ال", "لل"))}
    prefixes |= {a + b for a in ONE_LETTER_PROCLITICS for b in ("", *ONE_LETTER_PROCLITICS)}
    forms = {p + cue: (cue, len(p)) for cue in PLACE_CUE_KEYS for p in prefixes}
    forms.update((cue, (cue, 0)) for cue in PLACE_CUE_KEYS)
    return forms


@cache
def _place_or_org_heads() -> frozenset[str]:
    """Every token key :func:`_place_word` or :func:`_org_head` reads as a head."""
    return frozenset(_place_word_forms()) | ORG_HEADS | {p + h for p in HEAD_PROCLITICS for h in ORG_HEADS}


VALLEY = match_key("وادي")


# Endings of Persian place names ('کریم‌آباد', 'قورت‌دره', 'سهراب‌محله', 'ابرکوه'): after a place word, a
# name with one is the place's though no list has it (not 'ده', which ends participles: 'شهر آلوده')
TOPONYM_ENDINGS = tuple(match_key(w) for w in ("آباد", "دره", "سرا", "کلا", "رود", "چال", "محله", "کوه", "چاه"))


def _persian_toponym(key: str) -> bool:
    """A word with a place ending and two letters or more before it."""
    return key.isalpha() and any(key.endswith(e) and len(key) >= len(e) + 2 for e in TOPONYM_ENDINGS)


def _not_a_place_word(text: str, cue: str | None) -> bool:
    """'وأدى' (and it led) folds to 'وادي' (valley): a hamza says which it is."""
    return cue == VALLEY and "أ" in text


def _named_places(story: _Story, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Places named after a place word (:data:`PLACE_NAME_CUES`, :data:`PLACE_HEAD_CUES`) by a word the
    raw news mostly writes there (:func:`_place_names`), or in Arabic after a palace's, a quarter's, a
    camp's... word (:data:`NAMED_FEATURE_HEADS`) by any ال-word that is no title or date word ('قصر الصفا');
    a port or an airport of a known place; an institution of a place the raw news taught. A name found
    after an administrative word is that place wherever the article writes it alone ('الدالوة')."""
    article = story.article
    names = _place_names(article.language)
    if not names:
        return []
    stem = _stems(article.language)
    known = {m.start: m.end for a in article.actors if a.type in PLACE_TYPES and a.in_kb for m in a.mentions if m.kind == "name"}
    stop = _not_name_words(everyday=True)
    unlisted = _unlisted_place_name(article.language)
    out: list[tuple[int, int, str]] = []
    alone: set[str] = set()
    heads = _place_or_org_heads()
    for lo, hi in story.ranges_with(PLACE_CUE_KEYS | ORG_HEADS):
        toks = story.tokens(lo, hi)
        for h, tok in enumerate(toks[:-1]):
            if tok.key not in heads:  # most words: one set lookup
                continue
            found = _place_word(tok.key)
            cue = found[0] if found else None
            if (cue is None and not _org_head(tok.key)) or _not_a_place_word(tok.text, cue) or _overlaps(taken, tok.start, tok.end):
                continue
            name = toks[h + 1]
            known_place = _place_in_kb(name.key, article.language)
            if known_place and cue not in PORT_HEADS:
                continue  # 'منطقة حائل', 'محافظة عدن': the known place's (the tagger settles an ambiguous one)
            if cue is None:
                # an institution of a place the knowledge base lacks ('بلدية المندق', 'شهرداری خارگ'): the
                # institution and the place (those of a known place are _institutions_of_places')
                if stem(name.key) in names and name.key not in stop and not _overlaps(taken, name.start, name.end):
                    out += [(tok.start, name.end, "ORG"), (name.start, name.end, "GPE")]
                    alone.add(name.key)
                continue
            if cue in PORT_HEADS and name.start in known:
                last = max(k for k in range(h + 1, len(toks)) if toks[k].start < known[name.start])
            elif known_place:  # a port's word (others left above)
                out.append((name.start, name.end, "GPE"))  # 'مطار عدن': Aden, settled as a place
                last = h + 1
            elif _overlaps(taken, name.start, name.end) or name.key in stop:
                continue
            elif cue in PLACE_NAME_CUES and (stem(name.key) in names or (article.language == "fa" and _persian_toponym(name.key))):
                out.append((tok.start, name.end, "GPE"))  # as the linker writes 'محافظة لحج'; the name is the place's key
                alone.add(name.key)
                continue
            elif stem(name.key) in names or (cue in NAMED_FEATURE_HEADS and article.language == "ar" and _feature_name(name.key)):
                last = h + 1
            elif cue in VILLAGE_HEADS and article.language == "ar" and tok.text.endswith("ة") and _feature_name(name.key):
                out.append((tok.start, name.end, "GPE"))  # a village's name takes the article: 'قرية المروة'
                continue
            elif cue in CONSTRUCT_PLACE_HEADS and article.language == "ar" and tok.key.endswith(cue) and unlisted(name.key):
                last = h + 1  # the head without its article, in construct: 'وادي عقان', 'غابة رغدان', 'مجمع مليتة'
                if cue in VILLAGE_HEADS:
                    out.append((tok.start, name.end, "GPE"))
                    continue
            else:
                continue
            last = _run_on(toks, last, MAX_PLACE_TAIL, lambda k: _facility_tail(toks[k].key, toks[k - 1].key))
            out.append((tok.start, toks[last].end, "LOC"))
    if alone:
        spans = taken + [(s, e) for s, e, _ in out]
        for lo, hi in story.ranges_with(frozenset(alone)):
            out += [(t.start, t.end, "GPE") for t in story.tokens(lo, hi) if t.key in alone and not _overlaps(spans, t.start, t.end)]
    return out


# Plural place words a list of places' names follows ('روستاهای استاد کلایه، گوشکور، شیشارستان و...',
# 'مناطق قاضی دشت، لاپان، خورش‌سرا و اولردهی', 'قرى المروة، القديح والعوامية'), and the adjectives that may
# stand between ('مناطق ییلاقی کشمش، سیاه خلک و لرود')
LIST_PLACE_HEADS = frozenset(match_key(w) for w in (
    "مناطق", "روستاهای", "شهرهای", "شهرستان‌های", "استان‌های", "بخش‌های", "دهستان‌های", "محله‌های", "محلات",
    "قرى", "مدن", "محافظات", "بلدات", "أحياء", "هجر",
))
LIST_PLACE_ADJECTIVES = frozenset(match_key(w) for w in (
    "ییلاقی", "قشلاقی", "جنگلی", "کوهستانی", "مرزی", "عشایری", "روستایی", "شمالی", "جنوبی", "شرقی", "غربی",
    "مرکزی", "محروم", "سیل‌زده", "زلزله‌زده", "هدف", "تابعه",
    "الحدودية", "الجبلية", "النائية", "المجاورة", "الشمالية", "الجنوبية", "الشرقية", "الغربية", "الوسطى",
))
LIST_BREAKS = frozenset(("،", ",", "؛"))
MIN_LISTED_PLACES = 3  # 'مناطق شهری و روستایی' is no list of names
MAX_LISTED_WORDS = 3  # words of one place's name in the list ('کنگاسرای خصیب‌دشت')


def _listed_places(story: _Story, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The places a plural place word lists (:data:`LIST_PLACE_HEADS`): names between commas, the last
    after 'و', three or more of them, each with a word that is no title or function word; and one of
    them at least a known place, a word the raw news writes after a place word, or a Persian word with a
    place ending ('حسین‌آباد'), so that a list of common nouns is left alone. An Arabic list ends at its
    last such place, and half its names are such places."""
    article = story.article
    stop, stem, names = _not_name_words(everyday=True), _stems(article.language), _place_names(article.language)
    arabic = article.language == "ar"

    def name_word(tok: Token) -> bool:
        return tok.key.isalpha() and tok.key not in stop and tok.key not in LIST_PLACE_HEADS

    def placed(tok: Token) -> bool:
        return _place_in_kb(tok.key, article.language) or stem(tok.key) in names or (not arabic and _persian_toponym(tok.key))

    out: list[tuple[int, int, str]] = []
    for lo, hi in story.ranges_with(LIST_PLACE_HEADS):
        toks = story.tokens(lo, hi)
        for h, head in enumerate(toks):
            if head.key not in LIST_PLACE_HEADS:
                continue
            k = h + 1
            while k < len(toks) and k - h <= 2 and toks[k].key in LIST_PLACE_ADJECTIVES:
                k += 1
            items, joined = _list_items(toks, k, arabic, name_word)
            if len(items) < MIN_LISTED_PLACES:
                continue
            if not all(any(name_word(t) for t in toks[a : b + 1]) and toks[a].key not in FUNCTION_WORDS for a, b in items):
                continue
            known = [any(placed(t) for t in toks[a : b + 1]) for a, b in items]
            if arabic and any(known):  # Arabic lists run on into the clause ('وتعز والضالع وتسعى المقاومة'):
                items = items[: max(i for i, k in enumerate(known) if k) + 1]  # up to the last known place,
                known = known[: len(items)]
                if 2 * sum(known) < len(items) or len(items) < MIN_LISTED_PLACES:  # half of them known
                    continue
            if not any(known):
                continue
            if any(a == b and toks[a].key in LIST_PLACE_ADJECTIVES for a, b in items):
                continue  # 'استان‌های خراسان شمالی، جنوبی و رضوی': one name's parts
            for a, b in items:
                first = _after_clitic(toks[a], 1) if a in joined else toks[a].start
                if not _overlaps(taken, first, toks[b].end):
                    out.append((first, toks[b].end, "GPE"))
    return out


# Arabic words for a body whose definite complement names it: 'لجنة الانضباط', 'مجلس التنمية السياحية',
# 'مركز التأهيل الشامل'. Not after the article ('اللجنة'): then an adjective follows, not a name.
UNIT_HEADS = frozenset(match_key(w) for w in (
    "لجنة", "مجلس", "هيئة", "مركز", "جمعية", "اتحاد", "مؤسسة", "صندوق", "جامعة", "كلية", "مستشفى",
    "مديرية", "نادي", "فرقة", "دائرة", "مكتب", "رئاسة", "أمانة", "فرع", "بعثة", "محكمة", "قوات", "صحيفة",
    "جريدة", "مجلة", "قناة", "شركة", "حزب", "منظمة", "قبيلة", "ملحقية",
))  # not 'إدارة', 'وحدة': verbal nouns first ('إدارة الوقت', time management; 'وحدة الموقف', unity)
# complements that make a phrase, not a name: 'مركز الصدارة' (first place), 'إدارة الأزمة' (handling the
# crisis), 'مجلس العزاء' (a wake)
NOT_UNIT_NAMES = frozenset(match_key(w) for w in ("الصدارة", "الأزمة", "العزاء", "الاهتمام", "القرار", "الأول", "الثاني", "الثالث"))
MAX_UNIT_TAIL = 2


def _named_units(story: _Story, taken: list[tuple[int, int]], places: dict[int, int]) -> list[tuple[int, int, str]]:
    """Bodies named by a unit word and what follows it (:data:`UNIT_HEADS`): organisations the knowledge
    base cannot list, each body of each city having its own. Three forms:

    - the word without its article and a definite noun, with up to two ال-adjectives or a 'for X' after it
      ('لجنة الانضباط', 'مجلس التنمية السياحية'; 'فرقة عسير الشعبية' is the tagger's);
    - the word without its article, a noun that takes one and a definite noun: a name of two nouns in
      construct ('هيئة أعضاء الشرف', 'رئاسة مجلس الوزراء', 'فرع وزارة العدل'); a verb takes no article,
      so 'مجلس يضم الأعضاء' is no name;
    - the word with its article, one or two ال-adjectives and a 'for X' that says whose body it is
      ('اللجنة العليا للمهرجان', 'المؤسسة العامة للتدريب التقني والمهني', 'المجلس التنفيذي لهيئة أعضاء
      الشرف'), or a known place after 'ب' ('المحكمة الجزائية بالرياض', which :func:`_branches_at_places`
      runs on over): an adjective alone after it is a description ('اللجنة المختصة').

    A knowledge-base name inside the body's is its own actor ('مجلس الوزراء' of 'رئاسة مجلس الوزراء')."""
    out: list[tuple[int, int, str]] = []
    noun = _takes_article(story.article.language)
    for lo, hi in story.ranges_with(UNIT_HEADS | SERVICES | ADMINISTRATION):
        toks = story.tokens(lo, hi)
        for h, tok in enumerate(toks[:-1]):
            if tok.key in CHAIRED_BY:
                continue
            if _is_head(tok.key, UNIT_HEADS, ONE_LETTER_PROCLITICS):
                name = toks[h + 1]
                if _unit_word(name.key):
                    last = h + 1
                elif h + 2 < len(toks) and noun(name.key) and _unit_word(toks[h + 2].key):
                    last = h + 2
                else:
                    continue
            elif _is_head(tok.key, DEFINITE_UNIT_HEADS, ONE_LETTER_PROCLITICS) or (
                _is_head(tok.key, ADMINISTRATION, ONE_LETTER_PROCLITICS) and toks[h + 1].key in DIRECTORATE_ADJECTIVES
            ):
                adjectives = _run_on(toks, h, MAX_UNIT_TAIL, lambda k: _unit_word(toks[k].key))
                if adjectives == h:
                    continue
                last = _whose(toks, adjectives + 1, noun)
                if last is None and (_at_a_place(toks, adjectives + 1, places) or _is_head(tok.key, SERVICES, ONE_LETTER_PROCLITICS)):
                    last = adjectives  # or a service an adjective names: 'الاستخبارات العسكرية', 'المخابرات العامة'
                if last is None and adjectives - h >= 2 and toks[adjectives].key in RANK_ADJECTIVES:
                    last = adjectives  # or two adjectives and a rank: 'المحكمة الإدارية العليا'
                if last is None:
                    continue
            else:
                continue
            whole = _run_on(toks, last, MAX_UNIT_TAIL, lambda k: _unit_tail(toks[k].key))
            if _holds(taken, tok.start, toks[whole].end):
                out.append((tok.start, toks[whole].end, "ORG"))
            elif _holds(taken, tok.start, toks[last].end):
                last = _run_on(toks, last, MAX_UNIT_TAIL, lambda k: _unit_tail(toks[k].key) and not _overlaps(taken, toks[k].start, toks[k].end))
                out.append((tok.start, toks[last].end, "ORG"))
    return out


def _holds(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether no taken span crosses start..end or starts with it: those inside it after its first word
    are names within a body's name ('مجلس الوزراء اليمني' of 'رئاسة مجلس الوزراء اليمني')."""
    return not any(s < end and start < e and not start < s <= e <= end for s, e in taken)


SERVICES = frozenset(match_key(w) for w in ("الاستخبارات", "المخابرات"))
RANK_ADJECTIVES = frozenset(match_key(w) for w in ("العليا", "العامة"))  # the last of a body's two adjectives
DEFINITE_UNIT_HEADS = frozenset("ال" + k for k in UNIT_HEADS) | SERVICES
# 'الإدارة' is mostly management ('الإدارة الجيدة للموارد'), but a general or national one is a directorate:
# 'الإدارة العامة للجوازات', 'الإدارة الوطنية للمحيطات'
ADMINISTRATION = frozenset({match_key("الإدارة")})
DIRECTORATE_ADJECTIVES = frozenset(match_key(w) for w in ("العامة", "الاتحادية", "الوطنية", "القومية"))
NAME_PARTS = frozenset(match_key(w) for w in ("عبد", "أبو", "ابن", "بن", "آل"))  # 'مكتب عبد الوهاب': a person's
CHAIRED_BY = frozenset(match_key(w) for w in ("برئاسة", "وبرئاسة"))  # 'برئاسة عمر المهنا': headed by, no body


def _whose(toks: list[Token], i: int, noun) -> int | None:
    """The index of the last word of a 'for X' at ``i`` that says whose a body is: 'للمهرجان', 'لمهرجان
    الصيف', 'لهيئة أعضاء الشرف' (up to two nouns in construct before a definite one); None if none."""
    if i >= len(toks) or not toks[i].key.startswith("ل"):
        return None
    if toks[i].key.startswith("لل") and len(toks[i].key) > 4:
        return i
    if not noun(toks[i].key[1:]):
        return None
    for j in range(i + 1, min(i + 3, len(toks))):
        if _unit_word(toks[j].key):
            return j
        if not noun(toks[j].key):
            return None
    return None


def _unit_word(key: str) -> bool:
    """An ال-word that may name a body or describe it ('الانضباط', 'العامة', 'الأركان'): no date word
    and no complement that makes a phrase (:data:`NOT_UNIT_NAMES`)."""
    return key.startswith("ال") and len(key) > 3 and key.isalpha() and key not in NOT_UNIT_NAMES and key not in _calendar_words()


def _at_a_place(toks: list[Token], i: int, places: dict[int, int]) -> bool:
    """Whether 'ب' and a known place stand at ``i`` ('بالرياض', 'بمنطقة جازان')."""
    if i >= len(toks) or not toks[i].key.startswith("ب"):
        return False
    return toks[i].start + 1 in places or (toks[i].key in BRANCH_PLACE_WORDS and i + 1 < len(toks) and toks[i + 1].start in places)


@cache
def _takes_article(language: str | None):
    """Whether an Arabic word is a noun the raw news also writes with 'ال' (the tagger's word-form table):
    verbs and particles never are. Keys of ال-words count by their stem."""
    from rasad.actors.ner import ModelMissing, load
    from rasad.actors.ner_data import form_key

    if language != "ar":
        return lambda key: False
    try:
        features = load(language).features
    except ModelMissing:
        return lambda key: False
    forms, norms = features.forms, features.norms
    given = _given_names(language)

    def noun(key: str) -> bool:
        stem = norms.get(key, key)
        return (
            stem == key and key.isalpha() and len(key) > 2 and key not in NAME_PARTS and key not in given
            and forms.get(form_key(stem, language), "0") != "0"
        )

    return noun


@cache
def _unlisted_place_name(language: str | None):
    """key -> whether an Arabic word after a place's head in construct is the place's name though no list
    has it. The word after such a head is its name ('وادي عقان') or an adjective ('غابة كثيفة', 'حي
    سكني'), which the raw news also writes with 'ال' (a name never); and it is no verb ('بلدة تقع', 'حي
    يسكنه'), preposition or adverb, possessive ('بلداتهم'), word with a proclitic ('فندق بمواصفات', 'ملعب
    للغولف'), known name or title."""
    plain, noun, stem = _not_name_words(everyday=False), _takes_article(language), _stems(language)
    lex = lexicon()
    return lambda key: (
        len(key) > 2 and not key.startswith("ال") and _name_word(key, plain) and not noun(key)
        and stem(key) == key and not key.startswith("لل") and key not in NOT_PLACE_NAMES
        and not (key[0] in "یت" and len(key) <= 5) and not key.endswith(("هم", "هن", "کم"))
        and key not in lex.names and not title_heads(key)
    )


def _feature_name(key: str) -> bool:
    """An ال-word naming a palace, a park, a quarter...: no title or date word, no plural of a common noun
    ('حديقة الحيوانات' is a zoo, any zoo) and no idiom ('قصر النظر', short sight)."""
    return _family_or_adjective(key) and not key.endswith("ات") and key not in NOT_FEATURE_NAMES


NOT_FEATURE_NAMES = frozenset(match_key(w) for w in ("النظر",))


def _unit_tail(key: str) -> bool:
    """A word after a body's name that is still its name: an ال-adjective ('الشامل', 'السياحية'), no title
    or honorific ('مجلس الإدارة الأستاذ'), any ال-word after 'و' ('التقني والمهني', 'الثقافة والفنون'), or 'for X'."""
    if key.startswith("وال"):
        key = key[1:]
    elif key.endswith(UNIT_PLURALS):  # a plural after a name is the verb's object: 'مجلس النواب القوانين'
        return False
    lex = lexicon()
    return (key.startswith("لل") and len(key) > 4) or (
        _unit_word(key) and key not in NOT_FAMILY_NAMES and key not in lex.honorifics and key not in lex.title_first
    )


UNIT_PLURALS = ("ات", "ین", "ون")  # Arabic plural endings, as match keys write them


def _without_place_word(key: str) -> str:
    """A place's key without the administrative word before its name ('شهرستان چگنی' -> 'چگنی')."""
    first, _, rest = key.partition(" ")
    word = _place_word(first)
    return rest if rest and word and word[0] in PLACE_NAME_CUES else key


def _place_in_kb(key: str, language: str | None) -> bool:
    """Whether a knowledge-base place has this name (in the article's language), ambiguous or not."""
    entries = load_kb().entries
    return any(r.reads_in(language) and entries[r.entry_id].type in PLACE_TYPES for r in lexicon().names.get(key, ()))


@cache
def _stems(language: str | None):
    """A word's key -> its stem without proclitics (Arabic, the tagger's table); else the key itself."""
    if language != "ar":
        return lambda key: key
    from rasad.actors.ner import ModelMissing, load

    try:
        norms = load(language).features.norms
    except ModelMissing:
        return lambda key: key
    return lambda key: norms.get(key, key)


def _run_on(toks: list[Token], last: int, most: int, still_the_name) -> int:
    """The index of a name's last token once up to ``most`` words after ``last`` run on, while
    ``still_the_name(index)`` says each is still part of it (a facility's 'الدولي', a body's 'الشامل')."""
    tail = 0
    while last + 1 < len(toks) and tail < most and still_the_name(last + 1):
        last += 1
        tail += 1
    return last


def _person_spans(article: Article) -> set[tuple[int, int]]:
    return {(m.start, m.end) for a in article.actors if a.type == "PER" for m in a.mentions}


def _without_people_inside(article: Article, spans: list[tuple[int, int, str]]) -> Article:
    """The article without the person mentions that lie inside a facility's name ('الملك فهد' of
    'مستشفى الملك فهد' is the hospital's name, not the king); a person left with none is dropped."""
    actors = []
    for a in article.actors:
        if a.type == "PER":
            kept = tuple(m for m in a.mentions if not any(s <= m.start and m.end <= e for s, e, _ in spans))
            if not kept:
                continue
            a = dataclasses.replace(a, mentions=kept) if len(kept) != len(a.mentions) else a
        actors.append(a)
    return article.evolve(actors=tuple(actors))


MAX_FACILITY_TAIL = 3  # words after the namesake ('مركز الملك عبدالعزيز للحوار الوطني')


def _facility_tail(key: str, before: str) -> bool:
    """A word after a facility's namesake that is still its name: a listed one ('الدولي'), an adjective
    of relation ('الثقافي', 'الحربية'), 'for X' ('للعلوم', 'للحوار') and an ال-word after that
    ('الوطني'). A word with ب or و ('بجدة', 'وشارع') starts something else."""
    if key in FACILITY_TAILS:
        return True
    if key.startswith("لل") and len(key) > 4:
        return True
    if not key.startswith("ال") or key in NOT_FAMILY_NAMES or not _family_or_adjective(key):
        return False
    return key.endswith(("ی", "یه")) or before.startswith("لل")


def _joined_abd(toks: list[Token], j: int) -> bool:
    """'عبد العزيز', 'عبد الله' written in two words: the given name is both."""
    return toks[j].key in ("عبد", "عبد ال") and j + 1 < len(toks) and toks[j + 1].key.startswith("ال")


def _with_family_name(original: str, end: int, start: int) -> int:
    """A person's name the tagger ended at the father's name ('عبدالعزيز بن عثمان') ends with the
    family name written after it ('الصولي')."""
    name = tokens(original, start, end)
    if len(name) < 3 or name[-2].key not in PATRONYMIC:
        return end
    after = tokens(original, end, min(len(original), end + 30))
    if after and after[0].start - end <= 1 and _family_or_adjective(after[0].key):
        return after[0].end
    return end


# The endings of Persian family names, which the text may write as a word of their own: 'محمد بزرگ نیا',
# 'محمد کشتی آرای', 'هاشم ولی پور' (the tagger stops before them).
SURNAME_ENDINGS = frozenset(match_key(w) for w in (
    "نیا", "زاده", "پور", "فر", "راد", "نژاد", "آرای", "منش", "کیا", "وند", "نسب", "فرد", "پناه", "زادگان", "لو",
))


def _with_surname_ending(original: str, end: int, given: frozenset[str] = frozenset()) -> int:
    """A Persian name the tagger ended before its family name's ending ('محمد بزرگ' + 'نیا') ends after
    it; a given name alone (one of ``given``) takes the family name before the ending too ('محمد' +
    'بزرگ نیا')."""
    after = tokens(original, end, min(len(original), end + 24))
    if after and after[0].key in SURNAME_ENDINGS and _next_word(original, end, after[0].start):
        return after[0].end
    if len(after) > 1 and after[1].key in SURNAME_ENDINGS and after[0].key.isalpha() and after[0].key not in FUNCTION_WORDS:
        word = tokens(original, max(0, end - 16), end)
        if word and word[-1].end == end and word[-1].key in given and _next_word(original, end, after[0].start) and _next_word(
            original, after[0].end, after[1].start
        ):
            return after[1].end
    return end


def _with_given_name(original: str, start: int) -> int:
    """A person's name the tagger began at 'بن' ('بن محمد العيبان') begins a word earlier ('مساعد')."""
    head = tokens(original, start, min(len(original), start + 6))
    if not head or head[0].key not in PATRONYMIC:
        return start
    before = tokens(original, max(0, start - 30), start)
    if before and before[-1].key.isalpha() and start - before[-1].end <= 1:
        return before[-1].start
    return start


def _after_proclitic(original: str, start: int, end: int) -> int:
    """Where an Arabic name starts once the conjunction or preposition glued to its first word is off
    ('وعادل' -> 'عادل', 'وبالرياض' -> 'الرياض'), by the tagger's stem table (a word keeps its first
    letters unless the rest is the commoner word: 'وليد' stays whole)."""
    from rasad.actors import ner
    from rasad.actors.ner_data import fold

    first = original[start:end].split(maxsplit=1)[0]
    key = fold(first)
    try:
        stem = ner.load("ar").features.norms.get(key)
    except ner.ModelMissing:
        return start
    if stem and stem.startswith("ال") and not key.endswith(stem) and key.endswith("ل" + stem[2:]):
        letters = len(key) - len(stem) + 1  # 'للأمم' -> 'لأمم': the preposition off, the article's lam kept, as the linker reads it
    elif not stem or stem == key or not key.endswith(stem) or len(stem) < 2:
        return start
    else:
        letters = len(key) - len(stem)
    given = _given_names("ar")
    before = original[max(0, start - 20) : start].split()
    if (match_key(first) in given and match_key(stem) not in given) or (before and match_key(before[-1]) in _one_word_honorifics()):
        return start  # a given name, not a proclitic and a word; a word right after 'العميد' is a name's ('بسام')
    return start + _skip_letters(first, letters)


def _name_word(key: str, stop) -> bool:
    return len(key) > 1 and key.isalpha() and key not in stop


def _kb_token_tags(article: Article, ranges: list[tuple[int, int]], token_spans: list[list[tuple[int, int]]]) -> list[list[str]]:
    """The tagger's knowledge-base feature, read off the names the "actors" stage linked (the same
    gazetteer that tags the training sentences), as BIO tags over each range's tokens (``token_spans``:
    their offsets in the original text)."""
    spans = [
        (m.start, m.end, KB_TYPES[actor.type])
        for actor in article.actors if actor.in_kb and actor.type in KB_TYPES
        for m in actor.mentions if m.kind == "name"
    ] + list(article.name_hints)
    spans.sort()
    out = []
    for (base, end), offs in zip(ranges, token_spans):
        tags = ["O"] * len(offs)
        ends = [b for _, b in offs]
        for start, stop, label in spans[bisect.bisect_left(spans, (base,)) : bisect.bisect_left(spans, (end,))]:
            i = bisect.bisect_right(ends, start)  # the token the name starts in (after a proclitic, inside it)
            j = bisect.bisect_left(ends, stop)  # the token it ends with
            if i >= len(offs) or j >= len(offs) or any(t != "O" for t in tags[i : j + 1]):
                continue
            i = with_given_name(label, tags, i, token_key(article.original[offs[i - 1][0] : offs[i - 1][1]]) if i else None)
            tags[i : j + 1] = ["B-" + label] + ["I-" + label] * (j - i)
        out.append(tags)
    return out


@cache
def _calendar_words() -> frozenset[str]:
    """Month and weekday names of every calendar, as match keys without spaces."""
    from rasad.dates.find import vocabulary

    v = vocabulary(None)
    return frozenset(v["months"]) | frozenset(v["weekdays"])


def _and_follows(original: str, end: int, stop: int) -> bool:
    """Whether the conjunction 'و' comes right after ``end`` (after a space), before ``stop``: a word of
    its own ('حماس و هنيه'), or in Arabic before the article ('حماس والجهاد'; not 'مجلس وزراء')."""
    rest = original[end:stop]
    return rest[:1].isspace() and rest.lstrip().startswith(("و ", "وال"))


def _provisional(
    story: _Story, taken: list[tuple[int, int]], ner: list[tuple[int, int, str]], facilities: list[tuple[int, int, str]]
) -> list[Actor]:
    """Names the tagger finds that no knowledge-base mention covers: provisional actors, grouped by
    match key within the article (id ``new:TYPE:key``, the same key in every article). A title
    right before the name ('سفير العراق لدى طهران محمد ...') is kept as its role, as written."""
    article, titles = story.article, _Titles(story)
    grouped: dict[str, tuple[str, list[ActorMention], str | None]] = {}
    arabic = article.language == "ar"
    home = _home(article)
    pieces = [piece for span in ner for piece in _split_at_breaks(article.original, *span)]
    trimmed = [t for span in pieces if (t := _trimmed(article.original, *span, arabic))[0] < t[1]]
    spans = [piece for span in trimmed for piece in _places_of_a_list(article.original, *span)]
    known_places = _known_place_names(article)
    spans = _people_after_places(article, spans, known_places)
    if arabic:
        spans = [piece for span in spans for piece in _conjoined_people(article.original, span)]
    if article.language == "ar":
        # a chain takes in the tagger's pieces of it ('علي بن عمير' + 'حرمان الشهراني' of 'علي بن عمير آل حرمان الشهراني')
        # (where the tagger's person starts with it, or it starts with a given name: not 'رمزية بن غوريون');
        # a chain that overlaps none of the tagger's names is taken as it is
        people = {s for s, _, label in spans if label == "PER"}
        given = _given_names(article.language)
        tagged = [(s, e) for s, e, _ in spans]
        chains = [
            chain for chain in _patronymic_names(story, taken + [(s, e) for s, e, label in spans if label != "PER"])
            if chain[0] in people or match_key(article.original[chain[0] : chain[1]].split(" ", 1)[0]) in given
            or not _overlaps(tagged, chain[0], chain[1])
        ]
        spans = [span for span in spans if not any(s <= span[0] and span[1] <= e for s, e, _ in chains)]
        spans += [chain for chain in chains if not _overlaps([(s, e) for s, e, _ in spans], chain[0], chain[1])]
        spans += _names_after_titles(story, titles, taken + [(s, e) for s, e, _ in spans])
    spans += _names_before_titles(story, titles, taken + [(s, e) for s, e, _ in spans])
    spans += _given_and_family_names(story, taken + [(s, e) for s, e, _ in spans])
    # a foreign name takes in the tagger's person inside it ('گارسيا' of 'آلان گارسيا'), no other name
    foreign = [
        (fs, fe, label) for fs, fe, label in _foreign_names(story, taken + [(s, e) for s, e, label in spans if label != "PER"])
        if not any(s < fe and fs < e and not (fs <= s and e <= fe) for s, e, _ in spans)
    ]
    spans = [span for span in spans if not any(fs <= span[0] and span[1] <= fe for fs, fe, _ in foreign)] + foreign
    quoted = _quoted_names(story, taken + [(s, e) for s, e, _ in spans])
    if quoted:  # 'وبگاه خبری «وطن»': the words before the quotes describe the name, they are none
        spans = [span for span in spans if not _describes(article.original, span, quoted)]
    spans += quoted
    spans += _institutions_of_places(story, taken + [(s, e) for s, e, _ in spans])
    if article.language == "ar":
        spans += _named_units(story, taken + [(s, e) for s, e, _ in spans] + [(s, e) for s, e, _ in facilities], known_places)
    # a facility named for a person is one name: the tagger's pieces of it give way ('الملك', 'فهد بجدة')
    named = [(s, e) for s, e, _ in facilities]
    spans = [(s, e, FACILITY if label == "LOC" else label) for s, e, label in facilities] + [
        span for span in spans if not _overlaps(named, span[0], span[1])
    ]
    if arabic:
        spans = _branches_at_places(article, spans, known_places)
    spans, led = _governments_of_people(story, spans)
    if article.language == "fa":
        spans += _units_of_organisations(story, spans)
    # an organisation's name may hold a place's or another organisation's: 'اتاق بازرگانی تهران', 'تیم ملی
    # ایران', 'سازمان فرهنگی هنری شهرداری تهران' (a unit of the municipality, an actor of its own)
    places = {(m.start, m.end) for a in article.actors if a.type in PLACE_TYPES or a.type == "ORG" for m in a.mentions if m.kind != "title"}
    # and a government's its leader's: 'بوش' of 'دولت بوش'
    with_leaders = places | {(m.start, m.end) for a in article.actors if a.type == "PER" for m in a.mentions if m.kind == "name"} if led else places
    covered = _coverage(len(article.original), taken)  # most spans touch no mention: one find, no loop
    known_things = {match_key(m.text) for a in article.actors if a.in_kb and a.type != "PER" for m in a.mentions if m.kind == "name"}
    for start, end, label in spans:
        inner = with_leaders if (start, end) in led else places
        if label == "LOC":
            start = _without_lead_words(article.original, start, end)
        if label == "PER" and article.language == "fa":
            end = _with_surname_ending(article.original, end, _given_names(article.language))
        if article.language == "ar":
            if label == "PER":
                start = _with_given_name(article.original, start)
                end = _with_family_name(article.original, end, start)
            head = _place_word(match_key(article.original[start:end].split(maxsplit=1)[0]))
            if head:  # a place word: its own proclitic off ('وبحي'), its first letter kept ('وادي', not و + 'أدى')
                start += _skip_letters(article.original[start:end], head[1])
            else:
                start = _after_proclitic(article.original, start, end)
        if label not in NER_TYPES or end - start < MIN_NEW_NAME_CHARS:
            continue
        if covered.find(1, start, end) != -1 and any(
            s < end and start < e
            and (s == start and _and_follows(article.original, e, end)  # 'حماس و هنيه': two names, not one
                 or not (label in ("ORG", FACILITY) and start <= s and e <= end and (s, e) != (start, end) and (s, e) in inner))
            for s, e in taken
        ):
            continue
        text = article.original[start:end]
        key = match_key(text)
        if arabic and key.startswith("ل") and start and article.original[start - 1] == "ل":
            key = "ا" + key  # 'لشرق الأوسط' of 'للشرق الأوسط': the article's lam, so the name is 'الشرق الأوسط'
        if label == "PER" and key in known_things:  # 'مصر' the article linked as Egypt is no person where the tagger says so
            continue
        if key.replace(" ", "") in _calendar_words():  # 'نيسان' (April), 'الجمعة': a date, not an actor
            continue
        if _ends_a_title(article, start, key):  # 'کشور' of 'وزیر کشور' (interior minister)
            continue
        if label != "PER" and " " not in key and _nationality_word(key):  # 'آمریکایی‌ها', 'ایرانیان': people, no organisation
            continue
        if label == "ORG" and key.split(" ", 1)[0] in DESK_WORDS and covered.find(1, start, end) != -1:
            continue  # 'خبرنگار اقتصادی خبرگزاری فارس': a reporter or desk of the agency the linker found
        if label == "GPE":  # 'شهرستان چگنی' and 'چگنی' are one place
            key = _without_place_word(key)
        entry = _kb_entry_of_type(key, label, article.language, home) if label != "PER" else None
        actor_id = entry or f"new:{NER_TYPES[label]}:{key.replace(' ', '_')}"
        title = (titles.before(start) or titles.after(end)) if label == "PER" else None  # an office is held by a person
        _, mentions, old_role = grouped.get(actor_id, (label, [], None))
        mentions.append(ActorMention(start, end, text, "name"))
        if title:
            mentions.append(title)
        grouped[actor_id] = (label, mentions, old_role or (title.text if title else None))
    out = []
    kb = load_kb()
    date = article.published.date if article.published else None
    for actor_id, (label, mentions, role) in grouped.items():
        if actor_id in kb.entries:
            out.append(_actor(kb, actor_id, mentions, date, []))
            continue
        names = [m.text for m in mentions if m.kind == "name"]
        name = min(names, key=len) if label == "GPE" else names[0]
        out.append(
            Actor(
                id=actor_id,
                type=NER_TYPES[label],
                name={article.language or "und": name},
                in_kb=False,
                country=None,
                role={"title": role, "source": "text"} if role else None,
                mentions=_in_order(mentions),
            )
        )
    return out


# A byline's first word: a reporter or a desk of the news agency named after it.
DESK_WORDS = frozenset(match_key(w) for w in ("خبرنگار", "خبرنگاران", "گروه", "سرویس", "مراسل", "مندوب", "محرر"))
PLURAL_ENDINGS = ("های", "ها", "ان", "ون", "ين")


def _nationality_word(key: str) -> bool:
    """A nationality adjective of the knowledge base, or its plural ('ایرانیان', 'الأمريكيون')."""
    names = lexicon().names
    forms = [key] + [key[: -len(x)] for x in PLURAL_ENDINGS if key.endswith(x) and len(key) > len(x) + 2]
    return any((refs := names.get(form)) and all(r.adjective for r in refs) for form in forms)


# Institutions whose name runs on over the place of their branch ('المحكمة العامة بالرياض', 'الدفاع المدني
# بنجران', 'مستشفى الملك فيصل بالطائف'), by their first word; not a state's or an armed group's ('داعش
# بالعراق' is where it is).
BRANCH_HEADS = frozenset(match_key(w) for w in (
    "مستشفى", "هيئة", "الهيئة", "مركز", "المركز", "جمعية", "الجمعية", "جامعة", "مجلس", "المجلس", "مكتب", "المكتب",
    "نادي", "لجنة", "اللجنة", "مديرية", "المديرية", "إدارة", "الإدارة", "كلية", "مدرسة", "فرع", "سفارة",
    "قنصلية", "شرطة", "الشرطة", "محكمة", "المحكمة", "الدفاع", "الهلال", "أمانة", "بلدية", "المفوضية", "صندوق", "غرفة",
    "الرئاسة", "شركة", "الشركة", "مؤسسة", "المؤسسة", "السفارة", "القنصلية", "الملحقية", "ملحقية",
))
BRANCH_PLACE_WORDS = frozenset(match_key(w) for w in ("بمنطقة", "بمحافظة", "بمدينة", "بالمنطقة"))
BRANCHES = frozenset(match_key(w) for w in ("فرع", "وفرع"))
IN_KEY = match_key("في")


def _known_place_names(article: Article) -> dict[int, int]:
    """The start and end of each name mention of a knowledge-base place."""
    return {m.start: m.end for a in article.actors if a.type in PLACE_TYPES and a.in_kb for m in a.mentions if m.kind == "name"}


# Words for a government, a regime or armed forces that the name of the person who leads them may follow.
GOVERNMENT_HEADS = {
    "fa": frozenset(match_key(w) for w in ("دولت", "رژیم", "حکومت", "کابینه", "نیروهای")),  # not 'نظام': a system, and a name
    "ar": frozenset(match_key(w) for w in ("إدارة", "نظام", "حكومة", "قوات", "ميليشيات")),
}


def _governments_of_people(story: _Story, spans: list[tuple[int, int, str]]) -> tuple[list[tuple[int, int, str]], set[tuple[int, int]]]:
    """A government, regime or force named by the person who leads it ('دولت بوش', 'رژیم صدام', 'إدارة
    أوباما', 'قوات صالح') is an organisation; the person stays a mention of their own. A tagger's person
    that begins with the head word ('دولت روحانی') is split so. Returns the spans and the organisations'."""
    article, original = story.article, story.article.original
    heads = GOVERNMENT_HEADS.get(article.language or "", frozenset())
    if not heads or not story.ranges_with(heads):  # most articles: no such word, nothing to read
        return spans, set()
    people = [(m.start, m.end) for a in article.actors if a.type == "PER" for m in a.mentions if m.kind == "name"]
    out: list[tuple[int, int, str]] = []
    led = set()
    for start, end, label in spans:
        first = original[start:end].split(" ", 1)
        if label == "PER" and len(first) == 2 and _is_head(match_key(first[0]), heads):
            out.append((start + len(first[0]) + 1, end, "PER"))
            led.add((start, end))
            continue
        out.append((start, end, label))
        if label == "PER":
            people.append((start, end))
    for start, end in people:
        before = tokens(original, max(0, start - 16), start)
        if before and before[-1].end == start - 1 and original[start - 1] == " " and _is_head(before[-1].key, heads):
            led.add((before[-1].start, end))
    return out + [(s, e, "ORG") for s, e in sorted(led)], led


# Persian words for a unit of an organisation, written before the organisation's name: 'روابط عمومی
# دانشگاه صنعتی امیرکبیر' (its public relations), 'دبیرخانه شورای اطلاع‌رسانی دولت' (its secretariat).
UNIT_OF_HEADS = tuple(tuple(match_key(w) for w in phrase.split()) for phrase in (
    "روابط عمومی", "دبیرخانه", "دبیر خانه", "دفتر", "معاونت", "شعبه", "هیئت مدیره", "هیات مدیره",
))
UNIT_OF_FIRST_WORDS = frozenset(head[0] for head in UNIT_OF_HEADS)


def _units_of_organisations(story: _Story, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A unit of an organisation named before the organisation (:data:`UNIT_OF_HEADS`): an organisation
    of its own, beside the one it belongs to."""
    if not story.ranges_with(UNIT_OF_FIRST_WORDS):  # most articles: no unit word, nothing to read
        return []
    article, original = story.article, story.article.original
    orgs = [(m.start, m.end) for a in article.actors if a.type == "ORG" for m in a.mentions if m.kind == "name"]
    orgs += [(s, e) for s, e, label in spans if label == "ORG"]
    out = []
    for start, end in orgs:
        before = tokens(original, max(0, start - 24), start)
        keys = [t.key for t in before]
        for head in UNIT_OF_HEADS:
            n = len(head)
            if len(before) >= n and tuple(keys[-n:]) == head and _next_word(original, before[-1].end, start):
                out.append((before[-n].start, end, "ORG"))
                break
    shortest: dict[int, tuple[int, int, str]] = {}
    for span in out:  # the knowledge base's name of the organisation, not a tagger's run past it
        if span[0] not in shortest or span[1] < shortest[span[0]][1]:
            shortest[span[0]] = span
    return [span for span in shortest.values() if span not in spans]


def _branches_at_places(article: Article, spans: list[tuple[int, int, str]], places: dict[int, int]) -> list[tuple[int, int, str]]:
    """An institution's name followed by 'ب' and a known place (``places``: 'بالرياض', 'بمنطقة جازان') runs
    on over it: the tagger's span is lengthened, and a knowledge-base organisation's branch there is a new
    one beside it ('الهيئة العامة للسياحة والتراث الوطني بمنطقة تبوك')."""
    places = places | {s: e for s, e, label in spans if label in PLACE_TYPES}  # and the tagger's places ('حائل')
    if not places:
        return spans
    original = article.original

    def branch_end(start: int, end: int) -> int | None:
        head = match_key(original[start:end].split(maxsplit=1)[0])
        if not _is_head(head, BRANCH_HEADS, ONE_LETTER_PROCLITICS):
            return None
        after = tokens(original, end, min(len(original), end + 60))
        if after and after[0].start == end + 1 and after[0].key == IN_KEY and head in BRANCHES and len(after) > 1:
            # a branch 'في منطقة حائل' (after 'in', only a branch: any body is somewhere)
            stop = places.get(after[1].start)
            if stop is None and "ب" + after[1].key in BRANCH_PLACE_WORDS and len(after) > 2:
                stop = places.get(after[2].start)
            return stop
        if not after or after[0].start != end + 1 or not after[0].key.startswith("ب"):
            return None
        stop = places.get(after[0].start + 1)  # 'بالرياض', 'بمنطقة جازان' (the region's name holds the word)
        if stop is None and after[0].key in BRANCH_PLACE_WORDS and len(after) > 1:
            stop = places.get(after[1].start)  # 'بمحافظة شرورة'
        return stop

    out = []
    for start, end, label in spans:
        stop = branch_end(start, end) if label in ("ORG", FACILITY) else None
        out.append((start, stop, "ORG") if stop else (start, end, label))
    for a in article.actors:
        if a.type == "ORG" and a.in_kb:
            for m in a.mentions:
                if m.kind == "name" and (stop := branch_end(m.start, m.end)):
                    out.append((m.start, stop, "ORG"))
    return out


def _people_after_places(article: Article, spans: list[tuple[int, int, str]], places: dict[int, int]) -> list[tuple[int, int, str]]:
    """A tagger's place that runs on from a known place (``places``) into a given name is that place and
    then a person: 'تهران محمدکاظم آل‌صادق' of 'سفیر عراق در تهران محمدکاظم آل‌صادق' (the place is the
    linker's already; the rest is the new name)."""
    if not places:
        return spans
    given = _given_names(article.language)
    out = []
    for start, end, label in spans:
        place_end = places.get(start) if label == "LOC" else None
        if place_end is not None and place_end < end:
            rest = tokens(article.original, place_end, end)
            if rest and _given_or_two(rest[0].key, given):
                out.append((rest[0].start, end, "PER"))
                continue
        out.append((start, end, label))
    return out


def _conjoined_people(original: str, span: tuple[int, int, str]) -> list[tuple[int, int, str]]:
    """An Arabic person's span with 'و' and a given name inside is two people: 'غاري وأودري' is 'غاري'
    and 'أودري' ('وليد', a given name itself, stays)."""
    start, end, label = span
    if label != "PER" or " و" not in original[start:end]:
        return [span]
    given = _given_name_keys("ar")
    toks = tokens(original, start, end)
    for k, tok in enumerate(toks[1:], 1):
        if tok.key.startswith("و") and tok.key not in given and tok.key[1:] in given:
            first = (start, toks[k - 1].end, label)
            return [first, *_conjoined_people(original, (tok.start + 1, end, label))]
    return [span]


@cache
def _given_name_keys(language: str | None) -> frozenset[str]:
    """:func:`_given_names` and the foreign ones' match keys ('اودری' of 'أودري')."""
    return _given_names(language) | foreign_given_keys(language or "")


def _given_or_two(key: str, given: frozenset[str]) -> bool:
    """A given name, or two written as one word ('محمدکاظم', 'علیرضا')."""
    return key in given or (len(key) >= 6 and any(key[:i] in given and key[i:] in given for i in range(3, len(key) - 2)))


def _kb_entry_of_type(key: str, label: str, language: str | None, home: str | None = None) -> str | None:
    """The knowledge-base entry an ambiguous name the linker left unsettled stands for, when the tagger's
    type picks one candidate: 'عدن' tagged LOC is Aden, not the given name; 'الشرق الأوسط' tagged ORG is
    no place, but 'مصر' tagged ORG, with no organisation of that name, is Egypt; of two candidates, the
    one of the outlet's country (``home``). People are left alone: there the question is which person,
    not what kind of thing."""
    kb = load_kb()
    types = PLACE_TYPES if label == "LOC" else (label,)
    refs = [r for r in lexicon().names.get(key, ()) if r.reads_in(language)]
    ids = {r.entry_id for r in refs if kb.entries[r.entry_id].type in types}
    if not ids and label == "ORG":  # a state as an actor, as Arman tags it ('مصر' of 'روابط ایران و مصر'): the country
        ids = {r.entry_id for r in refs if kb.country_entity.get(kb.entries[r.entry_id].country or "") == r.entry_id}
    if len(ids) > 1 and home:  # 'الأهلي' in a Saudi paper: the Saudi club, not Egypt's
        ids = {e for e in ids if kb.entries[e].country == home} or ids
    return ids.pop() if len(ids) == 1 else None


PLACE_TYPES = ("GPE", "LOC")
# words that join an office to its place: 'سفير العراق لدى طهران', 'سفیر عراق در تهران'
ROLE_LINK_WORDS = frozenset(match_key(w) for w in ("لدى", "في", "در", "به", "فی"))


@cache
def _role_last_words() -> frozenset[str]:
    """The keys a role before a name can end with: an office title's last word, or a place's (a country,
    city or their adjective: 'وزير الخارجية الكيني', 'سفير العراق لدى طهران')."""
    kb = load_kb()
    places = {key.rsplit(" ", 1)[-1] for key, refs in kb.names.items() if any(kb.entries[r.entry_id].type in PLACE_TYPES for r in refs)}
    return title_last_words() | frozenset(places)


def _is_rank(original: str, toks: list[Token], t: Mention) -> bool:
    """Whether a title mention's words are a rank or honorific too ('الأمير', 'الشيخ'): not an office."""
    return match_key(original[_after_clitic(toks[t.i], t.clitic_chars) : toks[t.j - 1].end]) in lexicon().honorifics


QUOTE_CLOSERS = frozenset({"»", '"', "”", "'", ")"})


class _Titles:
    """Roles written right before a new name the tagger found: an office title without a name of its own,
    with the places that qualify it ('وزير الخارجية الكيني', 'سفير العراق لدى طهران')."""
    LAST_WORD = 40  # characters read for the word right before the name
    WINDOW_BEFORE = 200  # characters read before the name (a title of up to 12 words and its places)
    WINDOW_AFTER = 40  # ... and after it ('السابق' after the name makes the title a former one)

    def __init__(self, story: _Story) -> None:
        self.story = story
        self.article = story.article
        self.ranges = story.ranges

    def after(self, end: int) -> ActorMention | None:
        """The office written right after a new name, with the places that qualify it ('«مانوئل والس»
        وزیر کشور فرانسه'), as a title mention."""
        original = self.article.original
        for lo, hi in self.ranges:
            if not lo < end <= hi:
                continue
            toks = self.story.window(lo, hi, end, min(hi, end + self.WINDOW_BEFORE))
            skip = 1 if toks and toks[0].text in QUOTE_CLOSERS else 0
            if len(toks) > skip and toks[skip].text in APPOSITION_MARKS:
                skip += 1  # 'ناصر چرخ‌ساز، رئیس سازمان امداد و نجات'
            if len(toks) <= skip or not _next_word(original, toks[skip - 1].end if skip else end, toks[skip].start):
                return None
            toks = toks[skip:]
            if not title_heads(toks[0].key):
                return None  # most new names: no office right after them
            mentions = find_mentions(toks, self.article.language)
            title = next((t for t in mentions if t.title_kind and t.i == 0), None)
            if title is None or _is_rank(original, toks, title):
                return None  # none, or 'والأمير محمد': the next person's rank
            if title.clitic_chars and toks[0].key.startswith("و"):
                return None  # 'X، ورئيس الهيئة ...': and the head of it, another person
            first = _after_clitic(toks[0], title.clitic_chars)
            kb = load_kb()
            last = title.j
            for m in mentions:  # the places, and an organisation, the office is of ('رئيس مجلس الشورى')
                if m.i == last and m.title_kind is None and m.refs and all(kb.entries[r.entry_id].type in (*PLACE_TYPES, "ORG") for r in m.refs):
                    last = m.j
            return ActorMention(first, toks[last - 1].end, original[first : toks[last - 1].end], "title")
        return None

    def before(self, start: int) -> ActorMention | None:
        """The role ending right before ``start`` (a space or nothing between), as a title mention."""
        original = self.article.original
        for lo, hi in self.ranges:
            if not lo <= start < hi:
                continue
            last = self.story.window(lo, hi, max(lo, start - self.LAST_WORD), start)
            if not last or last[-1].key not in _role_last_words() or start - last[-1].end > 1:
                return None  # most new names: no role can end right before them
            toks = self.story.window(lo, hi, max(lo, start - self.WINDOW_BEFORE), min(hi, start + self.WINDOW_AFTER))
            name_at = next((k for k, t in enumerate(toks) if t.start >= start), len(toks))
            if not any(title_heads(t.key) for t in toks[:name_at]):
                return None  # no office title can begin before the name (most places' names: none)
            mentions = find_mentions(toks, self.article.language)
            kb = load_kb()
            place = {
                k for m in mentions if m.title_kind is None and any(kb.entries[r.entry_id].type in PLACE_TYPES for r in m.refs)
                for k in range(m.i, m.j)
            }
            for t in mentions:
                if t.title_kind is None or t.entry_id is not None or t.j > name_at:
                    continue
                if _is_rank(original, toks, t):
                    continue  # 'الأمير فلان': a rank or honorific, not an office
                between = range(t.j, name_at)
                if all(k in place or toks[k].key in ROLE_LINK_WORDS for k in between) and (t.j == name_at or name_at - 1 in place):
                    first = _after_clitic(toks[t.i], t.clitic_chars)
                    end = toks[name_at - 1].end
                    return ActorMention(first, end, original[first:end], "title")
        return None


def _actor(kb: KB, entry_id: str, mentions: list[ActorMention], date: str | None, titles: list[Mention]) -> Actor:
    e = kb.entries[entry_id]
    return Actor(
        id=e.id,
        type=e.type,
        name={k: e.name.get(k) for k in ("en", "fa", "ar") if e.name.get(k)},
        in_kb=True,
        country=e.country,
        role=role_on(kb, e.id, date, titles) if e.type == "PER" else None,
        mentions=_in_order(mentions),
        wikidata=e.wikidata,
    )
