"""The command line: `normalize check|fix|rules`. A thin layer over the library.

Exit codes: 0 nothing to change and no finding at or above --fail-on; 1 changes or
findings (fix: findings remain, or files changed with --exit-non-zero-on-fix);
2 usage, configuration or input error. Errors are messages, never tracebacks.
"""

from __future__ import annotations

import contextlib
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Repair encoding, flag stray foreign-script fragments, standardise honorifics and names.",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


class Format(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    diff = "diff"
    html = "html"


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


class Markup(str, Enum):
    text = "text"
    markdown = "markdown"
    html = "html"
    rst = "rst"


Paths = Annotated[list[str], typer.Argument(help="Files, directories (walked recursively) or - for stdin.")]
Style = Annotated[Optional[str], typer.Option(help="House style: en-GB, en-US, or one defined in your packs.")]
Select = Annotated[Optional[str], typer.Option(help="Comma-separated categories or rule ids (prefixes) to run.")]
Ignore = Annotated[Optional[str], typer.Option(help="Comma-separated categories or rule ids (prefixes) to skip.")]
ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="Configuration file (instead of discovery).")]
FormatOpt = Annotated[Format, typer.Option("--format", help="Report format.")]
FailOn = Annotated[Optional[Severity], typer.Option(help="Lowest finding severity that fails (default: warning).")]
MarkupOpt = Annotated[Optional[Markup], typer.Option(help="Treat input as this markup (default: by extension).")]
Output = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file.")]
Jobs = Annotated[Optional[int], typer.Option("--jobs", "-j", help="Worker processes (default: all cores).")]
Unsafe = Annotated[bool, typer.Option("--unsafe-fixes", help="Also apply fixes that could change meaning.")]
ForceExclude = Annotated[bool, typer.Option("--force-exclude", help="Apply excludes to files named explicitly.")]
Language = Annotated[Optional[str], typer.Option(
    "--language", help="The documents' language (ISO 639-1 code, e.g. en, de), or auto to detect it.")]


@app.command()
def check(
    paths: Paths, style: Style = None, select: Select = None, ignore: Ignore = None, config: ConfigOpt = None,
    format: FormatOpt = Format.text, fail_on: FailOn = None, markup: MarkupOpt = None, output: Output = None,
    jobs: Jobs = None, unsafe_fixes: Unsafe = False, force_exclude: ForceExclude = False, language: Language = None,
) -> None:
    """Report what would change and what needs a human. Never writes."""
    from .batch import Options

    _run(paths, Options(fix=False, markup=markup.value if markup else None), style, select, ignore, config,
         format, fail_on, output, jobs, unsafe_fixes, force_exclude, exit_on_fix=True, language=language)


@app.command()
def fix(
    paths: Paths, style: Style = None, select: Select = None, ignore: Ignore = None, config: ConfigOpt = None,
    format: FormatOpt = Format.text, fail_on: FailOn = None, markup: MarkupOpt = None, output: Output = None,
    jobs: Jobs = None, unsafe_fixes: Unsafe = False, force_exclude: ForceExclude = False,
    stdout: Annotated[bool, typer.Option("--stdout", help="Print the cleaned text instead of writing files.")] = False,
    keep_encoding: Annotated[bool, typer.Option(help="Write in the source encoding instead of UTF-8.")] = False,
    exit_non_zero_on_fix: Annotated[bool, typer.Option(help="Exit 1 when a file was changed (pre-commit).")] = False,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="PATH is a JSONL dataset; -o names the output dataset.")] = False,
    field: Annotated[str, typer.Option(help="JSONL: the field holding the text.")] = "text",
    report_field: Annotated[str, typer.Option(help="JSONL: field for each record's report ('' for none).")] = "normalize",
    language: Language = None,
) -> None:
    """Write fixes in place (atomically), or print the cleaned text with --stdout."""
    from .batch import Options

    if jsonl:
        _run_jsonl(paths, output, field, report_field, style, select, ignore, config, fail_on, jobs, unsafe_fixes,
                   language=language)
        return

    options = Options(fix=True, stdout=stdout, keep_encoding=keep_encoding, markup=markup.value if markup else None)
    _run(paths, options, style, select, ignore, config, format, fail_on, output, jobs, unsafe_fixes,
         force_exclude, exit_on_fix=exit_non_zero_on_fix, language=language)


@app.command()
def rules(
    format: Annotated[Format, typer.Option("--format", help="text or json.")] = Format.text,
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
    if format == Format.json:
        typer.echo(json.dumps([{"id": r.id, "category": r.category, "severity": r.severity,
                                "severities": list(r.allowed_severities), "safe": r.safe, "source": r.source}
                               for r in infos], ensure_ascii=False, indent=2))
        return
    width = max((len(r.id) for r in infos), default=10)
    for r in infos:
        typer.echo(f"{r.id:<{width}}  {r.category:<15}  {'/'.join(r.allowed_severities):<13}  {_relative(r.source)}")


def _run(paths, options, style, select, ignore, config, fmt, fail_on, output, jobs, unsafe, force_exclude,
         exit_on_fix: bool, language: str | None = None) -> None:  # noqa: ANN001 - the options above say the types
    from .batch import default_jobs, process_all
    from .files import collect
    from .report import build_report, render

    engines = _EngineCache(config, dict(style=style, select=select, ignore=ignore,
                                        unsafe_fixes=unsafe or None, language=language))
    base = _guard(engines.base)
    fail_level = SEVERITY_RANK[(fail_on.value if fail_on else None) or base.config.fail_on]
    unknown = _guard(base.check_selectors) if (base.config.select or base.config.ignore) else []
    if unknown:
        _fail(f"unknown rule or category in --select/--ignore: {', '.join(unknown)} (see `normalize rules`)")
    targets, errors = collect(paths, base.config.exclude, force_exclude)
    if sum(1 for t in targets if t.path is None) > 1:
        _fail("'-' (standard input) may be given only once")
    outcomes = []
    show_progress = len(targets) >= PROGRESS_FROM and sys.stderr.isatty()
    results = process_all(targets, engines.for_target, options, jobs or default_jobs())
    for outcome in _guard(lambda: list(with_progress(results, len(targets), show_progress))):
        outcomes.append(outcome)
        if outcome.skipped:
            typer.echo(f"normalize: skipped {_safe(outcome.skipped)}", err=True)
        for note in outcome.notes:
            typer.echo(f"normalize: note: {_safe(note)}", err=True)
        if outcome.output is not None:
            sys.stdout.buffer.write(outcome.output)
            sys.stdout.buffer.flush()
    errors += [o.error for o in outcomes if o.error]
    done = [o for o in outcomes if o.result is not None]
    report = build_report([(o.display, o.result) for o in done], errors)
    if options.fix:  # say what was written, and in which encoding (UTF-8 unless --keep-encoding)
        for entry, outcome in zip(report["files"], done):
            entry["written"] = outcome.written
            if outcome.written or outcome.output is not None:
                keep = options.keep_encoding and outcome.result.encoding
                entry["output_encoding"] = outcome.result.encoding if keep else "utf-8"
    sources = {o.display: (o.result.source, o.result.text) for o in done}
    text_on_stdout = any(o.output is not None for o in outcomes)
    _emit(render(fmt.value, report, sources, color=_color(output, text_on_stdout)), output, text_on_stdout)
    for message in errors:
        typer.echo(f"normalize: {_safe(message)}", err=True)
    failing = any(SEVERITY_RANK[f.severity] >= fail_level for o in done for f in o.result.findings)
    changed = any(o.result.changed for o in done)
    if errors:
        raise typer.Exit(2)
    raise typer.Exit(1 if failing or (changed and exit_on_fix) else 0)


def _run_jsonl(paths, output, field, report_field, style, select, ignore, config, fail_on, jobs,
               unsafe, language: str | None = None) -> None:  # noqa: ANN001 - the options of `fix` say the types
    """Stream a JSONL dataset: one input (file or -), cleaned records to --output or stdout."""
    import contextlib

    from .batch import default_jobs
    from .jsonl import stream_jsonl

    if len(paths) != 1:
        _fail("--jsonl takes exactly one input (a file or -)")
    engine = _guard(lambda: _EngineCache(config, dict(style=style, select=select, ignore=ignore,
                                                      unsafe_fixes=unsafe or None, language=language)).base())
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
        tally = _guard(lambda: stream_jsonl(engine, source, sink, field, report_field or None,
                                            jobs or default_jobs()))
    typer.echo(f"{tally.records} record(s), {tally.changed} changed, {tally.findings} with findings", err=True)
    for message in tally.errors or []:
        typer.echo(f"normalize: {_safe(paths[0])}: {_safe(message)}", err=True)
    if tally.errors:
        raise typer.Exit(2)
    fail_level = SEVERITY_RANK[(fail_on.value if fail_on else None) or engine.config.fail_on]
    raise typer.Exit(1 if any(SEVERITY_RANK[s] >= fail_level for s in tally.severities or ()) else 0)


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
    """One compiled engine per configuration file (discovered by walking up from each file)."""

    def __init__(self, config: Path | None, flags: dict) -> None:
        self._explicit = config
        self._flags = flags
        self._by_file: dict[Path | None, object] = {}

    def base(self):  # noqa: ANN201
        return self._engine(self._explicit or _discover(Path.cwd()))

    def for_target(self, target):  # noqa: ANN001, ANN201
        if self._explicit or target.path is None:
            return self.base()
        return self._engine(_discover(target.path))

    def _engine(self, config_file: Path | None):  # noqa: ANN202
        if config_file not in self._by_file:
            from .config import Config, load_config_file
            from .pipeline import Normalizer

            base = load_config_file(config_file) if config_file else Config()
            self._by_file[config_file] = Normalizer(config=base.merged(**self._flags))
        return self._by_file[config_file]


def _discover(start: Path) -> Path | None:
    from .config import find_config_file

    return find_config_file(start)


def _emit(text: str, output: Path | None, stdout_used: bool) -> None:
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            _fail(f"cannot write report to {output}: {exc.strerror}")
    elif stdout_used:
        sys.stderr.write(text)  # the cleaned text owns standard output
    else:
        sys.stdout.write(text)


def _color(output: Path | None, stdout_used: bool) -> bool:
    stream = sys.stderr if stdout_used else sys.stdout
    return output is None and stream.isatty() and "NO_COLOR" not in os.environ


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
    if sys.stderr is None:  # started with a closed descriptor: nowhere to say anything
        sys.stderr = open(os.devnull, "w")
    if sys.stdout is None:
        sys.stderr.write("normalize: standard output is closed; the report is discarded\n")
        sys.stdout = open(os.devnull, "w")
    try:
        app()
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
