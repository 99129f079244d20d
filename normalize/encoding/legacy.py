"""Legacy single-byte mojibake that ftfy does not repair.

Two kinds of damage, both common in news archives of Greek and Cyrillic outlets:

1. Text written in a Greek or Cyrillic code page (cp1251, KOI8-R, KOI8-U, cp1253,
   ISO-8859-7) and read as Latin-1/cp1252: "Ñåðãåé Øîéãó" is "Сергей Шойгу".
   ftfy only repairs UTF-8 read in the wrong code page, so it leaves this alone.
2. UTF-8 Greek/Cyrillic read as cp1251: "РЎРµСЂРіРµР№" is "Сергей".

Why statistics and not a character test: every byte decodes to *something* in every code
page, and genuine French or German words use the same accented letters. A run is repaired
only when (a) each of its words consists entirely of non-ASCII characters (no Cyrillic or Greek
word read as Latin-1 keeps an ASCII letter), (b) its decoding is a plausible word sequence of
a Cyrillic or Greek language, and (c) the decoding is far more plausible than the original
read as any Latin-script language (letter-bigram models, see `stats`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Iterator, NamedTuple



import regex

from normalize.edits import Edit
from normalize.encoding.declared import (
    LEGACY_CP1251, LEGACY_CP1253, LEGACY_ISO_8859_7, LEGACY_KOI8_R, LEGACY_KOI8_U, UTF8_AS_CP1251,
)
from normalize.encoding.stats import best_score
from normalize.langid.scripts import script_of

class SourcePage(NamedTuple):
    """A code page legacy text was written in; `rule` is the id of its repairs (declared in `declared`)."""

    codec: str
    rule: str
    name: str
    script: str


# The order breaks ties between equal decodings.
CP1251 = SourcePage("cp1251", LEGACY_CP1251.id, "cp1251", "Cyrillic")
KOI8_R = SourcePage("koi8_r", LEGACY_KOI8_R.id, "KOI8-R", "Cyrillic")
KOI8_U = SourcePage("koi8_u", LEGACY_KOI8_U.id, "KOI8-U", "Cyrillic")
CP1253 = SourcePage("cp1253", LEGACY_CP1253.id, "cp1253", "Greek")
ISO_8859_7 = SourcePage("iso8859_7", LEGACY_ISO_8859_7.id, "ISO-8859-7", "Greek")
SOURCE_PAGES = (CP1251, KOI8_R, KOI8_U, CP1253, ISO_8859_7)
MIN_SCORE = -4.6  # decoded text must read at least this well in its language
MIN_MARGIN = 2.0  # ... and this much better than the original as Latin-script text
SHORT_RUN = 6  # fewer letters than this: demand more
SHORT_MIN_SCORE = -4.0
SHORT_MIN_MARGIN = 3.5
MIXED_LATIN_WORD_RE = regex.compile(r"\b(?=\w*[a-zA-Z])(?=\w*[\u00c0-\u00ff])\w+")
UNCOVERED_PENALTY = 3.0  # per fraction of the run a code page cannot decode
GAP_SYMBOLS = frozenset("№©®°±§·€™")


@cache
def latin_byte_of() -> dict[str, int]:
    """Char -> byte as a Latin-1 or cp1252 reader produced it (the "sloppy" union of both)."""
    table = {chr(b): b for b in range(0x80, 0x100)}
    for b in range(0x80, 0xA0):
        try:
            table[bytes([b]).decode("cp1252")] = b
        except UnicodeDecodeError:
            pass
    return table


@cache
def _word_class() -> str:
    """Regex class of the non-ASCII characters that are letters in at least one source page."""
    chars = {
        ch
        for ch, b in latin_byte_of().items()
        if any(_decode_byte(b, page.codec).isalpha() for page in SOURCE_PAGES)
    }
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def _decode_byte(byte: int, codec: str) -> str:
    try:
        return bytes([byte]).decode(codec)
    except UnicodeDecodeError:
        return ""


@cache
def _latin_word_re() -> re.Pattern[str]:
    return re.compile(_word_class() + "+")


@dataclass(frozen=True, slots=True)
class _Run:
    words: list[tuple[int, int]]


def find_legacy_mojibake(text: str) -> list[Edit]:
    """Edits repairing legacy Greek/Cyrillic mojibake, one per run of damaged words.

    >>> [e.replacement for e in find_legacy_mojibake("Minister Ñåðãåé Øîéãó said")]
    ['Сергей Шойгу']
    >>> find_legacy_mojibake("Le café où j'ai mangé à Paris")
    []
    """
    return [edit for edit, _ in find_legacy_repairs(text)] + find_utf8_read_as_cp1251(text)


def find_legacy_repairs(text: str) -> list[tuple[Edit, SourcePage]]:
    """Greek/Cyrillic text read as Latin-1/cp1252: each edit with the page it decodes from."""
    if text.isascii() or _pair_re().search(text) is None:
        return []
    return [repair for run in _latin_runs(text) for repair in _repair_latin_run(text, run)]


def find_utf8_read_as_cp1251(text: str) -> list[Edit]:
    if text.isascii() or _cp1251_pair_re().search(text) is None:
        return []
    return _find_utf8_as_cp1251(text)


def needs_legacy_check(text: str) -> bool:
    """Cheap gate: two adjacent high Latin-1/cp1252 characters, or a UTF-8 pair read as cp1251."""
    if text.isascii():
        return False
    return _pair_re().search(text) is not None or _cp1251_pair_re().search(text) is not None


@cache
def _pair_re() -> re.Pattern[str]:
    return re.compile(_word_class() + "{2}")


def _is_word(text: str, start: int, end: int) -> bool:
    """A whole word: no letter glued on, except ASCII letters after a long run ("компаниейT.T.A.")."""
    for i in (start - 1, end):
        if 0 <= i < len(text) and text[i].isalpha():
            if not text[i].isascii() or end - start < 4:
                return False
    return True


def _latin_runs(text: str) -> Iterator[_Run]:
    """Group all-non-ASCII words into runs separated only by letter-free, Latin-encodable gaps.
    One run at a time: a list of every run of a long text cost 16x the text in memory."""
    table = latin_byte_of()
    current: list[tuple[int, int]] = []
    for match in _latin_word_re().finditer(text):
        if not _is_word(text, *match.span()):
            if current:
                yield _Run(_trim_latin_tail(text, current))
                current = []
            continue
        if current:
            gap = text[current[-1][1] : match.start()]
            if "\n" in gap or any(c.isalpha() or not (c.isascii() or c in table) for c in gap):
                yield _Run(_trim_latin_tail(text, current))
                current = []
        current.append(match.span())
    if current:
        yield _Run(_trim_latin_tail(text, current))


LOWERCASE_LATIN_NEXT = re.compile(r"[ \u00a0]+[a-z]")


def _trim_latin_tail(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A one-letter word ending a run and followed by a lowercase Latin word is the start of
    Latin text ("Øîéãó à la carte": a French "à"), not part of the mojibake before it."""
    if len(words) > 1 and words[-1][1] - words[-1][0] == 1 and LOWERCASE_LATIN_NEXT.match(text, words[-1][1]):
        return words[:-1]
    return words


def _repair_latin_run(text: str, run: _Run) -> list[tuple[Edit, SourcePage]]:
    """Pick the code page that explains the run best; edit each stretch of words it decodes."""
    if max(b - a for a, b in run.words) < 2:
        return []  # one-letter words only ("à", "é"): never convincing, whichever page (_convincing)
    total = sum(b - a for a, b in run.words)
    best: tuple[float, int, int, list[bool], str] | None = None
    raws = [_word_bytes(text[a:b]) for a, b in run.words]  # the bytes a Latin-1/cp1252 reader saw
    for rank, (codec, _rule, _name, script) in enumerate(SOURCE_PAGES):
        letters = _letter_bytes(codec, script)
        valid = [bool(raw) and not raw.translate(None, letters) for raw in raws]  # every byte a letter of the script
        covered = sum(b - a for (a, b), ok in zip(run.words, valid) if ok)
        if not covered:
            continue
        decoded = " ".join(raw.decode(codec) for raw, ok in zip(raws, valid) if ok)
        score = best_score(decoded, script)[1]
        key = score - UNCOVERED_PENALTY * (total - covered) / total
        if best is None or (key, -rank) > (best[0], -best[1]):
            best = (key, rank, covered, valid, decoded)
    if best is None:
        return []
    _, rank, covered, valid, decoded = best
    page = SOURCE_PAGES[rank]
    words = [w for w, ok in zip(run.words, valid) if ok]
    if not _convincing(text, words, decoded, page.script) or (
        covered < SHORT_RUN and _looks_latin_short(text, run, decoded)
    ):
        return []
    return [(_latin_edit(text, group, page), page) for group in _stretches(run.words, valid)]


def _convincing(text: str, words: list[tuple[int, int]], decoded: str, script: str) -> bool:
    letters = sum(b - a for a, b in words)
    if letters < 2 or max(b - a for a, b in words) < 2:
        return False
    score = best_score(decoded, script)[1]
    latin = best_score(" ".join(text[a:b] for a, b in words), "Latin")[1]
    short = letters < SHORT_RUN
    if score < (SHORT_MIN_SCORE if short else MIN_SCORE):
        return False
    return score - latin >= (SHORT_MIN_MARGIN if short else MIN_MARGIN)


def _looks_latin_short(text: str, run: _Run, decoded: str) -> bool:
    """Short runs carry little statistical evidence; refuse the usual Latin look-alikes.

    All-caps shouting ("ÌÑÌ"), tripled letters ("Ôôô") and lines whose other words mix
    ASCII with accented letters (genuine Latin-1 text) are left alone.
    """
    if decoded.isupper() or regex.search(r"(?i)(\w)\1\1", decoded):
        return True
    line_start = text.rfind("\n", 0, run.words[0][0]) + 1
    line_end = text.find("\n", run.words[-1][1])
    line = text[line_start : None if line_end == -1 else line_end]
    return MIXED_LATIN_WORD_RE.search(line) is not None


def _stretches(words: list[tuple[int, int]], valid: list[bool]) -> list[list[tuple[int, int]]]:
    groups: list[list[tuple[int, int]]] = []
    previous = False
    for word, ok in zip(words, valid):
        if ok and previous:
            groups[-1].append(word)
        elif ok:
            groups.append([word])
        previous = ok
    return groups


def _latin_edit(text: str, words: list[tuple[int, int]], page: SourcePage) -> Edit:
    start, end = words[0][0], words[-1][1]
    span = text[start:end]
    if any(ord(c) > 0xFF for c in span):
        reader = "cp1252"
    else:
        reader = "Latin-1"
    return Edit(start, end, _decode_span(span, page.codec), rule=page.rule, category="encoding",
                message=f"{page.name} text read as {reader}")


def _word_bytes(word: str) -> bytes:
    """The bytes behind `word` as a Latin-1 or cp1252 reader showed them (latin_byte_of), b""
    when a character is not one of those (ASCII included)."""
    try:
        raw = word.translate(_latin_chars()).encode("latin-1")
    except UnicodeEncodeError:
        return b""
    return raw if raw and min(raw) >= 0x80 else b""


@cache
def _latin_chars() -> dict[int, str]:
    """str.translate table: each character of latin_byte_of to the Latin-1 character of its byte."""
    return {ord(ch): chr(b) for ch, b in latin_byte_of().items()}


@cache
def _letter_bytes(codec: str, script: str) -> bytes:
    """The bytes `codec` decodes to a letter of `script`: a word is read in `codec` when
    deleting these leaves nothing of it."""
    return bytes(b for b in range(0x100) if (ch := _decode_byte(b, codec)) and ch.isalpha() and _script_of(ch) == script)


def _decode_span(span: str, codec: str) -> str:
    """Decode a whole run; gap characters change only into sensible punctuation."""
    return span.translate(_span_table(codec))


@cache
def _span_table(codec: str) -> dict[int, str]:
    """str.translate table of _decode_span: each non-ASCII character of latin_byte_of to what its
    byte is in `codec`, where that is a letter, punctuation, a space or a gap symbol."""
    table: dict[int, str] = {}
    for ch, byte in latin_byte_of().items():
        new = _decode_byte(byte, codec)
        if not ch.isascii() and new and (new.isalpha() or unicodedata.category(new)[0] in "PZ" or new in GAP_SYMBOLS):
            table[ord(ch)] = new
    return table


def _script_of(ch: str) -> str:
    """"Latin", "Greek", "Cyrillic" (the scripts of the code pages we decode), or "Other"."""
    name = script_of(ch)
    return name if name in ("Latin", "Greek", "Cyrillic") else "Other"


# --- UTF-8 read as cp1251 ---------------------------------------------------------------


@cache
def cp1251_byte_of() -> dict[str, int]:
    """Char -> byte for a cp1251 reader (0x98, undefined, kept as U+0098 by sloppy readers)."""
    table = {}
    for b in range(0x80, 0x100):
        ch = _decode_byte(b, "cp1251") or chr(b)
        table[ch] = b
    return table


def _chars_for(lo: int, hi: int) -> str:
    inv = {b: c for c, b in cp1251_byte_of().items()}
    return "".join(re.escape(inv[b]) for b in range(lo, hi + 1))


@cache
def _cp1251_pair_re() -> re.Pattern[str]:
    lead, cont = _chars_for(0xC2, 0xEF), _chars_for(0x80, 0xBF)
    return re.compile(f"[{lead}][{cont}]")


TOKEN_RE = re.compile(r"[^ \t\n\r\f\v]+")


def _find_utf8_as_cp1251(text: str) -> list[Edit]:
    """Tokens that re-encode to valid UTF-8, grouped into runs on one line and judged together."""
    edits: list[Edit] = []
    run: list[tuple[int, int, str]] = []
    for start, end, decoded in _utf8_tokens(text):
        if run and (text[run[-1][1] : start].strip(" \t") or "\n" in text[run[-1][1] : start]):
            edits.extend(_utf8_run_edit(text, run))
            run = []
        if decoded is None:
            edits.extend(_utf8_run_edit(text, run))
            run = []
        else:
            run.append((start, end, decoded))
    edits.extend(_utf8_run_edit(text, run))
    return edits


def _utf8_tokens(text: str) -> Iterator[tuple[int, int, str | None]]:
    """The tokens that may be UTF-8 read as cp1251, each with its re-decoding (None when it is not).

    A token ending in a lone lead byte is joined with the next one through a space that was
    a no-break space (byte 0xA0): "Р Рѕ" is "Р\xa0Рѕ". Only tokens holding a (lead,
    continuation) pair or ending in a lead are looked at: no other token re-decodes, and a
    token left out still ends a run (the caller sees text between two tokens it is given).
    One token at a time: lists of every token of a long text cost 16x the text in memory.
    """
    done = 0  # tokens before this offset are handled
    for hint in _cp1251_hint_re().finditer(text):
        if hint.start() < done:
            continue
        start = TOKEN_START_RE.search(text, done, hint.start()).start()
        end = TOKEN_RE.match(text, start).end()  # type: ignore[union-attr]
        raw = _cp1251_bytes(text[start:end])
        while raw and _ends_with_lone_lead(raw) and (following := TOKEN_RE.match(text, end + 1)) is not None:
            more = _cp1251_bytes(following.group())
            if more is None:
                break
            raw, end = raw + b"\xa0" + more, following.end()
        done = end
        yield start, end, _utf8_or_none(raw, text[start:end])


SPACES = " \t\n\r\f\v"  # what ends a TOKEN_RE token
# matched right to left from the hint: where its token starts (or `done`), in one short scan
TOKEN_START_RE = regex.compile(r"[^ \t\n\r\f\v]*", regex.REVERSE)


@cache
def _cp1251_hint_re() -> re.Pattern[str]:
    """A whole UTF-8 sequence as cp1251 shows it (a lead, then as many continuations as it
    needs), or a lead that ends a token (with one continuation for a three-byte lead): every
    token that re-decodes holds one (a lone lead joins the next token). A lead and one
    continuation would do, but Ukrainian and Russian text hold many ("ні", "её", "м»"), each
    a token to look at, none of which decodes."""
    lead2, lead3, lead4 = _chars_for(0xC2, 0xDF), _chars_for(0xE0, 0xEF), _chars_for(0xF0, 0xF4)
    cont = f"[{_chars_for(0x80, 0xBF)}]"
    ends = f"(?![^{SPACES}])"
    return re.compile(f"[{lead2}]{cont}|[{lead3}]{cont}{{2}}|[{lead4}]{cont}{{3}}|[{lead2}]{ends}|[{lead3}]{cont}{ends}")


def _cp1251_bytes(token: str) -> bytes | None:
    try:  # the codec, where it encodes, agrees with the table (which adds only 0x98 as U+0098)
        return token.encode("cp1251")
    except UnicodeEncodeError:
        pass
    table = cp1251_byte_of()
    try:
        return bytes(ord(c) if c.isascii() else table[c] for c in token)
    except KeyError:
        return None


def _ends_with_lone_lead(raw: bytes) -> bool:
    return 0xC2 <= raw[-1] <= 0xDF or (len(raw) >= 2 and 0xE0 <= raw[-2] <= 0xEF and 0x80 <= raw[-1] <= 0xBF)


def _utf8_or_none(raw: bytes | None, token: str) -> str | None:
    if raw is None or raw.isascii():
        return None
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return decoded if decoded != token.replace(" ", "\xa0") else None


def _utf8_run_edit(text: str, run: list[tuple[int, int, str]]) -> list[Edit]:
    if not run:
        return []
    start, end = run[0][0], run[-1][1]
    parts: list[str] = []
    for i, (a, b, decoded) in enumerate(run):
        parts.append(decoded)
        if i + 1 < len(run):
            parts.append(text[b : run[i + 1][0]])
    replacement = "".join(parts)
    if not _plausible_utf8_repair(text[start:end], replacement):
        return []
    while replacement and text[start] == replacement[0] and text[start].isascii():  # "(" or '"'
        start, replacement = start + 1, replacement[1:]
    while replacement and text[end - 1] == replacement[-1] and text[end - 1].isascii():  # "." or ","
        end, replacement = end - 1, replacement[:-1]
    return [Edit(start, end, replacement, rule=UTF8_AS_CP1251.id, category="encoding",
                 message="UTF-8 text read as cp1251")]


def _plausible_utf8_repair(original: str, decoded: str) -> bool:
    letters = [ch for ch in decoded if ch.isalpha() and not ch.isascii()]
    if not letters:
        return False
    scripts = {_script_of(ch) for ch in letters}
    if len(scripts) != 1 or not scripts <= {"Cyrillic", "Greek"}:
        return False
    new = best_score(decoded, scripts.pop())[1]
    old = best_score(original, "Cyrillic")[1]
    short = len(letters) < SHORT_RUN
    return new >= (SHORT_MIN_SCORE if short else MIN_SCORE) and new - old >= (2.5 if short else 1.5)
