"""Large batches: files extracted by worker processes, records streamed in input order.

Each finished document is appended to the output as one block, and a progress file
beside the output records the byte offset after every block, so a batch killed halfway
leaves a valid output with every document finished before the kill, and `resume`
truncates to the last recorded block and carries on with the documents left. Workers
leave their blocks in part files in a private folder beside the output, which the parent
copies in input order (a kernel copy: the parent stays free for the workers). Output is
byte-identical across runs and across worker counts: workers only change speed.
"""
from __future__ import annotations

import glob
import io
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Sequence

from .export import RecordWriter
from .records import DutyRecord

STREAM_FORMATS = ("jsonl", "csv", "md")
CSV_BOM = "\ufeff"


@dataclass
class Outcome:
    """What became of one input file: its records, or why it could not be read."""

    path: Path
    records: Optional[list[DutyRecord]] = None
    error: Optional[str] = None
    kind: Optional[str] = None
    block: Optional[bytes] = None
    count: int = 0
    part: Optional[Path] = None
    text: Optional[str] = None


@dataclass
class Summary:
    files: int = 0
    duties: int = 0
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0
    failures: list[Outcome] = field(default_factory=list)

    def line(self) -> str:
        skipped = f", {self.skipped} already done" if self.skipped else ""
        return (f"{self.files} files, {self.duties} duties, {self.errors} errors{skipped}, "
                f"{self.seconds:.1f} s")


def extract_one(path: Path, fmt: Optional[str] = None) -> Outcome:
    """Read and extract one file in this process; every failure becomes a one-line reason.

    With `fmt`, the records come back already written out as a block of that format (no
    header row), encoded: much cheaper to send between processes than the records, and
    the parent only writes the bytes.
    """
    from .pipeline import extract_document
    from .read import ReadError, read_document
    from .read.errors import short

    try:
        document = read_document(path)
        records = extract_document(document)
        if fmt is not None:
            return Outcome(path, block=render_block(records, fmt, header=False).encode("utf-8"), count=len(records))
        return Outcome(path, records, count=len(records), text=document.text)
    except ReadError as exc:
        return Outcome(path, error=str(exc), kind=exc.kind)
    except Exception as exc:  # one broken file must not stop the batch nor print a traceback
        return Outcome(path, error=f"{path}: could not extract duties ({short(exc)}); please report this as a bug",
                       kind="bug")


def extract_part(path: Path, fmt: str, parts: Path) -> Outcome:
    """`extract_one` in a worker: the block is left in a file under `parts` for the parent to
    copy into the output (a kernel copy), instead of travelling through a pipe."""
    outcome = extract_one(path, fmt)
    if outcome.block is not None:
        try:
            fd, name = tempfile.mkstemp(dir=parts)
            try:
                _write_all(fd, outcome.block)
            finally:
                os.close(fd)
        except OSError:
            return outcome
        outcome.block, outcome.part = None, Path(name)
    return outcome


def outcomes(files: Sequence[Path], workers: int = 1, fmt: Optional[str] = None,
             parts: Optional[Path] = None) -> Iterator[Outcome]:
    """Outcomes in input order; with several workers the files are extracted in parallel.

    Workers start at once, each compiling the rules and reading its first clauses cold in
    parallel: measured, that beats warming them up in the parent first, which keeps the
    other workers waiting.
    """
    if workers <= 1 or len(files) <= 1:
        for path in files:
            yield extract_one(path, fmt)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    task = partial(extract_part, fmt=fmt, parts=parts) if fmt and parts else partial(extract_one, fmt=fmt)
    with multiprocessing.get_context(method).Pool(processes=workers) as pool:
        yield from pool.imap(task, files, chunksize=1)


def render_block(records: Iterable[DutyRecord], fmt: str, header: bool) -> str:
    """One document's records as text in a streaming format (csv with or without its header row)."""
    buffer = io.StringIO()
    with RecordWriter(fmt, buffer) as writer:
        writer.write(records)
    text = buffer.getvalue()
    if fmt == "csv" and not header:
        text = text.split("\r\n", 1)[1] if "\r\n" in text else ""
    return text


class Progress:
    """Files done, duties found and errors: a rich bar on a terminal, plain lines otherwise."""

    def __init__(self, total: int, enabled: Optional[bool] = None, stream=None):
        self.stream = stream or sys.stderr
        self.total = total
        self.done = self.duties = self.errors = 0
        interactive = self.stream.isatty() if enabled is None else enabled
        self.bar = None
        if interactive and enabled is not False:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn

            self.bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                           TextColumn("{task.fields[status]}"), transient=True)
            self.task = self.bar.add_task("qingdan", total=total, status="")
            self.bar.start()
        self.plain = enabled is None and not interactive

    def advance(self, outcome: Outcome) -> None:
        self.done += 1
        self.duties += outcome.count
        self.errors += outcome.error is not None
        status = f"{self.duties} duties, {self.errors} errors"
        if self.bar is not None:
            self.bar.update(self.task, advance=1, status=status)
        elif self.plain:
            state = "error" if outcome.error else f"{outcome.count} duties"
            print(f"qingdan: [{self.done}/{self.total}] {outcome.path.name}: {state}", file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _append(fd: int, outcome: Outcome) -> int:
    """Write an outcome's block (in memory, or in a worker's part file) at the end of `fd`; its size."""
    if outcome.part is None:
        _write_all(fd, outcome.block)
        return len(outcome.block)
    size = outcome.part.stat().st_size
    copied = 0
    with open(outcome.part, "rb") as src:
        try:
            while copied < size:
                sent = os.sendfile(fd, src.fileno(), copied, size - copied)
                if sent == 0:
                    break
                copied += sent
        except (AttributeError, OSError):  # no sendfile here, or not between these files
            pass
        if copied < size:
            src.seek(copied)
            _write_all(fd, src.read())
    outcome.part.unlink()
    return size


def _parts_folder(output: Path, workers: int) -> Optional[Path]:
    """A private folder beside the output for the workers' blocks (None for one process); the
    left-overs of a killed run go first."""
    for stale in output.parent.glob(f".{glob.escape(output.name)}.*.parts"):
        shutil.rmtree(stale, ignore_errors=True)
    if workers <= 1:
        return None
    return Path(tempfile.mkdtemp(prefix=f".{output.name}.", suffix=".parts", dir=output.parent))


def _state_path(output: Path) -> Path:
    return output.with_name(output.name + ".progress")


def _resume_state(output: Path) -> tuple[set[str], int]:
    """The files already written and the byte offset just after the last complete block."""
    state = _state_path(output)
    if not output.exists() or not state.exists():
        return set(), 0
    done: set[str] = set()
    offset = 0
    for line in state.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            break
        done.add(entry["file"])
        offset = entry["offset"]
    return done, min(offset, output.stat().st_size)


def stream_to_file(files: Sequence[Path], fmt: str, output: Path, workers: int = 1, resume: bool = False,
                   progress: Optional[bool] = None, report: Optional[Callable[[str], None]] = None) -> Summary:
    """Extract `files` into one `output` file, block by block, resumable (see the module doc)."""
    if fmt not in STREAM_FORMATS:
        raise ValueError(f"{fmt} cannot be streamed; use one of {', '.join(STREAM_FORMATS)}")
    started = time.perf_counter()
    output.parent.mkdir(parents=True, exist_ok=True)
    done, offset = _resume_state(output) if resume else (set(), 0)
    todo = [p for p in files if str(p.resolve()) not in done]
    summary = Summary(skipped=len(files) - len(todo))
    flags = os.O_WRONLY | os.O_CREAT
    fd = os.open(output, flags, 0o644)
    state_fd = os.open(_state_path(output), flags | (0 if resume else os.O_TRUNC), 0o644)
    try:
        os.ftruncate(fd, offset)
        os.lseek(fd, offset, os.SEEK_SET)
        if resume:
            os.lseek(state_fd, 0, os.SEEK_END)
        if offset == 0 and fmt == "csv":
            head = (CSV_BOM + render_block([], "csv", header=True)).encode("utf-8")
            _write_all(fd, head)
            offset = len(head)
        bar = Progress(len(todo), progress)
        parts = _parts_folder(output, workers)
        try:
            for outcome in outcomes(todo, workers, fmt, parts):
                bar.advance(outcome)
                summary.files += 1
                if outcome.error is not None:
                    summary.errors += 1
                    summary.failures.append(outcome)
                    if report:
                        report(outcome.error)
                    continue
                if fmt == "md" and offset > 0:
                    _write_all(fd, b"\n")
                    offset += 1
                offset += _append(fd, outcome)
                summary.duties += outcome.count
                entry = {"file": str(outcome.path.resolve()), "offset": offset, "records": outcome.count}
                _write_all(state_fd, (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))
        finally:
            bar.close()
            if parts is not None:
                shutil.rmtree(parts, ignore_errors=True)
    finally:
        os.close(fd)
        os.close(state_fd)
    summary.seconds = time.perf_counter() - started
    return summary


def write_errors(failures: Sequence[Outcome], path: Path) -> None:
    """The errors report: one JSON line per file that could not be read, with the reason."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for f in failures:
            fh.write(json.dumps({"file": str(f.path), "kind": f.kind, "error": f.error}, ensure_ascii=False) + "\n")
