"""Start-up cost of a pre-commit run: `normalize check` vs `codespell` on the same single file.

Both commands run as real processes, interleaved in one loop so machine load hits both alike;
each run's CPU time (user + system, from getrusage of the child) is recorded and the medians
compared. Byte-code is compiled first, as a pip install would have done (an editable install
under PYTHONDONTWRITEBYTECODE=1 would otherwise recompile on every run), and one warm-up run
fills normalize's on-disk caches, as the first commit of a day does.

    python bench/startup.py [--runs 15] [--tree CHECKOUT] [--before OTHER_CHECKOUT] [FILE ...]

Without FILE: the first article of bench/corpora/news-modern (clean, name-dense modern copy),
the seed article (Greek fragment, names, honorifics: every stage works) and one Reuters-21578
story (plain ASCII wire copy) from the dev data, if present.
The target of issue #14: normalize at most 1.5x codespell's CPU time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = Path("/work/shared/seed/putin-kim-article.txt")
REUTERS = Path("/work/shared/data/reuters-21578/articles.jsonl")


def cpu_of(command: list[str], env: dict[str, str], cwd: str) -> float:
    """CPU seconds (user + system) one child process used. `cwd`: a folder without a `normalize`
    package, since `python -m` puts the working directory first on sys.path (before --tree)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def sample_files(folder: Path) -> list[Path]:
    files = sorted((ROOT / "bench" / "corpora" / "news-modern").glob("*.txt"))[:1]  # clean modern copy
    if SEED.exists():
        files.append(SEED)
    if REUTERS.exists():
        with REUTERS.open(encoding="utf-8") as handle:
            story = json.loads(next(handle))
        path = folder / "reuters-1.txt"
        path.write_text(story["text"], encoding="utf-8")
        files.append(path)
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--tree", type=Path, default=ROOT, help="source tree to measure (default: this one)")
    parser.add_argument("--before", type=Path, help="another source tree (e.g. main) measured in the same loop")
    args = parser.parse_args()
    codespell = shutil.which("codespell") or str(Path(sys.executable).with_name("codespell"))
    if not Path(codespell).exists():
        print("codespell is not installed: pip install codespell", file=sys.stderr)
        return 2
    base_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    trees = [args.tree] + ([args.before] if args.before else [])
    envs = [{**base_env, "PYTHONPATH": str(tree.resolve())} for tree in trees]
    for tree, env in zip(trees, envs):
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "normalize")], env=env,
                       stdout=subprocess.DEVNULL, check=False)
    with tempfile.TemporaryDirectory() as scratch:
        files = [p.resolve() for p in args.files] or sample_files(Path(scratch))
        before = f" {'before':>10} {'ratio':>6}" if args.before else ""
        print(f"{'file':<28} {'normalize':>10} {'codespell':>10} {'ratio':>6}{before}   (median CPU s of {args.runs} runs)")
        for path in files:
            ours = [sys.executable, "-m", "normalize", "check", "--exit-zero", str(path)]
            theirs = [sys.executable, codespell, str(path)]
            for env in envs:
                cpu_of(ours, env, scratch)  # warm-up: fills the compiled-data caches
            cpu_of(theirs, base_env, scratch)
            mine: list[list[float]] = [[] for _ in envs]
            base = []
            for _ in range(args.runs):
                for times, env in zip(mine, envs):
                    times.append(cpu_of(ours, env, scratch))
                base.append(cpu_of(theirs, base_env, scratch))
            a, *other = (statistics.median(times) for times in mine)
            b = statistics.median(base)
            extra = "".join(f" {o:>10.3f} {o / b:>6.2f}x" for o in other)
            print(f"{path.name[:28]:<28} {a:>10.3f} {b:>10.3f} {a / b:>6.2f}x{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
