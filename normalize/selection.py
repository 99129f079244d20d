"""`select` / `ignore`: categories or rule ids, a rule id matching by dotted prefix."""

from __future__ import annotations

from dataclasses import dataclass

from .edits import CATEGORIES


def selector_matches(selector: str, rule: str, category: str) -> int:
    """How specifically `selector` matches (0: not at all; categories are the broadest)."""
    if selector == category:
        return 1
    if rule == selector or rule.startswith(selector + "."):
        return 1 + len(selector)
    return 0


@dataclass(frozen=True)
class Selection:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def enabled(self, rule: str, category: str) -> bool:
        """The more specific of select and ignore wins, as in ruff."""
        chosen = max((selector_matches(s, rule, category) for s in self.select), default=0)
        if self.select and not chosen:
            return False
        ignored = max((selector_matches(s, rule, category) for s in self.ignore), default=0)
        return ignored == 0 or chosen > ignored

    def may_enable(self, families: frozenset[str], categories: frozenset[str]) -> bool:
        """Whether any rule of a stage (by rule-id family or category) could be enabled."""

        def touches(selector: str) -> bool:
            return selector in categories or selector.split(".")[0] in families

        if self.select and not any(touches(s) for s in self.select):
            return False
        fully_ignored = categories <= set(self.ignore) or any(i in families for i in self.ignore)
        # a select naming a rule inside the family re-enables part of an ignored stage
        return not fully_ignored or any("." in s and touches(s) for s in self.select)


def unknown_selectors(selectors: tuple[str, ...], families: set[str]) -> list[str]:
    """Selectors that name neither a category nor a known rule family: likely typos."""
    return [s for s in selectors if s not in CATEGORIES and s.split(".")[0] not in families]
