"""Ukrainian: the national system (KMU resolution 55, 2010), for fragments and names alike.

є ї й ю я -> ye yi y yu ya at word start, ie i i iu ia elsewhere; г -> h, ґ -> g, зг -> zgh;
ь and apostrophes omitted. Name variants add the Russian-style readings Russian-language sources
give Ukrainian names (Kharkov for Kharkiv), in the main Russian schemes and press habits.
"""

from __future__ import annotations

import regex

from . import ru
from ._case import CYRILLIC_WORD as WORD, apply_case
from ._scheme import Scheme, table

SCHEME = "Ukrainian national 2010"
UKRAINIAN_2010 = Scheme(
    "ukrainian-2010",
    table(
        "а=a б=b в=v г=h ґ=g д=d е=e є=ie ж=zh з=z и=y і=i ї=i й=i к=k л=l м=m н=n о=o п=p р=r "
        "с=s т=t у=u ф=f х=kh ц=ts ч=ch ш=sh щ=shch ь= ю=iu я=ia '= ’= ʼ="
    ),
    prev_mapping={"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya", "зг": "gh"},
)
# Ukrainian letters read as Russian ones: how Russian-language sources spell Ukrainian names.
UKRAINIAN_AS_RUSSIAN = str.maketrans({"г": "г", "ґ": "г", "є": "е", "и": "ы", "і": "и", "ї": "йи", "'": "ь", "’": "ь", "ʼ": "ь"})


def romanise(word: str) -> str:
    return apply_case(word, UKRAINIAN_2010.pieces(word))


def _as_russian(word: str) -> list[str]:
    """Ukrainian letters read as Russian, with і->о in a final closed syllable (Харків -> Харков)."""
    russified = word.translate(UKRAINIAN_AS_RUSSIAN)
    closed = regex.sub(r"и([бвгджзклмнпрстфхцчшщ]ь?)$", r"о\1", russified)
    return [russified] if closed == russified else [russified, closed]


def name_spellings(word: str) -> list[tuple[str, bool]]:
    """(spelling, lossy) of one lower-case Ukrainian word, the national system first."""
    out = [(UKRAINIAN_2010.translate(word), False)]
    for russified in _as_russian(word):
        out += [(scheme.translate(russified), False) for scheme in ru.main_schemes()]
        out += [(scheme.translate(russified), True) for scheme in ru.RUSSIAN_HABITS]
    return out


__all__ = ["SCHEME", "WORD", "romanise", "name_spellings"]
