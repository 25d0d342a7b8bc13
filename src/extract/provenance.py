"""Where a duty stands in its document as a person finds it: table and row, or paragraph.

The ledger's source column names the document, the section and this place, never offsets.
A place is derived from a record's span against the text as read, where every
table row is one line with its cells joined by TAB (read/__init__.py `layout`):
the tables of a read Document when it has any, else runs of such lines (a line of
three or more cells, or two or more lines of two or more cells in a row). Tables
are numbered from 1 in document order. A first row whose cells name two or more
column roles (tables.yml) is the header, row 0; data rows count from 1 after it,
or from the first row of a table without one. Paragraphs are the non-blank lines
outside tables, numbered from 1. A row's number is the source table's own
numbering: the cell of the `index` column (tables.yml), else the row's first cell, when it
is a bare whole number.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Optional, Sequence

_NUMBER = re.compile(r"^\s*(\d{1,4})\s*[.\u3001\uff0e]?\s*$")


@dataclass(frozen=True)
class Place:
    """A table and row (row 0: the header), or a paragraph; `number` is the row's own index."""

    table: Optional[int] = None
    row: Optional[int] = None
    paragraph: Optional[int] = None
    number: Optional[int] = None


def _roles(cells: Sequence[str]) -> dict[str, int]:
    from .rules import get_rules

    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        for rule in get_rules().table_columns:
            if rule.pattern.search(cell.strip()):
                found.setdefault(rule.values["role"], i)
                break
    return found


def _table_runs(lines: list[str], tables) -> list[tuple[int, int]]:
    """(first line, line after the last) of every table."""
    if tables:
        starts = _line_starts(lines)
        return [(bisect.bisect_right(starts, t.start) - 1, bisect.bisect_right(starts, t.end - 1)) for t in tables]
    widths = [sum(1 for cell in line.split("\t") if cell.strip()) if "\t" in line else 0 for line in lines]
    runs, i = [], 0
    while i < len(lines):
        j = i
        while j < len(lines) and widths[j] >= 2:
            j += 1
        if j - i >= 2 or (j - i == 1 and len(lines[i].split("\t")) >= 3):
            runs.append((i, j))
        i = max(j, i + 1)
    return runs


def _line_starts(lines: list[str]) -> list[int]:
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    return starts


class Locator:
    """The places of one document's text (a str, or a read Document and its tables)."""

    def __init__(self, document):
        text = document if isinstance(document, str) else document.text
        tables = () if isinstance(document, str) else getattr(document, "tables", ())
        lines = text.split("\n")
        self._starts = _line_starts(lines)
        self._places: list[Place] = [Place()] * len(lines)
        for n, (first, end) in enumerate(_table_runs(lines, tables), start=1):
            rows = [lines[i].split("\t") for i in range(first, end)]
            roles = _roles(rows[0]) if rows else {}
            header = len(roles) >= 2
            column = roles.get("index", 0)
            for k, cells in enumerate(rows):
                row = k if header else k + 1
                match = _NUMBER.match(cells[column]) if row and column < len(cells) else None
                self._places[first + k] = Place(table=n, row=row, number=int(match.group(1)) if match else None)
        paragraph = 0
        for i, line in enumerate(lines):
            if self._places[i].table is None and line.strip():
                paragraph += 1
                self._places[i] = Place(paragraph=paragraph)

    def place(self, offset: int) -> Place:
        """The place of the line holding `offset` (a blank line has none)."""
        return self._places[max(0, bisect.bisect_right(self._starts, offset) - 1)]
