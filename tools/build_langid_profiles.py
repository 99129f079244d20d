"""Build the character n-gram profiles that `normalize.langid` ships.

Why our own profiles rather than calling langdetect on a fragment: langdetect
scores 1-3-grams over *all* its languages, has no Serbian, and is unreliable on one
or two words (bg 0.51, zh 0.41, sr 0.00 on single words). Restricting the choice to
the candidates of one script and adding a little in-domain data fixes most of that.

Sources (all Apache-2.0; see normalize/data/langid/README.md):

* langdetect's installed profiles (`langdetect/profiles/<lang>`): 1-3-gram counts
  from Wikipedia, pruned to the frequent n-grams. Serbian has none, so its
  profile is the Croatian (`hr`) one transliterated to Serbian Cyrillic.
* the *training half* of the langid-dev split: the first min(250, n // 2) lines
  of each `{sentences,word-pairs,single-words}/<lang>.txt` of n lines (1-250 for
  the 500-line files). The rest is never read here: it is the held-out half that
  bench/ and tests/ measure on (`train_count` below is shared with them).

For each language we store, per n-gram order, relative frequencies mixed 50/50
from the two sources (orders 1-3), 4-grams from the dev half only, and word
frequencies from the dev half. Han-script profiles are character unigrams only
(langdetect folds Han characters into 127 classes, too coarse for zh vs ja).

Usage: python tools/build_langid_profiles.py [DEV_DIR] [OUTPUT_DIR]
The output is deterministic (sorted keys, gzip mtime 0).
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import Counter
from pathlib import Path

import langdetect
import regex

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DEV = Path("/work/shared/data/langid-dev")
DEFAULT_OUTPUT = ROOT / "normalize" / "data" / "langid"
LANGDETECT_PROFILES = Path(langdetect.__file__).parent / "profiles"
TRAIN_LINES = 250  # at most this many lines of each dev file; see train_count
KINDS = ("sentences", "word-pairs", "single-words")
SCALE = 10**8  # relative frequencies are stored as integers per SCALE
MIN_4GRAM_COUNT = 2  # 4-grams seen once are mostly noise and double the load time
GROUPS: dict[str, dict[str, str | None]] = {
    # language -> langdetect profile name (None: no profile)
    "cyrillic": {"ru": "ru", "uk": "uk", "bg": "bg", "sr": "hr", "mk": "mk"},
    "arabic": {"ar": "ar", "fa": "fa", "ur": "ur"},
}
HAN_LANGUAGES = ("zh", "ja")
# Croatian/Serbian Latin (Gaj) -> Serbian Cyrillic (Vuk); digraphs first.
LATIN_TO_SERBIAN = [
    ("dž", "џ"), ("lj", "љ"), ("nj", "њ"), ("a", "а"), ("b", "б"), ("c", "ц"), ("č", "ч"),
    ("ć", "ћ"), ("d", "д"), ("đ", "ђ"), ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "х"),
    ("i", "и"), ("j", "ј"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"),
    ("p", "п"), ("r", "р"), ("s", "с"), ("š", "ш"), ("t", "т"), ("u", "у"), ("v", "в"),
    ("z", "з"), ("ž", "ж"), (" ", " "),
]
WORD = regex.compile(r"\p{L}+")


def fold(text: str) -> str:
    """The runtime's normalisation: lower case, Persian yeh as Arabic yeh (as langdetect)."""
    return text.lower().replace("\u06cc", "\u064a")


def grams(word: str, max_n: int) -> list[str]:
    """1..max_n-grams of ' word ' (space marks the word boundary; no bare-space unigram)."""
    padded = f" {word} "
    return [
        padded[i : i + n]
        for n in range(1, max_n + 1)
        for i in range(len(padded) - n + 1)
        if padded[i : i + n] != " "
    ]


def to_serbian(gram: str) -> str | None:
    """Transliterate a Croatian n-gram; None if it holds a letter outside the alphabet."""
    out, i = [], 0
    while i < len(gram):
        for latin, cyrillic in LATIN_TO_SERBIAN:
            if gram.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            return None
    return "".join(out)


def langdetect_counts(name: str, serbian: bool) -> Counter[str]:
    freq = json.loads((LANGDETECT_PROFILES / name).read_text(encoding="utf-8"))["freq"]
    counts: Counter[str] = Counter()
    for gram, count in freq.items():
        gram = fold(gram)
        if serbian:
            gram = to_serbian(gram)  # type: ignore[assignment]
        if gram:
            counts[gram] += count
    return counts


def train_count(n_lines: int) -> int:
    """How many leading lines of an n-line dev file are training data (the rest is held out)."""
    return min(TRAIN_LINES, n_lines // 2)


def train_lines(dev: Path, lang: str) -> list[str]:
    lines: list[str] = []
    for kind in KINDS:
        path = dev / kind / f"{lang}.txt"
        if path.exists():
            all_lines = path.read_text(encoding="utf-8").splitlines()
            lines += all_lines[: train_count(len(all_lines))]
    return lines


def relative(counts: Counter[str]) -> dict[str, float]:
    totals: Counter[int] = Counter()
    for gram, count in counts.items():
        totals[len(gram)] += count
    return {gram: count / totals[len(gram)] for gram, count in counts.items()}


def language_profile(dev: Path, lang: str, profile: str | None) -> dict[str, object]:
    words: Counter[str] = Counter()
    for line in train_lines(dev, lang):
        words.update(WORD.findall(fold(line)))
    dev_grams: Counter[str] = Counter()
    for word, count in words.items():
        for gram in grams(word, 4):
            dev_grams[gram] += count
    dev_grams = Counter({g: c for g, c in dev_grams.items() if len(g) < 4 or c >= MIN_4GRAM_COUNT})
    sources = [relative(dev_grams)] if words else []
    if profile:
        sources.append(relative(langdetect_counts(profile, serbian=(lang == "sr"))))
    mixed: dict[str, int] = {}
    for gram in sorted(set().union(*sources)):
        held = [s.get(gram, 0.0) for s in sources if len(gram) < 4 or s is sources[0]]
        value = round(sum(held) / len(held) * SCALE) if held else 0
        if value:
            mixed[gram] = value
    return {"order": 4 if words else 3, "grams": mixed, "words": dict(sorted(words.items()))}


def han_profile(dev: Path, lang: str) -> dict[str, object]:
    chars: Counter[str] = Counter()
    for line in train_lines(dev, lang):
        chars.update(regex.findall(r"\p{Script=Han}", line))
    return {"chars": dict(sorted(chars.items()))}


def write(path: Path, data: dict[str, object]) -> None:
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    with open(path, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
        gz.write(raw.encode("utf-8"))
    print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {path.stat().st_size} bytes")


def main(argv: list[str]) -> int:
    dev = Path(argv[0]) if argv else DEFAULT_DEV
    out = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUTPUT
    out.mkdir(parents=True, exist_ok=True)
    meta = {"format": 1, "scale": SCALE, "train_lines": TRAIN_LINES}
    for group, languages in GROUPS.items():
        profiles = {lang: language_profile(dev, lang, name) for lang, name in languages.items()}
        write(out / f"{group}.json.gz", {**meta, "languages": profiles})
    han = {lang: han_profile(dev, lang) for lang in HAN_LANGUAGES}
    write(out / "han.json.gz", {**meta, "languages": han})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
