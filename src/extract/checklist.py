"""A to-do checklist of duties: by actor, then by how often they recur.

Actors appear in the order they first occur (a missing actor last); buckets in
the fixed order of BUCKETS; duties in document order. A duty with a dated
month is "dated" even when it recurs, so dated work stands out from routine work.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping, NamedTuple, Optional

from .escape import md_text
from .labels import BUCKETS, labels
from .ledger import actor_label, human_deadline, human_frequency, ledger_entries, task_label
from .records import DutyRecord
from .tables_out import Out, write_xlsx_table

PERIOD_BUCKET = {
    "day": "monthly",
    "week": "monthly",
    "half_month": "monthly",
    "month": "monthly",
    "quarter": "quarterly",
    "half_year": "half_yearly",
    "year": "yearly",
    "two_years": "yearly",
}

XLSX_COLUMNS = ("done", "actor", "bucket", "action", "requirement", "deadline", "text", "source")
XLSX_WRAP = ("action", "requirement", "text", "source")


class Bucket(NamedTuple):
    """One period bucket of an actor's duties: (id, label, items)."""

    id: str
    label: str
    items: list


@dataclass
class ChecklistGroup:
    """All duties of one actor (None when the text names none), bucketed."""

    actor: Optional[str]
    buckets: list

    @property
    def label(self) -> str:
        return actor_label(self.actor)


def bucket_of(rec: DutyRecord) -> str:
    """The bucket id of a duty: dated month or dated one-off, else its period, else other."""
    period = rec.frequency.period if rec.frequency else None
    if rec.deadline is not None and (rec.deadline.month is not None or period is None):
        return "dated"
    if period is not None:
        return PERIOD_BUCKET[period]
    return "other"


def build_checklist(records: Iterable[DutyRecord]) -> list[ChecklistGroup]:
    """Group duties by actor (first-seen order, missing actor last), then by bucket in fixed order."""
    by_actor: dict = {}
    for rec in records:
        by_actor.setdefault(rec.actor, {}).setdefault(bucket_of(rec), []).append(rec)
    actors = [a for a in by_actor if a is not None] + ([None] if None in by_actor else [])
    names = labels().buckets
    return [
        ChecklistGroup(
            actor=actor,
            buckets=[Bucket(b, names[b], by_actor[actor][b]) for b in BUCKETS if b in by_actor[actor]],
        )
        for actor in actors
    ]


def requirement(rec: DutyRecord) -> str:
    """What the duty asks for beyond its action: frequency and condition."""
    text = labels().text
    parts = [human_frequency(rec.frequency)]
    if rec.condition:
        parts.append(text["condition"].format(condition=rec.condition))
    return text["separator"].join(p for p in parts if p)


def _sources(records: list[DutyRecord], documents: Optional[Mapping], escape=str) -> dict[str, str]:
    """The source column of every record by id (ledger.ledger_entries), per document in input order."""
    out: dict[str, str] = {}
    by_doc: dict[str, list[DutyRecord]] = {}
    for rec in records:
        by_doc.setdefault(rec.doc, []).append(rec)
    for doc, group in by_doc.items():
        text = documents.get(doc) if documents else None
        out.update((rec.id, source) for rec, (_, source) in zip(group, ledger_entries(group, text, escape=escape)))
    return out


def _item_line(rec: DutyRecord, source: str) -> str:
    text = labels().text
    details = text["separator"].join(p for p in (requirement(rec), human_deadline(rec.deadline)) if p)
    note = text["note"].format(text=md_text(" ".join(rec.text.split())), source=source)
    task = md_text(" ".join(task_label(rec).split()))
    return f"- [ ] {task}" + (f" — {md_text(details)}" if details else "") + f" {note}"


def checklist_markdown(records: Iterable[DutyRecord], title: Optional[str] = None,
                       documents: Optional[Mapping] = None) -> str:
    """The checklist as Markdown: # title, ## actor, ### bucket, then `- [ ]` items; every text from a
    document escaped (escape.md_text). `documents` maps document id to its text as read, so that the source
    names the table row or paragraph."""
    records = list(records)
    if title is None:
        title = next((r.list_title for r in records if r.list_title), None) or labels().text["checklist_title"]
    sources = _sources(records, documents, md_text)
    lines = [f"# {md_text(title)}"]
    for group in build_checklist(records):
        lines += ["", f"## {md_text(group.label)}"]
        for bucket in group.buckets:
            lines += ["", f"### {bucket.label}", ""]
            lines += [_item_line(rec, sources[rec.id]) for rec in bucket.items]
    return "\n".join(lines) + "\n"


def checklist_rows(records: Iterable[DutyRecord], documents: Optional[Mapping] = None) -> list[list]:
    """Checklist rows sorted actor, bucket, document order, in XLSX_COLUMNS order."""
    records = list(records)
    box = labels().text["checkbox"]
    sources = _sources(records, documents)
    return [
        [
            box,
            group.label,
            bucket.label,
            task_label(rec),
            requirement(rec),
            human_deadline(rec.deadline),
            rec.text,
            sources[rec.id],
        ]
        for group in build_checklist(records)
        for bucket in group.buckets
        for rec in bucket.items
    ]


def write_checklist_xlsx(records: Iterable[DutyRecord], path: Out, documents: Optional[Mapping] = None) -> None:
    """The checklist as one sheet with a frozen bold header, filter and fitted widths."""
    lab = labels()
    header = [lab.columns[key] for key in XLSX_COLUMNS]
    wrap = [XLSX_COLUMNS.index(key) for key in XLSX_WRAP]
    write_xlsx_table(path, lab.sheets["checklist"], header, checklist_rows(records, documents), wrap)
