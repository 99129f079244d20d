"""Configuration: `[tool.normalize]` in pyproject.toml or a normalize.toml, then flags.

Layers, later wins: packaged defaults (the dataclass), the nearest config file
walking up from the document, the arguments given to the API or CLI.
"""

from __future__ import annotations

import stat
import tomllib
from collections import OrderedDict
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping

from .errors import NormalizeError, RulePackError
from .files import read_bounded, untrusted, warn_once
from .tomlpos import locate

SEVERITY_NAMES = ("error", "warning", "info")
FOREIGN_ACTIONS = ("flag", "note", "keep", "remove", "translate", "transliterate")
CONFIG_FILES = ("normalize.toml", "pyproject.toml")


@dataclass(frozen=True)
class Config:
    style: str | None = None
    language: str | None = None  # ISO 639-1 code that overrides detection; None or "auto": detect
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    packs: tuple[Path, ...] = ()  # extra rule packs (honorifics, rules, gazetteer, glossary)
    exclude: tuple[str, ...] = ()  # glob patterns, relative to the config file's folder
    fail_on: str = "warning"
    unsafe_fixes: bool = False
    allow_scripts: tuple[str, ...] = ()  # scripts never reported as foreign fragments
    allow_terms: tuple[str, ...] = ()  # words never reported as foreign fragments
    foreign_actions: Mapping[str, str] = field(default_factory=dict)  # "el" / "el:brackets" / "gloss" -> action
    max_bytes: int = 50_000_000  # larger inputs are refused, never half-processed
    source: Path | None = None  # the file this came from, for messages
    root: Path | None = None  # folder that relative paths and excludes refer to

    def merged(self, **overrides: Any) -> "Config":
        """A copy with every override that is not None applied."""
        given = {k: v for k, v in overrides.items() if v is not None}
        for key in ("select", "ignore", "exclude", "allow_scripts", "allow_terms"):
            if key in given:
                given[key] = tuple(_as_list(given[key]))
        if "packs" in given:
            given["packs"] = tuple(Path(p) for p in given["packs"])
        return replace(self, **given)


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return [str(v) for v in value]


KEYS = {f.name.replace("_", "-") for f in fields(Config)} - {"source", "root"}


def find_config_file(start: Path) -> Path | None:
    """Nearest normalize.toml, or pyproject.toml with a [tool.normalize] table, walking up."""
    folder = start if start.is_dir() else start.parent
    return _config_for_folder(str(folder.absolute()))


_FOLDER_ANSWERS: OrderedDict[str, tuple[tuple[tuple[int, int] | None, ...], Path | None]] = OrderedDict()
FOLDERS_KEPT = 4096


def _config_for_folder(folder: str) -> Path | None:
    """Walks up, a few stat() calls per folder; each folder's own answer (which reads a
    pyproject.toml) is remembered while its candidate files keep their mtime and size, so a
    long-running process sees a configuration file created or edited after it started."""
    here = Path(folder)
    while True:
        found = _own_config(here)
        if found is not None:
            return found
        if here.parent == here:
            return None
        here = here.parent


def _own_config(folder: Path) -> Path | None:
    stamp = tuple(_stat(folder / name) for name in CONFIG_FILES)
    key = str(folder)
    known = _FOLDER_ANSWERS.get(key)
    if known is not None and known[0] == stamp:
        return known[1]
    answer = None
    for name, seen in zip(CONFIG_FILES, stamp):
        path = folder / name
        if seen is not None and (name == "normalize.toml" or _has_tool_table(path)):
            reason = untrusted(path)  # planted by another user: ignored, as git's safe.directory
            if reason is None:
                answer = path
                break
            warn_once(f"ignoring {path}: {reason} (pass it with --config to use it anyway)")
    _FOLDER_ANSWERS[key] = (stamp, answer)
    while len(_FOLDER_ANSWERS) > FOLDERS_KEPT:
        _FOLDER_ANSWERS.popitem(last=False)
    return answer


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size) if stat.S_ISREG(info.st_mode) else None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        text = read_bounded(pyproject).decode("utf-8")
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return "[tool.normalize" in text


def load_config_file(path: Path) -> Config:
    try:
        source = read_bounded(path).decode("utf-8")  # regular files only, at most max-bytes
        from .rulebook import refuse_deep_keys

        refuse_deep_keys(path, source)
        data = tomllib.loads(source)
    except FileNotFoundError:
        raise NormalizeError(f"{path}: configuration file not found") from None
    except tomllib.TOMLDecodeError as exc:  # a ValueError: before the clause below
        raise RulePackError(path, None, f"invalid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise NormalizeError(f"{path}: cannot read configuration: {reason}") from None
    table = data.get("tool", {}).get("normalize", {}) if path.name == "pyproject.toml" else data
    return config_from_mapping(table, path, source)


def config_from_mapping(table: Mapping[str, Any], path: Path | None = None, source: str = "") -> Config:
    def fail(key: str, message: str) -> None:
        line = locate(source, None, 0, key) if source else None
        raise RulePackError(path or "<config>", line, message)

    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            fail(key, f"unknown configuration key {key!r} (known: {', '.join(sorted(KEYS))})")
        name = key.replace("-", "_")
        if name in ("select", "ignore", "exclude", "allow_scripts", "allow_terms", "packs"):
            if isinstance(value, str):
                value = _as_list(value)
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                fail(key, f"{key!r} must be a list of strings")
        elif name == "fail_on" and value not in SEVERITY_NAMES:
            fail(key, f"'fail-on' must be one of {', '.join(SEVERITY_NAMES)}")
        elif name == "unsafe_fixes" and not isinstance(value, bool):
            fail(key, "'unsafe-fixes' must be true or false")
        elif name == "max_bytes" and (not isinstance(value, int) or value <= 0):
            fail(key, "'max-bytes' must be a positive integer")
        elif name == "style" and not isinstance(value, str):
            fail(key, "'style' must be a string")
        elif name == "language" and (problem := language_problem(value)):
            fail(key, problem)
        elif name == "foreign_actions" and not (
            isinstance(value, dict) and all(v in FOREIGN_ACTIONS for v in value.values())
        ):
            fail(key, "'foreign-actions' must map a language, context or language:context to one of "
                      + ", ".join(FOREIGN_ACTIONS))
        values[name] = value
    root = path.parent if path else None
    if "packs" in values:
        values["packs"] = tuple((root / p) if root and not Path(p).is_absolute() else Path(p) for p in values["packs"])
        if path is not None:  # a pack another user could have planted is not loaded
            values["packs"] = tuple(p for p in values["packs"] if _trusted_pack(p))
    for key in ("select", "ignore", "exclude", "allow_scripts", "allow_terms"):
        if key in values:
            values[key] = tuple(values[key])
    return Config(**values, source=path, root=root)


def _trusted_pack(pack: Path) -> bool:
    reason = untrusted(pack)
    if reason:
        warn_once(f"ignoring rule pack {pack}: {reason}")
    return reason is None


def language_problem(value: Any) -> str | None:
    """Why `value` is not a language setting ("auto" or a known ISO 639-1 code), or None."""
    from .languages import ISO_639_1

    if value is None or value == "auto" or (isinstance(value, str) and value in ISO_639_1):
        return None
    return f"'language' must be 'auto' or an ISO 639-1 code such as en, de, fr (not {value!r})"


def resolve_config(config: Config | Mapping[str, Any] | str | Path | None) -> Config:
    """The API's `config=` argument: a Config, a mapping, a file path, or None."""
    if config is None:
        return Config()
    if isinstance(config, Config):
        return config
    if isinstance(config, (str, Path)):
        return load_config_file(Path(config))
    if isinstance(config, Mapping):
        return config_from_mapping(config)
    raise NormalizeError(f"config must be a Config, a mapping or a path, not {type(config).__name__}")
