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
from normalize.encoding.legacy_file import CASE_BREAK, TYPOGRAPHY, Reading, line_cost, line_flaws

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
    pos = 0
    while (at := _next_trace(text, pos)) != -1:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end == -1 else end
        edits += _reread(text, start, end)
        pos = end + 1
    return edits


def _next_trace(text: str, pos: int) -> int:
    """Where TRACE_RE first matches from `pos`, or -1. Its look-arounds are slow to search
    with (hundreds of microseconds on an article), and every match is one CANDIDATE_RE
    character: the plain scan finds those, the look-arounds are tried there only."""
    for candidate in CANDIDATE_RE.finditer(text, pos):
        if TRACE_RE.match(text, candidate.start()):
            return candidate.start()
    return -1


def _reread(text: str, start: int, end: int) -> list[Edit]:
    line = text[start:end]
    raw = _latin_bytes(line)
    if raw is None:
        return []  # a character no Latin-1/cp1252 reader produces: not this kind of damage
    # Cheap rejection first: the best reading must be clean and not the line itself (which
    # cannot beat itself by MARGIN), and being clean is a matter of the penalties alone, a
    # small part of the cost of a full reading (letter statistics in every language).
    if not any(_clean(c, line_flaws(c, _allowed_flaws(c))) for c in _candidates(line, raw) if c != line):
        return []
    readings: dict[str, Reading] = {}  # a line without control characters is its own "controls as" reading

    def cost_of(candidate: str) -> Reading:
        if candidate not in readings:
            readings[candidate] = line_cost(candidate)
        return readings[candidate]

    candidates = []
    whole_of: dict[str, Reading] = {}  # rule -> the whole line in its page
    for (codec, rule, name), pair in zip(PAGES, _pairs(line, raw)):
        whole_of[rule] = cost_of(pair[0])
        for candidate in pair:
            reading = cost_of(candidate)
            candidates.append((reading.cost, _clean(candidate, reading.flaws), reading, rule, name))
    candidates.sort(key=lambda c: c[0])
    cost, clean, reading, rule, name = candidates[0]
    if not clean:
        return []
    partial = None
    whole = whole_of[rule]
    if whole.text != reading.text and whole.flaws < reading.flaws and _clean(whole.text, whole.flaws):
        # Only the control characters re-read, the page's other characters left as symbols
        # ("Mercoled“" for "Mercoledì"): the whole line in the same page finishes the repair. It
        # costs more only because letters are charged for their pairs and a symbol is not.
        partial, reading, cost = reading, whole, whole.cost
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
    if any(ok and other.text != reading.text and other_cost < cost + MARGIN and other is not partial
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


def _latin_bytes(line: str) -> bytes | None:
    """The bytes a Latin-1 or cp1252 reader showed as `line` (None: it could not have)."""
    try:
        return line.encode("cp1252")  # the usual case, at C speed: the same bytes as the table gives
    except UnicodeEncodeError:
        pass
    table = latin_byte_of()
    try:
        return bytes(ord(c) if c < "\x80" else table[c] for c in line)
    except KeyError:
        return None


def _pairs(line: str, raw: bytes) -> list[tuple[str, str]]:
    """Per page, the whole line in that page and only its control characters in it (genuine
    Latin-1 around them)."""
    return [(raw.decode(codec), _controls_as(line, codec)) for codec, _, _ in PAGES]


def _candidates(line: str, raw: bytes) -> set[str]:
    return {candidate for pair in _pairs(line, raw) for candidate in pair}


def _clean(candidate: str, flaws: float) -> bool:
    """Typography only, and at most one capital inside a word ("l\x83glise": "lÉglise")."""
    return flaws <= _allowed_flaws(candidate)


def _allowed_flaws(candidate: str) -> float:
    return TYPOGRAPHY * (len(candidate) - len(candidate.encode("ascii", "ignore"))) + CASE_BREAK


def _controls_as(line: str, codec: str) -> str:
    """`line` with each C1 control character decoded as that byte in `codec` (kept if undefined)."""
    return C1_RE.sub(lambda m: bytes([ord(m.group())]).decode(codec, errors="ignore") or m.group(), line)
