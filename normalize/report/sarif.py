"""SARIF 2.1.0 renderer.

Why: SARIF is what code-scanning dashboards (GitHub code scanning, Azure DevOps,
IDE viewers) ingest, so an article repository can track normalisation damage
like lint debt. One run per invocation; one ``reportingDescriptor`` per rule id
seen; one result per change and per finding.

Decisions worth knowing:

* Changes are ``level: "warning"`` results carrying a ``fixes`` entry whose
  replacement is exactly the change the engine made (so a viewer can show or
  apply it). Findings map severity error/warning/info to SARIF
  error/warning/note; a finding's ``suggestion`` becomes a fix too, described
  as a suggestion, because it is not known to be safe.
* Offsets are Python string indices, i.e. Unicode code points, so the run
  declares ``columnKind: "unicodeCodePoints"`` (SARIF's default is UTF-16).
* Regions carry both line/column (1-based, ``endColumn`` exclusive as SARIF
  requires) and ``charOffset``/``charLength``.
* Artifact URIs are the report paths with forward slashes, percent-encoded as
  URI references; standard input (``-``) becomes ``stdin``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import quote

from .github import artifact_path, error_message, scrub, span_end, visible
from .stream import Chunks, Write, collect, dump_json

__all__ = ["render_sarif", "write_sarif", "build_sarif", "artifact_uri", "SARIF_SCHEMA_URI"]

SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_DRIVE = re.compile(r"^[A-Za-z]:/")
# RFC 3986 sub-delims and pchar extras that may stay literal in a path; ':' is left out
# so a relative path such as "a:b.txt" cannot be mistaken for a URI scheme.
_SAFE = "/!$&'()*+,;=@-._~"


def artifact_uri(path: str) -> str:
    """A URI reference for a report path (relative stays relative)."""
    path = scrub(artifact_path(path))
    if _DRIVE.match(path):  # Windows absolute path -> file URI
        return "file:///" + path[:2] + quote(path[2:], safe=_SAFE)
    if path.startswith("/"):  # POSIX absolute path -> file URI (a bare "/x" would read as repo-relative)
        return "file://" + quote("/" + path.lstrip("/"), safe=_SAFE)
    return quote(path, safe=_SAFE)


def _region(start: int, line: int, column: int, text: str) -> dict[str, Any]:
    region: dict[str, Any] = {}
    if line >= 1 and column >= 1:
        end_line, end_col = span_end(line, column, text)
        region.update(startLine=line, startColumn=column, endLine=end_line, endColumn=end_col)
    if start >= 0:
        region.update(charOffset=start, charLength=len(text))
    return region


def _location(uri: str, index: int, region: Mapping[str, Any]) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri, "index": index}}
    if region:
        physical["region"] = dict(region)
    return {"physicalLocation": physical}


def _fix(uri: str, index: int, region: Mapping[str, Any], replacement: str, description: str) -> dict[str, Any]:
    return {
        "description": {"text": description},
        "artifactChanges": [{
            "artifactLocation": {"uri": uri, "index": index},
            "replacements": [{"deletedRegion": dict(region), "insertedContent": {"text": replacement}}],
        }],
    }


class _Rules:
    """Collects one reportingDescriptor per rule id, in first-seen order."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.descriptors: list[dict[str, Any]] = []

    def ref(self, rule: str, category: str, message: str, level: str) -> int:
        if rule not in self.index:
            self.index[rule] = len(self.descriptors)
            descriptor: dict[str, Any] = {
                "id": rule,
                "name": rule,
                "shortDescription": {"text": message or rule},
                "defaultConfiguration": {"level": level},
                "properties": {"category": category, "tags": [category]},
            }
            self.descriptors.append(descriptor)
        return self.index[rule]


def _props(item: Mapping[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {key: item[key] for key in keys if item.get(key) is not None}


def build_sarif(report: Mapping[str, Any]) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict (see :func:`render_sarif`)."""
    rules = _Rules()
    results = list(_results(report, rules))  # fills `rules` in first-seen order
    return _log(report, rules, list(_artifacts(report)), results)


def _log(report: Mapping[str, Any], rules: _Rules, artifacts: Any, results: Any) -> dict[str, Any]:
    """The log around `artifacts` and `results` (lists, or iterators for write_sarif)."""
    tool = report.get("tool", {}) or {}
    driver: dict[str, Any] = {
        "name": str(tool.get("name", "normalize")),
        "version": str(tool.get("version", "0")),
        "rules": rules.descriptors,
    }
    if tool.get("informationUri"):  # optional in SARIF; the project has no public page to name yet
        driver["informationUri"] = str(tool["informationUri"])
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "artifacts": artifacts,
        "results": results,
    }
    errors = report.get("errors") or []
    if errors:
        # Inputs that could not be handled: tool execution notifications, not results.
        run["invocations"] = [{
            "executionSuccessful": False,
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": error_message(e)}} for e in errors
            ],
        }]
    if "summary" in report:
        run["properties"] = {"summary": report["summary"]}
    return {"$schema": SARIF_SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _artifacts(report: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    for entry in report.get("files", []):
        artifact: dict[str, Any] = {"location": {"uri": artifact_uri(str(entry.get("path", "-")))}}
        if entry.get("encoding"):
            artifact["encoding"] = str(entry["encoding"])
        artifact["properties"] = _props(entry, ("language", "changed"))
        yield artifact


def _change_rule(rules: _Rules, change: Mapping[str, Any]) -> int:
    return rules.ref(str(change.get("rule", "")), str(change.get("category", "")), str(change.get("message", "")),
                     "warning")


def _finding_rule(rules: _Rules, finding: Mapping[str, Any]) -> int:
    return rules.ref(str(finding.get("rule", "")), str(finding.get("category", "")),
                     str(finding.get("message", "")), _LEVEL.get(str(finding.get("severity")), "warning"))


def _results(report: Mapping[str, Any], rules: _Rules) -> Iterator[dict[str, Any]]:
    """One result per change and per finding, in report order; registers each rule in `rules`."""
    for index, entry in enumerate(report.get("files", [])):
        uri = artifact_uri(str(entry.get("path", "-")))

        for change in entry.get("changes", []):
            rule, message = str(change.get("rule", "")), str(change.get("message", ""))
            before, after = str(change.get("before", "")), str(change.get("after", ""))
            region = _region(int(change.get("start", -1)), int(change.get("line", 0)),
                             int(change.get("column", 0)), before)
            result: dict[str, Any] = {
                "ruleId": rule,
                "ruleIndex": _change_rule(rules, change),
                "kind": "fail",
                "level": "warning",
                "message": {"text": f"{message}: '{visible(before)}' -> '{visible(after)}'"},
                "locations": [_location(uri, index, region)],
                "properties": {"category": change.get("category"), "before": before, "after": after,
                               "fixed": True},
            }
            if region:
                result["fixes"] = [_fix(uri, index, region, after, f"Replace with '{visible(after)}'")]
            yield result

        for finding in entry.get("findings", []):
            rule, message = str(finding.get("rule", "")), str(finding.get("message", ""))
            text = str(finding.get("text", ""))
            level = _LEVEL.get(str(finding.get("severity")), "warning")
            region = _region(int(finding.get("start", -1)), int(finding.get("line", 0)),
                             int(finding.get("column", 0)), text)
            result = {
                "ruleId": rule,
                "ruleIndex": _finding_rule(rules, finding),
                "kind": "fail",
                "level": level,
                "message": {"text": f"{message}: '{visible(text)}'"},
                "locations": [_location(uri, index, region)],
                "properties": _props(finding, ("category", "severity", "text", "script", "language",
                                               "confidence", "suggestion", "context")),
            }
            suggestion = finding.get("suggestion")
            if suggestion is not None and region:
                result["fixes"] = [_fix(uri, index, region, str(suggestion),
                                        f"Suggestion (review before applying): '{visible(str(suggestion))}'")]
            yield result


def render_sarif(report: Mapping[str, Any]) -> str:
    """Render the JSON report as a SARIF 2.1.0 log (compact JSON, trailing LF).

    Compact because :mod:`json` only uses its C encoder without ``indent``: a
    pretty-printed log of a large batch run is an order of magnitude slower.
    Lone surrogates are replaced by U+FFFD (in one pass over the output, where
    they can only sit inside strings) so the result always encodes as UTF-8.
    """
    return collect(lambda write: write_sarif(report, write))


def write_sarif(report: Mapping[str, Any], write: Write) -> None:
    """render_sarif's log written through `write`, one artifact and one result at a time.

    The rules come first in the log but are collected from the items, so the items are read
    twice: once for the rules, once for the results."""
    rules = _Rules()
    for entry in report.get("files", []):
        for change in entry.get("changes", []):
            _change_rule(rules, change)
        for finding in entry.get("findings", []):
            _finding_rule(rules, finding)
    out = Chunks(write, scrub)
    # log > runs > run > results are streamed; each result is one json.dumps
    dump_json(_log(report, rules, _artifacts(report), _results(report, rules)), out, depth=4,
              separators=(",", ":"))
    out("\n")
    out.flush()
