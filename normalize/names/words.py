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


@lru_cache(maxsize=1)
def _load() -> tuple[frozenset[str], frozenset[str]]:
    data = resources.files("normalize").joinpath("data/english_words.txt.gz").read_bytes()
    lines = gzip.decompress(data).decode("utf-8").splitlines()
    cut = lines.index("#known")
    common = frozenset(line for line in lines[:cut] if line and not line.startswith("#"))
    return common, frozenset(lines[cut + 1 :])


def common_words() -> frozenset[str]:
    """Lower-case common English words (SCOWL size 50 and the en.txt sentences)."""
    return _load()[0]


def _stems(word: str) -> list[str]:
    stems = [word]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stems.append(word[: -len(suffix)])
    if word.endswith("ies") and len(word) > 4:
        stems.append(word[:-3] + "y")
    return stems


def is_common_word(word: str) -> bool:
    """True for a common English word or a regular inflection of one ("missiles", "talked")."""
    common = common_words()
    return any(stem in common for stem in _stems(word.lower()))


def is_known_word(word: str) -> bool:
    """True for any dictionary word or proper noun/adjective ("fordo", "Russian", "Moscow")."""
    common, known = _load()
    return any(stem in common or stem in known for stem in _stems(word.lower()))
