"""Near-duplicate detection: word shingles of the match-key body, MinHash signatures, LSH band keys.

Pure functions, no database. An article's body (its kept paragraphs) is folded to match keys, so the
same wire story in Arabic and Persian letter forms, with or without ZWNJ and diacritics, gives the same
words; headlines are left out (outlets rewrite them). Shingles are runs of ``SHINGLE_WORDS`` words; a
signature holds ``NUM_PERM`` minimum hashes (datasketch's MinHash, seeded, so every process and machine
agrees). The signature is cut into ``BANDS`` bands of ``ROWS`` rows: two articles whose signatures
agree on any whole band are candidates, and a candidate is a near-duplicate when the estimated
Jaccard similarity of the two shingle sets reaches ``THRESHOLD``. With 32 bands of 4 rows, a pair at
similarity 0.5 becomes a candidate with probability 0.87, a pair at 0.8 with probability 1.0.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

from rasad.text.keys import match_key

SHINGLE_WORDS = 5
NUM_PERM = 128
BANDS, ROWS = 32, 4
THRESHOLD = 0.5  # estimated Jaccard similarity at or above which two bodies are near-duplicates
MIN_SHINGLES = 3  # bodies shorter than this (about seven words) are not compared
SEED = 1
_WORD = re.compile(r"\w+")

assert BANDS * ROWS == NUM_PERM


def body_text(original: str, output: dict) -> str:
    """The kept paragraphs of a stored article, from its original and stored output."""
    return "\n\n".join(original[p["start"] : p["end"]] for p in output.get("paragraphs", []))


def shingles(text: str) -> set[bytes]:
    """The distinct runs of SHINGLE_WORDS match-key words of ``text`` (one run for a shorter text)."""
    words = _WORD.findall(match_key(text))
    if not words:
        return set()
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)}


def signatures(shingle_sets: Sequence[set[bytes]]) -> list[np.ndarray]:
    """One MinHash signature (NUM_PERM uint32) per shingle set."""
    from datasketch import MinHash

    if not shingle_sets:
        return []
    out = []
    for m, s in zip(MinHash.bulk([sorted(s) for s in shingle_sets], num_perm=NUM_PERM, seed=SEED), shingle_sets):
        out.append(m.hashvalues.astype("<u4") if s else np.full(NUM_PERM, 0xFFFFFFFF, dtype="<u4"))
    return out


def to_bytes(signature: np.ndarray) -> bytes:
    return signature.astype("<u4").tobytes()


def from_bytes(blob: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(blob), dtype="<u4")


def band_keys(signature: np.ndarray) -> list[int]:
    """The BANDS keys of a signature: each band's number and rows hashed to a signed 64-bit integer."""
    raw = signature.astype("<u4").tobytes()
    width = ROWS * 4
    return [
        int.from_bytes(hashlib.blake2b(bytes([b]) + raw[b * width : (b + 1) * width], digest_size=8).digest(), "little", signed=True)
        for b in range(BANDS)
    ]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The estimated Jaccard similarity of the two shingle sets behind two signatures."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def near_duplicates(a: np.ndarray, b: np.ndarray) -> bool:
    return similarity(a, b) >= THRESHOLD

