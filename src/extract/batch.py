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
from .messages import say
from .outputs_io import (
    STDOUT,
    UsageError,
    atomic_path,
    claim_output,
    clean,
    is_stdout,
    refuse_inputs,
    shown,
    write_bytes,
)
from .read import SKIP_KINDS, SUPPORTED_SUFFIXES, ReadError, Skipped, iter_input_files, read_document
from .read.errors import short
from .records import DutyRecord

EXIT_OK = 0
EXIT_BAD_INPUT = 2

CHECKLIST_FORMATS = ("md", "xlsx")
BINARY_FORMATS = ("xlsx",)
KNOWN_FORMATS = ("jsonl", "json", "csv", "xlsx", "md", "html", "ics")
SUFFIX_FORMATS = {"markdown": "md", "htm": "html", "txt": "text"}
SHOWN_SKIPPED = 5

PathLike = Union[str, "os.PathLike[str]"]
Report = Callable[[str], None]

def print_report(message: str) -> None:
    """The default reporter: one line on standard error, prefixed with the program name."""
    print(say("prefix", message=message), file=sys.stderr, flush=True)


class Run:
    """Book-keeping of one batch: how many inputs failed (each reported once), what was not read."""

    def __init__(self, report: Optional[Report] = None):
        self.report = report or print_report
        self.failed = 0
        self.skipped: list[Skipped] = []

    def fail(self, message: str) -> None:
        self.failed += 1
        self.report(clean(message))

    def note(self, message: str) -> None:
        """A line that is not a failure (what was not read, the summary)."""
        self.report(clean(message))

    @property
    def exit_code(self) -> int:
        return EXIT_BAD_INPUT if self.failed else EXIT_OK


# --- options -----------------------------------------------------------------


def is_folder_target(output: Optional[PathLike]) -> bool:
    """An output that names a folder (existing, or written with a trailing slash) gets one file per input."""
    if is_stdout(output):
        return False
    text = str(output)
    return text.endswith(("/", os.sep)) or Path(text).is_dir()


def _suffix_format(output: Optional[PathLike]) -> Optional[str]:
    if is_stdout(output) or is_folder_target(output):
        return None
    suffix = Path(str(output)).suffix.lower().lstrip(".")
    return SUFFIX_FORMATS.get(suffix, suffix) or None


def choose_format(fmt: Optional[str], output: Optional[PathLike], allowed: Sequence[str], default: str) -> str:
    """The format asked for, else the one the output file's suffix names, else the default.

    A format asked for that the output's suffix contradicts (`-o x.xlsx -f md`) is refused:
    the file would open as garbage in the program its name promises.
    """
    named = _suffix_format(output)
    if fmt is not None:
        name = fmt.strip().lower().lstrip(".")
        if name not in allowed:
            raise UsageError(say("batch_unknown_format", fmt=fmt, choices=", ".join(allowed)))
        if named is not None and named != name and (named in allowed or named in KNOWN_FORMATS):
            raise UsageError(say("batch_format_mismatch", output=shown(output), suffix=Path(str(output)).suffix,
                                 fmt=name))
        return name
    return named if named in allowed else default


def _check_target(fmt: str, output: Optional[PathLike]) -> None:
    if fmt in BINARY_FORMATS and is_stdout(output):
        raise UsageError(say("batch_binary_needs_file", fmt=fmt, example=f"-o ledger.{fmt}"))


def worker_count(asked: int, run: Run) -> int:
    """`asked`, or the processors this process may use when it asks for more (said once)."""
    if asked < 1:
        raise UsageError(say("batch_workers_min"))
    try:
        cap = len(os.sched_getaffinity(0))
    except AttributeError:
        cap = os.cpu_count() or 1
    if asked > cap:
        run.note(say("batch_workers_capped", asked=asked, cap=cap))
        return cap
    return asked


# --- inputs ------------------------------------------------------------------


def input_files(paths: Iterable[PathLike], run: Run, outputs: Iterable[Optional[PathLike]] = ()) -> list[Path]:
    """The files to read, folders expanded (sorted); a folder with no document is reported as bad input.

    An output that is one of the inputs is refused (OutputRefused) before anything is written;
    every entry of a folder that is not read is kept in `run.skipped` and said in a line per reason.
    """
    paths = [Path(p) for p in paths]
    skipped: list[Skipped] = []
    files = list(iter_input_files(paths, skipped))
    refuse_inputs([o for o in outputs if o is not None], files)
    for folder in (p for p in paths if p.is_dir()):
        if next(iter_input_files([folder]), None) is None:
            run.fail(say("batch_no_documents", folder=shown(folder), supported=", ".join(SUPPORTED_SUFFIXES)))
    run.skipped.extend(skipped)
    _say_skipped(skipped, run)
    return files


def _say_skipped(skipped: Sequence[Skipped], run: Run) -> None:
    """One line per reason: how many entries were not read and the first few names."""
    for kind in SKIP_KINDS:
        group = [s for s in skipped if s.kind == kind]
        if not group:
            continue
        names = say("batch_list_separator").join(shown(s.path) for s in group[:SHOWN_SKIPPED])
        if len(group) > SHOWN_SKIPPED:
            names += say("batch_unread_more", count=len(group))
        run.note(say("batch_unread", count=len(group), reason=say(f"batch_reason_{kind}"), names=names))


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
    for path, _, records in iter_read(files, run):
        yield path, records


def iter_read(files: Iterable[Path], run: Run) -> Iterator[tuple[Path, str, list[DutyRecord]]]:
    """(path, text as read, records) for every file that could be read; the others are reported."""
    for path in files:
        read = read_file(path, run)
        if read is not None:
            yield path, read[0], read[1]


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
    """Where a combined output goes: standard output, or a temporary path beside the file that
    becomes the file only once written whole (see outputs_io.atomic_path)."""
    if is_stdout(output):
        with utf8_stdout("" if fmt == "csv" else "\n") as stream:
            yield stream
        return
    with atomic_path(output) as temp:
        yield temp


def output_names(files: Sequence[Path], fmt: str) -> dict[Path, str]:
    """One file name per input, `<stem>.<fmt>`; a stem seen before gets `-2`, `-3`... in input order."""
    names: dict[Path, str] = {}
    taken: set[str] = set()
    for path in files:
        stem = shown(path.stem)
        name, n = f"{stem}.{fmt}", 1
        while name.lower() in taken:
            n += 1
            name = f"{stem}-{n}.{fmt}"
        taken.add(name.lower())
        names[path] = name
    return names


def _per_file(paths: Iterable[PathLike], run: Run, fmt: str, output: PathLike,
              errors: Optional[PathLike] = None) -> tuple[list[Path], dict[Path, Path]]:
    """The inputs and, for a folder output, the file each one is written to; an input that
    would be overwritten is refused."""
    files = input_files(paths, run, outputs=[errors])
    folder = Path(output)
    targets = {path: folder / name for path, name in output_names(files, fmt).items()}
    refuse_inputs(targets.values(), files)
    return files, targets


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
    `errors` names a report of every file that failed or was not read (default beside a
    batch's output file). The summary counts the files not read.
    """
    from .stream import STREAM_FORMATS

    fmt = choose_format(fmt, output, FORMATS, "jsonl")
    run = Run(report)
    workers = worker_count(workers, run)
    paths = list(paths)
    folder = is_folder_target(output)
    if not folder:
        _check_target(fmt, output)
    to_file = not is_stdout(output)
    if resume and (folder or not (to_file and fmt in STREAM_FORMATS)):
        raise UsageError(say("batch_resume_needs_file", formats=", ".join(STREAM_FORMATS)))
    if folder:
        files, targets = _per_file(paths, run, fmt, output, errors)
    else:
        files, targets = input_files(paths, run, outputs=[output, errors]), {}
    with claim_output(output):
        summary = _extract(files, fmt, output, targets, run, workers, resume, progress)
        batch = to_file and (len(files) > 1 or folder or summary.skipped > 0 or any(Path(p).is_dir() for p in paths))
        _report_errors(summary, run, errors, output if batch and not folder else None)
        if (batch and progress is not False) or progress:
            run.note(summary.line(_errors_path(errors, output if batch and not folder else None)))
    return run.exit_code


def _extract(files, fmt, output, targets, run, workers, resume, progress):
    """Extract into the target the options chose; the Summary of the run."""
    from .stream import STREAM_FORMATS, Summary, outcomes, stream_to_file

    if not targets and not is_stdout(output) and fmt in STREAM_FORMATS:
        summary = stream_to_file(files, fmt, Path(output), workers=workers, resume=resume,
                                 progress=progress, report=run.fail)
        summary.unread = len(run.skipped)
        return summary
    summary = Summary(unread=len(run.skipped))
    started = time.perf_counter()
    if targets:
        Path(output).mkdir(parents=True, exist_ok=True)
        for outcome in outcomes(files, workers):
            _count(summary, outcome, run)
            if outcome.error is None:
                with atomic_path(targets[outcome.path]) as temp, RecordWriter(fmt, temp) as writer:
                    writer.write(outcome.records, outcome.text)
    else:
        with _target(output, fmt) as out, RecordWriter(fmt, out) as writer:
            for outcome in outcomes(files, workers):
                _count(summary, outcome, run)
                if outcome.error is None:
                    writer.write(outcome.records, outcome.text)
    summary.seconds = time.perf_counter() - started
    return summary


def _count(summary, outcome, run: Run) -> None:
    summary.files += 1
    if outcome.error is not None:
        summary.errors += 1
        summary.failures.append(outcome)
        run.fail(outcome.error)
    else:
        summary.duties += len(outcome.records)


def _errors_path(errors: Optional[PathLike], batch_output: Optional[PathLike]) -> Optional[Path]:
    if errors is not None:
        return Path(errors)
    return Path(f"{batch_output}.errors.jsonl") if batch_output is not None else None


def _report_errors(summary, run: Run, errors: Optional[PathLike], batch_output: Optional[PathLike]) -> None:
    """Write the errors report when asked for or when a batch has something to report; a
    batch with nothing to report removes its default report of an earlier run."""
    from .stream import write_errors

    path = _errors_path(errors, batch_output)
    if path is None:
        return
    if errors is not None or summary.failures or run.skipped:
        write_errors(summary.failures, path, run.skipped)
    else:
        path.unlink(missing_ok=True)


def run_checklist(paths: Iterable[PathLike], fmt: Optional[str] = None, output: Optional[PathLike] = None,
                  title: Optional[str] = None, report: Optional[Report] = None) -> int:
    """The checklist of all inputs (md or xlsx); a folder output gets one checklist per input."""
    fmt = choose_format(fmt, output, CHECKLIST_FORMATS, "md")
    run = Run(report)
    if is_folder_target(output):
        files, targets = _per_file(paths, run, fmt, output)
        with claim_output(output):
            Path(output).mkdir(parents=True, exist_ok=True)
            for path, text, records in iter_read(files, run):
                _write_checklist(records, fmt, targets[path], title, {rec.doc: text for rec in records[:1]})
        return run.exit_code
    _check_target(fmt, output)
    files = input_files(paths, run, outputs=[output])
    with claim_output(output):
        records, documents = [], {}
        for _, text, recs in iter_read(files, run):
            records.extend(recs)
            if recs:
                documents[recs[0].doc] = text
        _write_checklist(records, fmt, output, title, documents)
    return run.exit_code


def _write_checklist(records: list[DutyRecord], fmt: str, output: Optional[PathLike], title: Optional[str],
                     documents: Optional[dict] = None) -> None:
    """The checklist; `documents` (document id to text as read) gives each duty's table row or paragraph."""
    if fmt == "xlsx":
        with _target(output, fmt) as out:
            write_checklist_xlsx(records, out, documents)
        return
    _write_text(output, checklist_markdown(records, title=title, documents=documents))


def run_text(path: PathLike, output: Optional[PathLike] = None, report: Optional[Report] = None) -> int:
    """Write the text record spans index, exactly as read: not one character added or changed."""
    run = Run(report)
    refuse_inputs([output], [path])
    try:
        text = read_document(path).text
    except ReadError as exc:
        run.fail(clean(str(exc), path))
        return run.exit_code
    except Exception as exc:  # never a traceback for one bad file
        run.fail(say("batch_read_bug", file=shown(path), reason=short(exc)))
        return run.exit_code
    data = text.encode("utf-8")
    if is_stdout(output):
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            sys.stdout.write(text)
        else:
            buffer.write(data)
            buffer.flush()
    else:
        with claim_output(output):
            write_bytes(output, data)
    return EXIT_OK


def schema_text() -> str:
    """The JSON Schema of one duty record as indented JSON, keys in the model's order."""
    return json.dumps(record_json_schema(), ensure_ascii=False, indent=2) + "\n"


def run_schema(output: Optional[PathLike] = None, report: Optional[Report] = None) -> int:
    """Write the record's JSON Schema to standard output or a file (``report`` is unused: nothing is read)."""
    with claim_output(output):
        _write_text(output, schema_text())
    return EXIT_OK
