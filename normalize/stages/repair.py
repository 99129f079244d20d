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


class EncodingStage:
    name = "encoding"
    categories = frozenset({"encoding"})
    families = frozenset({"encoding"})

    def rules(self) -> list[RuleInfo]:
        ids = ["encoding.mojibake", "encoding.stray-bytes", "encoding.legacy-cp1251", "encoding.legacy-koi8-r",
               "encoding.legacy-koi8-u", "encoding.legacy-cp1253", "encoding.legacy-iso-8859-7",
               "encoding.utf8-as-cp1251", "encoding.legacy-file"]
        return [RuleInfo(i, "encoding", "warning", "normalize/encoding/", "encoding repair") for i in ids]

    def run(self, doc: Document) -> tuple[list[Edit], list[Finding]]:
        if doc.text.isascii() or doc.unusual_chars <= _no_mojibake():
            return [], []
        from ..encoding.context import find_leftover_mojibake, prefer_iso_8859_7
        from ..encoding.legacy import find_legacy_mojibake, needs_legacy_check
        from ..encoding.utf8 import find_utf8_mojibake, needs_check

        edits: list[Edit] = []
        if needs_check(doc.text):
            edits += find_utf8_mojibake(doc.text)
        if needs_legacy_check(doc.text):
            legacy = prefer_iso_8859_7(doc.text, find_legacy_mojibake(doc.text))
            edits += legacy + find_leftover_mojibake(doc.text, legacy)
        return edits, []


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
