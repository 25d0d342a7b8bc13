"""Outputs that are safe to open and names that are safe to show.

Every file a command writes goes through :func:`atomic_path`: it is written under a
temporary name in the same folder and renamed over the target only once complete, so a
failure (a full disk, a kill) never leaves a half-written file where a good one was.
:func:`claim_output` refuses an output that names one of the inputs and holds a lock beside
it for the whole run, so a second run on the same output is refused instead of
interleaving; the lock is ``fcntl.flock``, which the kernel drops when its process dies,
so a run killed with SIGKILL never leaves a lock that blocks the next one.

File names that are not valid UTF-8 (GBK names unpacked from Chinese Windows zips) reach
Python as lone surrogates; :func:`shown` and :func:`clean` turn them into readable text
(GBK when the bytes decode as GBK, else ``\\xNN`` escapes) before anything is printed or
written, so such a name can never stop a run.
"""
from __future__ import annotations

import errno
import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from .messages import say

PathLike = Union[str, "os.PathLike[str]"]
STDOUT = "-"
_SURROGATES = re.compile("[\udc80-\udcff]")


class UsageError(ValueError):
    """An option value that makes the run impossible (unknown format, xlsx without a file)."""


class OutputRefused(UsageError):
    """The output cannot be written in this run (it names an input, another run holds it)."""


# --- names ---------------------------------------------------------------------


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8", "gbk"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "backslashreplace")


def shown(path: PathLike) -> str:
    """A path as people should read it: each name that is not UTF-8 decoded as GBK, else escaped."""
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    if not _SURROGATES.search(text):
        return text
    parts = text.split(os.sep)
    return os.sep.join(_decode(os.fsencode(part)) if _SURROGATES.search(part) else part for part in parts)


def clean(message: str, path: Optional[PathLike] = None) -> str:
    """A message safe to print and to write as UTF-8: `path` shown as :func:`shown` does, any
    other undecodable byte escaped."""
    if path is not None:
        raw = os.fspath(path)
        if isinstance(raw, str) and _SURROGATES.search(raw):
            message = message.replace(raw, shown(raw))
    if not _SURROGATES.search(message):
        return message
    return message.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


# --- outputs -------------------------------------------------------------------


def is_stdout(output: Optional[PathLike]) -> bool:
    return output is None or str(output) == STDOUT


def _named(exc: OSError, target: Path) -> OSError:
    """The same error naming the file the user asked for, not the temporary one."""
    return OSError(exc.errno or errno.EIO, exc.strerror or str(exc), shown(target))


def _mode_for(target: Path) -> int:
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def atomic_path(target: PathLike) -> Iterator[Path]:
    """A temporary path beside `target` to write to; renamed over `target` when the block
    ends without error, removed (and `target` untouched) when it fails."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise _named(exc, target) from exc
    temp = Path(name)
    try:
        yield temp
        finish(temp, target)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _named(exc, target) from exc
        raise


def finish(temp: Path, target: Path) -> None:
    """Make a completely written `temp` the `target`: flushed to disk, then one rename."""
    os.chmod(temp, _mode_for(target))
    fd = os.open(temp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temp, target)


def write_bytes(target: PathLike, data: bytes) -> None:
    """Write a whole file atomically."""
    with atomic_path(target) as temp:
        temp.write_bytes(data)


def _identities(path: Path) -> set:
    keys = {os.path.realpath(path)}
    try:
        st = os.stat(path)
        keys.add((st.st_dev, st.st_ino))
    except OSError:
        pass
    return keys


def refuse_inputs(outputs: Iterable[PathLike], inputs: Iterable[PathLike]) -> None:
    """Raise OutputRefused when an output is one of the inputs (same resolved path or inode):
    writing it would destroy the document being read."""
    wanted = {}
    for output in outputs:
        if not is_stdout(output):
            for key in _identities(Path(output)):
                wanted[key] = output
    if not wanted:
        return
    for path in inputs:
        for key in _identities(Path(path)):
            if key in wanted:
                raise OutputRefused(say("batch_output_is_input", output=shown(wanted[key]), input=shown(path)))


def lock_path(output: PathLike) -> Path:
    """The lock beside an output file, or inside an output folder."""
    path = Path(output)
    if str(output).endswith(("/", os.sep)) or path.is_dir():
        return path / ".qingdan.lock"
    return path.with_name(f".{path.name}.lock")


@contextmanager
def claim_output(output: Optional[PathLike]) -> Iterator[None]:
    """Hold the output's lock for the run; another run holding it means OutputRefused.

    Without fcntl (Windows) the run goes unlocked rather than risk a lock nobody releases.
    """
    try:
        import fcntl
    except ImportError:
        fcntl = None
    if is_stdout(output) or fcntl is None:
        yield
        return
    lock = lock_path(output)
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _named(exc, Path(output)) from exc
    fd = _take(lock, fcntl, output)
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)
        os.close(fd)


def _take(lock: Path, fcntl, output: PathLike) -> int:
    """The locked descriptor of `lock`; retried when the file was replaced meanwhile (the run
    that held it removed it as we opened it)."""
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise _named(exc, Path(output)) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise OutputRefused(say("batch_output_busy", output=shown(output), lock=shown(lock))) from None
        try:
            same = os.fstat(fd).st_ino == os.stat(lock).st_ino
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)
