"""A document as the stages see it: text, language, style and the spans no stage may touch."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

import regex

# URLs, www. hosts and e-mail addresses in any kind of text: never edited.
URL_OR_EMAIL = regex.compile(
    r"""(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>"'`]+[^\s<>"'`.,;:!?)\]}]"""
    r"""|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b""",
    regex.IGNORECASE,
)


@dataclass
class Document:
    text: str
    style: str | None = None
    language: str | None = None  # main language, ISO 639-1
    script: str | None = None  # main script, Unicode name
    protected_spans: list[tuple[int, int]] = field(default_factory=list)  # sorted, merged

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

    @property
    def protected(self) -> Callable[[int, int], bool]:
        return self.is_protected


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
    if "@" not in text and "://" not in text and "www." not in text:
        return []
    return [m.span() for m in URL_OR_EMAIL.finditer(text)]
