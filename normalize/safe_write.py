"""Replacing a file so that a crash leaves the old file or the new one, never a torn one.

Write a temporary file in the same folder, flush and fsync it, give it the original
permission bits, check that the original did not change since we read it, then
rename over it (atomic on POSIX). Symlinks are followed: the target is rewritten
and the link stays a link. An advisory lock stops two `fix` runs interleaving.
"""

from __future__ import annotations

import contextlib
import errno
import os
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
    try:
        handle = open(target, "rb")
    except OSError:
        yield  # reading will report the problem
        return
    with handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def replace_file(path: Path, data: bytes, expected: str) -> None:
    """Atomically replace `path`'s target with `data` if it still has fingerprint `expected`."""
    target = path.resolve()
    try:
        current = target.read_bytes()
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError as exc:
        raise NormalizeError(f"{path}: cannot re-read before writing: {exc.strerror}") from None
    if fingerprint(current) != expected:
        raise NormalizeError(f"{path}: changed on disk while being fixed; left as it is (run again)")
    if not os.access(target, os.W_OK):
        raise NormalizeError(f"{path}: file is read-only; not changed")
    folder = target.parent
    import tempfile

    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".normalize-tmp", dir=folder)
    except OSError as exc:
        raise NormalizeError(f"{path}: cannot create a temporary file in {folder}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        reason = "disk full" if exc.errno == errno.ENOSPC else exc.strerror
        raise NormalizeError(f"{path}: not changed: {reason}") from None
    _fsync_folder(folder)


def remove_stale_temps(path: Path) -> None:
    """Delete temporary files a killed run left beside `path`. Call it holding `locked(path)`:
    no other run can be writing one then."""
    target = path.resolve()
    for stale in target.parent.glob(f".{target.name}.*.normalize-tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
