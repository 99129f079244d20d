"""The one user-error type. The CLI turns it into a message and exit code 2."""

from __future__ import annotations

from pathlib import Path


class NormalizeError(Exception):
    """An error the user can fix: bad input, configuration or rule pack."""


class RulePackError(NormalizeError):
    """A rule pack, gazetteer or glossary that failed validation, with its location."""

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.detail = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")
