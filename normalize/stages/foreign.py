"""Stray foreign-script fragments: find them, name their language, act on them.

A fragment is a maximal run of words whose letters are all outside the scripts the
document may use (its own writing system, Latin, and configured extras), joined
across spaces, hyphens, apostrophes and inner punctuation. One compiled regex per
writing system finds them in a single pass. Single letters of an alphabet are
symbols (π, Δ, μ in μm), not fragments.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

import regex

from ..document import Document
from ..edits import Edit, Finding
from ..languages import language_names
from ..rulebook import RuleInfo
from .repair import PLAIN_LATIN

RULE = "foreign-script.stray"
POLICY_PATH = Path(__file__).resolve().parent.parent / "data" / "foreign-policy.toml"
ALPHABETS = {"Latin", "Greek", "Cyrillic", "Armenian", "Georgian", "Hebrew", "Arabic"}
# Scripts a writing system uses by its own conventions: kanji and kana in Japanese, Hanja in Korean.
WRITING_SYSTEMS = {
    "Han": ("Han", "Hiragana", "Katakana"),
    "Hiragana": ("Han", "Hiragana", "Katakana"),
    "Katakana": ("Han", "Hiragana", "Katakana"),
    "Hangul": ("Hangul", "Han"),
}
LANGUAGE_NAMES = language_names()  # English names, from the language registry
OPENERS = {"[": "]", "(": ")", "«": "»", "“": "”", "„": "“", '"': '"', "‘": "’", "‹": "›", "「": "」"}


def _foreign_letter(allowed: tuple[str, ...]) -> str:
    """A letter of none of the `allowed` scripts (nor of the Common or Inherited script)."""
    scripts = "".join(rf"\p{{scx={s}}}" for s in allowed)
    return rf"[^\P{{L}}{scripts}\p{{sc=Zyyy}}\p{{sc=Zinh}}]"


@lru_cache(maxsize=32)
def foreign_letter_pattern(allowed: tuple[str, ...]) -> regex.Pattern[str]:
    """Finds one foreign letter: every fragment starts with one, and ASCII letters are Latin,
    so a text whose unusual characters hold none has no fragment."""
    return regex.compile(_foreign_letter(allowed))


@lru_cache(maxsize=32)
def fragment_pattern(allowed: tuple[str, ...]) -> regex.Pattern[str]:
    """Runs of foreign-script words, joined across what sits between the words of one phrase
    or sentence: spaces, punctuation (Latin or CJK), digits, symbols, soft hyphens, one line
    break, and a short capitalised acronym ("PSI", "NATO"). Lowercase Latin words break a run:
    "[Путин] and [Зеленский]" are two fragments."""
    # Script_Extensions, so letters shared by a writing system (tatweel in Arabic, the kana
    # length mark) belong to it; letters of no script (modifier apostrophes) are never foreign
    # on their own but may sit inside a foreign word. Bidi marks sit inside RTL phrases.
    foreign = _foreign_letter(allowed)
    neutral = r"(?:(?=\p{L})[\p{sc=Zyyy}\p{sc=Zinh}])"
    marks = r"[\p{M}\u200c\u200d\u00ad\u200e\u200f\u061c]*"
    word = rf"(?<![\p{{L}}\p{{M}}]){foreign}{marks}(?:(?:{foreign}|{neutral}){marks})*(?![\p{{L}}\p{{M}}])"
    gap = r"[ \t\u00a0\u00ad\u200e\u200f\u061c\p{P}\p{N}\p{S}]"
    join = rf"(?:{gap}{{1,12}}(?:\p{{Lu}}{{1,5}}{gap}{{1,12}})?|{gap}{{0,6}}\r?\n{gap}{{0,6}})"
    return regex.compile(rf"{word}(?:{join}{word})*")


MAX_LETTERS_FOUND = 16  # more distinct foreign letters than this: one regex pass over the text


def _fragments(text: str, pattern: regex.Pattern[str], letters: list[str]) -> Iterator[regex.Match[str]]:
    """What `pattern.finditer(text)` finds, tried only where one of the text's foreign
    `letters` stands: every fragment starts with one, and a `regex` pass over a whole English
    article costs more than its one quoted word. Many distinct letters (a foreign passage):
    the plain pass."""
    if len(letters) > MAX_LETTERS_FOUND:
        yield from pattern.finditer(text)
        return
    upcoming = {letter: text.find(letter) for letter in letters}  # each letter's next position
    while True:
        at = min((p for p in upcoming.values() if p >= 0), default=-1)
        if at < 0:
            return
        match = pattern.match(text, at)  # (its look-behind still sees the text before `at`)
        if match:
            yield match
        resume = match.end() if match else at + 1
        for letter, p in upcoming.items():
            if 0 <= p < resume:
                upcoming[letter] = text.find(letter, resume)


class ForeignScriptStage:
    phase = "content"
    needs_language = False
    categories = frozenset({"foreign-script"})
    families = frozenset({"foreign-script"})

    def __init__(
        self,
        allow_scripts: tuple[str, ...] = (),
        allow_terms: tuple[str, ...] = (),
        actions: Mapping[str, str] | None = None,
        glossary_paths: list[Any] | None = None,
        native_names: Callable[[str], str | None] | None = None,
        markers: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self._allow_scripts = tuple(allow_scripts)
        self._allow_terms = frozenset(t.casefold() for t in allow_terms)
        self._markers = tuple(markers)
        self._own_actions = dict(actions or {})
        self._settings: tuple[Policy, dict[str, str]] | None = None  # loaded on the first fragment
        self._glossary_paths = glossary_paths or []
        self._glossaries: dict[str, Any] = {}  # language -> Glossary, loaded on first fragment
        self._native_names = native_names  # a name in its own script -> its house spelling

    @property
    def _policy(self) -> Policy:
        return self._load()[0]

    @property
    def _actions(self) -> dict[str, str]:
        return self._load()[1]

    def _load(self) -> tuple[Policy, dict[str, str]]:
        """The bundled policy (its TOML and regexes cost a command-line run milliseconds, and
        most texts have no fragment), with a house's own (open, close) markers and actions."""
        if self._settings is None:
            policy = load_policy()
            if self._markers:
                policy = replace(policy, markers=policy.markers + self._markers)
            self._settings = policy, {**policy.actions, **self._own_actions}
        return self._settings

    def rules(self) -> list[RuleInfo]:
        return [RuleInfo(RULE, "foreign-script", "error", "normalize/stages/foreign.py",
                         "fragment in another script than the document's", severities=("error", "info"))]

    def run(self, doc: Document) -> tuple[list[Edit], list[Finding]]:
        if doc.text.isascii() or doc.unusual_chars <= PLAIN_LATIN:
            return [], []
        main = doc.script or "Latin"
        allowed = tuple(sorted({"Latin", main, *WRITING_SYSTEMS.get(main, ()), *self._allow_scripts}))
        # one search over the few distinct characters instead of a pass over the text
        letters = foreign_letter_pattern(allowed).findall("".join(doc.unusual_chars))
        if not letters:
            return [], []
        edits: list[Edit] = []
        findings: list[Finding] = []
        for match in _fragments(doc.text, fragment_pattern(allowed), letters):
            fragment = match.group(0).rstrip(" .,:;·'’-\u200e\u200f\u061c")
            start, end = match.start(), match.start() + len(fragment)
            if self._ignorable(fragment) or doc.is_protected(start, end):
                continue
            self._act(doc, start, end, fragment, edits, findings)
        return edits, findings

    def _ignorable(self, fragment: str) -> bool:
        from ..langid import script_of

        letters = [c for c in fragment if c.isalpha()]
        if len(letters) == 1 and script_of(letters[0]) in ALPHABETS:
            return True  # a letter used as a symbol
        return fragment.casefold() in self._allow_terms

    def _act(self, doc: Document, start: int, end: int, fragment: str,
             edits: list[Edit], findings: list[Finding]) -> None:
        from .. import langid

        # regex may know newer letters than unicodedata does: fall back to the first character
        script = langid.script_of(next((c for c in fragment if c.isalpha()), fragment[0])) or "Unknown"
        context, marked_language = classify(doc.text, start, end, self._policy)
        if marked_language:
            language, confidence = marked_language, 1.0
        else:
            nearby = doc.text[max(0, start - CONTEXT_CHARS) : end + CONTEXT_CHARS]
            language, confidence = langid.identify(fragment, script, context=nearby)
        action = self._action_for(language, context)
        if action == "keep":
            return
        name = self._native_names(fragment) if self._native_names else None
        translation = name or self._translate(fragment, language)
        transliteration = _transliterate(fragment, language)
        doc_language = LANGUAGE_NAMES.get(doc.language or "en", doc.language or "the document's")
        language_name = LANGUAGE_NAMES.get(language, script)
        message = f"{language_name} fragment in {doc_language} text" + (f" (the name {name})" if name else "")
        if context in DELIBERATE:
            message += f" ({DELIBERATE[context]})"
        replacement = {"translate": translation, "transliterate": transliteration, "remove": ""}.get(action)
        if replacement is not None:
            span_start, span_end = (start, end) if action != "remove" else _removal_span(doc.text, start, end)
            edits.append(Edit(span_start, span_end, replacement, RULE, "foreign-script",
                              f"{message}: {action}", safe=False, severity="error"))
            return
        # Only a translation (glossary) or a house spelling (gazetteer) is a replacement an editor
        # can take; a transliteration is a reading aid, so it is labelled in the message instead.
        if transliteration and not translation:
            message += f"; transliteration: {transliteration}"
        findings.append(
            Finding(
                RULE, "foreign-script", "info" if action == "note" else "error", start, end, fragment,
                message, script=script, language=language, confidence=round(confidence, 3),
                suggestion=translation,
                extra={"context": context, **({"transliteration": transliteration} if transliteration else {}),
                       **({"translation": translation} if translation else {})},
            )
        )

    def _action_for(self, language: str, context: str) -> str:
        for key in (f"{language}:{context}", language, context, "*"):
            if key in self._actions:
                return self._actions[key]
        return "flag"

    def _translate(self, fragment: str, language: str) -> str | None:
        if language not in self._glossaries:
            from ..glossary import load_glossaries

            paths = [p for p in self._glossary_paths if glossary_source(p) == language]
            self._glossaries[language] = load_glossaries(paths) if paths else None
        glossary = self._glossaries[language]
        return glossary.translate(fragment, language) if glossary else None


GLOSSARY_SOURCE = regex.compile(r'^source\s*=\s*"([A-Za-z-]+)"', regex.MULTILINE)


def glossary_source(path: Any) -> str | None:
    """The source language a glossary pack declares, read from its header without parsing it all."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        found = GLOSSARY_SOURCE.search(handle.read(4096))
    return found.group(1) if found else None


def _transliterate(fragment: str, language: str) -> str | None:
    from ..translit import transliterate

    return transliterate(fragment, language)


CONTEXT_CHARS = 300  # characters either side whose words may tell the fragment's language
DELIBERATE = {"marked": "marked as foreign", "gloss": "glossed", "discussed": "a word being discussed"}


@dataclass(frozen=True)
class Policy:
    """The severity policy of foreign-policy.toml: actions per context and the cues that decide it."""

    actions: dict[str, str]
    gloss_after: regex.Pattern[str]
    discussed_before: regex.Pattern[str]
    not_gloss_before: frozenset[str]
    markers: tuple[tuple[str, str], ...]
    examples: tuple[dict[str, str], ...]


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def load_policy(path: Path = POLICY_PATH) -> Policy:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    cues = data["cues"]
    closing = r"[!?.…]?[\]\)»”“\"’'›」]?"
    languages = "|".join(sorted(set(LANGUAGE_NAMES.values()), key=len, reverse=True))
    return Policy(
        actions=dict(data["actions"]),
        # the fragment's closing quote, then "(Latin", "("Latin", "— Latin", ", meaning ..."
        gloss_after=regex.compile(
            rf"{closing}\s*(?:\(\s*[\"“‘'«]?\s*\p{{Latin}}|[—–-]\s+[\"“‘'«]?\p{{Latin}}"
            rf"|,?\s+(?:{_alternation(cues['gloss_after'])})\b"
            rf"|,?\s+in\s+(?:{languages})\b)",  # Memorial, "Мемориал" in Russian,
            regex.IGNORECASE,
        ),
        discussed_before=regex.compile(
            rf"\b(?:{_alternation(cues['discussed_before'])})\s*[:,]?\s*[\"“‘'«„‹「(]?\s*$", regex.IGNORECASE
        ),
        not_gloss_before=frozenset(w.casefold() for w in cues["not_gloss_before"]),
        markers=tuple((m["open"], m["close"]) for m in data.get("marker", [])),
        examples=tuple(data.get("example", [])),
    )


HTML_OPEN_TAGS = regex.compile(r"(?:<([A-Za-z][\w-]*)([^<>]*)>\s*)+$")
HTML_LANG = regex.compile(r"""\blang\s*=\s*["']?([A-Za-z]{2,3})""")
HTML_ITALIC = frozenset({"i", "em", "cite", "dfn"})
HTML_CLOSE = regex.compile(r"\s*</([A-Za-z][\w-]*)\s*>")
# a word (or a quoted phrase) right before the opening parenthesis: the English form being glossed
QUOTES_AND_SPACE = frozenset(" \"“”‘’'«»„")
GLOSSED_WORD = regex.compile(r"(\p{Latin}[\p{L}\p{M}'’.-]*)[\"”’»]?\s*$")


def classify(text: str, start: int, end: int, policy: Policy) -> tuple[str, str | None]:
    """The fragment's context, and the language a `lang` attribute gives it.

    Deliberate foreign text first: marked (lang attribute, italics, a house marker), glossed
    (its translation or English form beside it, either order), discussed ("the word ...").
    Otherwise the shape around it: brackets, quotation, parenthesis, sentence or inline."""
    marked = _marked(text, start, end, policy)
    if marked is not None:
        return "marked", marked or None
    if _glossed(text, start, end, policy):
        return "gloss", None
    if policy.discussed_before.search(text, max(0, start - 60), start):
        return "discussed", None
    return fragment_context(text, start, end), None


def _marked(text: str, start: int, end: int, policy: Policy) -> str | None:
    """"" when marked without a language, the language code when a lang attribute gives it,
    None when not marked."""
    before = text[max(0, start - 300) : start]
    tags = HTML_OPEN_TAGS.search(before)
    if tags and HTML_CLOSE.match(text, end):
        opened = regex.findall(r"<([A-Za-z][\w-]*)([^<>]*)>", tags.group(0))
        for name, attributes in reversed(opened):
            found = HTML_LANG.search(attributes)
            if found:
                return found.group(1).lower()
        if any(name.lower() in HTML_ITALIC for name, _ in opened):
            return ""
    for opener, closer in policy.markers:
        if before.endswith(opener) and text.startswith(closer, end):
            return ""
    # Markdown emphasis: *word* or _word_ (and their doubled forms)
    if start and end < len(text) and text[start - 1] in "*_" and text[end] == text[start - 1]:
        return ""
    return None


def _glossed(text: str, start: int, end: int, policy: Policy) -> bool:
    if policy.gloss_after.match(text, end):
        return True
    # inside parentheses (quotes allowed) right after the English words it glosses
    opening, closing = start, end
    while opening > 0 and text[opening - 1] in QUOTES_AND_SPACE:
        opening -= 1
    while closing < len(text) and text[closing] in QUOTES_AND_SPACE:
        closing += 1
    if not (opening > 0 and text[opening - 1] == "(" and text[closing : closing + 1] == ")"):
        return False
    word = GLOSSED_WORD.search(text, max(0, opening - 80), opening - 1)
    return bool(word) and word.group(1).casefold() not in policy.not_gloss_before


def fragment_context(text: str, start: int, end: int) -> str:
    """brackets, quotation, parenthesis, sentence, or inline: the shape around a fragment."""
    before = text[max(0, start - 2) : start].rstrip()
    after = text[end : end + 2].lstrip()
    opener = before[-1:] if before else ""
    closer = after[:1]
    if opener in OPENERS and closer == OPENERS[opener]:
        if opener == "[":
            return "brackets"
        if opener == "(":
            return "parenthesis"
        return "quotation"
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    head = text[line_start:start].strip()
    tail = text[end:line_end].strip()
    if (not head or head[-1] in ".!?:") and (not tail or tail[0] in ".!?") and len(text[start:end].split()) >= 3:
        return "sentence"
    return "inline"


def _removal_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Removing a bracketed fragment removes its brackets and one space too."""
    if start > 0 and end < len(text) and text[start - 1] in "[(" and text[end] in "])":
        start, end = start - 1, end + 1
    if start > 0 and text[start - 1] == " ":
        start -= 1
    return start, end


