"""Connected groups: keys joined pair by pair (union-find with path halving)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable


class UnionFind:
    """Groups of keys, joined pair by pair; a group is named by its smallest key."""

    def __init__(self, keys: Iterable[Hashable] = ()) -> None:
        self.parent: dict = {k: k for k in keys}

    def add(self, key: Hashable) -> None:
        self.parent.setdefault(key, key)

    def find(self, key: Hashable) -> Hashable:
        parent = self.parent
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(self, a: Hashable, b: Hashable) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra

    def groups(self) -> dict[Hashable, list[Hashable]]:
        """root -> the keys of its group, in the order they were added."""
        out: dict = {}
        for key in list(self.parent):
            out.setdefault(self.find(key), []).append(key)
        return out
