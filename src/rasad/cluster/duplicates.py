"""Near-duplicate groups in the store: sign the articles that have no signature yet, find candidates by
their LSH band keys, keep the pairs whose estimated similarity reaches the threshold, and merge them
into the groups that already exist.

Groups are the connected sets of near-duplicate pairs, so they come out the same whether articles
arrive one batch at a time or all at once (``rasad clusters --rebuild``).
"""

from __future__ import annotations

import json

import numpy as np

from rasad.cluster import minhash
from rasad.cluster.groups import UnionFind
from rasad.cluster.write import chunks, cluster_id, marks, new_cluster
from rasad.store.db import Store

KIND = "duplicates"
_CLUSTER = "\x00"  # prefix of the key that stands for an existing group in the union-find


def _sign(store: Store, ids: list[str]) -> dict[str, np.ndarray]:
    """Compute and store the signatures and band keys of articles ``ids``; return the comparable ones."""
    out: dict[str, np.ndarray] = {}
    for batch in chunks(ids):
        rows = store.query(f"SELECT id, original, output FROM articles WHERE id IN ({marks(len(batch))})", batch)
        texts = []
        for aid, original, output in rows:
            output = json.loads(output) if isinstance(output, str) else output
            texts.append((aid, minhash.body_text(original, output)))
        shingle_sets = [minhash.shingles(text) for _, text in texts]
        sigs = minhash.signatures(shingle_sets)
        store.executemany(
            "INSERT INTO article_minhash (article_id, shingles, signature) VALUES (?, ?, ?)",
            [(aid, len(s), minhash.to_bytes(sig)) for (aid, _), s, sig in zip(texts, shingle_sets, sigs)],
        )
        bands = []
        for (aid, _), s, sig in zip(texts, shingle_sets, sigs):
            if len(s) >= minhash.MIN_SHINGLES:
                out[aid] = sig
                bands += [(key, aid) for key in dict.fromkeys(minhash.band_keys(sig))]
        store.executemany("INSERT INTO minhash_bands (band_key, article_id) VALUES (?, ?)", bands)
    return out


def _signatures(store: Store, ids: list[str]) -> dict[str, np.ndarray]:
    out = {}
    for batch in chunks(ids):
        for aid, blob in store.query(f"SELECT article_id, signature FROM article_minhash WHERE article_id IN ({marks(len(batch))})", batch):
            out[aid] = minhash.from_bytes(blob)
    return out


def place(store: Store) -> tuple[int, set[str], set[str]]:
    """Sign the unsigned articles and group them with their near-duplicates. Returns (articles signed,
    ids of the groups made or changed, ids of the articles whose group changed)."""
    new_ids = [r[0] for r in store.query(
        "SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_minhash m WHERE m.article_id = a.id) ORDER BY a.id"
    )]
    if not new_ids:
        return 0, set(), set()
    sigs = _sign(store, new_ids)
    pairs: list[tuple[str, str, float]] = []
    candidates: dict[str, set[str]] = {}
    for aid, sig in sigs.items():
        keys = minhash.band_keys(sig)
        found = {r[0] for r in store.query(f"SELECT DISTINCT article_id FROM minhash_bands WHERE band_key IN ({marks(len(keys))})", keys)}
        found.discard(aid)
        if found:
            candidates[aid] = found
    known = dict(sigs)
    known.update(_signatures(store, sorted({c for found in candidates.values() for c in found} - known.keys())))
    for aid, found in candidates.items():
        for other in found:
            if other in known and minhash.near_duplicates(known[aid], known[other]):
                pairs.append((aid, other, minhash.similarity(known[aid], known[other])))
    if not pairs:
        return len(new_ids), set(), set()

    groups = UnionFind()
    involved = sorted({a for a, b, _ in pairs} | {b for a, b, _ in pairs})
    old: dict[str, str] = {}
    for batch in chunks(involved):
        old.update(store.query(f"SELECT article_id, cluster_id FROM article_duplicates WHERE article_id IN ({marks(len(batch))})", batch))
    for a, b, _ in pairs:
        groups.union(a, b)
    for aid, cid in old.items():
        groups.union(aid, _CLUSTER + cid)

    touched_groups: set[str] = set()
    touched_articles: set[str] = set()
    for keys in groups.groups().values():
        old_ids = sorted(k[1:] for k in keys if k.startswith(_CLUSTER))
        members = {k for k in keys if not k.startswith(_CLUSTER)}
        for batch in chunks(old_ids):
            members.update(r[0] for r in store.query(f"SELECT article_id FROM article_duplicates WHERE cluster_id IN ({marks(len(batch))})", batch))
            store.execute(f"DELETE FROM article_duplicates WHERE cluster_id IN ({marks(len(batch))})", batch)
            store.execute(f"DELETE FROM clusters WHERE id IN ({marks(len(batch))})", batch)
        members_sorted = sorted(members)
        cid = cluster_id(KIND, members_sorted)
        first = _first(store, members_sorted)
        msigs = {**_signatures(store, sorted(members - known.keys())), **{m: known[m] for m in members if m in known}}
        new_cluster(store, cid, KIND)
        store.executemany(
            "INSERT INTO article_duplicates (article_id, cluster_id, similarity) VALUES (?, ?, ?)",
            [(m, cid, 1.0 if m == first else round(minhash.similarity(msigs[first], msigs[m]), 4)) for m in members_sorted],
        )
        touched_groups.add(cid)
        touched_articles |= members
    return len(new_ids), touched_groups, touched_articles


def _first(store: Store, members: list[str]) -> str:
    """The group's first article: the earliest published (undated last; by time on one day), then the smallest id."""
    rows = []
    for batch in chunks(members):
        rows += store.query(f"SELECT id, published_date, published_time FROM articles WHERE id IN ({marks(len(batch))})", batch)
    return min(rows, key=lambda r: (r[1] or "~", r[2] or "~", r[0]))[0]
