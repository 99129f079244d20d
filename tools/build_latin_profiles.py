"""Build `normalize/data/langid/latin.json.gz`: letter n-gram profiles of Latin-script languages
for the document-language guess on short texts (normalize/doclang.py).

Same sources and recipe as tools/build_langid_profiles.py (langdetect's Wikipedia 1-3-grams mixed
50/50 with the *training half* of langid-dev, 4-grams from that half), with two differences:
languages that langid-dev lacks (nl, sv, ...) get langdetect's n-grams alone, and no word
frequencies are stored. Word evidence comes from doclang's function-word lists instead, which
every candidate has, so a language with dev data does not win short texts merely by having a
vocabulary. The held-out half (lines after the first min(250, n // 2)) is never read here.

Usage: python tools/build_latin_profiles.py [DEV_DIR] [OUTPUT_DIR] [--langdetect-only]
(deterministic output; --langdetect-only leaves the dev data out, for comparison: it was worse)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_langid_profiles import DEFAULT_DEV, DEFAULT_OUTPUT, SCALE, TRAIN_LINES, language_profile, write  # noqa: E402

# language -> langdetect profile; the first eight also have langid-dev data
WITH_DEV = "--langdetect-only" not in sys.argv  # the shipped file is built with the dev data
LATIN: dict[str, str] = {
    "en": "en", "fr": "fr", "de": "de", "es": "es", "it": "it", "pt": "pt", "pl": "pl", "tr": "tr",
    "nl": "nl", "sv": "sv", "da": "da", "no": "no", "ro": "ro", "ca": "ca", "cs": "cs", "hu": "hu",
    "fi": "fi", "id": "id", "hr": "hr",
}


def main(argv: list[str]) -> int:
    argv = [a for a in argv if not a.startswith("--")]
    dev = Path(argv[0]) if argv else DEFAULT_DEV
    out = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUTPUT
    profiles = {}
    for lang, name in LATIN.items():
        profile = language_profile(dev if WITH_DEV else Path("/nonexistent"), lang, name)
        profile["words"] = {}
        profiles[lang] = profile
    write(out / "latin.json.gz", {"format": 1, "scale": SCALE, "train_lines": TRAIN_LINES, "languages": profiles})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
