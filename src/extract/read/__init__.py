"""Reading: turn a file (.txt, .docx, .xlsx, .pdf, .html; .doc/.wps/.xls/.et through LibreOffice)
into one exact text with table offsets.

``Document.text`` is the string every character offset in the project indexes,
so each reader is deterministic: the same bytes always give the same text.
Reading never imports a later stage, and it reports every problem as a
:class:`ReadError` whose ``kind`` names the class of problem; its reason is
said in the user's language (patterns/messages.yml, keys ``read_``).
"""
from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Iterable, Iterator, Sequence, Union

from ..messages import say
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

SUPPORTED_SUFFIXES = (".txt", ".docx", ".xlsx", ".pdf", ".html", ".htm", ".doc", ".wps", ".xls", ".et")

_READERS = {".txt": "txt", ".docx": "docx", ".xlsx": "xlsx", ".pdf": "pdf", ".html": "html", ".htm": "html"}
CONVERTED = {".doc": "docx", ".wps": "docx", ".xls": "xlsx", ".et": "xlsx"}
_HINTS = {".rtf": "read_hint_rtf", ".md": "read_hint_md"}


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


LIMIT_ENV = {
    "max_bytes": "QINGDAN_MAX_BYTES",
    "max_unzipped_bytes": "QINGDAN_MAX_UNZIPPED_BYTES",
    "max_zip_ratio": "QINGDAN_MAX_ZIP_RATIO",
    "max_markup_bytes": "QINGDAN_MAX_MARKUP_BYTES",
    "max_text_chars": "QINGDAN_MAX_TEXT_CHARS",
    "max_pdf_chars_per_byte": "QINGDAN_MAX_PDF_CHARS_PER_BYTE",
    "convert_seconds": "QINGDAN_CONVERT_SECONDS",
}


@dataclass(frozen=True)
class ReadLimits:
    """Ceilings that keep a hostile or mistaken input from exhausting memory or time.

    Each counts what is actually read, never what a file declares: ``max_bytes`` the file,
    ``max_unzipped_bytes`` what a .docx/.xlsx expands to (``max_markup_bytes`` its XML, which is
    parsed into trees about ten times its size), ``max_text_chars`` the text a reader
    produces, and for a PDF also ``max_pdf_chars_per_byte`` times its size (at least 1M characters:
    a small PDF can draw the same text thousands of times, at about 100,000 characters a
    second), ``convert_seconds`` the time
    LibreOffice may take. :meth:`from_env` reads overrides from ``QINGDAN_MAX_...`` variables.
    """

    max_bytes: int = 64 * 2**20
    max_unzipped_bytes: int = 256 * 2**20
    max_zip_ratio: float = 200.0
    max_markup_bytes: int = 64 * 2**20
    max_text_chars: int = 64 * 2**20
    max_pdf_chars_per_byte: float = 20.0
    convert_seconds: float = 120.0

    @classmethod
    def from_env(cls) -> "ReadLimits":
        """The defaults, each replaced by its environment variable (LIMIT_ENV) when that is set."""
        values = {}
        for item in fields(cls):
            raw = os.environ.get(LIMIT_ENV[item.name], "").strip()
            if not raw:
                continue
            try:
                value = float(raw) if item.type in ("float", float) else int(raw)
            except ValueError:
                value = 0
            if value <= 0:
                raise ValueError(say("read_setting_invalid", name=LIMIT_ENV[item.name], value=raw))
            values[item.name] = value
        return cls(**values)


def setting(name: str) -> str:
    """How a person raises a limit: its environment variable and its ReadLimits field."""
    return f"{LIMIT_ENV[name]} (ReadLimits.{name})"


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
    """Read one file into a :class:`Document`, or raise :class:`ReadError`.

    Without ``limits`` the defaults apply, each overridden by its environment variable.
    """
    p = Path(path)
    try:
        limits = limits or ReadLimits.from_env()
    except ValueError as exc:
        raise ReadError(p, "unsupported", str(exc)) from None
    suffix = p.suffix.lower()
    data = _load(p, suffix, limits)
    name = _READERS.get(suffix) or CONVERTED[suffix]
    if suffix in CONVERTED:
        from .convert import convert

        data = convert(data, p, suffix, limits)
    reader = importlib.import_module(f"{__name__}.{name}")
    try:
        text, encoding, tables = reader.read(data, p, limits)
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(p, "corrupt", say("read_cannot_read_as", format=name, detail=short(exc))) from exc
    if not text.strip():
        raise ReadError(p, "empty", say("read_blank"))
    if len(text) > limits.max_text_chars:
        raise ReadError(p, "too_large", say("read_text_too_long", limit=f"{limits.max_text_chars:,}",
                                             setting=setting("max_text_chars")))
    fmt = suffix[1:] if suffix in CONVERTED else name
    return Document(doc_id=p.stem, path=p, text=text, format=fmt, encoding=encoding, tables=tables)


def _load(p: Path, suffix: str, limits: ReadLimits) -> bytes:
    try:
        st = p.stat()
    except FileNotFoundError:
        raise ReadError(p, "missing", say("read_missing")) from None
    except OSError as exc:
        raise ReadError(p, "missing", say("read_cannot_open", detail=exc.strerror or short(exc))) from None
    if p.is_dir():
        raise ReadError(p, "unsupported", say("read_is_folder"))
    if suffix not in _READERS and suffix not in CONVERTED:
        supported = ", ".join(SUPPORTED_SUFFIXES)
        if not suffix:
            raise ReadError(p, "unsupported", say("read_no_extension", supported=supported))
        hint = say(_HINTS[suffix]) if suffix in _HINTS else ""
        raise ReadError(p, "unsupported", say("read_unsupported_type", suffix=suffix, hint=hint, supported=supported))
    if not p.is_file():
        raise ReadError(p, "unsupported", say("read_not_regular"))
    if st.st_size > limits.max_bytes:
        size, ceiling = size_pair(st.st_size, limits.max_bytes)
        raise ReadError(p, "too_large", say("read_too_large", size=size, limit=ceiling, setting=setting("max_bytes")))
    try:
        with open(p, "rb") as fh:
            data = fh.read(limits.max_bytes + 1)
    except OSError as exc:
        raise ReadError(p, "missing", say("read_cannot_open", detail=exc.strerror or short(exc))) from None
    if len(data) > limits.max_bytes:
        raise ReadError(p, "too_large", say("read_over_limit", limit=size_text(limits.max_bytes),
                                            setting=setting("max_bytes")))
    if not data:
        raise ReadError(p, "empty", say("read_empty_file"))
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
