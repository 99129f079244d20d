"""Edits: overlap resolution, one-pass application, composition of rounds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.edits import Edit, LineIndex, apply_changes, apply_edits, compose, map_back, resolve_overlaps


def edit(start: int, end: int, replacement: str, rule: str = "x.y", priority: int = 0) -> Edit:
    return Edit(start, end, replacement, rule, "unicode", rule, priority=priority)


def test_overlapping_edits_keep_the_higher_priority_then_the_longer():
    kept = resolve_overlaps([edit(0, 3, "A"), edit(2, 6, "B"), edit(5, 7, "C", priority=1)])
    assert [(e.start, e.end, e.replacement) for e in kept] == [(0, 3, "A"), (5, 7, "C")]


def test_insertion_conflicts_only_with_an_edit_that_contains_it():
    kept = resolve_overlaps([edit(2, 2, "+"), edit(0, 2, "A"), edit(2, 4, "B")])
    assert len(kept) == 3
    assert len(resolve_overlaps([edit(1, 4, "A"), edit(2, 2, "+")])) == 1


def test_apply_edits_in_one_pass():
    assert apply_edits("Mr. Kim", [edit(0, 3, "Mr")]) == "Mr Kim"


def test_apply_changes_rejects_a_report_that_does_not_match_the_input():
    import pytest

    with pytest.raises(ValueError):
        apply_changes("abc", [{"start": 0, "end": 1, "before": "z", "after": "y"}])


def test_line_index_is_one_based_and_counts_crlf_lines():
    index = LineIndex("ab\r\ncd\nef")
    assert index.position(0) == (1, 1)
    assert index.position(4) == (2, 1)
    assert index.position(8) == (3, 2)


def _random_edits(data, text: str, tag: str) -> list[Edit]:
    raw = []
    for _ in range(data.draw(st.integers(0, 4))):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 3)))
        raw.append(edit(start, end, data.draw(st.text("XYZ", max_size=3)), tag))
    return resolve_overlaps(raw)


@settings(max_examples=400)
@given(st.data(), st.text("abcdef", max_size=12))
def test_composed_rounds_replay_on_the_input(data, text0):
    first = _random_edits(data, text0, "r.one")
    text1 = apply_edits(text0, first)
    second = _random_edits(data, text1, "r.two")
    text2 = apply_edits(text1, second)
    composed = sorted(compose(first, text1, second), key=lambda e: (e.start, e.end))
    assert apply_edits(text0, composed) == text2
    assert all(a.end <= b.start for a, b in zip(composed, composed[1:]))
    for e in second:
        start, end = map_back(first, e.start, e.end)
        assert 0 <= start <= end <= len(text0)
