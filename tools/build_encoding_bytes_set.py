"""Build the legacy-bytes test set: news text saved in single-byte code pages.

Every case is (name, bytes, expected text, code pages used). Sources:

- langid-dev sentences (tests/data/langid-dev, CC BY; committed as tests/data/encoding-bytes/);
- the Reuters-21578 sample (/work/shared/data/reuters-21578, research-only): generated at
  test time when present, never written to the repository.

Each text carries what breaks naive detection: "£ € é ü ñ ç", curly quotes, accented names.
Characters a page cannot hold are swapped for its nearest spelling before encoding ("€" -> "EUR"
in Latin-1), so the expected text is always exactly what the bytes say.

Usage: python tools/build_encoding_bytes_set.py [--out tests/data/encoding-bytes]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
LANGID = ROOT / "tests" / "data" / "langid-dev" / "sentences"
REUTERS = Path("/work/shared/data/reuters-21578/articles.jsonl")

# page -> languages of the sentences saved in it
PAGES = {
    "latin_1": ("en", "fr", "de", "es"),
    "cp1252": ("en", "fr", "de", "es", "pt", "it"),
    "cp1250": ("pl",),
    "iso8859_2": ("pl",),
    "cp1251": ("ru", "uk", "bg", "sr"),
    "koi8_r": ("ru",),
    "koi8_u": ("uk",),
    "cp1253": ("el",),
    "iso8859_7": ("el",),
    "mac_roman": ("en", "fr", "de", "es"),
}
# the foreign passage of a mixed file: English in cp1252 plus lines in this page
MIXED = {"cp1251": "ru", "koi8_r": "ru", "koi8_u": "uk", "iso8859_7": "el", "cp1253": "el"}
EXTRAS = (  # English news phrases with the characters that trip detectors
    "The £15.8m signing was confirmed on Monday.",
    "Shares rose 3% to €12.40 in Frankfurt.",
    "“We are not worried,” said José Müller, the club’s chairman.",
    "The café in Curaçao raised prices by £2.",
    "Señor Ibáñez told reporters the deal was “done”.",
)
FALLBACK = {"€": "EUR", "£": "GBP", "“": '"', "”": '"', "‘": "'", "’": "'", "ñ": "n", "Ñ": "N", "ç": "c"}


def _lines(lang: str) -> list[str]:
    """The language's sentences, without the few that hold control characters (scraping damage)."""
    lines = (LANGID / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if not any(ch < " " or "\x7f" <= ch <= "\x9f" for ch in line)]


def fit(text: str, page: str) -> str | None:
    """`text` with characters `page` lacks replaced by fallbacks; None if letters would be lost."""
    out = []
    for ch in text:
        try:
            ch.encode(page)
        except UnicodeEncodeError:
            ch = FALLBACK.get(ch)
            if ch is None:
                return None
        out.append(ch)
    return "".join(out)


def _article(rng: random.Random, body: list[str], page: str) -> str | None:
    lines = [fit(line, page) for line in body]
    if any(line is None for line in lines):
        return None
    return "\n".join(lines) + "\n"  # type: ignore[arg-type]


def langid_cases(per_page: int = 12, seed: int = 12) -> Iterator[tuple[str, bytes, str, tuple[str, ...]]]:
    rng = random.Random(seed)
    english = _lines("en")
    for page, langs in PAGES.items():
        made = 0
        for attempt in range(per_page * 5):
            if made >= per_page:
                break
            lang = langs[attempt % len(langs)]
            sentences = rng.sample(_lines(lang), 3)
            body = [rng.choice(english), *sentences] if lang != "en" else sentences
            if page in ("latin_1", "cp1252", "mac_roman", "cp1250", "iso8859_2", "cp1253", "iso8859_7", "cp1251"):
                body.append(rng.choice(EXTRAS))
            text = _article(rng, body, page)
            if text is None:
                continue
            made += 1
            yield f"{page}-{lang}-{made:02d}", text.encode(page), text, (page,)
    for page, lang in MIXED.items():
        for n in range(1, 5):
            english = [fit(rng.choice(EXTRAS), "cp1252"), *rng.sample(_lines("en"), 2)]
            passage = [fit(s, page) for s in rng.sample(_lines(lang), 2)]
            if any(s is None for s in passage):
                continue
            cut = rng.randint(1, len(english))
            head, tail = english[:cut], english[cut:] + [fit(rng.choice(EXTRAS), "cp1252")]
            parts = [("\n".join(head) + "\n", "cp1252"), ("\n".join(passage) + "\n", page),  # type: ignore[arg-type]
                     ("\n".join(tail) + "\n", "cp1252")]  # type: ignore[arg-type]
            data = b"".join(t.encode(p) for t, p in parts)
            yield f"mixed-cp1252-{page}-{n:02d}", data, "".join(t for t, _ in parts), ("cp1252", page)


def reuters_cases(limit: int = 40, seed: int = 21) -> Iterator[tuple[str, bytes, str, tuple[str, ...]]]:
    """Reuters stories with curly quotes and the extra phrases, in Western pages and mixed files."""
    if not REUTERS.exists():
        return
    rng = random.Random(seed)
    with REUTERS.open(encoding="utf-8") as handle:
        articles = [json.loads(line)["text"] for line, _ in zip(handle, range(400))]
    western = ("latin_1", "cp1252", "mac_roman", "cp1250")
    for i, story in enumerate(rng.sample(articles, limit)):
        story = _curl(story.strip()[:1500])
        lines = story.splitlines()
        lines.insert(rng.randint(0, len(lines)), rng.choice(EXTRAS))
        page = western[i % len(western)]
        text = fit("\n".join(lines) + "\n", page)
        if text is not None and page == "cp1250" and "£" in "\n".join(lines):
            text = None  # cp1250 has no pound sign: that file would be Latin-1
        if text is not None:
            yield f"reuters-{page}-{i:02d}", text.encode(page), text, (page,)
        mixed_page, lang = list(MIXED.items())[i % len(MIXED)]
        passage = [fit(s, mixed_page) for s in rng.sample(_lines(lang), 2)]
        english = fit("\n".join(lines) + "\n", "cp1252")
        if english is None or any(s is None for s in passage):
            continue
        cut = english.index("\n") + 1
        parts = [(english[:cut], "cp1252"), ("\n".join(passage) + "\n", mixed_page), (english[cut:], "cp1252")]  # type: ignore[arg-type]
        yield (f"reuters-mixed-{mixed_page}-{i:02d}", b"".join(t.encode(p) for t, p in parts),
               "".join(t for t, _ in parts), ("cp1252", mixed_page))


def _curl(text: str) -> str:
    """Straight quotes to curly ones, as a word processor would."""
    out, opened = [], False
    for i, ch in enumerate(text):
        if ch == '"':
            out.append("”" if opened else "“")
            opened = not opened
        elif ch == "'":
            out.append("’" if i and text[i - 1].isalnum() else "‘")
        else:
            out.append(ch)
    return "".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "data" / "encoding-bytes")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    manifest = []
    for name, data, text, pages in langid_cases():
        (args.out / f"{name}.txt").write_bytes(data)
        manifest.append({"file": f"{name}.txt", "expected_utf8": text, "pages": list(pages)})
    (args.out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(manifest)} files in {args.out}")


if __name__ == "__main__":
    main()
