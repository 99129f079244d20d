"""URLs and e-mail addresses: protected in every markup, whatever surrounds them."""

from __future__ import annotations

import re
from collections.abc import Iterable

import regex

from .spans import Span

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


def scan_urls(text: str, out: list[Span]) -> None:
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


# --- the document's own pass, for every markup including plain text (normalize.document) ---
# URLs, www. hosts and e-mail addresses in any kind of text: never edited. Found from their
# markers ("://", "www.", "@") with str.find, then grown with anchored regexes: a regex that
# tries every word start as a possible address costs more than the whole pipeline.
URL_TAIL = regex.compile(r"""[^\s<>"'`]*[^\s<>"'`.,;:!?)\]}]""")
SCHEME_BEFORE = regex.compile(r"[a-z][a-z0-9+.-]*$", regex.IGNORECASE)
MAIL_LEFT = regex.compile(r"[\w.+-]+$")
MAIL_RIGHT = regex.compile(r"[\w-]+(?:\.[\w-]+)+")


def url_spans(text: str) -> list[Span]:
    """URLs, www. hosts and e-mail addresses, sorted: what `Document` protects in any text.

    A looser pass than `scan_urls` (which marked-up text gets as well): kept as it was, since
    the two disagree on edge cases and merging them would change what is protected.
    """
    spans: list[Span] = []
    # (a search for a character is several times cheaper than for a string of them in a text
    # beyond Latin-1, which curly quotes make of most copy: no slash, no "://")
    for marker in ("://", "www.", "WWW.") if "/" in text else ("www.", "WWW."):
        pos = text.find(marker)
        while pos != -1:
            start = pos
            if marker == "://":
                scheme = SCHEME_BEFORE.search(text, max(0, pos - 32), pos)
                start = scheme.start() if scheme else pos
            tail = URL_TAIL.match(text, pos + len(marker))
            end = tail.end() if tail else pos + len(marker)
            if start < pos or marker != "://":
                spans.append((start, end))
            pos = text.find(marker, end)
    pos = text.find("@")
    while pos != -1:
        left = MAIL_LEFT.search(text, max(0, pos - 64), pos)
        right = MAIL_RIGHT.match(text, pos + 1)
        if left and right:
            spans.append((left.start(), right.end()))
        pos = text.find("@", pos + 1)
    return sorted(spans)
