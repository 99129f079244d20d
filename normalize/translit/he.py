"""Hebrew: a simple consonantal scheme. Unvowelled script gives a skeleton: LOSSY."""

from __future__ import annotations

import unicodedata

import regex

SCHEME = "simple consonantal"
LOSSY = True
WORD = regex.compile(r"[\p{Hebrew}]+")
_HEBREW = dict(
    zip(
        "אבגדהוזחטיכךלמםנןסעפףצץקרשת",
        "_ v g d h o z kh t i kh kh l m m n n s _ f f ts ts k r sh t".split(),
    )
)
_HEBREW_INITIAL = {"ב": "b", "כ": "k", "פ": "p", "ו": "v", "י": "y"}


def romanise(word: str) -> str:
    letters = [c for c in word if not unicodedata.category(c).startswith("M")]
    out: list[str] = []
    for i, c in enumerate(letters):
        if i == 0 and c in _HEBREW_INITIAL:
            out.append(_HEBREW_INITIAL[c])
        elif c == "ה" and i == len(letters) - 1 and i > 0:
            out.append("a")
        elif c == "ו" and i == len(letters) - 1:
            out.append("u")
        else:
            latin = _HEBREW.get(c, c)
            out.append("" if latin == "_" else latin)
    return "".join(out)
