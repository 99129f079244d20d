"""The command line on legacy files it cannot decode for sure: exit 2, a message, the file untouched."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

MUNICH = b"The team flew to M\x81nchen on Sunday for the final.\n"  # 0x81: DOS "\u00fc", Mac Roman "\u00c5"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "normalize", *args], capture_output=True, timeout=120)


@pytest.mark.parametrize("command", ["check", "fix"])
def test_ambiguous_dos_or_mac_byte_is_an_error_and_the_file_is_left_alone(tmp_path: Path, command: str) -> None:
    path = tmp_path / "munich.txt"
    path.write_bytes(MUNICH)
    done = run(command, str(path))
    assert done.returncode == 2, done
    assert b"cp850 (DOS) reads it almost as well as mac-roman" in done.stderr
    assert b"Traceback" not in done.stderr
    assert path.read_bytes() == MUNICH


def test_ambiguous_byte_in_the_json_report(tmp_path: Path) -> None:
    path = tmp_path / "munich.txt"
    path.write_bytes(MUNICH)
    done = run("check", "--format", "json", str(path))
    report = json.loads(done.stdout)
    assert done.returncode == 2 and report["files"] == []
    (error,) = report["errors"]
    assert "left as it is" in error["message"] and "'München' or 'MÅnchen'" in error["message"]
