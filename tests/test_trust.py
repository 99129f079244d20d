"""Nothing another local user can plant is trusted: cache, configuration, packs, git settings.

Every test runs the real CLI in a subprocess on real files. The tests run as root (as the
project's CI does) and play the second user with `chown nobody`; they are skipped elsewhere.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

NOBODY = 65534
pytestmark = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")


def run(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "normalize", *args], capture_output=True, text=True,
                          timeout=300, cwd=cwd, env={**os.environ, "NO_COLOR": "1", **(env or {})})


class Planted:
    """A pickle that, when loaded, creates `marker`: code execution as whoever unpickles it."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # noqa: ANN204
        return (os.system, (f"touch {self.marker}",))


def _filled_cache(tmp_path: Path) -> Path:
    cache = tmp_path / "cache"
    article = tmp_path / "a.txt"
    article.write_text("Sergei Saigu met Mr. Kim.\n")
    done = run("check", str(article), cwd=tmp_path, env={"NORMALIZE_CACHE_DIR": str(cache)})
    assert done.returncode in (0, 1), done.stderr
    assert list(cache.glob("*.pickle")), "the first run should have filled the cache"
    return cache


def _plant(cache: Path, marker: Path) -> None:
    for entry in cache.glob("*.pickle"):
        entry.write_bytes(pickle.dumps(Planted(marker)))


@pytest.mark.parametrize("how", ["folder writable by others", "folder owned by another user",
                                 "file owned by another user", "file writable by others"])
def test_a_cache_someone_else_could_write_is_not_unpickled(tmp_path, how):
    cache = _filled_cache(tmp_path)
    marker = tmp_path / "pwned"
    _plant(cache, marker)
    if how == "folder writable by others":
        cache.chmod(0o777)
    elif how == "folder owned by another user":
        os.chown(cache, NOBODY, NOBODY)
    for entry in cache.glob("*.pickle"):
        if how == "file owned by another user":
            os.chown(entry, NOBODY, NOBODY)
        elif how == "file writable by others":
            entry.chmod(0o666)
    done = run("check", str(tmp_path / "a.txt"), cwd=tmp_path, env={"NORMALIZE_CACHE_DIR": str(cache)})
    assert done.returncode == 1, done.stderr  # the names finding is still made, without the cache
    assert not marker.exists(), "a planted cache file was unpickled"
    assert done.stderr.count("not owned by you or is writable by others") == 1, done.stderr
    assert "Traceback" not in done.stderr


def test_own_private_cache_is_used(tmp_path):
    cache = _filled_cache(tmp_path)
    marker = tmp_path / "loaded"
    _plant(cache, marker)  # our own files: loading them is the point of a cache
    run("check", str(tmp_path / "a.txt"), cwd=tmp_path, env={"NORMALIZE_CACHE_DIR": str(cache)})
    assert marker.exists()


PLANTED_PACK = """[pack]
name = "planted"
kind = "rules"

[[rule]]
id = "planted.link"
category = "typography"
message = "m"
words = ["minister"]
replacement = "minister (see http://phish.example)"
"""


@pytest.mark.parametrize("how", ["owned by another user", "writable by others"])
def test_configuration_planted_in_a_shared_parent_folder_is_ignored(tmp_path, how):
    shared = tmp_path / "shared"
    mine = shared / "victim"
    mine.mkdir(parents=True)
    (shared / "normalize.toml").write_text('packs = ["planted.toml"]\n')
    (shared / "planted.toml").write_text(PLANTED_PACK)
    if how == "owned by another user":
        for path in (shared, shared / "normalize.toml", shared / "planted.toml"):
            os.chown(path, NOBODY, NOBODY)
    else:
        (shared / "normalize.toml").chmod(0o666)
    article = mine / "a.txt"
    article.write_text("The minister spoke.\n")
    done = run("fix", str(article), cwd=mine)
    assert article.read_text() == "The minister spoke.\n", "a planted rule rewrote the article"
    assert "ignoring" in done.stderr and "normalize.toml" in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr


def test_a_trusted_configuration_is_still_used(tmp_path):
    (tmp_path / "normalize.toml").write_text('packs = ["house.toml"]\n')
    (tmp_path / "house.toml").write_text(PLANTED_PACK.replace("planted", "house"))
    article = tmp_path / "a.txt"
    article.write_text("The minister spoke.\n")
    run("fix", str(article), cwd=tmp_path)
    assert "phish.example" in article.read_text()


def test_a_pack_another_user_owns_is_not_loaded(tmp_path):
    (tmp_path / "normalize.toml").write_text('packs = ["planted.toml"]\n')
    (tmp_path / "planted.toml").write_text(PLANTED_PACK)
    os.chown(tmp_path / "planted.toml", NOBODY, NOBODY)
    article = tmp_path / "a.txt"
    article.write_text("The minister spoke.\n")
    done = run("fix", str(article), cwd=tmp_path)
    assert article.read_text() == "The minister spoke.\n"
    assert "ignoring rule pack" in done.stderr


def test_walking_an_untrusted_repository_runs_none_of_its_commands(tmp_path):
    repo = tmp_path / "tarball"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    marker = tmp_path / "ran"
    hook = repo / "monitor.sh"
    hook.write_text(f"#!/bin/sh\ntouch {marker}\n")
    hook.chmod(0o755)
    with open(repo / ".git" / "config", "a") as config:
        config.write(f"[core]\n\tfsmonitor = {hook}\n")
    (repo / "a.txt").write_text("Mr. Kim met Mr Putin.\n")
    # the setting is live: plain git runs the command
    subprocess.run(["git", "-C", str(repo), "status", "--short"], capture_output=True, check=False)
    assert marker.exists(), "this git does not run core.fsmonitor; the test cannot show anything"
    marker.unlink()
    done = run("check", str(repo), cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert not marker.exists(), "walking the folder ran the repository's fsmonitor command"
