"""Write duty records as jsonl, json, csv, xlsx (the ledger) or Markdown.

Every format is written by one streaming RecordWriter so the CLI can feed it a
document at a time. Output is deterministic: same records, same bytes (the
xlsx archive carries fixed timestamps). Printed words come from labels.yml.
"""
from __future__ import annotations

import csv
import io
import json
import os
import textwrap
import unicodedata
import zipfile
from datetime import datetime
from typing import IO, Iterable, Optional, Sequence, Union

from .labels import labels
from .records import Deadline, DutyRecord, Frequency

FORMATS = ("jsonl", "json", "csv", "xlsx", "md")

CSV_COLUMNS = (
    "doc", "id", "span_start", "span_end", "text", "section", "actor", "modality", "action",
    "freq_min", "freq_max", "freq_unit", "freq_period", "freq_placeholder",
    "per_year_min", "per_year_max",
    "deadline_month", "deadline_day", "deadline_relation", "deadline_text",
    "condition", "list_title", "rules",
)
LEDGER_COLUMNS = ("index", "actor", "action", "frequency", "deadline", "condition", "text", "source")
LEDGER_WRAP = ("action", "condition", "text", "source")
SECTION_SEP = " > "
RULES_SEP = ";"

Out = Union[str, os.PathLike, IO]

_MIN_WIDTH = 6
_MAX_WIDTH = 40
_MAX_WRAP_WIDTH = 60
_FIXED_TIME = datetime(1980, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


_COUNTS = ("min", "max", "per_year_min", "per_year_max")


def record_to_dict(rec: DutyRecord) -> dict:
    """The record as JSON-ready data, keys in the model's order, span as [start, end].

    Whole counts are written as integers (`2`, not `2.0`), as the record contract says.
    """
    data = rec.model_dump(mode="json")
    freq = data.get("frequency")
    if freq:
        for key in _COUNTS:
            value = freq.get(key)
            if isinstance(value, float) and value.is_integer():
                freq[key] = int(value)
    return data


def flatten(rec: DutyRecord) -> dict:
    """One flat row (CSV_COLUMNS) per record, for CSV and data frames."""
    freq = rec.frequency or Frequency()
    dl = rec.deadline
    return {
        "doc": rec.doc,
        "id": rec.id,
        "span_start": rec.span[0],
        "span_end": rec.span[1],
        "text": rec.text,
        "section": SECTION_SEP.join(rec.section),
        "actor": rec.actor,
        "modality": rec.modality,
        "action": rec.action,
        "freq_min": freq.min,
        "freq_max": freq.max,
        "freq_unit": freq.unit,
        "freq_period": freq.period,
        "freq_placeholder": freq.placeholder if rec.frequency else None,
        "per_year_min": freq.per_year_min,
        "per_year_max": freq.per_year_max,
        "deadline_month": dl.month if dl else None,
        "deadline_day": dl.day if dl else None,
        "deadline_relation": dl.relation if dl else None,
        "deadline_text": dl.text if dl else None,
        "condition": rec.condition,
        "list_title": rec.list_title,
        "rules": RULES_SEP.join(rec.rules),
    }


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def human_frequency(freq: Optional[Frequency]) -> str:
    """A frequency as it would be written (period, then at least / exact / range / placeholder count)."""
    if freq is None:
        return ""
    lab = labels()
    tpl = lab.frequency
    unit = freq.unit or tpl["default_unit"]
    if freq.placeholder:
        count = tpl["placeholder"].format(unit=unit)
    elif freq.min is None and freq.max is None:
        count = ""
    elif freq.min == freq.max:
        count = tpl["exact"].format(n=_num(freq.min), unit=unit)
    elif freq.max is None:
        count = tpl["at_least"].format(n=_num(freq.min), unit=unit)
    elif freq.min is None:
        count = tpl["at_most"].format(n=_num(freq.max), unit=unit)
    else:
        count = tpl["range"].format(min=_num(freq.min), max=_num(freq.max), unit=unit)
    period = lab.periods[freq.period] if freq.period else ""
    return period + count


def human_deadline(dl: Optional[Deadline]) -> str:
    """A deadline as a phrase (month, day, relation); without month or day, the text as written."""
    if dl is None:
        return ""
    tpl = labels().deadline
    if dl.month is not None and dl.day is not None:
        return tpl["month_day"][dl.relation].format(month=dl.month, day=dl.day)
    if dl.month is not None:
        return tpl["month"][dl.relation].format(month=dl.month)
    if dl.day is not None:
        return tpl["day"][dl.relation].format(day=dl.day)
    return dl.text


def human_requirement(rec: DutyRecord) -> str:
    """Frequency and deadline as one phrase, joined by the label separator; empty when the duty gives neither."""
    parts = (human_frequency(rec.frequency), human_deadline(rec.deadline))
    return labels().text["separator"].join(p for p in parts if p)


def actor_label(actor: Optional[str]) -> str:
    """The actor, or the label for a duty whose actor the text leaves open."""
    return actor or labels().text["actor_missing"]


def task_label(rec: DutyRecord) -> str:
    """The action (the clause when there is none), marked when it is not an obligation."""
    lab = labels()
    task = rec.action or rec.text
    if rec.modality == "obligation":
        return task
    return lab.text["marker"].format(label=lab.modalities[rec.modality]) + task


def section_path(rec: DutyRecord) -> str:
    return SECTION_SEP.join(rec.section)


def source_label(rec: DutyRecord) -> str:
    """Where a duty comes from: document id, heading path and span, e.g. `doc > heading > subheading [12:40]`."""
    return SECTION_SEP.join([rec.doc, *rec.section]) + f" [{rec.span[0]}:{rec.span[1]}]"


def ledger_header() -> list[str]:
    cols = labels().columns
    return [cols[key] for key in LEDGER_COLUMNS]


def ledger_row(rec: DutyRecord, index: int) -> list:
    """One ledger row: index, actor, task, frequency, deadline, condition, text, source."""
    return [
        index,
        actor_label(rec.actor),
        task_label(rec),
        human_frequency(rec.frequency),
        human_deadline(rec.deadline),
        rec.condition or "",
        rec.text,
        source_label(rec),
    ]


def display_width(text: str) -> int:
    """Columns a string takes on screen: wide (CJK) characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _column_widths(header: Sequence[str], rows: Sequence[Sequence], wrap: set[int]) -> list[float]:
    widths = []
    for col, head in enumerate(header):
        values = [head, *(row[col] for row in rows)]
        longest = max(
            display_width(line) for value in values if value is not None for line in str(value).split("\n")
        )
        cap = _MAX_WRAP_WIDTH if col in wrap else _MAX_WIDTH
        widths.append(min(cap, max(_MIN_WIDTH, longest + 2)))
    return widths


def _xlsx_bytes(workbook) -> bytes:
    from openpyxl.writer.excel import ExcelWriter

    workbook.properties.created = _FIXED_TIME
    workbook.properties.modified = _FIXED_TIME
    raw = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    fixed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(fixed, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return fixed.getvalue()


def _is_binary(stream) -> bool:
    mode = getattr(stream, "mode", "")
    return isinstance(stream, (io.RawIOBase, io.BufferedIOBase)) or (isinstance(mode, str) and "b" in mode)


def _write_bytes(out: Out, data: bytes) -> None:
    if isinstance(out, (str, os.PathLike)):
        with open(out, "wb") as fh:
            fh.write(data)
    elif _is_binary(out):
        out.write(data)
        out.flush()
    elif hasattr(out, "buffer"):
        out.flush()
        out.buffer.write(data)
        out.buffer.flush()
    else:
        raise ValueError("xlsx is binary: give a path or a binary stream")


def write_xlsx_table(
    out: Out, sheet: str, header: Sequence[str], rows: Sequence[Sequence], wrap: Iterable[int] = ()
) -> None:
    """One sheet with a bold frozen header, an auto filter, fitted widths and wrapped long columns."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wrap = set(wrap)
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(sheet)
    for col, width in enumerate(_column_widths(header, rows, wrap), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    wrapped = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")

    def cell(value, **style):
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value) or None
        c = WriteOnlyCell(ws, value)
        if isinstance(value, str) and value.startswith("="):
            c.data_type = "s"
        for name, val in style.items():
            setattr(c, name, val)
        return c

    ws.append([cell(head, font=bold) for head in header])
    for row in rows:
        ws.append([cell(value, alignment=wrapped if col in wrap else top) for col, value in enumerate(row)])
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    _write_bytes(out, _xlsx_bytes(workbook))


def _md_cell(value) -> str:
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")


def md_row(values: Iterable) -> str:
    """One Markdown table row, pipes and line breaks escaped."""
    return "| " + " | ".join(_md_cell(v) for v in values) + " |\n"


_MD_MARKS = {"*": "&#42;", "`": "&#96;", "<": "&lt;", "~": "&#126;"}


def md_literal(value) -> str:
    """A Markdown table cell's text with emphasis, code and tag marks as entities: template stars stay literal."""
    return "".join(_MD_MARKS.get(ch, ch) for ch in ("" if value is None else str(value)))


def write_text(out: Out, text: str) -> None:
    """Write a whole text as UTF-8 to a path, a binary stream or a text stream (flushed, never closed)."""
    if isinstance(out, (str, os.PathLike)):
        with open(out, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        return
    if _is_binary(out):
        out.write(text.encode("utf-8"))
    else:
        out.write(text)
    out.flush()


class _JsonlSink:
    def __init__(self, stream):
        self.stream = stream

    def add(self, rec):
        self.stream.write(json.dumps(record_to_dict(rec), ensure_ascii=False) + "\n")
        self.stream.flush()

    def finish(self):
        pass


class _JsonSink:
    def __init__(self, stream):
        self.stream = stream
        self.count = 0

    def add(self, rec):
        body = json.dumps(record_to_dict(rec), ensure_ascii=False, indent=2)
        self.stream.write(("[\n" if self.count == 0 else ",\n") + textwrap.indent(body, "  "))
        self.count += 1

    def finish(self):
        self.stream.write("\n]\n" if self.count else "[]\n")


class _CsvSink:
    def __init__(self, stream):
        self.stream = stream
        self.writer = csv.writer(stream)
        self.writer.writerow(CSV_COLUMNS)

    def add(self, rec):
        row = flatten(rec)
        self.writer.writerow(["" if row[col] is None else row[col] for col in CSV_COLUMNS])

    def finish(self):
        pass


class _MarkdownSink:
    def __init__(self, stream):
        self.stream = stream
        self.doc = None
        self.index = 0

    def add(self, rec):
        if rec.doc != self.doc:
            heading = f"## {rec.doc}" + (f" / {rec.list_title}" if rec.list_title else "")
            self.stream.write(("\n" if self.doc is not None else "") + heading + "\n\n")
            self.stream.write(md_row(ledger_header()) + md_row(["---"] * len(LEDGER_COLUMNS)))
            self.doc = rec.doc
            self.index = 0
        self.index += 1
        self.stream.write(md_row(ledger_row(rec, self.index)))

    def finish(self):
        pass


class _XlsxSink:
    def __init__(self, out):
        self.out = out
        self.rows = []

    def add(self, rec):
        self.rows.append(ledger_row(rec, len(self.rows) + 1))

    def finish(self):
        wrap = [LEDGER_COLUMNS.index(key) for key in LEDGER_WRAP]
        write_xlsx_table(self.out, labels().sheets["ledger"], ledger_header(), self.rows, wrap)


_SINKS = {"jsonl": _JsonlSink, "json": _JsonSink, "csv": _CsvSink, "md": _MarkdownSink}


class RecordWriter:
    """Streams records in one format to a path or a stream; call write() once per document, then close().

    CSV written to a path or a binary stream starts with a UTF-8 BOM so Excel reads
    Chinese intact. A text stream given by the caller is flushed, never closed.
    """

    def __init__(self, fmt: str, out: Out):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.fmt = fmt
        self._closed = False
        self._owned = None
        self._wrapper = None
        self._stream = None
        if fmt == "xlsx":
            self._sink = _XlsxSink(out)
            return
        newline = "" if fmt == "csv" else "\n"
        encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
        if isinstance(out, (str, os.PathLike)):
            self._owned = self._stream = open(out, "w", encoding=encoding, newline=newline)
        elif _is_binary(out):
            self._wrapper = self._stream = io.TextIOWrapper(out, encoding=encoding, newline=newline)
        else:
            self._stream = out
        self._sink = _SINKS[fmt](self._stream)

    def write(self, records: Iterable[DutyRecord]) -> None:
        if self._closed:
            raise ValueError("write to a closed RecordWriter")
        for rec in records:
            self._sink.add(rec)
        if self._stream is not None:
            self._stream.flush()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._sink.finish()
        if self._owned is not None:
            self._owned.close()
        elif self._wrapper is not None:
            self._wrapper.flush()
            self._wrapper.detach()
        elif self._stream is not None:
            self._stream.flush()

    def __enter__(self) -> "RecordWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def write_records(records: Iterable[DutyRecord], fmt: str, out: Out) -> None:
    """Write all records in one go."""
    with RecordWriter(fmt, out) as writer:
        writer.write(records)


def records_dataframe(records: Iterable[DutyRecord]):
    """A pandas DataFrame with the CSV columns, one row per record."""
    import pandas as pd

    return pd.DataFrame([flatten(rec) for rec in records], columns=list(CSV_COLUMNS))


def record_json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of one duty record, as `extract --format jsonl` prints it."""
    schema = DutyRecord.model_json_schema()
    body = {key: value for key, value in schema.items() if key != "title"}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "DutyRecord", **body}
