"""rasad.dates: calendars, explicit dates, datelines, record and link dates, relative dates, resolution.

Every table row is (input, expected); comments say which edge case a row guards.
"""

from __future__ import annotations

import datetime
import glob
import json
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasad.dates import (
    InvalidDate,
    check_date,
    find_absolute,
    find_published,
    find_relative,
    guess_language,
    month_to_gregorian,
    published_from_fars_link,
    published_from_record,
    resolve,
    to_gregorian,
)
from rasad.dates import find as find_module
from rasad.errors import DataFileError, UnsupportedInput

from conftest import CORPORA, SEEDS, need

# ---------------------------------------------------------------- calendars

CONVERSIONS = [
    (("jalali", 1399, 8, 6), "2020-10-27"),
    (("jalali", 1399, 12, 30), "2021-03-20"),  # 1399 is a leap year: 30 Esfand exists
    (("jalali", 1400, 12, 30), None),  # 1400 is not: 30 Esfand 1400 does not exist
    (("jalali", 1403, 12, 30), "2025-03-20"),  # leap
    (("jalali", 1404, 12, 30), None),  # common
    (("jalali", 1399, 12, 31), None),  # Esfand never has 31 days
    (("jalali", 1399, 7, 31), None),  # Mehr has 30 days
    (("jalali", 1399, 6, 31), "2020-09-21"),  # Shahrivar has 31
    (("jalali", 1299, 1, 1), None),  # before the plausible range 1300-1500
    (("jalali", 1501, 1, 1), None),
    (("jalali", 1399, 13, 1), None),
    (("gregorian", 2020, 2, 29), "2020-02-29"),
    (("gregorian", 2021, 2, 29), None),
    (("gregorian", 1899, 12, 31), None),  # range 1900-2100
    (("gregorian", 2101, 1, 1), None),
    (("hijri", 1442, 3, 3), "2020-10-20"),
    (("hijri", 1436, 10, 5), "2015-07-21"),
    (("hijri", 1442, 3, 30), None),  # Rabi al-Awwal 1442 has 29 days
    (("hijri", 1442, 2, 30), "2020-10-17"),  # Safar 1442 has 30
    (("hijri", 1342, 1, 1), None),  # inside 1300-1500 but before the Umm al-Qura tables (1343-)
    (("hijri", 1600, 1, 1), None),
    (("julian", 2020, 1, 1), None),  # unknown calendar
]


@pytest.mark.parametrize(("args", "expected"), CONVERSIONS)
def test_dates_to_gregorian(args, expected):
    got = to_gregorian(*args)
    assert (got.isoformat() if got else None) == expected


INVALID_MESSAGES = [
    (("jalali", 1400, 12, 30), "1400-12-30 does not exist"),
    (("gregorian", 2150, 1, 1), "outside the plausible news range 1900-2100"),
    (("hijri", 1442, 13, 1), "month 13 is not in 1-12"),
    (("persian", 1400, 1, 1), "use one of jalali, gregorian, hijri"),
]


@pytest.mark.parametrize(("args", "fragment"), INVALID_MESSAGES)
def test_dates_invalid_date_says_why(args, fragment):
    with pytest.raises(InvalidDate) as info:
        check_date(*args)
    assert fragment in str(info.value)
    assert info.value.value == args


MONTHS = [
    (("jalali", 1399, 8), "2020-11"),  # Aban 1399 = 22 Oct - 20 Nov: its 15th is in November
    (("gregorian", 2020, 11), "2020-11"),
    (("hijri", 1436, 9), "2015-07"),  # Ramadan 1436 = 18 Jun - 16 Jul 2015
    (("jalali", 1600, 1), None),
]


@pytest.mark.parametrize(("args", "expected"), MONTHS)
def test_dates_month_to_gregorian(args, expected):
    assert month_to_gregorian(*args) == expected


# ---------------------------------------------------------------- explicit dates

# text -> [(mention text, value, calendar, precision, time)]
ABSOLUTE = [
    # the forms of the brief
    ("۰۶ آبان ۱۳۹۹", [("۰۶ آبان ۱۳۹۹", "2020-10-27", "jalali", "day", None)]),
    ("۱۵ نوفمبر ۲۰۲۰", [("۱۵ نوفمبر ۲۰۲۰", "2020-11-15", "gregorian", "day", None)]),
    ("15 تشرين الثاني 2020", [("15 تشرين الثاني 2020", "2020-11-15", "gregorian", "day", None)]),
    ("27October 2020", [("27October 2020", "2020-10-27", "gregorian", "day", None)]),  # no space after the day
    ("27 October 2020", [("27 October 2020", "2020-10-27", "gregorian", "day", None)]),
    ("Oct 27, 2020", [("Oct 27, 2020", "2020-10-27", "gregorian", "day", None)]),
    ("۱۴۰۲-۵-۳۰", [("۱۴۰۲-۵-۳۰", "2023-08-21", "jalali", "day", None)]),
    ("1402/05/30", [("1402/05/30", "2023-08-21", "jalali", "day", None)]),
    ("2020-11-15", [("2020-11-15", "2020-11-15", "gregorian", "day", None)]),
    ("١٥/١١/٢٠٢٠", [("١٥/١١/٢٠٢٠", "2020-11-15", "gregorian", "day", None)]),  # dd/mm/yyyy
    ("3 ربيع الأول 1442 هـ", [("3 ربيع الأول 1442 هـ", "2020-10-20", "hijri", "day", None)]),
    ("الأحد ١٥ نوفمبر ٢٠٢٠", [("الأحد ١٥ نوفمبر ٢٠٢٠", "2020-11-15", "gregorian", "day", None)]),
    # month and year only
    ("در آبان ۱۳۹۹ گفت", [("آبان ۱۳۹۹", "2020-11", "jalali", "month", None)]),
    ("في نوفمبر 2020", [("نوفمبر 2020", "2020-11", "gregorian", "month", None)]),
    ("مهر ماه سال 1394", [("مهر ماه سال 1394", "2015-10", "jalali", "month", None)]),
    ("أكتوبر من عام 2009م", [("أكتوبر من عام 2009م", "2009-10", "gregorian", "month", None)]),
    ("October 2020", [("October 2020", "2020-10", "gregorian", "month", None)]),
    # clock times before and after
    ("۰۶ آبان ۱۳۹۹ - ۲۰:۰۰", [("۰۶ آبان ۱۳۹۹ - ۲۰:۰۰", "2020-10-27", "jalali", "day", "20:00")]),
    ("۱۲:۳۰ - ۱۴۰۲-۵-۳۰", [("۱۲:۳۰ - ۱۴۰۲-۵-۳۰", "2023-08-21", "jalali", "day", "12:30")]),
    ("ساعت ۱۰:۳۰ ۶ آبان ۱۳۹۹", [("ساعت ۱۰:۳۰ ۶ آبان ۱۳۹۹", "2020-10-27", "jalali", "day", "10:30")]),
    ("١٥ نوفمبر ٢٠٢٠ الساعة ٧:٠٦ مساءً", [("١٥ نوفمبر ٢٠٢٠ الساعة ٧:٠٦ مساءً", "2020-11-15", "gregorian", "day", "19:06")]),
    # digits mixed in one string; Arabic letters in Persian names and the reverse
    ("۱۵ نوفمبر 2020", [("۱۵ نوفمبر 2020", "2020-11-15", "gregorian", "day", None)]),
    ("١٥/11/۲۰۲۰", [("١٥/11/۲۰۲۰", "2020-11-15", "gregorian", "day", None)]),
    ("۶ دي ۱۳۹۹", [("۶ دي ۱۳۹۹", "2020-12-26", "jalali", "day", None)]),  # Arabic yeh in دی
    ("12 فروردين 1400", [("12 فروردين 1400", "2021-04-01", "jalali", "day", None)]),  # Arabic spelling
    ("۱ ژانویهٔ ۲۰۲۱", [("۱ ژانویهٔ ۲۰۲۱", "2021-01-01", "gregorian", "day", None)]),  # hamza above kept in span
    ("۵ آبان‌ماه ۱۳۹۹", [("۵ آبان‌ماه ۱۳۹۹", "2020-10-26", "jalali", "day", None)]),
    ("۱۲ ربیع‌الاول ۱۴۴۲", [("۱۲ ربیع‌الاول ۱۴۴۲", "2020-10-29", "hijri", "day", None)]),  # Persian Hijri form
    ("۱۲ ربیع الاول ۱۴۴۲", [("۱۲ ربیع الاول ۱۴۴۲", "2020-10-29", "hijri", "day", None)]),
    ("15 كانون الأول 2020", [("15 كانون الأول 2020", "2020-12-15", "gregorian", "day", None)]),
    ("1 آذار 2021", [("1 آذار 2021", "2021-03-01", "gregorian", "day", None)]),  # Levantine March, not Jalali آذر
    ("1 آذر 1399", [("1 آذر 1399", "2020-11-21", "jalali", "day", None)]),
    ("10 شوال 1436 ه", [("10 شوال 1436 ه", "2015-07-26", "hijri", "day", None)]),
    ("12/2/1436 هـ", [("12/2/1436 هـ", "2014-12-04", "hijri", "day", None)]),  # era marker decides
    ("1399/8/6 ه.ش", [("1399/8/6 ه.ش", "2020-10-27", "jalali", "day", None)]),
    ("05/30/2020", [("05/30/2020", "2020-05-30", "gregorian", "day", None)]),  # month first when day > 12
    # a weekday that disagrees with the date stays in the span; the numbers win
    ("پنجشنبه ۲۳ اسفند ۱۴۰۲ - ۱۲:۱۵", [("پنجشنبه ۲۳ اسفند ۱۴۰۲ - ۱۲:۱۵", "2024-03-13", "jalali", "day", "12:15")]),
    # a day and month without a year: found, anchored later by resolve
    ("روز ۶ آبان‌ماه", [("۶ آبان‌ماه", None, "jalali", "day", None)]),
    # two dates, the time goes to the first
    (
        "۰۶ آبان ۱۳۹۹ - ۲۰:۰۰ - 27October 2020",
        [
            ("۰۶ آبان ۱۳۹۹ - ۲۰:۰۰", "2020-10-27", "jalali", "day", "20:00"),
            ("27October 2020", "2020-10-27", "gregorian", "day", None),
        ],
    ),
    # rejected: dates that do not exist, absurd years, numbers that only look like dates
    ("۳۰ اسفند ۱۴۰۰", []),
    ("۳۱ اسفند ۱۳۹۹", []),
    ("۳۲ آبان ۱۳۹۹", []),
    ("15 نوفمبر 2222", []),
    ("۱۵ آبان ۱۸۹۹", []),  # a Jalali month with a Gregorian-looking year
    ("31/02/2020", []),
    ("2020-13-01", []),
    ("کد خبر: ۴۲۳۷۳۸", []),
    ("رمز الخبر: 99082516954", []),
    ("واتفاقيات المبادلة 1.1601%", []),
    ("تلفن 021-6612-3456", []),
    ("ساعت ۱۰:۳۰", []),
    ("مؤسس شركة «3 دي تشيف»", []),  # 3D, not 3 Dey: Jalali names need a year in Arabic text
    ("سرعت ۱۰ مه بود", []),  # مه (fog) is May only with a year
    ("۲ صفر", []),  # صفر (zero) is Safar only with a year
]


def _rows(mentions):
    return [(m.text, m.value, m.calendar, m.precision, m.time) for m in mentions]


@pytest.mark.parametrize(("text", "expected"), ABSOLUTE)
def test_dates_find_absolute(text, expected):
    assert _rows(find_absolute(text)) == expected


NUMERIC_CALENDAR = [
    # (text, lang) -> calendar: an unmarked 14xx year is Jalali in Persian and Hijri in Arabic
    (("1436/10/5", "fa"), ("jalali", "2057-12-25")),
    (("1436/10/5", "ar"), ("hijri", "2015-07-21")),
    (("جرت في 1436/10/5 في المدينة", None), ("hijri", "2015-07-21")),  # ة: guessed Arabic
    (("گزارش 1399/8/6 چاپ شد", None), ("jalali", "2020-10-27")),  # گ چ: guessed Persian
    (("2020/11/15", "ar"), ("gregorian", "2020-11-15")),
]


@pytest.mark.parametrize(("args", "expected"), NUMERIC_CALENDAR)
def test_dates_numeric_calendar_by_language(args, expected):
    text, lang = args
    (m,) = find_absolute(text, lang=lang)
    assert (m.calendar, m.value) == expected


def test_dates_unknown_language_is_refused():
    with pytest.raises(UnsupportedInput, match="use one of fa, ar"):
        find_absolute("1399/8/6", lang="en")


LANGUAGES = [
    ("گزارش خبرگزاری", "fa"),
    ("قالت الوزارة في بيان", "ar"),
    ("شمخانی: الانسحاب الکامل للقوات الأمریکیة من أهم مکونات", "ar"),  # Arabic typed on a Persian keyboard
    ("۱۴۰۲/۰۵/۳۰", None),
]


@pytest.mark.parametrize(("text", "expected"), LANGUAGES)
def test_dates_guess_language(text, expected):
    assert guess_language(text) == expected


def test_dates_region_offsets_point_into_the_whole_text():
    text = "۱ آذر ۱۳۹۹\nخبر: ۰۶ آبان ۱۳۹۹ و ۱۵ نوفمبر ۲۰۲۰\nپایان ۲ دی ۱۳۹۹"
    start = text.index("خبر")
    end = text.index("\nپایان")
    found = find_absolute(text, start, end)
    assert [m.text for m in found] == ["۰۶ آبان ۱۳۹۹", "۱۵ نوفمبر ۲۰۲۰"]
    assert all(text[m.start : m.end] == m.text and start <= m.start and m.end <= end for m in found)


# ---------------------------------------------------------------- datelines

SEED_000_HEADER = (
    "ولایتی:\n\nملت عراق با همبستگی از یکپارچگی این کشور دفاع میکنند\n\n"
    "مشاور رهبر معظم انقلاب اسلامی در امور بینالملل گفت: مردم بزرگ عراق با همبستگی عمیق ملی از یکپارچگی عراق "
    "دفاع و دشمنان را مایوس خواهند کرد.\nکد خبر: ۴۲۳۷۳۸\nتاریخ انتشار: ۰۶ آبان ۱۳۹۹ - ۲۰:۰۰ - 27October 2020\n"
)
SEED_003_HEADER = (
    "• الأحد / ١٥ نوفمبر ٢٠٢٠ / ١٢:٤٣\n  • عنوان: السیاسة\n  • رمز الخبر: 99082516954\n  • Journalist : 71475\n"
)

# header -> (date, time, calendar, text) or None
DATELINES = [
    (SEED_000_HEADER, ("2020-10-27", "20:00", "jalali", "۰۶ آبان ۱۳۹۹ - ۲۰:۰۰ - 27October 2020")),
    (SEED_003_HEADER, ("2020-11-15", "12:43", "gregorian", "الأحد / ١٥ نوفمبر ٢٠٢٠ / ١٢:٤٣")),
    ("تیتر خبر\n۱۲:۳۰ - ۱۴۰۲-۵-۳۰\nمتن", ("2023-08-21", "12:30", "jalali", "۱۲:۳۰ - ۱۴۰۲-۵-۳۰")),
    # date and time on two lines
    ("تیتر\nپنجشنبه ۲۳ اسفند ۱۴۰۲\n۱۲:۱۵\nمتن خبر", ("2024-03-13", "12:15", "jalali", "پنجشنبه ۲۳ اسفند ۱۴۰۲\n۱۲:۱۵")),
    ("عنوان\n١٢:٤٣\nالأحد ١٥ نوفمبر ٢٠٢٠\nالنص", ("2020-11-15", "12:43", "gregorian", "١٢:٤٣\nالأحد ١٥ نوفمبر ٢٠٢٠")),
    # label forms
    ("عنوان\nکد خبر: ۱۲۳۴۵ تاریخ: ۱۴۰۲/۰۵/۳۰\nمتن", ("2023-08-21", None, "jalali", "۱۴۰۲/۰۵/۳۰")),
    ("العنوان\nتاريخ النشر: 15/11/2020\nالنص", ("2020-11-15", None, "gregorian", "15/11/2020")),
    ("تاریخ انتشار:\n۲۳ اسفند ۱۴۰۲\nمتن", ("2024-03-13", None, "jalali", "۲۳ اسفند ۱۴۰۲")),  # label on the line above
    ("پنجشنبه ۲۳ اسفند ۱۴۰۲ - ۱۲:۱۵", ("2024-03-13", "12:15", "jalali", "پنجشنبه ۲۳ اسفند ۱۴۰۲ - ۱۲:۱۵")),
    # the dateline wins over a date in the story sentence above it
    (
        "به گزارش ایسنا، این طرح در ۱۵ آبان ۱۳۹۸ در مجلس تصویب شده بود و اکنون به مرحله اجرا رسیده است و مردم منتظرند.\n"
        "تاریخ انتشار: ۰۶ آبان ۱۳۹۹ - ۲۰:۰۰",
        ("2020-10-27", "20:00", "jalali", "۰۶ آبان ۱۳۹۹ - ۲۰:۰۰"),
    ),
    # a publication date beats a later update on the line below
    (
        "تاریخ انتشار: ۰۶ آبان ۱۳۹۹ - ۲۰:۰۰\nآخرین بروزرسانی: ۰۷ آبان ۱۳۹۹ - ۰۹:۱۰",
        ("2020-10-27", "20:00", "jalali", "۰۶ آبان ۱۳۹۹ - ۲۰:۰۰"),
    ),
    # nothing dateline-like
    ("خبری بدون تاریخ\nمتن خبر", None),
    (
        "الجدير بالذكر أن هيئة سوق المال سمحت للمستثمرين الأجانب المؤهلين بالاستثمار في الأسهم المدرجة "
        "ابتداء من تاريخ 15 يونيو 2015م.",
        None,
    ),
    ("سطر اول\nسطر دوم\nسطر سوم\nسطر چهارم\nالأحد 10 شوال 1436\n3601100204", None),  # deep in a list
    ("تیتر\nدر آبان ۱۳۹۹", None),  # a month is no dateline
]


@pytest.mark.parametrize(("header", "expected"), DATELINES)
def test_dates_find_published(header, expected):
    got = find_published(header)
    if expected is None:
        assert got is None
        return
    assert (got.date, got.time, got.calendar, got.text) == expected
    assert got.source == "dateline"
    assert header[got.start : got.end] == got.text


def test_dates_find_published_stays_in_the_region():
    text = "تیتر\nتاریخ انتشار: ۰۶ آبان ۱۳۹۹ - ۲۰:۰۰\nمتن\nتاریخ: ۰۱ دی ۱۳۹۹ - ۱۰:۰۰"
    header_end = text.index("\nمتن")
    got = find_published(text, 0, header_end)
    assert got.date == "2020-10-27"
    assert find_published(text, header_end, header_end) is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("000_65e8fecf9260d5ee.txt", ("2020-10-27", "20:00", "۰۶ آبان ۱۳۹۹ - ۲۰:۰۰ - 27October 2020")),
        ("003_0bd37bd0e93c28d1.txt", ("2020-11-15", "12:43", "الأحد / ١٥ نوفمبر ٢٠٢٠ / ١٢:٤٣")),
        ("001_769beeb24f917cc1.txt", None),
        ("004_15d5ae8c3f58e76e.txt", None),
    ],
)
def test_dates_seed_datelines(name, expected):
    text = need(SEEDS / name).read_text(encoding="utf-8")
    header_end = sum(len(line) + 1 for line in text.split("\n")[:15])
    got = find_published(text, 0, min(header_end, len(text)))
    assert (None if got is None else (got.date, got.time, got.text)) == expected


# ---------------------------------------------------------------- record fields and links

RECORDS = [
    ("2015-07-21 02:51:32", ("2015-07-21", "02:51")),
    ("2015-07-21", ("2015-07-21", None)),
    ("2015-07-21T02:51:32Z", ("2015-07-21", "02:51")),
    ("2015-07-21T02:51:32.123+03:00", ("2015-07-21", "02:51")),
    (" 2015-07-21 ", ("2015-07-21", None)),
    ("2015-02-30", None),  # no such day
    ("2015-07-21 25:00:00", None),
    ("21/07/2015", None),  # not a record format
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("value", "expected"), RECORDS)
def test_dates_published_from_record(value, expected):
    got = published_from_record(value)
    assert (None if got is None else (got.date, got.time)) == expected
    if got is not None:
        assert (got.source, got.calendar, got.start, got.end) == ("record", "gregorian", None, None)


FARS_LINKS = [
    ("https://www.farsnews.ir/news/13950404000869/title", "2016-06-24"),  # 1395-04-04
    ("http://www.farsnews.com/newstext.php?nn=8707060255", "2008-09-27"),  # 1387-07-06, two-digit year
    ("https://www.farsnews.ir/news/8707060255", "2008-09-27"),
    ("https://www.farsnews.ir/news/13951330000869", None),  # month 13
    ("https://www.farsnews.ir/news/123", None),
    ("", None),
]


@pytest.mark.parametrize(("url", "expected"), FARS_LINKS)
def test_dates_published_from_fars_link(url, expected):
    got = published_from_fars_link(url)
    assert (None if got is None else got.date) == expected
    if got is not None:
        assert (got.source, got.calendar, got.time) == ("url", "jalali", None)


# ---------------------------------------------------------------- relative dates

# text -> [(mention text, offset_days, weekday)]
RELATIVE = [
    ("امروز با او دیدار کرد", [("امروز", 0, None)]),
    ("دیروز و پریروز و فردا", [("دیروز", -1, None), ("پریروز", -2, None), ("فردا", 1, None)]),
    ("بامداد امروز و صبح امروز", [("بامداد امروز", 0, None), ("صبح امروز", 0, None)]),
    ("امشب و دیشب", [("امشب", 0, None), ("دیشب", -1, None)]),
    ("روز گذشته اعلام شد", [("روز گذشته", -1, None)]),
    ("روز چهارشنبه با وزیر دیدار کرد", [("روز چهارشنبه", None, 2)]),
    ("چهارشنبه گذشته", [("چهارشنبه گذشته", None, 2)]),
    ("سه‌شنبه هفته گذشته", [("سه‌شنبه هفته گذشته", None, 1)]),
    (  # joined, ZWNJ, Arabic letters, space
        "یکشنبه، یک‌شنبه، يكشنبه و یک شنبه",
        [("یکشنبه", None, 6), ("یک‌شنبه", None, 6), ("يكشنبه", None, 6), ("یک شنبه", None, 6)],
    ),
    ("امروز چهارشنبه", [("امروز چهارشنبه", 0, 2)]),
    ("قال اليوم", [("اليوم", 0, None)]),
    ("وقال أمس وامس", [("أمس", -1, None), ("امس", -1, None)]),  # the و proclitic stays out of the span
    ("يوم امس السبت", [("يوم امس السبت", -1, 5)]),  # yesterday, the weekday confirms
    ("أمس الأول", [("أمس الأول", -2, None)]),
    ("أول من أمس", [("أول من أمس", -2, None)]),
    ("يوم الأربعاء", [("يوم الأربعاء", None, 2)]),
    ("الأربعاء الماضي", [("الأربعاء الماضي", None, 2)]),
    ("غدا وغداً", [("غدا", 1, None), ("غداً", 1, None)]),
    ("مساء اليوم", [("مساء اليوم", 0, None)]),
    ("صباح امس", [("صباح امس", -1, None)]),
    ("الليلة", [("الليلة", 0, None)]),
    ("الثلاثاء", [("الثلاثاء", None, 1)]),  # the final hamza belongs to the word
    ("اليوم الاثنين", [("اليوم الاثنين", 0, 0)]),
    ("حتى اليوم", [("اليوم", 0, None)]),  # 'until today': kept as today
    # false hits
    ("امروزه همه می‌دانند", []),
    ("روزنامه کیهان نوشت", []),
    ("امام جمعه تهران و نماز جمعه", []),
    ("در ۵ روز گذشته", []),  # a duration
    ("طی چند روز گذشته", []),
    ("بمناسبة اليوم الوطني", []),  # the national day
    ("في اليوم التالي", []),
    ("تناولوا الغداء معا وغداء العمل", []),  # lunch, not tomorrow
    ("صلاة الجمعة وخطبة الجمعة", []),
    ("أمسية شعرية", []),
    ("الأحد ١٥ نوفمبر ٢٠٢٠", []),  # the weekday belongs to the explicit date
    ("قالت الوزارة إن كل طالب يعمل فردا", []),  # Arabic فردا ('individually') is not Persian 'tomorrow'
]


def _rel(mentions):
    return [(m.text, m.offset_days, m.weekday) for m in mentions]


@pytest.mark.parametrize(("text", "expected"), RELATIVE)
def test_dates_find_relative(text, expected):
    found = find_relative(text)
    assert _rel(found) == expected
    assert all(m.kind == "relative" and m.value is None and m.precision == "day" for m in found)


_RELATIVE_PIECES = [t for t, _ in RELATIVE] + ["صبح", "عصر", "و", "في", "مساء", "۱۵", " ", "\n", "الله", "شنبه", "يوم"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_RELATIVE_PIECES), max_size=12), st.integers(0, 60))
def test_dates_relative_scan_around_day_words_finds_what_a_full_scan_finds(pieces, skip):
    """find_relative runs its pattern only in windows around day words and weekdays (for speed); the
    matches are those of the pattern run over the whole region."""
    text = find_module._fold(" ".join(pieces)).text  # the scan runs on the folded text
    fs, fe = min(skip, len(text)), len(text)
    for lang in ("fa", "ar", None):
        p = find_module.patterns(lang)
        whole = [m.span() for m in p["relative"].finditer(text, fs, fe)]
        windowed = [m.span() for m in find_module._relative_hits(text, fs, fe, p)]
        assert windowed == whole


def test_dates_relative_scan_around_day_words_on_every_example():
    text = find_module._fold("\n".join(t for t, _ in RELATIVE)).text
    for lang in ("fa", "ar"):
        p = find_module.patterns(lang)
        whole = [m.span() for m in p["relative"].finditer(text)]
        assert len(whole) > 20
        assert [m.span() for m in find_module._relative_hits(text, 0, len(text), p)] == whole


# (text, publication date) -> resolved values; 2020-11-15 is a Sunday
RESOLVE = [
    (("امروز", "2020-11-15"), ["2020-11-15"]),
    (("دیروز", "2020-11-15"), ["2020-11-14"]),
    (("أمس الأول", "2020-11-15"), ["2020-11-13"]),
    (("فردا", "2020-11-15"), ["2020-11-16"]),
    (("يوم امس السبت", "2020-11-15"), ["2020-11-14"]),
    (("روز یکشنبه", "2020-11-15"), ["2020-11-15"]),  # a weekday alone: on or before the publication date
    (("یکشنبه گذشته", "2020-11-15"), ["2020-11-08"]),  # with 'past': strictly before
    (("الأحد الماضي", "2020-11-15"), ["2020-11-08"]),
    (("روز چهارشنبه", "2020-11-15"), ["2020-11-11"]),
    (("سه‌شنبه هفته گذشته", "2020-11-15"), ["2020-11-10"]),  # in the Saturday-Friday week before
    (("سه‌شنبه هفته گذشته", "2020-11-20"), ["2020-11-10"]),  # a Friday: still the week before
    (("يوم الأحد المقبل", "2020-11-15"), ["2020-11-22"]),  # next: strictly after
    (("۶ آبان", "2020-11-01"), ["2020-10-27"]),  # a yearless date takes the nearest year
    (("۲۸ اسفند", "2021-03-25"), ["2021-03-18"]),  # ... across the Jalali new year
    (("۰۶ آبان ۱۳۹۹", "2024-01-01"), ["2020-10-27"]),  # explicit dates pass through
]


@pytest.mark.parametrize(("args", "expected"), RESOLVE)
def test_dates_resolve(args, expected):
    text, published = args
    mentions = find_absolute(text) + find_relative(text)
    assert [m.value for m in resolve(mentions, datetime.date.fromisoformat(published))] == expected


def test_dates_resolve_without_publication_date():
    mentions = find_relative("روز چهارشنبه و امروز") + find_absolute("۶ آبان")
    got = resolve(mentions, None)
    assert [(m.value, m.precision) for m in got] == [(None, "weekday"), (None, "day"), (None, "day")]


def test_dates_resolve_accepts_iso_strings_and_datetimes():
    (m,) = find_relative("دیروز")
    assert resolve([m], "2020-11-15")[0].value == "2020-11-14"
    assert resolve([m], datetime.datetime(2020, 11, 15, 23, 0))[0].value == "2020-11-14"
    with pytest.raises(InvalidDate, match="not an ISO date"):
        resolve([m], "15/11/2020")


# ---------------------------------------------------------------- the offset invariant


def _all_texts():
    yield from (t for t, _ in ABSOLUTE)
    yield from (t for t, _ in RELATIVE)
    yield from (t for t, _ in DATELINES)
    yield "\u200f۰۶\u200f آبان ۱۳۹۹ - ۲۰:۰۰ | غداً وغداءً | الثلاثاء، ١٥ نوفمبر ٢٠٢٠ • ١٢:٤٣"  # bidi marks, tanween


@pytest.mark.parametrize("text", list(_all_texts()))
def test_dates_offset_invariant(text):
    for prefix in ("", "x\nپیش‌متن "):
        full = prefix + text
        mentions = find_absolute(full) + find_relative(full)
        mentions += find_absolute(full, len(prefix)) + find_relative(full, len(prefix))
        for m in mentions:
            assert full[m.start : m.end] == m.text, m
        published = find_published(full)
        if published is not None:
            assert full[published.start : published.end] == published.text


# ---------------------------------------------------------------- the data files


def test_dates_data_conflict_is_reported(monkeypatch):
    real = find_module.read_data

    def fake(relpath):
        data = real(relpath)
        if relpath == "fa/dates.json":
            data["months"]["jalali"][0] = ["فروردین", "ژانویه"]  # also January
        return data

    monkeypatch.setattr(find_module, "read_data", fake)
    find_module.vocabulary.cache_clear()
    try:
        with pytest.raises(DataFileError, match="remove one spelling"):
            find_module.vocabulary()
    finally:
        find_module.vocabulary.cache_clear()


# ---------------------------------------------------------------- real corpora


def test_dates_fars_corpus_smoke():
    path = need(CORPORA / "news-fa-farsnews" / "farsnews.jsonl")
    found = links = 0
    with path.open(encoding="utf-8") as f:
        for _, line in zip(range(300), f):
            record = json.loads(line)
            text = "\n".join([record["title"], record["abstract"], *record["paragraphs"]])
            mentions = find_absolute(text) + find_relative(text)
            assert all(text[m.start : m.end] == m.text for m in mentions)
            found += len(mentions)
            links += published_from_fars_link(record["link"]) is not None
    assert links == 300
    assert found > 300


def test_dates_saudinewsnet_smoke():
    zips = sorted(glob.glob(str(need(CORPORA / "news-ar-saudinewsnet") / "*.zip")))
    with zipfile.ZipFile(zips[0]) as zf:
        articles = json.loads(zf.read(zf.namelist()[0]))
    hijri = 0
    for article in articles[:500]:
        text = article["content"] or ""
        assert published_from_record(article["date_extracted"]) is not None
        for m in find_absolute(text) + find_relative(text):
            assert text[m.start : m.end] == m.text
            hijri += m.calendar == "hijri"
        find_published(text, 0, min(len(text), 1500))
    assert hijri > 0
