"""Bytes to text: BOMs, UTF-16/32, legacy code pages and UTF-8 with stray bytes.

Why not a charset detector (`charset_normalizer.from_bytes(data).best()`): on short news items
it often guesses wrong (a Greek paragraph in cp1253 comes back as Shift-JIS), and a file that is
UTF-8 except for one pasted cp1252 "£" must not be re-decoded as cp1252 as a whole. So:

- valid UTF-8 (optionally with a BOM) is taken as is;
- UTF-8 with a few invalid byte runs keeps its UTF-8 and each run becomes an edit
  (`encoding.stray-bytes`) decoded in the code page that fits its neighbourhood;
- otherwise each line is read in the single-byte code page that gives the most plausible text
  (`legacy_file`): one page for the file, another for a passage only where it reads far better
  (`encoding.mixed-code-pages`); too little evidence raises `NormalizeError` so the caller
  leaves the file untouched.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


from normalize.edits import Edit, Finding
from normalize.encoding.declared import LEGACY_FILE, MIXED_CODE_PAGES, STRAY_BYTES
from normalize.encoding.legacy_file import TYPOGRAPHIC
from normalize.encoding.stats import best_score
from normalize.errors import NormalizeError
from normalize.langid.scripts import script_of

BOMS = (  # longest first: the UTF-32-LE BOM starts with the UTF-16-LE one
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
DISPLAY = {"iso8859_2": "iso-8859-2", "koi8_r": "koi8-r", "koi8_u": "koi8-u", "iso8859_7": "iso-8859-7",
           "latin_1": "iso-8859-1"}
PAGES_BY_SCRIPT = {"Latin": ("cp1252", "cp1250"), "Cyrillic": ("cp1251", "koi8_r"), "Greek": ("cp1253", "iso8859_7")}
SAMPLE_CHARS = 50_000
CONTROL_OK = frozenset("\t\n\r\f\v\x1b")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text; `bom` is kept out of `text` so the writer can put it back."""

    text: str
    encoding: str
    bom: bytes
    edits: list[Edit]
    findings: list[Finding]


def decode_bytes(data: bytes) -> Decoded:
    """Decode a file's bytes, repairing stray bytes as edits; raise `NormalizeError` if unsure.

    >>> decode_bytes("Сергей".encode("utf-8")).encoding
    'utf-8'
    >>> decode_bytes(b"\\xef\\xbb\\xbfhi").bom
    b'\\xef\\xbb\\xbf'
    """
    if not data:
        return Decoded("", "utf-8", b"", [], [])
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data, bom, encoding)
    if b"\x00" in data:
        return _decode_utf16_without_bom(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_invalid_utf8(data, bom=b"")
    _reject_binary(text)
    return Decoded(text, "utf-8", b"", [], [])


def _decode_with_bom(data: bytes, bom: bytes, encoding: str) -> Decoded:
    body = data[len(bom) :]
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-8":
            return _decode_invalid_utf8(body, bom=bom)
        raise NormalizeError(f"invalid {encoding} after its byte-order mark at byte {exc.start + len(bom)}") from None
    _reject_binary(text)
    return Decoded(text, encoding, bom, [], [])


def _decode_utf16_without_bom(data: bytes) -> Decoded:
    """NUL bytes mean binary, unless they sit in every other byte as in BOM-less UTF-16 ASCII-heavy text."""
    if len(data) % 2 == 0 and len(data) >= 4:
        even, odd = data[0::2], data[1::2]
        for zeros, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
            if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) == 0:
                try:
                    text = data.decode(encoding)
                except UnicodeDecodeError:
                    break
                _reject_binary(text)
                return Decoded(text, encoding, b"", [], [])
    raise NormalizeError("binary file (NUL bytes)")


def _reject_binary(text: str) -> None:
    controls = sum(1 for ch in text[:SAMPLE_CHARS] if ch < " " and ch not in CONTROL_OK or ch == "\x7f")
    if "\x00" in text or controls > max(2, len(text[:SAMPLE_CHARS]) // 100):
        raise NormalizeError("binary file (control characters)")


# --- UTF-8 with stray bytes -----------------------------------------------------------------


COUNT_PIECE = 1 << 20  # characters counted at a time: each count copies its piece once


def _stray_and_multibyte(text: str) -> tuple[int, int]:
    """How many bytes surrogateescape kept (U+DC80-U+DCFF) and how many characters decoded as
    UTF-8 beyond ASCII, at C speed and a piece at a time (a legacy file has one stray byte per
    letter; a substitution would keep a list entry per match). An encoding with "ignore" drops
    exactly the lone surrogates (UTF-8) or everything beyond ASCII (ASCII)."""
    stray = multibyte = 0
    for start in range(0, len(text), COUNT_PIECE):
        piece = text[start : start + COUNT_PIECE]
        kept = len(piece.encode("utf-8", "surrogateescape"))  # every character's bytes, strays one each
        beyond_ascii = len(piece) - len(piece.encode("ascii", "ignore"))
        piece_stray = kept - len(piece.encode("utf-8", "ignore"))
        stray += piece_stray
        multibyte += beyond_ascii - piece_stray
    return stray, multibyte


def _decode_invalid_utf8(data: bytes, bom: bytes) -> Decoded:
    text = data.decode("utf-8", errors="surrogateescape")
    stray, multibyte = _stray_and_multibyte(text)
    if not bom and multibyte < max(1, stray):
        del text  # twice the input, not needed to read it again (peak memory)
        return _decode_legacy(data)
    _reject_binary(text)
    edits, findings = repair_stray_bytes(text)
    return Decoded(text, "utf-8", bom, edits, findings)


def _stray_runs(text: str) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        if "\udc80" <= text[i] <= "\udcff":
            j = i
            while j < len(text) and "\udc80" <= text[j] <= "\udcff":
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def repair_stray_bytes(text: str) -> tuple[list[Edit], list[Finding]]:
    """One edit per run of lone surrogates (U+DC80..U+DCFF, from `surrogateescape`).

    Each run is decoded in the code page that fits the script around it; a run that no code
    page decodes to printable text becomes a finding (the bytes stay, via surrogateescape).
    """
    edits: list[Edit] = []
    findings: list[Finding] = []
    for start, end in _stray_runs(text):
        raw = bytes(ord(ch) - 0xDC00 for ch in text[start:end])
        shown = " ".join(f"{b:02X}" for b in raw)
        choice = _choose_page_for_run(text, start, end, raw)
        if choice is None:
            findings.append(STRAY_BYTES.finding(start, end, "", f"invalid UTF-8 bytes {shown} that no supported "
                                                f"code page explains{_dos_or_mac(raw)}", severity="error"))
            continue
        encoding, decoded = choice
        edits.append(STRAY_BYTES.edit(start, end, decoded,
                                      f"invalid UTF-8 bytes {shown} decoded as {DISPLAY.get(encoding, encoding)}"))
    return edits, findings


def _choose_page_for_run(text: str, start: int, end: int, raw: bytes) -> tuple[str, str] | None:
    window = text[max(0, start - 300) : end + 300]
    script = _dominant_script(window) or "Latin"
    order = PAGES_BY_SCRIPT[script] + tuple(p for s, ps in PAGES_BY_SCRIPT.items() if s != script for p in ps)
    left, right = _word_around(text, start, end)
    best: tuple[float, int, str, str] | None = None
    for rank, page in enumerate(order):
        try:
            decoded = raw.decode(page)
        except UnicodeDecodeError:
            continue
        if not all(unicodedata.category(ch)[0] != "C" for ch in decoded):
            continue
        letters = [ch for ch in decoded if ch.isalpha()]
        if letters and {_script(ch) for ch in letters} != {script}:
            continue  # a Cyrillic letter inside a French word is not the answer
        if not letters and (left or right) and not set(decoded) <= TYPOGRAPHIC:
            continue  # nor is a box-drawing "│" inside "M\x81nchen" (a DOS "ü")
        score = best_score(left + decoded + right, script)[1] if letters else 0.0
        if best is None or (score, -rank) > (best[0], best[1]):
            best = (score, -rank, page, decoded)
    return None if best is None else (best[2], best[3])


def _dos_or_mac(raw: bytes) -> str:
    """A note when DOS and Mac Roman both read the bytes as letters: one of them is likely
    right, and which cannot be told (no guess is made)."""
    dos, mac = raw.decode("cp850"), raw.decode("mac_roman")
    if dos != mac and dos.isalpha() and mac.isalpha():
        return f" ({dos!r} in DOS cp850, {mac!r} in Mac Roman: not guessed)"
    return ""


def _word_around(text: str, start: int, end: int) -> tuple[str, str]:
    i, j = start, end
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    while j < len(text) and text[j].isalpha():
        j += 1
    return text[i:start], text[end:j]


def _script(ch: str) -> str:
    """"Latin", "Greek", "Cyrillic" (the scripts of the code pages we decode), or "Other"."""
    name = script_of(ch)
    return name if name in ("Latin", "Greek", "Cyrillic") else "Other"


def _dominant_script(text: str) -> str | None:
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha() and not ch.isascii():
            counts[_script(ch)] = counts.get(_script(ch), 0) + 1
    counts.pop("Other", None)
    return max(counts, key=lambda s: counts[s]) if counts else None


# --- whole legacy files -------------------------------------------------------------------


def _decode_legacy(data: bytes) -> Decoded:
    from normalize.encoding.legacy_file import DISPLAY as PAGE_NAMES, decode_legacy

    decoded = decode_legacy(data)
    _reject_binary(decoded.text)
    name = PAGE_NAMES.get(decoded.page, decoded.page)
    others = ""
    findings: list[Finding] = []
    for passage in decoded.passages:
        other = PAGE_NAMES[passage.page]
        lines = f"line {passage.first + 1}" if passage.first == passage.last else \
            f"lines {passage.first + 1}-{passage.last + 1}"
        others += f"; {lines} as {other}"
        findings.append(MIXED_CODE_PAGES.finding(passage.start, passage.end, "",
                                                 f"{lines} decoded as {other}: the rest of the file is {name}",
                                                 extra={"code_page": other}))
    note = LEGACY_FILE.finding(
        0, 0, "", f"file is not UTF-8: decoded as {name} ({decoded.language} letter statistics){others}",
        language=decoded.language, confidence=decoded.confidence,
        extra={"code_pages": [{"code_page": PAGE_NAMES[p.page], "start": p.start, "end": p.end}
                              for p in decoded.passages]} if decoded.passages else {})
    return Decoded(decoded.text, name, b"", [], [note, *findings])
