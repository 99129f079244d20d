"""The language registry (normalize/data/languages.toml) is the one home of per-language facts."""

from __future__ import annotations

import regex

from normalize import translit
from normalize.glossary import ENDINGS
from normalize.langid.tables import ALPHABETS
from normalize.languages import ISO_639_1, registry
from normalize.stages.foreign import LANGUAGE_NAMES


def test_every_entry_is_a_real_code_with_a_name_and_a_script():
    for code, language in registry().items():
        assert code in ISO_639_1 and language.name and language.scripts, code


def test_letters_are_letters_of_the_language_script():
    for code, language in registry().items():
        script = regex.compile(rf"\p{{{language.script}}}")
        assert all(script.match(letter) and letter == letter.lower() for letter in language.letters), code


def test_every_romanised_language_is_registered():
    """A new `normalize/translit/<code>.py` needs its registry entry (its name in messages)."""
    assert translit.supported_languages() <= set(registry())
    assert registry()["uk"].scheme == translit.SCHEME_NAMES["uk"] == "Ukrainian national 2010"
    assert registry()["zh"].scheme is None


def test_readers_take_the_registry():
    assert LANGUAGE_NAMES["be"] == "Belarusian"
    assert set(ALPHABETS["Cyrillic"]) == {c for c, lang in registry().items() if lang.letters and lang.script == "Cyrillic"}
    assert list(ALPHABETS["Cyrillic"])[:2] == ["ru", "uk"]  # the tie order is the file's order
    assert set(ENDINGS) == {"el", "ru", "uk"}
