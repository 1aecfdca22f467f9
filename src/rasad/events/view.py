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
from rasad.actors.link import lexicon as actor_lexicon
from rasad.actors.ner_data import native_names
from rasad.doc import Actor, Article, Span, make_span
from rasad.events.lexicon import Lexicon
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


_last: list = []  # the last (article parts, View): the quotes and events stages share one View per article


def view_of(article: Article) -> View:
    """The View of ``article``, reused while the parts it is built from are the same objects."""
    parts = (article.original, article.keyed, article.actors, article.paragraphs, article.sentences, article.dates,
             article.outlet, article.agency)
    if _last and all(a is b for a, b in zip(_last[0], parts)):
        return _last[1]
    view = View(article)
    _last[:] = [parts, view]
    return view


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
        self.dates = [(self.to_key(d.start), d) for d in article.dates]
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

    def mention_at(self, kpos: int) -> Mention | None:
        """The mention covering key position ``kpos``."""
        i = bisect_right(self._starts, kpos) - 1
        if i >= 0 and kpos < self.mentions[i].ke:
            return self.mentions[i]
        return None

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

    def surname(self, word: str, before: int) -> Mention | None:
        """The person, named in full before ``before``, whose name ends with ``word`` (a surname the
        actors stage did not link: 'وارسته', 'حسين' after 'فؤاد حسين')."""
        for m in reversed(self.mentions_in(0, before)):
            if m.type == "PER" and m.kind == "name" and " " in self.key[m.ks : m.ke] and self.key[m.ks : m.ke].endswith(" " + word):
                return m
        return None

    def find(self, pattern: re.Pattern[str] | None, ks: int, ke: int, anchored: bool = False) -> tuple[int, int] | None:
        """``pattern`` searched (or, ``anchored``, matched) in [ks, ke) as if the text began at ``ks``: a
        word glued to the one before ('خواهند کردبه گزارش') still counts as starting a word."""
        if pattern is None:
            return None
        text = self.key[ks:ke]
        m = pattern.match(text) if anchored else pattern.search(text)
        return (ks + m.start(), ks + m.end()) if m else None

    def weak(self, m: Mention, lex: Lexicon) -> bool:
        """A one- or two-word title followed by more of a title the actors stage did not read ('وزير الاقتصاد
        الألماني', 'مدیرکل حفاظت محیط زیست'): whom it was linked to is doubtful, so it neither speaks nor
        meets."""
        if m.kind != "title" or self.key.count(" ", m.ks, m.ke) > 1:
            return False
        nxt = WORD.match(self.key, m.ke + 1 if self.key[m.ke : m.ke + 1] == " " else m.ke)
        if nxt is None or not nxt.group(0)[0].isalpha() or self.mention_at(nxt.start()) is not None:
            return False
        w = nxt.group(0)
        if w in lex.object_markers or w in lex.title_followers or w in lex.intro_words or (lex.fillers and lex.fillers.match(self.key, nxt.start())):
            return False
        if lex.speech.match(self.key, nxt.start()) or lex.meeting.match(self.key, nxt.start()):
            return False
        # the rest of the title names the person's own country or organisation: the link holds
        role = m.actor.role or {}
        own = {role.get("org"), role.get("country"), m.actor.country} - {None}
        return not any(x.id in own or (x.actor.country in own and x.type in ("GPE", "ORG")) for x in self.mentions_in(m.ke, m.ke + 40))

    def is_place(self, actor: Actor) -> bool:
        return actor.type in ("GPE", "LOC")

    def is_country(self, actor: Actor) -> bool:
        return actor.type == "GPE" and actor.country is not None and self.kb.country_entity.get(actor.country) == actor.id

    def parent(self, actor_id: str) -> str | None:
        e = self.kb.entries.get(actor_id)
        return e.parent if e else None


# ---------------------------------------------------------------- sentence openings

ATTRIBUTION_CHARS = 40  # an attribution ('به گزارش X،') opens a sentence within this many characters
DATELINE = re.compile(r"\s*[^\n.,:()]{2,40}?\s*(?:\([^)\n]{1,30}\))?\s*[-–—]\s")


def past_preamble(view: View, lex: Lexicon, ks: int, limit: int) -> int:
    """Where a sentence's own words start: past a 'به گزارش X،' / 'نقلا عن X،' attribution that ends
    before ``limit``, and past a 'CITY (AGENCY) -' dateline that names no person."""
    text = view.key
    pos = ks
    hit = view.find(lex.attribution, pos, min(limit, pos + ATTRIBUTION_CHARS))
    if hit:
        comma = text.find(",", hit[1], min(limit, hit[1] + 120))
        if comma != -1:
            pos = comma + 1
    dl = DATELINE.match(text, pos, limit)
    if dl and not any(m.type == "PER" for m in view.mentions_in(pos, dl.end())):
        pos = dl.end()
    return pos


# ---------------------------------------------------------------- subjects

MAX_APPOSITION_WORDS = 6  # a title phrase the knowledge base does not know may stand before a known name


def _speaker_candidate(view: View, m: Mention, lex: Lexicon) -> bool:
    """People, organisations and countries may speak; outlets, adjectives, cities and half-read titles
    do not."""
    if m.kind == "adjective" or m.id in view.media or m.type not in SPEAKER_TYPES or view.weak(m, lex):
        return False
    return m.type != "GPE" or view.is_country(m.actor)


def _has_marker(text: str, lex: Lexicon) -> bool:
    return any(w in lex.object_markers for w in WORD.findall(text))


def clause_head(view: View, lex: Lexicon, ks: int, ke: int) -> int:
    """The first position of a clause past its adverbs ('بدوره'، 'در ادامه،', 'همچنین') and commas."""
    text = view.key
    pos = ks
    while pos < ke:
        while pos < ke and text[pos] in ' ,"':
            pos += 1
        hit = None
        for pat in (lex.fillers, lex.turn_markers):
            hit = pat.match(text, pos, ke) if pat is not None else None
            if hit:
                break
        if not hit:
            break
        pos = hit.end()
    return pos


def subject(view: View, lex: Lexicon, ks: int, ke: int) -> Subject:
    """The subject of a clause read from ``ks`` to ``ke``.

    At the head of the clause (past its adverbs): a speaker-like mention (a person, an organisation or
    a country; not an outlet, an adjective or a city), a pronoun, or an unnamed source; or a known person
    a few words on, after a title phrase the knowledge base does not know ('المتحدث باسم الخارجية ناصر
    كنعاني'). A clause that opens with a preposition has an implied subject. Otherwise the head is a noun
    phrase no actor stands for (kept, speaker None), a surname of a person named earlier, or -- one
    definite Arabic word ('الوزير') -- an anaphor, left implied."""
    text = view.key
    head = clause_head(view, lex, ks, ke)
    first = WORD.match(text, head, ke)
    if first is None or first.group(0) in lex.object_markers or not first.group(0)[0].isalpha():
        return Subject("implied")
    for pat, how in ((lex.pronouns, "pronoun"), (lex.unnamed, "unnamed")):
        hit = pat.match(text, head, ke) if pat is not None else None
        if hit:
            end = _phrase_end(view, lex, hit.end(), ke) if how == "unnamed" else hit.end()
            covering = view.mention_at(head)
            # 'دبلوماسي فرنسي آخر' stays unnamed even where a title was linked inside it
            if covering is None or (covering.kind == "title" and end >= covering.ke):
                return Subject(how, None, head, end, view.span(head, end).text)
    for m in view.mentions_in(head, ke):
        between = text[head : m.ks]
        words = len(WORD.findall(between))
        if words > MAX_APPOSITION_WORDS or any(c in between for c in ",:\"\n"):
            break
        if lex.lang == "ar" and m.ks > head and _has_marker(between, lex):
            break  # a phrase a preposition governs stands between the verb and this name
        if not _speaker_candidate(view, m, lex) or (lex.lang == "ar" and view.attached(m) and m.ks > head):
            continue
        before = view.word_before(m.ks, head)
        if m.ks > head and (before in lex.object_markers or before in lex.reporters):
            continue
        if before in lex.place_nouns:
            continue  # 'امام جمعه شهرستان هریس': a place the linker took for a person
        if m.ks == head or (m.type == "PER" and words <= MAX_APPOSITION_WORDS):
            if m.type != "PER":
                m = _person_in_phrase(view, lex, m, ke) or m
            end = _same_actor_end(view, m, ke)
            return Subject("title" if m.kind == "title" else "named", m, m.ks, end, view.span(m.ks, end).text)
    return _unknown(view, lex, head, ke)


def _person_in_phrase(view: View, lex: Lexicon, m: Mention, ke: int) -> Mention | None:
    """A person named right after an organisation in one phrase ('وزارت خارجه ... اسماعیل بقائی')."""
    for m2 in view.mentions_in(m.ke, min(ke, m.ke + 60)):
        gap = view.key[m.ke : m2.ks]
        if "," in gap or any(w in lex.object_markers for w in WORD.findall(gap)):
            return None
        if m2.type == "PER":
            return m2
    return None


def _same_actor_end(view: View, m: Mention, ke: int) -> int:
    """The end of a subject written as title and name of one person ('الرئيس باراك أوباما')."""
    end = m.ke
    for m2 in view.mentions_in(m.ke, min(ke, m.ke + 80)):
        if m2.id != m.id or len(WORD.findall(view.key, end, m2.ks)) > 0:
            break
        end = m2.ke
    return end


MAX_QUOTED_MEDIA = 60  # characters of a paper's or channel's name in quotes after 'صحيفة', 'روزنامه'


def _phrase_end(view: View, lex: Lexicon, pos: int, ke: int) -> int:
    """The end of a noun phrase: up to a preposition (not the 'of' of 'یکی از', 'عدد من', nor once the
    'in' of a post: 'سفیر ایران در لبنان', which then ends with the place or body named after it, or may
    add two words), a punctuation mark, a word no subject runs past ('را', 'که', a verb) or six words. A
    phrase never ends on the preposition it let in."""
    kept = pos
    first = None
    limit = MAX_APPOSITION_WORDS
    for n, w in enumerate(WORD.finditer(view.key, pos, ke)):
        word = w.group(0)
        first = word if n == 0 else first
        partitive = n == 1 and first in lex.partitives and word in lex.partitive_of  # 'یکی از شهروندان'
        posted = (n > 1 and limit == MAX_APPOSITION_WORDS and first in lex.posted_titles and word in lex.posted_in
                  and not (lex.topic_markers and lex.topic_markers.match(view.key, w.start())))  # not 'در خصوص'
        if n == 1 and first in lex.media_heads and word == '"':  # 'صحيفة «نيويورك تايمز»': the paper's name
            close = view.key.find('"', w.end(), min(ke, w.end() + MAX_QUOTED_MEDIA))
            kept = close + 1 if close > w.end() else kept
            break
        if n >= limit or (word in lex.object_markers and not (partitive or posted)) or not word[0].isalpha():
            break
        if any(pat is not None and pat.match(view.key, w.start()) for pat in (lex.fillers, lex.speech, lex.phrase_stops)) and not (
                lex.not_fillers and lex.not_fillers.match(view.key, w.start())):  # 'نماینده ولی فقیه': no 'but'
            break
        if posted:
            after = WORD.search(view.key, w.end(), ke)
            place = view.mention_at(after.start()) if after is not None else None
            if place is not None and place.ks == after.start() and place.ke <= ke:
                return place.ke  # the post's place or body, as the actors stage read it ('در آذربایجان شرقی')
            limit += POSTED_WORDS
        else:
            kept = w.end()  # where the phrase may end: not right after the 'در' it let in
    return kept


POSTED_WORDS = 2  # more words a subject phrase may have past the 'در' of a post ('نماینده مردم تهران در مجلس شورای اسلامی')


def _before_object(view: View, lex: Lexicon, head: int, end: int, ke: int) -> int:
    """Where a subject phrase that ran on into its clause's object ends: 'فرمانده سپاه عاشورا امنیت
    کشور را ...' names its subject up to the last actor before the object's words; with no actor named
    there ('این مسئول هدف بسیج را'), nothing of it is known to be the subject (``head``)."""
    after = WORD.search(view.key, end, ke)
    if lex.accusative is None or after is None or not lex.accusative.match(view.key, after.start()):
        return end
    return max((m.ke for m in view.mentions_in(head, end) if WORD.search(view.key, m.ke, end)), default=head)


def _continues_a_name(word: str, lex: Lexicon) -> bool:
    """Whether a word after a surname may be more of the name: a family or given name of the language's
    name lists, or the second half of a compound surname ('فام', 'نیا', 'مقدم')."""
    return word in lex.surname_parts or any(word in names for names in native_names(lex.lang).values())


def _title_word(word: str) -> bool:
    """Whether an office title may begin with the word ('مدیرکل', 'وزير')."""
    return word in actor_lexicon().title_first


def _unknown(view: View, lex: Lexicon, head: int, ke: int) -> Subject:
    """A subject no actor stands for: a surname of a person named earlier (alone, or first in a phrase
    that runs on into the clause) links to that person; a demonstrative and a noun for a person ('این
    مسئول') refer back as a pronoun does; a phrase that runs into its clause's object ends with the last
    actor named before it, or is no subject (implied); one definite Arabic word is an anaphor (implied);
    anything else is kept as written, speaker None."""
    end = _phrase_end(view, lex, head, ke)
    if end <= head:
        return Subject("implied")
    found = list(WORD.finditer(view.key, head, end))
    words = [w.group(0) for w in found]
    if (len(words) > 1 and words[0] in lex.demonstratives and words[1] in lex.anaphor_nouns
            and not any(m.kind == "adjective" for m in view.mentions_in(head, end))):  # 'این مقام روسی': the Russian in focus
        end = max(_before_object(view, lex, head, end, ke), found[1].end())  # 'این مسئول هدف بسیج را': 'این مسئول'
        return Subject("pronoun", None, head, end, view.span(head, end).text)  # 'این مسئول' (this official): as 'وی'
    person = view.surname(words[0], head)
    if person is not None and (len(words) == 1 or not (_continues_a_name(words[1], lex) or _title_word(words[0]))):
        # the phrase ran on past the surname into the clause ('واعظ‌طبسی ظرفیت حوزه ... را'); not the
        # first half of another surname ('پاشایی فام'), nor a title's first word
        return Subject("named", person, head, found[0].end(), view.span(head, found[0].end()).text)
    end = _before_object(view, lex, head, end, ke)
    if end <= head:
        return Subject("implied")
    if len(words) == 1 and lex.lang == "ar" and words[0].startswith("ال"):
        return Subject("implied")
    return Subject("unnamed", None, head, end, view.span(head, end).text)
