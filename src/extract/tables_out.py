"""Writing a finished table out: xlsx sheets (fitted widths, frozen bold header, fixed timestamps
so the same rows give the same bytes), Markdown rows, and whole texts, to a path or a stream.

Shared by every report that ends in a table (the record ledger, checklist, diff, audit,
compare); nothing here knows what a duty is.
"""
from __future__ import annotations

import io
import os
import unicodedata
import zipfile
from datetime import datetime
from typing import IO, Iterable, Sequence, Union

from .escape import is_formula, md_cell

Out = Union[str, os.PathLike, IO]

_MIN_WIDTH = 6
_MAX_WIDTH = 40
_MAX_WRAP_WIDTH = 60
_FIXED_TIME = datetime(1980, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def display_width(text: str) -> int:
    """Columns a string takes on screen: wide (CJK) characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _column_widths(header: Sequence[str], rows: Sequence[Sequence], wrap: set[int]) -> list[float]:
    widths = []
    for col, head in enumerate(header):
        values = [head, *(row[col] for row in rows)]
        longest = max(
            display_width(line) for value in values if value is not None for line in str(value).split("\n")
        )
        cap = _MAX_WRAP_WIDTH if col in wrap else _MAX_WIDTH
        widths.append(min(cap, max(_MIN_WIDTH, longest + 2)))
    return widths


def _xlsx_bytes(workbook) -> bytes:
    from openpyxl.writer.excel import ExcelWriter

    workbook.properties.created = _FIXED_TIME
    workbook.properties.modified = _FIXED_TIME
    raw = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    fixed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(fixed, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return fixed.getvalue()


def is_binary(stream) -> bool:
    mode = getattr(stream, "mode", "")
    return isinstance(stream, (io.RawIOBase, io.BufferedIOBase)) or (isinstance(mode, str) and "b" in mode)


def _write_bytes(out: Out, data: bytes) -> None:
    if isinstance(out, (str, os.PathLike)):
        with open(out, "wb") as fh:
            fh.write(data)
    elif is_binary(out):
        out.write(data)
        out.flush()
    elif hasattr(out, "buffer"):
        out.flush()
        out.buffer.write(data)
        out.buffer.flush()
    else:
        raise ValueError("xlsx is binary: give a path or a binary stream")


def write_xlsx_table(
    out: Out, sheet: str, header: Sequence[str], rows: Sequence[Sequence], wrap: Iterable[int] = ()
) -> None:
    """One sheet with a bold frozen header, an auto filter, fitted widths and wrapped long columns."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wrap = set(wrap)
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(sheet)
    for col, width in enumerate(_column_widths(header, rows, wrap), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    wrapped = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")

    def cell(value, **style):
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value) or None
        c = WriteOnlyCell(ws, value)
        if is_formula(value):
            c.data_type = "s"
            c.quotePrefix = True
        for name, val in style.items():
            setattr(c, name, val)
        return c

    ws.append([cell(head, font=bold) for head in header])
    for row in rows:
        ws.append([cell(value, alignment=wrapped if col in wrap else top) for col, value in enumerate(row)])
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    _write_bytes(out, _xlsx_bytes(workbook))


def _md_cell(value) -> str:
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")


def md_row(values: Iterable) -> str:
    """One Markdown table row of cells that are already Markdown (md_literal for text): stray pipes and
    line breaks escaped."""
    return "| " + " | ".join(_md_cell(v) for v in values) + " |\n"


md_literal = md_cell


def write_text(out: Out, text: str) -> None:
    """Write a whole text as UTF-8 to a path, a binary stream or a text stream (flushed, never closed)."""
    if isinstance(out, (str, os.PathLike)):
        with open(out, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        return
    if is_binary(out):
        out.write(text.encode("utf-8"))
    else:
        out.write(text)
    out.flush()
