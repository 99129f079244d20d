"""Unicode hygiene: invisible, control, look-odd and non-normalised characters.

Copy-paste, CMSs and wire feeds leave characters in articles that readers do not
see but search, spell-checking, diffing and name lookup do: zero-width spaces, soft
hyphens, stray byte-order marks, control codes, decomposed accents, odd spaces,
fullwidth letters and typographic ligatures. Each rule here has its own stable id
and only proposes minimal edits (one character or one cluster); the pipeline
applies them. Everything that is *sometimes* intended is kept in the contexts
where it is intended:

* ZWJ / ZWNJ next to a letter of a script that shapes with them (Arabic script,
  Indic and other Brahmic scripts, Syriac, ...) or inside an emoji sequence.
* Zero-width space between letters of Thai, Lao, Khmer, Myanmar, Tibetan, where it
  marks word boundaries for line breaking.
* No-break spaces that glue something on purpose (see `_space_is_intended`).
* Fullwidth forms and the ideographic space on lines containing CJK text.
* Bidirectional embeddings, overrides and isolates on lines with right-to-left letters
  (always reported, since they can hide content: "Trojan Source"). The direction marks
  LRM, RLM and ALM inside right-to-left text are how such text is written: not reported.

Cost: one precompiled character-class search decides that a clean text has
nothing to do, plus a C-level NFC quick check for non-ASCII text.
"""

from __future__ import annotations

import bisect
import re
import sys
import unicodedata
from functools import cached_property, lru_cache
from typing import Callable, Iterator

import regex

from normalize.edits import Edit, Finding
from normalize.rule import Rule
from normalize.rulebook import honorific_titles

HERE = "normalize/hygiene.py"
NFC = Rule("unicode.nfc", "unicode", "info", HERE, "text not in Unicode normalization form C")
ZERO_WIDTH_SPACE = Rule("unicode.zero-width-space", "unicode", "warning", HERE,
                        "zero-width space removed (kept between Thai, Lao, Khmer, Myanmar, Tibetan letters)")
WORD_JOINER = Rule("unicode.word-joiner", "unicode", "warning", HERE, "invisible word joiner removed")
STRAY_BOM = Rule("unicode.stray-bom", "unicode", "warning", HERE, "byte-order mark inside the text removed")
SOFT_HYPHEN = Rule("unicode.soft-hyphen", "unicode", "warning", HERE, "soft hyphen removed")
ZERO_WIDTH_JOINER = Rule("unicode.zero-width-joiner", "unicode", "warning", HERE,
                         "ZWJ/ZWNJ removed outside scripts and emoji that join with them")
CONTROL_CHAR = Rule("unicode.control", "unicode", "warning", HERE, "control character removed")
BIDI_CONTROL = Rule("unicode.bidi", "unicode", "warning", HERE,
                    "bidirectional control reported (Trojan Source); removed on lines without right-to-left "
                    "text; direction marks inside right-to-left text are normal")
FULLWIDTH_FORM = Rule("unicode.fullwidth", "unicode", "info", HERE, "fullwidth form outside CJK text")
LIGATURE = Rule("unicode.ligature", "unicode", "info", HERE, "typographic ligature spelled out")
UNUSUAL_SPACE = Rule("whitespace.unusual-space", "whitespace", "info", HERE,
                     "odd space replaced by a space, unless it glues on purpose")
RULES = (NFC, ZERO_WIDTH_SPACE, WORD_JOINER, STRAY_BOM, SOFT_HYPHEN, ZERO_WIDTH_JOINER, CONTROL_CHAR,
         BIDI_CONTROL, FULLWIDTH_FORM, LIGATURE, UNUSUAL_SPACE)

ASCII_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"  # C0 except \t \n \r, and DEL
CONTROL = ASCII_CONTROL + "\x80-\x9f"  # and C1
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
BIDI_MARKS = "\u061c\u200e\u200f"
JOINERS = "\u200c\u200d"
SPACES = "\u00a0\u2000-\u200a\u202f\u205f\u3000"
FULLWIDTH = "\uff01-\uff5e"
LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
             "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}  # fmt: skip
REMOVED = {  # character -> rule; always removed (FEFF only after offset 0)
    "\u200b": ZERO_WIDTH_SPACE,
    "\u2060": WORD_JOINER,
    "\ufeff": STRAY_BOM,
    "\u00ad": SOFT_HYPHEN,
}

_SUSPICIOUS = re.compile(
    f"[{CONTROL}{BIDI}{SPACES}\u00ad\u200b\u2060\ufeff\ufb00-\ufb06]"
    f"|[{JOINERS}]+|[{FULLWIDTH}]+"
)
_ANY_SUSPICIOUS = re.compile(  # one class: the fast path's single scan
    f"[{CONTROL}{BIDI}{SPACES}{JOINERS}{FULLWIDTH}\u00ad\u200b\u2060\ufeff\ufb00-\ufb06]"
)
_ASCII_SUSPICIOUS = re.compile(f"[{ASCII_CONTROL}]")
_JOINER_RUN = re.compile(f"[{JOINERS}]+")
_FULLWIDTH_RUN = re.compile(f"[{FULLWIDTH}]+")


def _suspicious_spans(text: str) -> Iterator[tuple[int, int]]:
    """The spans of `_SUSPICIOUS.finditer(text)`, found by the one-class scan: `re` skips ahead
    over a text at C speed on a single class, but tries every branch at every position of an
    alternation (five times slower on mojibake, dense with non-ASCII). The branches start with
    disjoint classes, so the character found picks the branch: joiner and fullwidth runs are
    extended, anything else is one character."""
    pos = 0
    while (match := _ANY_SUSPICIOUS.search(text, pos)) is not None:
        start = match.start()
        char = text[start]
        if char in JOINERS:
            pos = _JOINER_RUN.match(text, start).end()  # type: ignore[union-attr]
        elif "\uff01" <= char <= "\uff5e":
            pos = _FULLWIDTH_RUN.match(text, start).end()  # type: ignore[union-attr]
        else:
            pos = start + 1
        yield start, pos
_BIDI_SET = frozenset(
    chr(c) for c in [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
_INVISIBLE = frozenset("\u200b\u2060\ufeff\u00ad\u200c\u200d") | _BIDI_SET
_RTL = regex.compile(r"[\p{bc=R}\p{bc=AL}]")
_CJK = regex.compile(
    r"[\p{scx=Hani}\p{scx=Hira}\p{scx=Kana}\p{scx=Hang}\p{scx=Bopo}\u3001-\u303f\uff5f-\uff9f]"
)
_NON_CJK_LETTER = regex.compile(r"[\p{L}--[\p{scx=Hani}\p{scx=Hira}\p{scx=Kana}"
                                r"\p{scx=Hang}\p{scx=Bopo}\uff00-\uffef]]", regex.V1)
_NO_SPACE_SCRIPTS = regex.compile(r"[\p{scx=Thai}\p{scx=Laoo}\p{scx=Khmr}\p{scx=Mymr}\p{scx=Tibt}]")
_JOINER_USER = regex.compile(
    r"[^\p{scx=Latn}\p{scx=Cyrl}\p{scx=Grek}\p{scx=Zyyy}\p{scx=Zinh}]"
    r"|[\p{ExtPict}\p{Emoji_Modifier}\ufe0f\u20e3\U000e0020-\U000e007f]"
)
_MONGOLIAN = regex.compile(r"\p{scx=Mong}")
_TOKEN = re.compile(r"[^ \t\n\r]+")
_GRAPHEME = regex.compile(r"\X")
# Titles before a name that no honorific pack standardises (no bare/dotted dispute to settle);
# every other title comes from the packs (rules/honorifics/*.toml), so a title added there is
# known here too.
_TITLES_NOT_IN_PACKS = ("Ste", "Mlles", "Me", "Mgr", "M", "Herr", "Frau", "Hon", "Sir", "Dame", "Lord", "Lady")


@lru_cache(maxsize=1)
def _title_before() -> regex.Pattern[str]:
    """A title (with or without its full stop) or an initial, ending the text."""
    titles = sorted(honorific_titles() | set(_TITLES_NOT_IN_PACKS), key=lambda t: (-len(t), t))
    return regex.compile(rf"(?:\b(?:{'|'.join(map(regex.escape, titles))})\.?|\b\p{{Lu}}\.)$")


_ONE_LETTER_WORD = regex.compile(r"(?:^|[^\p{L}\p{M}])\p{L}\p{M}*$")
_SUFFIX_AFTER = regex.compile(r"(?:Jr|Jnr|Sr|Snr)\b\.?")
_FRENCH_BEFORE = set(";:!?»›")
_FRENCH_AFTER = set("«‹")
_KEEPABLE_SPACES = set("\u00a0\u202f\u2009\u2007")
_CONTROL_CODES = [c for c in range(0xA0) if c < 0x20 and c not in (9, 10, 13) or c >= 0x7F]
_FIXED_VIEW: dict[int, str | None] = {
    **{ord(c): None for c in _INVISIBLE},
    **{c: None for c in _CONTROL_CODES},
    **{ord(k): v for k, v in LIGATURES.items()},
}
_CJK_COMPAT = re.compile("[\uf900-\ufaff\U0002f800-\U0002fa1f]")


def find_hygiene_issues(text: str, language: str | None | Callable[[], str | None] = None,
                        ) -> tuple[list[Edit], list[Finding]]:
    """Propose hygiene edits and bidi findings for `text` (offsets into `text`).

    `language` (BCP 47, e.g. "fr", "fr-CA") only changes which no-break spaces are
    intended: French puts them before ; : ! ? » and after «. A callable is asked only
    when a no-break space needs it (working out a document's language costs time).
    """
    if text.isascii():
        if not _ASCII_SUSPICIOUS.search(text):
            return [], []
    elif not _ANY_SUSPICIOUS.search(text) and unicodedata.is_normalized("NFC", text):
        return [], []
    scan = _Scan(text, language)
    for start, end in _suspicious_spans(text):
        scan.handle(start, end)
    edits = _with_nfc(text, scan.edits)
    return edits, scan.findings


class _Scan:
    """One pass over the suspicious characters of one text; collects proposals."""

    def __init__(self, text: str, language: str | None | Callable[[], str | None]) -> None:
        self.text = text
        self._language = language
        self.edits: list[Edit] = []
        self.findings: list[Finding] = []
        self._line_cache: dict[int, tuple[bool, bool, bool]] = {}

    @cached_property
    def language(self) -> str:
        """The primary language subtag ("fr" of "fr-CA"), or ""."""
        language = self._language() if callable(self._language) else self._language
        return (language or "").lower().replace("_", "-").split("-")[0]

    def handle(self, start: int, end: int) -> None:
        char = _shared(self.text[start])
        if char in REMOVED:
            self._removable(start, char)
        elif char in JOINERS:
            self._joiners(start, end)
        elif "\uff01" <= char <= "\uff5e":
            self._fullwidth(start, end)
        elif char in LIGATURES:
            self._propose(start, start + 1, LIGATURES[char], LIGATURE, f"ligature {_describe(char)} spelled out")
        elif _is_bidi(char):
            self._bidi(start, char)
        elif char in NOT_CP1252 and _inside_word(self.text, start):
            # a letter of a DOS or Mac code page read as Latin-1 ("M\x81nchen" is München in
            # cp850): deleting it would lose the letter, and only a person can tell the page
            # (C1 codes that are cp1252 punctuation are the encoding stage's to repair)
            self.findings.append(CONTROL_CHAR.finding(
                start, start + 1, char, f"control character {_describe(char)} inside a word: probably a letter "
                "of a DOS or Mac code page read as Latin-1; not removed"))
        elif _is_control(char):
            self._propose(start, start + 1, "", CONTROL_CHAR,
                          f"control character {_describe(char)} removed{_cp1252_hint(char)}")
        else:
            self._space(start, char)

    def _propose(self, start: int, end: int, replacement: str, rule: Rule, message: str) -> None:
        self.edits.append(rule.edit(start, end, replacement, message))

    def _removable(self, pos: int, char: str) -> None:
        if char == "\ufeff" and pos == 0:
            return  # a leading BOM belongs to the file, kept by design
        if char == "\u200b" and self._between(pos, pos + 1, _NO_SPACE_SCRIPTS, both=True):
            return  # word-boundary hint in Thai, Khmer, ...
        self._propose(pos, pos + 1, "", REMOVED[char], _shared(f"invisible {_describe(char)} removed"))

    def _joiners(self, start: int, end: int) -> None:
        """ZWJ/ZWNJ shape Arabic-script, Brahmic and emoji text; elsewhere they are noise."""
        if self._between(start, end, _JOINER_USER, both=False):
            return
        for pos in range(start, end):
            self._propose(pos, pos + 1, "", ZERO_WIDTH_JOINER,
                          f"{_describe(self.text[pos])} removed outside joining scripts")

    def _fullwidth(self, start: int, end: int) -> None:
        """Fullwidth forms are normal in CJK text; on a Latin (or other alphabetic) line
        they are an input-method accident."""
        has_cjk, has_letters, _ = self._line(start)
        if has_cjk or not has_letters:
            return
        for pos in range(start, end):
            char = self.text[pos]
            self._propose(pos, pos + 1, chr(ord(char) - 0xFEE0), FULLWIDTH_FORM,
                          f"fullwidth {_describe(char)} outside CJK text")

    def _bidi(self, pos: int, char: str) -> None:
        """Controls are always reported; removed only on a line with no right-to-left letters.

        Embeddings, overrides and isolates can reorder what a reader sees (Trojan
        Source): a warning. The marks LRM, RLM and ALM only set the direction of
        neutral characters and are routine in Arabic and Hebrew text: nothing to report
        there, and elsewhere an invisible leftover, not an attack."""
        rtl_line = self._line(pos)[2]
        if char in BIDI_MARKS:
            if not rtl_line:
                self._propose(pos, pos + 1, "", BIDI_CONTROL,
                              _shared(f"direction mark {_describe(char)} removed: no right-to-left text on the line"))
            return
        message = _shared(f"bidirectional control {_describe(char)} can hide content (Trojan Source)")
        self.findings.append(BIDI_CONTROL.finding(pos, pos + 1, char, message))
        if not rtl_line:
            self._propose(pos, pos + 1, "", BIDI_CONTROL, _shared(message + "; removed: no right-to-left text on the line"))

    def _space(self, pos: int, char: str) -> None:
        if self._space_is_intended(pos, char):
            return
        self._propose(pos, pos + 1, " ", UNUSUAL_SPACE, f"{_describe(char)} replaced by a space")

    def _space_is_intended(self, pos: int, char: str) -> bool:
        """Kept: U+3000 on CJK lines; and NBSP, NNBSP, thin and figure spaces that glue
        a number (5 km, 1 000, € 5, p. 12), a title or initial to a name (Mr Smith,
        J. K.), a suffix (King Jr.), a one-letter word to the next (Czech, Polish,
        Russian typesetting: v Praze, в доме), a dash to the word before, French
        punctuation (« oui » ; non !) when the language is French, and Mongolian
        suffixes (NNBSP is part of Mongolian spelling)."""
        if char == "\u3000":
            return self._line(pos)[0]
        if char not in _KEEPABLE_SPACES:
            return False
        before, after = self._neighbour(pos, -1), self._neighbour(pos + 1, 1)
        if before.isdigit() or after.isdigit():
            return True
        if char == "\u2007":
            return False
        if (after in _FRENCH_BEFORE or before in _FRENCH_AFTER) and self.language == "fr":
            return True
        if after and after in "\u2013\u2014":
            return True
        if char == "\u202f" and (_MONGOLIAN.match(before) or _MONGOLIAN.match(after)):
            return True
        head = _as_fixed(self.text[max(0, pos - 16) : pos])
        if _title_before().search(head) or _SUFFIX_AFTER.match(self.text, pos + 1):
            return True
        return _ONE_LETTER_WORD.search(head) is not None

    def _neighbour(self, pos: int, step: int) -> str:
        """The nearest character in direction `step`, looking through invisibles."""
        if step < 0:
            pos -= 1
        while 0 <= pos < len(self.text) and self.text[pos] in _INVISIBLE:
            pos += step
        return self.text[pos] if 0 <= pos < len(self.text) else ""

    def _cluster(self, pos: int, step: int) -> str:
        """The base character next to `pos` with its combining marks, looking through
        invisibles. Marks come as a set: NFC may reorder them, never change them."""
        text, i = self.text, pos - 1 if step < 0 else pos
        while 0 <= i < len(text) and text[i] in _INVISIBLE:
            i += step
        start = end = i
        if step < 0:
            while start > 0 and unicodedata.combining(text[start]):
                start -= 1
        while end + 1 < len(text) and unicodedata.combining(text[end + 1]):
            if step > 0 and text[i] in LIGATURES:
                break  # "ﬁ" + mark becomes "f", "i" + mark: the mark is not next to us
            end += 1
        return text[max(start, 0) : end + 1] if 0 <= i < len(text) else ""

    def _between(self, start: int, end: int, pattern: regex.Pattern[str], both: bool) -> bool:
        hits = [pattern.search(c) is not None
                for c in (self._cluster(start, -1), self._cluster(end, 1))]
        return all(hits) if both else any(hits)

    def _line(self, pos: int) -> tuple[bool, bool, bool]:
        """(has CJK, has non-CJK letters, has right-to-left letters) for pos's line."""
        start = self.text.rfind("\n", 0, pos) + 1
        if start not in self._line_cache:
            end = self.text.find("\n", pos)
            line = self.text[start : end if end != -1 else len(self.text)]
            self._line_cache[start] = (
                _CJK.search(line) is not None,
                _NON_CJK_LETTER.search(line) is not None,
                _RTL.search(line) is not None,
            )
        return self._line_cache[start]


def _as_fixed(snippet: str) -> str:
    """`snippet` as the other rules will leave it (invisibles and controls gone,
    ligatures spelled out, NFC), so that decisions taken on it survive the fix."""
    return unicodedata.normalize("NFC", snippet.translate(_FIXED_VIEW))


def _with_nfc(text: str, edits: list[Edit]) -> list[Edit]:
    """Add `unicode.nfc` edits for tokens that are not NFC once the other edits apply.

    A token (run between ASCII blanks, which never compose) with no other edit gets
    one edit per non-NFC grapheme cluster; a token where a removal would leave a
    decomposed sequence (e + soft hyphen + combining acute) gets one edit for the
    whole token that does both, so that applying everything is a fixed point.
    """
    edits = sorted(edits, key=lambda e: e.start)
    if unicodedata.is_normalized("NFC", _apply_local(text, 0, len(text), edits)):
        return edits
    starts = [e.start for e in edits]
    kept: list[Edit] = []
    added: list[Edit] = []
    lo = 0
    for token in _TOKEN.finditer(text):
        hi = bisect.bisect_left(starts, token.end(), lo)
        inside, lo = edits[lo:hi], hi
        if token.group().isascii():
            kept += inside
            continue
        fixed = _apply_local(text, token.start(), token.end(), inside)
        if unicodedata.is_normalized("NFC", fixed):
            kept += inside
            continue
        clusters = [] if inside else _cluster_edits(text, token.start(), token.end())
        if clusters:
            added += clusters
            continue
        after = unicodedata.normalize("NFC", fixed)
        absorbed = tuple(sorted({e.rule for e in inside}))
        added.append(_nfc_edit(token.start(), token.end(), token.group(), after, absorbed))
    kept += edits[lo:]
    return sorted(kept + added, key=lambda e: (e.start, e.end))


def _apply_local(text: str, start: int, end: int, edits: list[Edit]) -> str:
    parts, pos = [], start
    for edit in edits:
        parts += [text[pos : edit.start], edit.replacement]
        pos = edit.end
    return "".join(parts) + text[pos:end]


def _cluster_edits(text: str, start: int, end: int) -> list[Edit]:
    """One edit per non-NFC grapheme cluster, or [] when clusters do not add up."""
    out = []
    for cluster in _GRAPHEME.finditer(text, start, end):
        before = cluster.group()
        if not unicodedata.is_normalized("NFC", before):
            after = unicodedata.normalize("NFC", before)
            out.append(_nfc_edit(cluster.start(), cluster.end(), before, after))
    token = text[start:end]
    if _apply_local(text, start, end, out) != unicodedata.normalize("NFC", token):
        return []
    return out


def _nfc_edit(
    start: int, end: int, before: str, after: str, absorbed: tuple[str, ...] = ()
) -> Edit:
    """CJK compatibility ideographs change glyph under NFC: proposed, not applied."""
    safe = _CJK_COMPAT.search(before) is None
    message = f"not in NFC: {_codepoints(before)} -> {_codepoints(after)}"
    if absorbed:
        message += f" (includes {', '.join(absorbed)})"
    return NFC.edit(start, end, after, message, safe=safe)


# One string object per distinct message or character, not one per occurrence: a text with an
# invisible character in every word holds tens of thousands of identical messages.
_shared = sys.intern


def _is_bidi(char: str) -> bool:
    return char in _BIDI_SET


def _is_control(char: str) -> bool:
    return char < " " or "\x7f" <= char <= "\x9f"


NOT_CP1252 = frozenset("\x81\x8d\x8f\x90\x9d")  # C1 codes cp1252 leaves undefined


def _inside_word(text: str, index: int) -> bool:
    """Between two letters, and not after a UTF-8 lead read as Latin-1 ("Ã\x81" is "Á")."""
    return (0 < index < len(text) - 1 and text[index - 1].isalpha() and text[index + 1].isalpha()
            and not "\xc2" <= text[index - 1] <= "\xf4")


def _cp1252_hint(char: str) -> str:
    """C1 codes are usually Windows-1252 punctuation read as Latin-1; say which."""
    try:
        meant = char.encode("latin-1").decode("cp1252")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return ""
    return f" (probably mojibake of {meant!r})" if meant != char else ""


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}" if name else f"U+{ord(char):04X}"


def _codepoints(text: str) -> str:
    return " ".join(f"U+{ord(c):04X}" for c in text)
