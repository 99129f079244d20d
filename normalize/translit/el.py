"""Greek: ELOT 743 / ISO 843 type 2 (UN).

αυ/ευ/ηυ -> av/ev/iv, or af/ef/if before a voiceless consonant and at word end; ου -> ou; μπ -> b
at word start and end, mp inside; γγ -> ng, γκ -> gk, γξ -> nx, γχ -> nch; η -> i, υ -> y,
χ -> ch; accents dropped, ϊ/ϋ keep the vowel separate (αϋ -> ay).
"""

from __future__ import annotations

import unicodedata

import regex

from ._case import Piece, apply_case

SCHEME = "ELOT 743 / ISO 843"
WORD = regex.compile(r"[\p{Greek}\p{Mn}]+")
_GREEK = dict(
    zip(
        "αβγδεζηθικλμνξοπρσςτυφχψω",
        "a v g d e z i th i k l m n x o p r s s t y f ch ps o".split(),
    )
)
_GREEK_VOICELESS = set("θκξπσςτφχψ")
_GREEK_CLUSTERS = {"γγ": "ng", "γξ": "nx", "γχ": "nch", "γκ": "gk", "ντ": "nt"}


def _greek_letter(char: str) -> tuple[str, bool]:
    """Base letter without tonos, and whether it carried a dialytika (ϊ, ϋ)."""
    decomposed = unicodedata.normalize("NFD", char)
    return decomposed[0], "\u0308" in decomposed


def romanise(word: str) -> str:
    word = unicodedata.normalize("NFC", word)
    letters = [_greek_letter(c) for c in word.lower()]
    base = [b for b, _ in letters]
    pieces: list[Piece] = []
    i, n = 0, len(base)
    while i < n:
        pair = "".join(base[i : i + 2])
        second_plain = i + 1 < n and not letters[i + 1][1]
        if pair in ("αυ", "ευ", "ηυ") and second_plain:
            after = base[i + 2] if i + 2 < n else ""
            voiceless = not after or after in _GREEK_VOICELESS or not after.isalpha()
            pieces.append((i, _GREEK[base[i]] + ("f" if voiceless else "v")))
            i += 2
        elif pair == "ου" and second_plain:
            pieces.append((i, "ou"))
            i += 2
        elif pair == "μπ":
            pieces.append((i, "b" if i == 0 or i + 2 == n else "mp"))
            i += 2
        elif pair in _GREEK_CLUSTERS:
            pieces.append((i, _GREEK_CLUSTERS[pair]))
            i += 2
        else:
            pieces.append((i, _GREEK.get(base[i], base[i] if base[i].isalpha() else "")))
            i += 1
    return apply_case(word, pieces)
