"""Press spellings of names for German, French, Spanish, Italian and Polish copy.

Each language's press writes Russian, Ukrainian and Belarusian names by its own conventions:
Шойгу is Schoigu in German, Choïgou in French, Szojgu in Polish. Those spellings are made here
from the entity's native (Cyrillic) spelling by a small scheme per language, then corrected by
data where the press departs from the scheme (normalize/data/press_names.toml: Spanish stress
accents, traditional given names, "Poutine"). Only people are styled: places keep whatever the
copy writes (German "Kiew" is a traditional exonym no scheme gives).

`press_gazetteer` returns a copy of the gazetteer in which each styled entity has the press
spelling as its style for that language, so the ordinary names matcher, with its identity
rules unchanged, turns the other spellings it recognises ("Zelensky", "Sergei Shoigu") into the
press spelling when the document is in that language and the style is selected (`--style de`).
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

PRESS_LANGUAGES = ("de", "fr", "es", "it", "pl")
SOURCES = ("uk", "ru", "be")  # which native spelling a scheme starts from, in this order
DATA = Path(__file__).resolve().parent.parent / "data" / "press_names.toml"

VOWELS = set("аеёиоуыэюяіїєў")
IOTATED = set("еёюяєї")
HUSHING = set("жшчщц")


def _table(pairs: str) -> dict[str, str]:
    out = {}
    for item in pairs.split():
        key, _, value = item.partition(":")
        out[key] = value
    return out


# Letter by letter, per language and source language; context rules are in _letter().
BASE = {
    "de": _table("е:e а:a б:b в:w г:g д:d ж:sch з:s и:i к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u ф:f "
                 "х:ch ц:z ч:tsch ш:sch щ:schtsch ъ: ы:y ь: э:e ё:jo ю:ju я:ja є:je ї:ji і:i ґ:g ў:w"),
    "fr": _table("е:e а:a б:b в:v г:g д:d ж:j з:z и:i к:k л:l м:m н:n о:o п:p р:r с:s т:t у:ou ф:f "
                 "х:kh ц:ts ч:tch ш:ch щ:chtch ъ: ы:y ь: э:e ё:io ю:iou я:ia є:ie ї:ïi і:i ґ:g ў:ou"),
    "es": _table("е:e а:a б:b в:v г:g д:d ж:zh з:z и:i к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u ф:f "
                 "х:j ц:ts ч:ch ш:sh щ:sch ъ: ы:i ь: э:e ё:io ю:iu я:ia є:ie ї:ii і:i ґ:g ў:u"),
    "it": _table("е:e а:a б:b в:v г:g д:d ж:zh з:z и:i к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u ф:f "
                 "х:kh ц:ts ч:ch ш:sh щ:shch ъ: ы:y ь: э:e ё:io ю:iu я:ia є:ie ї:ji і:i ґ:g ў:u"),
    "pl": _table("е:e а:a б:b в:w г:g д:d ж:ż з:z и:i к:k л:ł м:m н:n о:o п:p р:r с:s т:t у:u ф:f "
                 "х:ch ц:c ч:cz ш:sz щ:szcz ъ: ы:y ь: э:e ё:io ю:iu я:ia є:je ї:ji і:i ґ:g ў:u"),
}
# A vowel letter that starts a word or follows a vowel or ь/ъ is written with j (or y, i).
INITIAL = {
    "de": _table("е:je ё:jo ю:ju я:ja є:je ї:ji"),
    "fr": _table("е:ie ё:io ю:iou я:ia є:ie ї:ï"),
    "es": _table("е:ye ё:yo ю:yu я:ya є:ye ї:yi"),
    "it": _table("е:e ё:io ю:iu я:ia є:ie ї:ji"),
    "pl": _table("е:je ё:jo ю:ju я:ja є:je ї:ji"),
}
# Word endings, checked first (longest first): Russian -ский/-ий/-ый, Ukrainian -ський/-ий.
ENDINGS = {
    ("de", "ru"): {"ский": "ski", "цкий": "zki", "ий": "i", "ый": "y"},
    ("de", "uk"): {"ський": "skyj", "ий": "yj", "ій": "ij"},
    ("fr", "ru"): {"ский": "ski", "ий": "i", "ый": "y"},
    ("fr", "uk"): {"ський": "sky", "ий": "y", "ій": "iï"},
    ("es", "ru"): {"ский": "ski", "ий": "i", "ый": "i"},
    ("es", "uk"): {"ський": "ski", "ий": "i", "ій": "i"},
    ("it", "ru"): {"ский": "sky", "ий": "ij", "ый": "y"},
    ("it", "uk"): {"ський": "sky", "ий": "yj", "ій": "ij"},
    ("pl", "ru"): {"ский": "ski", "цкий": "cki", "ий": "ij", "ый": "y"},
    ("pl", "uk"): {"ський": "ski", "цький": "cki", "ий": "yj", "ій": "ij"},
}
# Ukrainian и is y and г is h in every scheme; Belarusian reads like Russian here.
UKRAINIAN = {"de": {"и": "y", "г": "h"}, "fr": {"и": "y", "г": "h"}, "es": {"и": "i", "г": "h"},
             "it": {"и": "y", "г": "h"}, "pl": {"и": "y", "г": "h"}}
# Polish: a consonant before е, ё, ю, я (Russian) is soft: ie, io, iu, ia; л there is l, not ł.
# ь after н, с, з, т, д marks a soft consonant written with an accent (нь -> ń).
POLISH_SOFT = {"н": "ń", "с": "ś", "з": "ź", "т": "ć", "д": "dź", "ц": "ć", "л": "l"}


def transliterate(native: str, source: str, language: str) -> str:
    """`native` (Cyrillic, in `source`: ru, uk or be) as `language`'s press writes it."""
    return " ".join("-".join(_word(part, source, language) for part in word.split("-"))
                    for word in native.split())


def _word(word: str, source: str, language: str) -> str:
    lower = word.lower()
    source = "ru" if source == "be" else source
    ending, tail = "", ""
    for suffix, spelled in sorted(ENDINGS.get((language, source), {}).items(), key=lambda kv: -len(kv[0])):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 1:
            ending, tail = suffix, spelled
            break
    stem = lower[: len(lower) - len(ending)] if ending else lower
    out = [_letter(stem, i, source, language) for i in range(len(stem))]
    spelled = "".join(out) + tail
    if language in ("de", "fr", "es", "it"):
        spelled = spelled.replace("ks", "x") if language != "it" else spelled
    return spelled[:1].upper() + spelled[1:] if word[:1].isupper() else spelled


def _letter(stem: str, i: int, source: str, language: str) -> str:
    ch = stem[i]
    before = stem[i - 1] if i else "#"  # "#": the word's edge (never a letter of any test below)
    after = stem[i + 1] if i + 1 < len(stem) else "#"
    if source == "uk" and ch in UKRAINIAN[language]:
        return UKRAINIAN[language][ch]
    initial = before == "#" or before in VOWELS or before in "ьъ'’"
    if ch in IOTATED:
        if initial:
            return INITIAL[language][ch]
        if language == "pl":
            if source == "uk" and ch in "ея":
                return "e" if ch == "е" else "ia"
            hard = before in HUSHING or before == "л"  # after л the softness is in the l
            return {"е": "e" if hard else "ie", "ё": "o" if hard else "io", "ю": "u" if hard else "iu",
                    "я": "a" if hard else "ia", "є": "ie", "ї": "ji"}[ch]
        if language == "de" and ch == "ё" and before in HUSHING:
            return "o"
        return BASE[language][ch]
    if ch == "й":
        return _short_i(before, after, language)
    if ch == "ь":
        return ""
    if language == "pl":
        if after == "ь" and ch in POLISH_SOFT:
            return POLISH_SOFT[ch]
        if ch == "л" and (after in IOTATED or after in "иі"):
            return "l"
        if ch == "и" and before in "жшц":
            return "y"
    if ch == "и" and language == "fr" and before in VOWELS:
        return "ï"  # Mikhaïl
    if ch == "с" and language in ("de", "fr") and before in VOWELS and after in VOWELS:
        return "ss"
    if ch == "г" and language in ("fr", "es") and after in "еиэыёяюєі":
        return "gu"
    return BASE[language].get(ch, ch)


def _short_i(before: str, after: str, language: str) -> str:
    """й: a consonant-like j in some languages, a vowel glide in others."""
    if language == "pl":
        return "j"
    if language == "fr":
        return "ï" if before in VOWELS else "i"
    if language == "de":
        return "j" if after == "#" and before in "еи" else ("i" if before in VOWELS else "j")
    if language == "it":
        return "j" if after == "#" and before in "еи" else "i"
    return "i"  # es


@cache
def _data() -> dict[str, Any]:
    return tomllib.loads(DATA.read_text(encoding="utf-8"))


def press_spelling(entity: Any, language: str) -> str | None:
    """The entity's full name in `language`'s press, or None (not a person, no Cyrillic native)."""
    data = _data()
    override = data.get("entity", {}).get(language, {}).get(entity.id)
    if override:
        return override
    if entity.kind != "person":
        return None
    natives = {n.lang: n.text for n in entity.native}
    source = next((lang for lang in SOURCES if lang in natives), None)
    if source is None:
        return None
    given_names = data.get("given", {}).get(language, {})
    words = natives[source].split()
    spelled = [given_names.get(w) or transliterate(w, source, language) for w in words]
    return " ".join(spelled)


_DERIVED: dict[tuple[int, str], Any] = {}


def press_gazetteer(gazetteer: Any, language: str) -> Any:
    """A copy of `gazetteer` whose people carry `language`'s press spelling as the style named
    `language`; entities the scheme does not cover are left out (nothing to make consistent).
    Built once per gazetteer and language."""
    key = (id(gazetteer), language)
    if key not in _DERIVED:
        from .gazetteer import Gazetteer

        entities = []
        for entity in gazetteer.entities:
            spelling = press_spelling(entity, language)
            if spelling is None:
                continue
            entities.append(replace(entity, styles={**entity.styles, language: spelling}))
        _DERIVED[key] = (gazetteer, Gazetteer(entities))  # keeps `gazetteer` alive: its id stays its own
    return _DERIVED[key][1]
