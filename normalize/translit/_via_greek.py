"""Russian names that reached English through Greek.

Greek has no letters for ш, ж, ч or for "d", "b", "g" at the start of a word, so the Greek press
writes Шойгу as Σοϊγκού and Мантуров as Μαντούροφ; a translator reading that Greek back in
English produces "Soigu" and "Madurov" (ντ sounds d, μπ b, γκ g). We model both steps:
Russian -> Greek as Greek papers write it, then Greek -> Latin as an English reader says it, with
the few readings that genuinely vary (medial ντ as d or nd, χ as h, kh or ch, final -οφ as -of or
the re-Russified -ov) kept as alternatives.
"""

from __future__ import annotations

from itertools import product

from ._scheme import Scheme, after, table

RUSSIAN_TO_GREEK = Scheme(
    "greek",
    table(
        "а=α б=μπ в=β г=γκ д=ντ е=ε ё=ιο ж=ζ з=ζ и=ι й=ι к=κ л=λ м=μ н=ν о=ο п=π р=ρ с=σ т=τ "
        "у=ου ф=φ х=χ ц=τσ ч=τσ ш=σ щ=σ ъ= ы=ι ь= э=ε ю=ιου я=ια"
    ),
    # й after α/ο/ε/ου would make a digraph (αι, οι, ει): Greek marks it with a diaeresis.
    prev_mapping={**after("аоеуэ", "й", "ϊ", initial=False), "ий": "", "ый": ""},
    ending_mapping={"ов": "οφ", "ев": "εφ", "ий": "ι", "ый": "ι"},
)

# (Greek, readings at word start, readings inside a word); longest Greek first.
_READINGS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("ντ", ("d",), ("d", "nd")),
    ("μπ", ("b",), ("b", "mb")),
    ("γκ", ("g",), ("g",)),
    ("τσ", ("ts",), ("ts",)),
    ("ου", ("u",), ("u",)),
    ("οι", ("i",), ("i",)),
    ("ει", ("i",), ("i",)),
    ("αι", ("e",), ("e",)),
    ("χ", ("h",), ("kh", "h")),
)
_SINGLE = table(
    "α=a β=v γ=g δ=d ε=e ζ=z η=i θ=th ι=i ϊ=i κ=k λ=l μ=m ν=n ξ=x ο=o π=p ρ=r σ=s ς=s τ=t υ=y "
    "φ=f ψ=ps ω=o"
)
_MAX_READINGS = 8


def read_greek(greek: str) -> list[str]:
    """English readings of a Greek spelling, most usual first (at most eight)."""
    parts: list[tuple[str, ...]] = []
    i = 0
    while i < len(greek):
        for letters, initial, medial in _READINGS:
            if greek.startswith(letters, i):
                parts.append(initial if i == 0 else medial)
                i += len(letters)
                break
        else:
            parts.append((_SINGLE.get(greek[i], greek[i]),))
            i += 1
    if greek.endswith(("οφ", "εφ")):
        parts[-1] = ("f", "v")
    return ["".join(p) for p in product(*parts)][:_MAX_READINGS]


def russian_via_greek(word: str) -> list[str]:
    """Latin spellings of a Russian word after a round trip through the Greek press.

    >>> russian_via_greek("Шойгу")[0], "madurov" in russian_via_greek("Мантуров")
    ('soigu', True)
    """
    return read_greek(RUSSIAN_TO_GREEK.translate(word))
