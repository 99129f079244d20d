"""The command line: exit codes, formats, stdin, directories, bad input. Real files, real processes."""

from __future__ import annotations

import contextlib
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


# --- everyday use (issue #14): no silent no-ops, the conventions of ruff/codespell ---------------

@pytest.mark.parametrize("flag, value, hint", [
    ("--select", "names.zelenksy", "names.zelensky"),
    ("--select", "honorific.mrr", "honorific.mr"),
    ("--ignore", "honorifc", "honorific"),
    ("--style", "en-UK", "en-GB"),
    ("--style", "bogus", None),
])
def test_unknown_selector_or_style_is_exit_2_with_a_suggestion(tmp_path, flag, value, hint):
    done = run("check", flag, value, str(article(tmp_path)))
    assert done.returncode == 2, done
    err = done.stderr.decode()
    assert repr(value) in err and "Traceback" not in err
    if hint:
        assert f"did you mean {hint!r}" in err


def test_unknown_selector_in_config_names_the_file_and_line(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.normalize]\nfail-on = "error"\n'
                                             'select = ["nmaes"]\n', encoding="utf-8")
    done = run("check", "a.txt", cwd=tmp_path) if article(tmp_path) else None
    assert done.returncode == 2
    err = done.stderr.decode()
    assert "pyproject.toml:6:" in err and "'nmaes'" in err and "did you mean 'names'" in err


def test_unknown_config_key_and_style_in_config_are_errors(tmp_path):
    article(tmp_path)
    (tmp_path / "normalize.toml").write_text('ignore = ["honorific"]\nstlye = "en-GB"\n', encoding="utf-8")
    done = run("check", "a.txt", cwd=tmp_path)
    assert done.returncode == 2 and "normalize.toml:2:" in done.stderr.decode()
    assert "did you mean 'style'" in done.stderr.decode()
    (tmp_path / "normalize.toml").write_text('\nstyle = "en-UK"\n', encoding="utf-8")
    done = run("check", "a.txt", cwd=tmp_path)
    assert done.returncode == 2 and "normalize.toml:2:" in done.stderr.decode() and "en-GB" in done.stderr.decode()


def test_library_rejects_unknown_selectors_and_styles():
    import normalize

    for kwargs in ({"select": ["nmaes"]}, {"ignore": ["honorifc"]}, {"select": ["names.zelenksy"]},
                   {"style": "en-UK"}, {"config": {"select": ["nmaes"]}}, {"config": {"stlye": "en-GB"}}):
        with pytest.raises(normalize.NormalizeError):
            normalize.Normalizer(**kwargs)
    assert normalize.Normalizer(select=["names.zelensky", "honorific", "encoding"]).config.select
    with pytest.raises(normalize.NormalizeError, match="normalize_text"):
        normalize.normalize_bytes("a str")


def test_stage_families_list_matches_the_stages():
    from normalize.validate import STAGE_FAMILIES, catalogue
    from normalize.config import Config

    assert {rule.split(".")[0] for rule in catalogue(Config())} == set(STAGE_FAMILIES)


def test_git_ignored_folder_named_on_the_command_line_is_checked(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("drafts/\n", encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    article(tmp_path / "drafts")
    named = run("check", "drafts", *HONORIFICS, cwd=tmp_path)
    assert named.returncode == 1 and b"honorific.mr" in named.stdout, named
    walked = run("check", ".", *HONORIFICS, cwd=tmp_path)
    assert walked.returncode == 0 and b"git-ignored" in walked.stderr  # the skip is said


def test_version_exit_zero_quiet_and_statistics(tmp_path):
    path = article(tmp_path)
    version = run("--version")
    assert version.returncode == 0 and version.stdout.decode().startswith("normalize ")
    assert run("check", "--exit-zero", str(path)).returncode == 0
    quiet = run("check", "-q", str(path), *HONORIFICS)
    assert quiet.returncode == 1 and b"honorific.mr" in quiet.stdout and b"file(s)" not in quiet.stdout
    stats = run("check", "--statistics", str(path), *HONORIFICS)
    assert stats.returncode == 1
    assert stats.stdout.decode().split("\n")[0].split() == ["1", "honorific.mr", "fix"]


def test_color_follows_the_flag_and_no_color_force_color(tmp_path):
    path = article(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}

    def colored(*args: str, **extra: str) -> bool:
        done = subprocess.run([sys.executable, "-m", "normalize", "check", str(path), *HONORIFICS, *args],
                              capture_output=True, env={**env, **extra}, timeout=120)
        return b"\x1b[" in done.stdout

    assert not colored() and colored("--color", "always") and not colored("--color", "never", FORCE_COLOR="1")
    assert colored(FORCE_COLOR="1") and not colored(FORCE_COLOR="1", NO_COLOR="1")


def test_text_report_marks_the_span_in_the_source_line(tmp_path):
    long_line = "The talks went on. " * 30 + "Mr. Kim arrived. " + "Nothing else happened. " * 30
    path = article(tmp_path, long_line + "\n")
    out = run("check", str(path), *HONORIFICS, "--style", "en-GB").stdout.decode()
    source, marks = [line[len("       | "):] for line in out.splitlines() if line.startswith("       | ")][:2]
    assert len(source) <= 110 and source.startswith("…") and source.endswith("…")
    assert source[marks.index("^"):marks.index("^") + marks.count("^")] == "Mr."


def test_fix_says_what_it_wrote_and_what_remains(tmp_path):
    path = article(tmp_path, "Mr. Kim met Mr Putin. It was a violation of [του Συμβουλίου Ασφαλείας] of the UN.\n")
    done = run("fix", str(path))
    out = done.stdout.decode()
    assert f"wrote {path} (" in out and "1 written" in out and "remain for a human (1 error)" in out


def test_jsonl_output_is_utf8_not_escaped(tmp_path):
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps({"text": "Mr. Kim met Dr. Müller in Zürich."}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    done = run("fix", "--jsonl", str(data), *HONORIFICS)
    assert "Müller" in done.stdout.decode("utf-8") and b"\\u00fc" not in done.stdout


def test_rule_explains_one_rule_with_real_examples():
    done = run("rule", "names.shoigu")
    out = done.stdout.decode()
    assert done.returncode == 0 and "transliteration" in out and "rules/names/" in out
    assert "Shoigu" in out and "ignore[names.shoigu]" in out and "output" in out
    missing = run("rule", "names.zelenksy")
    assert missing.returncode == 2 and b"did you mean 'names.zelensky'" in missing.stderr


def test_every_builtin_sample_triggers_its_rule():
    from normalize.explain import SAMPLES, _examples
    from normalize.config import Config

    for rule_id in SAMPLES:
        lines, message = _examples(rule_id, Config())
        assert lines and message, rule_id


def test_baseline_accepts_recorded_findings_and_fails_on_new_ones(tmp_path):
    text = "Mr. Kim met Mr Putin. It was a violation of [του Συμβουλίου Ασφαλείας] of the UN.\n"
    path = article(tmp_path, text)
    assert run("check", "--write-baseline", "base.json", "a.txt", cwd=tmp_path).returncode == 0
    assert run("check", "--baseline", "base.json", "a.txt", cwd=tmp_path).returncode == 0
    path.write_text("A new first paragraph.\n\n" + text, encoding="utf-8")  # offsets move: still accepted
    assert run("check", "--baseline", "base.json", "a.txt", cwd=tmp_path).returncode == 0
    path.write_text(text + "Mrs. Lee came too, and Mrs Park.\n", encoding="utf-8")
    new = run("check", "--baseline", "base.json", "a.txt", cwd=tmp_path)
    assert new.returncode == 1 and b"honorific.mrs" in new.stdout and b"baselined" in new.stdout
    (tmp_path / "bad.json").write_text("[]", encoding="utf-8")
    assert run("check", "--baseline", "bad.json", "a.txt", cwd=tmp_path).returncode == 2


def test_per_file_settings_accept_findings_in_matching_files(tmp_path):
    greek = "It was a violation of [του Συμβουλίου Ασφαλείας] of the UN.\n"
    (tmp_path / "archive").mkdir()
    article(tmp_path / "archive", greek, "old.txt")
    article(tmp_path, greek, "new.txt")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.normalize]\nfail-on = "warning"\n\n[[tool.normalize.per-file]]\nfiles = ["archive/*.txt"]\n'
        'ignore = ["foreign-script"]\n', encoding="utf-8")
    assert run("check", "archive/old.txt", cwd=tmp_path).returncode == 0
    assert run("check", "new.txt", cwd=tmp_path).returncode == 1
    (tmp_path / "pyproject.toml").write_text(
        '[tool.normalize.per-file-ignores]\n"new.txt" = ["foreign-script.stray"]\n', encoding="utf-8")
    assert run("check", "new.txt", cwd=tmp_path).returncode == 0
    (tmp_path / "pyproject.toml").write_text(
        '[tool.normalize]\n\n[[tool.normalize.per-file]]\nfiles = ["*.txt"]\nignore = ["foriegn-script"]\n',
        encoding="utf-8")
    bad = run("check", "new.txt", cwd=tmp_path)
    assert bad.returncode == 2 and b"pyproject.toml:5:" in bad.stderr and b"did you mean 'foreign-script'" in bad.stderr
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.normalize]\nstyle = "en-GB"\n\n'
        '[tool.normalize.per-file-ignores]\n"new.txt" = ["nmaes"]\n', encoding="utf-8")
    bad = run("check", "new.txt", cwd=tmp_path)  # the error names the table's line, not [tool.normalize]'s
    assert bad.returncode == 2 and b"pyproject.toml:7:" in bad.stderr and b"did you mean 'names'" in bad.stderr


def test_format_choices_come_from_the_registry():
    from normalize.report import FORMATS

    help_text = run("check", "--help").stdout.decode()
    assert all(name in help_text for name in FORMATS)


# --- the process exits without interpreter teardown (cli._exit_without_teardown) ----------

def test_a_long_report_arrives_whole_through_a_pipe(tmp_path):
    """The exit skips teardown, never the flush: every byte of a report bigger than a pipe's
    buffer reaches the reader, with the exit status of the run."""
    for number in range(150):
        article(tmp_path, "Mr. Kim met Mr Putin and Mr Lee.\n" * 20, name=f"a{number:03}.txt")
    done = run("check", "--format", "json", *HONORIFICS, str(tmp_path))
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)  # complete, well-formed JSON
    assert len(report["files"]) == 150
    assert len(done.stdout) > 1 << 16


def test_a_reader_that_leaves_early_gets_a_message_and_status_2(tmp_path):
    """`normalize check ... | head`: one line saying the output was cut short, status 2 (not the
    status 1 of a run with findings), no traceback."""
    for number in range(150):
        article(tmp_path, "Mr. Kim met Mr Putin and Mr Lee.\n" * 20, name=f"a{number:03}.txt")
    process = subprocess.Popen([sys.executable, "-m", "normalize", "check", *HONORIFICS, str(tmp_path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(100)
    process.stdout.close()  # like `| head -c 100`
    errors = process.stderr.read().decode()
    assert process.wait(timeout=120) == 2
    assert "output cut short" in errors
    assert "Traceback" not in errors and "internal error" not in errors


STUBBORN_BATCH = """
import signal, sys, time
from pathlib import Path
import normalize.batch as batch
from normalize.files import Target
from normalize.pipeline import Normalizer

def stubborn_init():  # a worker that outlives SIGTERM, as one stuck on a queue lock does
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)

def stuck(target, engine, options):
    time.sleep(3600)

def interrupt(signum, frame):
    raise KeyboardInterrupt

batch._worker_init, batch.process, batch.STOP_GRACE = stubborn_init, stuck, 0.5
engine = Normalizer()
targets = [Target(Path(name), name, True) for name in sys.argv[1:]]
signal.signal(signal.SIGALRM, interrupt)
signal.alarm(2)
try:
    for outcome in batch.process_all(targets, lambda target: engine, batch.Options(), 2):
        pass
except KeyboardInterrupt:
    print("stopped")
"""


def test_an_interrupted_batch_stops_workers_that_ignore_sigterm(tmp_path):
    """Ctrl-C during a batch: workers get SIGTERM, and SIGKILL once the grace period is over, so
    a worker that does not stop (the pool's loop swallows the SystemExit of a task; a sibling
    may have died holding the queue's lock) cannot hang the pool's shutdown for ever."""
    import signal

    names = [str(article(tmp_path, name=f"a{number}.txt")) for number in range(4)]
    process = subprocess.Popen([sys.executable, "-c", STUBBORN_BATCH, *names], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, errors = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the run and its stuck workers
        process.communicate()
        pytest.fail("the interrupted batch did not stop its workers")
    assert out.strip() == "stopped", errors[-2000:]


def test_an_interrupted_jsonl_run_with_workers_stops_at_once_and_writes_whole_lines(tmp_path):
    """Ctrl-C while --jsonl --jobs 2 has chunks in flight: the chunks are not waited for, the
    workers are stopped, the exit status is 130 and every line written is a whole record."""
    import signal
    import time

    lead = "Officials in the capital said on Tuesday that Mr. Kim met Mr Putin and the talks would go on. "
    source = tmp_path / "in.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for number in range(60_000):
            handle.write(json.dumps({"id": number, "text": lead * 3 + f"Record {number}."}) + "\n")
    output = tmp_path / "out.jsonl"
    process = subprocess.Popen([sys.executable, "-m", "normalize", "fix", "--jsonl", str(source), "-o", str(output),
                                "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True, env={**os.environ, "PYTHONFAULTHANDLER": "1"})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not output.exists() or output.stat().st_size < 100_000):
        time.sleep(0.05)  # records are being written: chunks are in flight
    assert process.poll() is None, "the run ended before it could be interrupted"
    os.kill(process.pid, signal.SIGINT)  # the parent only: its workers must be stopped by it
    stopped = time.monotonic()
    try:
        _, errors = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        # where it hangs (it did once in CI, in 1 of 5 runs): faulthandler prints every
        # thread's stack on SIGABRT
        os.kill(process.pid, signal.SIGABRT)
        try:
            _, errors = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            errors = "(no stacks: the process did not answer SIGABRT)"
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # its workers
        process.wait()
        pytest.fail(f"the interrupted --jsonl run did not stop; its threads:\n{errors[-6000:]}")
    assert process.returncode == 130, errors[-2000:]
    assert "interrupted" in errors
    assert time.monotonic() - stopped < 10
    time.sleep(0.5)
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)  # no worker left in the run's process group
    lines = output.read_text(encoding="utf-8").splitlines(keepends=True)
    assert 0 < len(lines) < 60_000
    assert all(line.endswith("\n") for line in lines)
    assert [json.loads(line)["id"] for line in lines] == list(range(len(lines)))


def test_an_interrupted_run_leaves_even_if_an_exit_handler_never_returns():
    """The last line of defence behind Ctrl-C: exit handlers (multiprocessing joins a queue's
    feeder thread there) get EXIT_HANDLERS_GRACE seconds, then the process leaves with 130."""
    import time

    script = ("import atexit, threading\n"
              "from normalize import cli\n"
              "atexit.register(threading.Event().wait)  # a handler waiting for what never comes\n"
              "cli.EXIT_HANDLERS_GRACE = 1.0\n"
              "cli._exit_without_teardown(130)\n")
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 130, done.stderr
    assert "exit handlers did not finish" in done.stderr
    assert time.monotonic() - started < 30


def test_stopped_workers_leave_no_queue_feeder_for_the_exit_handlers_to_wait_for():
    """batch._stop with payloads queued beyond what the pipe holds: the exit handlers that
    multiprocessing registered return at once (they would join the call queue's feeder)."""
    script = ("import atexit, os, sys, time\n"
              "from concurrent.futures import ProcessPoolExecutor\n"
              "from normalize.batch import _stop\n"
              "if __name__ == '__main__':\n"
              "    pool = ProcessPoolExecutor(max_workers=2)\n"
              "    futures = [pool.submit(time.sleep, 60) for _ in range(2)]\n"
              "    futures += [pool.submit(len, 'x' * 2_000_000) for _ in range(4)]  # 2 MB each: a full pipe\n"
              "    time.sleep(1.0)\n"
              "    _stop(pool)\n"
              "    started = time.monotonic()\n"
              "    atexit._run_exitfuncs()\n"
              "    print(round(time.monotonic() - started, 1))\n"
              "    os._exit(0)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert float(done.stdout) < 5, done.stdout


def _stuck_chunk(engine, lines, field, report_field):  # noqa: ANN001, ANN202 - a chunk that never finishes
    import time

    time.sleep(120)
    return []


def test_an_interrupted_jsonl_run_does_not_wait_for_the_chunks_in_flight(monkeypatch):
    """A real SIGINT while every worker is inside a chunk that takes minutes (a huge record):
    the run stops at once instead of waiting for them (the pool's own shutdown would)."""
    import io
    import signal
    import threading
    import time

    from normalize import jsonl

    monkeypatch.setattr(jsonl, "_clean_chunk", _stuck_chunk)  # forked workers see it too
    source = io.StringIO("".join(json.dumps({"text": "x"}) + "\n" for _ in range(jsonl.CHUNK * 4)))
    # to the process, as Ctrl-C sends it (Linux hands it to the main thread, waiting on a chunk)
    timer = threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT))
    started = time.monotonic()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        list(jsonl._process(None, source, "text", None, 2))  # type: ignore[arg-type]
    assert time.monotonic() - started < 15


def test_a_jsonl_run_interrupted_while_writing_closes_its_chunks(monkeypatch):
    """Ctrl-C while a line is being written (not while a chunk is awaited): the chunk generator,
    whose clean-up stops the worker pool, is closed before the interrupt leaves stream_jsonl
    (the CLI exits with os._exit, which runs no clean-up of its own)."""
    import io

    from normalize import Normalizer, jsonl

    closed = []
    real = jsonl._process

    def recording(*args, **kwargs):
        try:
            yield from real(*args, **kwargs)
        finally:
            closed.append(True)

    class InterruptedSink(io.StringIO):
        def write(self, text):
            raise KeyboardInterrupt

    monkeypatch.setattr(jsonl, "_process", recording)
    source = io.StringIO(json.dumps({"text": "Mr Kim met Mr Putin."}) + "\n")
    with pytest.raises(KeyboardInterrupt) as interrupted:
        jsonl.stream_jsonl(Normalizer(), source, InterruptedSink())
    assert interrupted.traceback  # (the traceback, and the frames it holds, are still alive here)
    assert closed == [True]


def test_a_run_cut_short_closes_its_batch(tmp_path, monkeypatch):
    """The process leaves without the interpreter's teardown (os._exit), which would skip the
    batch generator's clean-up (shutting the worker pool down): the CLI closes it itself when a
    run ends early, here by an interrupt while the generator waits between two files."""
    import normalize.batch
    import normalize.cli as cli

    closed = []
    real = normalize.batch.process_all

    def recording(*args, **kwargs):
        try:
            yield from real(*args, **kwargs)
        finally:
            closed.append(True)

    def interrupted(outcome, keep_texts):
        raise KeyboardInterrupt

    monkeypatch.setattr(normalize.batch, "process_all", recording)
    monkeypatch.setattr(cli, "_slim", interrupted)
    for number in range(3):
        article(tmp_path, name=f"a{number}.txt")
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code != 0
    assert closed == [True]
