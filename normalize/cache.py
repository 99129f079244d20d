"""A persistent cache of compiled gazetteers (and glossaries, parsed rule packs: `kind`; and the
decompressed word lists, plain files that names/words.py memory-maps: `write_bytes`).

Parsing ~700 entities with `tomllib` and generating their variants takes most of a second; a
command-line run must not pay that every time. The compiled `Gazetteer` (entities and index) is
pickled under a key that hashes the pack bytes and the names package's own code and tables, so any
edit to either rebuilds it. Only packs that validated are ever cached. The cache lives in
`$NORMALIZE_CACHE_DIR`, else `$XDG_CACHE_HOME/normalize`, else `~/.cache/normalize`;
`NORMALIZE_NO_CACHE=1` turns it off, and any failure to read or write it is silently a miss.
Unpickling runs code, so the folder and each file must belong to the current user and not be
writable by anyone else; otherwise the cache is not used (one note on standard error).
"""

from __future__ import annotations

import os
import pickle
from functools import lru_cache
from pathlib import Path
from typing import Any

_FORMAT = b"normalize.names/1"


def digest(data: bytes = b"") -> Any:
    """A 256-bit BLAKE2b hash object, for cache keys. Taken from CPython's built-in `_blake2`
    where it exists: `import hashlib` also loads OpenSSL, ~2 ms of every one-file run."""
    try:
        from _blake2 import blake2b
    except ImportError:  # an interpreter without the built-in module
        from hashlib import blake2b
    return blake2b(data, digest_size=32)


@lru_cache(maxsize=1)
def _code_fingerprint() -> bytes:
    here = Path(__file__).resolve().parent / "names"
    fingerprint = digest(_FORMAT)
    # the name variants come from the transliteration schemes too (normalize/translit/)
    code = sorted(here.glob("*.py")) + sorted((here.parent / "translit").glob("*.py"))
    for path in code + [here.parent / "data" / "translit" / "iuliia.json"]:
        fingerprint.update(path.name.encode() + b"\0" + path.read_bytes())
    return fingerprint.digest()


def cache_key(blobs: list[tuple[str, bytes]]) -> str:
    key = digest(_code_fingerprint())
    for name, data in blobs:
        key.update(name.encode("utf-8", "surrogateescape") + b"\0" + len(data).to_bytes(8, "big") + data)
    return key.hexdigest()


def cache_dir() -> Path | None:
    if os.environ.get("NORMALIZE_NO_CACHE"):
        return None
    explicit = os.environ.get("NORMALIZE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "normalize"


def _private(info: os.stat_result) -> bool:
    """Owned by us and writable by nobody else: no other user can have planted it."""
    return info.st_uid == os.geteuid() and not info.st_mode & 0o022


def trusted_dir() -> Path | None:
    """The cache folder if it exists (or could be created) and is private, else None."""
    folder = cache_dir()
    if folder is None or not hasattr(os, "geteuid"):
        return folder
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.stat(folder)
    except OSError:
        return None
    if not _private(info):
        from .files import warn_once

        warn_once(f"cache folder {folder} is not owned by you or is writable by others; not using the cache")
        return None
    return folder


def read(key: str, kind: str = "names") -> Any | None:
    folder = trusted_dir()
    if folder is None:
        return None
    import gc

    paused = gc.isenabled()
    gc.disable()  # unpickling makes ~100,000 objects, none of them garbage: no collection passes
    try:
        fd = os.open(folder / f"{kind}-{key}.pickle", os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            if hasattr(os, "geteuid") and not _private(os.fstat(fd)):
                from .files import warn_once

                warn_once(f"a cache file in {folder} is not owned by you or is writable by others; "
                          "not using such files")  # one note for the folder, not one per file
                return None
            return pickle.load(handle)
    except Exception:  # a missing, stale or unreadable cache is a miss, never an error
        return None
    finally:
        if paused:
            gc.enable()


def write(key: str, value: Any, kind: str = "names") -> None:
    folder = trusted_dir()
    if folder is None:
        return
    import tempfile  # only a cache miss writes: a warm run does not import it

    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{kind}-", delete=False) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, folder / f"{kind}-{key}.pickle")
    except Exception:
        try:
            os.unlink(handle.name)
        except Exception:
            pass


def write_bytes(path: Path, data: bytes) -> None:
    """Write a plain cache file atomically (readers map it, so it is never seen half-written)."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}-", delete=False) as handle:
            handle.write(data)
        os.replace(handle.name, path)
    except Exception:  # like `write`: a cache that cannot be written is only slower
        try:
            os.unlink(handle.name)
        except Exception:
            pass
