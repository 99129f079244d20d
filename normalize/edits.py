"""Proposals, changes and findings, and applying edits in one pass.

Stages never rewrite text themselves: they return `Edit` proposals and `Finding`s.
The pipeline resolves overlaps, applies the surviving edits once and reports each one
as a `Change` with offsets into the *input* text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Iterable

SEVERITIES = ("info", "warning", "error")
CATEGORIES = (
    "encoding",
    "unicode",
    "homoglyph",
    "foreign-script",
    "honorific",
    "transliteration",
    "typography",
    "whitespace",
)


@dataclass(frozen=True, slots=True)
class Edit:
    """A proposed replacement of text[start:end] by `replacement`.

    `safe=False` marks a fix that could change meaning (fuzzy name repair,
    glossary translation): it is applied only with unsafe fixes enabled and is
    otherwise reported as a finding with a suggestion.
    """

    start: int
    end: int
    replacement: str
    rule: str
    category: str
    message: str
    safe: bool = True
    severity: str = "warning"
    priority: int = 0  # higher wins when two edits overlap


@dataclass(frozen=True, slots=True)
class Change:
    """One applied edit: `before` at [start, end) of the input (1-based `line`/`column`) became
    `after`, by `rule` (of `category`), for the reason in `message`."""

    rule: str
    category: str
    start: int
    end: int
    line: int
    column: int
    before: str
    after: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON report's form of this change."""
        return {
            "rule": self.rule, "category": self.category, "start": self.start, "end": self.end,
            "line": self.line, "column": self.column, "before": self.before, "after": self.after,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """Something for a human: `text` at [start, end) of the input, by `rule`, at `severity`
    (error, warning or info), with a `suggestion` and the `script`/`language` where they apply."""

    rule: str
    category: str
    severity: str
    start: int
    end: int
    text: str
    message: str
    line: int = 0
    column: int = 0
    script: str | None = None
    language: str | None = None
    confidence: float | None = None
    suggestion: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON report's form of this finding (optional fields only when set)."""
        out = {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "message": self.message,
        }
        for key in ("script", "language", "confidence", "suggestion"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        out.update(self.extra)
        return out


class LineIndex:
    """Maps character offsets to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self._starts = [0]
        pos = text.find("\n")
        while pos != -1:
            self._starts.append(pos + 1)
            pos = text.find("\n", pos + 1)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def resolve_overlaps(edits: Iterable[Edit]) -> list[Edit]:
    """Keep a non-overlapping subset: higher priority first, then longer, then earlier.

    Zero-width edits (insertions) conflict with an edit that strictly contains
    their position. The result is sorted by position.
    """
    ranked = sorted(edits, key=lambda e: (-e.priority, -(e.end - e.start), e.start, e.rule))
    kept: list[Edit] = []
    spans: list[tuple[int, int]] = []  # sorted, non-overlapping
    for edit in ranked:
        i = bisect.bisect_left(spans, (edit.start, edit.end))
        left = spans[i - 1] if i > 0 else None
        right = spans[i] if i < len(spans) else None
        if left and _overlaps(left, (edit.start, edit.end)):
            continue
        if right and _overlaps(right, (edit.start, edit.end)):
            continue
        spans.insert(i, (edit.start, edit.end))
        kept.append(edit)
    kept.sort(key=lambda e: (e.start, e.end))
    return kept


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a == b:
        return True
    if a[0] == a[1] or b[0] == b[1]:  # an insertion touches only what strictly contains it
        return a[0] < b[0] < a[1] or b[0] < a[0] < b[1]
    return a[0] < b[1] and b[0] < a[1]


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply sorted, non-overlapping edits in one pass."""
    parts: list[str] = []
    pos = 0
    for edit in edits:
        parts.append(text[pos : edit.start])
        parts.append(edit.replacement)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


def apply_changes(text: str, changes: Iterable[Change | dict[str, Any]]) -> str:
    """Replay a report: apply its changes (objects or JSON dicts) to the input text."""
    items = [c if isinstance(c, dict) else c.to_dict() for c in changes]
    items.sort(key=lambda c: (c["start"], c["end"]))
    parts: list[str] = []
    pos = 0
    for change in items:
        if text[change["start"] : change["end"]] != change["before"]:
            raise ValueError(f"change at {change['start']} does not match the input text")
        parts.append(text[pos : change["start"]])
        parts.append(change["after"])
        pos = change["end"]
    parts.append(text[pos:])
    return "".join(parts)


def compose(first: list[Edit], text1: str, second: list[Edit]) -> list[Edit]:
    """Express two successive rounds of edits as one list of edits on the original text.

    `first` turned the original into text1; `second` (offsets into text1) turns text1 into
    the output. Edits of the second round that touch text written by the first are
    merged with it into one edit, so the result still replays exactly on text0.
    """
    if not first:
        return list(second)
    if not second:
        return list(first)
    items: list[tuple[int, int, int, Edit]] = []  # (start1, end1, round, edit) in text1 offsets
    shift = 0
    for edit in first:
        out_start = edit.start + shift
        items.append((out_start, out_start + len(edit.replacement), 0, edit))
        shift += len(edit.replacement) - (edit.end - edit.start)
    items += [(e.start, e.end, 1, e) for e in second]
    items.sort(key=lambda item: (item[0], item[1], item[2]))

    clusters: list[list[tuple[int, int, int, Edit]]] = []
    for item in items:
        if clusters:
            last_end = max(i[1] for i in clusters[-1])
            zero = item[0] == item[1] or any(i[0] == i[1] for i in clusters[-1])
            if item[0] < last_end or (item[0] == last_end and zero):
                clusters[-1].append(item)
                continue
        clusters.append([item])

    out: list[Edit] = []
    shift = 0  # text1 offset minus text0 offset, before the current cluster
    for cluster in clusters:
        start1 = min(i[0] for i in cluster)
        end1 = max(i[1] for i in cluster)
        firsts = [i[3] for i in cluster if i[2] == 0]
        seconds = [i[3] for i in cluster if i[2] == 1]
        inner_shift = sum(len(e.replacement) - (e.end - e.start) for e in firsts)
        start0, end0 = start1 - shift, end1 - shift - inner_shift
        shift += inner_shift
        if len(cluster) == 1:
            edit = cluster[0][3]
            out.append(edit if firsts else _moved(edit, start0, end0, edit.replacement))
            continue
        local = [_moved(e, e.start - start1, e.end - start1, e.replacement) for e in seconds]
        after = apply_edits(text1[start1:end1], local)
        lead = firsts[0] if firsts else seconds[0]
        messages = list(dict.fromkeys(e.message for e in firsts + seconds))
        out.append(
            Edit(start0, end0, after, lead.rule, lead.category, "; then ".join(messages), lead.safe,
                 lead.severity, lead.priority)
        )
    return out


def _moved(edit: Edit, start: int, end: int, replacement: str) -> Edit:
    return Edit(start, end, replacement, edit.rule, edit.category, edit.message, edit.safe, edit.severity, edit.priority)


def map_back(first: list[Edit], start: int, end: int) -> tuple[int, int]:
    """Map a span of the text after `first` to the text before it (widening over edits)."""
    return _map_position(first, start, "start"), _map_position(first, end, "end")


def _map_position(first: list[Edit], pos: int, side: str) -> int:
    shift = 0
    for edit in first:
        out_start = edit.start + shift
        out_end = out_start + len(edit.replacement)
        if pos <= out_start:
            return pos - shift
        if pos < out_end:  # strictly inside text the edit wrote
            return edit.start if side == "start" else edit.end
        if pos == out_end and side == "end":
            return edit.end
        shift += len(edit.replacement) - (edit.end - edit.start)
    return pos - shift
