"""UTF-8 mojibake repair through ftfy: per-span edits, ftfy's own test cases, the fast path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from normalize.edits import apply_edits, resolve_overlaps
from normalize.encoding import find_utf8_mojibake, needs_check

FTFY_CASES = Path(__file__).resolve().parent / "data" / "ftfy-test-cases"


def repair(text: str) -> str:
    return apply_edits(text, resolve_overlaps(find_utf8_mojibake(text)))


def _cases() -> list[object]:
    params = []
    for path in sorted(FTFY_CASES.glob("*.json")):
        for i, case in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            marks = [pytest.mark.xfail(strict=True, reason="ftfy known failure")] if case["expect"] == "fail" else []
            params.append(pytest.param(case, id=f"{path.stem}-{i}", marks=marks))
    return params


@pytest.mark.skipif(not FTFY_CASES.exists(), reason="shared ftfy test cases not available")
@pytest.mark.parametrize("case", _cases())
def test_ftfy_case(case: dict[str, str]) -> None:
    assert repair(case["original"]) == case.get("fixed-encoding", case["fixed"])


def test_each_damaged_word_is_its_own_edit() -> None:
    text = "He said he donâ€™t know the cafÃ© owner, Ð¡ÐµÑ€Ð³ÐµÐ¹."
    edits = find_utf8_mojibake(text)
    assert [(text[e.start : e.end], e.replacement) for e in edits] == [
        ("â€™", "’"),
        ("Ã©", "é"),
        ("Ð¡ÐµÑ€Ð³ÐµÐ¹", "Сергей"),
    ]
    assert {e.rule for e in edits} == {"encoding.mojibake"}
    assert {e.category for e in edits} == {"encoding"}
    assert edits[0].message == "UTF-8 read as windows-1252"


def test_damaged_words_of_one_phrase_are_one_edit() -> None:
    # words a space or ", " apart are one change; a sentence end, a word left as it was, or
    # Latin letters between them keep them apart
    text = "Ð¡ÐµÑ€Ð³ÐµÐ¹ Ð¨Ð¾Ð¹Ð³Ñƒ, Ð¼Ð¸Ð½Ð¸Ñ\x81Ñ‚Ñ€. Ð”Ð° Ð½ÐµÑ‚ and Ð´Ð°, Ãˆ Ð´Ð°"
    edits = find_utf8_mojibake(text)
    assert [(text[e.start : e.end], e.replacement) for e in edits] == [
        ("Ð¡ÐµÑ€Ð³ÐµÐ¹ Ð¨Ð¾Ð¹Ð³Ñƒ, Ð¼Ð¸Ð½Ð¸Ñ\x81Ñ‚Ñ€", "Сергей Шойгу, министр"),
        ("Ð”Ð° Ð½ÐµÑ‚", "Да нет"),
        ("Ð´Ð°, Ãˆ Ð´Ð°", "да, È да"),
    ]
    assert apply_edits(text, edits) == "Сергей Шойгу, министр. Да нет and да, È да"


def test_a_word_left_as_it_was_splits_the_phrase() -> None:
    from normalize.encoding.utf8 import _diff_edits

    before, after = "Ð´Ð° ÿ Ð½ÐµÑ‚ Ð´Ð°", "да ÿ нет да"
    edits = _diff_edits(before, after, 3, "m", 0)
    assert [(e.start, e.end, e.replacement) for e in edits] == [(3, 7, "да"), (10, 21, "нет да")]


def test_offsets_are_into_the_whole_text() -> None:
    text = "clean line\nsecond line with Ã©\n"
    (edit,) = find_utf8_mojibake(text)
    assert text[edit.start : edit.end] == "Ã©"
    assert repair(text) == "clean line\nsecond line with é\n"


def test_curly_quotes_and_other_style_are_kept() -> None:
    text = "“Quoted” text – with ﬁ ligature and ＦＵＬＬ width, café"
    assert find_utf8_mojibake(text) == []


def test_mixed_correct_and_broken_text() -> None:
    assert repair("Correct é and broken Ã© together") == "Correct é and broken é together"


def test_needs_check_fast_path() -> None:
    assert needs_check("pure ASCII text") is False
    assert needs_check("clean “curly” text — don’t worry, café") is False
    assert needs_check("donâ€™t") is True
    assert needs_check("control \x92 character") is True


def test_half_repaired_words_are_finished() -> None:
    text = "Çünkü onun onurlu duruÅŸu, eÄŸitime hizmet aÅŸkÄ±, ülke sevdasÄ±yla çarpan yüreÄŸi ile"
    assert repair(text) == "Çünkü onun onurlu duruşu, eğitime hizmet aşkı, ülke sevdasıyla çarpan yüreği ile"


def test_repair_that_would_leave_mojibake_is_not_applied() -> None:
    from normalize.encoding.utf8 import find_utf8_repairs

    text = "Ä°stanbul duruÅŸu gadĹźety\n"  # "gadĹźety": cp1250 "gadşety" or ISO-8859-2 "gadżety"
    edits, findings = find_utf8_repairs(text)
    assert edits == []
    (finding,) = findings
    assert (finding.rule, finding.severity, finding.start, finding.end) == ("encoding.mojibake", "warning", 0, len(text) - 1)
    assert "gadĹźety" in finding.message


def test_genuine_text_is_not_finished() -> None:
    # "Ві" is the cp1251 reading of the UTF-8 bytes of "³"; "ęś" the cp1250 reading of EA 9C
    assert repair("ÐŸÑ€Ð¸Ð²ÐµÑ‚, Відомо") == "Привет, Відомо"
    assert repair("cafÃ© in gęślą «café»") == "café in gęślą «café»"


def test_a_repaired_c1_byte_leaves_no_control_character_finding() -> None:
    # 0x81 (the second byte of "Ł") is undefined in cp1250: a sloppy reader keeps U+0081, which
    # the hygiene stage reports as a stray DOS/Mac letter in the same pass as the repair
    from normalize import Normalizer

    clean = "Łączy ich też chęć osłabienia rządu, powiedział Łukasz.\n"
    broken = "".join(bytes([b]).decode("cp1250", errors="ignore") or chr(b) for b in clean.encode("utf-8"))
    assert "\x81" in broken
    result = Normalizer().normalize_text(broken)
    assert result.text == clean and result.findings == []


def test_ftfy_shortcut_gives_ftfy_result() -> None:
    """utf8._fix_and_explain is ftfy.fix_and_explain (encoding steps only), line by line."""
    from ftfy import fix_and_explain

    from normalize.encoding.utf8 import _encoding_only, _fix_and_explain

    lines = [line for path in sorted(FTFY_CASES.glob("*.json"))
             for case in json.loads(path.read_text(encoding="utf-8"))
             for line in case["original"].splitlines(keepends=True)]
    lines += ["Ð¡ÐµÑ€Ð³ÐµÐ¹ Ð¨Ð¾Ð¹Ð³Ñƒ\n", "It donâ€™t matter", "voilÃ le travail", "plain", "cafÃ© â€œokâ€\x9d"]
    for line in lines:
        for text in (line, fix_and_explain(line, _encoding_only())[0]):  # the repaired line is remembered
            ours, theirs = _fix_and_explain(text), fix_and_explain(text, _encoding_only())
            assert (ours[0], list(ours[1] or [])) == (theirs[0], list(theirs[1] or [])), text


def test_paired_stretches_give_the_edits_of_the_general_walk():
    # _diff_edits' shortcut (same ASCII before and after: stretches paired in order) against
    # the walk between ASCII anchors it skips, on ftfy's cases and on whole repaired sentences
    import json
    from pathlib import Path

    from normalize.encoding.utf8 import NON_ASCII_RE, _diff_edits, _fix_and_explain, _span_edits

    data = Path(__file__).parent / "data"
    pairs = []
    for path in sorted((data / "ftfy-test-cases").glob("*.json")):
        pairs += [(c["original"], c.get("fixed-encoding", c["fixed"])) for c in json.loads(path.read_text("utf-8"))]
    for lang, page in (("fr", "cp1252"), ("pl", "cp1250"), ("ru", "cp1251"), ("el", "cp1253")):
        for line in (data / "langid-dev" / "sentences" / f"{lang}.txt").read_text("utf-8").splitlines()[:40]:
            broken = "".join(bytes([b]).decode(page, errors="ignore") or chr(b) for b in line.encode())
            pairs.append((broken, _fix_and_explain(broken)[0]))
    paired = 0
    for before, after in pairs:
        paired += NON_ASCII_RE.split(before) == NON_ASCII_RE.split(after)
        assert _diff_edits(before, after, 7, "m", 1) == _span_edits(before, after, 7, "m", 1), before
    assert paired > 150


def test_phrase_pairing_gives_the_edits_of_the_general_walk_on_random_phrases():
    import random

    from normalize.encoding.utf8 import _diff_edits, _span_edits

    words = [("Ð´Ð°", "да"), ("Ð½ÐµÑ‚", "нет"), ("ÿ", "ÿ"), ("Ã©Ã©", "éé"), ("é", "é"), ("ok", "ok")]
    gaps = [" ", ", ", ". ", " - ", ",", "  ", "\n"]
    rng = random.Random(11)
    for _ in range(3000):
        picked = [rng.choice(words) for _ in range(rng.randint(1, 7))]
        seps = [rng.choice(gaps) for _ in picked]
        before = "".join(w[0] + g for w, g in zip(picked, seps))
        after = "".join(w[1] + g for w, g in zip(picked, seps))
        assert _diff_edits(before, after, 5, "m", 0) == _span_edits(before, after, 5, "m", 0), before
        assert apply_edits(" " * 5 + before, _diff_edits(before, after, 5, "m", 0)) == " " * 5 + after


def test_first_hit_is_the_first_of_hits_from_every_offset():
    # _first_hit takes the scan's leftmost candidate when it is a real hit, else walks as _hits does
    import random

    from normalize.encoding.utf8 import _first_hit, _hits, _pairs

    _, pages = _pairs()
    chars = sorted({c for lead, cont in pages for c in lead | cont}) + list(" ?\ufffd\x85ab.\n")
    rng = random.Random(5)
    texts = ["donâ€™t", "Ð¡ÐµÑ€Ð³ÐµÐ¹ Ã  la", "é? ok", "Ø§Ù„", "plain", "Ã© x"]
    texts += ["".join(rng.choice(chars) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    walked = 0
    for text in texts:
        for pos in range(len(text) + 1):
            expected = next(_hits(text, pos), None)
            assert _first_hit(text, pos) == expected, (text, pos)
            walked += expected is not None
    assert walked > 1000


def test_settled_lines_passed_over_change_no_repair():
    # the re-check of repaired text skips the lines ftfy was found to leave alone: the same
    # edits and findings as a check that remembers nothing
    from pathlib import Path

    from normalize.edits import apply_edits, resolve_overlaps
    from normalize.encoding import utf8

    data = Path(__file__).parent / "data" / "langid-dev" / "sentences"
    docs = []
    for lang, page in (("fr", "cp1252"), ("tr", "cp1252"), ("pl", "cp1250"), ("uk", "cp1251"), ("el", "cp1253")):
        lines = (data / f"{lang}.txt").read_text("utf-8").splitlines()[:60]
        text = "\n".join(lines[:30]) + "\n" + " ".join(lines[30:]) + "\nâ€œ unrepaired â€\n"
        docs.append("".join(bytes([b]).decode(page, errors="ignore") or chr(b) for b in text.encode()))
    skipped = 0
    for doc in docs:
        utf8._settled.clear()
        repaired = apply_edits(doc, resolve_overlaps(utf8.find_utf8_repairs(doc)[0]))
        for text in (doc, repaired):
            remembered = utf8.find_utf8_repairs(text)
            full = utf8._suspect_lines(text)
            passed = set(full) - set(utf8._suspect_lines(text, utf8._settled))
            assert all(text[a:b] in utf8._settled for a, b in passed)
            skipped += len(passed)
            utf8._settled.clear()
            assert remembered == utf8.find_utf8_repairs(text)
    assert skipped > 30


def _bad_lines() -> list[str]:
    import json
    from pathlib import Path

    data = Path(__file__).parent / "data"
    lines = []
    for path in sorted((data / "ftfy-test-cases").glob("*.json")):
        lines += [case["original"] for case in json.loads(path.read_text("utf-8"))]
    pages = ("cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "latin_1", "iso8859_2", "mac_roman", "cp437")
    for i, lang in enumerate(("fr", "de", "tr", "pl", "ru", "uk", "el", "es", "pt", "it")):
        for j, line in enumerate((data / "langid-dev" / "sentences" / f"{lang}.txt").read_text("utf-8").splitlines()[:40]):
            raw = line.encode()
            page = pages[(i + j) % len(pages)]
            broken = "".join(bytes([b]).decode(page, errors="ignore") or chr(b) for b in raw)
            lines += [broken, broken.replace("\xa0", " "), raw.decode("cp1252", errors="replace"),
                      broken.replace("\x81", "?").replace("\x8d", "?")]  # lost bytes, as some readers show them
    return lines


def test_first_plan_gives_what_ftfys_step_gives():
    from ftfy.badness import is_bad

    from normalize.encoding.utf8 import _encoding_only, _first_plan, _one_step

    step = _one_step()
    assert step is not None  # the installed ftfy is a checked release
    planned = 0
    for line in _bad_lines():
        if not is_bad(line):
            continue
        first = _first_plan(line)
        planned += first is not None
        if first is not None:
            fixed, steps = step(line, _encoding_only())
            assert first == (fixed, list(steps or [])), line
    assert planned > 500


def test_every_lossy_match_holds_a_1a_or_a_question_mark_after_a_high_byte():
    # _first_plan skips ftfy's lossy substitution on bytes without either
    import random

    from ftfy.chardata import LOSSY_UTF8_RE

    from normalize.encoding.utf8 import LOSSY_HINT

    alphabet = bytes([0x1A, 0x3F, 0x20, 0x41, 0x80, 0x9F, 0xA0, 0xAF, 0xB0, 0xBF, 0xC2, 0xC3, 0xDF, 0xE0, 0xED, 0xEF,
                      0xF0, 0xF4, 0xF5])
    rng = random.Random(11)
    matched = 0
    for _ in range(60_000):
        raw = bytes(rng.choice(alphabet) for _ in range(rng.randint(1, 8)))
        if LOSSY_UTF8_RE.search(raw):
            matched += b"\x1a" not in raw  # the cases the hint must catch
            assert b"\x1a" in raw or LOSSY_HINT.search(raw), raw
    assert matched > 1_000


def test_altered_utf8_rewriting_matches_where_ftfys_pattern_matches():
    import random

    from ftfy.chardata import ALTERED_UTF8_RE

    from normalize.encoding.utf8 import _altered_utf8_re

    fast = _altered_utf8_re()
    assert fast is not ALTERED_UTF8_RE  # the installed ftfy has the pattern the rewriting was made from
    alphabet = bytes([0x20, 0x41, 0x80, 0x85, 0x9f, 0xa0, 0xa1, 0xbf, 0xc0, 0xc2, 0xc3, 0xc4, 0xc5, 0xce, 0xd0, 0xd9,
                      0xdf, 0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xef, 0xf0, 0xf1])
    rng = random.Random(6)
    samples = [bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 24))) for _ in range(30_000)]
    samples += [line.encode("utf-8") for line in _bad_lines()] + [line.encode("utf-8").replace(b"\xa0", b" ")
                                                                  for line in _bad_lines()]
    found = 0
    for raw in samples:
        theirs = ALTERED_UTF8_RE.search(raw)
        ours = fast.search(raw)
        assert (ours and ours.span()) == (theirs and theirs.span()), raw
        found += theirs is not None
    assert found > 3_000
