"""Repair stages that run first: encoding (mojibake), Unicode hygiene, look-alike letters.

Each wraps a detector module and adds nothing but the stage interface; the
detectors keep their own fast paths for text that cannot need them.
"""

from __future__ import annotations

from functools import cache

from ..document import Document
from ..edits import Edit, Finding
from ..rulebook import RuleInfo

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


# Severities as emitted: repairs are warnings; a legacy file read whole in one page is only
# information; bytes no code page explains are an error (they stay as they were).
ENCODING_RULES = (
    ("encoding.mojibake", "warning"),
    ("encoding.stray-bytes", "warning"),
    ("encoding.undecodable-bytes", "error"),
    ("encoding.legacy-cp1251", "warning"),
    ("encoding.legacy-koi8-r", "warning"),
    ("encoding.legacy-koi8-u", "warning"),
    ("encoding.legacy-cp1253", "warning"),
    ("encoding.legacy-iso-8859-7", "warning"),
    ("encoding.utf8-as-cp1251", "warning"),
    ("encoding.legacy-mac-roman", "warning"),
    ("encoding.legacy-cp850", "warning"),
    ("encoding.legacy-file", "info"),
    ("encoding.mixed-code-pages", "warning"),
)


class EncodingStage:
    name = "encoding"
    categories = frozenset({"encoding"})
    families = frozenset({"encoding"})

    def rules(self) -> list[RuleInfo]:
        return [RuleInfo(rule, "encoding", severity, "normalize/encoding/", "encoding repair")
                for rule, severity in ENCODING_RULES]

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
    name = "unicode"
    categories = frozenset({"unicode", "whitespace"})
    families = frozenset({"unicode", "whitespace"})

    def rules(self) -> list[RuleInfo]:
        ids = ["unicode.nfc", "unicode.zero-width-space", "unicode.word-joiner", "unicode.stray-bom",
               "unicode.soft-hyphen", "unicode.zero-width-joiner", "unicode.control", "unicode.bidi",
               "unicode.fullwidth", "unicode.ligature", "whitespace.unusual-space"]
        return [RuleInfo(i, i.split(".")[0], "warning", "normalize/hygiene.py") for i in ids]

    def run(self, doc: Document) -> tuple[list[Edit], list[Finding]]:
        if doc.unusual_chars <= PLAIN_LATIN:  # no control, invisible, odd space or decomposed character
            return [], []
        from ..hygiene import find_hygiene_issues

        return find_hygiene_issues(doc.text, doc.language)


class HomoglyphStage:
    name = "homoglyph"
    categories = frozenset({"homoglyph"})
    families = frozenset({"homoglyph"})

    def rules(self) -> list[RuleInfo]:
        return [RuleInfo(f"homoglyph.{s}", "homoglyph", "warning", "normalize/homoglyphs.py")
                for s in ("latin", "cyrillic", "greek")]

    def run(self, doc: Document) -> tuple[list[Edit], list[Finding]]:
        if doc.text.isascii() or doc.unusual_chars <= PLAIN_LATIN:
            return [], []
        from ..homoglyphs import find_homoglyphs

        return find_homoglyphs(doc.text), []
