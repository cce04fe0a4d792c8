"""Disjoint sets: grouping things that pairwise belong together (actors, statement reports)."""

from __future__ import annotations


class UnionFind:
    """Union-find over 0..size-1, with path halving; a group's root is its smallest member."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> dict[int, list[int]]:
        """Root -> members, members in ascending order."""
        result: dict[int, list[int]] = {}
        for item in range(len(self.parent)):
            result.setdefault(self.find(item), []).append(item)
        return result
