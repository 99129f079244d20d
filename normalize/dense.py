"""Texts mostly outside ASCII (Cyrillic, Greek, their mojibake) read as bytes of a single-byte
code page, so that their distinct characters and letter counts cost C-speed byte work.

Python makes a new object for every non-Latin-1 character it hands out, so a set or a Counter
of a Cyrillic text costs ~50 ns a character; the same text encoded in cp1251 is bytes, which
`bytes.translate` and `bytes.count` go through at a few ns each. What the page cannot encode
is found by deleting what it can (one substitution), and handled apart.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Pages a dense text may fit: Cyrillic, Greek, Latin, Central European, Arabic, Hebrew,
# Turkish, Baltic, Thai. The text's page is the first that holds its first non-ASCII letter.
PAGES = ("cp1251", "cp1253", "cp1252", "cp1250", "cp1256", "cp1255", "cp1254", "cp1257", "cp874")
SAMPLE = 2_000  # characters looked at to decide, and bytes whose set is taken at once
STRIDE = 8  # every eighth character of the sample tells how dense it is (a speed choice only: both
# ways of reading a text give the same result)


def page_of(text: str) -> str | None:
    """The code page to read `text` through, or None when the text is not mostly outside
    ASCII (the UTF-8 of every STRIDE-th character of its head is under 1.5x their number) or
    no page holds its first non-ASCII letter."""
    probe = text[:SAMPLE:STRIDE]  # what the whole head would say, at an eighth of the cost
    if len(probe.encode("utf-8", "surrogatepass")) - len(probe) < len(probe) // 2:
        return None
    letter = next((c for c in text[:SAMPLE] if c > "\x7f" and c.isalpha()), "")
    return next((page for page in PAGES if letter and _encodes(letter, page)), None)


def in_page(text: str, page: str) -> tuple[bytes, str]:
    """`text` encoded in `page`, a "?" for each character it cannot encode (so that offsets
    into the bytes are offsets into the text), and those characters."""
    encoded = text.encode(page, "replace")
    beyond = _page_runs(page).sub("", text) if encoded.count(b"?") > text.count("?") else ""
    return encoded, beyond


def distinct_bytes(encoded: bytes) -> bytes:
    """The distinct bytes of `encoded`: a set of the first few thousand (most of an alphabet),
    then of what deleting those leaves."""
    seen = bytes(frozenset(encoded[:SAMPLE]))
    return seen + bytes(frozenset(encoded.translate(None, seen)))


def _encodes(char: str, page: str) -> bool:
    try:
        char.encode(page)
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=None)
def _page_runs(page: str) -> re.Pattern[str]:
    """Runs of the characters `page` encodes."""
    chars = "".join(sorted(bytes(range(256)).decode(page, "ignore")))
    return re.compile("[" + "".join(map(re.escape, chars)) + "]+")
