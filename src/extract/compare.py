"""Compare duties across documents: one row per canonical duty, one column per document.

Records of all documents are grouped by action (extract.diff.action_similarity, greedy
in document order then record order, so the same inputs give the same table); each
cell says what that document asks of the duty. Duties held by the most documents come
first, then by first appearance. Printed words come from the `compare:` section of labels.yml.
"""
from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping, Sequence, Union

from .diff import action_similarity
from .escape import csv_row
from .labels import section_labels
from .ledger import human_requirement
from .records import DutyRecord
from .tables_out import Out, md_literal, md_row, write_text, write_xlsx_table

COMPARE_FORMATS = ("csv", "xlsx", "md")
SAME_DUTY = 0.75

_KEYS = ("duty", "count", "actors", "present", "separator", "actor_separator", "sheet")


@lru_cache(maxsize=None)
def compare_labels() -> Mapping[str, str]:
    """The table's words, loaded once; a missing key raises RuleFileError naming labels.yml."""
    return section_labels("compare", dict.fromkeys(_KEYS, ()))


@dataclass
class DutyGroup:
    """Records of several documents that are the same duty; named by the first action seen."""

    name: str
    cells: dict = field(default_factory=dict)
    actors: list = field(default_factory=list)


def _action(rec: DutyRecord) -> str:
    return rec.action or " ".join(rec.text.split())


def group_duties(docs: Mapping[str, Sequence[DutyRecord]]) -> list[DutyGroup]:
    """Greedy grouping: each record joins the most similar earlier group (≥ SAME_DUTY), else starts one."""
    groups: list[DutyGroup] = []
    exact: dict[str, DutyGroup] = {}
    for doc, records in docs.items():
        for rec in records:
            action = _action(rec)
            group = exact.get(action) or _closest(groups, action)
            if group is None:
                group = DutyGroup(action)
                groups.append(group)
            exact.setdefault(action, group)
            group.cells.setdefault(doc, []).append(rec)
            if rec.actor and rec.actor not in group.actors:
                group.actors.append(rec.actor)
    return groups


def _closest(groups: Sequence[DutyGroup], action: str):
    best, best_score = None, SAME_DUTY
    for group in groups:
        score = action_similarity(group.name, action)
        if score >= best_score and (best is None or score > best_score):
            best, best_score = group, score
    return best


def cell_text(records: Iterable[DutyRecord]) -> str:
    """What one document asks of a duty: each distinct requirement once, a check mark when none is stated."""
    lab = compare_labels()
    texts = []
    for rec in records:
        text = human_requirement(rec) or lab["present"]
        if text not in texts:
            texts.append(text)
    return lab["separator"].join(texts)


def compare_records(docs: Mapping[str, Sequence[DutyRecord]]):
    """A DataFrame: the duty, one column per document (its id), how many documents hold it, the actors seen."""
    import pandas as pd

    lab = compare_labels()
    names = list(docs)
    rows = []
    for order, group in enumerate(group_duties(docs)):
        row = {lab["duty"]: group.name}
        row.update({doc: cell_text(group.cells[doc]) if doc in group.cells else "" for doc in names})
        row[lab["count"]] = len(group.cells)
        row[lab["actors"]] = lab["actor_separator"].join(group.actors)
        rows.append((-len(group.cells), order, row))
    rows.sort(key=lambda r: r[:2])
    columns = [lab["duty"], *names, lab["count"], lab["actors"]]
    frame = pd.DataFrame([row for _, _, row in rows], columns=columns)
    return frame.astype({lab["count"]: "int64"})


def unique_name(stem: str, taken: Iterable[str]) -> str:
    """The stem, or `stem-2`, `stem-3`... when a document of that id came before."""
    taken = set(taken)
    name, n = stem, 1
    while name in taken:
        n += 1
        name = f"{stem}-{n}"
    return name


def document_records(path: Union[str, os.PathLike]) -> list[DutyRecord]:
    """The duties of one file; an empty file is a document with no duties, any other problem a ReadError."""
    from .pipeline import extract_document
    from .read import ReadError, read_document

    try:
        document = read_document(path)
    except ReadError as exc:
        if exc.kind == "empty":
            return []
        raise
    return extract_document(document)


def compare_documents(paths: Iterable[Union[str, os.PathLike]]):
    """Read every file (folders expanded) and compare them; raises ReadError on the first bad one."""
    from .read import iter_input_files

    docs: dict[str, list[DutyRecord]] = {}
    for path in iter_input_files(paths):
        docs[unique_name(Path(path).stem, docs)] = document_records(path)
    return compare_records(docs)


def _rows(df) -> list[list]:
    return [[None if value == "" else value for value in row] for row in df.itertuples(index=False, name=None)]


def write_compare(df, fmt: str, out: Out) -> None:
    """Write the table as csv (UTF-8 with BOM to a file), xlsx (frozen header) or a Markdown table."""
    if fmt not in COMPARE_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(COMPARE_FORMATS)}")
    header = [str(c) for c in df.columns]
    if fmt == "xlsx":
        lab = compare_labels()
        wrap = [i for i, name in enumerate(header) if name != lab["count"]]
        write_xlsx_table(out, lab["sheet"], header, _rows(df), wrap)
    elif fmt == "md":
        lines = [md_row(md_literal(h) for h in header), md_row(["---"] * len(header))]
        lines += [md_row(md_literal(v) for v in row) for row in df.itertuples(index=False, name=None)]
        write_text(out, "".join(lines))
    else:
        _write_csv(header, df, out)


def _write_csv(header: list[str], df, out: Out) -> None:
    rows = [csv_row(header), *(csv_row(row) for row in df.itertuples(index=False, name=None))]
    if isinstance(out, (str, os.PathLike)):
        with open(out, "w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerows(rows)
        return
    if isinstance(out, (io.RawIOBase, io.BufferedIOBase)):
        wrapper = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
        csv.writer(wrapper).writerows(rows)
        wrapper.flush()
        wrapper.detach()
        return
    csv.writer(out).writerows(rows)
    out.flush()
