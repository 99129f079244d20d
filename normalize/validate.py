"""Settings checked against what the engine and its packs define: a typo is an error, never a no-op.

`select = ["nmaes"]`, `--select names.zelenksy` or `--style en-UK` would otherwise run with
nothing selected (or the default style) and exit 0, which a pre-commit hook cannot tell from
clean copy. Every value is checked against the rule catalogue (all rules of all stages and
packs, whatever the selection) and the styles the packs define, with a "did you mean".
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .config import Config, config_line
from .edits import CATEGORIES
from .errors import NormalizeError, RulePackError

BUILTIN_STYLES = ("en-GB", "en-US")  # defined by the bundled honorific pack
MARKUPS = ("text", "markdown", "html", "rst")


def check_markup(markup: str) -> None:
    """An unknown markup would silently be read as plain text: say so instead."""
    if markup not in MARKUPS:
        raise NormalizeError(f"unknown markup {markup!r}{suggestion(str(markup), MARKUPS)}; known: {', '.join(MARKUPS)}")


def suggestion(value: str, candidates: Iterable[str]) -> str:
    """' (did you mean X?)' for the closest candidate, or ''."""
    import difflib  # only on an error: not on every start-up

    close = difflib.get_close_matches(value, sorted(set(candidates)), n=1, cutoff=0.6)
    if not close and "." in value:  # a typo in the family part: suggest the family
        close = difflib.get_close_matches(value.split(".")[0], sorted(set(candidates)), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def selector_known(selector: str, rule_ids: frozenset[str], prefixes: frozenset[str]) -> bool:
    """A category, a rule id, or a dotted prefix of one (`names`, `encoding.legacy`... no: whole parts)."""
    return selector in CATEGORIES or selector in rule_ids or selector in prefixes


def rule_prefixes(rule_ids: Iterable[str]) -> frozenset[str]:
    """Every dotted prefix of every rule id: `a.b.c` gives `a` and `a.b`."""
    out: set[str] = set()
    for rule in rule_ids:
        parts = rule.split(".")
        out.update(".".join(parts[:n]) for n in range(1, len(parts)))
    return frozenset(out)


def check_selectors(config: Config, file_config: Config, rule_ids: Iterable[str]) -> None:
    """Raise NormalizeError for the first unknown select/ignore value (with file:line when the
    value came from the configuration file, not from an argument)."""
    ids = frozenset(rule_ids)
    prefixes = rule_prefixes(ids)
    vocabulary = ids | prefixes | set(CATEGORIES)
    for key in ("select", "ignore"):
        for selector in getattr(config, key):
            if not selector_known(selector, ids, prefixes):
                message = (f"unknown rule or category {selector!r} in {key}{suggestion(selector, vocabulary)}"
                           " (see `normalize rules`)")
                _raise(message, file_config, key, selector in getattr(file_config, key))
    for index, entry in enumerate(config.per_file):
        for selector in entry.ignore:
            if not selector_known(selector, ids, prefixes):
                message = (f"unknown rule or category {selector!r} in per-file ignore"
                           f"{suggestion(selector, vocabulary)} (see `normalize rules`)")
                _raise_per_file(message, config, "ignore", index)


def check_style(config: Config, file_config: Config, styles: Iterable[str]) -> None:
    """Raise NormalizeError when the style is not one the packs define."""
    styles = set(styles) | set(BUILTIN_STYLES)
    for style, origin in [(config.style, "style")] + [(e.style, f"per-file:{i}") for i, e in
                                                      enumerate(config.per_file)]:
        if style is None or style in styles:
            continue
        british = style.replace("UK", "GB").replace("uk", "GB")  # the country code is GB, not UK
        hint = f" (did you mean {british!r}?)" if british in styles else suggestion(style, styles)
        message = f"unknown style {style!r}{hint}; known: {', '.join(sorted(styles))}"
        if origin == "style":
            _raise(message, file_config, "style", style == file_config.style)
        _raise_per_file(message, config, "style", int(origin.split(":")[1]))


def _raise(message: str, file_config: Config, key: str, from_file: bool) -> None:
    if from_file and file_config.source is not None:
        raise RulePackError(file_config.source, config_line(file_config.source, key), message)
    raise NormalizeError(message)


def _raise_per_file(message: str, config: Config, key: str, index: int) -> None:
    if config.source is None:
        raise NormalizeError(message)
    raise RulePackError(config.source, config.per_file[index].line_of(key), message)


def pack_styles(config: Config) -> set[str]:
    """House styles the honorific packs and gazetteers define."""
    from .names import load_gazetteer
    from .rulebook import load_packs
    from .stages.honorifics import parse_honorifics

    packs = load_packs(config.packs)
    styles: set[str] = set()
    for pack in packs:
        if pack.kind == "honorifics":
            styles |= set(parse_honorifics(pack).styles)
    gazetteers = [Path(p.path) for p in packs if p.kind == "gazetteer"]
    styles |= load_gazetteer(gazetteers).styles()
    from .names.press import PRESS_LANGUAGES  # --style de: German press spellings of names

    return styles | set(PRESS_LANGUAGES)


# Families of the built-in stages: a selector naming one (or a category) needs no catalogue,
# so `--select honorific` costs nothing extra. tests/test_cli.py checks this list against the stages.
STAGE_FAMILIES = frozenset({"encoding", "unicode", "whitespace", "homoglyph", "foreign-script", "honorific", "names"})


def check_settings(config: Config, file_config: Config) -> None:
    """Check the selectors and styles of `config` (merged from `file_config` and arguments)."""
    selectors = config.select + config.ignore + tuple(v for e in config.per_file for v in e.ignore)
    if any(s not in CATEGORIES and s not in STAGE_FAMILIES for s in selectors):
        check_selectors(config, file_config, catalogue(config))
    styles = [config.style] + [e.style for e in config.per_file]
    if any(s is not None and s not in BUILTIN_STYLES for s in styles):
        check_style(config, file_config, pack_styles(config))


def catalogue(config: Config) -> list[str]:
    """Every rule id the engine and the configured packs define, whatever the selection."""
    from dataclasses import replace

    from .pipeline import Normalizer

    everything = replace(config, select=(), ignore=(), per_file=(), style=None)
    return [r.id for r in Normalizer(config=everything).rules()]
