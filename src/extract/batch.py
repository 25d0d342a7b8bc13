"""Run extraction over many files: expand folders, keep going past bad files, stream the output."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, Iterable, Optional

from .export import RecordWriter
from .pipeline import extract_document
from .read import ReadError, iter_input_files, read_document

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def run_extract(paths: Iterable[Path], fmt: str, output: Optional[Path],
                report: Callable[[str], None]) -> int:
    """Extract every input into one output; report each bad file in one line and carry on.

    Returns 0 when every file was read, 2 when any could not be.
    """
    failed = 0
    out = output if output is not None else sys.stdout
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
    with RecordWriter(fmt, out) as writer:
        for path in _expand(paths, report):
            if path is None:
                failed += 1
                continue
            try:
                records = extract_document(read_document(path))
            except ReadError as exc:
                report(str(exc))
                failed += 1
                continue
            writer.write(records)
    return EXIT_BAD_INPUT if failed else EXIT_OK


def _expand(paths: Iterable[Path], report: Callable[[str], None]):
    for path in paths:
        if not path.exists() and not path.is_symlink():
            report(f"{path}: no such file or folder")
            yield None
            continue
        yield from iter_input_files([path])
