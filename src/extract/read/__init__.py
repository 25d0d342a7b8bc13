"""Reading: turn a file (.txt, .docx, .pdf, .html) into one exact text with table offsets.

``Document.text`` is the string every character offset in the project indexes,
so each reader is deterministic: the same bytes always give the same text.
Reading never imports a later stage, and it reports every problem as a
:class:`ReadError` whose ``kind`` names the class of problem.
"""
from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence, Union

from .errors import KINDS, ReadError, short, size_pair, size_text

__all__ = [
    "Cell",
    "Document",
    "KINDS",
    "ReadError",
    "ReadLimits",
    "SUPPORTED_SUFFIXES",
    "Table",
    "document_from_text",
    "iter_input_files",
    "read_document",
]

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")

_READERS = {".txt": "txt", ".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html"}
_HINTS = {
    ".doc": " (save it as .docx in Word or WPS first)",
    ".wps": " (save it as .docx in WPS first)",
    ".rtf": " (save it as .docx first)",
    ".xls": " (a spreadsheet: export the sheet as text or save the list as .docx)",
    ".xlsx": " (a spreadsheet: export the sheet as text or save the list as .docx)",
    ".md": " (rename it to .txt: it is plain text)",
}


@dataclass(frozen=True)
class Cell:
    """One table cell: its row and column and the span of its text in ``Document.text``."""

    row: int
    col: int
    start: int
    end: int


@dataclass(frozen=True)
class Table:
    """A table as laid out in ``Document.text``: one line per row, cells separated by TAB.

    ``header`` holds the texts of row 0; ``start``/``end`` span all its rows.
    """

    header: tuple[str, ...]
    cells: tuple[Cell, ...]
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """A document as read: ``text`` is what every offset indexes; ``doc_id`` is the file stem."""

    doc_id: str
    path: Path | None
    text: str
    format: str
    encoding: str | None
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class ReadLimits:
    """Ceilings that keep a hostile or mistaken input from exhausting memory."""

    max_bytes: int = 64 * 2**20
    max_unzipped_bytes: int = 256 * 2**20
    max_zip_ratio: float = 200.0


Block = Union[str, Sequence[Sequence[str]]]


def layout(blocks: Iterable[Block]) -> tuple[str, tuple[Table, ...]]:
    """Lay out paragraphs (str) and tables (rows of cell texts) as lines joined by newlines.

    Each table row becomes one line with its cells joined by TAB; the cell
    spans are recorded so a table cell can be traced back to the text.
    """
    lines: list[str] = []
    tables: list[Table] = []
    pos = 0
    for block in blocks:
        if isinstance(block, str):
            lines.append(block)
            pos += len(block) + 1
            continue
        rows = [list(row) for row in block]
        if not rows:
            continue
        start = pos
        cells: list[Cell] = []
        for r, row in enumerate(rows):
            at = pos
            for c, cell_text in enumerate(row):
                cells.append(Cell(r, c, at, at + len(cell_text)))
                at += len(cell_text) + 1
            line = "\t".join(row)
            lines.append(line)
            pos += len(line) + 1
        tables.append(Table(tuple(rows[0]), tuple(cells), start, pos - 1))
    return "\n".join(lines), tuple(tables)


def document_from_text(text: str, doc_id: str = "text") -> Document:
    """Wrap a str a library user already has; the text is kept exactly as given."""
    if not isinstance(text, str):
        raise TypeError(f"document_from_text expects str, got {type(text).__name__}")
    return Document(doc_id=doc_id, path=None, text=text, format="text", encoding=None)


def read_document(path: Union[str, os.PathLike], limits: ReadLimits | None = None) -> Document:
    """Read one file into a :class:`Document`, or raise :class:`ReadError`."""
    limits = limits or ReadLimits()
    p = Path(path)
    suffix = p.suffix.lower()
    data = _load(p, suffix, limits)
    name = _READERS[suffix]
    reader = importlib.import_module(f"{__name__}.{name}")
    try:
        text, encoding, tables = reader.read(data, p, limits)
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(p, "corrupt", f"could not be read as {name} ({short(exc)})") from exc
    if not text.strip():
        raise ReadError(p, "empty", "has no text (only blank space)")
    return Document(doc_id=p.stem, path=p, text=text, format=name, encoding=encoding, tables=tables)


def _load(p: Path, suffix: str, limits: ReadLimits) -> bytes:
    try:
        st = p.stat()
    except FileNotFoundError:
        raise ReadError(p, "missing", "no such file (check the path and the file name)") from None
    except OSError as exc:
        raise ReadError(p, "missing", f"cannot be opened ({exc.strerror or short(exc)})") from None
    if p.is_dir():
        raise ReadError(p, "unsupported", "is a folder, not a file (pass it as an input folder to read every document in it)")
    if suffix not in _READERS:
        what = f"file type '{suffix}'" if suffix else "a file without an extension"
        raise ReadError(
            p, "unsupported",
            f"cannot read {what}{_HINTS.get(suffix, '')}; supported: {', '.join(SUPPORTED_SUFFIXES)}",
        )
    if not p.is_file():
        raise ReadError(p, "unsupported", "is not a regular file")
    if st.st_size > limits.max_bytes:
        size, ceiling = size_pair(st.st_size, limits.max_bytes)
        raise ReadError(
            p, "too_large",
            f"is {size}, over the {ceiling} limit (raise ReadLimits.max_bytes to read it)",
        )
    try:
        with open(p, "rb") as fh:
            data = fh.read(limits.max_bytes + 1)
    except OSError as exc:
        raise ReadError(p, "missing", f"cannot be opened ({exc.strerror or short(exc)})") from None
    if len(data) > limits.max_bytes:
        raise ReadError(
            p, "too_large",
            f"is over the {size_text(limits.max_bytes)} limit (raise ReadLimits.max_bytes to read it)",
        )
    if not data:
        raise ReadError(p, "empty", "is empty (0 bytes)")
    return data


@dataclass(frozen=True)
class Skipped:
    """An entry a folder walk did not read, and why: ``kind`` is one of SKIP_KINDS and
    ``detail`` what the message needs (the suffix, the system's reason, the file read instead)."""

    path: Path
    kind: str
    detail: str = ""


SKIP_KINDS = ("unsupported", "hidden", "lock_file", "broken_link", "special",
              "unreadable", "unreadable_folder", "duplicate")


def iter_input_files(paths: Iterable[Union[str, os.PathLike]],
                     skipped: list[Skipped] | None = None) -> Iterator[Path]:
    """Expand input paths into the files to read, once each, in a deterministic order.

    Folders are walked recursively (symlinked folders followed once, so a link
    loop cannot hang the walk) and yield only files whose suffix
    :func:`read_document` reads, sorted by their path inside the folder. Every
    other entry (another suffix, hidden entries, Office lock files ``~$...``,
    broken links, FIFOs and sockets, unreadable folders, a file reached twice)
    is appended to ``skipped`` with its reason, so a caller can say what was not
    read. Explicit files are yielded whatever their suffix, even when missing,
    so :func:`read_document` can say what is wrong.
    """
    seen: dict = {}
    for raw in paths:
        p = Path(raw)
        for f in _walk(p, skipped) if p.is_dir() else (p,):
            key = _identity(f)
            if key not in seen:
                seen[key] = f
                yield f
            elif skipped is not None:
                skipped.append(Skipped(f, "duplicate", str(seen[key])))


def _identity(p: Path) -> object:
    try:
        st = p.stat()
        return (st.st_dev, st.st_ino)
    except OSError:
        return os.path.realpath(p)


def _walk(root: Path, skipped: list[Skipped] | None = None) -> list[Path]:
    found: list[Path] = []
    left: list[Skipped] = []
    visited: set = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        key = _identity(folder)
        if key in visited:
            continue
        visited.add(key)
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            left.append(Skipped(folder, "unreadable_folder", exc.strerror or short(exc)))
            continue
        subfolders = []
        for entry in entries:
            path = Path(entry.path)
            kind, detail = _entry_kind(entry)
            if kind == "folder":
                subfolders.append(path)
            elif kind == "document":
                found.append(path)
            else:
                left.append(Skipped(path, kind, detail))
        stack.extend(reversed(subfolders))
    if skipped is not None:
        skipped.extend(sorted(left, key=lambda s: s.path.relative_to(root).parts))
    return sorted(found, key=lambda f: f.relative_to(root).parts)


def _entry_kind(entry: os.DirEntry) -> tuple[str, str]:
    """What a folder entry is to the walk: `folder`, `document`, or a SKIP_KINDS reason."""
    import stat

    if entry.name.startswith("~$"):
        return "lock_file", ""
    if entry.name.startswith("."):
        return "hidden", ""
    try:
        if entry.is_dir():
            return "folder", ""
        if entry.is_file():
            suffix = Path(entry.name).suffix.lower()
            return ("document", "") if suffix in SUPPORTED_SUFFIXES else ("unsupported", suffix)
        if entry.is_symlink() and not os.path.exists(entry.path):
            return "broken_link", ""
        mode = entry.stat().st_mode
    except OSError as exc:
        return ("broken_link" if entry.is_symlink() else "unreadable"), exc.strerror or short(exc)
    what = "fifo" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "device"
    return "special", what
