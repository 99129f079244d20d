"""Honorifics and titles before names: one form per document or per house style.

Data comes from `honorifics` packs (rules/honorifics/*.toml). The pack that applies
follows the document's language. Only a title followed by a capitalised word is
touched, so "St" in "1st St." or "Dr" in a street name is left alone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from ..document import Document
from ..edits import Edit, Finding
from ..rulebook import EntryChecker, Example, Pack, RuleInfo, entries
from ..errors import RulePackError
from ..tomlpos import locate, table_line

GROUPS = ("contraction", "abbreviation", "fixed")
STANDS_INSIDE = frozenset("./@-_")  # a title right after one of these is part of a path or address
FORMS = ("bare", "dotted")
KEYS = {"id", "bare", "group", "canonical", "message", "severity", "examples"}


@dataclass(frozen=True)
class Honorific:
    id: str
    bare: str
    group: str
    canonical: str | None  # fixed group: the one right spelling
    message: str
    source: str
    examples: tuple[Example, ...]


@dataclass(frozen=True)
class HonorificPack:
    language: str
    honorifics: tuple[Honorific, ...]
    styles: dict[str, dict[str, str]]  # style -> group -> "bare" | "dotted"


def parse_honorifics(pack: Pack) -> HonorificPack:
    if not pack.language:
        raise RulePackError(pack.path, locate(pack.source, None, 0, "kind"), "honorifics pack needs [pack] language")
    styles = _parse_styles(pack)
    data = {k: v for k, v in pack.data.items() if k != "styles"}
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
            )
        )
    return HonorificPack(pack.language, tuple(items), styles)


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
        present.update(t for t in by_bare if not t[:1].isupper() and t in doc.text)
        if not present:  # no title anywhere: nothing to standardise
            return [], []
        text = doc.text
        hits = [
            (start, end, by_bare[title])
            for title in present
            for start, end in _title_spans(text, title)
            if not doc.is_protected(start, end)
        ]
        hits.sort(key=lambda hit: hit[0])
        target = _targets(pack, [(h, text[end - 1] == ".") for _, end, h in hits], doc.style)
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


def _targets(pack: HonorificPack, seen: list[tuple[Honorific, bool]], style: str | None) -> dict[str, str]:
    """Decide the wanted spelling of each honorific present in the document."""
    chosen_form: dict[str, str] = {}
    house = pack.styles.get(style or "")
    if house:
        chosen_form.update(house)
    else:  # the document's own majority, per group; a tie keeps the first form seen
        votes: dict[str, Counter[str]] = {}
        first: dict[str, str] = {}
        for honorific, dotted in seen:
            form = "dotted" if dotted else "bare"
            votes.setdefault(honorific.group, Counter())[form] += 1
            first.setdefault(honorific.group, form)
        for group, counter in votes.items():
            bare, dotted = counter["bare"], counter["dotted"]
            chosen_form[group] = "bare" if bare > dotted else "dotted" if dotted > bare else first[group]
    target = {}
    for honorific, _ in seen:
        if honorific.group == "fixed":
            target[honorific.id] = honorific.canonical or honorific.bare
        elif honorific.group in chosen_form:
            form = chosen_form[honorific.group]
            target[honorific.id] = honorific.bare + ("." if form == "dotted" else "")
    return target
