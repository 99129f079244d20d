"""The text report, for people: grouped by file, `line:col rule before -> after`, then the
source line with the span marked (an excerpt around it when the line is long: an article
often keeps a whole paragraph on one line)."""

from __future__ import annotations

import heapq
import unicodedata
from collections import Counter
from typing import Any, Iterable, Iterator, Mapping

from .stream import Chunks, Write, collect, lines_to

COLORS = {"path": "1", "rule": "36", "error": "31", "warning": "33", "info": "34", "after": "32", "before": "31",
          "mark": "35", "dim": "2"}
EXCERPT = 100  # columns of source shown at most; longer lines are cut around the span
GUTTER = "       | "


def render_text(report: dict[str, Any], sources: Mapping[str, tuple[str, str]] | None = None, color: bool = False,
                show_source: bool = True, summary: bool = True) -> str:
    """The report as text; `sources` ({path: (input, output)}) adds each item's source line."""
    return collect(lambda write: write_text(report, write, sources, color, show_source, summary))


def write_text(report: dict[str, Any], write: Write, sources: Mapping[str, tuple[str, str]] | None = None,
               color: bool = False, show_source: bool = True, summary: bool = True) -> None:
    """render_text's lines written one at a time through `write`."""
    out = Chunks(write)
    lines_to(out, _text_lines(report, sources, color, show_source, summary))
    out.flush()


def _text_lines(report: dict[str, Any], sources: Mapping[str, tuple[str, str]] | None, color: bool,
                show_source: bool, summary: bool) -> Iterator[str]:
    def paint(text: str, key: str) -> str:
        return f"\x1b[{COLORS[key]}m{text}\x1b[0m" if color else text

    for entry in report["files"]:
        if not entry["changes"] and not entry["findings"]:
            continue
        yield paint(terminal_safe(entry["path"]), "path")
        source = (sources or {}).get(entry["path"], ("", ""))[0] if show_source else ""
        line = (0, -1)  # the last item's line bounds: items come by position, many on one line
        for item, kind in in_position_order(entry["changes"], entry["findings"]):
            where = f"{item['line']}:{item['column']}"
            if kind == 0:
                change = f"{paint(_show(item['before']), 'before')} -> {paint(_show(item['after']), 'after')}"
                yield f"  {where:<8} {paint(item['rule'], 'rule')}  {change}  {terminal_safe(item['message'])}"
            else:
                yield (f"  {where:<8} {paint(item['rule'], 'rule')}  {paint(item['severity'], item['severity'])}"
                       f"  {_show(item['text'])}  {terminal_safe(_finding_detail(item))}")
            if source and "start" in item:
                if not line[0] <= item["start"] <= line[1]:
                    line = line_bounds(source, item["start"])
                shown, marks = source_excerpt(source, item["start"], item["end"], bounds=line)
                yield paint(GUTTER, "dim") + shown
                yield paint(GUTTER, "dim") + paint(marks, "mark")
    if summary:
        yield summary_line(report["summary"])


def in_position_order(changes: Iterable[Mapping[str, Any]], findings: Iterable[Mapping[str, Any]]
                      ) -> Iterator[tuple[Mapping[str, Any], int]]:
    """(item, 0 for a change / 1 for a finding) by line, column, changes first, else in list
    order (a stable sort). Each list usually comes in position order already: then the two are
    merged as they are read, without a sorted copy of every item."""
    def key(pair: tuple[Mapping[str, Any], int]) -> tuple[int, int, int]:
        return pair[0]["line"], pair[0]["column"], pair[1]

    def tagged(items: Iterable[Mapping[str, Any]], kind: int) -> Iterator[tuple[Mapping[str, Any], int]]:
        return ((item, kind) for item in items)

    if _in_order(changes) and _in_order(findings):
        return heapq.merge(tagged(changes, 0), tagged(findings, 1), key=key)
    return iter(sorted([*tagged(changes, 0), *tagged(findings, 1)], key=key))


def _in_order(items: Iterable[Mapping[str, Any]]) -> bool:
    last = (0, 0)
    for item in items:
        here = (item["line"], item["column"])
        if here < last:
            return False
        last = here
    return True


def summary_line(summary: Mapping[str, Any]) -> str:
    """`N file(s), N changed, N change(s), N finding(s)[, N error(s)][, N baselined]`."""
    return (f"{summary['files']} file(s), {summary['changed']} changed, {summary['changes']} change(s), "
            f"{summary['findings']} finding(s)" + (f", {summary['errors']} error(s)" if summary.get("errors") else "")
            + (f", {summary['baselined']} baselined" if summary.get("baselined") else ""))


def statistics_rows(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Counts per rule and kind (`fix`, or the finding's severity), most frequent first."""
    counts: Counter[tuple[str, str]] = Counter()
    for entry in report["files"]:
        counts.update((c["rule"], "fix") for c in entry["changes"])
        counts.update((f["rule"], f["severity"]) for f in entry["findings"])
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [{"rule": rule, "kind": kind, "count": n} for (rule, kind), n in rows]


def render_statistics(report: Mapping[str, Any]) -> str:
    """Counts per rule (like `ruff --statistics`): `count  rule  kind` lines, then the total."""
    rows = statistics_rows(report)
    width = max((len(r["rule"]) for r in rows), default=0)
    body = "".join(f"{r['count']:>6}  {r['rule']:<{width}}  {r['kind']}\n" for r in rows)
    return body + f"{sum(r['count'] for r in rows):>6}  total in {report['summary']['files']} file(s)\n"


def source_excerpt(source: str, start: int, end: int, width: int = EXCERPT,
                   bounds: tuple[int, int] | None = None) -> tuple[str, str]:
    """The source line holding `start`, and a line of carets under [start, end) (one caret for
    an insertion); long lines are cut to about `width` columns around the span, marked with ….
    `bounds`: line_bounds(source, start), when the caller already knows them.

    Only the part of a long line that is shown is read: an article kept on one line of
    megabytes costs each item its excerpt, not the line."""
    line_start, line_end = bounds or line_bounds(source, start)
    while line_end > line_start and source[line_end - 1] == "\r":
        line_end -= 1
    length = line_end - line_start
    left, right = start - line_start, min(end, line_end) - line_start

    def cells_of(a: int, b: int) -> list[str]:  # cells[a:b] of the line, as a slice would clamp
        a, b = min(max(a, 0), length), min(max(b, 0), length)
        return [_cell(c) for c in source[line_start + a: line_start + max(a, b)]]

    if length <= width:  # a short line: every cell (escapes can still make it too wide)
        cells = cells_of(0, length)
        lo, hi = 0, len(cells)
        if sum(len(c) for c in cells) > width:  # keep the span and what fits around it
            room = max(width - sum(len(c) for c in cells[left:right]), 20) // 2
            lo = max(0, left - room)
            hi = min(len(cells), max(right, left + 1, lo + width))
            lo = max(0, min(lo, hi - width))
        shown_cells, before_cells, span_cells = cells[lo:hi], cells[lo:left], cells[left:right]
    else:  # more characters than columns: always cut, and each cell is at least one column
        span_cells = cells_of(left, right)
        room = max(width - sum(len(c) for c in span_cells), 20) // 2
        lo = max(0, left - room)
        hi = min(length, max(right, left + 1, lo + width))
        lo = max(0, min(lo, hi - width))
        shown_cells, before_cells = cells_of(lo, hi), cells_of(lo, left)
    shown = ("…" if lo else "") + "".join(shown_cells) + ("…" if hi < length else "")
    before = (1 if lo else 0) + sum(_width(c) for c in before_cells)
    span = sum(_width(c) for c in span_cells)
    return shown, " " * before + "^" * max(span, 1)


def line_bounds(source: str, offset: int) -> tuple[int, int]:
    """[start, end) of the line holding `offset` (end: its LF, or the end of the text)."""
    line_end = source.find("\n", offset)
    return source.rfind("\n", 0, offset) + 1, len(source) if line_end < 0 else line_end


def _cell(char: str) -> str:
    """How one character is shown: invisible and control characters as \\uXXXX, tabs as a space."""
    if char == "\t":
        return " "
    if char.isprintable() or char == " ":
        return char
    return f"\\u{ord(char):04x}"


def _width(cell: str) -> int:
    if len(cell) > 1:
        return len(cell)
    if unicodedata.combining(cell):
        return 0
    return 2 if unicodedata.east_asian_width(cell) in "WF" else 1


def terminal_safe(text: str) -> str:
    """`text` with control and bidi-format characters escaped: a file name, message or
    suggestion must not clear the screen (ESC), forge a line (CR, LF) or reorder one."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else f"\\u{ord(c):04x}" for c in text)


def _show(text: str) -> str:
    """Quote a string so invisible characters can be seen."""
    shown = "".join(c if c.isprintable() or c == " " else f"\\u{ord(c):04x}" for c in text)
    return f'"{shown}"'


def _finding_detail(finding: Mapping[str, Any]) -> str:
    detail = finding["message"]
    if finding.get("language"):
        confidence = finding.get("confidence")
        detail += f" ({finding['language']}" + (f", {confidence:.2f}" if confidence is not None else "") + ")"
    if finding.get("suggestion"):
        detail += f"; suggestion: {finding['suggestion']}"
    return detail
