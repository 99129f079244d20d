"""Kazakh (Cyrillic): BGN/PCGN-style, without diacritics, as English news spells Kazakh names.

The letters Kazakh shares with Russian read as in Russian (е -> ye at word start and after vowels:
Yerlan, Tokayev); its own letters lose their marks (ә -> a, ө -> o, ұ ү -> u, і -> i, қ -> k,
ғ -> g, ң -> ng, һ -> h): Тоқаев Tokayev, Нұрсұлтан Nursultan, Өскемен Oskemen, Ақтөбе Aktobe.
BGN/PCGN proper writes ä ğ q ö ū ü ı, which English copy does not use. ъ and ь are omitted.
"""

from __future__ import annotations

from ._case import CYRILLIC_WORD as WORD, Piece, apply_case

SCHEME = "BGN/PCGN Kazakh (no diacritics)"
_KK = dict(
    zip(
        "аәбвгғдежзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяё",
        "a a b v g g d e zh z i y k k l m n ng o o p r s t u u u f kh h ts ch sh shch _ y i _ e yu ya yo".split(),
    )
)
_YE_AFTER = set("аәеиоөуұүыіэюяёйъь")


def romanise(word: str) -> str:
    lower = word.lower()
    pieces: list[Piece] = []
    for i, c in enumerate(lower):
        if c == "е" and (i == 0 or lower[i - 1] in _YE_AFTER):
            pieces.append((i, "ye"))
        else:
            latin = _KK.get(c, c)
            pieces.append((i, "" if latin == "_" else latin))
    return apply_case(word, pieces)


__all__ = ["SCHEME", "WORD", "romanise"]
