"""Romanisation of foreign-script text, one published scheme per language, one module per language.

Why not a generic table: every national standard has context rules (Greek αυ -> av/af, Russian
е -> ye after vowels, Ukrainian initial є -> ye, Korean liaison across syllables), and a context-free
table (Unidecode style) gets exactly the names wrong that editors care about. All schemes are
mapping-only: no dictionaries, no network. ``zh`` has none: Pinyin needs a character-reading
dictionary, i.e. a dependency we do not take.

A language's module, ``normalize/translit/<code>.py`` (ISO 639-1), is all it takes to add one;
this package finds it. It defines:

- ``SCHEME``: the scheme's name; ``WORD``: a pattern matching one word of its script;
  ``romanise(word) -> str``: one word in Latin letters, case kept (``_case.apply_case``);
- optionally ``LOSSY = True`` (a consonant skeleton: suggest, never auto-fix), ``UNREADABLE`` (a
  pattern: text holding it has no reading, e.g. Han in Japanese), and
  ``name_spellings(word) -> [(spelling, lossy), ...]``, the Latin spellings a lower-case name
  takes in the wild, for the names matcher (a Cyrillic language without it gets Russian's).

Shared pieces: ``_case`` (case handling, per-letter tables), ``_scheme`` (the iuliia-format table
engine and the 26 iuliia Russian schemes), ``_via_greek`` (Russian names through the Greek press).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from types import ModuleType
from typing import Any

__all__ = ["LOSSY", "SCHEME_NAMES", "name_spellings", "scheme_module", "supported_languages", "transliterate"]


@cache
def _modules() -> dict[str, ModuleType]:
    """Every language module of this package, by language code."""
    return {
        info.name: importlib.import_module(f"{__name__}.{info.name}")
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name)
        if not info.name.startswith("_")
    }


@cache
def scheme_module(language: str) -> ModuleType | None:
    """The module of `language`'s scheme (a code or a tag such as "uk-UA"), or None. Only that
    module is imported: a run that romanises one Greek fragment loads no other scheme."""
    code = language.lower().replace("_", "-").split("-")[0]
    if not code.isascii() or not code.isalpha():
        return None
    try:
        return importlib.import_module(f"{__name__}.{code}")
    except ModuleNotFoundError as exc:
        if exc.name == f"{__name__}.{code}":
            return None
        raise


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
    module = scheme_module(language)
    if module is None:
        return None
    unreadable = getattr(module, "UNREADABLE", None)
    if unreadable is not None and unreadable.search(text):
        return None
    return str(module.WORD.sub(lambda m: module.romanise(m.group(0)), text))


def name_spellings(word: str, language: str) -> list[tuple[str, bool]]:
    """(spelling, lossy) of one lower-case Cyrillic name word: its language's variants, else Russian's."""
    module = scheme_module(language)
    if module is None or not hasattr(module, "name_spellings"):
        module = _modules()["ru"]
    spellings: list[tuple[str, bool]] = module.name_spellings(word)
    return spellings


def supported_languages() -> frozenset[str]:
    """Languages `transliterate` has a scheme for."""
    return frozenset(_modules())


def __getattr__(name: str) -> Any:
    """SCHEME_NAMES (code -> scheme name) and LOSSY (languages whose result is only a consonant
    skeleton: good for a suggestion, not for a fix), worked out on first use: they import every
    scheme module, which a one-file run does not need."""
    if name == "SCHEME_NAMES":
        return {code: module.SCHEME for code, module in _modules().items()}
    if name == "LOSSY":
        return frozenset(code for code, module in _modules().items() if getattr(module, "LOSSY", False))
    raise AttributeError(name)
