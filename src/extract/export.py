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
from collections import Counter
from datetime import datetime
from functools import lru_cache
from typing import IO, Callable, Iterable, Mapping, Optional, Sequence, Union

from .escape import csv_row, is_formula, md_cell, md_text
from .labels import labels, section_labels
from .provenance import Locator, Place
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
LEDGER_TRAILING = ("doc", "id", "span_start", "span_end")
LEDGER_WRAP = ("action", "condition", "text", "source")
HUMAN_COLUMNS = (
    "index", "actor", "action", "modality", "frequency", "deadline", "condition", "text", "source",
    "section", "list_title", "freq_min", "freq_max", "freq_unit", "freq_period", "freq_placeholder",
    "per_year_min", "per_year_max", "deadline_month", "deadline_day", "deadline_relation", "deadline_text",
    *LEDGER_TRAILING, "rules",
)
_LEDGER_SPEC = {
    "columns": {key: () for key in HUMAN_COLUMNS if key not in LEDGER_COLUMNS},
    "text": {"row": ("table", "row"), "header_row": ("table",), "paragraph": ("n",), "sub_index": ("n", "k"),
             "marked": ()},
}
_COUNT_COLUMNS = ("freq_min", "freq_max", "per_year_min", "per_year_max", "deadline_month", "deadline_day",
                  "span_start", "span_end")
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


@lru_cache(maxsize=None)
def ledger_labels() -> dict:
    """The ledger's own words (labels.yml `ledger`), validated once."""
    return {name: section_labels(f"ledger.{name}", spec) for name, spec in _LEDGER_SPEC.items()}


def place_label(place: Optional[Place]) -> str:
    """A place as people say it: table 1 row 5, the header of table 1, or paragraph 12 (labels.yml `ledger.text`); empty when unknown."""
    text = ledger_labels()["text"]
    if place is None:
        return ""
    if place.table is not None:
        if place.row == 0:
            return text["header_row"].format(table=place.table)
        return text["row"].format(table=place.table, row=place.row)
    if place.paragraph is not None:
        return text["paragraph"].format(n=place.paragraph)
    return ""


def source_label(rec: DutyRecord, place: Optional[Place] = None, name: Optional[str] = None,
                 escape: Callable[[str], str] = str) -> str:
    """Where a duty comes from, for people: the list's title (else `name`, else the file stem), the
    heading path and, when the document text was given, the table row or paragraph. Never offsets.
    `escape` is applied to each part taken from the document (md_cell for Markdown)."""
    title = rec.list_title or name or rec.doc
    section = list(rec.section)
    if section and section[0] == title:
        section = section[1:]
    parts = [escape(p) for p in (title, *section) if p] + [place_label(place)]
    return SECTION_SEP.join(p for p in parts if p)


def ledger_entries(records: Sequence[DutyRecord], document=None, first: int = 1,
                   escape: Callable[[str], str] = str) -> list[tuple[object, str]]:
    """The index and the source (the `index` and `source` columns) of each record of one document, in order.

    `document` is the document's text as read (a str or a read Document); without it the source has no
    table row or paragraph and the index counts from `first`. A record from a numbered table row takes the
    row's own number (`5`), or `5-1`, `5-2` when the row gives several duties; when one index of the
    document is such a pair, every index is text, so a spreadsheet aligns the column as one.
    """
    locator = Locator(document) if document is not None else None
    name = getattr(getattr(document, "path", None), "name", None)
    places = [locator.place(rec.span[0]) if locator else None for rec in records]
    rows = Counter((p.table, p.row) for p in places if p is not None and p.number is not None)
    seen: Counter = Counter()
    sub = ledger_labels()["text"]["sub_index"]
    entries = []
    for n, (rec, place) in enumerate(zip(records, places), start=first):
        index: object = n
        if place is not None and place.number is not None:
            key = (place.table, place.row)
            seen[key] += 1
            index = place.number if rows[key] == 1 else sub.format(n=place.number, k=seen[key])
        entries.append((index, source_label(rec, place, name, escape)))
    if any(isinstance(index, str) for index, _ in entries):
        entries = [(str(index), source) for index, source in entries]
    return entries


def ledger_header(trailing: bool = False) -> list[str]:
    cols, more = labels().columns, ledger_labels()["columns"]
    return [cols[key] for key in LEDGER_COLUMNS] + ([more[key] for key in LEDGER_TRAILING] if trailing else [])


def ledger_row(rec: DutyRecord, index: object, source: Optional[str] = None, trailing: bool = False) -> list:
    """One ledger row: index, actor, task, frequency, deadline, condition, text, source (and with
    `trailing` the file stem, record id and span, for tracing the row back to the jsonl)."""
    row = [
        index,
        actor_label(rec.actor),
        task_label(rec),
        human_frequency(rec.frequency),
        human_deadline(rec.deadline),
        rec.condition or "",
        rec.text,
        source if source is not None else source_label(rec),
    ]
    return row + ([rec.doc, rec.id, rec.span[0], rec.span[1]] if trailing else [])


def _whole(value):
    return int(value) if isinstance(value, float) and value.is_integer() else value


def human_dict(rec: DutyRecord, index: object, source: str) -> dict:
    """One row of the people's table (HUMAN_COLUMNS): Chinese values, whole counts as integers."""
    flat = flatten(rec)
    lab = labels()
    period, relation = flat["freq_period"], flat["deadline_relation"]
    row = {key: flat.get(key) for key in HUMAN_COLUMNS}
    row.update(
        index=index,
        actor=actor_label(rec.actor),
        action=rec.action,
        modality=lab.modalities[rec.modality],
        frequency=human_frequency(rec.frequency),
        deadline=human_deadline(rec.deadline),
        source=source,
        freq_period=lab.periods[period] if period else None,
        freq_placeholder=ledger_labels()["text"]["marked"] if flat["freq_placeholder"] else None,
        deadline_relation=_relations()[relation] if relation else None,
    )
    for key in _COUNT_COLUMNS:
        row[key] = _whole(row[key])
    return row


@lru_cache(maxsize=1)
def _relations() -> Mapping[str, str]:
    from .labels import RELATIONS

    return section_labels("diff.relations", {key: () for key in RELATIONS})


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
        if is_formula(value):
            c.data_type = "s"
            c.quotePrefix = True
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
    """One Markdown table row of cells that are already Markdown (md_literal for text): stray pipes and
    line breaks escaped."""
    return "| " + " | ".join(_md_cell(v) for v in values) + " |\n"


md_literal = md_cell


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

    def add(self, rec, index, source):
        self.stream.write(json.dumps(record_to_dict(rec), ensure_ascii=False) + "\n")
        self.stream.flush()

    def finish(self):
        pass


class _JsonSink:
    def __init__(self, stream):
        self.stream = stream
        self.count = 0

    def add(self, rec, index, source):
        body = json.dumps(record_to_dict(rec), ensure_ascii=False, indent=2)
        self.stream.write(("[\n" if self.count == 0 else ",\n") + textwrap.indent(body, "  "))
        self.count += 1

    def finish(self):
        self.stream.write("\n]\n" if self.count else "[]\n")


class _CsvSink:
    """The people's table (HUMAN_COLUMNS) with Chinese headers and values; formula-like cells quoted."""

    def __init__(self, stream):
        self.stream = stream
        self.writer = csv.writer(stream)
        self.writer.writerow(human_header())

    def add(self, rec, index, source):
        row = human_dict(rec, index, source)
        self.writer.writerow(csv_row(row[col] for col in HUMAN_COLUMNS))

    def finish(self):
        pass


class _MarkdownSink:
    def __init__(self, stream):
        self.stream = stream
        self.doc = None

    def add(self, rec, index, source):
        if rec.doc != self.doc:
            heading = f"## {md_text(rec.doc)}" + (f" / {md_text(rec.list_title)}" if rec.list_title else "")
            self.stream.write(("\n" if self.doc is not None else "") + heading + "\n\n")
            self.stream.write(md_row(ledger_header()) + md_row(["---"] * len(LEDGER_COLUMNS)))
            self.doc = rec.doc
        row = [md_cell(value) for value in ledger_row(rec, index, source)]
        self.stream.write(md_row([*row[:-1], source]))

    def finish(self):
        pass


class _XlsxSink:
    def __init__(self, out):
        self.out = out
        self.rows = []

    def add(self, rec, index, source):
        self.rows.append(ledger_row(rec, index, source, trailing=True))

    def finish(self):
        wrap = [LEDGER_COLUMNS.index(key) for key in LEDGER_WRAP]
        write_xlsx_table(self.out, labels().sheets["ledger"], ledger_header(trailing=True), self.rows, wrap)


_SINKS = {"jsonl": _JsonlSink, "json": _JsonSink, "csv": _CsvSink, "md": _MarkdownSink}


def human_header() -> list[str]:
    """The Chinese headers of HUMAN_COLUMNS (the CSV's first row, the zh data frame's columns)."""
    cols, more = labels().columns, ledger_labels()["columns"]
    return [cols[key] if key in cols else more[key] for key in HUMAN_COLUMNS]


def _by_document(records: Iterable[DutyRecord]) -> Iterable[list[DutyRecord]]:
    group: list[DutyRecord] = []
    for rec in records:
        if group and rec.doc != group[-1].doc:
            yield group
            group = []
        group.append(rec)
    if group:
        yield group


class RecordWriter:
    """Streams records in one format to a path or a stream; call write() once per document, then close().

    CSV, xlsx and Markdown are the ledger people open: Chinese headers and values, the source column naming the
    document, section and table row or paragraph (give write() the document's text for the latter),
    the index following the source table's numbering. CSV written to a path or a binary stream starts with a
    UTF-8 BOM so Excel reads Chinese intact. A text stream given by the caller is flushed, never closed.
    """

    def __init__(self, fmt: str, out: Out):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.fmt = fmt
        self._closed = False
        self._owned = None
        self._wrapper = None
        self._stream = None
        self._doc: Optional[str] = None
        self._count = 0
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

    def write(self, records: Iterable[DutyRecord], document=None) -> None:
        """Write records; `document` is the text as read (str or Document) of the document they come from,
        or a mapping of document id to it, for the ledger's table rows and paragraphs."""
        if self._closed:
            raise ValueError("write to a closed RecordWriter")
        for group in _by_document(records):
            doc = group[0].doc
            if doc != self._doc:
                self._doc, self._count = doc, 0
            text = document.get(doc) if isinstance(document, Mapping) else document
            if self.fmt in ("csv", "md", "xlsx"):
                escape = md_cell if self.fmt == "md" else str
                entries = ledger_entries(group, text, self._count + 1, escape)
            else:
                entries = [(None, None)] * len(group)
            for rec, (index, source) in zip(group, entries):
                self._sink.add(rec, index, source)
            self._count += len(group)
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


def write_records(records: Iterable[DutyRecord], fmt: str, out: Out, documents=None) -> None:
    """Write all records in one go; `documents` maps document id to its text as read (optional)."""
    with RecordWriter(fmt, out) as writer:
        writer.write(records, documents)


def records_dataframe(records: Iterable[DutyRecord], lang: str = "en", documents=None):
    """A pandas DataFrame, one row per record, whole counts as integers (nullable `Int64`).

    lang="en" (the default) is the record contract for programs: the CSV_COLUMNS of spec/duty-record.md,
    values as in the jsonl. lang="zh" is the ledger for people, as the CSV has it: Chinese headers and
    values (modalities and periods as labels.yml words), the source column instead of offsets up front (`documents`: document id -> text as read, for
    the table row or paragraph), the offsets in trailing columns.
    """
    import pandas as pd

    records = list(records)
    if lang == "en":
        frame = pd.DataFrame([flatten(rec) for rec in records], columns=list(CSV_COLUMNS))
        counts = [key for key in _COUNT_COLUMNS if key in CSV_COLUMNS]
    elif lang == "zh":
        rows = []
        for group in _by_document(records):
            text = documents.get(group[0].doc) if documents else None
            rows += [human_dict(rec, *entry) for rec, entry in zip(group, ledger_entries(group, text))]
        frame = pd.DataFrame([[row[key] for key in HUMAN_COLUMNS] for row in rows], columns=human_header())
        names = dict(zip(HUMAN_COLUMNS, human_header()))
        counts = [names[key] for key in _COUNT_COLUMNS]
    else:
        raise ValueError(f"unknown language {lang!r}; choose en or zh")
    for column in counts:
        frame[column] = _integers(frame[column])
    return frame


def _integers(series):
    """Whole numbers as nullable integers (so 1 prints as 1, not 1.0); a column with fractions as floats."""
    values = series.dropna()
    whole = all(float(v).is_integer() for v in values)
    return series.astype("Int64" if whole else "Float64")


def record_json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of one duty record, as `extract --format jsonl` prints it."""
    schema = DutyRecord.model_json_schema()
    body = {key: value for key, value in schema.items() if key != "title"}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "DutyRecord", **body}
