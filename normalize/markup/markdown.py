"""Markdown: block structure from markdown-it-py, inline constructs scanned from the source."""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable
from typing import TYPE_CHECKING

import regex

from .frontmatter import complement, front_matter
from .html import MD_OPEN_TAG, html_construct, scan_html
from .lines import Lines
from .spans import Span

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_md_parser: MarkdownIt | None = None


def _parser() -> MarkdownIt:
    """One block-level markdown-it parser, built on first use.

    Inline parsing is switched off: its tokens have no source positions, so we
    scan inline source ourselves and the parse costs half as much.
    """
    global _md_parser
    if _md_parser is None:
        from markdown_it import MarkdownIt

        _md_parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
        _md_parser.core.ruler.disable(["inline", "text_join"])
    return _md_parser


# Block tokens whose lines are fully accounted for; any other non-blank line is a
# reference definition (markdown-it emits no token for those) or bare container syntax.
_LEAF_BLOCKS = frozenset(
    {"fence", "code_block", "hr", "html_block", "heading_open", "table_open", "paragraph_open", "inline"}
)
_MDX_ESM = re.compile(r"(?:import|export)[ \t{*]")
_CONTAINER_PREFIX = re.compile(
    r"[ \t]*(?:(?:>[ \t]?|(?:[-+*]|[0-9]{1,9}[.)])(?:[ \t]+|$))(?:\[[ xX]\](?=[ \t]))?[ \t]*)*"
)
_ATX_OPEN = re.compile(_CONTAINER_PREFIX.pattern + r"#{1,6}(?=[ \t]|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$|^#+[ \t]*$")
_HARD_BREAK = re.compile(r"(?: {2,}|\\)$")
_MD_TRIGGER = re.compile(r"[\\`<&\[\]]")  # one character class: re scans it fast
_MD_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_MD_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_MD_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]:?")
_TICKS = re.compile(r"`+")
_AUTOLINK = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\x00-\x20]*"
    r"|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*)>"
)
# A link's `(destination "title")`; the fast `re` form allows one level of
# nested parentheses, the `regex` fallback any depth (CommonMark's rule).
_LINK_TAIL_FAST = re.compile(
    r"""\( [ \t]*(?:\r\n|\r|\n)?[ \t]*
    (?: <(?:[^<>\n\r\\]|\\.)*> | (?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))* )
    (?: [ \t]*(?:\r\n|\r|\n)?[ \t]*
        (?: "(?:[^"\\]|\\.)*" | '(?:[^'\\]|\\.)*' | \((?:[^()\\]|\\.)*\) ) )?
    [ \t]*(?:\r\n|\r|\n)?[ \t]* \)""",
    re.X | re.S,
)
_LINK_TAIL = regex.compile(
    r"""\( [ \t]*(?:\r\n|\r|\n)?[ \t]*
    (?: <(?:[^<>\n\r\\]|\\.)*> | (?P<d>(?:[^\s()\\]|\\.|\((?&d)\))*) )
    (?: [ \t]*(?:\r\n|\r|\n)?[ \t]*
        (?: "(?:[^"\\]|\\.)*" | '(?:[^'\\]|\\.)*' | \((?:[^()\\]|\\.)*\) ) )?
    [ \t]*(?:\r\n|\r|\n)?[ \t]* \)""",
    regex.X | regex.S,
)
_LINK_LABEL = re.compile(r"\[((?:[^\[\]\\]|\\.){0,999})\]", re.S)


def scan_markdown(text: str, out: list[Span]) -> None:
    lines = Lines(text)
    fm_lines, editable = front_matter(text, lines)
    source = text[1:] if text.startswith("\ufeff") else text
    if fm_lines:
        fm_start, fm_end = lines.block(0, fm_lines)
        out.extend(complement(fm_start, fm_end, editable))
        source = "\n" * fm_lines + text[lines.starts[fm_lines] :] if fm_lines < len(lines) else ""
    covered = bytearray(len(lines))
    covered[:fm_lines] = b"\x01" * fm_lines
    inlines = array("l")  # (first, stop) of each inline block: scanned once every reference is known
    last_inline = -1

    def consume(token: Token) -> None:
        nonlocal last_inline
        if token.map is None or token.type not in _LEAF_BLOCKS:
            return
        first, stop = token.map
        kind = token.type
        covered[first:stop] = b"\x01" * (stop - first)
        if kind in ("fence", "code_block", "hr"):
            out.append(lines.block(first, stop))
        elif kind == "html_block":
            scan_html(text, *lines.block(first, stop), out)
        elif kind == "heading_open":
            _protect_heading_marks(text, lines, first, stop, token.markup, out)
        elif kind == "table_open" and stop - first > 1:
            out.append(lines.block(first + 1, first + 2))  # the |---|:--:| delimiter row
        elif kind == "paragraph_open" and _MDX_ESM.match(text, lines.starts[first], lines.ends[first]):
            out.append(lines.block(first, stop))  # MDX `import`/`export`: JavaScript, not prose
            last_inline = first
        elif kind == "inline" and first > last_inline:
            inlines.extend((first, stop))
            last_inline = first

    env: dict[str, dict[str, object]] = {}
    _parse(source, env, consume)
    references = set(env.get("references", {}))
    for k in range(0, len(inlines), 2):
        _scan_md_inline(text, lines, inlines[k], inlines[k + 1], references, out)
    _protect_uncovered(text, lines, covered, out)


def _parse(source: str, env: dict[str, dict[str, object]], consume: Callable[[Token], None]) -> None:
    """markdown-it's block parse of `source`, each token handed to `consume` in order once its
    top-level block is complete and then dropped: the parser's tokens for a whole document
    (an object, two dicts and a copy of the text per block) cost 16 times the text."""
    from markdown_it.rules_core import StateCore

    state = StateCore(source, _parser(), env)
    stream = _TokenStream(consume)
    state.tokens = stream  # not a constructor argument: an empty list is falsy and replaced there
    _parser().core.process(state)
    stream.flush()


class _TokenStream(list):
    """The parser's token list: when a top-level block opens, the earlier blocks are complete
    (no block rule looks back past the block it builds), so their tokens are consumed and
    their places set to None; indices stay valid for the rules that keep them (lists)."""

    def __init__(self, consume: Callable[[Token], None]) -> None:
        super().__init__()
        self._consume = consume
        self._done = 0

    def append(self, token: Token) -> None:
        if token.level == 0 and token.nesting >= 0:
            self.flush()
        super().append(token)

    def flush(self) -> None:
        for i in range(self._done, len(self)):
            self._consume(self[i])
            self[i] = None
        self._done = len(self)


def _protect_heading_marks(text: str, lines: Lines, first: int, stop: int, markup: str, out: list[Span]) -> None:
    """ATX `#` markers and setext underlines are syntax, not prose."""
    if markup.startswith("#"):
        start, end = lines.starts[first], lines.ends[first]
        m = _ATX_OPEN.match(text, start, end)
        if m:
            out.append(m.span())
        close = _ATX_CLOSE.search(text[start:end])
        if close:
            out.append((start + close.start(), end))
    else:
        out.append(lines.block(stop - 1, stop))


def _protect_uncovered(text: str, lines: Lines, covered: bytearray, out: list[Span]) -> None:
    """Lines no leaf block claims: reference definitions (`[id]: url`) and container marks."""
    i = covered.find(0)
    while i >= 0:
        start, end = lines.starts[i], lines.ends[i]
        if end > start and not text[start:end].isspace():
            out.append((start, end))
        i = covered.find(0, i + 1)


def _scan_md_inline(text: str, lines: Lines, first: int, stop: int, refs: set[str], out: list[Span]) -> None:
    """Inline syntax of one paragraph, heading or table row, scanned from source."""
    starts, ends = lines.starts, lines.ends
    for i in range(first, stop):
        m = _CONTAINER_PREFIX.match(text, starts[i], ends[i])
        if m and m.end() > m.start():
            out.append(m.span())
        if i < stop - 1 and ends[i] > starts[i] and text[ends[i] - 1] in " \\":
            hard = _HARD_BREAK.search(text, max(starts[i], ends[i] - 256), ends[i])
            if hard:
                out.append(hard.span())
    start, end = lines.block(first, stop)
    _scan_inline_source(text, start, end, refs, out)


def _scan_inline_source(text: str, start: int, end: int, refs: set[str], out: list[Span]) -> None:
    """Code spans, autolinks, raw HTML, entities, escapes and link targets in `text[start:end]`."""
    brackets: list[int] = []  # offsets of unmatched "[" / "!["
    pos = start
    search = _MD_TRIGGER.search
    while True:
        m = search(text, pos, end)
        if m is None:
            return
        at = m.start()
        char = text[at]
        pos = at + 1
        if char == "\\":
            if pos < end and text[pos] in _MD_ESCAPABLE:
                out.append((at, pos + 1))
                pos += 1
        elif char == "`":
            pos = _md_code_span(text, at, end, out)
        elif char == "<":
            pos = _md_angle(text, at, end, out)
        elif char == "&":
            entity = _MD_ENTITY.match(text, at, end)
            if entity:
                out.append(entity.span())
                pos = entity.end()
        elif char == "[":
            note = _MD_FOOTNOTE.match(text, at, end)
            if note:
                out.append(note.span())
                pos = note.end()
            else:
                brackets.append(at - 1 if at > start and text[at - 1] == "!" else at)
        elif brackets:  # "]"
            pos = _md_link_end(text, brackets.pop(), at, end, refs, out)


def _md_code_span(text: str, at: int, end: int, out: list[Span]) -> int:
    """Protect a code span opened by the backtick run at `at`; an unmatched run is text."""
    run = _TICKS.match(text, at, end).end()  # type: ignore[union-attr]
    width = run - at
    pos = run
    while True:
        close = _TICKS.search(text, pos, end)
        if close is None:
            return run
        if close.end() - close.start() == width:
            out.append((at, close.end()))
            return close.end()
        pos = close.end()


def _md_angle(text: str, at: int, end: int, out: list[Span]) -> int:
    """Autolinks and inline raw HTML (`<code>` contents included); else `<` is text."""
    m = _AUTOLINK.match(text, at, end)
    if m:
        out.append(m.span())
        return m.end()
    return html_construct(text, at, end, out, MD_OPEN_TAG)


def _reference_label(label: str) -> str:
    """markdown-it's normalisation of reference labels (case-folded, whitespace collapsed)."""
    from markdown_it.common.utils import normalizeReference

    return normalizeReference(label)


def _md_link_end(text: str, opener: int, closer: int, end: int, refs: set[str], out: list[Span]) -> int:
    """Protect the target part after a link's `]`: `(url "title")`, `[ref]`, or a reference label."""
    after = closer + 1
    label_start = opener + (2 if text[opener] == "!" else 1)
    if text.startswith("(", after):
        m = _LINK_TAIL_FAST.match(text, after, end) or _LINK_TAIL.match(text, after, end)
        if m:
            out.append(m.span())
            return m.end()
    elif text.startswith("[", after):
        m = _LINK_LABEL.match(text, after, end)
        if m:
            if m.group(1).strip():  # full reference [text][label]: the label is an id
                out.append(m.span())
            elif _reference_label(text[label_start:closer]) in refs:  # collapsed [label][]
                out.append((opener, m.end()))
            return m.end()
    if _reference_label(text[label_start:closer]) in refs:  # shortcut [label]: its text is the id
        out.append((opener, after))
    return after
