"""The evaluation corpora under bench/corpora/ exist, are UTF-8 and hold what the README promises."""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import pytest

CORPORA = Path(__file__).resolve().parent.parent / "bench" / "corpora"

# file -> (minimum items, minimum words per item, maximum words per item); one item per line.
LINE_CORPORA = {
    "headlines-en.txt": (400, 3, 20),
    "glossed-foreign.txt": (80, 5, 30),
    "stray-foreign.txt": (40, 5, 30),
    **{f"short-foreign/{lang}.txt": (60, 5, 25) for lang in ("de", "fr", "es", "it", "pl", "pt", "nl")},
    **{f"short-foreign/pairs-{lang}.txt": (20, 6, 50) for lang in ("de", "fr", "es", "it", "pl", "pt", "nl")},
}
ARTICLES_MIN = 60
ARTICLES_WORDS_MIN = 30_000
# The script each foreign language of foreign-in-english.tsv is written in (Unicode name prefix).
SCRIPTS = {"ru": ("CYRILLIC",), "uk": ("CYRILLIC",), "el": ("GREEK",), "ar": ("ARABIC",), "he": ("HEBREW",),
           "zh": ("CJK",), "ja": ("CJK", "HIRAGANA", "KATAKANA"), "ko": ("HANGUL",), "hi": ("DEVANAGARI",)}
ARTICLE_WORDS = (300, 700)


def _lines(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8")  # strict: a bad byte fails the test
    assert text.endswith("\n"), f"{path.name}: no final newline"
    lines = text.split("\n")[:-1]
    assert all(line.strip() == line and line for line in lines), f"{path.name}: blank or padded line"
    return lines


def _words(text: str) -> int:
    return len(text.split())


def test_readme_inventory_matches_the_files():
    readme = (CORPORA / "README.md").read_text(encoding="utf-8")
    stated = dict(re.findall(r"^\| `([^`]+)` \| (\d+) \|", readme, flags=re.M))
    files = {p.relative_to(CORPORA).as_posix() for p in CORPORA.rglob("*") if p.suffix in {".txt", ".tsv"}}
    listed = {name for name in stated if "*" not in name}
    assert files - {f for f in files if f.startswith("news-modern/")} == listed
    assert int(stated["news-modern/*.txt"]) == len(list((CORPORA / "news-modern").glob("*.txt")))
    for name in listed:
        text = (CORPORA / name).read_bytes().decode("utf-8")
        header = 1 if name.endswith(".tsv") else 0
        assert len(text.splitlines()) - header == int(stated[name]), name
    assert "Apache-2.0" in readme


def test_news_articles_are_utf8_and_of_article_length():
    articles = sorted((CORPORA / "news-modern").glob("*.txt"))
    assert len(articles) >= ARTICLES_MIN
    assert sum(_words(path.read_text(encoding="utf-8")) for path in articles) >= ARTICLES_WORDS_MIN
    for path in articles:
        text = path.read_bytes().decode("utf-8")
        headline, blank, *body = text.split("\n")
        assert headline and blank == "" and body, f"{path.name}: headline, blank line, body expected"
        assert ARTICLE_WORDS[0] <= _words(text) <= ARTICLE_WORDS[1], path.name
        assert re.search(r"-en-(gb|us)\.txt$", path.name), f"{path.name}: house style missing from name"


def test_news_articles_keep_one_honorific_house_style():
    """en-GB files never dot Mr/Mrs/Ms/Dr/St; en-US files dot them wherever a name follows, except in
    names that are not titles (brands, a stage name, a town, titles of works)."""
    for path in sorted((CORPORA / "news-modern").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        dotted = re.findall(r"\b(?:Mr|Mrs|Ms|Dr|St)\. [A-Z]", text)
        if path.name.endswith("-en-gb.txt"):
            assert not dotted, f"{path.name}: {dotted}"
        else:
            not_titles = r"(?!Pepper|Martens|Dynamite|Nasty|Smith Goes|Helens)"
            undotted = re.findall(rf"\b(?:Mr|Mrs|Ms|Dr|St) {not_titles}[A-Z]", text)
            assert not undotted, f"{path.name}: {undotted}"


@pytest.mark.parametrize("lang", ("de", "fr", "es", "it", "pl", "pt", "nl"))
def test_pairs_hold_two_sentences_per_line(lang):
    for line in _lines(CORPORA / "short-foreign" / f"pairs-{lang}.txt"):
        assert len(re.findall(r"[.!?](?= \S)", line)) == 1 and line[-1] in ".!?", line


def test_foreign_tsv_agrees_with_the_line_files():
    with (CORPORA / "foreign-in-english.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows and set(rows[0]) == {"text", "language", "expected"}
    for expected, name in (("gloss", "glossed-foreign.txt"), ("stray", "stray-foreign.txt")):
        texts = [row["text"] for row in rows if row["expected"] == expected]
        assert texts == _lines(CORPORA / name)
    assert {row["language"] for row in rows} == {"ru", "uk", "el", "ar", "he", "zh", "ja", "ko", "hi"}
    assert {row["expected"] for row in rows} == {"gloss", "stray"}
    for row in rows:  # every item really holds a word in its language's script
        scripts = {unicodedata.name(char, "").split(" ")[0] for char in row["text"] if char.isalpha()}
        assert scripts & set(SCRIPTS[row["language"]]), row["text"]


@pytest.mark.parametrize("name", sorted(LINE_CORPORA))
def test_line_corpus_counts_and_lengths(name):
    minimum, shortest, longest = LINE_CORPORA[name]
    lines = _lines(CORPORA / name)
    assert len(lines) >= minimum, f"{name}: {len(lines)} items"
    assert len(set(lines)) == len(lines), f"{name}: duplicate items"
    for line in lines:
        assert shortest <= _words(line) <= longest, f"{name}: {line!r}"
