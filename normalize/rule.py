"""A rule's identity, declared once next to the code that emits it.

A `Rule` says what a rule is (id, category, the severity it is reported at and the others
it may use, whether its fixes are safe, a one-line summary, the file that emits it); the
code that finds something builds its `Edit`s and `Finding`s from that value, so the id
and category are never spelled twice and `normalize rules` lists what the engine emits.
Rules of packs are declared by the pack: their source is the pack file.

>>> NBSP = Rule("whitespace.example", "whitespace", "info", "normalize/rule.py", "an example")
>>> edit = NBSP.edit(3, 4, " ", "no-break space replaced by a space")
>>> (edit.rule, edit.category, edit.severity, edit.safe)
('whitespace.example', 'whitespace', 'info', True)
>>> NBSP.finding(0, 1, "x", "seen", severity="error")
Traceback (most recent call last):
...
ValueError: rule whitespace.example is declared with severities info, not 'error'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from .edits import CATEGORIES, SEVERITIES, Edit, Finding

RULE_ID = regex.compile(r"^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$")
PACKAGE_ROOT = Path(__file__).resolve().parent.parent  # paths like "normalize/hygiene.py" are under it


@dataclass(frozen=True)
class Rule:
    """One rule. The positional order (id, category, severity, source, summary) is that of the
    `RuleInfo` rows `normalize rules` printed before, so packs and stages build both alike."""

    id: str
    category: str
    severity: str  # the default: what an edit or finding gets unless the emitting code says otherwise
    source: str  # the file that emits it ("normalize/hygiene.py") or the pack that declares it
    summary: str = ""
    severities: tuple[str, ...] = ()  # every severity it may be emitted with; () means only `severity`
    safe: bool = True  # its fixes are applied without --unsafe-fixes

    def __post_init__(self) -> None:
        if not RULE_ID.match(self.id):
            raise ValueError(f"rule id {self.id!r} must look like 'family.name' (lowercase, dots)")
        if self.category not in CATEGORIES:
            raise ValueError(f"rule {self.id}: unknown category {self.category!r}")
        if self.severity not in SEVERITIES or not set(self.severities) <= set(SEVERITIES):
            raise ValueError(f"rule {self.id}: severities must be among {', '.join(SEVERITIES)}")
        if self.severities and self.severity not in self.severities:
            object.__setattr__(self, "severities", (self.severity, *self.severities))

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def allowed_severities(self) -> tuple[str, ...]:
        return self.severities or (self.severity,)

    @property
    def message(self) -> str:  # the name `RuleInfo` had for the summary
        return self.summary

    def source_path(self) -> Path:
        """The declaring file on disk (relative sources are relative to the package's parent)."""
        path = Path(self.source)
        return path if path.is_absolute() else PACKAGE_ROOT / path

    def edit(self, start: int, end: int, replacement: str, message: str, *,
             safe: bool | None = None, severity: str | None = None, priority: int = 0) -> Edit:
        return Edit(start, end, replacement, self.id, self.category, message,
                    self.safe if safe is None else safe, self._severity(severity), priority)

    def finding(self, start: int, end: int, text: str, message: str, *,
                severity: str | None = None, **details: Any) -> Finding:
        return Finding(self.id, self.category, self._severity(severity), start, end, text, message, **details)

    def _severity(self, severity: str | None) -> str:
        if severity is None:
            return self.severity
        if severity not in self.allowed_severities:
            raise ValueError(
                f"rule {self.id} is declared with severities {', '.join(self.allowed_severities)}, not {severity!r}"
            )
        return severity
