"""The sample articles: the CLI reproduces their expected text and report; the report replays."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from normalize.edits import apply_changes

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ["putin-kim-article.txt", "damaged-article.md"]


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "normalize", *args], cwd=ROOT, capture_output=True, timeout=120)


def expected_paths(name: str) -> tuple[Path, Path]:
    stem, ext = name.rsplit(".", 1)
    return ROOT / "fixtures" / f"{stem}.expected.{ext}", ROOT / "fixtures" / f"{stem}.expected.json"


@pytest.mark.parametrize("name", ARTICLES)
def test_fix_stdout_gives_the_expected_text(name):
    text_path, _ = expected_paths(name)
    done = cli("fix", "--stdout", f"fixtures/{name}")
    assert done.stdout == text_path.read_bytes()


@pytest.mark.parametrize("name", ARTICLES)
def test_check_json_gives_the_expected_report_and_exits_1(name):
    _, report_path = expected_paths(name)
    done = cli("check", "--format", "json", f"fixtures/{name}")
    assert done.returncode == 1
    assert json.loads(done.stdout) == json.loads(report_path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ARTICLES)
def test_report_replays_onto_the_input_and_a_second_pass_changes_nothing(name, tmp_path):
    text_path, report_path = expected_paths(name)
    original = (ROOT / "fixtures" / name).read_text(encoding="utf-8")
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert apply_changes(original, report["files"][0]["changes"]) == text_path.read_text(encoding="utf-8")
    again = tmp_path / name
    again.write_bytes(text_path.read_bytes())
    second = json.loads(cli("check", "--format", "json", str(again)).stdout)
    assert second["files"][0]["changes"] == []


def test_seed_report_follows_the_contract():
    _, report_path = expected_paths("putin-kim-article.txt")
    report = json.loads(report_path.read_text(encoding="utf-8"))
    entry = report["files"][0]
    assert set(report) == {"version", "tool", "files", "summary"}
    assert {"path", "encoding", "language", "changed", "changes", "findings"} <= set(entry)
    assert entry["language"] == "en" and entry["encoding"] == "utf-8"
    rules = {c["rule"] for c in entry["changes"]}
    assert rules == {"honorific.mr", "honorific.messrs", "names.vostochny", "names.shoigu", "names.manturov",
                     "names.kim-yung-ho"}
    for change in entry["changes"]:
        assert set(change) == {"rule", "category", "start", "end", "line", "column", "before", "after", "message"}
    [greek] = entry["findings"]
    assert greek["text"] == "του Συμβουλίου Ασφαλείας"
    assert (greek["script"], greek["language"], greek["severity"]) == ("Greek", "el", "error")
    assert greek["suggestion"] == "of the Security Council" and greek["confidence"] > 0.9
    assert report["summary"] == {"files": 1, "changed": 1, "changes": 7, "findings": 1}


def test_markdown_code_links_and_suppressed_lines_come_out_byte_identical():
    text_path, _ = expected_paths("damaged-article.md")
    cleaned = text_path.read_text(encoding="utf-8")
    for kept in ['# code is never touched: Mr. Code, donâ€™t\nprint("Saigu")', "https://kremlin.ru/events/Mr.Putin",
                 "`Mr. Inline`", "Mr. Suppressed stays as written, as does Saigu.", "slug: mr-kim-visit"]:
        assert kept in cleaned
    assert 'title: "Talks in Vladivostok: Mr Putin hosts Mr Kim"' in cleaned
