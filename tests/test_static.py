"""Static checks run with the suite: the layering (import-linter) and the types (mypy).

Both tools are in the `test` extra, so CI runs them; a machine without them skips with a
message that says so, rather than passing silently.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OUTER = {"normalize.cli", "normalize.report", "normalize.batch", "normalize.jsonl", "normalize.cluster",
         "normalize.__main__"}


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if not found:
        pytest.skip(f"{name} is not installed: pip install -e '.[test]' to run this check")
    return found


def test_layering_contracts_hold():
    done = subprocess.run([_tool("lint-imports")], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_module_is_either_core_or_outer():
    """A new module must be placed: in the core contract's list, or among the outer modules."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    core = set(config["contracts"][0]["source_modules"])
    modules = {f"normalize.{p.stem if p.is_file() else p.name}" for p in (ROOT / "normalize").iterdir()
               if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").is_file()}
    assert modules - core - OUTER == set()
    assert core & OUTER == set()


def test_the_package_type_checks():
    done = subprocess.run([_tool("mypy"), "normalize"], cwd=ROOT, capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stdout + done.stderr
