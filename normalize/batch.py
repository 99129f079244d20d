"""Processing files: read, decode, normalise, and (for `fix`) write back safely.

Used by the CLI for one file or many, in one process or a pool of workers; the
outcome of each file is a plain value so it can cross process boundaries.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Callable, Generator

from .errors import NormalizeError
from .files import NotRegularFile, Target, markup_for_path, read_bounded
from .pipeline import Normalizer, Result
from .safe_write import fingerprint, locked, remove_stale_temps, replace_file


class SkippedFile(NormalizeError):
    """Not a regular file: a walk skips it with a message; named explicitly, an error."""


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
    notes: tuple[str, ...] = ()  # written, but something could not be kept (owner, xattrs)


def read_input(target: Target, limit: int, stdin: Callable[[], bytes] | None = None,
               regular_only: bool = False) -> bytes:
    if target.path is None:
        if stdin is None:
            import sys

            if sys.stdin is None:
                raise NormalizeError("-: standard input is closed")
            stdin = lambda: sys.stdin.buffer.read(limit + 1)  # noqa: E731 - bounded like any file
        try:
            data = stdin()
        except (OSError, ValueError) as exc:  # a closed or odd descriptor (a directory, a socket)
            raise NormalizeError(f"-: cannot read standard input: {getattr(exc, 'strerror', None) or exc}") from None
        if len(data) > limit:
            raise NormalizeError(f"-: input of {len(data)} bytes exceeds the limit of {limit} (max-bytes)")
        return data
    path = target.path
    try:
        size = path.stat().st_size
        if size > limit:
            raise NormalizeError(f"{target.display}: {size} bytes exceeds the limit of {limit} (max-bytes); not read")
        # at most limit + 1 bytes whatever st_size said (a device says 0); a file found by
        # walking must be a regular file (a FIFO would block, /dev/zero never ends)
        return read_bounded(path, limit, regular_only=regular_only or not target.explicit)
    except ValueError:
        raise NormalizeError(f"{target.display}: more than {limit} bytes exceeds the limit (max-bytes); not read") from None
    except NotRegularFile as exc:
        raise SkippedFile(f"{target.display}: {exc.strerror}") from None
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
            data = read_input(target, engine.config.max_bytes, regular_only=True)  # it will be replaced
            result = engine.normalize_bytes(data, markup=markup)
            if not result.changed:
                return Outcome(target.display, result)
            notes = replace_file(target.path, encode_output(result, options.keep_encoding), fingerprint(data))
            return Outcome(target.display, result, written=True, notes=tuple(notes))
    except NormalizeError as exc:
        message = str(exc) if str(exc).startswith(target.display) else f"{target.display}: {exc}"
        if ("binary" in message or isinstance(exc, SkippedFile)) and not target.explicit:
            return Outcome(target.display, skipped=message)
        return Outcome(target.display, error=message)


def process_all(
    targets: list[Target], engines: Callable[[Target], Normalizer], options: Options, jobs: int
) -> Generator[Outcome, None, None]:
    """Outcomes in the order of `targets`, whatever the scheduling.

    A worker that dies (the OOM killer, a crash in a C extension) costs only its own file:
    the files not yet done are then run one per fresh worker, each tried twice, and a file
    that kills its worker both times is reported as an error."""
    files = [t for t in targets if t.path is not None]
    if jobs <= 1 or len(files) < 2:
        for target in targets:
            yield process(target, engines(target), options)
        return
    from concurrent.futures import ProcessPoolExecutor  # only for many files: ~15 ms to import
    from concurrent.futures.process import BrokenProcessPool

    chunk = max(1, min(64, len(files) // (jobs * 8)))  # few round trips, yet balanced to the end
    engine_per_file = [engines(t) for t in files]
    for engine in {id(e): e for e in engine_per_file}.values():
        engine.rules()  # compile here: forked workers inherit the compiled stages
    done = 0
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init)
    try:
        # map() yields in the order of `files`, lazily: output order never depends on scheduling
        results = pool.map(_in_worker, files, engine_per_file, [options] * len(files), chunksize=chunk)
        broken = False
        for target in targets:
            if target.path is None:
                yield process(target, engines(target), options)
                continue
            if not broken:
                try:
                    outcome = next(results)
                except BrokenProcessPool:
                    broken = True
                    _stop(pool)
            if broken:
                outcome = _alone(target, engine_per_file[done], options)
            done += 1
            yield outcome
    except BaseException:  # Ctrl-C, or the consumer gave up: stop the workers, which clean up
        _stop(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _in_worker(target: Target, engine: Normalizer, options: Options) -> Outcome:
    """`process` in a pool worker, which a stopped batch (SIGTERM, see `_interrupted`) ends early:
    the file being done stops after its clean-up, and no queued file is started."""
    if _stopping[0]:
        return Outcome(target.display, error=f"{target.display}: not processed: the run was stopped")
    _busy[0] = True
    try:
        return process(target, engine, options)
    except SystemExit:
        return Outcome(target.display, error=f"{target.display}: stopped; not changed")
    finally:
        _busy[0] = False


_busy = [False]  # in a worker: a file is being done
_stopping = [False]  # in a worker: SIGTERM came


def _worker_init() -> None:
    """Workers leave Ctrl-C to the main process, which stops them with SIGTERM."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _interrupted)


def _interrupted(signum: int, frame: object) -> None:
    """SIGTERM in a worker. During a file it becomes SystemExit, so that a file being written
    removes its temporary file; between files nothing is raised (an exception inside the pool's
    own queue traffic could cut a message in half and hang the pool), and the files still queued
    are returned unprocessed until the pool's stop sentinel arrives."""
    _stopping[0] = True
    if _busy[0]:
        raise SystemExit(130)


STOP_GRACE = 5.0  # seconds a stopped worker has to clean up before it is killed


def _stop(pool: object) -> None:
    """Stop the pool's workers: SIGTERM (the file each is doing stops after its clean-up, see
    `_interrupted`), the pool's stop sentinels (nothing queued is started), then SIGKILL for any
    still running STOP_GRACE seconds later: a worker stuck in a file would otherwise hang the
    pool's shutdown for ever. (The sentinels are waited on, not the processes: the pool's own
    thread reaps them.)"""
    from multiprocessing.connection import wait

    workers = {w.sentinel: w for w in list((getattr(pool, "_processes", None) or {}).values()) if w.is_alive()}
    for worker in workers.values():
        worker.terminate()
    calls = getattr(pool, "_call_queue", None)  # (shutdown forgets it)
    if calls is not None:
        # Its feeder thread may be blocked writing a chunk that no worker will read: the exit
        # handlers must not wait for it (multiprocessing joins a queue's feeder at exit).
        calls.cancel_join_thread()
    pool.shutdown(wait=False, cancel_futures=True)  # type: ignore[attr-defined]
    deadline = time.monotonic() + STOP_GRACE
    while workers and (left := deadline - time.monotonic()) > 0:
        for sentinel in wait(list(workers), left):
            workers.pop(sentinel)
    for worker in workers.values():
        worker.kill()


def _alone(target: Target, engine: Normalizer, options: Options) -> Outcome:
    """Process one file in a worker of its own, twice if the first worker dies."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    for _ in range(2):
        with ProcessPoolExecutor(max_workers=1, initializer=_worker_init) as pool:
            try:
                return pool.submit(process, target, engine, options).result()
            except BrokenProcessPool:
                continue
    return Outcome(target.display, error=f"{target.display}: the worker processing it died twice (killed, perhaps "
                                         "out of memory); not changed")


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
