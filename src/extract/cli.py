"""The `qingdan` command: parses options, calls the library, prints. Nothing else."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn every duty in Chinese party-building lists and reports into traceable records.")

EXIT_BAD_INPUT = 2


def _fail(message: str) -> None:
    typer.echo(f"qingdan: {message}", err=True)


@app.command()
def extract(
    paths: List[Path] = typer.Argument(..., help="files or folders (.txt .docx .pdf .html)"),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl | json | csv | xlsx | md"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="write here instead of standard output"),
) -> None:
    """Extract every duty into records (one JSON object per line by default)."""
    from .batch import run_extract

    code = run_extract(paths, fmt, output, report=_fail)
    raise typer.Exit(code)


@app.command()
def text(path: Path = typer.Argument(..., help="a document")) -> None:
    """Print the text that record spans index."""
    from .read import ReadError, read_document

    try:
        doc = read_document(path)
    except ReadError as exc:
        _fail(str(exc))
        raise typer.Exit(EXIT_BAD_INPUT)
    sys.stdout.write(doc.text)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
