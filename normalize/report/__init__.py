"""One report, many renderings: every format is produced from the same report dict."""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class ReportFormat:
    """One rendering of the report: `module.function(report, **inputs)` returns the text."""

    name: str
    module: str
    function: str
    help: str
    sources: bool = False  # the renderer also takes {path: (input text, output text)}
    color: bool = False  # the renderer can paint for a terminal

    def render(self, report: dict[str, Any], sources: dict[str, tuple[str, str]], **options: Any) -> str:
        import importlib

        renderer = getattr(importlib.import_module(self.module, __name__), self.function)
        inputs: dict[str, Any] = {}
        if self.sources:
            inputs["sources"] = sources
        if self.color:
            inputs.update(options)
        return renderer(report, **inputs)


# The CLI's --format choices come from this registry: a new format is one line here plus its module.
FORMATS: dict[str, ReportFormat] = {f.name: f for f in (
    ReportFormat("text", ".text", "render_text", "for people: line:col, rule, the source line marked",
                 sources=True, color=True),
    ReportFormat("json", ".json", "render_json", "the public JSON report (DESIGN.md contract)"),
    ReportFormat("sarif", ".sarif", "render_sarif", "SARIF 2.1.0 for code-scanning tools"),
    ReportFormat("github", ".github", "render_github", "GitHub Actions annotations"),
    ReportFormat("diff", ".diff", "render_diff", "a unified diff of the fixes", sources=True),
    ReportFormat("html", ".html", "render_html", "one self-contained page for editors", sources=True),
)}


def render(fmt: str, report: dict[str, Any], sources: dict[str, tuple[str, str]], color: bool = False,
           **options: Any) -> str:
    """`report` rendered in format `fmt` (a key of FORMATS)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    return FORMATS[fmt].render(report, sources, color=color, **options)
