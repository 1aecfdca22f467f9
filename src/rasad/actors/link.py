"""Linking: knowledge-base names and office titles found in an article's text, on match keys.

Tokens are compared by their folded keys, longest match first, so شمخاني, شمخانی and علی شمخانی all
reach one entry. A name may carry a proclitic (و، ب، ل، وال...) and be preceded by honorifics and ranks
(سرلشکر, العميد, شیخ), which join the mention's span as attributes. Ambiguous names are decided from the
rest of the article; titles without a name are resolved by rasad.actors.roles.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache, partial
from itertools import compress

from rapidfuzz.distance import Levenshtein

from rasad.actors.kb import KB, NameRef, load_kb
from rasad.actors.ner_data import FAMILY, native_names
from rasad.doc import Token
from rasad.text.chars import read_data
from rasad.text.keys import match_key
from rasad.text.segment import tokens

MAX_NAME_TOKENS = 9
JOINED_SLACK = 2  # a name written joined in the KB ('ابومهدی') may be spaced in the text ('ابو مهدی')


@dataclass
class Mention:
    """A stretch of tokens [i, j) naming something: candidates from the KB, or an office title."""

    i: int
    j: int
    refs: list[NameRef] = field(default_factory=list)
    title_kind: str | None = None
    honorific: str | None = None
    honorific_class: str | None = None
    h: int | None = None  # first token of the honorific, when there is one
    clitic_chars: int = 0  # letters of a proclitic at the start of token i, outside the mention
    entry_id: str | None = None
    scope: str | None = None  # a title's country code or org id
    scope_mention: Mention | None = None
    name_follows: bool = False  # a title: a given name comes right after it ('الملك خالد')
    given_name: tuple[int, int] | None = None  # that given name's tokens, when it settled the title's holder ('الملك سلمان')
    namesake: bool = False  # a known family name after another given name: left unsettled, a hint of a new person

    @property
    def start_token(self) -> int:
        return self.h if self.h is not None else self.i


@dataclass(frozen=True)
class Lexicon:
    names: dict[str, list[NameRef]]
    first_keys: dict[str, int]  # first token of a name -> the most tokens a name starting with it has
    prefixes: frozenset[str]  # every name's first words (one, two, ... all of them), to stop reading early
    titles: dict[str, dict[str, str]]  # language -> title key -> office kind
    title_first: frozenset[str]
    title_prefixes: frozenset[str]  # every title's first words, as prefixes is for names
    blockers: frozenset[str]
    former: frozenset[str]
    home_words: frozenset[str]
    other_country_words: frozenset[str]
    plain_adjectives: frozenset[str]
    honorifics: dict[str, str]
    honorific_max: int
    connectors: frozenset[str]
    proclitics: tuple[str, ...]
    descriptors: frozenset[str]
    list_connectors: frozenset[str]
    orgs_by_country: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]


ACRONYM_LETTERS = 3  # a name whose every word is this short is spelt-out letters ('بي بي سي', 'د ب أ')


@cache
def lexicon() -> Lexicon:
    kb = load_kb()
    names: dict[str, list[NameRef]] = {}
    for key, refs in kb.names.items():
        names.setdefault(key, []).extend(refs)
    for key, refs in _as_written_in_text(kb).items():
        names.setdefault(key, []).extend(r for r in refs if r not in names[key])
    sayyid = match_key("سید")
    for key, refs in list(names.items()):
        words = key.split(" ")
        people = [r for r in refs if kb.entries[r.entry_id].type == "PER"]
        if people and len(words) > 1 and not words[0].startswith(sayyid):
            # a sayyid's title is often written joined to the given name: 'سیداحمد خاتمی', 'سیدمحمد حسینی'
            glued = sayyid + key
            names.setdefault(glued, []).extend(r for r in people if r not in names.get(glued, []))
        joined = key.replace(" ", "")
        if joined != key and not key.startswith("ال "):  # 'آل ثاني' joined is 'الثاني', 'the second'
            names.setdefault(joined, []).extend(r for r in refs if r not in names.get(joined, []))
        words = key.split(" ")
        if len(words) > 1 and all(len(w) <= ACRONYM_LETTERS for w in words):  # 'بي بي سي' written 'بي.بي.سي'
            dotted = ".".join(words)
            names.setdefault(dotted, []).extend(r for r in refs if r not in names.get(dotted, []))
    titles: dict[str, dict[str, str]] = {"fa": {}, "ar": {}}
    for kind in kb.kinds.values():
        for lang, lang_titles in kind.titles.items():
            for t in lang_titles:
                titles.setdefault(lang, {}).setdefault(match_key(t), kind.kind)
    data = read_data("common/honorifics.json")
    honorifics = {match_key(h["text"]): h["class"] for h in data["honorifics"]}
    proclitics = tuple(sorted({match_key(p) for p in data["proclitics"]}, key=len, reverse=True))
    return Lexicon(
        names=names,
        first_keys=_first_keys(names),
        prefixes=_word_prefixes(names),
        titles=titles,
        title_first=frozenset(k.split(" ")[0] for lang in titles.values() for k in lang),
        title_prefixes=_word_prefixes(k for lang in titles.values() for k in lang),
        blockers=frozenset(match_key(w) for w in data["title_blockers"]),
        former=frozenset(match_key(w) for w in data["title_former"]),
        home_words=frozenset(match_key(w) for w in data["home_country_words"]),
        other_country_words=frozenset(match_key(w) for w in data["other_country_words"]),
        plain_adjectives=frozenset(match_key(w) for w in data["title_plain_adjectives"]),
        honorifics=honorifics,
        honorific_max=max(len(k.split(" ")) for k in honorifics),
        connectors=frozenset(match_key(c) for c in data["title_connectors"]),
        proclitics=proclitics,
        descriptors=frozenset(match_key(c) for c in data["org_descriptors"]),
        list_connectors=frozenset(match_key(c) for c in data["list_connectors"]),
        orgs_by_country=_orgs_by_country(kb),
    )


def _as_written_in_text(kb: KB) -> dict[str, list[NameRef]]:
    """Name keys as the text's tokens give them where they differ from the name's own match key: a comma
    is a token of its own ('وزارت بهداشت، درمان و آموزش پزشکی'), and so are a plus, a hyphen and a slash
    ('گروه ۵+۱', 'آزادراه تهران-شمال'), and a word joined by ZWNJ is often written spaced ('یگان‌های مدافع
    خلق' / 'یگان های مدافع خلق')."""
    out: dict[str, list[NameRef]] = {}
    for e in kb.entries.values():
        for n in e.all_names():
            if not any(c in n for c in "\u200c،,+-/"):
                continue
            key = match_key(n)
            refs = [r for r in kb.names.get(key, ()) if r.entry_id == e.id]
            for written in {n, n.replace("\u200c", " ")}:
                alt = " ".join(t.key for t in tokens(written, 0, len(written)))
                if alt and alt != key and " " in alt:
                    out.setdefault(alt, []).extend(r for r in refs if r not in out.get(alt, []))
    return out


def _word_prefixes(keys: Iterable[str]) -> frozenset[str]:
    """Every key's first words: one, two, ... all of them."""
    return frozenset(" ".join(parts[:k]) for key in keys for parts in (key.split(" "),) for k in range(1, len(parts) + 1))


def _first_keys(names: dict[str, list[NameRef]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for key in names:
        parts = key.split(" ")
        out[parts[0]] = max(out.get(parts[0], 0), len(parts))
    return out


def _orgs_by_country(kb: KB) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    out: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for e in kb.entries.values():
        if e.type == "ORG" and e.country:
            out.setdefault(e.country, []).append((e.id, tuple(match_key(n) for n in e.all_names())))
    return {c: tuple(v) for c, v in out.items()}


MIN_CLITIC_REST = 3  # letters a word must keep once its proclitic is off: 'كرم' is not ك + 'رم' (Rome)


def clitic_forms(key: str, proclitics: tuple[str, ...]) -> list[tuple[str, int]]:
    """The token key without a proclitic: [(rest, letters stripped)]; وال/بال/لل leave the article ال."""
    forms = []
    for p in proclitics:
        if key.startswith(p) and len(key) - len(p) >= MIN_CLITIC_REST:
            rest = key[len(p) :]
            if p.endswith("ال"):
                forms.append(("ال" + rest, len(p) - 2))
            elif p.endswith("لل"):
                forms.append(("ال" + rest, len(p) - 1))
            forms.append((rest, len(p)))
    return forms


def find_mentions(tokens: list[Token], language: str | None = None) -> list[Mention]:
    """Names (longest match first) and office titles in a run of tokens, without overlaps between names.
    Titles are read in the article's language only ('امین' is a Persian given name, 'أمين' an Arabic
    title)."""
    lex = lexicon()
    keys = [t.key for t in tokens]
    mentions: list[Mention] = []
    at = 0  # the first token a name may begin at
    for i, heads in enumerate(map(_name_heads, keys)):
        if not heads or i < at:  # most words begin no name: no call for them
            continue
        found = _match_at(keys, i, lex, language)
        if found and _runs_into_another(found, keys, lex, language):
            at = found.j - 1
        elif found:
            mentions.append(found)
            at = found.j
    mentions = [m for m in _extend_patronymics(mentions, keys) if not _another_body(m, keys)]
    titles = _titles(keys, lex, language)
    _attach_honorifics(mentions, keys, lex)
    _attach_descriptors(mentions, keys, lex)
    return sorted(mentions + titles, key=lambda m: (m.start_token, -(m.j - m.i)))


def _runs_into_another(found: Mention, keys: list[str], lex: Lexicon, language: str | None) -> bool:
    """Whether a name's last word, a name of its own, begins a longer name of another entry: then that word
    is the longer name's ('هیئت رئیسه مجلس' + 'مجلس خبرگان رهبری' is the presidium of the Assembly of
    Experts, not of the parliament), unless the longer name is the same entry's ('کمیسیون ... مجلس' +
    'مجلس شورای اسلامی')."""
    last = found.j - 1
    if found.j - found.i < 2 or found.clitic_chars or not _name_heads(keys[last]):
        return False
    alone = {r.entry_id for r in lex.names.get(keys[last], ())}
    if not alone:
        return False
    longer = _match_at(keys, last, lex, language)
    return bool(longer and longer.j > found.j and longer.refs and alone.isdisjoint(r.entry_id for r in longer.refs))


def _another_body(m: Mention, keys: list[str]) -> bool:
    """Whether a known organisation's short name goes on with a 'for X' its names never have, where its
    long names go on with another: 'الاتحاد السعودي' + 'لكرة الطائرة' is not the football federation
    ('الاتحاد السعودي لكرة القدم'), but the volleyball one."""
    if m.j >= len(keys) or not keys[m.j].startswith("ل") or m.clitic_chars or not m.refs:
        return False
    prefix = " ".join(keys[m.i : m.j]) + " "
    longer = [
        key[len(prefix) :].split(" ") for r in m.refs for key in name_keys(r.entry_id, with_ambiguous=True)
        if key.startswith(prefix)
    ]
    whose = [rest for rest in longer if rest[0].startswith("ل")]
    return bool(whose) and not any(keys[m.j : m.j + len(rest)] == rest for rest in whose)


PATRONYMIC = frozenset({"بن", "ابن", "بنت"})  # 'محمد بن نايف بن عبدالعزيز'; 'آل' folds to 'ال': 'سلمان بن عبدالعزيز آل سعود'
MAX_PATRONYMICS = 3
FAMILY_PARTICLES = frozenset({"ابا", "ابو", "ال", "بو"})  # a family name of two words: 'أبا الخيل', 'آل الشيخ'


def _extend_patronymics(mentions: list[Mention], keys: list[str]) -> list[Mention]:
    """A person's name runs on over the father's and family names written after it ('محمد بن نايف' +
    'بن عبدالعزيز', + 'آل سعود'); a name that started inside the run is part of it.

    A known name inside someone else's chain is not that person: 'عبدالله بن عبدالعزيز' after 'فهد بن'
    is the father's name, 'بن سلمان' after 'بندر' is Bandar's patronymic, and 'محمد بن عبدالرحمن' going
    on with 'بن عبدالعزيز' is not the Qatari 'محمد بن عبدالرحمن بن جاسم'. Those are dropped, for the
    tagger to read the whole name as a new person."""
    kb = load_kb()
    kept: list[Mention] = []
    for m in mentions:
        if m.refs and m.i >= 2 and keys[m.i - 1] in PATRONYMIC and keys[m.i - 2].isalpha():
            continue  # the father's name in another person's chain ('فيصل بن تركي' is no Turkey)
        if not m.refs or not all(kb.entries[r.entry_id].type == "PER" for r in m.refs):
            kept.append(m)
            continue
        family = m.j - m.i == 1 or (m.j - m.i == 2 and keys[m.i] in FAMILY_PARTICLES)
        if family and m.i and not m.clitic_chars and _another_given_name(m, keys[m.i - 1]):
            m.namesake = True  # 'عبدالعزيز العنقري' is not Khalid al-Anqari, 'فيصل أبا الخيل' not Sulaiman, but others of those families
        if keys[m.i] in PATRONYMIC and m.i and keys[m.i - 1] in person_first_words():
            continue  # the patronymic of the given name before it
        for _ in range(MAX_PATRONYMICS):
            if m.j + 1 < len(keys) and (keys[m.j] in PATRONYMIC or keys[m.j] == "ال") and keys[m.j + 1].isalpha():
                if any(_lineage_differs(r.entry_id, keys[m.i : m.j], keys[m.j], keys[m.j + 1]) for r in m.refs):
                    break
                m.j += 2
            else:
                break
        if m.j + 1 < len(keys) and keys[m.j] in PATRONYMIC and any(_lineage_differs(r.entry_id, keys[m.i : m.j], keys[m.j], keys[m.j + 1]) for r in m.refs):
            continue  # the text's lineage is not this person's
        if m.j < len(keys) and _another_family(m, keys):
            continue  # 'عبدالعزيز بن سعد الحارثي' is not Prince Abdulaziz bin Saad: a namesake of another family
        kept.append(m)
    out: list[Mention] = []
    for m in kept:
        if out and m.i < out[-1].j:
            continue
        out.append(m)
    return out


NOT_FAMILIES = frozenset({"الذی", "الثانی", "الحالی", "الماضی", "السابق"})  # ال-words ending in 'ی' that end no name


def _another_family(m: Mention, keys: list[str]) -> bool:
    """Whether a known name of lineage ('X بن Y') goes on with a family name of relation ('الحارثي') or
    one of the name list ('قطان') that none of that person's names has: then it is someone else of the
    same given names."""
    if not any(k in PATRONYMIC for k in keys[m.i : m.j]):
        return False
    word = keys[m.j]
    nisba = word.startswith("ال") and word.endswith("ی") and len(word) >= 5
    if not (nisba or word in native_names("ar")[FAMILY]) or word in NOT_FAMILIES:
        return False
    if any(r.adjective for r in lexicon().names.get(word, ())):
        return False  # a country's adjective: 'محمد بن سلمان السعودي'
    return not any(word in key.split(" ") for r in m.refs for key in name_keys(r.entry_id, with_ambiguous=True))


def _another_given_name(m: Mention, before: str) -> bool:
    """A given name written right before a one-word name that is no word of that person's names."""
    if before not in given_names():
        return False
    return not any(before in key.split(" ") for r in m.refs for key in name_keys(r.entry_id, with_ambiguous=True))


def _lineage_differs(entry_id: str, name: list[str], particle: str, word: str) -> bool:
    """Whether the knowledge base writes this person's name on after ``name`` with the text's kind of
    particle ('بن' a father, 'آل' a family) but never with the text's word: 'بن عبدالعزيز' against the
    Qatari's 'بن جاسم'. A grandfather against a family name ('بن عبدالعزيز', 'آل سعود') is no conflict."""
    prefix = " ".join(name) + " "
    kind = "ال" if particle == "ال" else "بن"
    words = set()
    for key in name_keys(entry_id):
        if key.startswith(prefix):
            rest = key[len(prefix) :].split(" ")
            if len(rest) >= 2 and ("ال" if rest[0] == "ال" else "بن" if rest[0] in PATRONYMIC else None) == kind:
                after = rest[1:]
                cut = next((k for k, w in enumerate(after) if w in PATRONYMIC or w == "ال"), len(after))
                words.add("".join(after[:cut]))  # 'عبد العزيز' and 'عبدالعزيز' are one name
    # the text's word may be the first half of a spaced name ('عبد' of 'عبد العزيز')
    return bool(words) and not any(w.startswith(word) or word.startswith(w) for w in words)


@lru_cache(maxsize=4096)
def name_keys(entry_id: str, with_ambiguous: bool = False) -> tuple[str, ...]:
    """The match keys of an entry's names and variants (and of its ambiguous forms, when asked)."""
    e = load_kb().entries[entry_id]
    names = [*e.all_names(), *e.ambiguous] if with_ambiguous else e.all_names()
    return tuple(dict.fromkeys(k for n in names if n and (k := match_key(n))))


@cache
def _people_by_first_word() -> dict[str, frozenset[str]]:
    """First word (three letters or more) of the knowledge base's people's names of two words or more ->
    the people whose names start with it."""
    kb = load_kb()
    people: dict[str, set[str]] = {}
    for key, refs in lexicon().names.items():
        first = key.split(" ", 1)[0]
        if " " in key and len(first) >= 3:
            ids = {r.entry_id for r in refs if kb.entries[r.entry_id].type == "PER"}
            if ids:
                people.setdefault(first, set()).update(ids)
    return {k: frozenset(v) for k, v in people.items()}


@cache
def person_first_words() -> frozenset[str]:
    """Words that start a person's name in the knowledge base: a word before 'بن' that starts a name."""
    return frozenset(_people_by_first_word()) - PATRONYMIC


@lru_cache(maxsize=200_000)
def _name_heads(key: str) -> tuple[tuple[str, int], ...]:
    """How a token can start a name: itself, or without its proclitic (cached: tokens repeat)."""
    lex = lexicon()
    if key in lex.first_keys:
        return ((key, 0),)
    return tuple(f for f in clitic_forms(key, lex.proclitics) if f[0] in lex.first_keys)


@lru_cache(maxsize=200_000)
def _longest_name(key: str) -> int:
    """The most tokens of a name the token can start (see :func:`_name_heads`)."""
    first_keys = lexicon().first_keys
    return max(first_keys[h] for h, _ in _name_heads(key))


@cache
def given_names() -> frozenset[str]:
    """The first words of the knowledge base's people's names of two words or more ('فهد', 'خالد',
    'محمد'): after an office title one starts that person's name."""
    kb = load_kb()
    names = lexicon().names
    # a first word shared by two people or more is a given name ('محمد', 'فهد'); one person's ('هو' of
    # Hu Jintao, 'آن' folded to 'ان' = 'إن') may be an ordinary word
    firsts = {k for k, ids in _people_by_first_word().items() if len(ids) >= 2}
    places = {key for key in firsts if any(kb.entries[r.entry_id].type != "PER" for r in names.get(key, ()))}  # 'اسرائيل كاتس'
    return frozenset(firsts - places - lexicon().honorifics.keys() - NOT_GIVEN_NAMES)


# First words of names that are titles: Persian 'امام' ('امام رضا', 'امام حسین') is no given name, or
# 'امام خمینی' would be read as another person than 'خمینی' (it is no honorific either: Arabic 'أمام',
# 'in front of', folds to the same letters).
# Persian 'الی' (Eli) is the Arabic 'إلى' (to) folded; Arabic 'هنري' (Henri) is the Persian 'هنری' (artistic)
NOT_GIVEN_NAMES = frozenset({match_key("امام"), match_key("إلى"), match_key("هنری")})


@cache
def title_last_words() -> frozenset[str]:
    """The keys of the words office titles end with (a title before a name ends right before it)."""
    return frozenset(k.rsplit(" ", 1)[-1] for lang in lexicon().titles.values() for k in lang)


@lru_cache(maxsize=200_000)
def title_heads(key: str) -> tuple[tuple[str, int], ...]:
    lex = lexicon()
    return tuple(f for f in [(key, 0), *clitic_forms(key, lex.proclitics)] if f[0] in lex.title_first)


def _match_at(keys: list[str], i: int, lex: Lexicon, language: str | None = None) -> Mention | None:
    firsts = _name_heads(keys[i])
    if not firsts:
        return None
    longest = min(_longest_name(keys[i]) + JOINED_SLACK, MAX_NAME_TOKENS, len(keys) - i)
    # no name goes on past the words that begin one ('الهيئة العامة للطيران' + an ordinary word): only
    # lengths up to there are looked up as written, and past there only the short spaced forms of
    # joined names ('ابو مهدی' -> 'ابومهدی')
    if len(firsts) == 1:
        reach = _prefix_reach(keys, i, firsts[0][0], longest, lex.prefixes)
    else:
        reach = max(_prefix_reach(keys, i, head, longest, lex.prefixes) for head, _ in firsts)
    names = lex.names
    for length in [*(k for k in JOINED_LENGTHS[::-1] if reach < k <= longest), *range(reach, 0, -1)]:
        tail = keys[i + 1 : i + length]
        joined = "".join(tail) if 1 < length <= 3 and all(tail) else None  # a dash ('ـ') joins no halves
        for head, stripped in firsts:
            refs = names.get(" ".join([head, *tail])) if length <= reach else None
            if refs is None and joined is not None:
                refs = names.get(head + joined)
            if refs and language and not all(r.reads_in(language) for r in refs):
                refs = [r for r in refs if r.reads_in(language)]
            if refs:
                return Mention(i, i + length, list(refs), clitic_chars=stripped)
    return _skipping_middle_names(keys, i, firsts, lex)


JOINED_LENGTHS = (2, 3)  # tokens of a spaced form looked up joined ('ابو مهدی' -> 'ابومهدی')


def _prefix_reach(keys: list[str], i: int, head: str, longest: int, prefixes: frozenset[str]) -> int:
    """How many tokens from ``i`` (its key read as ``head``) still begin some name."""
    words = head
    reach = 1
    while reach < longest and (words := f"{words} {keys[i + reach]}") in prefixes:
        reach += 1
    return reach


def _skipping_middle_names(keys: list[str], i: int, firsts, lex: Lexicon) -> Mention | None:
    """'ثابت محمد العباسی' for the known 'ثابت العباسی': a person's first and last name with one or
    two given names between them (a patronymic)."""
    heads = _two_word_people_heads()
    firsts = [(head, stripped) for head, stripped in firsts if head in heads]
    if not firsts:  # most words that begin a name begin no person's name of two words
        return None
    for skip in (1, 2):
        last = i + 1 + skip
        if last >= len(keys):
            break
        for head, stripped in firsts:
            refs = lex.names.get(f"{head} {keys[last]}")  # most: no such name, so the words between are not read
            if (
                refs and all(k.isalpha() and len(k) > 1 and k not in lex.honorifics for k in keys[i + 1 : last + 1])
                and all(load_kb().entries[r.entry_id].type == "PER" and not r.ambiguous for r in refs)
            ):
                return Mention(i, last + 1, list(refs), clitic_chars=stripped)
    return None


@cache
def _two_word_people_heads() -> frozenset[str]:
    """First words of the names of two words that name people only, unambiguously: the heads a name
    with middle names skipped may start with. Not 'امام': 'امام علی' is no first and last name, and
    Arabic 'أمام قدرتها على' ('in front of') folds to the same letters."""
    kb = load_kb()
    return frozenset(
        key.split(" ", 1)[0]
        for key, refs in lexicon().names.items()
        if key.count(" ") == 1 and refs and all(kb.entries[r.entry_id].type == "PER" and not r.ambiguous for r in refs)
    ) - NOT_GIVEN_NAMES


def _titles(keys: list[str], lex: Lexicon, language: str | None) -> list[Mention]:
    """Office titles. One that a deputy's or adviser's word precedes ('معاون وزیر خارجه') names
    another office and is dropped, and so is a former holder's ('وزير الخارجية السابق')."""
    table = lex.titles.get(language or "") or {k: v for t in lex.titles.values() for k, v in t.items()}
    out = []
    n = len(keys)
    at = 0  # the first token a title may begin at
    for i in compress(range(n), map(title_heads, keys)):  # most words begin no title: no loop for them
        if i < at:
            continue
        hit = None
        for head, stripped in title_heads(keys[i]):
            reach = _prefix_reach(keys, i, head, min(12, n - i), lex.title_prefixes)  # no title goes on past
            for length in range(reach, 0, -1):
                key = " ".join([head, *keys[i + 1 : i + length]])
                if key in table:
                    hit = Mention(i, i + length, title_kind=table[key], clitic_chars=stripped)
                    break
            if hit:
                break
        if hit:
            blocked = i > 0 and keys[i - 1] in lex.blockers
            former = any(k in lex.former for k in keys[hit.j : hit.j + 3])
            # a one-word title right after a given name is a word of that name ('محمد سلطان همتیار')
            named = hit.j - hit.i == 1 and not hit.clitic_chars and i > 0 and keys[i - 1] in given_names()
            if not (blocked or former or named):
                out.append(hit)
            at = hit.j
    return out


def _attach_honorifics(mentions: list[Mention], keys: list[str], lex: Lexicon) -> None:
    taken = {k for m in mentions for k in range(m.i, m.j)}
    last_words = _honorific_last_words()
    for m in mentions:
        if not m.i or keys[m.i - 1] not in last_words:  # most names: no honorific can end right before them
            continue
        for length in range(lex.honorific_max, 0, -1):
            h = m.i - length
            if h < 0 or any(k in taken for k in range(h, m.i)):
                continue
            key = " ".join(keys[h : m.i])
            if key in lex.honorifics:
                m.h, m.honorific, m.honorific_class = h, key, lex.honorifics[key]
                break


@cache
def _honorific_last_words() -> frozenset[str]:
    return frozenset(h.rsplit(" ", 1)[-1] for h in lexicon().honorifics)


def _attach_descriptors(mentions: list[Mention], keys: list[str], lex: Lexicon) -> None:
    """Generic words before an organisation's name join its mention: 'جنبش مقاومت اسلامی النجباء'. Not
    before a country's adjective: 'شرکت آمریکایی', 'شركة صينية' are a company of that country."""
    taken = {k for m in mentions for k in range(m.start_token, m.j)}
    entries = load_kb().entries
    for m in mentions:
        if m.h is not None or not m.refs or all(r.adjective for r in m.refs):
            continue
        if not all(entries[r.entry_id].type == "ORG" for r in m.refs):
            continue  # a place takes none: 'ارشاد اسلامی استان اصفهان' is the province's office, not 'Islamic Isfahan'
        h = m.i
        while h > 0 and m.i - h < 4 and h - 1 not in taken and _is_descriptor(keys[h - 1]):
            h -= 1
        if h < m.i:
            m.h = h


@lru_cache(maxsize=50_000)
def _is_descriptor(key: str) -> bool:
    """A generic word of organisations' names ('جنبش', 'حركة'), or one letter off one of four letters or more."""
    lex = lexicon()
    if key in lex.descriptors:
        return True
    if len(key) < 3:
        return False
    return any(len(d) >= 4 and Levenshtein.distance(key, d, score_cutoff=1) <= 1 for d in lex.descriptors)


Run = tuple[list[str], list[Mention]]


def choose(runs: list[Run], kb: KB, date: str | None, context: set[str] = frozenset(), home: str | None = None) -> None:
    """Settle each name mention on one entry (``entry_id``) or none. An unambiguous name wins at once;
    an ambiguous one takes the candidate the article names unambiguously elsewhere (or its outlet),
    then the one its honorific suggests, then the only candidate in office on the article's date,
    then the one an adjacent country decides ('وزارت دفاع جمهوری عراق'), then the outlet's own
    country's (``home``: 'وزارة الداخلية' in a Saudi paper); a lone ambiguous place is kept when it
    stands in a list of places ('نجف، کربلا، سامرا و مشهد')."""
    sure = set(context)
    for _, mentions in runs:
        for m in mentions:
            if m.refs and len({r.entry_id for r in m.refs}) == 1 and not m.refs[0].ambiguous and not m.namesake:
                m.entry_id = m.refs[0].entry_id
                sure.add(m.entry_id)
    lex = lexicon()
    named = cache(partial(_named_count, runs, kb))  # country -> mentions of its settled entries, counted once
    for keys, mentions in runs:
        starts: dict[int, list[Mention]] = {}
        for x in mentions:
            starts.setdefault(x.start_token, []).append(x)
        for position, m in enumerate(mentions):
            if m.entry_id or not m.refs or m.namesake:
                continue
            ids = list(dict.fromkeys(r.entry_id for r in m.refs))
            pick = [e for e in ids if e in sure] if _may_follow_context(m, ids, kb, keys) else []
            if len(pick) == 1 and home and kb.entries[pick[0]].country not in (home, None) and not _country_follows(m, starts, kb, home):
                # named once with its country ('مجلس الوزراء القطري'), a body leaves its bare name to the
                # outlet's own country's where the article names that country as often ('مجلس الوزراء' of
                # a Saudi paper's piece on the kingdom's decrees)
                mine = _at_home(m, ids, kb, home)
                if len(mine) == 1 and named(home) >= named(kb.entries[pick[0]].country):
                    pick = mine
            if len(pick) != 1 and m.honorific_class == "military":
                pick = [e for e in ids if _military(kb, e)]
            if len(pick) != 1 and date and len(ids) > 1:
                pick = [e for e in ids if any(o.covers(date) for o in kb.entries[e].offices)]
            if len(pick) != 1 and _may_follow_context(m, ids, kb, keys):  # not 'التعاون السعودي' (cooperation) as the club
                pick = _by_neighbour(m, starts.get(m.j, []), kb, ids, keys, lex)
            if len(pick) != 1 and home and not _country_follows(m, starts, kb, home):
                pick = _at_home(m, ids, kb, home)
            if len(pick) != 1 and all(kb.entries[e].type in ("LOC", "GPE") for e in ids):
                near = _place_list_neighbours(m, starts, mentions[max(0, position - 3) : position], kb, keys, lex)
                if near:  # of two places, the one in the country of the places listed with it ('زابل و زهک')
                    pick = ids if len(ids) == 1 else [e for e in ids if kb.entries[e].country in {kb.entries[n].country for n in near}]
            if len(pick) == 1 and pick[0] in outlet_countries() and not _quoted_or_dateline(m, keys) and not _reported_by(m, keys):
                # a paper named like a place is written in quotes ('لـ«الشرق الأوسط»'); unquoted, the place
                places = [e for e in ids if kb.entries[e].type in ("GPE", "LOC")]
                pick = places if places else pick
            if len(pick) == 1:
                m.entry_id = pick[0]
    _places_of_named_countries(runs, kb, set(context))
    _drop_unsupported_short_surnames(runs, kb)


LOCATIVES = frozenset(match_key(w) for w in ("در", "في", "إلى", "من", "از", "به", "تا", "نحو", "داخل", "شمال", "جنوب", "شرق", "غرب"))


def _places_of_named_countries(runs: list[Run], kb: KB, outlets: set[str]) -> None:
    """An ambiguous city or region right after a word for a city ('شهر جده', 'بمدينة عمان'), in the
    dateline after the outlet ('به گزارش خبرگزاری فارس از اراک'), or of a country the article names
    written where a place goes ('در كابل' when the article names Afghanistan: cable or Kabul; 'في جدة' or
    'بجدة' with Saudi Arabia: grandmother or Jeddah), is that place. 'رابط الخبر' stays 'the news', not
    Khobar."""
    settled = {m.entry_id for _, mentions in runs for m in mentions if m.entry_id}
    for keys, mentions in runs:
        ends = {x.j: x for x in mentions if x.entry_id}
        for m in mentions:
            if m.entry_id or not m.refs:
                continue
            ids = {r.entry_id for r in m.refs}
            after_preposition = m.i > 0 and keys[m.i - 1] in LOCATIVES and m.h is None
            after_city_word = m.i > 0 and m.h is None and not m.clitic_chars and _city_word(keys[m.i - 1])
            outlet = ends.get(m.i - 1)
            in_dateline = after_preposition and outlet is not None and outlet.entry_id in outlets
            if after_city_word or in_dateline:  # 'شهر جده', 'فارس از اراک': the text says a place is named
                places = [e for e in ids if kb.entries[e].type in ("GPE", "LOC")]
                if len(places) == 1:
                    m.entry_id = places[0]
                    continue
            if not (after_preposition or (m.clitic_chars == 1 and keys[m.i].startswith("ب"))):
                continue
            pick = [e for e in ids if kb.entries[e].type in ("GPE", "LOC") and kb.entries[e].parent in settled]
            if len(pick) == 1:
                m.entry_id = pick[0]


CITY_WORDS = frozenset(match_key(w) for w in ("شهر", "مدينة", "شهرستان", "استان", "محافظة", "بندر", "ولاية", "ولایت", "عاصمة", "پایتخت"))


def _city_word(key: str) -> bool:
    """A word for a city or province, alone or after a proclitic ('بمدينة', 'ومحافظة')."""
    return key in CITY_WORDS or any(rest in CITY_WORDS for rest, _ in clitic_forms(key, lexicon().proclitics))


def _country_follows(m: Mention, starts: dict[int, list[Mention]], kb: KB, home: str | None = None) -> bool:
    """Whether a country (or its adjective) is named right after the mention: 'وزارت خارجه کره شمالی'
    is North Korea's ministry, not the outlet's country's, even when the knowledge base has no entry
    for it. A city or region of ``home`` is no other country: 'الدفاع المدني بنجران' is the home
    country's civil defence, at its branch there."""
    return any(
        x.refs and any((e := kb.entries[r.entry_id]).type == "GPE" and (not e.parent or e.country != home) for r in x.refs)
        for x in starts.get(m.j, [])
    )


def _named_count(runs: list[Run], kb: KB, country: str) -> int:
    """How many settled mentions name the country or one of its people, bodies and places."""
    return sum(1 for _, mentions in runs for x in mentions if x.entry_id and kb.entries[x.entry_id].country == country)


def _at_home(m: Mention, ids: list[str], kb: KB, home: str) -> list[str]:
    """The home country's own entry for a generic name of several words ('وزارة الداخلية', 'مجلس
    الوزراء', 'وزارت کشور', 'المنطقة الشرقية'), or the home country itself ('المملكة' in a Saudi paper). One word stays
    undecided: 'مجلس' and 'میزان' are ordinary words as often as names."""
    if m.j - m.i < 2 and not any(kb.entries[e].type == "GPE" and not kb.entries[e].parent for e in ids):
        return []
    # a region of the home country too ('المنطقة الشرقية', 'منطقة حائل' in a Saudi paper), not a city or site
    return [e for e in ids if kb.entries[e].country == home and (kb.entries[e].type in ("ORG", "GPE") or not kb.entries[e].parent) and kb.entries[e].type != "PER"]


def _may_follow_context(m: Mention, ids: list[str], kb: KB, keys: list[str]) -> bool:
    """Whether an ambiguous name may take the entry the article names elsewhere. One word that names
    only organisations ('العالم' the world / Al-Alam, 'الوطن', 'الحياة', 'الشباب') must stand in quotes
    or brackets: named in full once, the channel does not make every 'the world' of the article its own."""
    if m.j - m.i > 1 or m.h is not None or not all(kb.entries[e].type == "ORG" for e in ids):
        return True
    return _quoted_or_dateline(m, keys) or _reported_by(m, keys)


# Words before an outlet's name that make it the outlet: 'خبرنگار فارس', 'به گزارش فارس', 'مراسل الجزيرة'
REPORTING_WORDS = frozenset(match_key(w) for w in (
    "خبرنگار", "گزارش", "گزارشگر", "مراسل", "لمراسل", "مراسلة", "مندوب", "لمندوب", "مراسلو", "قناة", "صحيفة", "لصحيفة",
))
DESK = match_key("گروه")  # 'به گزارش گروه اقتصاد بین‌الملل فارس': an agency's desk, then the agency
MAX_DESK_WORDS = 4


def _reported_by(m: Mention, keys: list[str]) -> bool:
    """Whether the name follows a reporting word ('به گزارش فارس', 'مراسل الجزيرة'), or a reporting word
    and the desk of the outlet it names ('به گزارش گروه اقتصاد بین‌الملل فارس')."""
    if m.i > 0 and keys[m.i - 1] in REPORTING_WORDS:
        return True
    for k in range(max(1, m.i - MAX_DESK_WORDS - 1), m.i):
        if keys[k] == DESK and keys[k - 1] in REPORTING_WORDS:
            return all(w.isalpha() for w in keys[k + 1 : m.i])
    return False


def _quoted_or_dateline(m: Mention, keys: list[str]) -> bool:
    quoted = 0 < m.i and m.j < len(keys) and keys[m.i - 1] in QUOTE_KEYS and keys[m.j] in QUOTE_KEYS
    return quoted or _in_dateline(m, keys)


@cache
def outlet_countries() -> dict[str, str | None]:
    """The news outlets Rasad knows (``lang/common/outlets.json``; their ids are their knowledge-base
    entries' ids) and their countries."""
    return {o["id"]: o.get("country") for o in read_data("common/outlets.json")["outlets"]}


DASH_KEYS = frozenset("-–—ـ")


def _in_dateline(m: Mention, keys: list[str]) -> bool:
    """Whether a name stands where a paper writes its own name in a dateline: first in its paragraph
    before a dash or a colon ('سبق- الرياض:'), or between a dash and a colon ('خالد خليل – سبق:')."""
    after = keys[m.j] if m.j < len(keys) else ""
    if m.i == 0:
        return after == ":" or after in DASH_KEYS
    return after == ":" and keys[m.i - 1] in DASH_KEYS


QUOTE_KEYS = frozenset('"()')
SHORT_SURNAME_CHARS = 5


def _drop_unsupported_short_surnames(runs: list[Run], kb: KB) -> None:
    """A person named by one short word ('رايس', 'هریس', 'بري') is only linked when the article also
    names them in full or with a rank: short words collide with other people and places."""
    full = {m.entry_id for _, mentions in runs for m in mentions if m.entry_id and (m.j - m.i > 1 or m.honorific)}
    for keys, mentions in runs:
        for m in mentions:
            if not m.entry_id or m.j - m.i != 1 or m.honorific or m.entry_id in full:
                continue
            if kb.entries[m.entry_id].type == "PER" and len(keys[m.i]) - m.clitic_chars < SHORT_SURNAME_CHARS:
                m.entry_id = None


def _place_list_neighbours(m: Mention, starts: dict[int, list[Mention]], before: list[Mention], kb: KB, keys: list[str], lex: Lexicon) -> set[str]:
    """The places (entry ids) of the mentions one list separator away from a place mention (``before``:
    the few mentions just before it): empty when it stands in no list of places."""
    found: set[str] = set()
    for other in starts.get(m.j + 1, []) + before:
        if other is m or not other.refs:
            continue
        ids = {other.entry_id} if other.entry_id else {r.entry_id for r in other.refs}
        places = {e for e in ids if kb.entries[e].type in ("LOC", "GPE")}
        if not places:
            continue
        gap = range(other.j, m.start_token) if other.j <= m.start_token else range(m.j, other.start_token)
        if len(gap) == 1 and keys[gap[0]] in lex.list_connectors:
            found |= places
    return found


_MILITARY = ("commander", "chief_of_staff", "quds_force", "irgc", "army", "military")


def _military(kb: KB, entry_id: str) -> bool:
    e = kb.entries[entry_id]
    return e.type == "PER" and any(any(w in o.kind for w in _MILITARY) for o in e.offices)


def _by_neighbour(m: Mention, following: list[Mention], kb: KB, ids: list[str], keys: list[str], lex: Lexicon) -> list[str]:
    """Candidates decided by the country named right after: 'وزارت دفاع جمهوری عراق' is Iraq's ministry
    even when the bare words name Iran's; the mention then takes the country into its span.
    ``following`` are the mentions that start where this one ends."""
    after = [x for x in following if x.entry_id and kb.entries[x.entry_id].type == "GPE" and not kb.entries[x.entry_id].parent]  # a country, not the next city of a list
    if not after:
        return []
    country = kb.entries[after[0].entry_id].country
    # an organisation or a place of that country; a person's name before a country is no sign of them
    # ('تمدن ایران' is Iran's civilisation, not the governor Tamadon)
    pick = [e for e in ids if kb.entries[e].type != "PER" and (kb.entries[e].country == country or kb.entries[e].parent == after[0].entry_id)]
    if not pick and m.j - m.i >= 2 and any(kb.entries[e].type == "ORG" for e in ids):  # 'وزارت دفاع', not 'الهلال' (the crescent)
        phrase = " ".join(keys[m.i : m.j])
        pick = [eid for eid, names in lex.orgs_by_country.get(country, ()) if any(n.startswith(phrase) for n in names)][:1]
    if pick:
        m.j = after[0].j
    return pick
