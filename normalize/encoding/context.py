"""Legacy mojibake left over inside lines that are mostly mojibake.

`find_legacy_mojibake` repairs a run only when the run alone is convincing, so in a line of
mis-decoded Greek or Cyrillic the short or odd pieces stay behind: a one-letter word ("è" for
"и"), a word with a Latin letter in it ("ÏÂpазом"), an abbreviation. When the repaired runs
already make up most of the line's letters, that line is known to be in the code page the
runs were repaired from, and the leftovers are decoded the same way. Lines that are mostly
genuine Latin-script text (an English sentence quoting one mis-decoded name) are left alone,
and so are accented letters inside Latin words ("café").
"""

from __future__ import annotations

import regex

from normalize.edits import Edit
from normalize.encoding.legacy import CP1253, ISO_8859_7, SourcePage, latin_byte_of

Repair = tuple[Edit, SourcePage]  # a legacy repair and the page it decodes from
LEFTOVER = regex.compile(r"[\u00a0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u2018-\u201e\u2020-\u2022"
                         r"\u2026\u2030\u2039\u203a\u20ac\u2122]+")
MOSTLY = 0.6  # share of a line's letters the repaired runs must already cover


# cp1253 and ISO-8859-7 agree on every Greek letter but swap a few bytes: 0xA1/0xA2 are "΅"/"Ά"
# in cp1253 and "‘"/"’" in ISO-8859-7. A capital Ά after a small letter, or a spacing ΅ before
# a letter, or a capital Ά closing a word after another letter, cannot be Greek spelling: it
# was an ISO-8859-7 quote ("ναΆσαι" is "να’σαι", "ΒΆ Εθνική" is "Β’ Εθνική").
IMPOSSIBLE_CP1253 = regex.compile(r"\p{Ll}\u0386|\p{L}\u0386(?!\p{L})|\u0385\p{L}")


def prefer_iso_8859_7(text: str, repairs: list[Repair]) -> list[Repair]:
    """Re-read cp1253 repairs as ISO-8859-7 where cp1253 gives impossible Greek."""
    table = latin_byte_of()
    out = []
    for edit, page in repairs:
        if page == CP1253 and IMPOSSIBLE_CP1253.search(edit.replacement):
            try:
                iso = bytes(ord(c) if c.isascii() else table[c] for c in text[edit.start : edit.end]).decode("iso8859_7")
            except (KeyError, UnicodeDecodeError):
                iso = None
            if iso and not IMPOSSIBLE_CP1253.search(iso) and all(c.isprintable() or c == "\u00ad" for c in iso):
                edit = Edit(edit.start, edit.end, iso, ISO_8859_7.rule, edit.category,
                            edit.message.replace(CP1253.name, ISO_8859_7.name), edit.safe, edit.severity,
                            edit.priority)
                page = ISO_8859_7
        out.append((edit, page))
    return out


def find_leftover_mojibake(text: str, repairs: list[Repair]) -> list[Edit]:
    """Edits for mojibake pieces left in lines that `repairs` (legacy repairs) mostly cover."""
    by_line: dict[int, list[Repair]] = {}
    for edit, page in repairs:
        by_line.setdefault(text.rfind("\n", 0, edit.start) + 1, []).append((edit, page))
    extra: list[Edit] = []
    for line_start, line_repairs in by_line.items():
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end == -1 else line_end
        if len({page.script for _, page in line_repairs}) != 1:
            continue  # Greek and Cyrillic repairs in one line: no single code page to trust
        # KOI8-R/KOI8-U (or cp1253/ISO-8859-7) differ in a few letters: the page that repaired
        # the most letters of the line decides
        weight: dict[SourcePage, int] = {}
        for e, page in line_repairs:
            weight[page] = weight.get(page, 0) + sum(c.isalpha() for c in text[e.start : e.end])
        page = max(sorted(weight), key=weight.__getitem__)
        covered = sum(weight.values())
        letters = sum(c.isalpha() for c in text[line_start:line_end])
        if not letters or covered / letters < MOSTLY:
            continue
        spans = sorted((e.start, e.end) for e, _ in line_repairs)
        extra += _leftovers(text, line_start, line_end, spans, page)
    return extra


def _leftovers(text: str, start: int, end: int, repaired: list[tuple[int, int]], page: SourcePage) -> list[Edit]:
    table = latin_byte_of()
    out = []
    for match in LEFTOVER.finditer(text, start, end):
        a, b = match.span()
        if any(s < b and a < e for s, e in repaired) or not any(c.isalpha() for c in match.group()):
            continue
        left, right = _word_around(text, a, b)
        word = text[left:right]
        glued = (left, right) != (a, b)
        in_repaired_word = any(s < right and left < e for s, e in repaired)
        # one stray Latin letter in a longer word ("HÁÛÉ" for "Hаши") is a typist's slip
        lone_latin = len(word) >= 3 and sum(c.isascii() and c.isalpha() for c in word) <= 1
        if glued and not (in_repaired_word or lone_latin) and not any(
            c.isalpha() and not c.isascii() and c not in table for c in word
        ):
            continue  # glued to genuine Latin letters ("café"): not ours
        try:
            decoded = bytes(table[c] for c in match.group()).decode(page.codec)
        except (KeyError, UnicodeDecodeError):
            continue
        if not any(c.isalpha() for c in decoded) or not all(c.isprintable() or c == "\u00ad" for c in decoded):
            continue
        out.append(Edit(a, b, decoded, page.rule, "encoding",
                        f"{page.name} text read as Latin-1 (the rest of the line is {page.name} too)"))
    return out


def _word_around(text: str, start: int, end: int) -> tuple[int, int]:
    left = start
    while left > 0 and (text[left - 1].isalnum() or text[left - 1] in "'’"):
        left -= 1
    right = end
    while right < len(text) and (text[right].isalnum() or text[right] in "'’"):
        right += 1
    return left, right
