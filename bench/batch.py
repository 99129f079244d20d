"""Batch figures: worker processes (--jobs) and streaming JSONL memory, next to one process.

    python bench/batch.py [--files 600] [--jsonl-mb 200]

1. Writes --files articles (~5 KB of news text each) to a temporary folder and times
   `normalize check --jobs 1` against `--jobs 2` (and more, up to the cores), wall clock,
   best of --repeat; prints the speed-up.
2. Writes a JSONL dataset of --jsonl-mb megabytes and streams it through
   `normalize fix --jsonl`, printing throughput and the peak resident memory of the
   process tree (getrusage of the children: the largest single process).
Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import corpus  # noqa: E402


def run(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "normalize", *args], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def jobs_speedup(folder: Path, files: int, repeat: int) -> None:
    articles = corpus(files * 5 / 1000)
    for i, article in enumerate(articles[:files]):
        (folder / f"article-{i:05d}.txt").write_text(article, encoding="utf-8")
    size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
    cores = os.cpu_count() or 1
    timings = {}
    for jobs in sorted({1, 2, cores}):
        timings[jobs] = min(run(["check", str(folder), "--jobs", str(jobs), "--format", "json", "-o", os.devnull])
                            for _ in range(repeat))
        print(f"  check {files} files ({size:.1f} MB), --jobs {jobs}: {timings[jobs]:.2f} s "
              f"({size / timings[jobs]:.2f} MB/s), speed-up {timings[1] / timings[jobs]:.2f}x")


def jsonl_memory(folder: Path, megabytes: float, jobs: int) -> None:
    source = folder / "in.jsonl"
    articles = corpus(2.0)
    written, i = 0, 0
    with source.open("w", encoding="utf-8") as out:
        while written < megabytes * 1e6:
            line = json.dumps({"id": i, "text": articles[i % len(articles)]}, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode())
            i += 1
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    seconds = run(["fix", "--jsonl", str(source), "-o", str(folder / "out.jsonl"), "--jobs", str(jobs)])
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"  fix --jsonl {written / 1e6:.0f} MB ({i} records), --jobs {jobs}: {seconds:.1f} s "
          f"({written / 1e6 / seconds:.2f} MB/s), peak RSS of the largest process {peak_kb / 1024:.0f} MB"
          + ("" if peak_kb > before else " (not above earlier runs: see --jsonl-only)"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jsonl-mb", type=float, default=200)
    parser.add_argument("--jsonl-jobs", type=int, default=2)
    parser.add_argument("--jsonl-only", action="store_true", help="skip the --jobs timing (clean RSS figure)")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if not args.jsonl_only:
            (folder / "articles").mkdir()
            jobs_speedup(folder / "articles", args.files, args.repeat)
        if args.jsonl_mb > 0:
            jsonl_memory(folder, args.jsonl_mb, args.jsonl_jobs)


if __name__ == "__main__":
    main()
