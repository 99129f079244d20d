"""Where a long document is cut into blocks that are normalised one at a time (peak memory).

A text longer than BLOCK characters is normalised a block at a time (`Normalizer._run_blocks`):
each block's working data is freed before the next starts, so the peak is the result plus one
block's work. A news article is a few thousand characters; this is for archives and hostile
inputs. What can differ from a one-piece run is listed in the README ("Cost and memory as
the input grows").
"""

from __future__ import annotations

import bisect
import itertools
import re
from typing import Iterable

from .document import Document
from .edits import Edit

BLOCK = 1 << 18
_SENTENCE_END = re.compile(r"(?<![^\s(\[\"'])[a-z]{4,}[.!?] +(?=[A-Z])")  # "... left. Mr. Kim": not "Messrs. "


def block_cuts(text: str, doc: Document, pre_edits: Iterable[Edit] = (), size: int | None = None) -> list[int]:
    """Offsets where `text` (longer than BLOCK) is cut into blocks normalised one at a time.

    A cut follows a blank line, else a line break, else (a text without line breaks) the end
    of a sentence after a lowercase word; never inside a protected span (URL, markup,
    directive), a suppressed region, between an ignore-next-line directive and its line, or
    inside an edit of the decoder. Each block holds at most BLOCK characters
    where such a place exists in its second half; otherwise it runs on to the first one.
    [] when there is none: the text is one block. `size`: BLOCK unless given."""
    size = size or BLOCK
    spans = list(doc.protected_spans)
    if doc.suppressions:
        spans += [(region.start, region.end) for region in doc.suppressions.regions]
        for start, end in doc.suppressions.directive_spans:
            if "ignore-next-line" in text[start:end].lower():
                # the directive and the line it silences stay in one block (that line may
                # carry a directive of its own, so the region alone does not tell)
                line_end = text.find("\n", end)
                next_end = text.find("\n", line_end + 1) if line_end >= 0 else -1
                spans.append((start, len(text) if next_end < 0 else next_end))
    spans += [(e.start, e.end) for e in pre_edits]
    spans.sort()  # not merged: a cut may fall where two spans touch (one suppressed line, the next)
    starts = [a for a, _ in spans]
    reach = list(itertools.accumulate((b for _, b in spans), max))  # the furthest end so far

    def inside(at: int) -> int | None:
        """None, or (`at` lies strictly inside a span) a start before which no place is inside."""
        i = bisect.bisect_left(starts, at) - 1
        return starts[i] if i >= 0 and reach[i] > at else None

    def past(at: int) -> int:  # the end of the spans holding `at`
        return reach[bisect.bisect_left(starts, at) - 1]

    def last(lo: int, hi: int) -> int | None:  # the last place in (lo, hi]
        for separator in ("\n\n", "\n"):
            at = text.rfind(separator, lo, hi)
            while at >= 0:
                cut = at + len(separator)
                blocked = inside(cut)
                if blocked is None:
                    return cut
                at = text.rfind(separator, lo, blocked)
        found = None
        for m in _SENTENCE_END.finditer(text, lo, hi):
            if inside(m.end()) is None:
                found = m.end()
        return found

    def first(lo: int) -> int | None:  # the first place after lo
        at = text.find("\n", lo)
        while at >= 0:
            blocked = inside(at + 1)
            if blocked is None:
                return at + 1 if at + 1 < len(text) else None
            at = text.find("\n", past(at + 1))
        m = _SENTENCE_END.search(text, lo)
        while m:
            if inside(m.end()) is None:
                return m.end()
            m = _SENTENCE_END.search(text, past(m.end()))
        return None

    cuts: list[int] = []
    pos = 0
    while len(text) - pos > size:
        cut = last(pos + size // 2, pos + size) or first(pos + size)
        if cut is None or cut <= pos:
            break
        cuts.append(cut)
        pos = cut
    return cuts
