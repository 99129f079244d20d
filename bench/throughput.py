"""Throughput of the default pipeline next to ftfy.fix_text on real news copy, in one run.

    python bench/throughput.py [--repeat 5] [--reuters PATH] [--news DIR] [--chunked 10]

Corpora (each measured against ftfy.fix_text on the same articles, rounds interleaved):

* reuters: the Reuters-21578 sample (2,746 real 1987 wire stories; development data in
  ../shared/data/reuters-21578/articles.jsonl, not shipped);
* news-modern: the name-dense modern news corpus in bench/corpora/news-modern/ (sports, culture,
  politics; many names the gazetteer does not hold), when present;
* synthetic: langid-dev English sentences with sprinkled damage (the old headline figure, kept
  for comparison only).

Each engine is built once with empty per-word memo tables and warmed on one unrelated sentence;
the headline is the best round (a long-running ingester), and the first round, which also pays
for judging the corpus's capitalised words for the first time, is printed next to it. Prints MB/s of
each engine, the ratio, and the names stage's share of pipeline time (one minus the time of the
pipeline without the names stage over the full pipeline's, measured in the same rounds). With
`--chunked N`, a second figure per corpus times chunks of N articles (each corpus once, warm), the
engines interleaved chunk by chunk, and sums each chunk's best round: a busy moment of a shared VM
then spoils one chunk of one engine, not a whole round, so the figure moves less from run to run
(and is no flattering one: it came out below the best-round figure on news-modern). Not a test:
figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # time this checkout, not whichever one is installed
SENTENCES = ROOT / "tests" / "data" / "langid-dev" / "sentences" / "en.txt"
REUTERS = ROOT.parent / "shared" / "data" / "reuters-21578" / "articles.jsonl"  # ../shared beside the checkout
NEWS = ROOT / "bench" / "corpora" / "news-modern"
# Touches every lazily loaded table (word lists, name list, encoding models, script profiles,
# glossaries) once, outside the timing, as the first documents of a long-running ingester would:
# a near miss, curly quotes, accents, UTF-8 and legacy (cp1251 read as Latin-1) mojibake, Greek
# and Cyrillic fragments, a look-alike letter and an invisible character, none from the corpora.
WARM_UP = ("“Officials met in Kyiv on Monday,” said Mr. Saigu’s spokesman in São Paulo.\n"
           "Donâ€™t worry, the Ministerâ€™s aide said.")
WARM_UP_OTHER = ("The minister said that the statement of the Ìèíèñòåðñòâî îáîðîíû was sent to the embassy "
                 "in Bеrlin\u200b on Friday, and that it quoted το Υπουργείο Εξωτερικών and the министерство "
                 "финансов in full. It was not clear who wrote it, officials said on Saturday.")


def synthetic(megabytes: float) -> list[str]:
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


def jsonl_texts(path: Path) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                title = record.get("title") or record.get("headline") or ""
                texts.append((title + "\n\n" if title else "") + record["text"])
    return texts


def folder_texts(folder: Path) -> list[str]:
    """Articles of a corpus folder: *.txt / *.md files, or the "text" of *.jsonl records."""
    texts: list[str] = []
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".txt", ".md") and path.is_file() and path.name.lower() not in ("readme.md", "sources.md"):
            texts.append(path.read_text(encoding="utf-8"))
        elif path.suffix == ".jsonl":
            texts += jsonl_texts(path)
    return texts


def forget_words() -> None:
    """Empty the per-word memo tables (names folding and sound keys, English word lookups, the
    document-language word scores), so that a round pays for meeting a corpus's words."""
    from normalize import doclang
    from normalize.names import phonetic, words

    for memo in (phonetic.fold, phonetic.sound_key, words.is_common_word, words.is_known_word,
                 getattr(doclang, "_word_scores", None)):
        if memo is not None:
            memo.cache_clear()


def cold_caches() -> None:
    """Forget compiled stages (with the names matcher's verdicts on words) and the memo tables."""
    from normalize import pipeline

    pipeline._COMPILED.clear()
    forget_words()


def measure(engines: dict[str, Callable[[], Callable[[str], object]]], articles: list[str],
            repeat: int) -> tuple[dict[str, float], dict[str, float]]:
    """(best, first) CPU time of each engine over the corpus. Each engine is built once, outside
    the timing; its first round also pays for judging the corpus's words for the first time
    (cold), later rounds run as a long-running ingester does (warm). Rounds interleave the
    engines so that a slower moment of a shared machine hits all alike."""
    built = {name: build() for name, build in engines.items()}
    best = {name: float("inf") for name in engines}
    first: dict[str, float] = {}
    for round_ in range(repeat):
        for name, func in built.items():
            if round_ == 0:
                forget_words()  # every engine's first round meets the corpus's words cold
            start = time.process_time()
            for article in articles:
                func(article)
            elapsed = time.process_time() - start
            first.setdefault(name, elapsed)
            best[name] = min(best[name], elapsed)
    return best, first


CHUNKED_ROUNDS = 15


def measure_chunked(engines: dict[str, Callable[[], Callable[[str], object]]], articles: list[str],
                    repeat: int, size: int) -> dict[str, float]:
    """Each engine's time as the sum over chunks of `size` articles of the chunk's best time in
    `repeat` rounds, the engines interleaved chunk by chunk: a busy moment of a shared machine
    (they last about as long as a whole round) then spoils a few milliseconds of one chunk, not
    a round of one engine. Warm only: every engine is run over the corpus once first."""
    built = {name: build() for name, build in engines.items()}
    for func in built.values():
        for article in articles:
            func(article)
    chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
    best = {name: [float("inf")] * len(chunks) for name in built}
    for _ in range(repeat):
        for index, chunk in enumerate(chunks):
            for name, func in built.items():
                start = time.process_time()
                for article in chunk:
                    func(article)
                best[name][index] = min(best[name][index], time.process_time() - start)
    return {name: sum(times) for name, times in best.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reuters", type=Path, default=REUTERS)
    parser.add_argument("--news", type=Path, default=NEWS)
    parser.add_argument("--min-mb", type=float, default=1.0, help="time small corpora over passes of at least this")
    parser.add_argument("--synthetic-mb", type=float, default=2.0, help="0 to skip the synthetic corpus")
    parser.add_argument("--chunked", type=int, default=0, metavar="ARTICLES",
                        help="also time chunks of this many articles, engines interleaved chunk by chunk "
                             "(the sum of each chunk's best round): steadier on a noisy machine")
    args = parser.parse_args()
    import ftfy

    import normalize

    def pipeline(**settings: object) -> Callable[[str], object]:
        engine = normalize.Normalizer(**settings)
        for text in (WARM_UP, WARM_UP_OTHER):  # load and compile outside the timing, as an ingester would
            engine.normalize_text(text)
        return engine.normalize_text

    corpora: list[tuple[str, list[str]]] = []
    if args.reuters.exists():
        corpora.append(("reuters (1987 wire copy)", jsonl_texts(args.reuters)))
    else:
        print(f"reuters: not found at {args.reuters}")
    news = folder_texts(args.news) if args.news.exists() else []
    if news:
        corpora.append(("news-modern (name-dense)", news))
    else:
        print(f"news-modern: no articles in {args.news}")
    if args.synthetic_mb > 0:
        corpora.append(("synthetic (langid sentences)", synthetic(args.synthetic_mb)))
    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}")
    engines = {"normalize (default pipeline)": pipeline, "ftfy.fix_text": lambda: ftfy.fix_text,
               "normalize --ignore names": lambda: pipeline(ignore=["names"])}
    for label, articles in corpora:
        once = articles
        size = sum(len(a.encode()) for a in articles)
        if size < args.min_mb * 1e6:  # a small corpus is timed over several passes: CPU timers are coarse
            passes = int(args.min_mb * 1e6 // size) + 1
            articles = articles * passes
            label += f", {passes} passes"
        total = sum(len(a.encode()) for a in articles) / 1e6
        print(f"{label}: {len(articles)} articles, {total:.2f} MB")
        cold_caches()  # each corpus starts with no word judged
        best, first = measure(engines, articles, args.repeat)
        for name, seconds in best.items():
            print(f"  {name:<30} {total / seconds:7.2f} MB/s  ({seconds:.2f} s CPU, best of {args.repeat}; "
                  f"first round {total / first[name]:.2f} MB/s)")
        full, base, without = best.values()
        print(f"  ratio normalize / ftfy: {base / full:.2f}x (first round, words judged cold: "
              f"{first['ftfy.fix_text'] / first['normalize (default pipeline)']:.2f}x)")
        # the names stage's cost is what the pipeline saves without it (shared scans stay)
        print(f"  names stage share of pipeline time: {1 - without / full:.0%} "
              f"(first round {1 - first['normalize --ignore names'] / first['normalize (default pipeline)']:.0%})")
        if args.chunked:
            full, base, without = measure_chunked(engines, once, CHUNKED_ROUNDS, args.chunked).values()
            print(f"  chunked ({args.chunked} articles, best of {CHUNKED_ROUNDS} each): ratio {base / full:.2f}x, "
                  f"names stage share {1 - without / full:.0%}")


if __name__ == "__main__":
    main()
