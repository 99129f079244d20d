"""The command line: exit codes, formats, stdin, directories, bad input. Real files, real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from normalize.cli import app
from normalize.edits import apply_changes

runner = CliRunner()
HONORIFICS = ["--select", "honorific"]


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "normalize", *args], input=stdin, capture_output=True,
                          cwd=cwd, timeout=120)


def article(tmp_path: Path, text: str = "Mr. Kim met Mr Putin and Mr Lee.\n", name: str = "a.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_check_reports_changes_and_exits_1_without_writing(tmp_path):
    path = article(tmp_path)
    result = runner.invoke(app, ["check", str(path), *HONORIFICS])
    assert result.exit_code == 1
    assert "1:1" in result.stdout and "honorific.mr" in result.stdout and '"Mr." -> "Mr"' in result.stdout
    assert path.read_text() == "Mr. Kim met Mr Putin and Mr Lee.\n"


def test_check_exits_0_on_clean_text(tmp_path):
    result = runner.invoke(app, ["check", str(article(tmp_path, "Mr Kim met Mr Putin.\n")), *HONORIFICS])
    assert result.exit_code == 0, result.output


def test_fix_writes_in_place_and_keeps_permissions(tmp_path):
    path = article(tmp_path)
    path.chmod(0o640)
    result = runner.invoke(app, ["fix", str(path), *HONORIFICS])
    assert result.exit_code == 0, result.output
    assert path.read_text() == "Mr Kim met Mr Putin and Mr Lee.\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert runner.invoke(app, ["fix", str(path), *HONORIFICS, "--exit-non-zero-on-fix"]).exit_code == 0


def test_fix_exit_non_zero_on_fix_for_pre_commit(tmp_path):
    result = runner.invoke(app, ["fix", str(article(tmp_path)), *HONORIFICS, "--exit-non-zero-on-fix"])
    assert result.exit_code == 1


def test_fix_does_not_touch_files_that_need_no_change(tmp_path):
    path = article(tmp_path, "Mr Kim met Mr Putin.\n")
    before = path.stat().st_mtime_ns
    os.utime(path, ns=(before - 10**9, before - 10**9))
    runner.invoke(app, ["fix", str(path), *HONORIFICS])
    assert path.stat().st_mtime_ns == before - 10**9


def test_fix_stdout_prints_clean_text_and_keeps_the_file(tmp_path):
    path = article(tmp_path)
    done = run("fix", "--stdout", str(path), *HONORIFICS)
    assert done.stdout == b"Mr Kim met Mr Putin and Mr Lee.\n"
    assert path.read_text() == "Mr. Kim met Mr Putin and Mr Lee.\n"
    assert b"honorific.mr" in done.stderr  # the report goes to stderr when stdout carries the text


def test_stdin_dash(tmp_path):
    done = run("fix", "-", *HONORIFICS, "--format", "json", "--output", str(tmp_path / "r.json"),
               stdin=b"Mr. Kim met Mr Putin and Mr Lee.")
    assert done.stdout == b"Mr Kim met Mr Putin and Mr Lee."
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["files"][0]["path"] == "-"


def test_crlf_and_bom_are_preserved(tmp_path):
    path = tmp_path / "w.txt"
    path.write_bytes(b"\xef\xbb\xbfMr. Kim met Mr Putin\r\nand Mr Lee.\r\n")
    assert runner.invoke(app, ["fix", str(path), *HONORIFICS]).exit_code == 0
    assert path.read_bytes() == b"\xef\xbb\xbfMr Kim met Mr Putin\r\nand Mr Lee.\r\n"


def test_json_report_replays_onto_the_input(tmp_path):
    path = article(tmp_path, "Mr. Kim met Mr Putin\nand Mr Lee and Dr. No and Ms Fox.\n")
    result = runner.invoke(app, ["check", str(path), "--format", "json", *HONORIFICS])
    report = json.loads(result.stdout)
    entry = report["files"][0]
    assert report["version"] == 1 and report["tool"]["name"] == "normalize"
    assert report["summary"] == {"files": 1, "changed": 1, "changes": 2, "findings": 0}
    assert apply_changes(path.read_text(), entry["changes"]) == "Mr Kim met Mr Putin\nand Mr Lee and Dr No and Ms Fox.\n"
    assert entry["changes"][1]["line"] == 2 and entry["changes"][1]["column"] == 16


def test_directory_is_walked_in_stable_order_and_binary_files_skipped(tmp_path):
    (tmp_path / "b").mkdir()
    article(tmp_path / "b", name="z.md")
    article(tmp_path, name="a.txt")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    done = run("check", str(tmp_path), *HONORIFICS, "--format", "json", "--jobs", "2")
    report = json.loads(done.stdout)
    assert [f["path"] for f in report["files"]] == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "z.md")]
    assert b"skipped" in done.stderr and b"blob.txt" in done.stderr
    assert done.returncode == 1


def test_gitignored_files_are_not_walked(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("drafts/\n")
    (tmp_path / "drafts").mkdir()
    article(tmp_path / "drafts", name="x.txt")
    article(tmp_path, name="kept.txt")
    report = json.loads(run("check", str(tmp_path), "--format", "json", *HONORIFICS).stdout)
    assert [Path(f["path"]).name for f in report["files"]] == ["kept.txt"]


@pytest.mark.parametrize(
    "setup,args,fragment",
    [
        (None, ["check", "{tmp}/missing.txt"], "missing.txt: no such file"),
        (lambda p: (p / "bin.txt").write_bytes(bytes(range(256)) * 8), ["check", "{tmp}/bin.txt"], "binary"),
        (None, ["check", "{tmp}", "--style", "en-GB", "--select", "honorifc"], "unknown rule or category"),
        (lambda p: (p / "normalize.toml").write_text("stlye = 'en-GB'\n"), ["check", "{tmp}/normalize.toml"],
         "normalize.toml:1: unknown configuration key 'stlye'"),
        (lambda p: (p / "bad.toml").write_text("[pack]\nname='x'\nkind='rules'\n[[rule]]\nid='a.b'\n"),
         ["check", "-", "--config", "{tmp}/c.toml"], "c.toml: configuration file not found"),
        (None, ["check", "-", "--format", "yaml"], "Invalid value"),
    ],
)
def test_bad_input_gives_a_message_and_exit_2(tmp_path, setup, args, fragment):
    if setup:
        setup(tmp_path)
    done = run(*[a.replace("{tmp}", str(tmp_path)) for a in args], stdin=b"Mr. Kim")
    assert done.returncode == 2, done
    assert fragment.encode() in done.stderr
    assert b"Traceback" not in done.stderr


def test_broken_user_pack_names_file_and_line(tmp_path):
    (tmp_path / "house.toml").write_text('[pack]\nname = "h"\nkind = "rules"\n\n[[rule]]\nid = "h.x"\n'
                                         'category = "typography"\nmessage = "m"\npattern = "(("\n')
    (tmp_path / "normalize.toml").write_text('packs = ["house.toml"]\n')
    article(tmp_path)
    done = run("check", str(tmp_path / "a.txt"))
    assert done.returncode == 2
    assert f"{tmp_path / 'house.toml'}:9: invalid regular expression".encode() in done.stderr


def test_configuration_is_discovered_by_walking_up(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.normalize]\nstyle = "en-US"\nselect = ["honorific"]\n')
    (tmp_path / "sub").mkdir()
    path = article(tmp_path / "sub", "Mr Kim met Mr Putin and Mr Lee.\n")
    assert run("fix", str(path)).returncode == 0
    assert path.read_text() == "Mr. Kim met Mr. Putin and Mr. Lee.\n"
    assert run("fix", str(path), "--style", "en-GB").returncode == 0  # flags override the file
    assert path.read_text() == "Mr Kim met Mr Putin and Mr Lee.\n"


def test_read_only_file_is_reported_and_left_alone(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can write read-only files")
    path = article(tmp_path)
    path.chmod(0o444)
    done = run("fix", str(path), *HONORIFICS)
    assert done.returncode == 2 and b"read-only" in done.stderr


def test_rules_lists_id_category_severity_source():
    result = runner.invoke(app, ["rules", "--format", "json"])
    assert result.exit_code == 0, result.output
    rules = json.loads(result.stdout)
    mr = next(r for r in rules if r["id"] == "honorific.mr")
    assert mr["category"] == "honorific" and mr["severity"] == "warning" and mr["source"].endswith("en.toml")
    text = runner.invoke(app, ["rules"]).stdout
    assert "honorific.mr" in text and "rules/honorifics/en.toml" in text


def test_python_dash_m_and_help():
    done = run("--help")
    assert done.returncode == 0 and b"check" in done.stdout and b"fix" in done.stdout


def test_jsonl_streams_records_and_exits_by_the_findings_threshold(tmp_path):
    source = tmp_path / "in.jsonl"
    lead = "Officials in the capital said on Tuesday that the talks would continue next week. "
    source.write_text(json.dumps({"id": 1, "text": lead + "Mr. Kim met Mr Putin and Mr Lee."}) + "\n"
                      + json.dumps({"id": 2, "text": lead + "It breached [του Συμβουλίου Ασφαλείας] rules."}) + "\n")
    done = run("fix", "--jsonl", str(source), "-o", str(tmp_path / "out.jsonl"))
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [r["id"] for r in records] == [1, 2]
    assert records[0]["text"].endswith("Mr Kim met Mr Putin and Mr Lee.")
    assert records[1]["normalize"]["findings"][0]["language"] == "el"
    assert done.returncode == 1  # an error finding remains
    assert run("fix", "--jsonl", str(source), "-o", str(tmp_path / "o2.jsonl"), "--fail-on", "error",
               "--ignore", "foreign-script").returncode == 0


def test_progress_wrapper_keeps_every_item_in_order():
    from normalize.cli import with_progress

    assert list(with_progress(iter(range(50)), 50, show=True)) == list(range(50))
    assert list(with_progress(iter(range(5)), 5, show=False)) == list(range(5))
