"""PDF: the text layer of each page (pypdf), pages joined by a newline.

Line breaks inside a page are pypdf's, normalised to LF, so sentences may be
hard-wrapped; later stages must not treat a newline as a sentence end. A PDF
with no text layer (a scan) is refused with kind ``no_text``, since reading
it needs OCR, which this project does not do.

pypdf bounds each stream it expands and the forms a page may draw; the text it gives is
counted as it comes (``ReadLimits.max_text_chars``, and ``max_pdf_chars_per_byte`` times the
file's size but at least 1M characters), because a small file can draw the
same text thousands of times.
"""
from __future__ import annotations

import io
import logging
from pathlib import Path

from ..messages import say
from . import ReadLimits, setting
from .errors import ReadError, looks_like, short
from .txt import universal_newlines

_FLOOR = 2**20
logging.getLogger("pypdf").addHandler(logging.NullHandler())


def read(data: bytes, path: Path, limits: ReadLimits) -> tuple[str, None, tuple]:
    """Read a PDF's bytes into ``(text, None, ())``."""
    if b"%PDF-" not in data[:1024]:
        raise ReadError(path, "corrupt", say("read_pdf_not_pdf", looks=looks_like(data)))
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        reader = PdfReader(io.BytesIO(data))
        _unlock(reader, path)
        pages = reader.pages
        count = len(pages)
    except ReadError:
        raise
    except DependencyError:
        raise _needs_crypto(path) from None
    except FileNotDecryptedError:
        raise _encrypted(path) from None
    except Exception as exc:
        raise ReadError(path, "corrupt", say("read_pdf_damaged", detail=short(exc))) from None
    if count == 0:
        raise ReadError(path, "empty", say("read_pdf_no_pages"))
    texts = []
    ceiling = min(limits.max_text_chars, max(_FLOOR, int(len(data) * limits.max_pdf_chars_per_byte)))
    budget = _Budget(ceiling)
    for number in range(count):
        try:
            texts.append(universal_newlines(pages[number].extract_text(visitor_text=budget.take) or ""))
        except _TooMuchText:
            name = "max_text_chars" if ceiling == limits.max_text_chars else "max_pdf_chars_per_byte"
            raise ReadError(path, "too_large", say("read_text_too_long", limit=f"{ceiling:,}",
                                                   setting=setting(name))) from None
        except DependencyError:
            raise _needs_crypto(path) from None
        except Exception as exc:
            raise ReadError(path, "corrupt", say("read_pdf_page", page=number + 1, count=count,
                                                 detail=short(exc))) from None
    text = "\n".join(texts)
    if not text.strip():
        raise ReadError(path, "no_text", say("read_pdf_no_text", count=count))
    return text, None, ()


class _TooMuchText(Exception):
    pass


class _Budget:
    """Counts the characters pypdf shows, and stops it when they pass the limit."""

    def __init__(self, limit: int):
        self.left = limit

    def take(self, text: str, *_ignored) -> None:
        self.left -= len(text)
        if self.left < 0:
            raise _TooMuchText


def _unlock(reader, path: Path) -> None:
    if not reader.is_encrypted:
        return
    from pypdf import PasswordType

    if reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise _encrypted(path)


def _encrypted(path: Path) -> ReadError:
    return ReadError(path, "encrypted", say("read_pdf_encrypted"))


def _needs_crypto(path: Path) -> ReadError:
    return ReadError(path, "encrypted", say("read_pdf_needs_crypto"))
