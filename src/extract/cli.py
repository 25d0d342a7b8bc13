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

from . import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Turn every duty in Chinese party-building lists and reports into traceable records.",
)

EXIT_FAILED = 1
EXIT_BAD_INPUT = 2

PATHS_HELP = "files or folders (.txt .docx .pdf .html .htm); a folder means every supported file in it"
OUTPUT_HELP = ("write here instead of standard output; parent folders are created; "
               "a folder (existing, or ending in /) gets one file per input, <stem>.<format>")


def _fail(message: str) -> None:
    typer.echo(f"qingdan: {message}", err=True)


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
        where = f"{exc.filename}: " if exc.filename else ""
        _fail(f"{where}cannot write the output ({exc.strerror or exc})")
        code = EXIT_FAILED
    except Exception as exc:  # the promise: one line, never a traceback
        _fail(f"unexpected error ({type(exc).__name__}: {exc}); please report this as a bug")
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
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="print the version and exit"),
) -> None:
    """Turn every duty in Chinese party-building lists and reports into traceable records."""


@app.command()
def extract(
    paths: List[str] = typer.Argument(..., help=PATHS_HELP, show_default=False),
    fmt: Optional[str] = typer.Option(
        None, "--format", "-f", show_default=False,
        help="jsonl | json | csv | xlsx | md (default: the -o suffix, else jsonl); xlsx needs -o",
    ),
    output: Optional[str] = typer.Option(None, "--output", "-o", help=OUTPUT_HELP, show_default=False),
    workers: int = typer.Option(1, "--workers", "-w", help="extract this many files at a time (processes)"),
    resume: bool = typer.Option(False, "--resume", help="carry on an interrupted batch: skip the files already "
                                "written to -o (jsonl, csv or md)"),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", show_default=False,
                                            help="show progress (default: a bar on a terminal, lines otherwise)"),
    errors: Optional[str] = typer.Option(None, "--errors", show_default=False,
                                         help="write a report of every file that failed here (JSON lines); "
                                         "a batch with -o writes OUT.errors.jsonl by default"),
) -> None:
    """Extract every duty into records (one JSON object per line by default)."""
    from .batch import run_extract

    _call(run_extract, paths, fmt, output, workers=workers, resume=resume, progress=progress, errors=errors)


@app.command()
def text(
    path: str = typer.Argument(..., help="a document", show_default=False),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="write here instead of standard output",
                                         show_default=False),
) -> None:
    """Print the text that record spans index, exactly as read (UTF-8)."""
    from .batch import run_text

    _call(run_text, path, output)


@app.command()
def checklist(
    paths: List[str] = typer.Argument(..., help=PATHS_HELP, show_default=False),
    fmt: Optional[str] = typer.Option(
        None, "--format", "-f", show_default=False,
        help="md | xlsx (default: the -o suffix, else md); xlsx needs -o",
    ),
    output: Optional[str] = typer.Option(None, "--output", "-o", help=OUTPUT_HELP, show_default=False),
    title: Optional[str] = typer.Option(None, "--title", "-t", show_default=False,
                                        help="heading of the Markdown checklist (default: the list's own title)"),
) -> None:
    """A to-do checklist of the duties, grouped by actor and by how often they recur."""
    from .batch import run_checklist

    _call(run_checklist, paths, fmt, output, title)


@app.command()
def diff(
    old: str = typer.Argument(..., help="the earlier version of the list", show_default=False),
    new: str = typer.Argument(..., help="the later version of the list", show_default=False),
    fmt: Optional[str] = typer.Option(
        None, "--format", "-f", show_default=False,
        help="jsonl | md | html | xlsx (default: the -o suffix, else jsonl); xlsx needs -o",
    ),
    output: Optional[str] = typer.Option(None, "--output", "-o", show_default=False,
                                         help="write here instead of standard output; parent folders are created"),
    explain: bool = typer.Option(False, "--explain", help="add each pair's similarity parts (jsonl, md, html)"),
) -> None:
    """Year-over-year diff: every duty of both versions as unchanged, changed, added or removed."""
    from .batch_diff import run_diff

    _call(run_diff, old, new, fmt, output, explain)


@app.command()
def audit(
    duty_list: str = typer.Argument(..., metavar="LIST", help="the responsibility list the report answers",
                                    show_default=False),
    report: str = typer.Argument(..., metavar="REPORT", help="the annual report on the duties to check",
                                 show_default=False),
    fmt: Optional[str] = typer.Option(
        None, "--format", "-f", show_default=False,
        help="jsonl | md | html | xlsx (default: the -o suffix, else jsonl); xlsx needs -o",
    ),
    output: Optional[str] = typer.Option(None, "--output", "-o", show_default=False,
                                         help="write here instead of standard output; parent folders are created"),
    explain: bool = typer.Option(False, "--explain", help="add each pair's similarity parts (jsonl, md, html)"),
) -> None:
    """Check a report against its list: each duty met, short, exceeded or unreported, then the unplanned work."""
    from .batch_diff import run_audit

    _call(run_audit, duty_list, report, fmt, output, explain)


@app.command()
def compare(
    paths: List[str] = typer.Argument(..., help=PATHS_HELP, show_default=False),
    fmt: Optional[str] = typer.Option(
        None, "--format", "-f", show_default=False,
        help="csv | xlsx | md (default: the -o suffix, else csv); xlsx needs -o",
    ),
    output: Optional[str] = typer.Option(None, "--output", "-o", show_default=False,
                                         help="write here instead of standard output; parent folders are created"),
) -> None:
    """One table of duties x documents: what each document asks of each duty."""
    from .batch_diff import run_compare

    _call(run_compare, paths, fmt, output)


@app.command()
def calendar(
    paths: List[str] = typer.Argument(..., help=PATHS_HELP, show_default=False),
    output: Optional[str] = typer.Option(None, "--output", "-o", show_default=False,
                                         help="write the .ics here instead of standard output; parent folders are created"),
    year: Optional[int] = typer.Option(None, "--year", "-y", show_default=False,
                                       help="the year of a list whose title names none (a title's year comes first)"),
    events: bool = typer.Option(False, "--events", help="write deadlines and yearly to-dos as all-day events too, "
                                "for calendars that import no to-dos (Google Calendar, Outlook)"),
) -> None:
    """An iCalendar file of the dated and recurring duties: recurring events, to-dos with due dates."""
    from .calendar_ics import run_calendar

    _call(run_calendar, paths, output, year, events)


@app.command()
def explain(
    paths: List[str] = typer.Argument(..., help=PATHS_HELP, show_default=False),
    fmt: Optional[str] = typer.Option(
        None, "--format", "-f", show_default=False,
        help="jsonl | text (default: the -o suffix, .txt for text, else jsonl); text is for people, in Chinese",
    ),
    output: Optional[str] = typer.Option(None, "--output", "-o", show_default=False,
                                         help="write here instead of standard output; parent folders are created"),
) -> None:
    """Account for every sentence: the duties it gave and every decision that made, changed or refused one."""
    from .explain import run_explain

    _call(run_explain, paths, fmt, output)


@app.command()
def schema(
    output: Optional[str] = typer.Option(None, "--output", "-o", help="write here instead of standard output",
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
