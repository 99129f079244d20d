"""Stray foreign-script fragments: find them, name their language, act on them.

A fragment is a maximal run of words whose letters are all outside the scripts the
document may use (its own writing system, Latin, and configured extras), joined
across spaces, hyphens, apostrophes and inner punctuation. One compiled regex per
writing system finds them in a single pass. Single letters of an alphabet are
symbols (π, Δ, μ in μm), not fragments.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, Mapping

import regex

from ..document import Document
from ..edits import Edit, Finding
from ..rulebook import RuleInfo

RULE = "foreign-script.stray"
DEFAULT_ACTIONS = {"gloss": "note", "*": "flag"}  # a parenthetical gloss is often intended
ALPHABETS = {"Latin", "Greek", "Cyrillic", "Armenian", "Georgian", "Hebrew", "Arabic"}
WRITING_SYSTEMS = {
    "Han": ("Han", "Hiragana", "Katakana"),
    "Hiragana": ("Han", "Hiragana", "Katakana"),
    "Katakana": ("Han", "Hiragana", "Katakana"),
}
LANGUAGE_NAMES = {
    "el": "Greek", "ru": "Russian", "uk": "Ukrainian", "bg": "Bulgarian", "sr": "Serbian",
    "be": "Belarusian", "mk": "Macedonian", "kk": "Kazakh", "ko": "Korean", "ja": "Japanese",
    "zh": "Chinese", "ar": "Arabic", "fa": "Persian", "ur": "Urdu", "he": "Hebrew", "en": "English",
    "fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "pl": "Polish", "tr": "Turkish", "nl": "Dutch", "hi": "Hindi", "th": "Thai", "ka": "Georgian",
    "hy": "Armenian",
}
OPENERS = {"[": "]", "(": ")", "«": "»", "“": "”", "„": "“", '"': '"', "‘": "’", "‹": "›", "「": "」"}


@lru_cache(maxsize=32)
def fragment_pattern(allowed: tuple[str, ...]) -> regex.Pattern[str]:
    """Runs of foreign-script words, joined across what sits between the words of one phrase
    or sentence: spaces, punctuation (Latin or CJK), digits, symbols, soft hyphens, one line
    break, and a short capitalised acronym ("PSI", "NATO"). Lowercase Latin words break a run:
    "[Путин] and [Зеленский]" are two fragments."""
    scripts = "".join(rf"\p{{Script={s}}}" for s in allowed)
    foreign = rf"[^\P{{L}}{scripts}]"
    word = rf"(?<![\p{{L}}\p{{M}}])(?:{foreign}[\p{{M}}\u200c\u200d\u00ad]*)+(?![\p{{L}}\p{{M}}])"
    gap = r"[ \t\u00a0\u00ad\p{P}\p{N}\p{S}]"
    join = rf"(?:{gap}{{1,12}}(?:\p{{Lu}}{{1,5}}{gap}{{1,12}})?|{gap}{{0,6}}\r?\n{gap}{{0,6}})"
    return regex.compile(rf"{word}(?:{join}{word})*")


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
    ) -> None:
        self._allow_scripts = tuple(allow_scripts)
        self._allow_terms = frozenset(t.casefold() for t in allow_terms)
        self._actions = {**DEFAULT_ACTIONS, **(actions or {})}
        self._glossary_paths = glossary_paths or []
        self._glossaries: dict[str, Any] = {}  # language -> Glossary, loaded on first fragment
        self._native_names = native_names  # a name in its own script -> its house spelling

    def rules(self) -> list[RuleInfo]:
        return [RuleInfo(RULE, "foreign-script", "error", "normalize/stages/foreign.py",
                         "fragment in another script than the document's", severities=("error", "info"))]

    def run(self, doc: Document) -> tuple[list[Edit], list[Finding]]:
        if doc.text.isascii():
            return [], []
        from .repair import PLAIN_LATIN

        if doc.unusual_chars <= PLAIN_LATIN:
            return [], []
        main = doc.script or "Latin"
        allowed = tuple(sorted({"Latin", main, *WRITING_SYSTEMS.get(main, ()), *self._allow_scripts}))
        edits: list[Edit] = []
        findings: list[Finding] = []
        for match in fragment_pattern(allowed).finditer(doc.text):
            fragment = match.group(0).rstrip(" .,:;·'’-")
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
        language, confidence = langid.identify(fragment, script)
        context = fragment_context(doc.text, start, end)
        action = self._action_for(language, context)
        if action == "keep":
            return
        name = self._native_names(fragment) if self._native_names else None
        translation = name or self._translate(fragment, language)
        transliteration = _transliterate(fragment, language)
        doc_language = LANGUAGE_NAMES.get(doc.language or "en", doc.language or "the document's")
        language_name = LANGUAGE_NAMES.get(language, script)
        message = f"{language_name} fragment in {doc_language} text" + (f" (the name {name})" if name else "")
        replacement = {"translate": translation, "transliterate": transliteration, "remove": ""}.get(action)
        if replacement is not None:
            span_start, span_end = (start, end) if action != "remove" else _removal_span(doc.text, start, end)
            edits.append(Edit(span_start, span_end, replacement, RULE, "foreign-script",
                              f"{message}: {action}", safe=False, severity="error"))
            return
        findings.append(
            Finding(
                RULE, "foreign-script", "info" if action == "note" else "error", start, end, fragment,
                message, script=script, language=language, confidence=round(confidence, 3),
                suggestion=translation or transliteration,
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


def fragment_context(text: str, start: int, end: int) -> str:
    """brackets, quotation, gloss (parenthesis after a name), sentence, or inline."""
    before = text[max(0, start - 2) : start].rstrip()
    after = text[end : end + 2].lstrip()
    opener = before[-1:] if before else ""
    closer = after[:1]
    if opener in OPENERS and closer == OPENERS[opener]:
        if opener == "[":
            return "brackets"
        if opener == "(":
            preceding = text[max(0, start - 40) : start - 1].rstrip()
            return "gloss" if regex.search(r"\p{Lu}\p{L}*[\p{L}\-]*\s*\($|\p{Lu}\p{L}+\s*$", preceding + "(") else "parenthesis"
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


