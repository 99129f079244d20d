"""A plain, non-editable `pip install` of the built wheel works from any directory, rules included."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_installs_into_a_clean_venv_and_finds_its_rules(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    wheel = next(dist.glob("newsprint_normalize-*.whl"))  # the distribution name; the import stays normalize
    import zipfile

    assert "normalize/py.typed" in zipfile.ZipFile(wheel).namelist()  # type checkers see the annotations
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, timeout=900)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    article = elsewhere / "a.txt"
    article.write_text("Mr. Kim met Mr Putin and Mr Lee.\n", encoding="utf-8")
    normalize = env_dir / "bin" / "normalize"
    fixed = subprocess.run([str(normalize), "fix", "--stdout", str(article)], cwd=elsewhere,
                           capture_output=True, timeout=300)
    assert fixed.stdout == b"Mr Kim met Mr Putin and Mr Lee.\n", fixed.stderr
    rules = subprocess.run([str(normalize), "rules"], cwd=elsewhere, capture_output=True, text=True, timeout=300)
    assert rules.returncode == 0 and "honorific.mr" in rules.stdout and "names.shoigu" in rules.stdout
    listing = subprocess.run([str(normalize), "rules", "--format", "json"], cwd=elsewhere, capture_output=True,
                             text=True, timeout=300)
    sources = {rule["source"] for rule in json.loads(listing.stdout)}
    assert any("site-packages/normalize/rules/" in s for s in sources)  # packs come from inside the wheel
