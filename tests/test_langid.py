from __future__ import annotations

import pytest

from rasad.text.langid import detect


@pytest.mark.parametrize(
    "text, lang",
    [
        ("مشاور رهبر معظم انقلاب در امور بین الملل گفت که جبهه مقاومت باید تقویت شود.", "fa"),
        ("أكد أمين المجلس الأعلى للأمن القومي ان انسحاب القوات الأجنبية من العراق خطوة كبيرة.", "ar"),
        # Arabic typed with Persian letters (ی, ک) is still Arabic
        ("وأشار شمخانی فی هذا الاجتماع إلی التعاون الدفاعی والأمنی الجید بین إیران والعراق.", "ar"),
        # old Persian with Arabic ي and ك is still Persian
        ("رئيس اداره كل دفاتر خدمات بانكي گفت اين نرم افزار به زودي در تمام دفاتر كشور نصب خواهد شد.", "fa"),
        ("The minister said the talks would continue next week in Geneva.", "en"),
        ("", "und"),
        ("12345 67890", "und"),
    ],
)
def test_langid_detects(text, lang):
    assert detect(text) == lang
