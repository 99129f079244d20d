"""Processing files: read, decode, normalise, and (for `fix`) write back safely.

Used by the CLI for one file or many, in one process or a pool of workers; the
outcome of each file is a plain value so it can cross process boundaries.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable, Iterator

from .errors import NormalizeError
from .files import Target, markup_for_path
from .pipeline import Normalizer, Result
from .safe_write import fingerprint, locked, remove_stale_temps, replace_file


@dataclass(frozen=True)
class Options:
    fix: bool = False
    stdout: bool = False  # fix: print the cleaned text instead of writing
    keep_encoding: bool = False  # fix: write in the source encoding instead of UTF-8
    markup: str | None = None  # override of the choice by file extension


@dataclass(frozen=True)
class Outcome:
    display: str
    result: Result | None = None
    error: str | None = None  # the file could not be handled; nothing was written
    skipped: str | None = None  # left out on purpose (binary file found while walking)
    written: bool = False
    output: bytes | None = None  # fix --stdout: the cleaned bytes


def read_input(target: Target, limit: int, stdin: Callable[[], bytes] | None = None) -> bytes:
    if target.path is None:
        if stdin is None:
            import sys

            stdin = sys.stdin.buffer.read
        data = stdin()
        if len(data) > limit:
            raise NormalizeError(f"-: input of {len(data)} bytes exceeds the limit of {limit} (max-bytes)")
        return data
    path = target.path
    try:
        size = path.stat().st_size
        if size > limit:
            raise NormalizeError(f"{target.display}: {size} bytes exceeds the limit of {limit} (max-bytes); not read")
        return path.read_bytes()
    except FileNotFoundError:
        raise NormalizeError(f"{target.display}: no such file (or a broken symlink)") from None
    except IsADirectoryError:
        raise NormalizeError(f"{target.display}: is a directory") from None
    except PermissionError:
        raise NormalizeError(f"{target.display}: permission denied") from None
    except OSError as exc:
        raise NormalizeError(f"{target.display}: cannot read: {exc.strerror}") from None


def encode_output(result: Result, keep_encoding: bool) -> bytes:
    if keep_encoding and result.encoding and result.encoding.lower().replace("_", "-") not in ("utf-8", "ascii"):
        try:
            return result.bom + result.text.encode(result.encoding)
        except (UnicodeEncodeError, LookupError):
            raise NormalizeError(
                f"cleaned text cannot be written in {result.encoding}; use UTF-8 (drop --keep-encoding)"
            ) from None
    bom = b"\xef\xbb\xbf" if result.bom else b""  # a UTF-16/32 source is written as UTF-8 (+BOM)
    return bom + result.text.encode("utf-8", errors="surrogateescape")


def process(target: Target, engine: Normalizer, options: Options) -> Outcome:
    markup = options.markup or (markup_for_path(target.display) if target.path else "text")
    try:
        if target.path is None or not options.fix or options.stdout:
            result = engine.normalize_bytes(read_input(target, engine.config.max_bytes), markup=markup)
            to_stdout = options.fix and (options.stdout or target.path is None)  # `fix -` is a filter
            output = encode_output(result, options.keep_encoding) if to_stdout else None
            return Outcome(target.display, result, output=output)
        with locked(target.path):
            remove_stale_temps(target.path)
            data = read_input(target, engine.config.max_bytes)
            result = engine.normalize_bytes(data, markup=markup)
            if not result.changed:
                return Outcome(target.display, result)
            replace_file(target.path, encode_output(result, options.keep_encoding), fingerprint(data))
            return Outcome(target.display, result, written=True)
    except NormalizeError as exc:
        message = str(exc) if str(exc).startswith(target.display) else f"{target.display}: {exc}"
        if "binary" in message and not target.explicit:
            return Outcome(target.display, skipped=message)
        return Outcome(target.display, error=message)


def process_all(
    targets: list[Target], engines: Callable[[Target], Normalizer], options: Options, jobs: int
) -> Iterator[Outcome]:
    """Outcomes in the order of `targets`, whatever the scheduling."""
    files = [t for t in targets if t.path is not None]
    if jobs <= 1 or len(files) < 2:
        for target in targets:
            yield process(target, engines(target), options)
        return
    from concurrent.futures import ProcessPoolExecutor  # only for many files: ~15 ms to import

    chunk = max(1, min(64, len(files) // (jobs * 8)))  # few round trips, yet balanced to the end
    engine_per_file = [engines(t) for t in files]
    for engine in {id(e): e for e in engine_per_file}.values():
        engine.rules()  # compile here: forked workers inherit the compiled stages
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        # map() yields in the order of `files`, lazily: output order never depends on scheduling
        results = pool.map(process, files, engine_per_file, [options] * len(files), chunksize=chunk)
        for target in targets:
            yield next(results) if target.path is not None else process(target, engines(target), options)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
