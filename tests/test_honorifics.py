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


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Mr Kim of the Workers' Party met Mr Putin.", "Mr. Kim of the Workers' Party met Mr. Putin."),
        ("Dr J Smith and Dr K. Jones spoke.", "Dr. J Smith and Dr. K. Jones spoke."),
        ("Gen Z voters backed Gen Milley.", "Gen Z voters backed Gen. Milley."),
        ("Mr Xi Jinping to visit Moscow, said Mr Peskov.", "Mr. Xi Jinping to visit Moscow, said Mr. Peskov."),
        ('"Mr Smith is wrong," said Dr Jones.', '"Mr. Smith is wrong," said Dr. Jones.'),
    ],
)
def test_a_title_before_a_name_is_still_a_title(text, expected):
    assert normalize.normalize_text(text, style="en-US", select=["honorific"]).text == expected


def test_exceptions_do_not_vote_for_the_documents_form():
    # three "Dr Pepper" would otherwise outvote the one dotted title
    text = "Dr. Fauci drank Dr Pepper, Dr Pepper and Dr Pepper."
    assert normalize.normalize_text(text, select=["honorific"]).text == text


@pytest.mark.parametrize("text", ["In New York Mr Smith said no.", "On Tuesday Mr Smith said no.", "But Mr Smith said no."])
def test_capitalised_words_opening_a_sentence_do_not_make_a_title_of_a_work(text):
    assert "Mr. Smith" in normalize.normalize_text(text, style="en-US", select=["honorific"]).text


def test_a_malformed_exceptions_table_is_a_pack_error_with_its_line(tmp_path):
    from normalize.errors import RulePackError

    pack = tmp_path / "titles.toml"
    pack.write_text('[pack]\nname = "t"\nkind = "honorifics"\nlanguage = "en"\n\n[exceptions]\n'
                    'title_words = "Pepper"\n', encoding="utf-8")
    with pytest.raises(RulePackError) as raised:
        parse_honorifics(read_pack(pack))
    assert raised.value.line == 6 and "title_words" in str(raised.value)


def test_a_title_before_a_title_is_judged_the_same_with_or_without_its_stop():
    """Found by tests/test_properties.py: "Mr. Mr. Kim" ended its phrase at the second title's
    stop, so fixing that stop changed the verdict on the first title and a second run changed
    more (not idempotent)."""
    engine = normalize.Normalizer()
    for text in ("don’tMr Mr Mr. Mr. Kim met Mr Putin. ", "don’tMr Mr Mr. Mr Kim met Mr Putin. "):
        once = engine.normalize_text(text)
        assert engine.normalize_text(once.text).changes == [], text
