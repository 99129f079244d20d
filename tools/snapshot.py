"""A byte-for-byte snapshot of the library's output, to prove a speed change changes nothing.

    python tools/snapshot.py OUT.jsonl            # write the snapshot of this checkout
    python tools/snapshot.py OUT.jsonl --against BASE.jsonl   # and compare with an earlier one

One JSON line per (input, engine setting): the output text, every change and finding (as the JSON
report gives them), the encoding and the language. Inputs: the Reuters sample (read from
../shared beside the checkout when present; development data, not shipped), news-modern and the
other bench corpora, ftfy's test cases, the fixtures, the encoding bytes set (as bytes) and the
langid-dev sentences. Engine settings: the default, `--unsafe-fixes` with style en-US, and
language "en" configured. Not a test: the point is comparing two checkouts' output on the same
~5,000 inputs, which a speed change must leave identical.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from throughput import REUTERS, folder_texts, jsonl_texts  # noqa: E402

from normalize import Normalizer  # noqa: E402


def inputs() -> Iterator[tuple[str, str | bytes]]:
    if REUTERS.exists():
        for i, text in enumerate(jsonl_texts(REUTERS)):
            yield f"reuters/{i}", text
    for i, text in enumerate(folder_texts(ROOT / "bench" / "corpora" / "news-modern")):
        yield f"news-modern/{i}", text
    for path in sorted((ROOT / "bench" / "corpora").glob("*.txt")):
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                yield f"{path.name}/{i}", line
    for path in sorted((ROOT / "bench" / "corpora" / "short-foreign").glob("*")):
        if path.is_file():
            yield f"short-foreign/{path.name}", path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "tests" / "data" / "ftfy-test-cases").glob("*.json")):
        for i, case in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            if isinstance(case, dict) and isinstance(case.get("original"), str):
                yield f"ftfy/{path.stem}/{i}", case["original"]
    for path in sorted((ROOT / "fixtures").glob("*")):
        if path.suffix in (".txt", ".md") and ".expected" not in path.name:
            yield f"fixtures/{path.name}", path.read_text(encoding="utf-8")
            if path.suffix == ".md":  # as `normalize` reads it: code spans and URLs protected
                yield f"fixtures/{path.name}#markdown", path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "tests" / "data" / "encoding-bytes").glob("*.txt")):
        yield f"bytes/{path.name}", path.read_bytes()
    for path in sorted((ROOT / "tests" / "data" / "langid-dev" / "sentences").glob("*.txt")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for i, line in enumerate(lines[:40]):
            yield f"langid/{path.stem}/{i}", line


ENGINES = {
    "default": lambda: Normalizer(),
    "unsafe-us": lambda: Normalizer(style="en-US", unsafe_fixes=True),
    "lang-en": lambda: Normalizer(language="en"),
}


def records() -> Iterator[dict]:
    engines = {name: make() for name, make in ENGINES.items()}
    for key, item in inputs():
        for name, engine in engines.items():
            try:
                markup = "markdown" if key.endswith("#markdown") else "text"
                result = (engine.normalize_bytes(item, markup=markup) if isinstance(item, bytes)
                          else engine.normalize_text(item, markup=markup))
                body = {"text": result.text, **result.to_dict()}
            except Exception as error:  # noqa: BLE001 - an error is output too
                body = {"error": f"{type(error).__name__}: {error}"}
            yield {"input": key, "engine": name, **body}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--against", type=Path, help="an earlier snapshot to compare with")
    args = parser.parse_args()
    digest = hashlib.blake2b()
    count = 0
    with args.out.open("w", encoding="utf-8") as handle:
        for record in records():
            line = json.dumps(record, ensure_ascii=False, sort_keys=True)
            handle.write(line + "\n")
            digest.update(line.encode())
            count += 1
    print(f"{count} records, digest {digest.hexdigest()[:16]}")
    if args.against:
        old = args.against.read_text(encoding="utf-8").splitlines()
        new = args.out.read_text(encoding="utf-8").splitlines()
        differing = [json.loads(b)["input"] + " " + json.loads(b)["engine"] for a, b in zip(old, new) if a != b]
        if len(old) != len(new):
            print(f"record counts differ: {len(old)} vs {len(new)}")
        print(f"{len(differing)} records differ" + ("".join(f"\n  {d}" for d in differing[:20])))
        return 1 if differing or len(old) != len(new) else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
