"""The evaluation corpora under bench/corpora/ exist, are UTF-8 and hold what the README promises."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

CORPORA = Path(__file__).resolve().parent.parent / "bench" / "corpora"

# file -> (minimum items, minimum words per item, maximum words per item); one item per line.
LINE_CORPORA = {
}
ARTICLES_MIN = 12
ARTICLE_WORDS = (300, 700)


def _lines(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8")  # strict: a bad byte fails the test
    assert text.endswith("\n"), f"{path.name}: no final newline"
    lines = text.split("\n")[:-1]
    assert all(line.strip() == line and line for line in lines), f"{path.name}: blank or padded line"
    return lines


def _words(text: str) -> int:
    return len(text.split())


def test_readme_lists_every_corpus_file():
    readme = (CORPORA / "README.md").read_text(encoding="utf-8")
    for path in sorted(CORPORA.rglob("*")):
        if path.is_file() and path.name != "README.md" and path.parent.name != "news-modern":
            assert path.name in readme, f"{path.name} is not described in README.md"
    assert "news-modern" in readme and "Apache-2.0" in readme


def test_news_articles_are_utf8_and_of_article_length():
    articles = sorted((CORPORA / "news-modern").glob("*.txt"))
    assert len(articles) >= ARTICLES_MIN
    for path in articles:
        text = path.read_bytes().decode("utf-8")
        headline, blank, *body = text.split("\n")
        assert headline and blank == "" and body, f"{path.name}: headline, blank line, body expected"
        assert ARTICLE_WORDS[0] <= _words(text) <= ARTICLE_WORDS[1], path.name
        assert re.search(r"-en-(gb|us)\.txt$", path.name), f"{path.name}: house style missing from name"


def test_news_articles_keep_one_honorific_house_style():
    """en-GB files never dot Mr/Mrs/Ms/Dr; en-US files dot them wherever a name follows."""
    for path in sorted((CORPORA / "news-modern").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        dotted = re.findall(r"\b(?:Mr|Mrs|Ms|Dr)\. [A-Z]", text)
        if path.name.endswith("-en-gb.txt"):
            assert not dotted, f"{path.name}: {dotted}"
        else:
            undotted = re.findall(r"\b(?:Mr|Mrs|Ms|Dr) (?!Pepper|Martens|Dynamite|Nasty|Smith Goes)[A-Z]", text)
            assert not undotted, f"{path.name}: {undotted}"


@pytest.mark.parametrize("name", sorted(LINE_CORPORA))
def test_line_corpus_counts_and_lengths(name):
    minimum, shortest, longest = LINE_CORPORA[name]
    lines = _lines(CORPORA / name)
    assert len(lines) >= minimum, f"{name}: {len(lines)} items"
    assert len(set(lines)) == len(lines), f"{name}: duplicate items"
    for line in lines:
        assert shortest <= _words(line) <= longest, f"{name}: {line!r}"
