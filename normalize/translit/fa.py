"""Persian: the Arabic consonantal scheme with Persian letters (و -> v). LOSSY: a skeleton."""

from __future__ import annotations

from .ar import LOSSY, SCHEME, WORD, arabic_like


def romanise(word: str) -> str:
    return arabic_like(word, persian=True)


__all__ = ["LOSSY", "SCHEME", "WORD", "romanise"]
