"""Plain text: detect the encoding and decode exactly as ``open(path, encoding=E).read()`` would.

The detected encoding is returned with the text, so anyone can reproduce the
text (and therefore every offset) with Python's own ``open``. Detection order:
a byte-order mark; obvious BOM-less UTF-16 (NUL bytes on one side only);
strict UTF-8; strict GB18030 (Big5 only when GB18030 would need private-use
characters that Big5 avoids).
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..messages import say
from .errors import ReadError, looks_like

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")
_TEXTY = re.compile(
    r"[\t\n\r\x20-\x7e\xa0-\xff\u2000-\u206f\u2460-\u24ff\u2500-\u25ff\u2e80-\u2fdf"
    r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)
_TEXTY_SHARE = 0.9
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")


def read(data: bytes, path: Path, limits=None) -> tuple[str, str, tuple]:
    """Decode a .txt file; the reader entry point used by ``read_document``."""
    text, encoding = decode(data, path)
    return text, encoding, ()


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Return ``(text, encoding)`` with universal newlines, or raise ReadError binary/decode."""
    encoding = _bom_encoding(data)
    if encoding is None and b"\x00" in data:
        encoding = _bomless_utf16(data)
        if encoding is None:
            raise ReadError(path, "binary", say("read_nul_bytes", looks=looks_like(data)))
    if encoding is not None:
        try:
            return universal_newlines(data.decode(encoding)), encoding
        except UnicodeDecodeError as exc:
            shift = len(codecs.BOM_UTF8) if encoding == "utf-8-sig" else 0
            raise ReadError(
                path, "decode", say("read_decode_as", encoding=encoding, where=_bad_byte(data, exc.start + shift)),
            ) from None
    try:
        return universal_newlines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ReadError(
            path, "decode",
            say("read_decode_neither", utf8=_bad_byte(data, utf8_error.start), gb=_bad_byte(data, exc.start),
                looks=looks_like(data)),
        ) from None
    if _private_use(text):
        try:
            big5 = data.decode("cp950")
        except UnicodeDecodeError:
            big5 = None
        if big5 is not None and _private_use(big5) < _private_use(text):
            return universal_newlines(big5), "cp950"
    return universal_newlines(text), "gb18030"


def universal_newlines(text: str) -> str:
    """Turn CRLF and lone CR into LF, as Python's text mode does when reading."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _bad_byte(data: bytes, offset: int) -> str:
    if offset >= len(data):
        return say("read_truncated", offset=offset)
    return say("read_bad_byte", byte=f"0x{data[offset]:02x}", offset=offset)


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _bomless_utf16(data: bytes) -> str | None:
    """The UTF-16 byte order whose strict decoding reads most like text (Chinese, Latin script,
    their punctuation), when one reaches ``_TEXTY_SHARE``; ``None`` for anything else with NULs.
    Counting NULs alone is not enough: CJK characters such as U+4E00 put NULs on the other side."""
    if len(data) % 2:
        return None
    best, best_share = None, _TEXTY_SHARE
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not text or len(_CONTROLS.findall(text)) * 100 > len(text):
            continue
        share = len(_TEXTY.findall(text)) / len(text)
        if share >= best_share:
            best, best_share = encoding, share
    return best


def _private_use(text: str) -> int:
    return len(_PRIVATE_USE.findall(text))
