"""Duties × documents: grouping by action, the cells, the order and the three writers."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from extract.compare import (
    COMPARE_FORMATS,
    compare_documents,
    compare_records,
    group_duties,
    unique_name,
    write_compare,
)
from extract.records import Deadline, DutyRecord, Frequency

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DOCS = sorted(p.stem for p in CORPUS.glob("*.txt"))
DUTY, COUNT, ACTORS, PRESENT = "工作任务", "文件数", "责任主体", "✓"


def rec(doc: str, n: int, action: str, actor: str = "党委书记", freq=None, deadline=None) -> DutyRecord:
    return DutyRecord(doc=doc, id=f"{doc}#{n}", span=(0, 1), text="x", action=action, actor=actor,
                      frequency=freq, deadline=deadline)


YEAR2 = Frequency(min=2, unit="次", period="year")
YEAR1 = Frequency(min=1, unit="次", period="year")


@pytest.fixture(scope="module")
def corpus_table():
    return compare_documents([CORPUS])


# --- the corpus ----------------------------------------------------------------------


def test_corpus_one_column_per_document_and_the_count(corpus_table):
    assert list(corpus_table.columns) == [DUTY, *DOCS, COUNT, ACTORS]
    assert corpus_table[COUNT].between(1, len(DOCS)).all()
    held = (corpus_table[DOCS] != "").sum(axis=1)
    assert (held == corpus_table[COUNT]).all()


def test_corpus_lecture_row_in_several_documents(corpus_table):
    row = corpus_table[corpus_table[DUTY] == "讲党课"]
    assert len(row) == 1 and int(row[COUNT].iloc[0]) >= 2
    assert "党委书记" in row[ACTORS].iloc[0]
    assert "每年不少于2次" in row[DOCS].iloc[0].tolist()


def test_corpus_rows_sorted_by_count_then_first_seen(corpus_table):
    counts = corpus_table[COUNT].tolist()
    assert counts == sorted(counts, reverse=True)


def test_corpus_is_deterministic(corpus_table):
    assert compare_documents([CORPUS]).equals(corpus_table)


# --- grouping and cells ----------------------------------------------------------------


def test_similar_actions_share_a_row_named_by_the_first():
    docs = {
        "a": [rec("a", 1, "讲党课", freq=YEAR2), rec("a", 2, "谈心谈话")],
        "b": [rec("b", 1, "带头讲党课", actor="党组书记", freq=YEAR1), rec("b", 2, "开展调查研究")],
    }
    df = compare_records(docs)
    lecture = df[df[DUTY] == "讲党课"].iloc[0]
    assert (lecture["a"], lecture["b"], lecture[COUNT]) == ("每年不少于2次", "每年不少于1次", 2)
    assert lecture[ACTORS] == "党委书记、党组书记"
    assert df[DUTY].tolist() == ["讲党课", "谈心谈话", "开展调查研究"]


def test_several_records_join_and_bare_duty_is_a_check_mark():
    docs = {"a": [rec("a", 1, "集中学习", deadline=Deadline(month=3, relation="by")),
                  rec("a", 2, "集中学习", freq=Frequency(min=1, unit="次", period="month")),
                  rec("a", 3, "集中学习", deadline=Deadline(month=3, relation="by")),
                  rec("a", 4, "落实第一议题制度")]}
    df = compare_records(docs)
    assert df.loc[df[DUTY] == "集中学习", "a"].iloc[0] == "3月底前；每月不少于1次"
    assert df.loc[df[DUTY] == "落实第一议题制度", "a"].iloc[0] == PRESENT


def test_grouping_is_greedy_in_document_order():
    docs = {"b": [rec("b", 1, "带头讲党课")], "a": [rec("a", 1, "讲党课")]}
    assert [g.name for g in group_duties(docs)] == ["带头讲党课"]


def test_a_document_without_duties_keeps_its_column():
    df = compare_records({"a": [rec("a", 1, "讲党课")], "empty": []})
    assert list(df.columns) == [DUTY, "a", "empty", COUNT, ACTORS] and df["empty"].tolist() == [""]


def test_no_documents_is_an_empty_table():
    df = compare_records({})
    assert list(df.columns) == [DUTY, COUNT, ACTORS] and df.empty


def test_unique_names():
    assert unique_name("list", []) == "list"
    assert unique_name("list", ["list", "list-2"]) == "list-3"


# --- writers -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_table():
    return compare_records({"a": [rec("a", 1, "讲党课", freq=YEAR2)],
                            "b": [rec("b", 1, "讲党课"), rec("b", 2, "**年度述职")]})


def test_csv_file_has_a_bom_and_reads_back(small_table, tmp_path):
    out = tmp_path / "c.csv"
    write_compare(small_table, "csv", out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == [DUTY, "a", "b", COUNT, ACTORS]
    assert rows[1] == ["讲党课", "每年不少于2次", PRESENT, "2", "党委书记"]


def test_csv_to_a_text_stream_has_no_bom(small_table):
    stream = io.StringIO()
    write_compare(small_table, "csv", stream)
    assert stream.getvalue().startswith(DUTY)


def test_xlsx_opens_with_a_frozen_bold_header(corpus_table, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "c.xlsx"
    write_compare(corpus_table, "xlsx", out)
    ws = openpyxl.load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == list(corpus_table.columns) and len(rows) == len(corpus_table) + 1
    assert ws.freeze_panes == "A2" and ws["A1"].font.bold
    assert isinstance(rows[1][len(DOCS) + 1], int)


def test_markdown_is_one_table_with_literal_stars(small_table, tmp_path):
    out = tmp_path / "c.md"
    write_compare(small_table, "md", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"| {DUTY} | a | b | {COUNT} | {ACTORS} |"
    assert lines[1] == "| --- | --- | --- | --- | --- |"
    assert len(lines) == len(small_table) + 2 and all(line.startswith("| ") for line in lines)
    assert "&#42;&#42;年度述职" in lines[3]


def test_unknown_format_is_refused(small_table):
    assert COMPARE_FORMATS == ("csv", "xlsx", "md")
    with pytest.raises(ValueError, match="unknown format"):
        write_compare(small_table, "json", io.StringIO())
