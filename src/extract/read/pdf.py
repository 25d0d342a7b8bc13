"""PDF: the text layer of each page (pypdf), pages joined by a newline.

Line breaks inside a page are pypdf's, normalised to LF, so sentences may be
hard-wrapped; later stages must not treat a newline as a sentence end. A PDF
with no text layer (a scan) is refused with kind ``no_text``, since reading
it needs OCR, which this project does not do.
"""
from __future__ import annotations

import io
import logging
from pathlib import Path

from . import ReadLimits
from .errors import ReadError, short, sniff
from .txt import universal_newlines

logging.getLogger("pypdf").addHandler(logging.NullHandler())


def read(data: bytes, path: Path, limits: ReadLimits) -> tuple[str, None, tuple]:
    """Read a PDF's bytes into ``(text, None, ())``."""
    if b"%PDF-" not in data[:1024]:
        looks = sniff(data)
        hint = f": it looks like {looks}" if looks else ""
        raise ReadError(path, "corrupt", f"is not a PDF file{hint}")
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
        raise ReadError(path, "corrupt", f"is a damaged PDF ({short(exc)})") from None
    if count == 0:
        raise ReadError(path, "empty", "has no pages")
    texts = []
    for number in range(count):
        try:
            texts.append(universal_newlines(pages[number].extract_text() or ""))
        except DependencyError:
            raise _needs_crypto(path) from None
        except Exception as exc:
            raise ReadError(path, "corrupt", f"page {number + 1} of {count} cannot be read ({short(exc)})") from None
    text = "\n".join(texts)
    if not text.strip():
        raise ReadError(
            path, "no_text",
            f"has no text layer on any of its {count} page(s): it seems to be a scan and needs OCR first",
        )
    return text, None, ()


def _unlock(reader, path: Path) -> None:
    if not reader.is_encrypted:
        return
    from pypdf import PasswordType

    if reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise _encrypted(path)


def _encrypted(path: Path) -> ReadError:
    return ReadError(
        path, "encrypted",
        "is password-protected: open it with the password and save or print an unprotected copy",
    )


def _needs_crypto(path: Path) -> ReadError:
    return ReadError(path, "encrypted", "is encrypted with AES: install the 'cryptography' package to read it")
