"""Recall of the Latin-script sentence finder on foreign news sentences inside English copy.

    python bench/latin_sentences_eval.py [CORPUS_DIR]

Each line of bench/corpora/short-foreign/<lang>.txt (de, es, fr, it, nl, pl, pt news sentences)
is put between two English sentences; it counts as found when a `foreign-script.latin-sentence`
finding is reported. Prints found/total per language and overall. Precision is measured on real
English copy (the Reuters sample, the clean corpora), where the target is no finding at all.
"""

from __future__ import annotations

import sys
from pathlib import Path

import normalize

DEFAULT = Path(__file__).resolve().parent / "corpora" / "short-foreign"
LEAD = "Officials in the capital said on Tuesday that the talks would continue next week. "
TAIL = " The minister then left for the airport without answering questions."


def main(argv: list[str]) -> int:
    corpus = Path(argv[0]) if argv else DEFAULT
    engine = normalize.Normalizer(select=["foreign-script"])
    found_all = total_all = 0
    for path in sorted(corpus.glob("??.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        found = sum(
            any(f.rule == "foreign-script.latin-sentence" for f in engine.normalize_text(LEAD + line + TAIL).findings)
            for line in lines
        )
        print(f"{path.stem:4} {found:4}/{len(lines)}")
        found_all += found
        total_all += len(lines)
    print(f"all  {found_all:4}/{total_all} = {found_all / max(total_all, 1):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
