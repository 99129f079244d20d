"""Peak memory of the real CLI per report format, on the growth bench's families.

    python bench/cli_memory.py [--family invisible-chars ...] [--sizes 1,4] [--format json ...]
                               [--fix] [--timeout 1800]

For every family (bench/growth.py; default invisible-chars) and size (MB asked of the
family's generator; the input column is the file's real size), a document is written to a
temporary file and `python -m normalize check --format F FILE` runs on it (output to
/dev/null), one run per process; with --fix, `python -m normalize fix FILE` also runs on a
copy. The peak RSS of the run is read by a small fresh parent (getrusage RUSAGE_CHILDREN
ru_maxrss, so no large process's size leaks into the figure). It prints, per run, the
peak in MB, peak / input, and (peak - start-up) / input, where start-up is the same command
on a 100-byte file of the family: the part of the peak that grows with the input.

Not a test: figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from growth import FAMILIES  # noqa: E402 - the bench folder is not a package

FORMATS = ("text", "json", "sarif", "github", "diff", "html")

# Runs the command with output to /dev/null and prints the child's peak RSS (KB) and CPU
# seconds: a fresh, small parent, so ru_maxrss (which survives exec) is the CLI's own.
_MEASURE = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(usage.ru_maxrss, usage.ru_utime + usage.ru_stime, done.returncode)
sys.stderr.write(done.stderr.decode("utf-8", "replace")[-2000:])
"""


def measure(command: list[str], timeout: float) -> tuple[int, float, int]:
    """(peak RSS KB, CPU seconds, exit code) of `command` run in a fresh parent."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "NO_COLOR": "1"})
    if done.returncode != 0 or not done.stdout.strip():
        raise SystemExit(f"measuring {command} failed:\n{done.stderr}")
    peak, seconds, code = done.stdout.split()
    if int(code) not in (0, 1):
        raise SystemExit(f"{command} exited {code}:\n{done.stderr}")
    return int(peak), float(seconds), int(code)


def command_for(kind: str, path: Path, markup: str) -> list[str]:
    cli = [sys.executable, "-m", "normalize"]
    config = ["--markup", markup]
    if kind == "fix":
        return [*cli, "fix", *config, str(path)]
    return [*cli, "check", "--format", kind, *config, str(path)]


def write_family(family: str, megabytes: float, path: Path) -> int:
    made = FAMILIES[family][0](int(megabytes * 1_000_000))
    data = made if isinstance(made, bytes) else made.encode("utf-8", "surrogatepass")
    path.write_bytes(data)
    return len(data)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--family", action="append", choices=sorted(FAMILIES))
    parser.add_argument("--sizes", default="1,4", help="comma-separated MB")
    parser.add_argument("--format", action="append", choices=FORMATS)
    parser.add_argument("--fix", action="store_true", help="also `fix FILE` (in place, on a copy)")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per run")
    parser.add_argument("--json", action="store_true", help="one JSON object per run instead of the table")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    kinds = list(args.format or FORMATS) + (["fix"] if args.fix else [])
    if not args.json:
        print("peak RSS of `python -m normalize check --format F FILE` (fix: `fix FILE`), one run per process;"
              " growth = (peak - start-up peak) / input")
        print(f"{'family':<22}{'MB':>5}{'input MB':>9}  {'run':<7}{'peak MB':>9}{'peak/input':>12}{'growth':>9}"
              f"{'CPU s':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for family in args.family or ["invisible-chars"]:
            markup = FAMILIES[family][1]
            tiny = folder / "tiny.txt"
            made = FAMILIES[family][0](100)
            tiny.write_bytes(made if isinstance(made, bytes) else made.encode("utf-8", "surrogatepass"))
            start_up = {}
            for kind in kinds:
                shutil.copy(tiny, folder / "tiny-run.txt")  # fix rewrites it
                start_up[kind] = measure(command_for(kind, folder / "tiny-run.txt", markup), args.timeout)[0]
            for megabytes in sizes:
                source = folder / f"{family}-{megabytes}.txt"
                size = write_family(family, megabytes, source)
                for kind in kinds:
                    target = folder / "run.txt"
                    shutil.copy(source, target)  # fix rewrites it
                    began = time.monotonic()
                    peak, seconds, _ = measure(command_for(kind, target, markup), args.timeout)
                    row = {"family": family, "mb": megabytes, "bytes": size, "run": kind, "peak_mb": peak / 1024,
                           "peak_over_input": peak * 1024 / size,
                           "growth_over_input": (peak - start_up[kind]) * 1024 / size,
                           "cpu_seconds": seconds, "wall_seconds": time.monotonic() - began}
                    if args.json:
                        print(json.dumps(row), flush=True)
                    else:
                        print(f"{family:<22}{megabytes:>5g}{size / 1e6:>9.2f}  {kind:<7}{row['peak_mb']:>9.0f}"
                              f"{row['peak_over_input']:>11.1f}x{row['growth_over_input']:>8.1f}x"
                              f"{seconds:>8.1f}", flush=True)
                source.unlink()


if __name__ == "__main__":
    main()
