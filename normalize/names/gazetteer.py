"""Loading and validating gazetteer packs (`rules/names/*.toml`).

A gazetteer is data written by people, so every structural mistake — an unknown key, a wrong
type, a missing field, a duplicate id, a spelling claimed by two entities — is a `RulePackError`
naming the file and line, raised at load time rather than surfacing as a wrong fix later.
Variant generation is not done here: the matcher builds its index lazily (see `index.py`).
"""

from __future__ import annotations

import tomllib
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from ..errors import RulePackError
from ..rulebook import examples_problem
from ..tomlpos import array_lines, error_line, locate, table_key_line, table_line
from .phonetic import fold

KINDS = ("person", "place", "organisation")
_ID_RE = regex.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PACK_KEYS = {"name": str, "kind": str, "description": str}
_ENTITY_KEYS: dict[str, Any] = {
    "id": str, "canonical": str, "kind": str, "native": list, "given": str, "surname": str,
    "family_first": bool, "variants": list, "styles": dict, "context": list, "keep": list,
    "examples": list,  # {input, output} cases, run by tests/test_cases.py and `normalize rules --check-examples`
}
_REQUIRED = ("id", "canonical", "kind")


@dataclass(frozen=True)
class Native:
    lang: str
    text: str


@dataclass(frozen=True)
class Entity:
    """One person, place or organisation; `rule` is its stable rule id."""

    id: str
    canonical: str
    kind: str
    native: tuple[Native, ...] = ()
    given: str | None = None
    surname: str | None = None
    family_first: bool = False
    variants: tuple[str, ...] = ()
    styles: dict[str, str] = field(default_factory=dict)
    context: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()  # phrases in which a spelling names something else ("Dnepr rocket")
    source: str = ""
    line: int | None = None

    @property
    def rule(self) -> str:
        return "names." + self.id

    def spelling(self, style: str | None) -> str:
        """The full name as `style` writes it; the canonical spelling otherwise."""
        return self.styles.get(style, self.canonical) if style else self.canonical


class Gazetteer:
    """Validated entities in load order; the matcher index is built on first use and cached."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities: tuple[Entity, ...] = tuple(entities)
        self.by_id: dict[str, Entity] = {e.id: e for e in entities}
        self._index: Any = None

    def __len__(self) -> int:
        return len(self.entities)

    def styles(self) -> set[str]:
        return {name for e in self.entities for name in e.styles}

    def index(self) -> Any:
        """The compiled lookup tables (`index.NameIndex`), built once."""
        if self._index is None:
            from .index import build_index

            self._index = build_index(self)
        return self._index


_MEMO: OrderedDict[str, Gazetteer] = OrderedDict()  # the last few gazetteers loaded, newest last
MEMO_KEEP = 4


def load_gazetteer(paths: list[Path]) -> Gazetteer:
    """Load and validate gazetteer packs; raise `RulePackError` with file:line on any mistake.

    The compiled result (with its matching index) is memoised in-process and cached on disk,
    keyed by the packs' bytes: an unchanged set loads in milliseconds.
    """
    from .. import cache

    blobs = [(str(path), Path(path).read_bytes()) for path in paths]
    key = cache.cache_key(blobs)
    if key in _MEMO:
        _MEMO.move_to_end(key)
        return _MEMO[key]
    gazetteer = cache.read(key)
    if not isinstance(gazetteer, Gazetteer):
        gazetteer = _load(blobs)
        gazetteer.index()
        cache.write(key, gazetteer)
    _MEMO[key] = gazetteer
    while len(_MEMO) > MEMO_KEEP:
        _MEMO.popitem(last=False)
    return gazetteer


def _load(blobs: list[tuple[str, bytes]]) -> Gazetteer:
    entities: list[Entity] = []
    seen_ids: dict[str, str] = {}
    claimed: dict[str, str] = {}  # folded explicit spelling -> entity id
    for name, data in blobs:
        path = Path(name)
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise RulePackError(path, None, f"not UTF-8: {exc}") from None
        parsed = _parse(path, source)
        _check_pack(path, source, parsed)
        headers = array_lines(source, "entity")
        for number, raw in enumerate(parsed.get("entity", [])):
            entity = _entity(path, source, number, raw, headers[number] if number < len(headers) else None)
            if entity.id in seen_ids:
                raise RulePackError(path, entity.line, f"duplicate entity id '{entity.id}' (first in {seen_ids[entity.id]})")
            seen_ids[entity.id] = str(path)
            _claim(path, source, number, entity, claimed)
            entities.append(entity)
    return Gazetteer(entities)


def _parse(path: Path, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise RulePackError(path, error_line(exc, source), f"invalid TOML: {exc}") from None


def _check_pack(path: Path, source: str, data: dict[str, Any]) -> None:
    for key in data:
        if key not in ("pack", "entity"):
            raise RulePackError(path, locate(source, key=key) or table_line(source, key), f"unknown top-level key '{key}'")
    pack = data.get("pack")
    if not isinstance(pack, dict):
        raise RulePackError(path, 1, "missing [pack] table")
    for key, value in pack.items():
        if key not in _PACK_KEYS:
            raise RulePackError(path, table_key_line(source, "pack", key), f"unknown key '{key}' in [pack]")
        if not isinstance(value, _PACK_KEYS[key]):
            raise RulePackError(path, table_key_line(source, "pack", key), f"[pack] {key} must be a string")
    for key in ("name", "kind"):
        if key not in pack:
            raise RulePackError(path, table_key_line(source, "pack", None), f"[pack] is missing '{key}'")
    if pack["kind"] != "gazetteer":
        raise RulePackError(path, table_key_line(source, "pack", "kind"), f"[pack] kind must be 'gazetteer', not '{pack['kind']}'")
    if not isinstance(data.get("entity", []), list):
        raise RulePackError(path, table_line(source, "entity"), "'entity' must be an array of tables ([[entity]])")


def _entity(path: Path, source: str, number: int, raw: Any, line: int | None) -> Entity:
    def fail(key: str | None, message: str) -> RulePackError:
        return RulePackError(path, locate(source, "entity", number, key), message)

    if not isinstance(raw, dict):
        raise fail(None, "each [[entity]] must be a table")
    label = f"entity '{raw.get('id', number + 1)}'"
    for key, value in raw.items():
        if key not in _ENTITY_KEYS:
            raise fail(key, f"{label}: unknown key '{key}'")
        if not isinstance(value, _ENTITY_KEYS[key]):
            raise fail(key, f"{label}: '{key}' must be {_ENTITY_KEYS[key].__name__}, not {type(value).__name__}")
    for key in _REQUIRED:
        if key not in raw:
            raise fail(None, f"{label}: missing required key '{key}'")
    if not _ID_RE.match(raw["id"]):
        raise fail("id", f"{label}: id must be lower-case letters, digits and hyphens")
    if raw["kind"] not in KINDS:
        raise fail("kind", f"{label}: kind must be one of {', '.join(KINDS)}")
    for key in ("variants", "context", "keep"):
        if not all(isinstance(v, str) and v.strip() for v in raw.get(key, [])):
            raise fail(key, f"{label}: '{key}' must be a list of non-empty strings")
    problem = examples_problem(raw.get("examples", []))
    if problem:
        raise fail("examples", f"{label}: {problem}")
    if not all(isinstance(v, str) and v.strip() for v in raw.get("styles", {}).values()):
        raise fail("styles", f"{label}: 'styles' values must be non-empty strings")
    natives = []
    for item in raw.get("native", []):
        if not isinstance(item, dict) or set(item) != {"lang", "text"} or not all(isinstance(v, str) for v in item.values()):
            raise fail("native", f"{label}: each native entry must be {{ lang = \"..\", text = \"..\" }}")
        natives.append(Native(item["lang"], item["text"]))
    return Entity(
        id=raw["id"], canonical=raw["canonical"], kind=raw["kind"], native=tuple(natives),
        given=raw.get("given"), surname=raw.get("surname"), family_first=raw.get("family_first", False),
        variants=tuple(raw.get("variants", [])), styles=dict(raw.get("styles", {})),
        context=tuple(c.lower() for c in raw.get("context", [])),
        keep=tuple(k.lower() for k in raw.get("keep", [])),
        source=str(path), line=line,
    )


def _claim(path: Path, source: str, number: int, entity: Entity, claimed: dict[str, str]) -> None:
    """Explicit spellings (canonical, styles, variants) must each belong to one entity."""
    spellings = [("canonical", entity.canonical), *(("styles", s) for s in entity.styles.values()),
                 *(("variants", v) for v in entity.variants)]
    for key, spelling in spellings:
        folded = " ".join(fold(spelling).replace("-", " ").split())
        owner = claimed.setdefault(folded, entity.id)
        if owner != entity.id:
            raise RulePackError(path, locate(source, "entity", number, key),
                                f"entity '{entity.id}': spelling '{spelling}' also names entity '{owner}'")
