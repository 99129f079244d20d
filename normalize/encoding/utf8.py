"""UTF-8 mojibake ("donâ€™t", "Ð¡ÐµÑ€Ð³ÐµÐ¹") repaired through ftfy, one edit per damaged span.

Why ftfy, configured narrowly: its heuristic (`ftfy.badness`) is the best public one and its
test suite documents the edge cases; but `ftfy.fix_text` also straightens quotes, widens
characters and normalises, which a publisher does not want from an *encoding* rule. We run only
the encoding steps, line by line as `ftfy.fix_text` does, and turn the difference between a
line and its repair into small edits, so the report shows each repaired word rather than a
rewritten document.
"""

from __future__ import annotations

import difflib
import re
from functools import cache
from typing import Iterator

from typing import TYPE_CHECKING, Any

import regex

from normalize.edits import Edit

if TYPE_CHECKING:
    from ftfy import ExplanationStep

# ftfy itself is imported only when a line needs repairing (~45 ms saved for clean text).
# Its code pages (ftfy.chardata.CHARMAP_ENCODINGS); "sloppy-" ones map undefined bytes to Latin-1.
CHARMAP_ENCODINGS = (
    "latin-1", "sloppy-windows-1252", "sloppy-windows-1251", "sloppy-windows-1250", "sloppy-windows-1253",
    "sloppy-windows-1254", "sloppy-windows-1257", "iso-8859-2", "macroman", "cp437",
)


@cache
def _encoding_only() -> Any:
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=True,
    )


def _decode_sloppily(data: bytes, encoding: str) -> str:
    """`data.decode(encoding)` as ftfy's sloppy codecs do it, without importing ftfy."""
    if not encoding.startswith("sloppy-"):
        return data.decode(encoding, errors="replace")
    base = encoding.removeprefix("sloppy-")
    out = []
    for byte in data:
        try:
            out.append(bytes([byte]).decode(base))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)
C1_RE = regex.compile("[\x80-\x9f]")


@cache
def _pairs() -> tuple[re.Pattern[str], tuple[tuple[frozenset[str], frozenset[str]], ...]]:
    """A fast union scan for UTF-8 (lead, continuation) pairs as ftfy's code pages show them,
    and per code page its (leads, continuations): a pair is real when one page has both.

    Every repair ftfy can make needs such a pair (or a lead before a lost no-break space,
    a lossy "?"/U+FFFD, or a C1 control), so text without one is skipped before the costlier
    `is_bad` regex. Curly quotes and dashes alone do not qualify. (The pages are kept apart
    rather than multiplied out into ~22,000 real pairs: that set cost a run more than the scan.)
    """
    pages = []
    for encoding in CHARMAP_ENCODINGS:
        lead = _decode_sloppily(bytes(range(0xC2, 0xF5)), encoding)
        cont = _decode_sloppily(bytes(range(0x80, 0xC0)), encoding)
        pages.append((frozenset(lead), frozenset(cont)))
    leads = "".join(c for lead, _ in pages for c in lead)
    conts = "".join(c for _, cont in pages for c in cont)
    # A lost no-break space after a lead only matters for the leads ftfy restores it after
    # (ftfy.chardata.ALTERED_UTF8_RE): "é " in "José said" is no hint, and is_bad on its line costs.
    scan = (f"[{_char_class(leads)}][{_char_class(conts)}]|[\\xc2\\xc3\\xc5\\xce\\xd0\\xd9\\xe2\\xe3\\xf0] "
            "|[\\xc2-\\xf4][?\\ufffd]|[\\x80-\\x9f]")
    return re.compile(scan), tuple(pages)


NON_ASCII_RE = re.compile(r"[^\x00-\x7f]+")


def _hits(text: str) -> Iterator[int]:
    """Offsets of prefilter hits; only the (usually few) non-ASCII stretches are examined."""
    scan, pages = _pairs()
    for run in NON_ASCII_RE.finditer(text):
        for match in scan.finditer(text, run.start(), min(len(text), run.end() + 1)):
            pair = match.group()
            if len(pair) == 1 or pair[1] in " ?\ufffd" or any(
                    pair[0] in lead and pair[1] in cont for lead, cont in pages):
                yield match.start()


def _char_class(chars: str) -> str:
    return "".join(re.escape(c) for c in sorted(set(chars)))


def _suspect_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line holding a prefilter hit, end including the line break."""
    spans: list[tuple[int, int]] = []
    for hit in _hits(text):
        if spans and hit < spans[-1][1]:
            continue
        start = text.rfind("\n", 0, hit) + 1
        end = text.find("\n", hit + 1)
        spans.append((start, len(text) if end == -1 else end + 1))
    return spans


def _line_needs_fix(line: str) -> bool:
    from ftfy.badness import is_bad

    return is_bad(line) or C1_RE.search(line) is not None


UTF8_PRIORITY = 1  # ftfy's whole-line re-decodings win over overlapping legacy guesses
TOKEN_RE = regex.compile(r"\s+|\S+")


def needs_check(text: str) -> bool:
    """True only if `text` holds character sequences that UTF-8 mojibake produces.

    ftfy changes nothing in a segment that `is_bad` rejects, so this gate is exact, and
    pure-ASCII text returns at once.

    >>> needs_check("plain ASCII"), needs_check("don’t"), needs_check("donâ€™t")
    (False, False, True)
    """
    if text.isascii():
        return False
    return any(_line_needs_fix(text[a:b]) for a, b in _suspect_lines(text))


def find_utf8_mojibake(text: str) -> list[Edit]:
    """Edits repairing UTF-8 mojibake in `text` (offsets into `text`).

    >>> [(e.replacement, e.message) for e in find_utf8_mojibake("It donâ€™t matter")]
    [('’', 'UTF-8 read as windows-1252')]
    """
    if text.isascii():
        return []
    edits: list[Edit] = []
    for start, end in _suspect_lines(text):
        line = text[start:end]
        if _line_needs_fix(line):
            from ftfy import fix_and_explain

            fixed, steps = fix_and_explain(line, _encoding_only())
            if fixed != line:
                # A whole-line re-decoding is strong evidence; piecewise repairs are not.
                priority = UTF8_PRIORITY if any(s.action == "decode" and s.parameter.startswith("utf-8") for s in steps or []) else 0
                edits.extend(_diff_edits(line, fixed, start, explain(steps or []), priority))
    return edits


def explain(steps: list[ExplanationStep]) -> str:
    """A human sentence for ftfy's plan, e.g. 'UTF-8 read as windows-1252'."""
    parts: list[str] = []
    encoding = None
    extras: list[str] = []
    for action, parameter in steps:
        name = parameter.removeprefix("sloppy-")
        if action == "encode":
            encoding = name
        elif action == "decode" and encoding is not None:
            source = "UTF-8" if name.startswith("utf-8") else name
            parts.append(f"{source} read as {encoding}" + (f" ({', '.join(extras)})" if extras else ""))
            encoding, extras = None, []
        elif action == "transcode" and parameter == "restore_byte_a0":
            extras.append("no-break spaces restored")
        elif action == "transcode" and parameter == "replace_lossy_sequences":
            extras.append("lost bytes marked with U+FFFD")
        elif action == "transcode" and parameter == "fix_c1_controls":
            parts.append("windows-1252 characters read as Latin-1 control codes")
        elif action == "apply" and parameter == "decode_inconsistent_utf8":
            parts.append("UTF-8 read as a single-byte encoding (mixed with correct text)")
    return "; then ".join(dict.fromkeys(parts)) or "broken encoding"


def _diff_edits(before: str, after: str, offset: int, message: str, priority: int) -> list[Edit]:
    """Replaced groups of whitespace-separated tokens, trimmed of shared edges.

    Tokens, not characters, are aligned: a character diff happily matches the "–" inside
    "вЂ“" with the repaired "–" and produces edits that are only right all together.
    """
    old_tokens, new_tokens = TOKEN_RE.findall(before), TOKEN_RE.findall(after)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    edits: list[Edit] = []
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            continue
        start = offset + sum(map(len, old_tokens[:a0]))
        old, new = "".join(old_tokens[a0:a1]), "".join(new_tokens[b0:b1])
        head = _shared_edge(old, new)
        old, new, start = old[head:], new[head:], start + head
        tail = _shared_edge(old[::-1], new[::-1])
        old, new = old[: len(old) - tail], new[: len(new) - tail]
        edits.append(Edit(start, start + len(old), new, rule="encoding.mojibake", category="encoding",
                          message=message, priority=priority))
    return edits


def _shared_edge(a: str, b: str) -> int:
    """Length of the shared head of `a` and `b` that leaves both non-empty when cut off."""
    n = 0
    while n + 1 < len(a) and n + 1 < len(b) and a[n] == b[n]:
        n += 1
    return n
