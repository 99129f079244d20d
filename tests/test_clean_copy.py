"""Clean English news copy comes out untouched: no change and no finding from any stage."""

from __future__ import annotations

from pathlib import Path

import pytest

import normalize

SENTENCES = (Path(__file__).parent / "data" / "langid-dev" / "sentences" / "en.txt").read_text(encoding="utf-8")
PARAGRAPHS = ["\n".join(SENTENCES.splitlines()[i : i + 10]) for i in range(0, 500, 10)]


@pytest.mark.parametrize("style", [None, "en-GB", "en-US"])
def test_clean_english_paragraphs_get_no_change_and_no_finding(style):
    engine = normalize.Normalizer(style=style)
    for paragraph in PARAGRAPHS:
        result = engine.normalize_text(paragraph)
        assert result.changes == [], paragraph
        assert result.findings == [], paragraph


def test_clean_english_with_typography_gets_no_change():
    text = ("“We are obviously concerned,” said John Kirby — the National Security Council’s spokesman — "
            "on Wednesday. Prices rose 5% to €1,200 (£1,030) in Zürich, São Paulo and Kraków.\n")
    result = normalize.normalize_text(text * 3)
    assert result.changes == [] and result.findings == []
