"""`ftfy.badness.is_bad`, the same answer at a fraction of the cost on long clean lines.

ftfy's BADNESS_RE is an alternation of ~37 short sequences; Python's `re` cannot skip ahead
over an alternation of character classes, so it tries every branch at every position of a
line (~4 MB/s on repaired Cyrillic or French). Every branch, though, must match one character
of some non-ASCII class of its own (its "key": "Ђ" in "вЂ", the symbol of "[box][kaomoji]"),
and every match is at most `width` characters long. So the regex needs to be run only on the
stretches of `width` characters either side of a key character, which one C-speed character
class scan finds. Both are read off ftfy's own regex when first needed, so they follow its
releases; a pattern this reading does not understand falls back to `is_bad` itself.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Callable

MAX_WIDTH = 16  # a branch longer than this (or unbounded) would make the windows pointless
WINDOW = 64  # characters searched at once at most, unless one key's own window is longer


@cache
def _plan() -> tuple[re.Pattern[str], re.Pattern[str], int] | None:
    """(ftfy's regex, the key-character scan, the longest match), or None to call `is_bad`."""
    from ftfy.badness import BADNESS_RE

    from re import _constants as constants, _parser as parser  # type: ignore[attr-defined]  # the stdlib reads the pattern

    try:
        parsed = parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
        width = parsed.getwidth()[1]
        items = list(parsed)
        if BADNESS_RE.flags & re.IGNORECASE or width > MAX_WIDTH:
            return None
        if len(items) == 1 and items[0][0] is constants.BRANCH:
            branches = items[0][1][1]
        else:
            branches = [items]
        keys: set[str] = set()
        for branch in branches:
            classes = [chars for op, av in branch for chars in [_chars(constants, op, av)]
                       if chars and min(chars) >= "\x80"]  # characters the branch must match one of
            if not classes:
                return None
            # the class least likely in clean text: fewest lowercase letters, then letters, then size
            keys |= min(classes, key=lambda s: (sum(c.islower() for c in s), sum(c.isalpha() for c in s), len(s)))
    except Exception:  # noqa: BLE001 - an unfamiliar pattern or parser: the plain check is always right
        return None
    return BADNESS_RE, re.compile("[" + "".join(re.escape(c) for c in sorted(keys)) + "]"), width


def _chars(constants: object, op: object, av: object) -> frozenset[str] | None:
    """The characters a single-character item matches, or None (anything else, a negated class,
    a category such as \\w: no constraint read from it)."""
    if op is getattr(constants, "LITERAL"):
        return frozenset(chr(av))  # type: ignore[arg-type]
    if op is not getattr(constants, "IN"):
        return None
    chars: set[str] = set()
    for item_op, item in av:  # type: ignore[attr-defined]
        if item_op is getattr(constants, "LITERAL"):
            chars.add(chr(item))
        elif item_op is getattr(constants, "RANGE"):
            chars.update(map(chr, range(item[0], item[1] + 1)))
        else:
            return None
    return frozenset(chars)


def is_bad(text: str) -> bool:
    """Exactly `ftfy.badness.is_bad(text)`."""
    plan = _plan()
    if plan is None:
        from ftfy.badness import is_bad as plain

        return plain(text)
    badness, keys, width = plan
    search: Callable[..., re.Match[str] | None] = badness.search
    start = end = -1
    # A match holding the key character at p lies within [p - width + 1, p + width); windows
    # that overlap are searched as one, up to WINDOW characters (mojibake is dense with key
    # characters, and its first match is usually near the start: search early, as ftfy does).
    # search(text, pos, endpos) keeps "^" at the real start.
    for match in keys.finditer(text):
        p = match.start()
        if p - width + 1 <= end and end - start < WINDOW:
            end = p + width
            continue
        if end >= 0 and search(text, start, end):
            return True
        start, end = max(0, p - width + 1), p + width
    return end >= 0 and search(text, start, end) is not None
