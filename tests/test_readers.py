"""Readers: every input kind, the two real corpora's shapes, and a batch that goes on past bad inputs."""

from __future__ import annotations

import io
import json
import zipfile

from rasad.doc import Article
from rasad.errors import InputError, MalformedRecord
from rasad.ingest.readers import from_record, read_inputs

from conftest import CORPORA, need

PERSIAN = "ولایتی: جبهه مقاومت باید تقویت شود\n\nمشاور رهبر گفت که جبهه مقاومت باید تقویت شود و راهی جز همبستگی وجود ندارد.\n"


def items(*paths):
    return list(read_inputs([str(p) for p in paths]))


def test_readers_text_file_keeps_the_original(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(PERSIAN, encoding="utf-8")
    [a] = items(f)
    assert isinstance(a, Article) and a.original == PERSIAN and a.source == str(f)


def test_readers_directory_is_recursive_and_sorted(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text(PERSIAN, encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text(PERSIAN + "x", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    got = items(tmp_path)
    assert [a.source.split("/")[-1] for a in got] == ["b.txt", "a.txt"]


def test_readers_fars_news_record_shape():
    rec = {"title": "عنوان", "abstract": "خبرگزاری فارس: خلاصه خبر.", "paragraphs": ["بند اول.", "بند دوم."], "link": "https://www.farsnews.ir/news/13950404000869"}
    a = from_record(rec, "fars.jsonl#0")
    assert a.original.startswith("عنوان\n\nخبرگزاری فارس")
    s, e = a.record["_layout"]["title"]
    assert a.original[s:e] == "عنوان"
    assert a.url == rec["link"]


def test_readers_saudinewsnet_record_shape():
    rec = {"source": "was", "url": "http://www.spa.gov.sa/1", "date_extracted": "2015-07-21 02:51:32", "title": "عنوان", "author": "", "content": "نص الخبر.\n\n نص آخر."}
    a = from_record(rec, "x.zip!2015-07-21.json#3")
    assert a.record["date"] == "2015-07-21 02:51:32" and a.record["date_field"] == "date_extracted"
    assert a.record["outlet"] == "was"


def test_readers_record_without_text_is_an_error():
    try:
        from_record({"title": "", "url": "http://x"}, "r.json#0")
    except MalformedRecord as exc:
        assert "r.json#0" in str(exc) and "no article text" in str(exc)
    else:
        raise AssertionError("expected MalformedRecord")


def test_readers_jsonl_with_broken_lines_keeps_the_good_ones(tmp_path):
    good = json.dumps({"title": "t", "content": "متن خبر اینجاست."}, ensure_ascii=False)
    f = tmp_path / "mixed.jsonl"
    f.write_text("\n".join([good, "{broken", good, '"a string"', good]), encoding="utf-8")
    got = items(f)
    assert [type(x).__name__ for x in got] == ["Article", "MalformedRecord", "Article", "MalformedRecord", "Article"]
    assert got[1].source.endswith("#1") and "line 2" in got[1].reason


def test_readers_json_array_and_zip(tmp_path):
    recs = [{"title": "a", "content": "نص أول."}, {"title": "b", "content": "نص ثان."}]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("day.json", json.dumps(recs, ensure_ascii=False))
    f = tmp_path / "day.zip"
    f.write_bytes(buf.getvalue())
    got = items(f)
    assert [a.source for a in got] == [f"{f}!day.json#0", f"{f}!day.json#1"]


def test_readers_html_page_main_text(tmp_path):
    body = "".join(f"<p>وأكد الوزير أن التعاون بين البلدين مهم جدا في المرحلة المقبلة رقم {i}.</p>" for i in range(5))
    html = f"<html><head><title>عنوان الخبر</title></head><body><nav>الرئيسية</nav><article><h1>عنوان الخبر</h1>{body}</article></body></html>"
    f = tmp_path / "page.html"
    f.write_text(html, encoding="utf-8")
    [a] = items(f)
    assert isinstance(a, Article)
    assert a.original.startswith("عنوان الخبر") and "الرئيسية" not in a.original


def test_readers_missing_and_binary_inputs_are_reported(tmp_path):
    bin_file = tmp_path / "image.txt"
    bin_file.write_bytes(b"\x00\x01\x02\x03" * 100)
    got = items(tmp_path / "nope.txt", bin_file)
    assert all(isinstance(x, InputError) for x in got)
    assert "no such file" in got[0].reason and "binary" in got[1].reason


def test_readers_load_the_real_corpora():
    fars = need(CORPORA / "news-fa-farsnews" / "farsnews.jsonl")
    got = items(fars)
    assert len(got) >= 1400 and all(isinstance(x, Article) for x in got)
    saudi = sorted((CORPORA / "news-ar-saudinewsnet").glob("*.zip"))[-1]
    got = items(saudi)
    ok = [x for x in got if isinstance(x, Article)]
    assert len(ok) > 1000 and ok[0].record["date"]


def test_readers_html_keeps_the_zero_width_non_joiner(tmp_path):
    para = "وزیر خارجه امروز با همتای خود دیدار و گفت\u200cوگو کرد و درباره نخست\u200cوزیر عراق سخن گفت."
    html = f"<html><head><title>گفت\u200cوگوی دو وزیر</title></head><body><article><h1>گفت\u200cوگوی دو وزیر</h1><p>{para}</p><p>{para}</p></article></body></html>"
    f = tmp_path / "zwnj.html"
    f.write_text(html, encoding="utf-8")
    [a] = items(f)
    assert "گفت\u200cوگو" in a.original and "نخست\u200cوزیر" in a.original
    assert "\ufffc" not in a.original
