"""Character n-gram scoring among a script's candidate languages.

Why an interpolated conditional model rather than langdetect's bag of n-grams:
on a word of six letters every letter counts once, as P(letter | two or three
before it), so word endings (-ът, -ий, -ају) weigh what they should. The model
mixes orders 1-4 with fixed weights, adds the word's own frequency where the
training text saw it, and loads one script's profiles on first use (~50 ms).
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "langid"
LAMBDAS = (0.05, 0.25, 0.5, 0.2)  # weights of orders 1..4
BOUNDARY = 0.15  # share of the word-boundary "character"
FLOOR = 1e-7  # probability of a letter nothing predicts
WORD_WEIGHT = 1.0  # weight of log P(word) next to the letters' log-probabilities
UNSEEN_WORD = 1e-5
HAN_VOCABULARY = 20_000  # characters in common use: the add-0.5 smoothing's denominator


@dataclass(frozen=True, slots=True)
class Profile:
    """One language's n-gram frequencies (integers per `scale`) and word frequencies."""

    grams: dict[str, int]
    words: dict[str, int]
    order: int
    scale: int
    word_total: int


@cache
def load_group(group: str) -> dict[str, Profile]:
    """The profiles of one script ("cyrillic", "arabic"), read once."""
    data = json.loads(gzip.decompress((DATA_DIR / f"{group}.json.gz").read_bytes()))
    return {
        lang: Profile(p["grams"], p["words"], p["order"], data["scale"], sum(p["words"].values()))
        for lang, p in data["languages"].items()
    }


@cache
def load_han() -> dict[str, tuple[dict[str, int], float]]:
    """Han character counts per language, with each one's smoothed denominator."""
    data = json.loads(gzip.decompress((DATA_DIR / "han.json.gz").read_bytes()))
    return {
        lang: (p["chars"], sum(p["chars"].values()) + 0.5 * HAN_VOCABULARY)
        for lang, p in data["languages"].items()
    }


def _letter_probability(profile: Profile, padded: str, i: int) -> float:
    grams, scale = profile.grams, profile.scale
    ch = padded[i]
    p = LAMBDAS[0] * (grams.get(ch, 0) / scale if ch != " " else BOUNDARY)
    weight = LAMBDAS[0]
    for n in range(2, profile.order + 1):
        weight += LAMBDAS[n - 1]
        if i < n - 1:
            continue
        context = padded[i - n + 1 : i]
        denominator = BOUNDARY * scale if context == " " else grams.get(context, 0)
        if denominator:
            p += LAMBDAS[n - 1] * min(1.0, grams.get(context + ch, 0) / denominator)
    return p / weight


# log(P(letter | context) + FLOOR) per profile, by the n-gram ending at the letter: the same
# few thousand n-grams recur in every word, so each is worked out once. Keyed by id(profile):
# profiles are loaded once and kept (load_group is cached). Cleared when it grows large.
_LETTER_LOGS: dict[int, dict[str, float]] = {}
LETTER_LOGS_KEEP = 400_000


def _letter_logs(profile: Profile) -> dict[str, float]:
    logs = _LETTER_LOGS.get(id(profile))
    if logs is None or len(logs) > LETTER_LOGS_KEEP:
        logs = _LETTER_LOGS[id(profile)] = {}
    return logs


def word_log_probability(profile: Profile, word: str) -> float:
    """log P(word) under the profile: its letters, its end, and its frequency as a word."""
    padded = f" {word} "
    logs = _letter_logs(profile)
    reach = profile.order - 1  # a letter's probability depends on it and at most `reach` before it
    terms = []
    for i in range(1, len(padded)):
        key = padded[max(0, i - reach) : i + 1]  # shorter near the start, as the orders it allows
        term = logs.get(key)
        if term is None:
            term = logs[key] = math.log(_letter_probability(profile, padded, i) + FLOOR)
        terms.append(term)
    lp = sum(terms)
    seen = profile.words.get(word, 0) / profile.word_total if profile.word_total else 0.0
    return lp + WORD_WEIGHT * math.log(seen + UNSEEN_WORD)


@lru_cache(maxsize=65_536)
def group_word_log_probabilities(group: str, word: str) -> tuple[float, ...]:
    """word_log_probability under each profile of the group, in load_group's order, remembered:
    the words near one fragment are the next fragment's own words and neighbours, scored again
    for every fragment (one look-up per word, not one per word and language)."""
    return tuple(word_log_probability(profile, word) for profile in load_group(group).values())


def han_log_likelihoods(chars: str) -> dict[str, float]:
    """log P(chars | language) for zh and ja from Han character unigrams (add-0.5 smoothed)."""
    scores: dict[str, float] = {}
    for lang, (counts, total) in load_han().items():
        scores[lang] = sum(math.log((counts.get(c, 0) + 0.5) / total) for c in chars)
    return scores
