"""decode_bytes: BOMs, UTF-16/32, legacy code pages, stray bytes, binary input."""

from __future__ import annotations

import pytest

from normalize.edits import apply_edits, resolve_overlaps
from normalize.encoding import Decoded, decode_bytes
from normalize.errors import NormalizeError

RU = "Министр обороны Сергей Шойгу заявил, что учения пройдут по плану.\n"
EL = "Η απόφαση του Συμβουλίου Ασφαλείας του ΟΗΕ ανακοινώθηκε σήμερα.\n"
FR = "Le ministre a déclaré à la presse que la décision était prise.\n"
PL = "Minister powiedział, że decyzja zapadła już w piątek wieczorem.\n"


def test_empty() -> None:
    assert decode_bytes(b"") == Decoded("", "utf-8", b"", [], [])


def test_plain_utf8() -> None:
    result = decode_bytes(RU.encode("utf-8"))
    assert (result.text, result.encoding, result.bom, result.edits) == (RU, "utf-8", b"", [])


def test_utf8_bom_is_kept_apart() -> None:
    result = decode_bytes(b"\xef\xbb\xbf" + FR.encode("utf-8"))
    assert (result.text, result.encoding, result.bom) == (FR, "utf-8", b"\xef\xbb\xbf")


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
     (b"\x00\x00\xfe\xff", "utf-32-be")],
)
def test_utf16_and_utf32_with_bom(bom: bytes, encoding: str) -> None:
    result = decode_bytes(bom + EL.encode(encoding))
    assert (result.text, result.encoding, result.bom) == (EL, encoding, bom)


def test_utf16_without_bom_ascii_heavy() -> None:
    result = decode_bytes("Hello, world\n".encode("utf-16-le"))
    assert (result.text, result.encoding) == ("Hello, world\n", "utf-16-le")


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03binary\x00", b"PK\x03\x04\x14\x00\x06\x00", b"\x7fELF\x02\x01\x01" * 3])
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(NormalizeError, match="binary file"):
        decode_bytes(data)


@pytest.mark.parametrize(
    ("text", "page", "name"),
    [(RU, "cp1251", "cp1251"), (RU, "koi8_r", "koi8-r"), (EL, "cp1253", "cp1253"), (FR, "cp1252", "cp1252"),
     (PL, "cp1250", "cp1250"), ("Уряд України ухвалив рішення щодо бюджету.\n", "koi8_u", "koi8-u")],
)
def test_legacy_files(text: str, page: str, name: str) -> None:
    result = decode_bytes(text.encode(page))
    assert (result.text, result.encoding, result.edits) == (text, name, [])
    assert [f.rule for f in result.findings] == ["encoding.legacy-file"]


def test_stray_cp1252_bytes_in_utf8_are_repaired_run_by_run() -> None:
    data = "Café “prices” rose to ".encode("utf-8") + b"\xa35 at the na\xefve shop"
    result = decode_bytes(data)
    assert result.encoding == "utf-8"
    assert "\udca3" in result.text  # surrogateescape keeps the byte until an edit replaces it
    assert [(e.replacement, e.rule, e.message) for e in result.edits] == [
        ("£", "encoding.stray-bytes", "invalid UTF-8 bytes A3 decoded as cp1252"),
        ("ï", "encoding.stray-bytes", "invalid UTF-8 bytes EF decoded as cp1252"),
    ]
    fixed = apply_edits(result.text, resolve_overlaps(result.edits))
    assert fixed == "Café “prices” rose to £5 at the naïve shop"


def test_stray_cp1251_run_in_russian_utf8() -> None:
    data = "Сергей Шойгу заявил, что всё ".encode("utf-8") + "хорошо".encode("cp1251") + ".".encode()
    result = decode_bytes(data)
    (edit,) = result.edits
    assert (edit.replacement, edit.end - edit.start) == ("хорошо", 6)
    assert "cp1251" in edit.message and "F5 EE F0 EE F8 EE" in edit.message


def test_stray_bytes_with_bom() -> None:
    result = decode_bytes(b"\xef\xbb\xbfprice \xa3 5")
    assert result.bom == b"\xef\xbb\xbf" and [e.replacement for e in result.edits] == ["£"]


def test_too_little_evidence_raises() -> None:
    with pytest.raises(NormalizeError, match="too few letters|no code page"):
        decode_bytes(b"\xe0\xe9\xfc")


# A byte DOS (cp850/cp437) and Mac Roman both read as a letter: 0x81 is "ü" in DOS, "Å" in Mac Roman.
MUNICH = b"The team flew to M\x81nchen on Sunday for the final.\n"


def test_single_byte_dos_or_mac_roman_is_refused_not_guessed() -> None:
    with pytest.raises(NormalizeError, match=r"cp850 \(DOS\) reads it almost as well as mac-roman "
                                             r"\('München' or 'MÅnchen'\): left as it is"):
        decode_bytes(MUNICH)


def test_mac_roman_with_enough_evidence_still_decodes() -> None:
    text = "Il a dit grâce à Dieu, la deuxième fois, à l'église.\n"
    result = decode_bytes(text.encode("mac_roman"))
    assert (result.text, result.encoding) == (text, "mac-roman")


@pytest.mark.parametrize("page", ["cp1252", "latin_1"])
def test_cp1252_letter_dos_also_reads_as_a_letter_is_not_refused(page: str) -> None:
    text = "The story about the Mädchen was filed on Monday by our correspondent.\n"  # cp850: "Mõdchen"
    assert decode_bytes(text.encode(page)).text == text


def test_library_refuses_the_ambiguous_byte_with_normalize_error() -> None:
    from normalize import Normalizer

    with pytest.raises(NormalizeError, match="DOS"):
        Normalizer().normalize_bytes(MUNICH)


def test_stray_dos_or_mac_byte_inside_a_word_is_reported_not_guessed() -> None:
    data = "Café “prices” rose in M".encode("utf-8") + b"\x81nchen."  # once read as KOI8-R "M│nchen"
    result = decode_bytes(data)
    assert result.edits == [] and result.encoding == "utf-8"
    (finding,) = result.findings
    assert finding.rule == "encoding.stray-bytes" and finding.severity == "error"
    assert "'ü' in DOS cp850, 'Å' in Mac Roman: not guessed" in finding.message


def test_stray_typography_next_to_a_word_is_still_decoded() -> None:
    head = "Café “prices” at the crêperie in Besançon, señor Ibáñez said: "
    data = head.encode("utf-8") + b"\x93cheap\x94 col\xb7lecci\xf3 m\xb2"
    result = decode_bytes(data)
    fixed = apply_edits(result.text, resolve_overlaps(result.edits))
    assert fixed == head + "“cheap” col·lecció m²" and result.findings == []


def test_token_flaws_are_looked_for_exactly_where_a_character_is_neither_ascii_nor_a_letter():
    # legacy_file._token_cost skips its per-character walk unless this class matches: it must
    # match every such character of the BMP (and anything beyond it), and no letter
    from normalize.encoding.legacy_file import _odd_char_re

    odd = _odd_char_re()
    assert all(bool(odd.match(chr(code))) == (not chr(code).isalpha()) for code in range(0x80, 0x10000))
    assert odd.match("\U0001d400") and odd.match("\U0010fffd") and not odd.search("plain ASCII text 123")


def test_letters_only_keeps_what_isalpha_keeps():
    # stats.letters_only blanks non-letters with one class substitution (built from str.isalpha):
    # the same text as the character-by-character walk, beyond the BMP too
    import random

    from normalize.encoding.stats import letters_only

    def walk(text: str) -> str:
        words = "".join(ch if ch.isalpha() else " " for ch in text.lower()).split()
        return f" {' '.join(words)} " if words else ""

    pool = "aZ é²½ⅫΣςЖ_1-' \u0301\u00ad\u200bİ\u1e9e\U0001d400\U00020000日"
    rng = random.Random(12)
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 12)))
        assert letters_only(text) == walk(text), repr(text)


def test_stray_and_multibyte_counts_agree_with_a_walk_piece_by_piece(monkeypatch):
    # decode._stray_and_multibyte counts by encodings, a piece at a time: the same as looking at
    # every character, whatever the piece size
    import random

    from normalize.encoding import decode

    rng = random.Random(1)
    for piece in (7, decode.COUNT_PIECE):
        monkeypatch.setattr(decode, "COUNT_PIECE", piece)
        for _ in range(1500):
            data = bytes(rng.choice(b"ab \xc3\xa9\xd0\x98\xe2\x80\x99\xff\xf0\x9f\x98\x80\x80") for _ in range(rng.randint(0, 40)))
            text = data.decode("utf-8", "surrogateescape")
            stray = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
            multibyte = sum(1 for ch in text if ch > "\x7f" and not "\udc80" <= ch <= "\udcff")
            assert decode._stray_and_multibyte(text) == (stray, multibyte), data
