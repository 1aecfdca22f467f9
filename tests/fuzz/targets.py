"""What the fuzz harnesses check, without atheris: the same functions run under Hypothesis in
tests/test_reliability_fuzz.py (always, briefly; longer where atheris cannot be installed).

- ``read_target(data)``: the first byte picks a reader (seeds.KINDS), the rest is the file. Every input
  gives Articles and InputErrors only (a bad input is reported, never raised), and every Article is
  whole: non-empty original within the size limit, its id its content hash, layout spans inside it.
- ``extract_target(data)``: mode byte 0: the rest is UTF-8 text (bad bytes replaced); any other mode:
  each following byte picks a piece (seeds.PIECES). The text is refused as an InputError (no text) or
  comes out of the whole pipeline, span check on, with every span on the original and a record that
  serialises.
"""

from __future__ import annotations

import json
from functools import cache

from seeds import KINDS, PIECES, extract_seeds, reader_seeds

import rasad
from rasad.doc import Article
from rasad.errors import InputError
from rasad.eval.score import span_problems
from rasad.ingest import readers
from rasad.serialize import to_dict


def read(data: bytes) -> list:
    """What read_inputs yields for a file of the kind the first byte picks (None: sniffed, as for stdin)."""
    kind = KINDS[data[0] % len(KINDS)]
    body = data[1:]
    if kind == "zip":
        return list(readers._read_zip(body, "fuzz.zip"))
    return list(readers._read_bytes(body, "fuzz", kind))


def read_target(data: bytes) -> None:
    if not data:
        return
    for item in read(data):
        if isinstance(item, InputError):
            assert item.source.startswith("fuzz") and item.reason, item
            continue
        assert isinstance(item, Article), type(item)
        assert item.original.strip() and len(item.original) <= readers.MAX_ARTICLE_CHARS
        assert item.id == readers.article_id(item.original)
        for name, (start, end) in item.record.get("_layout", {}).items():
            assert 0 <= start <= end <= len(item.original), (name, start, end)


@cache
def pipeline():
    return rasad.load_pipeline(check=True)


def text_of(data: bytes) -> str:
    if data[0] == 0:
        return data[1:].decode("utf-8", "replace")
    return "".join(PIECES[b % len(PIECES)] for b in data[1:])


def extract_target(data: bytes) -> None:
    if not data:
        return
    try:
        article = readers.from_text(text_of(data), "fuzz.txt")
    except InputError:
        return
    record = to_dict(pipeline()(article))  # check=True: a span off the original raises PipelineError
    assert span_problems(record) == [], span_problems(record)
    json.dumps(record, ensure_ascii=False)


def warm_up() -> None:
    """Run each target once on a seed: the stages import their modules on first use (atheris instruments
    what is imported while its import hook is on)."""
    read_target(reader_seeds()["html"])
    extract_target(extract_seeds()["persian"])
