"""The "names" stage: gazetteer-driven spelling of people, places and organisations.

`load_gazetteer` reads and validates `rules/names/*.toml`; `NameMatcher(gazetteer, style)` finds
variant and near-miss spellings in a text and proposes `names.<id>` edits and findings.
"""

from __future__ import annotations

from pathlib import Path

from .gazetteer import Entity, Gazetteer, Native, load_gazetteer
from .matcher import NameMatcher

__all__ = ["Entity", "Gazetteer", "Native", "NameMatcher", "bundled_paths", "load_gazetteer"]


def bundled_paths(root: Path | None = None) -> list[Path]:
    """The gazetteer packs under `rules/names/` (sorted, so load order is stable)."""
    from ..resources import rules_dir

    base = root or rules_dir() / "names"
    return sorted(base.glob("*.toml")) if base.is_dir() else []
