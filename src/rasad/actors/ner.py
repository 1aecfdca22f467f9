"""The statistical entity tagger for Persian and Arabic: a linear-chain CRF (CRFsuite) over features of
each word and of its neighbours.

A word is described by its match-key form (:func:`rasad.actors.ner_data.fold`: ي/ی, ك/ک, the alef forms,
ة/ه, diacritics and ZWNJ do not split a name's statistics), its Arabic clitic-free stem, its first and last
letters, its shape and length, and the knowledge-base tag of the name it stands in (B-PER, I-LOC...: the
gazetteer linker's reading of the sentence). The words two to the left and right add theirs, and the pairs
of neighbouring stems theirs. The features of a word type are built once and cached, so tagging is list
concatenation in Python and the CRF in C: tens of thousands of tokens a second on one core.

    >>> tag_text("وزير الخارجية محمد جواد ظريف في بغداد", "ar")   # doctest: +SKIP
    [(14, 28, 'PER'), (32, 37, 'LOC')]

Training data, split, label map, features and scores are described in ``models/MODEL_CARD.md``.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import IO, Any

from rasad.actors.clusters import LEVELS as CLUSTER_LEVELS
from rasad.actors.clusters import word_clusters
from rasad.actors.ner_data import (
    ANY_SCHEME,
    FAMILY,
    FAMILY_WORD,
    GIVEN,
    GIVEN_WORD,
    LABELS,
    Sentence,
    clitic_norms,
    entity_spans,
    everyday_words,
    fold,
    foreign_given_keys,
    form_key,
    given_names_of,
    guess_language,
    load_sentences,
    map_tags,
    name_positions,
    native_names,
    place_positions,
    preverbs,
    raw_corpus,
    read_conll,
    read_conll_lines,
    scheme_of,
    score_entities,
    split_train_dev,
    tokenize,
    word_forms,
)
from rasad.errors import DataFileError, RasadError

MODELS_DIR = Path(__file__).parent / "models"
LANGS = ("fa", "ar")
MODEL_FILE = "model.crfsuite"  # CRFsuite's own file: training only, exported to the two below
WEIGHTS_FILE = "weights.npz"  # state weights (attributes x labels) and transitions (labels x labels)
ATTRIBUTES_FILE = "attributes.json"  # the attribute (feature) names of the weight rows, and the labels
NORMS_FILE = "norms.json"  # Arabic: word -> clitic-free stem
NAMES_FILE = "names.json"  # Arabic: word -> how often it stands in a person's name's place (ner_data.name_positions)
GIVEN_FILE = "given.json"  # the training file's given names (ner_data.given_names_of), for the tagger stage's readings
PLACES_FILE = "places.json"  # words the raw news writes after a place word (ner_data.place_positions), for the same
EVERYDAY_FILE = "everyday.json"  # words the raw news writes often, seldom after a foreign given name (ner_data.everyday_words)
FORMS_FILE = "forms.json"  # word -> how often the raw news writes its other form (ner_data.word_forms)
PREVERBS_FILE = "preverbs.json"  # Persian: the first words of compound verbs ('منتشر' of 'منتشر کرد'; ner_data.preverbs)
CLUSTERS_FILE = "clusters.json"  # word -> its cluster at each level (rasad.actors.clusters)
TRAINING_FILE = "training.json"


class ModelMissing(RasadError):
    """The entity model for a language is not installed."""

    code = "E210"


# ---------------------------------------------------------------------------------------- features

# names: the name-position features (MODEL_CARD.md); propagate: in a file of sentences, a name tagged once
# is tagged wherever the nearby sentences repeat it (:func:`propagate`); native: the person-name lists as
# values of the given-name feature; states: CRFsuite weighs every label for every feature (possible states),
# not only the labels seen with it in training; clusters: word clusters of the raw news (rasad.actors.clusters)
DEFAULTS: dict[str, Any] = {
    "c1": 0.1, "c2": 0.01, "iterations": 150, "kb": True, "names": False, "propagate": False, "given": True, "forms": True,
    "native": True, "states": True, "clusters": False,
}
LANG_SETTINGS: dict[str, dict[str, Any]] = {"fa": {}, "ar": {"names": True, "propagate": True}}
CONTEXT = (-2, -1, 1, 2)
_DIGIT = re.compile(r"\d")
_LATIN = re.compile(r"[A-Za-z]+")
_PUNCT = re.compile(r"\W+")


def shape(key: str) -> str:
    """D (has a digit), L (Latin letters), P (punctuation) or A (a word in another script)."""
    if _DIGIT.search(key):
        return "D"
    if _LATIN.fullmatch(key):
        return "L"
    if _PUNCT.fullmatch(key):
        return "P"
    return "A"


KB_CONTEXT = (-1, 0, 1)
Feature = tuple[str, str | None]  # (template, value)
BIAS: Feature = ("b", None)
SLOTS = 1 + len(CONTEXT)  # a word type's weights: as the word itself (slot 0), then as each neighbour in CONTEXT
# What is read off a word (Features.values), and the template each value fills per slot (None: no
# feature there): the word and its stem are seen from two words away, its last three letters, shape and
# name grades from the next word, the rest on the word only. This order is the order of a word's features.
LAYOUT: tuple[tuple[str, tuple[str | None, ...]], ...] = tuple(
    (value, (value, *(f"{value}{o}" if abs(o) <= reach else None for o in CONTEXT)))
    for value, reach in (("w", 2), ("n", 2), ("p2", 0), ("p3", 0), ("s1", 0), ("s2", 0), ("s3", 1), ("sh", 1),
                         ("ln", 0), ("nf", 1), ("nn", 1), ("gn", 1), ("mf", 1), ("k1", 1), ("k2", 0), ("k3", 0))
)


NO_CLUSTERS = (None,) * len(CLUSTER_LEVELS)


def feature_name(feature: Feature) -> str:
    template, value = feature
    return template if value is None else f"{template}={value}"


def parse_feature(name: str) -> Feature:
    template, eq, value = name.partition("=")
    return (template, value) if eq else (template, None)


def edge_feature(offset: int) -> str:
    """The feature of a neighbour slot past either end of the sentence."""
    return f"w{offset}=<>"


def bigram_feature(side: str, left: str, right: str) -> str:
    """Two neighbouring stems: the word and the one before it (``-``) or after it (``+``); the tagger
    looks them up by template ``bg-``/``bg+`` and value ``left|right``."""
    return f"bg{side}={left}|{right}"


def kb_feature(offset: int, tag: str) -> str:
    return f"kb{offset}={tag}"


class Features:
    """Sentences of tokens as CRFsuite items: per token a list of feature names (see the module doc).

    ``norms`` maps a folded word to its stem (Arabic clitics off; empty for Persian); ``names`` grades
    stems by how often they stand where a person's name does (:func:`rasad.actors.ner_data.name_positions`);
    ``given`` are given names (folded); ``forms`` grades words by how often the raw news writes their other
    form (:func:`rasad.actors.ner_data.word_forms`) in ``lang``."""

    def __init__(
        self,
        norms: dict[str, str],
        names: dict[str, dict[str, str]] | None = None,
        given: dict[str, str] | frozenset[str] = frozenset(),
        forms: dict[str, str] | None = None,
        lang: str = "",
        clusters: dict[str, list[int]] | None = None,
    ) -> None:
        self.norms = norms
        self.first_names = (names or {}).get("first", {})
        self.next_names = (names or {}).get("next", {})
        self.given = given if isinstance(given, dict) else dict.fromkeys(given, GIVEN)
        self.forms = forms or {}
        self.lang = lang
        self.clusters = {w: tuple(str(c) for c in found) for w, found in (clusters or {}).items()}
        self._words: dict[str, tuple[list[str], tuple[list[str], ...], str]] = {}

    def values(self, token: str) -> tuple[tuple[str | None, ...], str]:
        """(the word's values in :data:`LAYOUT` order, None where it has none; its stem)."""
        k = fold(token)
        n = self.norms.get(k, k)
        clusters = self.clusters.get(k) or self.clusters.get(n) or NO_CLUSTERS
        return (k, n, n[:2], n[:3], k[-1:], k[-2:], k[-3:], shape(k), str(min(len(k), 8)),
                self.first_names.get(n) or None, self.next_names.get(n) or None,
                self.given.get(k), self.forms.get(form_key(n, self.lang)), *clusters), n

    def describe(self, token: str) -> tuple[list[Feature], tuple[list[Feature], ...], str]:
        """(the word's own features, its features as the neighbour at each offset of CONTEXT, its stem);
        a feature is a (template, value) pair, named ``template=value`` (see :func:`feature_name`)."""
        values, stem = self.values(token)
        slots: tuple[list[Feature], ...] = ([BIAS], *([] for _ in CONTEXT))
        for (_, templates), value in zip(LAYOUT, values, strict=True):
            if value is not None:
                for features, template in zip(slots, templates, strict=True):
                    if template:
                        features.append((template, value))
        return slots[0], slots[1:], stem

    def word(self, token: str) -> tuple[list[str], tuple[list[str], ...], str]:
        """:meth:`describe` with the features named, cached (training reads every sentence once)."""
        cached = self._words.get(token)
        if cached is None:
            own, context, stem = self.describe(token)
            cached = self._words[token] = ([feature_name(f) for f in own], tuple([feature_name(f) for f in c] for c in context), stem)
        return cached

    def sentence(self, tokens: Sequence[str], kb: Sequence[str] | None = None) -> list[list[str]]:
        """The items of one sentence; ``kb`` is the sentence's knowledge-base BIO tags, when used."""
        words = [self.word(t) for t in tokens]
        n = len(words)
        items = []
        for i, (own, _, stem) in enumerate(words):
            f = list(own)
            for slot, o in enumerate(CONTEXT):
                j = i + o
                f += words[j][1][slot] if 0 <= j < n else [edge_feature(o)]
            if i:
                f.append(bigram_feature("-", words[i - 1][2], stem))
            if i + 1 < n:
                f.append(bigram_feature("+", stem, words[i + 1][2]))
            if kb is not None:
                f += [kb_feature(o, kb[i + o]) for o in KB_CONTEXT if 0 <= i + o < n]
            items.append(f)
        return items


def feature_person_words(lang: str, trained: Iterable[str], native: bool) -> dict[str, str]:
    """Word -> its ``gn`` value: GIVEN for :func:`feature_given_names`; with ``native`` also the grades
    of the person-name lists (:func:`rasad.actors.ner_data.native_names`), a given name winning."""
    names = native_names(lang) if native else {}
    grades: dict[str, str] = {}
    for grade in (FAMILY_WORD, FAMILY, GIVEN_WORD, GIVEN):  # the stronger grade last, so it wins
        grades.update(dict.fromkeys(names.get(grade, ()), grade))
    grades.update(dict.fromkeys(feature_given_names(lang, trained), GIVEN))
    return grades


def feature_given_names(lang: str, trained: Iterable[str]) -> frozenset[str]:
    """The given names the ``gn`` feature marks: the knowledge base's (:func:`rasad.actors.link.given_names`),
    the foreign ones of ``lang`` and ``trained`` (those of the training file, :func:`given_names_of`)."""
    from rasad.actors.link import given_names

    return given_names() | foreign_given_keys(lang) | frozenset(trained)


def sentence_kb_tags(tokens: Sequence[str], lang: str) -> list[str]:
    """The knowledge-base tags of a sentence read on its own (training, and files of sentences)."""
    from rasad.actors.kbtags import kb_tags

    return kb_tags(tokens, lang)


# ----------------------------------------------------------------------------------------- tagging


class Tagger:
    """A trained model of one language: ``tag_sentences`` gives BIO tags (PER, ORG, LOC).

    The CRF's weights are read from the exported files (see :func:`export`) and applied here with numpy:
    a word type's own and neighbour features are summed into one vector per slot, once per type; a
    sentence's label scores are then a few gathers, and the best labels of all the sentences of an
    article come out of one batched Viterbi pass. The labels are those CRFsuite's own tagger gives."""

    TYPE_ROWS = 131_072  # word types whose summed weights are kept (18 MB); then the table starts again

    def __init__(self, lang: str, where: Path) -> None:
        import numpy as np

        self.lang = lang
        self.settings = {**DEFAULTS, **LANG_SETTINGS.get(lang, {})}
        settings_path = where / TRAINING_FILE
        if settings_path.is_file():
            # a model trained before a setting existed was trained without it
            self.settings.update({"native": False, **json.loads(settings_path.read_text(encoding="utf-8")).get("settings", {})})
        self.given_names = frozenset(_read_table(where / GIVEN_FILE, []))
        self.place_names = frozenset(_read_table(where / PLACES_FILE, []))
        self.everyday_words = frozenset(_read_table(where / EVERYDAY_FILE, []))
        self.preverbs = frozenset(_read_table(where / PREVERBS_FILE, []))
        self.features = Features(
            _read_table(where / NORMS_FILE, {}),
            _read_table(where / NAMES_FILE, None),
            feature_person_words(lang, self.given_names, self.settings["native"]) if self.settings["given"] else frozenset(),
            _read_table(where / FORMS_FILE, {}),
            lang,
            _read_table(where / CLUSTERS_FILE, {}),
        )
        names = json.loads((where / ATTRIBUTES_FILE).read_text(encoding="utf-8"))
        with np.load(where / WEIGHTS_FILE) as data:
            state, self.transitions = data["state"], data["transitions"]
        self.labels: list[str] = names["labels"]
        self.templates: dict[str, dict[str | None, int]] = {}  # template -> value -> weight row
        for i, a in enumerate(names["attributes"]):
            template, value = parse_feature(a)
            self.templates.setdefault(template, {})[value] = i
        width = len(self.labels)
        self.state = np.vstack([state, np.zeros((1, width), state.dtype)])  # the last row: a feature never seen
        self.unseen = len(names["attributes"])
        self.edges = np.stack([self._sum([edge_feature(o)]) for o in CONTEXT])
        self.kb_tags = {t: i for i, t in enumerate(["O"] + [f"{p}-{lab}" for lab in LABELS for p in "BI"])}
        self.kb_weights = np.stack([np.stack([self._sum([kb_feature(o, t)]) for t in self.kb_tags]) for o in KB_CONTEXT])
        # per LAYOUT value: value -> row of a table of its weights in every slot (the last row: unseen)
        self.parts: list[tuple[dict[str, int], Any]] = [self._part(templates) for _, templates in LAYOUT]
        self.kept = [k for k, (index, _) in enumerate(self.parts) if index]  # values with weights (not 'k1' unless clustered)
        self.bias = np.zeros((SLOTS, width), state.dtype)
        self.bias[0] = self._sum([feature_name(BIAS)])
        self.types: dict[str, int] = {}
        self.table = np.zeros((self.TYPE_ROWS, SLOTS, width), state.dtype)
        self.stems: list[str] = []

    def _part(self, templates: Sequence[str | None]) -> tuple[dict[str, int], Any]:
        """The weights one value of a word brings in each slot, as (value -> row, rows); the table's last
        row, all zeros, is for a value the model never kept."""
        import numpy as np

        columns = [self.templates.get(t, {}) if t else {} for t in templates]
        index = {v: i for i, v in enumerate(sorted({v for c in columns for v in c}))}
        rows = np.zeros((len(index) + 1, SLOTS, self.state.shape[1]), self.state.dtype)
        for slot, column in enumerate(columns):
            for value, row in column.items():
                rows[index[value], slot] = self.state[row]
        return index, rows

    def _row(self, name: str) -> int:
        template, value = parse_feature(name)
        return self.templates.get(template, {}).get(value, self.unseen)

    def _sum(self, names: Sequence[str]) -> Any:
        return self.state[[self._row(f) for f in names]].sum(axis=0)

    def _add_types(self, tokens: Sequence[str]) -> None:
        """Sum the weights of new word types' features, per slot (own, then each neighbour offset): per
        value of LAYOUT the model kept weights for, one gather of its rows for all of them. A feature the model
        never kept weighs nothing."""
        import numpy as np

        found: list[list[int]] = [[] for _ in self.kept]
        for token in tokens:
            values, stem = self.features.values(token)
            for rows, k in zip(found, self.kept):
                rows.append(self.parts[k][0].get(values[k], -1))  # type: ignore[arg-type]
            self.types[token] = len(self.stems)
            self.stems.append(stem)
        sums = self.bias + sum(self.parts[k][1][np.array(rows, np.intp)] for rows, k in zip(found, self.kept))
        self.table[len(self.stems) - len(tokens) : len(self.stems)] = sums

    def scores(self, sentences: Sequence[Sequence[str]], kb: Sequence[Sequence[str]] | None) -> list[Any]:
        """Label scores (tokens x labels) of each sentence: the CRF's state features, summed; all the
        sentences in one pass over their tokens laid end to end (a neighbour in another sentence is
        the sentence's edge)."""
        import numpy as np

        if not sentences:
            return []
        lengths = np.array([len(s) for s in sentences], np.intp)
        tokens = [t for s in sentences for t in s]
        n = len(tokens)
        if len(self.types) + n > len(self.table):  # full: start again (grown for a text longer than it)
            self.types.clear()
            self.stems.clear()
            if n > len(self.table):
                self.table = np.zeros((n, *self.table.shape[1:]), self.table.dtype)
        new = [t for t in dict.fromkeys(tokens) if t not in self.types]
        if new:
            self._add_types(new)
        types = self.types
        idx = np.array([types[t] for t in tokens], np.intp)
        at = np.arange(n)
        pos = at - np.repeat(np.cumsum(lengths) - lengths, lengths)  # a token's place in its sentence
        size = np.repeat(lengths, lengths)
        table = self.table
        scores = table[idx, 0]
        for slot, o in enumerate(CONTEXT):
            inside = ((pos + o >= 0) & (pos + o < size))[:, None]
            scores += np.where(inside, table[idx[np.clip(at + o, 0, max(n - 1, 0))], 1 + slot], self.edges[slot])
        if n > 1:
            stems = [self.stems[t] for t in idx.tolist()]
            unseen = self.unseen
            pairs = [f"{a}|{b}" for a, b in zip(stems, stems[1:])]
            apart = pos[1:] == 0  # the pair spans two sentences
            before_rows, after_rows = self.templates.get("bg-", {}), self.templates.get("bg+", {})
            before = np.array([before_rows.get(p, unseen) for p in pairs], np.intp)
            after = np.array([after_rows.get(p, unseen) for p in pairs], np.intp)
            before[apart] = after[apart] = unseen
            scores[1:] += self.state[before]
            scores[:-1] += self.state[after]
        if kb is not None:
            tag_ids = np.array([self.kb_tags.get(t, 0) for tags in kb for t in tags], np.intp)
            for slot, o in enumerate(KB_CONTEXT):
                inside = ((pos + o >= 0) & (pos + o < size))[:, None]
                scores += np.where(inside, self.kb_weights[slot, tag_ids[np.clip(at + o, 0, max(n - 1, 0))]], 0)
        return np.split(scores, np.cumsum(lengths)[:-1])

    def tag_sentences(
        self, sentences: Sequence[Sequence[str]], kb: Sequence[Sequence[str]] | None = None, o_penalty: float = 0.0
    ) -> list[list[str]]:
        """BIO tags per sentence. ``kb``: each sentence's knowledge-base tags when the caller has them
        (the pipeline reads them off the article's linked names); else each sentence is linked on its own.
        ``o_penalty`` is taken off the O label's score of every token: more names, fewer of them right."""
        if self.settings["kb"] and kb is None:
            kb = [sentence_kb_tags(tokens, self.lang) if tokens else [] for tokens in sentences]
        if not self.settings["kb"]:
            kb = None
        labels = self.labels
        scores = self.scores(sentences, kb)
        if o_penalty:  # the scores are this call's own arrays: lowered in place
            o = labels.index("O")
            for s in scores:
                s[:, o] -= o_penalty
        return [[labels[k] for k in path] for path in viterbi(scores, self.transitions)]

    def tag_file(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """:meth:`tag_sentences` for the sentences of a file, in order: with the ``propagate`` setting, a
        name tagged once is tagged where nearby sentences repeat it (:func:`propagate`)."""
        tags = self.tag_sentences(sentences)
        return propagate(sentences, tags, self.features.norms) if self.settings["propagate"] else tags


def _read_table(path: Path, missing: Any) -> Any:
    """A model's JSON table, or ``missing`` when the model ships none (a Persian model has no stems)."""
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else missing


def viterbi(scores: Sequence[Any], transitions: Any) -> list[list[int]]:
    """The best label sequence of each sentence (label scores per token, plus ``transitions[a, b]`` for
    label a followed by b), all sentences at once: one step per position of the longest, each step over
    the sentences still that long (longest first)."""
    import numpy as np

    if not scores:
        return []
    lengths = np.array([len(s) for s in scores], np.intp)
    order = np.argsort(-lengths, kind="stable")
    batch, longest, width = len(scores), int(lengths.max()), transitions.shape[0]
    emit = np.zeros((max(longest, 1), batch, width), transitions.dtype)  # position, sentence, label
    for row, b in enumerate(order.tolist()):
        emit[: lengths[b], row] = scores[b]
    active = np.searchsorted(-lengths[order], -np.arange(longest), side="left").tolist()  # sentences longer than t
    into = np.ascontiguousarray(transitions.T)  # to, from: each step reduces over the last axis
    score = emit[0].copy()
    back = np.zeros((max(longest, 1), batch, width), np.intp)
    step = np.empty((batch, width, width), transitions.dtype)
    for t in range(1, longest):  # a step is four numpy calls into buffers made once
        a = active[t]
        now, into_now = score[:a], step[:a]
        np.add(now[:, None, :], into, out=into_now)
        into_now.argmax(axis=2, out=back[t, :a])
        into_now.max(axis=2, out=now)
        now += emit[t, :a]
    back = back.transpose(1, 0, 2)
    paths: list[list[int]] = [[] for _ in scores]
    ends = score.argmax(axis=1).tolist()
    for row, b in enumerate(order.tolist()):
        n = int(lengths[b])
        if not n:
            continue
        label = ends[row]
        path = [label]
        steps = back[row, 1:n].tolist()  # plain lists: one conversion, then no numpy scalar per token
        for t in range(n - 2, -1, -1):
            label = steps[t][label]
            path.append(label)
        paths[b] = path[::-1]
    return paths


@cache
def load(lang: str, path: str | None = None) -> Tagger:
    """The trained tagger for ``lang`` (loaded once)."""
    if lang not in LANGS:
        raise DataFileError(f"no entity model for language {lang!r}; use one of {list(LANGS)}", value=lang)
    where = Path(path) if path else MODELS_DIR / lang
    if not (where / WEIGHTS_FILE).is_file():
        raise ModelMissing(
            f"entity model for {lang!r} not found at {where}; train it with `rasad train ner --lang {lang}`",
            value=str(where),
        )
    return Tagger(lang, where)


def tag_tokens(tokens: Sequence[str], lang: str) -> list[str]:
    """BIO tags (PER, ORG, LOC) for one sentence of tokens."""
    if not tokens:
        return []
    return load(lang).tag_sentences([tokens])[0]


def tag_sentences(
    sentences: Sequence[Sequence[str]], lang: str, kb: Sequence[Sequence[str]] | None = None, o_penalty: float = 0.0
) -> list[list[str]]:
    """BIO tags for many sentences; ``kb`` and ``o_penalty`` as in :meth:`Tagger.tag_sentences`."""
    return load(lang).tag_sentences(sentences, kb, o_penalty)


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


NEARBY = 10  # sentences either side that a file of sentences shares its names with (:func:`propagate`)
MIN_SINGLE = 3  # a one-word name shorter than this is not spread


def propagate(sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]], norms: dict[str, str]) -> list[list[str]]:
    """A name tagged in one sentence is tagged where the :data:`NEARBY` sentences repeat it untagged
    (same stems, every word still O), with the type it was given most often there; longer names first.

    Files of sentences carry no document breaks, and a story repeats its names ('فرويد' tagged once, missed
    ten times): this is the document context a sentence-level CRF lacks. The pipeline has its own,
    article-wide reading of names, so this is for :func:`tag_conll` and :func:`evaluate` only."""
    keys = [[norms.get(k, k) for k in map(fold, s)] for s in sentences]
    out = [list(t) for t in tags]
    found = [[(tuple(keys[i][a:b]), label) for a, b, label in entity_spans(t)] for i, t in enumerate(tags)]
    for i, (words, labels) in enumerate(zip(keys, out, strict=True)):
        votes: dict[tuple[str, ...], Counter[str]] = {}
        for near in found[max(0, i - NEARBY) : i + NEARBY + 1]:
            for name, label in near:
                votes.setdefault(name, Counter())[label] += 1
        for name in sorted(votes, key=len, reverse=True):
            n = len(name)
            if n == 1 and len(name[0]) < MIN_SINGLE:
                continue
            label = votes[name].most_common(1)[0][0]
            for a in range(len(words) - n + 1):
                if tuple(words[a : a + n]) == name and all(t == "O" for t in labels[a : a + n]):
                    labels[a : a + n] = [f"B-{label}"] + [f"I-{label}"] * (n - 1)
    return out


# ---------------------------------------------------------------------------------------- training


def _fit(items: list[list[list[str]]], tags: list[list[str]], settings: dict[str, Any], model_path: Path) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(items, tags, strict=True):
        if x:
            trainer.append(x, y)
    trainer.set_params({"c1": settings["c1"], "c2": settings["c2"], "max_iterations": settings["iterations"],
                        "feature.possible_transitions": True, "feature.possible_states": settings.get("states", False)})
    trainer.train(str(model_path))


def train(
    lang: str,
    out_dir: str | Path | None = None,
    *,
    seed: int = 0,
    corpora: str | Path | None = None,
    log: Callable[[str], None] | None = None,
    **overrides: Any,
) -> dict[str, Any]:
    """Train the ``lang`` tagger: fit on the train part of its corpus and score the dev part, then fit
    again on all of it with the same settings and save that model in ``out_dir``.

    ``overrides`` change :data:`DEFAULTS` (c1, c2, iterations, kb). L-BFGS is deterministic: ``seed`` is
    kept for the command line's sake and recorded. Returns the training report (settings, dev scores,
    times), also written to ``out_dir/training.json``.
    """
    log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
    unknown = set(overrides) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"unknown training settings {sorted(unknown)}; valid: {sorted(DEFAULTS)}")
    settings = {**DEFAULTS, **LANG_SETTINGS.get(lang, {}), **overrides}
    out = Path(out_dir) if out_dir else MODELS_DIR / lang
    started = time.perf_counter()
    sentences = [s for s in load_sentences(lang, corpora=corpora) if s[0]]
    train_sents, dev_sents = split_train_dev(sentences)
    corpus = raw_corpus(lang, corpora)  # the raw news: Arabic stems, name and place positions
    norms = clitic_norms(Counter(t for para in corpus for t in para)) if lang == "ar" else {}
    names = name_positions(corpus, lang, norms) if settings["names"] else None
    forms = word_forms(corpus, lang) if settings["forms"] else {}
    kb = {id(toks): sentence_kb_tags(toks, lang) for toks, _ in sentences} if settings["kb"] else {}

    def items_given(names_from: list[Sentence], clusters: dict[str, list[int]]) -> dict[int, list[list[str]]]:
        """Every sentence's items, with the given names of ``names_from`` (the dev fit sees none of the dev's)."""
        given = feature_person_words(lang, given_names_of(names_from), settings["native"]) if settings["given"] else frozenset()
        features = Features(norms, names, given, forms, lang, clusters)
        return {id(toks): features.sentence(toks, kb.get(id(toks))) for toks, _ in sentences}

    # the dev fit's clusters are learnt from the raw news and the train part (raw_corpus), not the dev's words
    clusters = word_clusters(corpus) if settings["clusters"] else {}
    items = items_given(train_sents, clusters)
    log(f"ner {lang}: {len(train_sents)} train / {len(dev_sents)} dev sentences, features ready "
        f"{time.perf_counter() - started:.0f}s, settings {settings}")

    with tempfile.TemporaryDirectory(prefix="rasad-ner-") as tmp:
        dev_model = Path(tmp) / MODEL_FILE
        _fit([items[id(t)] for t, _ in train_sents], [g for _, g in train_sents], settings, dev_model)
        import pycrfsuite

        crf = pycrfsuite.Tagger()
        crf.open(str(dev_model))
        t0 = time.perf_counter()
        predicted = [crf.tag(items[id(t)]) for t, _ in dev_sents]
        tag_seconds = time.perf_counter() - t0
        crf.close()
    gold = [g for _, g in dev_sents]
    sentence_level = score_entities(gold, predicted, LABELS)
    if settings["propagate"]:
        predicted = propagate([t for t, _ in dev_sents], predicted, norms)
    dev = score_entities(gold, predicted, LABELS)
    fitted = time.perf_counter() - started
    log(f"ner {lang}: dev F1 {dev['overall']['f1']:.4f} ({fitted:.0f}s); fitting on all {len(sentences)} sentences")
    out.mkdir(parents=True, exist_ok=True)
    if settings["clusters"]:
        clusters = word_clusters(corpus + [[fold(t) for t in toks] for toks, _ in dev_sents])
    items = items_given(sentences, clusters)
    with tempfile.TemporaryDirectory(prefix="rasad-ner-") as tmp:
        final = Path(tmp) / MODEL_FILE
        _fit([items[id(t)] for t, _ in sentences], [g for _, g in sentences], settings, final)
        size = export(final, out)
    (out / GIVEN_FILE).write_text(json.dumps(given_names_of(sentences), ensure_ascii=False), encoding="utf-8")
    (out / PLACES_FILE).write_text(json.dumps(place_positions(corpus, lang, norms), ensure_ascii=False), encoding="utf-8")
    (out / EVERYDAY_FILE).write_text(json.dumps(everyday_words(corpus, lang, norms), ensure_ascii=False), encoding="utf-8")
    tables = ((NORMS_FILE, norms), (NAMES_FILE, names), (FORMS_FILE, forms), (CLUSTERS_FILE, clusters),
              (PREVERBS_FILE, preverbs(corpus, lang)))
    for file, table in tables:
        if table:
            (out / file).write_text(json.dumps(table, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        else:
            (out / file).unlink(missing_ok=True)
    report = {
        "lang": lang, "seed": seed, "settings": settings, "train_sentences": len(train_sents),
        "dev_sentences": len(dev_sents), "final_sentences": len(sentences), "dev": dev,
        "dev_sentence_level": sentence_level["overall"],
        "dev_crf_tokens_per_second": round(sum(len(t) for t, _ in dev_sents) / tag_seconds) if tag_seconds else None,
        "model": size,
        "train_seconds": round(time.perf_counter() - started),
    }
    (out / TRAINING_FILE).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    load.cache_clear()
    return report


def export(model_path: Path, out: Path) -> dict[str, int]:
    """Write a CRFsuite model's weights as :class:`Tagger` reads them: WEIGHTS_FILE (state weights, one
    row per attribute, one column per label; transitions) and ATTRIBUTES_FILE (the rows' names, the labels)."""
    import numpy as np
    import pycrfsuite

    crf = pycrfsuite.Tagger()
    crf.open(str(model_path))
    info = crf.info()
    crf.close()
    labels = sorted(info.labels, key=lambda lab: int(info.labels[lab]))
    column = {lab: i for i, lab in enumerate(labels)}
    attributes = sorted({a for a, _ in info.state_features})
    row = {a: i for i, a in enumerate(attributes)}
    state = np.zeros((len(attributes), len(labels)), np.float32)
    for (attr, label), weight in info.state_features.items():
        state[row[attr], column[label]] = weight
    transitions = np.zeros((len(labels), len(labels)), np.float32)
    for (a, b), weight in info.transitions.items():
        transitions[column[a], column[b]] = weight
    np.savez_compressed(out / WEIGHTS_FILE, state=state, transitions=transitions)
    (out / ATTRIBUTES_FILE).write_text(json.dumps({"labels": labels, "attributes": attributes}, ensure_ascii=False), encoding="utf-8")
    return {"attributes": len(attributes), "labels": len(labels), "state_features": len(info.state_features)}


# -------------------------------------------------------------------------------- files of sentences


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
    tagger = load(lang)
    predicted = tagger.tag_file([toks for toks, _ in sentences])
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
    tagger = load(lang, model)
    started = time.perf_counter()
    pred = tagger.tag_file([toks for toks, _ in sents])
    seconds = time.perf_counter() - started
    ntok = sum(len(t) for t, _ in sents)
    scores = score_entities(gold, pred, LABELS)
    return {"lang": lang, "file": str(conll_path), "sentences": len(sents), "tokens": ntok,
            "tokens_per_second": round(ntok / seconds) if seconds else None, "scores": scores}


def dev_split(lang: str, corpora: str | Path | None = None) -> list[Sentence]:
    """The dev sentences of ``lang`` (mapped labels), as held out by :func:`train`."""
    return split_train_dev(load_sentences(lang, corpora=corpora))[1]
