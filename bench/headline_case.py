"""Reuters-21578 titles (ALL CAPS) in sentence case, as a news site would print them.

Each title word takes the case its own article's body gives it inside sentences ("Hong Kong",
"GM", "<GEL>"), the first word is capitalised, every other word is lower case. Shared by
bench/doclang_accuracy.py and tests/test_doclang.py.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

REUTERS = Path("/work/shared/data/reuters-21578/articles.jsonl")
TOKEN = re.compile(r"[A-Za-z][A-Za-z'.&-]*")


def body_cases(body: str) -> dict[str, str]:
    """lower-case word -> its commonest spelling in the body, sentence starts left out."""
    seen: dict[str, Counter[str]] = {}
    for match in re.finditer(r"(?<![.!?\n]\s)(?<![.!?]\s\s)(?<!^)\b([A-Za-z][A-Za-z'&-]*(?:\.[A-Za-z]+)*\.?)", body):
        word = match.group(1).rstrip(".") if not re.fullmatch(r"(?:[A-Za-z]\.)+", match.group(1)) else match.group(1)
        seen.setdefault(word.lower(), Counter())[word] += 1
    return {key: counts.most_common(1)[0][0] for key, counts in seen.items()}


def sentence_case(title: str, body: str) -> str:
    cases = body_cases(body)
    title = html.unescape(title)

    def fix(match: re.Match[str]) -> str:
        word = match.group()
        key = word.lower()
        if re.fullmatch(r"(?:[a-z]\.){2,}", key):  # u.s. -> U.S.
            return key.upper()
        return cases.get(key, cases.get(key.rstrip("."), key) if key.endswith(".") else key)

    out = TOKEN.sub(fix, title)
    out = re.sub(r"<([^>]*)>", lambda m: "<" + m.group(1).upper() + ">", out)  # ticker symbols
    return out[:1].upper() + out[1:]


def headlines(parity: int | None = None) -> list[tuple[int, str]]:
    """(id, sentence-case title); parity 0/1 keeps even/odd ids only."""
    out = []
    with REUTERS.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row.get("title") and (parity is None or row["id"] % 2 == parity):
                out.append((row["id"], sentence_case(row["title"], row.get("text", ""))))
    return out


if __name__ == "__main__":
    for _, title in headlines()[:40]:
        print(title)
