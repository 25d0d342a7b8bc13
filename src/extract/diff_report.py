"""Render a year-over-year diff (a list of DiffItem) as jsonl, Markdown, one HTML page or an xlsx sheet.

jsonl is the public contract of spec/duty-record.md, one item per line. The other
three are for people reading a redline: a title naming both files, the counts, then
the items grouped by status (changed, added, removed, unchanged), each changed value
shown old beside new. Every printed word comes from the `diff:` section of labels.yml.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping, Optional, Sequence

from .diff import FIELDS, summary
from .escape import md_text
from .labels import RELATIONS, labels, section_labels
from .ledger import actor_label, human_requirement, section_path, task_label
from .record_data import record_to_dict
from .records import DiffItem, DutyRecord
from .tables_out import Out, md_literal, md_row, write_text, write_xlsx_table

DIFF_FORMATS = ("jsonl", "md", "html", "xlsx")
STATUS_ORDER = ("changed", "added", "removed", "unchanged")
PARTS = ("action", "text", "actor", "section", "values")
XLSX_COLUMNS = ("status", "actor", "action", "field", "old", "new", "old_text", "new_text", "section", "similarity")
XLSX_WRAP = ("action", "field", "old", "new", "old_text", "new_text", "section")

_COLUMNS = ("index", "status", "actor", "action", "requirement", "field", "old", "new",
            "old_text", "new_text", "text", "section", "similarity", "explanation")
_TEXT = {
    "title": ("old", "new"), "summary": ("total", *STATUS_ORDER), "old_version": ("name",),
    "new_version": ("name",), "section_heading": ("label", "count"), "none_in_section": (),
    "line": ("label", "value"), "item_heading": ("actor", "action"), "empty": (), "arrow": (),
    "month_value": ("month",), "day_value": ("day",), "direction": ("direction",),
    "part": ("part", "score", "weight"), "part_separator": (), "explained": ("score", "parts"),
    "sheet": (), "md_note": (), "html_note": (),
}
_SPECS = {
    "statuses": dict.fromkeys(STATUS_ORDER, ()),
    "fields": dict.fromkeys(("action", *FIELDS), ()),
    "directions": dict.fromkeys(("raised", "lowered"), ()),
    "relations": dict.fromkeys(RELATIONS, ()),
    "parts": dict.fromkeys(PARTS, ()),
    "columns": dict.fromkeys(_COLUMNS, ()),
    "text": _TEXT,
}


@dataclass(frozen=True)
class DiffLabels:
    """The validated `diff:` section of labels.yml, one read-only mapping per subsection."""

    statuses: Mapping[str, str]
    fields: Mapping[str, str]
    directions: Mapping[str, str]
    relations: Mapping[str, str]
    parts: Mapping[str, str]
    columns: Mapping[str, str]
    text: Mapping[str, str]


@lru_cache(maxsize=None)
def diff_labels() -> DiffLabels:
    """The report's words, loaded once; a missing key raises RuleFileError naming labels.yml."""
    return DiffLabels(**{name: section_labels(f"diff.{name}", spec) for name, spec in _SPECS.items()})


# --- what every rendering shows ------------------------------------------------


@dataclass(frozen=True)
class ChangeRow:
    """One changed field as people read it: its label, old and new values, and raised/lowered."""

    label: str
    old: str
    new: str
    direction: str


def _whole(value):
    return int(value) if isinstance(value, float) and value.is_integer() else value


def item_to_dict(item: DiffItem) -> dict:
    """The item as JSON-ready data; records as record_data.record_to_dict gives them (whole counts as ints)."""
    data = item.model_dump(mode="json")
    data["old"] = record_to_dict(item.old) if item.old else None
    data["new"] = record_to_dict(item.new) if item.new else None
    for change in data["changes"]:
        change["old"], change["new"] = _whole(change["old"]), _whole(change["new"])
    return data


def duty_of(item: DiffItem) -> DutyRecord:
    """The record that names the item: the new version, else the old."""
    return item.new or item.old


def grouped(items: Sequence[DiffItem]) -> list[tuple[str, list[DiffItem]]]:
    """(status, items) in STATUS_ORDER, items keeping the diff's order."""
    return [(status, [it for it in items if it.status == status]) for status in STATUS_ORDER]


def value_label(field: str, value, rec: Optional[DutyRecord]) -> str:
    """A changed value in words: counts with their unit, periods, months, relations, modalities."""
    lab = diff_labels()
    if value is None or value == "":
        return lab.text["empty"]
    if field in ("frequency.min", "frequency.max"):
        unit = (rec.frequency.unit if rec and rec.frequency else None) or labels().frequency["default_unit"]
        return labels().frequency["exact"].format(n=_whole(value), unit=unit)
    if field == "frequency.period":
        return labels().periods.get(value, str(value))
    if field == "deadline.month":
        return lab.text["month_value"].format(month=value)
    if field == "deadline.day":
        return lab.text["day_value"].format(day=value)
    if field == "deadline.relation":
        return lab.relations.get(value, str(value))
    if field == "modality":
        return labels().modalities.get(value, str(value))
    return str(value)


def change_rows(item: DiffItem) -> list[ChangeRow]:
    """The item's changes in words, in the diff's field order."""
    lab = diff_labels()
    return [
        ChangeRow(
            label=lab.fields.get(c.field, c.field),
            old=value_label(c.field, c.old, item.old),
            new=value_label(c.field, c.new, item.new),
            direction=lab.text["direction"].format(direction=lab.directions[c.direction]) if c.direction else "",
        )
        for c in item.changes
    ]


def _pair(old: str, new: str) -> tuple[str, str]:
    empty = diff_labels().text["empty"]
    return old or empty, new or empty


def requirements(item: DiffItem) -> tuple[str, str]:
    """The old and new requirement phrases (frequency and deadline)."""
    return _pair(human_requirement(item.old) if item.old else "", human_requirement(item.new) if item.new else "")


def section_label(item: DiffItem) -> str:
    """Where the duty stands; `old → new` when it moved."""
    old = section_path(item.old) if item.old else ""
    new = section_path(item.new) if item.new else ""
    if old and new and old != new:
        return old + diff_labels().text["arrow"] + new
    return new or old or diff_labels().text["empty"]


def explanation_text(item: DiffItem) -> str:
    """Each part of the similarity with its weight, when the diff was asked to explain."""
    if not item.explanation:
        return ""
    lab = diff_labels()
    template = lab.text["part"]
    return lab.text["part_separator"].join(
        template.format(part=lab.parts.get(name, name), score=f"{part['score']:.2f}", weight=f"{part['weight']:g}")
        for name, part in item.explanation.items()
    )


def similarity_text(item: DiffItem, explained: bool = False) -> str:
    """The similarity to two decimals; with explained, followed by its parts when the item has them."""
    score = f"{item.similarity:.2f}"
    if explained and item.explanation:
        return diff_labels().text["explained"].format(score=score, parts=explanation_text(item))
    return score


def item_heading(item: DiffItem) -> str:
    """`actor · action` of the duty, non-obligations marked."""
    rec = duty_of(item)
    return diff_labels().text["item_heading"].format(actor=actor_label(rec.actor), action=task_label(rec))


def report_title(old_name: str, new_name: str) -> str:
    """The report's title naming both files."""
    return diff_labels().text["title"].format(old=old_name, new=new_name)


def summary_line(items: Sequence[DiffItem]) -> str:
    """The total and the count of each status, in one sentence."""
    return diff_labels().text["summary"].format(total=len(items), **summary(items))


def list_columns(status: str, explain: bool) -> list[str]:
    """Column keys of the compact table of added, removed or unchanged items."""
    if status == "unchanged":
        extra = ["explanation"] if explain else []
        return ["index", "actor", "action", "requirement", "section", "similarity", *extra]
    return ["index", "actor", "action", "requirement", "section", "text"]


def list_row(n: int, item: DiffItem, keys: Sequence[str]) -> dict:
    """One row of that table as {key: text}, in the order of keys."""
    rec = duty_of(item)
    values = {
        "index": n, "actor": actor_label(rec.actor), "action": task_label(rec),
        "requirement": human_requirement(rec) or diff_labels().text["empty"], "section": section_label(item),
        "similarity": similarity_text(item), "explanation": explanation_text(item), "text": rec.text,
    }
    return {key: values[key] for key in keys}


# --- jsonl ---------------------------------------------------------------------


def diff_jsonl(items: Iterable[DiffItem]) -> str:
    """One JSON object per line, Chinese unescaped."""
    return "".join(json.dumps(item_to_dict(it), ensure_ascii=False) + "\n" for it in items)


# --- Markdown ------------------------------------------------------------------

def _md(text: str) -> str:
    """Prose with every Markdown and HTML mark inert (escape.md_text), so the report's own `**` is the
    only emphasis and a document's text or file name can open no tag or link."""
    return md_text(text)




def _md_table(keys: Sequence[str], rows: Iterable[Sequence]) -> list[str]:
    cols = diff_labels().columns
    return [md_row(cols[k] for k in keys).rstrip("\n"), md_row(["---"] * len(keys)).rstrip("\n"),
            *(md_row(row).rstrip("\n") for row in rows)]


def _md_quote(label: str, text: str) -> list[str]:
    line = diff_labels().text["line"].format(label=label, value=_md(text))
    return ["> " + part for part in line.splitlines() or [""]]


def _md_changed(n: int, item: DiffItem, old_name: str, new_name: str) -> list[str]:
    lab = diff_labels()
    line, cols = lab.text["line"], lab.columns
    old_req, new_req = requirements(item)
    req = _md(old_req) + lab.text["arrow"] + f"**{_md(new_req)}**" if old_req != new_req else _md(new_req)
    sim = _md(similarity_text(item, explained=True))
    out = [f"### {n}. {_md(item_heading(item))}", "",
           "- " + line.format(label=cols["section"], value=_md(section_label(item))),
           "- " + line.format(label=cols["requirement"], value=req),
           "- " + line.format(label=cols["similarity"], value=sim), ""]
    rows = [[md_literal(r.label), md_literal(r.old), f"**{md_literal(r.new + r.direction)}**"]
            for r in change_rows(item)]
    out += _md_table(["field", "old", "new"], rows) + [""]
    out += _md_quote(lab.text["old_version"].format(name=old_name), item.old.text) + [">"]
    out += _md_quote(lab.text["new_version"].format(name=new_name), item.new.text) + [""]
    return out


def diff_markdown(items: Iterable[DiffItem], old_name: str = "old", new_name: str = "new") -> str:
    """The diff as a Markdown redline: title, counts, then one section per status."""
    items = list(items)
    lab = diff_labels()
    explain = any(it.explanation for it in items)
    out = [f"# {_md(report_title(old_name, new_name))}", "", _md(summary_line(items)), "", _md(lab.text["md_note"]), ""]
    for status, group in grouped(items):
        out += [f"## {_md(lab.text['section_heading'].format(label=lab.statuses[status], count=len(group)))}", ""]
        if not group:
            out += [_md(lab.text["none_in_section"]), ""]
        elif status == "changed":
            for n, item in enumerate(group, 1):
                out += _md_changed(n, item, old_name, new_name)
        else:
            keys = list_columns(status, explain)
            rows = ([md_literal(v) for v in list_row(n, it, keys).values()] for n, it in enumerate(group, 1))
            out += _md_table(keys, rows) + [""]
    return "\n".join(out).rstrip("\n") + "\n"


# --- HTML ----------------------------------------------------------------------


def diff_html(items: Iterable[DiffItem], old_name: str = "old", new_name: str = "new") -> str:
    """The diff as one self-contained HTML page (inline CSS, nothing fetched)."""
    from .diff_html import render_html

    return render_html(list(items), old_name, new_name)


# --- xlsx ----------------------------------------------------------------------


def xlsx_rows(items: Iterable[DiffItem]) -> list[list]:
    """One row per item in XLSX_COLUMNS order, the items' order kept."""
    lab = diff_labels()
    rows = []
    for item in items:
        rec = duty_of(item)
        changes = change_rows(item)
        rows.append([
            lab.statuses[item.status], actor_label(rec.actor), task_label(rec),
            "\n".join(c.label for c in changes), "\n".join(c.old for c in changes),
            "\n".join(c.new + c.direction for c in changes),
            item.old.text if item.old else "", item.new.text if item.new else "",
            section_label(item), item.similarity,
        ])
    return rows


def write_diff_xlsx(items: Iterable[DiffItem], out: Out) -> None:
    """One sheet, one row per item, with the frozen bold header and widths of tables_out.write_xlsx_table."""
    lab = diff_labels()
    wrap = [XLSX_COLUMNS.index(key) for key in XLSX_WRAP]
    write_xlsx_table(out, lab.text["sheet"], [lab.columns[k] for k in XLSX_COLUMNS], xlsx_rows(items), wrap)


# --- writing -------------------------------------------------------------------


def diff_text(items: Iterable[DiffItem], fmt: str, old_name: str = "old", new_name: str = "new") -> str:
    """The diff in one of the text formats (jsonl, md, html)."""
    if fmt == "jsonl":
        return diff_jsonl(items)
    if fmt == "md":
        return diff_markdown(items, old_name, new_name)
    if fmt == "html":
        return diff_html(items, old_name, new_name)
    raise ValueError(f"{fmt!r} is not a text format of the diff")


def write_diff(items: Iterable[DiffItem], fmt: str, out: Out, old_name: str = "old", new_name: str = "new") -> None:
    """Write the diff to a path or a stream; xlsx needs a path or a binary stream."""
    if fmt not in DIFF_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(DIFF_FORMATS)}")
    items = list(items)
    if fmt == "xlsx":
        write_diff_xlsx(items, out)
        return
    write_text(out, diff_text(items, fmt, old_name, new_name))
