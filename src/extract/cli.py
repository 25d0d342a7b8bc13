"""The `qingdan` command: parses options, calls the library, prints. Nothing else.

Heavy libraries (pandas, openpyxl, spaCy, jieba, the document readers) are
imported inside the commands only, so `qingdan --help` stays fast. Every
problem ends as one line on standard error, never a traceback: exit code 2
for bad input or options, 1 when the output cannot be written.
"""
from __future__ import annotations

import os
import sys
from typing import Callable, List, Optional

import typer

from . import __version__, cli_words
from .messages import say

cli_words.install()

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help=say("cli_app"),
)

EXIT_FAILED = 1
EXIT_BAD_INPUT = 2

PATHS_HELP = say("cli_paths")
OUTPUT_HELP = say("cli_output")
OUTPUT_FILE_HELP = say("cli_output_file")
OUTPUT_ONE_HELP = say("cli_output_one")
REPORT_FORMAT_HELP = say("cli_report_format")
EXPLAIN_PARTS_HELP = say("cli_report_explain")


def _fail(message: str) -> None:
    typer.echo(say("prefix", message=message), err=True)


def _call(func: Callable[..., int], *args, **kwargs) -> None:
    """Run one library call and turn its outcome, or any error, into an exit code and one line."""
    from .batch import UsageError

    try:
        code = func(*args, report=_fail, **kwargs)
    except UsageError as exc:
        _fail(str(exc))
        code = EXIT_BAD_INPUT
    except BrokenPipeError:
        _quiet_stdout()
        code = EXIT_FAILED
    except OSError as exc:
        reason = exc.strerror or str(exc)
        _fail(say("cli_cannot_write_file", file=exc.filename, reason=reason) if exc.filename
              else say("cli_cannot_write", reason=reason))
        code = EXIT_FAILED
    except Exception as exc:  # the promise: one line, never a traceback
        _fail(say("cli_bug", kind=type(exc).__name__, detail=exc))
        code = EXIT_FAILED
    raise typer.Exit(code)


def _quiet_stdout() -> None:
    """The reader of our output went away (`| head`): drop what is left instead of complaining at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _version(value: bool) -> None:
    if value:
        typer.echo(f"qingdan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help=say("cli_version")),
) -> None:
    """The program's own options (the help is cli_app of messages.yml)."""


@app.command(help=say("cli_extract"))
def extract(
    paths: List[str] = typer.Argument(..., help=PATHS_HELP, show_default=False),
    fmt: Optional[str] = typer.Option(
        None, "--format", "-f", show_default=False,
        help=say("cli_extract_format"),
    ),
    output: Optional[str] = typer.Option(None, "--output", "-o", help=OUTPUT_HELP, show_default=False),
    workers: int = typer.Option(1, "--workers", "-w", help=say("cli_extract_workers")),
    resume: bool = typer.Option(False, "--resume", help=say("cli_extract_resume")),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", show_default=False,
                                            help=say("cli_extract_progress")),
    errors: Optional[str] = typer.Option(None, "--errors", show_default=False,
                                         help=say("cli_extract_errors")),
) -> None:
    """Extract every duty into records (one JSON object per line by default)."""
    from .batch import run_extract

    _call(run_extract, paths, fmt, output, workers=workers, resume=resume, progress=progress, errors=errors)


@app.command(help=say("cli_text"))
def text(
    path: str = typer.Argument(..., help=say("cli_text_path"), show_default=False),
    output: Optional[str] = typer.Option(None, "--output", "-o", help=OUTPUT_FILE_HELP,
                                         show_default=False),
) -> None:
    """Print the text that record spans index, exactly as read (UTF-8)."""
    from .batch import run_text

    _call(run_text, path, output)


@app.command(help=say("cli_checklist"))
def checklist(
    paths: List[str] = typer.Argument(..., help=PATHS_HELP, show_default=False),
    fmt: Optional[str] = typer.Option(
        None, "--format", "-f", show_default=False,
        help=say("cli_checklist_format"),
    ),
    output: Optional[str] = typer.Option(None, "--output", "-o", help=OUTPUT_HELP, show_default=False),
    title: Optional[str] = typer.Option(None, "--title", "-t", show_default=False,
                                        help=say("cli_checklist_title")),
) -> None:
    """A to-do checklist of the duties, grouped by actor and by how often they recur."""
    from .batch import run_checklist

    _call(run_checklist, paths, fmt, output, title)


@app.command(help=say("cli_diff"))
def diff(
    old: str = typer.Argument(..., help=say("cli_diff_old"), show_default=False),
    new: str = typer.Argument(..., help=say("cli_diff_new"), show_default=False),
    fmt: Optional[str] = typer.Option(
        None, "--format", "-f", show_default=False,
        help=REPORT_FORMAT_HELP,
    ),
    output: Optional[str] = typer.Option(None, "--output", "-o", show_default=False,
                                         help=OUTPUT_ONE_HELP),
    explain: bool = typer.Option(False, "--explain", help=EXPLAIN_PARTS_HELP),
) -> None:
    """Year-over-year diff: every duty of both versions as unchanged, changed, added or removed."""
    from .batch_diff import run_diff

    _call(run_diff, old, new, fmt, output, explain)


@app.command(help=say("cli_audit"))
def audit(
    duty_list: str = typer.Argument(..., metavar="LIST", help=say("cli_audit_list"),
                                    show_default=False),
    report: str = typer.Argument(..., metavar="REPORT", help=say("cli_audit_report"),
                                 show_default=False),
    fmt: Optional[str] = typer.Option(
        None, "--format", "-f", show_default=False,
        help=REPORT_FORMAT_HELP,
    ),
    output: Optional[str] = typer.Option(None, "--output", "-o", show_default=False,
                                         help=OUTPUT_ONE_HELP),
    explain: bool = typer.Option(False, "--explain", help=EXPLAIN_PARTS_HELP),
) -> None:
    """Check a report against its list: each duty met, short, exceeded or unreported, then the unplanned work."""
    from .batch_diff import run_audit

    _call(run_audit, duty_list, report, fmt, output, explain)


@app.command(help=say("cli_compare"))
def compare(
    paths: List[str] = typer.Argument(..., help=PATHS_HELP, show_default=False),
    fmt: Optional[str] = typer.Option(
        None, "--format", "-f", show_default=False,
        help=say("cli_compare_format"),
    ),
    output: Optional[str] = typer.Option(None, "--output", "-o", show_default=False,
                                         help=OUTPUT_ONE_HELP),
) -> None:
    """One table of duties x documents: what each document asks of each duty."""
    from .batch_diff import run_compare

    _call(run_compare, paths, fmt, output)


@app.command(help=say("cli_calendar"))
def calendar(
    paths: List[str] = typer.Argument(..., help=PATHS_HELP, show_default=False),
    output: Optional[str] = typer.Option(None, "--output", "-o", show_default=False,
                                         help=say("cli_calendar_output")),
    year: Optional[int] = typer.Option(None, "--year", "-y", show_default=False,
                                       help=say("cli_calendar_year")),
    events: bool = typer.Option(False, "--events", help=say("cli_calendar_events")),
) -> None:
    """An iCalendar file of the dated and recurring duties: recurring events, to-dos with due dates."""
    from .calendar_ics import run_calendar

    _call(run_calendar, paths, output, year, events)


@app.command(help=say("cli_explain"))
def explain(
    paths: List[str] = typer.Argument(..., help=PATHS_HELP, show_default=False),
    fmt: Optional[str] = typer.Option(
        None, "--format", "-f", show_default=False,
        help=say("cli_explain_format"),
    ),
    output: Optional[str] = typer.Option(None, "--output", "-o", show_default=False,
                                         help=OUTPUT_ONE_HELP),
) -> None:
    """Account for every sentence: the duties it gave and every decision that made, changed or refused one."""
    from .explain import run_explain

    _call(run_explain, paths, fmt, output)


@app.command(help=say("cli_schema"))
def schema(
    output: Optional[str] = typer.Option(None, "--output", "-o", help=OUTPUT_FILE_HELP,
                                         show_default=False),
) -> None:
    """Print the JSON Schema of one duty record (what each jsonl line satisfies)."""
    from .batch import run_schema

    _call(run_schema, output)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="qingdan")


if __name__ == "__main__":
    main()
