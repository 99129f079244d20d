"""Unicode hygiene rules: each fires where it should and nowhere else; a fix is a fixed point."""

from __future__ import annotations

from pathlib import Path

import pytest

import normalize

from normalize.edits import Edit, apply_edits, resolve_overlaps
from normalize.hygiene import find_hygiene_issues

SENTENCES = Path(__file__).resolve().parent / "data" / "langid-dev" / "sentences"

# (input, language, rule expected, output after applying all edits)
FIXES = [
    ("cafe\u0301 au lait", None, "unicode.nfc", "caf\u00e9 au lait"),
    ("\u212b ngstr\u00f6m", None, "unicode.nfc", "\u00c5 ngstr\u00f6m"),
    ("Ukr\u200baine", None, "unicode.zero-width-space", "Ukraine"),
    ("for\u2060ward", None, "unicode.word-joiner", "forward"),
    ("\ufeffstart and\ufeff middle", None, "unicode.stray-bom", "\ufeffstart and middle"),
    ("infor\u00admation", None, "unicode.soft-hyphen", "information"),
    ("Kre\u200dmlin", None, "unicode.zero-width-joiner", "Kremlin"),
    ("Auf\u200clage", None, "unicode.zero-width-joiner", "Auflage"),
    ("bell\x07 and\x1b[0m and NEL\x85", None, "unicode.control", "bell and[0m and NEL"),
    ("l\x92Ecole", "fr", "unicode.control", "lEcole"),
    ("admin\u202e txt.exe\u202c", None, "unicode.bidi", "admin txt.exe"),
    ("left\u200emark", None, "unicode.bidi", "leftmark"),
    ("the\u00a0house", None, "whitespace.unusual-space", "the house"),
    ("em\u2003space and\u200ahair", None, "whitespace.unusual-space", "em space and hair"),
    ("Bonjour\u00a0! \u00ab\u00a0oui\u00a0\u00bb", "en", "whitespace.unusual-space",
     "Bonjour ! \u00ab oui \u00bb"),
    ("ideographic\u3000space", None, "whitespace.unusual-space", "ideographic space"),
    ("\uff26\uff22\uff29 agents\uff0c she said\uff01", None, "unicode.fullwidth",
     "FBI agents, she said!"),
    ("\ufb01nancial \ufb02ow, o\ufb00er, su\ufb03x, \ufb06ar", None, "unicode.ligature",
     "financial flow, offer, suffix, star"),
    ("e\u00ad\u0301 cafe\u200b\u0301", None, "unicode.nfc", "\u00e9 caf\u00e9"),
]

# Text that must produce no edit (language, text).
CLEAN = [
    ("en", "He and Lucy both sing in the Kerrisdale Keynotes and they play bridge as a team."),
    ("ru", "Все это довольно срочно, — сказал он."),
    ("el", "Ορισμός Επιτροπής παραλαβής του έργου."),
    ("fr", "Il a dit\u00a0: «\u202fNon\u202f»\u00a0! Vraiment\u00a0?"),
    ("fa", "می\u200cخواهم به خانه\u200cام بروم."),  # ZWNJ is Persian spelling
    ("hi", "क्\u200dष और र्\u200cय नमस्ते दुनिया"),  # ZWJ / ZWNJ select conjunct forms
    (None, "Family: \U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466 and "
           "\U0001F469\U0001F3FD\u200d\U0001F4BB and \U0001F3F3\ufe0f\u200d\U0001F308"),
    ("ja", "東京（Ｔｏｋｙｏ）\u3000ＮＨＫによると！"),
    ("th", "สวัส\u200bดี"),  # ZWSP marks a word boundary in Thai
    ("he", "שלום\u200f (עולם)"),
    (None, "\ufeffA file that starts with a byte-order mark.\r\n\tTabbed line.\n"),
    # No-break spaces that mean something, in any language.
    (None, "5\u00a0km, 1\u202f000\u202f000 people, €\u00a05, p.\u00a012, Mr\u00a0Smith, "
           "Dr.\u00a0Who, J.\u00a0K.\u00a0Rowling, Martin Luther King\u00a0Jr., v\u00a0Praze, "
           "в\u00a0доме, word\u00a0— dash, 20\u2009°C"),
]


def _fixed(text: str, language: str | None = None) -> tuple[str, list[Edit]]:
    edits, _ = find_hygiene_issues(text, language)
    return apply_edits(text, resolve_overlaps(edits)), edits


@pytest.mark.parametrize(("text", "language", "rule", "expected"), FIXES)
def test_rule_fixes(text: str, language: str | None, rule: str, expected: str) -> None:
    fixed, edits = _fixed(text, language)
    assert rule in {e.rule for e in edits}
    assert fixed == expected


@pytest.mark.parametrize(("text", "language", "rule", "expected"), FIXES)
def test_fix_is_a_fixed_point(text: str, language: str | None, rule: str, expected: str) -> None:
    fixed, _ = _fixed(text, language)
    assert find_hygiene_issues(fixed, language)[0] == []


@pytest.mark.parametrize(("text", "language", "rule", "expected"), FIXES)
def test_edits_are_minimal_and_disjoint(text: str, language: str | None, rule: str,
                                        expected: str) -> None:
    edits, _ = find_hygiene_issues(text, language)
    assert resolve_overlaps(edits) == sorted(edits, key=lambda e: (e.start, e.end))
    for edit in edits:
        assert text[edit.start : edit.end] != edit.replacement
        if edit.rule != "unicode.nfc":
            assert edit.end - edit.start == 1


@pytest.mark.parametrize(("language", "text"), CLEAN)
def test_clean_text_has_no_edits(language: str | None, text: str) -> None:
    assert find_hygiene_issues(text, language)[0] == []


def test_every_rule_is_covered() -> None:
    rules = {rule for _, _, rule, _ in FIXES}
    assert rules == {
        "unicode.nfc", "unicode.zero-width-space", "unicode.word-joiner", "unicode.stray-bom",
        "unicode.soft-hyphen", "unicode.zero-width-joiner", "unicode.control", "unicode.bidi",
        "whitespace.unusual-space", "unicode.fullwidth", "unicode.ligature",
    }


def test_categories_and_offsets() -> None:
    text = "ab\u200bcd\u00a0ef"
    edits, _ = find_hygiene_issues(text)
    assert [(e.start, e.end, e.replacement, e.category) for e in edits] == [
        (2, 3, "", "unicode"), (5, 6, " ", "whitespace")]


def test_french_no_break_spaces_depend_on_language() -> None:
    text = "Quoi\u202f? \u00ab\u00a0Oui\u00a0\u00bb\u00a0; non\u00a0!"
    assert find_hygiene_issues(text, "fr")[0] == []
    assert find_hygiene_issues(text, "fr-CA")[0] == []
    assert len(find_hygiene_issues(text, "en")[0]) == 5


def test_nbsp_between_ordinary_words_is_replaced_also_in_french() -> None:
    edits, _ = find_hygiene_issues("la\u00a0maison", "fr")
    assert [e.rule for e in edits] == ["whitespace.unusual-space"]


def test_bidi_is_always_reported() -> None:
    stray = "admin\u202etxt.exe"
    edits, findings = find_hygiene_issues(stray)
    assert [(f.rule, f.severity, f.start) for f in findings] == [("unicode.bidi", "warning", 5)]
    assert "Trojan Source" in findings[0].message
    assert [e.rule for e in edits] == ["unicode.bidi"]


def test_bidi_controls_are_kept_in_right_to_left_text() -> None:
    text = "\u05e9\u05dc\u05d5\u05dd \u202bEnglish\u202c \u05e2\u05d5\u05dc\u05dd\nplain\u202e line"
    edits, findings = find_hygiene_issues(text)
    assert [f.severity for f in findings] == ["warning", "warning", "warning"]
    assert [e.start for e in edits] == [text.index("\u202e")]  # only the one on the Latin line


def test_direction_marks_in_rtl_text_are_normal() -> None:
    for text in ("\u0645\u0631\u062d\u0628\u0627\u200f!", "\u05e9\u05dc\u05d5\u05dd\u200e 2024 \u05e2\u05d5\u05dc\u05dd"):
        edits, findings = find_hygiene_issues(text)
        assert (edits, findings) == ([], [])


def test_a_direction_mark_in_latin_text_is_removed_without_crying_trojan_source() -> None:
    edits, findings = find_hygiene_issues("left\u200emark")
    assert findings == [] and [e.rule for e in edits] == ["unicode.bidi"]
    assert "Trojan" not in edits[0].message


def test_fullwidth_kept_on_cjk_lines_but_fixed_on_latin_lines() -> None:
    text = "\u6771\u4eac\uff08Tokyo\uff09\nTokyo\uff08Japan\uff09"
    fixed, _ = _fixed(text)
    assert fixed == "\u6771\u4eac\uff08Tokyo\uff09\nTokyo(Japan)"


def test_fullwidth_digits_alone_are_left() -> None:
    assert find_hygiene_issues("\uff11\uff12\uff13")[0] == []


def test_cjk_compatibility_ideograph_is_only_proposed() -> None:
    edits, _ = find_hygiene_issues("\ub178\ubb34\ud604(\uf933\u6b66\u9249)")
    assert [(e.rule, e.safe) for e in edits] == [("unicode.nfc", False)]


def test_zero_width_space_between_latin_and_thai_is_removed() -> None:
    fixed, _ = _fixed("Bangkok\u200b\u0e01\u0e23\u0e38\u0e07")
    assert fixed == "Bangkok\u0e01\u0e23\u0e38\u0e07"


def test_mongolian_nnbsp_is_kept() -> None:
    text = "\u182e\u1823\u1829\u182d\u1823\u182f\u202f\u1824\u1828"
    assert find_hygiene_issues(text, "mn")[0] == []


def test_control_message_hints_at_mojibake() -> None:
    edits, _ = find_hygiene_issues("don\x92t")
    assert "\u2019" in edits[0].message


def test_ascii_fast_path() -> None:
    assert find_hygiene_issues("plain ascii\tline\r\n") == ([], [])
    assert find_hygiene_issues("") == ([], [])


@pytest.mark.skipif(not SENTENCES.exists(), reason="shared dev data not present")
def test_english_dev_sentences_are_clean() -> None:
    text = (SENTENCES / "en.txt").read_text(encoding="utf-8")
    assert find_hygiene_issues(text, "en") == ([], [])


@pytest.mark.skipif(not SENTENCES.exists(), reason="shared dev data not present")
@pytest.mark.parametrize("language", ["ru", "el", "fr", "ar", "he", "ja", "zh", "ko", "uk", "pl"])
def test_dev_sentences_fix_to_a_fixed_point(language: str) -> None:
    text = (SENTENCES / f"{language}.txt").read_text(encoding="utf-8")
    edits, _ = find_hygiene_issues(text, language)
    fixed = apply_edits(text, resolve_overlaps(edits))
    assert [e for e in find_hygiene_issues(fixed, language)[0] if e.safe] == []


# Characters that interact: marks that NFC reorders, invisibles next to joiners,
# ligatures before no-break spaces, scripts that keep joiners or fullwidth forms.
_PALETTE = list("ab eo\n\t1.«»!?;:\u2014") + [
    "\u0301", "\u0308", "\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\x07",
    "\x85", "\u202e", "\u200f", "\u00a0", "\u202f", "\u2009", "\u2003", "\u3000", "\uff21",
    "\uff0c", "\ufb01", "\u05d0", "\u0628", "\u0915", "\u094d", "\u6771", "\u0e01",
    "\U0001F468", "\u212b", "\uf933", "\u1100", "\u1161", "\u11a8", "\r",
]


def test_random_mixtures_fix_to_a_fixed_point() -> None:
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies

    @hypothesis.settings(max_examples=400, deadline=None)
    @hypothesis.given(st.lists(st.sampled_from(_PALETTE), max_size=16).map("".join),
                      st.sampled_from([None, "fr"]))
    def check(text: str, language: str | None) -> None:
        edits, _ = find_hygiene_issues(text, language)
        kept = resolve_overlaps(edits)
        assert len(kept) == len(edits)
        assert find_hygiene_issues(apply_edits(text, kept), language)[0] == []

    check()


def test_a_control_code_cp1252_leaves_undefined_inside_a_word_is_reported_not_deleted():
    # "M\x81nchen" is München in cp850 ("MÅnchen" in Mac Roman): deleting the
    # code would lose a letter, so only a person decides
    text = "The meeting in M\x81nchen ended on Tuesday, the minister said."
    result = normalize.normalize_text(text)
    assert result.text == text
    assert [(f.rule, f.severity, f.start) for f in result.findings] == [("unicode.control", "warning", 16)]
    # cp1252 punctuation read as Latin-1 is still repaired, with no finding beside it
    fixed = normalize.normalize_text("Il est entré à l\x92Ecole normale supérieure en septembre dernier.")
    assert "l’Ecole" in fixed.text and fixed.findings == []


def test_suspicious_spans_are_the_alternations_matches():
    # the one-class scan with runs extended by hand finds what _SUSPICIOUS.finditer finds
    import random

    from normalize.hygiene import _SUSPICIOUS, _suspicious_spans

    chars = list("ab \n\t\x00\x07\x1f\x7f\x80\x85\x9f\u00a0\u00ad\u061c\u2000\u200a\u200b\u200c\u200d\u200e"
                 "\u202a\u202f\u205f\u2060\u2066\u3000\ufeff\ufb00\ufb06\uff01\uff5e\uff5f\uff00éЖ")
    rng = random.Random(4)
    texts = ["", "plain", "a\u200d\u200c\u200db", "\uff21\uff22\uff23 x \u3000", "Ð\xa0Ñ\x81"]
    texts += ["".join(rng.choice(chars) for _ in range(rng.randint(1, 50))) for _ in range(5000)]
    for text in texts:
        assert list(_suspicious_spans(text)) == [m.span() for m in _SUSPICIOUS.finditer(text)], text
