"""Meetings: visits, receptions, talks and phone calls as PLOVER CONSULT events.

For each sentence (outside quoted statements) that holds a meeting cue of lang/*/events.json:

* back-references ('در این دیدار', 'خلال اللقاء') and topics ('با اشاره به سفر ...') are not meetings;
* the principals are the people named in the cue's clause -- its subject and the counterparts after
  'با' / 'مع' / 'استقبل' -- less anyone after 'بحضور' / 'با حضور' (kept as attendees) and a bare title
  that only introduces the next name ('رئيس مكتب حماس اسماعيل هنية'); 'مقامات سوری' / 'مسؤولين
  سوريين' stands for the country or institution named with it; at least two sides make a meeting, one
  person arriving somewhere makes a visit;
* the date comes from a date in the sentence (امروز، أمس، a weekday, a calendar date), else the
  publication date when the meeting is the story's lead or is marked as happening now, else none;
* the place is a named place after a locative ('در تهران', 'في طهران', 'وصل إلى بغداد', 'الذي يزور
  إيران'), refined to a city of that country the sentence or its dateline names ('received in Tehran');
* a meeting announced or expected (قرار است، سيزور، من المقرر، a future date) is marked planned;
* descriptions of one meeting in several sentences are merged: same principals, or one side's set
  inside the other's, and the same planned flag.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from rasad.doc import Article, DateMention, Quote
from rasad.events.lexicon import LANGS, Lexicon, MeetingCue, lexicon
from rasad.events.view import DATELINE, WORD, Mention, Subject, View, past_preamble, subject

CONTEXT = 40
PLANNED_WINDOW = 60  # characters around a cue where a planned marker counts
GROUP_GAP_WORDS = 3  # 'مقامات عالی‌رتبه آمریکایی': words allowed between a group noun and its country
MODE_RANK = {"phone": 0, "host": 1, "visit": 2, "meet": 3}


@dataclass
class Meeting:
    """A meeting while it is being assembled (frozen into an Event by the stage)."""

    mode: str
    participants: list[str]
    attendees: list[str] = field(default_factory=list)
    date: str | None = None
    date_precision: str | None = None
    location: str | None = None
    planned: bool = False
    evidence: tuple[int, int] = (0, 0)  # original offsets of the sentence
    lead: bool = False  # the story's lead, or marked as happening now: may take the publication date
    subject: Mention | None = None  # who the sentence's meeting is told about (for 'حيث التقى' after it)
    dated: bool = False  # its sentence names a date (resolved or not)


def _in_ranges(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in ranges)


def _quote_ranges(view: View, quotes: tuple[Quote, ...]) -> list[tuple[int, int]]:
    return [(view.to_key(q.start), view.to_key(q.end)) for q in quotes]


def _cue_ok(view: View, lex: Lexicon, m: re.Match[str], cue: MeetingCue, sent_start: int) -> bool:
    """Not a back-reference ('این دیدار', 'خلال اللقاء', 'هذا الاجتماع') nor a topic ('اشاره به سفر')."""
    text = view.key
    before = text[max(sent_start, m.start() - CONTEXT) : m.start()]
    words = WORD.findall(before)
    cue_words = m.group("cue").split(" ")
    if words and (words[-1] in lex.backrefs or " ".join(words[-2:]) in lex.backrefs):
        return False
    if any(w in lex.backrefs for w in cue_words[1:]) or (cue_words and cue_words[-1] in lex.backrefs):
        return False
    if lex.references is not None and lex.references.search(before if before.endswith(" ") else before + " "):
        return False
    return True


def _clause(view: View, lex: Lexicon, sent: tuple[int, int], cue_start: int, cue_end: int, cue: MeetingCue,
            quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """The stretch of the sentence whose people take part in the meeting a cue reports.

    It starts at the sentence start (past an attribution or a dateline); for an Arabic verb, at the
    start of the verb's own clause (after the last comma or 'أن' before it). A Persian verb closes it
    (its participants come before it). Otherwise it runs to the first quote, colon or introducer after
    the cue, or to the first comma by which two people have been named."""
    text = view.key
    e = sent[1]
    s = past_preamble(view, lex, sent[0], cue_start)
    if lex.lang == "fa" and not cue.embedded:
        return s, cue_end
    if lex.lang == "ar" and not cue.embedded:
        that = _last_match(lex.that, text, s, cue_start)
        s = max(s, text.rfind(",", s, cue_start) + 1, that.end() if that else s)
    end = e
    for a, _ in quotes:
        if cue_end <= a < end:
            end = a
    colon = text.find(":", cue_end, end)
    if colon != -1:
        end = colon
    that = lex.clause_stops.search(text, cue_end, end) if lex.clause_stops else None
    if that:
        end = that.start()
    comma = text.find(",", cue_end, end)
    while comma != -1:
        if len({m.id for m in view.mentions_in(s, comma) if m.type == "PER"}) >= 2:
            return s, comma
        comma = text.find(",", comma + 1, end)
    return s, end


def _last_match(pattern: re.Pattern[str] | None, text: str, ks: int, ke: int) -> re.Match[str] | None:
    last = None
    for m in pattern.finditer(text, ks, ke) if pattern is not None else ():
        last = m
    return last


def _known(view: View, lex: Lexicon, who: Subject, quotes: list[tuple[int, int]]) -> Mention | None:
    """The subject as a participant: a person, or an organisation or country named as a group."""
    m = who.mention
    if m is None:
        return None
    if m.type == "PER" or any(p.ks == m.ks for p in _principals(view, lex, max(0, m.ks - 40), m.ke, quotes)[0]):
        return m
    return None


def _interview(view: View, lex: Lexicon, cue: re.Match[str], end: int) -> bool:
    """'در گفت‌وگو با خبرنگار فارس', 'في حديث لوكالة': talking to the press is no meeting."""
    words = WORD.findall(view.key, cue.end(), min(end, cue.end() + 30))[:2]
    if any(w in lex.reporters for w in words):
        return True
    nxt = next(iter(view.mentions_in(cue.end(), min(end, cue.end() + 30))), None)
    return nxt is not None and nxt.id in view.media and len(WORD.findall(view.key, cue.end(), nxt.ks)) <= 1


def _people(view: View, lex: Lexicon, ks: int, ke: int, cue: re.Match[str], meeting: MeetingCue,
            quotes: list[tuple[int, int]]) -> tuple[list[Mention], list[Mention], Subject]:
    """(principals, attendees, subject) of a cue's clause.

    The subject is read where the language puts it: before a Persian verb or embedded phrase ('X ... با
    Y دیدار کرد', 'X در دیدار با Y'; after the phrase when it opens the sentence: 'در دیدار با Y، X
    گفت'), after an Arabic verb ('استقبل X Y'), before an Arabic embedded phrase ('أكد X خلال استقبال
    Y'). The counterparts are the 'با' phrase before a Persian verb, the phrase after a Persian embedded
    cue, and the rest of an Arabic clause. A Persian clause with no 'با' names its sides together ('X و Y
    با هم دیدار کردند'). A visit's counterpart is a place, not a person ('خلال زيارته إلى واشنطن')."""
    text = view.key
    if lex.lang != "fa":
        who = subject(view, lex, ks, cue.start()) if meeting.embedded else subject(view, lex, cue.end(), ke)
        if not meeting.embedded and view.word_before(cue.start(), ks) in lex.relatives:
            # 'الوزير ... الذي يزور إيران': the subject is the noun the relative clause is about
            before = view.mention_ending_at(view.key.rfind(" ", ks, cue.start() - 1))
            who = Subject("named", before, before.ks, before.ke) if before is not None else Subject("implied")
        if meeting.embedded and meeting.mode == "visit":
            return [], [], who
        principals, attendees = _principals(view, lex, ks, ke, quotes)
        return principals, attendees, who
    if meeting.embedded:
        head, counter = (ks, cue.start()), (cue.end(), ke)
        if meeting.mode == "visit":
            counter = (cue.end(), cue.end())
    else:
        last = _last_match(lex.with_, text, ks, cue.start())
        with_ = last.start() if last else -1
        if with_ == -1:
            if meeting.mode == "visit":
                return [], [], subject(view, lex, ks, cue.start())  # 'X به دمشق سفر کرد': the visitor alone
            principals, attendees = _principals(view, lex, ks, ke, quotes)
            first = principals[0] if principals else None
            return principals, attendees, Subject("named", first, first.ks, first.ke) if first else Subject("implied")
        head, counter = (ks, with_), (with_, cue.start())
    who = subject(view, lex, *head)
    principals, attendees = _principals(view, lex, *counter, quotes)
    if who.how == "implied" and meeting.embedded and head[1] - head[0] < 3:
        comma = text.find(",", cue.end(), ke if ke > cue.end() else view.sentence_at(cue.start())[1])
        if comma != -1:  # 'در دیدار با Y، X گفت'
            who = subject(view, lex, comma + 1, view.sentence_at(cue.start())[1])
    return principals, attendees, who


def _principals(view: View, lex: Lexicon, ks: int, ke: int, quotes: list[tuple[int, int]]) -> tuple[list[Mention], list[Mention]]:
    """(principals, attendees) named in key range [ks, ke)."""
    text = view.key
    attendee_ranges = []
    if lex.attendees is not None:
        for m in lex.attendees.finditer(text, ks, ke):
            comma = text.find(",", m.end(), ke)
            attendee_ranges.append((m.start(), comma if comma != -1 else ke))
    group_hits = [g.end() for g in lex.groups.finditer(text, ks, ke)] if lex.groups is not None else []
    mentions = [m for m in view.mentions_in(ks, ke) if not _in_ranges(m.ks, quotes) and m.id not in view.media]
    principals: list[Mention] = []
    attendees: list[Mention] = []
    for i, m in enumerate(mentions):
        if view.weak(m, lex):
            continue
        if m.type == "PER":
            if m.kind == "title" and _title_of_next(view, lex, m, mentions[i + 1 :]):
                continue
        elif not any(0 <= m.ks - g and len(WORD.findall(text, g, m.ks)) <= GROUP_GAP_WORDS for g in group_hits):
            continue  # an organisation or country takes part only as 'officials of X', 'a delegation of X'
        (attendees if _in_ranges(m.ks, attendee_ranges) else principals).append(m)
    return principals, attendees


def _title_of_next(view: View, lex: Lexicon, title: Mention, rest: list[Mention]) -> bool:
    """A title that only introduces the next person's name: 'رئيس مكتب حركة ... (حماس) اسماعيل هنية'."""
    for m in rest:
        if m.type != "PER":
            continue
        if m.id == title.id:
            return False
        gap = view.key[title.ke : m.ks]
        conj = " و " in f" {gap} " or (view.attached(m) and view.article.original[m.start - 1] == "و")
        return len(gap) < 80 and "," not in gap and not conj
    return False




def _arrival_place(view: View, lex: Lexicon, cue: re.Match[str], sent: tuple[int, int], quotes: list[tuple[int, int]]) -> str | None:
    """Where a visit goes: the first named place after the cue that a locative introduces ('وارد
    تهران شد', 'وصل ... إلى طهران', 'زار دمشق')."""
    for m in view.mentions_in(cue.end(), min(sent[1], cue.end() + 120)):
        if not view.is_place(m.actor) or m.kind == "adjective" or _in_ranges(m.ks, quotes):
            continue
        before = view.word_before(m.ks, sent[0])
        if m.ks - cue.end() <= 1 or before in lex.locatives:
            return m.id
    return None


def _date(view: View, article: Article, ks: int, ke: int, quotes: list[tuple[int, int]]) -> DateMention | None:
    for dk, d in view.dates:
        if ks <= dk < ke and not _in_ranges(dk, quotes) and d.kind != "dateline":
            return d
    return None


def _location(view: View, lex: Lexicon, article: Article, sent: tuple[int, int], clause: tuple[int, int],
              participants: list[str], quotes: list[tuple[int, int]], mode: str) -> str | None:
    """A named place after a locative, refined to a city of that country named in the sentence (or its
    dateline); a country is taken only with a locative, a city also without one when its country is."""
    if mode == "phone":
        return None
    text = view.key
    topical = _topic_ranges(view, lex, sent)
    places: list[tuple[Mention, bool]] = []
    for m in view.mentions_in(*clause):
        if not view.is_place(m.actor) or _in_ranges(m.ks, quotes) or m.kind == "adjective" or m.id in participants:
            continue
        if _in_ranges(m.ks, topical):
            continue  # 'درباره تحولات عراق': what was discussed, not where
        if any(0 <= p.ks - m.ke <= 1 and p.type == "PER" for p in view.mentions_in(m.ke, m.ke + 3)):
            continue  # 'المبعوث الخاص إلى سوريا ستيفان دي ميستورا': part of a title
        before = view.word_before(m.ks, sent[0])
        glued = view.attached(m) and lex.lang == "ar" and view.article.original[m.start - 1] in "بفل"
        places.append((m, before in lex.locatives or glued and view.article.original[m.start - 1] == "ب"))
    dateline = _dateline_place(view, sent)
    marked = [m for m, loc in places if loc]
    if not marked and dateline is None:
        return None
    if not marked:
        return None
    best = marked[0].actor
    cities = [m.actor for m, _ in places if not view.is_country(m.actor)] + ([dateline] if dateline else [])
    if view.is_country(best):
        for city in cities:
            if city.country == best.country and city.id != best.id:
                return city.id
    return best.id


def _segment_end(view: View, lex: Lexicon, pos: int, end: int) -> int:
    """The end of the comma-delimited segment that follows a clause ('..., اليوم الأربعاء في طهران،'):
    where the meeting's time and place are often written."""
    text = view.key
    while pos < end and text[pos] in " ,":
        pos += 1
    stop = lex.clause_stops.search(text, pos, end) if lex.clause_stops else None
    comma = text.find(",", pos, end)
    cut = [x for x in (comma, stop.start() if stop else -1, text.find(":", pos, end)) if x != -1]
    return min(cut) if cut else end


def _topic_ranges(view: View, lex: Lexicon, sent: tuple[int, int]) -> list[tuple[int, int]]:
    """Stretches that say what talks were about: from a topic marker to the next comma or clause end."""
    if lex.topic_markers is None:
        return []
    out = []
    for m in lex.topic_markers.finditer(view.key, sent[0], sent[1]):
        comma = view.key.find(",", m.end(), sent[1])
        out.append((m.start(), comma if comma != -1 else sent[1]))
    return out


def _dateline_place(view: View, sent: tuple[int, int]):
    dl = DATELINE.match(view.key, sent[0], sent[1])
    if not dl:
        return None
    for m in view.mentions_in(sent[0], dl.end()):
        if view.is_place(m.actor) and not view.is_country(m.actor):
            return m.actor
    return None


def _planned(view: View, lex: Lexicon, ranges: list[tuple[int, int]], date: DateMention | None, quotes: list[tuple[int, int]],
             published: str | None) -> bool:
    """A future date, or a planned marker in a cue's clause (a little past it: 'سيزور ... الأسبوع المقبل')."""
    if date is not None and ((date.offset_days or 0) > 0 or (date.value and published and date.value > published)):
        return True
    if lex.planned is None:
        return False
    return any(not _in_ranges(m.start(), quotes) for ks, ke in ranges for m in lex.planned.finditer(view.key, ks, ke))


def find_meetings(article: Article, view: View | None = None) -> list[Meeting]:
    """The meetings the article reports (held or planned), one per real meeting, in text order."""
    view = view or View(article)
    quotes = _quote_ranges(view, article.quotes)
    found: list[Meeting] = []
    first_para = True
    for pks, pke, lang in view.paragraphs:
        lang = lang if lang in LANGS else article.language
        if lang not in LANGS:
            continue
        lex = lexicon(lang)
        antecedent = None
        if not lex.meeting.search(view.key, pks, pke):
            first_para = first_para and pke - pks <= 40
            continue
        for sent in view.sentences_in(pks, pke):
            for meeting in _sentence_meetings(view, lex, article, sent, quotes, antecedent):
                meeting.lead = meeting.lead or first_para
                found.append(meeting)
                antecedent = meeting.subject or antecedent
        if pke - pks > 40:
            first_para = False
    return _merge(found, article, view)


def _sentence_meetings(view: View, lex: Lexicon, article: Article, sent: tuple[int, int], quotes: list[tuple[int, int]],
                       antecedent: Mention | None = None) -> list[Meeting]:
    """The meeting a sentence reports; a host receiving guests of different sides ('خلال استقبال رئيس
    مكتب حماس ... وامين عام الجهاد ...') gives one meeting per guest."""
    meeting = _sentence_meeting(view, lex, article, sent, quotes, antecedent)
    if meeting is None:
        return []
    if meeting.mode != "host" or len(meeting.participants) < 3:
        return [meeting]
    actors = {a.id: a for a in article.actors}
    host, guests = meeting.participants[0], meeting.participants[1:]
    sides = {_side(actors[g]) for g in guests}
    if len(sides) < len(guests) or None in sides:
        return [meeting]
    return [dataclasses.replace(meeting, participants=[host, g], attendees=list(meeting.attendees)) for g in guests]


def _side(actor) -> str | None:
    """Whom a person stands for: the organisation or country of their role (not of one they have left),
    else their country."""
    role = {} if (actor.role or {}).get("former") else actor.role or {}
    return role.get("org") or role.get("country") or actor.country


def _sentence_meeting(view: View, lex: Lexicon, article: Article, sent: tuple[int, int], quotes: list[tuple[int, int]],
                      antecedent: Mention | None = None) -> Meeting | None:
    """The meeting one sentence reports; ``antecedent`` is who an unwritten subject ('حيث التقى',
    'والتقى') stands for: the subject of the paragraph's last meeting."""
    text = view.key
    cues = []
    for m in lex.meeting.finditer(text, sent[0], sent[1]):
        if _in_ranges(m.start(), quotes):
            continue
        cue = lex.meeting_cue(m.group("cue"))
        if _cue_ok(view, lex, m, cue, sent[0]):
            cues.append((m, cue))
    if not cues:
        return None
    people: dict[str, Mention] = {}
    present: dict[str, Mention] = {}
    modes = []
    ranges = []
    planned_cue = False
    arrival_place = None
    visitor = None
    clauses: list[tuple[int, int]] = []
    for m, cue in cues:
        ks, ke = _clause(view, lex, sent, m.start(), m.end(), cue, quotes)
        clauses.append((ks, max(ke, m.end())))
        ranges.append((max(sent[0], m.start() - PLANNED_WINDOW), min(sent[1], m.end() + PLANNED_WINDOW)))
        if _interview(view, lex, m, ke):
            continue
        # an arrival ('وصل ... إلى طهران تلبية لدعوة من X') names a visitor and a place, not a counterpart
        principals, attendees, who = ([], [], Subject("implied")) if cue.arrival else _people(view, lex, ks, ke, m, cue, quotes)
        if principals:
            lead = _known(view, lex, who, quotes) or (antecedent if who.how == "implied" else None)
            if lead is None:
                continue  # the counterparts of someone unknown did not meet one another
            principals = [lead] + [p for p in principals if p.id != lead.id]
            antecedent = antecedent or lead
        for p in principals:
            people.setdefault(p.id, p)
        for a in attendees:
            present.setdefault(a.id, a)
        modes.append(cue.mode)
        planned_cue = planned_cue or cue.planned or view.word_before(m.start(), sent[0]) in lex.subjunctive
        if cue.mode == "visit" and not cue.embedded:  # 'خلال زيارته إلى ...' mentions a visit in passing
            who = subject(view, lex, ks, m.start()) if lex.lang == "fa" else subject(view, lex, m.end(), ke)
            visitor = visitor or (who.mention if who.mention is not None and who.mention.type == "PER" else None)
            arrival_place = arrival_place or _arrival_place(view, lex, m, sent, quotes)
    ordered = sorted(people.values(), key=lambda p: p.ks)
    if len(ordered) < 2:
        ordered = [visitor] if visitor is not None and arrival_place is not None else []
    participants = [p.id for p in ordered]
    attendees = [a for a in present if a not in people]
    if not participants:
        return None
    mode = "phone" if "phone" in modes else min(modes, key=lambda x: MODE_RANK[x])
    date = _date(view, article, sent[0], sent[1], quotes)
    span = view.span(*sent)
    window = (min(c[0] for c in clauses), max(_segment_end(view, lex, c[1], sent[1]) for c in clauses)) if clauses else sent
    location = _location(view, lex, article, sent, window, participants, quotes, mode) or arrival_place
    meeting = Meeting(mode, participants, attendees, evidence=(span.start, span.end), location=location, dated=date is not None,
                      subject=ordered[0])
    if date is not None and date.value:
        meeting.date, meeting.date_precision = date.value, date.precision
    published = article.published.date if article.published else None
    meeting.planned = planned_cue or _planned(view, lex, ranges, date, quotes, published)
    if len(participants) < 2 and (meeting.planned or location is None):
        return None
    if not meeting.dated and lex.just_happened is not None and any(lex.just_happened.search(text, a, b) for a, b in ranges):
        meeting.lead = True
    return meeting


def _merge(found: list[Meeting], article: Article, view: View) -> list[Meeting]:
    """One meeting per real meeting: same principals, or one set inside the other, and the same planned
    flag. Later descriptions fill in what the first left open; an arrival ('وصل إلى طهران') adds only
    its place to the meeting it belongs to, never its date."""
    out: list[Meeting] = []
    for m in found:
        same = None
        for o in out:
            a, b = set(o.participants), set(m.participants)
            if o.planned == m.planned and (a <= b or b <= a or len(a & b) >= 2):
                same = o
                break
        if same is None:
            out.append(m)
            continue
        if len(same.participants) < 2 <= len(m.participants):
            location = same.location
            same.__dict__.update({k: v for k, v in m.__dict__.items() if k != "participants"})
            same.location = m.location or location
        elif len(m.participants) < 2:
            same.location = same.location or m.location
            continue
        for p in m.participants:
            if p not in same.participants:
                same.participants.append(p)
        same.attendees = [a for a in dict.fromkeys(same.attendees + m.attendees) if a not in same.participants]
        if same.date is None and m.date is not None:
            same.date, same.date_precision = m.date, m.date_precision
        same.dated = same.dated or m.dated
        same.location = same.location or m.location
        same.lead = same.lead or m.lead
    published = article.published.date if article.published else None
    for m in out:
        if m.date is None and not m.dated and m.lead and not m.planned and published:
            m.date, m.date_precision = published, "day"
    return out
