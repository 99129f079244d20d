"""YAML and TOML front matter: keys and machine values protected, prose values (title, ...) editable."""

from __future__ import annotations

import re

from .lines import Lines
from .spans import Span

# Front matter keys whose string values are prose and stay editable.
TEXT_KEYS = frozenset({"title", "description", "summary", "subtitle", "excerpt", "alt", "caption"})

_YAML_KEY = re.compile(r"[ \t]*(?:-[ \t]+)?(?P<key>[A-Za-z_][\w\-]*)[ \t]*:(?:[ \t]+(?P<val>.*?))?[ \t]*$")
_YAML_BLOCK = re.compile(r"[|>][+\-1-9]*[ \t]*(?:#.*)?$")
_YAML_NOT_STRING = re.compile(
    r"(?:[-+]?[0-9][0-9_.:eE+\-]*|true|false|yes|no|on|off|null|~|[0-9]{4}-[0-9]{2}-[0-9]{2}.*)$", re.I
)
_YAML_INDICATORS = "[]{},#&*!|>%@`"
_TOML_KEY = re.compile(r"[ \t]*(?P<key>[A-Za-z0-9_\-.]+)[ \t]*=[ \t]*(?P<val>.*)$")
_DQ_ESCAPE = re.compile(r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x[0-9A-Fa-f]{2}|.)", re.S)


def front_matter(text: str, lines: Lines) -> tuple[int, list[Span]]:
    """Detect YAML (`---`) or TOML (`+++`) front matter at the top.

    Returns the number of lines it occupies (0 if none) and its editable spans:
    the scalar string values of `TEXT_KEYS`. Everything else in it — keys,
    delimiters, dates, tags, slugs — is protected by the caller.
    """
    first = text[lines.starts[0] : lines.ends[0]].lstrip("\ufeff").rstrip()
    if first not in ("---", "+++"):
        return 0, []
    closers = ("---", "...") if first == "---" else ("+++",)
    for i in range(1, len(lines)):
        if text[lines.starts[i] : lines.ends[i]].rstrip() in closers:
            editable: list[Span] = []
            body = range(1, i)
            if first == "---":
                _yaml_values(text, lines, body, editable)
            else:
                _toml_values(text, lines, body, editable)
            return i + 1, editable
    return 0, []


def _yaml_values(text: str, lines: Lines, body: range, out: list[Span]) -> None:
    in_block = False  # inside the `key: |` block scalar of a text key
    block_key_indent = 0
    for i in body:
        start, end = lines.starts[i], lines.ends[i]
        line = text[start:end]
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if in_block:
            if not stripped.strip():
                continue
            if indent > block_key_indent:
                out.append((start + indent, start + len(line.rstrip())))
                continue
            in_block = False
        m = _YAML_KEY.match(line)
        if not m or m.group("key").lower() not in TEXT_KEYS or not m.group("val"):
            continue
        val, v_start = m.group("val"), start + m.start("val")
        if _YAML_BLOCK.match(val):
            in_block, block_key_indent = True, indent
        else:
            _yaml_scalar(val, v_start, out)


def _yaml_scalar(val: str, at: int, out: list[Span]) -> None:
    """Editable parts of a one-line YAML scalar: quoted contents or a plain string."""
    if val[0] == '"':
        m = re.match(r'"((?:[^"\\]|\\.)*)"', val)
        if m:
            _split_around(m.start(1) + at, m.end(1) + at, _DQ_ESCAPE, val, at, out)
    elif val[0] == "'":
        m = re.match(r"'((?:[^']|'')*)'", val)
        if m:
            _split_around(m.start(1) + at, m.end(1) + at, re.compile("''"), val, at, out)
    elif val[0] not in _YAML_INDICATORS and not _YAML_NOT_STRING.match(val):
        if val[0] in "-?:" and (len(val) == 1 or val[1] in " \t"):
            return
        comment = re.search(r"[ \t]#", val)
        plain = val[: comment.start()] if comment else val
        out.append((at, at + len(plain.rstrip())))


def _split_around(start: int, end: int, escape: re.Pattern[str], val: str, at: int, out: list[Span]) -> None:
    """Add `[start, end)` as editable minus the escape sequences found in it."""
    pos = start
    for e in escape.finditer(val, start - at, end - at):
        out.append((pos, e.start() + at))
        pos = e.end() + at
    out.append((pos, end))


def _toml_values(text: str, lines: Lines, body: range, out: list[Span]) -> None:
    multi: str | None = None  # the open triple quote while inside a multi-line string
    for i in body:
        start, end = lines.starts[i], lines.ends[i]
        line = text[start:end]
        if multi is not None:
            close = line.find(multi)
            stop = end if close < 0 else start + close
            _toml_content(text, start, stop, multi, out)
            if close >= 0:
                multi = None
            continue
        m = _TOML_KEY.match(line)
        if not m or m.group("key").rsplit(".", 1)[-1].lower() not in TEXT_KEYS:
            continue
        val, v_start = m.group("val"), start + m.start("val")
        quote = val[:3] if val[:3] in ('"""', "'''") else val[:1]
        if quote not in ('"', "'", '"""', "'''"):
            continue
        body_start = v_start + len(quote)
        close = text.find(quote, body_start, end)
        if quote[0] == '"' and len(quote) == 1:
            m2 = re.match(r'"((?:[^"\\]|\\.)*)"', val)
            close = v_start + m2.end(1) if m2 else -1
        if close < 0:
            if len(quote) == 3:
                _toml_content(text, body_start, end, quote, out)
                multi = quote
            continue
        _toml_content(text, body_start, close, quote, out)


def _toml_content(text: str, start: int, end: int, quote: str, out: list[Span]) -> None:
    if quote.startswith('"'):
        _split_around(start, end, _DQ_ESCAPE, text, 0, out)
    else:
        out.append((start, end))


def complement(start: int, end: int, holes: list[Span]) -> list[Span]:
    """`[start, end)` minus the (sorted) `holes`."""
    spans, pos = [], start
    for a, b in sorted(holes):
        if a > pos:
            spans.append((pos, a))
        pos = max(pos, b)
    if pos < end:
        spans.append((pos, end))
    return spans
