"""Streaming a JSONL dataset: each record's text field cleaned, its report stored alongside.

Memory stays bounded: records are read, processed (in order, optionally by worker
processes in chunks) and written one chunk at a time. A line that is not a JSON
object with the text field is copied through unchanged and reported, so nothing is lost.
"""

from __future__ import annotations

import dataclasses
import json
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import IO, Any, Iterable, Iterator

from .errors import NormalizeError
from .pipeline import Normalizer

CHUNK = 256


@dataclasses.dataclass
class Tally:
    records: int = 0
    changed: int = 0
    findings: int = 0
    errors: list[str] = dataclasses.field(default_factory=list)
    severities: set[str] = dataclasses.field(default_factory=set)  # the severities of all findings seen


def clean_record(engine: Normalizer, line: str, field: str,
                 report_field: str | None) -> tuple[str, int, frozenset[str], str | None]:
    """One JSONL line in, one out: (line, changed, severities of its findings, error message)."""
    stripped = line.strip()
    if not stripped:
        return line, 0, frozenset(), None
    try:
        record = json.loads(stripped)
    except (ValueError, RecursionError) as exc:  # ValueError: also an integer of over 4,300 digits
        return line, 0, frozenset(), f"cannot be parsed ({str(exc)[:200]})"
    if not isinstance(record, dict) or not isinstance(record.get(field), str):
        return line, 0, frozenset(), f"no string field {field!r}"
    try:
        result = engine.normalize_text(record[field])
    except NormalizeError as exc:
        return line, 0, frozenset(), str(exc)
    record[field] = result.text
    if report_field:
        report = result.to_dict()
        report.pop("encoding", None)
        record[report_field] = report
    severities = frozenset(f.severity for f in result.findings)
    # UTF-8 as written (ensure_ascii would turn every accent into \uXXXX); a lone surrogate from
    # the input still comes out as a \udcXX escape, which JSON readers accept
    out = json.dumps(record, ensure_ascii=False).encode("utf-8", "backslashreplace").decode("utf-8")
    return out + "\n", int(result.changed), severities, None


def _clean_chunk(engine: Normalizer, lines: list[str], field: str, report_field: str | None) -> list[tuple]:
    return [clean_record(engine, line, field, report_field) for line in lines]


def _chunks(stream: Iterable[str]) -> Iterator[list[str]]:
    iterator = iter(stream)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


def stream_jsonl(engine: Normalizer, source: IO[str], sink: IO[str], field: str = "text",
                 report_field: str | None = "normalize", jobs: int = 1) -> Tally:
    tally = Tally()
    number = 0
    for outcomes in _process(engine, source, field, report_field, jobs):
        for line, changed, findings, error in outcomes:
            number += 1
            sink.write(line if line.endswith("\n") else line + "\n")
            tally.records += 1
            tally.changed += changed
            tally.findings += bool(findings)
            tally.severities |= findings
            if error:
                tally.errors.append(f"line {number}: {error}; copied unchanged")
    return tally


def _process(engine: Normalizer, source: IO[str], field: str, report_field: str | None,
             jobs: int) -> Iterator[list[tuple]]:
    if jobs <= 1:
        for chunk in _chunks(source):
            yield _clean_chunk(engine, chunk, field, report_field)
        return
    pool = ProcessPoolExecutor(max_workers=jobs)
    try:
        pending: list[Any] = []
        for chunk in _chunks(source):  # keep at most 2*jobs chunks in flight: bounded memory
            pending.append(pool.submit(_clean_chunk, engine, chunk, field, report_field))
            if len(pending) >= 2 * jobs:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()
    except BaseException:
        # Ctrl-C, a closed output, an error: the chunks in flight are not waited for (the
        # records written so far are whole lines; the workers hold nothing to keep)
        from .batch import _stop

        _stop(pool)
        raise
    pool.shutdown()
