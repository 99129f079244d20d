"""Throughput of the default pipeline next to ftfy.fix_text, on the same news text, in the same run.

    python bench/throughput.py [--mb 4] [--repeat 3]

The corpus: English news sentences (tests/data/langid-dev/sentences/en.txt) grouped into
articles of ~40 sentences (~5 KB, a typical news story), with the kinds of damage the tool exists for sprinkled in at a
realistic rate (one honorific variant or curly quote per few paragraphs). Prints MB/s for
each engine and the ratio. Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import platform
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = ROOT / "tests" / "data" / "langid-dev" / "sentences" / "en.txt"


def corpus(megabytes: float) -> list[str]:
    sentences = [s for s in SENTENCES.read_text(encoding="utf-8").splitlines() if s.strip()]
    extras = ["Mr. Kim met Mr Putin on Wednesday.", "“We are concerned,” said Dr. Lee.",
              "Officials in Kyiv and Vladivostok were not available."]
    articles, size, i = [], 0, 0
    while size < megabytes * 1_000_000:
        body = sentences[i % len(sentences) : i % len(sentences) + 40] + [extras[i % len(extras)]]
        text = "\n\n".join(" ".join(body[j : j + 4]) for j in range(0, len(body), 4)) + "\n"
        articles.append(text)
        size += len(text.encode())
        i += 41
    return articles


def measure(engines: dict[str, Callable[[str], object]], articles: list[str], repeat: int) -> dict[str, float]:
    """Best CPU time of each engine over the corpus; rounds interleave the engines so that a
    slower moment of a shared machine hits both alike."""
    best = {name: float("inf") for name in engines}
    for _ in range(repeat):
        for name, func in engines.items():
            start = time.process_time()
            for article in articles:
                func(article)
            best[name] = min(best[name], time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=4.0)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    import ftfy

    import normalize

    articles = corpus(args.mb)
    engine = normalize.Normalizer()
    engine.normalize_text(articles[0])  # compile outside the timing, as a long-running ingester would
    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}")
    print(f"corpus: {len(articles)} articles of English news text")
    total = sum(len(a.encode()) for a in articles) / 1e6
    best = measure({"normalize (default pipeline)": engine.normalize_text, "ftfy.fix_text": ftfy.fix_text},
                   articles, args.repeat)
    for name, seconds in best.items():
        print(f"  {name:<30} {total / seconds:7.2f} MB/s  ({total:.1f} MB in {seconds:.2f} s CPU, best of {args.repeat})")
    ours, base = (total / seconds for seconds in best.values())
    print(f"  ratio normalize / ftfy: {ours / base:.2f}x")


if __name__ == "__main__":
    main()
