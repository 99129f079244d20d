"""Accuracy of `normalize.langid.identify` against langdetect alone, on held-out lines.

Why held-out: tools/build_langid_profiles.py trains on the first min(250, n//2)
lines of each n-line langid-dev file; this bench reads only the lines after those
(251-500 of the 500-line files), which no shipped profile has seen. langdetect is given the whole fragment and its zh-cn / zh-tw count as zh.

Usage: python bench/langid_accuracy.py [DEV_DIR] [--quick]
(--quick skips the langdetect column, which costs most of the run time.)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from normalize.langid import identify  # noqa: E402

DEFAULT_DEV = Path(__file__).resolve().parent.parent / "tests" / "data" / "langid-dev"
LANGUAGES = ("el", "ru", "uk", "bg", "sr", "ko", "ja", "zh", "ar", "he")
KINDS = ("single-words", "word-pairs", "sentences")
TRAIN_LINES = 250  # as in tools/build_langid_profiles.py


def held_out(dev: Path, kind: str, lang: str) -> list[str]:
    """The lines the profiles were not built from: after the first min(250, n // 2)."""
    lines = (dev / kind / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines[min(TRAIN_LINES, len(lines) // 2) :] if line.strip()]


def langdetect_guess(text: str) -> str:
    import langdetect

    langdetect.DetectorFactory.seed = 0
    try:
        return langdetect.detect(text).split("-")[0]
    except langdetect.LangDetectException:
        return "und"


def accuracy(items: list[str], lang: str, guess) -> float:  # type: ignore[no-untyped-def]
    return sum(guess(item) == lang for item in items) / len(items) if items else float("nan")


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    args = [a for a in argv if not a.startswith("--")]
    dev = Path(args[0]) if args else DEFAULT_DEV
    ours = lambda text: identify(text)[0]  # noqa: E731
    print(f"held out: lines after the first min(250, n/2) of {dev}/<kind>/<lang>.txt")
    header = "lang  " + "  ".join(f"{k[:12]:>12} ours/ld" for k in KINDS)
    print(header)
    sums = {(k, who): 0.0 for k in KINDS for who in ("ours", "ld")}
    started, count = time.perf_counter(), 0
    for lang in LANGUAGES:
        cells = []
        for kind in KINDS:
            items = held_out(dev, kind, lang)
            count += len(items)
            a = accuracy(items, lang, ours)
            b = float("nan") if quick else accuracy(items, lang, langdetect_guess)
            sums[(kind, "ours")] += a
            sums[(kind, "ld")] += b
            cells.append(f"{a:12.3f} / {b:.3f}")
        print(f"{lang:5} " + "  ".join(cells))
    n = len(LANGUAGES)
    print("mean  " + "  ".join(f"{sums[(k, 'ours')] / n:12.3f} / {sums[(k, 'ld')] / n:.3f}" for k in KINDS))
    print(f"{count} items, {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
