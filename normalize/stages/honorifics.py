"""Honorifics and titles before names: one form per document or per house style.

Data comes from `honorifics` packs (rules/honorifics/*.toml). The pack that applies
follows the document's language. A title is a title when a personal name follows it:
only a title followed by a capitalised word is touched ("St" in "1st St." is left alone),
and the pack's exceptions leave alone what looks like one but is not: brands (Dr Pepper),
stage names (Ms Dynamite), towns (St Helens), generations (Gen Z), foreign words (Det
Norske Veritas, Maj as a given name), and titles of works ("No More Mr Nasty", "Mr Smith
Goes to Washington"), which are neither counted nor changed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Container, Iterable

import regex

from ..document import Document
from ..edits import Edit, Finding
from ..rulebook import EntryChecker, Example, Pack, RuleInfo, entries
from ..errors import RulePackError
from ..tomlpos import locate, table_line

GROUPS = ("contraction", "abbreviation", "fixed")
STANDS_INSIDE = frozenset("./@-_")  # a title right after one of these is part of a path or address
FORMS = ("bare", "dotted")
KEYS = {"id", "bare", "group", "canonical", "message", "severity", "examples", "not_before"}


@dataclass(frozen=True)
class Honorific:
    id: str
    bare: str
    group: str
    canonical: str | None  # fixed group: the one right spelling
    message: str
    source: str
    examples: tuple[Example, ...]
    not_before: frozenset[str] = frozenset()  # next words that make it a brand, a town, a word


@dataclass(frozen=True)
class Exceptions:
    """Pack-wide signs that a title-like word heads a title of a work, not a name."""

    title_words: frozenset[str] = frozenset()  # small words inside capitalised titles: to, the, of
    # closed-class words that, capitalised before a title, make a title of a work even where a
    # sentence starts ("No More Mr Nasty wins ..."), unlike "In New York Mr Smith said"
    title_openers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class HonorificPack:
    language: str
    honorifics: tuple[Honorific, ...]
    styles: dict[str, dict[str, str]]  # style -> group -> "bare" | "dotted"
    exceptions: Exceptions = Exceptions()


def parse_honorifics(pack: Pack) -> HonorificPack:
    if not pack.language:
        raise RulePackError(pack.path, locate(pack.source, None, 0, "kind"), "honorifics pack needs [pack] language")
    styles = _parse_styles(pack)
    exceptions = _parse_exceptions(pack)
    data = {k: v for k, v in pack.data.items() if k not in ("styles", "exceptions")}
    view = Pack(pack.path, pack.kind, pack.name, pack.language, data, pack.source)
    items = []
    for index, raw in enumerate(entries(view, "honorific")):
        check = EntryChecker(pack, "honorific", index, raw, KEYS)
        group = check.choice("group", GROUPS)
        canonical = check.string("canonical", required=group == "fixed")
        items.append(
            Honorific(
                check.rule_id(prefix="honorific"), check.string("bare") or "", group, canonical,
                check.string("message") or "", str(pack.path), check.examples(),
                frozenset(_string_list(check, raw, "not_before")),
            )
        )
    return HonorificPack(pack.language, tuple(items), styles, exceptions)


def _string_list(check: EntryChecker, raw: dict, key: str) -> list[str]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        check.fail(key, f"{key!r} must be a list of non-empty strings")
    return value


def _parse_exceptions(pack: Pack) -> Exceptions:
    raw = pack.data.get("exceptions", {})
    lists = {key: raw.get(key, []) for key in ("title_words", "title_openers")} if isinstance(raw, dict) else {}
    if not isinstance(raw, dict) or set(raw) - set(lists) or not all(
        isinstance(v, list) and all(isinstance(w, str) for w in v) for v in lists.values()
    ):
        raise RulePackError(pack.path, table_line(pack.source, "exceptions"),
                            "[exceptions] takes title_words and title_openers, lists of strings")
    return Exceptions(frozenset(lists["title_words"]), frozenset(lists["title_openers"]))


def _parse_styles(pack: Pack) -> dict[str, dict[str, str]]:
    raw = pack.data.get("styles", {})
    styles: dict[str, dict[str, str]] = {}
    for style, groups in raw.items():
        if not isinstance(groups, dict) or any(g not in GROUPS or f not in FORMS for g, f in groups.items()):
            line = table_line(pack.source, f"styles.{style}")
            raise RulePackError(pack.path, line, f"[styles.{style}] maps groups ({', '.join(GROUPS[:2])}) to 'bare' or 'dotted'")
        styles[style] = dict(groups)
    return styles


class HonorificStage:
    phase = "content"
    needs_language = True
    categories = frozenset({"honorific"})
    families = frozenset({"honorific"})

    def __init__(self, packs: list[HonorificPack]) -> None:
        self._by_language = {p.language: p for p in packs}
        self._by_bare = {p.language: {h.bare: h for h in p.honorifics} for p in packs}
        self._lower_case = {language: tuple(t for t in titles if not t[:1].isupper())
                            for language, titles in self._by_bare.items()}

    def rules(self) -> list[RuleInfo]:
        return [
            RuleInfo(h.id, "honorific", "warning", h.source, h.message)
            for p in self._by_language.values()
            for h in p.honorifics
        ]

    def run(self, doc: Document) -> tuple[list[Edit], list[Finding]]:
        language = doc.language or "en"  # a language without a pack (nl, tr) gets no English style
        pack = self._by_language.get(language)
        if pack is None:
            return [], []
        by_bare = self._by_bare[language]
        present = set(doc.capital_words.intersection(by_bare))
        # lower-case titles (Polish dr, prof.) are not among the capitalised words
        present.update(t for t in self._lower_case[language] if t in doc.text)
        if not present:  # no title anywhere: nothing to standardise
            return [], []
        text = doc.text
        # The forms each title is written in before a space (a superset of the forms of its
        # spans): when even those are settled, so are the spans, and none need finding.
        if _settled(pack, ((by_bare[title], form) for title in present for form in _forms(text, title)), doc.style):
            return [], []
        spans = [(start, end, by_bare[title]) for title in present for start, end in _title_spans(text, title)]
        if _settled(pack, ((h, text[start:end]) for start, end, h in spans), doc.style):  # lazily: memory
            return [], []  # every title already has the one form it could be given: nothing to judge
        hits = [
            (start, end, honorific)
            for start, end, honorific in spans
            if not doc.is_protected(start, end)
            and not _not_a_title(text, start, end, honorific, pack.exceptions, by_bare)
        ]
        hits.sort(key=lambda hit: hit[0])
        target = _targets(pack, ((h, text[end - 1] == ".") for _, end, h in hits), doc.style)
        edits = []
        for start, end, honorific in hits:
            wanted = target.get(honorific.id)
            if wanted is not None and text[start:end] != wanted:
                edits.append(Edit(start, end, wanted, honorific.id, "honorific", honorific.message))
        return edits, []


# After a title: an optional full stop, then spaces and a capital letter (a name follows).
NAME_FOLLOWS = regex.compile(r"(\.)?[ \u00a0]+\p{Lu}")


def _title_spans(text: str, title: str) -> list[tuple[int, int]]:
    """Spans of `title` (with its stop, if any) standing alone before a name.

    Found with str.find from the titles the text contains: cheaper than a regex pass.
    A title glued to a path, URL or address ("/Mr.Smith", "dr.who@") is not a title.
    """
    spans = []
    pos = text.find(title)
    while pos != -1:
        end = pos + len(title)
        before = text[pos - 1] if pos else " "
        if not (before.isalnum() or before in STANDS_INSIDE):
            follows = NAME_FOLLOWS.match(text, end)
            if follows:
                spans.append((pos, end + (1 if follows.group(1) else 0)))
        pos = text.find(title, end)
    return spans


@lru_cache(maxsize=512)
def _form_pattern(title: str) -> re.Pattern[str]:
    """The title, its stop if any, and the space NAME_FOLLOWS needs after them (stdlib re: a
    literal prefix is searched for in C)."""
    return re.compile(re.escape(title) + r"(\.?)[ \u00a0]")


def _forms(text: str, title: str) -> set[str]:
    """How `title` is written before a space ("Mr", "Mr."): every title span is one of these."""
    return {title + stop for stop in _form_pattern(title).findall(text)}


WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}'’-]*")
CAPITALISED_BEFORE = regex.compile(r"(?:\p{Lu}[\p{L}\p{M}'’-]*[ \u00a0]+){2,}$")
POSSESSIVE_END = regex.compile(r"['’]s?$")
OPENING_MARKS = frozenset("\"“‘'«„*_")
CLOSING_MARKS = frozenset("\"”’'»“*_")


def _not_a_title(text: str, start: int, end: int, honorific: Honorific, exceptions: Exceptions,
                 titles: Container[str] = ()) -> bool:
    """True when the word after the title is not a personal name (a brand, a town, Gen Z) or
    the title sits inside the title of a work."""
    words: list[str] = []  # the words that follow, one space apart, up to punctuation
    pos = end
    while len(words) < 8:
        gap = pos
        while gap < len(text) and text[gap] in " \u00a0":
            gap += 1
        found = WORD.match(text, gap) if gap > pos else None
        if not found:
            break
        words.append(found.group())
        pos = found.end()
        if found.group() in titles and text[pos : pos + 1] == ".":
            pos += 1  # a title's own stop ("Mr. Mr. Kim") is the stage's to change, not the end of the phrase
    if not words:
        return False
    following = POSSESSIVE_END.sub("", words[0])  # Maj Sjöwall's, Dr Martens'
    if following in honorific.not_before or " ".join(words[:2]) in honorific.not_before:
        return True
    # an acronym or a lone capital not followed by a surname: Gen Z, Gen AI (an initial has
    # a full stop or a surname after it: Dr J. Smith, Dr J Smith)
    if following.isupper() and len(following) <= 3 and not (
        text[pos : pos + 1] == "." or len(words) > 1 and words[1][:1].isupper()
    ):
        return True
    return _in_title_of_work(text, start, pos, words, exceptions)


def _in_title_of_work(text: str, start: int, after: int, words: list[str], exceptions: Exceptions) -> bool:
    """"No More Mr Nasty", *Mr Smith Goes to Washington*: quoted or italic around the capitalised
    phrase, capitalised words before the title mid-sentence, or a small word between capitalised
    ones after the name."""
    run = 0  # capitalised words after the title, small title words included between them
    for index, word in enumerate(words):
        if word[:1].isupper():
            run = index + 1
        elif word not in exceptions.title_words:
            break
    capitalised = [w for w in words[:run] if w[:1].isupper()]
    if run > len(capitalised) and len(capitalised) >= 3:
        return True  # Mr Smith Goes to Washington
    # the capitalised phrase around the title, and the marks around it
    phrase_end = after
    if run < len(words):
        phrase_end = _end_of_words(text, start, run)
    before = text[max(0, start - 80) : start]
    earlier = CAPITALISED_BEFORE.search(before)
    phrase_start = start - len(earlier.group()) if earlier else start
    if earlier and len(capitalised) == 1:
        head = text[max(0, phrase_start - 3) : phrase_start].rstrip(" \u00a0")
        if head and head[-1] not in ".!?:\n" and head[-1] not in OPENING_MARKS:
            return True  # the documentary No More Mr Nasty
        if not exceptions.title_openers.isdisjoint(earlier.group().split()[1:]):
            return True  # No More Mr Nasty wins ...
    opener = text[phrase_start - 1 : phrase_start]
    closer = text[phrase_end : phrase_end + 1]
    return bool(opener) and opener in OPENING_MARKS and closer in CLOSING_MARKS and closer != ""


def _end_of_words(text: str, start: int, count: int) -> int:
    """End offset of the title plus `count` following words."""
    pos = start
    title = WORD.match(text, pos)
    pos = title.end() if title else pos
    for _ in range(count):
        found = WORD.search(text, pos)
        if not found:
            break
        pos = found.end()
    return pos


def _settled(pack: HonorificPack, seen: Iterable[tuple[Honorific, str]], style: str | None) -> bool:
    """True when no subset of these title spans can get an edit: each fixed title is already
    canonical, and each other group shows one form only, the house style's where it has one.
    (The costlier not-a-title checks only remove spans, which cannot change such a verdict.)"""
    house = pack.styles.get(style or "") or {}
    forms: dict[str, str] = {}
    for honorific, written in seen:
        if honorific.group == "fixed":
            if written != (honorific.canonical or honorific.bare):
                return False
            continue
        form = "dotted" if written.endswith(".") else "bare"
        if forms.setdefault(honorific.group, house.get(honorific.group, form)) != form:
            return False
    return True


def _targets(pack: HonorificPack, seen: Iterable[tuple[Honorific, bool]], style: str | None) -> dict[str, str]:
    """Decide the wanted spelling of each honorific present in the document (`seen` is
    read once, so it can be a generator: one tuple per title of a long text is memory)."""
    chosen_form: dict[str, str] = {}
    house = pack.styles.get(style or "")
    present: dict[str, Honorific] = {}
    votes: dict[str, Counter[str]] = {}
    first: dict[str, str] = {}
    for honorific, dotted in seen:
        present.setdefault(honorific.id, honorific)
        if not house:  # the document's own majority, per group; a tie keeps the first form seen
            form = "dotted" if dotted else "bare"
            votes.setdefault(honorific.group, Counter())[form] += 1
            first.setdefault(honorific.group, form)
    if house:
        chosen_form.update(house)
    for group, counter in votes.items():
        n_bare, n_dotted = counter["bare"], counter["dotted"]
        chosen_form[group] = "bare" if n_bare > n_dotted else "dotted" if n_dotted > n_bare else first[group]
    target = {}
    for honorific in present.values():
        if honorific.group == "fixed":
            target[honorific.id] = honorific.canonical or honorific.bare
        elif honorific.group in chosen_form:
            form = chosen_form[honorific.group]
            target[honorific.id] = honorific.bare + ("." if form == "dotted" else "")
    return target
