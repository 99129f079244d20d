"""Latin spellings of Korean names, syllable by syllable.

Korean names reach English in Revised Romanization (정 jeong), in McCune-Reischauer without
its breves (chong, as North Korean sources write), and in older press habits (jung, young,
moon, lee). A given name of two syllables is written spaced, hyphenated or joined ("Jong Un",
"Jong-un", "Jongun"); the matcher's keys treat space and hyphen alike, so only the joined form
needs its own spelling here. Surnames have fixed traditional spellings, listed below; the
spellings of each syllable come from the one jamo table, in `normalize/translit/ko.py`.
"""

from __future__ import annotations

from itertools import product

from ..translit.ko import syllable_spellings

SURNAMES: dict[str, tuple[str, ...]] = {
    "김": ("Kim", "Gim"), "이": ("Lee", "Yi", "Rhee", "Ri", "I"), "리": ("Ri", "Lee", "Rhee"),
    "박": ("Park", "Pak", "Bak"), "최": ("Choi", "Choe"), "정": ("Jung", "Jeong", "Chung", "Chong", "Jong"),
    "강": ("Kang", "Gang"), "조": ("Cho", "Jo"), "윤": ("Yoon", "Yun"), "장": ("Jang", "Chang"),
    "임": ("Lim", "Im", "Rim"), "림": ("Rim", "Lim"), "한": ("Han",), "오": ("Oh", "O"),
    "서": ("Seo", "Suh", "So"), "신": ("Shin", "Sin"), "권": ("Kwon", "Gwon"), "황": ("Hwang",),
    "안": ("Ahn", "An"), "송": ("Song",), "류": ("Ryu", "Yoo", "Yu", "Ryoo"), "유": ("Yoo", "Yu"),
    "홍": ("Hong",), "전": ("Jeon", "Jun", "Chon", "Chun"), "고": ("Ko", "Go"), "문": ("Moon", "Mun"),
    "양": ("Yang", "Ryang"), "손": ("Son", "Sohn"), "배": ("Bae", "Pae"), "백": ("Baek", "Paek"),
    "허": ("Heo", "Hur", "Ho"), "남": ("Nam",), "노": ("Roh", "Noh", "No"), "로": ("Ro", "Roh"),
    "하": ("Ha",), "곽": ("Kwak", "Gwak"), "성": ("Sung", "Seong"), "차": ("Cha",),
    "주": ("Joo", "Ju", "Chu"), "우": ("Woo", "U"), "구": ("Koo", "Gu", "Ku"), "민": ("Min",),
    "현": ("Hyun", "Hyeon"), "선": ("Sun", "Seon"), "방": ("Bang", "Pang"), "변": ("Byun", "Byeon", "Pyon"),
    "함": ("Ham",), "추": ("Choo", "Chu"), "도": ("Do", "To"), "석": ("Suk", "Seok"), "원": ("Won",),
    "천": ("Cheon", "Chun"), "용": ("Yong",), "명": ("Myung", "Myeong"), "반": ("Ban",),
}
TWO_SYLLABLE_SURNAMES = frozenset({"남궁", "선우", "제갈", "황보", "독고", "사공", "서문"})
_MAX_GIVEN = 48


def is_hangul(text: str) -> bool:
    """Whether `text` holds a precomposed Hangul syllable (what `syllable_spellings` decomposes):
    a block test for the jamo arithmetic, not a script question (`langid.scripts.script_of`)."""
    return any("\uac00" <= c <= "\ud7a3" for c in text)


def split_name(native: str) -> tuple[str, str]:
    """(surname, given) of a Korean name written surname first, with or without a space."""
    parts = native.split()
    if len(parts) > 1:
        return parts[0], "".join(parts[1:])
    cut = 2 if native[:2] in TWO_SYLLABLE_SURNAMES else 1
    return native[:cut], native[cut:]


def surname_spellings(surname: str) -> list[str]:
    if surname in SURNAMES:
        return list(SURNAMES[surname])
    return ["".join(p).capitalize() for p in product(*(syllable_spellings(s) for s in surname))][:6]


def given_spellings(given: str) -> list[str]:
    """Spaced and joined spellings of a given name ("Jong Un", "Jongun"); hyphens match spaces."""
    options = [syllable_spellings(s) for s in given]
    out: list[str] = []
    for combo in list(product(*options))[:_MAX_GIVEN]:
        out.append(" ".join(part.capitalize() for part in combo))
        if len(combo) > 1:
            out.append("".join(combo).capitalize())
    return out
