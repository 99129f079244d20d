"""Baseline: accept today's findings without touching the articles; only new ones fail.

An entry is keyed by what an editor would recognise, not by offsets, so an edit elsewhere in
the article does not invalidate it: the file (relative to the baseline's folder), the rule,
the flagged text and up to CONTEXT characters on each side of it on its line (whitespace
collapsed).
Counts are kept, so a second identical finding in the same place is still new.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable

from .errors import NormalizeError

CONTEXT = 24
Key = tuple[str, str, str, str]


def item_key(path: str, rule: str, text: str, source: str, start: int, end: int, root: Path) -> Key:
    """The identity of one change or finding, robust to edits elsewhere in the file."""
    line_start = source.rfind("\n", 0, start) + 1  # context stays on the item's own line
    line_end = source.find("\n", end)
    line_end = len(source) if line_end < 0 else line_end
    before = " ".join(source[max(line_start, start - CONTEXT): start].split())
    after = " ".join(source[end: min(line_end, end + CONTEXT)].split())
    return (_relative(path, root), rule, text, f"{before}\u2038{after}")


def _relative(path: str, root: Path) -> str:
    if path == "-":
        return path
    return Path(os.path.relpath(Path(path).absolute(), root.absolute())).as_posix()


def load_baseline(path: Path) -> Counter[Key]:
    """The recorded keys and their counts; a missing or malformed file is a NormalizeError."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NormalizeError(f"{path}: baseline not found (write one with --write-baseline {path})") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NormalizeError(f"{path}: cannot read baseline: {exc}") from None
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list) or data.get("version") != 1:
        raise NormalizeError(f"{path}: not a normalize baseline (version 1 with an 'entries' list)")
    counts: Counter[Key] = Counter()
    for number, entry in enumerate(entries, 1):
        try:
            key = (entry["path"], entry["rule"], entry["text"], entry["context"])
            count = int(entry.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise NormalizeError(f"{path}: entry {number} needs path, rule, text and context") from None
        if not all(isinstance(part, str) for part in key):
            raise NormalizeError(f"{path}: entry {number}: path, rule, text and context must be strings")
        counts[key] += count
    return counts


def keys_of(display: str, result: Any, root: Path) -> Iterable[Key]:
    """The keys of every change and finding of one file's result."""
    for change in result.changes:
        yield item_key(display, change.rule, change.before, result.source, change.start, change.end, root)
    for finding in result.findings:
        yield item_key(display, finding.rule, finding.text, result.source, finding.start, finding.end, root)


def write_baseline(path: Path, entries: Iterable[tuple[str, Any]]) -> int:
    """Record every change and finding of (display path, Result) pairs; the number of entries."""
    root = path.absolute().parent
    counts: Counter[Key] = Counter(key for display, result in entries for key in keys_of(display, result, root))
    rows = [{"path": p, "rule": r, "text": t, "context": c, **({"count": n} if n > 1 else {})}
            for (p, r, t, c), n in sorted(counts.items())]
    data = {"version": 1, "tool": "normalize", "entries": rows}
    try:
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    except OSError as exc:
        raise NormalizeError(f"cannot write baseline {path}: {exc.strerror}") from None
    return len(rows)


def apply_baseline(display: str, result: Any, known: Counter[Key], root: Path,
                   changes_too: bool) -> tuple[Any, int]:
    """`result` without the items the baseline records (changes only when `changes_too`: a
    `check`; `fix` has already written its changes), and how many were dropped. `known` is
    consumed, so each recorded entry accepts as many items as its count."""
    dropped = 0

    def keep(rule: str, text: str, start: int, end: int) -> bool:
        nonlocal dropped
        key = item_key(display, rule, text, result.source, start, end, root)
        if known[key] > 0:
            known[key] -= 1
            dropped += 1
            return False
        return True

    findings = [f for f in result.findings if keep(f.rule, f.text, f.start, f.end)]
    changes = [c for c in result.changes if keep(c.rule, c.before, c.start, c.end)] if changes_too else result.changes
    return replace(result, changes=changes, findings=findings), dropped
