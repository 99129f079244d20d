"""Writing a report piece by piece: a huge file's report is never one string, nor one list of dicts.

A renderer gets `write` (a callable taking str) and calls it for each piece as it is made;
`Chunks` gathers the pieces into blocks of about 64K characters (few writes to the sink, and a
renderer's clean-up, such as replacing lone surrogates, runs once per block). `ItemDicts` is a
file's changes or findings seen as the report's dicts, each made when it is read: the report's
"files" entries hold it instead of a list, so only one item's dict is alive at a time.
`dump_json` writes a JSON value with its outer containers streamed; the bytes equal those of
`json.dumps` of the same value with the same arguments.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from types import GeneratorType
from typing import Any, overload

Write = Callable[[str], object]

CHUNK = 1 << 16  # characters gathered before one write to the sink


class Chunks:
    """`write` for a renderer: pieces are passed to `sink` in blocks, each through `clean`."""

    def __init__(self, sink: Write, clean: Callable[[str], str] | None = None, size: int = CHUNK) -> None:
        self._sink, self._clean, self._size = sink, clean, size
        self._pieces: list[str] = []
        self._held = 0

    def __call__(self, piece: str) -> None:
        self._pieces.append(piece)
        self._held += len(piece)
        if self._held >= self._size:
            self.flush()

    def flush(self) -> None:
        if not self._pieces:
            return
        block = "".join(self._pieces)
        self._pieces.clear()
        self._held = 0
        self._sink(self._clean(block) if self._clean else block)


def collect(writer: Callable[[Write], None]) -> str:
    """What `writer(write)` writes, as one string (the render_* functions' way)."""
    pieces: list[str] = []
    writer(pieces.append)
    return "".join(pieces)


class ItemDicts(Sequence[dict[str, Any]]):
    """Changes or findings (objects with `to_dict`) read as the report's dicts, made on access."""

    __slots__ = ("_items",)

    def __init__(self, items: Sequence[Any]) -> None:
        self._items = items

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            return [item.to_dict() for item in self._items[index]]
        return self._items[index].to_dict()

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (item.to_dict() for item in self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ItemDicts):
            other = list(other)
        return isinstance(other, (list, tuple)) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"ItemDicts({len(self)} item(s))"


def plain(value: Any) -> Any:
    """`value` with every ItemDicts (at any depth of dicts and lists) turned into a list."""
    if isinstance(value, ItemDicts):
        return list(value)
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


_STREAMED = (dict, list, tuple, ItemDicts, GeneratorType)


def dump_json(value: Any, write: Write, *, depth: int = 4, separators: tuple[str, str] = (", ", ": "),
               default: Callable[[Any], Any] | None = None) -> None:
    """Write `value` as compact JSON (json.dumps with ensure_ascii=False and these `separators`
    and `default`): dicts, lists and iterators down to `depth` levels are written piece by
    piece, anything deeper is one json.dumps (its C encoder)."""
    item_sep, key_sep = separators

    def dumps(leaf: Any) -> str:
        return json.dumps(leaf, ensure_ascii=False, separators=separators, default=default)

    def emit(node: Any, level: int) -> None:
        if level >= depth or not isinstance(node, _STREAMED):
            write(dumps(list(node) if isinstance(node, ItemDicts) else node))
        elif isinstance(node, dict):
            write("{")
            for i, (key, item) in enumerate(node.items()):
                write(f"{item_sep}{dumps(key)}{key_sep}" if i else f"{dumps(key)}{key_sep}")
                emit(item, level + 1)
            write("}")
        else:
            write("[")
            for i, item in enumerate(node):
                if i:
                    write(item_sep)
                emit(item, level + 1)
            write("]")

    emit(value, 0)


def lines_to(write: Write, lines: Iterable[str]) -> None:
    """Write each line followed by LF."""
    for line in lines:
        write(line + "\n")
