"""Names and transliteration: the gazetteer stage (engine in normalize/names/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..document import Document
from ..edits import Edit, Finding
from ..rulebook import RuleInfo


class NameStage:
    phase = "content"
    needs_language = True
    categories = frozenset({"transliteration"})
    families = frozenset({"names"})

    def __init__(self, gazetteer_paths: list[Path], style: str | None) -> None:
        from ..names import NameMatcher, load_gazetteer

        self._gazetteer = load_gazetteer(gazetteer_paths)
        self._style = style
        self._matcher: Any = NameMatcher(self._gazetteer, style)
        self._natives: dict[str, str] | None = None
        self._press: dict[str, Any] = {}  # language -> matcher of its press spellings

    def rules(self) -> list[RuleInfo]:
        return [
            # changes are reported at warning; suggestions without identity evidence at info
            RuleInfo(f"names.{e.id}", "transliteration", "warning", str(e.source), f"{e.canonical}: standard spelling",
                     severities=("warning", "info"))
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
        # rightly writes Choïgou or Schoigu, so other languages are left alone, unless their
        # own press style is selected (--style de): then names/press.py supplies the spellings.
        if doc.language not in (None, "en"):
            if doc.style != doc.language:
                return [], []
            matcher = self._press_matcher(doc.language)
            return matcher.find(doc.text, doc.is_protected, doc.capital_words, lambda: doc.url_spans) if matcher else ([], [])
        return self._matcher.find(doc.text, doc.is_protected, doc.capital_words, lambda: doc.url_spans)

    def _press_matcher(self, language: str) -> Any:
        from ..names import NameMatcher
        from ..names.press import PRESS_LANGUAGES, press_gazetteer

        if language not in PRESS_LANGUAGES:
            return None
        if language not in self._press:
            self._press[language] = NameMatcher(press_gazetteer(self._gazetteer, language), language)
        return self._press[language]
