"""The command line: `normalize check|fix|rules|rule`. A thin layer over the library.

Exit codes: 0 nothing to change and no finding at or above --fail-on (or --exit-zero);
1 changes or findings (fix: findings remain, or files changed with --exit-non-zero-on-fix);
2 usage, configuration or input error. Errors are messages, never tracebacks.
"""

from __future__ import annotations

import gc

# Start-up allocates what lives until exit (modules, typer's tables, compiled data), and the
# cyclic collector would scan it again and again for nothing (~15% of a one-file run's CPU
# time): it pauses while this module loads; main() freezes what that made and keeps the pause
# through a one-file run (the pre-commit hook's usual case); more files resume it (_resume_gc).
_GC_WAS_ENABLED = gc.isenabled()
gc.disable()

import atexit
import contextlib
import functools
import inspect
import os
import sys
from dataclasses import MISSING, dataclass, fields
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Callable, Optional, get_type_hints

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Repair encoding, flag stray foreign-script fragments, standardise honorifics and names.",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
DISTRIBUTION = "newsprint-normalize"  # the name on the package index; the import package is `normalize`


def _format_enum() -> type[Enum]:
    from .report import FORMATS  # the registry: --format choices are its keys

    return Enum("Format", {name: name for name in FORMATS}, type=str)  # type: ignore[return-value]


Format: Any = _format_enum()


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


class Markup(str, Enum):
    text = "text"
    markdown = "markdown"
    html = "html"
    rst = "rst"


class ListFormat(str, Enum):
    text = "text"
    json = "json"


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="Configuration file (instead of discovery).")]


@dataclass(frozen=True)
class RunOptions:
    """What `check` and `fix` share, declared once: each field's Annotated metadata is its
    command-line option, and both commands receive one typed value."""

    paths: Annotated[list[str], typer.Argument(
        metavar="PATH...", help="Files, directories (walked recursively) or - for stdin.")]
    style: Annotated[Optional[str], typer.Option(help="House style: en-GB, en-US, or one defined in your packs.")] = None
    select: Annotated[Optional[str], typer.Option(
        help="Comma-separated categories or rule ids (prefixes) to run.")] = None
    ignore: Annotated[Optional[str], typer.Option(
        help="Comma-separated categories or rule ids (prefixes) to skip.")] = None
    config: ConfigOpt = None
    format: Annotated[Format, typer.Option("--format", help="Report format.")] = Format("text")
    fail_on: Annotated[Optional[Severity], typer.Option(
        help="Lowest finding severity that fails (default: warning).")] = None
    markup: Annotated[Optional[Markup], typer.Option(help="Treat input as this markup (default: by extension).")] = None
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file.")] = None
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="Worker processes (default: all cores).")] = None
    unsafe_fixes: Annotated[bool, typer.Option(
        "--unsafe-fixes", help="Also apply fixes that could change meaning.")] = False
    force_exclude: Annotated[bool, typer.Option(
        "--force-exclude", help="Apply excludes to files named explicitly.")] = False
    exit_zero: Annotated[bool, typer.Option(
        "--exit-zero", help="Exit 0 even with changes or findings (2 still means an error).")] = False
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="Only the changes and findings: no source lines, summary or notes.")] = False
    statistics: Annotated[bool, typer.Option(
        "--statistics", help="Counts per rule instead of each change and finding.")] = False
    color: Annotated[Color, typer.Option(
        "--color", help="Colour the text report: auto (a terminal; NO_COLOR turns it off, FORCE_COLOR on), "
                        "always, never.")] = Color.auto
    baseline: Annotated[Optional[Path], typer.Option(
        "--baseline", help="Changes and findings recorded in this file do not fail the run; new ones do.")] = None
    write_baseline: Annotated[Optional[Path], typer.Option(
        "--write-baseline", help="check: record every current change and finding in this file; exit 0.")] = None
    language: Annotated[Optional[str], typer.Option(
        "--language", help="The documents' language (ISO 639-1 code, e.g. en, de), or auto to detect it.")] = None

    def engine_flags(self) -> dict[str, Any]:
        """The settings that override the configuration file."""
        return dict(style=self.style, select=self.select, ignore=self.ignore, unsafe_fixes=self.unsafe_fixes or None,
                    language=self.language)


@functools.cache
def _run_option_hints() -> dict[str, Any]:  # evaluated once for both commands: start-up time
    return get_type_hints(RunOptions, include_extras=True)


def shared_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give `command(options: RunOptions, **own)` the RunOptions fields as its typer parameters,
    so check and fix declare them once; the command's own parameters follow."""
    hints = _run_option_hints()
    own = list(inspect.signature(command, eval_str=True).parameters.values())[1:]
    shared = [inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, annotation=hints[f.name],
                                default=inspect.Parameter.empty if f.default is MISSING else f.default)
              for f in fields(RunOptions)]
    names = {f.name for f in fields(RunOptions)}

    def wrapper(**kwargs: Any) -> None:
        options = RunOptions(**{k: v for k, v in kwargs.items() if k in names})
        command(options, **{k: v for k, v in kwargs.items() if k not in names})

    parameters = shared + [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own]
    wrapper.__name__, wrapper.__doc__ = command.__name__, command.__doc__
    wrapper.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in parameters}
    return functools.update_wrapper(wrapper, command, assigned=("__module__", "__qualname__"), updated=())


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"normalize {__version__} (distribution {DISTRIBUTION})")
        raise typer.Exit(0)


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", "-V", is_eager=True, callback=_version,
                                                help="Print the version and exit.")] = False) -> None:
    """Repair encoding, flag stray foreign-script fragments, standardise honorifics and names."""


@app.command()
@shared_options
def check(options: RunOptions) -> None:
    """Report what would change and what needs a human. Never writes."""
    from .batch import Options

    _run(options, Options(fix=False, markup=options.markup.value if options.markup else None), exit_on_fix=True)


@app.command()
@shared_options
def fix(
    options: RunOptions,
    stdout: Annotated[bool, typer.Option("--stdout", help="Print the cleaned text instead of writing files.")] = False,
    keep_encoding: Annotated[bool, typer.Option(help="Write in the source encoding instead of UTF-8.")] = False,
    exit_non_zero_on_fix: Annotated[bool, typer.Option(help="Exit 1 when a file was changed (pre-commit).")] = False,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="PATH is a JSONL dataset; -o names the output dataset.")] = False,
    field: Annotated[str, typer.Option(help="JSONL: the field holding the text.")] = "text",
    report_field: Annotated[str, typer.Option(help="JSONL: field for each record's report ('' for none).")] = "normalize",
) -> None:
    """Write fixes in place (atomically), or print the cleaned text with --stdout."""
    from .batch import Options

    if options.write_baseline is not None:
        _fail("--write-baseline is for `check` (fix writes the articles)")
    if jsonl:
        _run_jsonl(options, field, report_field)
        return
    batch = Options(fix=True, stdout=stdout, keep_encoding=keep_encoding,
                    markup=options.markup.value if options.markup else None)
    _run(options, batch, exit_on_fix=exit_non_zero_on_fix)


@app.command()
def rules(
    format: Annotated[ListFormat, typer.Option("--format", help="text or json.")] = ListFormat.text,
    config: ConfigOpt = None,
    check_examples: Annotated[bool, typer.Option("--check-examples", help="Run the examples of PACKS instead.")] = False,
    packs: Annotated[Optional[list[Path]], typer.Argument(help="Pack files, with --check-examples.")] = None,
) -> None:
    """List the rules: id, category, severity, source file."""
    import json

    if check_examples or packs:
        from .examples import run_check_examples

        raise typer.Exit(run_check_examples(packs or [], typer.echo))

    from .pipeline import Normalizer

    engine = _guard(lambda: Normalizer(config=config))
    infos = _guard(engine.rules)
    if format.value == "json":
        typer.echo(json.dumps([{"id": r.id, "category": r.category, "severity": r.severity,
                                "severities": list(r.allowed_severities), "safe": r.safe, "source": r.source}
                               for r in infos], ensure_ascii=False, indent=2))
        return
    width = max((len(r.id) for r in infos), default=10)
    for r in infos:
        typer.echo(f"{r.id:<{width}}  {r.category:<15}  {'/'.join(r.allowed_severities):<13}  {_relative(r.source)}")


@app.command()
def rule(
    rule_id: Annotated[str, typer.Argument(metavar="ID", help="A rule id, as `normalize rules` lists it.")],
    config: ConfigOpt = None,
) -> None:
    """Explain one rule: message, category, severity, source, examples, how to suppress it."""
    from .explain import explain

    config_file = config or _discover(Path.cwd())
    typer.echo(_guard(lambda: explain(rule_id, config_file, _relative)), nl=False)


def _run(options: RunOptions, batch: Any, exit_on_fix: bool) -> None:
    """Collect the targets, process them, report, and exit with the contract's code."""
    from .batch import default_jobs, process_all
    from .files import collect

    engines = _EngineCache(options.config, options.engine_flags())
    base = _guard(engines.base)
    fail_level = SEVERITY_RANK[(options.fail_on.value if options.fail_on else None) or base.config.fail_on]
    known = _guard(lambda: _load_baseline(options.baseline)) if options.baseline else None
    notes: list[str] = []
    targets, errors = collect(options.paths, base.config.exclude, options.force_exclude, notes=notes)
    if len(targets) != 1 or _large(targets[0]):
        _resume_gc()  # before any worker is forked: one article's run needs no collection; many
        # files, or one large file (garbage in cycles would grow with it), do
    if sum(1 for t in targets if t.path is None) > 1:
        _fail("'-' (standard input) may be given only once")
    if not options.quiet:
        for note in notes:
            typer.echo(f"normalize: {_safe(note)}", err=True)
    outcomes = []
    show_progress = len(targets) >= PROGRESS_FROM and sys.stderr.isatty() and not options.quiet
    results = process_all(targets, engines.for_target, batch, options.jobs or default_jobs())
    keep_texts = _report_needs_texts(options)
    # closed however the loop ends: a run cut short (Ctrl-C) still shuts its worker pool down,
    # since the process leaves without the interpreter's teardown (_exit_without_teardown)
    with contextlib.closing(results):
        pending = iter(with_progress(results, len(targets), show_progress))
        # one outcome at a time: each is slimmed (_slim) before the next file's result arrives
        while (outcome := _guard(lambda: next(pending, None))) is not None:
            if outcome.skipped and not options.quiet:
                typer.echo(f"normalize: skipped {_safe(outcome.skipped)}", err=True)
            for note in outcome.notes:
                typer.echo(f"normalize: note: {_safe(note)}", err=True)
            if outcome.output is not None:
                sys.stdout.buffer.write(outcome.output)
                sys.stdout.buffer.flush()
            outcomes.append(_slim(outcome, keep_texts))
    errors += [o.error for o in outcomes if o.error]
    done = [o for o in outcomes if o.result is not None]
    if options.write_baseline is not None:
        count = _guard(lambda: _write_baseline(options.write_baseline, done))
        typer.echo(f"normalize: wrote {count} entr{'y' if count == 1 else 'ies'} to {options.write_baseline}",
                   err=True)
        raise typer.Exit(2 if errors else 0)
    shown, baselined = _apply_baseline(done, known, options.baseline, changes_too=not batch.fix)
    report = _build_report(shown, errors, done, batch)
    if baselined:
        report["summary"]["baselined"] = baselined
    sources = {display: (result.source, result.text) for display, result in shown}
    text_on_stdout = any(o.output is not None for o in outcomes)
    _emit(lambda write: _render(options, report, sources, text_on_stdout, batch.fix, write), options.output,
          text_on_stdout)
    for message in errors:
        typer.echo(f"normalize: {_safe(message)}", err=True)
    failing = any(SEVERITY_RANK[f.severity] >= fail_level for _, result in shown for f in result.findings)
    changed = any(result.changed for _, result in shown)
    if errors:
        raise typer.Exit(2)
    raise typer.Exit(1 if (failing or (changed and exit_on_fix)) and not options.exit_zero else 0)


def _report_needs_texts(options: RunOptions) -> bool:
    """Whether the report (or the baseline) reads each file's input and cleaned text."""
    from .report import FORMATS

    return (options.baseline is not None or options.write_baseline is not None
            or (not options.statistics and FORMATS[options.format.value].sources))


def _slim(outcome: Any, keep_texts: bool) -> Any:
    """`outcome` as the report needs it, kept until every file is done: printed bytes are
    dropped (b"" still says they were printed), and the texts when the report never reads them."""
    import dataclasses

    changes: dict[str, Any] = {}
    if outcome.output:
        changes["output"] = b""
    if not keep_texts and outcome.result is not None and (outcome.result.source or outcome.result.text):
        changes["result"] = dataclasses.replace(outcome.result, source="", text="")
    return dataclasses.replace(outcome, **changes) if changes else outcome


def _build_report(shown: list[tuple[str, Any]], errors: list[str], done: list[Any], batch: Any) -> dict[str, Any]:
    from .report import build_report

    report = build_report(shown, errors, lazy=True)  # each change's dict is made as it is written
    if batch.fix:  # say what was written, and in which encoding (UTF-8 unless --keep-encoding)
        for entry, outcome in zip(report["files"], done):
            entry["written"] = outcome.written
            if outcome.written or outcome.output is not None:
                keep = batch.keep_encoding and outcome.result.encoding
                entry["output_encoding"] = outcome.result.encoding if keep else "utf-8"
    return report


def _render(options: RunOptions, report: dict[str, Any], sources: dict[str, tuple[str, str]],
            text_on_stdout: bool, fixing: bool, write: Callable[[str], object]) -> None:
    """The report in the chosen format, written piece by piece through `write`; text gets
    source lines, statistics and the fix summary."""
    from .report import write as write_report
    from .report.text import render_statistics, statistics_rows

    if options.statistics:
        if options.format.value == "json":
            import json

            write(json.dumps(statistics_rows(report), ensure_ascii=False, indent=2) + "\n")
            return
        write(render_statistics(report))
        return
    if options.format.value != "text":
        write_report(options.format.value, report, sources, write)
        return
    show = not options.quiet
    color = _color(options.color, options.output, text_on_stdout)
    write_report("text", report, sources, write, color=color, show_source=show, summary=show and not fixing)
    if fixing and show:
        write(fix_summary(report))


def fix_summary(report: dict[str, Any]) -> str:
    """What `fix` wrote and what remains for a human."""
    from collections import Counter

    written = [f for f in report["files"] if f.get("written")]
    lines = [f"wrote {f['path']} ({len(f['changes'])} change(s))" for f in written]
    printed = sum(1 for f in report["files"] if f.get("output_encoding") and not f.get("written"))
    remaining = Counter(finding["severity"] for f in report["files"] for finding in f["findings"])
    summary = report["summary"]
    tail = f"{summary['files']} file(s): {len(written)} written"
    if printed:
        tail += f", {printed} printed to standard output"
    tail += f", {summary['changes']} change(s) applied; "
    if remaining:
        detail = ", ".join(f"{remaining[s]} {s}" for s in ("error", "warning", "info") if remaining[s])
        tail += f"{sum(remaining.values())} finding(s) remain for a human ({detail})"
    else:
        tail += "nothing remains"
    if summary.get("errors"):
        tail += f"; {summary['errors']} error(s)"
    if summary.get("baselined"):
        tail += f"; {summary['baselined']} baselined"
    return "\n".join(lines + [tail]) + "\n"


def _load_baseline(path: Path) -> Any:
    from .baseline import load_baseline

    return load_baseline(path)


def _write_baseline(path: Path, done: list[Any]) -> int:
    from .baseline import write_baseline

    return write_baseline(path, [(o.display, o.result) for o in done])


def _apply_baseline(done: list[Any], known: Any, path: Path | None,
                    changes_too: bool) -> tuple[list[tuple[str, Any]], int]:
    """(display, result) pairs without what the baseline accepts, and how many it accepted."""
    pairs = [(o.display, o.result) for o in done]
    if known is None or path is None:
        return pairs, 0
    from .baseline import apply_baseline

    root = path.absolute().parent
    kept, total = [], 0
    for display, result in pairs:
        result, dropped = apply_baseline(display, result, known, root, changes_too)
        kept.append((display, result))
        total += dropped
    return kept, total


def _run_jsonl(options: RunOptions, field: str, report_field: str) -> None:
    """Stream a JSONL dataset: one input (file or -), cleaned records to --output or stdout."""
    import contextlib

    _resume_gc()

    from .batch import default_jobs
    from .jsonl import stream_jsonl

    paths, output = options.paths, options.output
    if len(paths) != 1:
        _fail("--jsonl takes exactly one input (a file or -)")
    engine = _guard(lambda: _EngineCache(options.config, options.engine_flags()).base())
    if output is not None and paths[0] != "-" and _same_file(output, Path(paths[0])):
        _fail("--jsonl output must differ from the input (it is the same file)")
    with contextlib.ExitStack() as stack:
        try:
            if paths[0] == "-" and sys.stdin is None:
                _fail("-: standard input is closed")
            source = sys.stdin if paths[0] == "-" else stack.enter_context(
                open(paths[0], encoding="utf-8", errors="surrogateescape", newline=""))
            sink = sys.stdout if output is None else stack.enter_context(
                open(output, "w", encoding="utf-8", newline=""))
        except OSError as exc:
            _fail(f"{exc.filename}: {exc.strerror}")
        if sink is sys.stdout and hasattr(sys.stdout, "reconfigure"):  # UTF-8 whatever the locale
            sys.stdout.reconfigure(encoding="utf-8")
        tally = _guard(lambda: stream_jsonl(engine, source, sink, field, report_field or None,
                                            options.jobs or default_jobs()))
    if not options.quiet:
        typer.echo(f"{tally.records} record(s), {tally.changed} changed, {tally.findings} with findings", err=True)
    for message in tally.errors or []:
        typer.echo(f"normalize: {_safe(paths[0])}: {_safe(message)}", err=True)
    if tally.errors:
        raise typer.Exit(2)
    fail_level = SEVERITY_RANK[(options.fail_on.value if options.fail_on else None) or engine.config.fail_on]
    failing = any(SEVERITY_RANK[s] >= fail_level for s in tally.severities or ())
    raise typer.Exit(1 if failing and not options.exit_zero else 0)


PROGRESS_FROM = 20  # files: fewer finish before a bar would be worth drawing


def with_progress(items, total: int, show: bool):  # noqa: ANN001, ANN201 - an iterator of anything
    """Yield `items`, drawing a progress bar on standard error when `show` (a terminal)."""
    if not show:
        yield from items
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("normalize", total=total)
        for item in items:
            progress.advance(task)
            yield item


class _EngineCache:
    """One compiled engine per configuration file (discovered by walking up from each file), and
    per set of per-file settings that apply to a file."""

    def __init__(self, config: Path | None, flags: dict) -> None:
        self._explicit = config
        self._flags = flags
        self._by_key: dict[Any, Any] = {}

    def base(self):  # noqa: ANN201
        return self._engine(self._explicit or _discover(Path.cwd()))

    def for_target(self, target):  # noqa: ANN001, ANN201
        config_file = self._explicit or (_discover(target.path) if target.path is not None else None)
        engine = self.base() if target.path is None else self._engine(config_file)
        if target.path is None or not engine.config.per_file:
            return engine
        specific = engine.config.for_path(target.path)
        return engine if specific == engine.config else self._engine(config_file, specific)

    def _engine(self, config_file: Path | None, specific: Any = None):  # noqa: ANN001, ANN202
        key = (config_file, None if specific is None else repr(specific))  # a Config holds dicts: not hashable
        if key not in self._by_key:
            from .config import Config, load_config_file
            from .pipeline import Normalizer

            if specific is not None:  # flags already merged into the file's settings
                self._by_key[key] = Normalizer(config=specific)
            else:
                base = load_config_file(config_file) if config_file else Config()
                self._by_key[key] = Normalizer(config=base.merged(**self._flags))
        return self._by_key[key]


def _discover(start: Path) -> Path | None:
    from .config import find_config_file

    return find_config_file(start)


def _emit(writer: Callable[[Callable[[str], object]], None], output: Path | None, stdout_used: bool) -> None:
    """Run `writer(write)` with `write` going to --output, or standard error when the cleaned text
    owns standard output, or standard output: the report is written as it is rendered."""
    if output is not None:
        try:
            with open(output, "w", encoding="utf-8") as stream:
                writer(stream.write)
        except OSError as exc:
            _fail(f"cannot write report to {output}: {exc.strerror}")
    elif stdout_used:
        writer(sys.stderr.write)  # the cleaned text owns standard output
    else:
        writer(sys.stdout.write)


def _color(choice: Color, output: Path | None, stdout_used: bool) -> bool:
    """--color: always/never as said; auto colours a terminal unless NO_COLOR is set (and not
    empty), and FORCE_COLOR (not empty) colours even a pipe (https://no-color.org, force-color.org)."""
    if choice != Color.auto:
        return choice == Color.always
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = sys.stderr if stdout_used else sys.stdout
    return output is None and stream.isatty()


def _relative(source: str) -> str:
    from .resources import rules_dir

    root = str(rules_dir().parent)
    return source[len(root) + 1 :] if source.startswith(root + os.sep) else source


def _guard(action):  # noqa: ANN001, ANN202
    """Run `action`, turning user errors into a message and exit code 2."""
    from .errors import NormalizeError

    try:
        return action()
    except NormalizeError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _interrupted()
    except RecursionError:
        _fail("input too deeply nested to process")
    except MemoryError:
        _fail("out of memory: input too large (see max-bytes)")


def _fail(message: str) -> None:
    typer.echo(f"normalize: {_safe(message)}", err=True)
    raise typer.Exit(2)


def _interrupted() -> None:
    """Ctrl-C: one line, exit 130 (temporary files are removed where they are written)."""
    typer.echo("normalize: interrupted", err=True)
    raise typer.Exit(130)


def _safe(text: str) -> str:
    from .report.text import terminal_safe

    return terminal_safe(text)


def _same_file(a: Path, b: Path) -> bool:
    """The same file, by any name (a hard link, a symlink, another spelling of the path)."""
    try:
        return a.resolve() == b.resolve() or os.path.samefile(a, b)
    except OSError:
        return False


def main() -> None:
    """The process's entry point (console script, `python -m normalize`). The collector stays
    paused for a one-file run, to its exit (turning it back on would collect at exit)."""
    gc.freeze()  # what start-up made is never collected again (see the top of this module)
    gc.disable()
    if sys.stderr is None:  # started with a closed descriptor: nowhere to say anything
        sys.stderr = open(os.devnull, "w")
    if sys.stdout is None:
        sys.stderr.write("normalize: standard output is closed; the report is discarded\n")
        sys.stdout = open(os.devnull, "w")
    try:
        app()
    except SystemExit as done:
        _exit_without_teardown(done.code)
    except KeyboardInterrupt:  # outside the guarded sections (start-up, argument parsing)
        sys.stderr.write("normalize: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:  # standard output closed early (`| head`): stop quietly
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.stderr.write("normalize: standard output closed; output cut short\n")
        sys.exit(2)
    except Exception as exc:  # a bug, not a user error: say so briefly, no traceback
        if os.environ.get("NORMALIZE_DEBUG"):
            raise
        typer.echo(f"normalize: internal error: {type(exc).__name__}: {exc} "
                   "(please report it; NORMALIZE_DEBUG=1 shows the traceback)", err=True)
        sys.exit(2)


EXIT_HANDLERS_GRACE = 5.0  # seconds the exit handlers of an interrupted run have before it leaves anyway


def _leave_after(seconds: float, status: int) -> None:
    """Leave with `status` in `seconds` if the process is still there: a handler that waits for
    something no longer coming (a worker's pipe) must not turn Ctrl-C into a hang."""
    import threading

    def leave() -> None:
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write("normalize: exit handlers did not finish; leaving without them\n")
            sys.stderr.flush()
        os._exit(status)

    timer = threading.Timer(seconds, leave)
    timer.daemon = True
    timer.start()


def _exit_without_teardown(code: object) -> None:
    """Exit with `code` (as `sys.exit` would) once the exit handlers have run and the output is
    flushed, skipping the interpreter's teardown: freeing the name tables and modules object by
    object costs a one-file run more than a tenth of its CPU time, for memory the system reclaims
    at once. Every file the run wrote is already closed (`safe_write` renames closed, fsynced files)."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): print it, status 1
        sys.stderr.write(f"{code}\n")
        status = 1
    if status == 130:  # interrupted: the user asked to stop now, so the handlers get a bounded time
        _leave_after(EXIT_HANDLERS_GRACE, status)
    atexit._run_exitfuncs()  # coverage, multiprocessing and the like register here
    if type(sys.stdout).__name__ == "PacifyFlushWrapper":  # click's stand-in once the reader left (EPIPE)
        sys.stderr.write("normalize: standard output closed; output cut short\n")
        status = 2
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader left early (`| head`)
        sys.stderr.write("normalize: standard output closed; output cut short\n")
        status = 2
    except (OSError, ValueError):
        status = 2
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(status)


def _large(target: Any) -> bool:
    """A file big enough that cycles left to reference counting could cost real memory;
    standard input (path None) counts as large: its size is unknown."""
    try:
        return target.path is None or os.stat(target.path).st_size > 1_000_000
    except OSError:
        return True


def _resume_gc() -> None:
    """The collector back on (if it was), for work that makes garbage: many files, a dataset."""
    if _GC_WAS_ENABLED and not gc.isenabled():
        gc.enable()


if _GC_WAS_ENABLED:
    gc.enable()  # a caller importing the CLI (tests, embedding) keeps its collector
