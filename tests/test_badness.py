"""normalize.encoding.badness.is_bad gives ftfy.badness.is_bad's answer on every text."""

from __future__ import annotations

import json
import random
from pathlib import Path

from ftfy.badness import BADNESS_RE
from ftfy.badness import is_bad as ftfy_is_bad

from normalize.encoding.badness import _plan, is_bad

DATA = Path(__file__).parent / "data"


def _mojibake(text: str, page: str) -> str:
    return "".join(bytes([b]).decode(page, errors="ignore") or chr(b) for b in text.encode("utf-8"))


def _corpus() -> list[str]:
    texts = []
    for path in sorted((DATA / "ftfy-test-cases").glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            texts += [case[k] for k in ("original", "fixed", "fixed-encoding") if isinstance(case.get(k), str)]
    for path in sorted((DATA / "langid-dev" / "sentences").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()[:60]
        texts += lines + [" ".join(lines)]  # short lines, and one long one as feeds deliver them
        for page in ("cp1252", "cp1250", "cp1251", "cp1253"):
            texts += [_mojibake(line, page) for line in lines[:15]]
    return texts


def test_the_fast_path_is_taken_under_the_installed_ftfy():
    assert _plan() is not None


def test_same_answer_as_ftfy_on_clean_text_and_mojibake():
    texts = _corpus()
    assert sum(map(ftfy_is_bad, texts)) > 200 and sum(not ftfy_is_bad(t) for t in texts) > 500
    for text in texts:
        assert is_bad(text) == ftfy_is_bad(text), text


def test_same_answer_on_random_strings_of_the_regex_characters():
    # characters the regex names, ASCII that its branches use, at random: matches at every
    # offset, at the start ("^"), near window edges, in clusters of key characters
    named = sorted({c for c in BADNESS_RE.pattern if c >= "\x80"}) + list("aZ .,?!\n\t") + ["\xa0", "\x85"]
    rng = random.Random(12)
    bad = 0
    for _ in range(20_000):
        length = rng.choice((rng.randint(0, 40), rng.randint(60, 300)))  # short, and past one window
        text = "".join(rng.choice(named) if rng.random() < 0.4 else rng.choice("ab cd") for _ in range(length))
        expected = ftfy_is_bad(text)
        bad += expected
        assert is_bad(text) == expected, text
    assert 2_000 < bad < 18_000


def test_a_match_far_from_the_first_key_character_is_found():
    # the key of one branch early on, the only match at the very end of a long line
    text = "» " + "слово " * 2000 + "вЂ"
    assert ftfy_is_bad(text) and is_bad(text)
    assert not is_bad("» " + "слово " * 2000) and not ftfy_is_bad("» " + "слово " * 2000)
    assert is_bad("Ã ") == ftfy_is_bad("Ã ") and is_bad("xÃ ") == ftfy_is_bad("xÃ ")
