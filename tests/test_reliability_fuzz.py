"""Properties over random input, and coverage-guided fuzzing of the readers and of extract.

- The normaliser, on any Arabic-script text (the whole block, presentation forms, bidi and zero-width
  characters, any other character): normalising twice changes nothing, and the offset map is monotone,
  in range and one entry per character (test_normalize.py checks the same on a small alphabet).
- The date finders on text glued from real month names, weekdays, eras, labels, digits in three scripts
  and noise: nothing raises, every span is ``text[start:end]`` inside the region asked for, every value
  is a real ISO date in the years news can name (test_dates.py checks fixed texts).
- Extract on records (headline, lead, paragraphs: the original is assembled): every span is on the
  original (test_properties.py checks plain text).
- atheris runs tests/fuzz/fuzz_readers.py and fuzz_extract.py for RASAD_FUZZ_SECONDS each (default 5;
  CI: 60) and fails on a crash, printing how to replay it. Where atheris is not installed, the same
  targets (tests/fuzz/targets.py) run under Hypothesis for a comparable number of inputs.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rasad.dates import find_absolute, find_published, find_relative, resolve
from rasad.dates.find import vocabulary
from rasad.ingest.readers import from_record
from rasad.pipeline import span_problems
from rasad.text.normalize import normalize

FUZZ = Path(__file__).resolve().parent / "fuzz"
sys.path.insert(0, str(FUZZ))
import seeds  # noqa: E402
import targets  # noqa: E402

FUZZ_SECONDS = int(os.environ.get("RASAD_FUZZ_SECONDS", "5"))
HAVE_ATHERIS = importlib.util.find_spec("atheris") is not None
SLOW = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# ------------------------------------------------------------------ the normaliser

ARABIC_BLOCK = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
PRESENTATION_FORMS = st.one_of(st.characters(min_codepoint=0xFB50, max_codepoint=0xFDFF), st.characters(min_codepoint=0xFE70, max_codepoint=0xFEFF))
INVISIBLE = st.sampled_from(list("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u061c\u00ad"))
SPACING = st.sampled_from(list(" \n\t\u00a0\u2009\u202f\u3000.,،؛:!?؟()[]«»\"'-ـ"))
WORDS = st.sampled_from(["می کنند", "میکنند", "نمی شود", "همکاری ها", "منطقه ای", "بینالملل", "آمریکاییها", "الأعلی", "فی", "علی", "ﻻ", "ﷲ", "ك", "ي", "ى", "ة", "۱۴۰۳", "١٤٤٥"])
ARABIC_SCRIPT_TEXT = st.lists(st.one_of(ARABIC_BLOCK, PRESENTATION_FORMS, INVISIBLE, SPACING, WORDS, st.characters()), max_size=80).map("".join)


@settings(max_examples=300, **SLOW)
@given(ARABIC_SCRIPT_TEXT, st.sampled_from(["fa", "ar", None]))
@example("\ufdfa \u200c\u200cها", "fa")
@example("ﻻ\u0640\u064b\u200f", "ar")
def test_reliability_normalize_twice_is_once_and_offsets_stay_on_the_original(text, lang):
    once = normalize(text, lang)
    offsets = once.offsets
    assert len(offsets) == len(once.text) + 1
    assert list(offsets) == sorted(offsets)
    assert all(0 <= o < len(text) for o in offsets[:-1]) and offsets[-1] <= len(text)
    if once.text:
        start, end = once.to_original(0, len(once.text))
        assert 0 <= start <= end <= len(text)
    assert normalize(once.text, lang).text == once.text


# ------------------------------------------------------------------ the date finders


def _date_pieces() -> list[str]:
    v = vocabulary()
    spelt = [w for group in v["spellings"].values() for w in group]
    listed = [w for group in v["lists"].values() for w in group]
    digits = ["۱", "۲", "۳", "۰", "۹", "١", "٢", "٣", "٠", "٩", "1", "2", "3", "0", "9", "۱۴۰۱", "۱۴۰۳", "١٤٤٥", "2024", "9999", "0000", "۳۱", "۳۰", "29", "12:30", "۲۳:۵۹"]
    glue = [" ", " ", " ", "/", "-", ".", "،", ":", "\n", "\u200c", "\u200f", "(", ")", "ـ", "\u064b"]
    return sorted(set(spelt + listed + digits + glue))


DATE_TEXT = st.lists(st.one_of(st.sampled_from(_date_pieces()), st.text(max_size=3)), max_size=30).map("".join)
PLAUSIBLE = (1880, 2130)  # Jalali and Hijri 1300-1500 and Gregorian 1900-2100, in Gregorian years


def _valid_value(value: str, precision: str) -> None:
    if precision == "day":
        year = dt.date.fromisoformat(value).year
    elif precision == "month":
        assert re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value), value
        year = int(value[:4])
    else:
        assert re.fullmatch(r"\d{4}", value), value
        year = int(value)
    assert PLAUSIBLE[0] <= year <= PLAUSIBLE[1], value


@settings(max_examples=400, **SLOW)
@given(DATE_TEXT, st.integers(0, 200), st.integers(0, 200), st.sampled_from(["fa", "ar", None]), st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)))
@example("۳۱ اسفند ۱۴۰۱ و ۳۰ اسفند ۱۴۰۳", 0, 200, "fa", dt.date(2024, 1, 1))
@example("۱ فروردین ۹۹۹۹ ١ محرم ٩٩٩٩ 31 December 9999 0000-00-00", 0, 200, None, dt.date(2024, 1, 1))
def test_reliability_dates_never_raise_and_every_span_and_value_is_sound(text, a, b, lang, anchor):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    mentions = find_absolute(text, start, end, lang=lang) + find_relative(text, start, end, lang=lang)
    for m in mentions:
        assert start <= m.start <= m.end <= end, (m, start, end)
        assert text[m.start : m.end] == m.text
        if m.value is not None:
            _valid_value(m.value, m.precision)
    for m in resolve(sorted(mentions, key=lambda m: m.start), anchor):
        assert text[m.start : m.end] == m.text
        if m.value is not None:
            _valid_value(m.value, "day" if m.precision in ("day", "weekday") else m.precision)
    published = find_published(text, start, end, lang=lang)
    if published is not None:
        assert start <= published.start <= published.end <= end
        assert text[published.start : published.end] == published.text
        _valid_value(published.date, "day")


# ------------------------------------------------------------------ extract on records

FIELD = st.lists(st.sampled_from(seeds.PIECES), max_size=12).map("".join)


@settings(max_examples=60, **SLOW)
@given(FIELD, FIELD, st.lists(FIELD, max_size=4), st.sampled_from([None, "2020-11-15", "۲۵ مهر ۱۴۰۳", "9999-99-99"]))
def test_reliability_extract_spans_point_into_the_original_assembled_from_a_record(title, lead, paragraphs, date):
    try:
        article = from_record({"title": title, "abstract": lead, "paragraphs": paragraphs, "date": date}, "prop.json#0")
    except Exception as exc:  # only the reader's own refusal (no text) is allowed
        assert type(exc).__name__ == "MalformedRecord" and "no article text" in str(exc)
        return
    for name, (s, e) in article.record["_layout"].items():
        assert article.original[s:e] == {"title": title, "lead": lead}[name]
    done = targets.pipeline()(article)
    assert span_problems(done) == []


# ------------------------------------------------------------------ coverage-guided fuzzing

HARNESSES = [("fuzz_readers.py", 20000), ("fuzz_extract.py", 4096)]


@pytest.mark.skipif(not HAVE_ATHERIS, reason="atheris is not installed (it ships wheels for CPython 3.11-3.13 on Linux x86-64); the Hypothesis runs of the same targets below stand in")
@pytest.mark.parametrize("harness, max_len", HARNESSES, ids=[h for h, _ in HARNESSES])
def test_reliability_fuzz_finds_no_crash(harness, max_len, tmp_path):
    corpus = Path(os.environ.get("RASAD_FUZZ_CORPUS", tmp_path / "corpus")) / harness.removesuffix(".py")
    command = [
        sys.executable, str(FUZZ / harness), str(corpus),
        f"-max_total_time={FUZZ_SECONDS}", f"-max_len={max_len}", "-timeout=60", "-rss_limit_mb=4096",
        f"-artifact_prefix={tmp_path}/", "-print_final_stats=1",
    ]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=FUZZ_SECONDS + 300)
    log = proc.stdout + proc.stderr
    found = sorted(tmp_path.glob("crash-*")) + sorted(tmp_path.glob("timeout-*")) + sorted(tmp_path.glob("oom-*"))
    replay = f"replay: .venv/bin/python tests/fuzz/{harness} {found[0]}" if found else ""
    assert proc.returncode == 0 and not found, f"{harness} failed (exit {proc.returncode}). {replay}\n{log[-6000:]}"
    runs = re.search(r"stat::number_of_executed_units:\s*(\d+)", log)
    assert runs and int(runs.group(1)) >= len(list(corpus.iterdir())), log[-3000:]  # it really ran


FALLBACK_EXAMPLES = 50 if HAVE_ATHERIS else max(50, FUZZ_SECONDS * 40)


@settings(max_examples=FALLBACK_EXAMPLES, **SLOW)
@given(st.one_of(st.binary(max_size=2000), st.sampled_from(sorted(seeds.reader_seeds().values())).map(bytearray).flatmap(
    lambda seed: st.lists(st.tuples(st.integers(0, max(0, len(seed) - 1)), st.integers(0, 255)), max_size=8).map(
        lambda edits: bytes(_edited(seed, edits))))))
def test_reliability_fuzz_readers_under_hypothesis(data):
    targets.read_target(data)


@settings(max_examples=max(20, FALLBACK_EXAMPLES // 3), **SLOW)
@given(st.one_of(st.text(min_size=1, max_size=600).map(lambda t: b"\x00" + t.encode("utf-8", "surrogatepass")), st.lists(st.integers(0, 255), min_size=5, max_size=80).map(lambda b: bytes([1, *b]))))
def test_reliability_fuzz_extract_under_hypothesis(data):
    targets.extract_target(data)


def _edited(seed: bytearray, edits: list[tuple[int, int]]) -> bytearray:
    out = bytearray(seed)
    for at, value in edits:
        if out:
            out[at % len(out)] = value
    return out
