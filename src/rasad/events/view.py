"""What the quote and event finders read: the article's match-key text with its map back to the original,
its sentences and paragraphs as key ranges, and the actor mentions as a sorted index.

Cues are matched on the key text (so ی/ي, ک/ك and ZWNJ do not matter) and every hit is mapped back to
original offsets with :meth:`View.span`, which keeps ``article.original[s.start:s.end] == s.text``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

from rasad.actors.kb import load_kb
from rasad.doc import Actor, Article, Span, make_span
from rasad.events.lexicon import Lexicon, key
from rasad.text.chars import read_data
from rasad.text.keys import key_text

SPEAKER_TYPES = ("PER", "ORG", "GPE")
WORD = re.compile(r"[^\W\d_]+|\d+|[^\w\s]")
LAST_WORD = re.compile(r"([^\W\d_]+|[^\w\s])\s*$")


@cache
def media_ids() -> frozenset[str]:
    """Outlets and news agencies (lang/common/outlets.json): never speakers or meeting participants."""
    return frozenset(o["id"] for o in read_data("common/outlets.json")["outlets"])


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor mention placed in the key text: ``ks``/``ke`` index the key text, ``start``/``end`` the original."""

    ks: int
    ke: int
    start: int
    end: int
    actor: Actor
    kind: str

    @property
    def id(self) -> str:
        return self.actor.id

    @property
    def type(self) -> str:
        return self.actor.type


@dataclass(frozen=True, slots=True)
class Subject:
    """Who a clause is about: ``how`` is named, title, pronoun, unnamed (an unnamed source or a noun
    phrase no actor stands for) or implied (no subject written)."""

    how: str
    mention: Mention | None = None
    ks: int = 0
    ke: int = 0
    text: str | None = None


class View:
    """The article seen through its match keys."""

    def __init__(self, article: Article):
        self.article = article
        keyed = article.keyed if article.keyed is not None else key_text(article.original)
        self.key = keyed.text
        self.offsets = keyed.offsets
        self._keyed = keyed
        self.kb = load_kb()
        media = media_ids() | {o.id for o in (article.outlet, article.agency) if o is not None}
        self.media = media
        mentions = []
        for actor in article.actors:
            for m in actor.mentions:
                ks, ke = self.to_key(m.start), self.to_key(m.end)
                mentions.append(Mention(ks, ke, m.start, m.end, actor, m.kind))
        mentions.sort(key=lambda m: (m.ks, -m.ke))
        outer: list[Mention] = []
        for m in mentions:  # a mention inside a longer one (Iran inside 'Minister of Defence of Iran') is dropped
            if outer and m.ks < outer[-1].ke:
                continue
            outer.append(m)
        self.mentions = outer
        self._starts = [m.ks for m in outer]
        self.paragraphs = [(self.to_key(p.start), self.to_key(p.end), p.language or article.language or "") for p in article.paragraphs]
        self.sentences = [(self.to_key(s.start), self.to_key(s.end)) for s in article.sentences]
        self._sentence_starts = [s for s, _ in self.sentences]

    # ------------------------------------------------------------ offsets

    def to_key(self, pos: int) -> int:
        """The key index of original position ``pos`` (the first key character at or after it)."""
        return bisect_left(self.offsets, pos, 0, len(self.offsets) - 1)

    def span(self, ks: int, ke: int) -> Span:
        """The original span of key range [ks, ke), trimmed of spaces."""
        start, end = self._keyed.to_original(ks, ke) if ke > ks else (self.offsets[ks], self.offsets[ks])
        return make_span(self.article.original, start, end)

    # ------------------------------------------------------------ structure

    def sentence_at(self, kpos: int) -> tuple[int, int]:
        i = bisect_right(self._sentence_starts, kpos) - 1
        if i >= 0 and kpos < self.sentences[i][1]:
            return self.sentences[i]
        return kpos, kpos

    def sentences_in(self, ks: int, ke: int) -> list[tuple[int, int]]:
        i = bisect_left(self._sentence_starts, ks)
        out = []
        while i < len(self.sentences) and self.sentences[i][0] < ke:
            out.append(self.sentences[i])
            i += 1
        return out

    def mentions_in(self, ks: int, ke: int) -> list[Mention]:
        i = bisect_left(self._starts, ks)
        out = []
        while i < len(self.mentions) and self.mentions[i].ks < ke:
            if self.mentions[i].ke <= ke:
                out.append(self.mentions[i])
            i += 1
        return out

    def mention_ending_at(self, kpos: int) -> Mention | None:
        """The mention whose end is ``kpos`` (spaces between allowed)."""
        while kpos > 0 and self.key[kpos - 1] == " ":
            kpos -= 1
        i = bisect_left(self._starts, kpos) - 1
        if i >= 0 and self.mentions[i].ke == kpos:
            return self.mentions[i]
        return None

    def word_before(self, kpos: int, floor: int = 0) -> str:
        m = LAST_WORD.search(self.key, max(floor, kpos - 40), kpos)
        return m.group(1) if m else ""

    def attached(self, m: Mention) -> bool:
        """Whether a letter is glued to the front of the mention (a proclitic: بوزير، لحشد، وامين)."""
        return m.start > 0 and self.article.original[m.start - 1].isalpha()

    def is_place(self, actor: Actor) -> bool:
        return actor.type in ("GPE", "LOC")

    def is_country(self, actor: Actor) -> bool:
        return actor.type == "GPE" and actor.country is not None and self.kb.country_entity.get(actor.country) == actor.id

    def parent(self, actor_id: str) -> str | None:
        e = self.kb.entries.get(actor_id)
        return e.parent if e else None


# ---------------------------------------------------------------- subjects


def _speaker_candidate(view: View, m: Mention) -> bool:
    return m.type in SPEAKER_TYPES and m.kind != "adjective" and m.id not in view.media


def subject(view: View, lex: Lexicon, ks: int, ke: int) -> Subject:
    """The subject of a clause read from ``ks`` to ``ke``: the first speaker-like mention (a person, an
    organisation or a country; not an outlet, not an adjective) that no preposition or meeting noun
    governs, else a pronoun, else an unnamed source, else an unknown noun phrase, else implied. An
    organisation or country directly followed by a person in the same phrase yields the person."""
    text = view.key
    cands: list[tuple[int, int, str, Mention | None]] = []
    for m in view.mentions_in(ks, ke):
        if _speaker_candidate(view, m):
            cands.append((m.ks, m.ke, "mention", m))
    for pat, how in ((lex.pronouns, "pronoun"), (lex.unnamed, "unnamed")):
        if pat is not None:
            for hit in pat.finditer(text, ks, ke):
                if not any(c[0] <= hit.start() < c[1] for c in cands):
                    cands.append((hit.start(), hit.end(), how, None))
    cands.sort(key=lambda c: c[0])
    for i, (cs, ce, how, m) in enumerate(cands):
        before = view.word_before(cs, ks)
        if before in lex.object_markers or before in lex.reporters:
            continue
        if m is not None and view.attached(m) and lex.lang == "ar":
            continue
        if how == "mention" and m.type != "PER":
            for cs2, ce2, how2, m2 in cands[i + 1 :]:
                gap = text[ce:cs2]
                if how2 == "mention" and m2.type == "PER" and len(gap) < 40 and "," not in gap and not _has_marker(gap, lex):
                    return Subject("title" if m2.kind == "title" else "named", m2, cs2, ce2, view.span(cs2, ce2).text)
        if how == "mention":
            return Subject("title" if m.kind == "title" else "named", m, cs, ce, view.span(cs, ce).text)
        return Subject(how, None, cs, ce, view.span(cs, ce).text)
    return _unknown_or_implied(view, lex, ks, ke)


def _has_marker(gap: str, lex: Lexicon) -> bool:
    return any(w in lex.object_markers for w in WORD.findall(gap))


def _unknown_or_implied(view: View, lex: Lexicon, ks: int, ke: int) -> Subject:
    """No actor: an empty clause, or one that opens with a preposition, has an implied subject; one that
    opens with a noun names someone the knowledge base does not know (kept, with speaker None)."""
    text = view.key
    pos = ks
    while True:
        filler = lex.fillers.match(text, pos, ke) if lex.fillers else None
        turn = lex.turn_markers.match(text, pos, ke) if lex.turn_markers else None
        hit = filler or turn
        if not hit:
            break
        pos = hit.end()
        while pos < ke and text[pos] in " ,":
            pos += 1
    words = [w for w in WORD.findall(text, pos, ke) if w not in ",-–—"]
    if not words or words[0] in lex.object_markers or not words[0][0].isalpha():
        return Subject("implied")
    phrase = []
    for w in words[:6]:
        if w in lex.object_markers or not w[0].isalpha():
            break
        phrase.append(w)
    if len(phrase) < 2:
        return Subject("implied")
    start = text.find(phrase[0], pos, ke)
    end = text.find(phrase[-1], start, ke) + len(phrase[-1])
    return Subject("unnamed", None, start, end, view.span(start, end).text)


def starts_with(pattern: re.Pattern[str] | None, text: str, pos: int, end: int) -> re.Match[str] | None:
    return pattern.match(text, pos, end) if pattern is not None else None


def folded_words(entries: list[str]) -> frozenset[str]:
    return frozenset(key(e) for e in entries)
