"""Repair stages that run first: encoding (mojibake), Unicode hygiene, look-alike letters.

Each wraps a detector module and adds nothing but the stage interface; the
detectors keep their own fast paths for text that cannot need them.
"""

from __future__ import annotations

from functools import cache

from ..document import Document
from ..edits import Edit, Finding
from ..rule import Rule

# Characters that well-formed Latin-script copy is made of, beyond the printable ASCII that
# Document.unusual_chars leaves out. A text made only of these cannot need the Unicode,
# look-alike or foreign-script stages, which then cost nothing.
TYPOGRAPHY = frozenset("’‘“”„‚–—―…•·€£¥¢°§¶©®™«»‹›×÷±′″")
PLAIN_LATIN = frozenset(TYPOGRAPHY | {chr(c) for c in range(0xC0, 0x250) if chr(c).isalpha()})
# Mojibake, UTF-8 or legacy, always shows characters of U+0080-U+00FF ("Ã©", "â€™", "Ïóòèí")
# or a UTF-8 lead byte as some code page shows it ("×" in Hebrew read as cp1252, "Ř" in Arabic
# read as cp1250), so without them a text cannot need the encoding checks.
CLEAN_CANDIDATES = frozenset(TYPOGRAPHY | {chr(c) for c in range(0x100, 0x250) if chr(c).isalpha()})


@cache
def _no_mojibake() -> frozenset[str]:
    from ..encoding.utf8 import lead_chars

    return CLEAN_CANDIDATES - lead_chars()


class EncodingStage:
    phase = "repair"
    needs_language = False
    categories = frozenset({"encoding"})
    families = frozenset({"encoding"})

    def rules(self) -> list[Rule]:
        from ..encoding.declared import RULES

        return list(RULES)

    def run(self, doc: Document) -> tuple[list[Edit], list[Finding]]:
        if doc.text.isascii() or doc.unusual_chars <= _no_mojibake():
            return [], []
        from ..encoding.context import find_leftover_mojibake, prefer_iso_8859_7
        from ..encoding.legacy import find_legacy_repairs, find_utf8_read_as_cp1251, needs_legacy_check
        from ..encoding.mac_dos import find_mac_dos_mojibake
        from ..encoding.utf8 import find_utf8_repairs

        text = doc.text
        edits, findings = find_utf8_repairs(text)  # as fast as `needs_check` when there is nothing to repair
        if edits:
            text = _without_redecoded_lines(text, edits)
        edits += find_mac_dos_mojibake(text)
        if needs_legacy_check(text):
            repairs = prefer_iso_8859_7(text, find_legacy_repairs(text))
            edits += [edit for edit, _ in repairs] + find_utf8_read_as_cp1251(text)
            edits += find_leftover_mojibake(text, repairs)
        return edits, findings


def _without_redecoded_lines(text: str, edits: list[Edit]) -> str:
    """`text` with what ftfy re-decoded whole lines into blanked out (same length, so offsets
    hold): those repairs win over legacy guesses anyway, and guessing there costs time."""
    from ..encoding.utf8 import UTF8_PRIORITY

    spans = sorted((e.start, e.end) for e in edits if e.priority >= UTF8_PRIORITY)
    if not spans:
        return text
    parts, last = [], 0
    for start, end in spans:
        start = max(start, last)
        parts += [text[last:start], " " * (end - start)]
        last = max(last, end)
    return "".join(parts) + text[last:]


class HygieneStage:
    phase = "repair"
    needs_language = False
    categories = frozenset({"unicode", "whitespace"})
    families = frozenset({"unicode", "whitespace"})

    def rules(self) -> list[Rule]:
        from ..hygiene import RULES

        return list(RULES)

    def run(self, doc: Document) -> tuple[list[Edit], list[Finding]]:
        if doc.unusual_chars <= PLAIN_LATIN:  # no control, invisible, odd space or decomposed character
            return [], []
        from ..hygiene import find_hygiene_issues

        return find_hygiene_issues(doc.text, doc.language)


class HomoglyphStage:
    phase = "repair"
    needs_language = False
    categories = frozenset({"homoglyph"})
    families = frozenset({"homoglyph"})

    def rules(self) -> list[Rule]:
        from ..homoglyphs import RULES

        return list(RULES)

    def run(self, doc: Document) -> tuple[list[Edit], list[Finding]]:
        if doc.text.isascii() or doc.unusual_chars <= PLAIN_LATIN:
            return [], []
        from ..homoglyphs import find_homoglyphs

        return find_homoglyphs(doc.text), []
