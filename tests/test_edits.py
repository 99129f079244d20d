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


# --- the linear-time versions agree with the obvious quadratic ones --------------------------

def _reference_resolve(edits: list[Edit]) -> list[Edit]:
    import bisect

    from normalize.edits import _overlaps

    ranked = sorted(edits, key=lambda e: (-e.priority, -(e.end - e.start), e.start, e.rule))
    kept, spans = [], []
    for e in ranked:
        i = bisect.bisect_left(spans, (e.start, e.end))
        if i > 0 and _overlaps(spans[i - 1], (e.start, e.end)):
            continue
        if i < len(spans) and _overlaps(spans[i], (e.start, e.end)):
            continue
        spans.insert(i, (e.start, e.end))
        kept.append(e)
    return sorted(kept, key=lambda e: (e.start, e.end))


def _reference_position(first: list[Edit], pos: int, side: str) -> int:
    shift = 0
    for e in first:
        out_start = e.start + shift
        out_end = out_start + len(e.replacement)
        if pos <= out_start:
            return pos - shift
        if pos < out_end:
            return e.start if side == "start" else e.end
        if pos == out_end and side == "end":
            return e.end
        shift += len(e.replacement) - (e.end - e.start)
    return pos - shift


@settings(max_examples=600)
@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 3), st.integers(0, 2), st.sampled_from("ab")),
                max_size=14))
def test_resolve_overlaps_matches_the_plain_greedy_choice(raw):
    edits = [edit(s, s + n, "X", f"r.{tag}", priority=p) for s, n, p, tag in raw]
    got = resolve_overlaps(edits)
    assert [(e.start, e.end, e.rule, e.priority) for e in got] == [
        (e.start, e.end, e.rule, e.priority) for e in _reference_resolve(edits)]


@settings(max_examples=600)
@given(st.data(), st.text("abcdef", max_size=14))
def test_offset_map_matches_the_linear_scan(data, text0):
    first = _random_edits(data, text0, "r.one") + _random_edits(data, text0, "r.two")
    first = resolve_overlaps(first)
    text1 = apply_edits(text0, first)
    for pos in range(len(text1) + 1):
        for side in ("start", "end"):
            assert map_back(first, pos, pos)[side == "end"] == _reference_position(first, pos, side)


def test_many_findings_map_back_in_linear_time():
    # regression: every finding used to walk every earlier edit (0.74 MB took 122 s)
    from normalize.edits import OffsetMap

    first = [edit(i * 4, i * 4 + 1, "xy") for i in range(200_000)]
    back = OffsetMap(first)
    spans = [back.span(i * 5 + 3, i * 5 + 4) for i in range(200_000)]
    assert spans[-1] == (199_999 * 4 + 2, 199_999 * 4 + 3)


def test_a_repair_drops_only_the_findings_of_other_kinds_inside_what_it_replaced():
    """pipeline._not_rewritten: a control-character finding inside a repaired mojibake stretch
    goes (the next pass sees what replaced it); one of the edit's own kind, one beside it, a
    point at its edges and anything next to an insertion stay."""
    from normalize.edits import Finding
    from normalize.pipeline import _not_rewritten

    edits = [Edit(5, 10, "é", "encoding.mojibake", "encoding", ""), Edit(20, 20, " ", "unicode.x", "unicode", "")]

    def finding(start: int, end: int, category: str = "unicode") -> Finding:
        return Finding(f"{category}.x", category, "warning", start, end, "", "")

    inside, own_kind = finding(6, 7), finding(6, 7, "encoding")
    beside, at_start, at_end, by_insertion = finding(10, 11), finding(5, 5), finding(10, 10), finding(20, 21)
    kept = _not_rewritten([inside, own_kind, beside, at_start, at_end, by_insertion], edits)
    assert kept == [own_kind, beside, at_start, at_end, by_insertion]
    assert _not_rewritten([finding(7, 7)], edits) == []  # a point strictly inside


def test_builders_make_what_the_constructors_make():
    from dataclasses import FrozenInstanceError, fields

    from normalize.edits import Change, Edit, new_change, new_edit

    edit_values = (3, 5, "é", "encoding.utf8-mojibake", "encoding", "UTF-8 read as windows-1252", False, "info", 1)
    change_values = ("r", "c", 1, 2, 3, 4, "before", "after", "message")
    for cls, build, values in ((Edit, new_edit, edit_values), (Change, new_change, change_values)):
        made, built = cls(*values), build(*values)
        assert type(built) is cls and built == made and hash(built) == hash(made) and repr(built) == repr(made)
        assert [getattr(built, f.name) for f in fields(cls)] == list(values)
        try:
            built.start = 0
        except FrozenInstanceError:
            pass
        else:
            raise AssertionError("a built record must stay frozen")
    assert new_change(*change_values).to_dict() == Change(*change_values).to_dict()


def test_resolve_overlaps_shortcut_keeps_what_the_group_walk_keeps():
    # the C-speed check (no two edits touch) must never skip a set the group walk would thin out
    import random

    from normalize.edits import Edit, _resolve_in_groups, resolve_overlaps

    rng = random.Random(3)
    shortcut = 0
    for _ in range(20_000):
        edits = []
        for _ in range(rng.randint(0, 6)):
            start = rng.randint(0, 12)
            end = start + rng.choice((0, 0, 1, 2, 3))
            edits.append(Edit(start, end, "x", rng.choice("ab"), "encoding", "m", priority=rng.randint(0, 1)))
        ordered = sorted(edits, key=lambda e: (e.start, e.end))
        expected = _resolve_in_groups(ordered)
        got = resolve_overlaps(edits)
        assert got == expected, edits
        shortcut += got == ordered
    assert shortcut > 2_000


def test_compose_near_the_later_edits_gives_what_the_full_walk_gives():
    # compose walks only the first round's edits near a later pass's few: the rest (apart from
    # each other in text1) are clusters of one in the full walk too
    import random

    from normalize.edits import _compose_near, _compose_walk

    rng = random.Random(7)
    windowed = 0
    for _ in range(3_000):
        text0 = "".join(rng.choice("abcd") for _ in range(rng.randint(0, 400)))
        first = _random_round(rng, text0, "r.one", rng.randint(1, 40))
        text1 = apply_edits(text0, first)
        second = _random_round(rng, text1, "r.two", rng.randint(1, 4))
        got = compose(first, text1, second)
        assert got == _compose_walk(first, text1, second), (text0, first, second)
        assert apply_edits(text0, sorted(got, key=lambda e: (e.start, e.end))) == apply_edits(text1, second)
        windowed += len(second) * 8 < len(first) and _compose_near(first, text1, second) is not None
    assert windowed > 100


def _random_round(rng, text: str, tag: str, count: int) -> list[Edit]:
    raw = []
    for _ in range(count):
        start = rng.randint(0, len(text))
        end = min(len(text), start + rng.choice((0, 1, 1, 2, 3)))
        raw.append(edit(start, end, "".join(rng.choice("XY") for _ in range(rng.choice((0, 1, 1, 2, 3)))), tag))
    return resolve_overlaps(raw)
