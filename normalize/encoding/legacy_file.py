"""Whole files in single-byte code pages: the page for each line, chosen by the text it gives.

Why per line: files put together from several sources mix pages (an English story in cp1252
quoting a Russian passage saved in KOI8-R), and refusing them, or reading the passage in the
English page, loses text. Why not letter statistics alone: an English file in cp1252 holds
almost no letters outside ASCII, so a page that turns "£15.8m" into "Ł15.8m" (cp1250) gains
letters and looks no worse by letter pairs. So each page's reading of a line is charged for
what a reader would notice:

- control or unassigned characters;
- words mixing scripts ("cafй"), a capital inside a lower-case word ("cafÈ"), a letter glued
  to a following digit ("Ł15"), a symbol inside a word ("don▓t") or an unusual symbol at all;
- letter pairs that are unlikely in the best language of the line (`stats`), per script.

The page with the lowest total over the file is the file's page; a line is read in another
page only when that page explains it far better. A line no page reads cleanly, or two pages
read about equally well but differently, makes the whole file a `NormalizeError`: left
untouched, never decoded into different text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import add

from normalize.encoding.stats import LetterModel, best_score, char_class, languages_of
from normalize.encoding.stats import code_page_script as _script
from normalize.errors import NormalizeError

# Python codec -> name reported; the order breaks ties between equal readings (cp1252 first:
# it is a superset of Latin-1 for text, and the commonest legacy page in news copy).
PAGES = ("cp1252", "latin_1", "cp1250", "iso8859_2", "cp1251", "koi8_r", "koi8_u", "cp1253", "iso8859_7",
         "mac_roman")
DISPLAY = {"cp1252": "cp1252", "latin_1": "iso-8859-1", "cp1250": "cp1250", "iso8859_2": "iso-8859-2",
           "cp1251": "cp1251", "koi8_r": "koi8-r", "koi8_u": "koi8-u", "cp1253": "cp1253",
           "iso8859_7": "iso-8859-7", "mac_roman": "mac-roman"}
DOS_PAGES = ("cp850", "cp437")  # weighed only against the page chosen (_check_dos)
DISPLAY_DOS = {"cp850": "cp850 (DOS)", "cp437": "cp437 (DOS)"}
SCRIPT_OF_PAGE = {"cp1252": "Latin", "latin_1": "Latin", "cp1250": "Latin", "iso8859_2": "Latin",
                  "cp1251": "Cyrillic", "koi8_r": "Cyrillic", "koi8_u": "Cyrillic", "cp1253": "Greek",
                  "iso8859_7": "Greek", "mac_roman": "Latin"}

# Costs, in the unit of the letter model (minus log-probability of one letter pair).
CONTROL = 30.0  # a C0/C1 control or unassigned character
MIXED_SCRIPT = 10.0  # a word mixing Latin, Cyrillic and Greek letters
CASE_BREAK = 6.0  # an upper-case letter after a lower-case one inside a word
LETTER_DIGIT = 6.0  # a non-ASCII letter glued to a following digit ("Ł15")
SYMBOL_IN_WORD = 10.0  # a symbol between two letters
ODD_SYMBOL = 5.0  # a symbol news copy does not use
TYPOGRAPHY = 1.0  # quotes, dashes, currency: cheap, but not free (a letter could be right)
TYPOGRAPHIC = frozenset("’‘“”„‚«»‹›–—…•·€£¥¢°©®™§±×÷½¼¾¹²³ªº¿¡\u00a0\u00ad")
IN_WORD_OK = frozenset("’'\u00ad")
GLUED_OK = frozenset("’‘“”„‚«»‹›'…–—®™©€£¥¿¡\u00ad")  # may touch a letter ("¿Qué", "Windows™")
GLUED_SYMBOL = 6.0  # any other symbol touching a letter ("onkologiczn±", "°done")
PUNCT_LETTER = 6.0  # a non-ASCII letter right after ",.;:!?" in one token ("them,î")
RARE_PAGE = {"mac_roman": 0.75, "cp1250": 0.5, "iso8859_2": 0.5}  # per non-ASCII character: pages
# rarer in news copy than cp1252 need more evidence ("Señor Ibáñez" is not "Seńor Ibáńez")
OTHER_PAGE_MARGIN = 8.0  # another page must explain a line this much better ...
SAME_SCRIPT_MARGIN = 16.0  # ... or this much, if it writes the same script as the file's page
FLAW_GAIN = 4.0  # ... or this much, and with this many fewer flaws
MIN_MARGIN = 3.0  # a whole-file reading giving other text this close: the file is ambiguous
MAX_FLAWS_PER_CHAR = 3.0  # more flaws per non-ASCII character than this: unreadable
MAX_LETTER_COST = 5.5  # ... and so are words averaging less than e^-5.5 per letter pair
MIN_FILE_LETTERS = 8  # a file with fewer letters is no evidence at all
MIN_LETTERS = 4  # fewer non-ASCII characters than this in the whole file is little evidence ...
EVIDENCE_MARGIN = 8.0  # ... and then no other reading may come this close
SAMPLE_CHARS = 5_000  # enough text to name the language
SAMPLE_BYTES = 10_000  # lines weighed in every page: enough to choose the file's page
LINE_SAMPLE = 5_000  # characters of a line weighed (a whole file may be one line)
QUICK_LETTER_COST = 4.0  # a later line reading no worse than this per letter pair needs no second look
TOKEN_RE = re.compile(r"\S*[^\x00-\x7f]\S*")
RUN_RE = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Passage:
    """Lines [first, last] (0-based), characters [start, end) of the decoded text, read in `page`."""

    page: str
    first: int
    last: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class LegacyText:
    text: str
    page: str  # the page that reads most of the file's non-ASCII bytes
    language: str
    confidence: float
    passages: list[Passage]  # stretches read in another page than `page`


def decode_legacy(data: bytes) -> LegacyText:
    """Decode non-UTF-8 bytes line by line; raise `NormalizeError` when unsure.

    Every page is weighed on the first lines (`SAMPLE_BYTES`); later lines are read in the
    file's page and weighed again in every page only when that reading shows a flaw or reads
    worse than the sample did (a passage in another page), so the cost stays linear."""
    lines = data.splitlines(keepends=True)
    if all(raw.isascii() for raw in lines):
        return LegacyText(data.decode("ascii"), "ascii", "en", 1.0, [])
    if sum(map(str.isalpha, data[:4096].decode("latin_1"))) < MIN_FILE_LETTERS:
        raise NormalizeError("not UTF-8, and too few letters to tell the code page")
    costs: dict[str, float] = {page: 0.0 for page in PAGES}
    readings: dict[int, dict[str, Reading]] = {}  # line -> page -> reading, for non-ASCII lines
    sample: list[int] = []
    for i, raw in enumerate(lines):
        if not raw.isascii() and sum(len(lines[j]) for j in sample) < SAMPLE_BYTES:
            sample.append(i)
    for i in sample:
        reading = readings[i] = _read_line(lines[i])
        for page in PAGES:
            costs[page] += reading[page].cost if page in reading else float("inf")
    main = min(PAGES, key=lambda p: (costs[p], PAGES.index(p)))
    expected = _expected(list(readings.values()), main)
    chosen: dict[int, str] = {}  # line -> page, for non-ASCII lines
    for i, raw in enumerate(lines):
        if raw.isascii():
            continue
        if i not in readings:
            quick = _quick_reading(raw, main, expected)
            if quick is not None:
                readings[i], chosen[i] = {main: quick}, main
                continue
            readings[i] = _read_line(raw)
        chosen[i] = _choose(readings[i], main, i)
    chosen = _one_page_per_script(readings, chosen, main)
    picked = [(readings[i][c], readings[i]) for i, c in chosen.items() if len(readings[i]) > 1]
    texts = [readings[i][chosen[i]].text if i in chosen else raw.decode("ascii") for i, raw in enumerate(lines)]
    _check_evidence(picked)
    _check_dos([(lines[i], readings[i][c], c) for i, c in chosen.items() if c == "mac_roman" and len(readings[i]) > 1])
    weight: dict[str, int] = {}
    for i, page in chosen.items():
        weight[page] = weight.get(page, 0) + len(lines[i])  # the page of most non-ASCII lines' text
    page = max(weight, key=lambda p: (weight[p], p == main))
    text = "".join(texts)
    language = best_score(text[:SAMPLE_CHARS], SCRIPT_OF_PAGE[page])[0] if page in SCRIPT_OF_PAGE else "en"
    pages_by_line = [chosen.get(i) for i in range(len(lines))]
    return LegacyText(text, page, language, _confidence(picked), _passages(texts, pages_by_line, page))


def _expected(readings: list[dict[str, Reading]], main: str) -> dict[str, tuple[str, float]]:
    """script -> (language, worst letter cost per pair) of the sampled lines read in `main`."""
    seen: dict[str, dict[str, int]] = {}
    worst: dict[str, float] = {}
    for reading in readings:
        if main not in reading:
            continue
        for script, (lang, cost, pairs) in reading[main].scripts.items():
            seen.setdefault(script, {})
            seen[script][lang] = seen[script].get(lang, 0) + pairs
            worst[script] = max(worst.get(script, 0.0), cost / max(1, pairs))
    return {script: (max(langs, key=langs.__getitem__), worst[script]) for script, langs in seen.items()}


def _quick_reading(raw: bytes, main: str, expected: dict[str, tuple[str, float]]) -> Reading | None:
    """`raw` read in `main`, scored in the sample's languages, if it reads like the sample."""
    try:
        text = raw.decode(main)
    except UnicodeDecodeError:
        return None
    reading = line_cost(text, {script: lang for script, (lang, _) in expected.items()})
    if reading.flaws > TYPOGRAPHY * (len(text) - len(text.encode("ascii", "ignore"))):  # per non-ASCII character
        return None
    for script, (_, cost, pairs) in reading.scripts.items():
        if script not in expected or cost / max(1, pairs) > max(expected[script][1], QUICK_LETTER_COST):
            return None
    return reading


def _read_line(raw: bytes) -> dict[str, Reading]:
    """page -> its reading, for every page that decodes `raw`."""
    out: dict[str, Reading] = {}
    seen: dict[str, Reading] = {}
    for page in PAGES:
        try:
            text = raw.decode(page)
        except UnicodeDecodeError:
            continue
        if text not in seen:
            seen[text] = line_cost(text)
        out[page] = seen[text]
        if page in RARE_PAGE:
            extra = RARE_PAGE[page] * sum(b >= 0x80 for b in raw)
            out[page] = Reading(text, out[page].cost + extra, out[page].language, out[page].flaws + extra,
                                out[page].letter_pairs, out[page].letter_cost, out[page].scripts, out[page].mixed)
    return out


def _choose(reading: dict[str, Reading], main: str, index: int) -> str:
    best = min(reading, key=lambda p: (reading[p].cost, p != main, PAGES.index(p)))
    if main not in reading:
        choice = best
    else:
        margin = SAME_SCRIPT_MARGIN if SCRIPT_OF_PAGE[best] == SCRIPT_OF_PAGE[main] else OTHER_PAGE_MARGIN
        gain = reading[main].cost - reading[best].cost
        # in the same script, a reading without the main page's flaws ("¶λλωστε") needs less
        better = gain > margin or (gain > FLAW_GAIN and reading[best].flaws + FLAW_GAIN <= reading[main].flaws)
        choice = best if better or (not _readable(reading[main]) and _readable(reading[best])) else main
    chosen = reading[choice]
    if not _readable(chosen):
        raise NormalizeError(f"not UTF-8, and no code page gives readable text for line {index + 1}")
    return choice


def _one_page_per_script(readings: dict[int, dict[str, Reading]], chosen: dict[int, str],
                         main: str) -> dict[int, str]:
    """Lines read in another script than the file's are read in that script's page that
    explains all of them best (cp1253 and ISO-8859-7 differ in a few letters only)."""
    out = dict(chosen)
    for script in {SCRIPT_OF_PAGE[c] for c in chosen.values()} - {SCRIPT_OF_PAGE[main]}:
        lines = [i for i, c in chosen.items() if SCRIPT_OF_PAGE[c] == script]
        pages = [p for p in PAGES if SCRIPT_OF_PAGE[p] == script]
        total = {p: sum(readings[i][p].cost if p in readings[i] else float("inf") for i in lines) for p in pages}
        page = min(pages, key=lambda p: (total[p], PAGES.index(p)))
        for i in lines:
            if page in readings[i] and _readable(readings[i][page]):
                out[i] = page
    return out


def _readable(reading: Reading) -> bool:
    """No control characters, few flaws per non-ASCII character, words of some language."""
    sample = reading.text[:LINE_SAMPLE]
    non_ascii = len(sample) - len(sample.encode("ascii", "ignore"))
    flaws = reading.flaws - MIXED_SCRIPT * reading.mixed
    if flaws >= CONTROL or flaws > MAX_FLAWS_PER_CHAR * non_ascii:
        return False
    return not reading.letter_pairs or reading.letter_cost / reading.letter_pairs <= MAX_LETTER_COST


def _check_evidence(picked: list[tuple[Reading, dict[str, Reading]]]) -> None:
    """No page may read the weighed lines into different text almost as well; with few
    non-ASCII characters (little evidence) the margin must be wider."""
    letters = sum(not c.isascii() for chosen, _ in picked for c in chosen.text)
    needed = MIN_MARGIN if letters >= MIN_LETTERS else EVIDENCE_MARGIN
    total = sum(chosen.cost for chosen, _ in picked)
    for page in PAGES:
        cost = sum(r[page].cost if page in r else float("inf") for _, r in picked)
        if cost - total < needed and any(page in r and r[page].text != chosen.text for chosen, r in picked):
            if letters < MIN_LETTERS:
                raise NormalizeError("not UTF-8, and too few letters to tell the code page")
            raise NormalizeError(f"not UTF-8, and {DISPLAY[page]} reads it almost as well as the code page chosen: "
                                 "left as it is")


def _check_dos(weighed: list[tuple[bytes, Reading, str]]) -> None:
    """A DOS page (never chosen) that reads the weighed lines read as Mac Roman into other text
    about as well leaves the file as it is: both are rare in news copy, so neither is the likelier
    guess, and byte 0x81 is "ü" in DOS and "Å" in Mac Roman: "M\\x81nchen" alone cannot tell.
    (cp1252, the commonest legacy page, keeps its lines: "M\\xe4dchen" is not refused.)"""
    if not weighed:
        return
    letters = sum(not c.isascii() for _, chosen, _ in weighed for c in chosen.text)
    needed = MIN_MARGIN if letters >= MIN_LETTERS else EVIDENCE_MARGIN
    total = sum(chosen.cost for _, chosen, _ in weighed)
    flaws = sum(chosen.flaws for _, chosen, _ in weighed)
    for page in DOS_PAGES:
        texts = [raw.decode(page) for raw, _, _ in weighed]
        differ = [(text, chosen) for text, (_, chosen, _) in zip(texts, weighed) if text != chosen.text]
        if not differ:
            continue
        dos = [line_cost(text) for text in texts]
        # as few flaws and about as likely letters: "█12.40" is no rival to "€12.40"
        if sum(r.cost for r in dos) - total < needed and sum(r.flaws for r in dos) <= flaws:
            ours, theirs = _first_difference(differ[0][1].text, differ[0][0])
            chosen_page = next(c for (_, chosen, c) in weighed if chosen is differ[0][1])
            raise NormalizeError(f"not UTF-8, and {DISPLAY_DOS[page]} reads it almost as well as "
                                 f"{DISPLAY[chosen_page]} ({theirs!r} or {ours!r}): left as it is")


def _first_difference(a: str, b: str) -> tuple[str, str]:
    """The first word that differs between two readings of the same bytes (same length)."""
    i = next(i for i, (x, y) in enumerate(zip(a, b)) if x != y)
    start = i
    while start > 0 and (a[start - 1].isalpha() or b[start - 1].isalpha()):
        start -= 1
    end = i
    while end < len(a) and (a[end].isalpha() or b[end].isalpha() or a[end] != b[end]):
        end += 1
    return a[start:end], b[start:end]


@dataclass(frozen=True, slots=True)
class Reading:
    text: str
    cost: float  # penalties plus letter cost: lower reads better
    language: str
    flaws: float  # the penalties alone
    letter_pairs: int  # letter transitions scored (in words holding a non-ASCII letter)
    letter_cost: float
    scripts: dict[str, tuple[str, float, int]]  # script -> (language, letter cost, letter pairs)
    mixed: int = 0  # words mixing scripts: a flaw between pages, but Ukrainian typists write "вiн"


def line_cost(text: str, languages: dict[str, str] | None = None) -> Reading:
    """What a reader would notice in `text` (its first `LINE_SAMPLE` characters), and the
    language its letters read best in; `languages` fixes the language of a script."""
    flaws = 0.0
    runs: dict[str, list[str]] = {}
    mixed = [0]
    for token in TOKEN_RE.findall(text, 0, LINE_SAMPLE):
        flaws += _token_cost(token, runs, mixed)
    language = ""
    letters = 0.0
    pairs = 0
    scripts: dict[str, tuple[str, float, int]] = {}
    for script, words in runs.items():
        best, language_of_script = _letter_cost(words, script, (languages or {}).get(script))
        count = sum(len(w) + 1 for w in words) + 1
        scripts[script] = (language_of_script, best, count)
        letters += best
        pairs += count
        if script != "Latin" or not language:
            language = language_of_script
    return Reading(text, flaws + letters, language, flaws, pairs, letters, scripts, mixed[0])


def line_flaws(text: str, limit: float = float("inf")) -> float:
    """`line_cost(text).flaws` without the letter statistics (the costly part); once the sum
    passes `limit`, the sum so far."""
    runs: dict[str, list[str]] = {}
    mixed = [0]
    flaws = 0.0
    for token in TOKEN_RE.finditer(text, 0, LINE_SAMPLE):
        flaws += _token_cost(token.group(), runs, mixed)
        if flaws > limit:
            break
    return flaws


def _token_cost(token: str, runs: dict[str, list[str]], mixed: list[int]) -> float:
    cost = 0.0
    if _odd_char_re().search(token):  # a character other than ASCII or a letter: costs something
        cost += _symbol_cost(token)
    for match in RUN_RE.finditer(token):  # every word of the token: "t‰glichen" scores "t" and "glichen"
        run = match.group()
        if run.isascii():
            runs.setdefault("Latin", []).append(run.lower())
            continue
        mixes, case_breaks, script = _word_shape(run)
        if mixes:
            cost += MIXED_SCRIPT
            mixed[0] += 1
        cost += CASE_BREAK * case_breaks
        if match.end() < len(token) and token[match.end()].isdigit() and not run[-1].isascii() and run[-1] not in "ªº":
            cost += LETTER_DIGIT
        if match.start() > 0 and token[match.start() - 1] in ",.;:!?" and not run[0].isascii():
            cost += PUNCT_LETTER
        if script == "Other":  # Arabic, box drawing...: no page we read writes those inside words
            cost += CONTROL
            continue
        runs.setdefault(script, []).append(run.lower())
    return cost


def _symbol_cost(token: str) -> float:
    """The cost of the token's characters that are neither ASCII nor letters."""
    cost = 0.0
    for i, ch in enumerate(token):
        if ch.isascii() or ch.isalpha():
            continue
        category = unicodedata.category(ch)
        if category[0] == "C" and ch != "\u00ad":
            cost += CONTROL
            continue
        cost += TYPOGRAPHY if ch in TYPOGRAPHIC else ODD_SYMBOL
        if ch.isspace():  # a no-break space may touch anything
            continue
        before = i > 0 and token[i - 1].isalpha()
        after = i + 1 < len(token) and token[i + 1].isalpha()
        if before and after and ch not in IN_WORD_OK:
            cost += SYMBOL_IN_WORD
        elif (before or after) and ch not in GLUED_OK:
            cost += GLUED_SYMBOL
    return cost


SHAPED_WORD_CHARS = 40  # words up to this long are remembered (65,536 of them)


def _word_shape(run: str) -> tuple[bool, int, str]:
    """(whether the word mixes scripts, its lowercase-to-uppercase breaks, the script its letters
    are weighed in: "Other" for a script no page writes in words). Words repeat: once each."""
    return _remembered_shape(run) if len(run) <= SHAPED_WORD_CHARS else _shape(run)


@lru_cache(maxsize=1 << 16)
def _remembered_shape(run: str) -> tuple[bool, int, str]:
    return _shape(run)


def _shape(run: str) -> tuple[bool, int, str]:
    scripts = {_script(c) for c in run}
    mixes = len(scripts) > 1
    if mixes:
        scripts = {_script(c) for c in run if not c.isascii()}
    case_breaks = sum(1 for a, b in zip(run, run[1:]) if a.islower() and b.isupper())
    if "Other" in scripts:
        return mixes, case_breaks, "Other"
    # two non-ASCII scripts in one word ("όµως", a typist's micro sign): charged as mixed, its
    # letters weighed in the script most of them are in
    letters = [_script(c) for c in run if not c.isascii()]
    return mixes, case_breaks, max(scripts, key=letters.count)


@cache
def _odd_char_re() -> re.Pattern[str]:
    """A character that is neither ASCII nor a letter (str.isalpha, read off Python itself)."""
    odd = char_class(lambda c: not c.isalpha(), 0x80, 0x10000)
    return re.compile(f"[{odd}\U00010000-\U0010ffff]")  # beyond the BMP: always looked at


def _letter_cost(words: list[str], script: str, language: str | None = None) -> tuple[float, str]:
    """Minus the log-probability of the words' letter pairs in the script's likeliest language
    (or in `language`)."""
    padded = " " + " ".join(words) + " "
    pairs = Counter(map(add, padded, padded[1:]))  # each distinct pair is looked up once per language
    best = (float("inf"), "")
    for model in _candidates(script, language, padded):
        best = min(best, (-model.score_pairs(pairs, 1), model.lang))
    return best


def _candidates(script: str, language: str | None, padded: str) -> list[LetterModel]:
    """The script's languages that could have written these letters: those knowing every
    non-ASCII letter (else the few knowing most): a letter a language lacks loses it anyway."""
    models = languages_of(script)
    if language is not None:
        return [m for m in models if m.lang == language]
    letters = {c for c in padded if not c.isascii()}
    known = [(len(m.unigram.keys() & letters), m) for m in models]  # (a set operation in C)
    most = max(k for k, _ in known)
    fitting = [m for k, m in known if k == most]
    return fitting if most == len(letters) else fitting[:3]


def _passages(texts: list[str], chosen: list[str | None], main: str) -> list[Passage]:
    """Runs of lines read in another page than `main` (ASCII lines between two such lines join them)."""
    passages: list[Passage] = []
    offset = 0
    current: list[int] = []  # first, last, start, end of the open passage
    page = None
    for i, (text, choice) in enumerate(zip(texts, chosen)):
        if choice is not None and choice != main:
            if current and page == choice:
                current[1], current[3] = i, offset + len(text.rstrip("\r\n"))
            else:
                if current:
                    passages.append(Passage(page, *current))  # type: ignore[arg-type]
                current, page = [i, i, offset, offset + len(text.rstrip("\r\n"))], choice
        elif choice is not None and current:
            passages.append(Passage(page, *current))  # type: ignore[arg-type]
            current, page = [], None
        offset += len(text)
    if current:
        passages.append(Passage(page, *current))  # type: ignore[arg-type]
    return passages


def _confidence(picked: list[tuple[Reading, dict[str, Reading]]]) -> float:
    """Smallest margin to a different reading of any line, squashed into 0.5..1."""
    margin = min((r.cost - chosen.cost for chosen, reading in picked for r in reading.values()
                  if r.text != chosen.text), default=float("inf"))
    return 1.0 if margin == float("inf") else round(min(1.0, 0.5 + margin / 40), 2)
