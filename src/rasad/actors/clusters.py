"""Word clusters learnt from raw text, a feature of the entity tagger (``rasad train ner`` writes them).

Words that stand in the same neighbourhoods get the same cluster: 'روسیه', 'پاکستان' and 'ملل' one,
'تهران', 'قم' and 'همدان' another, 'سازمان', 'وزارت' and 'کمیسیون' a third. Such a class is what a
tagger trained on a few thousand sentences lacks for the words it never saw labelled: a town or a body
of the raw news that no training sentence names still falls in the class of the ones that do.

How (all numpy, deterministic on one machine: BLAS is held to one thread):

1. count, for each of the ``most_words`` most frequent words seen ``min_count`` times or more, the
   ``contexts`` most frequent words at each of the offsets -2, -1, +1, +2 (four columns per context word);
2. weigh the counts by positive pointwise mutual information, the context counts smoothed to the 0.75th
   power (Levy, Goldberg & Dagan 2015);
3. reduce the rows to ``dims`` dimensions by a randomized truncated SVD (Halko, Martinsson & Tropp 2011),
   each row scaled by the square roots of the singular values;
4. group the unit-length rows by spherical k-means at each of ``LEVELS`` (coarse to fine), from seeded
   starting centres.

The result maps a folded word to one cluster number per level.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

LEVELS = (64, 256, 1024)  # clusters at each level: the coarse one is also a feature of the neighbours
OFFSETS = (-2, -1, 1, 2)
KMEANS_ROUNDS = 15
OVERSAMPLE = 20  # extra random directions of the randomized SVD
POWER_ROUNDS = 2
CHUNK = 4096  # rows weighed or assigned at a time


def word_clusters(
    paragraphs: Iterable[Sequence[str]],
    *,
    min_count: int = 3,
    most_words: int = 60_000,
    contexts: int = 5000,
    dims: int = 100,
    levels: Sequence[int] = LEVELS,
    seed: int = 0,
) -> dict[str, list[int]]:
    """Folded word -> its cluster at each of ``levels`` (see the module doc); {} when the text holds fewer
    words seen ``min_count`` times than the coarsest level has clusters."""
    from threadpoolctl import threadpool_limits

    paragraphs = [p for p in paragraphs if p]
    counts = Counter(w for p in paragraphs for w in p)
    words = [w for w, n in counts.most_common(most_words) if n >= min_count]
    if len(words) < max(2, min(levels)):
        return {}
    with threadpool_limits(1):
        vectors = _embed(paragraphs, words, [w for w, _ in counts.most_common(contexts)], dims, seed)
        found = [_spherical_kmeans(vectors, min(k, len(words)), seed) for k in levels]
    return {w: [int(level[i]) for level in found] for i, w in enumerate(words)}


def _cooccurrences(paragraphs: list[Sequence[str]], words: list[str], context_words: list[str]) -> Any:
    """Counts: a row per word, a column per (offset, context word)."""
    import numpy as np

    row_of = {w: i for i, w in enumerate(words)}
    col_of = {w: i for i, w in enumerate(context_words)}
    pad = max(abs(o) for o in OFFSETS)
    rows: list[int] = [-1] * pad
    cols: list[int] = [-1] * pad
    for para in paragraphs:  # paragraphs apart by ``pad`` empty places, so no pair crosses a break
        rows += [row_of.get(w, -1) for w in para] + [-1] * pad
        cols += [col_of.get(w, -1) for w in para] + [-1] * pad
    r, c = np.array(rows, np.int64), np.array(cols, np.int64)
    width = len(context_words)
    codes = []
    for slot, offset in enumerate(OFFSETS):
        here, there = r[pad : len(r) - pad], c[pad + offset : len(c) - pad + offset]
        keep = (here >= 0) & (there >= 0)
        codes.append(here[keep] * (len(OFFSETS) * width) + slot * width + there[keep])
    found, n = np.unique(np.concatenate(codes), return_counts=True)
    table = np.zeros((len(words), len(OFFSETS) * width), np.float32)
    table.flat[found] = n
    return table


def _embed(paragraphs: list[Sequence[str]], words: list[str], context_words: list[str], dims: int, seed: int) -> Any:
    """Unit-length vectors of ``words``: PPMI of their neighbours, reduced by a randomized SVD."""
    import numpy as np

    ppmi = _cooccurrences(paragraphs, words, context_words)
    total = float(ppmi.sum())
    smoothed = ppmi.sum(axis=0) ** 0.75
    smoothed *= total / smoothed.sum()
    row_sums = ppmi.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        for start in range(0, len(ppmi), CHUNK):  # in place, a block of rows at a time
            block = ppmi[start : start + CHUNK]
            np.log(block * (total / np.outer(row_sums[start : start + CHUNK], smoothed)), out=block)
            block[~np.isfinite(block)] = 0
            np.maximum(block, 0, out=block)
    dims = min(dims, *ppmi.shape)
    rng = np.random.default_rng(seed)
    basis = ppmi @ rng.standard_normal((ppmi.shape[1], dims + OVERSAMPLE)).astype(np.float32)
    for _ in range(POWER_ROUNDS):
        basis, _ = np.linalg.qr(basis)
        basis = ppmi @ (ppmi.T @ basis)
    basis, _ = np.linalg.qr(basis)
    u, s, _ = np.linalg.svd(basis.T @ ppmi, full_matrices=False)
    vectors = (basis @ u[:, :dims]) * np.sqrt(s[:dims])
    return vectors / (np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9)


def _spherical_kmeans(vectors: Any, k: int, seed: int) -> Any:
    """Each row's cluster among ``k``: centres start at ``k`` rows drawn with ``seed``, then move to the
    direction of their rows' mean, :data:`KMEANS_ROUNDS` times; a centre left empty stays put."""
    import numpy as np

    rng = np.random.default_rng(seed)
    centres = vectors[rng.choice(len(vectors), k, replace=False)].copy()
    found = np.zeros(len(vectors), np.int32)
    for _ in range(KMEANS_ROUNDS):
        for start in range(0, len(vectors), CHUNK):
            found[start : start + CHUNK] = (vectors[start : start + CHUNK] @ centres.T).argmax(axis=1)
        sums = np.zeros_like(centres)
        np.add.at(sums, found, vectors)
        lengths = np.linalg.norm(sums, axis=1)
        kept = lengths > 0
        centres[kept] = sums[kept] / lengths[kept, None]  # the mean's direction
    return found
