"""The language registry, and the language setting: which codes it accepts and how it resolves.

One home for what the engine knows about a language (its English name, its scripts, the letters
that tell it from its script's other languages, its glossary endings): `data/languages.toml`,
read once. The romanisation scheme is the language's module in `normalize/translit/`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# ISO 639-1 (two-letter) language codes.
ISO_639_1 = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv
dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig
ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh
mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru
rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug
uk ur uz ve vi vo wa wo xh yi yo za zh zu
""".split())

CONFIGURED = "configured"
DETECTED = "detected"
UNDETERMINED = "undetermined"


@dataclass(frozen=True)
class Language:
    """One registry entry (see the header of data/languages.toml for the keys)."""

    code: str
    name: str
    scripts: tuple[str, ...]
    letters: frozenset[str] = frozenset()
    prior: float = 0.0
    glossary_endings: str = ""

    @property
    def script(self) -> str:
        """The main script of its letters."""
        return self.scripts[0]

    @property
    def scheme(self) -> str | None:
        """The name of its romanisation scheme, None when there is none."""
        from .translit import SCHEME_NAMES

        return SCHEME_NAMES.get(self.code)


@cache
def registry() -> dict[str, Language]:
    """Every registered language by code, in the file's order.

    >>> registry()["uk"].name, registry()["uk"].script, registry()["uk"].scheme
    ('Ukrainian', 'Cyrillic', 'Ukrainian national 2010')
    """
    raw = (Path(__file__).parent / "data" / "languages.toml").read_text("utf-8")  # in the wheel too
    return {
        code: Language(
            code=code,
            name=entry["name"],
            scripts=tuple(entry["scripts"]),
            letters=frozenset(entry.get("letters", "")),
            prior=float(entry.get("prior", 0.0)),
            glossary_endings=entry.get("glossary-endings", ""),
        )
        for code, entry in tomllib.loads(raw).items()
    }


@cache
def language_names() -> dict[str, str]:
    """English name by language code."""
    return {code: language.name for code, language in registry().items()}


def alphabets() -> dict[str, dict[str, frozenset[str]]]:
    """Letters by language, by script, for the languages that share a script (langid's candidates)."""
    out: dict[str, dict[str, frozenset[str]]] = {}
    for code, language in registry().items():
        if language.letters:
            out.setdefault(language.script, {})[code] = language.letters
    return out
