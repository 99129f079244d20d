"""Every honorific change on real-looking copy, for review: is each one a title before a name?

    python bench/honorifics_eval.py [--styles default,en-US,en-GB] [FILES...]

Defaults to bench/corpora/news-modern/*.txt and bench/corpora/headlines-en.txt (one headline a
line). Prints each change with its context, then the number of changes per style. Words that look
like titles but are not (Dr Pepper, Gen Z, St Helens, "No More Mr Nasty") should not appear.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import normalize

CORPORA = Path(__file__).resolve().parent / "corpora"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--styles", default="default,en-US,en-GB")
    args = parser.parse_args()
    files = args.files or sorted((CORPORA / "news-modern").glob("*.txt")) + [CORPORA / "headlines-en.txt"]
    for style in args.styles.split(","):
        engine = normalize.Normalizer(style=None if style == "default" else style, select=["honorific"])
        count = 0
        for path in files:
            text = path.read_text(encoding="utf-8")
            # a headline file is one document per line: a headline's majority is its own
            documents = text.splitlines() if path.name.startswith("headlines") else [text]
            for document in documents:
                for change in engine.normalize_text(document).changes:
                    context = document[max(0, change.start - 30) : change.end + 30].replace("\n", " ")
                    print(f"{style:7} {path.name[:24]:24} {change.before!r:7} -> {change.after!r:7} | {context}")
                    count += 1
        print(f"# {style}: {count} changes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
