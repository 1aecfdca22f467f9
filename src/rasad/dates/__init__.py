"""Dates: calendars (Jalali, lunar Hijri, Gregorian), explicit dates, datelines, relative dates."""

from rasad.dates.calendars import (
    CALENDARS,
    YEAR_RANGES,
    InvalidDate,
    check_date,
    from_gregorian,
    is_valid,
    month_to_gregorian,
    to_gregorian,
)
from rasad.dates.find import (
    guess_language,
    find_absolute,
    find_published,
    find_relative,
    published_from_fars_link,
    published_from_record,
    resolve,
)

__all__ = [
    "CALENDARS",
    "YEAR_RANGES",
    "InvalidDate",
    "check_date",
    "find_absolute",
    "find_published",
    "find_relative",
    "from_gregorian",
    "guess_language",
    "is_valid",
    "month_to_gregorian",
    "published_from_fars_link",
    "published_from_record",
    "resolve",
    "to_gregorian",
]
