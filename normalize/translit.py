"""Romanisation of foreign-script fragments, one published scheme per language.

Why not a generic table: every national standard has context rules (Greek αυ -> av/af, Russian
е -> ye after vowels, Ukrainian initial є -> ye, Korean liaison across syllables), and a context-free
table (Unidecode style) gets exactly the names wrong that editors care about.

Schemes (all mapping-only, no dictionaries, no network):

- ``el`` ELOT 743 / ISO 843 type 2 (UN): αυ/ευ/ηυ -> av/ev/iv, or af/ef/if before a voiceless
  consonant and at word end; ου -> ou; μπ -> b at word start and end, mp inside; γγ -> ng,
  γκ -> gk, γξ -> nx, γχ -> nch; η -> i, υ -> y, χ -> ch; accents dropped, ϊ/ϋ keep the vowel
  separate (αϋ -> ay).
- ``ru`` BGN/PCGN 1947, simplified the way English news uses it: е -> ye at word start and after
  vowels, й, ъ, ь; ё the same as е without the diaeresis (ye/e: Gorbachev); ъ and ь omitted (no
  ” ’ marks) and no middle-dot disambiguation (тс -> ts).
- ``uk`` Ukrainian national system (KMU resolution 55, 2010): є ї й ю я -> ye yi y yu ya at word
  start, ie i i iu ia elsewhere; г -> h, ґ -> g, зг -> zgh; ь and apostrophes omitted.
- ``bg`` Bulgarian official system (2009 law, "streamlined"): щ -> sht, ъ -> a, ь -> y,
  ю -> yu, я -> ya, х -> h, ц -> ts, and -ия at word end -> -ia.
- ``sr`` Serbian official Latin alphabet (ђ đ, ћ ć, џ dž, љ lj, њ nj, ј j).
- ``mk`` Macedonian official romanisation (ѓ gj, ќ kj, ѕ dz, џ dzh, ц c, ч ch, ш sh, ж zh).
- ``be`` Belarusian BGN/PCGN 1979 (English news usage: Lukashenka, Homyel, Vitsyebsk), not the
  2007 national system, whose háčeks and acutes English copy does not use; ь and ' omitted.
- ``ko`` Revised Romanization (2000): Hangul decomposed into jamo; liaison of a final consonant
  before a vowel, nasal assimilation (ㄱㄷㅂ + ㄴㅁ), ㄴ/ㄹ lateralisation (Silla), ㅎ
  aspiration; a three-syllable word starting with a common surname is treated as a personal name
  (RR: "Gim Jeongeun", no assimilation inside given names). Hanja -> None.
- ``ja`` modified Hepburn for kana (っ doubling, ん -> n' before vowels, おう/おお/うう and ー
  as macrons). Any kanji -> None: readings need a dictionary.
- ``ar`` ``fa`` ``he``: a simple consonantal scheme; unvowelled script gives a skeleton
  (Netanyahu -> "ntnyhu"-like), so these are listed in ``LOSSY``: suggest, never auto-fix.
- ``zh``: None. Pinyin needs a character-reading dictionary, i.e. a dependency we do not take.

Case: a capitalised source word gives a capitalised result, an ALL-CAPS word (two or more letters)
gives ALL CAPS. Caseless scripts (Hangul, kana) give capitalised words, because stray fragments in
English copy are mostly names. Characters that are not letters of the scheme's script are kept.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

import regex

Piece = tuple[int, str]
"""(index in the source word whose case the Latin piece takes, Latin text)."""

SCHEME_NAMES: dict[str, str] = {
    "el": "ELOT 743 / ISO 843",
    "ru": "BGN/PCGN (simplified)",
    "uk": "Ukrainian national 2010",
    "bg": "Bulgarian official 2009",
    "sr": "Serbian official Latin",
    "mk": "Macedonian official",
    "be": "BGN/PCGN Belarusian",
    "ko": "Revised Romanization",
    "ja": "modified Hepburn (kana)",
    "ar": "simple consonantal",
    "fa": "simple consonantal",
    "he": "simple consonantal",
}
LOSSY: frozenset[str] = frozenset({"ar", "fa", "he"})
"""Languages whose result is only a consonant skeleton: good for a suggestion, not for a fix."""


# --------------------------------------------------------------------------- case handling


def _apply_case(word: str, pieces: Sequence[Piece], capitalise: bool = False) -> str:
    """Give each Latin piece the case of the source letter it came from."""
    cased = [c for c in word if c.isupper() or c.islower()]
    all_caps = len(cased) >= 2 and all(c.isupper() for c in cased)
    out: list[str] = []
    for index, latin in pieces:
        if not latin:
            continue
        if all_caps and word[index].isupper():
            latin = latin.upper()
        elif word[index].isupper():
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
    text = "".join(out)
    if capitalise and text:
        text = text[0].upper() + text[1:]
    return text


def _each_word(text: str, word: regex.Pattern[str], scheme: Callable[[str], str]) -> str:
    """Apply `scheme` to each word of the script; everything between words is kept as is."""
    return str(word.sub(lambda m: scheme(m.group(0)), text))


def _table_scheme(word: str, table: dict[str, str]) -> list[Piece]:
    return [(i, table.get(c, c)) for i, c in enumerate(word.lower())]


# --------------------------------------------------------------------------- Greek

_GREEK_WORD = regex.compile(r"[\p{Greek}\p{Mn}]+")
_GREEK = dict(
    zip(
        "αβγδεζηθικλμνξοπρσςτυφχψω",
        "a v g d e z i th i k l m n x o p r s s t y f ch ps o".split(),
    )
)
_GREEK_VOICELESS = set("θκξπσςτφχψ")
_GREEK_CLUSTERS = {"γγ": "ng", "γξ": "nx", "γχ": "nch", "γκ": "gk", "ντ": "nt"}


def _greek_letter(char: str) -> tuple[str, bool]:
    """Base letter without tonos, and whether it carried a dialytika (ϊ, ϋ)."""
    decomposed = unicodedata.normalize("NFD", char)
    return decomposed[0], "\u0308" in decomposed


def _greek(word: str) -> str:
    word = unicodedata.normalize("NFC", word)
    letters = [_greek_letter(c) for c in word.lower()]
    base = [b for b, _ in letters]
    pieces: list[Piece] = []
    i, n = 0, len(base)
    while i < n:
        pair = "".join(base[i : i + 2])
        second_plain = i + 1 < n and not letters[i + 1][1]
        if pair in ("αυ", "ευ", "ηυ") and second_plain:
            after = base[i + 2] if i + 2 < n else ""
            voiceless = not after or after in _GREEK_VOICELESS or not after.isalpha()
            pieces.append((i, _GREEK[base[i]] + ("f" if voiceless else "v")))
            i += 2
        elif pair == "ου" and second_plain:
            pieces.append((i, "ou"))
            i += 2
        elif pair == "μπ":
            pieces.append((i, "b" if i == 0 or i + 2 == n else "mp"))
            i += 2
        elif pair in _GREEK_CLUSTERS:
            pieces.append((i, _GREEK_CLUSTERS[pair]))
            i += 2
        else:
            pieces.append((i, _GREEK.get(base[i], base[i] if base[i].isalpha() else "")))
            i += 1
    return _apply_case(word, pieces)


# --------------------------------------------------------------------------- Cyrillic

_CYRILLIC_WORD = regex.compile(r"\p{Cyrillic}+(?:['’ʼ]\p{Cyrillic}+)*")
_APOSTROPHES = "'’ʼ"

_RU = dict(
    zip(
        "абвгдежзийклмнопрстуфхцчшщъыьэюяё",
        "a b v g d e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya e".split(),
    )
)
_RU_YE_AFTER = set("аеёиоуыэюяйъь")


def _russian(word: str) -> str:
    lower = word.lower()
    pieces: list[Piece] = []
    for i, c in enumerate(lower):
        if c in "её" and (i == 0 or lower[i - 1] in _RU_YE_AFTER):
            pieces.append((i, "ye"))
        else:
            latin = _RU.get(c, c)
            pieces.append((i, "" if latin == "_" else latin))
    return _apply_case(word, pieces)


_UK = dict(
    zip(
        "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
        "a b v h g d e ie zh z y i i i k l m n o p r s t u f kh ts ch sh shch _ iu ia".split(),
    )
)
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def _ukrainian(word: str) -> str:
    lower = word.lower()
    pieces: list[Piece] = []
    for i, c in enumerate(lower):
        if c in _APOSTROPHES:
            continue
        if i == 0 and c in _UK_INITIAL:
            pieces.append((i, _UK_INITIAL[c]))
        elif c == "г" and i > 0 and lower[i - 1] == "з":
            pieces.append((i, "gh"))
        else:
            latin = _UK.get(c, c)
            pieces.append((i, "" if latin == "_" else latin))
    return _apply_case(word, pieces)


_BG = dict(
    zip(
        "абвгдежзийклмнопрстуфхцчшщъьюя",
        "a b v g d e zh z i y k l m n o p r s t u f h ts ch sh sht a y yu ya".split(),
    )
)


def _bulgarian(word: str) -> str:
    pieces = _table_scheme(word, _BG)
    if word.lower().endswith("ия") and len(word) > 2:
        pieces[-1] = (len(word) - 1, "a")
    elif word.lower().endswith("ъ") and len(word) > 1:
        pieces[-1] = (len(word) - 1, "")  # pre-1945 spelling's silent final yer: not "a"
    return _apply_case(word, pieces)


_SR = dict(
    zip(
        "абвгдђежзијклљмнњопрстћуфхцчџш",
        "a b v g d đ e ž z i j k l lj m n nj o p r s t ć u f h c č dž š".split(),
    )
)
_MK = dict(
    zip(
        "абвгдѓежзѕијклљмнњопрстќуфхцчџш",
        "a b v g d gj e zh z dz i j k l lj m n nj o p r s t kj u f h c ch dzh sh".split(),
    )
)
_BE = dict(
    zip(
        "абвгґдеёжзійклмнопрстуўфхцчшыьэюя",
        "a b v h g d ye yo zh z i y k l m n o p r s t u w f kh ts ch sh y _ e yu ya".split(),
    )
)


def _table_word(table: dict[str, str]) -> Callable[[str], str]:
    def scheme(word: str) -> str:
        pieces = [
            (i, "" if table.get(c) == "_" or c in _APOSTROPHES else table.get(c, c))
            for i, c in enumerate(word.lower())
        ]
        return _apply_case(word, pieces)

    return scheme


# --------------------------------------------------------------------------- Korean

_HANGUL_WORD = regex.compile(r"[\uac00-\ud7a3]+")
_KO_INITIAL = "g kk n d tt r m b pp s ss _ j jj ch k t p h".split()
_KO_VOWEL = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split()
_KO_CODA = "_ k k k n n n t l k m l l l p l m p p t t ng t t k t p t".split()
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


def _korean(word: str) -> str:
    syllables = _hangul_syllables(word)
    if _looks_like_korean_name(word):
        surname = _ko_romanise(syllables[:1], assimilate=False)
        given = _ko_romanise(syllables[1:], assimilate=False)
        return surname.capitalize() + " " + given.capitalize()
    return _ko_romanise(syllables, assimilate=True).capitalize()


# --------------------------------------------------------------------------- Japanese kana

_KANA_WORD = regex.compile(r"[\p{Hiragana}\p{Katakana}ー]+")
_HAN = regex.compile(r"\p{Han}")
_KANA_ROWS = {
    "": "あいうえお", "k": "かきくけこ", "s": "さしすせそ", "t": "たちつてと", "n": "なにぬねの",
    "h": "はひふへほ", "m": "まみむめも", "y": "や_ゆ_よ", "r": "らりるれろ", "w": "わゐ_ゑを",
    "g": "がぎぐげご", "z": "ざじずぜぞ", "d": "だぢづでど", "b": "ばびぶべぼ", "p": "ぱぴぷぺぽ",
}  # fmt: skip
_KANA: dict[str, str] = {
    kana: consonant + vowel
    for consonant, row in _KANA_ROWS.items()
    for kana, vowel in zip(row, "aiueo")
    if kana != "_"
}
_KANA.update({"し": "shi", "ち": "chi", "つ": "tsu", "ふ": "fu", "じ": "ji", "ぢ": "ji", "づ": "zu",
              "ゐ": "i", "ゑ": "e", "を": "o", "ん": "n", "ぁ": "a", "ぃ": "i", "ぅ": "u", "ぇ": "e",
              "ぉ": "o", "ゔ": "vu"})  # fmt: skip
_SMALL_Y = {"ゃ": "a", "ゅ": "u", "ょ": "o"}
_MACRON = {"a": "ā", "i": "ī", "u": "ū", "e": "ē", "o": "ō"}


def _kana_syllables(word: str) -> list[str]:
    """Romaji per mora, with yōon (きゃ kya, しゃ sha) merged."""
    hira = "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in word)
    out: list[str] = []
    for c in hira:
        if c in _SMALL_Y and out and out[-1].endswith("i") and len(out[-1]) > 1:
            stem = out.pop()[:-1]
            stem = stem if stem in ("sh", "ch", "j") else stem + "y"
            out.append(stem + _SMALL_Y[c])
        else:
            out.append({"っ": "*", "ー": "-"}.get(c, _KANA.get(c, c)))
    return out


def _japanese(word: str) -> str:
    moras = _kana_syllables(word)
    text = ""
    for k, mora in enumerate(moras):
        nxt = moras[k + 1] if k + 1 < len(moras) else ""
        if mora == "*":
            mora = ("t" if nxt.startswith("ch") else nxt[:1]) if nxt[:1].isalpha() else ""
        elif mora == "n" and nxt[:1] in ("a", "i", "u", "e", "o", "y"):
            mora = "n'"
        elif mora == "-" or (mora in ("u", "o") and text[-1:] == "o") or (mora == "u" and text[-1:] == "u"):
            if text[-1:] in _MACRON:
                text, mora = text[:-1] + _MACRON[text[-1]], ""
            elif mora == "-":
                mora = ""
        text += mora
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------- abjads

_ARABIC_WORD = regex.compile(r"[\p{Arabic}]+")
_HEBREW_WORD = regex.compile(r"[\p{Hebrew}]+")
_ARABIC = dict(
    zip(
        "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهىپچژگکی",
        "' a a ' i ' a b a t th j h kh d dh r z s sh s d t z ' gh f q k l m n h a p ch zh g k y".split(),
    )
)
_ARABIC_MARKS = {"\u064e": "a", "\u0650": "i", "\u064f": "u", "\u064b": "an", "\u064d": "in",
                 "\u064c": "un", "\u0652": "", "\u0670": "a"}  # fmt: skip
_HEBREW = dict(
    zip(
        "אבגדהוזחטיכךלמםנןסעפףצץקרשת",
        "_ v g d h o z kh t i kh kh l m m n n s _ f f ts ts k r sh t".split(),
    )
)
_HEBREW_INITIAL = {"ב": "b", "כ": "k", "פ": "p", "ו": "v", "י": "y"}


def _abjad_glides(word: str, index: int, consonant: str, vowel: str, letter_set: str) -> str:
    """و/ي (or ו/י) are consonants at word start and after a vowel letter, vowels elsewhere."""
    if index == 0 or word[index - 1] in letter_set:
        return consonant
    return vowel


def _arabic_like(word: str, persian: bool) -> str:
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


def _hebrew(word: str) -> str:
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


# --------------------------------------------------------------------------- dispatch

_SCHEMES: dict[str, tuple[regex.Pattern[str], Callable[[str], str]]] = {
    "el": (_GREEK_WORD, _greek),
    "ru": (_CYRILLIC_WORD, _russian),
    "uk": (_CYRILLIC_WORD, _ukrainian),
    "bg": (_CYRILLIC_WORD, _bulgarian),
    "sr": (_CYRILLIC_WORD, _table_word(_SR)),
    "mk": (_CYRILLIC_WORD, _table_word(_MK)),
    "be": (_CYRILLIC_WORD, _table_word(_BE)),
    "ko": (_HANGUL_WORD, _korean),
    "ja": (_KANA_WORD, _japanese),
    "ar": (_ARABIC_WORD, lambda w: _arabic_like(w, persian=False)),
    "fa": (_ARABIC_WORD, lambda w: _arabic_like(w, persian=True)),
    "he": (_HEBREW_WORD, _hebrew),
}


def transliterate(text: str, language: str) -> str | None:
    """Romanise `text` with the scheme for `language` (ISO 639-1), or None when we cannot.

    None means: unknown language, Chinese, or Han characters in Japanese/Korean text (their
    readings need a dictionary). Non-letters and letters of other scripts are kept.

    >>> transliterate("Συμβουλίου Ασφαλείας", "el")
    'Symvouliou Asfaleias'
    >>> transliterate("Сергей Шойгу", "ru")
    'Sergey Shoygu'
    >>> transliterate("Київ", "uk")
    'Kyiv'
    """
    code = language.lower().replace("_", "-").split("-")[0]
    scheme = _SCHEMES.get(code)
    if scheme is None:
        return None
    if code in ("ja", "ko") and _HAN.search(text):
        return None
    word, convert = scheme
    return _each_word(text, word, convert)


def supported_languages() -> frozenset[str]:
    """Languages `transliterate` has a scheme for."""
    return frozenset(_SCHEMES)
