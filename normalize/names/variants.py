"""Generating the Latin spellings an entity's native name takes in the wild.

From each native spelling we derive what other schemes and other presses write: for Russian the
26 iuliia schemes, German/French/Polish habits and the Greek round trip; for Ukrainian the 2010
national system and Russian-style readings (Kharkov for Kharkiv); for Belarusian its national
system; for Korean syllable-by-syllable press spellings. Each spelling carries a tier: listed
spellings and standard schemes are trusted, Greek round trips are lossy and need evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product

import regex

from ..translit import name_spellings
from . import korean
from .gazetteer import Entity
from .phonetic import distance, fold, sound_key

# Tiers, lower is more trusted. LOSSY spellings (foreign-press habits, diacritics folded away,
# Greek round trips) collide with real other names ("Nowak", "Buca") and need corroboration.
EXPLICIT, SCHEME, LOSSY = 0, 1, 2
TIER_NAMES = ("listed", "scheme", "lossy")
MIN_SURNAME_KEY = 4  # shorter surnames ("Ma", "Li") are matched alone only when listed as variants
SPLIT_RE = regex.compile(r"[\s\-\u2010\u2011]+")
_CYRILLIC_RE = regex.compile(r"\p{Cyrillic}")


def name_key(spelling: str) -> str:
    """The lookup key of a spelling: folded tokens, spaces and hyphens alike.

    >>> name_key("Kim Jong-un") == name_key("KIM JONG UN")
    True
    """
    return " ".join(fold(part) for part in SPLIT_RE.split(spelling.strip()) if part)


@dataclass
class Spellings:
    """Everything the index needs about one entity, as keys with tiers."""

    full: dict[str, int] = field(default_factory=dict)  # whole-name keys
    surname: dict[str, int] = field(default_factory=dict)  # surname-only keys (persons)
    given: set[str] = field(default_factory=set)  # given-name keys (evidence, extension)

    def add(self, table: dict[str, int], spelling: str, tier: int) -> str:
        key = name_key(spelling)
        if key and tier < table.get(key, LOSSY + 1):
            table[key] = tier
        return key


def _clean(spelling: str) -> str:
    return spelling.replace("·", "").replace("`", "").replace("”", "").replace("’", "'").replace("ё", "ë")


@lru_cache(maxsize=8192)
def latin_spellings(word: str, lang: str) -> tuple[tuple[str, int], ...]:
    """(spelling, tier) pairs for one native word, most standard first."""
    out: dict[str, int] = {}

    def add(spelling: str, tier: int) -> None:
        spelling = _clean(spelling)
        if not spelling.isascii():
            tier = LOSSY
        if spelling and tier < out.get(spelling, LOSSY + 1):
            out[spelling] = tier

    lower = word.lower()
    if lang == "ko" or korean.is_hangul(word):
        for spelling in korean.given_spellings(word):
            add(spelling, SCHEME)
    elif not _CYRILLIC_RE.search(word):
        return ()
    else:
        # the language's own schemes (normalize/translit/<lang>.py), Russian's by default
        for spelling, lossy in name_spellings(lower, lang):
            add(spelling, LOSSY if lossy else SCHEME)
    return tuple((s.capitalize(), t) for s, t in out.items())


def entity_spellings(entity: Entity) -> Spellings:
    """All keys of one entity: listed spellings first, generated ones after."""
    out = Spellings()
    surname_only = entity.kind == "person" and not entity.family_first
    for spelling in (entity.canonical, *entity.styles.values(), *entity.variants):
        if not (surname_only and len(name_key(spelling).split()) == 1):  # "Shoygu" is a surname
            out.add(out.full, spelling, EXPLICIT)
    if entity.kind == "person" and entity.family_first:
        _family_first(entity, out)
    elif entity.kind == "person":
        _given_surname(entity, out)
    else:
        _place(entity, out)
    return out


def name_parts(entity: Entity, spelling: str) -> tuple[str, str]:
    """(given, surname) of a full spelling, by the entity's name order."""
    tokens = spelling.split()
    count = len((entity.surname or "x").split())
    if len(tokens) <= count:
        return "", spelling
    if entity.family_first:
        return " ".join(tokens[count:]), " ".join(tokens[:count])
    return " ".join(tokens[:-count]), " ".join(tokens[-count:])


def _given_surname(entity: Entity, out: Spellings) -> None:
    for spelling in (entity.canonical, *entity.styles.values(), *entity.variants):
        given, surname = name_parts(entity, spelling)
        listed = not given and spelling in entity.variants
        if listed or len(name_key(surname)) >= MIN_SURNAME_KEY:
            out.add(out.surname, surname, EXPLICIT)
        if given:
            out.given.add(name_key(given))
    if entity.given:
        out.given.add(name_key(entity.given))
    for native in entity.native:
        words = native.text.split()
        for spelling, tier in latin_spellings(words[-1], native.lang):
            if len(name_key(spelling)) >= MIN_SURNAME_KEY:
                out.add(out.surname, spelling, tier)
        if len(words) > 1:
            out.given.update(name_key(s) for s, _ in latin_spellings(words[0], native.lang))


def _family_first(entity: Entity, out: Spellings) -> None:
    canonical_given, canonical_surname = name_parts(entity, entity.canonical)
    for native in entity.native:
        if native.lang != "ko" and not korean.is_hangul(native.text):
            continue
        surname, given = korean.split_name(native.text)
        surnames = [canonical_surname, *korean.surname_spellings(surname)]
        givens = [canonical_given, *korean.given_spellings(given)]
        for s, g in product(dict.fromkeys(surnames), dict.fromkeys(givens)):
            out.add(out.full, f"{s} {g}", SCHEME)


def _place(entity: Entity, out: Spellings) -> None:
    """Vary one aligned token at a time: "Vostochny Cosmodrome" -> "Vostochnyy Cosmodrome"."""
    tokens = entity.canonical.split()
    for native in entity.native:
        words = native.text.split()
        for position, token in enumerate(tokens):
            for spelling, tier in _aligned(token, words, native.lang):
                out.add(out.full, " ".join([*tokens[:position], spelling, *tokens[position + 1 :]]), tier)


def _aligned(token: str, words: list[str], lang: str) -> list[tuple[str, int]]:
    """The spellings of the native word that `token` transliterates, if any does."""
    target = sound_key(token)
    for word in words:
        spellings = latin_spellings(word, lang)
        if any(distance(sound_key(s), target, 2) <= 2 for s, _ in spellings[:8]):
            return list(spellings)
    return []
