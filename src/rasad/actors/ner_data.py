"""Data for the statistical entity tagger: CoNLL readers, label maps, the dev split, the scorer.

Everything here is plain Python (no spaCy), so the readers and the scorer can be tested and reused
by ``rasad.eval`` without loading a model.

A *sentence* is a ``(tokens, tags)`` pair of equal-length lists; tags are BIO strings. Readers keep
the corpus's own tags; :func:`map_tags` turns them into Rasad's labels (PER, ORG, LOC).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rasad.errors import GoldFileError

Sentence = tuple[list[str], list[str]]

# The corpora the models are trained on (read-only shared copies).
CORPORA = Path("/work/shared/corpora")
TRAIN_FILES = {
    "fa": CORPORA / "ner-fa-arman" / "train.txt",
    "ar": CORPORA / "ner-ar-anercorp" / "train.txt",
}

# Corpus entity type -> Rasad label; a type absent from the map becomes O.
# Arman: fac (airports, mosques, buildings) is kept as LOC (the dev comparison is in MODEL_CARD.md);
# pro (products) and event are dropped. ANERcorp: MISC is dropped.
LABEL_MAPS: dict[str, dict[str, str]] = {
    "fa": {"pers": "PER", "org": "ORG", "loc": "LOC", "fac": "LOC"},
    "ar": {"PERS": "PER", "ORG": "ORG", "LOC": "LOC"},
}
# The union, for reading files whose scheme is not known in advance (tag_conll, evaluate).
ANY_SCHEME = {
    "pers": "PER", "per": "PER", "person": "PER", "org": "ORG", "organization": "ORG",
    "loc": "LOC", "location": "LOC", "gpe": "LOC", "fac": "LOC",
}
LABELS = ("PER", "ORG", "LOC")

# ANERcorp has no reliable sentence breaks: a sentence ends after one of these tokens.
SENTENCE_FINAL = frozenset({".", "!", "?", "؟", "...", "…"})
# A run of tokens with no sentence-final mark is cut at this length (the tagger's context is local).
MAX_SENTENCE = 200


# --------------------------------------------------------------------------------------------- reading


def read_conll_lines(lines: Iterable[str], source: str = "<conll>") -> Iterator[Sentence]:
    """Sentences from ``token [TAG]`` lines, blank lines between sentences (tag ``O`` when absent).

    The tag is the last column (ANERcorp's corrected files carry a third column before it only in
    rare cases; a second column is always the tag). Lines starting with ``-DOCSTART-`` are skipped.
    """
    tokens: list[str] = []
    tags: list[str] = []
    for lineno, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        parts = line.split()
        if not parts:
            if tokens:
                yield tokens, tags
                tokens, tags = [], []
            continue
        if parts[0] == "-DOCSTART-":
            continue
        if len(parts) > 3:
            raise GoldFileError(
                f"{source}:{lineno}: expected 'token' or 'token TAG', got {len(parts)} columns: {line!r}",
                value=line,
            )
        tokens.append(parts[0])
        tags.append(parts[1] if len(parts) > 1 else "O")
    if tokens:
        yield tokens, tags


def read_conll(path: str | Path) -> list[Sentence]:
    """All sentences of a CoNLL file (blank-line delimited), tags as written."""
    with open(path, encoding="utf-8") as fh:
        return list(read_conll_lines(fh, str(path)))


def split_on_punctuation(sentences: Iterable[Sentence], max_len: int = MAX_SENTENCE) -> Iterator[Sentence]:
    """Re-cut token runs after sentence-final tokens (never inside an entity), and every ``max_len``."""
    for tokens, tags in sentences:
        start = 0
        for i, tok in enumerate(tokens):
            nxt = tags[i + 1] if i + 1 < len(tags) else "O"
            inside = nxt.startswith("I-")
            if (tok in SENTENCE_FINAL and not inside) or (i + 1 - start >= max_len and not inside):
                yield tokens[start : i + 1], tags[start : i + 1]
                start = i + 1
        if start < len(tokens):
            yield tokens[start:], tags[start:]


def read_arman(path: str | Path = TRAIN_FILES["fa"]) -> list[Sentence]:
    """ArmanPersoNER: ``token TAG`` (IOB, lower-case types), one blank line after each sentence."""
    return read_conll(path)


def read_anercorp(path: str | Path = TRAIN_FILES["ar"]) -> list[Sentence]:
    """ANERcorp: ``token TAG`` (IOB2), sentences cut on sentence-final punctuation."""
    return list(split_on_punctuation(read_conll(path)))


READERS = {"fa": read_arman, "ar": read_anercorp}


# ------------------------------------------------------------------------------------------- labels


def map_tags(tags: Sequence[str], mapping: dict[str, str]) -> list[str]:
    """Corpus tags -> Rasad BIO tags: types outside ``mapping`` become O; the result is valid IOB2.

    An ``I-`` that does not continue an entity of the same (mapped) type opens one (``B-``), which is
    how IOB1 files and annotation slips are read (seqeval does the same).
    """
    out: list[str] = []
    prev = "O"
    for tag in tags:
        if tag == "O" or "-" not in tag:
            out.append("O")
            prev = "O"
            continue
        prefix, _, typ = tag.partition("-")
        label = mapping.get(typ)
        if label is None or prefix not in ("B", "I", "E", "S"):
            out.append("O")
            prev = "O"
            continue
        if prefix in ("I", "E") and prev == label:
            out.append("I-" + label)
        else:
            out.append("B-" + label)
        prev = label
    return out


def scheme_of(tags: Iterable[str]) -> dict[str, str]:
    """For a file's own tags, Rasad label -> the file's type name (e.g. PER -> pers, PER -> PERS).

    When several of the file's types map to one label (Arman's loc and fac both to LOC), the most
    frequent one is used. Labels with no counterpart in the file are missing from the result.
    """
    counts = Counter(t.partition("-")[2] for t in tags if t != "O" and "-" in t)
    out: dict[str, str] = {}
    for typ, _ in counts.most_common():
        label = ANY_SCHEME.get(typ.lower())
        if label and label not in out:
            out[label] = typ
    return out


def load_sentences(lang: str, path: str | Path | None = None) -> list[Sentence]:
    """A training file read with the language's reader and mapped to Rasad labels."""
    if lang not in READERS:
        raise GoldFileError(f"no entity corpus for language {lang!r}; use one of {sorted(READERS)}", value=lang)
    sents = READERS[lang](path or TRAIN_FILES[lang])
    mapping = LABEL_MAPS[lang]
    return [(toks, map_tags(tags, mapping)) for toks, tags in sents]


# -------------------------------------------------------------------------------------------- split

DEV_BLOCK = 20  # sentences per block
DEV_EVERY = 10  # every 10th block is dev


def split_train_dev(sentences: Sequence[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """Deterministic 90/10 split: runs of DEV_BLOCK consecutive sentences, every DEV_EVERY-th run is dev.

    Whole runs (rather than every 10th sentence) keep a story's neighbouring sentences, which repeat
    its names, on one side of the split, so the dev score is not flattered by near-duplicates.
    """
    train: list[Sentence] = []
    dev: list[Sentence] = []
    for i, sent in enumerate(sentences):
        (dev if (i // DEV_BLOCK) % DEV_EVERY == DEV_EVERY - 1 else train).append(sent)
    return train, dev


# ------------------------------------------------------------------------------------------ scoring


def entity_spans(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """Exact entity spans ``(start, end, label)`` (token indices, end exclusive) of IOB2/IOB1 tags."""
    spans: set[tuple[int, int, str]] = set()
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, typ = tag.partition("-")
        continues = prefix == "I" and typ == label and start >= 0
        if start >= 0 and not continues:
            spans.add((start, i, label))
            start, label = -1, ""
        if prefix in ("B", "I") and typ and not continues:
            start, label = i, typ
    return spans


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
            "support": self.tp + self.fn, "predicted": self.tp + self.fp,
        }


def score_entities(
    gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]], labels: Iterable[str] | None = None
) -> dict[str, dict[str, float | int]]:
    """seqeval-style exact-span entity P/R/F1 per type and ``overall`` (micro) over ``labels``.

    ``gold`` and ``pred`` are per-sentence tag lists of equal lengths. With ``labels`` None every
    type seen in either side is scored.
    """
    counts: dict[str, list[int]] = {}
    for g_tags, p_tags in zip(gold, pred, strict=True):
        if len(g_tags) != len(p_tags):
            raise GoldFileError(f"sentence length differs: gold {len(g_tags)} tokens, predicted {len(p_tags)}")
        g, p = entity_spans(g_tags), entity_spans(p_tags)
        for span in g | p:
            c = counts.setdefault(span[2], [0, 0, 0])
            c[0 if span in g and span in p else (1 if span in p else 2)] += 1
    keep = sorted(counts) if labels is None else list(labels)
    result = {lab: Score(*counts.get(lab, [0, 0, 0])).to_json() for lab in keep}
    total = [sum(counts.get(lab, [0, 0, 0])[k] for lab in keep) for k in range(3)]
    result["overall"] = Score(*total).to_json()
    return result


# ------------------------------------------------------------------------------------ language guess

_PERSIAN_LETTERS = re.compile("[پچژگیک]")
_FA_WORDS = frozenset("را که این است می برای با شد یک آن ها اند کرد خود بود نیز".split())
_AR_WORDS = frozenset("في من على إلى الى الذي التي أن هذا هذه عن مع كان قد التى".split())


def guess_language(tokens: Iterable[str]) -> str:
    """``fa`` or ``ar`` for a run of tokens: Persian-only letters and function words against Arabic ones."""
    fa = ar = 0
    for tok in tokens:
        fa += len(_PERSIAN_LETTERS.findall(tok)) + 3 * (tok in _FA_WORDS)
        ar += 3 * (tok in _AR_WORDS) + (len(tok) > 3 and tok.startswith(("ال", "وال", "بال")))
        ar += tok.count("ة") + tok.count("ى")
    return "fa" if fa > ar else "ar"


# ----------------------------------------------------------------------------------- raw news text

NEWS_FILES = {
    "fa": [CORPORA / "news-fa-farsnews" / "farsnews.jsonl"],
    "ar": sorted((CORPORA / "news-ar-saudinewsnet").glob("*.zip")),
}


def news_texts(lang: str) -> Iterator[str]:
    """Paragraph texts of the shared raw news corpus for ``lang`` (for word vectors), in file order."""
    import json
    import zipfile

    for path in NEWS_FILES[lang]:
        if path.suffix == ".jsonl":
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    rec = json.loads(line)
                    yield from (t for t in [rec.get("title"), rec.get("abstract"), *(rec.get("paragraphs") or [])] if t)
        else:
            with zipfile.ZipFile(path) as zf:
                for name in sorted(zf.namelist()):
                    for rec in json.loads(zf.read(name)):
                        yield from (t for t in [rec.get("title"), *(rec.get("content") or "").split("\n")] if t)
