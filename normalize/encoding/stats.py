"""Letter-bigram plausibility of text in a language, for choosing between decodings.

Why: every wrong decoding of a single-byte text is still "valid" text, so the only evidence
left is whether the letters form words of some language. A smoothed letter-bigram model per
language (counts in ``normalize/data/encoding/letter_bigrams.json``) gives the average
log-probability per letter transition; a correct decoding scores around -2.5 to -3.5, letter
soup well below -5. Loaded lazily, once per process.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import add
from pathlib import Path
from typing import Callable

DATA = Path(__file__).resolve().parent.parent / "data" / "encoding" / "letter_bigrams.json"
PRIOR_WEIGHT = 8.0  # pseudo-count mass given to the unigram prior in each bigram row
UNKNOWN_LOGP = -13.0  # a letter the language never uses


@dataclass(frozen=True, slots=True)
class LetterModel:
    """Conditional letter-bigram log-probabilities of one language."""

    lang: str
    script: str
    bigram: dict[str, float]  # "ab" -> log P(b | a), for seen bigrams
    backoff: dict[str, float]  # "a" -> log weight of the prior in row a
    unigram: dict[str, float]  # "b" -> log P(b), incl. " "

    def logp(self, prev: str, char: str) -> float:
        seen = self.bigram.get(prev + char)
        if seen is not None:
            return seen
        return self.backoff.get(prev, 0.0) + self.unigram.get(char, UNKNOWN_LOGP)

    def score(self, text: str) -> float:
        """Average log-probability per transition of the letters of `text` (words padded by spaces)."""
        return self.score_letters(letters_only(text))

    def score_letters(self, padded: str) -> float:
        """`score` of text already passed through `letters_only`; each distinct pair looked up once."""
        if len(padded) < 2:
            return 0.0
        return self.score_pairs(Counter(map(add, padded, padded[1:])), len(padded) - 1)

    def score_pairs(self, pairs: Counter[str], transitions: int) -> float:
        """`score_letters` of a text whose letter pairs (`transitions` in all) are counted."""
        bigram, backoff, unigram = self.bigram, self.backoff, self.unigram
        total = 0.0
        for pair, count in pairs.items():
            logp = bigram.get(pair)
            if logp is None:
                logp = backoff.get(pair[0], 0.0) + unigram.get(pair[1], UNKNOWN_LOGP)
            total += count * logp
        return total / transitions


def letters_only(text: str) -> str:
    """Lower-case, keep letters, turn everything else into single word boundaries."""
    lowered = text.lower()
    if lowered and max(lowered) > "\uffff":  # a character beyond the class below: one at a time
        words = "".join(ch if ch.isalpha() else " " for ch in lowered).split()
    else:
        words = _non_letter_re().sub(" ", lowered).split()
    return f" {' '.join(words)} " if words else ""


def char_class(wanted: Callable[[str], bool], start: int, stop: int) -> str:
    """A regex class (without brackets) of the characters in [start, stop) that are `wanted`,
    as ranges of consecutive code points."""
    ranges: list[list[int]] = []
    for code in range(start, stop):
        if wanted(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)


@cache
def _non_letter_re() -> re.Pattern[str]:
    """A character of the BMP that is not a letter (str.isalpha, read off Python itself)."""
    return re.compile(f"[{char_class(lambda c: not c.isalpha(), 0, 0x10000)}]")


def _build(lang: str, entry: dict[str, object]) -> LetterModel:
    uni: dict[str, int] = entry["uni"]  # type: ignore[assignment]
    bi: dict[str, int] = entry["bi"]  # type: ignore[assignment]
    starts = sum(c for k, c in bi.items() if k[0] == " ")
    counts = dict(uni)
    counts[" "] = max(starts, 1)
    for gram, c in bi.items():  # letters seen only in bigrams still need a prior
        for ch in gram:
            counts.setdefault(ch, c)
    total = sum(counts.values()) + len(counts)
    prior = {ch: (c + 1) / total for ch, c in counts.items()}
    rows: dict[str, int] = {}
    for gram, c in bi.items():
        rows[gram[0]] = rows.get(gram[0], 0) + c
    bigram: dict[str, float] = {}
    for gram, c in bi.items():
        row = rows[gram[0]]
        scale = row / PRIOR_WEIGHT / 50  # prior mass proportional to the row size
        bigram[gram] = math.log((c + scale * PRIOR_WEIGHT * prior.get(gram[1], 0.0)) / (row + scale * PRIOR_WEIGHT))
    backoff = {a: math.log((row / 50) / (row + row / 50)) for a, row in rows.items()}
    unigram = {ch: math.log(p) for ch, p in prior.items()}
    return LetterModel(lang, str(entry["script"]), bigram, backoff, unigram)


@cache
def models() -> dict[str, LetterModel]:
    """All language models, keyed by ISO 639-1 code (loaded on first use)."""
    import json  # once, when the table is first needed

    data = json.loads(DATA.read_text(encoding="utf-8"))
    return {lang: _build(lang, entry) for lang, entry in data["languages"].items()}


@cache
def languages_of(script: str) -> tuple[LetterModel, ...]:
    return tuple(m for m in models().values() if m.script == script)


CACHED_SCORE_CHARS = 200  # texts up to this long are remembered (4,096 of them: a few MB at most)


def best_score(text: str, script: str) -> tuple[str, float]:
    """The language of `script` under which `text` is most plausible, and that score."""
    if len(text) <= CACHED_SCORE_CHARS:  # a damaged name or phrase recurs in a text, and is read again
        return _remembered_score(text, script)
    return _best_score(text, script)


@lru_cache(maxsize=4096)
def _remembered_score(text: str, script: str) -> tuple[str, float]:
    return _best_score(text, script)


def _best_score(text: str, script: str) -> tuple[str, float]:
    padded = letters_only(text)
    if len(padded) < 2:
        return max((0.0, m.lang) for m in _candidates(padded, script))[::-1]
    pairs = Counter(map(add, padded, padded[1:]))  # counted once for every language scored
    scored = [(m.score_pairs(pairs, len(padded) - 1), m.lang) for m in _candidates(padded, script)]
    score, lang = max(scored)
    return lang, score


def _candidates(padded: str, script: str) -> tuple[LetterModel, ...]:
    """The languages worth scoring: those knowing every non-ASCII letter of the text, else the
    three knowing most (a letter a language lacks costs it `UNKNOWN_LOGP`, so the others lose)."""
    models = languages_of(script)
    letters = set(padded) - ASCII_AND_SPACE
    if not letters:
        return models
    known = [(len(letters & m.unigram.keys()), m) for m in models]
    most = max(k for k, _ in known)
    fitting = tuple(m for k, m in known if k == most)
    return fitting if most == len(letters) else fitting[:3]


ASCII_AND_SPACE = frozenset(chr(c) for c in range(128))


def code_page_script(ch: str) -> str:
    """The script a code-page reading puts a letter in, by code-point range. Deliberately not
    langid.scripts.script_of: everything below U+0250 (µ, symbols included) counts as Latin-1,
    the page every mis-decoding is compared with."""
    code = ord(ch)
    if 0x400 <= code <= 0x52F:
        return "Cyrillic"
    if 0x370 <= code <= 0x3FF or 0x1F00 <= code <= 0x1FFF:
        return "Greek"
    if code < 0x250 or 0x1E00 <= code <= 0x1EFF:
        return "Latin"
    return "Other"
