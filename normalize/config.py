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
from .tomlpos import locate, table_line

SEVERITY_NAMES = ("error", "warning", "info")
FOREIGN_ACTIONS = ("flag", "note", "keep", "remove", "translate", "transliterate")
CONFIG_FILES = ("normalize.toml", "pyproject.toml")


@dataclass(frozen=True)
class PerFile:
    """Settings for the files matching `files` (globs relative to the configuration's folder):
    accepting a finding in one article without writing a suppression comment into it."""

    files: tuple[str, ...]
    ignore: tuple[str, ...] = ()  # rules or categories not run on these files
    allow_terms: tuple[str, ...] = ()  # added to the global allow-terms
    allow_scripts: tuple[str, ...] = ()  # added to the global allow-scripts
    style: str | None = None  # replaces the global style
    line: int | None = field(default=None, compare=False)  # where it was declared, for messages
    key_lines: tuple[tuple[str, int | None], ...] = field(default=(), compare=False)  # (key, line)

    def line_of(self, key: str) -> int | None:
        """The line of `key` in this entry (or of the entry) in its configuration file."""
        return dict(self.key_lines).get(key) or self.line


PER_FILE_KEYS = {"files", "ignore", "allow-terms", "allow-scripts", "style"}


@dataclass(frozen=True)
class Config:
    """Every setting, with its default; frozen. Build one with `config_from_mapping`, a file with
    `load_config_file`, or change one with `merged(**overrides)`."""

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
    # a house's own (open, close) markers around deliberate foreign text: what they enclose is
    # at most an info finding, like an HTML lang attribute
    foreign_markers: tuple[tuple[str, str], ...] = ()
    max_bytes: int = 50_000_000  # larger inputs are refused, never half-processed
    per_file: tuple[PerFile, ...] = ()  # [[per-file]] tables and per-file-ignores, in order
    source: Path | None = None  # the file this came from, for messages
    root: Path | None = None  # folder that relative paths and excludes refer to

    def merged(self, **overrides: Any) -> "Config":
        """A copy with every override that is not None applied."""
        given = {k: v for k, v in overrides.items() if v is not None}
        for key in ("select", "ignore", "exclude", "allow_scripts", "allow_terms"):
            if key in given:
                value = given[key]
                if not isinstance(value, str) and not (
                        isinstance(value, (list, tuple, set, frozenset)) and all(isinstance(v, str) for v in value)):
                    raise NormalizeError(f"{key} must be a string or a list of strings, not {value!r}")
                given[key] = tuple(_as_list(value))
        if "style" in given and not isinstance(given["style"], str):
            raise NormalizeError(f"style must be a string, not {given['style']!r}")
        if "packs" in given:
            given["packs"] = tuple(Path(p) for p in given["packs"])
        return replace(self, **given)

    def for_path(self, path: str | Path) -> "Config":
        """This configuration with the per-file settings whose globs match `path` applied
        (ignores and allowed terms add up; a style replaces)."""
        matching = [entry for entry in self.per_file if _matches(Path(path), entry.files, self.root)]
        if not matching:
            return self
        changes: dict[str, Any] = {"per_file": ()}
        for key in ("ignore", "allow_terms", "allow_scripts"):
            changes[key] = getattr(self, key) + tuple(v for e in matching for v in getattr(e, key))
        styles = [e.style for e in matching if e.style]
        if styles:
            changes["style"] = styles[-1]
        return replace(self, **changes)


def _matches(path: Path, globs: tuple[str, ...], root: Path | None) -> bool:
    """Whether a glob matches the path relative to `root` (or its name, or any tail of it)."""
    import fnmatch

    try:
        relative = path.absolute().relative_to(root.absolute()) if root else path
    except ValueError:
        relative = path
    text = relative.as_posix()
    return any(fnmatch.fnmatch(text, g) or fnmatch.fnmatch(path.name, g) or fnmatch.fnmatch(text, f"*/{g}")
               for g in globs)


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return [str(v) for v in value]


KEYS = ({f.name.replace("_", "-") for f in fields(Config)} - {"source", "root"}) | {"per-file-ignores"}


def config_line(path: Path | str, key: str, per_file: int | None = None) -> int | None:
    """1-based line of `key` in a configuration file ([tool.normalize] in a pyproject.toml, or
    the top level of a normalize.toml; the `per_file`-th [[per-file]] table if given)."""
    try:
        source = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return _line_in(source, Path(path).name == "pyproject.toml", key, per_file)


def _line_in(source: str, pyproject: bool, key: str | None, per_file: int | None = None) -> int | None:
    prefix = "tool.normalize" if pyproject else ""
    if per_file is not None:
        return locate(source, f"{prefix}.per-file" if prefix else "per-file", per_file, key)
    if key is not None:  # a key written as its own table: [tool.normalize.per-file-ignores]
        header = table_line(source, f"{prefix}.{key}" if prefix else key)
        if header is not None:
            return header
    if not pyproject:
        return locate(source, None, 0, key)
    lines = source.splitlines()
    start = next((n for n, line in enumerate(lines) if line.strip() == "[tool.normalize]"), None)
    if start is None or key is None:
        return None
    for number in range(start + 1, len(lines)):
        stripped = lines[number].lstrip()
        if stripped.startswith("["):
            break
        if stripped.startswith((f"{key} ", f"{key}=", f'"{key}"')):
            return number + 1
    return start + 1


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
    """Read a normalize.toml, or the [tool.normalize] table of a pyproject.toml, into a Config."""
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
    """Validate a `[tool.normalize]` table (or the API's mapping) into a Config; every mistake is
    a RulePackError naming the file and line, with a "did you mean" for unknown keys."""
    pyproject = path is not None and path.name == "pyproject.toml"

    def fail(key: str, message: str, per_file: int | None = None) -> None:
        line = _line_in(source, pyproject, key, per_file) if source else None
        raise RulePackError(path or "<config>", line, message)

    if not isinstance(table, Mapping):
        raise NormalizeError(f"configuration must be a table, not {type(table).__name__}")
    values: dict[str, Any] = {}
    per_file: list[PerFile] = []
    for key, value in table.items():
        if key not in KEYS:
            import difflib

            close = difflib.get_close_matches(str(key).replace("_", "-"), sorted(KEYS), n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            fail(key, f"unknown configuration key {key!r}{hint}; known: {', '.join(sorted(KEYS))}")
        if key == "per-file":
            if not isinstance(value, list):
                fail(key, "'per-file' must be an array of tables: [[tool.normalize.per-file]]")
            for i, entry in enumerate(value):
                lines = tuple((k, _line_in(source, pyproject, k, i)) for k in entry) if source and isinstance(
                    entry, Mapping) else ()
                per_file.append(replace(_per_file(entry, i, lambda k, m, i=i: fail(k, m, i)),
                                        line=_line_in(source, pyproject, None, i) if source else None,
                                        key_lines=lines))
            continue
        if key == "per-file-ignores":
            if not isinstance(value, Mapping) or not all(
                    isinstance(v, list) and all(isinstance(r, str) for r in v) for v in value.values()):
                fail(key, "'per-file-ignores' maps a glob to a list of rules or categories")
            line = _line_in(source, pyproject, key) if source else None
            per_file += [PerFile((glob,), ignore=tuple(rules), line=line) for glob, rules in value.items()]
            continue
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
        elif name == "foreign_markers":
            if not (isinstance(value, list) and all(
                    isinstance(m, list) and len(m) == 2 and all(isinstance(x, str) and x.strip() for x in m)
                    for m in value)):
                fail(key, "'foreign-markers' must be a list of [open, close] pairs of non-empty strings")
            value = tuple((m[0], m[1]) for m in value)
        values[name] = value
    root = path.parent if path else None
    if "packs" in values:
        values["packs"] = tuple((root / p) if root and not Path(p).is_absolute() else Path(p) for p in values["packs"])
        if path is not None:  # a pack another user could have planted is not loaded
            values["packs"] = tuple(p for p in values["packs"] if _trusted_pack(p))
    for key in ("select", "ignore", "exclude", "allow_scripts", "allow_terms"):
        if key in values:
            values[key] = tuple(values[key])
    return Config(**values, per_file=tuple(per_file), source=path, root=root)


def _per_file(entry: Any, index: int, fail: Any) -> PerFile:
    """One [[per-file]] table, validated."""
    if not isinstance(entry, Mapping):
        fail(None, "each [[per-file]] entry must be a table")
    for key in entry:
        if key not in PER_FILE_KEYS:
            import difflib

            close = difflib.get_close_matches(str(key), sorted(PER_FILE_KEYS), n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            fail(key, f"unknown per-file key {key!r}{hint}; known: {', '.join(sorted(PER_FILE_KEYS))}")
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("files", "ignore", "allow-terms", "allow-scripts"):
        value = entry.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            fail(key, f"per-file {key!r} must be a list of strings")
        lists[key.replace("-", "_")] = tuple(value)
    if not lists["files"]:
        fail(None, "each [[per-file]] entry needs 'files' (globs)")
    style = entry.get("style")
    if style is not None and not isinstance(style, str):
        fail("style", "per-file 'style' must be a string")
    return PerFile(lists["files"], ignore=lists["ignore"], allow_terms=lists["allow_terms"],
                   allow_scripts=lists["allow_scripts"], style=style)


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
