"""The statistical entity tagger: spaCy tok2vec + transition-based NER for Persian and Arabic.

The models see every token in its match-key form (:func:`rasad.text.keys.match_key`), in training
and in tagging alike, so ي/ی, ك/ک, the alef forms, ة/ه, diacritics and ZWNJ do not split a name's
statistics. Offsets always refer to the text the caller gave.

    >>> tag_text("وزير الخارجية محمد جواد ظريف في بغداد", "ar")   # doctest: +SKIP
    [(14, 28, 'PER'), (32, 37, 'LOC')]

Training data, split, label map and scores are described in ``models/MODEL_CARD.md``.
"""

from __future__ import annotations

import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import IO, Any

from rasad.actors.ner_data import (
    ANY_SCHEME,
    LABELS,
    Sentence,
    guess_language,
    load_sentences,
    map_tags,
    read_conll,
    read_conll_lines,
    scheme_of,
    score_entities,
    split_train_dev,
)
from rasad.errors import DataFileError, RasadError
from rasad.text.keys import match_key

MODELS_DIR = Path(__file__).parent / "models"
LANGS = ("fa", "ar")
NORMS_FILE = "norms.json"  # word -> NORM (Arabic clitic stems), beside the spaCy files


class ModelMissing(RasadError):
    """The entity model for a language is not installed."""

    code = "E210"


# ------------------------------------------------------------------------------------------- tokens


@lru_cache(maxsize=300_000)
def fold(token: str) -> str:
    """The form the model sees: the match key, or the token itself where the key is empty (ـ, ء)."""
    key = match_key(token).replace(" ", "_")
    return key or token


# Words (letters, digits, marks, joiners; 1.5 and 1,000 stay whole) or single other characters.
_TOKEN_RE = re.compile(
    r"[^\W_](?:[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d]|[.,٫٬/](?=\d))*"
    r"|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+|\S"
)


def tokenize(text: str) -> list[tuple[int, int]]:
    """Word and punctuation tokens of ``text`` as ``(start, end)`` character offsets."""
    return [m.span() for m in _TOKEN_RE.finditer(text)]


# -------------------------------------------------------------------------------------------- model

CONFIG = """
[nlp]
lang = "{lang}"
pipeline = ["tok2vec","ner"]
batch_size = 256

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

{embed}

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = {width}
depth = {depth}
window_size = 1
maxout_pieces = 3

[components.ner]
factory = "ner"

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = {hidden}
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {width}
upstream = "*"
"""

EMBED = {
    "hash": """[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = {width}
attrs = {attrs}
rows = {attr_rows}
include_static_vectors = {vectors}""",
    "char": """[components.tok2vec.model.embed]
@architectures = "spacy.CharacterEmbed.v2"
width = {width}
rows = {rows}
nM = 32
nC = {nC}
include_static_vectors = {vectors}
feature = "NORM"
""",
}

DEFAULTS: dict[str, Any] = {
    "width": 128, "depth": 4, "rows": 10000, "rows_small": 2000, "hidden": 64, "vectors": 0, "vector_rows": 40000, "embed": "hash", "nC": 8,
    "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
    "epochs": 30, "dropout": 0.2, "learn_rate": 0.001, "batch_start": 4, "batch_stop": 32, "patience": 8,
}


def _stable_hash(word: str) -> int:
    import zlib

    return zlib.crc32(word.encode("utf-8"))


# Arabic proclitics in match-key spelling, longest first; (prefix, what replaces it). لل is ل + ال.
_PROCLITICS = [(p, "ال") for p in ("وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل")]
_PROCLITICS += [(p, "") for p in ("وب", "ول", "وک", "فب", "فل", "فک", "و", "ف", "ب", "ل", "ک")]


def clitic_norms(freq: Counter[str], min_count: int = 5) -> dict[str, str]:
    """Arabic word -> its form without proclitics (وبالرياض -> الرياض), learnt from corpus counts.

    A prefix is split off only when what remains is a word seen at least ``min_count`` times and
    more often than the whole, so بغداد, لبنان and فرويد keep their first letter.
    """
    norms: dict[str, str] = {}
    for word, n in freq.items():
        for prefix, replacement in _PROCLITICS:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                rest = replacement + word[len(prefix) :]
                if freq.get(rest, 0) >= max(min_count, n + 1):
                    norms[word] = rest
                    break
    return norms


def _raw_corpus(lang: str) -> list[list[str]]:
    """Folded tokens of the raw news of ``lang`` plus the train split, one list per paragraph."""
    from rasad.actors.ner_data import news_texts

    corpus = [[fold(p[s:e]) for s, e in tokenize(p)] for p in news_texts(lang)]
    corpus += [[fold(t) for t in toks] for toks, _ in split_train_dev(load_sentences(lang))[0]]
    return corpus


@cache
def build_features(lang: str, dim: int, max_rows: int, seed: int) -> tuple[dict[str, str], list[str], Any]:
    """The norm table (Arabic clitic stems; none for Persian) and skip-gram vectors over norms.

    Vectors are learnt from the shared raw news of ``lang`` and the train split, deterministic for
    a seed (one worker, a stable word hash); gensim is needed at training time only. Returns the
    norms, the ``max_rows`` most frequent norms and their vectors (float32); ``dim`` 0 skips vectors.
    """
    corpus = _raw_corpus(lang)
    norms = clitic_norms(Counter(t for para in corpus for t in para)) if lang == "ar" else {}
    if not dim:
        return norms, [], None
    from gensim.models import Word2Vec

    corpus = [[norms.get(t, t) for t in para] for para in corpus]
    model = Word2Vec(corpus, vector_size=dim, window=5, min_count=3, sg=1, negative=5, epochs=5,
                     workers=1, seed=seed, hashfxn=_stable_hash, max_final_vocab=max_rows)
    words = list(model.wv.index_to_key[:max_rows])
    return norms, words, model.wv.vectors[: len(words)].astype("float32")


def _set_vectors(nlp: Any, words: list[str], data: Any) -> None:
    from spacy.vectors import Vectors

    keys = [nlp.vocab.strings.add(w) for w in words]
    nlp.vocab.vectors = Vectors(
        strings=nlp.vocab.strings, data=data, keys=keys, name=f"rasad_{nlp.lang}_w2v", attr="NORM"
    )


def _set_norms(nlp: Any, norms: dict[str, str]) -> None:
    """Give the vocabulary's lexemes their clitic-free NORM (read by the hash and vector embeddings)."""
    for word, norm in norms.items():
        nlp.vocab[word].norm_ = norm


def build_nlp(lang: str, settings: dict[str, Any]) -> Any:
    """A blank spaCy pipeline for ``lang`` with an untrained tok2vec + ner."""
    import spacy

    big = {"NORM": settings["rows"], "ORTH": settings["rows"], "SUFFIX": settings["rows"]}
    values = {
        **settings, "vectors": str(bool(settings["vectors"])).lower(), "attrs": json.dumps(settings["attrs"]),
        "attr_rows": json.dumps([big.get(a, settings["rows_small"]) for a in settings["attrs"]]),
    }
    text = CONFIG.format(lang=lang, **{**values, "embed": EMBED[settings["embed"]].format(**values)})
    config = spacy.util.load_config_from_str(text)
    return spacy.util.load_model_from_config(config, auto_fill=True, validate=True)


def _make_doc(vocab: Any, tokens: Sequence[str], ents: Sequence[str] | None = None) -> Any:
    from spacy.tokens import Doc

    words = [fold(t) for t in tokens]
    return Doc(vocab, words=words, spaces=[True] * len(words), ents=list(ents) if ents is not None else None)


def _examples(nlp: Any, sentences: Iterable[Sentence]) -> list[Any]:
    from spacy.training import Example

    return [Example(_make_doc(nlp.vocab, t), _make_doc(nlp.vocab, t, tags)) for t, tags in sentences if t]


def _predict(nlp: Any, token_lists: Sequence[Sequence[str]], batch_size: int = 256) -> list[list[str]]:
    docs = (_make_doc(nlp.vocab, toks) for toks in token_lists)
    out: list[list[str]] = []
    for doc in nlp.pipe(docs, batch_size=batch_size):
        out.append([f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O" for t in doc])
    return out


def train(
    lang: str,
    out_dir: str | Path | None = None,
    *,
    seed: int = 0,
    log: Callable[[str], None] | None = None,
    **overrides: Any,
) -> dict[str, Any]:
    """Train the ``lang`` tagger on the train part of its corpus; keep the best dev epoch in ``out_dir``.

    ``overrides`` change :data:`DEFAULTS` (epochs, width, dropout, ...). Returns the training report
    (settings, per-epoch dev F1, best dev scores, time), also written to ``out_dir/training.json``.
    """
    from spacy.util import fix_random_seed, minibatch
    from thinc.api import Adam, compounding

    log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
    unknown = set(overrides) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"unknown training settings {sorted(unknown)}; valid: {sorted(DEFAULTS)}")
    settings = {**DEFAULTS, **overrides}
    out = Path(out_dir) if out_dir else MODELS_DIR / lang
    fix_random_seed(seed)
    rng = random.Random(seed)

    train_sents, dev_sents = split_train_dev(load_sentences(lang))
    nlp = build_nlp(lang, settings)
    norms, words, vectors = build_features(lang, settings["vectors"], settings["vector_rows"], seed)
    _set_norms(nlp, norms)
    if settings["vectors"]:
        _set_vectors(nlp, words, vectors)
    examples = _examples(nlp, train_sents)
    optimizer = Adam(settings["learn_rate"], L2=0.01, grad_clip=1.0, use_averages=True)
    nlp.initialize(lambda: examples, sgd=optimizer)
    log(f"ner {lang}: {len(train_sents)} train / {len(dev_sents)} dev sentences, settings {settings}")

    dev_tokens = [t for t, _ in dev_sents]
    dev_gold = [g for _, g in dev_sents]
    history: list[dict[str, Any]] = []
    best_f1, best_epoch, best_scores = -1.0, 0, {}
    started = time.perf_counter()
    for epoch in range(1, settings["epochs"] + 1):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        sizes = compounding(settings["batch_start"], settings["batch_stop"], 1.001)
        for batch in minibatch(examples, size=sizes):
            nlp.update(batch, drop=settings["dropout"], sgd=optimizer, losses=losses)
        with nlp.use_params(optimizer.averages):
            scores = score_entities(dev_gold, _predict(nlp, dev_tokens), LABELS)
            f1 = scores["overall"]["f1"]
            if f1 > best_f1:
                best_f1, best_epoch, best_scores = f1, epoch, scores
                out.mkdir(parents=True, exist_ok=True)
                nlp.to_disk(out)
                (out / NORMS_FILE).write_text(json.dumps(norms, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        elapsed = time.perf_counter() - started
        history.append({"epoch": epoch, "loss": round(losses.get("ner", 0.0), 1), "dev_f1": f1, "s": round(elapsed)})
        log(f"ner {lang}: epoch {epoch:2d} loss {losses.get('ner', 0.0):8.1f} dev F1 {f1:.4f} "
            f"(best {best_f1:.4f} @ {best_epoch}) {elapsed:5.0f}s")
        if epoch - best_epoch >= settings["patience"]:
            break
    report = {
        "lang": lang, "seed": seed, "settings": settings, "train_sentences": len(train_sents),
        "dev_sentences": len(dev_sents), "best_epoch": best_epoch, "dev": best_scores,
        "train_seconds": round(time.perf_counter() - started), "history": history,
    }
    (out / "training.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    load.cache_clear()
    return report


# ------------------------------------------------------------------------------------------ tagging


@cache
def load(lang: str, path: str | None = None) -> Any:
    """The trained spaCy pipeline for ``lang`` (loaded once)."""
    import spacy

    if lang not in LANGS:
        raise DataFileError(f"no entity model for language {lang!r}; use one of {list(LANGS)}", value=lang)
    where = Path(path) if path else MODELS_DIR / lang
    if not (where / "config.cfg").is_file():
        raise ModelMissing(
            f"entity model for {lang!r} not found at {where}; train it with `rasad train-ner {lang}`",
            value=str(where),
        )
    nlp = spacy.load(where)
    norms_path = where / NORMS_FILE
    if norms_path.is_file():
        _set_norms(nlp, json.loads(norms_path.read_text(encoding="utf-8")))
    return nlp


def tag_tokens(tokens: Sequence[str], lang: str) -> list[str]:
    """BIO tags (PER, ORG, LOC) for one sentence of tokens."""
    if not tokens:
        return []
    return _predict(load(lang), [tokens])[0]


def tag_sentences(sentences: Sequence[Sequence[str]], lang: str) -> list[list[str]]:
    """BIO tags for many sentences at once (faster than one call per sentence)."""
    nonempty = [i for i, s in enumerate(sentences) if s]
    tagged = _predict(load(lang), [sentences[i] for i in nonempty])
    out: list[list[str]] = [[] for _ in sentences]
    for i, tags in zip(nonempty, tagged, strict=True):
        out[i] = tags
    return out


def tag_text(text: str, lang: str) -> list[tuple[int, int, str]]:
    """Entity spans ``(start, end, label)`` over ``text``: ``text[start:end]`` is the entity's text."""
    offsets = tokenize(text)
    if not offsets:
        return []
    tags = tag_tokens([text[s:e] for s, e in offsets], lang)
    spans: list[tuple[int, int, str]] = []
    for tag, (s, e) in zip(tags, offsets, strict=True):
        if tag.startswith("B-"):
            spans.append((s, e, tag[2:]))
        elif tag.startswith("I-") and spans and spans[-1][2] == tag[2:]:
            spans[-1] = (spans[-1][0], e, spans[-1][2])
    return spans


def _relabel(tags: Sequence[str], scheme: dict[str, str]) -> list[str]:
    """Rasad tags -> a file's own type names (``scheme`` from :func:`scheme_of`); unknown types -> O."""
    out = []
    for tag in tags:
        if tag == "O":
            out.append("O")
            continue
        prefix, _, label = tag.partition("-")
        out.append(f"{prefix}-{scheme[label]}" if label in scheme else "O")
    # a dropped B- leaves an orphan I-: make it open the entity
    return [("B" + t[1:] if t.startswith("I-") and (i == 0 or out[i - 1][2:] != t[2:]) else t) for i, t in enumerate(out)]


def tag_conll(in_path: str | Path | IO[str], out_stream: IO[str], lang: str | None = None) -> dict[str, Any]:
    """Tag a ``token [TAG]`` file (``-`` or a stream for stdin); writes ``token TAG`` lines.

    Tokens, their order and the blank lines between sentences are kept. When the input carries
    tags, the predicted tags use the input's own type names (B-pers, B-PERS) where one maps to a
    Rasad label; otherwise PER/ORG/LOC. Returns ``{"lang", "sentences", "tokens", "seconds"}``.
    """
    if isinstance(in_path, (str, Path)) and str(in_path) != "-":
        with open(in_path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
        source = str(in_path)
    else:
        stream = sys.stdin if not hasattr(in_path, "read") else in_path
        lines = stream.read().splitlines()  # type: ignore[union-attr]
        source = "<stdin>"
    sentences = list(read_conll_lines(lines, source))
    has_tags = any(len(line.split()) > 1 for line in lines)
    if lang is None:
        lang = guess_language(t for toks, _ in sentences[:200] for t in toks)
    scheme = scheme_of(t for _, tags in sentences for t in tags) if has_tags else {}
    started = time.perf_counter()
    predicted = tag_sentences([toks for toks, _ in sentences], lang)
    seconds = time.perf_counter() - started
    if scheme:
        predicted = [_relabel(tags, scheme) for tags in predicted]
    # Walk the original lines so blank-line runs are reproduced exactly.
    sent_iter = iter(zip(sentences, predicted))
    current: list[tuple[str, str]] = []
    for line in lines:
        parts = line.split()
        if not parts:
            out_stream.write("\n")
            continue
        if parts[0] == "-DOCSTART-":
            out_stream.write(line + "\n")
            continue
        if not current:
            (toks, _), tags = next(sent_iter)
            current = list(zip(toks, tags))[::-1]
        tok, tag = current.pop()
        out_stream.write(f"{tok} {tag}\n")
    return {"lang": lang, "sentences": len(sentences), "tokens": sum(len(t) for t, _ in sentences),
            "seconds": round(seconds, 3)}


def evaluate(lang: str, conll_path: str | Path, *, model: str | None = None) -> dict[str, Any]:
    """Entity P/R/F1 per type and overall (PER, ORG, LOC) of the ``lang`` model on a gold CoNLL file.

    The file's types are mapped as in training (Arman fac -> LOC; pro, event, MISC dropped). ANERcorp
    files, whose sentence breaks are unreliable, are cut on sentence-final punctuation first.
    """
    from rasad.actors.ner_data import LABEL_MAPS, READERS

    sents = READERS[lang](conll_path) if lang in READERS else read_conll(conll_path)
    mapping = LABEL_MAPS.get(lang, ANY_SCHEME)
    gold = [map_tags(tags, mapping) for _, tags in sents]
    nlp = load(lang, model)
    started = time.perf_counter()
    pred = _predict(nlp, [toks for toks, _ in sents])
    seconds = time.perf_counter() - started
    ntok = sum(len(t) for t, _ in sents)
    scores = score_entities(gold, pred, LABELS)
    return {"lang": lang, "file": str(conll_path), "sentences": len(sents), "tokens": ntok,
            "tokens_per_second": round(ntok / seconds) if seconds else None, "scores": scores}


def dev_split(lang: str) -> list[Sentence]:
    """The dev sentences of ``lang`` (mapped labels), as held out by :func:`train`."""
    return split_train_dev(load_sentences(lang))[1]
