"""GitHub Actions workflow-command renderer (``::error file=...::message``).

Why this format: inside a GitHub Actions job the runner turns these lines into
inline annotations on the pull request, with no upload step and no token. It is
the cheapest way for an article repository's CI to show an editor *where* the
damage is.

Escaping follows the runner's own rules (the ``@actions/core`` toolkit):
the message escapes ``%``, CR and LF; property values escape those and also
``:`` and ``,`` (which would otherwise end the value or the property list).

Also home of :func:`visible`, shared by the other renderers, because the
characters this tool removes (zero-width spaces, soft hyphens, bidi controls)
are exactly the ones a plain message cannot show.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

from .stream import Chunks, Write, collect, lines_to

__all__ = [
    "render_github", "write_github", "escape_data", "escape_property", "visible", "scrub", "span_end", "artifact_path", "error_message",
]

#: finding severity -> workflow command
_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}

_SURROGATE = re.compile("[\ud800-\udfff]")


def visible(text: str) -> str:
    """Make invisible and control characters readable as ``<U+200B>``.

    Plain spaces are kept; every other character whose Unicode category is a
    control (Cc, except TAB), format (Cf), separator other than space (Zs/Zl/Zp)
    or a lone surrogate (Cs) is replaced by its code point in angle brackets.
    Lone surrogates can come from ``surrogateescape`` decoding; leaving them in
    would make the output impossible to encode as UTF-8.
    """
    if text.isprintable():  # fast path: isprintable is False for every category handled below
        return text
    out: list[str] = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch == " " or ch == "\t" or cat[0] not in "CZ" or cat == "Co":
            out.append(ch)
        else:
            out.append(f"<U+{ord(ch):04X}>")
    return "".join(out)


def scrub(text: str) -> str:
    """Replace lone surrogates by U+FFFD so the text can always be encoded."""
    return _SURROGATE.sub("\ufffd", text) if not text.isascii() else text


def escape_data(text: str) -> str:
    """Escape a workflow-command message (the part after ``::``)."""
    return scrub(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow-command property value (``file=``, ``title=``...)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def artifact_path(path: str) -> str:
    """The report path as other tools expect it: forward slashes, no ``./``.

    ``-`` (standard input) becomes ``stdin``.
    """
    if path == "-":
        return "stdin"
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def span_end(line: int, column: int, text: str) -> tuple[int, int]:
    """1-based (line, column) just *after* ``text`` when it starts at (line, column).

    Lines are split on LF only, like the engine's ``LineIndex``; a CR before the
    LF is part of the previous line.
    """
    newlines = text.count("\n")
    if not newlines:
        return line, column + len(text)
    return line + newlines, len(text) - text.rfind("\n")


def _command(kind: str, props: Mapping[str, Any], message: str) -> str:
    rendered = ",".join(f"{key}={escape_property(str(value))}" for key, value in props.items())
    return f"::{kind} {rendered}::{escape_data(message)}" if rendered else f"::{kind}::{escape_data(message)}"


def _position(path: str, line: int, column: int, text: str, title: str) -> dict[str, Any]:
    """Annotation properties; columns only when the span is on one line (GitHub drops them otherwise)."""
    props: dict[str, Any] = {}
    if path != "-":
        props["file"] = artifact_path(path)
    if line >= 1:
        end_line, end_col = span_end(line, max(column, 1), text)
        props["line"] = line
        if end_line != line:
            props["endLine"] = end_line
        elif column >= 1:
            props["col"] = column
            # GitHub's endColumn is inclusive (it defaults to col for one character).
            props["endColumn"] = max(column, end_col - 1)
    props["title"] = title
    return props


def _lines(report: Mapping[str, Any]) -> Iterator[str]:
    for entry in report.get("files", []):
        path = str(entry.get("path", "-"))
        for change in entry.get("changes", []):
            before, after = str(change.get("before", "")), str(change.get("after", ""))
            message = f"{change.get('message', '')}: '{visible(before)}' -> '{visible(after)}'"
            props = _position(path, int(change.get("line", 0)), int(change.get("column", 0)), before,
                              str(change.get("rule", "")))
            yield _command("warning", props, message)
        for finding in entry.get("findings", []):
            text = str(finding.get("text", ""))
            message = f"{finding.get('message', '')}: '{visible(text)}'"
            if finding.get("suggestion"):
                message += f" (suggestion: '{visible(str(finding['suggestion']))}')"
            props = _position(path, int(finding.get("line", 0)), int(finding.get("column", 0)), text,
                              str(finding.get("rule", "")))
            yield _command(_COMMAND.get(str(finding.get("severity")), "warning"), props, message)


def error_message(error: Any) -> str:
    """The report's optional top-level ``errors`` are ``{"message": ...}`` objects."""
    return str(error.get("message", error)) if isinstance(error, Mapping) else str(error)


def render_github(report: Mapping[str, Any]) -> str:
    """One workflow command per change (``::warning``) and per finding (by severity).

    Inputs the tool could not handle (the report's optional ``errors``) come
    first, as ``::error`` lines without a file.

    Returns the lines joined by LF with a trailing LF, or ``""`` when there is
    nothing to annotate.
    """
    return collect(lambda write: write_github(report, write))


def write_github(report: Mapping[str, Any], write: Write) -> None:
    """render_github's lines written one at a time through `write`."""
    out = Chunks(write)
    lines_to(out, (_command("error", {"title": "normalize"}, error_message(e)) for e in report.get("errors") or []))
    lines_to(out, _lines(report))
    out.flush()
