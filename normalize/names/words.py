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
from functools import lru_cache
from importlib import resources

_SUFFIXES = ("'s", "s", "es", "ed", "ing", "er", "ers", "est", "ly")


MARK = "\n#known\n"


@lru_cache(maxsize=1)
def _text() -> str:
    """The decompressed list; kept in the on-disk cache (names/cache.py), since decompressing
    it costs a command-line run more than reading it back."""
    import hashlib

    from . import cache

    data = resources.files("normalize").joinpath("data/english_words.txt.gz").read_bytes()
    key = hashlib.sha256(data).hexdigest()
    text = cache.read(key, kind="words")
    if not isinstance(text, str):
        text = gzip.decompress(data).decode("utf-8")
        cache.write(key, text, kind="words")
    return text


@lru_cache(maxsize=2)
def _section(name: str) -> str:
    """A sorted section of the list as one newline-terminated string, searched by bisection in
    place: splitting 270,000 words into a list (or hashing them into a set) would cost more
    start-up time than every lookup a document makes."""
    text = _text()
    cut = text.index(MARK)
    if name == "common":
        start = 0
        while text.startswith("#", start):  # the header: sources and licences
            start = text.index("\n", start) + 1
        return text[start:cut].strip("\n") + "\n"
    return text[cut + len(MARK):].strip("\n") + "\n"


def _contains(words: str, word: str) -> bool:
    """Whether `word` is a line of `words` (sorted lines, each ending in a newline)."""
    lo, hi = 0, len(words)  # both always at the start of a line
    while lo < hi:
        newline = words.rfind("\n", lo, (lo + hi) // 2)
        start = lo if newline < 0 else newline + 1
        end = words.index("\n", start)
        line = words[start:end]
        if line == word:
            return True
        if line < word:
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


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    """Given names and surnames of many languages (data/name_veto.txt.gz, from Faker; see its LICENSE)."""
    data = resources.files("normalize").joinpath("data/name_veto.txt.gz").read_bytes()
    return frozenset(w for w in gzip.decompress(data).decode("utf-8").split("\n") if w and w[0] != "#")


def is_known_name(key: str) -> bool:
    """True when a folded word is somebody's given name or surname in its own right ("condon",
    "nowak", "johansson"): a near miss that is a real name is another person, not a misspelling."""
    return key in _names()
