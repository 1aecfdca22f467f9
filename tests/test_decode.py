"""Decoding inputs: encodings that must work, and inputs that must fail with a clear reason."""

from __future__ import annotations

import codecs

import pytest

from rasad.errors import BinaryInput, DecodeError, EmptyInput
from rasad.ingest.decode import decode

TEXT = "شمخانی گفت: امنیت منطقه مهم است.\nوأكد أن الانسحاب خطوة كبيرة."


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),  # no BOM: sniffed from the 0x06 high bytes
        TEXT.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be"],
)
def test_decode_accepts_unicode_encodings(data):
    assert decode(data, "x.txt") == TEXT


def test_decode_accepts_windows_1256():
    arabic = "وأكد أن الانسحاب خطوة كبيرة نحو الاستقرار في المنطقة."
    assert decode(arabic.encode("cp1256"), "old.txt") == arabic


@pytest.mark.parametrize(
    "data, error, words",
    [
        (b"", EmptyInput, "empty"),
        (b"   \n\t ", EmptyInput, "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), BinaryInput, "binary"),
        (TEXT.encode("utf-8")[:-1] + b"\xd8", DecodeError, "UTF-8"),  # truncated multi-byte sequence... in Latin-only bytes
    ],
    ids=["empty", "whitespace", "png", "truncated"],
)
def test_decode_rejects_with_a_reason(data, error, words):
    with pytest.raises(error) as info:
        decode(data, "bad.bin")
    message = str(info.value)
    assert "bad.bin" in message and words.lower() in message.lower()


def test_decode_rejects_latin1_garbage():
    with pytest.raises(DecodeError) as info:
        decode("café crème brûlée ".encode("latin-1") * 10, "menu.txt")
    assert "menu.txt" in str(info.value) and "UTF-8" in str(info.value)
