"""Smaller items of the redesign: decoder findings obey the selection; caches see changes and stay small."""

from __future__ import annotations

import tomllib
from pathlib import Path

from normalize import pipeline
from normalize.config import find_config_file
from normalize.pipeline import Normalizer

ROOT = Path(__file__).resolve().parent.parent
CP1251 = "Президент России заявил, что переговоры продолжатся на следующей неделе в Москве.".encode("cp1251")


def test_decoder_findings_obey_select_ignore_and_suppression():
    assert [f.rule for f in Normalizer().normalize_bytes(CP1251).findings] == ["encoding.legacy-file"]
    assert Normalizer(select=["honorific"]).normalize_bytes(CP1251).findings == []
    assert Normalizer(ignore=["encoding.legacy-file"]).normalize_bytes(CP1251).findings == []
    suppressed = CP1251 + b" <!-- normalize: ignore -->"
    assert Normalizer().normalize_bytes(suppressed).findings == []


def test_a_config_file_created_later_is_found(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    article = folder / "a.txt"
    article.write_text("text", encoding="utf-8")
    assert find_config_file(article) is None or not str(find_config_file(article)).startswith(str(tmp_path))
    (tmp_path / "normalize.toml").write_text('style = "en-GB"\n', encoding="utf-8")
    assert find_config_file(article) == tmp_path / "normalize.toml"
    (folder / "pyproject.toml").write_text('[tool.normalize]\nstyle = "en-US"\n', encoding="utf-8")
    assert find_config_file(article) == folder / "pyproject.toml"


def test_compiled_stages_are_bounded():
    for number in range(pipeline.COMPILED_KEEP + 3):
        Normalizer(config={"allow-terms": [f"term{number}"]}, select=["honorific"]).normalize_text("Mr. Kim")
    assert len(pipeline._COMPILED) <= pipeline.COMPILED_KEEP


def test_pyahocorasick_is_gone_and_rich_is_declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [d.split(">")[0].split("[")[0].strip() for d in project["dependencies"]]
    assert "pyahocorasick" not in names and "rich" in names
    sources = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "normalize").rglob("*.py"))
    assert "ahocorasick" not in sources


def test_every_registered_stage_follows_the_protocol_and_declares_its_families():
    from normalize.stages import PHASES

    repair, content = Normalizer()._stages
    assert repair and content
    for phase, stages in zip(PHASES, (repair, content)):
        for stage in stages:
            assert stage.phase == phase
            assert not hasattr(stage, "name")
            rules = stage.rules()
            assert {r.family for r in rules} <= stage.families, type(stage).__name__
            assert {r.category for r in rules} <= stage.categories, type(stage).__name__
