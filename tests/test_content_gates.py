"""The content stages' cheap gates never skip a text their full checks would act on."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalize import doclang
from normalize.document import Document
from normalize.stages import latin_sentences
from normalize.langid import GLOSS_BEFORE, _gloss_before
from normalize.names import NameMatcher, bundled_paths, load_gazetteer
from normalize.names.matcher import CANONICAL, NO, PREFIX, YES
from normalize.names.phonetic import fold
from normalize.names.variants import SPLIT_RE
from normalize.langid.scripts import _regex
from normalize.stages.foreign import MAX_LETTERS_FOUND, _fragments, foreign_letter_pattern, fragment_pattern
from normalize.stages.honorifics import _forms, _title_spans

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = ROOT / "tests" / "data" / "langid-dev" / "sentences"
NEWS = ROOT / "bench" / "corpora" / "news-modern"


def _texts() -> list[str]:
    """Name-dense news articles, and runs of sentences in eighteen languages."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(NEWS.glob("*.txt"))]
    for path in sorted(SENTENCES.glob("*.txt")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        texts += ["\n".join(lines[i : i + 25]) for i in range(0, min(len(lines), 250), 25)]
    return texts


TEXTS = _texts()


def _across_the_head(text: str) -> list[str]:
    """The text with gate words where the language head ends: split by it, or just after it."""
    cut = doclang.HEAD_CHARS
    if len(text) <= cut:
        return []
    return [text[: cut - 1] + " De la " + text[cut + 2 :], text[: cut - 2] + "del" + text[cut:],
            text[: cut - 1] + "\u00a0que\u00a0" + text[cut:], text[:cut] + " und\tdie " + text[cut:]]


def test_the_corpora_hold_texts_either_side_of_the_gates():
    assert len(TEXTS) > 200
    assert sum(latin_sentences._enough_markers(t) for t in TEXTS) > 20
    assert sum(not latin_sentences._enough_markers(t) for t in TEXTS) > 60


def test_gate_words_are_function_words_the_head_scan_sees():
    assert latin_sentences.GATE_LOWER <= doclang.ANY_FUNCTION_WORD
    assert latin_sentences.LOWER_HITS == 2  # "de" and "De" share one lower-case form


def test_a_gate_word_cut_by_the_head_counts_once_whole():
    cut = doclang.HEAD_CHARS
    filler = "xx " * cut
    text = filler[: cut - 3] + " kadar und Und " + filler  # "kadar" across the cut; no gate word in its pieces
    assert text[cut - 2 : cut + 3] == "kadar" and latin_sentences._enough_markers(text)
    doclang.main_language(text)
    assert latin_sentences._may_have_enough_markers(text)


@pytest.mark.parametrize("remembered", [False, True])
def test_latin_sentence_pre_check_never_rejects_a_text_the_gate_passes(remembered):
    texts = TEXTS + [variant for text in TEXTS for variant in _across_the_head(text)]
    for text in texts:
        doclang._last_head = None
        if remembered:  # as in the pipeline: describing the text read its head first
            doclang.main_language(text)
        assert latin_sentences._may_have_enough_markers(text) or not latin_sentences._enough_markers(text), text[:80]


def test_head_function_words_are_remembered_for_the_same_text_only():
    text = "Le ministre a dit que la réforme sera votée avant la fin du mois de juin."
    first = doclang.head_function_words(text)
    assert doclang.head_function_words(text) is first
    assert doclang.head_function_words(text + " ") == first
    assert doclang.head_function_words(text + " ") is not first


def test_capitalised_words_are_those_of_the_unicode_scan():
    """The ASCII-class scans are used only where they find what `[A-Z]\\w*` (and, with
    non-ASCII capitals, `\\b\\p{Lu}\\w*`) finds."""
    import re

    extra = ["Plain ASCII Text, with Names like O'Neill and A_B.", "“Curly” quotes — and a Dash Here…",
             "Zoë Kravitz and Björn Borg", "Café Müller² and X²Y", "Ölfeld and Øresund", "Ⅻ Legion, Ⓐ Mark",
             "tail digit Abc١٢ and Def𝟙"]
    for text in TEXTS + extra:
        words = Document(text).capital_words
        if any(not c.isascii() and c.isupper() for c in text):
            import regex

            assert words == frozenset(regex.findall(r"\b\p{Lu}\w*", text)), text[:80]
        else:
            assert words == frozenset(re.findall(r"[A-Z]\w*", text)), text[:80]


@pytest.mark.parametrize("title", ["Mr", "Mrs", "Dr", "St", "Gen", "dr", "prof"])
def test_honorific_forms_cover_every_title_span(title):
    extra = [f"{title}. Smith and {title}\u00a0Jones", f"1st {title}. is closed", f"x{title} Y {title}.Z",
             f"({title}.\u00a0Lee)", f"{title}"]
    for text in TEXTS + extra:
        spans = {text[start:end] for start, end in _title_spans(text, title)}
        assert spans <= _forms(text, title), text[:80]


@pytest.mark.parametrize("allowed", [("Latin",), ("Cyrillic", "Latin"), ("Han", "Hiragana", "Katakana", "Latin")])
def test_foreign_fragments_start_with_a_letter_the_character_check_finds(allowed):
    texts = TEXTS + ["The word tsunami (津波) means harbour wave", "Ozolinš and Nguyễn met in Ōfunato"]
    for text in texts:
        if not foreign_letter_pattern(allowed).search("".join(Document(text).unusual_chars)):
            assert fragment_pattern(allowed).search(text) is None, text[:80]


FRAGMENT_PROBES = [
    "The word tsunami (津波) means harbour wave; 津波警報 was issued.",
    "a dacha (дача) and a zhurnal [журнал], Путин и Зеленский, ПСИ NATO Шойгу-Ш",
    "φιλότιμο, or philotimo; το Υπουργείο Εξωτερικών\nκαι η Βουλή 3/4 Ω",
    "x" * 300 + "б" + "бб " * 40 + "ж",  # one letter glued to Latin, runs, a lone letter
    "Мoscow Москва (Moskva) Москва-река",  # a Cyrillic letter inside a Latin word
    "". join(chr(c) for c in range(0x410, 0x44f)) + " and " + "αβγδεζηθικλμνξοπρστυφχψω",  # many letters
]


@pytest.mark.parametrize("allowed", [("Latin",), ("Cyrillic", "Latin"), ("Greek", "Latin")])
def test_fragments_tried_at_foreign_letters_are_the_ones_a_full_pass_finds(allowed):
    pattern, letters_of = fragment_pattern(allowed), foreign_letter_pattern(allowed)
    used_plain_pass = False
    for text in TEXTS + FRAGMENT_PROBES:
        letters = letters_of.findall("".join(Document(text).unusual_chars))
        used_plain_pass |= len(letters) > MAX_LETTERS_FOUND
        found = [m.span() for m in _fragments(text, pattern, letters)]
        assert found == [m.span() for m in pattern.finditer(text)], text[:80]
    assert used_plain_pass  # both ways are exercised


def test_the_gloss_before_a_fragment_is_the_whole_texts():
    rx = _regex()
    probes = ["a harbour wave, or tsunami (", "x" * 150 + " tsunami “", "word" + " " * 150 + "(",
              "y" * 200 + "(", "tsunami" * 30 + " ", "no gloss here: 12 + 3 = ", "q" * 99 + "Latin (",
              " " * 300, "", "(", "end of sentence. " * 20 + "In Japan, “"]
    probes += [text[:cut] for text in TEXTS[:40] for cut in (120, 700, len(text))]
    for before in probes:
        expected = rx.search(GLOSS_BEFORE, before)
        found = _gloss_before(rx, before)
        assert (found and (found.span(), found.group(1))) == (expected and (expected.span(), expected.group(1))), before[-60:]


class _LookingAtEveryHouseSpelling(NameMatcher):
    """The matcher without its house-spelling shortcuts: a two-word house spelling opens a
    window, and so does a house-spelt word that starts longer spellings."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._settled_pairs = frozenset()

    def _could_be_name(self, word):
        """Before the shortcuts: a word of an exact spelling is CANONICAL only as the house
        writes it and when it starts nothing longer; otherwise YES."""
        key = fold(word)
        hits = self.index.exact.get(key)
        if hits:
            if key not in self._seconds and all(
                hit.tier == 0 and word in SPLIT_RE.split(self.gazetteer.by_id[hit.entity].spelling(self.style))
                for hit in hits
            ):
                return CANONICAL
            return YES
        verdict = super()._could_be_name(word)
        assert verdict in (YES, PREFIX, NO)
        return verdict


@pytest.mark.usefixtures("private_names_cache")
@pytest.mark.parametrize("style", [None, "en-US"])
def test_house_spellings_that_open_no_window_change_no_result(style):
    gazetteer = load_gazetteer(bundled_paths())
    fast, full = NameMatcher(gazetteer, style), _LookingAtEveryHouseSpelling(gazetteer, style)
    pairs = sorted(fast._settled_pairs)
    assert len(pairs) > 300
    starts = {" ".join(key.split(" ")[:2]) for key in fast.index.exact if key.count(" ") >= 2}
    assert not {fold(p) for p in pairs} & starts  # none starts a longer spelling
    texts = list(TEXTS[:80])
    for i in range(0, len(pairs), 6):  # each pair as written, and in forms that are not the house's
        group = pairs[i : i + 6]
        texts.append(" ".join(f"Then {p} said, and {p.upper()} and {p.replace(' ', '-')} and "
                              f"{p.replace(' ', chr(10))} and {p}'s aide and {p} Jr met." for p in group))
        texts.append(" ".join(f"{p.split()[0]} {p.split()[1][:-1]}o of {p.split()[1]}ov met {p}." for p in group))
    words = sorted({w for p in pairs for w in p.split()} | {e.canonical for e in gazetteer.entities if " " not in e.canonical})
    for i in range(0, len(words), 8):  # single words: as written, in capitals (a dateline), with others
        group = words[i : i + 8]
        texts.append(" ".join(f"{w.upper()} (Wire) - {w} and {w.upper()} {w}, Mr {w}'s {w.lower()}." for w in group))
    for text in texts:
        assert fast.find(text) == full.find(text), text[:120]


def test_the_stdlib_scan_for_non_ascii_capitals_finds_what_the_regex_scan_finds():
    """With capitals beyond ASCII, a stdlib-re pattern listing them replaces `\\b\\p{Lu}\\w*` unless
    a character of the text is a word character to one engine only (then the regex one runs)."""
    import random

    import regex

    from normalize.document import _stdlib_capital_word

    rng = random.Random(2)
    plain = list("abcXYZ _-'’.,\n1") + list("ÁÉÖØŁŠŽñéüøłšžĳǅǈİẞßΣσДдЖж")
    odd = ["e\u0301", "²", "½", "Ⅻ", "Ⓐ", "‿", "\u200d"]  # marks, numbers, symbols, joiners
    used = 0
    for pool in (plain, plain + odd):
        for _ in range(4000):
            text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 30)))
            unusual = Document(text).unusual_chars
            if not any(map(str.isupper, unusual)):
                continue
            expected = regex.findall(r"\b\p{Lu}\w*", text)
            pattern = _stdlib_capital_word(unusual)
            if pattern is not None:
                used += 1
                assert pattern.findall(text) == expected, text
            assert Document(text).capital_words == frozenset(expected), text
    assert used > 3000  # the stdlib scan did the work for the plain pool
