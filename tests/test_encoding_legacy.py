"""Legacy Greek/Cyrillic code pages read as Latin-1/cp1252, and UTF-8 read as cp1251."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from normalize.edits import apply_edits, resolve_overlaps
from normalize.encoding import find_legacy_mojibake, find_utf8_mojibake

DATA = Path(__file__).resolve().parent / "data"
needs_data = pytest.mark.skipif(not DATA.exists(), reason="shared data not available")


def repair(text: str) -> str:
    return apply_edits(text, resolve_overlaps(find_utf8_mojibake(text) + find_legacy_mojibake(text)))


def as_latin(text: str, page: str, reader: str = "latin_1") -> str:
    return text.encode(page).decode(reader)


@pytest.mark.parametrize(
    ("clean", "page", "rule", "message"),
    [
        ("Сергей Шойгу", "cp1251", "encoding.legacy-cp1251", "cp1251 text read as Latin-1"),
        ("Министр обороны Сергей Шойгу", "koi8_r", "encoding.legacy-koi8-r", "KOI8-R text read as Latin-1"),
        ("Їжак і єнот біля ґанку", "koi8_u", "encoding.legacy-koi8-u", "KOI8-U text read as Latin-1"),
        ("Συμβουλίου Ασφαλείας", "cp1253", "encoding.legacy-cp1253", "cp1253 text read as Latin-1"),
        ("Άρθρο του Συμβουλίου", "iso8859_7", "encoding.legacy-iso-8859-7", "ISO-8859-7 text read as Latin-1"),
        ("Сједињене Државе и Француска", "cp1251", "encoding.legacy-cp1251", "cp1251 text read as Latin-1"),
    ],
)
def test_legacy_inside_english(clean: str, page: str, rule: str, message: str) -> None:
    text = f"The statement by {as_latin(clean, page)} was read out."
    edits = find_legacy_mojibake(text)
    assert [(e.replacement, e.rule, e.message) for e in edits] == [(clean, rule, message)]
    assert repair(text) == f"The statement by {clean} was read out."


def test_brief_examples() -> None:
    assert repair("Ñåðãåé Øîéãó") == "Сергей Шойгу"
    # "ÓõìâïõëÝïõ" is cp1253 for "Συμβουλέου" (Ý is 0xDD, έ); "Συμβουλίου" reads "Óõìâïõëßïõ".
    assert repair("ÓõìâïõëÝïõ") == "Συμβουλέου"
    assert repair("Óõìâïõëßïõ") == "Συμβουλίου"


def test_cp1252_reader_message() -> None:
    text = "Он сказал: „Да“ — и ушёл."
    broken = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("cp1251"))
    assert repair(broken) == text
    assert {e.message for e in find_legacy_mojibake(broken)} == {"cp1251 text read as cp1252"}


@pytest.mark.parametrize("clean", ["Сергей Шойгу", "Συμβούλιο Ασφαλείας του ΟΗΕ", "Уряд України"])
def test_utf8_read_as_cp1251(clean: str) -> None:
    broken = clean.encode("utf-8").decode("cp1251")
    edits = find_legacy_mojibake(f"Report: {broken}.")
    assert [e.replacement for e in edits] == [clean]
    assert edits[0].rule == "encoding.utf8-as-cp1251"
    assert edits[0].message == "UTF-8 text read as cp1251"


def test_lost_no_break_space_in_utf8_as_cp1251() -> None:
    broken = "Россия".encode("utf-8").decode("cp1251").replace("\xa0", " ")  # Р = D0 A0
    assert [e.replacement for e in find_legacy_mojibake(broken)] == ["Россия"]


@pytest.mark.parametrize(
    "text",
    [
        "Le café où j'ai mangé à Paris", "Übergrößenträger in München", "São Paulo não é", "Ôôô VIDA MINHA",
        "ÀÉÍÓÚ", "Þórður Ægisson", "Сергей Шойгу", "Συμβούλιο", "ÌÑÌ Q £ÄGÌ", "naïve façade déjà vu",
    ],
)
def test_genuine_text_is_left_alone(text: str) -> None:
    assert find_legacy_mojibake(text) == []


@needs_data
def test_zero_false_positives_on_accented_latin_languages() -> None:
    hits = []
    for lang in ("fr", "de", "es", "pt", "it", "pl", "tr"):
        for kind in ("sentences", "word-pairs", "single-words"):
            for line in (DATA / "langid-dev" / kind / f"{lang}.txt").read_text(encoding="utf-8").splitlines():
                hits += [(lang, line) for _ in find_legacy_mojibake(line)]
    assert hits == []


@needs_data
def test_ftfy_negative_cases_unchanged() -> None:
    for case in json.loads((DATA / "ftfy-test-cases" / "negative.json").read_text(encoding="utf-8")):
        assert find_legacy_mojibake(case["original"]) == [], case["label"]


@needs_data
@pytest.mark.parametrize(("lang", "page"), [("ru", "cp1251"), ("uk", "koi8_u"), ("bg", "cp1251"), ("el", "cp1253")])
def test_held_out_sentences_repair(lang: str, page: str) -> None:
    sentences = (DATA / "langid-dev" / "sentences" / f"{lang}.txt").read_text(encoding="utf-8").splitlines()[250:330]
    total = exact = 0
    for sentence in sentences:
        try:
            broken = as_latin(sentence, page)
        except UnicodeEncodeError:
            continue
        total += 1
        exact += repair(f"He wrote: {broken} Then he left.") == f"He wrote: {sentence} Then he left."
    assert exact / total >= 0.9


# --- leftovers in lines that are mostly legacy mojibake (normalize/encoding/context.py) ----------

def _through_stage(text: str) -> str:
    import normalize

    return normalize.Normalizer(select=["encoding"]).normalize_text(text).text


def test_short_leftovers_in_a_mostly_mojibake_line_are_decoded_with_the_line():
    clean = "Беспроводной wi-fi и Bluetooth доступны во всех номерах гостиницы и ресторана"
    broken = clean.encode("cp1251").decode("cp1252")
    assert _through_stage(broken) == clean


def test_accented_latin_words_beside_one_mojibake_name_are_left_alone():
    text = "The café in Zürich hosted " + "Сергей Шойгу".encode("cp1251").decode("latin-1") + " à la carte."
    assert _through_stage(text) == "The café in Zürich hosted Сергей Шойгу à la carte."


@pytest.mark.parametrize("clean", ["Ε πρεπει να’σαι μαλακας να μπορεις να παρεις", "να παίξει στη Β’ Εθνική κι όχι"])
def test_iso_8859_7_quotes_are_not_read_as_cp1253_capitals(clean):
    broken = clean.encode("iso8859_7").decode("cp1252", errors="replace")
    assert _through_stage(broken) == clean


# --- Mac Roman and cp850 read as Latin-1/cp1252 ---------------------------------------------

from normalize import Normalizer  # noqa: E402
from normalize.encoding.mac_dos import find_mac_dos_mojibake  # noqa: E402


def test_mac_roman_read_as_latin1_is_repaired_not_made_worse() -> None:
    text = "Il a dit gr\x89ce \xe0 Dieu, la deuxi\x8fme fois dans l\x83glise."
    result = Normalizer().normalize_text(text)
    assert result.text == "Il a dit grâce à Dieu, la deuxième fois dans lÉglise."
    assert {c.rule for c in result.changes} == {"encoding.legacy-mac-roman"}


def test_mac_roman_read_as_cp1252() -> None:
    text = "The caf\x8e owner don\xd5t know, \xd2yes\xd3 he said."
    fixed = apply_edits(text, resolve_overlaps(find_mac_dos_mojibake(text)))
    assert fixed == "The café owner don’t know, “yes” he said."


def test_cp850_umlauts() -> None:
    edits = find_mac_dos_mojibake("M\x81nchen und K\x94ln")
    assert [(e.replacement, e.rule) for e in edits] == [("ü", "encoding.legacy-cp850"), ("ö", "encoding.legacy-cp850")]


def test_cp1252_controls_and_lone_controls_are_not_mac_roman() -> None:
    assert find_mac_dos_mojibake("price \x80 5 and \x93quoted\x94") == []
    assert find_mac_dos_mojibake("These control characters \x1a are apparently intentional \x81") == []


def test_mac_roman_and_cp850_disagreeing_is_left_alone() -> None:
    assert find_mac_dos_mojibake("la s\x90mola") == []


def test_mac_roman_repair_is_finished_not_left_half_done() -> None:
    # "ª" (0xBB) read as Latin-1 is "»": re-reading only the control characters left it behind
    text = "CVMA: 5\xbb Edi\x8d\x8bo marcada para 7 de Mar\x8do A quinta edi\x8d\x8bo do concurso."
    fixed = apply_edits(text, resolve_overlaps(find_mac_dos_mojibake(text)))
    assert fixed == "CVMA: 5ª Edição marcada para 7 de Março A quinta edição do concurso."


def test_genuine_latin1_around_mac_roman_controls_is_kept() -> None:
    text = "The caf\xe9 said gr\x89ce \xe0 Dieu, la deuxi\x8fme fois."  # whole-line Mac Roman: "cafÈ"
    fixed = apply_edits(text, resolve_overlaps(find_mac_dos_mojibake(text)))
    assert fixed == "The café said grâce à Dieu, la deuxième fois."


def test_genuine_accented_line_is_rejected_before_the_letter_statistics(monkeypatch) -> None:
    """A line with a trace ("š" after a lower-case letter) whose re-readings are all unclean is
    turned down on the penalties alone: the letter statistics (line_cost) are never computed."""
    from normalize.encoding import mac_dos

    def no_letter_statistics(text: str, languages: object = None) -> object:
        raise AssertionError("line_cost called")

    monkeypatch.setattr(mac_dos, "line_cost", no_letter_statistics)
    line = "4. Rodrigo Villaseñor Treviño (Mexico), 5. Théo Garnier-Lefèvre (France), 9. Karlis Ozolinš (Latvia)"
    assert line.encode("cp1252") and mac_dos.find_mac_dos_mojibake(line) == []


def test_cp1251_bytes_by_codec_agree_with_the_table():
    # _cp1251_bytes tries the cp1251 codec first; the table is what a cp1251 reader shows
    from normalize.encoding.legacy import _cp1251_bytes, cp1251_byte_of

    table = cp1251_byte_of()
    chars = [chr(c) for c in range(0x20, 0x7F)] + list(table) + ["é", "ı", "€", "\x98", "ё", "ї"]
    for ch in chars:
        expected = bytes([ord(ch) if ch.isascii() else table[ch]]) if ch.isascii() or ch in table else None
        assert _cp1251_bytes(ch) == expected, ch
    assert _cp1251_bytes("Рѕ\x98x") == bytes([table["Р"], table["ѕ"], 0x98, ord("x")])


def test_a_hint_token_starts_where_the_last_space_before_it_ends() -> None:
    import random

    from normalize.encoding.legacy import SPACES, TOKEN_START_RE

    rng = random.Random(3)
    for _ in range(5000):
        text = "".join(rng.choice("ab \n\t\rРё") for _ in range(rng.randint(1, 20)))
        done = rng.randint(0, len(text))
        hint = rng.randint(done, len(text))
        expected = max(text.rfind(space, done, hint) for space in SPACES) + 1 or done
        assert TOKEN_START_RE.search(text, done, hint).start() == expected, (text, done, hint)


def test_strict_cp1251_hints_find_what_the_loose_ones_found(monkeypatch: pytest.MonkeyPatch) -> None:
    # _utf8_tokens looks only at tokens holding a whole UTF-8 sequence as cp1251 shows it (or a
    # lead ending the token): the same repairs as looking at every (lead, continuation) pair,
    # on Russian, Ukrainian, Bulgarian and Greek UTF-8 read as cp1251, genuine text, and mixes
    import random
    import re

    from normalize.encoding import legacy

    loose = re.compile(f"[{legacy._chars_for(0xC2, 0xF4)}][{legacy._chars_for(0x80, 0xBF)}]"
                       f"|[{legacy._chars_for(0xC2, 0xDF)}](?![^{legacy.SPACES}])")
    texts = []
    for lang in ("ru", "uk", "bg", "el"):
        lines = (DATA / "langid-dev" / "sentences" / f"{lang}.txt").read_text("utf-8").splitlines()[:60]
        texts += lines
        texts += [line.encode("utf-8").decode("cp1251", "replace").replace("\xa0", " ") for line in lines[:30]]
    rng = random.Random(8)
    pieces = [t.split(" ")[0] for t in texts] + ["Р", "вЂ", "Ð", "—", "«", "»", "ё", "і"]
    texts += [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(2000)]

    strict = legacy._cp1251_hint_re()
    found_strict = [legacy._find_utf8_as_cp1251(t) for t in texts]
    monkeypatch.setattr(legacy, "_cp1251_hint_re", lambda: loose)
    found_loose = [legacy._find_utf8_as_cp1251(t) for t in texts]
    assert found_strict == found_loose
    assert sum(map(bool, found_strict)) > 100
    assert sum(len(strict.findall(t)) for t in texts[:120]) < sum(len(loose.findall(t)) for t in texts[:120])


def test_words_read_in_a_page_by_their_bytes_as_by_their_characters():
    # _repair_latin_run tests each word's bytes against the page's letter bytes; the same
    # verdicts and readings as decoding the word and checking each character's script
    import random

    from normalize.encoding import legacy

    def by_characters(word: str, codec: str, script: str) -> str | None:
        table = legacy.latin_byte_of()
        try:
            decoded = bytes(table[c] for c in word).decode(codec)
        except (KeyError, UnicodeDecodeError):
            return None
        ok = bool(decoded) and all(ch.isalpha() and legacy._script_of(ch) == script for ch in decoded)
        return decoded if ok else None

    chars = sorted(legacy.latin_byte_of()) + ["a", "Ж", "1"]
    rng = random.Random(6)
    words = ["", "Ñåðãåé", "Øîéãó", "ÓõìâïõëÝïõ", "ëÝ€", "\x98"]
    words += ["".join(rng.choice(chars) for _ in range(rng.randint(1, 6))) for _ in range(3000)]
    read = 0
    for word in words:
        raw = legacy._word_bytes(word)
        for codec, _rule, _name, script in legacy.SOURCE_PAGES:
            ok = bool(raw) and not raw.translate(None, legacy._letter_bytes(codec, script))
            expected = by_characters(word, codec, script)
            assert (raw.decode(codec) if ok else None) == expected, (word, codec)
            read += ok
    assert read > 500


def test_spans_decode_by_table_as_character_by_character():
    import random
    import unicodedata

    from normalize.encoding import legacy

    def walk(span: str, codec: str) -> str:
        table, out = legacy.latin_byte_of(), []
        for ch in span:
            if ch.isascii() or ch not in table:
                out.append(ch)
                continue
            new = legacy._decode_byte(table[ch], codec)
            keep = new and (new.isalpha() or unicodedata.category(new)[0] in "PZ" or new in legacy.GAP_SYMBOLS)
            out.append(new if keep else ch)
        return "".join(out)

    chars = sorted(legacy.latin_byte_of()) + list("a .,Ж\n")
    rng = random.Random(2)
    for _ in range(2000):
        span = "".join(rng.choice(chars) for _ in range(rng.randint(0, 10)))
        for page in legacy.SOURCE_PAGES:
            assert legacy._decode_span(span, page.codec) == walk(span, page.codec), (span, page.codec)
