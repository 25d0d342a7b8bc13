"""The `diff`, `audit` and `compare` commands as library calls: read the files, compare them, write one output.

Same conventions as batch.py: each run_* takes paths and options, reports each bad
input in one line through ``report`` and returns the exit code (0, or 2 when an input
could not be read); option values that make the run impossible raise UsageError before
anything is read. An empty file is a document with no duties, not bad input: diffed
against it, every duty of the other side is added or removed.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional

from .batch import (
    PathLike,
    Report,
    Run,
    UsageError,
    _target,
    choose_format,
    extract_file,
    input_files,
    is_folder_target,
    read_file,
)
from .compare import COMPARE_FORMATS, compare_records, unique_name, write_compare
from .diff import diff_records
from .diff_report import DIFF_FORMATS, write_diff
from .messages import say
from .outputs_io import claim_output, is_stdout, refuse_inputs, shown


def _check_output(fmt: str, output: Optional[PathLike], command: str) -> None:
    if is_folder_target(output):
        raise UsageError(say("batch_one_file_only", command=command, output=shown(output)))
    if fmt == "xlsx" and is_stdout(output):
        raise UsageError(say("batch_binary_needs_file", fmt=fmt, example=f"-o {command}.xlsx"))


def run_diff(old: PathLike, new: PathLike, fmt: Optional[str] = None, output: Optional[PathLike] = None,
             explain: bool = False, report: Optional[Report] = None) -> int:
    """Diff two documents' duties and write the report (jsonl by default, or md, html, xlsx)."""
    fmt = choose_format(fmt, output, DIFF_FORMATS, "jsonl")
    _check_output(fmt, output, "diff")
    refuse_inputs([output], [old, new])
    run = Run(report)
    with claim_output(output):
        sides = [extract_file(Path(path), run, allow_empty=True) for path in (old, new)]
        if run.failed:
            return run.exit_code
        items = diff_records(sides[0], sides[1], explain=explain)
        with _target(output, fmt) as out:
            write_diff(items, fmt, out, shown(Path(old).name), shown(Path(new).name))
    return run.exit_code


def run_audit(duty_list: PathLike, report_path: PathLike, fmt: Optional[str] = None,
              output: Optional[PathLike] = None, explain: bool = False, report: Optional[Report] = None) -> int:
    """Audit a report against its list and write the sheet (jsonl by default, or md, html, xlsx)."""
    from .audit import audit_records
    from .audit_sheet import AUDIT_FORMATS, write_audit

    fmt = choose_format(fmt, output, AUDIT_FORMATS, "jsonl")
    _check_output(fmt, output, "audit")
    refuse_inputs([output], [duty_list, report_path])
    run = Run(report)
    with claim_output(output):
        sides = [read_file(Path(path), run, allow_empty=True) for path in (duty_list, report_path)]
        if run.failed:
            return run.exit_code
        (list_text, duties), (report_text, achievements) = sides
        items = audit_records(duties, achievements, list_text, report_text, explain=explain)
        with _target(output, fmt) as out:
            write_audit(items, fmt, out, shown(Path(duty_list).name), shown(Path(report_path).name))
    return run.exit_code


def run_compare(paths: Iterable[PathLike], fmt: Optional[str] = None, output: Optional[PathLike] = None,
                report: Optional[Report] = None) -> int:
    """Compare the duties of every input (folders expanded): bad files are reported and skipped."""
    fmt = choose_format(fmt, output, COMPARE_FORMATS, "csv")
    _check_output(fmt, output, "compare")
    run = Run(report)
    files = input_files(paths, run, outputs=[output])
    docs: dict = {}
    with claim_output(output):
        for path in files:
            records = extract_file(path, run, allow_empty=True)
            if records is not None:
                docs[unique_name(shown(path.stem), docs)] = records
        with _target(output, fmt) as out:
            write_compare(compare_records(docs), fmt, out)
    return run.exit_code
