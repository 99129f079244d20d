"""Folding, matching keys and edit distance for Latin spellings of names.

Two strings are compared at two strengths:

* `fold` — lower case without diacritics or apostrophes. Exact name lookup uses it, so
  "Choïgou", "CHOIGOU" and "Choigou" are one key, and "Il'ich" meets "Ilich".
* `sound_key` — a deliberately lossy skeleton that merges the letters transliteration schemes
  and presses disagree on (o/a, y/i/j, kh/h/ch, ts/c/z, e/ye, u/ou/oo, nt/d, w/v, doubled
  letters). Fuzzy repair looks near-misses up by this key, so "Saigu" finds Shoigu and
  "Vastochny" finds Vostochny in one hash lookup, whatever the gazetteer's size.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

_SPECIAL = str.maketrans(
    {
        "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ı": "i", "ß": "ss",
        "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "ð": "d",
        "’": "", "'": "", "ʼ": "", "ʹ": "", "ʺ": "", "′": "", "″": "", "`": "", "”": "", "“": "",
        "·": "",
    }
)

# Longest first: each alternative is replaced left to right in one regex pass.
_SOUND_RULES: tuple[tuple[str, str], ...] = (
    ("schtsch", "s"), ("shch", "s"), ("szcz", "s"), ("tsch", "s"), ("sch", "s"),
    ("tch", "s"), ("sh", "s"), ("sz", "s"), ("ch", "s"), ("cz", "s"), ("zh", "z"),
    ("kh", "h"), ("ts", "c"), ("tz", "c"), ("dz", "c"),
    ("ou", "u"), ("oo", "u"), ("ye", "e"), ("ie", "e"), ("je", "e"),
    ("nt", "d"), ("nd", "d"), ("mb", "b"), ("ng", "g"), ("dt", "d"), ("ph", "f"),
    ("ck", "k"), ("x", "ks"), ("q", "k"), ("w", "v"),
    ("o", "a"), ("y", "i"), ("j", "i"), ("z", "c"),
)
# Two passes give the one-pass result: the regex rewrites letter groups into upper-case
# placeholders (so the second pass leaves them alone), then one translate maps single letters
# and lowers the placeholders. Single letters need no Python call per match.
_GROUPS = tuple((a, b) for a, b in _SOUND_RULES if len(a) > 1)
_SOUND_MAP = {a: b.upper() for a, b in _GROUPS}
_SOUND_RE = regex.compile("|".join(regex.escape(a) for a, _ in _GROUPS))
_SINGLES = str.maketrans({**{a: b for a, b in _SOUND_RULES if len(a) == 1},
                          **{c: c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}})
_DOUBLE_RE = regex.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, no diacritics, no apostrophes or transliteration primes.

    >>> fold("Choïgou’s")
    'choigous'
    """
    if text.isascii():  # most words: nothing to decompose
        return text.lower().translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().translate(_SPECIAL)


@lru_cache(maxsize=65536)
def sound_key(text: str) -> str:
    """The transliteration-blind skeleton of a folded spelling.

    >>> sound_key("Saigu") == sound_key("Shoigu") == sound_key("Shoygu")
    True
    >>> sound_key("Madurov") == sound_key("Manturov")
    True
    """
    folded = fold(text)
    skeleton = _SOUND_RE.sub(lambda m: _SOUND_MAP[m.group()], folded).translate(_SINGLES)
    return _DOUBLE_RE.sub(r"\1", skeleton)


def deletions(key: str) -> set[str]:
    """Every string one deletion away from `key` (the symmetric-delete trick)."""
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def within_one(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance <= 1, in linear time (the fuzzy index's hot check).

    >>> within_one("saigu", "sagu"), within_one("saigu", "siagu"), within_one("saigu", "sxigx")
    (True, True, False)
    """
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    return a[i + 1 :] == b[i + 1 :] or (a[i + 2 :] == b[i + 2 :] and a[i : i + 2] == b[i : i + 2][::-1])


def distance(a: str, b: str, limit: int = 3) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions), cut off above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        prev2, prev = prev, row
    return prev[-1]
