"""What every romanisation shares: the case of the source letters, word by word.

A capitalised source word gives a capitalised result, an ALL-CAPS word (two or more letters) gives
ALL CAPS. Caseless scripts (Hangul, kana) give capitalised words, because stray fragments in
English copy are mostly names. Characters that are not letters of the scheme's script are kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import regex

Piece = tuple[int, str]
"""(index in the source word whose case the Latin piece takes, Latin text)."""

APOSTROPHES = "'’ʼ"
CYRILLIC_WORD = regex.compile(r"\p{Cyrillic}+(?:['’ʼ]\p{Cyrillic}+)*")


def apply_case(word: str, pieces: Sequence[Piece], capitalise: bool = False) -> str:
    """Give each Latin piece the case of the source letter it came from."""
    cased = [c for c in word if c.isupper() or c.islower()]
    all_caps = len(cased) >= 2 and all(c.isupper() for c in cased)
    out: list[str] = []
    for index, latin in pieces:
        if not latin:
            continue
        if all_caps and word[index].isupper():
            latin = latin.upper()
        elif word[index].isupper():
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
    text = "".join(out)
    if capitalise and text:
        text = text[0].upper() + text[1:]
    return text


def each_word(text: str, word: regex.Pattern[str], scheme: Callable[[str], str]) -> str:
    """Apply `scheme` to each word of the script; everything between words is kept as is."""
    return str(word.sub(lambda m: scheme(m.group(0)), text))


def table_scheme(word: str, table: dict[str, str]) -> list[Piece]:
    return [(i, table.get(c, c)) for i, c in enumerate(word.lower())]


def table_word(table: dict[str, str]) -> Callable[[str], str]:
    """A context-free scheme: one Latin piece per letter ("_" and apostrophes drop out)."""

    def scheme(word: str) -> str:
        pieces = [
            (i, "" if table.get(c) == "_" or c in APOSTROPHES else table.get(c, c))
            for i, c in enumerate(word.lower())
        ]
        return apply_case(word, pieces)

    return scheme
