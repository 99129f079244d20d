"""Long documents normalised a block at a time (blocks.block_cuts, Normalizer._run_blocks).

The block size is lowered here so small texts exercise the same path a document of more than
BLOCK characters takes: the cuts must respect protected spans and suppressed regions, the
report must replay on the input, and a text whose parts do not depend on each other must come
out exactly as it does in one piece.
"""

from __future__ import annotations

import pytest

from normalize import Normalizer, blocks
from normalize.edits import apply_changes

ARTICLE = ("The minister Sergey Shoygu met Mr Kim in Kiev on Wednesday, officials said.\n"
           "Dr. Lee said donâ€™t worry: the talks went well.\u200b\n\n")
MOJIBAKE = "The minister " + "Сергей Шойгу".encode("cp1251").decode("latin-1") + " said so.\n"


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(blocks, "BLOCK", 400)
    return 400


def whole_and_blocked(text: str, monkeypatch: pytest.MonkeyPatch, markup: str = "text") -> tuple:
    engine = Normalizer()
    monkeypatch.setattr(blocks, "BLOCK", 1 << 40)
    whole = engine.normalize_text(text, markup=markup)
    monkeypatch.setattr(blocks, "BLOCK", 400)
    cuts = blocks.block_cuts(text, engine._document(text, markup))
    return whole, engine.normalize_text(text, markup=markup), cuts


@pytest.mark.parametrize("unit", [ARTICLE, MOJIBAKE])
def test_blocks_give_the_whole_text_result_when_parts_are_independent(unit, monkeypatch) -> None:
    text = unit * 40
    whole, blocked, cuts = whole_and_blocked(text, monkeypatch)
    assert len(cuts) >= 3
    assert blocked.changes and blocked.text == whole.text
    assert blocked.to_dict() == whole.to_dict()
    assert apply_changes(text, blocked.changes) == blocked.text


def test_bytes_with_decoder_repairs_replay_across_blocks(monkeypatch) -> None:
    data = (ARTICLE * 40).encode("utf-8").replace("officials".encode(), b"offici\x92ls")  # a stray cp1252 byte
    engine = Normalizer()
    monkeypatch.setattr(blocks, "BLOCK", 1 << 40)
    whole = engine.normalize_bytes(data)
    monkeypatch.setattr(blocks, "BLOCK", 400)
    blocked = engine.normalize_bytes(data)
    assert blocked.to_dict() == whole.to_dict()
    assert apply_changes(blocked.source, blocked.changes) == blocked.text


def test_no_cut_inside_a_suppressed_region_or_between_a_directive_and_its_line(small_blocks) -> None:
    text = ("Mr Kim met Mr. Lee in Kiev.\n<!-- normalize: ignore-next-line -->\nMr Kim went to Kiev.\n" * 8
            + "<!-- normalize: off -->\n" + "Kiev and Kiev.\n" * 60 + "<!-- normalize: on -->\n"
            + "Mr Kim met Mr. Lee in Kiev.\n" * 20)
    engine = Normalizer()
    doc = engine._document(text, "text")
    cuts = blocks.block_cuts(text, doc)
    assert cuts
    for region in doc.suppressions.regions:
        assert not any(region.start < cut < region.end for cut in cuts)
        if text.startswith("Mr Kim went", region.start):  # an ignore-next-line region: its directive too
            assert region.start not in cuts
    result = engine.normalize_text(text)
    off = text.index("<!-- normalize: off -->")
    assert "Kyiv" not in result.text[off : result.text.index("<!-- normalize: on -->")]
    assert all(line.endswith("Kiev.") for line in result.text.splitlines() if line.startswith("Mr Kim went"))
    assert apply_changes(text, result.changes) == result.text


def test_no_cut_inside_protected_markup(small_blocks) -> None:
    fence = "```\n" + "Mr Kim in Kiev\n" * 40 + "```\n\n"
    text = ("Mr Kim met Mr. Lee in Kiev.\n\n" * 10 + fence) * 3
    engine = Normalizer()
    doc = engine._document(text, "markdown")
    cuts = blocks.block_cuts(text, doc)
    assert cuts
    for start, end in doc.protected_spans:
        assert not any(start < cut < end for cut in cuts)
    result = engine.normalize_text(text, markup="markdown")
    assert result.text.count("Mr Kim in Kiev\n") == 120  # code untouched
    assert apply_changes(text, result.changes) == result.text


def test_a_text_without_line_breaks_is_cut_after_a_sentence(small_blocks) -> None:
    text = "Mr. Kim met Mr Putin, Dr. Lee and Mrs Smith; Messrs. Kim and Lee left. " * 30
    cuts = blocks.block_cuts(text, Normalizer()._document(text, "text"))
    assert cuts
    assert all(text[cut - 6 : cut] == "left. " for cut in cuts)


def test_a_text_without_any_place_to_cut_is_one_block(small_blocks) -> None:
    text = "x" * 2000
    assert blocks.block_cuts(text, Normalizer()._document(text, "text")) == []


@pytest.mark.parametrize("filler_lines", range(0, 12))
def test_an_ignore_next_line_directive_keeps_its_line_when_that_line_has_a_directive_too(
        filler_lines, monkeypatch) -> None:
    """The silenced line may carry a directive of its own (a region with a directive inside):
    the cut still never falls between the directive and its line, wherever the cut lands."""
    filler = "The talks went well on Tuesday, officials said in Kiev.\n"
    text = (filler * (filler_lines + 3) + "<!-- normalize: ignore-next-line -->\n"
            + "Mr Kim went to Kiev. <!-- normalize: ignore[typography] -->\n" + filler * 8)
    whole, blocked, cuts = whole_and_blocked(text, monkeypatch)
    assert cuts
    assert "Mr Kim went to Kiev." in blocked.text
    assert blocked.text == whole.text


def test_later_passes_in_a_block_keep_the_whole_texts_markup(monkeypatch) -> None:
    """A Markdown reference defined in one block protects its use in another, also in the
    passes after a repair changed the block (they do not parse the block alone)."""
    filler = "The talks went well on Tuesday, officials said.\n\n"
    text = "[Kiev]: https://example.org/kiev\n\n" + filler * 12 + "We met in [Kiev] on Monday.\u200b\n\n" + filler * 4
    whole, blocked, cuts = whole_and_blocked(text, monkeypatch, markup="markdown")
    assert cuts and cuts[0] < text.index("We met")
    assert "We met in [Kiev] on Monday." in blocked.text  # not the dead link [Kyiv]
    assert blocked.to_dict() == whole.to_dict()
