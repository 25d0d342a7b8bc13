"""Run the commands over many files: expand folders, keep going past bad files, write the outputs.

Everything the ``qingdan`` command does lives here so it can be called from
Python as well: each ``run_*`` function takes paths and options, reports each
bad input in one line through ``report`` and returns the exit code (0 when
every input was read, 2 when any could not be). Option values that make the
run impossible raise :class:`UsageError` before any input is read.
"""
from __future__ import annotations

import io
import json
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Sequence, TextIO, Union

from .checklist import checklist_markdown, write_checklist_xlsx
from .export import FORMATS, RecordWriter, record_json_schema
from .read import SUPPORTED_SUFFIXES, ReadError, iter_input_files, read_document
from .read.errors import short
from .records import DutyRecord

EXIT_OK = 0
EXIT_BAD_INPUT = 2

CHECKLIST_FORMATS = ("md", "xlsx")
BINARY_FORMATS = ("xlsx",)
STDOUT = "-"

PathLike = Union[str, "os.PathLike[str]"]
Report = Callable[[str], None]


class UsageError(ValueError):
    """An option value that makes the run impossible (unknown format, xlsx without a file)."""


def print_report(message: str) -> None:
    """The default reporter: one line on standard error, prefixed with the program name."""
    print(f"qingdan: {message}", file=sys.stderr, flush=True)


class Run:
    """Book-keeping of one batch: how many inputs failed, each reported once."""

    def __init__(self, report: Optional[Report] = None):
        self.report = report or print_report
        self.failed = 0

    def fail(self, message: str) -> None:
        self.failed += 1
        self.report(message)

    @property
    def exit_code(self) -> int:
        return EXIT_BAD_INPUT if self.failed else EXIT_OK


# --- options -----------------------------------------------------------------


def is_folder_target(output: Optional[PathLike]) -> bool:
    """An output that names a folder (existing, or written with a trailing slash) gets one file per input."""
    if output is None or str(output) == STDOUT:
        return False
    text = str(output)
    return text.endswith(("/", os.sep)) or Path(text).is_dir()


def choose_format(fmt: Optional[str], output: Optional[PathLike], allowed: Sequence[str], default: str) -> str:
    """The format asked for, else the one the output file's suffix names, else the default."""
    if fmt is not None:
        name = fmt.strip().lower().lstrip(".")
        if name not in allowed:
            raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(allowed)}")
        return name
    if output is not None and str(output) != STDOUT and not is_folder_target(output):
        suffix = Path(str(output)).suffix.lower().lstrip(".")
        suffix = "md" if suffix == "markdown" else suffix
        if suffix in allowed:
            return suffix
    return default


def _check_target(fmt: str, output: Optional[PathLike]) -> None:
    if fmt in BINARY_FORMATS and (output is None or str(output) == STDOUT):
        raise UsageError(f"{fmt} is a binary format: name the file to write with -o (for example -o ledger.{fmt})")


# --- inputs ------------------------------------------------------------------


def input_files(paths: Iterable[PathLike], run: Run, exclude: Optional[PathLike] = None) -> list[Path]:
    """The files to read, folders expanded (sorted); a folder with no document is reported as bad input."""
    paths = [Path(p) for p in paths]
    for folder in (p for p in paths if p.is_dir()):
        if next(iter_input_files([folder]), None) is None:
            run.fail(f"{folder}: no supported documents in this folder (supported: {', '.join(SUPPORTED_SUFFIXES)})")
    skip = _identity(exclude) if exclude is not None else None
    return [f for f in iter_input_files(paths) if skip is None or _identity(f) != skip]


def _identity(path: PathLike) -> object:
    try:
        st = os.stat(path)
        return (st.st_dev, st.st_ino)
    except OSError:
        return os.path.realpath(path)


def extract_file(path: Path, run: Run, allow_empty: bool = False) -> Optional[list[DutyRecord]]:
    """The records of one file, or None after reporting why it could not be read or extracted.

    With allow_empty, an empty file is a document with no duties rather than bad input.
    """
    read = read_file(path, run, allow_empty)
    return read[1] if read is not None else None


def read_file(path: Path, run: Run, allow_empty: bool = False) -> Optional[tuple[str, list[DutyRecord]]]:
    """The text as read and the records of one file, or None after reporting why it could not be
    read or extracted (an empty file, with allow_empty: no text and no duties)."""
    from .stream import extract_one

    outcome = extract_one(path)
    if outcome.error is None:
        return outcome.text or "", outcome.records
    if allow_empty and outcome.kind == "empty":
        return "", []
    run.fail(outcome.error)
    return None


def iter_records(files: Iterable[Path], run: Run) -> Iterator[tuple[Path, list[DutyRecord]]]:
    """(path, records) for every file that could be read; the others are reported and skipped."""
    for path in files:
        records = extract_file(path, run)
        if records is not None:
            yield path, records


# --- outputs -----------------------------------------------------------------


@contextmanager
def utf8_stdout(newline: str = "\n") -> Iterator[TextIO]:
    """Standard output as UTF-8 text whatever the locale, restored afterwards."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        yield stream
        return
    stream.flush()
    wrapper = io.TextIOWrapper(buffer, encoding="utf-8", newline=newline, write_through=True)
    try:
        yield wrapper
    finally:
        try:
            wrapper.flush()
        finally:
            wrapper.detach()


@contextmanager
def _target(output: Optional[PathLike], fmt: str) -> Iterator[Union[TextIO, Path]]:
    """Where a combined output goes: a path (parent folders created) or standard output."""
    if output is None or str(output) == STDOUT:
        with utf8_stdout("" if fmt == "csv" else "\n") as stream:
            yield stream
        return
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    yield path


def output_names(files: Sequence[Path], fmt: str) -> dict[Path, str]:
    """One file name per input, `<stem>.<fmt>`; a stem seen before gets `-2`, `-3`... in input order."""
    names: dict[Path, str] = {}
    taken: set[str] = set()
    for path in files:
        name, n = f"{path.stem}.{fmt}", 1
        while name.lower() in taken:
            n += 1
            name = f"{path.stem}-{n}.{fmt}"
        taken.add(name.lower())
        names[path] = name
    return names


def _per_file(paths: Iterable[PathLike], run: Run, fmt: str, output: PathLike) -> tuple[list[Path], dict[Path, Path]]:
    """The inputs and, for a folder output, the file each one is written to (folder created)."""
    files = input_files(paths, run)
    folder = Path(output)
    folder.mkdir(parents=True, exist_ok=True)
    return files, {path: folder / name for path, name in output_names(files, fmt).items()}


def _write_text(output: Optional[PathLike], text: str) -> None:
    with _target(output, "md") as out:
        if isinstance(out, Path):
            out.write_text(text, encoding="utf-8", newline="\n")
        else:
            out.write(text)


# --- commands ----------------------------------------------------------------


def run_extract(paths: Iterable[PathLike], fmt: Optional[str] = None, output: Optional[PathLike] = None,
                report: Optional[Report] = None, workers: int = 1, resume: bool = False,
                progress: Optional[bool] = None, errors: Optional[PathLike] = None) -> int:
    """Extract every input into one output (stdout, a file) or, for a folder output, one file per input.

    With `workers` the files are extracted in parallel (output order and bytes unchanged);
    a jsonl/csv/md output file is written block by block and can be resumed (see stream.py);
    `errors` names a report of every file that failed (default beside a batch's output file).
    """
    from .stream import STREAM_FORMATS, Summary, outcomes, stream_to_file, write_errors

    fmt = choose_format(fmt, output, FORMATS, "jsonl")
    if workers < 1:
        raise UsageError("--workers must be 1 or more")
    run = Run(report)
    if is_folder_target(output):
        files, targets = _per_file(paths, run, fmt, output)
        for outcome in outcomes(files, workers):
            if outcome.error is not None:
                run.fail(outcome.error)
                continue
            with RecordWriter(fmt, targets[outcome.path]) as writer:
                writer.write(outcome.records)
        return run.exit_code
    _check_target(fmt, output)
    to_file = output is not None and str(output) != STDOUT
    if resume and not (to_file and fmt in STREAM_FORMATS):
        raise UsageError(f"--resume needs an output file (-o) in one of {', '.join(STREAM_FORMATS)}")
    files = input_files(paths, run, exclude=output if to_file else None)
    if to_file and fmt in STREAM_FORMATS:
        summary = stream_to_file(files, fmt, Path(output), workers=workers, resume=resume,
                                 progress=progress, report=run.fail)
    else:
        summary = Summary()
        started = time.perf_counter()
        with _target(output, fmt) as out, RecordWriter(fmt, out) as writer:
            for outcome in outcomes(files, workers):
                summary.files += 1
                if outcome.error is not None:
                    summary.failures.append(outcome)
                    run.fail(outcome.error)
                    continue
                summary.duties += len(outcome.records)
                writer.write(outcome.records)
        summary.seconds = time.perf_counter() - started
    batch = to_file and (len(files) > 1 or summary.skipped)
    if errors is not None or (batch and summary.failures):
        write_errors(summary.failures, Path(errors) if errors is not None else Path(f"{output}.errors.jsonl"))
    if (batch and progress is not False) or progress:
        summary.errors = len(summary.failures)
        run.report(f"done: {summary.line()}")
    return run.exit_code


def run_checklist(paths: Iterable[PathLike], fmt: Optional[str] = None, output: Optional[PathLike] = None,
                  title: Optional[str] = None, report: Optional[Report] = None) -> int:
    """The checklist of all inputs (md or xlsx); a folder output gets one checklist per input."""
    fmt = choose_format(fmt, output, CHECKLIST_FORMATS, "md")
    run = Run(report)
    if is_folder_target(output):
        files, targets = _per_file(paths, run, fmt, output)
        for path, records in iter_records(files, run):
            _write_checklist(records, fmt, targets[path], title)
        return run.exit_code
    _check_target(fmt, output)
    files = input_files(paths, run, exclude=output if output is not None and str(output) != STDOUT else None)
    records = [rec for _, recs in iter_records(files, run) for rec in recs]
    _write_checklist(records, fmt, output, title)
    return run.exit_code


def _write_checklist(records: list[DutyRecord], fmt: str, output: Optional[PathLike], title: Optional[str]) -> None:
    if fmt == "xlsx":
        with _target(output, fmt) as out:
            write_checklist_xlsx(records, out)
        return
    _write_text(output, checklist_markdown(records, title=title))


def run_text(path: PathLike, output: Optional[PathLike] = None, report: Optional[Report] = None) -> int:
    """Write the text record spans index, exactly as read: not one character added or changed."""
    run = Run(report)
    try:
        text = read_document(path).text
    except ReadError as exc:
        run.fail(str(exc))
        return run.exit_code
    except Exception as exc:  # never a traceback for one bad file
        run.fail(f"{path}: could not be read ({short(exc)}); please report this as a bug")
        return run.exit_code
    data = text.encode("utf-8")
    if output is None or str(output) == STDOUT:
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            sys.stdout.write(text)
        else:
            buffer.write(data)
            buffer.flush()
    else:
        target = Path(output)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return EXIT_OK


def schema_text() -> str:
    """The JSON Schema of one duty record as indented JSON, keys in the model's order."""
    return json.dumps(record_json_schema(), ensure_ascii=False, indent=2) + "\n"


def run_schema(output: Optional[PathLike] = None, report: Optional[Report] = None) -> int:
    """Write the record's JSON Schema to standard output or a file (``report`` is unused: nothing is read)."""
    _write_text(output, schema_text())
    return EXIT_OK
