"""Rule cases as data, and one runner for them.

A case is an input, the output `normalize fix` must give, and optionally the rule ids
its changes and findings must carry. Cases come from two places:

- the `examples` of pack entries (honorifics, rules, gazetteer entities, glossary phrases),
  each run with only its family selected (a glossary phrase: with translation on);
- case files, `tests/cases/<family>/*.toml`, made of `[[case]]` tables:

      [[case]]
      name = "zero-width space inside a word"      # optional, for messages
      input = "Ukr\u200baine"
      output = "Ukraine"                            # default: the input, unchanged
      rules = ["unicode.zero-width-space"]          # ids of the changes (exactly), optional
      findings = []                                 # ids of the findings (exactly), optional
      style = "reuters"                             # optional house style
      language = "fr"                               # optional: the text is read as French
      markup = "markdown"                           # optional: text, markdown, html, rst
      select = ["unicode"]                          # optional selection
      unsafe = true                                 # optional: apply unsafe fixes
      config = { foreign-actions = { ru = "translate" } }  # optional settings

`normalize rules --check-examples PACK...` runs the examples of a newsroom's own packs
(with the bundled ones loaded too, as in use); tests/test_cases.py runs everything bundled.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from .errors import RulePackError
from .rulebook import Example, bundled_pack_paths, examples_problem, parse_examples, read_pack
from .tomlpos import error_line, locate

CASE_KEYS = {"name", "input", "output", "rules", "findings", "style", "language", "markup", "select",
             "unsafe", "config"}
MARKUPS = ("text", "markdown", "html", "rst")


@dataclass(frozen=True)
class Case:
    where: str  # file:line, for messages
    input: str
    output: str
    rules: tuple[str, ...] | None = None  # None: not checked
    findings: tuple[str, ...] | None = None
    style: str | None = None
    language: str | None = None
    markup: str = "text"
    select: tuple[str, ...] = ()
    unsafe: bool = False
    config: dict[str, Any] = field(default_factory=dict)
    packs: tuple[Path, ...] = ()  # user packs to load besides the bundled ones
    needs_rule: str | None = None  # a pack example: its rule must fire unless input == output


def check_case(case: Case) -> str | None:
    """Run one case; the reason it fails, or None."""
    from .pipeline import Normalizer

    settings = dict(case.config)
    if case.packs:
        settings["packs"] = [str(p) for p in case.packs] + list(settings.get("packs", []))
    # One example sentence is too short to detect its language reliably: the case's language
    # (or English) is configured, as a user would for short texts.
    engine = Normalizer(style=case.style, select=list(case.select) or None, config=settings or None,
                        unsafe_fixes=case.unsafe or None, language=case.language or "en")
    result = engine.normalize_text(case.input, markup=case.markup)
    got = result.text
    if got != case.output:
        return f"{case.where}: {case.input!r} gave {got!r}, expected {case.output!r}"
    changed = sorted({c.rule for c in result.changes})
    found = sorted({f.rule for f in result.findings})
    if case.rules is not None and changed != sorted(set(case.rules)):
        return f"{case.where}: changes by {changed}, expected {sorted(set(case.rules))}"
    if case.findings is not None and found != sorted(set(case.findings)):
        return f"{case.where}: findings {found}, expected {sorted(set(case.findings))}"
    if case.needs_rule and case.input != case.output and case.needs_rule not in changed:
        return f"{case.where}: rule {case.needs_rule} did not fire (changes by {changed})"
    return None


def check_cases(cases: Iterable[Case]) -> list[str]:
    return [problem for case in cases if (problem := check_case(case)) is not None]


# --- case files ---------------------------------------------------------------------------

def case_file(path: Path) -> list[Case]:
    """The `[[case]]` tables of a case file; a malformed one is a RulePackError naming file:line."""
    source = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise RulePackError(path, error_line(exc, source), f"invalid TOML: {exc}") from None
    if set(data) - {"case"} or not isinstance(data.get("case"), list):
        raise RulePackError(path, 1, "a case file holds [[case]] tables only")
    cases = []
    for index, raw in enumerate(data["case"]):
        line = locate(source, "case", index)

        def fail(key: str | None, message: str, index: int = index) -> RulePackError:
            return RulePackError(path, locate(source, "case", index, key), message)

        if not isinstance(raw, dict) or not isinstance(raw.get("input"), str):
            raise fail(None, "a case needs a string 'input'")
        unknown = sorted(set(raw) - CASE_KEYS)
        if unknown:
            raise fail(unknown[0], f"unknown key {unknown[0]!r} (allowed: {', '.join(sorted(CASE_KEYS))})")
        for key in ("rules", "findings", "select"):
            if key in raw and not (isinstance(raw[key], list) and all(isinstance(v, str) for v in raw[key])):
                raise fail(key, f"{key!r} must be a list of strings")
        if raw.get("markup", "text") not in MARKUPS:
            raise fail("markup", f"'markup' must be one of {', '.join(MARKUPS)}")
        cases.append(Case(
            f"{path}:{line}", raw["input"], str(raw.get("output", raw["input"])),
            tuple(raw["rules"]) if "rules" in raw else None,
            tuple(raw["findings"]) if "findings" in raw else None,
            raw.get("style"), raw.get("language"), raw.get("markup", "text"), tuple(raw.get("select", ())),
            bool(raw.get("unsafe", False)), dict(raw.get("config", {})),
        ))
    return cases


# --- pack examples ------------------------------------------------------------------------

def pack_examples(path: Path, user: bool = False) -> list[Case]:
    """The examples of every entry of a pack, as cases (`user`: the pack is not bundled)."""
    pack = read_pack(Path(path))
    extra = (Path(path),) if user else ()
    if pack.kind == "honorifics":
        from .stages.honorifics import parse_honorifics

        parsed = parse_honorifics(pack)
        return [_example_case(f"{path}:{locate(pack.source, 'honorific', i)}", ex, h.id, ["honorific"], extra,
                              default_language=parsed.language)
                for i, h in enumerate(parsed.honorifics) for ex in h.examples]
    if pack.kind == "rules":
        from .rulebook import parse_rules

        return [_example_case(r.where, ex, r.id, [r.id.split(".")[0]], extra, unsafe=not r.safe)
                for r in parse_rules(pack) for ex in r.examples]
    source = pack.source
    data = tomllib.loads(source)
    if pack.kind == "gazetteer":
        from .names import load_gazetteer

        load_gazetteer([Path(path)])  # validates, examples included
        return [_example_case(f"{path}:{locate(source, 'entity', i)}", ex, f"names.{raw['id']}",
                              ["names"], extra)
                for i, raw in enumerate(data.get("entity", [])) for ex in _raw_examples(raw)]
    from .glossary import load_glossaries

    load_glossaries([Path(path)])
    language = data["pack"]["source"]
    settings = {"foreign-actions": {language: "translate"}}
    return [_example_case(f"{path}:{locate(source, 'phrase', i)}", ex, "foreign-script.stray", ["foreign-script"],
                          extra, unsafe=True, config=settings)
            for i, raw in enumerate(data.get("phrase", [])) for ex in _raw_examples(raw)]


def _raw_examples(raw: dict[str, Any]) -> tuple[Example, ...]:
    items = raw.get("examples", [])
    return parse_examples(items) if examples_problem(items) is None else ()


def _example_case(where: str, example: Example, rule: str, select: list[str], packs: tuple[Path, ...],
                  default_language: str | None = None, unsafe: bool = False,
                  config: dict[str, Any] | None = None) -> Case:
    return Case(where, example.input, example.output, style=example.style,
                language=example.language or default_language, select=tuple(select), unsafe=unsafe,
                config=config or {}, packs=packs, needs_rule=rule)


def bundled_examples() -> list[Case]:
    return [case for path in bundled_pack_paths() for case in pack_examples(path)]


def check_pack_examples(paths: Iterable[Path]) -> tuple[int, list[str]]:
    """Run the examples of the given packs: (number of examples, failures)."""
    bundled = {p.resolve() for p in bundled_pack_paths()}
    cases = [case for path in paths for case in pack_examples(Path(path), user=Path(path).resolve() not in bundled)]
    return len(cases), check_cases(cases)


def run_check_examples(paths: list[Path], echo: Callable[[str], Any]) -> int:
    """`normalize rules --check-examples PACK...`: the exit code (0 all pass, 1 one fails, 2 bad pack)."""
    from .errors import NormalizeError

    if not paths:
        echo("normalize: --check-examples needs one or more pack files")
        return 2
    try:
        count, failures = check_pack_examples(paths)
    except (NormalizeError, OSError) as exc:
        echo(f"normalize: {exc}")
        return 2
    for failure in failures:
        echo(f"FAIL {failure}")
    echo(f"{count - len(failures)} of {count} examples pass" + ("" if count else " (the packs have no examples)"))
    return 1 if failures else 0
