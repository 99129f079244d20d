"""Benchmark the names stage: gazetteer load time and matching throughput.

Prints, for the bundled packs: cold load (no cache: parse, validate, generate, index), warm load
(from the on-disk cache, in a fresh process) and MB/s of `NameMatcher.find` on the langid-dev
English sentences; then the same throughput with 10,000 synthetic Russian-named entities added,
and the ratio (the design asks for >= 80%: cost must follow the text, not the gazetteer).

    python bench/names_bench.py [--data tests/data] [--synthetic 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from normalize.names import NameMatcher, bundled_paths, load_gazetteer  # noqa: E402
from normalize.translit._scheme import iuliia_schemes  # noqa: E402

_SYLLABLES = "ба бо ва ве го гу да ди жа за зо ка ко ку ла ле ли ма ми на но ны па по ра ро ру са си та то ту фа ха ца ча ше щу".split()
_ENDINGS = ["ов", "ев", "ин", "ский", "енко", "ук", "ян"]
_GIVEN = "Иван Пётр Сергей Андрей Дмитрий Михаил Олег Юрий Борис Алексей".split()


def synthetic_pack(count: int, folder: Path, seed: int = 7) -> Path:
    """`count` persons with random Russian surnames, written as a gazetteer pack."""
    rng = random.Random(seed)
    bgn = next(s for s in iuliia_schemes() if s.name == "bgn_pcgn")
    lines = ['[pack]\nname = "synthetic"\nkind = "gazetteer"\n']
    seen: set[str] = set()
    while len(seen) < count:
        surname = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))) + rng.choice(_ENDINGS)
        if surname in seen:
            continue
        seen.add(surname)
        given = rng.choice(_GIVEN)
        latin_given, latin_surname = bgn.translate(given).capitalize(), bgn.translate(surname).capitalize()
        lines.append(f'[[entity]]\nid = "syn-{len(seen)}"\ncanonical = "{latin_given} {latin_surname}"\n'
                     f'kind = "person"\ngiven = "{latin_given}"\nsurname = "{latin_surname}"\n'
                     f'native = [{{ lang = "ru", text = "{given} {surname.capitalize()}" }}]\n')
    path = folder / "synthetic.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def load_seconds(paths: list[Path], cache: bool) -> float:
    """Time load_gazetteer (index included) in a fresh interpreter."""
    env = dict(os.environ)
    if not cache:
        env["NORMALIZE_NO_CACHE"] = "1"
    code = ("import sys,time; sys.path.insert(0, %r); from pathlib import Path;"
            "from normalize.names import load_gazetteer; ps=[Path(p) for p in sys.argv[1:]];"
            "t=time.perf_counter(); load_gazetteer(ps); print(time.perf_counter()-t)") % str(ROOT)
    out = subprocess.run([sys.executable, "-c", code, *map(str, paths)], env=env, capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def throughputs(matchers: list[NameMatcher], text: str, repeat: int) -> list[tuple[float, int, int]]:
    """Best-of-`repeat` MB/s per matcher, runs interleaved so machine noise hits all alike."""
    for matcher in matchers:
        matcher.find(text)  # warm-up: lazy word list, caches
    best = [float("inf")] * len(matchers)
    counts = [(0, 0)] * len(matchers)
    for _ in range(repeat):
        for n, matcher in enumerate(matchers):
            start = time.perf_counter()
            edits, findings = matcher.find(text)
            best[n] = min(best[n], time.perf_counter() - start)
            counts[n] = (len(edits), len(findings))
    size = len(text.encode("utf-8")) / 1e6
    return [(size / b, e, f) for b, (e, f) in zip(best, counts)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "tests" / "data")
    parser.add_argument("--synthetic", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    text = (args.data / "langid-dev/sentences/en.txt").read_text(encoding="utf-8")
    bundled = bundled_paths()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("NORMALIZE_CACHE_DIR", str(Path(tmp) / "cache"))
        gazetteer = load_gazetteer(bundled)
        print(f"bundled packs: {len(bundled)} files, {len(gazetteer)} entities, "
              f"{len(gazetteer.index().exact)} exact keys, {len(gazetteer.index().fuzzy)} fuzzy keys")
        print(f"load, cold (no cache, fresh process): {load_seconds(bundled, cache=False) * 1000:.0f} ms")
        load_seconds(bundled, cache=True)
        print(f"load, warm (disk cache, fresh process): {load_seconds(bundled, cache=True) * 1000:.0f} ms")
        synthetic = synthetic_pack(args.synthetic, Path(tmp))
        start = time.perf_counter()
        big = load_gazetteer([*bundled, synthetic])
        print(f"bundled + {args.synthetic} synthetic entities ({len(big)}): cold build {time.perf_counter() - start:.1f} s")
        (base, edits, findings), (large, big_edits, big_findings) = throughputs(
            [NameMatcher(gazetteer), NameMatcher(big)], text, args.repeat)
        print(f"find() on en.txt ({len(text.encode()) / 1e3:.0f} kB), bundled: {base:.2f} MB/s ({edits} edits, {findings} findings)")
        print(f"find() on en.txt, bundled + synthetic: {large:.2f} MB/s ({big_edits} edits, {big_findings} findings)")
        print(f"throughput ratio (large / bundled): {large / base:.0%}")


if __name__ == "__main__":
    main()
