"""Honorifics: every example in the packs, plus the behaviours around them."""

from __future__ import annotations

import pytest

import normalize
from normalize.rulebook import bundled_pack_paths, read_pack
from normalize.stages.honorifics import parse_honorifics

PACKS = [parse_honorifics(read_pack(p)) for p in bundled_pack_paths() if read_pack(p).kind == "honorifics"]


def test_every_honorific_has_an_example():
    missing = [h.id for pack in PACKS for h in pack.honorifics if not h.examples]
    assert not missing


# The examples themselves run in tests/test_cases.py, with every other pack's.


def test_default_style_follows_the_documents_majority_per_group():
    text = "Mr. Kim met Mr Putin, Mr Lavrov, Ms Park, Mrs Cho and Dr. Smith. Messrs. Kim and Putin left. Gen. Lee."
    result = normalize.normalize_text(text, select=["honorific"])
    assert result.text == "Mr Kim met Mr Putin, Mr Lavrov, Ms Park, Mrs Cho and Dr Smith. Messrs Kim and Putin left. Gen. Lee."


def test_a_tie_keeps_the_first_form_seen():
    assert normalize.normalize_text("Mr. Kim and Mr Lee", select=["honorific"]).text == "Mr. Kim and Mr. Lee"


@pytest.mark.parametrize(
    "text",
    [
        "see https://example.com/Mr.Smith and Mr. Smith",
        "write to dr.who@example.org about Dr. Who",
        "Mr. lowercase follows, so not a title; Mr. . Mr.",
        "Mrs.Robinson without a space",
    ],
)
def test_titles_without_a_following_name_or_inside_urls_are_left_alone(text):
    result = normalize.normalize_text(text, style="en-GB", select=["honorific"])
    for change in result.changes:
        assert text[change.end :].lstrip().startswith(("Smith", "Who"))
    assert "https://example.com/Mr.Smith" in result.text or "https" not in text
    assert "dr.who@example.org" in result.text or "@" not in text


def test_us_style_adds_full_stops_to_titles():
    result = normalize.normalize_text("Sen Warren met Gov Newsom and Mr Biden.", style="en-US", select=["honorific"])
    assert result.text == "Sen. Warren met Gov. Newsom and Mr. Biden."


def test_french_document_uses_the_french_pack():
    text = "Le président a reçu Mme. Lagarde et M. Macron pour les négociations sur la dette de la France."
    result = normalize.normalize_text(text, select=["honorific"])
    assert "Mme Lagarde" in result.text and "M. Macron" in result.text
