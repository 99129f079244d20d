"""Severity policy on real-looking copy: glossed foreign text is at most `info`, stray is `error`.

    python bench/foreign_policy_eval.py [--half odd|even] [bench/corpora/foreign-in-english.tsv]

Reads a TSV with columns text, language, expected (gloss | stray): one English sentence each,
holding one foreign-script fragment (glossed, discussed or marked; or left untranslated).
A glossed line passes when no foreign-script finding on it is above `info`; a stray line when
one `error` finding names the line's language. Prints both rates and the language accuracy of
the findings, then each failing line. `--half even` reads only the even-numbered items (1-based,
header not counted): the corpus README's held-out half; `--half odd` the tuning half.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import normalize

DEFAULT = Path(__file__).resolve().parent / "corpora" / "foreign-in-english.tsv"
LEAD = "Officials in the capital said on Tuesday that the talks would continue next week. "


def main(argv: list[str]) -> int:
    half = None
    if "--half" in argv:
        at = argv.index("--half")
        half = argv[at + 1]
        argv = argv[:at] + argv[at + 2 :]
    path = Path(argv[0]) if argv else DEFAULT
    engine = normalize.Normalizer(select=["foreign-script"])
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    if half in ("odd", "even"):
        rows = [row for number, row in enumerate(rows, 1) if number % 2 == (half == "odd")]
    passed = {"gloss": [0, 0], "stray": [0, 0]}
    languages = [0, 0]
    failures = []
    for row in rows:
        kind = "stray" if row["expected"] == "stray" else "gloss"
        findings = [f for f in engine.normalize_text(LEAD + row["text"]).findings if f.rule == "foreign-script.stray"]
        if kind == "gloss":
            ok = bool(findings) and all(f.severity == "info" for f in findings)
        else:
            ok = any(f.severity == "error" and f.language == row["language"] for f in findings)
        passed[kind][0] += ok
        passed[kind][1] += 1
        if findings:
            languages[0] += findings[0].language == row["language"]
            languages[1] += 1
        if not ok:
            failures.append(f"{kind}: {row['text']} -> {[(f.text, f.severity, f.language) for f in findings]}")
    for kind, (good, total) in passed.items():
        print(f"{kind:6} {good}/{total} = {good / max(total, 1):.3f}")
    print(f"language of first finding: {languages[0]}/{languages[1]} = {languages[0] / max(languages[1], 1):.3f}")
    for line in failures:
        print("FAIL", line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
