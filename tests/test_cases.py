"""One runner for every rule case: tests/cases/<family>/*.toml and the examples of every pack.

The runner is normalize/examples.py, the same one `normalize rules --check-examples` uses on
a newsroom's own packs; tests/packs/ holds two such user packs (a gazetteer and a rules pack).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from normalize.examples import bundled_examples, case_file, check_case, check_pack_examples, pack_examples
from normalize.rulebook import bundled_pack_paths, read_pack

ROOT = Path(__file__).resolve().parent.parent
CASE_FILES = sorted((ROOT / "tests" / "cases").glob("*/*.toml"))
CASES = [case for path in CASE_FILES for case in case_file(path)]
EXAMPLES = bundled_examples()
USER_PACKS = sorted((ROOT / "tests" / "packs").glob("*.toml"))


def _id(case) -> str:  # noqa: ANN001
    return case.where.rsplit("/", 1)[-1]


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_case_files(case):
    assert check_case(case) is None, check_case(case)


@pytest.mark.parametrize("case", EXAMPLES, ids=[_id(c) for c in EXAMPLES])
def test_bundled_pack_examples(case):
    assert check_case(case) is None, check_case(case)


@pytest.mark.parametrize("path", USER_PACKS, ids=[p.name for p in USER_PACKS])
def test_user_pack_examples(path):
    count, failures = check_pack_examples([path])
    assert count >= 2 and not failures, failures


def test_there_are_cases_for_every_family_and_examples_for_every_pack_kind():
    families = {p.parent.name for p in CASE_FILES}
    assert {"encoding", "unicode", "whitespace", "homoglyph", "foreign-script", "honorific", "names"} <= families
    kinds = {read_pack(p).kind for p in bundled_pack_paths() if pack_examples(p)}
    kinds |= {read_pack(p).kind for p in USER_PACKS}
    assert kinds == {"honorifics", "rules", "gazetteer", "glossary"}


def test_a_wrong_example_is_reported_with_its_place(tmp_path):
    pack = tmp_path / "bad.toml"
    pack.write_text(
        '[pack]\nname = "bad"\nkind = "rules"\n\n[[rule]]\nid = "house.okay"\ncategory = "typography"\n'
        'words = ["Okay"]\nreplacement = "OK"\nmessage = "m"\n'
        'examples = [{ input = "It was Okay.", output = "It was Okay." }]\n',
        encoding="utf-8",
    )
    count, failures = check_pack_examples([pack])
    assert count == 1
    assert len(failures) == 1 and "bad.toml:6" in failures[0] and "'It was OK.'" in failures[0]


def test_a_case_file_with_an_unknown_key_names_its_line(tmp_path):
    from normalize.errors import RulePackError

    path = tmp_path / "cases.toml"
    path.write_text('[[case]]\ninput = "x"\n\n[[case]]\ninput = "y"\nexpect = "y"\n', encoding="utf-8")
    with pytest.raises(RulePackError, match=r"cases.toml:6"):
        case_file(path)
