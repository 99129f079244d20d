"""Which writing system a letter, a fragment or a document is in.

Why a script census before any language model: the script alone settles most
questions (Greek is Greek, Hangul is Korean) and narrows the rest to a handful of
candidates, which is what makes one- and two-word fragments identifiable at all.
Only letters (\\p{L}) are counted; digits, punctuation and combining marks are not.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Any

from normalize import dense

# Scripts scanned in one regex pass, most frequent in news copy first. Letters of
# any other script fall to a slower per-character lookup over ALL_SCRIPTS.
COMMON_SCRIPTS = (
    "Latin", "Cyrillic", "Greek", "Arabic", "Hebrew", "Han", "Hiragana", "Katakana",
    "Hangul", "Thai", "Devanagari", "Georgian", "Armenian", "Bengali", "Tamil",
)
ALL_SCRIPTS = COMMON_SCRIPTS + (
    "Telugu", "Kannada", "Malayalam", "Gujarati", "Gurmukhi", "Oriya", "Sinhala",
    "Khmer", "Lao", "Myanmar", "Tibetan", "Ethiopic", "Thaana", "Syriac", "Mongolian",
    "Cherokee", "Canadian_Aboriginal", "Bopomofo", "Yi", "Tifinagh", "NKo", "Javanese",
    "Balinese", "Coptic", "Glagolitic", "Runic", "Ogham", "Vai", "Adlam", "Tai_Le",
)
KANA = ("Hiragana", "Katakana")
JAPANESE = ("Han", "Hiragana", "Katakana")


def _regex() -> Any:
    import regex  # ~20 ms to import: keep `import normalize.langid` cheap

    return regex


@cache
def _census_pattern() -> Any:
    groups = "|".join(f"(?P<{name}>[\\p{{Script={name}}}&&\\p{{L}}]+)" for name in COMMON_SCRIPTS)
    return _regex().compile(f"{groups}|(?P<other>\\p{{L}})", _regex().V1)


@cache
def _ascii_letters() -> Any:
    return _regex().compile(r"[A-Za-z]+")


@cache
def _script_pattern() -> Any:
    # One alternation, a group per script in ALL_SCRIPTS order (the first that matches names the
    # letter, as a loop over one pattern per script would): compiled in half the time.
    return _regex().compile("|".join(f"(?P<{name}>\\p{{Script={name}}})" for name in ALL_SCRIPTS))


@cache
def script_of(ch: str) -> str | None:
    """Unicode script of one letter, or None for a non-letter (or an unlisted script).

    >>> script_of("ж"), script_of("α"), script_of("7")
    ('Cyrillic', 'Greek', None)
    """
    if len(ch) != 1 or not ch.isalpha():
        return None
    match = _script_pattern().match(ch)
    return match.lastgroup if match else None


def script_census(text: str) -> dict[str, int]:
    """Letters per script: each distinct character classified once (by the census pattern), its
    count taken at C speed.

    ASCII letters are counted by deleting them first (one C-speed substitution): most
    documents are mostly ASCII. Scripts come in the order of their first letter, Latin first
    when the text has ASCII letters.

    >>> script_census("Путин met 金正恩")
    {'Latin': 3, 'Cyrillic': 5, 'Han': 3}
    """
    dense = _dense_census(text)
    if dense is not None:
        return dense
    counts: dict[str, int] = {}
    rest = _ascii_letters().sub("", text)
    if len(rest) < len(text):
        counts["Latin"] = len(text) - len(rest)
    for ch, n in Counter(rest).items():  # in order of first appearance
        name = _letter_script(ch)
        if name is not None:
            counts[name] = counts.get(name, 0) + n
    return counts


def _dense_census(text: str) -> dict[str, int] | None:
    """script_census of a text mostly outside ASCII (a Cyrillic or Greek article): each script's
    letters in the text's code page deleted from its bytes at once, the few characters beyond
    the page counted apart; a tenth of the cost of a Counter. None for any other text."""
    page = dense.page_of(text)
    if page is None:
        return None
    encoded, beyond = dense.in_page(text, page)
    letters: dict[str, bytearray] = {}
    distinct = dense.distinct_bytes(encoded)
    for byte, char in zip(distinct, distinct.decode(page)):
        name = _letter_script(char)
        if name is not None:
            letters.setdefault(name, bytearray()).append(byte)
    first = {name: min(map(encoded.find, group)) for name, group in letters.items()}  # offsets into the text too
    if "Latin" in first and min(letters["Latin"]) < 0x80:
        first["Latin"] = -1  # ASCII letters put Latin first (script_census)
    counts = {name: len(encoded) - len(encoded.translate(None, group)) for name, group in letters.items()}
    for ch, n in Counter(beyond).items():
        name = _letter_script(ch)
        if name is not None:
            first[name] = min(first.get(name, len(text)), text.find(ch))
            counts[name] = counts.get(name, 0) + n
    return {name: counts[name] for name in sorted(first, key=first.__getitem__)}


def counts_a_letter(text: str) -> bool:
    """Whether script_census(text) counts anything: a letter of a listed script."""
    return any(match.lastgroup != "other" or script_of(match.group()) is not None
               for match in _census_pattern().finditer(text))


def has_kana(text: str) -> bool:
    """Whether script_census(text) counts Hiragana or Katakana letters."""
    return _kana_pattern().search(text) is not None


@cache
def _kana_pattern() -> Any:
    return _regex().compile("|".join(f"[\\p{{Script={name}}}&&\\p{{L}}]" for name in KANA), _regex().V1)


@cache
def _letter_script(ch: str) -> str | None:
    """The census's script of one character: a group of `_census_pattern` (runs of one script's
    letters), or `script_of` for a letter of another script; None for a non-letter."""
    match = _census_pattern().match(ch)
    if match is None:
        return None
    return script_of(ch) if match.lastgroup == "other" else match.lastgroup


_LATIN_OR_NO_LETTER: set[str] = set()  # characters met that are Latin letters or no letters


def no_letters_beyond_latin(chars: frozenset[str]) -> bool:
    """Whether none of `chars` is a letter of another script than Latin: a text made of them
    and ASCII has Latin as its main script (or no letter), whatever the census would count.
    Each character is classified once per process (a set test after that)."""
    known = _LATIN_OR_NO_LETTER
    if chars <= known:
        return True
    for char in chars - known:
        if _letter_script(char) not in (None, "Latin"):
            return False
        if len(known) < 20_000:  # bounded: a text of rare symbols cannot grow it without end
            known.add(char)
    return True


def main_script(text: str) -> str | None:
    """The script with the most letters; None when there is no letter.

    Japanese mixes Han with kana, often with more Han than any kana: when a text
    holds any kana, Han, Hiragana and Katakana count as one writing system, named
    by its largest member (so a Japanese article is "Han" even if Latin letters
    outnumber each of its three scripts alone). Callers that need the language
    should ask `identify` or `document_language`, which map kana to "ja".

    >>> main_script("The UN said 安全保障理事会の決議"), main_script("...")
    ('Han', None)
    """
    counts = script_census(text)
    if not counts:
        return None
    if any(counts.get(k) for k in KANA):
        pooled = sum(counts.get(s, 0) for s in JAPANESE)
        leader = max(JAPANESE, key=lambda s: counts.get(s, 0))
        for s in JAPANESE:
            counts.pop(s, None)
        counts[leader] = pooled
    return max(counts, key=lambda s: counts[s])
