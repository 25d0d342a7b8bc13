"""Word .docx: body paragraphs and tables in document order, laid out as lines.

Each paragraph is one line. Each table row is one line, its cells joined by
TAB; a cell's paragraphs (and any nested table) are joined by a space, and
TAB/newline inside a cell become spaces so one row stays one line. A cell
spanning several columns appears once; the continuation of a vertically merged
cell is an empty cell, so merged text appears once in the text.

Text comes from the visible runs: insertions are kept, deletions, field codes,
text boxes and drawings are left out. Automatic list numbering is not text in
the file and does not appear.

The zip is checked before any part is parsed (archive.py: declared sizes, then the
bytes each member actually expands to). An OLE compound file is how Word stores a
password-protected .docx, so it is refused as encrypted.
"""
from __future__ import annotations

import io
from pathlib import Path

from ..messages import say
from . import ReadLimits, layout
from .archive import open_zip
from .errors import ReadError, short

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (_W + t for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
_T, _TAB, _PTAB, _BR, _CR = (_W + t for t in ("t", "tab", "ptab", "br", "cr"))
_NB_HYPHEN = _W + "noBreakHyphen"
_CONTAINERS = frozenset(_W + t for t in ("customXml", "smartTag"))
_SKIP = frozenset(
    [_W + t for t in ("del", "moveFrom", "pPr", "rPr", "instrText", "delText", "drawing", "pict", "object",
                      "txbxContent", "footnoteReference", "endnoteReference", "commentReference")]
    + [_MC + "Fallback"]
)


def read(data: bytes, path: Path, limits: ReadLimits) -> tuple[str, None, tuple]:
    """Read a .docx file's bytes into ``(text, None, tables)``."""
    if data.startswith(_OLE):
        refuse_ole(data, path, "WordDocument", "read_doc_named_docx")
    if not data.startswith(b"PK"):
        raise ReadError(path, "corrupt", say("read_docx_not_zip"))
    open_zip(data, path, limits, "read_what_word")
    text, tables = layout(_blocks(_open_body(data, path)))
    return text, None, tables


def refuse_ole(data: bytes, path: Path, stream: str, old_key: str) -> None:
    """An OLE file under a new Office name: the old format renamed (``stream`` is its main stream),
    or how Office stores a password-protected file."""
    if "EncryptionInfo".encode("utf-16-le") not in data and stream.encode("utf-16-le") in data:
        raise ReadError(path, "unsupported", say(old_key))
    raise ReadError(path, "encrypted", say("read_office_encrypted"))


def _open_body(data: bytes, path: Path):
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except ValueError as exc:
        message = str(exc)
        if "spreadsheetml" in message:
            reason = say("read_docx_is_excel")
        elif "presentationml" in message:
            reason = say("read_docx_is_powerpoint")
        else:
            reason = say("read_docx_not_word", detail=short(exc))
        raise ReadError(path, "corrupt", reason) from None
    except Exception as exc:
        raise ReadError(path, "corrupt", say("read_docx_unreadable", detail=short(exc))) from None
    return document.element.body


def _blocks(container):
    for child in container:
        tag = child.tag
        if tag == _P:
            yield _paragraph_text(child)
        elif tag == _TBL:
            yield [_row_cells(tr) for tr in child.iterchildren(_TR)]
        elif tag == _SDT:
            for content in child.iterchildren(_SDT_CONTENT):
                yield from _blocks(content)
        elif tag in _CONTAINERS:
            yield from _blocks(child)


def _row_cells(tr) -> list[str]:
    cells = []
    for tc in _row_tcs(tr):
        if _is_merge_continuation(tc):
            cells.append("")
        else:
            cells.append(" ".join(_cell_pieces(tc)))
    return cells


def _row_tcs(tr):
    for child in tr:
        if child.tag == _TC:
            yield child
        elif child.tag in _CONTAINERS or child.tag == _SDT:
            inner = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if inner is not None:
                yield from _row_tcs(inner)


def _is_merge_continuation(tc) -> bool:
    tc_pr = tc.find(_W + "tcPr")
    merge = tc_pr.find(_W + "vMerge") if tc_pr is not None else None
    return merge is not None and merge.get(_W + "val", "continue") == "continue"


def _cell_pieces(container) -> list[str]:
    pieces = []
    for block in _blocks(container):
        if isinstance(block, str):
            texts = [block]
        else:
            texts = [cell for row in block for cell in row]
        for text in texts:
            flat = text.replace("\t", " ").replace("\n", " ")
            if flat.strip():
                pieces.append(flat)
    return pieces


def _paragraph_text(p) -> str:
    parts: list[str] = []
    _collect(p, parts)
    return "".join(parts)


def _collect(element, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _T:
            parts.append(child.text or "")
        elif tag in (_TAB, _PTAB):
            parts.append("\t")
        elif tag in (_BR, _CR):
            if child.get(_W + "type", "textWrapping") == "textWrapping":
                parts.append("\n")
        elif tag == _NB_HYPHEN:
            parts.append("-")
        elif tag == _P:
            continue
        else:
            _collect(child, parts)
