"""Replacing a file so that a crash leaves the old file or the new one, never a torn one.

Write a temporary file in the same folder, flush and fsync it, give it the original
permission bits, owner, group and extended attributes (as far as the process may; a
note says what could not be kept), check that the original did not change since we
read it (last thing before the rename, so an editor's save in the meantime wins), then
rename over it (atomic on POSIX). Symlinks are followed: the target is rewritten and
the link stays a link. A file with several hard links is refused: a rename would split
them. An advisory lock stops two `fix` runs interleaving. An interrupt (Ctrl-C, SIGTERM
turned into KeyboardInterrupt) removes the temporary file before it propagates.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from pathlib import Path
from typing import Iterator

from .errors import NormalizeError

try:  # POSIX only; elsewhere two concurrent runs are not serialised
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]


def fingerprint(data: bytes) -> str:
    import hashlib  # here and tempfile below: only `fix` writes, and `check` starts faster

    return hashlib.blake2b(data, digest_size=16).hexdigest()


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on the file (its real target) while fixing it."""
    target = path.resolve()
    if fcntl is None:
        yield
        return
    try:  # without blocking: a FIFO must not hang the lock (reading reports it)
        handle = os.fdopen(os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb")
    except OSError:
        yield  # reading will report the problem
        return
    with handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


TEMP_SUFFIX = ".normalize-tmp"


def replace_file(path: Path, data: bytes, expected: str) -> list[str]:
    """Atomically replace `path`'s target with `data` if it still has fingerprint `expected`.
    Returns notes about what could not be kept (owner, group, extended attributes)."""
    target = path.resolve()
    try:
        info = target.stat()
    except OSError as exc:
        raise NormalizeError(f"{path}: cannot re-read before writing: {exc.strerror}") from None
    if info.st_nlink > 1:
        raise NormalizeError(f"{path}: has {info.st_nlink} hard links; replacing it would split them, so it was "
                             "not changed (fix a copy, or use --stdout)")
    if not os.access(target, os.W_OK):
        raise NormalizeError(f"{path}: file is read-only; not changed")
    folder = target.parent
    import tempfile

    temp_name = None
    try:
        try:
            fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=folder)
        except OSError as exc:
            raise NormalizeError(f"{path}: cannot create a temporary file in {folder}: {exc.strerror}") from None
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp_name, stat.S_IMODE(info.st_mode))
        notes = _keep_ownership(temp_name, target, info, path)
        # last thing before the rename: an editor's save since we read the file wins
        if _current_fingerprint(target, path) != expected:
            raise NormalizeError(f"{path}: changed on disk while being fixed; left as it is (run again)")
        os.replace(temp_name, target)
        temp_name = None
    except OSError as exc:
        reason = "disk full" if exc.errno == errno.ENOSPC else exc.strerror
        raise NormalizeError(f"{path}: not changed: {reason}") from None
    finally:  # any failure or interrupt: our temporary file goes, the original stays
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
    _fsync_folder(folder)
    return notes


def _current_fingerprint(target: Path, path: Path) -> str:
    try:
        with open(target, "rb") as handle:
            return fingerprint(handle.read())
    except OSError as exc:
        raise NormalizeError(f"{path}: cannot re-read before writing: {exc.strerror}") from None


def _keep_ownership(temp_name: str, target: Path, info: os.stat_result, path: Path) -> list[str]:
    """Give the new file the old one's owner, group and extended attributes where allowed."""
    notes = []
    if hasattr(os, "chown"):
        mine = os.stat(temp_name)
        if (mine.st_uid, mine.st_gid) != (info.st_uid, info.st_gid):
            try:
                os.chown(temp_name, info.st_uid, info.st_gid)
            except OSError:
                try:  # the group alone may be allowed (a group we belong to)
                    os.chown(temp_name, -1, info.st_gid)
                    kept = "group kept"
                except OSError:
                    kept = "group not kept either"
                notes.append(f"{path}: owner uid {info.st_uid} could not be kept (now {mine.st_uid}); {kept}")
                os.chmod(temp_name, stat.S_IMODE(info.st_mode))  # chown may clear set-id bits
    if hasattr(os, "listxattr"):
        try:
            names = os.listxattr(target)
        except OSError:
            names = []
        lost = []
        for name in names:
            try:
                os.setxattr(temp_name, name, os.getxattr(target, name))
            except OSError:
                lost.append(name)
        if lost:
            notes.append(f"{path}: extended attribute(s) not kept: {', '.join(lost)}")
    return notes


def remove_stale_temps(path: Path) -> None:
    """Delete temporary files a killed run left beside `path`. Call it holding `locked(path)`:
    no other run can be writing one then. Only this file's own temporaries: mkstemp's random
    part has no dot, so `.a.txt.b.txt.XXXX.normalize-tmp` (a temporary of `a.txt.b.txt`) is
    never taken for one of `a.txt`."""
    target = path.resolve()
    own = re.compile(re.escape(f".{target.name}.") + r"[A-Za-z0-9_]+" + re.escape(TEMP_SUFFIX))
    for stale in target.parent.glob(f".{glob_escape(target.name)}.*{TEMP_SUFFIX}"):
        if own.fullmatch(stale.name) and stale.is_file() and not stale.is_symlink():
            with contextlib.suppress(OSError):
                stale.unlink()


def glob_escape(name: str) -> str:
    import glob

    return glob.escape(name)


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
