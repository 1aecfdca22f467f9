"""The event and quote vocabulary: lang/fa/events.json, lang/ar/events.json and lang/common/topics.json,
folded to match keys and compiled into regular expressions once per language.

Every pattern runs over match-key text (rasad.text.keys), where letter variants, diacritics and ZWNJ are
gone, «» and “” are '"', the Arabic comma is ',' and runs of spaces are one space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from rasad.errors import DataFileError
from rasad.text.chars import read_data
from rasad.text.keys import fold_pattern, match_key

LANGS = ("fa", "ar")
NB = r"(?<![^\W\d_])"  # not after a letter
NA = r"(?![^\W\d_])"  # not before a letter
AR_PROCLITIC = r"(?:و|ف)?"
PLOVER = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE", "DEMAND",
          "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "CRIME", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
MODES = ("meet", "host", "visit", "phone")
_GRAMMAR = ("accusative", "with", "contrast", "clause_stops", "that", "not_clause_head", "clause_adverbs", "openings",
            "relatives", "subjunctive", "quoted_from", "phrase_stops", "partitives", "partitive_of", "media_heads",
            "posted_titles", "posted_in", "not_fillers")


def key(entry: str) -> str:
    """The match key of a data entry, a ZWNJ counting as a space."""
    return match_key(entry.replace("\u200c", " "))


def alternation(entries: list[str] | set[str]) -> str:
    """A regex that matches any of the folded entries, the longest possible; a space inside an entry
    may be a space or nothing in the text (گفت‌وگو, گفت وگو and گفتوگو all match). Built as a trie, so
    the regex engine checks one character class per position instead of every entry."""
    trie: dict = {}
    for e in entries:
        k = key(e)
        if not k:
            continue
        node = trie
        for ch in k:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie) if trie else ""


def _trie_regex(node: dict) -> str:
    ends = "" in node
    branches = []
    for ch in sorted(c for c in node if c):
        unit = " ?" if ch == " " else re.escape(ch)
        branches.append(unit + _trie_regex(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


def words(entries: list[str], prefix: str = "") -> re.Pattern[str] | None:
    """Whole-word matcher for a list of entries (None when the list is empty)."""
    alt = alternation(entries)
    return re.compile(f"{NB}{prefix}(?:{alt}){NA}") if alt else None


def folded_regex(pattern: str) -> str:
    """A data-file regex folded like match keys; a ZWNJ may be a space or nothing."""
    return fold_pattern(pattern.replace("\u200c", " ?")).lower()


def _list(data: dict[str, Any], name: str, where: str) -> list[str]:
    value = data.get(name)
    if isinstance(value, dict):
        value = value.get("list")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(f"{where}: '{name}' must be a list of strings (or an object with a 'list')", value=name)
    return value


@dataclass(frozen=True)
class SpeechCue:
    """A speech verb: ``kind`` say / regard / object / wrap / according; ``intro``: what may open the
    statement (Arabic); ``needs_intro``: only a cue when one of them follows; ``end``: the closing part of
    a 'wrap' cue; ``plural``: a dual or plural form (its unwritten subject is a group); ``needs_subject``:
    only a cue with a named subject."""

    text: str
    kind: str
    intro: tuple[str, ...] = ()
    needs_intro: bool = False
    end: re.Pattern[str] | None = None
    plural: bool = False
    needs_subject: bool = False


@dataclass(frozen=True)
class MeetingCue:
    text: str
    mode: str
    embedded: bool = False
    arrival: bool = False
    planned: bool = False


@dataclass(frozen=True)
class Rule:
    type: str
    cues: frozenset[str]
    patterns: re.Pattern[str] | None


@dataclass(frozen=True)
class Lexicon:
    """One language's cues, compiled. Lookup tables are keyed by the folded cue text with its spaces."""

    lang: str
    speech: re.Pattern[str]
    speech_cues: dict[str, SpeechCue]
    not_speech: re.Pattern[str] | None
    intro: dict[str, re.Pattern[str]]
    pronouns: re.Pattern[str] | None
    demonstratives: frozenset[str]  # 'این', 'هذا': before an anaphor noun, a reference to the person in focus
    anaphor_nouns: frozenset[str]  # 'مسئول', 'کارشناس', 'المسؤول'
    surname_parts: frozenset[str]  # 'فام', 'نیا': second halves of compound surnames written apart
    turn_markers: re.Pattern[str] | None
    attribution: re.Pattern[str] | None
    reporters: frozenset[str]
    unnamed: re.Pattern[str] | None
    fillers: re.Pattern[str] | None
    title_followers: frozenset[str]
    place_nouns: frozenset[str]
    object_markers: frozenset[str]
    narrative_stops: re.Pattern[str] | None
    meeting: re.Pattern[str]
    meeting_cues: dict[str, MeetingCue]
    backrefs: frozenset[str]
    references: re.Pattern[str] | None
    attendees: re.Pattern[str] | None
    groups: re.Pattern[str] | None
    locatives: frozenset[str]
    topic_markers: re.Pattern[str] | None
    planned: re.Pattern[str] | None
    just_happened: re.Pattern[str] | None
    rules: tuple[Rule, ...]
    intro_words: frozenset[str]  # the folded introducer words ('که', 'ان', 'بان')
    accusative: re.Pattern[str] | None  # 'را'
    with_: re.Pattern[str] | None  # 'با'
    contrast: re.Pattern[str] | None  # '، ولی' ...
    clause_stops: re.Pattern[str] | None
    phrase_stops: re.Pattern[str] | None  # 'را', 'که', 'شد': no subject phrase runs past one
    partitives: frozenset[str]  # 'یکی', 'عدد': their 'از'/'من' goes on with the phrase ('یکی از شهروندان')
    partitive_of: frozenset[str]
    media_heads: frozenset[str]  # 'صحيفة', 'روزنامه': the quoted name after one belongs to the phrase
    posted_titles: frozenset[str]  # 'نماینده', 'سفير': their 'در'/'لدى' goes on with the phrase
    posted_in: frozenset[str]
    not_fillers: re.Pattern[str] | None  # 'ولی فقیه': opens with a filler's word ('ولی', but) and is none
    that: re.Pattern[str] | None
    not_head: frozenset[str]
    clause_adverbs: frozenset[str]
    openings: frozenset[str]
    relatives: frozenset[str]
    subjunctive: frozenset[str]
    quoted_from: frozenset[str]

    def speech_cue(self, matched: str) -> SpeechCue:
        return self.speech_cues[_cue_key(matched)]

    def meeting_cue(self, matched: str) -> MeetingCue:
        return self.meeting_cues[_cue_key(matched)]


def _cue_key(matched: str) -> str:
    """The lookup form of a matched cue: no spaces, no Arabic proclitic, no Persian verb suffix."""
    return matched.replace(" ", "")


# Arabic introducers: 'أن' stands for أن/إن/أنّ/بأن with an attached pronoun; 'ب' for a word that
# starts with the preposition ب (the statement starts at that word).
_AR_INTRO = {
    "أن": rf"{NB}(?:ب|ل)?ان(?:ه|ها|هم|هما|نا|ني)?{NA}",
    ":": r":",
    "،": r",",
    "ب": rf"{NB}ب(?=[^\W\d_]{{2}})",
}


def _intro_pattern(token: str) -> re.Pattern[str]:
    if token in _AR_INTRO:
        return re.compile(_AR_INTRO[token])
    return re.compile(f"{NB}(?:{alternation([token])}){NA}")


def _speech(data: dict[str, Any], lang: str, where: str) -> tuple[re.Pattern[str], dict[str, SpeechCue], dict[str, re.Pattern[str]]]:
    speech = data.get("speech") or {}
    cues: dict[str, SpeechCue] = {}
    intro_tokens: set[str] = set()
    if lang == "fa":
        for kind in ("say", "regard", "object", "according"):
            for text in _list(speech, kind, where + " speech"):
                cues[_cue_key(key(text))] = SpeechCue(text, kind)
        for w in speech.get("wrap", []):
            end = re.compile(rf"{NB}(?:{alternation(w['end'])}){NA}")
            cues[_cue_key(key(w["cue"]))] = SpeechCue(w["cue"], "wrap", end=end)
        intro_tokens |= set(_list(data, "introducers", where))
    else:
        for v in speech.get("verbs", []):
            for plural, forms in ((False, v["forms"]), (True, v.get("plural", []))):
                for form in forms:
                    cues[_cue_key(key(form))] = SpeechCue(form, v["kind"], tuple(v.get("intro", ())), bool(v.get("needs_intro")),
                                                          plural=plural, needs_subject=bool(v.get("needs_subject")))
            intro_tokens |= set(v.get("intro", ()))
        for text in _list(speech, "according", where + " speech"):
            cues[_cue_key(key(text))] = SpeechCue(text, "according")
    verbs = [c.text for c in cues.values() if c.kind != "according"]
    according = [c.text for c in cues.values() if c.kind == "according"]
    if lang == "fa":
        suffixes = alternation(_list(data, "verb_suffixes", where))
        pattern = rf"{NB}(?P<cue>{alternation(verbs)})(?:{suffixes})?{NA}"
    else:
        pattern = rf"{NB}{AR_PROCLITIC}(?P<cue>{alternation(verbs)}){NA}"
    pattern += rf"|{NB}{AR_PROCLITIC if lang == 'ar' else ''}(?P<acc>{alternation(according)}){NA}"
    intro = {t: _intro_pattern(t) for t in intro_tokens}
    return re.compile(pattern), cues, intro


def _meetings(data: dict[str, Any], lang: str, where: str) -> tuple[re.Pattern[str], dict[str, MeetingCue]]:
    cues: dict[str, MeetingCue] = {}
    for c in data["meetings"]["cues"]:
        if c["mode"] not in MODES:
            raise DataFileError(f"{where}: meeting cue {c['cue']!r} has mode {c['mode']!r}; valid modes: {', '.join(MODES)}", value=c["mode"])
        cues[_cue_key(key(c["cue"]))] = MeetingCue(c["cue"], c["mode"], bool(c.get("embedded")), bool(c.get("arrival")),
                                                  bool(c.get("planned")))
    alt = alternation([c.text for c in cues.values()])
    if lang == "fa":
        suffixes = alternation(_list(data, "verb_suffixes", where))
        pattern = rf"{NB}(?P<cue>{alt})(?:{suffixes})?{NA}"
    else:
        pattern = rf"{NB}{AR_PROCLITIC}(?P<cue>{alt}){NA}"
    return re.compile(pattern), cues


def _rules(data: dict[str, Any], where: str) -> tuple[Rule, ...]:
    rules = []
    for r in data.get("coding", {}).get("rules", []):
        if r["type"] not in PLOVER:
            raise DataFileError(f"{where}: coding rule type {r['type']!r} is not a PLOVER category ({', '.join(PLOVER)})", value=r["type"])
        pats = [folded_regex(p) for p in r.get("patterns", [])]
        try:
            compiled = re.compile("|".join(f"(?:{p})" for p in pats)) if pats else None
        except re.error as exc:
            raise DataFileError(f"{where}: a {r['type']} pattern does not compile: {exc}", value=r["type"]) from exc
        rules.append(Rule(r["type"], frozenset(_cue_key(key(c)) for c in r.get("cues", [])), compiled))
    return tuple(rules)


@cache
def lexicon(lang: str) -> Lexicon:
    """The compiled cues of ``lang`` ('fa' or 'ar')."""
    if lang not in LANGS:
        raise DataFileError(f"no event cues for language {lang!r}; valid: {', '.join(LANGS)}", value=lang)
    where = f"lang/{lang}/events.json"
    data = read_data(f"{lang}/events.json")
    speech, speech_cues, intro = _speech(data, lang, where)
    meeting, meeting_cues = _meetings(data, lang, where)
    m = data["meetings"]
    pre = AR_PROCLITIC if lang == "ar" else ""
    g = {k: _list(data["grammar"], k, where + " grammar") for k in _GRAMMAR}
    return Lexicon(
        lang=lang,
        speech=speech,
        speech_cues=speech_cues,
        not_speech=words(data["speech"].get("not_speech", [])),
        intro=intro,
        pronouns=words(_list(data, "pronouns", where)),
        demonstratives=frozenset(key(w) for w in _list(data, "demonstratives", where)),
        anaphor_nouns=frozenset(key(w) for w in _list(data, "anaphor_nouns", where)),
        surname_parts=frozenset(key(w) for w in _list(data, "surname_parts", where)),
        turn_markers=words(_list(data, "turn_markers", where), pre),
        attribution=words(_list(data, "attribution", where), pre),
        reporters=frozenset(key(w) for w in _list(data, "reporters", where)),
        unnamed=words(_list(data, "unnamed", where), pre + ("(?:ال)?" if lang == "ar" else "")),
        fillers=words(_list(data, "subject_fillers", where), pre),
        title_followers=frozenset(key(w) for w in _list(data, "title_followers", where)),
        place_nouns=frozenset(key(w) for w in _list(data, "place_nouns", where)),
        object_markers=frozenset(key(w) for w in _list(data, "object_markers", where)),
        narrative_stops=re.compile(rf"(?:{alternation(_list(data, 'narrative_stops', where))}){NA}"),
        meeting=meeting,
        meeting_cues=meeting_cues,
        backrefs=frozenset(key(w) for w in _list(m, "backrefs", where)),
        references=re.compile(rf"(?:{alternation(_list(m, 'references', where))}) $"),
        attendees=words(_list(m, "attendees", where)),
        groups=words(_list(m, "groups", where), pre),
        locatives=frozenset(key(w) for w in _list(m, "locatives", where)),
        topic_markers=words(_list(m, "topic_markers", where), pre),
        planned=words(_list(m, "planned", where)),
        just_happened=words(_list(m, "just_happened", where)),
        rules=_rules(data, where),
        intro_words=frozenset(key(w) for w in intro) | frozenset({"ان", "انه", "بان"} if lang == "ar" else ()),
        accusative=words(g["accusative"]),
        with_=words(g["with"]),
        contrast=re.compile(rf", ?(?:{alternation(g['contrast'])}){NA}") if g["contrast"] else None,
        clause_stops=words(g["clause_stops"]),
        phrase_stops=words(g["accusative"] + g["clause_stops"] + g["phrase_stops"]),
        partitives=frozenset(key(w) for w in g["partitives"]),
        partitive_of=frozenset(key(w) for w in g["partitive_of"]),
        media_heads=frozenset(key(w) for w in g["media_heads"]),
        posted_titles=frozenset(key(w) for w in g["posted_titles"]),
        posted_in=frozenset(key(w) for w in g["posted_in"]),
        not_fillers=words(g["not_fillers"]),
        that=words(g["that"]),
        not_head=frozenset(key(w) for w in g["not_clause_head"]),
        clause_adverbs=frozenset(key(w) for w in g["clause_adverbs"]),
        openings=frozenset(key(w) for w in g["openings"]),
        relatives=frozenset(key(w) for w in g["relatives"]),
        subjunctive=frozenset(key(w) for w in g["subjunctive"]),
        quoted_from=frozenset(key(w) for w in g["quoted_from"]),
    )


@dataclass(frozen=True)
class Topic:
    id: str
    en: str
    keywords: dict[str, re.Pattern[str]]
    stance_for: dict[str, re.Pattern[str] | None]
    stance_against: dict[str, re.Pattern[str] | None]


def _topic_regex(patterns: list[str], lang: str) -> re.Pattern[str] | None:
    if not patterns:
        return None
    pre = r"(?:و|ف)?(?:ب|ل|ك)?" if lang == "ar" else ""
    alt = "|".join(sorted((folded_regex(p) for p in patterns), key=len, reverse=True))
    return re.compile(f"{NB}{pre}(?:{alt})")


@cache
def topic_finder(lang: str) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """One regex for all the topic keywords of ``lang``: group name -> topic id."""
    parts, names = [], {}
    data = {t["id"]: t for t in read_data("common/topics.json")["topics"]}
    for i, t in enumerate(topics()):
        patterns = data[t.id].get(lang, [])
        if patterns:
            names[f"t{i}"] = t.id
            parts.append(f"(?P<t{i}>{'|'.join(folded_regex(p) for p in patterns)})")
    pre = r"(?:و|ف)?(?:ب|ل|ك)?" if lang == "ar" else ""
    return (re.compile(f"{NB}{pre}(?:{'|'.join(parts)})"), names) if parts else None


@cache
def topics() -> tuple[Topic, ...]:
    """The topic taxonomy of lang/common/topics.json, compiled."""
    data = read_data("common/topics.json")
    out = []
    for t in data["topics"]:
        try:
            out.append(Topic(
                t["id"],
                t["en"],
                {lang: _topic_regex(t.get(lang, []), lang) for lang in LANGS},
                {lang: _topic_regex(t.get("for", {}).get(lang, []), lang) for lang in LANGS},
                {lang: _topic_regex(t.get("against", {}).get(lang, []), lang) for lang in LANGS},
            ))
        except (KeyError, re.error) as exc:
            raise DataFileError(f"lang/common/topics.json: topic {t.get('id')!r} is malformed: {exc}", value=t.get("id")) from exc
    return tuple(out)
