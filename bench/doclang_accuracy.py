"""Main-language accuracy of `normalize.doclang.main_language` on short texts, on held-out material.

What counts: the share of items given their true language. "und" (undetermined: no
language-specific rewrite) and "wrong" (another language: the dangerous case, since it can
apply another language's rules) are shown separately. Two baselines run on the same items:
langdetect alone, and the function-word guess this project used before (`latin_language`,
falling back to English).

Held out (never used to build profiles or choose parameters):
* langid-dev sentences and word pairs, lines after the first min(250, n // 2) of each file
  (tools/build_latin_profiles.py and the tuning read lines 1-250);
* Reuters-21578 titles in sentence case (bench/headline_case.py), odd ids (even ids were tuned on);
* bench/corpora/headlines-en.txt and short-foreign/*.txt: even-numbered lines (2, 4, ...);
  the odd-numbered ones were used to choose the confidence threshold.
`--all` also prints the tuning halves.

Usage: python bench/doclang_accuracy.py [--dev DIR] [--corpora DIR] [--all] [--no-langdetect]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from headline_case import REUTERS, headlines  # noqa: E402
from langid_accuracy import langdetect_guess  # noqa: E402

from normalize.doclang import latin_language, main_language  # noqa: E402

DEV = ROOT / "tests" / "data" / "langid-dev"
CORPORA = ROOT / "bench" / "corpora"
LATIN = ("en", "fr", "de", "es", "it", "pt", "pl", "tr")
FOREIGN = ("de", "fr", "es", "it", "pl", "pt", "nl")
TRAIN_LINES = 250


def dev_lines(dev: Path, kind: str, lang: str, held_out: bool) -> list[str]:
    lines = (dev / kind / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    cut = min(TRAIN_LINES, len(lines) // 2)
    return [x for x in (lines[cut:] if held_out else lines[:cut]) if x.strip()]


def corpus_lines(path: Path, held_out: bool) -> list[str]:
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip() and not x.startswith("#")]
    return lines[1::2] if held_out else lines[0::2]


def ours(text: str) -> str:
    return main_language(text).language or "und"


def before(text: str) -> str:
    return latin_language(text)[0] or "en"


def row(label: str, items: list[str], lang: str, guessers: dict) -> None:  # type: ignore[type-arg]
    cells = []
    for name, guess in guessers.items():
        answers = [guess(item) for item in items]
        right = sum(a == lang for a in answers) / len(items)
        und = sum(a == "und" for a in answers) / len(items)
        wrong = sum(a not in (lang, "und") for a in answers) / len(items)
        cells.append(f"{right:6.3f} {und:5.3f} {wrong:5.3f}" if name == "ours" else f"{right:6.3f} {wrong:5.3f}")
    print(f"{label:<34} {len(items):>5}  " + "   ".join(cells))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--all", action="store_true", help="also the tuning halves")
    parser.add_argument("--no-langdetect", action="store_true")
    args = parser.parse_args(argv)
    guessers = {"ours": ours, "before": before}
    if not args.no_langdetect:
        guessers["langdetect"] = langdetect_guess
    header = "ours: right und wrong" + "   before: right wrong" + ("   langdetect: right wrong" if "langdetect" in guessers else "")
    print(f"{'set':<34} {'items':>5}  {header}")
    started = time.perf_counter()
    for held_out in ([True, False] if args.all else [True]):
        tag = "held-out" if held_out else "TUNING"
        for lang in LATIN:
            row(f"{tag} langid-dev sentences {lang}", dev_lines(args.dev, "sentences", lang, held_out), lang, guessers)
        for lang in LATIN:
            row(f"{tag} langid-dev word-pairs {lang}", dev_lines(args.dev, "word-pairs", lang, held_out), lang, guessers)
        if REUTERS.exists():
            titles = [t for _, t in headlines(1 if held_out else 0)]
            row(f"{tag} Reuters titles, sentence case", titles, "en", guessers)
        if (args.corpora / "headlines-en.txt").exists():
            row(f"{tag} corpora headlines-en", corpus_lines(args.corpora / "headlines-en.txt", held_out), "en", guessers)
            for lang in FOREIGN:
                path = args.corpora / "short-foreign" / f"{lang}.txt"
                if path.exists():
                    row(f"{tag} corpora short-foreign {lang}", corpus_lines(path, held_out), lang, guessers)
                pairs = args.corpora / "short-foreign" / f"pairs-{lang}.txt"
                if pairs.exists():
                    row(f"{tag} corpora pairs {lang}", corpus_lines(pairs, held_out), lang, guessers)
        else:
            print(f"({args.corpora}/headlines-en.txt not found: corpora rows skipped)")
    print(f"{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
