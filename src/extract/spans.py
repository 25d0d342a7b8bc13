"""Spans already taken in a text, asked about in logarithmic time.

The finders of a clause keep the spans their earlier hits took and refuse a later hit that
overlaps one; a list searched for every hit made a long clause (a table cell, a run of text
without punctuation) cost the square of its hits. Here the taken spans are merged into sorted
disjoint runs, so a test is two bisections whatever the number of hits.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Iterable


class Taken:
    """A union of half-open spans [start, end); empty spans take nothing."""

    __slots__ = ("_starts", "_ends")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            if end <= start:
                continue
            if self._ends and start <= self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], end)
            else:
                self._starts.append(start)
                self._ends.append(end)

    def __bool__(self) -> bool:
        return bool(self._starts)

    def overlaps(self, start: int, end: int) -> bool:
        """True when [start, end) shares a character with a taken span (an empty one shares none)."""
        if end <= start:
            return False
        i = bisect_left(self._starts, end) - 1
        return i >= 0 and self._ends[i] > start

    def covers(self, pos: int) -> bool:
        """True when the character at `pos` is taken."""
        i = bisect_right(self._starts, pos) - 1
        return i >= 0 and self._ends[i] > pos

    def add(self, start: int, end: int) -> None:
        """Take [start, end), merging it with the runs it touches."""
        if end <= start:
            return
        lo = bisect_left(self._ends, start)
        hi = bisect_right(self._starts, end)
        if lo < hi:
            start = min(start, self._starts[lo])
            end = max(end, self._ends[hi - 1])
        self._starts[lo:hi] = [start]
        self._ends[lo:hi] = [end]
