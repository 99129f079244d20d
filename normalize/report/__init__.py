"""One report, many renderings: every format is produced from the same report dict."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

from .. import __version__
from .stream import ItemDicts, Write, collect


def build_report(entries: Iterable[tuple[str, Any]], errors: Iterable[str] = (), lazy: bool = False
                 ) -> dict[str, Any]:
    """`entries`: (path, Result) pairs in output order; `errors`: messages for inputs not handled.
    `lazy`: each file's "changes" and "findings" are ItemDicts (each dict made when read, so a
    huge file's report is not a list of dicts) instead of lists; the renderers take either."""
    files = [_entry(path, result, lazy) for path, result in entries]
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


def _entry(path: str, result: Any, lazy: bool) -> dict[str, Any]:
    if not lazy:
        return {"path": path, **result.to_dict()}
    # the keys and their order of Result.to_dict, with the item lists read lazily (a key added
    # there and not here fails tests/test_report_stream.py: the lazy and plain reports differ)
    return {"path": path, "encoding": result.encoding, "language": result.language,
            "language_source": result.language_source, "language_confidence": result.language_confidence,
            "changed": result.changed, "changes": ItemDicts(result.changes),
            "findings": ItemDicts(result.findings)}


@dataclass(frozen=True)
class ReportFormat:
    """One rendering of the report: `module.function(report, write, **inputs)` writes the text
    piece by piece through `write`."""

    name: str
    module: str
    function: str
    help: str
    sources: bool = False  # the renderer also takes {path: (input text, output text)}
    color: bool = False  # the renderer can paint for a terminal

    def write(self, report: dict[str, Any], sources: dict[str, tuple[str, str]], write: Write,
              **options: Any) -> None:
        import importlib

        writer = getattr(importlib.import_module(self.module, __name__), self.function)
        inputs: dict[str, Any] = {}
        if self.sources:
            inputs["sources"] = sources
        if self.color:
            inputs.update(options)
        writer(report, write, **inputs)

    def render(self, report: dict[str, Any], sources: dict[str, tuple[str, str]], **options: Any) -> str:
        return collect(lambda write: self.write(report, sources, write, **options))


# The CLI's --format choices come from this registry: a new format is one line here plus its module.
FORMATS: dict[str, ReportFormat] = {f.name: f for f in (
    ReportFormat("text", ".text", "write_text", "for people: line:col, rule, the source line marked",
                 sources=True, color=True),
    ReportFormat("json", ".json", "write_json", "the public JSON report (README.md, Public contract)"),
    ReportFormat("sarif", ".sarif", "write_sarif", "SARIF 2.1.0 for code-scanning tools"),
    ReportFormat("github", ".github", "write_github", "GitHub Actions annotations"),
    ReportFormat("diff", ".diff", "write_diff", "a unified diff of the fixes", sources=True),
    ReportFormat("html", ".html", "write_html", "one self-contained page for editors", sources=True),
)}


def render(fmt: str, report: dict[str, Any], sources: dict[str, tuple[str, str]], color: bool = False,
           **options: Any) -> str:
    """`report` rendered in format `fmt` (a key of FORMATS)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    return FORMATS[fmt].render(report, sources, color=color, **options)


def write(fmt: str, report: dict[str, Any], sources: dict[str, tuple[str, str]], sink: Callable[[str], object],
          color: bool = False, **options: Any) -> None:
    """`report` in format `fmt` written piece by piece to `sink` (e.g. a text stream's write)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    FORMATS[fmt].write(report, sources, sink, color=color, **options)
