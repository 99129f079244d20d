"""UTF-8 mojibake ("donâ€™t", "Ð¡ÐµÑ€Ð³ÐµÐ¹") repaired through ftfy, one edit per damaged span.

Why ftfy, configured narrowly: its heuristic (`ftfy.badness`) is the best public one and its
test suite documents the edge cases; but `ftfy.fix_text` also straightens quotes, widens
characters and normalises, which a publisher does not want from an *encoding* rule. We run only
the encoding steps, line by line as `ftfy.fix_text` does, and turn the difference between a
line and its repair into small edits, so the report shows each repaired word rather than a
rewritten document.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Iterator

from typing import TYPE_CHECKING, Any

import regex

from normalize.edits import Edit, Finding, new_edit
from normalize.encoding.declared import MOJIBAKE
from normalize.encoding.stats import code_page_script as _script

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


@cache
def lead_chars() -> frozenset[str]:
    """Every character a UTF-8 lead byte (0xC2-0xF4) becomes in one of ftfy's code pages or
    cp1251: UTF-8 mojibake always holds one ("×" in Hebrew read as cp1252, "Ř" in Arabic
    read as cp1250)."""
    leads = bytes(range(0xC2, 0xF5))
    chars = {c for encoding in CHARMAP_ENCODINGS for c in _decode_sloppily(leads, encoding)}
    return frozenset(chars | set(_decode_sloppily(leads, "sloppy-cp1251")))


NON_ASCII_RE = re.compile(r"[^\x00-\x7f]+")
NON_ASCII_SPLIT = re.compile(r"([^\x00-\x7f]+)")  # split() keeps the stretches, between the ASCII


def _hits(text: str, pos: int = 0) -> Iterator[int]:
    """Offsets of prefilter hits from `pos`; only the (usually few) non-ASCII stretches are examined."""
    scan, pages = _pairs()
    if scan.search(text, pos) is None:  # one C-speed look: clean text has no candidate at all
        return
    for run in NON_ASCII_RE.finditer(text, pos):
        for match in scan.finditer(text, run.start(), min(len(text), run.end() + 1)):
            pair = match.group()
            if len(pair) == 1 or pair[1] in " ?\ufffd" or any(
                    pair[0] in lead and pair[1] in cont for lead, cont in pages):
                yield match.start()


def _first_hit(text: str, pos: int = 0) -> int | None:
    """`next(_hits(text, pos), None)`, usually without the walk over the non-ASCII stretches: the
    leftmost candidate of the scan is the first one `_hits` looks at, and mostly a real hit."""
    scan, pages = _pairs()
    match = scan.search(text, pos)
    if match is None:
        return None
    pair = match.group()
    if len(pair) == 1 or pair[1] in " ?\ufffd" or any(pair[0] in lead and pair[1] in cont for lead, cont in pages):
        return match.start()
    return next(_hits(text, pos), None)


def _char_class(chars: str) -> str:
    return "".join(re.escape(c) for c in sorted(set(chars)))


def _suspect_lines(text: str, settled: dict[str, None] | None = None) -> list[tuple[int, int]]:
    """(start, end) of each line holding a prefilter hit, end including the line break.

    Once a line has a hit, the scan jumps to the next line: a damaged line is checked once,
    however many hits it holds. A line in `settled` (ftfy leaves it as it is) is passed over
    without telling its candidates from real hits: whether it has one changes nothing."""
    spans: list[tuple[int, int]] = []
    scan = _pairs()[0]
    pos = 0
    while True:
        if settled:
            candidate = scan.search(text, pos)  # every real hit is a candidate
            if candidate is None:
                return spans
            pos = text.rfind("\n", 0, candidate.start()) + 1
            end = text.find("\n", candidate.start() + 1)
            end = len(text) if end == -1 else end + 1
            if text[pos:end] in settled:
                pos = end
                continue
        hit = _first_hit(text, pos)
        if hit is None:
            return spans
        start = text.rfind("\n", 0, hit) + 1
        end = text.find("\n", hit + 1)
        end = len(text) if end == -1 else end + 1
        spans.append((start, end))
        pos = end


def _line_needs_fix(line: str) -> bool:
    from normalize.encoding.badness import is_bad

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
    return find_utf8_repairs(text)[0]


def find_utf8_repairs(text: str) -> tuple[list[Edit], list[Finding]]:
    """Edits repairing UTF-8 mojibake, and a finding per line whose repair could not be finished.

    A line ftfy repairs only in part ("İstanbul duruÅŸu") is finished word by word; if a damaged
    word is left that no single reading settles, the line is left as it is and reported.
    """
    if text.isascii():
        return [], []
    edits: list[Edit] = []
    findings: list[Finding] = []
    for start, end in _suspect_lines(text, _settled):  # lines ftfy leaves as they are: no need to look
        line = text[start:end]
        fixed, steps = _fix_and_explain(line)
        if fixed == line:
            continue
        message = _explained(tuple(steps or ()))
        fixed, left = _finish(fixed)
        if left:
            findings.append(MOJIBAKE.finding(start, start + len(line.rstrip("\r\n")), "",
                                             f"{message}, but {left!r} would stay broken: line left as it is"))
            continue
        # A whole-line re-decoding is strong evidence; piecewise repairs are not.
        priority = UTF8_PRIORITY if any(s.action == "decode" and s.parameter.startswith("utf-8") for s in steps or []) else 0
        edits.extend(_diff_edits(line, fixed, start, message, priority))
    return edits, findings


# The ftfy releases whose fix_and_explain (encoding steps only) was checked to be the loop
# _fix_and_explain shortens: one re-decoding step, then the same step until nothing changes.
SHORTCUT_FTFY = ("6.3.",)
SETTLED_CHARS = 1_000_000  # lines known to need nothing, kept up to this many characters


@cache
def _one_step() -> Any:
    """ftfy's single re-decoding step, or None under an ftfy release the shortcut was not checked on."""
    import ftfy

    if not ftfy.__version__.startswith(SHORTCUT_FTFY):
        return None
    return getattr(ftfy, "_fix_encoding_one_step_and_explain", None)


_settled: dict[str, None] = {}  # lines ftfy leaves as they are; emptied when SETTLED_CHARS is reached
_settled_chars = [0]


def _fix_and_explain(line: str) -> tuple[str, list[ExplanationStep]]:
    """`ftfy.fix_and_explain(line)` with the encoding steps only, the same result at less cost.

    ftfy scans a line it re-decoded with its badness regex twice more to learn it is done (the
    inner loop, then the outer loop over all fixers); once is enough, since the answer cannot
    change. A line found finished is remembered, so the pipeline's check of the repaired text
    (the same line again) costs a lookup. Anything else (a second layer of damage, C1 controls,
    mixed lines) goes to ftfy itself."""
    if line in _settled:
        return line, []
    step = _one_step()
    if step is not None:
        from normalize.encoding.badness import is_bad  # ftfy's, cheaper on long clean lines

        if not is_bad(line):  # the step would leave it, and no C1 control is left for fix_c1_controls
            _settle(line)
            return line, []
        fixed, plan = _first_plan(line) or step(line, _encoding_only())
        if fixed == line and not C1_RE.search(line):  # not bad, or bad beyond this step: as it is
            _settle(line)
            return line, []
        # not bad: no further step, and no C1 control for fix_c1_controls either (is_bad flags those)
        if fixed != line and (fixed.isascii() or not is_bad(fixed)):
            _settle(fixed)
            return fixed, list(plan or [])
    from ftfy import fix_and_explain  # on first use only: ~45 ms saved for clean text

    fixed, steps = fix_and_explain(line, _encoding_only())
    return fixed, list(steps or [])


LOSSY_HINT = re.compile(rb"[\x80-\xff]\?")  # a "?" standing for a lost byte follows a lead or continuation


def _first_plan(line: str) -> tuple[str, list[ExplanationStep]] | None:
    """What ftfy's step (`_one_step`) gives for a bad `line` when its first plan applies (UTF-8
    read in one of its code pages); None when none does, and the step itself decides. Its own
    code, less two scans: `is_bad` (the caller has just asked) and the lossy-byte substitution
    on bytes holding neither a 0x1A nor a "?" after a byte over 0x7F (no match of its pattern)."""
    from ftfy import ExplanationStep, chardata, fixes

    config = _encoding_only()
    for encoding in chardata.CHARMAP_ENCODINGS:
        if not chardata.possible_encoding(line, encoding):
            continue
        encoded = line.encode(encoding)
        steps = [ExplanationStep("encode", encoding)]
        if config.restore_byte_a0 and encoding != "macroman" and _altered_utf8_re().search(encoded):
            replaced = fixes.restore_byte_a0(encoded)
            if replaced != encoded:
                steps.append(ExplanationStep("transcode", "restore_byte_a0"))
                encoded = replaced
        if config.replace_lossy_sequences and encoding.startswith("sloppy") and (
                b"\x1a" in encoded or LOSSY_HINT.search(encoded)):  # what every LOSSY_UTF8_RE match holds
            replaced = fixes.replace_lossy_sequences(encoded)
            if replaced != encoded:
                steps.append(ExplanationStep("transcode", "replace_lossy_sequences"))
                encoded = replaced
        decoding = "utf-8-variants" if 0xED in encoded or 0xC0 in encoded else "utf-8"
        try:
            fixed = encoded.decode(decoding)
        except UnicodeDecodeError:
            continue
        return fixed, [*steps, ExplanationStep("decode", decoding)]
    return None


# ftfy 6.3's chardata.ALTERED_UTF8_RE (UTF-8 with a no-break space byte read as a space),
# whose six branches begin with a lead byte: written as one class of those leads first, the
# rest of each branch behind a look back at its own leads, `re` skips ahead to the next lead
# at C speed instead of trying six branches at every byte. Matches exactly where it matches.
ALTERED_UTF8 = (b"[\xc2\xc3\xc5\xce\xd0\xd9][ ]|[\xe2\xe3][ ][\x80-\x84\x86-\x9f\xa1-\xbf]"
                b"|[\xe0-\xe3][\x80-\x84\x86-\x9f\xa1-\xbf][ ]|[\xf0][ ][\x80-\xbf][\x80-\xbf]"
                b"|[\xf0][\x80-\xbf][ ][\x80-\xbf]|[\xf0][\x80-\xbf][\x80-\xbf][ ]")


@cache
def _altered_utf8_re() -> re.Pattern[bytes]:
    from ftfy.chardata import ALTERED_UTF8_RE

    if ALTERED_UTF8_RE.pattern != ALTERED_UTF8 or ALTERED_UTF8_RE.flags != re.compile(ALTERED_UTF8).flags:
        return ALTERED_UTF8_RE  # not the pattern this rewriting was made from
    return re.compile(b"[\xc2\xc3\xc5\xce\xd0\xd9\xe0-\xe3\xf0](?:(?<=[\xc2\xc3\xc5\xce\xd0\xd9])[ ]"
                      b"|(?<=[\xe2\xe3])[ ][\x80-\x84\x86-\x9f\xa1-\xbf]|(?<=[\xe0-\xe3])[\x80-\x84\x86-\x9f\xa1-\xbf][ ]"
                      b"|(?<=\xf0)(?:[ ][\x80-\xbf][\x80-\xbf]|[\x80-\xbf][ ][\x80-\xbf]|[\x80-\xbf][\x80-\xbf][ ]))")


def _settle(line: str) -> None:
    if len(line) > SETTLED_CHARS:
        return
    _settled_chars[0] += len(line)
    if _settled_chars[0] > SETTLED_CHARS:
        _settled.clear()
        _settled_chars[0] = len(line)
    _settled[line] = None


# Pages a word left broken may have been read in (ftfy's, by the names its codecs register).
FINISH_PAGES = ("sloppy-windows-1252", "sloppy-windows-1250", "iso-8859-2", "sloppy-windows-1251",
                "sloppy-windows-1253", "sloppy-windows-1254", "sloppy-windows-1257", "latin-1")
FINISH_MARGIN = 1.0  # two readings of a word closer than this (letter statistics): unsettled
WORD_RE = re.compile(r"\S+")
# A UTF-8 lead byte as a Latin page shows it ("Ã", "Å", "Ĺ"): no word left broken without one
LATIN_LEAD_RE = re.compile(r"[\u00c0-\u024f]")
FINISH_PUNCTUATION = frozenset("’‘“”„–—…•€«»")


def _finish(line: str) -> tuple[str, str]:
    """`line` with words still holding UTF-8 mojibake decoded, and the first word no reading settles.

    A word counts as broken only if some page turns it back into valid UTF-8 made of letters of
    one script; genuine text ("gęś", "«café»") does not re-decode."""
    if line.isascii() or not LATIN_LEAD_RE.search(line) or _first_hit(line) is None:
        return line, ""
    import ftfy.bad_codecs  # noqa: F401 - registers the sloppy codecs

    parts: list[str] = []
    last = 0
    for match in WORD_RE.finditer(line):
        word = match.group()
        if word.isascii() or not LATIN_LEAD_RE.search(word) or _first_hit(word) is None:
            continue  # Greek or Cyrillic words are the legacy checks' business (and mostly genuine)
        readings: set[str] = set()
        for page in FINISH_PAGES:
            decoded = _redecode(word, page)
            if decoded is None:
                continue
            scripts = {_script(c) for c in decoded if c.isalpha() and not c.isascii()}
            if decoded != word and len(scripts) == 1 and "Other" not in scripts and _first_hit(decoded) is None:
                readings.add(decoded)
        if not readings:
            continue  # genuine text
        scored = sorted(((_plausibility(r), r) for r in readings), reverse=True)
        if scored[0][0] < _plausibility(word) + FINISH_MARGIN:
            continue  # reads no better decoded: genuine text

        if len(scored) > 1 and scored[0][0] - scored[1][0] < FINISH_MARGIN:
            return line, word
        parts += [line[last : match.start()], scored[0][1]]
        last = match.end()
    return "".join(parts) + line[last:], ""


UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _plausibility(word: str) -> float:
    from normalize.encoding.stats import best_score

    scripts = [_script(c) for c in word if c.isalpha() and not c.isascii()] or ["Latin"]
    script = max(set(scripts), key=scripts.count)
    return best_score(word, script if script != "Other" else "Latin")[1]


def _redecode(word: str, page: str) -> str | None:
    """`word` with every UTF-8 sequence its characters form as `page` bytes decoded ("yüreÄŸi":
    "ÄŸ" is "ğ", the genuine "ü" stays); None if it holds none."""
    raw = bytearray()
    for ch in word:
        try:
            raw += ch.encode(page)
        except UnicodeEncodeError:  # a character the page lacks ("ı") is genuine: decode around it
            raw += b"\x00"
    return _decode_sequences(bytes(raw), word)


def _decode_sequences(raw: bytes, word: str) -> str | None:
    """Single-byte pages: byte i is character i of `word`; decode the UTF-8 sequences only."""
    parts: list[str] = []
    last = 0
    for match in UTF8_SEQUENCE.finditer(raw):
        try:
            decoded = match.group().decode("utf-8")
        except UnicodeDecodeError:
            continue
        if not (decoded.isalpha() or decoded in FINISH_PUNCTUATION):
            return None  # "Ві" in cp1251 is the bytes of "³": genuine Cyrillic, not mojibake
        parts += [word[last : match.start()], decoded]
        last = match.end()
    return "".join(parts) + word[last:] if parts else None


@lru_cache(maxsize=256)
def _explained(steps: tuple[ExplanationStep, ...]) -> str:
    """`explain`, worked out once per plan: a few plans repair thousands of lines (and their
    edits then share one message string)."""
    return explain(list(steps))


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
    """One edit per stretch the repair changed (changed stretches a space or ", " apart are one
    phrase, one edit), found in one linear walk.

    A mojibake repair only rewrites non-ASCII stretches: ASCII bytes decode to themselves in
    every code page and in UTF-8, so the ASCII characters of `before` and `after` line up, and
    the only ASCII a repair consumes is a space that stood for a lost no-break space or a "?"
    for a lost byte. Each stretch between anchors is replaced whole (never aligned character by
    character, which would match the "–" inside "вЂ“" with the repaired "–"). If the ASCII does
    not line up, the whole changed middle of the line becomes one edit.
    """
    old_parts, new_parts = NON_ASCII_SPLIT.split(before), NON_ASCII_SPLIT.split(after)  # ASCII, stretch, ASCII...
    if old_parts[::2] == new_parts[::2]:  # the usual case: same ASCII, each non-ASCII stretch became one
        return _paired_edits(PHRASE_SPLIT.split(before), PHRASE_SPLIT.split(after), offset, message, priority)
    return _span_edits(before, after, offset, message, priority)


# The words of one phrase: "Ð¡ÐµÑ€Ð³ÐµÐ¹ Ð¨Ð¾Ð¹Ð³Ñƒ" is one change to "Сергей Шойгу", not two, and a
# line of Cyrillic or Greek mojibake is a change per phrase, not one per word (each is an
# Edit and a Change object: most of the cost of such a document, and of its report's memory).
JOINING = re.compile(r",? ")
PHRASE_SPLIT = re.compile(r"([^\x00-\x7f]+(?:,? [^\x00-\x7f]+)*)")  # stretches JOINING apart: one part


def _span_edits(before: str, after: str, offset: int, message: str, priority: int) -> list[Edit]:
    """`_diff_edits` in general: the stretches between ASCII anchors, or the changed middle."""
    spans = _changed_spans(before, after)
    if spans is None:
        head = _shared_edge(before, after)
        tail = _shared_edge(before[head:][::-1], after[head:][::-1])
        spans = [(head, len(before) - tail, head, len(after) - tail)]
    changed = [span for span in spans if before[span[0] : span[1]] != after[span[2] : span[3]]]
    edits: list[Edit] = []
    i = 0
    while i < len(changed):
        a0, a1, b0, b1 = changed[i]
        i += 1
        while i < len(changed) and JOINING.fullmatch(before, a1, changed[i][0]):  # one phrase
            _, a1, _, b1 = changed[i]
            i += 1
        edits.append(_trimmed_edit(before[a0:a1], after[b0:b1], offset + a0, message, priority))
    return edits


def _paired_edits(olds: list[str], news: list[str], offset: int, message: str, priority: int) -> list[Edit]:
    """`_diff_edits` when each non-ASCII stretch became one, the ASCII between them the same:
    `olds` and `news` are the text split into ASCII and phrases (PHRASE_SPLIT), phrase i of
    `olds` became phrase i of `news`. The same edits as the general walk, at C speed per phrase."""
    edits: list[Edit] = []
    start = offset
    for gap, old, new in zip(olds[::2], olds[1::2], news[1::2]):
        start += len(gap)
        if old != new:
            if " " in old and any(map(str.__eq__, old.split(" "), new.split(" "))):  # a word as it was
                edits += _word_edits(old, new, start, message, priority)
            else:
                edits.append(_trimmed_edit(old, new, start, message, priority))
        start += len(old)
    return edits


def _word_edits(old: str, new: str, start: int, message: str, priority: int) -> list[Edit]:
    """The edits of a phrase some of whose words the repair left as they were: one per run of
    changed words."""
    old_parts, new_parts = NON_ASCII_SPLIT.split(old), NON_ASCII_SPLIT.split(new)
    edits: list[Edit] = []
    run: list[int] | None = None  # [start, end) in `old` and in `new` of the open run
    at = at_new = 0
    for gap, old_word, new_word in zip(old_parts[::2], old_parts[1::2], new_parts[1::2]):
        at, at_new = at + len(gap), at_new + len(gap)
        if old_word == new_word:
            if run:
                edits.append(_trimmed_edit(old[run[0] : run[1]], new[run[2] : run[3]], start + run[0], message, priority))
            run = None
        elif run:
            run[1], run[3] = at + len(old_word), at_new + len(new_word)
        else:
            run = [at, at + len(old_word), at_new, at_new + len(new_word)]
        at, at_new = at + len(old_word), at_new + len(new_word)
    if run:
        edits.append(_trimmed_edit(old[run[0] : run[1]], new[run[2] : run[3]], start + run[0], message, priority))
    return edits


def _trimmed_edit(old: str, new: str, start: int, message: str, priority: int) -> Edit:
    """The mojibake edit replacing `old` (at `start`) with `new`, less the edges they share."""
    if old and new and old[0] == new[0]:  # most stretches differ from their first and last character on
        head = _shared_edge(old, new)
        old, new, start = old[head:], new[head:], start + head
    if old and new and old[-1] == new[-1]:
        tail = _shared_edge(old[::-1], new[::-1])
        old, new = old[: len(old) - tail], new[: len(new) - tail]
    return new_edit(start, start + len(old), new, MOJIBAKE.id, MOJIBAKE.category, message, True,
                    MOJIBAKE.severity, priority)


CONSUMED_ASCII = frozenset(" ?")  # a lost no-break space's stand-in, a lost byte's "?"


def _changed_spans(before: str, after: str) -> list[tuple[int, int, int, int]] | None:
    """(start, end) in `before` and in `after` of each stretch between shared ASCII anchors.

    When the repair consumed a space or "?" (fewer ASCII characters after it), those two are
    not anchors: which space went is not known, so the stretches around it stay together."""
    exact = _ascii_count(before) == _ascii_count(after)
    if exact:  # usually each non-ASCII stretch became one: pair them up at C speed
        old_runs = [m.span() for m in NON_ASCII_RE.finditer(before)]
        new_runs = [m.span() for m in NON_ASCII_RE.finditer(after)]
        if len(old_runs) == len(new_runs) and all(
            a0 - b0 == c0 - d0 for (a0, _), (c0, _), (_, b0), (_, d0) in
            zip(old_runs, new_runs, [(0, 0), *old_runs], [(0, 0), *new_runs])
        ):
            return [(a0, a1, c0, c1) for (a0, a1), (c0, c1) in zip(old_runs, new_runs)]
    n, m = len(before), len(after)

    def anchor(ch: str) -> bool:
        return ch < "\x80" and (exact or ch not in CONSUMED_ASCII)

    i = j = 0
    spans: list[tuple[int, int, int, int]] = []
    while i < n or j < m:
        if i < n and j < m and before[i] == after[j] and anchor(before[i]):
            i += 1
            j += 1
            continue
        a, b = i, j
        while i < n and not anchor(before[i]):
            i += 1
        while j < m and not anchor(after[j]):
            j += 1
        if (i < n) != (j < m) or (i < n and before[i] != after[j]):
            return None  # the ASCII does not line up
        spans.append((a, i, b, j))
    return spans


def _ascii_count(text: str) -> int:
    return len(text.encode("ascii", "ignore"))


def _shared_edge(a: str, b: str) -> int:
    """Length of the shared head of `a` and `b` that leaves both non-empty when cut off."""
    n = 0
    while n + 1 < len(a) and n + 1 < len(b) and a[n] == b[n]:
        n += 1
    return n
