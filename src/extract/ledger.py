"""The ledger people read: a duty's words (frequency, deadline, actor, task), where it comes from
(source and index from the document's table rows and paragraphs) and its rows.

One module for every human-readable label and row of a record, so the ledger's CSV, xlsx,
Markdown and zh data frame (export), the checklist, the calendar, the diff and the audit
all print a duty the same way. Printed words come from labels.yml (`ledger` among them).
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Callable, Mapping, Optional, Sequence

from .labels import labels, section_labels
from .provenance import Locator, Place
from .record_data import SECTION_SEP, flatten
from .records import Deadline, DutyRecord, Frequency

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
COUNT_COLUMNS = ("freq_min", "freq_max", "per_year_min", "per_year_max", "deadline_month", "deadline_day",
                 "span_start", "span_end")


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
    for key in COUNT_COLUMNS:
        row[key] = _whole(row[key])
    return row


@lru_cache(maxsize=1)
def _relations() -> Mapping[str, str]:
    from .labels import RELATIONS

    return section_labels("diff.relations", {key: () for key in RELATIONS})


def human_header() -> list[str]:
    """The Chinese headers of HUMAN_COLUMNS (the CSV's first row, the zh data frame's columns)."""
    cols, more = labels().columns, ledger_labels()["columns"]
    return [cols[key] if key in cols else more[key] for key in HUMAN_COLUMNS]
