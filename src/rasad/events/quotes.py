"""Quotes: who said what, direct or reported, with the speaker resolved to an actor.

How it works, one paragraph at a time on the match-key text (rasad.events.view):

1. Speech cues are found with one regex per language (lang/*/events.json). A cue inside a «...» quotation
   is part of that quotation; an Arabic verb counts only at the head of a clause (after the start of the
   sentence, و/ف, a comma, 'بدوره', or its own subject).
2. Each cue's statement is cut out by its kind: after the verb and a colon (direct; it runs over the
   following sentences until one brings a new speech cue or the reporter's narrative, at most to the end
   of the paragraph), inside quotation marks (direct), after 'که' / 'أن' / 'إلى' / 'على' ... (reported, to
   the end of the sentence or the next cue), or the clause before a Persian verb ('X را Y دانست').
3. The speaker is the subject of the clause: before the verb in Persian, after it in Arabic (see
   :func:`rasad.events.view.subject`). A pronoun (وی، او) goes to the person in focus; an implied subject
   (وأضاف، و افزود) to whoever spoke or acted last, the other side after 'بدوره' with no name; an unnamed
   source stays None; 'the Iraqi minister' that the actors stage left unresolved goes to the last Iraqi
   person in focus. The reporter and the outlet are never speakers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rasad.doc import Actor, Article, Quote
from rasad.events.lexicon import LANGS, Lexicon, SpeechCue, lexicon
from rasad.events.view import WORD, Mention, Subject, View, clause_head, past_preamble, subject

CONTEXT = 40  # characters looked at around a cue
APPOSITION_CHARS = 70  # how long a title set off by commas after a subject may be
MAX_PARAGRAPHS_BACK = 2  # a pronoun or an unwritten subject refers no further back than this
_TRAILING = ".,;:!?- \n\""
_MARK = re.compile('"')


@dataclass(frozen=True, slots=True)
class CueHit:
    ks: int
    ke: int
    cue: SpeechCue
    conj: bool  # opens with a conjunction (وقال، و افزود): a new clause of the same sentence
    plural: bool = False


class Focus:
    """Who the text is about, for pronouns and implied subjects: (actor id or None, type) in order. What
    was said more than ``MAX_PARAGRAPHS_BACK`` paragraphs ago no longer counts."""

    def __init__(self) -> None:
        self.history: list[tuple[str | None, str | None]] = []
        self.seen: list[str] = []  # every person named in the reporter's text, in order (for the other side)
        self.paragraph = 0
        self._when: list[int] = []

    def push(self, actor_id: str | None, type_: str | None) -> None:
        if self.history and self.history[-1] == (actor_id, type_):
            self._when[-1] = self.paragraph
            return
        self.history.append((actor_id, type_))
        self._when.append(self.paragraph)

    def _recent(self):
        for entry, when in zip(reversed(self.history), reversed(self._when)):
            if self.paragraph - when > MAX_PARAGRAPHS_BACK:
                return
            yield entry

    def last(self) -> str | None:
        return next((actor_id for actor_id, _ in self._recent()), None)

    def person(self) -> str | None:
        for actor_id, type_ in self._recent():
            if type_ == "PER" or actor_id is None:
                return actor_id
        return None

    def other(self) -> str | None:
        """The last person named who is not the one in focus (the other side, after 'من جانبه')."""
        current = self.person()
        return next((actor_id for actor_id in reversed(self.seen) if actor_id != current), None)

    def of_country(self, country: str, view: View) -> Actor | None:
        seen = set()
        for actor_id, type_ in reversed(self.history):
            if type_ == "PER" and actor_id not in seen:
                seen.add(actor_id)
                actor = next((a for a in view.article.actors if a.id == actor_id), None)
                if actor is not None and actor.country == country:
                    return actor
        return None


# ---------------------------------------------------------------- cues


def _quote_pairs(text: str, ks: int, ke: int) -> list[tuple[int, int]]:
    """Quotation-mark pairs in the key text (« » “ ” and " are all '"' there): (open, close) positions."""
    marks = [m.start() for m in _MARK.finditer(text, ks, ke)]
    return [(marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2)]


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a < pos < b for a, b in ranges)


def _cues(view: View, lex: Lexicon, ks: int, ke: int, pairs: list[tuple[int, int]]) -> list[CueHit]:
    text = view.key
    # a speech verb inside a meeting phrase (گفت in گفت و گو) is no speech: only Persian writes them so
    meeting_spans = [(m.start(), m.end()) for m in lex.meeting.finditer(text, ks, ke)] if lex.lang == "fa" else []
    if lex.not_speech is not None:
        meeting_spans += [(m.start(), m.end() + 1) for m in lex.not_speech.finditer(text, ks, ke)]
    hits = []
    quoted = [(a, b) for a, b in pairs if b - a > 12]
    for m in lex.speech.finditer(text, ks, ke):
        group = "acc" if m.group("acc") else "cue"
        cue = lex.speech_cue(m.group(group))
        start, end = m.start(), m.end()
        if quoted and _inside(start, quoted):
            continue
        if any(a <= start < b and b - a > end - start for a, b in meeting_spans):
            continue  # گفت inside گفت و گو, گفته می‌شود
        if lex.lang == "ar":
            conj = m.group(0)[0] in "وف" and m.start(group) > start
            if cue.kind != "according" and not conj and not _ar_clause_head(view, lex, start):
                continue
            plural = cue.plural
        else:
            conj = view.word_before(start, ks) == "و"
            plural = m.group(0).endswith("ند") and not m.group(group).endswith("ند")
        hits.append(CueHit(start, end, cue, conj, plural))
    return hits


def _ar_clause_head(view: View, lex: Lexicon, pos: int) -> bool:
    """An Arabic speech verb without و/ف heads a clause at the start of a sentence, after a comma or a
    colon, after a clause adverb (بدوره، كما، ثم) or its own subject, or after an opening phrase
    ('وفي اللقاءين هنأ ...'); not inside a relative clause or after a particle (الذي قال، أن أكد)."""
    sent_start, _ = view.sentence_at(pos)
    word = view.word_before(pos, sent_start)
    if word in lex.not_head:
        return False
    before = view.key[max(sent_start, pos - CONTEXT) : pos].rstrip()
    if not before or before.endswith((",", ":", "-", ")", '"')) or word in lex.clause_adverbs:
        return True
    for pat in (lex.fillers, lex.turn_markers):
        if pat is not None and any(h.end() >= len(before) - 1 for h in pat.finditer(before)):
            return True
    before = view.key[sent_start:pos].rstrip()
    subject_before = view.mention_ending_at(pos)
    if subject_before is not None and (clause_head(view, lex, sent_start, pos) == subject_before.ks
                                       or view.word_before(subject_before.ks, sent_start) in lex.quoted_from):
        return True  # 'عراقجي قال', 'نقلت الوكالة عن عراقجي قوله
    opening = WORD.findall(before)
    return len(opening) <= 4 and (opening[0] in lex.object_markers or opening[0] in lex.openings)


# ---------------------------------------------------------------- clause boundaries


def _clause_start(view: View, lex: Lexicon, sent: tuple[int, int], floor: int) -> int:
    """Where the clause before a Persian verb starts: after an earlier statement in the sentence, a
    'به گزارش X،' attribution or a 'CITY (AGENCY) -' dateline."""
    return past_preamble(view, lex, max(sent[0], floor), sent[1])


def _trim(view: View, ks: int, ke: int) -> tuple[int, int]:
    text = view.key
    while ks < ke and text[ks] in _TRAILING:
        ks += 1
    while ke > ks and text[ke - 1] in _TRAILING:
        ke -= 1
    return ks, ke


def _next_stop(view: View, lex: Lexicon, hits: list[CueHit], i: int, from_pos: int, para_end: int) -> int:
    """The end of a statement that opens with a colon: the start of the first later sentence that holds
    a speech cue or opens with the reporter's narrative, else the end of the paragraph."""
    text = view.key
    next_cue = next((h.ks for h in hits[i + 1 :] if h.ks > from_pos), None)
    for s, e in view.sentences_in(from_pos, para_end):
        if s <= from_pos:
            continue
        if next_cue is not None and next_cue < e:
            return s
        if view.find(lex.narrative_stops, s, e, anchored=True):
            return s
    return para_end


def _next_in_sentence(hits: list[CueHit], i: int, pos: int, sent_end: int) -> int:
    """Where a reported statement stops: the next speech cue of the same sentence that opens a clause."""
    for h in hits[i + 1 :]:
        if h.ks >= sent_end:
            break
        if h.ks > pos and (h.conj or h.cue.kind in ("say", "regard")):
            return h.ks
    return sent_end


# ---------------------------------------------------------------- one statement


@dataclass
class Found:
    ks: int
    ke: int
    direct: bool
    subject: Subject


def _after_verb(view: View, lex: Lexicon, pos: int, end: int) -> tuple[int, str]:
    """What follows a Persian verb: ('colon' | 'mark' | 'that' | 'end' | 'text', where the statement starts)."""
    text = view.key
    while pos < end and text[pos] == " ":
        pos += 1
    if pos >= end or text[pos] in ".!?\n":
        return pos, "end"
    if text[pos] == ":":
        return pos + 1, "colon"
    if text[pos] == '"':
        return pos, "mark"
    m = WORD.match(text, pos)
    if m and m.group(0) in lex.intro_words:
        return m.end(), "that"
    return pos, "text"


def _quoted(view: View, pos: int, end: int) -> tuple[int, int] | None:
    text = view.key
    while pos < end and text[pos] == " ":
        pos += 1
    if pos < end and text[pos] == '"':
        close = text.find('"', pos + 1, end)
        return (pos + 1, close if close != -1 else end)
    return None


def _persian(view: View, lex: Lexicon, hits: list[CueHit], i: int, sent: tuple[int, int], floor: int, para_end: int) -> Found | None:
    h = hits[i]
    text = view.key
    clause = _clause_start(view, lex, sent, floor)
    colon = _last_colon(text, clause, h.ks)
    if colon != -1:
        clause = colon + 1  # 'خبرگزاری فارس: X گفت'
    for but in lex.contrast.finditer(text, clause, h.ks) if lex.contrast else ():
        clause = but.end()  # 'گرچه ...، ولی X گفت': the main clause
    kind = h.cue.kind
    if kind == "according":
        comma = text.find(",", h.ke, sent[1])
        if comma == -1:
            return None
        return Found(comma + 1, sent[1], False, subject(view, lex, h.ke, comma))
    subj = _fa_subject(view, lex, clause, h.ks)
    if kind == "wrap":
        end = h.cue.end.search(text, h.ke, sent[1]) if h.cue.end else None
        return Found(h.ke, end.start(), False, subj) if end else None
    if kind == "say":
        pos, what = _after_verb(view, lex, h.ke, sent[1])
        if what != "end" and not any(x.ks - h.ke <= 4 and x.ks > h.ks for x in hits[i + 1 : i + 2]):
            quoted = _quoted(view, pos, para_end)
            if quoted:
                return Found(quoted[0], quoted[1], True, subj)
            if what == "colon":
                return Found(pos, _next_stop(view, lex, hits, i, pos, para_end), True, subj)
            return Found(pos, _next_in_sentence(hits, i, pos, sent[1]), False, subj)
    elif kind == "regard" and not (lex.accusative and lex.accusative.search(text, clause, h.ks)):
        return None
    # the statement is the clause before the verb, after the subject (and an opening phrase up to a comma)
    start = _past_apposition(view, subj.ke) if subj.how != "implied" and subj.ke else clause
    ra = lex.accusative.search(text, start, h.ks) if lex.accusative else None
    if ra and _opens_phrase(view, lex, start, h.ks):
        comma = text.rfind(",", start, ra.start())
        start = comma + 1 if comma != -1 else start
    else:
        start = _skip_phrase(view, lex, start, h.ks)
    start, end = _trim(view, start, h.ks)
    tail = lex.accusative.search(text, max(start, end - 4), end) if lex.accusative else None
    if kind == "object" and tail and tail.end() == end:
        end = tail.start()  # 'X را محکوم کرد': the statement is about X
    if len(WORD.findall(text, start, end)) < 3:
        return None
    return Found(start, end, False, subj)


def _past_apposition(view: View, pos: int) -> int:
    """Past a title set off by commas right after a subject ('X، قائد الحرس الثوري، ...')."""
    text = view.key
    if text[pos : pos + 2].strip()[:1] == ",":
        first = text.index(",", pos)
        second = text.find(",", first + 1, first + APPOSITION_CHARS)
        if second != -1:
            return second + 1
    return pos


def _opens_phrase(view: View, lex: Lexicon, pos: int, end: int) -> bool:
    """Whether a preposition or an adverb opens the text at ``pos`` ('در دیدار با X،', 'خلال استقبال X،')."""
    first = WORD.search(view.key, pos, end)
    return bool(first and (first.group(0) in lex.object_markers or (lex.fillers and lex.fillers.match(view.key, first.start(), end))))


def _skip_phrase(view: View, lex: Lexicon, pos: int, end: int) -> int:
    """Past an opening phrase that a preposition starts and a comma ends: the statement after a subject
    starts behind it."""
    if _opens_phrase(view, lex, pos, end):
        comma = view.key.find(",", pos, min(end, pos + 160))
        if comma != -1:
            return comma + 1
    return pos


def _last_colon(text: str, ks: int, ke: int) -> int:
    """The last colon in [ks, ke) that is not part of a clock time."""
    pos = text.rfind(":", ks, ke)
    while pos != -1 and 0 < pos < len(text) - 1 and text[pos - 1].isdigit() and text[pos + 1].isdigit():
        pos = text.rfind(":", ks, pos)
    return pos


def _fa_subject(view: View, lex: Lexicon, ks: int, ke: int) -> Subject:
    """A Persian clause that opens with a preposition has its subject after the phrase's comma, if any."""
    text = view.key
    ks = clause_head(view, lex, ks, ke)
    first = WORD.match(text, ks)
    if first and first.group(0) in lex.object_markers and first.group(0) != "و":
        comma = text.find(",", ks, ke)
        if comma == -1:
            return Subject("implied")
        ks = comma + 1
    return subject(view, lex, ks, ke)


def _arabic(view: View, lex: Lexicon, hits: list[CueHit], i: int, sent: tuple[int, int], para_end: int) -> Found | None:
    h = hits[i]
    text = view.key
    cue = h.cue
    if cue.kind == "according":
        comma = text.find(",", h.ke, sent[1])
        subj = subject(view, lex, h.ke, comma if comma != -1 else min(sent[1], h.ke + 60))
        if subj.mention is None or comma == -1:
            return None
        return Found(comma + 1, sent[1], False, subj)
    limit = _next_in_sentence(hits, i, h.ke, sent[1])
    before = None if h.conj else view.mention_ending_at(h.ks)
    quoted_from = before is not None and view.word_before(before.ks, sent[0]) in lex.quoted_from  # 'نقلت ... عن X قوله'
    if before is not None and not quoted_from and WORD.findall(view.key, _clause_start(view, lex, sent, sent[0]), before.ks):
        before = None
    intro = _intro(view, lex, cue, h.ke, limit)
    if before is not None and before.type in ("PER", "ORG", "GPE") and before.kind != "adjective" and before.id not in view.media:
        subj = Subject("title" if before.kind == "title" else "named", before, before.ks, before.ke, view.span(before.ks, before.ke).text)
    else:
        subj = _ar_subject(view, lex, h.ke, intro[0] if intro else limit, bounded=intro is not None)
    if cue.needs_subject and subj.mention is None:
        return None
    after_subject = _past_apposition(view, subj.ke) if subj.how != "implied" and subj.ke > h.ke else h.ke
    if intro is not None and cue.kind == "regard" and len(WORD.findall(view.key, after_subject, intro[0])) > 1:
        intro = None  # a regard verb's introducer must follow its subject directly
    if intro is None and (cue.needs_intro or cue.kind == "say" or subj.how == "implied"):
        return None  # 'أكد X الحصيلة' reports no statement; 'وأدان الهجوم' names no speaker
    if intro is not None:
        start = intro[0] if intro[2] == "ب" else intro[1]
    else:
        start = _skip_phrase(view, lex, after_subject, limit)
    quoted = _quoted(view, start, para_end)
    if quoted:
        return Found(quoted[0], quoted[1], True, subj)
    if intro is not None and intro[2] == ":":
        return Found(start, _next_stop(view, lex, hits, i, start, para_end), True, subj)
    return Found(start, limit, False, subj)


def _intro(view: View, lex: Lexicon, cue: SpeechCue, pos: int, limit: int) -> tuple[int, int, str] | None:
    """The earliest introducer of the statement after an Arabic verb (outside actor mentions); a comma
    counts only right after the verb."""
    best = None
    for token in cue.intro:
        pat = lex.intro.get(token)
        if pat is None:
            continue
        for m in pat.finditer(view.key, pos, limit):
            if token == "،" and m.start() - pos > 1:
                break
            if view.mention_at(m.start()) is not None:
                continue
            if token == "ب" and lex.fillers and lex.fillers.match(view.key, m.start()):
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), m.end(), token)
            break
    return best


def _ar_subject(view: View, lex: Lexicon, ks: int, ke: int, bounded: bool) -> Subject:
    """The subject right after an Arabic verb. Without an introducer to bound it, a noun phrase no
    actor stands for is more likely the verb's object ('وأدان الهجوم'): the subject is then implied."""
    subj = subject(view, lex, ks, ke)
    if subj.how == "unnamed" and not bounded and not (lex.unnamed and lex.unnamed.match(view.key, subj.ks)):
        return Subject("implied")
    return subj


# ---------------------------------------------------------------- speakers


def _resolve(view: View, lex: Lexicon, subj: Subject, focus: Focus, turn: bool) -> tuple[str | None, str, str | None, tuple[int, int] | None]:
    """(speaker id, speaker_kind, speaker_text, key span) for a clause subject."""
    if subj.mention is not None:
        return subj.mention.id, subj.how, subj.text, (subj.ks, subj.ke)
    if subj.how == "pronoun":
        return focus.person(), "pronoun", subj.text, (subj.ks, subj.ke)
    if subj.how == "implied":
        return (focus.other() if turn else focus.last()), "implied", None, None
    # an unnamed source, or a noun phrase: 'the Iraqi minister' goes to the last Iraqi in focus
    if not (lex.unnamed and lex.unnamed.match(view.key, subj.ks)):
        for m in view.mentions_in(subj.ks, subj.ke + 30):
            if m.kind == "adjective" and m.actor.country:
                actor = focus.of_country(m.actor.country, view)
                if actor is not None:
                    return actor.id, "title", subj.text, (subj.ks, subj.ke)
    return None, "unnamed", subj.text, (subj.ks, subj.ke)


def _sentence_subject(view: View, lex: Lexicon, s: int, e: int) -> Mention | None:
    """A person opening the sentence (within its first words): the one the next pronoun is about."""
    clause = _clause_start(view, lex, (s, e), s)
    end = min(e, clause + 120)
    if not any(m.type == "PER" for m in view.mentions_in(clause, end)):
        return None
    subj = subject(view, lex, clause, end)
    if subj.mention is None or subj.mention.type != "PER":
        return None
    head = WORD.findall(view.key, clause, subj.ks)
    return subj.mention if len(head) <= 3 else None


def _turn(view: View, lex: Lexicon, h: CueHit, sent_start: int) -> bool:
    if lex.turn_markers is None:
        return False
    near = view.key[max(sent_start, h.ks - CONTEXT) : h.ke + CONTEXT]
    return lex.turn_markers.search(near) is not None


def find_quotes(article: Article, view: View | None = None) -> tuple[Quote, ...]:
    """The statements of the article, in text order, with ids ``{article.id}:q{n}``."""
    view = view or View(article)
    focus = Focus()
    quotes: list[Quote] = []
    for n, (pks, pke, lang) in enumerate(view.paragraphs):
        focus.paragraph = n
        lang = lang if lang in LANGS else article.language
        if lang not in LANGS:
            continue
        lex = lexicon(lang)
        pairs = _quote_pairs(view.key, pks, pke)
        hits = _cues(view, lex, pks, pke, pairs)
        claimed_end = pks
        cue_i = 0
        for s, e in view.sentences_in(pks, pke):
            if s >= claimed_end:
                who = _sentence_subject(view, lex, s, e)
                if who is not None:
                    focus.push(who.id, who.type)
                focus.seen += [m.id for m in view.mentions_in(s, e) if m.type == "PER"]
            floor = max(s, claimed_end)
            while cue_i < len(hits) and hits[cue_i].ks < e:
                i, h = cue_i, hits[cue_i]
                cue_i += 1
                if h.ks < claimed_end or h.ks < s:
                    continue
                sent = (s, e)
                found = _persian(view, lex, hits, i, sent, floor, pke) if lang == "fa" else _arabic(view, lex, hits, i, sent, pke)
                if found is None:
                    continue
                ks, ke = _trim(view, found.ks, found.ke)
                if ke - ks < 8:
                    continue
                if h.plural and found.subject.how == "implied":
                    speaker, kind, speaker_text, sspan = None, "implied", None, None
                else:
                    speaker, kind, speaker_text, sspan = _resolve(view, lex, found.subject, focus, _turn(view, lex, h, s))
                span = view.span(ks, ke)
                cue_span = view.span(h.ks, h.ke)
                quotes.append(Quote(
                    id=f"{article.id}:q{len(quotes) + 1}",
                    start=span.start, end=span.end, text=span.text,
                    cue=cue_span.text, direct=found.direct,
                    speaker=speaker, speaker_text=speaker_text, speaker_kind=kind,
                    speaker_span=view.span(*sspan) if sspan else None,
                    cue_span=cue_span,
                ))
                actor_type = next((a.type for a in article.actors if a.id == speaker), None)
                focus.push(speaker, actor_type)
                claimed_end = max(claimed_end, ke)
                floor = max(floor, ke, h.ke)
    return tuple(quotes)
