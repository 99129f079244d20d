"""The Dask path on a real distributed.LocalCluster with worker processes equals the single-process run."""

from __future__ import annotations

import json

import pytest

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")

import normalize  # noqa: E402
from normalize.cluster import normalize_bag, normalize_dataframe, normalize_jsonl  # noqa: E402

TEXTS = [
    "Mr. Kim met Mr Putin and Mr Lee in Vladivostok.",
    "A violation of [του Συμβουλίου Ασφαλείας] of the UN, said Dr. Park.",
    "Ð¡ÐµÑ€Ð³ÐµÐ¹ Ð¨Ð¾Ð¹Ð³Ñƒ said donâ€™t, Mr. Lavrov.",
    "Plain clean text with nothing to change.",
] * 10


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        yield client


def expected(text: str) -> dict:
    result = normalize.Normalizer().normalize_text(text)
    report = result.to_dict()
    report.pop("encoding")
    return {"text": result.text, "normalize": report}


def test_bag_on_a_local_cluster_equals_single_process(client, tmp_path):
    import dask.bag as db

    records = [{"id": i, "text": t} for i, t in enumerate(TEXTS)]
    bag = db.from_sequence(records, npartitions=4)
    out = normalize_bag(bag).compute()
    assert [r["id"] for r in out] == list(range(len(TEXTS)))
    for record, text in zip(out, TEXTS):
        assert {"text": record["text"], "normalize": record["normalize"]} == expected(text)
    assert len(client.scheduler_info()["workers"]) == 2


def test_jsonl_files_on_a_local_cluster(client, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(TEXTS)))
    parts = normalize_jsonl(str(source), str(tmp_path / "out" / "*.jsonl"), blocksize=512)
    assert len(parts) > 1
    out = [json.loads(line) for part in sorted(parts) for line in open(part, encoding="utf-8")]
    assert [r["id"] for r in out] == list(range(len(TEXTS)))
    assert [r["text"] for r in out] == [expected(t)["text"] for t in TEXTS]


def test_dataframe_on_a_local_cluster(client):
    pd = pytest.importorskip("pandas")
    import dask.dataframe as dd

    frame = dd.from_pandas(pd.DataFrame({"text": TEXTS}), npartitions=3)
    out = normalize_dataframe(frame).compute()
    assert list(out["text"]) == [expected(t)["text"] for t in TEXTS]
    assert json.loads(out["normalize"].iloc[0])["changed"] is True
