"""Table-driven transliteration schemes in the iuliia format.

A scheme maps one letter (`mapping`), a letter after another (`prev_mapping`, key "previous +
current"; a one-letter key means word-initial), a letter before another (`next_mapping`, key
"current + next"; a one-letter key means word-final) and a two-letter word ending
(`ending_mapping`). The 26 Russian schemes come from iuliia (MIT, `data/translit/iuliia.json`,
a compact copy without samples); the press habits of other languages below are our own tables in
the same format, so one small engine serves both. Each language's tables live in its own module
(`ru.py`, `uk.py`, `be.py`); this module is the engine and the table helpers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(frozen=True)
class Scheme:
    """One transliteration table; `translate` works on one lower-case word."""

    name: str
    mapping: dict[str, str]
    prev_mapping: dict[str, str] = field(default_factory=dict)
    next_mapping: dict[str, str] = field(default_factory=dict)
    ending_mapping: dict[str, str] = field(default_factory=dict)
    _triggers: frozenset[str] = field(init=False, repr=False, compare=False)
    _table: dict[int, str] = field(init=False, repr=False, compare=False)
    _trigger_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Letters that some context rule may change; every other letter goes through str.translate.
        triggers = {key[-1] for key in self.prev_mapping} | {key[0] for key in self.next_mapping}
        object.__setattr__(self, "_triggers", frozenset(triggers))
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

    def pieces(self, word: str) -> list[tuple[int, str]]:
        """(index, Latin) per letter of `word`, for case-preserving romanisation (`apply_case`)."""
        full = word.lower()
        out: list[tuple[int, str]] = []
        for i, cur in enumerate(full):
            prev = full[i - 1] if i else ""
            letter = self.prev_mapping.get(prev + cur) if cur in self._triggers else None
            if letter is None and cur in self._triggers:
                letter = self.next_mapping.get(cur + (full[i + 1] if i + 1 < len(full) else ""))
            out.append((i, self.mapping.get(cur, cur) if letter is None else letter))
        if len(full) > 2 and full[-2:] in self.ending_mapping:
            out[-2:] = [(len(full) - 2, self.ending_mapping[full[-2:]]), (len(full) - 1, "")]
        return out


@lru_cache(maxsize=1)
def iuliia_schemes() -> tuple[Scheme, ...]:
    """The Russian schemes of iuliia (ALA-LC, BGN/PCGN, ISO 9, GOST, ICAO, wikipedia, ...)."""
    import json  # here, not at module load: a `check` that needs no scheme starts faster
    from pathlib import Path

    raw = (Path(__file__).parent.parent / "data" / "translit" / "iuliia.json").read_text("utf-8")
    return tuple(Scheme(name=name, **tables) for name, tables in sorted(json.loads(raw).items()))


def after(letters: str, target: str, value: str, initial: bool = True) -> dict[str, str]:
    """`target` after any of `letters` (and word-initially) becomes `value`."""
    rules = {c + target: value for c in letters}
    if initial:
        rules[target] = value
    return rules


def table(spec: str, **changes: str) -> dict[str, str]:
    """Parse "а=a б=b ..." (an empty right side drops the letter) and apply keyword changes."""
    result = dict(pair.split("=", 1) for pair in spec.split())
    result.update(changes)
    return result
