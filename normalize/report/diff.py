"""Unified-diff renderer: what ``normalize fix`` would change, as a patch.

Why a hand-rolled wrapper around :func:`difflib.unified_diff`: difflib's own
output is only a correct patch when every line ends in a newline and lines are
split the way ``patch`` splits them. Here

* lines are split on LF only (``str.splitlines`` would also split on U+2028,
  U+0085, form feed... which ``patch`` and git treat as ordinary characters);
* line endings are kept verbatim, so CRLF files produce CRLF hunk lines, as
  ``git diff`` does, and the patch round-trips byte for byte;
* a last line without a newline gets ``\\ No newline at end of file``;
* a path containing a space gets a trailing TAB on its header line, and one
  with control characters, quotes or backslashes is C-quoted: the conventions
  of git, which GNU ``patch`` understands.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from .github import artifact_path, scrub
from .stream import Chunks, Write, collect

__all__ = ["render_diff", "write_diff", "split_lines"]

NO_NEWLINE = "\\ No newline at end of file\n"


def split_lines(text: str) -> list[str]:
    """Split on LF only, keeping each line's ending (CRLF stays intact)."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _quote(name: str) -> str:
    """Git's C-style quoting for names with control characters, quotes or backslashes."""
    if not any(ch in '"\\' or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in name):
        return name
    escapes = {'"': '\\"', "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
    body = "".join(escapes.get(ch, f"\\{ord(ch):03o}" if ord(ch) < 0x20 or ord(ch) == 0x7F else ch)
                   for ch in name)
    return f'"{body}"'


def _header(prefix: str, path: str) -> str:
    # An absolute path loses its leading "/" so the usual ``patch -p1`` strips just the a/ or b/.
    name = _quote(f"{prefix}/{scrub(artifact_path(path)).lstrip('/')}")
    return f"{name}\t" if " " in name else name


def _file_diff(path: str, original: str, cleaned: str, context: int) -> Iterable[str]:
    old, new = split_lines(original), split_lines(cleaned)
    body = difflib.unified_diff(old, new, _header("a", path), _header("b", path), n=context, lineterm="")
    for i, line in enumerate(body):
        if i < 2:  # ---/+++ headers come without a newline when lineterm=""
            yield line + "\n"
        elif line.startswith("@@"):
            yield line + "\n"
        elif line.endswith("\n"):
            yield line
        else:
            yield line + "\n" + NO_NEWLINE


def render_diff(report: Mapping[str, Any], sources: Mapping[str, tuple[str, str]], *, context: int = 3) -> str:
    """A unified diff (``--- a/path`` / ``+++ b/path``) for every file whose text changed.

    ``sources`` maps a report path to ``(original text, cleaned text)``. Files
    are taken in report order; a file whose cleaned text equals the original
    produces nothing. A file reported as changed but missing from ``sources``
    is a caller error (``KeyError``), because silently dropping it would make
    the patch look complete when it is not.
    """
    return collect(lambda write: write_diff(report, write, sources, context=context))


def write_diff(report: Mapping[str, Any], write: Write, sources: Mapping[str, tuple[str, str]], *,
               context: int = 3) -> None:
    """render_diff's lines written through `write` as each file's diff is made."""
    files = report.get("files", [])
    for entry in files:  # checked before anything is written: a patch is whole or absent
        path = str(entry.get("path", "-"))
        if path not in sources and (entry.get("changed") or entry.get("changes")):
            raise KeyError(f"render_diff: no source text for changed file {path!r}")
    out = Chunks(write, scrub)
    for entry in files:
        path = str(entry.get("path", "-"))
        if path not in sources:
            continue
        original, cleaned = sources[path]
        if original != cleaned:
            for line in _file_diff(path, original, cleaned, context):
                out(line)
    out.flush()
