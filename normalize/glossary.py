"""Glossaries: translate stray foreign-language news phrases into English.

A translator's Greek left in English copy ("a violation of [του Συμβουλίου Ασφαλείας] of the UN")
is usually a well-known institutional phrase in some case form. Packs list each phrase in its
dictionary form plus the inflected forms that occur (each with its own translation where it
differs, e.g. the Greek genitive with article -> "of the ..."). Lookup runs in tiers, most
trustworthy first, and returns None rather than guess:

1. exact form (after whitespace collapsing);
2. case- and accent-insensitive form (Greek tonos/dialytika, Cyrillic ё/е, stress marks);
3. stem match word by word: each fragment word and the phrase word reduce, by removing a known
   inflection ending of at most 3 letters, to the same stem of at least 4 letters (or are equal) —
   so an unlisted case ending still matches, but "war" never matches "enemy";
4. a leading Greek article (ο η το ... του της των) that no form covers becomes "the" / "of the"
   in front of the translation of the rest (just "of" for phrases with `definite = false`).

Every tier is a dict lookup keyed by the normalised form or a tuple of stems; nothing loops over
the phrases of a pack per fragment.
"""

from __future__ import annotations

import functools
import itertools
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from normalize.errors import RulePackError
from normalize.languages import registry
from normalize.rulebook import examples_problem
from normalize.tomlpos import error_line, locate, quoted_line, table_key_line, table_line

PACK_KEYS: dict[str, type] = {"name": str, "kind": str, "source": str, "target": str, "description": str}
PACK_REQUIRED = ("name", "kind", "source", "target")
PHRASE_KEYS: dict[str, type] = {
    "text": str, "translation": str, "forms": list, "definite": bool, "note": str,
    "examples": list,  # {input, output} cases with translation on: tests/test_cases.py, `rules --check-examples`
}
FORM_KEYS: dict[str, type] = {"text": str, "translation": str}
MAX_STEM_WORDS = 6
MIN_STEM = 4

# Inflection endings (accents folded) that a stem match may strip: at most 3 letters, so the shared
# stem is the word minus at most 3 letters, and at least MIN_STEM letters long.
# From the language registry (normalize/data/languages.toml, `glossary-endings`): a language
# has glossaries when it has endings.
ENDINGS: dict[str, str] = {code: lang.glossary_endings for code, lang in registry().items() if lang.glossary_endings}
# casefolded like the words they are stripped from (Greek final ς folds to σ)
_ENDING_SETS = {language: frozenset(endings.casefold().split()) for language, endings in ENDINGS.items()}
NEVER_STEM: dict[str, frozenset[str]] = {
    # common words whose 4-letter stem collides with a glossary stem (после "after" ~ посла)
    "ru": frozenset({"после"}),
}
GREEK_ARTICLES = {
    "ο": "the", "η": "the", "το": "the", "οι": "the", "τα": "the", "τον": "the", "την": "the",
    "τη": "the", "τους": "the", "τις": "the", "του": "of the", "της": "of the", "των": "of the",
}  # fmt: skip
_ARTICLES_FOLDED = {article.casefold(): english for article, english in GREEK_ARTICLES.items()}
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’ʼ-][\p{L}\p{M}\p{N}]+)*")
_SPACE = regex.compile(r"\s+")
_SCRIPTS = {code: regex.compile(rf"\p{{{registry()[code].script}}}") for code in ENDINGS}


@dataclass(frozen=True)
class Entry:
    """One matchable text (a phrase's dictionary form or one of its forms)."""

    phrase: str
    translation: str
    definite: bool
    is_base: bool


@dataclass
class _Index:
    exact: dict[str, Entry] = field(default_factory=dict)
    folded: dict[str, Entry | None] = field(default_factory=dict)  # None: ambiguous
    stems: dict[tuple[str, ...], list[tuple[tuple[str, ...], Entry]]] = field(default_factory=dict)
    phrases: int = 0


def fold(text: str, language: str) -> str:
    """Case- and accent-insensitive key: Greek loses all accents, Cyrillic only stress and ё."""
    text = _SPACE.sub(" ", text.strip()).casefold()
    decomposed = unicodedata.normalize("NFD", text.replace("ё", "е").replace("ʼ", "'").replace("’", "'"))
    if language == "el":
        kept = (c for c in decomposed if not unicodedata.combining(c))
    else:
        kept = (c for c in decomposed if c not in "\u0300\u0301")
    return unicodedata.normalize("NFC", "".join(kept))


def _words(folded: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(folded))


def stems(word: str, language: str) -> set[str]:
    """The word itself plus every stem of >= 4 letters left by removing a known ending."""
    found = {word}
    if word in NEVER_STEM.get(language, ()):
        return found
    endings = _ENDING_SETS.get(language, frozenset())
    for size in (1, 2, 3):
        if len(word) - size >= MIN_STEM and word[-size:] in endings:
            found.add(word[:-size])
    return found


class Glossary:
    """Merged glossary packs, indexed per source language. Picklable (plain dicts)."""

    def __init__(self) -> None:
        self._index: dict[str, _Index] = {}

    def languages(self) -> frozenset[str]:
        return frozenset(self._index)

    def phrase_count(self, language: str) -> int:
        index = self._index.get(language)
        return index.phrases if index else 0

    def translate(self, fragment: str, language: str) -> str | None:
        """English for `fragment`, or None when no entry matches confidently."""
        index = self._index.get(language)
        if index is None or not fragment.strip():
            return None
        entry = _lookup(index, fragment, language)
        if entry is not None:
            return entry.translation
        return _with_greek_article(index, fragment) if language == "el" else None

    def _add(self, language: str, text: str, entry: Entry) -> None:
        index = self._index.setdefault(language, _Index())
        index.exact[_SPACE.sub(" ", text.strip())] = entry
        key = fold(text, language)
        if key in index.folded:
            previous = index.folded[key]
            if previous is None or previous.translation != entry.translation:
                index.folded[key] = None  # two translations differ only by case/accents
        else:
            index.folded[key] = entry
        words = _words(key)
        if not 0 < len(words) <= MAX_STEM_WORDS:
            return
        for combo in itertools.product(*(sorted(stems(w, language)) for w in words)):
            index.stems.setdefault(combo, []).append((words, entry))


def _lookup(index: _Index, fragment: str, language: str) -> Entry | None:
    entry = index.exact.get(_SPACE.sub(" ", fragment.strip()))
    if entry is not None:
        return entry
    key = fold(fragment, language)
    if key in index.folded:
        return index.folded[key]
    return _stem_lookup(index, _words(key), language)


def _stem_lookup(index: _Index, words: tuple[str, ...], language: str) -> Entry | None:
    """The candidate with most shared letters; a tie between different translations (e.g. an
    unlisted ending that fits both the singular and the plural) gives None."""
    if not 0 < len(words) <= MAX_STEM_WORDS:
        return None
    scored: dict[Entry, int] = {}
    for combo in itertools.product(*(sorted(stems(w, language)) for w in words)):
        for target, entry in index.stems.get(combo, ()):
            score = sum(2 * (a == b) + len(s) for a, b, s in zip(words, target, combo))
            scored[entry] = max(score, scored.get(entry, 0))
    if not scored:
        return None
    best = max(scored.values())
    top = [e for e, s in scored.items() if s == best]
    return top[0] if len({e.translation for e in top}) == 1 else None


def _with_greek_article(index: _Index, fragment: str) -> str | None:
    """'της Ευρωπαϊκής Ένωσης' -> 'of the ' + translation of the rest, when no form covers it."""
    words = fragment.strip().split(None, 1)
    if len(words) != 2:
        return None
    article = _ARTICLES_FOLDED.get(fold(words[0], "el"))
    entry = _lookup(index, words[1], "el") if article else None
    if entry is None or entry.translation.startswith("of "):
        return None
    rest = entry.translation.removeprefix("the ")
    if not entry.definite:
        return "of " + rest if article == "of the" else rest
    return f"{article} {rest}"


# --------------------------------------------------------------------------- loading


def load_glossaries(paths: Iterable[str | Path]) -> Glossary:
    """Load and validate glossary packs; any problem is a RulePackError with file:line.

    Packs for the same source language merge; a phrase defined twice, or a text that two
    entries translate differently, is an error naming both places.
    """
    from . import cache  # compiled glossaries are cached like gazetteers: TOML parsing is slow

    files = [Path(p) for p in paths]
    try:
        blobs = [("glossary.py", Path(__file__).read_bytes())] + [(str(p), p.read_bytes()) for p in files]
    except OSError:
        blobs = None  # let the loader report the unreadable pack
    key = cache.cache_key(blobs) if blobs else None
    cached = cache.read(key, kind="glossary") if key else None
    if isinstance(cached, Glossary):
        return cached
    glossary = Glossary()
    seen: dict[tuple[str, str], _Origin] = {}
    for path in files:
        _load_pack(path, glossary, seen)
    if key:
        cache.write(key, glossary, kind="glossary")
    return glossary


@dataclass(frozen=True)
class _Where:
    """A pack's source; line numbers are searched only when an error needs one (fast loads)."""

    path: Path
    source: str

    def phrase(self, number: int, key: str | None = None) -> int | None:
        return locate(self.source, "phrase", number, key)

    def form(self, number: int, text: Any) -> int | None:
        return _form_line(self.source, self.phrase(number, "forms"), text)

    def error(self, line: int | None, message: str) -> RulePackError:
        return RulePackError(self.path, line, message)


@dataclass(frozen=True)
class _Origin:
    where: _Where
    number: int
    form: str | None  # None: the phrase's own text

    def line(self) -> int | None:
        return self.where.phrase(self.number, "text") if self.form is None else self.where.form(self.number, self.form)

    def __str__(self) -> str:
        return f"{self.where.path}:{self.line()}"


def _load_pack(path: Path, glossary: Glossary, seen: dict[tuple[str, str], _Origin]) -> None:
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RulePackError(path, None, f"cannot read glossary: {error}") from error
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        raise RulePackError(path, error_line(error, source), f"invalid TOML: {error}") from error
    where = _Where(path, source)
    language = _check_pack(where, data)
    phrases = data.get("phrase", [])
    if not isinstance(phrases, list):
        raise where.error(_table_line(source, "phrase"), "'phrase' must be an array of tables [[phrase]]")
    for number, phrase in enumerate(phrases):
        for text, entry, origin in _phrase_entries(where, number, phrase, language):
            _register(glossary, seen, language, text, entry, origin)
        glossary._index[language].phrases += 1


def _check_pack(where: _Where, data: dict[str, Any]) -> str:
    source = where.source
    unknown = set(data) - {"pack", "phrase"}
    if unknown:
        key = min(unknown)
        raise where.error(_table_line(source, key), f"unknown top-level key '{key}'")
    pack = data.get("pack")
    if not isinstance(pack, dict):
        raise where.error(1, "missing [pack] table")
    _check_keys(where, pack, PACK_KEYS, PACK_REQUIRED, "[pack]", lambda k: _pack_line(source, k))
    if pack["kind"] != "glossary":
        raise where.error(_pack_line(source, "kind"), f"kind must be 'glossary', not {pack['kind']!r}")
    if pack["source"] not in _SCRIPTS:
        raise where.error(_pack_line(source, "source"), f"unsupported source language {pack['source']!r}")
    if pack["target"] != "en":
        raise where.error(_pack_line(source, "target"), "only target = 'en' is supported")
    return str(pack["source"])


def _phrase_entries(where: _Where, number: int, phrase: Any, language: str) -> Iterator[tuple[str, Entry, _Origin]]:
    def line(key: str | None = None) -> int | None:
        return where.phrase(number, key)

    if not isinstance(phrase, dict):
        raise where.error(line(), "each [[phrase]] must be a table")
    _check_keys(where, phrase, PHRASE_KEYS, ("text", "translation"), "[[phrase]]", line)
    problem = examples_problem(phrase.get("examples", []))
    if problem:
        raise where.error(line("examples"), problem)
    _check_script(where, lambda: line("text"), phrase["text"], language)
    definite = bool(phrase.get("definite", True))
    base = Entry(phrase["text"].strip(), phrase["translation"].strip(), definite, True)
    yield phrase["text"], base, _Origin(where, number, None)
    forms_seen = {fold(phrase["text"], language)}
    for form in phrase.get("forms", []):
        form_line = functools.partial(_form_line_of, where, number, form)
        if not isinstance(form, dict):
            raise where.error(form_line(), "each form must be an inline table {text = ..., translation = ...}")
        _check_keys(where, form, FORM_KEYS, ("text",), "form", form_line)
        _check_script(where, form_line, form["text"], language)
        key = fold(form["text"], language)
        if key in forms_seen:
            raise where.error(form_line(), f"duplicate form {form['text']!r} (same text up to case and accents)")
        forms_seen.add(key)
        translation = form.get("translation", base.translation).strip()
        yield form["text"], Entry(base.phrase, translation, definite, False), _Origin(where, number, form["text"])


def _form_line_of(where: _Where, number: int, form: Any, _key: str | None = None) -> int | None:
    return where.form(number, form)


def _register(
    glossary: Glossary, seen: dict[tuple[str, str], _Origin], language: str, text: str, entry: Entry, origin: _Origin
) -> None:
    """Reject duplicate phrases, and any text that would translate two ways."""
    key = (language, _SPACE.sub(" ", text.strip()))
    first = seen.get(key)
    if first is not None:
        previous = glossary._index[language].exact[key[1]]
        if entry.is_base and previous.is_base:
            raise origin.where.error(origin.line(), f"duplicate phrase {text!r} (first at {first})")
        if previous.translation != entry.translation:
            raise origin.where.error(
                origin.line(), f"{text!r} translates as {entry.translation!r} here, {previous.translation!r} at {first}"
            )
    seen.setdefault(key, origin)
    if first is None or entry.is_base:
        glossary._add(language, text, entry)


def _check_keys(
    where: _Where, table: dict[str, Any], allowed: dict[str, type], required: Iterable[str], what: str,
    line_of: Callable[[str | None], int | None],
) -> None:  # fmt: skip
    for key, value in table.items():
        if key not in allowed:
            raise where.error(line_of(key), f"unknown key '{key}' in {what}")
        if not isinstance(value, allowed[key]):
            expected = allowed[key].__name__
            raise where.error(line_of(key), f"'{key}' in {what} must be {expected}, not {type(value).__name__}")
        if isinstance(value, str) and not value.strip():
            raise where.error(line_of(key), f"'{key}' in {what} must not be empty")
    for key in required:
        if key not in table:
            raise where.error(line_of(None), f"missing key '{key}' in {what}")


def _check_script(where: _Where, line_of: Callable[[], int | None], text: str, language: str) -> None:
    if not _SCRIPTS[language].search(text):
        raise where.error(line_of(), f"{text!r} has no letter of the {language!r} script")


def _form_line(source: str, forms_line: int | None, form: Any) -> int | None:
    """Line of an inline form table: the first line from `forms =` on that quotes its text."""
    if not isinstance(form, dict) or not isinstance(form.get("text"), str):
        return forms_line
    return quoted_line(source, forms_line, form["text"])


def _pack_line(source: str, key: str | None) -> int | None:
    return table_key_line(source, "pack", key)


def _table_line(source: str, name: str) -> int | None:
    return table_line(source, name)
