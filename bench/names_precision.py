"""Precision report of the names stage on real copy (the full version of tests/test_names_precision.py).

    python bench/names_precision.py [--reuters PATH] [--news DIR] [--show 40]

Prints, for the bundled gazetteer:

* the Reuters sample (all 2,746 stories): every names change, grouped, marked `defended` when it is
  in the test's ALLOWED_REUTERS list, and findings by severity;
* the same stories after a lead paragraph naming many gazetteer entities: changes and
  warning/error findings inside the article that the article alone does not get (must be zero);
* the namesake set (tests/fixtures_names/namesakes.toml), alone and with the entity named before:
  wrong changes and findings above `info` per class (must be zero);
* the name-dense modern news corpus (bench/corpora/news-modern/), when present: every names change
  and warning, for review by eye (there is no gold standard for it).
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from throughput import NEWS, REUTERS, folder_texts, jsonl_texts  # noqa: E402

from normalize.names import NameMatcher, bundled_paths, load_gazetteer  # noqa: E402
from test_names_precision import ALLOWED_REUTERS, lead_paragraph  # noqa: E402


def changes(matcher: NameMatcher, text: str, offset: int = 0) -> list[tuple[str, str]]:
    edits, _ = matcher.find(text)
    return [(text[e.start : e.end], e.replacement) for e in edits if e.start >= offset]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuters", type=Path, default=REUTERS)
    parser.add_argument("--news", type=Path, default=NEWS)
    parser.add_argument("--show", type=int, default=40)
    args = parser.parse_args()
    gazetteer = load_gazetteer(bundled_paths())
    matcher = NameMatcher(gazetteer)

    if args.reuters.exists():
        texts = jsonl_texts(args.reuters)
        changed: Counter[tuple[str, str]] = Counter()
        severities: Counter[str] = Counter()
        for text in texts:
            edits, findings = matcher.find(text)
            changed.update((text[e.start : e.end], e.replacement) for e in edits)
            severities.update(f.severity for f in findings)
        wrong = sum(n for pair, n in changed.items() if pair not in ALLOWED_REUTERS)
        print(f"reuters: {len(texts)} stories, {sum(changed.values())} names changes "
              f"({wrong} not defended), findings {dict(severities) or 'none'}")
        for (before, after), n in changed.most_common(args.show):
            print(f"  {n:4d} x {before!r} -> {after!r}  {'defended' if (before, after) in ALLOWED_REUTERS else 'NOT DEFENDED'}")
        lead = lead_paragraph(gazetteer)
        new: Counter[tuple[str, str]] = Counter()
        for text in texts:
            alone = {(e.start, e.replacement) for e in matcher.find(text)[0]}
            edits, findings = matcher.find(lead + text)
            new.update((text[e.start - len(lead) : e.end - len(lead)], e.replacement) for e in edits
                       if (e.start - len(lead), e.replacement) not in alone)
            new.update((f.text, f.severity) for f in findings if f.severity != "info" and f.start >= len(lead))
        print(f"reuters with a lead naming {lead.count(',') + 2} entities: {sum(new.values())} new changes or "
              f"warnings inside the articles")
        for item, n in new.most_common(args.show):
            print(f"  {n:4d} x {item}")
    else:
        print(f"reuters: not found at {args.reuters}")

    cases = tomllib.loads((ROOT / "tests" / "fixtures_names" / "namesakes.toml").read_text(encoding="utf-8"))["case"]
    per_class: Counter[str] = Counter()
    bad: Counter[str] = Counter()
    infos = 0
    for case in cases:
        entity = gazetteer.by_id[case["near"]]
        for lead in ("", f"{entity.canonical} arrived on Tuesday.\n\n"):
            text = lead + case["text"]
            edits, findings = matcher.find(text)
            per_class[case["class"]] += 1
            wrong = [e for e in edits if e.start >= len(lead)] + [f for f in findings if f.severity != "info"]
            infos += sum(f.severity == "info" for f in findings)
            if wrong:
                bad[case["class"]] += 1
                print(f"  WRONG [{case['class']}] {text!r}")
    print(f"namesakes: {sum(per_class.values())} cases, {sum(bad.values())} wrong; per class "
          + ", ".join(f"{c} {per_class[c] - bad[c]}/{per_class[c]}" for c in sorted(per_class))
          + f"; {infos} info suggestions")

    news = folder_texts(args.news) if args.news.exists() else []
    if news:
        changed = Counter()
        severities = Counter()
        for text in news:
            edits, findings = matcher.find(text)
            changed.update((text[e.start : e.end], e.replacement) for e in edits)
            severities.update(f.severity for f in findings)
        print(f"news-modern: {len(news)} articles, {sum(changed.values())} names changes, findings "
              f"{dict(severities) or 'none'} (review by eye)")
        for (before, after), n in changed.most_common(args.show):
            print(f"  {n:4d} x {before!r} -> {after!r}")
    else:
        print(f"news-modern: no articles in {args.news}")


if __name__ == "__main__":
    main()
