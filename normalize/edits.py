"""Proposals, changes and findings, and applying edits in one pass.

Stages never rewrite text themselves: they return `Edit` proposals and `Finding`s.
The pipeline resolves overlaps, applies the surviving edits once and reports each one
as a `Change` with offsets into the *input* text.
"""

from __future__ import annotations

import bisect
import heapq
import sys
from array import array
from dataclasses import dataclass
from itertools import accumulate
from operator import add, attrgetter, itemgetter, le, lt, sub
from typing import Any, Iterable, Iterator

SEVERITIES = ("info", "warning", "error")
_SPAN = attrgetter("start", "end")  # sort keys made in C: tens of thousands of edits on a mojibake text
_ORDER = itemgetter(0, 1, 2)
_START, _END, _REPLACEMENT = attrgetter("start"), attrgetter("end"), attrgetter("replacement")
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
    extra: dict[str, Any] | None = None  # more JSON fields; None, not a dict per finding (memory)

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
        if self.extra:
            out.update(self.extra)
        return out


# Builders of edits and changes for the tens of thousands a mojibake-heavy text gives: the
# instance the dataclass __init__ makes (every field given), at half its cost; that __init__
# finds each field by name through object.__setattr__, these call the slots' own setters.
_new = object.__new__
_E = tuple(Edit.__dict__[f].__set__ for f in Edit.__dataclass_fields__)
_C = tuple(Change.__dict__[f].__set__ for f in Change.__dataclass_fields__)


def new_edit(start: int, end: int, replacement: str, rule: str, category: str, message: str, safe: bool,
             severity: str, priority: int) -> Edit:
    """Edit(start, end, replacement, rule, category, message, safe, severity, priority)."""
    edit = _new(Edit)  # one setter call per field, unrolled: a loop would cost what it saves
    _E[0](edit, start)
    _E[1](edit, end)
    _E[2](edit, replacement)
    _E[3](edit, rule)
    _E[4](edit, category)
    _E[5](edit, message)
    _E[6](edit, safe)
    _E[7](edit, severity)
    _E[8](edit, priority)
    return edit


def new_change(rule: str, category: str, start: int, end: int, line: int, column: int, before: str, after: str,
               message: str) -> Change:
    """Change(rule, category, start, end, line, column, before, after, message)."""
    change = _new(Change)
    _C[0](change, rule)
    _C[1](change, category)
    _C[2](change, start)
    _C[3](change, end)
    _C[4](change, line)
    _C[5](change, column)
    _C[6](change, before)
    _C[7](change, after)
    _C[8](change, message)
    return change


class LineIndex:
    """Maps character offsets to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self._starts = array("q", [0])  # 8 bytes a line, not 40: a text of short lines has many
        self._line = 0  # the last line number handed out: asked in order, a line's marks share it
        pos = text.find("\n")
        while pos != -1:
            self._starts.append(pos + 1)
            pos = text.find("\n", pos + 1)

    def position(self, offset: int) -> tuple[int, int]:
        starts, line = self._starts, self._line
        # asked in order, most offsets lie on the last line handed out: no bisection then
        if not (line and starts[line - 1] <= offset and (line == len(starts) or offset < starts[line])):
            found = bisect.bisect_right(starts, offset)
            if found != line:
                line = self._line = found  # one int object per line, not one per change (memory)
        return line, offset - starts[line - 1] + 1

    def line_of(self, offset: int) -> tuple[int, int, int]:
        """(1-based line of `offset`, where that line starts, where the next one starts (or
        sys.maxsize)): a caller walking sorted offsets asks again only when one leaves the line."""
        starts = self._starts
        line = bisect.bisect_right(starts, offset)
        return line, starts[line - 1], starts[line] if line < len(starts) else sys.maxsize


class Shared:
    """One object per repeated value while records are built: the strings of tens of thousands
    of changes and findings are a few rule ids, messages and repaired words, each made anew by
    the stage that found it (peak memory). Bounded: past `LIMIT` distinct values, new ones are
    kept as they are."""

    __slots__ = ("_strings", "_floats", "_extras", "known")
    LIMIT = 1 << 14
    LONGEST = 256  # longer strings are rarely repeated

    def __init__(self) -> None:
        self._strings: dict[str, str] = {}
        self.known = self._strings.get  # the kept object equal to a value, or None: `text` without its call
        self._floats: dict[float, float] = {}
        self._extras: dict[tuple[tuple[str, Any], ...], dict[str, Any]] = {}

    def text(self, value: str) -> str:
        if len(value) > self.LONGEST:
            return value
        known = self._strings.get(value)
        if known is not None:
            return known
        if len(self._strings) < self.LIMIT:
            self._strings[value] = value
        return value

    def maybe(self, value: str | None) -> str | None:
        return None if value is None else self.text(value)

    def number(self, value: float | None) -> float | None:
        if value is None:
            return None
        known = self._floats.get(value)
        if known is not None and type(known) is type(value):  # 1 == 1.0: keep the type
            return known
        if known is None and len(self._floats) < self.LIMIT:
            self._floats[value] = value
        return value

    def extra(self, value: dict[str, Any] | None) -> dict[str, Any] | None:
        """Equal `extra` mappings as one dict (findings are frozen records: read them, never
        change them)."""
        if not value:
            return value
        try:
            key = tuple(value.items())
            known = self._extras.get(key)
        except TypeError:  # an unhashable value: kept as is
            return value
        if known is not None:
            return known
        if len(self._extras) < self.LIMIT:
            self._extras[key] = value
        return value

    def finding(self, finding: Finding, start: int, end: int, line: int, column: int) -> Finding:
        """`finding` at [start, end) (1-based `line`/`column`), its strings shared."""
        text, maybe = self.text, self.maybe
        return Finding(text(finding.rule), text(finding.category), text(finding.severity), start, end,
                       text(finding.text), text(finding.message), line, column, maybe(finding.script),
                       maybe(finding.language), self.number(finding.confidence), maybe(finding.suggestion),
                       self.extra(finding.extra))


def resolve_overlaps(edits: Iterable[Edit]) -> list[Edit]:
    """Keep a non-overlapping subset: higher priority first, then longer, then earlier.

    Zero-width edits (insertions) conflict with an edit that strictly contains
    their position. The result is sorted by position. O(n log n): edits are split into
    groups that cannot touch each other (most groups hold one edit), and within a
    bigger group kept spans are found with a Fenwick tree, not a list insertion.
    """
    ordered = sorted(edits, key=_SPAN)
    starts, ends = list(map(_START, ordered)), list(map(_END, ordered))
    # Usually (a mojibake text's edits, one per damaged word) each edit ends where or before the
    # next one starts, and no two are insertions at one point: every group holds one edit and
    # all are kept. Checked at C speed (map over the neighbours), not an edit at a time.
    if all(map(le, ends, starts[1:])) and all(map(lt, starts, ends[1:])):
        return ordered
    return _resolve_in_groups(ordered)


def _resolve_in_groups(ordered: list[Edit]) -> list[Edit]:
    """`resolve_overlaps` on edits sorted by (start, end), a group of touching edits at a time."""
    kept: list[Edit] = []
    group: list[Edit] = []
    reach, zero_at = -1, -1  # the group's furthest end; a zero-width edit at that end
    for edit in ordered:
        touches = edit.start < reach or (edit.start == reach and edit.start == edit.end == zero_at)
        if group and not touches:
            kept += group if len(group) == 1 else _resolve_group(group)
            group = []
            reach, zero_at = -1, -1
        group.append(edit)
        if edit.end > reach:
            reach = edit.end
        if edit.start == edit.end:
            zero_at = edit.start
    if group:
        kept += group if len(group) == 1 else _resolve_group(group)
    return kept


def _resolve_group(group: list[Edit]) -> list[Edit]:
    """The greedy choice of `resolve_overlaps` on edits sorted by (start, end).

    A candidate is checked against its nearest kept neighbours in that order (kept spans
    never overlap, so no other kept span can reach it)."""
    slots = _Taken(len(group))
    ranked = sorted(range(len(group)), key=lambda i: (-group[i].priority, -(group[i].end - group[i].start),
                                                      group[i].start, group[i].rule))
    for i in ranked:
        span = (group[i].start, group[i].end)
        left, right = slots.before(i), slots.from_(i)
        if left is not None and _overlaps((group[left].start, group[left].end), span):
            continue
        if right is not None and _overlaps((group[right].start, group[right].end), span):
            continue
        slots.take(i)
    return [group[i] for i in slots.taken()]


class _Taken:
    """Which of n slots are taken, with nearest taken slot queries in O(log n) (Fenwick tree)."""

    __slots__ = ("size", "tree", "count", "marks")

    def __init__(self, size: int) -> None:
        self.size, self.tree, self.count, self.marks = size, [0] * (size + 1), 0, bytearray(size)

    def take(self, i: int) -> None:
        self.marks[i] = 1
        self.count += 1
        i += 1
        while i <= self.size:
            self.tree[i] += 1
            i += i & -i

    def _below(self, i: int) -> int:  # taken slots in [0, i)
        total = 0
        while i > 0:
            total += self.tree[i]
            i -= i & -i
        return total

    def _kth(self, k: int) -> int:  # the slot of the k-th taken one (1-based)
        pos, step = 0, 1 << self.size.bit_length()
        while step:
            if pos + step <= self.size and self.tree[pos + step] < k:
                pos += step
                k -= self.tree[pos]
            step >>= 1
        return pos

    def before(self, i: int) -> int | None:
        below = self._below(i)
        return self._kth(below) if below else None

    def from_(self, i: int) -> int | None:
        below = self._below(i)
        return self._kth(below + 1) if below < self.count else None

    def taken(self) -> list[int]:
        return [i for i, mark in enumerate(self.marks) if mark]


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
    if len(second) * 8 < len(first):  # a later pass's few edits among a mojibake text's many
        near = _compose_near(first, text1, second)
        if near is not None:
            return near
    return _compose_walk(first, text1, second)


def _compose_near(first: list[Edit], text1: str, second: list[Edit]) -> list[Edit] | None:
    """`compose` walking only the first round's edits near a second-round edit, when the first
    round's edits are sorted and apart in text1 (none touches the next): every other one is a
    cluster of its own, kept as it is. None when they are not apart."""
    lengths = list(map(len, map(_REPLACEMENT, first)))
    growth = map(sub, lengths, map(sub, map(_END, first), map(_START, first)))  # what each edit adds
    starts1 = list(map(add, map(_START, first), accumulate(growth, initial=0)))
    ends1 = list(map(add, starts1, lengths))
    if not all(map(lt, ends1, starts1[1:])):
        return None
    shifts = [*map(sub, starts1, map(_START, first)), ends1[-1] - first[-1].end]  # text1 less text0, before edit i
    out: list[Edit] = []
    done = 0  # first[:done] are in `out`
    later = sorted(second, key=_SPAN)
    k = 0
    while k < len(later):
        # a window: the first-round edits touching (ends included) a run of second-round edits
        # that touch each other or share one
        low = bisect.bisect_left(ends1, later[k].start)
        high = bisect.bisect_right(starts1, later[k].end)
        group, reach = [later[k]], later[k].end
        k += 1
        while k < len(later) and (later[k].start <= reach or bisect.bisect_left(ends1, later[k].start) < high):
            high = max(high, bisect.bisect_right(starts1, later[k].end))
            reach = max(reach, later[k].end)
            group.append(later[k])
            k += 1
        out += first[done:low]
        out += _compose_walk(first[low:high], text1, group, shifts[low])
        done = max(done, high)
    out += first[done:]
    return out


def _compose_walk(first: list[Edit], text1: str, second: list[Edit], shift: int = 0) -> list[Edit]:
    """`compose`, every edit walked; `shift`: text1 less text0 offset before `first` (a window of
    the first round's edits)."""
    # (start1, end1, round, edit) in text1 offsets, in that order: the second round's few
    # items are sorted, the first round's come in order from a generator when they are
    # already sorted (the usual case), so no tuple per earlier edit is ever held at once.
    later = sorted(((e.start, e.end, 1, e) for e in second), key=_ORDER)
    items: Iterable[tuple[int, int, int, Edit]]
    if _in_order(_in_text1(first, shift)):
        items = heapq.merge(_in_text1(first, shift), later, key=_ORDER)
    else:
        items = sorted([*_in_text1(first, shift), *later], key=_ORDER)

    out: list[Edit] = []
    # shift: text1 offset minus text0 offset, before the current cluster
    for cluster in _clusters(items):
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


def _in_text1(first: list[Edit], shift: int = 0) -> Iterator[tuple[int, int, int, Edit]]:
    for edit in first:
        out_start = edit.start + shift
        yield out_start, out_start + len(edit.replacement), 0, edit
        shift += len(edit.replacement) - (edit.end - edit.start)


def _in_order(items: Iterator[tuple[int, int, int, Edit]]) -> bool:
    last = (-1, -1)
    for start, end, _, _ in items:
        if (start, end) < last:
            return False
        last = (start, end)
    return True


def _clusters(items: Iterable[tuple[int, int, int, Edit]]) -> Iterator[list[tuple[int, int, int, Edit]]]:
    """Sorted `items` in runs that touch, one run at a time (not a list of every run:
    memory, when most runs hold one edit)."""
    cluster: list[tuple[int, int, int, Edit]] = []
    last_end, has_zero = -1, False  # of the current cluster, kept as it grows (no rescans)
    for item in items:
        if cluster:
            zero = item[0] == item[1] or has_zero
            if item[0] < last_end or (item[0] == last_end and zero):
                cluster.append(item)
                last_end = max(last_end, item[1])
                has_zero = has_zero or item[0] == item[1]
                continue
            yield cluster
        cluster = [item]
        last_end, has_zero = item[1], item[0] == item[1]
    if cluster:
        yield cluster


def _moved(edit: Edit, start: int, end: int, replacement: str) -> Edit:
    return Edit(start, end, replacement, edit.rule, edit.category, edit.message, edit.safe, edit.severity, edit.priority)


def map_back(first: list[Edit], start: int, end: int) -> tuple[int, int]:
    """Map a span of the text after `first` to the text before it (widening over edits).
    To map many spans through the same edits, build one `OffsetMap`."""
    return OffsetMap(first).span(start, end)


class OffsetMap:
    """Offsets of the text after sorted, non-overlapping `edits` mapped back to the text
    before them: cumulative shifts computed once, each lookup a bisection."""

    __slots__ = ("edits", "_out_starts", "_out_ends", "_shifts", "_total")

    def __init__(self, edits: list[Edit]) -> None:
        self.edits = edits
        self._out_starts: list[int] = []
        self._out_ends: list[int] = []
        self._shifts: list[int] = []  # output minus input offset before each edit
        shift = 0
        for edit in edits:
            out_start = edit.start + shift
            self._out_starts.append(out_start)
            self._out_ends.append(out_start + len(edit.replacement))
            self._shifts.append(shift)
            shift += len(edit.replacement) - (edit.end - edit.start)
        self._total = shift

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.position(start, "start"), self.position(end, "end")

    def position(self, pos: int, side: str) -> int:
        """`pos` before the first edit it does not lie after; inside text an edit wrote, the
        edit's start or end (`side`); at an edit's output end, its input end for "end"."""
        ends, starts = self._out_ends, self._out_starts
        k = bisect.bisect_left(ends, pos)  # the first edit whose output reaches pos
        if side == "start" and k < len(ends) and ends[k] == pos and starts[k] < pos:
            # ends exactly at pos: a start lies after it, before the next edit (which may be
            # a deletion sitting at pos) unless nothing follows
            k += 1
        if k == len(ends):
            return pos - self._total
        if pos <= starts[k]:
            return pos - self._shifts[k]
        return self.edits[k].start if side == "start" else self.edits[k].end
