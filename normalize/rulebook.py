"""Loading and validating rule packs (TOML data, never code).

A pack is a TOML file with a `[pack]` table naming its `kind`:

- `honorifics`: `[[honorific]]` entries standardised per house style (stages/honorifics.py);
- `rules`: `[[rule]]` entries with a regex `pattern` or literal `words` and a `replacement`;
- `gazetteer`: `[[entity]]` names (normalize/names/);
- `glossary`: `[[phrase]]` translations (normalize/glossary.py).

Every structural error is a `RulePackError` naming `file:line`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import regex

from .edits import CATEGORIES, SEVERITIES
from .errors import RulePackError
from .resources import rules_dir
from .rule import RULE_ID
from .rule import Rule as RuleInfo  # noqa: F401 - re-exported: one line of `normalize rules`, a rule's declaration
from .tomlpos import error_line, locate

PACK_KINDS = ("honorifics", "rules", "gazetteer", "glossary")


@dataclass(frozen=True)
class Pack:
    path: Path
    kind: str
    name: str
    language: str | None
    data: dict[str, Any]
    source: str  # the TOML text, kept for error locations


@dataclass(frozen=True)
class Example:
    input: str
    output: str
    style: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Rule:
    """A rule of a `rules` pack: a regex or word list and its replacement."""

    id: str
    category: str
    severity: str
    message: str
    source: str
    pattern: str
    replacement: str | None  # None: report only
    safe: bool = True
    language: str | None = None
    examples: tuple[Example, ...] = field(default_factory=tuple)
    words: tuple[str, ...] = ()  # the literal words of a `words` rule
    line: int | None = None

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source


# Gazetteers and glossaries are big and have loaders of their own that parse and validate
# them; the rulebook only needs their kind, read from the [pack] header without a full parse.
HEADER_KIND = regex.compile(r'^\[pack\][^\[]*?^kind\s*=\s*"(gazetteer|glossary)"', regex.MULTILINE)


def read_pack(path: Path) -> Pack:
    from .files import read_bounded

    try:  # bounded, regular files only: `packs = ["/dev/zero"]` is an error, not a hang
        source = read_bounded(path).decode("utf-8")
    except FileNotFoundError:
        raise RulePackError(path, None, "rule pack not found") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise RulePackError(path, None, f"cannot read rule pack: {reason}") from None
    header = HEADER_KIND.search(source[:4000])
    if header:
        return Pack(path, header.group(1), path.stem, None, {}, source)
    refuse_deep_keys(path, source)
    try:
        data = _parse_toml(source)
    except tomllib.TOMLDecodeError as exc:
        raise RulePackError(path, error_line(exc, source), f"invalid TOML: {exc}") from None
    header = data.get("pack")
    if not isinstance(header, dict):
        raise RulePackError(path, 1, "missing [pack] table with kind and name")
    kind = header.get("kind")
    if kind not in PACK_KINDS:
        raise RulePackError(
            path, locate(source, None, 0, "kind") or 1, f"[pack] kind must be one of {', '.join(PACK_KINDS)}"
        )
    name = header.get("name")
    if not isinstance(name, str) or not name:
        raise RulePackError(path, locate(source, None, 0, "name") or 1, "[pack] needs a name")
    language = header.get("language")
    if language is not None and not isinstance(language, str):
        raise RulePackError(path, locate(source, None, 0, "language"), "[pack] language must be a string")
    return Pack(path, kind, name, language, data, source)


def _parse_toml(source: str) -> dict[str, Any]:
    """`tomllib.loads`, kept in the on-disk cache (normalize/cache.py) under the source's hash:
    parsing the rule packs costs a command-line run more than reading the result back."""
    import sys

    from . import cache

    key = cache.digest(f"toml/1 {sys.version_info[:2]}\0{source}".encode("utf-8", "surrogatepass")).hexdigest()
    data = cache.read(key, kind="toml")
    if not isinstance(data, dict):
        data = tomllib.loads(source)
        cache.write(key, data, kind="toml")
    return data


MAX_KEY_PARTS = 32  # dotted keys and table headers; tomllib's cost grows with the square of the depth


def refuse_deep_keys(path: Path | str, source: str) -> None:
    """Refuse a TOML key with more than MAX_KEY_PARTS dotted parts before tomllib parses it
    (a 400 KB key of 200,000 parts took minutes). A cheap line scan: the part of a line
    before its first '=' (or a [table] header) is where a key can be."""
    for number, line in enumerate(source.splitlines(), 1):
        head = line.split("=", 1)[0] if "=" in line else (line if line.lstrip().startswith("[") else "")
        if head.count(".") >= MAX_KEY_PARTS:
            raise RulePackError(path, number, f"key with more than {MAX_KEY_PARTS} dotted parts")


def bundled_pack_paths() -> list[Path]:
    root = rules_dir()
    return sorted(p for p in root.rglob("*.toml") if p.is_file())


@cache
def honorific_titles() -> frozenset[str]:
    """The titles of the bundled honorific packs as they write them bare (Mr, Dr, Sen, Sra, Mme,
    prof, ...): the one list of titles before names, for readers outside the honorifics stage.

    >>> {"Mr", "Sen", "Sra", "Mme", "Dott"} <= honorific_titles()
    True
    """
    paths = sorted((rules_dir() / "honorifics").glob("*.toml"))
    return frozenset(
        entry["bare"]
        for path in paths
        for entry in tomllib.loads(path.read_text(encoding="utf-8")).get("honorific", [])
        if isinstance(entry, dict) and isinstance(entry.get("bare"), str) and entry["bare"]
    )


def pack_paths(extra: list[Path] | tuple[Path, ...] = ()) -> list[Path]:
    return bundled_pack_paths() + [Path(p) for p in extra]


def load_packs(extra: list[Path] | tuple[Path, ...] = ()) -> list[Pack]:
    return [read_pack(path) for path in pack_paths(extra)]


# --- validation helpers shared by the pack kinds -------------------------------------------

class EntryChecker:
    """Validates one `[[array]]` entry, naming file:line on error."""

    def __init__(self, pack: Pack, array: str, index: int, entry: Any, allowed: set[str]) -> None:
        self.pack, self.array, self.index = pack, array, index
        if not isinstance(entry, dict):
            self.fail(None, f"[[{array}]] entry must be a table")
        unknown = sorted(set(entry) - allowed)
        if unknown:
            self.fail(unknown[0], f"unknown key {unknown[0]!r} (allowed: {', '.join(sorted(allowed))})")
        self.entry: dict[str, Any] = entry

    def fail(self, key: str | None, message: str) -> None:
        line = locate(self.pack.source, self.array, self.index, key)
        raise RulePackError(self.pack.path, line, message)

    def string(self, key: str, required: bool = True, default: str | None = None) -> str | None:
        value = self.entry.get(key, default)
        if value is None:
            if required:
                self.fail(None, f"missing required key {key!r}")
            return None
        if not isinstance(value, str) or (required and not value):
            self.fail(key, f"{key!r} must be a non-empty string")
        return value

    def choice(self, key: str, options: tuple[str, ...], default: str | None = None) -> str:
        value = self.string(key, required=default is None, default=default)
        if value not in options:
            self.fail(key, f"{key!r} must be one of {', '.join(options)}, not {value!r}")
        return value  # type: ignore[return-value]

    def boolean(self, key: str, default: bool) -> bool:
        value = self.entry.get(key, default)
        if not isinstance(value, bool):
            self.fail(key, f"{key!r} must be true or false")
        return value

    def rule_id(self, key: str = "id", prefix: str | None = None) -> str:
        value = self.string(key)
        assert value is not None
        if not RULE_ID.match(value):
            self.fail(key, f"rule id {value!r} must look like 'family.name' (lowercase, dots)")
        if prefix and not value.startswith(prefix + "."):
            self.fail(key, f"rule id {value!r} must start with {prefix!r}")
        return value

    def examples(self) -> tuple[Example, ...]:
        raw = self.entry.get("examples", [])
        problem = examples_problem(raw)
        if problem:
            self.fail("examples", problem)
        return parse_examples(raw)


EXAMPLE_KEYS = {"input", "output", "style", "language"}


def examples_problem(raw: Any) -> str | None:
    """What is wrong with an entry's `examples` list (the same schema in every pack kind), if anything."""
    if not isinstance(raw, list):
        return "'examples' must be a list of {input, output} tables"
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("input"), str) or not isinstance(
            item.get("output"), str
        ):
            return "each example needs string 'input' and 'output'"
        extra = set(item) - EXAMPLE_KEYS
        if extra:
            return f"unknown example key {sorted(extra)[0]!r}"
        if any(not isinstance(item.get(k, ""), str) for k in ("style", "language")):
            return "an example's 'style' and 'language' must be strings"
    return None


def parse_examples(raw: list[dict[str, str]]) -> tuple[Example, ...]:
    return tuple(Example(i["input"], i["output"], i.get("style"), i.get("language")) for i in raw)


def entries(pack: Pack, array: str) -> list[Any]:
    raw = pack.data.get(array, [])
    if not isinstance(raw, list):
        raise RulePackError(pack.path, locate(pack.source, None, 0, array), f"{array!r} must be [[{array}]] tables")
    unknown = sorted(set(pack.data) - {"pack", array})
    if unknown:
        raise RulePackError(pack.path, locate(pack.source, None, 0, unknown[0]), f"unknown top-level key {unknown[0]!r}")
    return raw


# --- `rules` packs ------------------------------------------------------------------------

RULE_KEYS = {"id", "category", "severity", "message", "pattern", "words", "replacement", "safe", "examples", "language"}


def parse_rules(pack: Pack) -> list[Rule]:
    rules = []
    for index, raw in enumerate(entries(pack, "rule")):
        check = EntryChecker(pack, "rule", index, raw, RULE_KEYS)
        rule_id = check.rule_id()
        category = check.choice("category", CATEGORIES)
        severity = check.choice("severity", SEVERITIES, default="warning")
        message = check.string("message") or ""
        pattern = _rule_pattern(check)
        replacement = check.string("replacement", required=False)
        words = tuple(raw["words"]) if "words" in raw else ()
        rules.append(
            Rule(
                rule_id, category, severity, message, str(pack.path), pattern, replacement,
                check.boolean("safe", True), raw.get("language", pack.language), check.examples(),
                words, locate(pack.source, "rule", index, "id"),
            )
        )
    return rules


@lru_cache(maxsize=4096)
def _compiled(pattern: str) -> regex.Pattern[str]:
    """Validation and the contradiction check share one compilation per pattern."""
    return regex.compile(pattern)


CHECK_TIMEOUT = 1.0  # seconds per regex call while checking packs, as at run time


def check_contradictions(rules: list[Rule]) -> None:
    """Reject rules that undo each other (A: x -> y, B: y -> x) or rewrite the same text two
    ways: either would make fixing flip-flop or depend on rule order. Names both places.

    Linear in the rules' words: word rules are indexed by literal word, so only the `pattern`
    rules are tried against every text. Every regex call is time-limited like at run time."""
    fixes = [(rule, _compiled(rule.pattern)) for rule in rules if rule.replacement is not None]
    by_word: dict[str, list[int]] = {}
    patterned: list[int] = []
    for index, (rule, _) in enumerate(fixes):
        if rule.words:
            for word in dict.fromkeys(rule.words):
                by_word.setdefault(word, []).append(index)
        else:
            patterned.append(index)

    def matching(text: str) -> list[int]:
        """The rules whose pattern matches all of `text`, in pack order."""
        found = [i for i in by_word.get(text, []) + patterned if _full(fixes[i], text)]
        return sorted(found)

    # rules that undo each other: grouped by replacement, each group's matches worked out once
    by_replacement: dict[str, list[int]] = {}
    for index, (rule, _) in enumerate(fixes):
        if _literal(rule):
            by_replacement.setdefault(rule.replacement or "", []).append(index)
    for replacement, group in by_replacement.items():
        if not replacement:
            continue
        undoers: dict[str, list[int]] = {}  # replacement of a rule matching `replacement` -> rules
        for j in matching(replacement):
            if _literal(fixes[j][0]) and fixes[j][0].replacement:
                undoers.setdefault(fixes[j][0].replacement or "", []).append(j)
        if not undoers:
            continue
        for i in group:
            rule = fixes[i][0]
            texts = [w for w in dict.fromkeys(rule.words) if w in undoers] if rule.words else list(undoers)
            for text in texts:
                others = [j for j in undoers[text] if j != i]
                if others and _full(fixes[i], text):
                    a, b = sorted((i, others[0]))
                    raise RulePackError(fixes[a][0].source, fixes[a][0].line,
                                        f"rule {fixes[a][0].id} and rule {fixes[b][0].id} ({fixes[b][0].where}) undo each other")
    # the same word rewritten two ways
    for word in by_word:
        outcomes: dict[str, int] = {}
        for j in matching(word):
            after = _sub(fixes[j], word)
            outcomes.setdefault(after, j)
            if len(outcomes) > 1:
                (first, i), (second, j2) = sorted(outcomes.items(), key=lambda item: item[1])[:2]
                one, other = fixes[i][0], fixes[j2][0]
                raise RulePackError(
                    one.source, one.line,
                    f"rule {one.id} rewrites {word!r} as {first!r} but rule {other.id} ({other.where}) as {second!r}",
                )


def _literal(rule: Rule) -> bool:
    return bool(rule.replacement) and "\\" not in (rule.replacement or "")


def _full(fix: tuple[Rule, regex.Pattern[str]], text: str) -> bool:
    try:
        return fix[1].fullmatch(text, timeout=CHECK_TIMEOUT) is not None
    except TimeoutError:
        raise _too_slow(fix[0], text) from None


def _sub(fix: tuple[Rule, regex.Pattern[str]], text: str) -> str:
    try:
        return fix[1].sub(fix[0].replacement or "", text, timeout=CHECK_TIMEOUT)
    except TimeoutError:
        raise _too_slow(fix[0], text) from None


def _too_slow(rule: Rule, text: str) -> RulePackError:
    shown = text if len(text) <= 60 else text[:57] + "..."
    return RulePackError(rule.source, rule.line, f"rule {rule.id}: pattern timed out after {CHECK_TIMEOUT:g} s "
                                                 f"on {shown!r} (catastrophic backtracking?)")


def _rule_pattern(check: EntryChecker) -> str:
    pattern, words = check.entry.get("pattern"), check.entry.get("words")
    if (pattern is None) == (words is None):
        check.fail(None, "a rule needs exactly one of 'pattern' (regex) or 'words' (list)")
    if words is not None:
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
            check.fail("words", "'words' must be a non-empty list of non-empty strings")
        return r"\b(?:" + "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b"
    if not isinstance(pattern, str) or not pattern:
        check.fail("pattern", "'pattern' must be a non-empty regular expression")
    try:
        compiled = _compiled(pattern)
    except regex.error as exc:
        check.fail("pattern", f"invalid regular expression: {exc}")
    if compiled.search("") is not None:
        check.fail("pattern", "pattern matches the empty string")
    return str(pattern)
