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
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import IO, Any

from rasad.actors.ner_data import (
    ANY_SCHEME,
    LABELS,
    Sentence,
    clitic_norms,
    fold,
    guess_language,
    load_sentences,
    map_tags,
    raw_corpus,
    read_conll,
    read_conll_lines,
    scheme_of,
    score_entities,
    split_train_dev,
    tokenize,
)
from rasad.errors import DataFileError, RasadError

MODELS_DIR = Path(__file__).parent / "models"
LANGS = ("fa", "ar")
NORMS_FILE = "norms.json"  # word -> NORM (Arabic clitic stems), beside the spaCy files


class ModelMissing(RasadError):
    """The entity model for a language is not installed."""

    code = "E210"


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

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = {width}
attrs = {attrs}
rows = {attr_rows}
include_static_vectors = {vectors}

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

DEFAULTS: dict[str, Any] = {
    "width": 96, "depth": 4, "rows": 5000, "rows_small": 1000, "hidden": 64,
    "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"], "vectors": 100, "vector_rows": 30000, "init_tok2vec": None,
    "pretrain_epochs": 1, "pretrain_words": 1_500_000,
    "epochs": 15, "dropout": 0.2, "learn_rate": 0.001, "batch_start": 4, "batch_stop": 32, "patience": 4,
}
# Arabic NORM is the clitic-free stem (see clitic_norms), so the full word is embedded as well (ORTH).
# Pretraining the Arabic tok2vec on 1.5M words of news took 7 minutes for a dev F1 change within run-to-run
# noise (0.729 with, 0.725 without): off. For Persian it gave +0.01 on the first epochs: on.
LANG_SETTINGS: dict[str, dict[str, Any]] = {
    "fa": {},
    "ar": {"attrs": ["NORM", "ORTH", "PREFIX", "SUFFIX", "SHAPE"], "vector_rows": 25000, "pretrain_epochs": 0},
}


def _stable_hash(word: str) -> int:
    import zlib

    return zlib.crc32(word.encode("utf-8"))


@cache
def build_features(
    lang: str, dim: int, max_rows: int, seed: int, corpora: str | None = None
) -> tuple[dict[str, str], list[str], Any]:
    """The norm table (Arabic clitic stems; none for Persian) and skip-gram vectors over norms.

    Vectors are learnt from the shared raw news of ``lang`` and the train split, deterministic for
    a seed (one worker, a stable word hash); gensim is needed at training time only. Returns the
    norms, the ``max_rows`` most frequent norms and their vectors (float32); ``dim`` 0 skips vectors.
    """
    corpus = raw_corpus(lang, corpora)
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


META = {
    "fa": {
        "license": "academic research use only (ArmanPersoNERCorpus)",
        "sources": ["ArmanPersoNERCorpus train fold 1 (academic research use only)",
                    "Fars News articles (language-ml/course-nlp-ir-1-text-exploring, Apache-2.0 repository)"],
    },
    "ar": {
        "license": "CC BY-NC-SA 4.0 (ANERcorp CC BY-SA 4.0; word vectors from SaudiNewsNet, CC BY-NC-SA 4.0)",
        "sources": ["ANERcorp train split (CSabty/ANERcorp-Correction, MIT; CAMeL Lab release CC BY-SA 4.0)",
                    "SaudiNewsNet 2015-07-21..25 (CC BY-NC-SA 4.0, research only)"],
    },
}


def _save(nlp: Any, out: Path, norms: dict[str, str]) -> None:
    """``nlp.to_disk`` plus the norm table, and the vectors' key attribute (NORM), which spaCy 3.8
    writes to vocab/vectors.cfg only for floret vectors but reads back for every mode."""
    from spacy.attrs import NORM

    nlp.meta.update({"name": f"rasad_ner_{nlp.lang}", "description": "Rasad entity tagger (PER, ORG, LOC); "
                     "see rasad/actors/models/MODEL_CARD.md", **META.get(nlp.lang, {})})
    nlp.to_disk(out)
    (out / NORMS_FILE).write_text(json.dumps(norms, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    cfg = out / "vocab" / "vectors.cfg"
    if nlp.vocab.vectors.shape[0] and cfg.is_file():
        cfg.write_text(json.dumps({**json.loads(cfg.read_text()), "attr": NORM}), encoding="utf-8")


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
    text = CONFIG.format(lang=lang, **values)
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


def pretrain_tok2vec(nlp: Any, corpus: Sequence[Sequence[str]], settings: dict[str, Any], seed: int,
                     log: Callable[[str], None]) -> bytes:
    """Pretrain ``nlp``'s tok2vec on raw token lists with spaCy's characters objective (a cloze task:
    guess the first and last 4 characters of masked words); returns the averaged tok2vec weights.

    One pass reads at most ``settings["pretrain_words"]`` words (0: all) of ``corpus``.
    """
    from spacy.ml.models.multi_task import create_pretrain_characters
    from spacy.training.batchers import minibatch_by_words
    from thinc.api import Adam, set_dropout_rate

    rng = random.Random(seed)
    paragraphs = [list(p[:500]) for p in corpus if len(p) >= 5]
    tok2vec = nlp.get_pipe("tok2vec").model
    model = create_pretrain_characters(maxout_pieces=3, hidden_size=300, n_characters=4)(nlp.vocab, tok2vec)
    model.initialize(X=[_make_doc(nlp.vocab, p) for p in paragraphs[:8]])
    set_dropout_rate(model, 0.2)
    loss_fn = model.attrs["loss"]
    optimizer = Adam(0.001, L2=0.01, grad_clip=1.0, use_averages=True)
    started = time.perf_counter()
    for epoch in range(settings["pretrain_epochs"]):
        rng.shuffle(paragraphs)
        words = loss = 0.0
        for batch in minibatch_by_words(paragraphs, size=3000, get_length=len):
            docs = [_make_doc(nlp.vocab, p) for p in batch]
            predictions, backprop = model.begin_update(docs)
            batch_loss, gradients = loss_fn(model.ops, docs, predictions)
            backprop(gradients)
            model.finish_update(optimizer)
            words += sum(len(d) for d in docs)
            loss += float(batch_loss)
            if settings["pretrain_words"] and words >= settings["pretrain_words"]:
                break
        log(f"ner pretrain: epoch {epoch + 1} {words:.0f} words loss {loss:.0f} {time.perf_counter() - started:.0f}s")
    with model.use_params(optimizer.averages):
        return tok2vec.to_bytes()


def train(
    lang: str,
    out_dir: str | Path | None = None,
    *,
    seed: int = 0,
    corpora: str | Path | None = None,
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
    settings = {**DEFAULTS, **LANG_SETTINGS.get(lang, {}), **overrides}
    out = Path(out_dir) if out_dir else MODELS_DIR / lang
    fix_random_seed(seed)
    rng = random.Random(seed)

    train_sents, dev_sents = split_train_dev(load_sentences(lang, corpora=corpora))
    nlp = build_nlp(lang, settings)
    norms, words, vectors = build_features(
        lang, settings["vectors"], settings["vector_rows"], seed, str(corpora) if corpora else None
    )
    _set_norms(nlp, norms)
    if settings["vectors"]:
        _set_vectors(nlp, words, vectors)
    examples = _examples(nlp, train_sents)
    optimizer = Adam(settings["learn_rate"], L2=0.01, grad_clip=1.0, use_averages=True)
    nlp.initialize(lambda: examples, sgd=optimizer)
    if settings["init_tok2vec"]:
        nlp.get_pipe("tok2vec").model.from_bytes(Path(settings["init_tok2vec"]).read_bytes())
    elif settings["pretrain_epochs"]:
        weights = pretrain_tok2vec(nlp, raw_corpus(lang, corpora), settings, seed, log)
        nlp.get_pipe("tok2vec").model.from_bytes(weights)
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
                _save(nlp, out, norms)
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
    return [
        "B" + t[1:] if t.startswith("I-") and (i == 0 or out[i - 1][2:] != t[2:]) else t
        for i, t in enumerate(out)
    ]


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
    scheme = scheme_of((t for _, tags in sentences for t in tags), lang) if has_tags else {}
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


def dev_split(lang: str, corpora: str | Path | None = None) -> list[Sentence]:
    """The dev sentences of ``lang`` (mapped labels), as held out by :func:`train`."""
    return split_train_dev(load_sentences(lang, corpora=corpora))[1]
