"""Old office formats (.doc, .wps; .xls, .et) converted with LibreOffice, then read as .docx/.xlsx.

LibreOffice (``soffice --headless --convert-to``) is a well-kept converter that reads Word 97,
WPS and Excel 97 files; writing a reader for those binary formats here would be worse. The
bytes already read are written into a private temporary folder and converted there, with a
fresh LibreOffice profile (so runs in parallel do not share one) and a time limit
(``ReadLimits.convert_seconds``). Without LibreOffice the error says how to install it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..messages import say
from . import CONVERTED, ReadLimits, setting
from .errors import ReadError, looks_like

INSTALL = "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui"
_PROGRAMS = ("soffice", "libreoffice")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_HEADER = 512


def soffice() -> str | None:
    """The LibreOffice program on PATH, or None."""
    for name in _PROGRAMS:
        found = shutil.which(name)
        if found:
            return found
    return None


def convert(data: bytes, path: Path, suffix: str, limits: ReadLimits) -> bytes:
    """The bytes of ``data`` (a ``suffix`` file) converted to .docx or .xlsx, or a ReadError.

    A zip under an old name is a .docx/.xlsx already and is returned as is; anything but an OLE
    compound file (how Word 97, WPS and Excel 97 store theirs) or RTF is refused, since
    LibreOffice would import unknown bytes as plain text."""
    if data.startswith(b"PK\x03\x04"):
        return data
    if not (data.startswith(_OLE) and len(data) >= _OLE_HEADER) and not data.startswith(b"{\\rtf"):
        raise ReadError(path, "corrupt", say("read_not_office", suffix=suffix, looks=looks_like(data)))
    program = soffice()
    if program is None:
        raise ReadError(path, "unsupported", say("read_needs_libreoffice", suffix=suffix, install=INSTALL))
    target = CONVERTED[suffix]
    with tempfile.TemporaryDirectory(prefix="qingdan-convert-") as tmp:
        folder = Path(tmp)
        source = folder / f"input{suffix}"
        source.write_bytes(data)
        command = [program, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", target, "--outdir", str(folder / "out"), str(source)]
        try:
            done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True,
                                  timeout=limits.convert_seconds, env=_quiet_env(folder), check=False)
        except subprocess.TimeoutExpired:
            raise ReadError(path, "corrupt", say("read_convert_timeout", seconds=f"{limits.convert_seconds:g}",
                                                 setting=setting("convert_seconds"))) from None
        except OSError as exc:
            raise ReadError(path, "unsupported", say("read_convert_failed", target=f".{target}",
                                                     detail=exc.strerror or str(exc))) from None
        result = folder / "out" / f"input.{target}"
        if not result.is_file():
            detail = _last_line(done.stderr) or _last_line(done.stdout) or f"exit {done.returncode}"
            raise ReadError(path, "corrupt", say("read_convert_failed", target=f".{target}", detail=detail))
        if result.stat().st_size > limits.max_bytes:
            raise ReadError(path, "too_large", say("read_over_limit", limit=f"{limits.max_bytes:,} bytes",
                                                   setting=setting("max_bytes")))
        return result.read_bytes()


def _quiet_env(folder: Path) -> dict:
    env = dict(os.environ)
    env["HOME"] = str(folder)
    env.pop("DISPLAY", None)
    return env


def _last_line(output: bytes) -> str:
    lines = [ln.strip() for ln in output.decode("utf-8", "replace").splitlines() if ln.strip()]
    return lines[-1][:160] if lines else ""
