"""Line numbers for TOML validation errors: the one locator every pack loader uses.

`tomllib` returns plain dicts without positions, so after a structural error we
find the line by scanning the source: the n-th `[[array]]` header, then the key.
Used by the rulebook (honorifics and rules packs), the glossary and gazetteer loaders,
the configuration and tools/check_gazetteer.py.
"""

from __future__ import annotations

from functools import lru_cache

import regex


@lru_cache(maxsize=8)
def _lines(source: str) -> list[str]:
    return source.splitlines()


@lru_cache(maxsize=32)
def _headers(source: str, array: str) -> list[int]:
    """Line numbers of every `[[array]]` header: a pack's rules are located once, not once each."""
    header = regex.compile(r"^\s*\[\[\s*" + regex.escape(array) + r"\s*\]\]")
    return [number for number, line in enumerate(_lines(source)) if header.match(line)]


def locate(source: str, array: str | None = None, index: int = 0, key: str | None = None) -> int | None:
    """1-based line of `key` inside the `index`-th `[[array]]` table (or at top level)."""
    lines = _lines(source)
    start, stop = 0, len(lines)
    if array is not None:
        headers = _headers(source, array)
        if index >= len(headers):
            return None
        start = headers[index]
        stop = next(
            (n for n in range(start + 1, len(lines)) if lines[n].lstrip().startswith("[")),
            len(lines),
        )
        if key is None:
            return start + 1
    if key is None:
        return None
    pattern = regex.compile(r"^\s*\"?" + regex.escape(key) + r"\"?\s*=")
    for number in range(start, stop):
        if pattern.match(lines[number]):
            return number + 1
    return start + 1 if array is not None else None


def table_line(source: str, name: str) -> int | None:
    """1-based line of the first `[name]` or `[[name]]` header, or of a top-level `name = ...`.

    >>> table_line('[pack]\\nkind = "rules"\\n\\n[[rule]]\\nid = "a.b"', "rule")
    4
    """
    pattern = regex.compile(r"^\s*\[{1,2}\s*" + regex.escape(name) + r"\s*\]|^\s*\"?" + regex.escape(name) + r"\"?\s*=")
    for number, line in enumerate(source.splitlines(), 1):
        if pattern.match(line):
            return number
    return None


def table_key_line(source: str, table: str, key: str | None) -> int | None:
    """Line of `key` inside the `[table]` table (the header's line if the key is not there).

    >>> table_key_line('[pack]\\nname = "x"\\nkind = "rules"\\n', "pack", "kind")
    3
    """
    header = table_line(source, table)
    if key is None or header is None:
        return header
    lines = source.splitlines()
    pattern = regex.compile(r"^\s*\"?" + regex.escape(key) + r"\"?\s*=")
    for number in range(header, len(lines)):
        if lines[number].lstrip().startswith("["):
            break
        if pattern.match(lines[number]):
            return number + 1
    return header


def array_lines(source: str, array: str) -> list[int]:
    """Line of every `[[array]]` header, in one scan (for loaders that keep each entry's line)."""
    header = regex.compile(r"^\s*\[\[\s*" + regex.escape(array) + r"\s*\]\]")
    return [n for n, line in enumerate(source.splitlines(), 1) if header.match(line)]


def quoted_line(source: str, after: int | None, text: str) -> int | None:
    """First line from line `after` on that quotes `text`, before the next `[[...]]` header: where
    an inline table inside an entry's list sits (`forms = [{ text = "..." }]`)."""
    if after is None:
        return None
    lines = source.splitlines()
    needle = '"' + text + '"'
    for number in range(after - 1, len(lines)):
        if needle in lines[number]:
            return number + 1
        if number > after - 1 and lines[number].lstrip().startswith("[["):
            break
    return after


def error_line(error: Exception, source: str = "") -> int | None:
    """The line a `tomllib.TOMLDecodeError` names (its message says 'line N' or 'end of document')."""
    line = getattr(error, "lineno", None)
    if line:
        return int(line)
    found = regex.search(r"line (\d+)", str(error))
    if found:
        return int(found.group(1))
    return len(source.splitlines()) if source and "end of document" in str(error) else None
