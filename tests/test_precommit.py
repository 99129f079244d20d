"""The real pre-commit framework runs our hooks on a scratch repository: fail and fix, then pass."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture(scope="module")
def hook_source(tmp_path_factory) -> tuple[Path, str]:
    """A commit of the current working tree, so the hook runs the code under test."""
    clone = tmp_path_factory.mktemp("hook-source") / "normalize"
    shutil.copytree(ROOT, clone, ignore=shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info",
                                                                 ".pytest_cache", ".hypothesis", "dist", "build"))
    git(clone, "init", "-q")
    git(clone, "add", "-A")
    git(clone, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "snapshot")
    rev = subprocess.run(["git", "-C", str(clone), "rev-parse", "HEAD"], capture_output=True, text=True,
                         check=True).stdout.strip()
    return clone, rev


def pre_commit(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=repo, env=env, capture_output=True,
                          text=True, timeout=1800)


def test_hook_fails_and_fixes_then_passes(tmp_path, hook_source):
    source, rev = hook_source
    repo = tmp_path / "articles"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {source}\n  rev: {rev}\n  hooks:\n  - id: normalize\n"
    )
    (repo / "story.md").write_text(
        "# Talks\n\nMr. Kim met Mr Putin and Mr Lavrov in Vladivostok.\n\n```\nMr. Code stays\n```\n",
        encoding="utf-8",
    )
    (repo / "notes.txt").write_text("Nothing to fix here.\n", encoding="utf-8")
    git(repo, "add", "-A")
    home = tmp_path / "pre-commit-home"
    first = pre_commit(repo, home, "run", "--all-files")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout or "Failed" in first.stdout
    assert (repo / "story.md").read_text() == (
        "# Talks\n\nMr Kim met Mr Putin and Mr Lavrov in Vladivostok.\n\n```\nMr. Code stays\n```\n"
    )
    git(repo, "add", "-A")
    second = pre_commit(repo, home, "run", "--all-files")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout


def test_local_hook_from_a_clone_works(tmp_path, hook_source):
    """The README's `repo: local` snippet: the hook installed from a clone's path, no published repo."""
    source, _ = hook_source
    repo = tmp_path / "articles"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n- repo: local\n  hooks:\n  - id: normalize-check\n    name: normalize (check)\n"
        "    entry: normalize check --force-exclude\n    language: python\n"
        f"    additional_dependencies: ['{source}']\n    types_or: [markdown, plain-text, rst, html]\n"
    )
    (repo / "story.md").write_text("Mr. Kim met Mr Putin and Mr Lavrov.\n", encoding="utf-8")
    git(repo, "add", "-A")
    home = tmp_path / "pre-commit-home"
    first = pre_commit(repo, home, "run", "--all-files")
    assert first.returncode == 1 and "honorific.mr" in first.stdout, first.stdout + first.stderr
    (repo / "story.md").write_text("Mr Kim met Mr Putin and Mr Lavrov.\n", encoding="utf-8")
    git(repo, "add", "-A")
    second = pre_commit(repo, home, "run", "--all-files")
    assert second.returncode == 0 and "Passed" in second.stdout, second.stdout + second.stderr
