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

One module per format (`html`, `frontmatter`, `markdown`, `rst`), `urls` for what every format
protects, `spans` for sorting, merging and testing spans, `lines` for line offsets. Scanners are
imported on first use: plain text never loads them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .spans import Span, is_protected, merge_spans

__all__ = ["MARKUPS", "Span", "is_protected", "markup_for_path", "merge_spans", "protected_spans"]

MARKUPS = ("markdown", "html", "rst", "text")


def protected_spans(text: str, markup: str) -> list[Span]:
    """Sorted, merged `[start, end)` ranges of `text` that must never be changed."""
    if markup not in MARKUPS:
        raise ValueError(f"unknown markup {markup!r}; expected one of {', '.join(MARKUPS)}")
    from .urls import scan_urls

    spans: list[Span] = []
    if text.startswith("\ufeff"):
        spans.append((0, 1))
    _scanner(markup)(text, spans)
    scan_urls(text, spans)  # everywhere: a URL is never prose, whatever surrounds it
    return merge_spans(spans)


def _scanner(markup: str) -> Callable[[str, list[Span]], None]:
    if markup == "markdown":
        from .markdown import scan_markdown

        return scan_markdown
    if markup == "html":
        from .html import scan_html_document

        return scan_html_document
    if markup == "rst":
        from .rst import scan_rst

        return scan_rst
    return _scan_text


def _scan_text(text: str, out: list[Span]) -> None:
    """Plain text has no markup: only URLs and e-mail addresses (added by the caller)."""


def __getattr__(name: str) -> Any:
    # markup_for_path is re-exported on first use: its home, the file walker (normalize.files),
    # imports subprocess, which the library path (normalize_text) never needs.
    if name == "markup_for_path":
        from ..files import markup_for_path

        return markup_for_path
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
