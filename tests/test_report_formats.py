"""Tests for the SARIF, GitHub, diff and HTML renderers in ``normalize.report``.

Reports are built by hand (offsets computed from the text, as the engine does)
so these tests do not depend on the engine. Each renderer is checked against an
external judge where one exists: the OASIS SARIF schema, GNU ``patch``, and
Python's HTML parser.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from normalize.report.diff import render_diff, split_lines
from normalize.report.github import escape_data, escape_property, render_github, visible
from normalize.report.html import CATEGORY_COLOURS, render_html
from normalize.report.sarif import artifact_uri, render_sarif

SCHEMA_PATH = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


# --------------------------------------------------------------------------- builders


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line/column of an offset, lines split on LF (like the engine's LineIndex)."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def change(text: str, before: str, after: str, rule: str, category: str, message: str,
           occurrence: int = 0, start: int | None = None) -> dict[str, Any]:
    if start is None:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(before, start + 1)
    line, column = _position(text, start)
    return {"rule": rule, "category": category, "start": start, "end": start + len(before),
            "line": line, "column": column, "before": before, "after": after, "message": message}


def finding(text: str, span: str, rule: str, category: str, severity: str, message: str,
            start: int | None = None, **extra: Any) -> dict[str, Any]:
    if start is None:
        start = text.index(span)
    line, column = _position(text, start)
    out = {"rule": rule, "category": category, "severity": severity, "start": start,
           "end": start + len(span), "line": line, "column": column, "text": span, "message": message}
    out.update(extra)
    return out


def apply(text: str, changes: list[dict[str, Any]]) -> str:
    out, pos = [], 0
    for c in sorted(changes, key=lambda c: c["start"]):
        assert text[c["start"]:c["end"]] == c["before"]
        out += [text[pos:c["start"]], c["after"]]
        pos = c["end"]
    return "".join(out) + text[pos:]


def file_entry(path: str, text: str, changes: list[dict[str, Any]], findings: list[dict[str, Any]],
               encoding: str = "utf-8", language: str = "en") -> dict[str, Any]:
    return {"path": path, "encoding": encoding, "language": language, "changed": bool(changes),
            "changes": changes, "findings": findings}


def report_of(*entries: dict[str, Any]) -> dict[str, Any]:
    return {
        "version": 1,
        "tool": {"name": "normalize", "version": "0.1.0"},
        "files": list(entries),
        "summary": {"files": len(entries), "changed": sum(e["changed"] for e in entries),
                    "changes": sum(len(e["changes"]) for e in entries),
                    "findings": sum(len(e["findings"]) for e in entries)},
    }


ARTICLE = (
    "Mr. Putin met Mr Kim at Vastochny.\n"
    "Don\u00e2\u20ac\u2122t fear\u200b the Ukr\u0430ine talks,  said Sergei Saigu.\n"
    "It was a violation of \u03c4\u03bf\u03c5 \u03a3\u03c5\u03bc\u03b2\u03bf\u03c5\u03bb\u03af\u03bf\u03c5 "
    "\u0391\u03c3\u03c6\u03b1\u03bb\u03b5\u03af\u03b1\u03c2 of the UN \u2028 (100% sure).\n"
)
GREEK = (
    "\u03c4\u03bf\u03c5 \u03a3\u03c5\u03bc\u03b2\u03bf\u03c5\u03bb\u03af\u03bf\u03c5 "
    "\u0391\u03c3\u03c6\u03b1\u03bb\u03b5\u03af\u03b1\u03c2"
)


def article_entry(path: str = "news/putin-kim.txt") -> tuple[dict[str, Any], str, str]:
    text = ARTICLE
    changes = [
        change(text, "Mr.", "Mr", "honorific.mr", "honorific", "Mr without a full stop (en-GB)"),
        change(text, "Vastochny", "Vostochny", "names.vostochny", "transliteration", "Vostochny: standard spelling"),
        change(text, "\u00e2\u20ac\u2122", "\u2019", "encoding.mojibake", "encoding", "UTF-8 read as cp1252"),
        change(text, "\u200b", "", "unicode.zero-width", "unicode", "zero-width space removed"),
        change(text, "\u0430", "a", "homoglyph.cyrillic", "homoglyph", "Cyrillic a in a Latin word"),
        change(text, "  ", " ", "whitespace.double-space", "whitespace", "double space"),
        change(text, "Saigu", "Shoigu", "names.shoigu", "transliteration", "Sergei Shoigu: standard spelling"),
        change(text, "\u2028", "", "unicode.line-separator", "unicode", "line separator removed"),
    ]
    changes.sort(key=lambda c: c["start"])
    findings = [
        finding(text, GREEK, "foreign-script.stray", "foreign-script", "error", "Greek fragment in English text",
                script="Greek", language="el", confidence=0.99, suggestion="of the Security Council",
                context="a violation of \u2026 of the UN"),
        # contains a whole change: drawn with the change nested inside
        finding(text, "Mr. Putin", "names.person", "transliteration", "info", "Person name"),
        # starts inside the "Mr." change: crosses it, so listed but not drawn
        finding(text, "r. Putin", "test.crossing", "honorific", "warning", "crosses a change"),
        # same span as the previous drawn finding
        finding(text, "Mr. Putin", "test.duplicate", "honorific", "info", "same span"),
        # spans two lines
        finding(text, "talks,  said Sergei Saigu.\nIt", "test.multiline", "typography", "warning", "two lines"),
    ]
    cleaned = apply(text, changes)
    return file_entry(path, text, changes, findings), text, cleaned


CRLF_TEXT = "First line\r\nSecond  line with \u201cquotes\u201d\r\nLast line\u00a0no newline"


def crlf_entry(path: str = "crlf article.md") -> tuple[dict[str, Any], str, str]:
    text = CRLF_TEXT
    changes = [
        change(text, "  ", " ", "whitespace.double-space", "whitespace", "double space"),
        change(text, "\u00a0", " ", "unicode.nbsp", "unicode", "no-break space"),
    ]
    findings = [finding(text, "Last", "test.info", "typography", "info", "info on the last line")]
    return file_entry(path, text, changes, findings, encoding="utf-8-sig"), text, apply(text, changes)


HOSTILE_TEXT = (
    "Breaking: <script>alert('pwned')</script> & <img src=x onerror=alert(1)> "
    "\"quoted\" </pre></main><b>bold</b> Mr. Smith.\n"
)


def hostile_entry(path: str = "evil/<script>alert(1)</script>, a:b%.txt") -> tuple[dict[str, Any], str, str]:
    text = HOSTILE_TEXT
    changes = [
        change(text, "<b>", "", "test.<script>", "typography", "<script>alert('msg')</script> 100% & more"),
        change(text, "Mr.", "Mr", "honorific.mr", "honorific", "Mr without a full stop"),
    ]
    findings = [finding(text, "<script>alert('pwned')</script>", "test.hostile", "foreign-script", "error",
                        "<img src=x onerror=alert(2)>", suggestion="</td><script>alert(3)</script>",
                        language="<i>xx</i>", script="\"><script>", confidence=0.5)]
    return file_entry(path, text, changes, findings), text, apply(text, changes)


def clean_entry(path: str = "clean.txt") -> tuple[dict[str, Any], str, str]:
    text = "Nothing to see here.\n"
    return file_entry(path, text, [], []), text, text


ALL_ENTRIES = [article_entry, crlf_entry, hostile_entry, clean_entry]


def full_report() -> tuple[dict[str, Any], dict[str, tuple[str, str]]]:
    built = [make() for make in ALL_ENTRIES]
    return report_of(*(b[0] for b in built)), {b[0]["path"]: (b[1], b[2]) for b in built}


def single(make: Any) -> tuple[dict[str, Any], dict[str, tuple[str, str]]]:
    entry, original, cleaned = make()
    return report_of(entry), {entry["path"]: (original, cleaned)}


def test_builders_are_consistent() -> None:
    entry, text, cleaned = article_entry()
    for c in entry["changes"]:
        assert text[c["start"]:c["end"]] == c["before"]
    assert "Shoigu" in cleaned and "\u200b" not in cleaned


# --------------------------------------------------------------------------- SARIF


@pytest.fixture(scope="module")
def sarif_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _validate(log: dict[str, Any], schema: dict[str, Any]) -> None:
    # The vendored schema declares draft-04; validate with its own draft and with Draft-07.
    for validator_cls in (jsonschema.validators.validator_for(schema), jsonschema.Draft7Validator):
        validator = validator_cls(schema, format_checker=validator_cls.FORMAT_CHECKER)
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_vendored_schema_is_the_oasis_one(sarif_schema: dict[str, Any]) -> None:
    assert sarif_schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    assert "result" in sarif_schema["definitions"]


@pytest.mark.parametrize("make", ALL_ENTRIES + [full_report], ids=lambda m: m.__name__)
def test_sarif_validates(make: Any, sarif_schema: dict[str, Any]) -> None:
    report = make()[0] if make is full_report else single(make)[0]
    log = json.loads(render_sarif(report))
    _validate(log, sarif_schema)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1


def test_sarif_schema_catches_a_broken_log(sarif_schema: dict[str, Any]) -> None:
    """Guard against a validator that accepts anything."""
    log = json.loads(render_sarif(full_report()[0]))
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(AssertionError):
        _validate(log, sarif_schema)


def test_sarif_content() -> None:
    report, sources = full_report()
    log = json.loads(render_sarif(report))
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("normalize", "0.1.0")
    assert "informationUri" not in driver or driver["informationUri"].startswith("https://")
    assert run["columnKind"] == "unicodeCodePoints"
    ids = [r["id"] for r in driver["rules"]]
    assert len(ids) == len(set(ids))
    seen = {c["rule"] for f in report["files"] for c in f["changes"]} | \
           {x["rule"] for f in report["files"] for x in f["findings"]}
    assert set(ids) == seen
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    n_changes = report["summary"]["changes"]
    n_findings = report["summary"]["findings"]
    assert len(run["results"]) == n_changes + n_findings
    levels = {(r["ruleId"], r["level"]) for r in run["results"]}
    assert ("foreign-script.stray", "error") in levels
    assert ("names.person", "note") in levels
    assert ("names.shoigu", "warning") in levels
    uris = [a["location"]["uri"] for a in run["artifacts"]]
    assert uris[0] == "news/putin-kim.txt"
    assert uris[1] == "crlf%20article.md"
    assert "<" not in uris[2] and " " not in uris[2]


def _region_text(text: str, region: dict[str, Any]) -> str:
    """Extract a region by line/column (endColumn exclusive) from LF-split lines."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    a = starts[region["startLine"] - 1] + region["startColumn"] - 1
    b = starts[region["endLine"] - 1] + region["endColumn"] - 1
    return text[a:b]


@pytest.mark.parametrize("make", [article_entry, crlf_entry, hostile_entry], ids=lambda m: m.__name__)
def test_sarif_regions_and_fixes_replay(make: Any) -> None:
    entry, original, cleaned = make()
    run = json.loads(render_sarif(report_of(entry)))["runs"][0]
    replacements = []
    for result in run["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        span = original[region["charOffset"]:region["charOffset"] + region["charLength"]]
        assert _region_text(original, region) == span
        if result["ruleId"] in {c["rule"] for c in entry["changes"]}:
            assert result["level"] == "warning"
            assert span == result["properties"]["before"]
            (rep,) = result["fixes"][0]["artifactChanges"][0]["replacements"]
            replacements.append(rep)
        else:
            assert span == result["properties"]["text"]
    # Applying the change fixes by charOffset/charLength reproduces the cleaned text.
    out, pos = [], 0
    for rep in sorted(replacements, key=lambda r: r["deletedRegion"]["charOffset"]):
        d = rep["deletedRegion"]
        out += [original[pos:d["charOffset"]], rep["insertedContent"]["text"]]
        pos = d["charOffset"] + d["charLength"]
    assert "".join(out) + original[pos:] == cleaned


def test_sarif_multiline_region_and_suggestion() -> None:
    report, _ = single(article_entry)
    results = json.loads(render_sarif(report))["runs"][0]["results"]
    multi = next(r for r in results if r["ruleId"] == "test.multiline")
    region = multi["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["endLine"], region["endColumn"]) == (2, 3, 3)
    stray = next(r for r in results if r["ruleId"] == "foreign-script.stray")
    assert stray["properties"]["language"] == "el" and stray["properties"]["confidence"] == 0.99
    fix = stray["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert fix["insertedContent"]["text"] == "of the Security Council"
    zw = next(r for r in results if r["ruleId"] == "unicode.zero-width")
    assert "<U+200B>" in zw["message"]["text"]


def test_sarif_stdin_and_windows_paths() -> None:
    assert artifact_uri("-") == "stdin"
    assert artifact_uri("./a\\b c.txt") == "a/b%20c.txt"
    assert artifact_uri("C:\\news\\x.txt") == "file:///C:/news/x.txt"
    assert artifact_uri("a:b.txt") == "a%3Ab.txt"
    assert artifact_uri("/srv/news/a b.txt") == "file:///srv/news/a%20b.txt"
    assert artifact_uri("\u043d\u043e\u0432\u043e\u0441\u0442\u0438.txt").endswith(".txt")
    entry, text, _ = clean_entry("-")
    log = json.loads(render_sarif(report_of(entry)))
    assert log["runs"][0]["artifacts"][0]["location"]["uri"] == "stdin"


def test_sarif_lone_surrogate_is_encodable(sarif_schema: dict[str, Any]) -> None:
    text = "bad \udc80 byte\n"
    entry = file_entry("s.txt", text, [change(text, "\udc80", "", "encoding.undecodable", "encoding", "x")], [])
    out = render_sarif(report_of(entry))
    out.encode("utf-8")
    _validate(json.loads(out), sarif_schema)


# --------------------------------------------------------------------------- GitHub

_GH_LINE = re.compile(r"^::(error|warning|notice)(?: ([^:\r\n]*))?::([^\r\n]*)$")


def _unescape(value: str) -> str:
    return (value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
            .replace("%25", "%"))


def _parse_github(output: str) -> list[tuple[str, dict[str, str], str]]:
    assert output.endswith("\n")
    parsed = []
    for line in output[:-1].split("\n"):
        m = _GH_LINE.match(line)
        assert m, f"malformed workflow command: {line!r}"
        props: dict[str, str] = {}
        for prop in (m.group(2) or "").split(","):
            key, _, value = prop.partition("=")
            assert key in {"file", "line", "endLine", "col", "endColumn", "title"}, prop
            assert not re.search(r"%(?!25|0D|0A|3A|2C)", value), value
            props[key] = _unescape(value)
        assert not re.search(r"%(?!25|0D|0A)", m.group(3)), m.group(3)
        parsed.append((m.group(1), props, _unescape(m.group(3))))
    return parsed


def test_github_escaping_helpers() -> None:
    assert escape_data("100% a\r\nb: c, d") == "100%25 a%0D%0Ab: c, d"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert visible("a\u200bb\u00adc d\u00a0e") == "a<U+200B>b<U+00AD>c d<U+00A0>e"


def test_github_commands_well_formed() -> None:
    report, _ = full_report()
    commands = _parse_github(render_github(report))
    assert len(commands) == report["summary"]["changes"] + report["summary"]["findings"]
    kinds = {(props["title"], kind) for kind, props, _ in commands}
    assert ("foreign-script.stray", "error") in kinds
    assert ("names.person", "notice") in kinds
    assert ("test.crossing", "warning") in kinds
    assert ("names.shoigu", "warning") in kinds
    shoigu = next(c for c in commands if c[1]["title"] == "names.shoigu")
    entry = article_entry()[0]
    expected = next(c for c in entry["changes"] if c["rule"] == "names.shoigu")
    assert shoigu[1]["file"] == "news/putin-kim.txt"
    assert int(shoigu[1]["line"]) == expected["line"]
    assert int(shoigu[1]["col"]) == expected["column"]
    assert int(shoigu[1]["endColumn"]) == expected["column"] + len("Saigu") - 1  # inclusive
    assert "'Saigu' -> 'Shoigu'" in shoigu[2]


def test_github_hostile_path_and_message_round_trip() -> None:
    entry, _, _ = hostile_entry()
    commands = _parse_github(render_github(report_of(entry)))
    for _, props, _ in commands:
        assert props["file"] == entry["path"]  # ':' ',' '%' escaped and restored
    first = commands[0]
    assert first[1]["title"] == "test.<script>"
    assert first[2].startswith("<script>alert('msg')</script> 100% & more")


def test_github_multiline_span_has_no_columns() -> None:
    report, _ = single(article_entry)
    commands = _parse_github(render_github(report))
    multi = next(c for c in commands if c[1]["title"] == "test.multiline")
    assert multi[1]["line"] == "2" and multi[1]["endLine"] == "3"
    assert "col" not in multi[1] and "endColumn" not in multi[1]


def test_github_newlines_in_messages_are_escaped() -> None:
    text = "a\nb\n"
    entry = file_entry("x.txt", text, [], [finding(text, "a", "r", "typography", "info", "line1\nline2\r")])
    out = render_github(report_of(entry))
    assert out.count("\n") == 1 and "\r" not in out
    assert _parse_github(out)[0][2].startswith("line1\nline2\r")


def test_github_stdin_and_empty() -> None:
    entry, text, _ = article_entry("-")
    commands = _parse_github(render_github(report_of(entry)))
    assert all("file" not in props for _, props, _ in commands)
    assert render_github(single(clean_entry)[0]) == ""


# --------------------------------------------------------------------------- diff


def _apply_unified(original: str, patch: str) -> str:
    """A minimal unified-diff applier for one file (independent of difflib)."""
    lines = split_lines(original)
    out: list[str] = []
    pos = 0
    plines = split_lines(patch)
    assert plines[0].startswith("--- ") and plines[1].startswith("+++ ")
    i = 2
    while i < len(plines):
        m = re.match(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@\n$", plines[i])
        assert m, plines[i]
        old_start = int(m.group(1)) - (0 if m.group(2) == "0" else 1)
        out.extend(lines[pos:old_start])
        pos = old_start
        i += 1
        while i < len(plines) and not plines[i].startswith("@@"):
            tag, body = plines[i][0], plines[i][1:]
            if i + 1 < len(plines) and plines[i + 1] == "\\ No newline at end of file\n":
                assert body.endswith("\n")
                body = body[:-1]
                i += 1
            if tag in " -":
                assert lines[pos] == body, (lines[pos], body)
                pos += 1
            if tag in " +":
                out.append(body)
            i += 1
    out.extend(lines[pos:])
    return "".join(out)


def _split_files(diff: str) -> list[str]:
    return [p for p in re.split(r"(?m)^(?=--- )", diff) if p]


def test_diff_round_trips_through_python_applier() -> None:
    report, sources = full_report()
    diff = render_diff(report, sources)
    parts = _split_files(diff)
    changed = [p for p, (o, c) in sources.items() if o != c]
    assert len(parts) == len(changed)
    for part, path in zip(parts, changed, strict=True):
        original, cleaned = sources[path]
        assert _apply_unified(original, part) == cleaned


def test_diff_crlf_and_no_newline() -> None:
    report, sources = single(crlf_entry)
    diff = render_diff(report, sources)
    assert diff.startswith("--- a/crlf article.md\t\n+++ b/crlf article.md\t\n")
    assert "-Second  line with \u201cquotes\u201d\r\n" in diff
    assert "+Second line with \u201cquotes\u201d\r\n" in diff
    assert diff.count("\\ No newline at end of file\n") == 2
    assert diff.endswith("\\ No newline at end of file\n")


def test_diff_does_not_split_on_unicode_line_breaks() -> None:
    assert split_lines("a\u2028b\x0cc\x85d\r\ne\rf") == ["a\u2028b\x0cc\x85d\r\n", "e\rf"]
    report, sources = single(article_entry)
    diff = render_diff(report, sources)
    # U+2028 is on line 3 of the article; the hunk must have exactly 3 old lines.
    assert re.search(r"^@@ -1,3 \+1,3 @@$", diff, re.M)


@pytest.mark.skipif(shutil.which("patch") is None, reason="GNU patch not installed")
def test_diff_applies_with_gnu_patch(tmp_path: Path) -> None:
    report, sources = full_report()
    # The hostile path is not a portable file name; give that file a plain one.
    hostile_path = hostile_entry()[0]["path"]
    entry_h, orig_h, clean_h = hostile_entry("evil/hostile, a b.txt")
    report["files"][2] = entry_h
    del sources[hostile_path]
    sources[entry_h["path"]] = (orig_h, clean_h)
    for path, (original, _) in sources.items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(original.encode("utf-8"))
    diff = render_diff(report, sources)
    (tmp_path / "fix.patch").write_bytes(diff.encode("utf-8"))
    proc = subprocess.run(["patch", "-p1", "--batch", "--no-backup-if-mismatch", "-i", "fix.patch"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for path, (_, cleaned) in sources.items():
        assert (tmp_path / path).read_bytes() == cleaned.encode("utf-8"), path


def test_diff_absolute_path_header() -> None:
    entry, original, cleaned = article_entry("/srv/news/a.txt")
    diff = render_diff(report_of(entry), {entry["path"]: (original, cleaned)})
    assert diff.startswith("--- a/srv/news/a.txt\n+++ b/srv/news/a.txt\n")


def test_diff_unchanged_and_missing_sources() -> None:
    report, sources = single(clean_entry)
    assert render_diff(report, sources) == ""
    assert render_diff(report, {}) == ""
    report, _ = single(article_entry)
    with pytest.raises(KeyError):
        render_diff(report, {})


# --------------------------------------------------------------------------- HTML

_VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source"}


class _Checker(HTMLParser):
    """Checks nesting and collects what an editor would see."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.articles: list[str] = []  # text of each <pre class="article"> minus <ins>, badges decoded
        self._article: list[str] | None = None
        self._article_depth = 0
        self._in_ins = 0
        self._cp_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag in _VOID:
            return
        self.stack.append(tag)
        if tag == "pre" and a.get("class") == "article" and self._article is None:
            self._article, self._article_depth = [], len(self.stack)
        if tag == "ins":
            self._in_ins += 1
        if tag == "span" and a.get("class") == "cp":
            self._cp_depth = len(self.stack)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self.stack[-3:]}")
            return
        if self._article is not None and len(self.stack) == self._article_depth:
            self.articles.append("".join(self._article))
            self._article = None
        if tag == "ins":
            self._in_ins -= 1
        if len(self.stack) == self._cp_depth:
            self._cp_depth = 0
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._article is not None and not self._in_ins:
            if self._cp_depth:
                data = chr(int(data[2:], 16))
            self._article.append(data)


def _check_html(page: str) -> _Checker:
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert not checker.errors, checker.errors
    assert checker.stack == [], checker.stack
    return checker


def test_html_well_formed_and_self_contained() -> None:
    report, sources = full_report()
    page = render_html(report, sources)
    assert page.startswith("<!DOCTYPE html>")
    checker = _check_html(page)
    names = [t for t, _ in checker.tags]
    assert "script" not in names and "link" not in names and "img" not in names
    assert not any(k in {"src", "href"} and v and not v.startswith("#")
                   for _, attrs in checker.tags for k, v in attrs.items())
    assert not any(k.startswith("on") for _, attrs in checker.tags for k in attrs)
    csp = [a["content"] for t, a in checker.tags if t == "meta" and a.get("http-equiv")]
    assert csp and "default-src 'none'" in (csp[0] or "")
    for cat in CATEGORY_COLOURS:
        assert f".cat-{cat}{{background:" in page


def test_html_original_text_is_preserved() -> None:
    """The article view, minus insertions, is exactly the original text."""
    report, sources = full_report()
    checker = _check_html(render_html(report, sources))
    originals = [sources[f["path"]][0] for f in report["files"]]
    assert checker.articles == originals


def test_html_changes_and_findings_marked() -> None:
    report, sources = single(article_entry)
    page = render_html(report, sources)
    checker = _check_html(page)
    changes = [a for t, a in checker.tags if t == "span" and "change" in (a.get("class") or "").split()
               and a.get("id")]
    assert len(changes) == len(report["files"][0]["changes"])
    for c in changes:
        assert any(f"cat-{cat}" in (c["class"] or "") for cat in CATEGORY_COLOURS)
        assert c["title"] and (c["data-rule"] or "-") in c["title"]
    shoigu = next(c for c in changes if c["data-rule"] == "names.shoigu")
    title = shoigu["title"] or ""
    assert "Sergei Shoigu: standard spelling" in title and "'Saigu' \u2192 'Shoigu'" in title
    marks = {a["data-rule"] or "": a for t, a in checker.tags if t == "mark" and a.get("data-rule")}
    assert {"foreign-script.stray", "names.person", "test.multiline"} <= set(marks)
    assert "test.crossing" not in marks and "test.duplicate" not in marks
    assert "sev-error" in (marks["foreign-script.stray"]["class"] or "")
    assert "not highlighted: overlaps part of a change" in page
    assert "not highlighted: same span as another finding" in page
    # the nested change sits inside the names.person mark
    assert re.search(r'<mark class="finding sev-info"[^>]*data-rule="names.person"[^>]*>'
                     r'<span class="change cat-honorific"[^>]*><del>Mr\.</del><ins>Mr</ins></span> Putin</mark>',
                     page)
    # invisible characters are shown as badges inside <del>
    assert 'U+200B</span></del>' in page
    text = "".join(checker.text)
    for needle in ("of the Security Council", "el", "Greek", "0.99", "3:23", "a violation of \u2026 of the UN"):
        assert needle in text, needle


def test_html_hostile_input_is_text() -> None:
    entry, original, cleaned = hostile_entry()
    page = render_html(report_of(entry), {entry["path"]: (original, cleaned)})
    checker = _check_html(page)
    assert [t for t, _ in checker.tags].count("script") == 0
    assert [t for t, _ in checker.tags].count("img") == 0
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt;" in page
    text = "".join(checker.text)
    assert "<script>alert('pwned')</script>" in text
    assert "<img src=x onerror=alert(2)>" in text
    assert "</td><script>alert(3)</script>" in text
    assert entry["path"] in text
    assert checker.articles[0] == original


def test_html_crlf_and_clean_files() -> None:
    report, sources = full_report()
    page = render_html(report, sources)
    assert "Nothing to change, nothing to review." in page
    assert "crlf article.md" in page
    assert "\r\n" in page  # original line endings kept inside <pre>; browsers normalise them


def test_html_without_sources_and_empty_report() -> None:
    report, _ = single(article_entry)
    page = render_html(report, {})
    _check_html(page)
    assert "Original text not available" in page
    empty = render_html(report_of(), {})
    _check_html(empty)
    assert "No files were checked." in empty


def test_html_bad_offsets_are_listed_not_drawn() -> None:
    text = "Hello world.\n"
    bad = change(text, "world", "World", "test.bad", "typography", "bad offsets")
    bad["start"] += 1
    bad["end"] += 1
    f = finding(text, "Hello", "test.f", "typography", "info", "ok")
    f_out = finding(text, "Hello", "test.out", "typography", "info", "out of range")
    f_out["start"], f_out["end"] = 50, 60
    entry = file_entry("b.txt", text, [bad], [f, f_out])
    page = render_html(report_of(entry), {"b.txt": (text, text)})
    checker = _check_html(page)
    assert checker.articles[0] == text
    assert "offsets do not match the text" in page
    assert not any(t == "span" and a.get("data-rule") == "test.bad" for t, a in checker.tags)


# --------------------------------------------------------------------------- report-level errors


def test_report_errors_rendered(sarif_schema: dict[str, Any]) -> None:
    report, sources = single(clean_entry)
    report["errors"] = [{"message": "bad.bin: cannot decode <safely>, 100%"}]
    report["summary"]["errors"] = 1
    log = json.loads(render_sarif(report))
    _validate(log, sarif_schema)
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["message"]["text"].startswith("bad.bin: cannot decode")
    (kind, props, message), = _parse_github(render_github(report))
    assert kind == "error" and props == {"title": "normalize"} and message.endswith("100%")
    page = render_html(report, sources)
    _check_html(page)
    assert "bad.bin: cannot decode &lt;safely&gt;, 100%" in page
