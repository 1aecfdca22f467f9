"""Offset-preserving normalisation of Persian and Arabic text.

Each step is a named function ``step(text, offsets) -> (text, offsets)``; ``offsets`` maps every
character of the current text to the original one (see rasad.text.offsets). Steps that keep the length
use ``str.translate``; the others go through ``substitute``. The word lists are data files under
rasad/lang/ (see lang/fa/README.md).
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from functools import cache, lru_cache
from importlib import resources

from rasad.doc import Normalized
from rasad.text.chars import read_data, tables
from rasad.text.offsets import apply_edits, identity, substitute

ZWNJ = "\u200c"
Step = Callable[[str, list[int]], tuple[str, list[int]]]

_LETTERS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06ee\u06ef\u06fa-\u06fc"
_WORD = re.compile(f"[{_LETTERS}]+")
_LETTER = re.compile(f"[{_LETTERS}]")
# Python's regular expressions are fast when a pattern opens with a literal or a character class, and
# slow when it can start at every space (a lookbehind, an optional group, an alternation). The slow
# patterns below run only when a fast one has seen that they can match.
_MULTISPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f]{2,}|[\t\u00a0\u2000-\u200a\u202f]")
_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f]|  ")
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+(?=[.,،؛:!?؟)\]»])")
_PUNCT_AFTER_SPACE = re.compile(r"[.,،؛:!?؟)\]»](?<=[ \t].)")
_SPACE_AFTER_OPEN = re.compile(r"(?<=[(\[«])[ \t]+")
_OPEN_BEFORE_SPACE = re.compile(r"[(\[«][ \t]")
_DOUBLE_ZWNJ = re.compile(f"{ZWNJ}{{2,}}")
_STRAY_ZWNJ = re.compile(f"{ZWNJ}(?:(?<![{_LETTERS}]{ZWNJ})|(?![{_LETTERS}]))")
_ZWJ_ZWNJ_NON_PERSIAN = re.compile("[\u200c\u200d]")


# ---------------------------------------------------------------- shared steps


def unify_presentation_forms(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Arabic presentation forms (ﻻ, ﺷ, ﷲ...) to their letters; a ligature becomes several letters."""
    t = tables()
    if not t["forms_re"].search(text):
        return text, offsets
    return substitute(text, offsets, t["forms_re"], lambda m: t["forms"][m.group(0)])


def remove_diacritics(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Harakat, tatweel, superscript alef, Quranic marks and bidi controls are dropped."""
    return substitute(text, offsets, tables()["strip_re"], "")


def tidy_spacing(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """One space between words; none before closing punctuation or after an opening bracket."""
    if _ODD_SPACE.search(text):
        text, offsets = substitute(text, offsets, _MULTISPACE, " ")
    if _PUNCT_AFTER_SPACE.search(text):
        text, offsets = substitute(text, offsets, _SPACE_BEFORE_PUNCT, "")
    if _OPEN_BEFORE_SPACE.search(text):
        text, offsets = substitute(text, offsets, _SPACE_AFTER_OPEN, "")
    return text, offsets


# ---------------------------------------------------------------- Persian


@cache
def persian_lexicon() -> frozenset[str]:
    path = resources.files("rasad") / "lang" / "fa" / "words.txt.gz"
    with gzip.open(path.open("rb"), "rt", encoding="utf-8") as fh:  # type: ignore[arg-type]
        return frozenset(fh.read().split("\n")) - {""}


@cache
def _persian_data() -> dict:
    data = read_data("fa/normalize.json")
    words = persian_lexicon()
    joined = {}
    for w in words:
        if ZWNJ in w:
            bare = w.replace(ZWNJ, "")
            if bare not in words:
                joined[bare] = w
    stems = (resources.files("rasad") / "lang" / "fa" / "verbs.txt").read_text("utf-8").splitlines()
    forms: set[str] = set()
    for pair in stems:
        past, _, present = pair.strip().partition("#")
        for ending in data["verb_endings_past"]:
            if past:
                forms.add(past + ending)
        for ending in data["verb_endings_present"]:
            if present:
                forms.add(present + ending)
                if present[-1] in "اوآ":
                    forms.add(present + "ی" + ending)
    return {
        "words": words,
        "joined": joined,
        "verb_forms": frozenset(forms),
        "prefixes": tuple(sorted(data["verb_prefixes"], key=len, reverse=True)),
        "nominal_prefixes": tuple(data["nominal_prefixes"]),
        "plural": frozenset(data["plural_suffixes"]),
        "after_heh": frozenset(data["after_heh_suffixes"]),
        "degree": frozenset(data["degree_suffixes"]),
        "non_joining": frozenset(data["non_joining_letters"]),
        "keep": frozenset(data["keep_as_is"]),
        "suffixes": tuple(
            sorted(set(data["plural_suffixes"]) | set(data["after_heh_suffixes"]) | set(data["degree_suffixes"]), key=len, reverse=True)
        ),
    }


def persian_verb_forms() -> frozenset[str]:
    """hazm's verb stems, bare and with every personal ending (past and present)."""
    return _persian_data()["verb_forms"]


# the prefixes of a conjugated Persian verb: negative and continuous ('نمی', 'می'), subjunctive and negative
# ('ب', 'ن'); longest first
PERSIAN_VERB_PREFIXES = ("نمی", "می", "ب", "ن")


@cache
def persian_verb_endings() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The personal endings of a Persian past stem and of a present stem (``fa/normalize.json``)."""
    data = read_data("fa/normalize.json")
    return tuple(data["verb_endings_past"]), tuple(data["verb_endings_present"])


def unify_persian_letters(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Arabic ي ى ك ە to Persian ی ک ه, Arabic-Indic digits to Persian digits (same length)."""
    return tables()["persian"](text), offsets


def tidy_zwnj(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """A ZWNJ only between two letters: doubled ones collapse, ones beside spaces or punctuation go."""
    if ZWNJ + ZWNJ in text:
        text, offsets = substitute(text, offsets, _DOUBLE_ZWNJ, ZWNJ)
    return substitute(text, offsets, _STRAY_ZWNJ, "")


_SPACED_PREFIX = re.compile(f"می (?=([{_LETTERS}]+))")
_PREFIX_OPENERS = frozenset("«\"(")


def _word_starts_at(text: str, i: int) -> bool:
    return i == 0 or text[i - 1].isspace() or text[i - 1] in _PREFIX_OPENERS


def join_verb_prefix(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """'می کنند' and 'نمی شود' take a ZWNJ instead of the space when a verb form follows."""
    forms = _persian_data()["verb_forms"]
    edits = []
    for m in _SPACED_PREFIX.finditer(text):
        if m.group(1) not in forms:
            continue
        s = m.start()
        if s and text[s - 1] == "ن" and _word_starts_at(text, s - 1):
            edits.append((s - 1, m.end(), "نمی" + ZWNJ))
        elif _word_starts_at(text, s):
            edits.append((s, m.end(), "می" + ZWNJ))
    return apply_edits(text, offsets, edits)


_SPACED_SUFFIX = re.compile(r"(?<=[" + _LETTERS + r"]) (ها|های|هایی|هایش|هایشان|هایمان|هایتان|ای|ترین)(?![" + _LETTERS + r"])")


def join_suffixes(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """'همکاری ها' -> 'همکاری‌ها', 'منطقه ای' -> 'منطقه‌ای': a detached suffix joins its word with a ZWNJ."""
    if " ها" not in text and " ای" not in text and " ترین" not in text:
        return text, offsets
    d = _persian_data()
    edits = []
    for m in _SPACED_SUFFIX.finditer(text):
        end = m.start()
        start = end - 1
        while start and _LETTER.match(text, start - 1):
            start -= 1
        stem, suffix = text[start:end], m.group(1)
        if edits and start < edits[-1][1]:  # 'X ها ای': the stem is the previous edit's suffix
            continue
        if suffix == "ای" and not stem.endswith("ه"):
            continue
        if suffix == "ترین" and stem + ZWNJ + suffix not in d["words"] and stem + suffix not in d["words"]:
            continue
        if stem not in d["words"] and stem not in d["joined"]:
            continue
        glue = "" if stem[-1] in d["non_joining"] else ZWNJ
        edits.append((start, m.end(), stem + glue + suffix))
    return apply_edits(text, offsets, edits)


@lru_cache(maxsize=300_000)
def split_glued_word(word: str) -> str | None:
    """The ZWNJ-repaired form of a word typed without its ZWNJ, or None when it should stay as it is.

    بینالملل -> بین‌الملل (from the word list), میکنند -> می‌کنند (prefix + verb form),
    منطقهای -> منطقه‌ای, آمریکاییها -> آمریکایی‌ها (stem + suffix). Known words (انتهای, راستای) stay.
    """
    d = _persian_data()
    if word in d["words"] or word in d["keep"] or len(word) < 4:
        return None
    if word in d["joined"]:
        return d["joined"][word]
    for prefix in d["prefixes"]:
        if word.startswith(prefix):
            rest = word[len(prefix) :]
            if rest in d["verb_forms"]:
                return prefix + ZWNJ + rest
    for prefix in d["nominal_prefixes"]:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 3 and rest in d["words"]:
            return prefix + ZWNJ + rest
    for suffix in d["suffixes"]:
        if not word.endswith(suffix) or len(word) - len(suffix) < 2:
            continue
        stem = word[: -len(suffix)]
        if suffix in d["after_heh"] and not stem.endswith("ه"):
            continue
        if suffix in d["degree"] and len(stem) < 3:
            continue
        fixed_stem = stem if stem in d["words"] else d["joined"].get(stem) or split_glued_word(stem)
        if fixed_stem is None or (fixed_stem == stem and stem not in d["words"]):
            continue
        if stem[-1] in d["non_joining"]:
            return fixed_stem + suffix if fixed_stem != stem else None
        return fixed_stem + ZWNJ + suffix
    return None


def repair_zwnj(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Insert the ZWNJ that scraped text lost, word by word, using the Persian word list.

    Only words missing from the list can need repair: those are found with set arithmetic over the
    article's distinct words, so the per-word work in Python is for the few that change."""
    d = _persian_data()
    words = d["words"]
    unknown = {w for token in set(text.split()) - words for w in _WORD.findall(token)} - words
    fixes = {w: fixed for w in unknown if (fixed := split_glued_word(w))}
    if not fixes:
        return text, offsets
    edits = []
    for word, fixed in fixes.items():
        i = text.find(word)
        while i >= 0:
            end = i + len(word)
            if not (i and _LETTER.match(text, i - 1)) and not _LETTER.match(text, end):
                edits.append((i, end, fixed))
            i = text.find(word, end)
    return apply_edits(text, offsets, sorted(edits))


# ---------------------------------------------------------------- Arabic


@cache
def _maqsura_stems() -> frozenset[str]:
    text = (resources.files("rasad") / "lang" / "ar" / "alef_maqsura.txt").read_text("utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


_FINAL_PERSIAN_YEH = re.compile(f"([{_LETTERS}]*)ی(?![{_LETTERS}])")


def arabic_final_yeh(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """A final Persian ی in Arabic text becomes ى (إلى, على, الأعلى) or ي (في, القومي) by the word list."""
    if "ی" not in text:
        return text, offsets
    stems = _maqsura_stems()
    key = tables()["arabic"]

    def repl(m: re.Match[str]) -> str:
        stem = key(m.group(1))
        return m.group(1) + ("ى" if stem in stems else "ي")

    return substitute(text, offsets, _FINAL_PERSIAN_YEH, repl)


def unify_arabic_letters(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Persian ی ک ۀ and Persian digits inside Arabic text to Arabic ي ك ة and Arabic-Indic digits."""
    return tables()["arabic"](text), offsets


def remove_joiners(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Arabic does not use ZWNJ/ZWJ: drop them."""
    return substitute(text, offsets, _ZWJ_ZWNJ_NON_PERSIAN, "")


# ---------------------------------------------------------------- pipelines

PERSIAN_STEPS: tuple[Step, ...] = (
    unify_presentation_forms,
    remove_diacritics,
    unify_persian_letters,
    tidy_zwnj,
    tidy_spacing,
    join_verb_prefix,
    join_suffixes,
    repair_zwnj,
)
ARABIC_STEPS: tuple[Step, ...] = (
    unify_presentation_forms,
    remove_diacritics,
    remove_joiners,
    arabic_final_yeh,
    unify_arabic_letters,
    tidy_spacing,
)
OTHER_STEPS: tuple[Step, ...] = (unify_presentation_forms, tidy_spacing)

STEPS = {"fa": PERSIAN_STEPS, "ar": ARABIC_STEPS}


def normalize(text: str, language: str | None) -> Normalized:
    """Normalise ``text`` for ``language`` (fa, ar, anything else), keeping the offset map."""
    offsets = identity(text)
    for step in STEPS.get(language or "", OTHER_STEPS):
        text, offsets = step(text, offsets)
    return Normalized(text, tuple(offsets))


def normalize_string(text: str, language: str | None) -> str:
    """Normalised text alone (for queries and names)."""
    return normalize(text, language).text
