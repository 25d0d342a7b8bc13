"""Excel .xlsx: every visible sheet's rows laid out like a Word table (read/docx.py), so the
columns of a task table (index, task, owner, deadline; tables.yml) give the actor and deadline directly.

openpyxl reads the workbook in read-only mode (rows are streamed, not held as cell objects)
with the values Excel last computed for formulas. A sheet is cut into blocks at empty rows;
in a block, rows with a single cell before the first wider row are paragraphs (a title above
the table, as in a Word file), the rest is one table. A row whose only cell is the first (a
group heading merged across the row) stays one cell, as Word shows a merged cell once; other
rows are padded to the table's width. Numbers are written without a spurious ``.0``, dates
as tables.yml ``cells.date`` says; a TAB or line break inside a cell becomes a space.
Hidden sheets are left out.
"""
from __future__ import annotations

import datetime as dt
import io
from functools import lru_cache
from pathlib import Path

from ..messages import say
from . import Block, ReadLimits, layout, setting
from .archive import open_zip
from .docx import refuse_ole
from .errors import ReadError, short

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read(data: bytes, path: Path, limits: ReadLimits) -> tuple[str, None, tuple]:
    """Read an .xlsx file's bytes into ``(text, None, tables)``."""
    if data.startswith(_OLE):
        refuse_ole(data, path, "Workbook", "read_xls_named_xlsx")
    if not data.startswith(b"PK"):
        raise ReadError(path, "corrupt", say("read_xlsx_unreadable", detail=say("read_docx_not_zip")))
    open_zip(data, path, limits, "read_what_excel")
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise ReadError(path, "corrupt", say("read_xlsx_unreadable", detail=short(exc))) from None
    try:
        blocks: list[Block] = []
        budget = [limits.max_text_chars, limits.max_text_chars]
        for sheet in workbook.worksheets:
            if getattr(sheet, "sheet_state", "visible") != "visible":
                continue
            sheet.reset_dimensions()
            rows = [_row_texts(row, path, budget) for row in sheet.iter_rows(values_only=True)]
            for group in _groups(rows):
                if blocks:
                    blocks.append("")
                blocks.extend(_blocks(group))
    finally:
        workbook.close()
    text, tables = layout(blocks)
    return text, None, tables


def _row_texts(row, path: Path, budget: list[int]) -> list[str]:
    texts = [_cell_text(value) for value in row]
    while texts and not texts[-1].strip():
        texts.pop()
    budget[0] -= sum(len(t) + 1 for t in texts)
    if budget[0] < 0:
        raise ReadError(path, "too_large", say("read_text_too_long", limit=f"{budget[1]:,}",
                                               setting=setting("max_text_chars")))
    return texts


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        text = _date_template().format(year=value.year, month=value.month, day=value.day)
        if isinstance(value, dt.datetime) and (value.hour or value.minute):
            text += f" {value.hour:02d}:{value.minute:02d}"
        return text
    return str(value).replace("\r\n", " ").replace("\t", " ").replace("\n", " ").replace("\r", " ")


@lru_cache(maxsize=1)
def _date_template() -> str:
    from ..rules import load_yaml

    return load_yaml("tables")["cells"]["date"]


def _groups(rows: list[list[str]]) -> list[list[list[str]]]:
    """Runs of rows that hold text, cut at empty rows."""
    groups: list[list[list[str]]] = [[]]
    for row in rows:
        if any(cell.strip() for cell in row):
            groups[-1].append(row)
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def _blocks(group: list[list[str]]) -> list[Block]:
    """Title rows above the first row of two or more cells as paragraphs, the rest as one table."""
    first_wide = next((i for i, row in enumerate(group) if len(row) > 1), None)
    if first_wide is None:
        return [row[0] if row else "" for row in group]
    paragraphs: list[Block] = [" ".join(c for c in row if c.strip()) for row in group[:first_wide]]
    body = group[first_wide:]
    width = max(len(row) for row in body)
    table = [row if len(row) == 1 else row + [""] * (width - len(row)) for row in body]
    return paragraphs + [table]
