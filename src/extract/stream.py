"""Large batches: files extracted by worker processes, records streamed in input order.

Each finished document is appended to the output as one block, and a progress file
beside the output records the byte offset after every block, so a batch killed halfway
leaves a valid output with every document finished before the kill, and `resume`
truncates to the last recorded block and carries on with the documents left. The blocks go
to `OUT.partial`, renamed over the output only when the batch is complete (a killed or
failed run never replaces a good output), and the progress file goes with the run; each
of its entries holds the size and SHA-256 of the input as it was read, so `resume` reads
again an input that changed since, and everything after it. Workers
leave their blocks in part files in a private folder beside the output, which the parent
copies in input order (a kernel copy: the parent stays free for the workers). Output is
byte-identical across runs and across worker counts: workers only change speed.
"""
from __future__ import annotations

import glob
import hashlib
import io
import json
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Sequence

from .export import RecordWriter
from .messages import say
from .outputs_io import clean, finish, shown
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
    digest: Optional[dict] = None


@dataclass
class Summary:
    files: int = 0
    duties: int = 0
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0
    failures: list[Outcome] = field(default_factory=list)
    unread: int = 0

    def line(self, report: Optional[Path] = None) -> str:
        """The closing summary: files, duties, errors, files already done, files not read."""
        fields = dict(files=self.files, duties=self.duties, errors=self.errors, skipped=self.skipped,
                      seconds=f"{self.seconds:.1f}")
        text = say("summary_skipped" if self.skipped else "summary", **fields)
        if self.unread:
            where = say("batch_see_report", report=shown(report)) if report is not None else ""
            text += say("batch_summary_unread", count=self.unread, see=where)
        return text


def digest(path: Path) -> Optional[dict]:
    """Size and SHA-256 of a regular file as it is now (None for anything else, or a file
    too large to be read anyway): what `resume` compares to notice a changed input."""
    from .read import ReadLimits

    try:
        st = os.stat(path)
        if not os.path.isfile(path) or st.st_size > ReadLimits().max_bytes:
            return None
        sha = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(partial(fh.read, 1 << 20), b""):
                sha.update(chunk)
    except OSError:
        return None
    return {"size": st.st_size, "sha256": sha.hexdigest()}


def extract_one(path: Path, fmt: Optional[str] = None, parts: Optional[Path] = None) -> Outcome:
    """Read and extract one file in this process; every failure becomes a one-line reason.

    With `fmt`, the records come back already written out as a block of that format (no
    header row), encoded: much cheaper to send between processes than the records, and
    the parent only writes the bytes.
    The digest (for `resume`) is taken before reading: a file changed while it was read
    then looks changed next time, never the other way round. A file name that is not
    UTF-8 becomes a readable document id (see outputs_io.shown), so it cannot stop a writer.
    With `parts` too, the block is written into a file there as the records are made (see
    `write_part`), so a long document's records and block are never all in memory.
    """
    from dataclasses import replace

    from .pipeline import extract_document, iter_records
    from .read import ReadError, read_document
    from .read.errors import short

    taken = digest(path) if fmt is not None else None
    try:
        document = read_document(path)
        if shown(document.doc_id) != document.doc_id:
            document = replace(document, doc_id=shown(document.doc_id))
        if fmt is not None and parts is not None:
            part, count = write_part(iter_records(document), fmt, document, parts)
            return Outcome(path, part=part, count=count, digest=taken)
        records = extract_document(document)
        if fmt is not None:
            return Outcome(path, block=render_block(records, fmt, header=False, document=document).encode("utf-8"),
                           count=len(records), digest=taken)
        return Outcome(path, records, count=len(records), text=document.text)
    except ReadError as exc:
        return Outcome(path, error=clean(str(exc), path), kind=exc.kind)
    except OSError as exc:
        if parts is not None:  # the block could not be written (a full disk): the output's failure
            raise
        return Outcome(path, error=clean(say("batch_extract_bug", file=shown(path), reason=short(exc))), kind="bug")
    except Exception as exc:  # one broken file must not stop the batch nor print a traceback
        return Outcome(path, error=clean(say("batch_extract_bug", file=shown(path), reason=short(exc))), kind="bug")


def extract_part(path: Path, fmt: str, parts: Path) -> Outcome:
    """`extract_one` with its block left in a file under `parts` for the parent to copy into the
    output (a kernel copy), instead of travelling through a pipe or staying in memory."""
    return extract_one(path, fmt, parts)


# Records written to a part file at a time: a streaming format writes them as they come, so only
# this many are alive at once (csv and md keep a document's records together: their ledger numbers
# the rows of a source table across the document).
PART_BATCH = 512


def write_part(records: Iterable[DutyRecord], fmt: str, document, parts: Path) -> tuple[Path, int]:
    """One document's records written as a block (no csv header) into a new file under `parts`;
    the file and the number of records."""
    fd, name = tempfile.mkstemp(dir=parts)
    count = 0
    with open(fd, "w", encoding="utf-8", newline="" if fmt == "csv" else "\n") as fh, \
            RecordWriter(fmt, _NoHeader(fh) if fmt == "csv" else fh) as writer:
        if fmt == "jsonl":
            batch: list[DutyRecord] = []
            for rec in records:
                batch.append(rec)
                if len(batch) == PART_BATCH:
                    writer.write(batch, document)
                    count += len(batch)
                    batch = []
            writer.write(batch, document)
            count += len(batch)
        else:
            batch = list(records)
            writer.write(batch, document)
            count = len(batch)
    return Path(name), count


class _NoHeader:
    """A text stream that drops the first line written to it (a csv block has no header row)."""

    def __init__(self, out):
        self.out = out
        self.head = True

    def write(self, text: str) -> int:
        if self.head:
            cut = text.find("\r\n")
            if cut < 0:
                return len(text)
            self.head = False
            text = text[cut + 2:]
        return self.out.write(text)

    def flush(self) -> None:
        self.out.flush()


def outcomes(files: Sequence[Path], workers: int = 1, fmt: Optional[str] = None,
             parts: Optional[Path] = None) -> Iterator[Outcome]:
    """Outcomes in input order; with several workers the files are extracted in parallel.

    Workers start at once, each compiling the rules and reading its first clauses cold in
    parallel: measured, that beats warming them up in the parent first, which keeps the
    other workers waiting.
    """
    if workers <= 1 or len(files) <= 1:
        for path in files:
            yield extract_one(path, fmt, parts if fmt else None)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    task = partial(extract_part, fmt=fmt, parts=parts) if fmt and parts else partial(extract_one, fmt=fmt)
    with multiprocessing.get_context(method).Pool(processes=workers, initializer=die_with_parent,
                                                  initargs=(os.getpid(),)) as pool:
        yield from pool.imap(task, files, chunksize=1)


def die_with_parent(parent: int) -> None:
    """Worker initializer: a worker whose parent died (kill -9) ends at once, silently, instead
    of extracting on for nobody. Linux: the kernel sends SIGKILL (prctl PR_SET_PDEATHSIG);
    elsewhere a thread watches the parent's pid."""
    armed = False
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            armed = ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
    if os.getppid() != parent:  # the parent died before the guard was set
        os._exit(0)
    if not armed:
        import threading

        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def render_block(records: Iterable[DutyRecord], fmt: str, header: bool, document=None) -> str:
    """One document's records as text in a streaming format (csv with or without its header row);
    `document` (its text as read) gives the ledger's table rows and paragraphs."""
    buffer = io.StringIO()
    with RecordWriter(fmt, buffer) as writer:
        writer.write(records, document)
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
        status = say("batch_bar_status", duties=self.duties, errors=self.errors)
        if self.bar is not None:
            self.bar.update(self.task, advance=1, status=status)
        elif self.plain:
            state = say("batch_progress_failed") if outcome.error else say("batch_progress_duties", count=outcome.count)
            line = say("batch_progress", done=self.done, total=self.total, file=shown(outcome.path.name), state=state)
            print(say("prefix", message=line), file=self.stream, flush=True)

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


def _parts_folder(output: Path) -> Path:
    """A private folder beside the output for the documents' blocks; the left-overs of a killed
    run go first."""
    for stale in output.parent.glob(f".{glob.escape(output.name)}.*.parts"):
        shutil.rmtree(stale, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f".{output.name}.", suffix=".parts", dir=output.parent))


def _state_path(output: Path) -> Path:
    return output.with_name(output.name + ".progress")


def partial_path(output: Path) -> Path:
    """Where a batch writes until it is complete (kept after a kill for `resume`)."""
    return output.with_name(output.name + ".partial")


def _resume_state(output: Path, files: Sequence[Path]) -> tuple[list[str], set[str], int]:
    """The progress lines still valid, the files they cover and the byte offset just after the
    last of them: the recorded blocks up to the first input that changed or went away."""
    state, written = _state_path(output), partial_path(output)
    if not written.exists() or not state.exists():
        return [], set(), 0
    current = {str(p.resolve()): p for p in files}
    kept: list[str] = []
    done: set[str] = set()
    offset = 0
    for line in state.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
            path = current.get(entry["file"])
            unchanged = path is not None and entry.get("digest") is not None and digest(path) == entry["digest"]
        except (json.JSONDecodeError, KeyError, TypeError):
            break
        if not unchanged:
            break
        kept.append(line)
        done.add(entry["file"])
        offset = entry["offset"]
    return kept, done, min(offset, written.stat().st_size)


def stream_to_file(files: Sequence[Path], fmt: str, output: Path, workers: int = 1, resume: bool = False,
                   progress: Optional[bool] = None, report: Optional[Callable[[str], None]] = None) -> Summary:
    """Extract `files` into one `output` file, block by block, resumable (see the module doc)."""
    if fmt not in STREAM_FORMATS:
        raise ValueError(f"{fmt} cannot be streamed; use one of {', '.join(STREAM_FORMATS)}")
    started = time.perf_counter()
    output.parent.mkdir(parents=True, exist_ok=True)
    kept, done, offset = _resume_state(output, files) if resume else ([], set(), 0)
    todo = [p for p in files if str(p.resolve()) not in done]
    summary = Summary(skipped=len(files) - len(todo))
    written = partial_path(output)
    fd = os.open(written, os.O_WRONLY | os.O_CREAT, 0o644)
    state_fd = os.open(_state_path(output), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        _write_all(state_fd, "".join(line + "\n" for line in kept).encode("utf-8"))
        os.ftruncate(fd, offset)
        os.lseek(fd, offset, os.SEEK_SET)
        if offset == 0 and fmt == "csv":
            head = (CSV_BOM + render_block([], "csv", header=True)).encode("utf-8")
            _write_all(fd, head)
            offset = len(head)
        offset = _stream(todo, fmt, output, workers, progress, report, summary, fd, state_fd, offset)
    except OSError as exc:
        if report:
            report(say("batch_partial_kept", partial=shown(written)))
        raise OSError(exc.errno, exc.strerror or str(exc), shown(output)) from exc
    finally:
        os.close(fd)
        os.close(state_fd)
    try:
        finish(written, output)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror or str(exc), shown(output)) from exc
    _state_path(output).unlink(missing_ok=True)
    summary.seconds = time.perf_counter() - started
    return summary


def _stream(todo, fmt, output, workers, progress, report, summary, fd, state_fd, offset) -> int:
    """Append each outcome's block in input order and record it in the progress file."""
    bar = Progress(len(todo), progress)
    parts = _parts_folder(output)
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
            entry = {"file": str(outcome.path.resolve()), "offset": offset, "records": outcome.count,
                     "digest": outcome.digest}
            _write_all(state_fd, (json.dumps(entry) + "\n").encode("utf-8"))
    finally:
        bar.close()
        if parts is not None:
            shutil.rmtree(parts, ignore_errors=True)
    return offset


def error_entries(failures: Sequence[Outcome], skipped: Sequence = ()) -> list[dict]:
    """The errors report's entries: each file that failed, then each entry not read, with why."""
    entries = [{"file": shown(f.path), "status": "failed", "kind": f.kind, "error": clean(f.error or "")}
               for f in failures]
    for s in skipped:
        message = say(f"batch_skip_{s.kind}", file=shown(s.path), detail=shown(s.detail))
        entries.append({"file": shown(s.path), "status": "skipped", "kind": s.kind, "error": message})
    return entries


def write_errors(failures: Sequence[Outcome], path: Path, skipped: Sequence = ()) -> None:
    """The errors report: one JSON line per file that could not be read or was not read, with
    the reason; written whole or not at all."""
    from .outputs_io import write_bytes

    lines = [json.dumps(entry, ensure_ascii=False) + "\n" for entry in error_entries(failures, skipped)]
    write_bytes(path, "".join(lines).encode("utf-8"))
