"""HTML pages: the visible text, one line per block element, data tables as TAB-separated rows.

The bytes are decoded by the BOM, else the declared charset (``<meta>`` or the
XML declaration, GB2312/GBK widened to GB18030), else the same detection as
.txt. Scripts, styles, the head and hidden elements are dropped. Runs of
blank space inside a line collapse to one space, except that a line break
between two wide (CJK) characters disappears, as in source hard-wrapped
Chinese; ideographic spaces are kept. Blank lines are dropped.

A table with at least one row of two or more cells and no nested table is a
data table: one line per row. Other tables are page layout and are read as
ordinary blocks. The stdlib ``html.parser`` does not close ``<td>``/``<tr>``
implicitly, so rows and cells are found by start tags, not by nesting.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from . import ReadLimits, layout
from .errors import ReadError
from .txt import decode as decode_text, universal_newlines

_DROP = frozenset(
    "script style noscript template head title iframe object embed svg math canvas select".split()
)
_BLOCK = frozenset(
    """address article aside blockquote body caption center dd details dialog dir div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol
    p pre section summary table tbody tfoot thead tr td th ul""".split()
)
_CELLS = ("td", "th")
_BREAK = "\x00"
_SPACE = re.compile(r"[ \t\n\r\f\v\xa0]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_META = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_WIDEN = {"gb2312": "gb18030", "gbk": "gb18030", "hz": "gb18030", "big5": "cp950"}
_WESTERN = frozenset({"ascii", "iso8859-1", "cp1252"})


def read(data: bytes, path: Path, limits: ReadLimits) -> tuple[str, str, tuple]:
    """Read an HTML file's bytes into ``(text, encoding, tables)``."""
    source, encoding = decode(data, path)
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(source, "html.parser")
    collector = _Lines()
    collector.walk(soup)
    collector.flush()
    text, tables = layout(collector.blocks)
    return text, encoding, tables


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Decode by BOM, then the declared charset, then .txt detection; newlines universal."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data:
        return decode_text(data, path)
    declared = _declared(data[:4096])
    if declared and declared not in _WESTERN and not declared.startswith(("utf_16", "utf_32", "utf-16", "utf-32")):
        try:
            return universal_newlines(data.decode(declared)), declared
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return decode_text(data, path)
    except ReadError:
        if declared in _WESTERN:
            try:
                return universal_newlines(data.decode(declared)), declared
            except (UnicodeDecodeError, LookupError):
                pass
        raise


def _declared(head: bytes) -> str | None:
    match = _META.search(head) or _XML_DECL.search(head)
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return _WIDEN.get(name, name)


def _hidden(tag) -> bool:
    return tag.has_attr("hidden") or bool(_HIDDEN_STYLE.search(str(tag.get("style") or "")))


def _is_text(node) -> bool:
    from bs4.element import NavigableString

    return type(node) is NavigableString


def _wide(ch: str) -> bool:
    return bool(ch) and unicodedata.east_asian_width(ch) in ("W", "F")


def normalise(line: str) -> str:
    """Collapse blank space runs to one space, drop breaks between wide characters, trim."""

    def replace(match: re.Match) -> str:
        run = match.group()
        if "\n" in run or "\r" in run:
            before = line[match.start() - 1] if match.start() else ""
            after = line[match.end()] if match.end() < len(line) else ""
            if _wide(before) and _wide(after):
                return ""
        return " "

    return _SPACE.sub(replace, line).strip(" ")


class _Lines:
    """Collects lines and data tables from a tree, in document order."""

    def __init__(self) -> None:
        self.blocks: list = []
        self.buf: list[str] = []

    def flush(self) -> None:
        line = normalise("".join(self.buf))
        self.buf.clear()
        if line.strip():
            self.blocks.append(line)

    def walk(self, node, pre: bool = False) -> None:
        from bs4.element import Tag

        for child in node.children:
            if isinstance(child, Tag):
                self.element(child, pre)
            elif _is_text(child):
                if pre:
                    for i, part in enumerate(str(child).split("\n")):
                        if i:
                            self.flush()
                        self.buf.append(part)
                else:
                    self.buf.append(str(child))

    def element(self, tag, pre: bool) -> None:
        name = tag.name
        if name in _DROP or _hidden(tag):
            return
        if name == "br":
            self.flush()
            return
        if name == "table" and self.data_table(tag):
            return
        block = name in _BLOCK
        if block:
            self.flush()
        self.walk(tag, pre or name == "pre")
        if block:
            self.flush()

    def data_table(self, table) -> bool:
        if table.find("table") is not None:
            return False
        cells = _Cells()
        cells.walk(table)
        rows = cells.rows()
        if not any(len(row) >= 2 for row in rows):
            return False
        self.flush()
        caption = table.find("caption")
        if caption is not None and not _hidden(caption):
            self.walk(caption)
            self.flush()
        self.blocks.append(rows)
        return True


class _Cells:
    """Splits a table into rows and cells by their start tags, tolerating unclosed tags."""

    def __init__(self) -> None:
        self.table: list[list[list[str]]] = []

    def walk(self, node) -> None:
        from bs4.element import Tag

        for child in node.children:
            if isinstance(child, Tag):
                name = child.name
                if name in _DROP or name == "caption" or _hidden(child):
                    continue
                if name == "tr":
                    self.table.append([])
                elif name in _CELLS:
                    if not self.table:
                        self.table.append([])
                    self.table[-1].append([])
                elif name == "br" or name in _BLOCK:
                    self.add(_BREAK)
                self.walk(child)
                if name in _BLOCK:
                    self.add(_BREAK)
            elif _is_text(child):
                self.add(str(child))

    def add(self, piece: str) -> None:
        if self.table and self.table[-1]:
            self.table[-1][-1].append(piece)

    def rows(self) -> list[list[str]]:
        out = []
        for row in self.table:
            cells = [
                " ".join(line for line in map(normalise, "".join(cell).split(_BREAK)) if line.strip())
                for cell in row
            ]
            if any(cells):
                out.append(cells)
        return out
