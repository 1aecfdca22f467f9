"""Readers: paths, directories, stdin, HTML pages, JSON and JSON Lines records, zip archives.

``read_inputs`` yields one item per article: an :class:`Article` (only ``id``, ``source``, ``original``,
``record`` and ``url`` set) or an :class:`InputError` for an input that could not be read, so a batch
reports it and goes on. For records and HTML the ``original`` text is assembled from the record's
fields (headline, lead, paragraphs, blank lines between them) and every span points into that text.
"""

from __future__ import annotations

import hashlib
import io
import json
import lzma
import os
import re
import sys
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from rasad.doc import Article
from rasad.errors import DecodeError, InputError, MalformedRecord, TooLarge, UnsupportedInput
from rasad.ingest.decode import decode, has_text

TEXT_EXT = {".txt", ".text"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSON_EXT = {".json"}
JSONL_EXT = {".jsonl", ".ndjson"}
ZIP_EXT = {".zip"}
KNOWN_EXT = TEXT_EXT | HTML_EXT | JSON_EXT | JSONL_EXT | ZIP_EXT

MAX_FILE_BYTES = 256 * 1024 * 1024
# what reading a damaged zip raises: zipfile's own errors (an unsupported version or method is a
# NotImplementedError, an encrypted member a RuntimeError), and the decompressors' (zlib, bz2 -> OSError, lzma)
ZIP_ERRORS = (zipfile.BadZipFile, OSError, RuntimeError, EOFError, ValueError, zlib.error, lzma.LZMAError)
MAX_ARTICLE_CHARS = 1_000_000
MAX_HTML_CHARS = 5 * 1024 * 1024  # one page (rasad watch caps a fetched page at 5 MiB too)
HTML_MAX_DEPTH = 255  # libxml2's nesting limit: text deeper than this is dropped by the parser

TITLE_FIELDS = ("title", "headline")
LEAD_FIELDS = ("abstract", "lead", "summary", "description", "subtitle")
BODY_FIELDS = ("paragraphs", "content", "text", "body", "article")
URL_FIELDS = ("url", "link")
DATE_FIELDS = ("published", "date", "date_published", "pubdate", "date_extracted")
OUTLET_FIELDS = ("outlet", "source", "site")

Item = Article | InputError
TOO_DEEP = "the JSON is nested too deeply to read (a record is an object of text fields, not a deep tree)"


def article_id(original: str) -> str:
    """The content hash that identifies an article: 16 hex digits of SHA-256 of its original text."""
    return hashlib.sha256(original.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def read_inputs(paths: Iterable[str]) -> Iterator[Item]:
    for path in paths:
        if path == "-":
            yield from _read_bytes(sys.stdin.buffer.read(), "-", kind=None)
            continue
        p = Path(path)
        if p.is_dir():
            files, unreadable = _walk(p)
            yield from unreadable
            if not files and not unreadable:
                yield UnsupportedInput(path, f"the directory holds no readable files ({', '.join(sorted(KNOWN_EXT))})")
            for f in files:
                yield from _read_file(f, str(f))
        elif p.exists():
            yield from _read_file(p, path)
        else:
            yield InputError(path, "no such file or directory")


def _walk(root: Path) -> tuple[list[Path], list[InputError]]:
    """The article files under ``root`` (recursively, sorted), and an error for each folder that could not
    be listed (Path.rglob would skip it without a word)."""
    unreadable: list[InputError] = []

    def failed(exc: OSError) -> None:
        unreadable.append(InputError(str(exc.filename or root), f"cannot read the directory: {exc.strerror or exc}"))

    files = []
    for folder, _, names in os.walk(root, onerror=failed):
        for name in names:
            f = Path(folder, name)
            if not name.startswith(".") and f.suffix.lower() in KNOWN_EXT and f.is_file():
                files.append(f)
    return sorted(files), unreadable


def _read_file(p: Path, source: str) -> Iterator[Item]:
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            yield TooLarge(source, f"the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} (split it, or use JSON Lines)")
            return
        most = _most_bytes(_kind(p.suffix.lower()))
        if size > most:  # told from the size alone: the file is never read
            yield TooLarge(source, f"the file is {size:,} bytes, more than one article can be ({most:,} bytes); split it, or give JSON Lines")
            return
        data = p.read_bytes()
    except OSError as exc:
        yield InputError(source, f"cannot read the file: {exc.strerror or exc}")
        return
    ext = p.suffix.lower()
    if ext in ZIP_EXT:
        yield from _read_zip(data, source)
    else:
        yield from _read_bytes(data, source, kind=_kind(ext))


def _most_bytes(kind: str | None) -> int:
    """The largest file that can hold one article of this kind: 4 bytes a character at most (UTF-8, UTF-16)."""
    if kind == "text":
        return 4 * MAX_ARTICLE_CHARS
    if kind == "html":
        return 4 * MAX_HTML_CHARS
    return MAX_FILE_BYTES


def _kind(ext: str) -> str | None:
    if ext in TEXT_EXT:
        return "text"
    if ext in HTML_EXT:
        return "html"
    if ext in JSON_EXT:
        return "json"
    if ext in JSONL_EXT:
        return "jsonl"
    return None


def _read_zip(data: bytes, source: str) -> Iterator[Item]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = sorted(n for n in archive.namelist() if not n.endswith("/"))
    except ZIP_ERRORS as exc:
        yield InputError(source, f"not a readable zip archive: {exc}")
        return
    for name in names:
        member = f"{source}!{name}"
        kind = _kind(Path(name).suffix.lower())
        if kind is None:
            continue
        size = archive.getinfo(name).file_size
        if size > MAX_FILE_BYTES:  # checked before inflating: the reader never holds more than the limit
            yield TooLarge(member, f"the archive member is {size:,} bytes uncompressed; the limit is {MAX_FILE_BYTES:,}")
            continue
        try:
            data = archive.read(name)
        except ZIP_ERRORS as exc:  # corrupt data, bad CRC, unsupported method, encrypted member
            yield InputError(member, f"cannot read the archive member: {exc.__class__.__name__}: {exc}")
            continue
        yield from _read_bytes(data, member, kind=kind)


def _read_bytes(data: bytes, source: str, kind: str | None) -> Iterator[Item]:
    try:
        text = decode(data, source)
    except InputError as exc:
        yield exc
        return
    if kind is None:
        kind = _sniff(text)
    if kind == "json":
        yield from _read_json(text, source)
    elif kind == "jsonl":
        yield from _read_jsonl(text, source)
    elif kind == "html":
        yield _guard(lambda: from_html(text, source))
    else:
        yield _guard(lambda: from_text(text, source))


def _sniff(text: str) -> str:
    head = text.lstrip("\ufeff \t\r\n")[:200].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml", "<head", "<body", "<article", "<div", "<p>", "<meta")):
        return "html"
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        first_line = text.lstrip().split("\n", 1)[0]
        try:
            json.loads(first_line)
            return "jsonl"
        except (ValueError, RecursionError):
            return "json"
    return "text"


def _guard(make) -> Item:
    try:
        return make()
    except InputError as exc:
        return exc


def _read_json(text: str, source: str) -> Iterator[Item]:
    try:
        doc = json.loads(text)
    except ValueError as exc:
        yield MalformedRecord(source, f"invalid JSON at line {getattr(exc, 'lineno', '?')}, column {getattr(exc, 'colno', '?')}: {getattr(exc, 'msg', exc)}")
        return
    except RecursionError:
        yield MalformedRecord(source, TOO_DEEP)
        return
    records = doc if isinstance(doc, list) else [doc]
    if isinstance(doc, dict):
        for key in ("articles", "records", "items", "data"):
            if isinstance(doc.get(key), list):
                records = doc[key]
                break
    if not records:
        yield MalformedRecord(source, "the JSON holds an empty list: no records to read")
        return
    for i, rec in enumerate(records):
        yield _guard(lambda rec=rec, i=i: from_record(rec, f"{source}#{i}"))


def _read_jsonl(text: str, source: str) -> Iterator[Item]:
    index = 0
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}#{index}"
        index += 1
        try:
            rec = json.loads(line)
        except ValueError as exc:
            yield MalformedRecord(where, f"line {lineno} is not valid JSON ({getattr(exc, 'msg', exc)}); the other lines are read")
            continue
        except RecursionError:
            yield MalformedRecord(where, f"line {lineno}: {TOO_DEEP}; the other lines are read")
            continue
        yield _guard(lambda rec=rec, where=where: from_record(rec, where))


def _check_text(text: str, source: str) -> None:
    """One article's text: within the size limit, and valid Unicode."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise TooLarge(source, f"the article is {len(text):,} characters; the limit for one article is {MAX_ARTICLE_CHARS:,}")
    _check_unicode(text, source, "text")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_unicode(value: str | None, source: str, what: str) -> None:
    """Refuse a lone surrogate: JSON's \\ud800 escapes decode to one, and no UTF-8 output can hold it."""
    bad = _SURROGATE.search(value) if value else None
    if bad:
        raise DecodeError(
            source, f"the {what} holds an unpaired surrogate U+{ord(bad.group()):04X} at character {bad.start()}: it is not "
            "valid Unicode (a broken \\u escape in JSON?); fix or drop that character",
        )


def from_text(text: str, source: str, record: dict[str, Any] | None = None, url: str | None = None) -> Article:
    """An article from plain text (the text is kept as it is: it is the original)."""
    _check_text(text, source)
    _check_unicode(url, source, "url")
    if not text.strip():
        raise InputError(source, "the article has no text")
    record = record or {}
    return Article(id=article_id(text), source=source, original=text, record=record, url=url or record.get("url"))


def from_html(html: str, source: str) -> Article:
    """An article from an HTML page: main text and metadata by trafilatura."""
    import trafilatura

    if len(html) > MAX_HTML_CHARS:  # checked first: trafilatura takes minutes and gigabytes on tens of megabytes
        raise TooLarge(source, f"the page is {len(html):,} characters; the limit for one HTML page is {MAX_HTML_CHARS:,} (an article page is far smaller)")
    # trafilatura drops characters that are not printable, ZWNJ among them ("گفت‌وگو" -> "گفتوگو"):
    # carry ZWNJ/ZWJ through under printable stand-ins that the page does not use.
    swaps = [(c, p) for c, p in (("\u200c", "\ufffc"), ("\u200d", "\u2e42")) if c in html and p not in html]
    for char, stand_in in swaps:
        html = html.replace(char, stand_in)
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    except (ValueError, TypeError, RecursionError) as exc:
        raise MalformedRecord(source, f"the HTML could not be parsed: {exc.__class__.__name__}: {exc}") from exc
    data = doc.as_dict() if hasattr(doc, "as_dict") else doc
    for char, stand_in in swaps:
        for key in ("text", "title", "description"):
            if isinstance((data or {}).get(key), str):
                data[key] = data[key].replace(stand_in, char)
    if not data or not (data.get("text") or "").strip():
        if _too_deep(html):
            raise MalformedRecord(source, f"no main text found: the HTML is nested more than {HTML_MAX_DEPTH} elements deep, and the parser reads nothing deeper")
        raise MalformedRecord(source, "no main text found in the HTML page (is it an article page?)")
    body = data["text"]
    title = (data.get("title") or "").strip()
    if title and body.startswith(title):
        body = body[len(title) :].lstrip("\n")
    record = {"title": title, "paragraphs": body.split("\n"), "url": data.get("url"), "date": data.get("date"), "outlet": None}
    if data.get("description"):
        record["abstract"] = data["description"]
    return from_record(record, source, kind="html")


def _too_deep(html: str) -> bool:
    """Whether libxml2 stopped at its nesting limit (HTML_MAX_DEPTH) while parsing ``html``."""
    from lxml import etree
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser()
    try:
        lxml_html.document_fromstring(html, parser=parser)
    except (ValueError, etree.LxmlError):
        return False
    return any("Excessive depth" in e.message for e in parser.error_log)


def _first(rec: dict[str, Any], fields: tuple[str, ...]) -> Any:
    for f in fields:
        v = rec.get(f)
        if v not in (None, "", []):
            return v
    return None


def from_record(rec: Any, source: str, kind: str = "record") -> Article:
    """An article from a record: the Fars News shape (title, abstract, paragraphs, link), the SaudiNewsNet
    shape (title, content, date_extracted, url, source) or any record with a text field."""
    if not isinstance(rec, dict):
        raise MalformedRecord(source, f"a record must be a JSON object, not {type(rec).__name__}")
    try:
        title = _text_field(_first(rec, TITLE_FIELDS))
        lead = _text_field(_first(rec, LEAD_FIELDS))
        body_value = _first(rec, BODY_FIELDS)
        body = body_value if isinstance(body_value, list) else [body_value] if body_value is not None else []
        paragraphs = [_text_field(p) for p in body]
    except TypeError as exc:
        raise MalformedRecord(source, f"a text field holds the wrong type: {exc}") from exc
    paragraphs = [p for p in paragraphs if p.strip()]
    if not any(has_text(part) for part in (title, lead, *paragraphs)):
        fields = ", ".join(TITLE_FIELDS + BODY_FIELDS + LEAD_FIELDS)
        raise MalformedRecord(source, f"the record has no article text (looked for: {fields})")
    parts: list[str] = []
    layout: dict[str, tuple[int, int]] = {}
    pos = 0
    for name, value in (("title", title), ("lead", lead)):
        if value.strip():
            layout[name] = (pos, pos + len(value))
            parts.append(value)
            pos += len(value) + 2
    original = "\n\n".join(parts + paragraphs)
    _check_text(original, source)
    url = _first(rec, URL_FIELDS)
    date = _first(rec, DATE_FIELDS)
    outlet = _first(rec, OUTLET_FIELDS)
    for name, value in (("url", url), ("date", date), ("outlet", outlet)):
        _check_unicode(value if isinstance(value, str) else None, source, f"{name} field")
    record = {
        "kind": kind,
        "url": url if isinstance(url, str) else None,
        "date": date if isinstance(date, str) else None,
        "date_field": next((f for f in DATE_FIELDS if rec.get(f) == date), None) if date else None,
        "outlet": outlet if isinstance(outlet, str) else None,
        "_layout": layout,
    }
    return Article(id=article_id(original), source=source, original=original, record=record, url=record["url"])


def _text_field(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    raise TypeError(f"expected text, got {type(value).__name__}")
