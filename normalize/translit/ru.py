"""Russian: fragments in BGN/PCGN, name variants in every scheme and press habit.

Fragments: BGN/PCGN 1947, simplified the way English news uses it: е -> ye at word start and after
vowels, й, ъ, ь; ё the same as е without the diaeresis (ye/e: Gorbachev); ъ and ь omitted (no ” ’
marks) and no middle-dot disambiguation (тс -> ts).

Name variants (`name_spellings`): the 26 iuliia schemes, then German, French and Polish press
habits and the round trip through the Greek press (lossy). A Cyrillic language without its own
`name_spellings` gets these.
"""

from __future__ import annotations

from functools import lru_cache

from ._case import CYRILLIC_WORD as WORD, Piece, apply_case
from ._scheme import Scheme, after, iuliia_schemes, table
from ._via_greek import russian_via_greek

SCHEME = "BGN/PCGN (simplified)"
_RU = dict(
    zip(
        "абвгдежзийклмнопрстуфхцчшщъыьэюяё",
        "a b v g d e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya e".split(),
    )
)
_RU_YE_AFTER = set("аеёиоуыэюяйъь")


def romanise(word: str) -> str:
    lower = word.lower()
    pieces: list[Piece] = []
    for i, c in enumerate(lower):
        if c in "её" and (i == 0 or lower[i - 1] in _RU_YE_AFTER):
            pieces.append((i, "ye"))
        else:
            latin = _RU.get(c, c)
            pieces.append((i, "" if latin == "_" else latin))
    return apply_case(word, pieces)


# --------------------------------------------------------------------------- name variants

_RU_VOWELS = "аеёиоуыэюяъь"
_RU_ENGLISH = (
    "а=a б=b в=v г=g д=d е=e ё=yo ж=zh з=z и=i й=y к=k л=l м=m н=n о=o п=p р=r с=s т=t у=u ф=f "
    "х=kh ц=ts ч=ch ш=sh щ=shch ъ= ы=y ь= э=e ю=yu я=ya"
)


def _base(**changes: str) -> dict[str, str]:
    return table(_RU_ENGLISH, **changes)


GERMAN = Scheme(
    "german",
    _base(в="w", ж="sch", з="s", й="i", х="ch", ц="z", ч="tsch", ш="sch", щ="schtsch", ю="ju", я="ja", ё="jo", ы="y", е="e"),
    prev_mapping=after(_RU_VOWELS, "е", "je"),
    ending_mapping={"ий": "i", "ый": "y", "ой": "oi"},
)
FRENCH = Scheme(
    "french",
    _base(ж="j", й="ï", х="kh", ц="ts", ч="tch", ш="ch", щ="chtch", у="ou", ю="iou", я="ia", ё="io", ы="y", е="e"),
    prev_mapping=after(_RU_VOWELS, "е", "ie"),
    next_mapping={"ге": "gu", "ги": "gu", "гы": "gu"},
    ending_mapping={"ий": "i", "ый": "y", "ин": "ine"},
)
POLISH = Scheme(
    "polish",
    _base(в="w", ж="ż", й="j", л="ł", х="ch", ц="c", ч="cz", ш="sz", щ="szcz", ю="ju", я="ja", ё="jo", ы="y", е="e"),
    prev_mapping={
        **after(_RU_VOWELS, "е", "je"),
        **{c + "е": "ie" for c in "бвгдзклмнпрстфх"},
        **{c + "я": "ia" for c in "бвгдзкмнпрстфх"},
        **{c + "ю": "iu" for c in "бвгдзкмнпрстфх"},
    },
    next_mapping={"л" + v: "l" for v in "еёиюяь"},
    ending_mapping={"ий": "ij", "ый": "y"},
)
RUSSIAN_HABITS = (GERMAN, FRENCH, POLISH)
# The main schemes, used for the secondary (Russian-style) readings of Ukrainian/Belarusian.
_MAIN = ("bgn_pcgn", "wikipedia", "ala_lc_alt", "telegram", "scientific", "icao_doc_9303")


@lru_cache(maxsize=1)
def main_schemes() -> tuple[Scheme, ...]:
    return tuple(s for s in iuliia_schemes() if s.name in _MAIN)


def name_spellings(word: str) -> list[tuple[str, bool]]:
    """(spelling, lossy) of one lower-case Russian word, most standard first."""
    out = [(scheme.translate(word), False) for scheme in iuliia_schemes()]
    out += [(scheme.translate(word), True) for scheme in RUSSIAN_HABITS]
    out += [(reading, True) for reading in russian_via_greek(word)]
    return out


__all__ = ["SCHEME", "WORD", "romanise", "name_spellings"]
