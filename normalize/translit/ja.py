"""Japanese: modified Hepburn for kana.

っ doubling, ん -> n' before vowels, おう/おお/うう and ー as macrons. Any kanji -> None: readings
need a dictionary.
"""

from __future__ import annotations

import regex

SCHEME = "modified Hepburn (kana)"
WORD = regex.compile(r"[\p{Hiragana}\p{Katakana}ー]+")
UNREADABLE = regex.compile(r"\p{Han}")
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


def romanise(word: str) -> str:
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
