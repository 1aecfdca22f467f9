"""Properties over random input: no exception escapes extract, and every span points at the original."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasad.eval.score import span_problems
from rasad.ingest.readers import from_text
from rasad.pipeline import Pipeline, span_problems as article_span_problems
from rasad.serialize import to_dict

PIPELINE = Pipeline()

# pieces of real news text, furniture, dates and noise, glued at random
PIECES = [
    "ولایتی:", "\n", "\n\n", " ", "مشاور رهبر معظم انقلاب در امور بینالملل گفت: ", "شمخانی", "شمخاني", "علي شمخاني",
    "امیر سرتیپ حاتمی", "وزیر دفاع عراق", "الوزير العراقي", "به گزارش ایسنا،", "انتهای پیام/341", "/انتهى/", "نظر شما",
    "کد خبر: ۴۲۳۷۳۸", "تاریخ انتشار: ۰۶ آبان ۱۳۹۹ - ۲۰:۰۰", "الأحد / ١٥ نوفمبر ٢٠٢٠ / ١٢:٤٣", "۳۱ اسفند ۱۴۰۰", "امروز", "يوم امس السبت",
    "«", "»", "\"", ".", "،", ":", "\u200c", "\u200f", "\u200e", "\u200d", "\ufeff", "ـــ", "\u064e", "ﻻ", "ﺷ", "میکنند", "منطقهای",
    "طهران(إسنا) - ", "پیام خوزستان - ", "You are replying to:", "https://example.ir/a/1", "\t", "x", "0", "9999", "1200",
]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40))
def test_properties_extract_keeps_every_span_on_the_original(pieces):
    text = "".join(pieces)
    if not text.strip():
        return
    article = PIPELINE(from_text(text, "prop.txt"))
    assert article_span_problems(article) == []
    assert span_problems(to_dict(article)) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=300))
def test_properties_extract_survives_any_unicode(text):
    if not text.strip():
        return
    article = PIPELINE(from_text(text, "noise.txt"))
    assert article_span_problems(article) == []
