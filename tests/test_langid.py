"""normalize.langid: scripts, letter rules, document language, held-out accuracy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from normalize.langid import document_language, identify, main_script, script_census, script_of

DEV = Path(__file__).resolve().parent / "data" / "langid-dev"
TEN = ("el", "ru", "uk", "bg", "sr", "ko", "ja", "zh", "ar", "he")


@pytest.mark.parametrize(
    ("ch", "script"),
    [("a", "Latin"), ("ж", "Cyrillic"), ("λ", "Greek"), ("ش", "Arabic"), ("ש", "Hebrew"),
     ("한", "Hangul"), ("漢", "Han"), ("あ", "Hiragana"), ("ア", "Katakana"), ("ก", "Thai"),
     ("क", "Devanagari"), ("ქ", "Georgian"), ("Ա", "Armenian"), ("7", None), (" ", None), ("-", None)],
)
def test_script_of(ch: str, script: str | None) -> None:
    assert script_of(ch) == script


def test_script_census_counts_letters_only() -> None:
    assert script_census("Путин, 2024: met 金正恩 (ἀρχή)!") == {"Cyrillic": 5, "Latin": 3, "Han": 3, "Greek": 4}
    assert script_census("123 ... ") == {}


def test_main_script_pools_japanese_only_with_kana() -> None:
    assert main_script("UN: 安全保障理事会は決議を採択した") == "Han"  # Han 9 + kana 4 > Latin 2
    assert main_script("Beijing 北京") == "Latin"
    assert main_script("") is None


@pytest.mark.parametrize(
    ("fragment", "language"),
    [("Україна", "uk"), ("їжак", "uk"), ("Ђоковић", "sr"), ("ћирилица", "sr"), ("ѓавол", "mk"),
     ("ўрад Беларусі", "be"), ("Қазақстан", "kk"), ("объявлены", "ru"), ("България", "bg"),
     ("پدر", "fa"), ("نخست‌وزیر", "fa"), ("اردو زبان ہے", "ur"), ("مجلس الأمن", "ar"),
     ("カタカナ", "ja"), ("東京で", "ja"), ("中华人民共和国", "zh"), ("서울", "ko"), ("שלום", "he")],
)
def test_identify_by_letters(fragment: str, language: str) -> None:
    assert identify(fragment)[0] == language


def test_greek_fragment_is_confident() -> None:
    language, confidence = identify("του Συμβουλίου Ασφαλείας")
    assert language == "el" and confidence > 0.9


def test_identify_without_letters_or_on_latin() -> None:
    assert identify("123 !!") == ("und", 0.0)
    language, confidence = identify("la société anonyme", script="Latin")
    assert language == "fr" and 0.0 < confidence <= 1.0


def test_document_language() -> None:
    english = (
        "The Security Council met on Tuesday to discuss the agreement between the two "
        "leaders, which several members described as a violation of its resolutions."
    )
    language, confidence = document_language(english)
    assert language == "en" and confidence > 0.9
    assert document_language("12345 67890") == (None, 0.0)


def test_import_is_cheap() -> None:
    code = "import sys, normalize.langid; assert 'langdetect' not in sys.modules; assert 'regex' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parent.parent)


def held_out(kind: str, lang: str) -> list[str]:
    """Lines after the first min(250, n // 2): never seen by tools/build_langid_profiles.py."""
    lines = (DEV / kind / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines[min(250, len(lines) // 2) :] if line.strip()]


@pytest.mark.skipif(not DEV.is_dir(), reason="langid-dev data not available")
@pytest.mark.parametrize(("kind", "threshold"), [("single-words", 0.90), ("word-pairs", 0.98)])
def test_held_out_accuracy(kind: str, threshold: float) -> None:
    accuracies = {}
    for lang in TEN:
        items = held_out(kind, lang)
        accuracies[lang] = sum(identify(item)[0] == lang for item in items) / len(items)
    mean = sum(accuracies.values()) / len(accuracies)
    assert mean >= threshold, accuracies


@pytest.mark.parametrize(
    ("fragment", "context", "language"),
    [
        ("Коммерсантъ", "", "ru"),  # word-final hard sign: pre-1918 Russian spelling, not Bulgarian
        ("във", "", "bg"),  # ъ before a consonant: a Bulgarian vowel
        ("Россия без Путина", "Protesters chanted", "ru"),  # a Russian name inside the quote
        ("Война и мир", "Tolstoy's novel \"Война и мир\" (War and Peace)", "ru"),  # a Russian name nearby
        ("дача", "The Russian word 'дача' (dacha) is used in Ukraine too", "ru"),  # the named language wins
        ("津波", "The word tsunami (津波) literally means", "ja"),  # a romaji gloss
        ("石破茂", "Japanese Prime Minister Shigeru Ishiba (石破茂) spoke", "ja"),  # a cue word
        ("再発防止", "", "ja"),  # 発 is Japanese shinjitai, neither simplified nor traditional Chinese
        ("共同富裕", '"common prosperity" (共同富裕)', "zh"),
    ],
)
def test_short_phrases_use_orthography_and_context(fragment: str, context: str, language: str) -> None:
    assert identify(fragment, context=context)[0] == language


def test_census_counts_as_the_run_by_run_scan():
    # script_census classifies each distinct character once; the scan it replaced matched runs of
    # one script's letters: the same counts, in the same order (ties in main_script go to the first)
    from collections import Counter
    from pathlib import Path

    from normalize.langid.scripts import _ascii_letters, _census_pattern, script_census, script_of

    def by_runs(text: str) -> dict[str, int]:
        counts: Counter[str] = Counter()
        rest = _ascii_letters().sub("", text)
        if len(rest) < len(text):
            counts["Latin"] = len(text) - len(rest)
        for match in _census_pattern().finditer(rest):
            name = match.lastgroup if match.lastgroup != "other" else script_of(match.group())
            if name is not None:
                counts[name] += match.end() - match.start()
        return dict(counts)

    data = Path(__file__).parent / "data" / "langid-dev" / "sentences"
    texts = ["", "...", "Путин met 金正恩", "é Ж a", "ᚠᛇᚻ ⰀⰁ ꓐꓑ 𐌰𐌱 ǅ ʰ ﬁ Ⅻ ª", "東京 とうきょう トウキョウ Seoul 서울"]
    for path in sorted(data.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()[:30]
        texts += lines + [" ".join(lines)]
    texts += [a + " " + b for a, b in zip(texts[7::5], texts[::-7])]  # scripts mixed, in both orders
    for text in texts:
        assert list(script_census(text).items()) == list(by_runs(text).items()), text


def test_census_of_dense_texts_on_random_mixes_of_scripts():
    # a text mostly outside ASCII is counted through its code page (scripts._dense_census): the
    # same counts in the same order as a Counter, whatever mix of pages, scripts and ties
    import random
    from collections import Counter

    from normalize.langid.scripts import _ascii_letters, _dense_census, _letter_script

    def by_counter(text: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        rest = _ascii_letters().sub("", text)
        if len(rest) < len(text):
            counts["Latin"] = len(text) - len(rest)
        for ch, n in Counter(rest).items():
            name = _letter_script(ch)
            if name is not None:
                counts[name] = counts.get(name, 0) + n
        return counts

    pools = ["Путин ґЇё", "Ἀθῆναι αλφα ΩΣ", "Ð¡ÐµÑ€ Ã©", "日本語かな", "عربي", "שלום", "ąęł", "𐌰𐌱ᚠ", "ab ,.?\n", "«»—№"]
    rng = random.Random(4)
    dense = 0
    for _ in range(2000):
        picked = rng.sample(pools, rng.randint(1, 4))
        text = "".join(rng.choice(rng.choice(picked)) for _ in range(rng.choice((3, 40, 2500))))
        assert list(script_census(text).items()) == list(by_counter(text).items()), text[:80]
        dense += _dense_census(text) is not None
    assert dense > 800


def test_native_cue_search_finds_what_startswith_finds():
    # _context_priors searches the words, one per line, for a stem at a line start
    import random

    from normalize.langid import _cue_re
    from normalize.langid.tables import NATIVE_CUES

    rng = random.Random(1)
    pieces = [stem for stems in NATIVE_CUES.values() for stem in stems] + ["ов", "ский", "и", "слово", "київ"]
    for _ in range(3000):
        words = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(0, 5))]
        words = [w[rng.randint(0, 2):] for w in words]  # some stems cut at the front: no longer a cue
        for stems in NATIVE_CUES.values():
            expected = any(w.startswith(stems) for w in words)
            assert (_cue_re(stems).search("\n".join(words)) is not None) == expected, (words, stems)


def test_the_shortcuts_of_identify_agree_with_the_census() -> None:
    # identify skips the census when the caller names the script, and drops the letters every
    # candidate language writes before collecting the rest: both must decide as the full count does.
    import random

    from normalize.langid import ALPHABETS, _shared_letters
    from normalize.langid.scripts import KANA, counts_a_letter, has_kana

    rng = random.Random(5)
    pool = "abcПриветїґўΣσ日本語ひらがなカタカナ𒀀 .,1ｱ\u0301"
    for _ in range(5000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 8)))
        census = script_census(text)
        assert counts_a_letter(text) == bool(census), text
        assert has_kana(text) == any(census.get(k) for k in KANA), text
    for script, alphabets in ALPHABETS.items():
        letters = "".join(sorted(set().union(*alphabets.values())))
        for _ in range(300):
            word = "".join(rng.choice(letters + "xyz") for _ in range(rng.randint(1, 12)))
            rest = set(_shared_letters(script).sub("", word))
            for alphabet in alphabets.values():
                assert len(rest - set(alphabet)) == len(set(word) - set(alphabet)), (script, word)
