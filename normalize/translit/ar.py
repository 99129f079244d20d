"""Arabic: a simple consonantal scheme (shared with Persian, `fa.py`).

Unvowelled script gives a skeleton, so this is LOSSY: suggest, never auto-fix.
"""

from __future__ import annotations

import unicodedata

import regex

SCHEME = "simple consonantal"
LOSSY = True
WORD = regex.compile(r"[\p{Arabic}]+")
_ARABIC = dict(
    zip(
        "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهىپچژگکی",
        "' a a ' i ' a b a t th j h kh d dh r z s sh s d t z ' gh f q k l m n h a p ch zh g k y".split(),
    )
)
_ARABIC_MARKS = {"\u064e": "a", "\u0650": "i", "\u064f": "u", "\u064b": "an", "\u064d": "in",
                 "\u064c": "un", "\u0652": "", "\u0670": "a"}  # fmt: skip


def _abjad_glides(word: str, index: int, consonant: str, vowel: str, letter_set: str) -> str:
    """و/ي (or ו/י) are consonants at word start and after a vowel letter, vowels elsewhere."""
    if index == 0 or word[index - 1] in letter_set:
        return consonant
    return vowel


def arabic_like(word: str, persian: bool) -> str:
    out: list[str] = []
    if word.startswith("ال") and len(word) > 3:
        out.append("al-")
        word = word[2:]
    for i, c in enumerate(word):
        if c in _ARABIC_MARKS:
            out.append(_ARABIC_MARKS[c])
        elif c == "\u0651" and out:  # shadda doubles the consonant
            out.append(out[-1][-1:])
        elif c == "و":
            out.append(_abjad_glides(word, i, "v" if persian else "w", "u", "اوىيی"))
        elif c in "يی":
            out.append(_abjad_glides(word, i, "y", "i", "اوىيی"))
        else:
            out.append(_ARABIC.get(c, c if not unicodedata.category(c).startswith("M") else ""))
    return "".join(out)


def romanise(word: str) -> str:
    return arabic_like(word, persian=False)
