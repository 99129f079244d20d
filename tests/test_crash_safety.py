"""A `fix` killed at any moment leaves the old file or the new one, whole; concurrent fixes never interleave."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

LINE = "Mr. Kim met Mr Putin and Mr Lee in Vladivostok, said Dr. Park and Ms Choi.\n"


def start_fix(path: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "normalize", "fix", str(path), "--select", "honorific"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def big_article(tmp_path_factory) -> tuple[bytes, bytes, float]:
    """The article, its fixed form, and how long a whole `fix` of it takes here."""
    folder = tmp_path_factory.mktemp("big")
    original = (LINE * 60_000).encode()  # ~4.5 MB: slow enough to kill mid-run
    source = folder / "a.txt"
    source.write_bytes(original)
    expected = subprocess.run([sys.executable, "-m", "normalize", "fix", "--stdout", str(source),
                               "--select", "honorific"], capture_output=True, check=False).stdout
    assert expected and expected != original
    started = time.perf_counter()
    assert start_fix(source).wait(timeout=300) == 0
    return original, expected, time.perf_counter() - started


# Moments across the whole run, most of them near its end, where the file is written.
@pytest.mark.parametrize("fraction", [0.02, 0.3, 0.6, 0.85, 0.92, 0.96, 0.98, 0.995, 1.01])
def test_sigkill_leaves_old_or_new_file(tmp_path, big_article, fraction):
    original, expected, duration = big_article
    path = tmp_path / "a.txt"
    path.write_bytes(original)
    process = start_fix(path)
    time.sleep(duration * fraction)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert path.read_bytes() in (original, expected)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "a.txt"]
    assert all(name.endswith(".normalize-tmp") for name in leftovers)  # at most an orphaned temp file
    assert start_fix(path).wait(timeout=300) == 0  # the next run finishes the job and tidies up
    assert path.read_bytes() == expected
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_two_concurrent_fixes_do_not_interleave(tmp_path, big_article):
    original, expected, _ = big_article
    path = tmp_path / "a.txt"
    path.write_bytes(original)
    first, second = start_fix(path), start_fix(path)
    assert first.wait(timeout=300) in (0, 2) and second.wait(timeout=300) in (0, 2)
    assert path.read_bytes() == expected


def test_symlink_stays_a_link_and_its_target_is_fixed(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text(LINE)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    done = subprocess.run([sys.executable, "-m", "normalize", "fix", str(link), "--select", "honorific"],
                          capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert link.is_symlink()
    assert target.read_text() == "Mr Kim met Mr Putin and Mr Lee in Vladivostok, said Dr Park and Ms Choi.\n"


def test_file_changed_between_read_and_write_is_not_overwritten(tmp_path):
    from normalize.errors import NormalizeError
    from normalize.safe_write import fingerprint, replace_file

    path = tmp_path / "a.txt"
    path.write_text("old")
    seen = fingerprint(path.read_bytes())
    path.write_text("edited by someone else")
    with pytest.raises(NormalizeError, match="changed on disk"):
        replace_file(path, b"new", seen)
    assert path.read_text() == "edited by someone else"


@pytest.fixture
def tiny_disk(tmp_path):
    """A 64 KB tmpfs (needs root, as on CI); skipped where mounting is not allowed."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


def test_full_disk_gives_a_clear_message_and_keeps_the_file(tiny_disk):
    article = tiny_disk / "a.txt"
    original = (LINE * 400).encode()  # ~30 KB: the fixed copy cannot fit beside it
    article.write_bytes(original)
    filler = tiny_disk / "filler"
    try:
        filler.write_bytes(b"x" * 40_000)
    except OSError:
        pass
    done = subprocess.run([sys.executable, "-m", "normalize", "fix", str(article), "--select", "honorific"],
                          capture_output=True, timeout=120)
    assert done.returncode == 2
    assert b"disk full" in done.stderr or b"No space left" in done.stderr
    assert b"Traceback" not in done.stderr
    assert article.read_bytes() == original
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["a.txt", "filler"]  # no temp file left behind
