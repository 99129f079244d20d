"""One report, many renderings: every format is produced from the same report dict."""

from __future__ import annotations

from typing import Any, Iterable

from .. import __version__


def build_report(entries: Iterable[tuple[str, Any]], errors: Iterable[str] = ()) -> dict[str, Any]:
    """`entries`: (path, Result) pairs in output order; `errors`: messages for inputs not handled."""
    files = [{"path": path, **result.to_dict()} for path, result in entries]
    report: dict[str, Any] = {
        "version": 1,
        "tool": {"name": "normalize", "version": __version__},
        "files": files,
        "summary": {
            "files": len(files),
            "changed": sum(1 for f in files if f["changed"]),
            "changes": sum(len(f["changes"]) for f in files),
            "findings": sum(len(f["findings"]) for f in files),
        },
    }
    errors = list(errors)
    if errors:
        report["errors"] = [{"message": message} for message in errors]
        report["summary"]["errors"] = len(errors)
    return report


def render(fmt: str, report: dict[str, Any], sources: dict[str, tuple[str, str]], color: bool = False) -> str:
    if fmt == "text":
        from .text import render_text

        return render_text(report, color=color)
    if fmt == "json":
        from .json import render_json

        return render_json(report)
    if fmt == "sarif":
        from .sarif import render_sarif

        return render_sarif(report)
    if fmt == "github":
        from .github import render_github

        return render_github(report)
    if fmt == "diff":
        from .diff import render_diff

        return render_diff(report, sources)
    if fmt == "html":
        from .html import render_html

        return render_html(report, sources)
    raise ValueError(f"unknown format {fmt!r}")
