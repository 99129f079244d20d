"""Print (or, with --write, refresh) the file inventory table in bench/corpora/README.md.

Items are lines for line files, files for news-modern/; words are whitespace-separated tokens.
tests/test_corpora.py checks the table against the files, so the README cannot drift.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BEGIN, END = "<!-- inventory:begin -->", "<!-- inventory:end -->"


def inventory() -> list[tuple[str, int, int]]:
    rows = []
    articles = sorted((HERE / "news-modern").glob("*.txt"))
    rows.append(("news-modern/*.txt", len(articles), sum(len(p.read_text(encoding="utf-8").split()) for p in articles)))
    for path in sorted(HERE.rglob("*")):
        if path.suffix in {".txt", ".tsv"} and path.parent.name != "news-modern":
            text = path.read_text(encoding="utf-8")
            items = len(text.splitlines()) - (1 if path.suffix == ".tsv" else 0)  # TSV header
            rows.append((path.relative_to(HERE).as_posix(), items, len(text.split())))
    return rows


def table() -> str:
    lines = ["| file | items | words |", "|---|---:|---:|"]
    lines += [f"| `{name}` | {items} | {words} |" for name, items, words in inventory()]
    return "\n".join(lines)


def main() -> None:
    if "--write" not in sys.argv:
        print(table())
        return
    readme = HERE / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN)
    _, tail = rest.split(END)
    readme.write_text(f"{head}{BEGIN}\n{table()}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
