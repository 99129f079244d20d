"""Table-driven transliteration schemes in the iuliia format.

A scheme maps one letter (`mapping`), a letter after another (`prev_mapping`, key "previous +
current"; a one-letter key means word-initial), a letter before another (`next_mapping`, key
"current + next"; a one-letter key means word-final) and a two-letter word ending
(`ending_mapping`). The 26 Russian schemes come from iuliia (MIT, `data/translit/iuliia.json`,
a compact copy without samples); the press habits of other languages below are our own tables in
the same format, so one small engine serves both.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Scheme:
    """One transliteration table; `translate` works on one lower-case word."""

    name: str
    mapping: dict[str, str]
    prev_mapping: dict[str, str] = field(default_factory=dict)
    next_mapping: dict[str, str] = field(default_factory=dict)
    ending_mapping: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Letters that some context rule may change; every other letter goes through str.translate.
        triggers = {key[-1] for key in self.prev_mapping} | {key[0] for key in self.next_mapping}
        object.__setattr__(self, "_table", str.maketrans(self.mapping))
        object.__setattr__(self, "_trigger_re", re.compile("[" + re.escape("".join(sorted(triggers))) + "]") if triggers else None)

    def translate(self, word: str) -> str:
        word = word.lower()
        if len(word) > 2 and word[-2:] in self.ending_mapping:
            return self._letters(word[:-2], word) + self.ending_mapping[word[-2:]]
        return self._letters(word, word)

    def _letters(self, stem: str, full: str) -> str:
        if self._trigger_re is not None:
            stem = self._trigger_re.sub(lambda m: self._letter(full, m.start()), stem)
        return stem.translate(self._table)

    def _letter(self, full: str, i: int) -> str:
        cur = full[i]
        prev = full[i - 1] if i else ""
        nxt = full[i + 1] if i + 1 < len(full) else ""
        letter = self.prev_mapping.get(prev + cur)
        if letter is None:
            letter = self.next_mapping.get(cur + nxt)
        if letter is None:
            letter = self.mapping.get(cur, cur)
        return letter


@lru_cache(maxsize=1)
def iuliia_schemes() -> tuple[Scheme, ...]:
    """The Russian schemes of iuliia (ALA-LC, BGN/PCGN, ISO 9, GOST, ICAO, wikipedia, ...)."""
    raw = resources.files("normalize").joinpath("data/translit/iuliia.json").read_text("utf-8")
    return tuple(Scheme(name=name, **tables) for name, tables in sorted(json.loads(raw).items()))


_RU_VOWELS = "аеёиоуыэюяъь"
_RU_CONSONANTS = "бвгджзклмнпрстфхцчшщ"


def _after(letters: str, target: str, value: str, initial: bool = True) -> dict[str, str]:
    """`target` after any of `letters` (and word-initially) becomes `value`."""
    rules = {c + target: value for c in letters}
    if initial:
        rules[target] = value
    return rules


def _table(spec: str, **changes: str) -> dict[str, str]:
    """Parse "а=a б=b ..." (an empty right side drops the letter) and apply keyword changes."""
    table = dict(pair.split("=", 1) for pair in spec.split())
    table.update(changes)
    return table


_RU_ENGLISH = (
    "а=a б=b в=v г=g д=d е=e ё=yo ж=zh з=z и=i й=y к=k л=l м=m н=n о=o п=p р=r с=s т=t у=u ф=f "
    "х=kh ц=ts ч=ch ш=sh щ=shch ъ= ы=y ь= э=e ю=yu я=ya"
)


def _base(**changes: str) -> dict[str, str]:
    return _table(_RU_ENGLISH, **changes)


GERMAN = Scheme(
    "german",
    _base(в="w", ж="sch", з="s", й="i", х="ch", ц="z", ч="tsch", ш="sch", щ="schtsch", ю="ju", я="ja", ё="jo", ы="y", е="e"),
    prev_mapping=_after(_RU_VOWELS, "е", "je"),
    ending_mapping={"ий": "i", "ый": "y", "ой": "oi"},
)
FRENCH = Scheme(
    "french",
    _base(ж="j", й="ï", х="kh", ц="ts", ч="tch", ш="ch", щ="chtch", у="ou", ю="iou", я="ia", ё="io", ы="y", е="e"),
    prev_mapping=_after(_RU_VOWELS, "е", "ie"),
    next_mapping={"ге": "gu", "ги": "gu", "гы": "gu"},
    ending_mapping={"ий": "i", "ый": "y", "ин": "ine"},
)
POLISH = Scheme(
    "polish",
    _base(в="w", ж="ż", й="j", л="ł", х="ch", ц="c", ч="cz", ш="sz", щ="szcz", ю="ju", я="ja", ё="jo", ы="y", е="e"),
    prev_mapping={
        **_after(_RU_VOWELS, "е", "je"),
        **{c + "е": "ie" for c in "бвгдзклмнпрстфх"},
        **{c + "я": "ia" for c in "бвгдзкмнпрстфх"},
        **{c + "ю": "iu" for c in "бвгдзкмнпрстфх"},
    },
    next_mapping={"л" + v: "l" for v in "еёиюяь"},
    ending_mapping={"ий": "ij", "ый": "y"},
)
UKRAINIAN_2010 = Scheme(
    "ukrainian-2010",
    _table(
        "а=a б=b в=v г=h ґ=g д=d е=e є=ie ж=zh з=z и=y і=i ї=i й=i к=k л=l м=m н=n о=o п=p р=r "
        "с=s т=t у=u ф=f х=kh ц=ts ч=ch ш=sh щ=shch ь= ю=iu я=ia '= ’= ʼ="
    ),
    prev_mapping={"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya", "зг": "gh"},
)
_BE_VOWELS = "аеёіоуўыэюяь'’"
BELARUSIAN = Scheme(
    "belarusian",
    _table(
        "а=a б=b в=v г=h д=d е=ie ё=io ж=zh з=z і=i й=y к=k л=l м=m н=n о=o п=p р=r с=s т=t "
        "у=u ў=w ф=f х=kh ц=ts ч=ch ш=sh ы=y ь= э=e ю=iu я=ia '= ’="
    ),
    prev_mapping={**_after(_BE_VOWELS, "е", "ye"), **_after(_BE_VOWELS, "ю", "yu"), **_after(_BE_VOWELS, "я", "ya")},
)

RUSSIAN_HABITS = (GERMAN, FRENCH, POLISH)

# Ukrainian letters read as Russian ones: how Russian-language sources spell Ukrainian names.
UKRAINIAN_AS_RUSSIAN = str.maketrans({"г": "г", "ґ": "г", "є": "е", "и": "ы", "і": "и", "ї": "йи", "'": "ь", "’": "ь", "ʼ": "ь"})
BELARUSIAN_AS_RUSSIAN = str.maketrans({"і": "и", "ў": "в", "'": "ъ", "’": "ъ"})
