"""Where the default pipeline's time goes, per article: each stage's `run()` and the shared
document work (language detection, the capitalised-word scan), timed inside the pipeline.

    python bench/stage_times.py [news|reuters|mojibake] [--passes 6]

Warm figures (the corpus is normalised once before timing, as in bench/throughput.py's best
round), in microseconds per article, with `ftfy.fix_text` on the same articles for scale. The
stage timings include what a stage pulls from the document the first time it asks (its
language, say), so the shared work is listed separately and subtracted from the stage that
first asked for it. Not a test: figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from throughput import NEWS, REUTERS, WARM_UP, WARM_UP_OTHER, folder_texts, jsonl_texts  # noqa: E402

spent: dict[str, float] = defaultdict(float)
_stack: list[list[float]] = []  # per open timer: the time its nested timers took


def timed(label: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """`func`, its own time (less the nested timers') added to spent[label]."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _stack.append([0.0])
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            elapsed = time.perf_counter() - start
            nested = _stack.pop()[0]
            spent[label] += elapsed - nested
            if _stack:
                _stack[-1][0] += elapsed

    return wrapper


def instrument(engine: Any) -> None:
    from normalize import document, pipeline

    repair, content = engine._stages
    for stage in repair + content:
        stage.run = timed(type(stage).__name__, stage.run)
    pipeline.detect = timed("document language", pipeline.detect)
    words = document.Document.__dict__["capital_words"]
    scan = timed("capitalised-word scan", words.func)
    words.func = scan


def corpus(name: str) -> list[str]:
    if name == "reuters":
        return jsonl_texts(REUTERS)
    if name == "mojibake":
        from encoding_eval import mojibake_documents

        return mojibake_documents(ROOT / "tests" / "data")
    return folder_texts(NEWS)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default="news", choices=("news", "reuters", "mojibake"))
    parser.add_argument("--passes", type=int, default=6)
    args = parser.parse_args()
    import ftfy

    import normalize

    articles = corpus(args.corpus)
    engine = normalize.Normalizer()
    for text in (WARM_UP, WARM_UP_OTHER, *articles):
        engine.normalize_text(text)
    instrument(engine)
    spent.clear()
    start = time.perf_counter()
    for _ in range(args.passes):
        for article in articles:
            engine.normalize_text(article)
    total = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(args.passes):
        for article in articles:
            ftfy.fix_text(article)
    baseline = time.perf_counter() - start
    count = len(articles) * args.passes
    per = {label: seconds / count * 1e6 for label, seconds in spent.items()}
    per["pipeline itself (the rest)"] = total / count * 1e6 - sum(per.values())
    print(f"{args.corpus}: {len(articles)} articles x {args.passes} passes, µs per article (warm)")
    for label, micros in sorted(per.items(), key=lambda item: -item[1]):
        print(f"  {label:<28} {micros:8.1f}")
    print(f"  {'= normalize_text':<28} {total / count * 1e6:8.1f}")
    print(f"  {'ftfy.fix_text':<28} {baseline / count * 1e6:8.1f}   ratio {baseline / total:.2f}x")


if __name__ == "__main__":
    main()
