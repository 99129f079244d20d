"""User and bundled `rules` packs: a regex or word list and its replacement.

Patterns come from people we do not know, so each search runs with a time limit:
a catastrophic pattern becomes a finding, never a hung pre-commit hook.
"""

from __future__ import annotations

import regex

from ..document import Document
from ..edits import Edit, Finding
from ..rule import Rule
from ..rulebook import Rule as PackRule

TIMEOUT_SECONDS = 1.0


def declare(rule: PackRule) -> Rule:
    """A pack rule's declaration: its pack is its source; a timed-out pattern is an error."""
    return Rule(rule.id, rule.category, rule.severity, rule.source, rule.message,
                severities=(rule.severity, "error"), safe=rule.safe)


class RuleStage:
    phase = "content"
    needs_language = False

    def __init__(self, rules: list[PackRule]) -> None:
        self._rules = [(rule, declare(rule), regex.compile(rule.pattern)) for rule in rules]
        self.categories = frozenset(rule.category for rule in rules)
        self.families = frozenset(rule.id.split(".")[0] for rule in rules)

    def rules(self) -> list[Rule]:
        return [declared for _, declared, _ in self._rules]

    def run(self, doc: Document) -> tuple[list[Edit], list[Finding]]:
        edits: list[Edit] = []
        findings: list[Finding] = []
        for rule, declared, pattern in self._rules:
            if rule.language and doc.language and rule.language != doc.language:
                continue
            try:
                matches = list(pattern.finditer(doc.text, timeout=TIMEOUT_SECONDS))
            except TimeoutError:
                findings.append(declared.finding(
                    0, 0, "", f"rule {rule.id} ({rule.source}) timed out after {TIMEOUT_SECONDS:g} s and was skipped",
                    severity="error"))
                continue
            for match in matches:
                if match.start() == match.end():
                    continue
                if rule.replacement is None:
                    findings.append(declared.finding(match.start(), match.end(), match.group(0), rule.message))
                    continue
                after = match.expand(rule.replacement)
                if after != match.group(0):
                    edits.append(declared.edit(match.start(), match.end(), after, rule.message))
        return edits, findings
