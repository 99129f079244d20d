"""The JSON report (the public contract: README.md, section "Public contract")."""

from __future__ import annotations

from typing import Any

from .stream import Chunks, Write, collect, dump_json, plain

INDENT_BELOW = 5000  # changes + findings: indented for people below this, compact above


def render_json(report: dict[str, Any]) -> str:
    return collect(lambda write: write_json(report, write))


def write_json(report: dict[str, Any], write: Write) -> None:
    """The report as JSON through `write`, piece by piece when it is big."""
    # Indented for people, but compact for big reports: indenting disables json's C encoder.
    summary = report["summary"]
    # Lone surrogates (stray bytes) come out as \\udcXX escapes, which JSON readers accept.
    out = Chunks(write, _escape_surrogates)
    if summary["changes"] + summary["findings"] < INDENT_BELOW:
        import json

        out(json.dumps(plain(report), ensure_ascii=False, indent=2, default=str))
    else:  # report > files > entry > changes are streamed, each change or finding is one json.dumps
        dump_json(report, out, depth=4, default=str)
    out("\n")
    out.flush()


def _escape_surrogates(text: str) -> str:
    return text.encode("utf-8", errors="backslashreplace").decode("utf-8")
