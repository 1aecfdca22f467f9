"""What a clustering run reports."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class ClusterReport:
    """One run: articles newly signed, groups and clusters it made or changed, events it placed, and the
    store's totals afterwards (near-duplicate groups; event clusters of two reports or more)."""

    articles_signed: int = 0
    duplicate_groups_changed: int = 0
    events_placed: int = 0
    event_clusters_changed: int = 0
    duplicate_groups: int = 0
    event_clusters: int = 0
    rebuilt: bool = False

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self) -> str:
        what = "rebuilt" if self.rebuilt else "updated"
        return (
            f"clusters {what}: {self.articles_signed} articles signed, {self.events_placed} events placed; "
            f"{self.duplicate_groups} near-duplicate group(s), {self.event_clusters} event(s) reported more than once"
        )
