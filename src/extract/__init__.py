"""qingdan: turn every duty in Chinese policy lists and reports into traceable records.

The public API, imported on first use so that `qingdan --help` stays fast:
`extract_duties`, `extract_text`, `extract_document`, `read_document`, `diff_documents`,
`diff_records`, `audit_report`, `audit_records`, `compare_documents`, `records_dataframe`,
`calendar_of`, and the record models.
"""
from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"

_EXPORTS = {
    "extract_duties": "pipeline",
    "extract_text": "pipeline",
    "extract_document": "pipeline",
    "read_document": "read",
    "ReadError": "read",
    "diff_documents": "diff",
    "diff_records": "diff",
    "audit_report": "audit",
    "audit_records": "audit",
    "compare_documents": "compare",
    "compare_records": "compare",
    "records_dataframe": "export",
    "calendar_of": "calendar_ics",
    "write_records": "export",
    "DutyRecord": "records",
    "DiffItem": "records",
    "AuditItem": "records",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'extract' has no attribute {name!r}")
