"""Bulgarian: the official system (2009 law, "streamlined").

щ -> sht, ъ -> a, ь -> y, ю -> yu, я -> ya, х -> h, ц -> ts, and -ия at word end -> -ia.
"""

from __future__ import annotations

from ._case import CYRILLIC_WORD as WORD, apply_case, table_scheme

SCHEME = "Bulgarian official 2009"
_BG = dict(
    zip(
        "абвгдежзийклмнопрстуфхцчшщъьюя",
        "a b v g d e zh z i y k l m n o p r s t u f h ts ch sh sht a y yu ya".split(),
    )
)


def romanise(word: str) -> str:
    pieces = table_scheme(word, _BG)
    if word.lower().endswith("ия") and len(word) > 2:
        pieces[-1] = (len(word) - 1, "a")
    elif word.lower().endswith("ъ") and len(word) > 1:
        pieces[-1] = (len(word) - 1, "")  # pre-1945 spelling's silent final yer: not "a"
    return apply_case(word, pieces)


__all__ = ["SCHEME", "WORD", "romanise"]
