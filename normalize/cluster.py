"""Normalising datasets on a Dask cluster (`pip install 'normalize[dask]'`).

The engine is pickled to each worker once per partition and compiles its stages there
on first use (and only once per worker process: see pipeline._COMPILED). Records keep
their order and every other field; each gets its report in `report_field`.

    from dask.distributed import Client
    from normalize.cluster import normalize_jsonl

    client = Client("tcp://scheduler:8786")          # an existing cluster
    normalize_jsonl("s3://bucket/in/*.jsonl", "s3://bucket/out/*.jsonl", style="en-GB")
"""

from __future__ import annotations

import json
from typing import Any

from .pipeline import Normalizer


def _clean_records(records: list[dict[str, Any]], engine: Normalizer, field: str,
                   report_field: str | None) -> list[dict[str, Any]]:
    out = []
    for record in records:
        record = dict(record)
        if isinstance(record.get(field), str):
            result = engine.normalize_text(record[field])
            record[field] = result.text
            if report_field:
                report = result.to_dict()
                report.pop("encoding", None)
                record[report_field] = report
        out.append(record)
    return out


def normalize_bag(bag: Any, field: str = "text", report_field: str | None = "normalize",
                  engine: Normalizer | None = None, **engine_options: Any) -> Any:
    """A dask.bag of dict records -> a bag of cleaned records (same order, same partitions)."""
    engine = engine or Normalizer(**engine_options)
    return bag.map_partitions(_clean_records, engine, field, report_field)


def normalize_dataframe(frame: Any, column: str = "text", report_column: str | None = "normalize",
                        engine: Normalizer | None = None, **engine_options: Any) -> Any:
    """A dask.dataframe -> the same frame with `column` cleaned and a JSON report column."""
    engine = engine or Normalizer(**engine_options)

    def clean(partition: Any) -> Any:
        partition = partition.copy()
        results = [engine.normalize_text(t) if isinstance(t, str) else None for t in partition[column]]
        partition[column] = [r.text if r else t for r, t in zip(results, partition[column])]
        if report_column:
            partition[report_column] = [json.dumps(r.to_dict(), ensure_ascii=False) if r else None for r in results]
        return partition

    meta = frame._meta.copy()
    if report_column:
        meta[report_column] = meta[column].astype(object)
    return frame.map_partitions(clean, meta=meta)


def normalize_jsonl(source: str | list[str], destination: str, field: str = "text",
                    report_field: str | None = "normalize", blocksize: int | None = 2**24,
                    engine: Normalizer | None = None, **engine_options: Any) -> list[str]:
    """Read JSONL files (local paths or any fsspec URL), clean them on the current Dask
    client (or the local scheduler), and write JSONL parts to `destination` ("out/*.jsonl")."""
    import dask.bag as db

    bag = db.read_text(source, blocksize=blocksize).map(json.loads)
    cleaned = normalize_bag(bag, field, report_field, engine, **engine_options)
    return cleaned.map(lambda r: json.dumps(r, ensure_ascii=True)).to_textfiles(destination)
