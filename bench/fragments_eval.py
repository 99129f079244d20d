"""Stray-fragment detection and language, on English paragraphs with inserted fragments.

    python bench/fragments_eval.py [--per-language 200]

Fragments are held-out langid-dev items (lines 250+, never used to build the language
profiles): single words, word pairs and sentences in el, ru, uk, bg, sr, ko, ja, zh, ar,
he, inserted into English news sentences in brackets, quotes, parentheses, inline and as a
sentence of their own. A fragment counts as found when one finding covers exactly its span,
and as identified when that finding also names its language. Prints both rates per
language and overall (targets: 98% found, 95% identified), and the number of findings on
the clean English paragraphs alone (target 0).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import regex

import normalize

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "langid-dev"
LANGUAGES = ["el", "ru", "uk", "bg", "sr", "ko", "ja", "zh", "ar", "he"]
CONTEXTS = ["[{}]", "“{}”", "({})", " {} ", "{}."]
HELD_OUT = 250
LATIN = regex.compile(r"\p{Latin}")
EDGE_PUNCTUATION = regex.compile(r"^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$")


def held_out(kind: str, language: str) -> list[str]:
    lines = (DATA / kind / f"{language}.txt").read_text(encoding="utf-8").splitlines()
    start = min(HELD_OUT, len(lines) // 2)
    items = [line.strip() for line in lines[start:] if line.strip()]
    # a fragment is foreign-script text: items with Latin letters inside (URLs, "B737", wiki
    # markup) are not what this measures
    return items if language == "en" else [i for i in items if not LATIN.search(i)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-language", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(7)
    english = held_out("sentences", "en")
    engine = normalize.Normalizer(select=["foreign-script"])
    clean_findings = sum(len(engine.normalize_text(s).findings) for s in english)
    totals = [0, 0, 0]
    print(f"{'lang':<5} {'found':>7} {'language':>9}   (cases)")
    for language in LANGUAGES:
        items = [(kind, item) for kind in ("single-words", "word-pairs", "sentences")
                 for item in held_out(kind, language)]
        rng.shuffle(items)
        found = identified = 0
        cases = items[: args.per_language]
        for kind, fragment in cases:
            fragment = EDGE_PUNCTUATION.sub("", fragment)
            context = rng.choice(CONTEXTS)
            before = " ".join(rng.sample(english, 2))  # a paragraph of an English article
            after = " ".join(rng.sample(english, 2))
            if context == "{}.":
                text = f"{before} {fragment}. {after}"
            else:
                text = f"{before[:-1]} {context.format(fragment).strip()} {after}"
            start = text.index(fragment)
            findings = [f for f in engine.normalize_text(text).findings if f.rule == "foreign-script.stray"]
            exact = [f for f in findings if (f.start, f.end) == (start, start + len(fragment))]
            found += bool(exact)
            identified += bool(exact) and exact[0].language == language
        totals[0] += found
        totals[1] += identified
        totals[2] += len(cases)
        print(f"{language:<5} {found / len(cases):7.3f} {identified / len(cases):9.3f}   ({len(cases)})")
    print(f"{'all':<5} {totals[0] / totals[2]:7.3f} {totals[1] / totals[2]:9.3f}   ({totals[2]})")
    print(f"findings on {len(english)} clean English sentences: {clean_findings}")


if __name__ == "__main__":
    main()
