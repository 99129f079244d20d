"""Instructions per article, counted by valgrind (cachegrind): a speed measure that does not move
with the machine's load, for comparing two versions of the code.

    python bench/instructions.py [news|reuters] [--articles 69] [--passes 3] [--root CHECKOUT]

Timings on a shared 2-core VM vary by 10-15% from one run to the next, more than most single
changes save; instruction counts repeat to within a few hundred per article. For each pipeline
(the default one, and the same without the names stage) the harness runs the articles once to
warm every table, then `--passes` more times, each under cachegrind, and prints what the passes
add per article: instructions (Ir), first-level instruction-cache misses (I1) and data-cache
misses (D1) of cachegrind's simulated caches. The names stage's share is the difference.

Read it with care: time is not instructions. The names stage runs ~18% of the instructions on
news-modern but about a third of the time, and nearly doubles the I1 misses (its code paths are many and
short: the interpreter, the `regex` module, sets, dicts). A change that saves instructions but
touches more code can still cost time. Needs `valgrind` (apt-get install valgrind); takes a minute
or two a corpus. Not a test.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The child process: warm both pipelines on the articles, then run one of them `passes` times.
CHILD = """
import sys
root, corpus, count, passes, which = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
sys.path[:0] = [root, root + "/bench"]
from throughput import NEWS, REUTERS, WARM_UP, WARM_UP_OTHER, folder_texts, jsonl_texts
import normalize
articles = (folder_texts(NEWS) if corpus == "news" else jsonl_texts(REUTERS))[:count]
engines = {"full": normalize.Normalizer(), "without names": normalize.Normalizer(ignore=["names"])}
for engine in engines.values():
    for text in (WARM_UP, WARM_UP_OTHER, *articles):
        engine.normalize_text(text)
for _ in range(passes):
    for text in articles:
        engines[which].normalize_text(text)
"""
COUNTERS = {"Ir": r"I\s+refs:\s+([\d,]+)", "I1": r"I1\s+misses:\s+([\d,]+)", "D1": r"D1\s+misses:\s+([\d,]+)"}


def counts(root: Path, corpus: str, articles: int, passes: int, which: str, script: Path) -> dict[str, int]:
    """cachegrind's totals for one child run."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "NORMALIZE_NO_CACHE": "1"}  # the same work every run
    done = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=yes", "--cachegrind-out-file=/dev/null",
                           sys.executable, str(script), str(root), corpus, str(articles), str(passes), which],
                          capture_output=True, text=True, env=env, check=True)
    return {name: int(re.search(pattern, done.stderr).group(1).replace(",", "")) for name, pattern in COUNTERS.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default="news", choices=("news", "reuters"))
    parser.add_argument("--articles", type=int, default=69, help="the first N articles of the corpus")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to measure")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("bench/instructions.py needs valgrind (apt-get install valgrind)")
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "child.py"
        script.write_text(CHILD, encoding="utf-8")
        # a first run compiles the checkout's .pyc files, which would count in whichever run did it
        subprocess.run([sys.executable, str(script), str(args.root.resolve()), args.corpus, "1", "0", "full"], check=True)
        runs = [(which, passes) for which in ("full", "without names") for passes in (0, args.passes)]
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # one valgrind per core
            found = dict(zip(runs, pool.map(lambda run: counts(args.root.resolve(), args.corpus, args.articles,
                                                                 run[1], run[0], script), runs)))
        per_article = {which: {k: (found[which, args.passes][k] - found[which, 0][k]) / (args.passes * args.articles)
                               for k in COUNTERS} for which in ("full", "without names")}
    print(f"{args.corpus}: {args.articles} articles x {args.passes} passes, {args.root.resolve()}, per article")
    for which, figures in per_article.items():
        print(f"  {which:<14} " + "  ".join(f"{k} {v:>10,.0f}" for k, v in figures.items()))
    full, without = per_article["full"], per_article["without names"]
    print("  names stage    " + "  ".join(f"{k} {full[k] - without[k]:>10,.0f} ({1 - without[k] / full[k]:.0%})"
                                          for k in full))


if __name__ == "__main__":
    main()
