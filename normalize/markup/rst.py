"""reStructuredText: directives, literal blocks, targets, roles and inline literals."""

from __future__ import annotations

import re

from .lines import Lines
from .spans import Span

_RST_EXPLICIT = re.compile(r"(?P<indent>[ \t]*)\.\.(?:[ \t]+|$)")
_RST_TARGET = re.compile(r"[ \t]*(?:\.\.[ \t]+_|__[ \t])")
_RST_FOOTNOTE = re.compile(r"[ \t]*\.\.[ \t]+\[[^\]\s]+\]")
_RST_DIRECTIVE = re.compile(r"[ \t]*\.\.[ \t]+(?:\|[^|]+\|[ \t]+)?(?P<name>[\w:+.\-]+)::(?=[ \t]|$)")
_RST_OPTION = re.compile(r"[ \t]+:(?P<name>[^:\s][^:]*):(?:[ \t]+|$)")
_RST_FIELD = re.compile(r"[ \t]*:[^:\s][^:]*:(?=[ \t]|$)")
_RST_ADORNMENT = re.compile(r"[ \t]*(?:([!-/:-@\[-`{-~])\1+|\+(?:[-=]+\+)+|=+(?:[ \t]+=+)+|-+(?:[ \t]+-+)+)[ \t]*$")
_RST_TRIGGER = re.compile(r"[`|\[\\_]")  # one character class: re scans it fast
_RST_LITERAL = re.compile(r"``(?!\s).*?(?<!\s)``", re.S)
_RST_INTERPRETED = re.compile(r"`(?P<body>(?!\s)(?:[^`\\]|\\.)+?)`(?P<suffix>:[\w.+:\-]+:|__?)?", re.S)
_RST_ROLE_BEFORE = re.compile(r":[\w.+:\-]+:$")
_RST_SUBSTITUTION = re.compile(r"\|(?!\s)[^|\n\r]+(?<!\s)\|(?:__?)?")
_RST_FOOTNOTE_REF = re.compile(r"\[(?:[0-9]+|#[\w\-]*|\*|[A-Za-z][\w.\-]*)\]_")
_RST_REFERENCE_END = re.compile(r"__?(?!\w)")
_RST_REFERENCE_WORD = re.compile(r"(?<![\w`])\w(?:[\w.+\-]*\w)?$")
_RST_TARGET_IN_TEXT = re.compile(r"\s*<[^<>]+>$")
# Directives whose argument is prose (titles); others take paths, languages, code.
_RST_TEXT_ARG_DIRECTIVES = frozenset(
    {"admonition", "attention", "caution", "danger", "error", "hint", "important", "note", "tip",
     "warning", "topic", "sidebar", "rubric", "table", "csv-table", "list-table", "epigraph",
     "highlights", "pull-quote", "seealso", "versionadded", "versionchanged", "deprecated"}
)
# Directives whose body is code or machine text.
_RST_CODE_DIRECTIVES = frozenset(
    {"code", "code-block", "sourcecode", "literalinclude", "raw", "math", "highlight", "include",
     "csv-table", "graphviz", "digraph", "mermaid", "productionlist", "toctree", "meta", "doctest",
     "testcode", "testoutput", "parsed-literal"}
)
# Roles whose content is prose and stays editable.
_RST_TEXT_ROLES = frozenset(
    {":emphasis:", ":strong:", ":sup:", ":sub:", ":superscript:", ":subscript:", ":abbr:",
     ":title-reference:", ":title:", ":t:", ":dfn:"}
)
_RST_EDITABLE_OPTIONS = frozenset({"alt", "caption"})


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def scan_rst(text: str, out: list[Span]) -> None:
    lines = Lines(text)
    prose: list[int] = []  # lines whose inline markup we scan
    n, i = len(lines), 0
    literal_after = -1  # indent of a paragraph that ended with "::", else -1
    while i < n:
        start, end = lines.starts[i], lines.ends[i]
        line = text[start:end]
        if not line.strip():
            i += 1
            continue
        indent = _indent(line)
        if literal_after >= 0:
            level, literal_after = literal_after, -1
            if indent > level:
                i = _protect_indented(text, lines, i, level, out)
                continue
        if _RST_EXPLICIT.match(line):
            i = _rst_explicit(text, lines, i, prose, out)
            continue
        if _RST_ADORNMENT.match(line):
            out.append((start, end))
            i += 1
            continue
        if line.lstrip().startswith(">>>"):
            stop = i
            while stop < n and text[lines.starts[stop] : lines.ends[stop]].strip():
                stop += 1
            out.append(lines.block(i, stop))
            i = stop
            continue
        stop = i + 1  # the rest of this paragraph
        while stop < n and text[lines.starts[stop] : lines.ends[stop]].strip() and not _RST_ADORNMENT.match(
            text, lines.starts[stop], lines.ends[stop]
        ):
            stop += 1
        for k in range(i, stop):  # field list names (:Author: ...)
            field = _RST_FIELD.match(text, lines.starts[k], lines.ends[k])
            if field:
                out.append(field.span())
        prose.extend(range(i, stop))
        if text[lines.starts[stop - 1] : lines.ends[stop - 1]].rstrip().endswith("::"):
            literal_after = indent
        i = stop
    _rst_inline(text, lines, prose, out)


def _protect_indented(text: str, lines: Lines, first: int, level: int, out: list[Span]) -> int:
    """Protect the block of lines indented deeper than `level`; return the next line."""
    stop = _indented_end(text, lines, first, level)
    out.append(lines.block(first, stop))
    return stop


def _indented_end(text: str, lines: Lines, first: int, level: int) -> int:
    """First line after `first` that is non-blank and indented `level` or less (trailing blanks excluded)."""
    last = first
    i = first + 1
    while i < len(lines):
        line = text[lines.starts[i] : lines.ends[i]]
        if line.strip():
            if _indent(line) <= level:
                break
            last = i
        i += 1
    return last + 1


def _rst_explicit(text: str, lines: Lines, i: int, prose: list[int], out: list[Span]) -> int:
    """Directives, targets, footnotes, substitution definitions and comments."""
    start, end = lines.starts[i], lines.ends[i]
    line = text[start:end]
    level = _indent(line)
    stop = _indented_end(text, lines, i, level)
    if _RST_TARGET.match(line):
        out.append(lines.block(i, stop))
        return stop
    m = _RST_FOOTNOTE.match(line)
    if m:
        out.append((start, start + m.end()))
        prose.extend(range(i, stop))
        return stop
    m = _RST_DIRECTIVE.match(line)
    if not m:  # a comment, including ".. normalize: off"
        out.append(lines.block(i, stop))
        return stop
    name = m.group("name").lower()
    if name in _RST_TEXT_ARG_DIRECTIVES:
        out.append((start, start + m.end()))
        prose.append(i)
    else:
        out.append((start, end))
    j = i + 1
    while j < stop:  # option lines directly under the directive
        o_start, o_end = lines.starts[j], lines.ends[j]
        option = _RST_OPTION.match(text, o_start, o_end)
        if not option:
            break
        if option.group("name").lower() in _RST_EDITABLE_OPTIONS:
            out.append((o_start, option.end()))
            prose.append(j)
        else:
            out.append((o_start, o_end))
        j += 1
    if name in _RST_CODE_DIRECTIVES:
        if j < stop:
            out.append(lines.block(j, stop))
    else:
        prose.extend(k for k in range(j, stop) if not _RST_ADORNMENT.match(text, lines.starts[k], lines.ends[k]))
    return stop


def _rst_inline(text: str, lines: Lines, prose: list[int], out: list[Span]) -> None:
    """Scan runs of consecutive prose lines (inline markup may wrap across lines)."""
    prose = sorted(set(prose))
    k = 0
    while k < len(prose):
        first = last = prose[k]
        while k + 1 < len(prose) and prose[k + 1] == last + 1:
            k += 1
            last = prose[k]
        _rst_inline_chunk(text, *lines.block(first, last + 1), out)
        k += 1


def _rst_inline_chunk(text: str, start: int, end: int, out: list[Span]) -> None:
    """Inline literals, roles, references, substitutions and escapes in `text[start:end]`."""
    pos = start
    search = _RST_TRIGGER.search
    while True:
        m = search(text, pos, end)
        if m is None:
            return
        at = m.start()
        pos = _rst_inline_at(text, at, start, end, text[at], out)


def _rst_inline_at(text: str, at: int, start: int, end: int, char: str, out: list[Span]) -> int:
    """Protect the construct starting at trigger `at`; return where scanning resumes."""
    if char == "\\":
        out.append((at, min(at + 2, end)))
        return at + 2
    if char == "`":
        if text.startswith("``", at):
            m = _RST_LITERAL.match(text, at, end)
            if m:
                out.append(m.span())
                return m.end()
            return at + 2
        m = _RST_INTERPRETED.match(text, at, end)
        if m:
            role = _RST_ROLE_BEFORE.search(text, max(start, at - 48), at)
            _rst_interpreted(text, m, role.group() if role else None, role.start() if role else at, out)
            return m.end()
        return at + 1
    if char == "|":
        m = _RST_SUBSTITUTION.match(text, at, end)
        if m and not (at > start and (text[at - 1].isalnum() or text[at - 1] in "_|")):
            out.append(m.span())
            return m.end()
        return at + 1
    if char == "[":
        m = _RST_FOOTNOTE_REF.match(text, at, end)
        if m:
            out.append(m.span())
            return m.end()
        return at + 1
    m = _RST_REFERENCE_END.match(text, at, end)  # "_": a `word_` or `word__` reference?
    word = _RST_REFERENCE_WORD.search(text, max(start, at - 64), at) if m else None
    if m and word:
        out.append((word.start(), m.end()))
        return m.end()
    return at + 1


def _rst_interpreted(text: str, m: re.Match[str], prefix: str | None, begin: int, out: list[Span]) -> None:
    """`text <url>`_, :role:`content`: protect targets, roles and code; keep display text."""
    role = (prefix or m.group("suffix") or "").lower()
    body_start, body_end = m.span("body")
    target = _RST_TARGET_IN_TEXT.search(m.group("body"))
    if target and role not in (":code:", ":math:", ":literal:", ":file:", ":samp:", ":kbd:"):
        out.append((begin, body_start))
        out.append((body_start + target.start(), m.end()))
    elif role in _RST_TEXT_ROLES:
        out.append((begin, body_start))
        out.append((body_end, m.end()))
    else:
        out.append((begin, m.end()))
