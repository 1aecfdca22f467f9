"""Bytes to text: UTF-8 (with or without BOM), UTF-16 and Windows-1256, or a clear error."""

from __future__ import annotations

import codecs
import re

from rasad.errors import BinaryInput, DecodeError, EmptyInput

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# a character that shows: not white space, not a format character (ZWNJ, ZWJ, bidi marks, BOM, soft hyphen)
_VISIBLE = re.compile(r"[^\s\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u067e\u0686\u0698\u06af\u06a9\u06cc]")
_HIGH_BYTES = re.compile(rb"[\x80-\xff]")
_NON_SPACE_BYTE = re.compile(rb"[^ \t\n\r\x0b\x0c]")


def decode(data: bytes, source: str) -> str:
    """Decode one input; raises EmptyInput, BinaryInput or DecodeError naming ``source``."""
    if not _NON_SPACE_BYTE.search(data):  # (not data.strip(): that copies the whole input)
        raise EmptyInput(source, "the input is empty (or only whitespace); give a file with article text")
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _checked(_strict(data[len(bom) :], codec, source), source)
    utf16 = _sniff_utf16(data)
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            text = ""
        if len(text) < 40 or any(ch in text for ch in " \n\t"):
            return _checked(_strict(data, utf16, source), source)
    if b"\x00" in data[:4096]:
        raise BinaryInput(source, "the input holds NUL bytes: it is a binary file, not text (expected UTF-8, UTF-16 or Windows-1256 text, HTML or JSON)")
    try:
        return _checked(data.decode("utf-8"), source)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if _HIGH_BYTES.search(data):
        try:
            text = data.decode("cp1256")
        except UnicodeDecodeError:
            text = ""
        letters = len(_ARABIC_LETTER.findall(text[:20000]))
        high = len(_HIGH_BYTES.findall(data[:20000]))
        if text and letters >= 0.6 * high:
            return _checked(text, source)
    if utf8_error.reason == "unexpected end of data" and utf8_error.end == len(data):
        raise DecodeError(source, f"the input ends inside a UTF-8 character (byte {utf8_error.start} of {len(data)}): it was cut short; give the whole file")
    raise DecodeError(
        source,
        f"not valid UTF-8 (byte {utf8_error.start}: {utf8_error.reason}) and not Windows-1256 Arabic-script text; "
        "re-save the file as UTF-8",
    )


def _strict(data: bytes, codec: str, source: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise DecodeError(source, f"invalid {codec.upper()} at byte {exc.start}: {exc.reason}") from exc


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: every other byte is zero for Latin text; for Arabic the high byte is 0x06."""
    head = data[:2000]
    if len(head) < 4 or len(head) % 2:
        head = head[: len(head) - len(head) % 2]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    score_le = sum(1 for b in odd if b in (0x00, 0x06, 0x20)) / len(odd)
    score_be = sum(1 for b in even if b in (0x00, 0x06, 0x20)) / len(even)
    zeros = head.count(0)
    if zeros == 0 and (score_le < 0.9 and score_be < 0.9):
        return None
    if score_le >= 0.9 and score_le > score_be:
        return "utf-16-le"
    if score_be >= 0.9:
        return "utf-16-be"
    return None


def has_text(text: str) -> bool:
    """Whether ``text`` holds a character that shows: white space, joiners and bidi marks alone are no text."""
    return _VISIBLE.search(text) is not None


def _checked(text: str, source: str) -> str:
    if not has_text(text):
        raise EmptyInput(source, "the input holds no text after decoding (only white space, joiners or direction marks)")
    sample = text[:20000]
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise BinaryInput(source, "the input is mostly control characters: a binary file, not text")
    return text
