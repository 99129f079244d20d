"""The legacy-bytes test set: every file decodes to its original text exactly, or is refused.

Nothing may decode to different text silently. The committed part comes from langid-dev
sentences (tests/data/encoding-bytes, built by tools/build_encoding_bytes_set.py); the Reuters
part is built in memory when the research-only sample is present.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from normalize import Normalizer
from normalize.encoding import decode_bytes
from normalize.errors import NormalizeError

ROOT = Path(__file__).resolve().parent.parent
SET = Path(__file__).resolve().parent / "data" / "encoding-bytes"


def _builder():  # noqa: ANN202 - the tools module
    spec = importlib.util.spec_from_file_location("build_encoding_bytes_set", ROOT / "tools" / "build_encoding_bytes_set.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _committed() -> list[tuple[str, bytes, str, tuple[str, ...]]]:
    manifest = json.loads((SET / "manifest.json").read_text(encoding="utf-8"))
    return [(m["file"], (SET / m["file"]).read_bytes(), m["expected_utf8"], tuple(m["pages"])) for m in manifest]


def _outcome(data: bytes, expected: str) -> str:
    try:
        decoded = decode_bytes(data)
    except NormalizeError as exc:
        assert "not UTF-8" in str(exc) or "too few letters" in str(exc)
        return "refused"
    return "exact" if decoded.text == expected else "wrong"


def test_committed_set_is_what_the_builder_makes() -> None:
    built = {name: (data, text) for name, data, text, _ in _builder().langid_cases()}
    committed = {name.removesuffix(".txt"): (data, text) for name, data, text, _ in _committed()}
    assert built == committed


@pytest.mark.parametrize("case", _committed(), ids=lambda c: c[0])
def test_committed_file_decodes_exactly_or_is_refused(case: tuple[str, bytes, str, tuple[str, ...]]) -> None:
    name, data, expected, pages = case
    assert _outcome(data, expected) != "wrong"


def test_committed_set_is_nearly_all_decoded() -> None:
    outcomes = [_outcome(data, text) for _, data, text, _ in _committed()]
    assert outcomes.count("wrong") == 0
    assert outcomes.count("exact") >= 0.97 * len(outcomes)


@pytest.mark.parametrize("case", [c for c in _committed() if c[0].startswith("mixed-")], ids=lambda c: c[0])
def test_mixed_files_name_their_passages(case: tuple[str, bytes, str, tuple[str, ...]]) -> None:
    name, data, expected, (main, other) = case
    decoded = decode_bytes(data)
    assert decoded.text == expected
    passages = [f for f in decoded.findings if f.rule == "encoding.mixed-code-pages"]
    pages = {decoded.encoding} | {f.extra["code_page"] for f in passages}
    # the English part may read the same in the passage's page (curly quotes are the same bytes
    # in cp1251 and cp1253), and KOI8-R/KOI8-U, cp1253/ISO-8859-7 agree on most letters
    siblings = {"koi8_r": {"koi8-r", "koi8-u"}, "koi8_u": {"koi8-u"}, "cp1251": {"cp1251"},
                "iso8859_7": {"iso-8859-7", "cp1253"}, "cp1253": {"cp1253", "iso-8859-7"}}
    assert pages & siblings[other]
    for finding in passages:
        assert finding.severity == "warning"
        assert decoded.text[finding.start : finding.end] in expected
        assert not decoded.text[finding.start : finding.end].isascii()


@pytest.mark.skipif(not _builder().REUTERS.exists(), reason="research-only Reuters sample not available")
def test_reuters_set_never_decodes_to_other_text() -> None:
    outcomes = [(_outcome(data, text), name) for name, data, text, _ in _builder().reuters_cases()]
    assert [name for outcome, name in outcomes if outcome == "wrong"] == []
    assert sum(outcome == "exact" for outcome, _ in outcomes) >= 0.95 * len(outcomes)


POUND = "Arsenal confirmed the £15.8m signing of José Müller on Monday.\nThe club’s “record” fee rose by £2m.\n"


@pytest.mark.parametrize("page", ["latin_1", "cp1252"])
def test_pound_sign_english_round_trips_through_the_library(page: str) -> None:
    text = POUND if page == "cp1252" else POUND.replace("’", "'").replace("“", '"').replace("”", '"')
    result = Normalizer(select=["encoding"]).normalize_bytes(text.encode(page))
    assert result.text == text and result.encoding == "cp1252"
    assert [f.rule for f in result.findings] == ["encoding.legacy-file"]


def test_cp1251_russian_quote_in_english_reports_cp1251() -> None:
    text = "The minister said: “Мы не отступим.”\nTalks resume on Monday.\n"
    result = Normalizer(select=["encoding"]).normalize_bytes(text.encode("cp1251"))
    assert (result.text, result.encoding) == (text, "cp1251")


def test_koi8_passage_in_cp1252_english() -> None:
    english = "The £15.8m deal was “done”, he said.\n"
    russian = "Министр обороны заявил, что учения пройдут по плану.\n"
    data = english.encode("cp1252") + russian.encode("koi8_r") + english.encode("cp1252")
    result = Normalizer(select=["encoding"]).normalize_bytes(data)
    assert result.text == english + russian + english
    assert result.encoding == "cp1252"
    (passage,) = [f for f in result.findings if f.rule == "encoding.mixed-code-pages"]
    assert (passage.start, passage.end, passage.line) == (len(english), len(english) + len(russian) - 1, 2)
    assert "koi8-r" in passage.message


@pytest.mark.parametrize("page", ["latin_1", "cp1252"])
def test_pound_sign_english_round_trips_through_check_and_fix(tmp_path: Path, page: str) -> None:
    from typer.testing import CliRunner

    from normalize.cli import app

    text = POUND.replace("’", "'").replace("“", '"').replace("”", '"') + "Mr Putin met Mr. Kim\u00a0 in Moscow.\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(page))
    checked = CliRunner().invoke(app, ["check", "--format", "json", str(path)])
    report = json.loads(checked.stdout)["files"][0]
    assert report["encoding"] == "cp1252"
    assert all("£" not in c["after"] and "Ł" not in c["after"] for c in report["changes"])
    CliRunner().invoke(app, ["fix", str(path)])
    written = path.read_text(encoding="utf-8")  # fix writes UTF-8
    assert "£15.8m" in written and "£2m" in written and "José Müller" in written and "Ł" not in written
