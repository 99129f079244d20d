"""Belarusian: fragments in BGN/PCGN 1979, name variants in the national system too.

Fragments: BGN/PCGN 1979 (English news usage: Lukashenka, Homyel, Vitsyebsk), not the 2007
national system, whose háčeks and acutes English copy does not use; ь and ' omitted. Name variants:
the national system without diacritics, then the main Russian schemes over the letters read as
Russian.
"""

from __future__ import annotations

from . import ru
from ._case import CYRILLIC_WORD as WORD, table_word
from ._scheme import Scheme, after, table

SCHEME = "BGN/PCGN Belarusian"
_BE = dict(
    zip(
        "абвгґдеёжзійклмнопрстуўфхцчшыьэюя",
        "a b v h g d ye yo zh z i y k l m n o p r s t u w f kh ts ch sh y _ e yu ya".split(),
    )
)
romanise = table_word(_BE)

_BE_VOWELS = "аеёіоуўыэюяь'’"
BELARUSIAN = Scheme(
    "belarusian",
    table(
        "а=a б=b в=v г=h д=d е=ie ё=io ж=zh з=z і=i й=y к=k л=l м=m н=n о=o п=p р=r с=s т=t "
        "у=u ў=w ф=f х=kh ц=ts ч=ch ш=sh ы=y ь= э=e ю=iu я=ia '= ’="
    ),
    prev_mapping={**after(_BE_VOWELS, "е", "ye"), **after(_BE_VOWELS, "ю", "yu"), **after(_BE_VOWELS, "я", "ya")},
)
BELARUSIAN_AS_RUSSIAN = str.maketrans({"і": "и", "ў": "в", "'": "ъ", "’": "ъ"})


def name_spellings(word: str) -> list[tuple[str, bool]]:
    """(spelling, lossy) of one lower-case Belarusian word, the national system first."""
    russified = word.translate(BELARUSIAN_AS_RUSSIAN)
    return [(BELARUSIAN.translate(word), False)] + [(s.translate(russified), False) for s in ru.main_schemes()]


__all__ = ["SCHEME", "WORD", "romanise", "name_spellings"]
