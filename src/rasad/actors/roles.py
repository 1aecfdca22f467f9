"""Roles: an office title without a name resolves to a person.

"وزیر دفاع عراق", "أمين المجلس الأعلى للأمن القومي", "الوزير العراقي": the title's kind comes from
offices.yaml, its scope (a country or an organisation) from the name that follows it. It resolves to
the person named right beside it (apposition), else to a person the article names who held that office,
else to whoever held it on the article's date according to the knowledge base.
"""

from __future__ import annotations

import bisect
from functools import lru_cache

from rasad.actors.kb import KB, Office, high, load_kb, low
from rasad.actors.link import Mention, given_names, lexicon
from rasad.text.keys import match_key

# generic title words and the office kinds they can stand for
FAMILIES = {
    "minister": lambda k: k.endswith("minister") or k == "minister",
    "head": lambda k: k in ("head", "head_of_state", "head_of_government", "political_bureau_head", "judiciary_chief", "parliament_speaker") or k.endswith("_head"),
    "secretary": lambda k: "secretary" in k,
    "secretary_general": lambda k: k == "secretary_general",
    "commander": lambda k: "commander" in k or k == "chief_of_staff",
    "spokesperson": lambda k: "spokesperson" in k,
    "deputy_head": lambda k: k.startswith("deputy") or k == "vice_president",
}


def kind_matches(office_kind: str, title_kind: str) -> bool:
    if office_kind == title_kind:
        return True
    family = FAMILIES.get(title_kind)
    return bool(family and family(office_kind))


def office_matches(office: Office, title_kind: str, scope: str | None) -> bool:
    if not kind_matches(office.kind, title_kind):
        return False
    return scope is None or office.country == scope or office.org == scope


def bind_scopes(titles: list[Mention], names: list[Mention], keys: list[str], kb: KB, home: str | None = None) -> None:
    """Give each title the country, region or organisation named right after it ('وزير الدفاع العراقي',
    'دبیر کل جنبش مقاومت اسلامی النجباء عراق', 'رئيس المكتب السياسي لحركة "حماس"')."""
    lex = lexicon()
    connectors = lex.connectors
    by_start = {}
    for m in names:
        by_start.setdefault(m.start_token, m)
    for t in titles:
        pair = " ".join(keys[t.j : t.j + 2])
        if t.j < len(keys) and (keys[t.j] in lex.home_words or pair in lex.home_words):
            t.scope = HOME
            continue
        if pair in lex.other_country_words:  # 'X رئيس جمهور اين كشور': the country the text is about
            t.scope = ELSEWHERE
            continue
        k = t.j
        while k < len(keys) and k - t.j <= 3:
            m = by_start.get(k)
            if m and not m.entry_id and m.refs and not m.namesake and t.title_kind not in GENERIC:
                m.entry_id = _place_after_office(t, m, kb, home)
            if m and m.entry_id:
                e = kb.entries[m.entry_id]
                if e.type == "GPE" and not e.parent:
                    t.scope, t.scope_mention = e.country, m
                elif e.type == "GPE":  # a province or region: 'أمير منطقة الباحة', 'استاندار خوزستان'
                    t.scope, t.scope_mention = _region_of(t, e.id, keys[m.i : m.j], kb), m
                elif e.type == "ORG":
                    t.scope, t.scope_mention = e.id, m
                    after = by_start.get(m.j)
                    if after and after.entry_id and kb.entries[after.entry_id].type == "GPE":
                        t.scope_mention = Mention(m.i, after.j, entry_id=m.entry_id)
                break
            if keys[k] not in connectors:
                break
            k += 1
        if t.scope is None and t.j < len(keys) and _unknown_place_adjective(keys[t.j], lex, by_start.get(t.j)):
            t.scope = ELSEWHERE
        after = t.scope_mention.j if t.scope_mention else t.j
        t.name_follows = after < len(keys) and keys[after] in given_names()


REGIONAL_OFFICES = frozenset({"governor", "emir", "deputy_emir"})


def _place_after_office(t: Mention, m: Mention, kb: KB, home: str | None) -> str | None:
    """An unsettled name right after a state's office: the one country among its readings ('نخست‌وزیر
    مصر'; Persian 'مصر' is also 'insistent'), or after a governor's title the province of the outlet's
    country ('استاندار کردستان'); None when that is not one entry. (Not after a generic title: 'معاون مالی
    شهردار' is the financial deputy.)"""
    places = [kb.entries[r.entry_id] for r in m.refs if kb.entries[r.entry_id].type == "GPE"]
    states = {e.id for e in places if not e.parent}
    if t.title_kind in REGIONAL_OFFICES and home:
        states = {e.id for e in places if e.parent and e.country == home} or states
    return states.pop() if len(states) == 1 else None
REGION_WORDS = tuple(match_key(w) for w in ("استان", "محافظة", "منطقة", "ولایت"))


def _region_of(t: Mention, place: str, words: list[str], kb: KB) -> str:
    """A governor's scope: the province when the text names its capital ('استاندار تهران' is the governor
    of Tehran province, 'محافظ البصرة' of Basra governorate), else the place itself."""
    if t.title_kind not in REGIONAL_OFFICES:
        return place
    names = lexicon().names
    for word in REGION_WORDS:
        for r in names.get(" ".join([word, *words]), ()):
            if kb.entries[r.entry_id].type == "GPE" and r.entry_id != place:
                return r.entry_id
    return place


def _unknown_place_adjective(key: str, lex, mention: Mention | None) -> bool:
    """An Arabic nisba adjective ('الشيشاني', 'الكيني') that no knowledge-base name covers."""
    return (
        mention is None
        and len(key) >= 6
        and key.startswith("ال")
        and key.endswith(("ی", "یه"))
        and key not in lex.plain_adjectives
        and key not in lex.titles.get("ar", {})
    )


HOME = "@home"  # 'our country': the outlet's country, settled in resolve_titles
ELSEWHERE = "@elsewhere"  # a country the knowledge base does not know: only a person named beside the title
GENERIC = frozenset(FAMILIES) | {"minister", "director_general", "ambassador", "chancellor", "leader"}


def resolve_titles(
    titles: list[Mention], names: list[Mention], kb: KB, date: str | None, home: str | None, named: list[str],
    keys: list[str] | None = None,
) -> None:
    """Set ``entry_id`` on each title mention that can be pinned on one person. ``names`` are the name
    mentions of the same run of tokens, ``keys`` its tokens' keys; ``named`` the people the whole article
    names, in order."""
    persons = [m for m in names if m.entry_id and kb.entries[m.entry_id].type == "PER"]
    index = _Index(persons)
    for t in titles:
        if t.scope == HOME:
            t.scope = home
        person = _apposition(t, index, kb, keys)
        if person is None and t.name_follows and keys is not None and t.title_kind in BY_GIVEN_NAME:
            at = t.scope_mention.j if t.scope_mention else t.j
            words = 2 if keys[at] in NAME_PREFIXES and at + 1 < len(keys) else 1  # 'عبد الله' is one given name
            person = _by_given_name(t, "".join(keys[at : at + words]), kb, date, home)
            if person:
                t.given_name = (at, at + words)
        if person is None and (t.scope == ELSEWHERE or t.name_follows):
            pass  # another country's office, or the title of a name the knowledge base does not know
        elif person is None and t.title_kind in GENERIC and not t.scope:
            # a bare 'the minister' / 'الوزير' / 'رئیس': only the person the article has just named
            person = None if _construct(t, keys) else _latest_holder(t, index, kb)
        elif person is None:
            person = _named_holder(t, named, kb, date, home)
            if person is None:
                person = _kb_holder(t, kb, date, home)
        t.entry_id = person


class _Index:
    """People's mentions by first and after-last token, and in order of their end (no scan per title)."""

    def __init__(self, persons: list[Mention]) -> None:
        self.by_start: dict[int, list[Mention]] = {}
        self.by_end: dict[int, list[Mention]] = {}
        for m in persons:
            self.by_start.setdefault(m.start_token, []).append(m)
            self.by_end.setdefault(m.j, []).append(m)
        self.ordered = sorted(persons, key=lambda m: m.j)
        self.ends = [m.j for m in self.ordered]

    def starting(self, *tokens: int) -> list[Mention]:
        return [m for k in tokens for m in self.by_start.get(k, ())]

    def ending(self, *tokens: int) -> list[Mention]:
        return [m for k in tokens for m in self.by_end.get(k, ())]


# Offices that the news names by the title and the holder's given name alone ('الملك سلمان', 'السلطان قابوس',
# 'الرئيس بشار'): few people held one, so the given name tells them apart.
BY_GIVEN_NAME = frozenset({"monarch", "sultan", "head_of_state"})


def _by_given_name(t: Mention, given: str, kb: KB, date: str | None, home: str | None) -> str | None:
    """The one holder of the title's office (in its scope, if it has one) whose name starts with
    ``given``: of the outlet's country, in any year ('الملك فهد', 'الملك عبدالله' in a Saudi paper of 2015
    is the late King Abdullah, not Jordan's), else in office on the article's date; none where that
    leaves none or more than one."""
    found = [
        (office, pid) for office, pid in _holders_of(t.title_kind)
        if given in _first_words(pid) and (not t.scope or t.scope in (office.country, office.org))
    ]
    at_home = [(o, pid) for o, pid in found if home and o.country == home]
    found = at_home or [(o, pid) for o, pid in found if o.covers(date)]
    if len({pid for _, pid in found}) > 1:
        found = [(o, pid) for o, pid in found if o.covers(date)]
    people = {pid for _, pid in found}
    return people.pop() if len(people) == 1 else None


@lru_cache(maxsize=64)
def _holders_of(title_kind: str) -> tuple[tuple[Office, str], ...]:
    kinds = _kinds_for(title_kind)
    return tuple(held for (kind, _), holders in load_kb().holders.items() if kind in kinds for held in holders)


NAME_PREFIXES = frozenset({"عبد", "ابو"})  # the first word of a given name of two ('عبد الله')


@lru_cache(maxsize=4096)
def _first_words(person: str) -> frozenset[str]:
    """The given names (keys) a person's own names (not the variants: 'علی اف' is Aliyev's surname) start
    with: the first word, or the first two joined when it is 'عبد' or 'ابو' ('عبد الله بن عبد العزيز' ->
    'عبدالله')."""
    names = load_kb().entries[person].name
    words = [k.split(" ") for k in (match_key(names[lang]) for lang in ("fa", "ar") if names.get(lang)) if " " in k]
    return frozenset(w[0] + w[1] if w[0] in NAME_PREFIXES and len(w) > 1 else w[0] for w in words)


def _construct(t: Mention, keys: list[str] | None) -> bool:
    """An Arabic title without 'ال' and an 'ال' word after it: the head of a longer office the lexicon does
    not know ('وزير الدولة', 'وسفير خادم الحرمين'), not a bare 'the minister' pointing back."""
    if keys is None or t.j >= len(keys):
        return False
    first = keys[t.i][t.clitic_chars :]
    return t.j - t.i == 1 and not first.startswith("ال") and keys[t.j].startswith("ال")


def _latest_holder(t: Mention, index: _Index, kb: KB) -> str | None:
    """The last person named before the title (in this run of text) who held an office of its kind, then
    or earlier ('هذا الوزير' of a former minister the article is about)."""
    for m in reversed(index.ordered[: bisect.bisect_right(index.ends, t.i)]):
        if _holds(kb, m.entry_id, t):
            return m.entry_id
    return None


def _holds(kb: KB, person: str, t: Mention) -> bool:
    return any(office_matches(o, t.title_kind, t.scope) for o in kb.entries[person].offices)


def _apposition(t: Mention, index: _Index, kb: KB, keys: list[str] | None = None) -> str | None:
    """A person named right after the title ('وزیر خارجه عراق فواد حسین'), or right before it
    ('علی اکبر ولایتی مشاور مقام معظم رهبری', 'X، وزير الداخلية'). After wins, unless only the one before
    holds the office. A word between the name and the title makes the title part of another person's
    ('X ومستشار وزير الداخلية': the adviser's), and so does 'و' on it ('X ووزير الدفاع': and the minister)."""
    end = t.scope_mention.j if t.scope_mention else t.j
    after = index.starting(end, end + 1)
    if keys is not None and t.clitic_chars and keys[t.i].startswith("و"):
        before = []  # 'X ووزير الدفاع الأميركي': X and the minister, two people
    elif t.i >= 1 and (keys is None or not any(ch.isalpha() for ch in keys[t.i - 1])):
        before = index.ending(t.i - 1, t.i)
    else:
        before = index.ending(t.i)
    if after and (_holds(kb, after[0].entry_id, t) or not (before and _holds(kb, before[-1].entry_id, t))):
        return after[0].entry_id
    if before:
        return before[-1].entry_id
    return None


@lru_cache(maxsize=1024)
def _kinds_for(title_kind: str) -> frozenset[str]:
    """The office kinds a title word can stand for ('minister' -> every *_minister kind)."""
    kb = load_kb()
    return frozenset(kind for kind, _ in kb.holders if kind_matches(kind, title_kind))


@lru_cache(maxsize=1024)
def _scopes_of_kind(title_kind: str) -> frozenset[str]:
    kinds = _kinds_for(title_kind)
    return frozenset(scope for (kind, scope) in load_kb().holders if kind in kinds)


# Offices every state has: a bare 'وزیر بهداشت' in a Fars report is Iran's minister, never the one state
# whose health minister the knowledge base happens to know.
EVERY_STATE = frozenset({"security_council_secretary", "atomic_energy_head"})


def _every_state(title_kind: str) -> bool:
    return title_kind.endswith("minister") or title_kind in EVERY_STATE


def _scopes(t: Mention, kb: KB, home: str | None) -> list[str | None]:
    """Where a title without a country is read: the outlet's country, or the one state that has such an
    office ('رهبر انقلاب', 'ولي ولي العهد') wherever the report was written."""
    if t.scope:
        return [t.scope]
    scopes = _scopes_of_kind(t.title_kind)
    if len(scopes) == 1 and not _every_state(t.title_kind):
        return list(scopes)
    return [home] if home else [None]


def _named_holder(t: Mention, named: list[str], kb: KB, date: str | None, home: str | None) -> str | None:
    for scope in _scopes(t, kb, home) + ([None] if not t.scope else []):
        holders = [p for p in named if any(office_matches(o, t.title_kind, scope) for o in kb.entries[p].offices)]
        if date:
            on_date = [p for p in holders if any(office_matches(o, t.title_kind, scope) and o.covers(date) for o in kb.entries[p].offices)]
            # someone named who held the office at another time is its holder only when the knowledge
            # base knows no one else in that country's office on the date ('رئيس الوزراء' in 2015 is not
            # Putin, PM in 2008-12)
            holders = on_date or ([] if scope is None or _holders_on(t, kb, date, scope) else holders)
        if len(holders) == 1:
            return holders[0]
        if holders:
            return holders[0]
    return None


def _holders_on(t: Mention, kb: KB, date: str, scope: str | None) -> set[str]:
    """Who held an office of the title's kind in ``scope`` on ``date``, according to the knowledge base."""
    if scope is None:
        return set()
    return {pid for kind in _kinds_for(t.title_kind) for office, pid in kb.holders.get((kind, scope), ()) if office.covers(date)}


# Offices a state holds many of at once: its ambassador to each country. The knowledge base does not
# record the host, so 'سفير روسيا' is not whichever Russian ambassador it knows on the date; only a
# holder the article names can be meant.
MANY_HOLDERS = frozenset({"ambassador"})


def _kb_holder(t: Mention, kb: KB, date: str | None, home: str | None) -> str | None:
    if not date or t.title_kind in MANY_HOLDERS:
        return None
    for scope in _scopes(t, kb, home):
        found = _holders_on(t, kb, date, scope)
        if len(found) == 1:
            return found.pop()
    return None


def role_on(kb: KB, person: str, date: str | None, titles: list[Mention]) -> dict | None:
    """The office a person held on the article's date, or else the one the article's titles point at
    (marked ``former`` where it ended before that date: a former president is no president)."""
    offices = kb.entries[person].offices
    chosen = None
    if date:
        current = [o for o in offices if o.covers(date)]
        titled = [o for o in current for t in titles if t.entry_id == person and office_matches(o, t.title_kind, t.scope)]
        chosen = (titled or current or [None])[0]
    if chosen is None:
        titled = [o for o in offices for t in titles if t.entry_id == person and office_matches(o, t.title_kind, t.scope)]
        chosen = titled[0] if titled else None
    if chosen is None:
        return None
    role = {
        "title": kb.office_title(chosen),
        "kind": chosen.kind,
        "country": chosen.country,
        "org": chosen.org,
        "start": chosen.start,
        "end": chosen.end,
        "as_of": date,
    }
    if date and chosen.end and low(date) > high(chosen.end):
        role["former"] = True  # the office a title points at, left before the article's date ('الرئيس الأسبق كارتر')
    return role
