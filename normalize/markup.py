"""Protected regions of marked-up text: the characters no rule may ever change.

Stages work on the whole document as plain text, so a name fix could otherwise
land inside a code block, a URL, a link target, an HTML attribute or a front
matter key and silently break the article. This module answers one question —
which character ranges are off limits — for Markdown, HTML, reStructuredText and
plain text. It never edits anything.

Offsets are character offsets into the text exactly as given (CRLF kept, BOM
already removed by the decoder, though a leading U+FEFF is tolerated and
protected). Over-protection is the safe failure: a missed fix is a finding
nobody sees; a fix inside a URL is a broken article. So when a construct is
ambiguous we protect it.

Markdown block structure comes from markdown-it-py (its token `.map` gives line
ranges); inline constructs are found by scanning the source of each inline
block ourselves, because markdown-it's inline tokens carry no positions.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from typing import TYPE_CHECKING, Callable, Iterable

import regex

from .files import markup_for_path  # the extension table lives with the file walker

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

Span = tuple[int, int]

__all__ = ["MARKUPS", "Span", "is_protected", "markup_for_path", "merge_spans", "protected_spans"]

MARKUPS = ("markdown", "html", "rst", "text")



def protected_spans(text: str, markup: str) -> list[Span]:
    """Sorted, merged `[start, end)` ranges of `text` that must never be changed."""
    scanner = _SCANNERS.get(markup)
    if scanner is None:
        raise ValueError(f"unknown markup {markup!r}; expected one of {', '.join(MARKUPS)}")
    spans: list[Span] = []
    if text.startswith("\ufeff"):
        spans.append((0, 1))
    scanner(text, spans)
    _scan_urls(text, spans)  # everywhere: a URL is never prose, whatever surrounds it
    return merge_spans(spans)


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sort spans and merge the ones that overlap or touch; empty spans are dropped."""
    merged: list[list[int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1][1] = end
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def is_protected(spans: list[Span]) -> Callable[[int, int], bool]:
    """A fast test: does `[start, end)` touch a protected span?

    `spans` must be sorted and merged (as `protected_spans` returns them). A
    non-empty range is protected when it overlaps a span; an insertion
    (`start == end`) only when a span strictly contains its position, so text
    may still be inserted right before or after a code span — the same rule as
    `edits.resolve_overlaps`.
    """
    starts = [s for s, _ in spans]
    ends = [e for _, e in spans]

    def check(start: int, end: int) -> bool:
        i = bisect.bisect_left(starts, end if end > start else start) - 1
        if i < 0:
            return False
        return ends[i] > start

    return check


# --------------------------------------------------------------------------- lines


_NEWLINE = re.compile(r"\r\n|\r|\n")


class _Lines:
    """Line start and content-end offsets, splitting lines the way markdown-it does."""

    __slots__ = ("starts", "ends")

    def __init__(self, text: str) -> None:
        if "\r" in text:
            self.starts = [0]
            self.ends: list[int] = []
            for m in _NEWLINE.finditer(text):
                self.ends.append(m.start())
                self.starts.append(m.end())
            self.ends.append(len(text))
        else:  # the common case, several times faster than a regex
            lengths = [len(line) + 1 for line in text.split("\n")]
            self.starts = [0, *itertools.accumulate(lengths[:-1])]
            self.ends = [s + n - 1 for s, n in zip(self.starts, lengths)]

    def __len__(self) -> int:
        return len(self.starts)

    def block(self, first: int, stop: int) -> Span:
        """Characters of lines `first` up to (not including) `stop`, without the last newline."""
        stop = min(stop, len(self.starts))
        return self.starts[first], self.ends[stop - 1]


# --------------------------------------------------------------------------- URLs, e-mail

_URL_TRAIL = ".,:;!?'\"*_~>’”»"
_URL_BODY = re.compile(r"[^\s<>\"`]+")
_MAIL_DOMAIN = re.compile(r"[\w\-]+(?:\.[\w\-]+)+")
_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")


def _url_end(text: str, start: int, end: int) -> int:
    """Trim trailing punctuation and unbalanced closing brackets off a bare URL."""
    while end > start:
        last = text[end - 1]
        if last in _URL_TRAIL:
            end -= 1
        elif last in ")]}":
            opener = "([{"[")]}".index(last)]
            chunk = text[start:end]
            if chunk.count(opener) < chunk.count(last):
                end -= 1
            else:
                break
        else:
            break
    return end


def _scan_urls(text: str, out: list[Span]) -> None:
    """Protect bare URLs (`scheme://…`, `www.…`) and e-mail addresses anywhere in `text`.

    Found from cheap `str.find` anchors ("://", "www.", "@") rather than one
    big regex tried at every position: this is the hottest loop of the module.
    """
    for anchor in _find_all(text, "://"):
        begin = anchor
        while begin > 0 and anchor - begin < 32 and text[begin - 1] in _SCHEME_CHARS:
            begin -= 1
        while begin < anchor and not text[begin].isalpha():
            begin += 1
        body = _URL_BODY.match(text, anchor + 3)
        if begin < anchor and body:
            out.append((begin, _url_end(text, begin, body.end())))
    for anchor in _find_all(text, "www."):
        if anchor and (text[anchor - 1].isalnum() or text[anchor - 1] in "_+.-"):
            continue
        body = _URL_BODY.match(text, anchor)
        if body:
            out.append((anchor, _url_end(text, anchor, body.end())))
    for anchor in _find_all(text, "@"):
        begin = anchor
        while begin > 0 and anchor - begin < 64 and (text[begin - 1].isalnum() or text[begin - 1] in "_.+-"):
            begin -= 1
        domain = _MAIL_DOMAIN.match(text, anchor + 1)
        if begin < anchor and domain:
            out.append((begin, domain.end()))


def _find_all(text: str, needle: str) -> Iterable[int]:
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


def _scan_text(text: str, out: list[Span]) -> None:
    """Plain text has no markup: only URLs and e-mail addresses (added by the caller)."""


# --------------------------------------------------------------------------- HTML

# Attribute values written for people, not machines: they stay editable.
_HUMAN_ATTRIBUTES = frozenset({"alt", "title", "aria-label", "aria-description", "placeholder"})
# <meta name=... content=...> whose content is prose (page title and description).
_HUMAN_META = frozenset(
    {"description", "og:title", "og:description", "twitter:title", "twitter:description"}
)
# Elements whose content is code or machine text.
_RAW_ELEMENTS = frozenset({"script", "style"})
_CODE_ELEMENTS = frozenset({"code", "pre", "kbd", "samp"})

_ENTITY = re.compile(
    r"&(?:[A-Za-z][A-Za-z0-9]{1,31};|#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};"
    r"|(?:amp|lt|gt|quot|nbsp)(?![A-Za-z0-9;]))"  # legacy entities browsers accept without ";"
)
_HTML_SPECIAL = re.compile(r"[<&]")
_OPEN_TAG = re.compile(r"<([A-Za-z][^\t\n\f\r />]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
# CommonMark's stricter open tag, for raw HTML inside Markdown paragraphs ("x<y and <b>").
_MD_OPEN_TAG = re.compile(
    r"<([A-Za-z][A-Za-z0-9-]*)((?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*"
    r"(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*\s*/?)>"
)
_CLOSE_TAG = re.compile(r"</[A-Za-z][^\t\n\f\r />]*[^>]*>")
_ATTRIBUTE = re.compile(
    r"(?P<name>[^\s\"'>/=]+)(?:\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<uq>[^\s>]+)))?"
)
_COMMENT_LIKE = (("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", ">"), ("<!", ">"))


def _scan_html(text: str, start: int, end: int, out: list[Span]) -> None:
    """Protect everything in `text[start:end]` except text nodes and human attribute values."""
    pos = start
    while pos < end:
        m = _HTML_SPECIAL.search(text, pos, end)
        if m is None:
            return
        pos = _html_construct(text, m.start(), end, out)


def _html_construct(text: str, at: int, end: int, out: list[Span], open_tag: re.Pattern[str] = _OPEN_TAG) -> int:
    """Protect the tag, comment or entity at `at`; return where scanning resumes."""
    if text[at] == "&":
        m = _ENTITY.match(text, at, end)
        if m:
            out.append(m.span())
            return m.end()
        return at + 1
    for opener, closer in _COMMENT_LIKE:
        if text.startswith(opener, at, end):
            close = text.find(closer, at + len(opener), end)
            stop = end if close < 0 else close + len(closer)
            out.append((at, stop))
            return stop
    m = _CLOSE_TAG.match(text, at, end)
    if m:
        out.append(m.span())
        return m.end()
    m = open_tag.match(text, at, end) if text.rfind(">", at, end) > at else None
    if not m:
        return at + 1  # a lone "<" is text
    name = m.group(1).lower()
    _protect_tag(text, m, name, out)
    if m.group(2).rstrip().endswith("/"):
        return m.end()
    if name in _RAW_ELEMENTS or name in _CODE_ELEMENTS:
        stop = _element_end(text, m.end(), end, name)
        out.append((m.end(), stop))
        return stop
    return m.end()


def _protect_tag(text: str, tag: re.Match[str], name: str, out: list[Span]) -> None:
    """Protect a start tag except the values of attributes meant for readers."""
    attributes = tag.group(2)
    base = tag.start(2)
    human = set(_HUMAN_ATTRIBUTES)
    if name == "meta":
        values = {
            a.group("name").lower(): (a.group("dq") or a.group("sq") or a.group("uq") or "").lower()
            for a in _ATTRIBUTE.finditer(attributes)
        }
        if values.get("name") in _HUMAN_META or values.get("property") in _HUMAN_META:
            human.add("content")
    pos = tag.start()
    for a in _ATTRIBUTE.finditer(attributes):
        key = a.lastgroup
        if a.group("name").lower() not in human or key not in ("dq", "sq"):
            continue  # an unquoted value would break if an edit added a space
        v_start, v_end = base + a.start(key), base + a.end(key)
        out.append((pos, v_start))
        for e in _ENTITY.finditer(text, v_start, v_end):
            out.append(e.span())
        pos = v_end
    out.append((pos, tag.end()))


@functools.lru_cache(maxsize=None)
def _element_tags(name: str) -> re.Pattern[str]:
    return re.compile(r"<(/?)" + re.escape(name) + r"\b[^>]*>", re.I)


def _element_end(text: str, start: int, end: int, name: str) -> int:
    """Offset just past the matching close tag of `name` (or `end` if unclosed)."""
    tags = _element_tags(name)
    if name in _RAW_ELEMENTS:  # raw text: the first close tag ends it, nothing nests
        m = next((t for t in tags.finditer(text, start, end) if t.group(1)), None)
        return m.end() if m else end
    depth = 1
    for m in tags.finditer(text, start, end):
        if m.group(1):
            depth -= 1
            if depth == 0:
                return m.end()
        elif not m.group(0).endswith("/>"):
            depth += 1
    return end


def _scan_html_document(text: str, out: list[Span]) -> None:
    _scan_html(text, 0, len(text), out)


# --------------------------------------------------------------------------- front matter

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


def _front_matter(text: str, lines: _Lines) -> tuple[int, list[Span]]:
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


def _yaml_values(text: str, lines: _Lines, body: range, out: list[Span]) -> None:
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


def _toml_values(text: str, lines: _Lines, body: range, out: list[Span]) -> None:
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


def _complement(start: int, end: int, holes: list[Span]) -> list[Span]:
    """`[start, end)` minus the (sorted) `holes`."""
    spans, pos = [], start
    for a, b in sorted(holes):
        if a > pos:
            spans.append((pos, a))
        pos = max(pos, b)
    if pos < end:
        spans.append((pos, end))
    return spans


# --------------------------------------------------------------------------- Markdown

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


def _scan_markdown(text: str, out: list[Span]) -> None:
    lines = _Lines(text)
    fm_lines, editable = _front_matter(text, lines)
    source = text[1:] if text.startswith("\ufeff") else text
    if fm_lines:
        fm_start, fm_end = lines.block(0, fm_lines)
        out.extend(_complement(fm_start, fm_end, editable))
        source = "\n" * fm_lines + text[lines.starts[fm_lines] :] if fm_lines < len(lines) else ""
    env: dict[str, dict[str, object]] = {}
    tokens = _parser().parse(source, env)
    references = set(env.get("references", {}))
    covered = bytearray(len(lines))
    covered[:fm_lines] = b"\x01" * fm_lines
    last_inline = -1
    for token in tokens:
        if token.map is None or token.type not in _LEAF_BLOCKS:
            continue
        first, stop = token.map
        kind = token.type
        covered[first:stop] = b"\x01" * (stop - first)
        if kind in ("fence", "code_block", "hr"):
            out.append(lines.block(first, stop))
        elif kind == "html_block":
            _scan_html(text, *lines.block(first, stop), out)
        elif kind == "heading_open":
            _protect_heading_marks(text, lines, first, stop, token.markup, out)
        elif kind == "table_open" and stop - first > 1:
            out.append(lines.block(first + 1, first + 2))  # the |---|:--:| delimiter row
        elif kind == "paragraph_open" and _MDX_ESM.match(text, lines.starts[first], lines.ends[first]):
            out.append(lines.block(first, stop))  # MDX `import`/`export`: JavaScript, not prose
            last_inline = first
        elif kind == "inline" and first > last_inline:
            _scan_md_inline(text, lines, first, stop, references, out)
            last_inline = first
    _protect_uncovered(text, lines, covered, out)


def _protect_heading_marks(text: str, lines: _Lines, first: int, stop: int, markup: str, out: list[Span]) -> None:
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


def _protect_uncovered(text: str, lines: _Lines, covered: bytearray, out: list[Span]) -> None:
    """Lines no leaf block claims: reference definitions (`[id]: url`) and container marks."""
    i = covered.find(0)
    while i >= 0:
        start, end = lines.starts[i], lines.ends[i]
        if end > start and not text[start:end].isspace():
            out.append((start, end))
        i = covered.find(0, i + 1)


def _scan_md_inline(text: str, lines: _Lines, first: int, stop: int, refs: set[str], out: list[Span]) -> None:
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
    return _html_construct(text, at, end, out, _MD_OPEN_TAG)


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


# --------------------------------------------------------------------------- reStructuredText

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


def _scan_rst(text: str, out: list[Span]) -> None:
    lines = _Lines(text)
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


def _protect_indented(text: str, lines: _Lines, first: int, level: int, out: list[Span]) -> int:
    """Protect the block of lines indented deeper than `level`; return the next line."""
    stop = _indented_end(text, lines, first, level)
    out.append(lines.block(first, stop))
    return stop


def _indented_end(text: str, lines: _Lines, first: int, level: int) -> int:
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


def _rst_explicit(text: str, lines: _Lines, i: int, prose: list[int], out: list[Span]) -> int:
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


def _rst_inline(text: str, lines: _Lines, prose: list[int], out: list[Span]) -> None:
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


_SCANNERS: dict[str, Callable[[str, list[Span]], None]] = {
    "markdown": _scan_markdown,
    "html": _scan_html_document,
    "rst": _scan_rst,
    "text": _scan_text,
}
