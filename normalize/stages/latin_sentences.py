"""Untranslated sentences in another Latin-script language (a Spanish quote left in English copy).

Report only, and precision first: a sentence must have at least six words, and its function
words must name one other language clearly (several hits, few for the document's language).
Names, titles and short phrases never qualify, and neither do lists of names (a rugby line-up,
"P Montgomery; B Paulse, M Joubert, De Wet Barry"): the function words must sit in running text,
lower case between lower-case words, not in surname particles between capitalised names. One set intersection per document decides
whether any sentence needs a closer look, so clean copy costs almost nothing.
"""

from __future__ import annotations

import regex

from ..doclang import FUNCTION_WORDS, HEAD_CHARS, head_function_words, latin_language
from ..document import Document
from ..edits import Edit, Finding
from ..languages import language_names
from ..rulebook import RuleInfo

RULE = "foreign-script.latin-sentence"
SENTENCE = regex.compile(r"[^.!?\n]*\p{L}[^.!?\n]*[.!?]?")
MIN_WORDS = 6
MIN_HITS = 3
# Function words of the other languages that English copy does not use on its own: the ones
# that are also English words ("come", "met", "die", "per") or name particles ("van", "von")
# are left out.
ENGLISH_TOO = frozenset(
    "a e o i y do no to na ne ale com come con den die door em lo met non op par pas per pour van von um".split()
)
MARKERS = {
    language: words - FUNCTION_WORDS["en"] - ENGLISH_TOO
    for language, words in FUNCTION_WORDS.items()
    if language != "en"
}
ALL_MARKERS = frozenset().union(*MARKERS.values())
GATE = ALL_MARKERS | {w.capitalize() for w in ALL_MARKERS}  # as split() finds them, sentence starts too
# The gate's words lower-cased (function words all), and how many of its words share one such
# form: MIN_HITS distinct gate words need at least LOWER_HITS distinct lower-cased forms.
GATE_LOWER = frozenset(w.lower() for w in GATE)
LOWER_HITS = -(-MIN_HITS // max(sum(1 for w in GATE if w.lower() == lower) for lower in GATE_LOWER))



WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")
MAX_LIST_SEPARATORS = 0.25  # commas and semicolons per word: a line-up has one every two words
MIN_LOWER_CONTENT = 2  # lower-case words that are neither markers nor English function words
MAX_INITIALS = 2  # "P Montgomery; B Paulse, M Joubert": initials mark a list of names
INITIAL = regex.compile(r"(?<![\p{L}\p{M}.])\p{Lu}\.?(?=[ \u00a0]+\p{Lu})")


def running_text(sentence: str) -> bool:
    """Prose rather than a list of names: few initials, few list separators, some lower-case
    content words (a verb: the names of institutions have none: "Caisse Nationale de
    Surcompensation du Batiment"), and at least two function words of another language in
    running text. (Not the share of capitals: German capitalises every noun.)"""
    words = WORD.findall(sentence)
    if len(words) < MIN_WORDS or len(INITIAL.findall(sentence)) > MAX_INITIALS:
        return False
    if sentence.count(",") + sentence.count(";") > MAX_LIST_SEPARATORS * len(words):
        return False
    content = [w for w in words[1:] if w.islower() and w not in ALL_MARKERS and w not in FUNCTION_WORDS["en"]]
    if len(content) < MIN_LOWER_CONTENT:
        return False
    return len(_running_markers(sentence)) >= 2


def _cut_by_wrap(sentence: str, text: str, end: int) -> bool:
    """A line of hard-wrapped copy that stops on a function word and goes on below is the start
    of a longer phrase, not a sentence: "Caisse de depot et placement du\nQuebec, the agency
    ..." (a French name inside an English sentence)."""
    if sentence[-1:] in ".!?" or text[end : end + 1] != "\n" or not text[end + 1 : end + 2].strip():
        return False
    words = sentence.lower().split()
    return bool(words) and words[-1] in ALL_MARKERS


def _running_markers(sentence: str) -> list[str]:
    """Function words of other languages in running text: lower case (or opening the sentence),
    and not a surname particle after an initial: "de" in "el precio de la vivienda", not in
    "De Wet Barry" or "J van der Westhuizen"."""
    words = WORD.findall(sentence)
    found = []
    for index, word in enumerate(words):
        lowered = word.lower()
        if lowered not in ALL_MARKERS or (index and word != lowered):
            continue
        before = next((w for w in reversed(words[:index]) if w.lower() not in ALL_MARKERS), "")
        after = next((w for w in words[index + 1 :] if w.lower() not in ALL_MARKERS), "")
        if len(before) == 1 and before.isupper() and after[:1].isupper():
            continue  # a surname particle after an initial: "O du Randt", "A van der Westhuizen"
        found.append(lowered)
    return found


def _may_have_enough_markers(text: str) -> bool:
    """False when the text cannot hold MIN_HITS distinct gate words (then _enough_markers is
    False too), read mostly from the head's function words that describing the text found:
    only the rest of a short text is split here. Longer texts are not read twice."""
    if len(text) > 1 << 16:
        return True
    forms = head_function_words(text) & GATE_LOWER  # also a cut-off last word: more forms, never fewer
    if len(text) > HEAD_CHARS:
        tail = text[HEAD_CHARS:]
        forms = forms | {w.lower() for w in GATE.intersection(tail.split())}
        if not text[HEAD_CHARS - 1].isspace() and not tail[0].isspace():  # a word across the cut
            across = text[:HEAD_CHARS].rsplit(None, 1)[-1] + tail.split(None, 1)[0]
            if across in GATE:
                forms = forms | {across.lower()}
    return len(forms) >= LOWER_HITS


def _enough_markers(text: str, piece: int = 1 << 16) -> bool:
    """At least MIN_HITS distinct marker words? Split a piece at a time: a list of every word
    of a 50 MB text would cost ten times the text in memory."""
    hits: set[str] = set()
    start = 0
    while start < len(text):
        end = text.find(" ", start + piece) if start + piece < len(text) else len(text)
        end = len(text) if end < 0 else end
        hits |= GATE.intersection(text[start:end].split())
        if len(hits) >= MIN_HITS:
            return True
        start = end
    return False


class LatinSentenceStage:
    phase = "content"
    needs_language = True
    categories = frozenset({"foreign-script"})
    families = frozenset({"foreign-script"})

    def rules(self) -> list[RuleInfo]:
        return [RuleInfo(RULE, "foreign-script", "warning", "normalize/stages/latin_sentences.py",
                         "a sentence in another Latin-script language")]

    def run(self, doc: Document) -> tuple[list[Edit], list[Finding]]:
        if doc.script not in (None, "Latin") or doc.language not in (None, "en"):
            return [], []
        # One split and set operations in C. A foreign sentence brings several distinct function
        # words, so every other word is enough to notice one; English copy shows at most a "de"
        # or "la" from a name.
        if not _may_have_enough_markers(doc.text) or not _enough_markers(doc.text):
            return [], []
        findings = []
        for match in SENTENCE.finditer(doc.text):
            sentence = match.group().strip()
            if len(sentence.split()) < MIN_WORDS or ALL_MARKERS.isdisjoint(sentence.lower().split()):
                continue
            if not running_text(sentence) or _cut_by_wrap(sentence, doc.text, match.end()):
                continue
            language, confidence = latin_language(sentence)
            # precision is about "not English": which other language it is may be less sure
            if language in (None, "en") or not self._clear(sentence):
                continue
            start = match.start() + match.group().index(sentence)
            if doc.is_protected(start, start + len(sentence)):
                continue
            name = language_names().get(language, language)
            findings.append(Finding(RULE, "foreign-script", "warning", start, start + len(sentence), sentence,
                                    f"{name} sentence in English text", script="Latin", language=language,
                                    confidence=confidence))
        return [], findings

    @staticmethod
    def _clear(sentence: str) -> bool:
        words = sentence.lower().split()
        hits = len(_running_markers(sentence))
        english = sum(1 for w in words if w in FUNCTION_WORDS["en"])
        return english == 0 and hits >= 2 or english <= 1 and hits >= MIN_HITS
