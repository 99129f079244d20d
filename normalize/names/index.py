"""The compiled lookup tables: every spelling of every entity, keyed for one-pass matching.

Exact matching is a dict lookup per capitalised token n-gram, and fuzzy matching a dict lookup
per sound key and its one-letter deletions (the symmetric-delete trick), so the cost of a
document does not grow with the gazetteer. A generated spelling two entities share is ambiguous
and dropped (the more trusted tier wins); listed spellings cannot clash (the loader refuses).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .gazetteer import Entity, Gazetteer
from .phonetic import deletions, sound_key
from .variants import Spellings, entity_spellings

MIN_FUZZY_KEY = 4  # shorter sound keys are too ambiguous to repair


class Hit(NamedTuple):
    """An exact key's owner: `role` is "full" (whole name) or "surname" (surname alone)."""

    entity: str
    role: str
    tier: int

    def __reduce__(self) -> tuple[Any, ...]:
        # The cached index holds thousands of these: rebuilt by the C tuple constructor rather
        # than the generated Python __new__, the gazetteer cache loads in about half the time.
        return tuple.__new__, (type(self), tuple(self))


class FuzzyTarget(NamedTuple):
    """A token a near-miss may be repaired to; for role "part", its place in a longer name."""

    entity: str
    role: str  # "surname" | "full" | "part"
    skey: str  # the sound key all `spellings` share
    spellings: tuple[str, ...]  # folded
    tokens: tuple[str, ...] = ()
    position: int = 0

    def __reduce__(self) -> tuple[Any, ...]:
        return tuple.__new__, (type(self), tuple(self))


@dataclass
class NameIndex:
    exact: dict[str, tuple[Hit, ...]] = field(default_factory=dict)
    first: set[str] = field(default_factory=set)
    max_tokens: int = 1
    given: dict[str, frozenset[str]] = field(default_factory=dict)
    all_given: set[str] = field(default_factory=set)
    fuzzy: dict[str, list[FuzzyTarget]] = field(default_factory=dict)
    collisions: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    # First and last letters of every target's sound key: a key one edit from a target shares
    # its first or last two letters with it (from five letters up; three from seven), so most
    # words are rejected by two set lookups before any deletion is generated (see may_be_near).
    ends2: set[str] = field(default_factory=set)
    ends3: set[str] = field(default_factory=set)
    spellings: dict[str, Spellings] = field(default_factory=dict)  # build-time only, not pickled

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "spellings": {}}

    def may_be_near(self, skey: str) -> bool:
        """False only when `skey` cannot be within one edit of any target's sound key."""
        n = len(skey)
        if n >= 7:
            return "<" + skey[:3] in self.ends3 or skey[-3:] + ">" in self.ends3
        if n >= 5:
            return "<" + skey[:2] in self.ends2 or skey[-2:] + ">" in self.ends2
        return True


def build_index(gazetteer: Gazetteer) -> NameIndex:
    index = NameIndex()
    claims: dict[str, list[tuple[str, str, int]]] = {}
    for entity in gazetteer.entities:
        spellings = entity_spellings(entity)
        index.spellings[entity.id] = spellings
        for role, table in (("full", spellings.full), ("surname", spellings.surname)):
            for key, tier in table.items():
                claims.setdefault(key, []).append((entity.id, role, tier))
        index.given[entity.id] = frozenset(spellings.given)
        index.all_given.update(spellings.given)
    for key, owners in claims.items():
        _resolve(index, key, owners)
    for entity in gazetteer.entities:
        _add_fuzzy(index, entity)
    for targets in index.fuzzy.values():
        for target in targets:
            index.ends2.update(("<" + target.skey[:2], target.skey[-2:] + ">"))
            index.ends3.update(("<" + target.skey[:3], target.skey[-3:] + ">"))
    return index


def _resolve(index: NameIndex, key: str, owners: list[tuple[str, str, int]]) -> None:
    best = min(tier for _, _, tier in owners)
    winners = {entity for entity, _, tier in owners if tier == best}
    if len(winners) > 1:
        index.collisions.append((key, tuple(sorted(winners))))
        return
    hits = tuple(Hit(e, role, tier) for e, role, tier in owners if e in winners)
    index.exact[key] = tuple(sorted(hits, key=lambda h: (h.tier, h.role != "full")))
    parts = key.split(" ")
    index.first.add(parts[0])
    index.max_tokens = max(index.max_tokens, len(parts))


def _owned(index: NameIndex, entity: Entity, key: str) -> bool:
    return any(hit.entity == entity.id for hit in index.exact.get(key, ()))


def _add_fuzzy(index: NameIndex, entity: Entity) -> None:
    """Bucket the entity's repairable tokens by sound key and by each one-letter deletion of it."""
    spellings = index.spellings[entity.id]
    groups: dict[tuple[str, tuple[str, ...], int], list[str]] = {}  # (role, tokens, position) -> folded
    if entity.kind == "person":
        if not entity.family_first:
            for key in spellings.surname:
                if " " not in key and _owned(index, entity, key):
                    groups.setdefault(("surname", (), 0), []).append(key)
    else:
        for key in spellings.full:
            if not _owned(index, entity, key):
                continue
            parts = tuple(key.split(" "))
            if len(parts) == 1:
                groups.setdefault(("full", (), 0), []).append(key)
                continue
            for i, part in enumerate(parts):
                if len(part) >= 5:
                    groups.setdefault(("part", parts[:i] + ("",) + parts[i + 1 :], i), []).append(part)
    for (role, tokens, position), folded in groups.items():
        by_key: dict[str, list[str]] = {}
        for spelling in folded:
            by_key.setdefault(sound_key(spelling), []).append(spelling)
        for skey, same in by_key.items():
            if len(skey) < MIN_FUZZY_KEY:
                continue
            target = FuzzyTarget(entity.id, role, skey, tuple(dict.fromkeys(same)), tokens, position)
            for probe in {skey, *deletions(skey)}:
                index.fuzzy.setdefault(probe, []).append(target)
