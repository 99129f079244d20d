"""HTML: tags, attributes (except those written for people), comments, code and raw elements."""

from __future__ import annotations

import functools
import re

from .spans import Span

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
MD_OPEN_TAG = re.compile(
    r"<([A-Za-z][A-Za-z0-9-]*)((?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*"
    r"(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*\s*/?)>"
)
_CLOSE_TAG = re.compile(r"</[A-Za-z][^\t\n\f\r />]*[^>]*>")
_ATTRIBUTE = re.compile(
    r"(?P<name>[^\s\"'>/=]+)(?:\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<uq>[^\s>]+)))?"
)
_COMMENT_LIKE = (("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", ">"), ("<!", ">"))


def scan_html(text: str, start: int, end: int, out: list[Span]) -> None:
    """Protect everything in `text[start:end]` except text nodes and human attribute values."""
    pos = start
    while pos < end:
        m = _HTML_SPECIAL.search(text, pos, end)
        if m is None:
            return
        pos = html_construct(text, m.start(), end, out)


def html_construct(text: str, at: int, end: int, out: list[Span], open_tag: re.Pattern[str] = _OPEN_TAG) -> int:
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


def scan_html_document(text: str, out: list[Span]) -> None:
    scan_html(text, 0, len(text), out)
