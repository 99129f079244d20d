"""Stages: each proposes edits and findings for one family of damage; none rewrites text."""

from __future__ import annotations

from typing import Protocol

from ..document import Document
from ..edits import Edit, Finding


class Stage(Protocol):
    name: str
    categories: frozenset[str]

    def run(self, doc: Document) -> tuple[list[Edit], list[Finding]]: ...
