"""Inline suppression directives: an editor's way to say "leave this alone".

Articles quote people verbatim, cite misspelt titles and reproduce old
transliterations on purpose; no rule can know that, so the author marks it,
the way `# noqa` or `eslint-disable-next-line` work for code:

    <!-- normalize: off -->  ...  <!-- normalize: on -->     a region (to the end if never turned on)
    <!-- normalize: ignore-next-line[names, honorific] -->   the next line, optionally only some rules
    Mr. Putin said ... <!-- normalize: ignore -->             this line
    .. normalize: off                                         (reStructuredText comment)
    # normalize: ignore[typography]                           (any line comment, or bare at line start)

A directive counts when it starts its line or directly follows a comment opener
(`<!--`, `#`, `//`, `/*`, `..`, `%`, `;`, `--`, `{#`), so prose such as "do not
normalize: on the other hand" is not mistaken for one. Rule lists match by
prefix on dot boundaries (`names` covers `names.shoigu`) or by exact category.

The pipeline asks `Suppressions.allows(rule, start, end, category)` before
applying an edit or reporting a finding, and adds `directive_spans` to the
protected regions so no rule rewrites the directives themselves.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

Span = tuple[int, int]

__all__ = ["Region", "Suppressions", "parse_directives", "rule_matches"]

_KEYWORD = re.compile(r"normalize[ \t]*:", re.I)
_DIRECTIVE = re.compile(
    r"normalize[ \t]*:[ \t]*(?P<kind>off|on|ignore-next-line|ignore)(?!\w|-(?!->))"
    r"(?:\[(?P<rules>[^\]\r\n]*)\])?",
    re.I,
)
_OPENER_BEFORE = re.compile(r"(?:(?P<opener><!--|/\*|\{#|#|//|\.\.|%|;|--)[ \t]*)?$")
_BLOCK_CLOSERS = {"<!--": "-->", "/*": "*/", "{#": "#}"}
_RULE_SEPARATOR = re.compile(r"[\s,]+")


@dataclass(frozen=True, slots=True)
class Region:
    """Characters `[start, end)` where the rules in `rules` (None: every rule) are silenced."""

    start: int
    end: int
    rules: frozenset[str] | None = None

    def covers(self, start: int, end: int) -> bool:
        if end > start:
            return self.start < end and start < self.end
        return self.start <= start < self.end  # an insertion


def rule_matches(patterns: frozenset[str] | None, rule_id: str, category: str | None = None) -> bool:
    """Does a directive's rule list cover `rule_id`?

    `None` covers everything; otherwise an entry matches the rule id exactly, as a
    prefix ending on a dot boundary (`names` → `names.shoigu`, `names.*` too), or
    the rule's category exactly (`transliteration`). Case-insensitive.
    """
    if patterns is None:
        return True
    rule = rule_id.lower()
    if category is not None and category.lower() in patterns:
        return True
    for pattern in patterns:
        if rule == pattern or rule.startswith(pattern + "."):
            return True
    return False


class Suppressions:
    """The suppressed regions of one document and the spans of the directives.

    `allows` is a bisection: regions that silence every rule are merged once, and the
    regions of each rule list are merged once per rule id asked about, so a document
    with a directive on every line costs no more per proposal than one with a single one.
    """

    __slots__ = ("regions", "directive_spans", "_size", "_everything", "_listed", "_by_rule")

    def __init__(self, regions: list[Region], directive_spans: list[Span], size: int = -1) -> None:
        self.regions: tuple[Region, ...] = tuple(sorted(regions, key=lambda r: (r.start, r.end)))
        self.directive_spans: list[Span] = sorted(directive_spans)
        self._size = size  # the text's length: an insertion at the very end is inside a region ending there
        self._everything = _Merged([r for r in self.regions if r.rules is None], size)
        self._listed = [r for r in self.regions if r.rules is not None]
        self._by_rule: dict[tuple[str, str | None], _Merged] = {}

    def __bool__(self) -> bool:
        return bool(self.regions or self.directive_spans)

    def __repr__(self) -> str:
        return f"Suppressions(regions={list(self.regions)!r}, directive_spans={self.directive_spans!r})"

    def allows(self, rule_id: str, start: int, end: int, category: str | None = None) -> bool:
        """May rule `rule_id` (of `category`) change or flag `[start, end)`?"""
        if not self.regions:
            return True
        if self._everything.covers(start, end):
            return False
        if not self._listed:
            return True
        merged = self._by_rule.get((rule_id, category))
        if merged is None:
            merged = self._by_rule[(rule_id, category)] = _Merged(
                [r for r in self._listed if rule_matches(r.rules, rule_id, category)], self._size)
        return not merged.covers(start, end)


class _Merged:
    """Sorted, disjoint spans (the union of some regions), asked "does it cover this?"."""

    __slots__ = ("starts", "ends", "points", "at_end", "size")

    def __init__(self, regions: list[Region], size: int) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.size = size
        self.at_end = any(r.end == size for r in regions)  # an insertion at the very end is inside
        self.points = sorted(r.start for r in regions if r.start >= r.end)  # empty: inside a wider span only
        for region in sorted(regions, key=lambda r: (r.start, r.end)):
            if region.start >= region.end:
                continue
            if self.ends and region.start <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], region.end)
            else:
                self.starts.append(region.start)
                self.ends.append(region.end)

    def covers(self, start: int, end: int) -> bool:
        if start == end == self.size and self.at_end:
            return True
        # the last span starting before the proposal's end (or at an insertion) reaches
        # furthest of all that could touch it: the spans are disjoint and sorted
        i = bisect.bisect_right(self.starts, end - 1 if end > start else start) - 1
        if i >= 0 and self.ends[i] > start:
            return True
        if self.points and end > start + 1:
            j = bisect.bisect_right(self.points, start)
            return j < len(self.points) and self.points[j] < end
        return False


def parse_directives(text: str) -> Suppressions:
    """Find every suppression directive in `text` (offsets are character offsets)."""
    if _KEYWORD.search(text) is None:  # the common case: one fast scan, nothing to do
        return Suppressions([], [])
    lines = _LineStarts(text)
    regions: list[Region] = []
    spans: list[Span] = []
    open_regions: dict[frozenset[str] | None, int] = {}  # rule list -> region start
    for m in _DIRECTIVE.finditer(text):
        span = _directive_span(text, lines, m)
        if span is None:
            continue
        spans.append(span)
        kind = m.group("kind").lower()
        rules = _parse_rules(m.group("rules"))
        if kind == "ignore":
            regions.append(Region(*lines.line_of(m.start()), rules))
        elif kind == "ignore-next-line":
            following = lines.line_of(span[1])[1]
            if following < len(text):
                regions.append(Region(*lines.line_of(following), rules))
        elif kind == "off":
            open_regions.setdefault(rules, span[0])
        else:  # "on": a bare `on` ends every open region, `on[x]` the one opened as `off[x]`
            for key in list(open_regions) if rules is None else [rules]:
                if key in open_regions:
                    regions.append(Region(open_regions.pop(key), span[0], key))
    regions.extend(Region(start, len(text), key) for key, start in open_regions.items())
    return Suppressions(regions, spans, len(text))


def _directive_span(text: str, lines: _LineStarts, m: re.Match[str]) -> Span | None:
    """The directive with its comment wrapper, or None if it is not in a comment position."""
    html_comment = text.rfind("<!--", 0, m.start())
    if html_comment >= 0 and not text[html_comment + 4 : m.start()].strip():  # first thing in an HTML comment
        close = text.find("-->", m.end())
        if close < 0 or "<!--" in text[m.end() : close]:
            return html_comment, m.end()
        return html_comment, close + 3
    line_start = lines.line_of(m.start())[0]
    before = _OPENER_BEFORE.search(text, line_start, m.start())
    if before is None:
        return None
    opener = before.group("opener")
    if not opener and text[line_start : before.start()].strip():
        return None  # prose before it and no comment opener: not a directive
    start = before.start() if opener else m.start()
    end = m.end()
    closer = _BLOCK_CLOSERS.get(opener or "")
    if closer:
        close = text.find(closer, end)
        if close >= 0 and (opener not in text[end:close]):
            end = close + len(closer)
    return start, end


def _parse_rules(listing: str | None) -> frozenset[str] | None:
    if listing is None:
        return None
    names = frozenset(
        name.lower().removesuffix("*").removesuffix(".")
        for name in _RULE_SEPARATOR.split(listing)
        if name.strip(" *.")
    )
    return names or None


class _LineStarts:
    """Line boundaries on "\\n" (a CRLF line keeps its "\\r" as content)."""

    __slots__ = ("starts", "size")

    def __init__(self, text: str) -> None:
        self.starts = [0]
        at = text.find("\n")
        while at >= 0:
            self.starts.append(at + 1)
            at = text.find("\n", at + 1)
        self.size = len(text)

    def line_of(self, offset: int) -> Span:
        """`[start, next line's start)` of the line holding `offset`."""
        i = bisect.bisect_right(self.starts, offset) - 1
        stop = self.starts[i + 1] if i + 1 < len(self.starts) else self.size
        return self.starts[i], stop
