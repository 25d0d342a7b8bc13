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
from typing import Iterable, Mapping, Optional

from .escape import csv_row, md_cell, md_text
from .labels import labels
from .ledger import (
    COUNT_COLUMNS,
    HUMAN_COLUMNS,
    LEDGER_COLUMNS,
    LEDGER_WRAP,
    human_dict,
    human_header,
    ledger_entries,
    ledger_header,
    ledger_row,
)
from .record_data import CSV_COLUMNS, flatten, record_to_dict
from .records import DutyRecord
from .tables_out import Out, is_binary, md_row, write_xlsx_table

FORMATS = ("jsonl", "json", "csv", "xlsx", "md")


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
        elif is_binary(out):
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
        counts = [key for key in COUNT_COLUMNS if key in CSV_COLUMNS]
    elif lang == "zh":
        rows = []
        for group in _by_document(records):
            text = documents.get(group[0].doc) if documents else None
            rows += [human_dict(rec, *entry) for rec, entry in zip(group, ledger_entries(group, text))]
        frame = pd.DataFrame([[row[key] for key in HUMAN_COLUMNS] for row in rows], columns=human_header())
        names = dict(zip(HUMAN_COLUMNS, human_header()))
        counts = [names[key] for key in COUNT_COLUMNS]
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
