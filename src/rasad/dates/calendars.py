"""Calendars: Jalali (Solar Hijri), lunar Hijri (Umm al-Qura) and Gregorian, converted to Gregorian dates.

Every date Rasad reads goes through :func:`to_gregorian`, which answers ``None`` for a date that does not
exist (30 Esfand in a common year, 30 in a 29-day Hijri month) or whose year lies outside what news can
plausibly mention (:data:`YEAR_RANGES`). :func:`check_date` does the same work but raises
:class:`InvalidDate`, whose message says what was wrong, for callers that want the reason.

Jalali leap years follow jdatetime (the 33-year arithmetic rule: 1399 and 1403 are leap, 1400 and 1404 are
not). Hijri dates use hijridate's Umm al-Qura tables, which cover 1343-1500 AH; earlier years are rejected
with that reason.
"""

from __future__ import annotations

import datetime

import jdatetime
from hijridate import Gregorian, Hijri

from rasad.errors import RasadError

CALENDARS = ("jalali", "gregorian", "hijri")

# Years a news article can plausibly name, per calendar (inclusive).
YEAR_RANGES: dict[str, tuple[int, int]] = {
    "jalali": (1300, 1500),
    "gregorian": (1900, 2100),
    "hijri": (1300, 1500),
}

_MONTH_LENGTH_HINT = {
    "jalali": "months 1-6 have 31 days, 7-11 have 30, Esfand has 29 (30 in a leap year)",
    "gregorian": "see the Gregorian month lengths",
    "hijri": "Umm al-Qura months have 29 or 30 days",
}


class InvalidDate(RasadError):
    """A calendar date that does not exist or is outside the plausible news range; keeps the bad value."""

    code = "E500"


def check_date(calendar: str, year: int, month: int, day: int) -> datetime.date:
    """The Gregorian date of ``year-month-day`` in ``calendar``; raises :class:`InvalidDate` saying why not."""
    value = (calendar, year, month, day)
    if calendar not in YEAR_RANGES:
        raise InvalidDate(f"unknown calendar {calendar!r}; use one of {', '.join(CALENDARS)}", value=value)
    lo, hi = YEAR_RANGES[calendar]
    if not lo <= year <= hi:
        raise InvalidDate(
            f"{calendar} year {year} is outside the plausible news range {lo}-{hi}", value=value
        )
    if not 1 <= month <= 12:
        raise InvalidDate(f"month {month} is not in 1-12 ({calendar} {year}-{month}-{day})", value=value)
    try:
        if calendar == "jalali":
            return jdatetime.date(year, month, day).togregorian()
        if calendar == "hijri":
            return _hijri(year, month, day)
        return datetime.date(year, month, day)
    except (ValueError, OverflowError) as exc:
        raise InvalidDate(
            f"{calendar} {year}-{month:02d}-{day:02d} does not exist ({exc}; {_MONTH_LENGTH_HINT[calendar]})",
            value=value,
        ) from exc


def _hijri(year: int, month: int, day: int) -> datetime.date:
    g = Hijri(year, month, day).to_gregorian()
    return datetime.date(g.year, g.month, g.day)


def to_gregorian(calendar: str, year: int, month: int, day: int) -> datetime.date | None:
    """The Gregorian date, or None when the date is invalid or implausible (see :func:`check_date`)."""
    try:
        return check_date(calendar, year, month, day)
    except InvalidDate:
        return None


def is_valid(calendar: str, year: int, month: int, day: int) -> bool:
    return to_gregorian(calendar, year, month, day) is not None


def month_to_gregorian(calendar: str, year: int, month: int) -> str | None:
    """A month of any calendar as a Gregorian ``YYYY-MM``: the Gregorian month holding its 15th day.

    Jalali and Hijri months straddle two Gregorian months; the 15th lies in the one that shares most of it.
    """
    g = to_gregorian(calendar, year, month, 15)
    return None if g is None else f"{g.year:04d}-{g.month:02d}"


def from_gregorian(calendar: str, date: datetime.date) -> tuple[int, int, int]:
    """``(year, month, day)`` of a Gregorian date in ``calendar``."""
    if calendar == "jalali":
        j = jdatetime.date.fromgregorian(date=date)
        return j.year, j.month, j.day
    if calendar == "hijri":
        try:
            h = Gregorian(date.year, date.month, date.day).to_hijri()
        except (ValueError, OverflowError) as exc:
            raise InvalidDate(f"{date.isoformat()} is outside the Umm al-Qura tables ({exc})", value=date) from exc
        return h.year, h.month, h.day
    if calendar == "gregorian":
        return date.year, date.month, date.day
    raise InvalidDate(f"unknown calendar {calendar!r}; use one of {', '.join(CALENDARS)}", value=calendar)
