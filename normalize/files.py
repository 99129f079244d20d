"""Finding the files to work on: explicit paths, directory walks, excludes, .gitignore."""

from __future__ import annotations

import fnmatch
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

MARKUP_BY_SUFFIX = {
    ".md": "markdown", ".markdown": "markdown", ".mdx": "markdown", ".mkd": "markdown", ".mdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".rst": "rst", ".rest": "rst",
}
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".mdx", ".rst", ".html", ".htm"})
SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"})


@dataclass(frozen=True)
class Target:
    path: Path | None  # None: standard input
    display: str
    explicit: bool  # named on the command line (not found by walking)


def markup_for_path(path: str) -> str:
    """The markup a file is read as, by its extension (normalize.markup parses it)."""
    return MARKUP_BY_SUFFIX.get(Path(path).suffix.lower(), "text")


def collect(paths: list[str], exclude: tuple[str, ...] = (), force_exclude: bool = False,
            notes: list[str] | None = None) -> tuple[list[Target], list[str]]:
    """Targets in a stable order, and messages about paths that do not exist. `notes` receives
    what was left out and why (git-ignored, excluded, no text files), so no skip is silent."""
    notes = [] if notes is None else notes
    targets: list[Target] = []
    missing: list[str] = []
    for raw in paths:
        if raw == "-":
            targets.append(Target(None, "-", True))
            continue
        path = Path(raw)
        if path.is_dir():
            found = walk(path, exclude, notes)
            if not found:
                notes.append(f"{raw}: no text files to check ({', '.join(sorted(TEXT_SUFFIXES))})")
            targets += [Target(p, str(p), False) for p in found]
        elif path.exists() or path.is_symlink():
            if force_exclude and excluded(path, exclude):
                notes.append(f"skipped {raw}: excluded by the configuration (--force-exclude)")
                continue
            targets.append(Target(path, raw, True))
        else:
            missing.append(f"{raw}: no such file or directory")
    return targets, missing


def walk(root: Path, exclude: tuple[str, ...], notes: list[str] | None = None) -> list[Path]:
    """Text files under `root`, minus excludes and git-ignored files. Ignore rules apply to what
    the walk discovers: a folder named on the command line is checked even if it is ignored."""
    found: list[Path] = []
    dropped = 0
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            if path.suffix.lower() in TEXT_SUFFIXES:
                if excluded(path, exclude):
                    dropped += 1
                else:
                    found.append(path)
    if dropped and notes is not None:
        notes.append(f"skipped {dropped} file(s) under {root} matching 'exclude'")
    if git_ignored(root, [root]):  # the named folder itself is ignored: the user asked for it anyway
        return found
    ignored = set(git_ignored(root, found))
    if ignored and notes is not None:
        notes.append(f"skipped {len(ignored)} git-ignored file(s) under {root}")
    return [p for p in found if p not in ignored]


def excluded(path: Path, patterns: tuple[str, ...]) -> bool:
    text = path.as_posix()
    return any(
        fnmatch.fnmatch(text, pattern) or fnmatch.fnmatch(path.name, pattern) or fnmatch.fnmatch(text, f"*/{pattern}")
        for pattern in patterns
    )


def git_ignored(root: Path, paths: list[Path]) -> list[Path]:
    """Paths that git would ignore (real .gitignore semantics, via `git check-ignore`)."""
    if not paths:
        return []
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "check-ignore", "--stdin", "-z"],
            input="\0".join(str(p.resolve()) for p in paths).encode(),
            capture_output=True, timeout=30, check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    if done.returncode not in (0, 1):  # 128: not a git repository
        return []
    ignored = {Path(p) for p in done.stdout.decode(errors="surrogateescape").split("\0") if p}
    return [p for p in paths if p.resolve() in ignored]
