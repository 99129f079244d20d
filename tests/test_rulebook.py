"""Rule packs: validation errors name file:line; user packs plug in through configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

import normalize
from normalize.errors import RulePackError
from normalize.rulebook import bundled_pack_paths, parse_rules, read_pack


def write(tmp_path: Path, text: str, name: str = "pack.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD_HEADER = '[pack]\nname = "house"\nkind = "rules"\n'


@pytest.mark.parametrize(
    "body,line,fragment",
    [
        ('[pack]\nname = "x"\nkind = "nonsense"\n', 3, "kind must be one of"),
        ('[pack]\nname = "x"\nkind = "rules"\n\n[[rule]]\nid = "typo.x"\ncategory = "typography"\nmessage = "m"\n'
         'pattern = "a"\nreplacment = "b"\n', 10, "unknown key 'replacment'"),
        (GOOD_HEADER + '\n[[rule]]\nid = "typo.x"\ncategory = "typography"\nmessage = "m"\npattern = "("\n', 9,
         "invalid regular expression"),
        (GOOD_HEADER + '\n[[rule]]\nid = "typo.x"\ncategory = "typography"\nmessage = "m"\npattern = "a*"\n', 9,
         "matches the empty string"),
        (GOOD_HEADER + '\n[[rule]]\nid = "Bad Id"\ncategory = "typography"\nmessage = "m"\npattern = "a"\n', 6,
         "rule id"),
        (GOOD_HEADER + '\n[[rule]]\nid = "typo.x"\ncategory = "spelling"\nmessage = "m"\npattern = "a"\n', 7,
         "'category' must be one of"),
        (GOOD_HEADER + '\n[[rule]]\nid = "typo.x"\ncategory = "typography"\nmessage = "m"\nwords = []\n', 9,
         "'words' must be a non-empty list"),
        (GOOD_HEADER + '\n[[rule]]\nid = "typo.x"\ncategory = "typography"\nsafe = "yes"\nmessage = "m"\n'
         'pattern = "a"\n', 8, "'safe' must be true or false"),
        ('[pack]\nname = "x"\nkind = "rules"\n[[rule]\n', 4, "invalid TOML"),
    ],
)
def test_broken_packs_name_file_and_line(tmp_path, body, line, fragment):
    path = write(tmp_path, body)
    with pytest.raises(RulePackError) as caught:
        parse_rules(read_pack(path))
    assert caught.value.line == line, str(caught.value)
    assert fragment in str(caught.value)
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_every_bundled_pack_loads():
    engine = normalize.Normalizer()
    ids = [rule.id for rule in engine.rules()]
    assert len(ids) == len(set(ids)), "rule ids are unique"
    assert {"honorific.mr", "foreign-script.stray"} <= set(ids)
    assert bundled_pack_paths()


def test_a_user_pack_adds_rules_through_configuration(tmp_path):
    pack = write(tmp_path, GOOD_HEADER + '''
[[rule]]
id = "house.okay"
category = "typography"
message = "house style: OK"
words = ["Ok", "Okay"]
replacement = "OK"
examples = [{ input = "It was Okay.", output = "It was OK." }]
''')
    engine = normalize.Normalizer(config={"packs": [str(pack)]})
    result = engine.normalize_text("It was Okay, he said. Ok then. Okayish stays.")
    assert result.text == "It was OK, he said. OK then. Okayish stays."
    assert [c.rule for c in result.changes] == ["house.okay", "house.okay"]
    assert "house.okay" in {r.id for r in engine.rules()}


def test_a_catastrophic_user_pattern_times_out_into_a_finding(tmp_path, monkeypatch):
    import normalize.stages.rules as rules_stage

    monkeypatch.setattr(rules_stage, "TIMEOUT_SECONDS", 0.2)
    pack = write(tmp_path, GOOD_HEADER + '''
[[rule]]
id = "house.slow"
category = "typography"
message = "catastrophic"
pattern = "(a|aa)+$"
replacement = "b"
''')
    engine = normalize.Normalizer(config={"packs": [str(pack)]}, select=["house"])
    result = engine.normalize_text("a" * 40 + "!")
    assert result.text == "a" * 40 + "!"
    assert [f.rule for f in result.findings] == ["house.slow"]
    assert "timed out" in result.findings[0].message


def test_rules_that_undo_each_other_are_rejected_naming_both(tmp_path):
    one = write(tmp_path, GOOD_HEADER + '\n[[rule]]\nid = "house.ok"\ncategory = "typography"\nmessage = "m"\n'
                'words = ["Okay"]\nreplacement = "OK"\n', "one.toml")
    two = write(tmp_path, '[pack]\nname = "other"\nkind = "rules"\n\n[[rule]]\nid = "other.okay"\n'
                'category = "typography"\nmessage = "m"\nwords = ["OK"]\nreplacement = "Okay"\n', "two.toml")
    with pytest.raises(RulePackError) as caught:
        normalize.Normalizer(config={"packs": [str(one), str(two)]}).rules()
    assert f"{one}:6" in str(caught.value) and f"{two}:6" in str(caught.value)
    assert "undo each other" in str(caught.value)


def test_two_rules_rewriting_the_same_word_differently_are_rejected(tmp_path):
    pack = write(tmp_path, GOOD_HEADER + '''
[[rule]]
id = "house.a"
category = "typography"
message = "m"
words = ["Okay", "Alright"]
replacement = "OK"

[[rule]]
id = "house.b"
category = "typography"
message = "m"
pattern = "Ok(ay)?"
replacement = "O.K."
''')
    with pytest.raises(RulePackError, match=r"rewrites 'Okay' as 'OK' but rule house.b .*:13\) as 'O.K.'"):
        normalize.Normalizer(config={"packs": [str(pack)]}).rules()


def test_an_unknown_foreign_script_action_is_a_configuration_error(tmp_path):
    config = write(tmp_path, 'foreign-actions = { el = "transalte" }\n', "normalize.toml")
    with pytest.raises(RulePackError, match=r"normalize.toml:1: 'foreign-actions' must map .* translate"):
        normalize.Normalizer(config=str(config))
