"""A document as the stages see it: text, language, style and the spans no stage may touch."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Generic, TypeVar, overload

import regex

from . import dense
from .markup.spans import merge_spans
from .markup.urls import url_spans  # also imported from here by names.matcher

PLAIN_ASCII_RUNS = re.compile(r"[\x20-\x7e\t\n\r]+")  # stdlib re: fastest for a plain class
CLUSTER_RE = re.compile(r"[^\x20-\x7e\t\n\r]{2,}")  # the pieces PLAIN_ASCII_RUNS.split leaves, two or more long
CAPITAL_WORD = regex.compile(r"\b\p{Lu}\w*")
ASCII_CAPITAL_WORD = re.compile(r"[A-Z]\w*")
# the same on a text whose only word characters are ASCII ones (a table of ASCII classes, no
# Unicode look-up per letter: a quarter faster)
ASCII_ONLY_CAPITAL_WORD = re.compile(r"[A-Z][A-Za-z0-9_]*")
KEEP_CLUSTERS = 64  # more (a Cyrillic text: every word) are not kept alive with the document
PLAIN_ASCII = frozenset(map(chr, range(0x20, 0x7F))) | frozenset("\t\n\r")
PLAIN_ASCII_BYTES = "".join(sorted(PLAIN_ASCII)).encode("ascii")

T = TypeVar("T")


def _stdlib_capital_word(unusual: frozenset[str]) -> Any:
    """CAPITAL_WORD in stdlib re for a text whose characters beyond printable ASCII are
    `unusual` (twice as fast): its capitals listed in a class, the word boundary a look-behind;
    None when one of them is a word character to one engine and not to the other (combining
    marks, superscript digits), where only the `regex` pattern says what a word is."""
    if not all(map(_same_word_character, unusual)):
        return None
    return _capital_word_with(frozenset(filter(_UPPERCASE_LETTER.match, unusual)))


@lru_cache(maxsize=4096)
def _same_word_character(char: str) -> bool:
    return bool(_WORD_CHARACTER.match(char)) == (char.isalnum() or char == "_")  # (stdlib re's \w)


@lru_cache(maxsize=256)
def _capital_word_with(capitals: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[A-Z" + "".join(map(re.escape, sorted(capitals))) + r"](?<!\w.)\w*")


_WORD_CHARACTER = regex.compile(r"\w")
_UPPERCASE_LETTER = regex.compile(r"\p{Lu}")  # the regex module's Unicode tables, as CAPITAL_WORD's


class _once(Generic[T]):  # noqa: N801 - used as a decorator, like the functools one it stands for
    """functools.cached_property without the lock Python 3.11 takes on every first access
    (about half a microsecond, several times per document): the value is kept in the
    instance's __dict__ under the same name, so later reads never reach this descriptor."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, cls: type | None = None) -> _once[T]: ...
    @overload
    def __get__(self, obj: object, cls: type | None = None) -> T: ...
    def __get__(self, obj: object | None, cls: type | None = None) -> T | _once[T]:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


def _dense_unusual_chars(text: str) -> frozenset[str] | None:
    """Document.unusual_chars of a text mostly outside ASCII, through its code page (normalize.dense:
    a third of the cost); None for other texts."""
    page = dense.page_of(text)
    if page is None:
        return None
    encoded, beyond = dense.in_page(text, page)
    return frozenset(dense.distinct_bytes(encoded).decode(page)).union(beyond) - PLAIN_ASCII


@dataclass
class Document:
    text: str
    style: str | None = None
    language: str | None = None  # main language, ISO 639-1
    script: str | None = None  # main script, Unicode name
    markup: str = "text"  # text | markdown | html | rst
    language_source: str | None = None  # "configured" | "detected" | "undetermined" (normalize.languages)
    language_confidence: float | None = None

    @_once
    def _protection(self) -> tuple[list[tuple[int, int]], Any]:
        # Worked out on first use only: most texts give no stage a reason to ask.
        return protection(self.text, self.markup, self.url_spans)

    @_once
    def url_spans(self) -> list[tuple[int, int]]:
        """URLs and e-mail addresses (sorted, unmerged): protected, and skipped by the name matcher."""
        return url_spans(self.text)

    @property
    def protected_spans(self) -> list[tuple[int, int]]:
        """Sorted, merged spans no stage may change (URLs, markup, suppression directives)."""
        return self._protection[0]

    @property
    def suppressions(self) -> Any:
        """The inline `normalize:` directives (normalize.suppress.Suppressions), or None."""
        return self._protection[1]

    @_once
    def unusual_chars(self) -> frozenset[str]:
        """The distinct characters other than printable ASCII, tab and line breaks (two C-speed
        passes): lets stages skip texts that hold none of the characters they act on. A piece
        at a time: re.sub keeps every segment between runs alive, 15x the text for Cyrillic.
        (Up to one piece, the stretches between the runs are the same pass's: `clusters` keeps
        the few of two characters or more that copy with accented names has.) A text or piece
        mostly outside ASCII goes through its code page instead (`_dense_unusual_chars`)."""
        text, piece = self.text, 1 << 18
        if text.isascii() and not text.encode("ascii").translate(None, PLAIN_ASCII_BYTES):
            return frozenset()  # clean ASCII, told by its bytes: ten times cheaper than the split below
        dense = _dense_unusual_chars(text) if len(text) <= piece else None
        if dense is not None:
            return dense
        if len(text) <= piece:
            stretches = PLAIN_ASCII_RUNS.split(text)
            clusters = [stretch for stretch in stretches if len(stretch) > 1]
            if len(clusters) <= KEEP_CLUSTERS:
                self.__dict__["clusters"] = clusters
            return frozenset("".join(stretches))
        found: set[str] = set()
        for start in range(0, len(text), piece):
            part = text[start : start + piece]
            dense = _dense_unusual_chars(part)
            found.update(dense if dense is not None else PLAIN_ASCII_RUNS.sub("", part))
        return frozenset(found)

    @_once
    def clusters(self) -> list[str]:
        """The stretches of two or more characters outside printable ASCII (one C-speed split).
        Every legacy mojibake pair and every UTF-8 (lead, continuation) pair lies inside one;
        copy with accented names and curly quotes has few or none."""
        self.unusual_chars  # noqa: B018 - may leave them, from the same pass
        if "clusters" in self.__dict__:
            return self.__dict__["clusters"]
        return CLUSTER_RE.findall(self.text)  # many: faster than a split and a filter

    @_once
    def capital_words(self) -> frozenset[str]:
        """Distinct capitalised words: where names and titles can start. (With only ASCII
        capitals, stdlib re finds them twice as fast; a word after a mid-word capital, as in
        "iPhone", is an extra candidate that matches nothing.)"""
        unusual = self.unusual_chars
        if any(map(str.isupper, unusual)):
            return frozenset((_stdlib_capital_word(unusual) or CAPITAL_WORD).findall(self.text))
        if any(map(str.isalnum, unusual)):  # what \w matches beyond ASCII: letters and digits
            return frozenset(ASCII_CAPITAL_WORD.findall(self.text))
        return frozenset(ASCII_ONLY_CAPITAL_WORD.findall(self.text))

    @_once
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



def protection(text: str, markup: str,
               urls: list[tuple[int, int]] | None = None) -> tuple[list[tuple[int, int]], Any]:
    """Spans no stage may change (URLs, markup, directives) and the inline suppressions.
    `urls`: the text's `url_spans`, when the caller already has them (not changed here)."""
    spans = url_spans(text) if urls is None else list(urls)
    if markup != "text":
        from .markup import protected_spans

        spans += protected_spans(text, markup)
    suppressions = inline_suppressions(text)
    if suppressions is not None:
        spans += list(suppressions.directive_spans)
    return merge_spans(spans), suppressions


def inline_suppressions(text: str) -> Any:
    """The text's `normalize:` directives (normalize.suppress.Suppressions), or None when it
    holds none, found without lowering the text (a one-character search first: fast)."""
    if not (("z" in text or "Z" in text) and ("ormalize" in text or "ORMALIZE" in text)):
        return None
    from .suppress import parse_directives

    return parse_directives(text)
