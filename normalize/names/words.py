"""The English word list that keeps name matching away from ordinary words.

A generated variant or a fuzzy near-miss that is an English word ("Young", "Miller", "Russian")
must never be rewritten as a name. The list ships as `data/english_words.txt.gz` (see its header
for sources and licences) in two sections: common words (SCOWL size 50), which refuse generated
variants and fuzzy repairs, and after "#known" rarer dictionary words and proper nouns (web2),
which only refuse fuzzy repairs — "Paris" or "fordo" must not block a listed spelling. It is loaded lazily, once per process, the first
time a document contains a candidate — most documents and `load_gazetteer` never pay for it.
"""

from __future__ import annotations

import gzip
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    import mmap

Buffer = Union[bytes, "mmap.mmap"]  # a decompressed list, in memory or mapped from the cache

_SUFFIXES = ("'s", "s", "es", "ed", "ing", "er", "ers", "est", "ly")


MARK = b"\n#known\n"
DATA = Path(__file__).resolve().parent.parent / "data"  # read directly: importlib.resources costs a run ~2 ms


@lru_cache(maxsize=2)
def _lines(filename: str) -> Buffer:
    """The decompressed list `filename` (in data/). A command-line run looks up a few dozen
    words, so the list is decompressed once into the on-disk cache (normalize/cache.py) and then
    memory-mapped: a run touches only the pages its bisections visit, instead of reading and
    decoding megabytes. Without a usable cache it is decompressed in memory."""
    from .. import cache

    data = (DATA / filename).read_bytes()
    size = int.from_bytes(data[-4:], "little")  # the gzip trailer: the decompressed size
    folder = cache.cache_dir()
    path = folder / f"lines-{cache.digest(data).hexdigest()}.txt" if folder else None
    if path is not None:
        mapped = _map(path, size)
        if mapped is not None:
            return mapped
    text = gzip.decompress(data)
    if path is not None:
        cache.write_bytes(path, text)
    return text


def _map(path: Path, size: int) -> Buffer | None:
    import mmap

    try:
        with open(path, "rb") as handle:
            if os.fstat(handle.fileno()).st_size != size or size == 0:
                return None  # missing, truncated or stale: a miss, never an error
            return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None


@lru_cache(maxsize=3)
def _section(name: str) -> tuple[Buffer, int, int]:
    """A sorted section of a list as (buffer, start, end): newline-terminated lines, searched by
    bisection in place: splitting 270,000 words into a list (or hashing them into a set) would
    cost more start-up time than every lookup a document makes. "names": the name veto list."""
    lines = _lines("name_veto.txt.gz" if name == "names" else "english_words.txt.gz")
    start, end = 0, len(lines)
    while lines[start:start + 1] == b"#":  # the header: sources and licences
        start = lines.find(b"\n", start) + 1
    if name != "names":
        cut = lines.find(MARK)
        if cut < 0:
            raise ValueError(f"{name}: no {MARK!r} in the word list")
        start, end = (start, cut) if name == "common" else (cut + len(MARK), end)
    while start < end and lines[start:start + 1] == b"\n":  # blank lines around a section
        start += 1
    while end > start and lines[end - 1:end] == b"\n":
        end -= 1
    return lines, start, end


def _contains(section: tuple[Buffer, int, int], word: str) -> bool:
    """Whether `word` is a line of the section (sorted lines; UTF-8 keeps the order of str)."""
    words, lo, last = section
    key = word.encode("utf-8", "surrogatepass")
    if b"\n" in key:
        return False
    hi = last  # lo and hi always at the start of a line (or the section's end)
    while lo < hi:
        newline = words.rfind(b"\n", lo, (lo + hi) // 2)
        start = lo if newline < 0 else newline + 1
        end = words.find(b"\n", start, last)
        if end < 0:
            end = last
        line = words[start:end]
        if line == key:
            return True
        if line < key:
            lo = end + 1
        else:
            hi = start
    return False


def _stems(word: str) -> list[str]:
    stems = [word]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stems.append(word[: -len(suffix)])
    if word.endswith("ies") and len(word) > 4:
        stems.append(word[:-3] + "y")
    return stems


@lru_cache(maxsize=1 << 16)
def is_common_word(word: str) -> bool:
    """True for a common English word or a regular inflection of one ("missiles", "talked")."""
    common = _section("common")
    return any(_contains(common, stem) for stem in _stems(word.lower()))


@lru_cache(maxsize=1 << 16)
def is_known_word(word: str) -> bool:
    """True for any dictionary word or proper noun/adjective ("fordo", "Russian", "Moscow")."""
    common, known = _section("common"), _section("known")
    return any(_contains(common, stem) or _contains(known, stem) for stem in _stems(word.lower()))


@lru_cache(maxsize=1 << 16)
def is_known_name(key: str) -> bool:
    """True when a folded word is somebody's given name or surname in its own right ("condon",
    "nowak", "johansson"): a near miss that is a real name is another person, not a misspelling."""
    if _names_looked_up[0] < HASH_NAMES_AFTER:  # a run that meets few new words: bisect in place
        _names_looked_up[0] += 1
        return _contains(_section("names"), key)
    return key.encode("utf-8", "surrogatepass") in _name_set()


# Every new capitalised word of a corpus is looked up once: a long run (a batch, an ingester)
# meets thousands, and then hashing the list's 37,000 lines once (~5 ms, ~3 MB) costs less than
# bisecting for each (a few µs apiece). A command-line run on an article stays under the limit.
HASH_NAMES_AFTER = 1_000
_names_looked_up = [0]


@lru_cache(maxsize=1)
def _name_set() -> frozenset[bytes]:
    lines, start, end = _section("names")
    return frozenset(lines[start:end].split(b"\n"))
