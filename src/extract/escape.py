"""Make document text and file names inert in the files people open.

A clause or a file name is data, never markup: in a CSV a cell that starts with
`=`, `+`, `-`, `@`, TAB or CR is a formula to Excel and WPS, so it gets a leading
single quote (OWASP's advice for CSV injection); in Markdown every character that
could open a tag, a link, an image, code, emphasis or a table cell is written as a
numeric character reference, which every CommonMark/GFM renderer shows as the
character itself and none reads as syntax (entities also survive the table writer,
which escapes backslashes and pipes of its own). The xlsx writer keeps such strings
strings (tables_out.write_xlsx_table).
"""
from __future__ import annotations

from typing import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_MD_ENTITIES = {ch: f"&#{ord(ch)};" for ch in "\\`*~[]()<>|"}
_MD_TABLE = str.maketrans({**_MD_ENTITIES, "\r": "", "\n": "<br>"})
_MD_TEXT = str.maketrans(_MD_ENTITIES)


def csv_cell(value) -> object:
    """A CSV cell: None as empty, a string that a spreadsheet would run as a formula quoted, numbers as they are."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_row(values: Iterable) -> list:
    """Every cell of a row through csv_cell."""
    return [csv_cell(value) for value in values]


def md_text(value) -> str:
    """Document text or a file name for Markdown prose (headings, list items, quotes): no markup survives."""
    return ("" if value is None else str(value)).translate(_MD_TEXT)


def md_cell(value) -> str:
    """Document text for a Markdown table cell: md_text, with line breaks as `<br>` so the row stays one line."""
    return ("" if value is None else str(value)).translate(_MD_TABLE)


def is_formula(value) -> bool:
    """A string a spreadsheet would read as a formula if it were typed in (see csv_cell)."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)
