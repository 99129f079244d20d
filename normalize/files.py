"""Finding the files to work on: explicit paths, directory walks, excludes, .gitignore."""

from __future__ import annotations

import fnmatch
import os
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_BYTES = 50_000_000  # the default `max-bytes`; packs and configuration are held to it too

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
            found = walk(path, exclude, notes, missing)
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


def walk(root: Path, exclude: tuple[str, ...], notes: list[str] | None = None,
         problems: list[str] | None = None) -> list[Path]:
    """Text files under `root`, minus excludes and git-ignored files. Ignore rules apply to what
    the walk discovers: a folder named on the command line is checked even if it is ignored.
    A folder that cannot be listed is reported in `problems` (never skipped silently); devices,
    FIFOs and sockets are left to the reader, which skips them with a message."""
    found: list[Path] = []
    dropped = 0

    def unreadable(exc: OSError) -> None:
        if problems is not None:
            problems.append(f"{exc.filename}: cannot read folder: {exc.strerror}")

    for folder, dirs, files in os.walk(root, onerror=unreadable):
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
    # The folder may come from a stranger (an unpacked tarball): its .git/config must not
    # run anything. fsmonitor and hooks are the settings that execute commands here;
    # command-line -c wins over the repository's config; the system config is skipped.
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0"}
    try:
        done = subprocess.run(
            ["git", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null",
             "-C", str(root), "check-ignore", "--stdin", "-z"],
            input="\0".join(str(p.resolve()) for p in paths).encode(),
            capture_output=True, timeout=30, check=False, env=env,
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    if done.returncode not in (0, 1):  # 128: not a git repository
        return []
    ignored = {Path(p) for p in done.stdout.decode(errors="surrogateescape").split("\0") if p}
    return [p for p in paths if p.resolve() in ignored]


class NotRegularFile(OSError):
    """A device, FIFO, socket or folder where a regular file was expected."""


def read_bounded(path: Path | str, limit: int = DEFAULT_MAX_BYTES, regular_only: bool = True) -> bytes:
    """The bytes of a file, reading at most `limit + 1` of them.

    A symlink to /dev/zero or a FIFO would otherwise be read forever or block: the file is
    opened without blocking and checked with fstat (on the open descriptor, so it cannot be
    swapped after the check). `regular_only=False` (a path the user named, such as a pipe
    from `<(...)`) still reads at most `limit + 1` bytes. Raises NotRegularFile, OSError, or
    ValueError past the limit.
    """
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)
    if regular_only:  # a socket cannot even be opened: say what it is first
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(0, f"not a regular file ({_kind(mode)})", str(path))
    fd = os.open(path, flags | (getattr(os, "O_NONBLOCK", 0) if regular_only else 0))
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode) or (regular_only and not stat.S_ISREG(mode)):
            raise NotRegularFile(0, f"not a regular file ({_kind(mode)})", str(path))
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"{path}: more than {limit} bytes (max-bytes); not read")
    return data


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


# --- trust: files another local user could have planted ------------------------------------

def untrusted(path: Path | str) -> str | None:
    """Why `path` (a file or folder) cannot be trusted, or None.

    Trusted: owned by the current user or root, not writable by group or others, and the
    same for the folder holding it (a folder writable by others lets them swap the file,
    unless it has the sticky bit, as /tmp does). The rule git applies to repositories
    (safe.directory), for configuration, rule packs and the compiled-data cache."""
    me = os.geteuid() if hasattr(os, "geteuid") else None
    if me is None:  # not POSIX: no owners to compare
        return None
    for item, is_parent in ((Path(path), False), (Path(path).absolute().parent, True)):
        try:
            info = item.stat()
        except OSError:
            return None  # missing: reading it reports the problem
        if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
            return None  # a device or FIFO: reading refuses it with its own message
        if info.st_uid not in (me, 0):
            return f"{item} is owned by another user (uid {info.st_uid})"
        sticky = is_parent and info.st_mode & stat.S_ISVTX
        if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH) and not sticky:
            return f"{item} is writable by {'others' if info.st_mode & stat.S_IWOTH else 'its group'}"
    return None


_WARNED: set[str] = set()


def warn_once(message: str) -> None:
    """One line on standard error, once per process and message."""
    if message not in _WARNED:
        _WARNED.add(message)
        import sys

        if sys.stderr is not None:  # a path may hold ESC or newlines: escaped (as report.text does)
            shown = "".join(c if c.isprintable() or c == " " else f"\\u{ord(c):04x}" for c in message)
            sys.stderr.write(f"normalize: warning: {shown}\n")
