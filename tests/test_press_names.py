"""Press spellings of names for de/fr/es/it/pl copy (normalize/names/press.py), under --style <language>."""

from __future__ import annotations

import pytest

import normalize
from normalize.names import load_gazetteer
from normalize.names.press import press_spelling, transliterate
from normalize.rulebook import bundled_pack_paths, read_pack

GAZETTEER = load_gazetteer([p for p in bundled_pack_paths() if read_pack(p).kind == "gazetteer"])


@pytest.mark.parametrize("entity,language,expected", [
    ("shoigu", "de", "Sergej Schoigu"), ("lavrov", "de", "Sergej Lawrow"),
    ("zelensky", "de", "Wolodymyr Selenskyj"), ("navalny", "de", "Alexej Nawalny"),
    ("shoigu", "fr", "Sergueï Choïgou"), ("navalny", "fr", "Alexeï Navalny"), ("zelensky", "fr", "Volodymyr Zelensky"),
    ("shoigu", "es", "Serguéi Shoigú"), ("navalny", "es", "Alexéi Navalni"), ("zelensky", "es", "Volodímir Zelenski"),
    ("shoigu", "pl", "Siergiej Szojgu"), ("lavrov", "pl", "Siergiej Ławrow"),
    ("zelensky", "pl", "Wołodymyr Zełenski"), ("navalny", "pl", "Aleksiej Nawalny"),
    ("shoigu", "it", "Sergej Shoigu"), ("navalny", "it", "Aleksej Navalny"), ("zelensky", "it", "Volodymyr Zelensky"),
    ("khodorkovsky", "de", "Michail Chodorkowski"), ("peskov", "pl", "Dmitrij Pieskow"),
])
def test_press_spellings(entity, language, expected):
    assert press_spelling(GAZETTEER.by_id[entity], language) == expected


def test_schemes_follow_each_languages_conventions():
    assert transliterate("Шойгу", "ru", "de") == "Schoigu"
    assert transliterate("Сергей", "ru", "fr") == "Sergueï"  # г before е is gu; й after a vowel is ï
    assert transliterate("Лавров", "ru", "pl") == "Ławrow"  # hard л is ł
    assert transliterate("Ходорковский", "ru", "es") == "Jodorkovski"


def test_places_are_not_styled():
    kyiv = next(e for e in GAZETTEER.entities if e.kind == "place" and "Kyiv" in e.canonical)
    assert press_spelling(kyiv, "de") is None


GERMAN = ("Präsident Wolodymyr Selenskyj traf in Kiew Verteidigungsminister Sergei Shoigu nicht. "
          "Zelensky sagte, die Gespräche mit Moskau seien gescheitert.")


def test_german_copy_under_style_de_gets_german_press_spellings():
    result = normalize.normalize_text(GERMAN, style="de")
    assert result.language == "de"
    assert "Sergej Schoigu" in result.text and "Selenskyj sagte" in result.text
    assert "Kiew" in result.text and "Kyiv" not in result.text
    assert all(c.rule.startswith("names.") for c in result.changes)


def test_without_the_style_foreign_copy_keeps_every_name():
    assert normalize.normalize_text(GERMAN).text == GERMAN


def test_the_style_of_another_language_changes_nothing():
    assert normalize.normalize_text(GERMAN, style="fr").text == GERMAN


@pytest.mark.parametrize("language,text,expected", [
    ("fr", "Selon le Kremlin, le ministre Sergueï Shoigu et Lavrov ont parlé de l'Ukraine.", "Sergueï Choïgou"),
    ("es", "Según el Kremlin, el ministro Serguéi Shoigu y Lavrov hablaron de Ucrania.", "Serguéi Shoigú"),
    ("pl", "Według Kremla minister Siergiej Shoigu i Ławrow rozmawiali o Ukrainie.", "Siergiej Szojgu"),
])
def test_other_languages(language, text, expected):
    assert expected in normalize.normalize_text(text, style=language).text
