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

from .errors import ReadError, sniff

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")
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
            looks = sniff(data)
            hint = f" (it looks like {looks})" if looks else ""
            raise ReadError(path, "binary", f"is not a text file: it contains NUL bytes{hint}")
    if encoding is not None:
        try:
            return universal_newlines(data.decode(encoding)), encoding
        except UnicodeDecodeError as exc:
            shift = len(codecs.BOM_UTF8) if encoding == "utf-8-sig" else 0
            raise ReadError(
                path, "decode", f"cannot decode as {encoding} ({_bad_byte(data, exc.start + shift)})",
            ) from None
    try:
        return universal_newlines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        looks = sniff(data)
        hint = f"; it looks like {looks}" if looks else ""
        raise ReadError(
            path, "decode",
            f"cannot decode: not UTF-8 ({_bad_byte(data, utf8_error.start)}) "
            f"and not GB18030 ({_bad_byte(data, exc.start)}){hint}",
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
        return f"truncated at offset {offset}"
    return f"bad byte 0x{data[offset]:02x} at offset {offset}"


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _bomless_utf16(data: bytes) -> str | None:
    if len(data) % 2:
        return None
    units = len(data) // 2
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    for encoding, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros >= max(2, units // 20) and zeros >= 4 * other:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if len(_CONTROLS.findall(text)) * 100 <= len(text):
                return encoding
    return None


def _private_use(text: str) -> int:
    return len(_PRIVATE_USE.findall(text))
