"""Headline, lead, story and removed furniture on articles built in the test."""

from __future__ import annotations

import rasad
from rasad.ingest.readers import from_text


def process(text):
    return rasad.load_pipeline(check=True)(from_text(text, "t.txt"))


GLUED = (
    "وزیر خارجه گفت: روابط دو کشور در مسیر درستی قرار دارد و گسترش خواهد یافت.\n\n"
    "همکاری دو کشور به نفع منطقه استبه گزارش خبرگزاری مهر، وزیر امور خارجه امروز با همتای خود دیدار و گفتگو کرد.\n\n"
    "وی افزود: ما از هرگونه همکاری برای امنیت منطقه حمایت میکنیم و این مسیر ادامه خواهد یافت.\n"
    "انتهای پیام/\n"
    "اخبار پیشنهادی\n"
    "آخرین اخبار\n"
)


def test_layout_splits_a_headline_glued_to_the_body():
    a = process(GLUED)
    assert a.title == "همکاری دو کشور به نفع منطقه است"
    assert a.lead.text.startswith("وزیر خارجه گفت")
    assert any(p.text.startswith("به گزارش خبرگزاری مهر") for p in a.paragraphs)
    assert "یکدیگرند" not in a.body and "استبه" not in a.body


def test_layout_removes_end_marker_and_everything_after():
    a = process(GLUED)
    reasons = {r.text: r.reason for r in a.removed}
    assert reasons["انتهای پیام/"] == "end-of-message"
    assert reasons["اخبار پیشنهادی"] == "latest-news"
    assert "آخرین اخبار" not in a.body


REPEATED = (
    "شمخاني: الانسحاب خطوة كبيرة نحو الاستقرار في المنطقة\n\n\n"
    "شمخانی: الانسحاب خطوة کبیرة نحو الاستقرار فی المنطقة\n\n"
    "أكد أمين المجلس الأعلى للأمن القومي علي شمخاني ان انسحاب القوات الأجنبية خطوة كبيرة نحو الاستقرار.\n\n"
    "/انتهى/\n\n"
    "الأكثر قراءة\n"
)


def test_layout_drops_the_headline_repeated_in_persian_letters():
    a = process(REPEATED)
    assert a.title.startswith("شمخاني:")
    assert [r.reason for r in a.removed][:1] == ["repeated-headline"]
    assert a.body.startswith("أكد أمين")


HEADER = (
    "• الأحد / ١٥ نوفمبر ٢٠٢٠ / ١٢:٤٣\n"
    "  • عنوان: السیاسة\n"
    "  • رمز الخبر: 99082516954\n"
    "  • Journalist : 71475\n\n"
    "عنوان الخبر هنا عن لقاء في طهران\n\n"
    "طهران(إسنا) - إستقبل أمین المجلس الأعلی للأمن القومی علی شمخانی وزیر الدفاع العراقی الذی یزور إیران حالیا.\n\n"
    "التعليقات\n\n"
    "You are replying to: .\n"
)


def test_layout_reads_header_metadata_lines():
    a = process(HEADER)
    reasons = [r.reason for r in a.removed]
    assert reasons[:4] == ["dateline", "section-label", "news-code", "byline"]
    assert a.news_code.text == "99082516954"
    assert a.title == "عنوان الخبر هنا عن لقاء في طهران"
    assert a.published.date == "2020-11-15" and a.published.time == "12:43"
    assert a.outlet.id == "isna"
    assert "You are replying" not in a.body and "التعليقات" not in a.body


def test_layout_short_link_line_gives_the_url():
    text = "تیتر خبر درباره دیدار دو وزیر\nسیاسی\nبزرگنمایی:\nپیام خوزستان - وزیر خارجه امروز با همتای خود دیدار کرد و دو طرف درباره مسائل منطقه گفتگو کردند.\nلینک کوتاه:\nhttps://example.ir/Fa/News/1/\n"
    a = process(text)
    assert a.url == "https://example.ir/Fa/News/1/"
    assert {r.reason for r in a.removed} == {"section-label", "widget", "short-link"}
    assert a.outlet.id == "payam_e_khuzestan"


def test_layout_every_removed_span_points_at_the_original():
    for text in (GLUED, REPEATED, HEADER):
        a = process(text)
        for r in a.removed:
            assert a.original[r.start : r.end] == r.text
