"""How cost grows with input size: time exponent and peak memory per family of input.

    python bench/growth.py [--quick] [--family NAME ...] [--sizes 1,16] [--timeout 1800]

For every family below, a document of each size (MB of UTF-8) is written to a temporary
file and normalised by `Normalizer().normalize_bytes` (the path `normalize check` takes)
in a fresh subprocess, one measurement per process. It prints:

- the CPU seconds at each size and the time exponent between the smallest and largest size
  (log(t2/t1) / log(s2/s1): 1.0 is linear; the target is at most 1.1);
- peak memory over the input at the largest size: (peak RSS during the call - RSS just
  before it) / input bytes (the target is at most 10x); on Linux the peak is VmHWM, reset
  just before the call (ru_maxrss elsewhere, which also counts the parent's size at fork).

`--quick` uses 0.25 and 1 MB instead of 1 and 16 MB. Not a test: figures depend on the
machine and its load; exponents are ratios within one run, so they travel better than times.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = ROOT / "tests" / "data" / "langid-dev" / "sentences"


def _sentences(language: str) -> list[str]:
    return [s.strip() for s in (SENTENCES / f"{language}.txt").read_text(encoding="utf-8").splitlines() if s.strip()]


def _grow(unit: Callable[[int], str], size: int) -> str:
    """Concatenate unit(0), unit(1), ... until the UTF-8 size reaches `size` bytes."""
    parts, total, i = [], 0, 0
    while total < size:
        piece = unit(i)
        parts.append(piece)
        total += len(piece.encode("utf-8", "surrogatepass"))
        i += 1
    return "".join(parts)


def _articles(language: str, extra: Callable[[int], str] = lambda i: "") -> Callable[[int], str]:
    sentences = _sentences(language)

    def unit(i: int) -> str:
        body = [sentences[(i * 7 + j) % len(sentences)] for j in range(12)]
        return " ".join(body[:6]) + extra(i) + "\n\n" + " ".join(body[6:]) + "\n\n"

    return unit


EXTRAS = ["Mr. Kim met Mr Putin on Wednesday.", "“We are concerned,” said Dr. Lee.", ""]
SHOIGU_LEGACY = "Сергей Шойгу".encode("cp1251").decode("latin-1")
SHOIGU_UTF8 = "Сергей Шойгу".encode("utf-8").decode("cp1252", "replace")


def plain(size: int) -> str:
    return _grow(_articles("en", lambda i: " " + EXTRAS[i % 3]), size)


def greek(size: int) -> str:
    return _grow(_articles("el"), size)


def russian(size: int) -> str:
    return _grow(_articles("ru"), size)


def mixed(size: int) -> str:
    greek_s, russian_s = _sentences("el"), _sentences("ru")
    frag = lambda i: f" The letter said «{greek_s[i % len(greek_s)][:40]}» and «{russian_s[i % len(russian_s)][:40]}»."  # noqa: E731
    return _grow(_articles("en", frag), size)


def long_line(size: int) -> str:
    return plain(size).replace("\n", " ")


def honorifics(size: int) -> str:
    return _grow(lambda i: "Mr. Kim met Mr Putin, Dr. Lee and Mrs Smith; Messrs. Kim and Lee left. ", size)


def utf8_mojibake(size: int) -> str:
    return _grow(lambda i: f"The minister {SHOIGU_UTF8} said donâ€™t worry â€” it’s fine.\n", size)


def legacy_mojibake(size: int) -> bytes:  # a whole Russian document in cp1251 bytes
    return russian(size).encode("cp1251", "replace")


def mojibake_in_english(size: int) -> str:
    return _grow(lambda i: f"The minister {SHOIGU_LEGACY} said so.\n", size)


def invisible(size: int) -> str:
    marks = ("\u200b", "\u200e", "\u00ad", "\u202a")
    text = plain(size // 2)
    words = text.split(" ")
    return " ".join(w[:2] + marks[i % 4] + w[2:] if len(w) > 3 else w for i, w in enumerate(words))


def markdown(size: int) -> str:
    sentences = _sentences("en")

    def unit(i: int) -> str:
        s = [sentences[(i * 5 + j) % len(sentences)] for j in range(5)]
        return (f"## Section {i}\n\n{s[0]} See [the report](https://example.com/r/{i}) and `code {i}`.\n\n"
                f"- {s[1]}\n- *{s[2]}* Mr. Kim met Mr Putin.\n\n> {s[3]}\n\n```\nx = {i}\n```\n\n{s[4]}\n\n")

    return _grow(unit, size)


def html(size: int) -> str:
    sentences = _sentences("en")

    def unit(i: int) -> str:
        s = [sentences[(i * 3 + j) % len(sentences)] for j in range(3)]
        return (f'<h2 class="x">Part {i}</h2>\n<p>{s[0]} <a href="https://example.com/{i}">link</a></p>\n'
                f"<p>{s[1]} Mr. Kim met Mr Putin.</p>\n<pre>code {i}</pre>\n<p>{s[2]}</p>\n")

    return "<html><body>\n" + _grow(unit, size) + "</body></html>\n"


def suppressions(size: int) -> str:
    return _grow(lambda i: "Mr. Kim met Mr Putin in Kiev. <!-- normalize: ignore -->\n", size)


def short_lines(size: int) -> str:
    words = " ".join(_sentences("en")).split()
    extra = ("Mr Kim.", "Dr. Lee said", "", "Mr. Putin")

    def unit(i: int) -> str:  # English lines of one to four words, a title every few lines
        line = " ".join(words[(i * 3) % len(words) : (i * 3) % len(words) + 1 + i % 4])
        return (extra[i % 4] if i % 3 == 0 else line) + "\n"

    return _grow(unit, size)


FAMILIES: dict[str, tuple[Callable[[int], str | bytes], str]] = {
    "plain-news": (plain, "text"),
    "greek": (greek, "text"),
    "russian": (russian, "text"),
    "mixed-scripts": (mixed, "text"),
    "one-long-line": (long_line, "text"),
    "dense-honorifics": (honorifics, "text"),
    "utf8-mojibake": (utf8_mojibake, "text"),
    "legacy-mojibake": (legacy_mojibake, "text"),
    "mojibake-in-english": (mojibake_in_english, "text"),
    "invisible-chars": (invisible, "text"),
    "markdown": (markdown, "markdown"),
    "html": (html, "html"),
    "suppressions": (suppressions, "text"),
    "short-lines": (short_lines, "text"),
}


def _status_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise OSError(f"no {field} in /proc/self/status")


def _peak_from_now() -> Callable[[], int]:
    """A function giving the peak RSS (KB) since this call. On Linux the peak is reset here
    (/proc/self/clear_refs) and read from VmHWM: `ru_maxrss` survives exec, so a child started
    by a large parent (this script holding a 16 MB family's text) would report the parent's
    size as its own peak and hide everything below it."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
        _status_kb("VmHWM")
        return lambda: _status_kb("VmHWM")
    except OSError:
        import resource

        return lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _rss_kb() -> int:
    try:
        return _status_kb("VmRSS")
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure_one(path: str, markup: str) -> dict[str, float]:
    """In a fresh process: compile on a small sample, read the input, time one call (of the
    checkout this file belongs to, not whichever one is installed)."""
    sys.path.insert(0, str(ROOT))
    import normalize

    engine = normalize.Normalizer(config={"max-bytes": 1 << 40})
    data = Path(path).read_bytes()
    head = data[: data.find(b"\n", 65536) + 1 or 65536]
    engine.normalize_bytes(head, markup=markup)  # compile and load the tables this family needs
    before = _rss_kb()
    peak = _peak_from_now()
    start = time.process_time()
    engine.normalize_bytes(data, markup=markup)
    seconds = time.process_time() - start
    return {"seconds": seconds, "memory": (peak() - before) * 1024 / len(data), "bytes": len(data)}


def run(family: str, megabytes: float, folder: Path, timeout: float) -> dict[str, float] | None:
    make, markup = FAMILIES[family]
    made = make(int(megabytes * 1_000_000))
    data = made if isinstance(made, bytes) else made.encode("utf-8", "surrogatepass")
    path = folder / f"{family}-{megabytes}.txt"
    path.write_bytes(data)
    del made, data  # not held while the child runs
    try:
        done = subprocess.run([sys.executable, __file__, "--one", str(path), markup],
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    finally:
        path.unlink()
    if done.returncode != 0:
        raise SystemExit(f"{family} at {megabytes} MB failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="0.25 and 1 MB instead of 1 and 16 MB")
    parser.add_argument("--sizes", help="comma-separated MB, smallest first (overrides --quick)")
    parser.add_argument("--family", action="append", choices=sorted(FAMILIES))
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per measurement")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(*args.one)))
        return
    sizes = [float(s) for s in args.sizes.split(",")] if args.sizes else ([0.25, 1.0] if args.quick else [1.0, 16.0])
    print(f"sizes: {', '.join(f'{s:g} MB' for s in sizes)}; CPU seconds of one normalize_bytes call per process;"
          f" memory = (peak RSS - RSS before the call) / input")
    print(f"{'family':<22}" + "".join(f"{f'{s:g} MB s':>11}" for s in sizes) + f"{'exponent':>10}{'peak/input':>12}")
    worst_exponent, worst_memory = 0.0, 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for family in args.family or FAMILIES:
            figures = [run(family, s, Path(tmp), args.timeout) for s in sizes]
            cells = "".join(f"{f['seconds']:>11.2f}" if f else f"{'>' + str(int(args.timeout)):>11}" for f in figures)
            first, last = figures[0], figures[-1]
            if first and last and first["seconds"] > 0:
                exponent = math.log(max(last["seconds"], 1e-9) / first["seconds"]) / math.log(last["bytes"] / first["bytes"])
                worst_exponent = max(worst_exponent, exponent)
                shown = f"{exponent:>10.2f}"
            else:
                shown = f"{'-':>10}"
            memory = last["memory"] if last else float("nan")  # the largest size: fixed costs matter least
            worst_memory = max(worst_memory, memory)
            print(f"{family:<22}{cells}{shown}{memory:>11.1f}x", flush=True)
    print(f"worst exponent {worst_exponent:.2f} (target <= 1.1); worst peak/input {worst_memory:.1f}x (target <= 10x)")


if __name__ == "__main__":
    main()
