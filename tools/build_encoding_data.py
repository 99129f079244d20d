"""Build `normalize/data/encoding/letter_bigrams.json`, the letter statistics of the encoding detectors.

Why a build step: the detectors only need lower-cased letter unigram and bigram counts per
language, a few hundred kilobytes, so we derive them once from Apache-2.0 sources and ship
the result instead of depending on a language-identification package at run time.

Sources:
- langdetect 1.0.9 profiles (``langdetect/profiles/<lang>``; Nakatani Shuyo's
  language-detection profiles, Apache License 2.0), built from Wikipedia abstracts.
- Serbian Cyrillic has no langdetect profile: its counts come from the *first 250 lines* of
  ``/work/shared/data/langid-dev/sentences/sr.txt`` (lingua-py test data, Apache-2.0); lines
  250 and later are kept for evaluation (``bench/encoding_eval.py``).

Usage: ``python tools/build_encoding_data.py [--langid-dev DIR]``
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import langdetect  # build-time only

OUT = Path(__file__).resolve().parent.parent / "normalize" / "data" / "encoding" / "letter_bigrams.json"
PROFILE_LANGS = {
    "Latin": "en fr de es pt it nl ca ro sv da no fi hu cs sk sl hr pl tr et lv lt sq af id".split(),
    "Cyrillic": "ru uk bg mk".split(),
    "Greek": ["el"],
}
SR_TRAIN_LINES = 250


SCRIPT_RANGES = {
    "Latin": ((0x41, 0x24F), (0x1E00, 0x1EFF)),
    "Cyrillic": ((0x400, 0x52F),),
    "Greek": ((0x370, 0x3FF), (0x1F00, 0x1FFF)),
}


def in_script(ch: str, script: str) -> bool:
    """Profiles contain stray foreign letters (names, quotes); a model keeps only its own script."""
    return ch == " " or (ch.isalpha() and any(lo <= ord(ch) <= hi for lo, hi in SCRIPT_RANGES[script]))


def _fold(gram: str, script: str) -> str | None:
    """Lower-case a profile n-gram; keep only letters of `script` and the word boundary (space)."""
    low = gram.lower()
    if len(low) != len(gram) or not all(in_script(ch, script) for ch in low):
        return None
    return low


def profile_counts(lang: str, script: str) -> tuple[Counter[str], Counter[str]]:
    path = Path(langdetect.__file__).parent / "profiles" / lang
    freq = json.loads(path.read_text(encoding="utf-8"))["freq"]
    uni: Counter[str] = Counter()
    bi: Counter[str] = Counter()
    for gram, count in freq.items():
        folded = _fold(gram, script)
        if folded is None or folded.strip() == "":
            continue
        if len(folded) == 1:
            uni[folded] += count
        elif len(folded) == 2:
            bi[folded] += count
    return uni, bi


def corpus_counts(lines: list[str]) -> tuple[Counter[str], Counter[str]]:
    uni: Counter[str] = Counter()
    bi: Counter[str] = Counter()
    for line in lines:
        words = "".join(ch if ch.isalpha() else " " for ch in line.lower()).split()
        for word in words:
            uni.update(word)
            padded = f" {word} "
            bi.update(padded[i : i + 2] for i in range(len(padded) - 1))
    bi = Counter({k: v for k, v in bi.items() if v >= 2})
    return uni, bi


def build(langid_dev: Path) -> dict[str, object]:
    languages: dict[str, object] = {}
    for script, langs in PROFILE_LANGS.items():
        for lang in langs:
            uni, bi = profile_counts(lang, script)
            languages[lang] = {"script": script, "uni": dict(uni.most_common()), "bi": dict(bi.most_common())}
    sr_lines = (langid_dev / "sentences" / "sr.txt").read_text(encoding="utf-8").splitlines()[:SR_TRAIN_LINES]
    uni, bi = corpus_counts(sr_lines)
    languages["sr"] = {"script": "Cyrillic", "uni": dict(uni.most_common()), "bi": dict(bi.most_common())}
    return {
        "about": "Lower-cased letter unigram/bigram counts (space = word boundary). Built by "
        "tools/build_encoding_data.py from langdetect 1.0.9 profiles (Apache-2.0) and, for sr, "
        f"the first {SR_TRAIN_LINES} lines of lingua-py sentences/sr.txt (Apache-2.0).",
        "languages": languages,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--langid-dev", type=Path, default=Path("/work/shared/data/langid-dev"))
    args = parser.parse_args()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    data = build(args.langid_dev)
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(data['languages'])} languages)")


if __name__ == "__main__":
    main()
