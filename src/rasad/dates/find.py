"""Finding dates in Persian and Arabic news: explicit dates, the publication dateline, relative dates.

How it works: the whole text is folded once (cached, so the finders and every paragraph region share it)
to its match key (:func:`rasad.text.keys.key_text`: Latin digits, one letter per Arabic/Persian family, no
ZWNJ or diacritics, lowercased Latin, single spaces) with a map back to the original offsets. A few large
regexes, built once from the vocabulary in ``lang/fa/dates.json`` and ``lang/ar/dates.json``, scan the
folded range of ``text[start:end]``; each hit is mapped back, so every :class:`DateMention` satisfies
``text[m.start:m.end] == m.text``. The explicit-date scanner runs only in windows around digit runs.

Steps, one function each:

* :func:`find_absolute` -- calendar dates (``۰۶ آبان ۱۳۹۹``, ``15 تشرين الثاني 2020``, ``1402/05/30``,
  ``3 ربيع الأول 1442 هـ``), with a weekday before and a clock time before or after taken into the span.
* :func:`find_published` -- the dateline in a header region, scored by labels, times and position.
* :func:`published_from_record`, :func:`published_from_fars_link` -- dates from record fields and links.
* :func:`find_relative` -- امروز, دیروز, أمس, يوم الأربعاء الماضي ...
* :func:`resolve` -- anchors relative mentions (and day-month dates without a year) to the publication date.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any

from rasad.dates.calendars import InvalidDate, from_gregorian, month_to_gregorian, to_gregorian
from rasad.doc import DateMention, Normalized, Published
from rasad.errors import DataFileError, UnsupportedInput
from rasad.text.chars import read_data
from rasad.text.keys import article_key_text, match_key

LANGS = ("fa", "ar")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CALENDAR_OF_CENTURY = {"13": "jalali", "14": "jalali", "19": "gregorian", "20": "gregorian"}

_NB = r"(?<![^\W\d_])"  # not after a letter
_NA = r"(?![^\W\d_])"  # not before a letter
# Characters the match key drops at the end of a word; they belong to the span of the word they follow.
_TRAILING_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]*")
_TRAILING_MARKS_HAMZA = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u0621]*")
_TRAILING_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]+\\Z")


# ---------------------------------------------------------------- vocabulary


def _entries(value: Any) -> list[str]:
    """The strings of a data entry: a list, or an object holding one list beside its ``_doc``."""
    if isinstance(value, dict):
        lists = [v for k, v in value.items() if not k.startswith("_") and isinstance(v, list)]
        value = [s for sub in lists for s in sub] if lists else [k for k in value if not k.startswith("_")]
    return [v for v in value if isinstance(v, str)]


def _alt(entries: list[str] | set[str]) -> str:
    """A regex alternation of folded entries, longest first. A space or ZWNJ in an entry may be a space,
    a ZWNJ or nothing in the text (یک‌شنبه matches یکشنبه, یک شنبه and يك‌شنبه)."""
    keys = sorted({k for e in entries if (k := match_key(e.replace("\u200c", " ")))}, key=lambda k: (-len(k), k))
    return "|".join(" ?".join(re.escape(w) for w in k.split(" ")) for k in keys)


def _canon(key: str) -> str:
    """The lookup form of matched folded text: no spaces, no trailing dot."""
    return key.replace(" ", "").rstrip(".")


@cache
def vocabulary(lang: str | None = None) -> dict[str, Any]:
    """The date vocabulary, folded into lookup tables. Month names, era markers, clock words and dateline
    labels come from both languages' files (a Persian page may print '27October 2020' and an Arabic one
    a Jalali month); weekdays, relative words and the yearless-date exceptions come from ``lang``'s file
    only (Arabic فرداً 'individually' is not Persian فردا 'tomorrow'), or from both when ``lang`` is None."""
    months: dict[str, tuple[str, int]] = {}
    weekdays: dict[str, int] = {}
    eras: dict[str, str] = {}
    relative: dict[str, int] = {}
    modifiers: dict[str, str] = {}
    not_followed: dict[str, list[str]] = {}
    lists: dict[str, set[str]] = {
        k: set()
        for k in (
            "month_word", "yearless_ambiguous", "year_words", "time_labels", "am", "pm", "day_parts",
            "day_words", "proclitics", "count_words", "weekday_not_after", "labels", "update_labels",
        )
    }
    hamza_final: set[str] = set()
    written: dict[int, set[str]] = {}  # id(table) -> the entries as written, for building regexes

    def put(table: dict[str, Any], entry: str, value: Any, what: str, lang: str) -> None:
        key = _canon(match_key(entry))
        if table.get(key, value) != value:
            raise DataFileError(
                f"lang/{lang}/dates.json: {what} {entry!r} folds to {key!r}, which already means "
                f"{table[key]!r}, not {value!r}; remove one spelling",
                value=entry,
            )
        table[key] = value
        written.setdefault(id(table), set()).add(entry)
        if _TRAILING_DIACRITICS.sub("", entry).endswith("ء"):
            hamza_final.add(match_key(entry).split(" ")[-1])

    for file_lang in LANGS:
        own = lang is None or file_lang == lang
        data = read_data(f"{file_lang}/dates.json")
        try:
            for calendar in ("jalali", "gregorian", "hijri"):
                names = data["months"][calendar]
                if len(names) != 12:
                    raise DataFileError(f"lang/{lang}/dates.json: months.{calendar} must list 12 months", value=names)
                for number, spellings in enumerate(names, 1):
                    for s in spellings:
                        put(months, s, (calendar, number), "month", file_lang)
            for calendar, markers in data["eras"].items():
                if not calendar.startswith("_"):
                    for s in markers:
                        put(eras, s, calendar, "era marker", file_lang)
            lists["month_word"].update(data["months"].get("month_word", []))
            lists["year_words"].update(_entries(data["year_words"]))
            lists["time_labels"].update(data["time"]["labels"])
            lists["am"].update(data["time"]["am"])
            lists["pm"].update(data["time"]["pm"])
            lists["labels"].update(data["dateline"]["labels"])
            lists["update_labels"].update(data["dateline"]["update_labels"])
            if not own:
                continue
            for number, day in enumerate(WEEKDAYS):
                for s in data["weekdays"][day]:
                    put(weekdays, s, number, "weekday", file_lang)
            rel = data["relative"]
            for s, offset in rel["words"].items():
                put(relative, s, offset, "relative word", file_lang)
            for s, kind in rel["weekday_modifiers"].items():
                if not s.startswith("_"):
                    put(modifiers, s, kind, "weekday modifier", file_lang)
            for s, prefixes in rel.get("not_followed_by", {}).items():
                if not s.startswith("_"):
                    not_followed[_canon(match_key(s))] = [match_key(p) for p in prefixes]
            lists["yearless_ambiguous"].update(_entries(data["yearless_ambiguous"]))
            for k in ("day_parts", "day_words", "proclitics"):
                lists[k].update(rel.get(k, []))
            lists["count_words"].update(_entries(rel["count_words"]))
            lists["weekday_not_after"].update(_entries(rel["weekday_not_after"]))
        except (KeyError, TypeError, AttributeError) as exc:
            raise DataFileError(
                f"lang/{file_lang}/dates.json is missing or misshapes {exc}; see its _doc", value=file_lang
            ) from exc
    return {
        "months": months,
        "weekdays": weekdays,
        "eras": eras,
        "relative": relative,
        "modifiers": modifiers,
        "not_followed": not_followed,
        "lists": lists,
        "yearless_ambiguous": {_canon(match_key(s)) for s in lists["yearless_ambiguous"]},
        "am": {_canon(match_key(s)) for s in lists["am"]},
        "hamza_final": hamza_final,
        "spellings": {
            name: written.get(id(table), set())
            for name, table in (
                ("months", months), ("weekdays", weekdays), ("eras", eras),
                ("relative", relative), ("modifiers", modifiers),
            )
        },
    }


# ---------------------------------------------------------------- patterns


@cache
def patterns(lang: str | None = None) -> dict[str, re.Pattern[str]]:
    """The compiled scanners for ``lang`` (None: both languages), built once on first use."""
    v = vocabulary(lang)
    lists = v["lists"]
    spelt = v["spellings"]
    latin = [m for m in spelt["months"] if m.isascii()]
    script = [m for m in spelt["months"] if not m.isascii()]
    month_word = _alt(lists["month_word"])
    month_any = rf"(?:{_alt(latin)})\.?|(?:{_alt(script)})(?: ?(?:{month_word}))?"
    year_words = _alt(lists["year_words"])
    era_alt = _alt(spelt["eras"])
    weekday_alt = _alt(spelt["weekdays"])
    day = r"(?:0?[1-9]|[12][0-9]|3[01])"
    num = r"[0-9]{1,2}"
    year = r"[0-9]{4}"

    def era(i: int) -> str:
        return rf"(?: ?(?P<era{i}>{era_alt}){_NA})?"

    numeric_left = r"(?<![0-9])(?<![0-9][./-])"
    numeric_right = r"(?![0-9])(?![./-][0-9])"
    branches = [
        # 1402/05/30, 2020-11-15, 1436/10/5هـ
        rf"{numeric_left}(?P<y1>{year})(?P<s1>[/.-])(?P<a1>{num})(?P=s1)(?P<b1>{num}){numeric_right}{era(1)}",
        # 15/11/2020, ١٥/١١/٢٠٢٠
        rf"{numeric_left}(?P<a2>{num})(?P<s2>[/.-])(?P<b2>{num})(?P=s2)(?P<y2>{year}){numeric_right}{era(2)}",
        # ۰۶ آبان ۱۳۹۹, 27October 2020, 15 تشرين الثاني 2020, 3 ربيع الأول 1442 هـ, ۶ آبان (no year)
        rf"(?<![0-9:./])(?P<d3>{day})(?![0-9]) ?{_NB}(?P<m3>{month_any}){_NA}"
        rf"(?:(?: ?[,/-])? ?(?:(?:{year_words}) ?)?(?P<y3>{year})(?![0-9]){era(3)})?",
        # Oct 27, 2020
        rf"(?<![a-z])(?P<m4>{_alt(latin)})\.? ?(?P<d4>{day})(?:st|nd|rd|th)?(?![0-9a-z]) ?,? ?(?P<y4>{year})(?![0-9])",
        # آبان ۱۳۹۹, نوفمبر 2020, October 2020 (month precision; not after a number: '۳۲ آبان ۱۳۹۹' is junk)
        rf"(?<![0-9])(?<![0-9] ){_NB}(?P<m5>{month_any}){_NA}"
        rf" ?,? ?(?:(?:{year_words}) ?)?(?P<y5>{year})(?![0-9]){era(5)}",
    ]
    sep = r"[ ]*(?:[-|/•,–—][ ]*){0,3}"
    ampm = _alt(lists["am"] | lists["pm"])
    time_label = rf"(?:(?:{_alt(lists['time_labels'])}) ?:? ?)?"
    time = (
        rf"(?<![0-9:])(?P<h>[01]?[0-9]|2[0-3]):(?P<mi>[0-5][0-9])(?::[0-5][0-9])?(?![0-9:])"
        rf"(?: ?(?P<ampm>{ampm})(?![^\W\d_]))?"
    )
    day_words = _alt(lists["day_words"])
    parts = _alt(lists["day_parts"])
    proclitics = _alt(lists["proclitics"])
    rel_alt = _alt(spelt["relative"])
    mod_alt = _alt(spelt["modifiers"])
    relative = (
        rf"{_NB}(?:{proclitics})?(?P<rel>(?:(?P<part>{parts}) )?"
        rf"(?:(?P<word>{rel_alt})(?: (?P<wd1>{weekday_alt}))?"
        rf"|(?:(?P<dayw>{day_words}) )?(?P<wd2>{weekday_alt})(?: (?P<mod>{mod_alt}))?)){_NA}"
    )
    labels = _alt(lists["labels"])
    return {
        "absolute": re.compile("|".join(f"(?:{b})" for b in branches)),
        "time_after": re.compile(sep + time_label + time),
        "time_before": re.compile(time_label + time + sep + r"\Z"),
        "time_line": re.compile(r"[ ]*" + time_label + time + r"[ ]*\Z"),
        "weekday_before": re.compile(rf"{_NB}(?:(?:{day_words}) )?(?P<wd>{weekday_alt}){_NA}{sep}\Z"),
        "relative": re.compile(relative),
        # every relative date holds one of these words: the full pattern only runs around them
        "relative_anchor": re.compile(f"{rel_alt}|{weekday_alt}"),
        "modifier_end": re.compile(rf"(?:^| )(?P<mod>{mod_alt})\Z"),
        "count_before": re.compile(rf"(?:[0-9]+|{_NB}(?:{_alt(lists['count_words'])})) \Z"),
        "weekday_not_after": re.compile(rf"{_NB}(?:{proclitics})?(?:{_alt(lists['weekday_not_after'])}) \Z"),
        "followed_by_weekday": re.compile(rf" (?:{weekday_alt}){_NA}"),
        "label_end": re.compile(rf"{_NB}(?:{labels}){_NA}[ :]*\Z"),
        "update_label": re.compile(rf"{_NB}(?:{_alt(lists['update_labels'])}){_NA}"),
        "separators": re.compile(r"[\s\-|/•,،–—:]*\Z"),
    }


# ---------------------------------------------------------------- folding


def _fold(text: str) -> Normalized:
    """The match-key form of a whole text with its offset map (cached: the finders share one fold)."""
    return article_key_text(text)


def _folded_region(text: str, start: int, end: int) -> tuple[Normalized, int, int]:
    """The fold of ``text`` and the folded range [fs, fe) that covers ``text[start:end]``."""
    norm = _fold(text)
    fs, fe = norm.from_original(start, end)
    return norm, fs, fe


def _region(text: str, start: int, end: int | None) -> tuple[int, int]:
    end = len(text) if end is None else max(0, min(end, len(text)))
    start = max(0, min(start, end))
    return start, end


def _to_text(text: str, norm: Normalized, ks: int, ke: int, limit: int, hamza: bool = False) -> tuple[int, int]:
    """Map a folded [ks, ke) range to ``text``; the end takes in the diacritics (and hamza) the key dropped."""
    s, e = norm.to_original(ks, ke)
    marks = _TRAILING_MARKS_HAMZA if hamza else _TRAILING_MARKS
    e = marks.match(text, e, limit).end()
    return s, e


# ---------------------------------------------------------------- absolute dates


def find_absolute(text: str, start: int = 0, end: int | None = None, *, lang: str | None = None) -> list[DateMention]:
    """Explicit calendar dates in ``text[start:end]``, with offsets into ``text``.

    A numeric date takes its calendar from an era marker after it, else from its year: 19xx/20xx are
    Gregorian, 13xx/14xx Jalali in Persian and lunar Hijri in Arabic (as Saudi papers write them).
    ``lang`` ("fa" or "ar") is guessed from the region's letters when not given (:func:`guess_language`).
    Day-month dates without a year get ``value=None`` for :func:`resolve` to anchor.
    """
    start, end = _region(text, start, end)
    return list(_find_absolute(text, start, end, _language(text, start, end, lang)))


_PERSIAN_LETTERS = "پچژگ"


def guess_language(text: str, start: int = 0, end: int | None = None) -> str | None:
    """"fa", "ar" or None (no evidence) for ``text[start:end]``, from letters only Persian writes (پ چ ژ گ)
    against teh marbuta (ة), which Persian rarely writes. Cheap: five counts, no model."""
    start, end = _region(text, start, end)
    fa = sum(text.count(c, start, end) for c in _PERSIAN_LETTERS)
    ar = text.count("ة", start, end)
    if not fa and not ar:
        return None
    return "fa" if fa * 4 > ar else "ar"


def _language(text: str, start: int, end: int, lang: str | None) -> str | None:
    if lang is None:
        return guess_language(text, start, end)
    if lang not in LANGS:
        options = ", ".join(LANGS)
        raise UnsupportedInput("lang", f"unknown language {lang!r}; use one of {options} or None to guess", value=lang)
    return lang


@lru_cache(maxsize=32)
def _find_absolute(text: str, start: int, end: int, lang: str | None) -> tuple[DateMention, ...]:
    norm, fs, fe = _folded_region(text, start, end)
    folded = norm.text
    p = patterns(lang)
    found = []
    for ws, we in _digit_windows(folded, fs, fe):
        for m in p["absolute"].finditer(folded, ws, we):
            if found and m.start() < found[-1][1]:
                continue
            parsed = _parse_absolute(m, lang)
            if parsed is not None:
                found.append((m.start(), m.end(), parsed))
    out: list[DateMention] = []
    used_until = fs  # folded offset up to which clock times are taken
    for i, (ks, ke, (calendar, value, precision, _)) in enumerate(found):
        clock = None
        if precision == "day":
            next_start = found[i + 1][0] if i + 1 < len(found) else fe
            after = p["time_after"].match(folded, ke, next_start)
            if after:
                clock, ke = _clock(after), after.end()
            else:
                before = p["time_before"].search(folded, max(used_until, ks - 40), ks)
                if before:
                    clock, ks = _clock(before), before.start()
            # The weekday joins the span even when it disagrees with the date (the numbers win), so that
            # find_relative does not report it again as a weekday of its own.
            wd = p["weekday_before"].search(folded, max(used_until, ks - 30), ks)
            if wd:
                ks = wd.start()
        used_until = ke
        s, e = _to_text(text, norm, ks, ke, end, hamza=True)  # مساءً: the hamza the key dropped
        out.append(DateMention(s, e, text[s:e], "absolute", value, precision, calendar, clock))
    return tuple(out)


_DIGITS = re.compile(r"[0-9]+")
_WINDOW_BEFORE = 40  # a date starts at most this far before its first digit (month, year word)
_WINDOW_AFTER = 28  # ... and ends at most this far after its last digit (month name, era marker)


def _windows(folded: str, fs: int, fe: int, anchor: re.Pattern[str], before: int, after: int) -> list[tuple[int, int]]:
    """Stretches of the folded text around the hits of ``anchor``: every absolute date has digits and
    every relative one a day word or weekday, so a scanner (whose many branches would otherwise be tried
    at every letter) only runs there. A window ends at a space or line end, never inside a word, so the
    scanner's word-boundary checks stay true."""
    windows: list[tuple[int, int]] = []
    cut_at = -1  # the first break at or after the last window's end: window ends only grow, so it is reused
    for m in anchor.finditer(folded, fs, fe):  # (searching again each time was quadratic in a text without spaces)
        ws = max(fs, m.start() - before)
        we = m.end() + after
        if we >= fe:
            we = fe
        else:
            if cut_at < we:
                cut = _BREAK.search(folded, we, fe)
                cut_at = cut.start() if cut else fe
            we = cut_at
        if windows and ws <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(we, windows[-1][1]))
        else:
            windows.append((ws, we))
    return windows


def _digit_windows(folded: str, fs: int, fe: int) -> list[tuple[int, int]]:
    return _windows(folded, fs, fe, _DIGITS, _WINDOW_BEFORE, _WINDOW_AFTER)


_BREAK = re.compile(r"[\s]")
_RELATIVE_BEFORE = 40  # a relative date starts at most this far before its day word (proclitic, day part)
_RELATIVE_AFTER = 40  # ... and ends at most this far after it (a weekday, a modifier)


def _parse_absolute(m: re.Match[str], lang: str | None) -> tuple[str, str | None, str, datetime.date | None] | None:
    """(calendar, ISO value, precision, Gregorian date) of one scanner hit, or None when it is no valid date."""
    g = m.groupdict()
    v = vocabulary(lang)
    if g["y1"] or g["y2"]:
        i = "1" if g["y1"] else "2"
        year, a, b = int(g["y" + i]), int(g["a" + i]), int(g["b" + i])
        if i == "1":
            month, day = a, b
        elif b > 12 >= a:  # 05/30/2020: month first, as in US usage
            month, day = a, b
        else:
            month, day = b, a
        calendar = _numeric_calendar(g["y" + i], g["era" + i], lang, v)
        if calendar is None:
            return None
        return _day(calendar, year, month, day)
    if g["m3"]:
        calendar, month = _month(g["m3"], v)
        if g["y3"] is None:
            if _canon(g["m3"]) in v["yearless_ambiguous"]:
                return None
            return calendar, None, "day", None
        if not _era_agrees(g["era3"], calendar, v):
            return None
        return _day(calendar, int(g["y3"]), month, int(g["d3"]))
    if g["m4"]:
        calendar, month = _month(g["m4"], v)
        return _day(calendar, int(g["y4"]), month, int(g["d4"]))
    calendar, month = _month(g["m5"], v)
    if not _era_agrees(g["era5"], calendar, v):
        return None
    value = month_to_gregorian(calendar, int(g["y5"]), month)
    return None if value is None else (calendar, value, "month", None)


def _month(name: str, v: dict[str, Any]) -> tuple[str, int]:
    key = _canon(name)
    if key not in v["months"]:  # the name carries the month word: آبان ماه
        for word in v["lists"]["month_word"]:
            w = _canon(match_key(word))
            if key.endswith(w) and key[: -len(w)] in v["months"]:
                return v["months"][key[: -len(w)]]
    return v["months"][key]


def _numeric_calendar(year: str, era: str | None, lang: str | None, v: dict[str, Any]) -> str | None:
    if era:
        return v["eras"][_canon(era)]
    calendar = CALENDAR_OF_CENTURY.get(year[:2])
    return "hijri" if calendar == "jalali" and lang == "ar" else calendar


def _era_agrees(era: str | None, calendar: str, v: dict[str, Any]) -> bool:
    """An era marker after a month-name date must name the month's calendar (hijri eras cover 'ه' too)."""
    return era is None or v["eras"][_canon(era)] == calendar


def _day(calendar: str, year: int, month: int, day: int) -> tuple[str, str, str, datetime.date] | None:
    g = to_gregorian(calendar, year, month, day)
    return None if g is None else (calendar, g.isoformat(), "day", g)


def _clock(m: re.Match[str]) -> str:
    hour, minute = int(m.group("h")), int(m.group("mi"))
    marker = m.group("ampm")
    if marker and hour <= 12:
        is_am = _canon(marker) in vocabulary()["am"]
        hour = hour % 12 + (0 if is_am else 12)
    return f"{hour:02d}:{minute:02d}"


# ---------------------------------------------------------------- the dateline


def find_published(text: str, start: int = 0, end: int | None = None, *, lang: str | None = None) -> Published | None:
    """The publication date in the header region ``text[start:end]`` (the caller passes the lines before
    the body), or None when no date there looks like a dateline.

    Candidates are the day-precision dates of :func:`find_absolute`. One qualifies when it sits after a
    label (تاریخ انتشار, تاريخ النشر ...) or has a clock time or fills most of a short line; a date inside
    a long story sentence does not. The best scores for label, time and being near the top; a repeat of the
    same date on the line (the Gregorian after the Jalali) and a time alone on the next line join its span.
    """
    start, end = _region(text, start, end)
    candidates = [m for m in find_absolute(text, start, end, lang=lang) if m.precision == "day" and m.value]
    best: tuple[int, int, DateMention] | None = None
    for rank, mention in enumerate(candidates):
        score = _dateline_score(text, start, end, mention)
        if score is not None and (best is None or score > best[0]):
            best = (score, rank, mention)
    if best is None:
        return None
    mention = best[2]
    s, e, clock = mention.start, mention.end, mention.time
    for other in candidates:  # "۰۶ آبان ۱۳۹۹ - ۲۰:۰۰ - 27October 2020": one dateline
        if other is not mention and other.value == mention.value:
            lo, hi = (e, other.start) if other.start >= e else (other.end, s)
            if _only_separators(text, lo, hi):
                s, e, clock = min(s, other.start), max(e, other.end), clock or other.time
    if clock is None:
        s, e, clock = _time_on_next_line(text, start, end, s, e)
    return Published(mention.value, clock, mention.calendar or "gregorian", text[s:e], s, e, "dateline")


def _line(text: str, start: int, end: int, s: int, e: int) -> tuple[int, int]:
    ls = text.rfind("\n", start, s) + 1 or start
    le = text.find("\n", e, end)
    return max(ls, start), end if le < 0 else le


def _dateline_score(text: str, start: int, end: int, m: DateMention) -> int | None:
    """How much ``m`` looks like the dateline, or None when it cannot be one (a date in a story sentence)."""
    p = patterns()
    ls, le = _line(text, start, end, m.start, m.end)
    rest = len(text[ls:le].strip()) - len(m.text)  # what else the line says
    before = match_key(text[ls : m.start])
    labelled = _label_ends(before)
    if not labelled and not before.strip(" -|/•,:") and ls > start:  # a label alone on the line above
        pls, _ = _line(text, start, end, ls - 1, ls - 1)
        labelled = _label_ends(match_key(text[pls : ls - 1]))
    line_no = sum(1 for line in text[start:ls].split("\n") if line.strip())  # non-empty lines above
    if labelled:
        ok = rest <= _LABELLED_LINE_REST
    elif m.time:
        ok = rest <= _TIMED_LINE_REST
    else:
        ok = line_no < _TOP_LINES and rest <= _BARE_LINE_REST
    if not ok:
        return None
    score = 4 * labelled + 3 * (m.time is not None) + 2 * (line_no < _TOP_LINES) + (rest <= _BARE_LINE_REST)
    if p["update_label"].search(match_key(text[ls:le])):
        score -= 5
    return score


# A dateline line says little besides the date: at most this many other characters when it has a label,
# a clock time, or neither (then it must also be among the first _TOP_LINES non-empty lines).
_LABELLED_LINE_REST = 120
_TIMED_LINE_REST = 60
_BARE_LINE_REST = 30
_TOP_LINES = 3
_LABEL_NEAR_LINE_START = 40  # 'در تاریخ ۶ آبان' deep in a sentence is no label


def _label_ends(before: str) -> bool:
    """Whether folded ``before`` (the line up to the date) ends with a dateline label near the line start."""
    label = patterns()["label_end"].search(before)
    return label is not None and label.start() <= _LABEL_NEAR_LINE_START


def _only_separators(text: str, lo: int, hi: int) -> bool:
    if hi < lo or hi - lo > 40:
        return False
    gap = patterns()["time_after"].sub("", match_key(text[lo:hi]))
    return bool(patterns()["separators"].match(gap))


def _time_on_next_line(text: str, start: int, end: int, s: int, e: int) -> tuple[int, int, str | None]:
    """A clock time alone on the line after (or before) the date's line: 'الأحد ١٥ نوفمبر ٢٠٢٠\\n١٢:٤٣'."""
    time_line = patterns()["time_line"]
    ls, le = _line(text, start, end, s, e)
    if le < end:
        _, nle = _line(text, start, end, le + 1, le + 1)
        line = text[le + 1 : nle]
        m = time_line.match(match_key(line))
        if m and line.strip():
            return s, le + 1 + len(line.rstrip()), _clock(m)
    if ls > start:
        pls, _ = _line(text, start, end, ls - 1, ls - 1)
        line = text[pls : ls - 1]
        m = time_line.match(match_key(line))
        if m and line.strip():
            return pls + len(line) - len(line.lstrip()), e, _clock(m)
    return s, e, None


# ---------------------------------------------------------------- dates from records and links

_RECORD_DATE = re.compile(
    r"\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?\s*\Z"
)
_FARS_ID = re.compile(r"(?:/news/|[?&]nn=)(?P<id>\d{14}|\d{10})(?!\d)")


def published_from_record(value: str | None) -> Published | None:
    """A record field such as ``2015-07-21 02:51:32``, ``2015-07-21`` or ``2015-07-21T02:51:32Z``
    (the clock time is kept as written, not shifted between zones). None when the field is empty or is
    not such a date."""
    if not value:
        return None
    m = _RECORD_DATE.match(value)
    if not m:
        return None
    y, mo, d, h, mi = m.groups()
    g = to_gregorian("gregorian", int(y), int(mo), int(d))
    if g is None or (h is not None and (int(h) > 23 or int(mi) > 59)):
        return None
    clock = None if h is None else f"{h}:{mi}"
    return Published(g.isoformat(), clock, "gregorian", value.strip(), None, None, "record")


def published_from_fars_link(url: str | None) -> Published | None:
    """Fars News ids encode the Jalali date: ``/news/13950404000869`` is 1395-04-04 and the old
    ``/news/8707060255`` (or ``?nn=8707060255``) is 1387-07-06."""
    if not url:
        return None
    m = _FARS_ID.search(url)
    if not m:
        return None
    digits = m.group("id")
    if len(digits) == 14:
        y, mo, d = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    else:
        y, mo, d = 1300 + int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    g = to_gregorian("jalali", y, mo, d)
    if g is None:
        return None
    return Published(g.isoformat(), None, "jalali", digits, None, None, "url")


# ---------------------------------------------------------------- relative dates


def find_relative(text: str, start: int = 0, end: int | None = None, *, lang: str | None = None) -> list[DateMention]:
    """Relative dates in ``text[start:end]``: today/yesterday words (offset_days) and weekdays (weekday,
    0 = Monday), with ``value=None`` until :func:`resolve`. Weekdays that are part of an explicit date
    (``الأحد ١٥ نوفمبر ٢٠٢٠``) are left to :func:`find_absolute`. The words are ``lang``'s (guessed when
    None, both languages' when there is no evidence)."""
    start, end = _region(text, start, end)
    lang = _language(text, start, end, lang)
    norm, fs, fe = _folded_region(text, start, end)
    folded = norm.text
    p = patterns(lang)
    v = vocabulary(lang)
    taken = [(m.start, m.end) for m in _find_absolute(text, start, end, lang)]
    out = []
    for m in _relative_hits(folded, fs, fe, p):
        word, wd = m.group("word"), m.group("wd1") or m.group("wd2")
        ks, ke = m.span("rel")
        if word is not None and not _relative_word_ok(folded, m, ks, p, v):
            continue
        if word is None and not (m.group("dayw") or m.group("part")):
            if p["weekday_not_after"].search(folded, max(0, ks - 20), ks):
                continue
        last = folded[ks:ke].rsplit(" ", 1)[-1]
        s, e = _to_text(text, norm, ks, ke, end, hamza=last in v["hamza_final"])
        if e < len(text) and text[e].isalpha():  # غداء (lunch) folds to غدا (tomorrow)
            continue
        if any(s < te and ts < e for ts, te in taken):
            continue
        offset = v["relative"][_canon(word)] if word is not None else None
        weekday = v["weekdays"][_canon(wd)] if wd is not None else None
        out.append(DateMention(s, e, text[s:e], "relative", None, "day", None, None, offset, weekday))
    return out


def _relative_hits(folded: str, fs: int, fe: int, p: dict[str, re.Pattern[str]]) -> Iterator[re.Match[str]]:
    """The relative-date pattern's matches in folded[fs:fe], scanning only around day words and weekdays."""
    for ws, we in _windows(folded, fs, fe, p["relative_anchor"], _RELATIVE_BEFORE, _RELATIVE_AFTER):
        yield from p["relative"].finditer(folded, ws, we)


def _relative_word_ok(folded: str, m: re.Match[str], ks: int, p: dict[str, re.Pattern[str]], v: dict[str, Any]) -> bool:
    key = _canon(m.group("word"))
    day_words = {_canon(match_key(w)) for w in v["lists"]["day_words"]}
    if any(key.startswith(w) for w in day_words) and p["count_before"].search(folded, max(0, ks - 20), ks):
        return False  # '۵ روز گذشته': the past five days, a duration
    prefixes = v["not_followed"].get(key)
    if prefixes and m.group("wd1") is None:
        after = m.end("word")
        if not p["followed_by_weekday"].match(folded, after):
            if any(folded.startswith(" " + pre, after) for pre in prefixes):
                return False  # 'اليوم الوطني': the national day
    return True


# ---------------------------------------------------------------- anchoring


def resolve(mentions: list[DateMention], published: datetime.date | str | None) -> list[DateMention]:
    """Give relative mentions (and day-month dates without a year) their ISO value from the publication date.

    An offset counts from the publication date; a weekday alone is the latest such day on or before it,
    with a 'past' modifier (گذشته, الماضي) strictly before, with 'last week' (هفته گذشته) in the week
    (Saturday to Friday) before the publication week, with 'next' (آینده, المقبل) strictly after. A
    yearless date takes the year that puts it nearest the publication date. Without a publication date,
    values stay None and weekday mentions get precision ``weekday``.
    """
    pub = _as_date(published)
    return [_resolve_one(m, pub) for m in mentions]


def _as_date(published: datetime.date | str | None) -> datetime.date | None:
    if published is None:
        return None
    if isinstance(published, datetime.datetime):
        return published.date()
    if isinstance(published, datetime.date):
        return published
    try:
        return datetime.date.fromisoformat(published[:10])
    except ValueError as exc:
        raise InvalidDate(f"publication date {published!r} is not an ISO date (YYYY-MM-DD)", value=published) from exc


def _resolve_one(m: DateMention, pub: datetime.date | None) -> DateMention:
    if m.kind == "absolute":
        if m.value is None and pub is not None and m.calendar:
            value = _anchor_yearless(m, pub)
            return m if value is None else _replace(m, value=value)
        return m
    if m.kind != "relative" or m.value is not None:
        return m
    if pub is None:
        return _replace(m, precision="weekday") if m.offset_days is None and m.weekday is not None else m
    if m.offset_days is not None:
        return _replace(m, value=(pub + datetime.timedelta(days=m.offset_days)).isoformat(), precision="day")
    if m.weekday is None:
        return m
    mod = patterns()["modifier_end"].search(match_key(m.text))
    kind = vocabulary()["modifiers"][_canon(mod.group("mod"))] if mod else None
    wd = m.weekday
    if kind == "next":
        day = pub + datetime.timedelta(days=(wd - pub.weekday()) % 7 or 7)
    elif kind == "last_week":
        week_start = pub - datetime.timedelta(days=(pub.weekday() - 5) % 7)  # Saturday
        day = week_start - datetime.timedelta(days=7 - (wd - 5) % 7)
    else:
        back = (pub.weekday() - wd) % 7
        day = pub - datetime.timedelta(days=back or (7 if kind == "past" else 0))
    return _replace(m, value=day.isoformat(), precision="day")


def _anchor_yearless(m: DateMention, pub: datetime.date) -> str | None:
    hit = patterns()["absolute"].search(match_key(m.text))
    if hit is None or not hit.group("m3"):
        return None
    calendar, month = _month(hit.group("m3"), vocabulary())
    day = int(hit.group("d3"))
    try:
        year = from_gregorian(calendar, pub)[0]
    except InvalidDate:
        return None
    options = [g for y in (year - 1, year, year + 1) if (g := to_gregorian(calendar, y, month, day))]
    if not options:
        return None
    return min(options, key=lambda g: abs((g - pub).days)).isoformat()


def _replace(m: DateMention, **changes: Any) -> DateMention:
    return dataclasses.replace(m, **changes)
