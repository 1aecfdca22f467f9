"""Seed inputs for the fuzz harnesses (no atheris here: the tests import this module).

A harness given an empty corpus folder fills it with these, so every run starts from real shapes: the
example articles, records in both corpora's shapes, a zip, an HTML page, and each encoding we read.
"""

from __future__ import annotations

import codecs
import io
import json
import zipfile
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
KINDS = (None, "text", "html", "json", "jsonl", "zip")  # the first byte of a reader input picks one

PERSIAN = "ولایتی: جبهه مقاومت باید تقویت شود\n\nتهران - ایسنا - مشاور رهبر در امور بین‌الملل روز ۲۵ مهر ۱۴۰۳ گفت: «همکاری ادامه دارد».\n"
ARABIC = "وزير الخارجية: التعاون مستمر\n\nالرياض ١٥ نوفمبر ٢٠٢٠ (واس) - وقال الوزير إن الانسحاب خطوة كبيرة.\n"

# pieces glued by the extract harness: news text, furniture, dates, names, and the characters that
# break naive code (bidi marks, joiners, tatweel, presentation forms, diacritics)
PIECES = [
    "ولایتی:", "\n", "\n\n", " ", "مشاور رهبر معظم انقلاب در امور بین‌الملل گفت: ", "شمخانی", "علي شمخاني", "وزیر خارجه",
    "الوزير العراقي", "به گزارش ایسنا،", "انتهای پیام/", "/انتهى/", "کد خبر: ۴۲۳۷۳۸", "تاریخ انتشار: ۰۶ آبان ۱۳۹۹ - ۲۰:۰۰",
    "الأحد / ١٥ نوفمبر ٢٠٢٠ / ١٢:٤٣", "۳۱ اسفند ۱۴۰۰", "۳۰ اسفند ۱۴۰۳", "۱ فروردین ۹۹۹۹", "0000/00/00", "امروز", "دیروز",
    "يوم امس السبت", "«", "»", '"', ".", "،", ":", "/", "-", "\u200c", "\u200f", "\u200e", "\u200d", "\u200b", "\ufeff",
    "\u202b", "\u2067", "ـــ", "\u064e", "ﻻ", "ﺷ", "میکنند", "منطقهای", "طهران(إسنا) - ", "وقال ", "وأكد أن ", "گفت", "دیدار کرد",
    "با همتای عراقی خود", "فؤاد حسين", "https://www.farsnews.ir/news/13990806000123", "\t", "x", "0", "۹", "١", "12:30",
]


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def reader_seeds() -> dict[str, bytes]:
    """name -> fuzz input: a kind byte (index into KINDS) then the bytes of a file of that kind."""
    fars = {"title": "عنوان", "abstract": "خبرگزاری فارس: خلاصه.", "paragraphs": ["بند اول.", "بند دوم."], "link": "https://www.farsnews.ir/news/13950404000869"}
    saudi = {"source": "was", "url": "http://www.spa.gov.sa/1", "date_extracted": "2015-07-21 02:51:32", "title": "عنوان", "content": "نص الخبر."}
    records = json.dumps([fars, saudi], ensure_ascii=False).encode()
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in (fars, saudi)).encode()
    html = f"<html><head><title>عنوان</title></head><body><article><h1>عنوان</h1><p>{PERSIAN}</p><p>{ARABIC}</p></article></body></html>"
    seeds = {
        "text": bytes([1]) + PERSIAN.encode(),
        "text-bom": bytes([0]) + codecs.BOM_UTF8 + ARABIC.encode(),
        "utf16": bytes([1]) + PERSIAN.encode("utf-16-le"),
        "cp1256": bytes([1]) + "وقال الوزير إن الانسحاب خطوة كبيرة نحو الاستقرار في المنطقة.".encode("cp1256"),
        "html": bytes([2]) + html.encode(),
        "json": bytes([3]) + records,
        "jsonl": bytes([4]) + lines,
        "sniffed-jsonl": bytes([0]) + lines,
        "zip": bytes([5]) + _zip({"a.json": records, "b.txt": PERSIAN.encode(), "c.jsonl": lines}),
    }
    for path in sorted(EXAMPLES.glob("*")):
        kind = {".txt": 1, ".html": 2, ".jsonl": 4}.get(path.suffix)
        if kind is not None:
            seeds[f"example-{path.name}"] = bytes([kind]) + path.read_bytes()
    return seeds


def extract_seeds() -> dict[str, bytes]:
    """name -> fuzz input for the extract harness: mode byte 0 is text as UTF-8, any other picks pieces."""
    seeds = {"persian": b"\x00" + PERSIAN.encode(), "arabic": b"\x00" + ARABIC.encode(), "pieces": bytes(range(1, 64))}
    for path in sorted(EXAMPLES.glob("*.txt")):
        seeds[f"example-{path.name}"] = b"\x00" + path.read_bytes()[:4000]
    return seeds


def fill(folder: Path, seeds: dict[str, bytes]) -> None:
    """Write ``seeds`` into ``folder`` when it holds nothing yet."""
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        return
    for name, data in seeds.items():
        (folder / name).write_bytes(data)
