"""Mac Roman and DOS (cp850) text read as Latin-1 or cp1252: "gr\\x89ce" is "grâce".

Why a separate check: ftfy turns the control characters such text shows (U+0080-U+009F) into
cp1252 punctuation ("gr‰ce"), and a later control-character rule would delete the rest
("deuxi\\x8fme" -> "deuxime"): both make the damage worse. A line is re-read only when it holds
such a trace (a control character, or a cp1252 symbol glued to a lower-case letter as in
"cafŽ") and its Mac Roman or cp850 reading is clearly better by the measures used for whole
legacy files (`legacy_file.line_cost`): no control characters, no symbols inside words, words
of some language. Otherwise the line is left to the other repairs.
"""

from __future__ import annotations

import re

import regex

from normalize.edits import Edit
from normalize.encoding.declared import LEGACY_CP850, LEGACY_MAC_ROMAN
from normalize.encoding.legacy import latin_byte_of
from normalize.encoding.legacy_file import CASE_BREAK, TYPOGRAPHY, Reading, line_cost

# (codec, rule id, name): one declared rule per page
PAGES = (
    ("mac_roman", LEGACY_MAC_ROMAN.id, "Mac Roman"),
    ("cp850", LEGACY_CP850.id, "DOS cp850"),
)
# a control character touching a letter, a cp1252 symbol after a lower-case letter ("cafŽ"),
# a "Õ" between lower-case letters ("donÕt"); a lone control character is no evidence
TRACE_RE = regex.compile(r"(?<=\p{L})[\x80-\x9f]|[\x80-\x9f](?=\p{L})|(?<=\p{Ll})[ƒ‰Žˆ‡†ŠŒšœžŸ˜]|(?<=\p{Ll})Õ(?=\p{Ll})")
CANDIDATE_RE = re.compile("[\x80-\x9fƒ‰Žˆ‡†ŠŒšœžŸ˜Õ]")
RIVALS = ("cp1251", "koi8_r", "koi8_u", "cp1253", "iso8859_7", "cp1250")
C1_RE = regex.compile(r"[\x80-\x9f]")
MARGIN = 8.0  # the re-read line must cost this much less than the line as it is
PRIORITY = 2  # over ftfy's control-character guess for the same characters


def find_mac_dos_mojibake(text: str) -> list[Edit]:
    """Edits re-reading damaged lines as Mac Roman or cp850.

    >>> [e.replacement for e in find_mac_dos_mojibake("Il a dit gr\\x89ce \\x88 Dieu, la deuxi\\x8fme fois.")]
    ['â', 'à', 'è']
    """
    edits: list[Edit] = []
    if CANDIDATE_RE.search(text) is None:  # the plain scan is far faster than the look-arounds
        return edits
    pos = 0
    while (match := TRACE_RE.search(text, pos)) is not None:
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.start())
        end = len(text) if end == -1 else end
        edits += _reread(text, start, end)
        pos = end + 1
    return edits


def _reread(text: str, start: int, end: int) -> list[Edit]:
    line = text[start:end]
    table = latin_byte_of()
    try:
        raw = bytes(ord(c) if c < "\x80" else table[c] for c in line)
    except KeyError:
        return []  # a character no Latin-1/cp1252 reader produces: not this kind of damage
    readings: dict[str, Reading] = {}  # a line without control characters is its own "controls as" reading

    def cost_of(candidate: str) -> Reading:
        if candidate not in readings:
            readings[candidate] = line_cost(candidate)
        return readings[candidate]

    candidates = []
    for codec, rule, name in PAGES:
        # the whole line in that page, or only its control characters (genuine Latin-1 around them)
        for candidate in (raw.decode(codec), _controls_as(line, codec)):
            reading = cost_of(candidate)
            # typography only, and at most one capital inside a word ("l\x83glise": "lÉglise")
            clean = reading.flaws <= TYPOGRAPHY * sum(not c.isascii() for c in candidate) + CASE_BREAK
            candidates.append((reading.cost, clean, reading, rule, name))
    candidates.sort(key=lambda c: c[0])
    cost, clean, reading, rule, name = candidates[0]
    if not clean:
        return []
    # The competitors, read only as far as one beats the best candidate: the line as it is, its
    # control characters as cp1252 (what ftfy does), and the whole line in a Greek or Cyrillic
    # page (the legacy repairs' business).
    if cost >= cost_of(line).cost - MARGIN or cost >= cost_of(_controls_as(line, "cp1252")).cost - MARGIN:
        return []
    for codec in RIVALS:  # Greek or Cyrillic read as Latin-1 shows control characters too
        try:
            if cost >= cost_of(raw.decode(codec)).cost:
                return []
        except UnicodeDecodeError:
            continue
    if any(ok and other.text != reading.text and other_cost < cost + MARGIN
           for other_cost, ok, other, _, _ in candidates[1:]):
        return []  # Mac Roman and cp850 read it about as well, differently ("sêmola", "sÉmola")
    edits = []
    i = 0
    while i < len(line):  # single-byte pages keep ASCII: edit each changed non-ASCII stretch
        if line[i] == reading.text[i]:
            i += 1
            continue
        j = i
        while j < len(line) and line[j] != reading.text[j]:
            j += 1
        edits.append(Edit(start + i, start + j, reading.text[i:j], rule, "encoding",
                          f"{name} text read as Latin-1/cp1252", priority=PRIORITY))
        i = j
    return edits


def _controls_as(line: str, codec: str) -> str:
    """`line` with each C1 control character decoded as that byte in `codec` (kept if undefined)."""
    return C1_RE.sub(lambda m: bytes([ord(m.group())]).decode(codec, errors="ignore") or m.group(), line)
