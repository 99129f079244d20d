"""The language setting: CLI --language, the `language` configuration key, the library argument,
and what the report says about the language used."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import normalize
from normalize.cli import app
from normalize.config import config_from_mapping
from normalize.errors import NormalizeError, RulePackError

GERMAN = "Außenminister Sergej Lawrow traf am Dienstag seinen chinesischen Amtskollegen in Peking."


def test_a_configured_language_wins_over_detection():
    detected = normalize.normalize_text(GERMAN)
    assert (detected.language, detected.language_source) == ("de", "detected")
    assert detected.text == GERMAN
    forced = normalize.normalize_text(GERMAN, language="en")
    assert (forced.language, forced.language_source, forced.language_confidence) == ("en", "configured", 1.0)
    assert "Lavrov" in forced.text


def test_auto_detects():
    result = normalize.normalize_text("He met Mr Lee in Kiev.", language="auto")
    assert result.language_source == "detected" and result.language == "en"


def test_normalizer_and_bytes_take_the_language():
    engine = normalize.Normalizer(language="de")
    assert engine.normalize_text("Mr Putin met Mr Shoygu in Moscow").text == "Mr Putin met Mr Shoygu in Moscow"
    result = normalize.normalize_bytes("Mr Putin met Mr Shoygu in Moscow".encode(), language="en")
    assert result.text == "Mr Putin met Mr Shoigu in Moscow" and result.language_source == "configured"


@pytest.mark.parametrize("bad", ["xx", "EN", "english", "en-GB", 3])
def test_an_invalid_language_is_a_normalize_error(bad):
    with pytest.raises(NormalizeError):
        normalize.Normalizer(language=bad)


def test_configuration_key_is_validated_with_its_line(tmp_path):
    assert config_from_mapping({"language": "de"}).language == "de"
    path = tmp_path / "normalize.toml"
    path.write_text('style = "en-GB"\nlanguage = "german"\n', encoding="utf-8")
    with pytest.raises(RulePackError) as error:
        normalize.Normalizer(config=path)
    assert error.value.line == 2


def test_the_configuration_file_sets_the_language(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.normalize]\nlanguage = "en"\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(GERMAN + "\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["check", "--format", "json", str(article)])
    entry = json.loads(result.stdout)["files"][0]
    assert entry["language"] == "en" and entry["language_source"] == "configured"
    # the flag overrides the file, "auto" included
    result = runner.invoke(app, ["check", "--format", "json", "--language", "auto", str(article)])
    entry = json.loads(result.stdout)["files"][0]
    assert entry["language"] == "de" and entry["language_source"] == "detected"
    assert entry["changes"] == []


def test_cli_language_option_on_check_and_fix():
    runner = CliRunner()
    result = runner.invoke(app, ["check", "--format", "json", "-"], input="He met Mr Lee in Kiev.\n")
    entry = json.loads(result.stdout)["files"][0]
    assert entry["language"] == "en" and entry["language_source"] == "detected"
    assert 0.8 <= entry["language_confidence"] <= 1.0
    result = runner.invoke(app, ["fix", "--stdout", "--language", "de", "-"], input="Mr Putin met Mr Shoygu.\n")
    assert result.stdout == "Mr Putin met Mr Shoygu.\n"
    result = runner.invoke(app, ["fix", "--stdout", "--language", "en", "-"], input=GERMAN + "\n")
    assert "Sergei Lavrov" in result.stdout


def test_cli_rejects_an_unknown_language_with_exit_2():
    result = CliRunner().invoke(app, ["check", "--language", "xx", "-"], input="text\n")
    assert result.exit_code == 2
    assert "ISO 639-1" in result.output
    assert "Traceback" not in result.output


def test_undetermined_runs_only_language_independent_repairs():
    # two capitalised words: no language; the names stage stays out, Unicode repairs still run
    result = normalize.normalize_text("Sergey\u200b Shoygu")
    assert result.language is None and result.language_source == "undetermined"
    assert result.text == "Sergey Shoygu"
    assert {c.category for c in result.changes} == {"unicode"}
    assert result.to_dict()["language_source"] == "undetermined"


def test_undetermined_text_gets_no_honorific_style():
    assert normalize.normalize_text("Mr. Kim, Mr Lee", style="en-GB").text == "Mr. Kim, Mr Lee"
    assert normalize.normalize_text("Mr. Kim, Mr Lee", style="en-GB", language="en").text == "Mr Kim, Mr Lee"


def test_report_fields_are_in_every_entry():
    entry = normalize.normalize_text("The minister said that the talks were over.").to_dict()
    assert {"language", "language_source", "language_confidence"} <= set(entry)
    assert normalize.normalize_text("").to_dict()["language_source"] is None
