"""Run the default pipeline over news-modern/ in each article's own house style and list every
change and finding. The articles are clean copy, so every line printed is a candidate false
positive (the README lists the deliberate hard cases).

Usage: python bench/corpora/scan_news.py [--summary]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

import normalize  # noqa: E402

NEWS = Path(__file__).resolve().parent / "news-modern"


def style_of(path: Path) -> str:
    return "en-GB" if path.name.endswith("-en-gb.txt") else "en-US"


def main() -> None:
    engines = {style: normalize.Normalizer(style=style) for style in ("en-GB", "en-US")}
    counts: Counter[str] = Counter()
    articles = sorted(NEWS.glob("*.txt"))
    for path in articles:
        result = engines[style_of(path)].normalize_text(path.read_text(encoding="utf-8"))
        for change in result.changes:
            counts["changes"] += 1
            print(f"{path.name}\tchange\t{change.rule}\t{change.before!r} -> {change.after!r}")
        for finding in result.findings:
            counts[f"findings:{finding.severity}"] += 1
            print(f"{path.name}\tfinding:{finding.severity}\t{finding.rule}\t{finding.text[:60]!r}")
    print(f"# {len(articles)} articles; " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
