"""Line numbers for TOML validation errors.

`tomllib` returns plain dicts without positions, so after a structural error we
find the line by scanning the source: the n-th `[[array]]` header, then the key.
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
