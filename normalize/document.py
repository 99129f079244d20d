"""A document as the stages see it: text, language, style and the spans no stage may touch."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import regex

PLAIN_ASCII_RUNS = re.compile(r"[\x20-\x7e\t\n\r]+")  # stdlib re: fastest for a plain class
CAPITAL_WORD = regex.compile(r"\b\p{Lu}\w*")
ASCII_CAPITAL_WORD = re.compile(r"[A-Z]\w*")
# URLs, www. hosts and e-mail addresses in any kind of text: never edited. Found from their
# markers ("://", "www.", "@") with str.find, then grown with anchored regexes: a regex that
# tries every word start as a possible address costs more than the whole pipeline.
URL_TAIL = regex.compile(r"""[^\s<>"'`]*[^\s<>"'`.,;:!?)\]}]""")
SCHEME_BEFORE = regex.compile(r"[a-z][a-z0-9+.-]*$", regex.IGNORECASE)
MAIL_LEFT = regex.compile(r"[\w.+-]+$")
MAIL_RIGHT = regex.compile(r"[\w-]+(?:\.[\w-]+)+")


@dataclass
class Document:
    text: str
    style: str | None = None
    language: str | None = None  # main language, ISO 639-1
    script: str | None = None  # main script, Unicode name
    markup: str = "text"  # text | markdown | html | rst
    language_source: str | None = None  # "configured" | "detected" | "undetermined" (normalize.languages)
    language_confidence: float | None = None

    @cached_property
    def _protection(self) -> tuple[list[tuple[int, int]], Any]:
        # Worked out on first use only: most texts give no stage a reason to ask.
        return protection(self.text, self.markup)

    @property
    def protected_spans(self) -> list[tuple[int, int]]:
        """Sorted, merged spans no stage may change (URLs, markup, suppression directives)."""
        return self._protection[0]

    @property
    def suppressions(self) -> Any:
        """The inline `normalize:` directives (normalize.suppress.Suppressions), or None."""
        return self._protection[1]

    @cached_property
    def unusual_chars(self) -> frozenset[str]:
        """The distinct characters other than printable ASCII, tab and line breaks (two C-speed
        passes): lets stages skip texts that hold none of the characters they act on. A piece
        at a time: re.sub keeps every segment between runs alive, 15x the text for Cyrillic."""
        text, piece = self.text, 1 << 18
        if len(text) <= piece:
            return frozenset(PLAIN_ASCII_RUNS.sub("", text))
        found: set[str] = set()
        for start in range(0, len(text), piece):
            found.update(PLAIN_ASCII_RUNS.sub("", text[start : start + piece]))
        return frozenset(found)

    @cached_property
    def capital_words(self) -> frozenset[str]:
        """Distinct capitalised words: where names and titles can start. (With only ASCII
        capitals, stdlib re finds them twice as fast; a word after a mid-word capital, as in
        "iPhone", is an extra candidate that matches nothing.)"""
        if any(c.isupper() for c in self.unusual_chars):
            return frozenset(CAPITAL_WORD.findall(self.text))
        return frozenset(ASCII_CAPITAL_WORD.findall(self.text))

    @cached_property
    def _starts(self) -> list[int]:
        return [start for start, _ in self.protected_spans]

    def is_protected(self, start: int, end: int) -> bool:
        """True when [start, end) touches a protected span (code, URL, markup, directive)."""
        spans = self.protected_spans
        if not spans:
            return False
        i = bisect.bisect_right(self._starts, start) - 1
        if i >= 0 and spans[i][1] > start:
            return True
        j = i + 1
        return j < len(spans) and spans[j][0] < max(end, start + 1)



def protection(text: str, markup: str) -> tuple[list[tuple[int, int]], Any]:
    """Spans no stage may change (URLs, markup, directives) and the inline suppressions."""
    spans = url_spans(text)
    if markup != "text":
        from .markup import protected_spans

        spans += protected_spans(text, markup)
    suppressions = None
    if "ormalize" in text or "ORMALIZE" in text:  # any case of "normalize:", without lowering the text
        from .suppress import parse_directives

        suppressions = parse_directives(text)
        spans += list(suppressions.directive_spans)
    return merge_spans(spans), suppressions


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def url_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for marker in ("://", "www.", "WWW."):
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
