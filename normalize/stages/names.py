"""Names and transliteration: the gazetteer stage (engine in normalize/names/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..document import Document
from ..edits import Edit, Finding
from ..rulebook import RuleInfo


class NameStage:
    phase = "content"
    categories = frozenset({"transliteration"})
    families = frozenset({"names"})

    def __init__(self, gazetteer_paths: list[Path], style: str | None) -> None:
        from ..names import NameMatcher, load_gazetteer

        self._gazetteer = load_gazetteer(gazetteer_paths)
        self._style = style
        self._matcher: Any = NameMatcher(self._gazetteer, style)
        self._natives: dict[str, str] | None = None

    def rules(self) -> list[RuleInfo]:
        return [
            RuleInfo(f"names.{e.id}", "transliteration", "warning", str(e.source), f"{e.canonical}: standard spelling")
            for e in self._gazetteer.entities
        ]

    def native_spelling(self, fragment: str) -> str | None:
        """The house spelling of a name written in its own script ("Сергей Шойгу" -> "Sergei Shoigu")."""
        if self._natives is None:
            self._natives = {
                native.text.casefold(): entity.spelling(self._style)
                for entity in self._gazetteer.entities
                for native in entity.native
            }
        return self._natives.get(fragment.casefold())

    def run(self, doc: Document) -> tuple[list[Edit], list[Finding]]:
        # The canonical spellings are English press spellings: a French or German article
        # rightly writes Choïgou or Schoigu, so other languages are left alone.
        if doc.language not in (None, "en"):
            return [], []
        return self._matcher.find(doc.text, doc.is_protected, doc.capital_words)
