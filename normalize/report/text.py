"""The text report, for people: grouped by file, `line:col rule before -> after`."""

from __future__ import annotations

from typing import Any

COLORS = {"path": "1", "rule": "36", "error": "31", "warning": "33", "info": "34", "after": "32", "before": "31"}


def render_text(report: dict[str, Any], color: bool = False) -> str:
    def paint(text: str, key: str) -> str:
        return f"\x1b[{COLORS[key]}m{text}\x1b[0m" if color else text

    lines: list[str] = []
    for entry in report["files"]:
        if not entry["changes"] and not entry["findings"]:
            continue
        lines.append(paint(terminal_safe(entry["path"]), "path"))
        items = [(c["line"], c["column"], 0, c) for c in entry["changes"]]
        items += [(f["line"], f["column"], 1, f) for f in entry["findings"]]
        for line, column, kind, item in sorted(items, key=lambda i: (i[0], i[1], i[2])):
            where = f"{line}:{column}"
            if kind == 0:
                change = f"{paint(_show(item['before']), 'before')} -> {paint(_show(item['after']), 'after')}"
                lines.append(f"  {where:<8} {paint(item['rule'], 'rule')}  {change}  {terminal_safe(item['message'])}")
            else:
                lines.append(f"  {where:<8} {paint(item['rule'], 'rule')}  {paint(item['severity'], item['severity'])}"
                             f"  {_show(item['text'])}  {terminal_safe(_finding_detail(item))}")
    summary = report["summary"]
    lines.append(
        f"{summary['files']} file(s), {summary['changed']} changed, {summary['changes']} change(s), "
        f"{summary['findings']} finding(s)" + (f", {summary['errors']} error(s)" if summary.get("errors") else "")
    )
    return "\n".join(lines) + "\n"


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


def _finding_detail(finding: dict[str, Any]) -> str:
    detail = finding["message"]
    if finding.get("language"):
        confidence = finding.get("confidence")
        detail += f" ({finding['language']}" + (f", {confidence:.2f}" if confidence is not None else "") + ")"
    if finding.get("suggestion"):
        detail += f"; suggestion: {finding['suggestion']}"
    return detail
