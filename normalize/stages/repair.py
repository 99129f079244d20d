"""Repair stages that run first: encoding (mojibake), Unicode hygiene, look-alike letters.

Each wraps a detector module and adds nothing but the stage interface; the
detectors keep their own fast paths for text that cannot need them.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import chain
from operator import attrgetter, le, sub

from ..document import CLUSTER_RE, Document
from ..encoding import gates
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


def _no_mojibake() -> frozenset[str]:
    return gates.NO_MOJIBAKE


# What the UTF-8 prefilter (encoding.utf8._pairs) can hit on besides a (lead, continuation)
# pair: a C1 control, a lead before a lost no-break space, a lead before a lossy "?".
C1_CONTROLS = frozenset(map(chr, range(0x80, 0xA0)))
NBSP_LEADS = frozenset("\xc2\xc3\xc5\xce\xd0\xd9\xe2\xe3\xf0")
LOSSY_LEADS = frozenset(map(chr, range(0xC2, 0xF5)))




def _clusters(text: str) -> list[str]:
    """The stretches of two or more characters outside printable ASCII (one C-speed split). Every
    legacy mojibake pair and every UTF-8 (lead, continuation) pair lies inside one; copy with
    accented names and curly quotes has few or none."""
    return CLUSTER_RE.findall(text)  # the pieces PLAIN_ASCII_RUNS.split leaves, two or more long


def _mac_dos_traces() -> frozenset[str]:
    """The characters without which encoding.mac_dos finds nothing (its CANDIDATE_RE)."""
    return gates.MAC_DOS_TRACES


def _legacy_pairs() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The letters of encoding.legacy's pair gate, and the leads and continuations of its
    cp1251 pair gate."""
    return gates.LEGACY_LETTERS, gates.CP1251_LEADS, gates.CP1251_CONTINUATIONS


def _may_need_legacy_check(clusters: list[str]) -> bool:
    """False when no two characters side by side make a pair encoding.legacy.needs_legacy_check
    looks for (two letters of its Latin pages, or a cp1251 lead and continuation)."""
    # the clusters hold no line break, so joined by one no pair spans two of them
    return _legacy_pair_re().search("\n".join(clusters)) is not None


@cache
def _legacy_pair_re() -> re.Pattern[str]:
    """One C-speed scan for those pairs, in place of a test of every pair of characters."""
    return re.compile(gates.LEGACY_PAIRS)


def _may_need_utf8_check(text: str, unusual: frozenset[str], clusters: list[str]) -> bool:
    """False when the UTF-8 prefilter (encoding.utf8._hits) cannot hit: no C1 control, no lead
    of a lost no-break space, no accented letter before a "?" or U+FFFD, and no (lead,
    continuation) pair of one code page side by side. Accented names and curly quotes alone then
    skip the line scan and ftfy."""
    if not C1_CONTROLS.isdisjoint(unusual):
        return True
    # the clusters hold no line break, so joined by one no pair spans two of them (mojibake
    # shows a pair at once)
    if _utf8_pair_re().search("\n".join(clusters)) is not None:
        return True
    if any(c + " " in text for c in NBSP_LEADS.intersection(unusual)):  # "Ã " ("São" is no hit)
        return True
    return "?" in text and any(c + "?" in text for c in LOSSY_LEADS.intersection(unusual))


@cache
def _utf8_pair_re() -> re.Pattern[str]:
    """One C-speed scan for what a character-by-character test did: a lossy lead before U+FFFD,
    or a (lead, continuation) pair of one code page (encoding.utf8._pairs)."""
    return re.compile(gates.UTF8_PAIRS)


def derive_gate_tables() -> dict[str, object]:
    """The gate tables, read off the encoding modules' own tables and regexes (so the gates
    cannot drift from them). Slow (the modules' imports and ~2,000 decodes, milliseconds a
    command-line run would pay on every clean article): tools/build_encoding_gates.py writes
    the result to normalize/encoding/gates.py, and a test checks that it is current."""
    from ..encoding.legacy import _cp1251_pair_re, _pair_re
    from ..encoding.mac_dos import CANDIDATE_RE
    from ..encoding.utf8 import _char_class, _pairs, lead_chars

    letters, _ = _bracket_class(_pair_re().pattern, 0)
    leads, after = _bracket_class(_cp1251_pair_re().pattern, 0)
    conts, _ = _bracket_class(_cp1251_pair_re().pattern, after)
    pairs = [f"[{_char_class(''.join(lead))}][{_char_class(''.join(cont))}]" for lead, cont in _pairs()[1]]
    return {
        "NO_MOJIBAKE": CLEAN_CANDIDATES - lead_chars(),
        "MAC_DOS_TRACES": frozenset(c for c in map(chr, range(0x80, 0x3000)) if CANDIDATE_RE.match(c)),
        "LEGACY_LETTERS": letters,
        "CP1251_LEADS": leads,
        "CP1251_CONTINUATIONS": conts,
        "UTF8_PAIRS": "|".join([f"[{_char_class(''.join(LOSSY_LEADS))}]\ufffd", *pairs]),
        "LEGACY_PAIRS": f"[{_char_class(''.join(letters))}]{{2}}"
                        f"|[{_char_class(''.join(leads))}][{_char_class(''.join(conts))}]",
    }


def _bracket_class(pattern: str, pos: int) -> tuple[frozenset[str], int]:
    """The characters of the re.escape'd class "[...]" at `pos`, and the position after it."""
    chars, i = set(), pos + 1
    while pattern[i] != "]":
        i += pattern[i] == "\\"  # an escaped character stands for itself
        chars.add(pattern[i])
        i += 1
    return frozenset(chars), i + 1


class EncodingStage:
    phase = "repair"
    needs_language = False
    rewrites_words = True
    categories = frozenset({"encoding"})
    families = frozenset({"encoding"})

    def rules(self) -> list[Rule]:
        from ..encoding.declared import RULES

        return list(RULES)

    def run(self, doc: Document) -> tuple[list[Edit], list[Finding]]:
        if doc.text.isascii() or doc.unusual_chars <= _no_mojibake():
            return [], []
        text = doc.text
        # cheap gates first (set operations and one split): accented names and curly quotes
        # alone skip the scans below, and the modules behind them are not even imported;
        # blanking re-decoded lines only removes characters
        clusters = doc.clusters
        edits: list[Edit] = []
        findings: list[Finding] = []
        if _may_need_utf8_check(text, doc.unusual_chars, clusters):
            from ..encoding.utf8 import find_utf8_repairs

            edits, findings = find_utf8_repairs(text)  # as fast as `needs_check` when there is nothing to repair
        if edits:
            text = _without_redecoded_lines(text, edits)
        if not _mac_dos_traces().isdisjoint(doc.unusual_chars):
            from ..encoding.mac_dos import find_mac_dos_mojibake

            edits += find_mac_dos_mojibake(text)
        if _may_need_legacy_check(clusters):
            # the gate read this very text, unless lines ftfy re-decoded were blanked out of it
            edits += _legacy_repairs(text, checked=text is doc.text, cp1251_pairs=_has_cp1251_pair(clusters))
        return edits, findings


def _has_cp1251_pair(clusters: list[str]) -> bool:
    """Whether a UTF-8 (lead, continuation) pair read as cp1251 stands in a cluster: without
    one, encoding.legacy.find_utf8_read_as_cp1251 finds nothing (its own check is a pass over
    the whole text)."""
    # the clusters hold no line break, so joined by one no pair spans two of them
    return _cp1251_pair_gate().search("\n".join(clusters)) is not None


@cache
def _cp1251_pair_gate() -> re.Pattern[str]:
    """The cp1251 half of the generated legacy pair scan: a lead, then a continuation."""
    return re.compile(gates.LEGACY_PAIRS.split("{2}|", 1)[1])


def _legacy_repairs(text: str, checked: bool = False, cp1251_pairs: bool = True) -> list[Edit]:
    """Single-byte code-page mojibake (the legacy modules), once the cheap pair gate passed.
    `checked`: the gate saw this very text, so needs_legacy_check would only say yes again;
    `cp1251_pairs`: False when the text holds no cp1251 pair (nothing for that search)."""
    from ..encoding.context import find_leftover_mojibake, prefer_iso_8859_7
    from ..encoding.legacy import find_legacy_repairs, find_utf8_read_as_cp1251, needs_legacy_check

    edits: list[Edit] = []
    if checked or needs_legacy_check(text):
        repairs = prefer_iso_8859_7(text, find_legacy_repairs(text))
        edits += [edit for edit, _ in repairs] + (find_utf8_read_as_cp1251(text) if cp1251_pairs else [])
        edits += find_leftover_mojibake(text, repairs)
    return edits


_START, _END = attrgetter("start"), attrgetter("end")


def _without_redecoded_lines(text: str, edits: list[Edit]) -> str:
    """`text` with what ftfy re-decoded whole lines into blanked out (same length, so offsets
    hold): those repairs win over legacy guesses anyway, and guessing there costs time."""
    from ..encoding.utf8 import UTF8_PRIORITY

    chosen = [e for e in edits if e.priority >= UTF8_PRIORITY]
    if not chosen:
        return text
    starts, ends = list(map(_START, chosen)), list(map(_END, chosen))
    if all(map(le, ends, starts[1:])):  # in order, apart (as find_utf8_repairs gives them): joined at C speed
        gaps = map(text.__getitem__, map(slice, [0, *ends], starts))
        blanks = map(" ".__mul__, map(sub, ends, starts))
        return "".join(chain.from_iterable(zip(gaps, blanks))) + text[ends[-1]:]
    spans = sorted(zip(starts, ends))
    parts, last = [], 0
    for start, end in spans:
        start = max(start, last)
        parts += [text[last:start], " " * (end - start)]
        last = max(last, end)
    return "".join(parts) + text[last:]


class HygieneStage:
    phase = "repair"
    needs_language = False
    after_rewrites = True
    categories = frozenset({"unicode", "whitespace"})
    families = frozenset({"unicode", "whitespace"})

    def rules(self) -> list[Rule]:
        from ..hygiene import RULES

        return list(RULES)

    def run(self, doc: Document) -> tuple[list[Edit], list[Finding]]:
        if doc.unusual_chars <= PLAIN_LATIN:  # no control, invisible, odd space or decomposed character
            return [], []
        from ..hygiene import find_hygiene_issues

        # the language only decides whether a no-break space is kept: asked for only then
        return find_hygiene_issues(doc.text, lambda: doc.language)


class HomoglyphStage:
    phase = "repair"
    needs_language = False
    after_rewrites = True
    categories = frozenset({"homoglyph"})
    families = frozenset({"homoglyph"})

    def rules(self) -> list[Rule]:
        from ..homoglyphs import RULES

        return list(RULES)

    def run(self, doc: Document) -> tuple[list[Edit], list[Finding]]:
        if doc.text.isascii() or doc.unusual_chars <= PLAIN_LATIN:
            return [], []
        from ..homoglyphs import find_homoglyphs, may_hold_homoglyphs

        if not may_hold_homoglyphs(doc.unusual_chars):  # Vietnamese letters, CJK, odd spaces
            return [], []
        return find_homoglyphs(doc.text), []
