"""Homoglyph repair: mixed Latin/Cyrillic/Greek words become single-script, nothing else moves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from normalize.edits import apply_edits, resolve_overlaps
from normalize.homoglyphs import DATA_FILE, find_homoglyphs

SOURCE = Path(__file__).resolve().parent / "data" / "unicode-confusables" / "confusables.txt"
SENTENCES = Path(__file__).resolve().parent / "data" / "langid-dev" / "sentences"

# (input, rule, expected output, safe)
FIXES = [
    ("War in Ukr\u0430ine.", "homoglyph.latin", "War in Ukraine.", True),
    ("Strikes on Ky\u0456v continued.", "homoglyph.latin", "Strikes on Kyiv continued.", True),
    ("\u0420utin met Kim.", "homoglyph.latin", "Putin met Kim.", True),
    ("Greek \u03a4he Shine", "homoglyph.latin", "Greek The Shine", True),
    ("\u041coc\u043a\u0432\u0430", "homoglyph.cyrillic", "Москва", True),
    ("Mo\u0441\u043a\u0432\u0430", "homoglyph.cyrillic", "Москва", True),
    ("\u0422\u0430\u043a\u0438\u043c \u043e\u0431p\u0430\u0437\u043e\u043c", "homoglyph.cyrillic",
     "\u0422\u0430\u043a\u0438\u043c \u043e\u0431\u0440\u0430\u0437\u043e\u043c", True),
    ("A\u03b8\u03ae\u03bd\u03b1", "homoglyph.greek", "\u0391\u03b8\u03ae\u03bd\u03b1", True),
    ("\u03ba\u03b1\u03bbo\u03c2", "homoglyph.greek", "\u03ba\u03b1\u03bb\u03bf\u03c2", True),
    # precomposed look-alike: the base letter is mapped, the accent kept
    ("Ky\u0457v", "homoglyph.latin", "Ky\u00efv", True),
    # every letter has a twin: the surrounding script decides ...
    ("\u0412 \u0434\u043e\u043c\u0435 \u0441o\u0440 \u0438 \u043f\u044b\u043b\u044c",
     "homoglyph.cyrillic",
     "\u0412 \u0434\u043e\u043c\u0435 \u0441\u043e\u0440 \u0438 \u043f\u044b\u043b\u044c", True),
    # ... and is only proposed when the word's own majority disagrees
    ("the \u0441\u043ep said in English", "homoglyph.latin", "the cop said in English", False),
    # a capital glued to a word is more likely a missing space
    ("\u043a\u043e\u043c\u043f\u0430\u043d\u0438\u0435\u0439T.", "homoglyph.cyrillic",
     "\u043a\u043e\u043c\u043f\u0430\u043d\u0438\u0435\u0439\u0422.", False),
]

LEFT_ALONE = [
    "\u041f\u0443\u0442\u0438\u043d \u0438 \u041a\u0438\u043c",  # a whole Russian phrase
    "\u0412 \u0434\u043e\u043c\u0435 \u0441\u043e\u0440.",  # all-confusable, but single-script
    "a 5 \u03bcm filter, \u0394x and 10 k\u03a9, \u03bcmol, \u00b5s",  # units and notation
    "Wi\u2011Fi, iPhone, COVID-19, \u03b2-blocker, \u03bb-calculus",
    "\u041f\u0443tin",  # mixed, but Cyrillic \u041f and Latin t have no twin: not a homoglyph case
    "Kim Jong\u0418n",  # Cyrillic \u0418 looks like a mirrored N, not a confusable
    "\u6771\u4eacX\u0430",  # a word holding another script is not ours
]

CLEAN = [
    "He and Lucy both sing in the Kerrisdale Keynotes and they play bridge as a team.",
    "Все это довольно срочно, сказал ТАСС.",
    "Ορισμός Επιτροπής παραλαβής του έργου.",
    "Elle ne peut donc, à elle seule, nourrir le débat.",
    "می\u200cخواهم به خانه بروم.",
    "नमस्ते दुनिया",
    "Family: \U0001F468\u200d\U0001F469\u200d\U0001F467",
    "The Kremlin (Кремль) and Athens (Αθήνα).",
]


@pytest.mark.parametrize(("text", "rule", "expected", "safe"), FIXES)
def test_repairs(text: str, rule: str, expected: str, safe: bool) -> None:
    edits = find_homoglyphs(text)
    assert {e.rule for e in edits} == {rule}
    assert {e.safe for e in edits} == {safe}
    assert all(e.category == "homoglyph" and e.end - e.start == 1 for e in edits)
    assert apply_edits(text, resolve_overlaps(edits)) == expected


@pytest.mark.parametrize(("text", "rule", "expected", "safe"), FIXES)
def test_repair_is_a_fixed_point(text: str, rule: str, expected: str, safe: bool) -> None:
    assert find_homoglyphs(expected) == []


def test_message_names_the_code_points() -> None:
    (edit,) = find_homoglyphs("Ukr\u0430ine")
    assert "U+0430" in edit.message and "U+0061" in edit.message
    assert (edit.start, edit.end, edit.replacement) == (3, 4, "a")


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_left_alone(text: str) -> None:
    assert find_homoglyphs(text) == []


@pytest.mark.parametrize("text", CLEAN)
def test_clean_text(text: str) -> None:
    assert find_homoglyphs(text) == []


def test_ambiguous_word_without_context_is_only_proposed() -> None:
    edits = find_homoglyphs("\u0441\u043ep")
    assert edits and not any(e.safe for e in edits)


def test_greek_and_cyrillic_mixed() -> None:
    text = "\u039c\u03bf\u03c3\u03c7\u03b1 \u03ba\u03b1\u03b9 \u03c4\u03bf \u03ba\u0430\u03bb\u03bf"
    edits = find_homoglyphs(text)
    assert [(e.rule, e.replacement) for e in edits] == [("homoglyph.greek", "\u03b1")]


def test_data_table_is_small_and_sane() -> None:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    to = data["to"]
    assert to["latin"]["\u0430"] == "a" and to["latin"]["\u0406"] == "I"
    assert to["cyrillic"]["o"] == "\u043e" and to["greek"]["o"] == "\u03bf"
    assert "\u0475" not in to["cyrillic"].values()  # no archaic targets
    assert DATA_FILE.stat().st_size < 20_000


@pytest.mark.skipif(not SOURCE.exists(), reason="confusables.txt not present")
def test_data_table_matches_its_builder() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_confusables", Path(__file__).parent.parent / "tools" / "build_confusables.py")
    assert spec and spec.loader
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    assert builder.build(builder.parse(SOURCE)) == data["to"]


@pytest.mark.skipif(not SENTENCES.exists(), reason="shared dev data not present")
@pytest.mark.parametrize("language", ["en", "fr", "de", "bg", "zh", "ja", "ar"])
def test_dev_sentences_without_homoglyphs(language: str) -> None:
    text = (SENTENCES / f"{language}.txt").read_text(encoding="utf-8")
    assert find_homoglyphs(text) == []


@pytest.mark.skipif(not SENTENCES.exists(), reason="shared dev data not present")
@pytest.mark.parametrize("language", ["ru", "uk", "el", "sr"])
def test_dev_sentences_fix_to_a_fixed_point(language: str) -> None:
    text = (SENTENCES / f"{language}.txt").read_text(encoding="utf-8")
    fixed = apply_edits(text, resolve_overlaps(find_homoglyphs(text)))
    assert find_homoglyphs(fixed) == []


def test_random_mixed_words_fix_to_a_fixed_point() -> None:
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies
    alphabets = ["aceopxyiTHKMBPCOEbdfgklmnrstuvz",  # look-alikes first, then distinctive
                 "асеорхуіТНКМВРСОЕбджил",
                 "αορνιυΤΗΚΜΒΡΟβδζθλή"]
    letters = st.sampled_from("".join(alphabets))
    words = st.lists(letters, min_size=1, max_size=7).map("".join)

    @hypothesis.settings(max_examples=400, deadline=None)
    @hypothesis.given(st.lists(words, min_size=1, max_size=20).map(" ".join))
    def check(text: str) -> None:
        edits = find_homoglyphs(text)
        kept = resolve_overlaps(edits)
        assert len(kept) == len(edits)
        assert find_homoglyphs(apply_edits(text, kept)) == []

    check()


def test_at_least_counts_as_far_as_findall():
    # _seams compares the two families' counts by stopping once the rarer one is reached
    import random

    from normalize.homoglyphs import _ANY_NON_LATIN, _FAMILIES, _at_least

    rng = random.Random(2)
    for _ in range(3000):
        text = "".join(rng.choice("aé Жλ.") for _ in range(rng.randint(0, 30)))
        latin = len(_FAMILIES["latin"].findall(text))
        assert _at_least(_ANY_NON_LATIN, text, latin) == (latin <= len(_ANY_NON_LATIN.findall(text))), text


def test_the_character_gate_answers_as_the_scan_of_the_text():
    # HomoglyphStage asks may_hold_homoglyphs of a document's characters beyond ASCII before it
    # scans the text: the answer must be the fast path's own (a Cyrillic or Greek letter anywhere)
    import random

    from normalize.document import Document
    from normalize.homoglyphs import _ANY_NON_LATIN, may_hold_homoglyphs

    pools = ["Nguyễn Tấn Dũng", "Café Łódź", "Мо\u0441ква", "Ἀθῆναι", "日本", "\u00a0\u2009’“", "abc "]
    rng = random.Random(5)
    for _ in range(1000):
        picked = rng.sample(pools, rng.randint(1, 3))
        text = "".join(rng.choice(rng.choice(picked)) for _ in range(rng.choice((2, 30, 400))))
        assert may_hold_homoglyphs(Document(text).unusual_chars) == bool(_ANY_NON_LATIN.search(text)), text[:60]
