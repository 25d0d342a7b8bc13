"""Render an audit (a list of AuditItem) as jsonl, a Markdown sheet, one HTML page or an xlsx sheet.

jsonl is the public contract of spec/duty-record.md, one item per line. The other three read
like a reviewer's sheet: a title naming both files, the counts, then the items grouped by status
(met, short, exceeded, unreported, unplanned), what the list requires beside what the report
says was done, and both source texts. Every printed word comes from the `audit:` section of
labels.yml.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping, Optional, Sequence

from .align import PARTS
from .audit import STATUSES, summary
from .diff_report import _md
from .labels import section_labels
from .ledger import actor_label, human_deadline, human_requirement, section_path, task_label
from .record_data import record_to_dict
from .records import AuditItem, DutyRecord
from .tables_out import Out, md_literal, md_row, write_text, write_xlsx_table

AUDIT_FORMATS = ("jsonl", "md", "html", "xlsx")
NOTES = ("late", "count_not_given")
COLUMNS = ("index", "status", "actor", "action", "required", "reported", "note", "duty_text", "evidence_text",
           "section", "similarity", "explanation")
XLSX_COLUMNS = ("status", "actor", "action", "required", "reported", "note", "duty_text", "evidence_text", "section",
                "similarity")
XLSX_WRAP = ("action", "required", "reported", "note", "duty_text", "evidence_text", "section")
_TEXT = {
    "title": ("list", "report"), "summary": ("duties", *STATUSES), "section_heading": ("label", "count"),
    "none_in_section": (), "empty": (), "per_year": ("requirement", "range"), "at_least": ("n", "unit"),
    "at_most": ("n", "unit"), "exact": ("n", "unit"), "range": ("min", "max", "unit"),
    "reported": ("count", "unit"), "done_in": (), "month": ("month",), "part": ("part", "score", "weight"),
    "part_separator": (), "evidence_separator": (), "note_separator": (), "sheet": (), "md_note": (),
    "html_note": (),
}
_SPECS = {
    "statuses": dict.fromkeys(STATUSES, ()),
    "notes": {"late": ("due", "done"), "count_not_given": ()},
    "parts": dict.fromkeys(PARTS, ()),
    "columns": dict.fromkeys(COLUMNS, ()),
    "text": _TEXT,
}


@dataclass(frozen=True)
class AuditLabels:
    """The validated `audit:` section of labels.yml, one read-only mapping per subsection."""

    statuses: Mapping[str, str]
    notes: Mapping[str, str]
    parts: Mapping[str, str]
    columns: Mapping[str, str]
    text: Mapping[str, str]


@lru_cache(maxsize=None)
def audit_labels() -> AuditLabels:
    """The sheet's words, loaded once; a missing key raises RuleFileError naming labels.yml."""
    return AuditLabels(**{name: section_labels(f"audit.{name}", spec) for name, spec in _SPECS.items()})


# --- what every rendering shows ------------------------------------------------


def _num(value) -> str:
    return str(int(value)) if isinstance(value, (int, float)) and float(value).is_integer() else str(value)


def item_to_dict(item: AuditItem) -> dict:
    """The item as JSON-ready data; records as record_data.record_to_dict gives them (whole counts as ints)."""
    data = item.model_dump(mode="json")
    data["duty"] = record_to_dict(item.duty) if item.duty else None
    data["evidence"] = [record_to_dict(e) for e in item.evidence]
    for key in ("required", "reported"):
        if data[key]:
            data[key] = {k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in data[key].items()}
    return data


def grouped(items: Sequence[AuditItem]) -> list[tuple[str, list[AuditItem]]]:
    """(status, items) in STATUSES order, items keeping the audit's order."""
    return [(status, [it for it in items if it.status == status]) for status in STATUSES]


def _range(required: dict) -> str:
    tpl = audit_labels().text
    low, high, unit = required["per_year_min"], required["per_year_max"], required["unit"] or ""
    if low is not None and low == high:
        return tpl["exact"].format(n=_num(low), unit=unit)
    if high is None:
        return tpl["at_least"].format(n=_num(low), unit=unit)
    if low is None:
        return tpl["at_most"].format(n=_num(high), unit=unit)
    return tpl["range"].format(min=_num(low), max=_num(high), unit=unit)


def required_text(item: AuditItem) -> str:
    """What the list asks, as written, and per year when it names another period."""
    if item.duty is None:
        return ""
    written = human_requirement(item.duty)
    req = item.required
    if req and req.get("period") not in (None, "year") and (req["per_year_min"] or req["per_year_max"]):
        return audit_labels().text["per_year"].format(requirement=written, range=_range(req))
    return written


def _done_month(item: AuditItem) -> Optional[int]:
    return next((e.deadline.month for e in item.evidence if e.deadline and e.deadline.month), None)


def reported_text(item: AuditItem) -> str:
    """What the report says was done: the yearly count, else the month it was done in, else done."""
    tpl = audit_labels().text
    if item.reported:
        return tpl["reported"].format(count=_num(item.reported["count"]), unit=item.reported["unit"] or "")
    if not item.evidence:
        return ""
    month = _done_month(item) if item.duty is not None and item.duty.deadline else None
    return (tpl["month"].format(month=month) if month else "") + tpl["done_in"]


def note_text(item: AuditItem) -> str:
    """The item's notes in words (late with both dates)."""
    lab = audit_labels()
    out = []
    for note in item.notes:
        if note == "late":
            due = human_deadline(item.duty.deadline) if item.duty else ""
            month = _done_month(item)
            out.append(lab.notes["late"].format(due=due, done=lab.text["month"].format(month=month) if month else ""))
        else:
            out.append(lab.notes[note])
    return lab.text["note_separator"].join(out)


def evidence_text(item: AuditItem) -> str:
    """The report's clauses that answer the duty, each once, in the order given."""
    seen, texts = set(), []
    for rec in item.evidence:
        if tuple(rec.span) not in seen:
            seen.add(tuple(rec.span))
            texts.append(rec.text)
    return audit_labels().text["evidence_separator"].join(texts)


def explanation_text(item: AuditItem) -> str:
    """Each part of the similarity with its weight, when the audit was asked to explain."""
    if not item.explanation:
        return ""
    lab = audit_labels()
    return lab.text["part_separator"].join(
        lab.text["part"].format(part=lab.parts.get(name, name), score=f"{part['score']:.2f}",
                                weight=f"{part['weight']:g}")
        for name, part in item.explanation.items())


def similarity_text(item: AuditItem) -> str:
    """The similarity of the duty and its best evidence to two decimals (none for unpaired items)."""
    return f"{item.similarity:.2f}" if item.evidence and item.duty is not None else ""


def _action(item: AuditItem) -> str:
    rec: DutyRecord = item.duty or item.evidence[0]
    return task_label(rec) if item.duty else (rec.action or rec.text)


def row_values(n: int, item: AuditItem) -> dict:
    """Every column of the sheet for one item, as text (the index and similarity as numbers)."""
    lab = audit_labels()
    duty = item.duty
    return {
        "index": n, "status": lab.statuses[item.status], "actor": actor_label(duty.actor) if duty else "",
        "action": _action(item), "required": required_text(item), "reported": reported_text(item),
        "note": note_text(item), "duty_text": duty.text if duty else "", "evidence_text": evidence_text(item),
        "section": section_path(duty) if duty else "", "similarity": similarity_text(item),
        "explanation": explanation_text(item),
    }


def table_columns(status: str, explain: bool) -> list[str]:
    """The columns of one status's table: an unreported duty has no report side, an unplanned
    achievement no list side."""
    if status == "unreported":
        return ["index", "actor", "action", "required", "duty_text", "section"]
    if status == "unplanned":
        return ["index", "action", "reported", "evidence_text"]
    extra = ["explanation"] if explain else []
    return ["index", "actor", "action", "required", "reported", "note", "duty_text", "evidence_text", "similarity",
            *extra]


def report_title(list_name: str, report_name: str) -> str:
    return audit_labels().text["title"].format(list=list_name, report=report_name)


def summary_line(items: Sequence[AuditItem]) -> str:
    """The number of duties and of each status, in one sentence."""
    counts = summary(items)
    return audit_labels().text["summary"].format(duties=sum(1 for it in items if it.duty is not None), **counts)


# --- jsonl and Markdown ---------------------------------------------------------


def audit_jsonl(items: Iterable[AuditItem]) -> str:
    """One JSON object per line, Chinese unescaped."""
    return "".join(json.dumps(item_to_dict(it), ensure_ascii=False) + "\n" for it in items)


def audit_markdown(items: Iterable[AuditItem], list_name: str = "list", report_name: str = "report") -> str:
    """The audit as a Markdown sheet: title, counts, then one table per status."""
    items = list(items)
    lab = audit_labels()
    explain = any(it.explanation for it in items)
    out = [f"# {_md(report_title(list_name, report_name))}", "", _md(summary_line(items)), "",
           _md(lab.text["md_note"]), ""]
    for status, group in grouped(items):
        out += [f"## {_md(lab.text['section_heading'].format(label=lab.statuses[status], count=len(group)))}", ""]
        if not group:
            out += [_md(lab.text["none_in_section"]), ""]
            continue
        keys = table_columns(status, explain)
        out.append(md_row(lab.columns[k] for k in keys).rstrip("\n"))
        out.append(md_row(["---"] * len(keys)).rstrip("\n"))
        for n, item in enumerate(group, 1):
            values = row_values(n, item)
            out.append(md_row(md_literal(values[k]) or lab.text["empty"] for k in keys).rstrip("\n"))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# --- xlsx ----------------------------------------------------------------------


def xlsx_rows(items: Iterable[AuditItem]) -> list[list]:
    """One row per item in XLSX_COLUMNS order, grouped by status, the audit's order kept within."""
    rows = []
    for status, group in grouped(list(items)):
        for n, item in enumerate(group, 1):
            values = row_values(n, item)
            values["similarity"] = item.similarity if item.duty is not None and item.evidence else None
            rows.append([values[k] for k in XLSX_COLUMNS])
    return rows


def write_audit_xlsx(items: Iterable[AuditItem], out: Out) -> None:
    """One sheet, one row per item, with the frozen bold header and widths of tables_out.write_xlsx_table."""
    lab = audit_labels()
    wrap = [XLSX_COLUMNS.index(key) for key in XLSX_WRAP]
    write_xlsx_table(out, lab.text["sheet"], [lab.columns[k] for k in XLSX_COLUMNS], xlsx_rows(items), wrap)


# --- writing -------------------------------------------------------------------


def audit_text(items: Iterable[AuditItem], fmt: str, list_name: str = "list", report_name: str = "report") -> str:
    """The audit in one of the text formats (jsonl, md, html)."""
    if fmt == "jsonl":
        return audit_jsonl(items)
    if fmt == "md":
        return audit_markdown(items, list_name, report_name)
    if fmt == "html":
        from .audit_html import render_html

        return render_html(list(items), list_name, report_name)
    raise ValueError(f"{fmt!r} is not a text format of the audit")


def write_audit(items: Iterable[AuditItem], fmt: str, out: Out, list_name: str = "list",
                report_name: str = "report") -> None:
    """Write the audit to a path or a stream; xlsx needs a path or a binary stream."""
    if fmt not in AUDIT_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(AUDIT_FORMATS)}")
    items = list(items)
    if fmt == "xlsx":
        write_audit_xlsx(items, out)
        return
    write_text(out, audit_text(items, fmt, list_name, report_name))
