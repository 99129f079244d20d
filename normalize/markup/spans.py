"""Protected spans: sorting, merging, and the fast "does this range touch one?" test."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable

Span = tuple[int, int]
"""`[start, end)`: character offsets into the text exactly as given."""

def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sort spans and merge the ones that overlap or touch; empty spans are dropped."""
    merged: list[list[int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1][1] = end
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def is_protected(spans: list[Span]) -> Callable[[int, int], bool]:
    """A fast test: does `[start, end)` touch a protected span?

    `spans` must be sorted and merged (as `protected_spans` returns them). A
    non-empty range is protected when it overlaps a span; an insertion
    (`start == end`) only when a span strictly contains its position, so text
    may still be inserted right before or after a code span — the same rule as
    `edits.resolve_overlaps`.
    """
    starts = [s for s, _ in spans]
    ends = [e for _, e in spans]

    def check(start: int, end: int) -> bool:
        i = bisect.bisect_left(starts, end if end > start else start) - 1
        if i < 0:
            return False
        return ends[i] > start

    return check
