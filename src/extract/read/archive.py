"""Zip containers (.docx, .xlsx): opened and checked before any part is parsed.

Declared sizes are checked first (cheap: the total against ``max_unzipped_bytes``,
each member of 1 MB or more against ``max_zip_ratio``), then every member is
expanded in chunks and its bytes counted, so a member that lies about its size
(or a total that would exhaust memory) is refused without holding it in memory.
Markup parts (.xml, .rels) are counted against ``max_markup_bytes`` as well,
because a parsed XML tree takes about ten times its size.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..messages import say
from . import ReadLimits, setting
from .errors import ReadError, short, size_pair, size_text

RATIO_FLOOR = 2**20
_CHUNK = 2**20
_MARKUP = (".xml", ".rels", ".vml")


def open_zip(data: bytes, path: Path, limits: ReadLimits, what: str) -> zipfile.ZipFile:
    """The checked archive; ``what`` is the message key naming what it should be (a Word document)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise ReadError(path, "corrupt", say("read_zip_corrupt", what=say(what), detail=short(exc))) from None
    _check_declared(infos, path, limits)
    _check_actual(archive, infos, path, limits, what)
    return archive


def _check_declared(infos: list[zipfile.ZipInfo], path: Path, limits: ReadLimits) -> None:
    total = sum(info.file_size for info in infos)
    if total > limits.max_unzipped_bytes:
        size, ceiling = size_pair(total, limits.max_unzipped_bytes)
        raise ReadError(path, "too_large", say("read_unzipped_too_large", size=size, limit=ceiling,
                                               setting=setting("max_unzipped_bytes")))
    for info in infos:
        if info.file_size < RATIO_FLOOR:
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.max_zip_ratio:
            raise ReadError(path, "too_large", say(
                "read_zip_bomb", size=size_text(info.file_size), packed=size_text(info.compress_size),
                ratio=f"{ratio:.0f}", limit=f"{limits.max_zip_ratio:g}"))


def _check_actual(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], path: Path, limits: ReadLimits,
                  what: str) -> None:
    total = markup = 0
    for info in infos:
        if info.is_dir():
            continue
        is_markup = info.filename.lower().endswith(_MARKUP)
        count = 0
        try:
            with archive.open(info) as member:
                while True:
                    chunk = member.read(_CHUNK)
                    if not chunk:
                        break
                    count += len(chunk)
                    total += len(chunk)
                    markup += len(chunk) if is_markup else 0
                    if count > info.file_size:
                        raise ReadError(path, "corrupt", say("read_zip_lies", member=info.filename,
                                                             declared=size_text(info.file_size)))
                    if total > limits.max_unzipped_bytes:
                        raise ReadError(path, "too_large", say(
                            "read_unzipped_over", member=info.filename, limit=size_text(limits.max_unzipped_bytes),
                            setting=setting("max_unzipped_bytes")))
                    if markup > limits.max_markup_bytes:
                        raise ReadError(path, "too_large", say(
                            "read_unzipped_over", member=info.filename, limit=size_text(limits.max_markup_bytes),
                            setting=setting("max_markup_bytes")))
        except ReadError:
            raise
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, OSError, EOFError) as exc:
            raise ReadError(path, "corrupt", say("read_zip_corrupt", what=say(what), detail=short(exc))) from None
