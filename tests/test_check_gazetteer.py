"""tools/check_gazetteer.py runs in CI: the bundled gazetteer is clean, and broken packs are caught."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("check_gazetteer", ROOT / "tools" / "check_gazetteer.py")
assert _spec and _spec.loader
check_gazetteer = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_gazetteer)

HEADER = '[pack]\nname = "names-desk"\nkind = "gazetteer"\n\n'


def test_the_bundled_gazetteer_is_clean(capsys):
    assert check_gazetteer.main(["--strict"]) == 0
    assert "0 error(s), 0 warning(s)" in capsys.readouterr().out


def test_editorial_mistakes_are_errors(tmp_path, capsys):
    pack = tmp_path / "desk.toml"
    pack.write_text(HEADER + (
        '[[entity]]\nid = "ivanov"\ncanonical = "Ivan Ivanov"\nkind = "person"\n'
        'native = [{ lang = "ru", text = "Іван Иванов" }]\ngiven = "Ivan"\nsurname = "Ivanov"\n'
        'variants = ["Bush"]\n'
    ), encoding="utf-8")
    assert check_gazetteer.main([str(pack)]) == 1
    out = capsys.readouterr().out
    assert "not in the ru alphabet" in out and "ordinary English word" in out and "desk.toml:5 [ivanov]" in out


def test_a_structural_mistake_names_its_line_through_the_engines_loader(tmp_path, capsys):
    pack = tmp_path / "desk.toml"
    pack.write_text(HEADER + '[[entity]]\nid = "x"\ncanonical = "X"\nkind = "person"\nnickname = "y"\n',
                    encoding="utf-8")
    assert check_gazetteer.main([str(pack)]) == 1
    assert "desk.toml:9: error: entity 'x': unknown key 'nickname'" in capsys.readouterr().out


def test_a_missing_path_is_a_usage_error(tmp_path):
    assert check_gazetteer.main([str(tmp_path / "nope.toml")]) == 2
