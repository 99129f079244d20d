"""Korean: Revised Romanization (2000) for fragments, press spellings per syllable for names.

Fragments: Hangul decomposed into jamo; liaison of a final consonant before a vowel, nasal
assimilation (ㄱㄷㅂ + ㄴㅁ), ㄴ/ㄹ lateralisation (Silla), ㅎ aspiration; a three-syllable word
starting with a common surname is treated as a personal name (RR: "Gim Jeongeun", no assimilation
inside given names). Hanja -> None (readings need a dictionary).

Names reach English in Revised Romanization (정 jeong), in McCune-Reischauer without its breves
(chong, as North Korean sources write), and in older press habits (jung, young, moon, lee):
`syllable_spellings` gives them all from one jamo table, whose first spelling is RR.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import product

import regex

SCHEME = "Revised Romanization"
WORD = regex.compile(r"[\uac00-\ud7a3]+")
UNREADABLE = regex.compile(r"\p{Han}")

# Spellings of each jamo (initial, medial, final), Revised Romanization first, then the
# McCune-Reischauer and press spellings names take.
INITIALS: tuple[tuple[str, ...], ...] = (
    ("g", "k"), ("kk", "gg"), ("n",), ("d", "t"), ("tt", "dd"), ("r", "l"), ("m",), ("b", "p"),
    ("pp", "bb"), ("s",), ("ss",), ("",), ("j", "ch"), ("jj", "tch"), ("ch",), ("k",), ("t",),
    ("p",), ("h",),
)
MEDIALS: tuple[tuple[str, ...], ...] = (
    ("a",), ("ae",), ("ya",), ("yae",), ("eo", "o", "u"), ("e",), ("yeo", "young", "yo", "yu"),
    ("ye",), ("o",), ("wa",), ("wae",), ("oe", "oi"), ("yo",), ("u", "oo"), ("wo",), ("we",),
    ("wi",), ("yu", "yoo"), ("eu", "u"), ("ui", "eui"), ("i", "ee"),
)
FINALS: tuple[str, ...] = (
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
    "t", "t", "ng", "t", "t", "k", "t", "p", "t",
)
_YEO = 6  # the medial whose press spelling "young" already carries its final

# Revised Romanization is the first spelling of each jamo
_KO_INITIAL = [spellings[0] for spellings in INITIALS]
_KO_VOWEL = [spellings[0] for spellings in MEDIALS]
_KO_CODA = list(FINALS)
# (what stays in the coda, what moves to the next syllable) before a vowel-initial syllable
_KO_LIAISON = (
    ("", ""), ("", "g"), ("", "kk"), ("k", "s"), ("", "n"), ("n", "j"), ("", "n"), ("", "d"),
    ("", "r"), ("l", "g"), ("l", "m"), ("l", "b"), ("l", "s"), ("l", "t"), ("l", "p"), ("", "r"),
    ("", "m"), ("", "b"), ("p", "s"), ("", "s"), ("", "ss"), ("ng", ""), ("", "j"), ("", "ch"),
    ("", "k"), ("", "t"), ("", "p"), ("", ""),
)  # fmt: skip
_KO_SURNAMES = set("김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민나진")
_KO_NOT_NAMES = {"정부", "이번", "이후", "이상", "이전", "이미", "한국", "조선", "최근", "최고", "안보",
                 "유엔", "문제", "전쟁", "고위", "장관", "국방", "국가", "오늘", "지난", "이날", "이어",
                 "이를", "이에", "한반", "미국", "주민", "정상", "성명", "서울", "강조", "우리", "하지"}
# final syllables that mark a place (로 road, 시 city, ...) or a particle (는 를 ...), not a given name
_KO_NOT_NAME_ENDINGS = set("는를을에의와과로시구군도읍면역항궁강산")
_NULL, _N, _R, _M = 11, 2, 5, 6


def _hangul_syllables(word: str) -> list[tuple[int, int, int]]:
    return [((o := ord(c) - 0xAC00) // 588, (o % 588) // 28, o % 28) for c in word]


def _ko_coda_onset(coda: int, onset: int) -> tuple[str, str]:
    """Romanise a syllable boundary: the coda of one syllable with the onset of the next."""
    plain = _KO_CODA[coda].strip("_")
    initial = _KO_INITIAL[onset].strip("_")
    if onset == _NULL:
        return _KO_LIAISON[coda]
    if coda in (6, 15, 27) and onset in (0, 3, 12):  # ㄶ ㅀ ㅎ + ㄱ ㄷ ㅈ: aspiration
        return ({6: "n", 15: "l"}.get(coda, ""), {0: "k", 3: "t", 12: "ch"}[onset])
    if coda == 27 and onset == _N:
        return "n", "n"
    if onset in (_N, _M) and plain in ("k", "t", "p"):
        return {"k": "ng", "t": "n", "p": "m"}[plain], initial
    if onset == _R:
        if plain in ("n", "l"):
            return "l", "l"
        return {"k": "ng", "t": "n", "p": "m"}.get(plain, plain), "n"
    if onset == _N and plain == "l":
        return "l", "l"
    return plain, initial


def _ko_romanise(syllables: Sequence[tuple[int, int, int]], assimilate: bool) -> str:
    out: list[str] = []
    for k, (lead, vowel, coda) in enumerate(syllables):
        if k == 0 or not assimilate:
            out.append(_KO_INITIAL[lead].strip("_"))
        out.append(_KO_VOWEL[vowel])
        if k + 1 < len(syllables) and assimilate:
            tail, head = _ko_coda_onset(coda, syllables[k + 1][0])
            out.extend((tail, head))
        else:
            out.append(_KO_CODA[coda].strip("_"))
    return "".join(out)


def _looks_like_korean_name(word: str) -> bool:
    """Surname + two-syllable given name: the usual shape of a Korean personal name."""
    return (
        len(word) == 3
        and word[0] in _KO_SURNAMES
        and word[:2] not in _KO_NOT_NAMES
        and word[2] not in _KO_NOT_NAME_ENDINGS
    )


def romanise(word: str) -> str:
    syllables = _hangul_syllables(word)
    if _looks_like_korean_name(word):
        surname = _ko_romanise(syllables[:1], assimilate=False)
        given = _ko_romanise(syllables[1:], assimilate=False)
        return surname.capitalize() + " " + given.capitalize()
    return _ko_romanise(syllables, assimilate=True).capitalize()


def syllable_spellings(syllable: str) -> list[str]:
    """Press spellings of one Hangul syllable, Revised Romanization first.

    >>> syllable_spellings("영")
    ['yeong', 'young', 'yong', 'yung']
    """
    code = ord(syllable) - 0xAC00
    if not 0 <= code < 11172:
        return [syllable]
    initial, medial, final = code // 588, (code % 588) // 28, code % 28
    out: list[str] = []
    for first, vowel in product(INITIALS[initial], MEDIALS[medial]):
        coda = FINALS[final]
        if medial == _YEO and vowel == "young":
            if coda != "ng":
                continue
            coda = ""
        spelling = first + vowel + coda
        if spelling not in out:
            out.append(spelling)
    return out
