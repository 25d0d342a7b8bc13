"""Word .docx: body paragraphs and tables in document order, laid out as lines.

Each paragraph is one line. Each table row is one line, its cells joined by
TAB; a cell's paragraphs (and any nested table) are joined by a space, and
TAB/newline inside a cell become spaces so one row stays one line. A cell
spanning several columns appears once; the continuation of a vertically merged
cell is an empty cell, so merged text appears once in the text.

Text comes from the visible runs: insertions are kept, deletions, field codes,
text boxes and drawings are left out. Automatic list numbering is not text in
the file and does not appear.

The zip's directory is checked before anything is expanded: the total
uncompressed size against ``ReadLimits.max_unzipped_bytes``, and each member of
1 MB or more against ``ReadLimits.max_zip_ratio`` (smaller members cannot be
bombs, and XML legitimately compresses well). An OLE compound file is how Word
stores a password-protected .docx, so it is refused as encrypted.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from . import ReadLimits, layout
from .errors import ReadError, short, size_pair, size_text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RATIO_FLOOR = 2**20

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
        _refuse_ole(data, path)
    if not data.startswith(b"PK"):
        raise ReadError(path, "corrupt", "is not a Word document (not a zip file; a real .docx is one)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise ReadError(path, "corrupt", f"is not a Word document (corrupt zip: {short(exc)})") from None
    _check_bomb(infos, path, limits)
    text, tables = layout(_blocks(_open_body(data, path)))
    return text, None, tables


def _refuse_ole(data: bytes, path: Path) -> None:
    if "EncryptionInfo".encode("utf-16-le") not in data and "WordDocument".encode("utf-16-le") in data:
        raise ReadError(path, "unsupported", "is an old Word .doc file named .docx: save it as .docx in Word or WPS")
    raise ReadError(
        path, "encrypted",
        "is password-protected (Word stores it encrypted): remove the password in Word and save again",
    )


def _check_bomb(infos: list[zipfile.ZipInfo], path: Path, limits: ReadLimits) -> None:
    total = sum(info.file_size for info in infos)
    if total > limits.max_unzipped_bytes:
        size, ceiling = size_pair(total, limits.max_unzipped_bytes)
        raise ReadError(
            path, "too_large",
            f"decompresses to {size}, over the limit of {ceiling} "
            f"(raise ReadLimits.max_unzipped_bytes to read it)",
        )
    for info in infos:
        if info.file_size < _RATIO_FLOOR:
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.max_zip_ratio:
            raise ReadError(
                path, "too_large",
                f"decompresses to {size_text(info.file_size)} from {size_text(info.compress_size)} "
                f"({ratio:.0f}x, over the limit of {limits.max_zip_ratio:g}x: it looks like a zip bomb)",
            )


def _open_body(data: bytes, path: Path):
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except ValueError as exc:
        message = str(exc)
        if "spreadsheetml" in message:
            what = "it is an Excel workbook"
        elif "presentationml" in message:
            what = "it is a PowerPoint file"
        else:
            what = short(exc)
        raise ReadError(path, "corrupt", f"is not a Word document ({what})") from None
    except Exception as exc:
        raise ReadError(path, "corrupt", f"is not a readable Word document ({short(exc)})") from None
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
