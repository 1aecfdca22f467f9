"""The catalogue of bad inputs: each input below with the outcome Rasad promises for it, through every way
in: the library (read_inputs, then the pipeline with its span check), `rasad extract` and `rasad ingest`.

An input that cannot be read is an InputError naming it (path, `#record`, `!member`) with the reason; the
command lines report it as `rasad: skipped SOURCE: reason`, go on with the rest, and exit 1 only when
something was skipped. Whatever comes out as an article passes the pipeline with every span on the
original. An ingest of the whole catalogue into a store loses nothing the store held.

Decoding alone is tested in test_decode.py and each reader's normal shapes in test_readers.py; this file
is the end-to-end catalogue.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import struct
import sys
import tracemalloc
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasad.cli import main
from rasad.dates import YEAR_RANGES
from rasad.doc import Article
from rasad.errors import BinaryInput, DecodeError, EmptyInput, InputError, MalformedRecord, TooLarge, UnsupportedInput
from rasad.ingest import readers
from rasad.ingest.readers import read_inputs
from rasad.pipeline import span_problems
from rasad.store import check, contents, ingest_paths

from conftest import EXAMPLES

HEADLINE = "ولایتی: جبهه مقاومت باید تقویت شود"
BODY = (
    "تهران - ایسنا - علی اکبر ولایتی مشاور رهبر معظم انقلاب در امور بین‌الملل روز ۲۵ مهر ۱۴۰۳ در دیدار با "
    "وزیر خارجه عراق گفت: «جبهه مقاومت باید تقویت شود و راهی جز همبستگی وجود ندارد.»"
)
ARABIC = "وقال وزير الخارجية إن التعاون بين البلدين مهم جدا في المرحلة المقبلة وإن الانسحاب خطوة كبيرة نحو الاستقرار."
GOOD = {"title": "عنوان خبر سالم", "content": "وزیر خارجه امروز با همتای عراقی خود دیدار و درباره مسائل منطقه گفتگو کرد."}
DEPTH = 10_000


def article_text(tag: str) -> str:
    """A small Persian article; ``tag`` makes it unique (the store tells articles apart by content)."""
    return f"{HEADLINE}\n\n{BODY}\n\nنسخه {tag}.\n"


def record(tag: str) -> dict:
    return {"title": f"{GOOD['title']} {tag}", "content": GOOD["content"]}


def jsonl(*lines: str) -> bytes:
    return "\n".join(lines).encode("utf-8")


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def damaged_zip(tag: str) -> bytes:
    """Three members; the deflate stream of the middle one is overwritten with junk."""
    data = bytearray(zip_bytes({
        "a.json": json.dumps(record(f"{tag}-a"), ensure_ascii=False).encode(),
        "b.json": json.dumps([record(f"{tag}-b{i}") for i in range(30)], ensure_ascii=False).encode(),
        "c.txt": article_text(f"{tag}-c").encode(),
    }))
    at = data.index(b"b.json") + len("b.json") + 10  # inside b.json's compressed data
    data[at : at + 16] = b"\xff" * 16
    return bytes(data)


def zip_with_unsupported_method(tag: str) -> bytes:
    """b.txt claims compression method 99 (AES), which the standard library cannot read."""
    data = bytearray(zip_bytes({"a.txt": article_text(f"{tag}-a").encode(), "b.txt": article_text(f"{tag}-b").encode()}))
    for signature, method_at, name_at in ((b"PK\x03\x04", 8, 30), (b"PK\x01\x02", 10, 46)):
        pos = data.find(signature)
        while pos >= 0:
            if data[pos + name_at : pos + name_at + 5] == b"b.txt":
                data[pos + method_at : pos + method_at + 2] = struct.pack("<H", 99)
            pos = data.find(signature, pos + 4)
    return bytes(data)


def damaged_lzma_zip(tag: str) -> bytes:
    """Two LZMA members; the second one's stream is overwritten with zeros (lzma raises LZMAError)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_LZMA) as z:
        z.writestr("a.txt", article_text(f"{tag}-a").encode())
        z.writestr("b.txt", article_text(f"{tag}-b").encode() * 20)
    data = bytearray(buf.getvalue())
    at = data.index(b"b.txt") + len("b.txt") + 12
    data[at : at + 24] = bytes(24)
    return bytes(data)


def zip_needing_a_newer_version(tag: str) -> bytes:
    """A member whose central-directory entry asks for zip version 23.3 to extract (zipfile refuses the archive)."""
    data = bytearray(zip_bytes({"a.txt": article_text(tag).encode()}))
    at = data.index(b"PK\x01\x02")
    data[at + 6 : at + 8] = struct.pack("<H", 233)
    return bytes(data)


def write_big_text(path: Path, megabytes: int = 50, sparse: bool = False) -> None:
    """A ``megabytes`` MB text file, written in chunks (the test never holds it whole). ``sparse``: 1 MB of
    text, then the file is extended to its size without using the disk (the rest reads as NUL bytes)."""
    chunk = (BODY + "\n").encode("utf-8") * 200
    with path.open("wb") as fh:
        written = 0
        while written < (1 if sparse else megabytes) * 2**20:
            fh.write(chunk)
            written += len(chunk)
        fh.truncate(megabytes * 2**20)


# ------------------------------------------------------------------ the catalogue


@dataclass(frozen=True)
class Out:
    """One item the input must give: its source is the input's path + ``suffix``; ``error`` None is an article."""

    suffix: str = ""
    error: type[InputError] | None = None
    words: str = ""  # part of the reason


@dataclass(frozen=True)
class Case:
    name: str
    filename: str
    content: Callable[[Path], bytes | None]  # the bytes, or None when it writes the file itself
    outs: tuple[Out, ...]
    check: Callable[[Article], None] | None = None  # more promises about the articles that come out


def _no_date_outside_plausible_years(article: Article) -> None:
    """YEAR_RANGES (Jalali and Hijri 1300-1500, Gregorian 1900-2100) all fall in Gregorian 1880-2130."""
    assert YEAR_RANGES["gregorian"] == (1900, 2100)
    for m in article.dates:
        assert m.value is None or 1880 <= int(m.value[:4]) <= 2130, m
    assert article.published is None, article.published  # the dateline's year is 9999


def _esfand_31_is_no_date(article: Article) -> None:
    assert all("۳۱ اسفند" not in m.text and "۳۰ اسفند ۱۴۰۱" not in m.text for m in article.dates), article.dates
    assert article.published is None or article.published.date == "2023-03-20", article.published
    assert [m.value for m in article.dates if "۲۹ اسفند ۱۴۰۱" in m.text] == ["2023-03-20"]  # the real last day


def _headline_is_the_title(headline: str) -> Callable[[Article], None]:
    def check(article: Article) -> None:
        assert article.title == headline.strip()

    return check


def _original_is(text: str) -> Callable[[Article], None]:
    def check(article: Article) -> None:
        assert article.original == text

    return check


def _has_language(article: Article) -> None:
    assert article.language in ("fa", "ar"), article.language
    assert article.title


RLM_EVERYWHERE = "\u200f".join(article_text("rlm"))
ZERO_WIDTH_EVERYWHERE = "".join(c + "\u200b\u200c\u200d\ufeff\u2066\u2069" for c in article_text("zw"))
MIXED = (
    "Reuters — وزیر خارجه 外交部长 Министр الوزير العراقي فؤاد حسين 😀 said on 2024-10-16, ۲۵ مهر ۱۴۰۳.\n\n"
    f"{BODY} {ARABIC} Ελληνικά עברית हिन्दी\n"
)
ESFAND = (
    f"{HEADLINE}\n\nتاریخ انتشار: ۳۱ اسفند ۱۴۰۱ - ۱۲:۳۰\n\n"
    "وزیر گفت جلسه روز ۳۱ اسفند ۱۴۰۱ و ۳۰ اسفند ۱۴۰۱ برگزار نشد و روز ۲۹ اسفند ۱۴۰۱ برگزار شد.\n"
)
ABSURD = (
    f"{HEADLINE}\n\nتاریخ انتشار: ۱۲ مهر ۹۹۹۹ - ۱۲:۳۰\n\n"
    "وزیر از ۱ فروردین ۹۹۹۹ و ۱ فروردین ۰۰۰۰ و ١ محرم ٩٩٩٩ گفت؛ همچنین 0000-00-00 و 9999-12-31 و "
    "31 December 9999 و 1 January 0000 و ۰ مهر ۱۴۰۳ و ۹۹ مهر ۱۴۰۳ و 2024/13/45 و ۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹ ژانویه.\n"
)
CP1256 = f"{ARABIC}\n\n{ARABIC} (cp1256)\n"
UTF16 = article_text("utf16")

CASES = [
    # empty and invisible
    Case("empty", "empty.txt", lambda d: b"", (Out("", EmptyInput, "empty"),)),
    Case("whitespace-only", "blank.txt", lambda d: b" \n\t\r\n  \n", (Out("", EmptyInput, "empty"),)),
    Case("bom-only", "bom.txt", lambda d: codecs.BOM_UTF8 + b"  \n", (Out("", EmptyInput, "no text"),)),
    Case("joiners-and-marks-only", "marks.txt", lambda d: "\u200f\u200c \u00a0\n\u200b\ufeff\u200e\u202b\n".encode(), (Out("", EmptyInput, "no text"),)),
    # binary and bad encodings
    Case("binary-png", "image.txt", lambda d: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, (Out("", BinaryInput, "binary"),)),
    Case("binary-control-characters", "ctrl.txt", lambda d: b"\x01\x02\x03abc\x1b[0m" * 200, (Out("", BinaryInput, "control characters"),)),
    Case("binary-as-json", "data.json", lambda d: bytes(range(256)) * 4, (Out("", BinaryInput, "binary"),)),
    Case("high-bytes-not-any-encoding", "junk.txt", lambda d: bytes(range(128, 256)) * 20, (Out("", DecodeError, "not valid UTF-8"),)),
    Case("truncated-utf8", "cut.txt", lambda d: article_text("بریده").rstrip(".\n").encode()[:-1], (Out("", DecodeError, "cut short"),)),
    Case("invalid-utf8-in-the-middle", "latin.txt", lambda d: "café crème brûlée ".encode("latin-1") * 10, (Out("", DecodeError, "re-save the file as UTF-8"),)),
    Case("windows-1256", "old.txt", lambda d: CP1256.encode("cp1256"), (Out(),), _original_is(CP1256)),
    Case("utf16-with-bom", "utf16.txt", lambda d: UTF16.encode("utf-16"), (Out(),), _original_is(UTF16)),
    Case("utf16-be-without-bom", "utf16be.txt", lambda d: article_text("utf16be").encode("utf-16-be"), (Out(),), _original_is(article_text("utf16be"))),
    Case("windows-1256-json-lines", "old.jsonl", lambda d: json.dumps({"title": "عنوان الخبر", "content": ARABIC}, ensure_ascii=False).encode("cp1256"), (Out("#0"),)),
    # too large
    Case("text-50mb", "big.txt", lambda d: write_big_text(d / "big.txt", sparse=True), (Out("", TooLarge, "more than one article can be"),)),
    Case("html-over-the-page-limit", "big.html", lambda d: b"<html><body><article>" + b"<p>x</p>" * (readers.MAX_HTML_CHARS // 8 + 1) + b"</article></body></html>", (Out("", TooLarge, "limit for one HTML page"),)),
    Case(
        "json-lines-with-one-huge-record",
        "huge.jsonl",
        lambda d: jsonl(json.dumps(record("h0"), ensure_ascii=False), json.dumps({"title": "t", "content": "ب" * (readers.MAX_ARTICLE_CHARS + 1)}), json.dumps(record("h2"), ensure_ascii=False)),
        (Out("#0"), Out("#1", TooLarge, "limit for one article"), Out("#2")),
    ),
    # JSON Lines and JSON
    Case(
        "json-lines-broken-in-the-middle",
        "mixed.jsonl",
        lambda d: jsonl(json.dumps(record("j0"), ensure_ascii=False), "{broken", json.dumps(record("j2"), ensure_ascii=False), "", "[1, 2]", '{"title": {"nested": 1}, "content": "x"}', json.dumps(record("j6"), ensure_ascii=False)),
        (Out("#0"), Out("#1", MalformedRecord, "line 2 is not valid JSON"), Out("#2"), Out("#3", MalformedRecord, "JSON object, not list"), Out("#4", MalformedRecord, "wrong type"), Out("#5")),
    ),
    Case(
        "json-array-of-non-objects",
        "values.json",
        lambda d: json.dumps([1, "text", None, [], record("a4"), True, {"url": "http://x"}], ensure_ascii=False).encode(),
        (Out("#0", MalformedRecord, "not int"), Out("#1", MalformedRecord, "not str"), Out("#2", MalformedRecord, "not NoneType"), Out("#3", MalformedRecord, "not list"), Out("#4"), Out("#5", MalformedRecord, "not bool"), Out("#6", MalformedRecord, "no article text")),
    ),
    Case("json-empty-array", "none.json", lambda d: b"[]", (Out("", MalformedRecord, "empty list"),)),
    Case("json-nested-10000-deep", "deep.json", lambda d: ("[" * DEPTH + "]" * DEPTH).encode(), (Out("", MalformedRecord, "nested too deeply"),)),
    Case("json-object-nested-10000-deep", "deepobj.json", lambda d: ('{"a":' * DEPTH + "1" + "}" * DEPTH).encode(), (Out("", MalformedRecord, "nested too deeply"),)),
    Case(
        "json-lines-with-a-deep-line",
        "deep.jsonl",
        lambda d: jsonl(json.dumps(record("d0"), ensure_ascii=False), "[" * DEPTH + "]" * DEPTH, json.dumps(record("d2"), ensure_ascii=False)),
        (Out("#0"), Out("#1", MalformedRecord, "nested too deeply"), Out("#2")),
    ),
    Case(
        "json-lines-with-lone-surrogates",
        "surrogate.jsonl",
        lambda d: jsonl('{"title": "t\\ud800", "content": "x"}', json.dumps(record("u1"), ensure_ascii=False), '{"title": "t", "content": "x", "url": "http://x/\\udc80"}'),
        (Out("#0", DecodeError, "unpaired surrogate U+D800"), Out("#1"), Out("#2", DecodeError, "url field holds an unpaired surrogate")),
    ),
    Case("json-record-of-only-a-headline", "headline.json", lambda d: json.dumps({"title": "سرخط تنها: وزیر خارجه به بغداد رفت"}, ensure_ascii=False).encode(), (Out("#0"),), _headline_is_the_title("سرخط تنها: وزیر خارجه به بغداد رفت")),
    Case("json-record-of-only-blank-fields", "blankrec.json", lambda d: json.dumps({"title": " ", "abstract": "  ", "content": ["\u200f", ""]}).encode(), (Out("#0", MalformedRecord, "no article text"),)),
    # HTML
    Case("html-nested-10000-deep", "deep.html", lambda d: ("<html><body>" + "<div>" * DEPTH + f"<p>{BODY}</p>" + "</div>" * DEPTH + "</body></html>").encode(), (Out("", MalformedRecord, "nested more than 255"),)),
    Case("html-without-text", "script.html", lambda d: b"<html><head><title></title></head><body><script>var x = 1;</script><img src=a.png></body></html>", (Out("", MalformedRecord, "no main text"),)),
    # zip archives
    Case("zip-with-a-damaged-member", "day.zip", lambda d: damaged_zip("z"), (Out("!a.json#0"), Out("!b.json", InputError, "cannot read the archive member"), Out("!c.txt"))),
    Case("zip-with-an-unsupported-method", "aes.zip", lambda d: zip_with_unsupported_method("m"), (Out("!a.txt"), Out("!b.txt", InputError, "compression method"))),
    Case("zip-with-a-damaged-lzma-member", "lzma.zip", lambda d: damaged_lzma_zip("l"), (Out("!a.txt"), Out("!b.txt", InputError, "LZMAError"))),
    Case("zip-needing-a-newer-version", "new.zip", lambda d: zip_needing_a_newer_version("v"), (Out("", InputError, "zip file version"),)),
    Case("zip-that-is-not-one", "fake.zip", lambda d: b"PK\x03\x04 this is not really a zip archive" * 10, (Out("", InputError, "not a readable zip archive"),)),
    # text that reads but is hard
    Case("rtl-marks-everywhere", "rlm.txt", lambda d: RLM_EVERYWHERE.encode(), (Out(),), _original_is(RLM_EVERYWHERE)),
    Case("zero-width-characters-everywhere", "zw.txt", lambda d: ZERO_WIDTH_EVERYWHERE.encode(), (Out(),), _original_is(ZERO_WIDTH_EVERYWHERE)),
    Case("mixed-scripts", "mixed.txt", lambda d: MIXED.encode(), (Out(),), _has_language),
    Case("31-esfand-in-a-common-year", "esfand.txt", lambda d: ESFAND.encode(), (Out(),), _esfand_31_is_no_date),
    Case("absurd-years", "years.txt", lambda d: ABSURD.encode(), (Out(),), _no_date_outside_plausible_years),
    Case("only-a-headline", "headline.txt", lambda d: HEADLINE.encode(), (Out(),), _headline_is_the_title(HEADLINE)),
    Case("only-a-headline-arabic", "headline_ar.txt", lambda d: "وزير الخارجية: التعاون في مصلحة المنطقة\n".encode(), (Out(),), _headline_is_the_title("وزير الخارجية: التعاون في مصلحة المنطقة")),
    # paths
    Case("missing-file", "missing.txt", lambda d: None, (Out("", InputError, "no such file"),)),
    Case("empty-directory", "empty-dir", lambda d: (d / "empty-dir").mkdir() or None, (Out("", UnsupportedInput, "no readable files"),)),
]


def make(case: Case, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / case.filename
    data = case.content(folder)
    if data is not None:
        path.write_bytes(data)
    return path


def expected_sources(case: Case, path: Path) -> list[str]:
    return [f"{path}{o.suffix}" for o in case.outs]


# ------------------------------------------------------------------ the library


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_reliability_inputs_library_gives_articles_or_errors_naming_the_input(case, tmp_path, pipeline):
    path = make(case, tmp_path)
    items = list(read_inputs([str(path)]))
    assert [i.source for i in items] == expected_sources(case, path)
    for item, out in zip(items, case.outs):
        if out.error is not None:
            assert isinstance(item, out.error), f"{item!r} is not a {out.error.__name__}"
            assert out.words in item.reason and str(path) in str(item), str(item)
            continue
        assert isinstance(item, Article), f"{item}"
        article = pipeline(item)  # the span check is on: a span off the original raises
        assert span_problems(article) == []
        if case.check:
            case.check(article)


# ------------------------------------------------------------------ the command line


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_reliability_inputs_extract_reports_each_skip_and_exits_1_only_then(case, tmp_path, capsys):
    path = make(case, tmp_path / "in")
    out = tmp_path / "out.jsonl"
    code = main(["extract", str(path), "-q", "-o", str(out)])
    err = capsys.readouterr().err
    skipped = [o for o in case.outs if o.error is not None]
    assert code == (1 if skipped else 0), err
    lines = err.splitlines()
    for o in skipped:
        assert any(line.startswith(f"rasad: skipped {path}{o.suffix}: ") and o.words in line for line in lines), (o, err)
    assert sum(line.startswith("rasad: skipped ") for line in lines) == len(skipped), err
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["source"] for r in records] == [f"{path}{o.suffix}" for o in case.outs if o.error is None]
    assert "Traceback" not in err


def test_reliability_inputs_stdin_is_read_like_a_file(monkeypatch, capsys, tmp_path):
    """`-`: JSON Lines sniffed from stdin, broken lines reported by number; binary stdin reported."""
    data = jsonl(json.dumps(record("s0"), ensure_ascii=False), "{broken", json.dumps(record("s2"), ensure_ascii=False))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    out = tmp_path / "o.jsonl"
    assert main(["extract", "-", "-q", "-o", str(out)]) == 1
    assert "rasad: skipped -#1: line 2 is not valid JSON" in capsys.readouterr().err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\x00\x01binary\x00" * 50)))
    assert main(["extract", "-", "-q", "-o", str(out)]) == 1
    assert "rasad: skipped -: the input holds NUL bytes" in capsys.readouterr().err


# ------------------------------------------------------------------ what the catalogue does to a store


def test_reliability_inputs_ingest_of_the_whole_catalogue_loses_nothing_stored(tmp_path, capsys):
    db = str(tmp_path / "store.db")
    assert ingest_paths(db, [str(EXAMPLES)]).skipped == []
    before = contents(db)
    paths, skipped, added = [], [], 0
    for i, case in enumerate(CASES):
        path = make(case, tmp_path / f"case-{i}")
        paths.append(str(path))
        skipped += [f"rasad: skipped {path}{o.suffix}: " for o in case.outs if o.error is not None]
        added += sum(o.error is None for o in case.outs)
    assert main(["ingest", *paths, "--db", db, "-q"]) == 1
    err = capsys.readouterr().err
    for prefix in skipped:
        assert prefix in err, prefix
    assert f"rasad: {added} articles added, 0 already stored, {len(skipped)} inputs skipped" in err
    after = contents(db)
    for table, rows in before.items():
        if table == "actors":  # an actor row can be filled in by a later article (its names); it stays
            assert {r[0] for r in rows} <= {r[0] for r in after[table]}
            continue
        assert set(rows) <= set(after[table]), f"rows of {table} were lost"
    assert len(after["articles"]) == len(before["articles"]) + added
    assert check(db) == []


# ------------------------------------------------------------------ the cases a table cannot hold


def test_reliability_inputs_unreadable_files_and_folders_are_reported(tmp_path, monkeypatch, capsys, pipeline):
    """A file that cannot be read and a sub-folder that cannot be listed are reported by path; the other
    files of the folder are read. (As root, permissions do not stop reading: the failures are injected.)"""
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "a.txt").write_text(article_text("a"), encoding="utf-8")
    secret = folder / "b.txt"
    secret.write_text(article_text("b"), encoding="utf-8")
    (folder / "locked" / "c.txt").write_text(article_text("c"), encoding="utf-8")
    (folder / "z.txt").write_text(article_text("z"), encoding="utf-8")
    secret.chmod(0)
    (folder / "locked").chmod(0)
    try:
        if os.geteuid() == 0:
            read_bytes, scandir = Path.read_bytes, os.scandir

            def refuse_file(self):
                if self == secret:
                    raise PermissionError(13, "Permission denied", str(self))
                return read_bytes(self)

            def refuse_folder(path="."):
                if Path(path) == folder / "locked":
                    raise PermissionError(13, "Permission denied", str(path))
                return scandir(path)

            monkeypatch.setattr(Path, "read_bytes", refuse_file)
            monkeypatch.setattr(os, "scandir", refuse_folder)
        items = list(read_inputs([str(folder)]))
        errors = {i.source: i.reason for i in items if isinstance(i, InputError)}
        assert errors == {str(folder / "locked"): "cannot read the directory: Permission denied", str(secret): "cannot read the file: Permission denied"}
        assert [i.source for i in items if isinstance(i, Article)] == [str(folder / "a.txt"), str(folder / "z.txt")]
        assert main(["extract", str(folder), "-q", "-o", str(tmp_path / "o.jsonl")]) == 1
        err = capsys.readouterr().err
        assert f"rasad: skipped {secret}: cannot read the file" in err and f"rasad: skipped {folder / 'locked'}: cannot read the directory" in err
    finally:
        (folder / "locked").chmod(0o755)
        secret.chmod(0o644)


def test_reliability_inputs_50mb_text_is_refused_from_its_size_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    write_big_text(big)
    tracemalloc.start()
    try:
        items = list(read_inputs([str(big)]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(items) == 1 and isinstance(items[0], TooLarge) and "52," in items[0].reason
    assert peak < 2**20  # bytes: the file was never read


def test_reliability_inputs_file_over_the_file_limit_is_refused_from_its_size(tmp_path):
    sparse = tmp_path / "huge.jsonl"
    with sparse.open("wb") as fh:  # a sparse file: its size, without the disk space
        fh.truncate(readers.MAX_FILE_BYTES + 1)
    [item] = read_inputs([str(sparse)])
    assert isinstance(item, TooLarge) and f"the limit is {readers.MAX_FILE_BYTES:,}" in item.reason


def test_reliability_inputs_zip_member_over_the_limit_is_refused_before_inflating(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 10_000)
    path = tmp_path / "bomb.zip"
    path.write_bytes(zip_bytes({"a.txt": article_text("a").encode(), "bomb.txt": b" " * 20_000 + article_text("b").encode()}))
    items = list(read_inputs([str(path)]))
    assert isinstance(items[0], Article) and items[0].source == f"{path}!a.txt"
    assert isinstance(items[1], TooLarge) and items[1].source == f"{path}!bomb.txt" and "uncompressed" in items[1].reason



# ------------------------------------------------------------------ text that is slow to read


def _windows_as_before(folded: str, fs: int, fe: int) -> list[tuple[int, int]]:
    """rasad.dates.find._digit_windows as it was: the next break searched again for every digit run."""
    from rasad.dates.find import _BREAK, _DIGITS, _WINDOW_AFTER, _WINDOW_BEFORE

    windows: list[tuple[int, int]] = []
    for m in _DIGITS.finditer(folded, fs, fe):
        ws = max(fs, m.start() - _WINDOW_BEFORE)
        we = m.end() + _WINDOW_AFTER
        if we >= fe:
            we = fe
        else:
            cut = _BREAK.search(folded, we, fe)
            we = cut.start() if cut else fe
        if windows and ws <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(we, windows[-1][1]))
        else:
            windows.append((ws, we))
    return windows


class CountingBreak:
    """Stands in for find._BREAK, adding up the characters its searches may scan."""

    def __init__(self, pattern):
        self.pattern, self.scanned = pattern, 0

    def search(self, text, pos, endpos):
        self.scanned += endpos - pos
        return self.pattern.search(text, pos, endpos)


@pytest.mark.parametrize("text", ["۱/" * 20_000, "۱۴۰۳-" * 8_000, "۱ " * 20_000, "x۱" * 20_000 + " " + "۲۵ مهر ۱۴۰۳", "متن بی عدد " * 2000])
def test_reliability_inputs_dates_scan_a_text_without_spaces_once(text, monkeypatch):
    """The date finder looked for the next space after every number again: quadratic on '۱/۱/۱/...' (a
    100,000-character line took 25 s). It now scans each character at most a few times."""
    from rasad.dates import find

    counting = CountingBreak(find._BREAK)
    monkeypatch.setattr(find, "_BREAK", counting)
    assert find._digit_windows(text, 0, len(text)) == _windows_as_before(text, 0, len(text))
    assert counting.scanned <= 2 * len(text) + 1000
    mentions = find.find_absolute(text)
    assert all(text[m.start : m.end] == m.text for m in mentions)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="۱۲3 \n/-ab", max_size=200), st.integers(0, 200), st.integers(0, 200))
def test_reliability_inputs_dates_windows_are_the_same_as_before_the_fix(text, a, b):
    from rasad.dates.find import _digit_windows

    fs, fe = sorted((min(a, len(text)), min(b, len(text))))
    assert _digit_windows(text, fs, fe) == _windows_as_before(text, fs, fe)


# ------------------------------------------------------------------ the HTTP API's way in (POST /api/extract)

DEEP_HTML = "<html><body>" + "<div>" * DEPTH + f"<p>{BODY}</p>" + "</div>" * DEPTH + "</body></html>"
API_CASES = [
    # name, request body, status, error code or a check of the record
    ("rtl-marks-everywhere", {"text": RLM_EVERYWHERE}, 200, None),
    ("zero-width-characters-everywhere", {"text": ZERO_WIDTH_EVERYWHERE}, 200, None),
    ("mixed-scripts", {"text": MIXED}, 200, None),
    ("31-esfand-in-a-common-year", {"text": ESFAND}, 200, lambda r: not any("۳۱ اسفند" in d["text"] for d in r["dates"])),
    ("absurd-years", {"text": ABSURD}, 200, lambda r: r["published"] is None),
    ("only-a-headline", {"text": HEADLINE}, 200, lambda r: r["title"] == HEADLINE),
    ("control-characters", {"text": "\x00\x01\x02 " + HEADLINE}, 200, None),
    ("empty", {"text": ""}, 422, "bad_article"),
    ("whitespace-only", {"text": " \n\t "}, 422, "bad_article"),
    ("lone-surrogate", '{"text": "وزیر گفت \\ud800 که"}', 422, "bad_article"),
    ("lone-surrogate-in-the-url", '{"text": "وزیر گفت", "url": "http://x/\\udc80"}', 422, "invalid_request"),
    ("html-nested-10000-deep", {"html": DEEP_HTML}, 422, "bad_article"),
    ("html-without-text", {"html": "<html><body><script>var x = 1;</script></body></html>"}, 422, "bad_article"),
    ("json-nested-10000-deep", "[" * DEPTH + "]" * DEPTH, 400, "bad_request"),
    ("over-the-body-limit", {"text": "ب" * 1_100_000}, 413, "payload_too_large"),
]


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    from fastapi.testclient import TestClient

    from rasad.api.app import create_app

    db = tmp_path_factory.mktemp("api") / "store.db"
    ingest_paths(str(db), [str(EXAMPLES)])
    with TestClient(create_app(db), raise_server_exceptions=False) as client:
        yield client


@pytest.mark.parametrize("name, body, status, expect", API_CASES, ids=[c[0] for c in API_CASES])
def test_reliability_inputs_api_extract_answers_each_bad_input_in_the_error_shape(api, name, body, status, expect):
    from rasad.eval.score import span_problems as record_span_problems

    content = body.encode("utf-8") if isinstance(body, str) else json.dumps(body, ensure_ascii=False).encode("utf-8")
    response = api.post("/api/extract", content=content, headers={"content-type": "application/json"})
    assert response.status_code == status, response.text[:500]
    answer = response.json()
    if status == 200:
        assert record_span_problems(answer) == []
        assert expect is None or expect(answer), answer
    else:
        assert set(answer) == {"error"} and answer["error"]["code"] == expect, answer
        assert len(answer["error"]["message"]) > 10
