"""Language identification: Persian, Arabic, or another language, per article and per paragraph.

Arabic-script text is decided by function words and script-specific letters counted on folded keys
(fast, and right for Arabic typed with Persian letters); other scripts go to lingua-language-detector,
on a sample, restricted to the languages in lang/common/langid.json.
"""

from __future__ import annotations

import re
from functools import cache

from rasad.text.chars import read_data, tables

_KEY_WORD = re.compile(r"[\u0600-\u06FF]+")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
_LATIN_ETC = re.compile(r"[^\W\d_\u0600-\u06FF]")
SAMPLE_CHARS = 4000


@cache
def _evidence() -> dict:
    data = read_data("common/langid.json")
    key = tables()["key"]
    words = {lang: frozenset(key(w) for w in ws) for lang, ws in data["function_words"].items()}
    letters = {lang: re.compile("[" + re.escape("".join(chars)) + "]") for lang, chars in data["letters"].items()}
    return {"words": words, "letters": letters, "lingua": data["lingua_languages"]}


@cache
def _lingua():
    from lingua import Language, LanguageDetectorBuilder

    langs = [getattr(Language, name) for name in _evidence()["lingua"]]
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


def detect(text: str, sample_chars: int = SAMPLE_CHARS, keyed: str | None = None) -> str:
    """An ISO 639-1 code (``fa``, ``ar``, ``en``...), ``ckb``/``ur`` for Kurdish/Urdu, or ``und``.
    Only the first ``sample_chars`` characters are read; ``keyed`` is the same text's match-key form
    when the caller already has it (it saves folding it again)."""
    sample = text[:sample_chars]
    if not _LATIN_ETC.search(sample):  # the usual case, decided without counting every letter
        arabic_script, other = (1 if _ARABIC_SCRIPT.search(sample) else 0), 0
    else:
        arabic_script = len(_ARABIC_SCRIPT.findall(sample))
        other = len(_LATIN_ETC.findall(sample))
    if arabic_script == 0 and other == 0:
        return "und"
    if arabic_script >= other:
        return _arabic_script_language(sample, keyed[:sample_chars] if keyed is not None else None)
    return _other_language(sample)


def _arabic_script_language(sample: str, keyed: str | None) -> str:
    ev = _evidence()
    letters = ev["letters"]
    counts = {lang: len(regex.findall(sample)) for lang, regex in letters.items()}
    fa_words, ar_words = ev["words"]["fa"], ev["words"]["ar"]
    fa = ar = 0
    if keyed is None:
        keyed = tables()["key"](sample).replace("\u200c", "")
    for k in _KEY_WORD.findall(keyed):
        if k in fa_words:
            fa += 1
        elif k in ar_words:
            ar += 1
        elif k.startswith("ال") and len(k) > 3:
            ar += 0.5
        elif k.startswith("وال") and len(k) > 4:
            ar += 0.5
    if counts["ckb"] > max(3, counts["fa"]) and counts["ckb"] > fa + ar:
        return "ckb"
    if counts["ur"] > 5 and counts["ur"] > counts["fa"] * 2:
        return "ur"
    fa += 0.5 * counts["fa"]
    ar += 0.2 * counts["ar"]
    if fa == ar == 0:
        return "und"
    return "fa" if fa >= ar else "ar"


def _other_language(sample: str) -> str:
    lang = _lingua().detect_language_of(sample[:1000])
    return lang.iso_code_639_1.name.lower() if lang else "und"
