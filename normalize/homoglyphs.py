"""Look-alike letters from another script inside a word: "Ukrаine" with a Cyrillic а.

Such words read correctly but do not match in search, spell-checking or name
lookup, and they are a classic spoofing trick. Following UTS #39 (mixed-script
detection with confusable skeletons) a word mixing Latin, Cyrillic and Greek letters
is rewritten into one script when, and only when, every letter of the other
scripts has a look-alike in that script (table built by tools/build_confusables.py).

Which script a word is repaired *to*:

* exactly one script can hold the whole word ("Ukrаine": Ukrainian а -> a; no
  Cyrillic look-alike for "U") -> that script, provided it already has the strict
  majority of the word's letters. A tie ("Δx", "kΩ") is legitimate notation and
  left alone.
* several can ("Рор", "соp": every letter has a twin) -> the word itself is no
  evidence, so the dominant script of the surrounding text decides; when the
  context and the word's own majority disagree, or there is no context, the repair
  is proposed as unsafe (a finding with a suggestion, applied only on request).
* a capital of the other script inside a mixed-case word ("компаниейT") is more
  likely a missing space: proposed as unsafe.
* none can ("Путин" all Cyrillic is not mixed; "μm" has no Latin mu) -> untouched:
  whole foreign words are the foreign-script stage's business.

Words containing letters of any other script are left alone.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Iterable

import regex

from normalize.edits import Edit
from normalize.langid.scripts import script_of as unicode_script
from normalize.rule import Rule

HERE = "normalize/homoglyphs.py"
TO_LATIN = Rule("homoglyph.latin", "homoglyph", "warning", HERE, "look-alike letters in a Latin word made Latin")
TO_CYRILLIC = Rule("homoglyph.cyrillic", "homoglyph", "warning", HERE,
                   "look-alike letters in a Cyrillic word made Cyrillic")
TO_GREEK = Rule("homoglyph.greek", "homoglyph", "warning", HERE, "look-alike letters in a Greek word made Greek")
RULE_FOR_TARGET = {"latin": TO_LATIN, "cyrillic": TO_CYRILLIC, "greek": TO_GREEK}
RULES = tuple(RULE_FOR_TARGET.values())

SCRIPT_CODES = {"latin": "Latn", "cyrillic": "Cyrl", "greek": "Grek"}
DATA_FILE = Path(__file__).parent / "data" / "confusables.json"
CONTEXT_CHARS = 200  # letters looked at on each side to find the text's script

# Candidate seams are found with the stdlib engine (several times faster than
# `regex` here) on Unicode *block* ranges, a superset of the three scripts; the
# exact Script_Extensions check happens per candidate word in `_repair_word`.
_CYR = "\u0400-\u0482\u048a-\u052f\u1c80-\u1c8f\ua640-\ua66e\ua680-\ua69d"
_GRK = "\u0370-\u0373\u0376-\u03ff\u1f00-\u1fff\uab65"
_LAT = (
    "A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02af\u1d00-\u1dbf\u1e00-\u1eff"
    "\u2c60-\u2c7f\ua720-\ua7ff\uab30-\uab64\uab66-\uab6f\uff21-\uff3a\uff41-\uff5a"
)
_ANY_NON_LATIN = re.compile(f"[{_CYR}{_GRK}]")
_LATIN_RUN = re.compile(f"[{_LAT}]+")
_NON_LATIN_RUN = re.compile(f"[{_CYR}{_GRK}]+")
_MARKS = "[\u0300-\u036f\u0483-\u0489]*"
_CYR_GREEK_SEAM = re.compile(f"[{_CYR}]{_MARKS}[{_GRK}]|[{_GRK}]{_MARKS}[{_CYR}]")
_FAMILIES = {
    "latin": re.compile(f"[{_LAT}]"),
    "cyrillic": re.compile(f"[{_CYR}]"),
    "greek": re.compile(f"[{_GRK}]"),
}
SAMPLE_CHARS = 4096  # enough text to tell which side is the rare one
_WORD_CHAR = regex.compile(r"[\p{L}\p{M}]")
_LETTER = regex.compile(r"\p{L}")


@lru_cache(maxsize=1)
def confusable_tables() -> dict[str, dict[str, str]]:
    """Per target script: {look-alike letter: target letter}. Loaded on first use."""
    with DATA_FILE.open(encoding="utf-8") as handle:
        tables: dict[str, dict[str, str]] = json.load(handle)["to"]
    return tables


def may_hold_homoglyphs(chars: Iterable[str]) -> bool:
    """Whether a text whose characters beyond ASCII are `chars` can hold a look-alike letter
    (it has a Cyrillic or Greek letter): find_homoglyphs's fast path without a pass over the text."""
    return _ANY_NON_LATIN.search("".join(chars)) is not None


def find_homoglyphs(text: str) -> list[Edit]:
    """Propose one edit per look-alike letter in words mixing Latin, Cyrillic, Greek."""
    if text.isascii() or not _ANY_NON_LATIN.search(text):  # fast path: one script
        return []
    edits: list[Edit] = []
    seen: set[int] = set()
    for seam in _seams(text):
        start, end = _word_bounds(text, seam)
        if start in seen:
            continue
        seen.add(start)
        edits.extend(_repair_word(text, start, end))
    return edits


def _seams(text: str) -> list[int]:
    """Positions where a letter of one script family touches another (marks between).

    Walks the runs of whichever family is rarer in the first few thousand
    characters, so a Russian article costs a scan for its few Latin words and an
    English one a scan for its few Greek or Cyrillic letters.
    """
    sample = text[:SAMPLE_CHARS]
    latin_letters = len(sample) - len(_LATIN_RUN.sub("", sample))  # counted a run at a time, not a letter
    if _at_least(_ANY_NON_LATIN, sample, latin_letters):
        runs, other = _LATIN_RUN, _ANY_NON_LATIN
    else:
        runs, other = _NON_LATIN_RUN, _FAMILIES["latin"]
    found = [
        run.start()
        for run in runs.finditer(text)
        if _touches(text, run.start(), -1, other) or _touches(text, run.end(), 1, other)
    ]
    if _FAMILIES["cyrillic"].search(text) and _FAMILIES["greek"].search(text):
        found += [m.start() for m in _CYR_GREEK_SEAM.finditer(text)]
    return found


def _at_least(pattern: re.Pattern[str], text: str, count: int) -> bool:
    """Whether `pattern` matches `text` `count` times or more: counted only that far (a Russian
    article's sample is thousands of Cyrillic letters, and its Latin ones are a handful)."""
    return count == 0 or next(islice(pattern.finditer(text), count - 1, None), None) is not None


def _touches(text: str, pos: int, step: int, pattern: re.Pattern[str]) -> bool:
    """Whether the letter next to `pos` (skipping combining marks) matches `pattern`."""
    i = pos - 1 if step < 0 else pos
    while 0 <= i < len(text) and unicodedata.combining(text[i]):
        i += step
    return 0 <= i < len(text) and pattern.match(text[i]) is not None


def _word_bounds(text: str, pos: int) -> tuple[int, int]:
    start, end = pos, pos
    while start > 0 and _WORD_CHAR.match(text[start - 1]):
        start -= 1
    while end < len(text) and _WORD_CHAR.match(text[end]):
        end += 1
    return start, end


def script_of(char: str) -> str | None:
    """"latin", "cyrillic", "greek", "other" for letters of other scripts, None for marks."""
    if not _LETTER.match(char):
        return None
    name = unicode_script(unicodedata.normalize("NFD", char)[0])
    return name.lower() if name in ("Latin", "Cyrillic", "Greek") else "other"


def _repair_word(text: str, start: int, end: int) -> list[Edit]:
    word = text[start:end]
    scripts = [script_of(c) for c in word]
    counts = {name: scripts.count(name) for name in SCRIPT_CODES}
    if "other" in scripts:
        return []
    feasible = [t for t in SCRIPT_CODES if counts[t] and _all_mappable(word, scripts, t)]
    choice = _choose_target(text, start, end, counts, feasible)
    if choice is None:
        return []
    target, safe = choice
    safe = safe and not _glued_capital(word, scripts, target)
    return _edits_for(word, start, scripts, target, safe)


def _glued_capital(word: str, scripts: list[str | None], target: str) -> bool:
    """A capital inside a mixed-case word ("компаниейT" before "T.T.A.") is more
    likely a missing space than a look-alike: such a repair is only proposed."""
    if word.isupper():
        return False
    return any(
        i > 0 and char.isupper() and script not in (None, target)
        for i, (char, script) in enumerate(zip(word, scripts))
    )


def _choose_target(
    text: str, start: int, end: int, counts: dict[str, int], feasible: list[str]
) -> tuple[str, bool] | None:
    """The script to repair to and whether that is safe; None leaves the word alone."""
    majority = _strict_max(counts)
    if len(feasible) == 1:
        return (feasible[0], True) if feasible[0] == majority else None
    if not feasible:
        return None
    context = _context_script(text, start, end)
    if context in feasible:
        return context, context == majority
    return (majority, False) if majority in feasible else None


def _strict_max(counts: dict[str, int]) -> str | None:
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked[0][1] or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _context_script(text: str, start: int, end: int) -> str | None:
    """The dominant script around a word, counted on *distinctive* letters only (those
    with no twin in the table: д, ж, b, f, λ): repairs never change them, so the
    answer is the same before and after the fix, which keeps repairs idempotent."""
    around = text[max(0, start - CONTEXT_CHARS) : start] + " " + text[end : end + CONTEXT_CHARS]
    twins = _confusable_letters()
    counts = {
        name: sum(1 for c in family.findall(around) if c not in twins)
        for name, family in _FAMILIES.items()
    }
    return _strict_max(counts)


@lru_cache(maxsize=1)
def _confusable_letters() -> frozenset[str]:
    tables = confusable_tables().values()
    return frozenset(c for table in tables for pair in table.items() for c in pair)


def _all_mappable(word: str, scripts: list[str | None], target: str) -> bool:
    table = confusable_tables()[target]
    return all(s in (None, target) or _map_char(c, table) for c, s in zip(word, scripts))


def _map_char(char: str, table: dict[str, str]) -> str | None:
    """The look-alike in the target script; precomposed letters map their base (ё -> ë)."""
    if char in table:
        return table[char]
    decomposed = unicodedata.normalize("NFD", char)
    if len(decomposed) > 1 and decomposed[0] in table:
        return unicodedata.normalize("NFC", table[decomposed[0]] + decomposed[1:])
    return None


def _edits_for(
    word: str, start: int, scripts: list[str | None], target: str, safe: bool
) -> list[Edit]:
    table = confusable_tables()[target]
    edits = []
    for i, (char, script) in enumerate(zip(word, scripts)):
        if script in (None, target):
            continue
        replacement = _map_char(char, table)
        assert replacement is not None  # guaranteed by _all_mappable
        message = (
            f"{script.capitalize()} {char} U+{ord(char):04X} -> {target.capitalize()} "
            f"{replacement} {_codepoints(replacement)} in '{word}'"
        )
        if not safe:
            message += " (not certain: check the word)"
        edits.append(RULE_FOR_TARGET[target].edit(start + i, start + i + 1, replacement, message, safe=safe))
    return edits


def _codepoints(text: str) -> str:
    return " ".join(f"U+{ord(c):04X}" for c in text)
