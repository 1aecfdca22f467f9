"""Normalisation steps, each by a table of input -> expected output (edge cases commented)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasad.text import normalize as n
from rasad.text.offsets import identity

ZWNJ = "\u200c"


def run(step, text):
    out, offsets = step(text, identity(text))
    assert len(offsets) == len(out) + 1
    return out


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("بینالملل", "بین" + ZWNJ + "الملل"),  # from the word list
        ("میکنند", "می" + ZWNJ + "کنند"),  # verb prefix + verb form
        ("منطقهای", "منطقه" + ZWNJ + "ای"),  # -ای after heh
        ("بیتالمقدس", "بیت" + ZWNJ + "المقدس"),
        ("آمریکاییها", "آمریکایی" + ZWNJ + "ها"),  # plural after a joining letter
        ("توطئههای", "توطئه" + ZWNJ + "های"),
        ("نمیشد", "نمی" + ZWNJ + "شد"),
        ("انتهای", "انتهای"),  # a word in its own right: no wrong split
        ("راستای", "راستای"),
        ("ناامنی", "ناامنی"),  # not نا‌امنی
        ("کشورها", "کشورها"),  # ر does not join: no ZWNJ needed
        ("میز", "میز"),  # not می + ز
        ("میلیون", "میلیون"),
    ],
)
def test_normalize_repair_zwnj(raw, expected):
    assert run(n.repair_zwnj, raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("دفاع می کنند", "دفاع می" + ZWNJ + "کنند"),
        ("نمی شود", "نمی" + ZWNJ + "شود"),
        ("می خواهیم", "می" + ZWNJ + "خواهیم"),
        ("می توان", "می" + ZWNJ + "توان"),
        ("کمی زمان", "کمی زمان"),  # 'می' inside a word is not a prefix
    ],
)
def test_normalize_join_verb_prefix(raw, expected):
    assert run(n.join_verb_prefix, raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("همکاری ها", "همکاری" + ZWNJ + "ها"),
        ("منطقه ای", "منطقه" + ZWNJ + "ای"),
        ("کشور ها", "کشورها"),  # non-joining final letter: joined without ZWNJ
        ("ای کاش", "ای کاش"),  # a vocative, not a suffix
        ("این ها", "این" + ZWNJ + "ها"),
    ],
)
def test_normalize_join_suffixes(raw, expected):
    assert run(n.join_suffixes, raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("علي", "علی"),
        ("كشور", "کشور"),
        ("مصطفى", "مصطفی"),
        ("٤٥٦", "۴۵۶"),  # Arabic-Indic digits to Persian
        ("123", "123"),  # Latin digits stay
    ],
)
def test_normalize_unify_persian_letters(raw, expected):
    assert run(n.unify_persian_letters, raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("إلی", "إلى"),  # final ی: alef maqsura by the word list
        ("فی", "في"),  # final ی: yeh
        ("الأعلی", "الأعلى"),
        ("القومی", "القومي"),
        ("أمین", "أمین"),  # not final: left for unify_arabic_letters
    ],
)
def test_normalize_arabic_final_yeh(raw, expected):
    assert run(n.arabic_final_yeh, raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("مکونات", "مكونات"),
        ("أمین", "أمين"),
        ("۱۴۰۲", "١٤٠٢"),
    ],
)
def test_normalize_unify_arabic_letters(raw, expected):
    assert run(n.unify_arabic_letters, raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("مُحَمَّد", "محمد"),  # harakat
        ("الــعراق", "العراق"),  # tatweel
        ("\u200fسلام\u200e", "سلام"),  # bidi marks
    ],
)
def test_normalize_remove_diacritics(raw, expected):
    assert run(n.remove_diacritics, raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("ﻻ", "لا"),  # a ligature becomes two letters
        ("ﺷﻤﺨﺎﻧﻲ", "شمخاني"),
    ],
)
def test_normalize_unify_presentation_forms(raw, expected):
    assert run(n.unify_presentation_forms, raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("سلام   دنیا", "سلام دنیا"),
        ("گفت :", "گفت:"),
        ("« سلام »", "«سلام»"),
    ],
)
def test_normalize_tidy_spacing(raw, expected):
    assert run(n.tidy_spacing, raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("می" + ZWNJ + ZWNJ + "کنند", "می" + ZWNJ + "کنند"),
        ("کتاب" + ZWNJ + " ها", "کتاب ها"),  # beside a space
        (ZWNJ + "سلام", "سلام"),
    ],
)
def test_normalize_tidy_zwnj(raw, expected):
    assert run(n.tidy_zwnj, raw) == expected


def test_normalize_offsets_point_at_the_original():
    raw = "مردم  عراق از یکپارچگی دفاع میکنند و بینالملل"
    out = n.normalize(raw, "fa")
    for word in ("می\u200cکنند", "بین\u200cالملل", "عراق"):
        i = out.text.index(word)
        s, e = out.to_original(i, i + len(word))
        assert raw[s:e].replace(" ", "") == word.replace("\u200c", "").replace(" ", "")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("میکنندبینالملل ها ای يكى۱٤ \u200c\u064e\u0640ﻻ.:«»\n")), max_size=60), st.sampled_from(["fa", "ar", None]))
def test_normalize_is_idempotent_and_keeps_offsets(text, lang):
    once = n.normalize(text, lang)
    assert len(once.offsets) == len(once.text) + 1
    assert all(0 <= o <= len(text) for o in once.offsets)
    assert list(once.offsets) == sorted(once.offsets)
    assert n.normalize(once.text, lang).text == once.text
