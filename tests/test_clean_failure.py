"""Nothing lost and clean failure: the write window, JSONL, hard links, owners, dead workers,
Ctrl-C, closed descriptors, odd files while walking, and names that would drive the terminal.

Real processes on real files throughout; the second user is `nobody` (the tests need root).
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

NOBODY = 65534
ROOT_ONLY = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
ARTICLE = "Mr. Kim met Mr Putin and Mr Lee in Vladivostok.\n"


def run(*args: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "normalize", *args], capture_output=True, timeout=300, cwd=cwd,
                          env={**os.environ, "NO_COLOR": "1"}, **kwargs)


def script(code: str, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], capture_output=True, timeout=300,
                          cwd=cwd, env={**os.environ, "NO_COLOR": "1"})


# --- nothing lost --------------------------------------------------------------------------

def test_jsonl_output_hard_linked_to_the_input_is_refused(tmp_path):
    source = tmp_path / "in.jsonl"
    data = b'{"text": "Mr. Kim met Mr Putin and Mr Lee"}\n' * 3
    source.write_bytes(data)
    os.link(source, tmp_path / "out.jsonl")
    done = run("fix", "--jsonl", str(source), "-o", str(tmp_path / "out.jsonl"), cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert b"must differ from the input" in done.stderr
    assert source.read_bytes() == data


def test_jsonl_record_that_cannot_be_parsed_for_any_reason_is_copied_through(tmp_path):
    huge_int = b'{"text": "x", "n": ' + b"9" * 5000 + b"}\n"  # json raises ValueError, not JSONDecodeError
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"text": "Mr. Kim met Mr Putin and Mr Lee"}\n' + huge_int + b'{"text": "Dr. Lee"}\n')
    done = run("fix", "--jsonl", str(source), "-o", str(tmp_path / "out.jsonl"), "-j", "1", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert b"line 2: cannot be parsed" in done.stderr and b"Traceback" not in done.stderr
    lines = (tmp_path / "out.jsonl").read_bytes().splitlines(keepends=True)
    assert len(lines) == 3 and lines[1] == huge_int
    assert json.loads(lines[0])["text"] == "Mr Kim met Mr Putin and Mr Lee"


def test_a_save_while_the_temporary_file_is_written_wins(tmp_path):
    """The fingerprint is compared after the temporary file is written and fsynced: an editor
    saving during that window (played here by a patched os.fsync) keeps its version."""
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    done = script("""
        import os, sys
        from pathlib import Path
        from normalize.errors import NormalizeError
        from normalize.safe_write import fingerprint, replace_file
        path = Path(sys.argv[1]); original = path.read_bytes(); real = os.fsync
        def editor_saves_meanwhile(fd):
            real(fd)
            path.write_text("The editor's version.\\n")
        os.fsync = editor_saves_meanwhile
        try:
            replace_file(path, b"fixed\\n", fingerprint(original))
        except NormalizeError as exc:
            print(exc)
        """, tmp_path, str(article))
    assert b"changed on disk" in done.stdout, done.stderr
    assert article.read_text() == "The editor's version.\n"
    assert not list(tmp_path.glob("*normalize-tmp"))


def test_cleanup_of_stale_temporaries_touches_only_its_own(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "a.txt.b.txt").write_text(ARTICLE)
    others = tmp_path / ".a.txt.b.txt.k2j4h5g6.normalize-tmp"  # a temporary of a.txt.b.txt
    others.write_text("someone else's")
    stale = tmp_path / ".a.txt.x8y7z6w5.normalize-tmp"  # one of a.txt's, left by a killed run
    stale.write_text("left over")
    done = run("fix", str(tmp_path / "a.txt"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert others.exists(), "the temporary file of a.txt.b.txt was deleted"
    assert not stale.exists()


@ROOT_ONLY
def test_fix_keeps_the_owner_and_group(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    os.chown(article, NOBODY, NOBODY)
    article.chmod(0o640)
    done = run("fix", str(article), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    info = article.stat()
    assert article.read_text() != ARTICLE
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (NOBODY, NOBODY, 0o640)


def test_a_hard_linked_file_is_refused_not_split(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    os.link(article, tmp_path / "b.txt")
    done = run("fix", str(article), cwd=tmp_path)
    assert done.returncode == 2 and b"hard links" in done.stderr, done.stderr
    assert os.path.samefile(article, tmp_path / "b.txt")
    assert article.read_text() == ARTICLE


def _as_nobody(code: str, *args: str) -> subprocess.CompletedProcess:
    """Run `code` as nobody: the modules are imported first, as root, because the interpreter's
    own files are not readable by nobody here."""
    prelude = """
        import os, sys
        import normalize.cli, normalize.batch, normalize.files, normalize.report, normalize.report.text
        import normalize.pipeline, normalize.config, normalize.rulebook
        os.setgroups([]); os.setgid(65534); os.setuid(65534)
    """
    return script(textwrap.dedent(prelude) + textwrap.dedent(code), Path("/"), *args)


@ROOT_ONLY
def test_a_folder_that_cannot_be_read_is_reported():
    base = Path(tempfile.mkdtemp(prefix="normalize-test-"))
    try:
        base.chmod(0o755)
        (base / "ok.txt").write_text(ARTICLE)
        locked = base / "locked"
        locked.mkdir(mode=0o000)
        locked.chmod(0o000)
        done = _as_nobody("""
            from normalize.files import collect
            targets, problems = collect([sys.argv[1]])
            print([t.display for t in targets], problems)
        """, str(base))
        assert b"ok.txt" in done.stdout, done.stderr
        assert b"locked: cannot read folder: Permission denied" in done.stdout, done.stdout + done.stderr
    finally:
        (base / "locked").chmod(0o755)
        import shutil

        shutil.rmtree(base)


# --- clean failure -------------------------------------------------------------------------

def test_a_dead_worker_costs_only_its_own_file(tmp_path):
    for i in range(8):
        (tmp_path / f"a{i}.txt").write_text(ARTICLE)
    (tmp_path / "poison.txt").write_text(ARTICLE)
    done = script("""
        import os, signal, sys
        import normalize.batch as batch
        real = batch.process
        def process(target, engine, options):  # the OOM killer, for one file
            if target.display.endswith("poison.txt"):
                os.kill(os.getpid(), signal.SIGKILL)
            return real(target, engine, options)
        batch.process = process
        sys.argv = ["normalize", "fix", "-j", "2", sys.argv[1]]
        from normalize.cli import main
        main()
        """, tmp_path, str(tmp_path))
    assert done.returncode == 2, done.stderr
    assert b"poison.txt: the worker processing it died twice" in done.stderr
    assert b"internal error" not in done.stderr and b"Traceback" not in done.stderr
    for i in range(8):
        assert (tmp_path / f"a{i}.txt").read_text() != ARTICLE, f"a{i}.txt was not fixed"
    assert (tmp_path / "poison.txt").read_text() == ARTICLE


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_prints_one_line_exits_130_and_leaves_no_temporary_file(tmp_path, jobs):
    for i in range(40):
        (tmp_path / f"a{i}.txt").write_text(ARTICLE * 20_000)
    proc = subprocess.Popen([sys.executable, "-m", "normalize", "fix", "-j", jobs, str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    time.sleep(4)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert err.decode().strip().splitlines() == ["normalize: interrupted"], err
    assert not list(tmp_path.glob(".*normalize-tmp"))


def test_closed_stdin_and_stdout_give_a_message(tmp_path):
    closed_in = subprocess.run([sys.executable, "-m", "normalize", "check", "-"], capture_output=False,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=lambda: os.close(0),
                               timeout=120, cwd=tmp_path)
    assert closed_in.returncode == 2
    assert b"standard input is closed" in closed_in.stderr and b"internal error" not in closed_in.stderr
    (tmp_path / "a.txt").write_text(ARTICLE)
    closed_out = subprocess.run([sys.executable, "-m", "normalize", "check", str(tmp_path / "a.txt")],
                                stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1), timeout=120, cwd=tmp_path)
    assert closed_out.returncode == 1
    assert b"standard output is closed" in closed_out.stderr and b"internal error" not in closed_out.stderr


def test_devices_fifos_and_sockets_found_while_walking_are_skipped(tmp_path):
    import socket

    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe.txt")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(tmp_path / "sock.txt"))
    try:
        done = run("check", str(tmp_path), cwd=tmp_path)
    finally:
        listener.close()
    assert done.returncode == 1, done.stderr  # a.txt has findings; the rest is skipped
    for name, kind in (("zero.txt", "character device"), ("pipe.txt", "FIFO")):
        assert f"skipped {tmp_path / name}: not a regular file (a {kind})".encode() in done.stderr, done.stderr


def test_names_and_texts_cannot_drive_the_terminal(tmp_path):
    name = "evil\x1b[2J\rforged: 0 finding(s)\n.txt"
    (tmp_path / name).write_text("Mr. Kim met Mr Putin and Mr Lee.\n")
    done = run("check", str(tmp_path), cwd=tmp_path)
    assert b"\x1b" not in done.stdout + done.stderr
    assert b"\r" not in done.stdout + done.stderr
    assert not any(line.startswith(b"forged") for line in done.stdout.splitlines())
    assert b"evil\\u001b[2J\\u000dforged" in done.stdout
