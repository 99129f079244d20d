"""Inline suppression directives: regions, lines, rule lists, and their own spans."""

from __future__ import annotations

import pytest

from normalize.suppress import Suppressions, parse_directives, rule_matches


def at(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def allows(text: str, needle: str, rule: str = "honorific.mr", category: str | None = None) -> bool:
    return parse_directives(text).allows(rule, *at(text, needle), category=category)


def test_no_directives_allows_everything() -> None:
    sup = parse_directives("Mr. Putin met Mr Kim.\n")
    assert not sup
    assert sup.regions == ()
    assert sup.directive_spans == []
    assert sup.allows("honorific.mr", 0, 3)


def test_off_on_region() -> None:
    text = "Mr. A\n<!-- normalize: off -->\nMr. B\n<!-- normalize: on -->\nMr. C\n"
    assert allows(text, "Mr. A")
    assert not allows(text, "Mr. B")
    assert allows(text, "Mr. C")


def test_unterminated_off_runs_to_end_of_file() -> None:
    text = "Mr. A\n<!-- normalize: off -->\nMr. B\n\nMr. C"
    assert allows(text, "Mr. A")
    assert not allows(text, "Mr. B")
    assert not allows(text, "Mr. C")
    assert not parse_directives(text).allows("x", len(text), len(text))  # an insertion at the very end


def test_on_without_off_is_ignored_and_repeated_off_keeps_first_start() -> None:
    text = "<!-- normalize: on -->\nMr. A\n<!-- normalize: off -->\nMr. B\n<!-- normalize: off -->\nMr. C\n<!-- normalize: on -->\nMr. D"
    assert allows(text, "Mr. A")
    assert not allows(text, "Mr. B")
    assert not allows(text, "Mr. C")
    assert allows(text, "Mr. D")


def test_off_with_rule_list_and_matching_on() -> None:
    text = "<!-- normalize: off[names] -->\nSaigu Mr. X\n<!-- normalize: on[names] -->\nSaigu"
    sup = parse_directives(text)
    first = at(text, "Saigu")
    assert not sup.allows("names.shoigu", *first)
    assert sup.allows("honorific.mr", *at(text, "Mr. X"))
    last = text.rindex("Saigu")
    assert sup.allows("names.shoigu", last, last + 5)


def test_ignore_next_line() -> None:
    text = "Mr. A\n<!-- normalize: ignore-next-line -->\nMr. B\nMr. C\n"
    assert allows(text, "Mr. A")
    assert not allows(text, "Mr. B")
    assert allows(text, "Mr. C")


def test_ignore_next_line_with_rules() -> None:
    text = "# normalize: ignore-next-line[names, typography]\nMr. Saigu said \"no\"\n"
    sup = parse_directives(text)
    saigu = at(text, "Saigu")
    assert not sup.allows("names.shoigu", *saigu)
    assert not sup.allows("typography.quotes", *at(text, '"no"'))
    assert sup.allows("honorific.mr", *at(text, "Mr."))


def test_ignore_next_line_at_end_of_file_is_harmless() -> None:
    text = "Mr. A\n<!-- normalize: ignore-next-line -->"
    assert allows(text, "Mr. A")


def test_ignore_next_line_after_multiline_comment() -> None:
    text = "<!--\n  normalize: ignore-next-line\n-->\nMr. B\nMr. C"
    assert not allows(text, "Mr. B")
    assert allows(text, "Mr. C")


def test_ignore_this_line() -> None:
    text = "Mr. A said. <!-- normalize: ignore -->\nMr. B said.\n"
    assert not allows(text, "Mr. A")
    assert allows(text, "Mr. B")


def test_ignore_this_line_with_rules_and_categories() -> None:
    text = "Mr. Saigu and Ukrаine <!-- normalize: ignore[honorific, transliteration] -->\n"
    sup = parse_directives(text)
    assert not sup.allows("honorific.mr", *at(text, "Mr."))
    assert not sup.allows("names.shoigu", *at(text, "Saigu"), category="transliteration")
    assert sup.allows("names.shoigu", *at(text, "Saigu"))  # no category given: prefix only
    assert sup.allows("homoglyph.cyrillic-a", *at(text, "Ukrаine"), category="homoglyph")


@pytest.mark.parametrize(
    ("patterns", "rule", "category", "expected"),
    [
        (None, "anything.at-all", None, True),
        (frozenset({"names"}), "names.shoigu", None, True),
        (frozenset({"names"}), "names", None, True),
        (frozenset({"names"}), "namesake.x", None, False),  # dot boundary, not a raw prefix
        (frozenset({"honorific"}), "honorific.mr", None, True),
        (frozenset({"honorific.mr"}), "honorific.mrs", None, False),
        (frozenset({"foreign-script"}), "foreign-script.stray", None, True),
        (frozenset({"transliteration"}), "names.shoigu", "transliteration", True),
        (frozenset({"transliteration"}), "names.shoigu", "encoding", False),
        (frozenset({"names"}), "NAMES.Shoigu", None, True),
    ],
)
def test_rule_matching(patterns: frozenset[str] | None, rule: str, category: str | None, expected: bool) -> None:
    assert rule_matches(patterns, rule, category) is expected


def test_rule_list_accepts_wildcard_and_spaces() -> None:
    text = "x <!-- normalize: ignore[ names.* ,typography ] -->\n"
    sup = parse_directives(text)
    assert not sup.allows("names.shoigu", 0, 1)
    assert not sup.allows("typography.dash", 0, 1)
    assert sup.allows("unicode.zwsp", 0, 1)


@pytest.mark.parametrize(
    "line",
    [
        "# normalize: ignore-next-line",
        "// normalize: ignore-next-line",
        ".. normalize: ignore-next-line",
        "normalize: ignore-next-line",
        "   normalize: ignore-next-line",
        "<!--normalize:ignore-next-line-->",
        "% normalize: ignore-next-line",
        "Normalize: Ignore-Next-Line",
    ],
)
def test_directive_forms(line: str) -> None:
    text = f"{line}\nMr. B\n"
    assert not allows(text, "Mr. B")


@pytest.mark.parametrize(
    "text",
    [
        "Do not normalize: on the whole it works.\nMr. B",
        "We normalize: off-the-record remarks.\nMr. B",
        "renormalize: off\nMr. B",
        "normalize: offside\nMr. B",
    ],
)
def test_prose_is_not_a_directive(text: str) -> None:
    assert allows(text, "Mr. B")
    assert parse_directives(text).directive_spans == []


def test_directive_spans_cover_the_comment() -> None:
    text = "a <!-- normalize: ignore[names] -->\n.. normalize: off\n# normalize: on\n"
    spans = parse_directives(text).directive_spans
    assert [text[a:b] for a, b in spans] == [
        "<!-- normalize: ignore[names] -->",
        ".. normalize: off",
        "# normalize: on",
    ]


def test_directive_spans_extend_to_comment_end_with_a_reason() -> None:
    text = "<!-- normalize: off because the quote is verbatim -->\nx"
    assert parse_directives(text).directive_spans == [(0, text.index("\n"))]


def test_crlf_lines() -> None:
    text = "Mr. A\r\n<!-- normalize: ignore-next-line -->\r\nMr. B\r\nMr. C\r\nMr. D <!-- normalize: ignore -->\r\n"
    assert allows(text, "Mr. A")
    assert not allows(text, "Mr. B")
    assert not allows(text, "Mr. B\r\n")  # the line's CR belongs to it
    assert allows(text, "Mr. C")
    assert not allows(text, "Mr. D")
    spans = parse_directives(text).directive_spans
    assert all("\r" not in text[a:b] for a, b in spans)


def test_region_boundaries_and_insertions() -> None:
    text = "ab\n# normalize: ignore\ncd\n"
    sup = parse_directives(text)
    line_start, line_end = 3, text.index("cd")
    assert sup.allows("x", 0, 3)  # the line before, newline included
    assert not sup.allows("x", 2, 4)  # straddles into the ignored line
    assert not sup.allows("x", line_start, line_start)  # an insertion at its start
    assert sup.allows("x", line_end, line_end)  # an insertion at the next line's start
    assert sup.allows("x", line_end, line_end + 2)


def test_suppressions_repr_and_type() -> None:
    sup = parse_directives("<!-- normalize: off -->")
    assert isinstance(sup, Suppressions)
    assert "Region" in repr(sup)


# --- bisection agrees with checking every region ---------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from normalize.suppress import Region  # noqa: E402


def _reference_allows(regions, size, rule, start, end, category):
    for region in regions:
        covered = region.covers(start, end) or start == end == region.end == size
        if covered and rule_matches(region.rules, rule, category):
            return False
    return True


@settings(max_examples=500)
@given(st.lists(st.tuples(st.integers(0, 20), st.integers(0, 6), st.sampled_from([None, "names", "honorific"])),
                max_size=8),
       st.integers(0, 20), st.integers(0, 4), st.sampled_from(["names.shoigu", "honorific.mr", "unicode.zw"]))
def test_allows_matches_checking_every_region(raw, start, length, rule):
    size = 20
    regions = [Region(s, min(size, s + n), None if r is None else frozenset([r])) for s, n, r in raw]
    end = min(size, start + length)
    category = rule.split(".")[0]
    assert Suppressions(regions, [], size).allows(rule, start, end, category) == _reference_allows(
        regions, size, rule, start, end, category)
