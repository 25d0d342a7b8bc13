"""A duty record as plain data for programs: the JSON-ready dict and the flat row of CSV_COLUMNS.

Kept apart from export (the formats and the writer) and ledger (the rows people read) because
both build on it: the jsonl/json sinks and the en data frame use it as is, the ledger's
people's table starts from the flat row.
"""
from __future__ import annotations

from .records import DutyRecord, Frequency

CSV_COLUMNS = (
    "doc", "id", "span_start", "span_end", "text", "section", "actor", "modality", "action",
    "freq_min", "freq_max", "freq_unit", "freq_period", "freq_placeholder",
    "per_year_min", "per_year_max",
    "deadline_month", "deadline_day", "deadline_relation", "deadline_text",
    "condition", "list_title", "rules",
)
SECTION_SEP = " > "
RULES_SEP = ";"

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
