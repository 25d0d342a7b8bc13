"""The one exception the reading layer raises, and helpers for its messages.

Callers (the CLI, batch runs) show ``str(error)`` to people as is, so every
reason is a single plain-language line that starts with the file's path.
"""
from __future__ import annotations

from os import PathLike
from typing import Union

from ..messages import say

KINDS = (
    "missing",
    "unsupported",
    "binary",
    "corrupt",
    "empty",
    "too_large",
    "encrypted",
    "no_text",
    "decode",
)

_MAGIC = (
    (b"%PDF-", "read_kind_pdf"),
    (b"PK\x03\x04", "read_kind_zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "read_kind_ole"),
    (b"{\\rtf", "read_kind_rtf"),
    (b"\x89PNG", "read_kind_png"),
    (b"\xff\xd8\xff", "read_kind_jpeg"),
    (b"GIF8", "read_kind_gif"),
    (b"II*\x00", "read_kind_tiff"),
    (b"MM\x00*", "read_kind_tiff"),
    (b"Rar!", "read_kind_rar"),
    (b"7z\xbc\xaf", "read_kind_7z"),
    (b"\x1f\x8b", "read_kind_gzip"),
)


class ReadError(Exception):
    """A document could not be turned into text; ``kind`` says why in one word.

    ``kind`` is one of :data:`KINDS`; ``reason`` is a one-line explanation;
    ``str(error)`` is ``"<path>: <reason>"``.
    """

    def __init__(self, path: Union[str, PathLike, None], kind: str, reason: str):
        if kind not in KINDS:
            raise ValueError(f"unknown ReadError kind {kind!r}; expected one of {KINDS}")
        reason = " ".join(str(reason).split())
        super().__init__(path, kind, reason)
        self.path = path
        self.kind = kind
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def sniff(data: bytes) -> str | None:
    """Name the file type the leading bytes reveal, for messages like 'it looks like a PDF'."""
    for magic, key in _MAGIC:
        if data.startswith(magic):
            return say(key)
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return say("read_kind_html")
    return None


def looks_like(data: bytes) -> str:
    """' (it looks like a PDF file)' in the user's language, or '' when the bytes reveal nothing."""
    what = sniff(data)
    return say("read_looks_like", what=what) if what else ""


def size_text(n: float) -> str:
    """A byte count for people: '312 bytes', '4.5 KB', '64 MB'."""
    for unit, scale in (("GB", 2**30), ("MB", 2**20), ("KB", 2**10)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{int(n)} bytes"


def size_pair(n: float, limit: float) -> tuple[str, str]:
    """A size and its limit for a 'too large' message, exact in bytes when rounding would make them look equal."""
    size, ceiling = size_text(n), size_text(limit)
    if size == ceiling:
        return f"{int(n):,} bytes", f"{ceiling} ({int(limit):,} bytes)"
    return size, ceiling


def short(exc: BaseException) -> str:
    """The first line of an exception, cut to a readable length, with its type."""
    lines = str(exc).strip().splitlines()
    first = lines[0] if lines else ""
    if len(first) > 120:
        first = first[:117] + "..."
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__
