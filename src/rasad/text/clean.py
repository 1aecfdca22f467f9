"""Boilerplate rules: site furniture recognised line by line from the pattern files.

The rules live in lang/{fa,ar,common}/boilerplate.json. Each pattern matches a WHOLE line after its
letters are folded like a match key, so one rule covers ي/ی, ك/ک and ZWNJ variants. Rules have a zone:
``header`` rules (section labels, bylines) apply only before the story, ``footer`` rules (most-read
lists) only after it, ``any`` rules everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rasad.errors import DataFileError
from rasad.text.chars import read_data
from rasad.text.keys import fold_pattern, match_key

LANGS = ("fa", "ar", "common")
INLINE_MARKER_TAIL = 40  # an inline end marker sits in the last characters of a line
_WHITESPACE = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace())
_LEADING_BULLETS = _WHITESPACE + "•·-–—*▪►◄|"
_TRAILING_BULLETS = _WHITESPACE + "•·|"


@dataclass(frozen=True, slots=True)
class Rule:
    reason: str
    zone: str
    regex: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Rules:
    rules: tuple[Rule, ...]
    end_marker: re.Pattern[str]
    inline_end_marker: re.Pattern[str]
    news_code_label: re.Pattern[str]
    report_cue: re.Pattern[str]


def _compile(patterns: list[str], where: str) -> re.Pattern[str]:
    folded = [fold_pattern(p) for p in patterns]
    try:
        return re.compile("(?:" + "|".join(f"(?:{p})" for p in folded) + ")", re.I)
    except re.error as exc:
        raise DataFileError(f"bad pattern in {where}: {exc}; fix the regular expression", value=patterns) from exc


@cache
def rules() -> Rules:
    """All languages' rules merged: a Persian page can carry Arabic furniture and the reverse."""
    by_reason: dict[tuple[str, str], list[str]] = {}
    ends: list[str] = []
    inline: list[str] = []
    codes: list[str] = []
    cues: list[str] = []
    for lang in LANGS:
        data = read_data(f"{lang}/boilerplate.json")
        ends += data["end_markers"]
        inline += data["inline_end_markers"]
        codes += data["news_code"]
        cues += data["report_cues"]
        for rule in data["rules"]:
            if rule["zone"] not in ("any", "header", "footer"):
                raise DataFileError(f"lang/{lang}/boilerplate.json: zone {rule['zone']!r} is not one of any, header, footer")
            by_reason.setdefault((rule["reason"], rule["zone"]), []).extend(rule["patterns"])
    compiled = tuple(
        Rule(reason, zone, _compile(pats, f"boilerplate rule {reason}")) for (reason, zone), pats in by_reason.items()
    )
    codes = sorted({match_key(c) for c in codes}, key=len, reverse=True)
    return Rules(
        rules=compiled,
        end_marker=_compile(ends, "end_markers"),
        inline_end_marker=_compile(inline, "inline_end_markers"),
        news_code_label=re.compile(r"(?:" + "|".join(re.escape(c) for c in codes) + r")\s*[:：]\s*([0-9]{3,20})\b", re.I),
        report_cue=_compile(cues, "report_cues") if cues else re.compile(r"(?!x)x"),
    )


def strip_bullets(key: str) -> str:
    """A line's key without list bullets and separators around it."""
    return key.lstrip(_LEADING_BULLETS).rstrip(_TRAILING_BULLETS)


def furniture_reason(key: str, zone: str) -> str | None:
    """The reason a whole line is furniture in ``zone`` (header, body or footer), or None."""
    bare = strip_bullets(key)
    if not bare:
        return "empty"
    for rule in rules().rules:
        if rule.zone != "any" and rule.zone != zone:
            continue
        if rule.regex.fullmatch(bare):
            return rule.reason
    return None


def is_end_marker(key: str) -> bool:
    return rules().end_marker.fullmatch(strip_bullets(key)) is not None


def inline_end_marker(key: str) -> re.Match[str] | None:
    """An end-of-message marker closing a line of story text ('... خواهد شد. انتهای پیام/')."""
    return rules().inline_end_marker.search(key, max(0, len(key) - INLINE_MARKER_TAIL))


def news_code(key: str) -> re.Match[str] | None:
    """'کد خبر: ۴۲۳۷۳۸' / 'رمز الخبر: 99082516954' on a key line: group 1 is the code."""
    return rules().news_code_label.search(key)
