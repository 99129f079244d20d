"""Stages: each proposes edits and findings for one family of damage; none rewrites text.

Every stage is registered once, in `pipeline.build_stages`, and says everything the
pipeline needs about it: which phase it runs in, which rule families and categories it
can emit (so a selection that excludes them never builds it), and the declarations of
its rules (`normalize rules` lists them; tests/test_rule_declarations.py checks that
what it emits is declared).
"""

from __future__ import annotations

from typing import Literal, Protocol

from ..document import Document
from ..edits import Edit, Finding
from ..rule import Rule

Phase = Literal["repair", "content"]
PHASES: tuple[Phase, ...] = ("repair", "content")  # repairs first: names are found in repaired text


class Stage(Protocol):
    phase: str  # one of PHASES
    needs_language: bool  # language-specific work: skipped when the document's language is unknown
    families: frozenset[str]  # the first part of the ids of the rules it emits
    categories: frozenset[str]
    # Optional, default False (read with getattr): `rewrites_words` marks a stage whose edits
    # replace whole damaged words (mojibake); `after_rewrites` marks one whose pass is put off
    # while such a stage rewrites the text, when another pass is sure to follow: what it would
    # find inside the damage is lost to the rewrite, and the rest it finds again next pass.

    def rules(self) -> list[Rule]: ...

    def run(self, doc: Document) -> tuple[list[Edit], list[Finding]]: ...
