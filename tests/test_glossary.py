"""Glossary packs: loading, validation errors with file:line, and matching of inflected forms."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import regex

from normalize.errors import RulePackError
from normalize.glossary import Glossary, load_glossaries
from normalize.resources import rules_dir

PACKS = sorted((rules_dir() / "glossary").glob("*.toml"))
SCRIPT = {"el": r"\p{Greek}", "ru": r"\p{Cyrillic}", "uk": r"\p{Cyrillic}"}
ALLOWED = {"el": r"[\p{Greek}\s\-’']", "ru": r"[\p{Cyrillic}\s\-’']", "uk": r"[\p{Cyrillic}\s\-’'ʼ]"}


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossaries(PACKS)


def test_bundled_packs_are_present() -> None:
    assert {p.name for p in PACKS} >= {"el-en.toml", "ru-en.toml", "uk-en.toml"}


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_every_pack_has_at_least_100_phrases_in_its_own_script(pack: Path) -> None:
    data = tomllib.loads(pack.read_text(encoding="utf-8"))
    language = data["pack"]["source"]
    assert len(data["phrase"]) >= 100
    texts = [p["text"] for p in data["phrase"]] + [f["text"] for p in data["phrase"] for f in p.get("forms", [])]
    for text in texts:
        assert regex.search(SCRIPT[language], text), text
        # every character is a letter of the script (no Latin look-alikes), a space, hyphen or apostrophe
        assert regex.fullmatch(ALLOWED[language] + "+", text), text


def test_phrase_counts(glossary: Glossary) -> None:
    assert {lang: glossary.phrase_count(lang) >= 110 for lang in ("el", "ru", "uk")} == {
        "el": True, "ru": True, "uk": True
    }  # fmt: skip


def test_seed_article_fragment(glossary: Glossary) -> None:
    assert glossary.translate("του Συμβουλίου Ασφαλείας", "el") == "of the Security Council"


@pytest.mark.parametrize(
    ("language", "fragment", "expected"),
    [
        # listed forms, exact
        ("el", "Συμβουλίου Ασφαλείας", "Security Council"),
        ("el", "του ΝΑΤΟ", "of NATO"),
        ("el", "της Ευρωπαϊκής Ένωσης", "of the European Union"),
        ("ru", "Министерства обороны", "Ministry of Defence"),
        ("ru", "Совета Безопасности ООН", "UN Security Council"),
        ("ru", "ЕС", "EU"),
        ("uk", "Ради Безпеки ООН", "UN Security Council"),
        ("uk", "Верховної Ради", "Verkhovna Rada"),
        # case- and accent-insensitive
        ("el", "ΤΟΥ ΣΥΜΒΟΥΛΙΟΥ ΑΣΦΑΛΕΙΑΣ", "of the Security Council"),
        ("el", "του Συμβουλιου Ασφαλειας", "of the Security Council"),
        ("ru", "Организации Объединенных Наций", "United Nations"),  # е for ё
        ("ru", "министерства обороны", "Ministry of Defence"),
        ("uk", "Організації Об'єднаних Націй", "United Nations"),  # ASCII apostrophe
        # unlisted case endings, by stem
        ("ru", "министерству обороны", "Ministry of Defence"),
        ("ru", "санкциям", "sanctions"),
        ("ru", "ядерном оружии", "nuclear weapons"),
        ("uk", "Верховною Радою", "Verkhovna Rada"),
        ("uk", "санкціями", "sanctions"),
        ("el", "Ευρωπαϊκή Επιτροπή", "European Commission"),
        ("el", "του κοσμοδρομίου", "of the cosmodrome"),
        # Greek article in front of a form that has none listed
        ("el", "τον πρωθυπουργό", "the prime minister"),
        ("el", "τη Βόρεια Κορέα", "North Korea"),
        ("el", "της Ουκρανίας", "of Ukraine"),
        ("el", "των κυρώσεων", "of the sanctions"),
        ("el", "οι υπουργοί Άμυνας", "the defence ministers"),
    ],
)
def test_translate(glossary: Glossary, language: str, fragment: str, expected: str) -> None:
    assert glossary.translate(fragment, language) == expected


@pytest.mark.parametrize(
    ("language", "fragment"),
    [
        ("el", "πολέμιος"),  # "enemy", not "war"
        ("el", "του πολέμιου"),
        ("el", "Ασφαλείας"),  # one word of a two-word phrase
        ("ru", "после"),  # "after", not "ambassador"
        ("ru", "мир"),  # peace or world: not listed on purpose
        ("ru", "хлеб"),
        ("uk", "хліб"),
        ("el", "στον πόλεμο"),  # preposition + article: ambiguous in English
        ("de", "Sicherheitsrat"),  # no pack for the language
        ("ru", ""),
    ],
)
def test_no_confident_match_gives_none(glossary: Glossary, language: str, fragment: str) -> None:
    assert glossary.translate(fragment, language) is None


def test_singular_plural_tie_gives_none(glossary: Glossary) -> None:
    """An unlisted ending that fits both "defence minister" and "defence ministers"."""
    assert glossary.translate("υπουργούς Άμυνας", "el") is None
    assert glossary.translate("войнам", "ru") is None  # war / wars
    assert glossary.translate("τους υπουργούς Εξωτερικών", "el") == "the foreign ministers"  # listed


def test_lookup_is_fast(glossary: Glossary) -> None:
    import time

    fragments = ["του Συμβουλίου Ασφαλείας", "των Ευρωπαϊκών Ενώσεων", "ядерном оружии", "хліб"] * 250
    start = time.perf_counter()
    for fragment in fragments:
        glossary.translate(fragment, "el")
    assert time.perf_counter() - start < 1.0  # ~60 µs each; generous for slow CI


# --------------------------------------------------------------------------- loader errors

HEADER = '[pack]\nname = "t"\nkind = "glossary"\nsource = "el"\ntarget = "en"\n\n'


def write(tmp_path: Path, body: str, header: str = HEADER, name: str = "t.toml") -> Path:
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return path


def error_of(*paths: Path) -> RulePackError:
    with pytest.raises(RulePackError) as caught:
        load_glossaries(paths)
    return caught.value


def test_valid_minimal_pack(tmp_path: Path) -> None:
    path = write(tmp_path, '[[phrase]]\ntext = "ειρήνη"\ntranslation = "peace"\ndefinite = false\n')
    glossary = load_glossaries([path])
    assert glossary.translate("της ειρήνης", "el") == "of peace"
    assert glossary.languages() == frozenset({"el"})


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ('[[phrase]]\ntext = "ειρήνη"\ntranslaton = "peace"\n', 9, "unknown key 'translaton'"),
        ('[[phrase]]\ntext = "ειρήνη"\ntranslation = 3\n', 9, "must be str"),
        ('[[phrase]]\ntext = ""\ntranslation = "peace"\n', 8, "must not be empty"),
        ('[[phrase]]\ntext = "ειρήνη"\n', 7, "missing key 'translation'"),
        ('[[phrase]]\ntext = "peace"\ntranslation = "peace"\n', 8, "no letter of the 'el' script"),
        ('[[phrase]]\ntext = "ειρήνη"\ntranslation = "peace"\ndefinite = "no"\n', 10, "must be bool"),
        (
            ('[[phrase]]\ntext = "ειρήνη"\ntranslation = "peace"\nforms = [\n  { text = "ειρήνης" },\n'
             '  { text = "ειρηνης" },\n]\n'), 12, "duplicate form",
        ),
        (
            '[[phrase]]\ntext = "ειρήνη"\ntranslation = "peace"\nforms = [\n  { text = "ειρήνης", lang = "el" },\n]\n',
            11, "unknown key 'lang' in form",
        ),
        (
            '[[phrase]]\ntext = "ειρήνη"\ntranslation = "peace"\n\n[[phrase]]\ntext = "ειρήνη"\ntranslation = "calm"\n',
            12, "duplicate phrase",
        ),
        (
            ('[[phrase]]\ntext = "ειρήνη"\ntranslation = "peace"\nforms = [{ text = "ησυχία", translation = "quiet" }]\n\n'
             '[[phrase]]\ntext = "γαλήνη"\ntranslation = "calm"\nforms = [{ text = "ησυχία", translation = "calm" }]\n'),
            15, "translates as 'calm' here",
        ),
        ('[[phrase]]\ntext = "ειρήνη"\ntranslation = "peace"\ntext = "x"\n', 10, "invalid TOML"),
    ],
)
def test_loader_errors_name_file_and_line(tmp_path: Path, body: str, line: int, words: str) -> None:
    path = write(tmp_path, body)
    error = error_of(path)
    assert error.path == str(path)
    assert error.line == line, str(error)
    assert words in str(error)
    assert str(error).startswith(f"{path}:{line}: ")


@pytest.mark.parametrize(
    ("header", "line", "words"),
    [
        (HEADER.replace('kind = "glossary"', 'kind = "rules"'), 3, "kind must be 'glossary'"),
        (HEADER.replace('source = "el"', 'source = "xx"'), 4, "unsupported source language"),
        (HEADER.replace('target = "en"', 'target = "fr"'), 5, "only target = 'en'"),
        (HEADER.replace('name = "t"\n', 'name = "t"\ncolour = "red"\n'), 3, "unknown key 'colour' in [pack]"),
        (HEADER.replace('name = "t"\n', ""), 1, "missing key 'name'"),
        ('extra = 1\n' + HEADER, 1, "unknown top-level key 'extra'"),
    ],
)
def test_pack_header_errors(tmp_path: Path, header: str, line: int, words: str) -> None:
    error = error_of(write(tmp_path, '[[phrase]]\ntext = "ειρήνη"\ntranslation = "peace"\n', header=header))
    assert (error.line, words in str(error)) == (line, True), str(error)


def test_duplicate_phrase_across_packs_names_both(tmp_path: Path) -> None:
    body = '[[phrase]]\ntext = "ειρήνη"\ntranslation = "peace"\n'
    first, second = write(tmp_path, body, name="a.toml"), write(tmp_path, body, name="b.toml")
    error = error_of(first, second)
    assert error.path == str(second) and error.line == 8
    assert f"{first}:8" in str(error)


def test_unreadable_pack(tmp_path: Path) -> None:
    error = error_of(tmp_path / "missing.toml")
    assert "cannot read glossary" in str(error)


def test_glossary_pickles(glossary: Glossary) -> None:
    """The engine is pickled to worker processes; the glossary rides along."""
    import pickle

    clone = pickle.loads(pickle.dumps(glossary))
    assert clone.translate("του Συμβουλίου Ασφαλείας", "el") == "of the Security Council"
