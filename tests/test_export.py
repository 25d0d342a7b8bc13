"""The output layer: every format, the human phrases, the schema and the labels file."""
from __future__ import annotations

import codecs
import io
import json
import re
import time
from pathlib import Path

import jsonschema
import pandas as pd
import pytest
from openpyxl import load_workbook

from extract import export
from extract.export import FORMATS, RecordWriter, record_json_schema, records_dataframe, write_records
from extract.ledger import human_deadline, human_frequency
from extract.record_data import CSV_COLUMNS, record_to_dict
from extract.labels import labels, parse_labels
from extract.records import Deadline, DutyRecord, Frequency
from extract.rules import load_yaml

TITLE = "2024年度党委书记抓基层党建工作责任清单"
SECTION = ["二、科学谋划年度基层党建工作"]

# (id, text, fields): one hand-made duty per line of a small list.
EXAMPLES = [
    ("party_lecture", "年内讲党课不少于2次",
     dict(actor="党委书记", action="讲党课", frequency=Frequency(min=2, unit="次", period="year"))),
    ("quarterly_study", "每季度研讨不少于1次",
     dict(actor="党委书记", action="研讨", frequency=Frequency(min=1, unit="次", period="quarter"))),
    ("one_off_in_february", "牵头在2月份制定党组班子责任清单",
     dict(actor="党组书记", action="制定党组班子责任清单",
          deadline=Deadline(month=2, relation="in", text="在2月份"))),
    ("around_july_first", "“七一”前后开展1次主题党日活动",
     dict(actor="党支部", action="开展主题党日活动",
          frequency=Frequency(min=1, max=1, unit="次", period="year"),
          deadline=Deadline(month=7, day=1, relation="around", text="“七一”前后"))),
    ("prohibition", "严禁违规吃喝",
     dict(actor="班子成员", modality="prohibition", action="违规吃喝")),
    ("placeholder", "全年组织党组会议*次",
     dict(actor="党组书记", action="组织党组会议",
          frequency=Frequency(unit="次", period="year", placeholder=True))),
    ("range_with_pipe", "每年推荐1至2个|典型",
     dict(actor="党委书记", action="推荐典型", frequency=Frequency(min=1, max=2, unit="个", period="year"))),
    ("conditional_no_actor", "如发生重大违纪违法案件，及时报告",
     dict(action="报告", condition="发生重大违纪违法案件")),
]
IDS = [e[0] for e in EXAMPLES]


def make_records(doc: str = "000_demo") -> list[DutyRecord]:
    """The examples as one document: spans point into the texts joined by newlines."""
    records, start = [], 0
    for n, (_, text, fields) in enumerate(EXAMPLES, start=1):
        end = start + len(text)
        records.append(DutyRecord(
            doc=doc, id=f"{doc}#{n}", span=(start, end), text=text, section=SECTION,
            list_title=TITLE, rules=["test.a", "test.b"], **fields,
        ))
        start = end + 1
    return records


def document_text() -> str:
    return "\n".join(text for _, text, _ in EXAMPLES)


RECORDS = make_records()
HUMAN_HEADER = [
    "序号", "责任主体", "工作任务", "类型", "频次", "完成时限", "条件", "原文", "出处", "所在部分", "清单标题",
    "最少次数", "最多次数", "计量单位", "频次周期", "次数待填", "全年最少次数", "全年最多次数",
    "时限月份", "时限日期", "时限方式", "时限原文", "文件", "编号", "起始位置", "结束位置", "规则",
]


def render(fmt: str, records=RECORDS) -> str:
    buf = io.StringIO()
    write_records(records, fmt, buf)
    return buf.getvalue()


# labels.yml


def test_labels_file_has_version_and_description():
    data = load_yaml("labels")
    assert data["version"] == 1
    assert data["description"].strip()
    assert labels().periods["year"] == "每年"
    assert labels().buckets["dated"] == "限时"


@pytest.mark.parametrize(
    "mutate, message",
    [
        pytest.param(lambda d: d.pop("columns"), "columns", id="missing_section"),
        pytest.param(lambda d: d["periods"].pop("quarter"), "quarter", id="missing_period"),
        pytest.param(lambda d: d["deadline"]["month"].pop("around"), "around", id="missing_relation"),
        pytest.param(lambda d: d["frequency"].update(at_least="{count}{unit}"), "count", id="unknown_field"),
        pytest.param(lambda d: d.update(version=2), "version", id="wrong_version"),
        pytest.param(lambda d: d.pop("description"), "description", id="no_description"),
    ],
)
def test_labels_validation_names_the_problem(mutate, message):
    data = json.loads(json.dumps(load_yaml("labels")))
    mutate(data)
    with pytest.raises(ValueError, match=message):
        parse_labels(data)


def test_no_chinese_in_output_modules():
    src = Path(export.__file__).parent
    for name in ("export.py", "ledger.py", "record_data.py", "tables_out.py", "checklist.py", "labels.py"):
        assert not re.search(r"[\u3400-\u9fff]", (src / name).read_text(encoding="utf-8")), name


# human phrases


@pytest.mark.parametrize(
    "freq, expected",
    [
        pytest.param(Frequency(min=2, unit="次", period="year"), "每年不少于2次", id="at_least"),
        pytest.param(Frequency(min=1, max=1, unit="次", period="quarter"), "每季度1次", id="exact"),
        pytest.param(Frequency(min=1, max=2, unit="个", period="year"), "每年1至2个", id="range"),
        pytest.param(Frequency(max=3, unit="次", period="month"), "每月不超过3次", id="at_most"),
        pytest.param(Frequency(unit="次", period="year", placeholder=True), "每年*次", id="placeholder"),
        pytest.param(Frequency(period="quarter"), "每季度", id="period_only"),
        pytest.param(Frequency(min=5, max=5, unit="次"), "5次", id="no_period"),
        pytest.param(Frequency(min=60, unit="%", period="year"), "每年不少于60%", id="percent"),
        pytest.param(Frequency(min=1, period="two_years"), "每两年不少于1次", id="default_unit"),
        pytest.param(Frequency(min=1.5, max=1.5, unit="天", period="half_month"), "每半月1.5天", id="fraction"),
        pytest.param(None, "", id="none"),
    ],
)
def test_human_frequency(freq, expected):
    assert human_frequency(freq) == expected


@pytest.mark.parametrize(
    "deadline, expected",
    [
        pytest.param(Deadline(month=2, relation="by", text="2月底前"), "2月底前", id="month_by"),
        pytest.param(Deadline(month=7, day=1, relation="around", text="“七一”前后"), "7月1日前后", id="july_first"),
        pytest.param(Deadline(month=2, relation="in", text="在2月份"), "2月份", id="month_in"),
        pytest.param(Deadline(month=3, day=10, relation="start", text="3月10日起"), "3月10日起", id="day_start"),
        pytest.param(Deadline(day=8, relation="in", text="8日"), "8日", id="day_only"),
        pytest.param(Deadline(relation="start", text="年初"), "年初", id="start_no_month"),
        pytest.param(Deadline(relation="in"), "", id="nothing"),
        pytest.param(None, "", id="none"),
    ],
)
def test_human_deadline(deadline, expected):
    assert human_deadline(deadline) == expected


# record_to_dict and the schema


def test_record_to_dict_keeps_model_order_and_span_list():
    data = record_to_dict(RECORDS[0])
    assert list(data) == list(DutyRecord.model_fields)
    assert data["span"] == [0, len("年内讲党课不少于2次")]
    assert data["frequency"]["min"] == 2 and isinstance(data["frequency"]["min"], int)


@pytest.mark.parametrize("rec", RECORDS, ids=IDS)
def test_spans_point_at_text(rec):
    assert document_text()[rec.span[0]:rec.span[1]] == rec.text


@pytest.mark.parametrize("rec", RECORDS, ids=IDS)
def test_schema_validates_real_records(rec):
    jsonschema.validate(record_to_dict(rec), record_json_schema())


def test_schema_has_header_and_rejects_missing_span():
    schema = record_json_schema()
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["title"] == "DutyRecord"
    data = record_to_dict(RECORDS[0])
    del data["span"]
    with pytest.raises(jsonschema.ValidationError, match="span"):
        jsonschema.validate(data, schema)


# jsonl and json


def test_jsonl_round_trips_with_chinese_unescaped():
    out = render("jsonl")
    lines = out.splitlines()
    assert [json.loads(line) for line in lines] == [record_to_dict(r) for r in RECORDS]
    assert [DutyRecord.model_validate_json(line) for line in lines] == RECORDS
    assert "讲党课" in out and "\\u" not in out


def test_jsonl_is_flushed_per_document(tmp_path):
    path = tmp_path / "out.jsonl"
    with RecordWriter("jsonl", path) as writer:
        writer.write(RECORDS[:2])
        assert len(path.read_text(encoding="utf-8").splitlines()) == 2
        writer.write(RECORDS[2:])
    assert len(path.read_text(encoding="utf-8").splitlines()) == len(RECORDS)


def test_json_is_one_array():
    assert json.loads(render("json")) == [record_to_dict(r) for r in RECORDS]
    assert json.loads(render("json", [])) == []


def test_many_writes_equal_one_write():
    buf = io.StringIO()
    with RecordWriter("json", buf) as writer:
        for rec in RECORDS:
            writer.write([rec])
    assert buf.getvalue() == render("json")


# csv and data frames


def test_csv_file_has_bom_and_reads_back_in_chinese(tmp_path):
    path = tmp_path / "out.csv"
    write_records(RECORDS, "csv", path, {"000_demo": document_text()})
    assert path.read_bytes().startswith(codecs.BOM_UTF8)
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(frame.columns) == HUMAN_HEADER
    assert len(frame) == len(RECORDS)
    assert frame.iloc[0].to_dict() == {
        "序号": "1", "责任主体": "党委书记", "工作任务": "讲党课", "类型": "义务", "频次": "每年不少于2次",
        "完成时限": "", "条件": "", "原文": "年内讲党课不少于2次", "出处": f"{TITLE} > {SECTION[0]} > 第1段",
        "所在部分": SECTION[0], "清单标题": TITLE, "最少次数": "2", "最多次数": "", "计量单位": "次",
        "频次周期": "每年", "次数待填": "", "全年最少次数": "2", "全年最多次数": "", "时限月份": "", "时限日期": "",
        "时限方式": "", "时限原文": "", "文件": "000_demo", "编号": "000_demo#1", "起始位置": "0", "结束位置": "10",
        "规则": "test.a;test.b",
    }
    by_id = frame.set_index("编号")
    assert by_id.loc["000_demo#3", ["时限月份", "时限方式", "时限原文"]].tolist() == ["2", "当期内", "在2月份"]
    assert by_id.loc["000_demo#5", "类型"] == "禁止"
    assert by_id.loc["000_demo#6", ["频次", "次数待填"]].tolist() == ["每年*次", "是"]
    assert by_id.loc["000_demo#8", "责任主体"] == "未明确"


def test_csv_to_text_stream_has_no_bom():
    assert render("csv").startswith("序号,责任主体,工作任务,类型,")


def test_csv_to_binary_stream_has_bom():
    buf = io.BytesIO()
    write_records(RECORDS, "csv", buf)
    assert buf.getvalue().startswith(codecs.BOM_UTF8)
    assert not buf.closed


def test_records_dataframe_is_the_contract_by_default():
    frame = records_dataframe(RECORDS)
    assert list(frame.columns) == list(CSV_COLUMNS)
    assert frame["action"].tolist() == [r.action for r in RECORDS]
    assert frame.loc[3, "deadline_day"] == 1
    assert frame.loc[3, "per_year_min"] == 1
    assert str(frame["freq_min"].dtype) == "Int64"
    assert frame["freq_min"].astype(str).tolist()[:2] == ["2", "1"]
    assert list(records_dataframe([]).columns) == list(CSV_COLUMNS)


def test_records_dataframe_in_chinese():
    frame = records_dataframe(RECORDS, lang="zh", documents={"000_demo": document_text()})
    assert list(frame.columns) == HUMAN_HEADER
    assert frame["类型"].tolist() == ["义务"] * 4 + ["禁止"] + ["义务"] * 3
    assert frame["频次周期"].fillna("").tolist()[:3] == ["每年", "每季度", ""]
    assert str(frame["最少次数"].dtype) == "Int64" and frame["最少次数"].fillna(0).tolist()[:4] == [2, 1, 0, 1]
    assert frame["出处"].tolist()[4] == f"{TITLE} > {SECTION[0]} > 第5段"
    with pytest.raises(ValueError, match="en or zh"):
        records_dataframe(RECORDS, lang="fr")


# markdown


def test_markdown_has_a_row_per_record_and_escapes_pipes():
    out = render("md")
    assert out.startswith(f"## 000_demo / {TITLE}\n")
    rows = [line for line in out.splitlines() if re.match(r"\| \d+ \|", line)]
    assert len(rows) == len(RECORDS)
    assert "每年推荐1至2个&#124;典型" in out
    assert "| 1 | 党委书记 | 讲党课 | 每年不少于2次 |" in out
    assert "【禁止】违规吃喝" in out


def test_markdown_one_table_per_document():
    out = render("md", RECORDS + make_records("001_other"))
    assert out.count("\n## ") + out.startswith("## ") == 2
    assert out.count("| 序号 |") == 2


# xlsx


def test_xlsx_ledger(tmp_path):
    path = tmp_path / "ledger.xlsx"
    write_records(RECORDS, "xlsx", path)
    ws = load_workbook(path).active
    assert ws.title == "台账"
    header = [c.value for c in ws[1]]
    assert header == ["序号", "责任主体", "工作任务", "频次", "完成时限", "条件", "原文", "出处",
                      "文件", "编号", "起始位置", "结束位置"]
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:L{len(RECORDS) + 1}"
    assert ws.max_row == len(RECORDS) + 1
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == list(range(1, len(RECORDS) + 1))
    assert rows[0][1:5] == ("党委书记", "讲党课", "每年不少于2次", None)
    assert rows[3][4] == "7月1日前后"
    assert rows[7][1] == "未明确"
    assert rows[0][7:] == (f"{TITLE} > {SECTION[0]}", "000_demo", "000_demo#1", 0, 10)
    widths = {k: d.width for k, d in ws.column_dimensions.items()}
    assert sorted(widths) == list("ABCDEFGHIJKL")
    assert all(6 <= w <= 60 for w in widths.values())
    assert widths["G"] > widths["A"]
    assert ws["G2"].alignment.wrap_text


def test_xlsx_to_text_stream_uses_its_buffer():
    buf = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    write_records(RECORDS, "xlsx", buf)
    data = buf.buffer.getvalue()
    assert data.startswith(b"PK")
    assert load_workbook(io.BytesIO(data)).active.max_row == len(RECORDS) + 1


def test_xlsx_needs_bytes():
    with pytest.raises(ValueError, match="binary"):
        write_records(RECORDS, "xlsx", io.StringIO())


# the writer itself


def test_unknown_format():
    with pytest.raises(ValueError, match="jsonl"):
        RecordWriter("yaml", io.StringIO())


def test_write_after_close_fails():
    writer = RecordWriter("jsonl", io.StringIO())
    writer.close()
    writer.close()
    with pytest.raises(ValueError):
        writer.write(RECORDS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_byte_identical(fmt, tmp_path, monkeypatch):
    first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
    write_records(RECORDS, fmt, first)
    clock = time.time() + 86400 * 400
    monkeypatch.setattr("time.time", lambda: clock)
    write_records(iter(RECORDS), fmt, second)
    assert first.read_bytes() == second.read_bytes()
