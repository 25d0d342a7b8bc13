"""The checklist: buckets, grouping order, Markdown and the xlsx sheet."""
from __future__ import annotations

import io
import time

import pytest
from openpyxl import load_workbook

from extract.checklist import (
    Bucket,
    bucket_of,
    build_checklist,
    checklist_markdown,
    checklist_rows,
    write_checklist_xlsx,
)
from extract.labels import BUCKETS
from extract.records import Deadline, DutyRecord, Frequency

TITLE = "2024年度党委书记抓基层党建工作责任清单"
SECTION = ["一、认真履行全面从严治党第一责任人职责", "第三，充分发挥理论中心组学习的示范带头作用"]

# (id, text, fields, expected bucket id), in document order.
EXAMPLES = [
    ("party_lecture", "年内讲党课不少于2次",
     dict(actor="党委书记", action="讲党课", frequency=Frequency(min=2, unit="次", period="year")),
     "yearly"),
    ("quarterly_study", "每季度研讨不少于1次",
     dict(actor="党委书记", action="研讨", frequency=Frequency(min=1, unit="次", period="quarter")),
     "quarterly"),
    ("one_off_in_february", "牵头在2月份制定党组班子责任清单",
     dict(actor="党组书记", action="制定党组班子责任清单",
          deadline=Deadline(month=2, relation="in", text="在2月份")),
     "dated"),
    ("around_july_first", "“七一”前后开展1次主题党日活动",
     dict(actor="党支部", action="开展主题党日活动",
          frequency=Frequency(min=1, max=1, unit="次", period="year"),
          deadline=Deadline(month=7, day=1, relation="around", text="“七一”前后")),
     "dated"),
    ("prohibition", "严禁违规吃喝",
     dict(actor="党委书记", modality="prohibition", action="违规吃喝"),
     "other"),
    ("placeholder", "全年组织党组会议*次",
     dict(actor="党组书记", action="组织党组会议",
          frequency=Frequency(unit="次", period="year", placeholder=True)),
     "yearly"),
    ("monthly_no_actor", "每月开展1次集中学习",
     dict(action="开展集中学习", frequency=Frequency(min=1, max=1, unit="次", period="month")),
     "monthly"),
    ("weekly", "每周五下午开展理论学习",
     dict(actor="党支部", action="开展理论学习", frequency=Frequency(period="week")),
     "monthly"),
    ("half_year_report", "每半年听取1次汇报",
     dict(actor="党委书记", action="听取汇报", frequency=Frequency(min=1, max=1, unit="次", period="half_year")),
     "half_yearly"),
    ("start_of_year_no_month", "年初研究部署基层党建工作",
     dict(actor="党委书记", action="研究部署基层党建工作", deadline=Deadline(relation="start", text="年初")),
     "dated"),
    ("two_years", "每两年组织一次示范培训",
     dict(actor="党组书记", action="组织示范培训", frequency=Frequency(min=1, max=1, unit="次", period="two_years")),
     "yearly"),
    ("count_without_period", "讲党课5次",
     dict(actor="党委书记", action="讲党课", modality="achievement",
          frequency=Frequency(min=5, max=5, unit="次")),
     "other"),
    ("monthly_day_no_month", "每月8日开展主题党日",
     dict(actor="党支部", action="开展主题党日", frequency=Frequency(period="month"),
          deadline=Deadline(day=8, relation="in", text="8日")),
     "monthly"),
]
IDS = [e[0] for e in EXAMPLES]


def make_records() -> list[DutyRecord]:
    records, start = [], 0
    for n, (_, text, fields, _) in enumerate(EXAMPLES, start=1):
        records.append(DutyRecord(
            doc="000_demo", id=f"000_demo#{n}", span=(start, start + len(text)), text=text,
            section=SECTION, list_title=TITLE, **fields,
        ))
        start += len(text) + 1
    return records


RECORDS = make_records()


@pytest.mark.parametrize(
    "rec, expected",
    [(rec, e[3]) for rec, e in zip(RECORDS, EXAMPLES)],
    ids=IDS,
)
def test_bucket_of(rec, expected):
    assert bucket_of(rec) == expected


def test_groups_follow_first_appearance_with_missing_actor_last():
    groups = build_checklist(RECORDS)
    assert [g.actor for g in groups] == ["党委书记", "党组书记", "党支部", None]
    assert groups[-1].label == "未明确"


def test_buckets_in_fixed_order_with_labels():
    for group in build_checklist(RECORDS):
        ids = [b.id for b in group.buckets]
        assert ids == [b for b in BUCKETS if b in ids]
        assert all(b.items for b in group.buckets)
    secretary = build_checklist(RECORDS)[0]
    assert [(b.id, b.label) for b in secretary.buckets] == [
        ("quarterly", "每季度"), ("half_yearly", "每半年"), ("yearly", "年内"), ("dated", "限时"), ("other", "其他"),
    ]
    bucket_id, label, items = secretary.buckets[-1]
    assert isinstance(secretary.buckets[-1], Bucket) and (bucket_id, label) == ("other", "其他")
    assert [r.action for r in items] == ["违规吃喝", "讲党课"]


def test_every_record_lands_once_in_document_order():
    groups = build_checklist(RECORDS)
    placed = [r.id for g in groups for b in g.buckets for r in b.items]
    assert sorted(placed) == sorted(r.id for r in RECORDS)
    for g in groups:
        for b in g.buckets:
            assert [r.span for r in b.items] == sorted(r.span for r in b.items)


def test_markdown_structure():
    out = checklist_markdown(RECORDS)
    lines = out.splitlines()
    assert lines[0] == f"# {TITLE}"
    assert "## 党委书记" in lines and "## 未明确" in lines
    assert lines.index("## 党委书记") < lines.index("## 党组书记") < lines.index("## 未明确")
    assert sum(line.startswith("- [ ] ") for line in lines) == len(RECORDS)
    assert "### 年内" in lines and "### 限时" in lines
    assert out.endswith("\n") and not out.endswith("\n\n")


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "年内讲党课不少于2次",
            f"- [ ] 讲党课 — 每年不少于2次 (原文: “年内讲党课不少于2次”; 出处: {' > '.join([TITLE, *SECTION])})",
            id="frequency",
        ),
        pytest.param(
            "“七一”前后开展1次主题党日活动",
            "- [ ] 开展主题党日活动 — 每年1次，7月1日前后 (原文: ““七一”前后开展1次主题党日活动”; 出处: ",
            id="frequency_and_deadline",
        ),
        pytest.param("严禁违规吃喝", "- [ ] 【禁止】违规吃喝 (原文: “严禁违规吃喝”", id="prohibition_marked"),
        pytest.param("全年组织党组会议&#42;次", "- [ ] 组织党组会议 — 每年&#42;次 (", id="placeholder"),
        pytest.param("牵头在2月份制定党组班子责任清单", "- [ ] 制定党组班子责任清单 — 2月份 (", id="one_off"),
        pytest.param("年初研究部署基层党建工作", "- [ ] 研究部署基层党建工作 — 年初 (", id="as_written"),
    ],
)
def test_markdown_item_lines(text, expected):
    out = checklist_markdown(RECORDS)
    line = next(line for line in out.splitlines() if f"“{text}”" in line)
    assert line.startswith(expected)


def test_markdown_title_and_empty():
    assert checklist_markdown(RECORDS, title="党建工作清单").startswith("# 党建工作清单\n")
    assert checklist_markdown([]) == "# 工作清单\n"


def test_condition_goes_into_requirement():
    rec = DutyRecord(doc="d", id="d#1", span=(0, 9), text="如发生重大案件，及时报告", action="报告",
                     condition="发生重大案件")
    assert "- [ ] 报告 — 条件: 发生重大案件 (" in checklist_markdown([rec])


def test_xlsx_checklist(tmp_path):
    path = tmp_path / "checklist.xlsx"
    write_checklist_xlsx(RECORDS, path)
    ws = load_workbook(path).active
    assert [c.value for c in ws[1]] == ["完成", "责任主体", "周期", "工作任务", "要求", "完成时限", "原文", "出处"]
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.max_row == len(RECORDS) + 1
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert rows == [tuple(None if v == "" else v for v in row) for row in checklist_rows(RECORDS)]
    assert rows[0][:5] == ("☐", "党委书记", "每季度", "研讨", "每季度不少于1次")
    actors = [r[1] for r in rows]
    assert actors == sorted(actors, key=["党委书记", "党组书记", "党支部", "未明确"].index)
    widths = {k: d.width for k, d in ws.column_dimensions.items()}
    assert sorted(widths) == list("ABCDEFGH") and all(6 <= w <= 60 for w in widths.values())
    assert ws["G2"].alignment.wrap_text


def test_xlsx_checklist_to_stream_and_empty():
    buf = io.BytesIO()
    write_checklist_xlsx([], buf)
    ws = load_workbook(io.BytesIO(buf.getvalue())).active
    assert ws.max_row == 1


def test_checklist_is_byte_identical(tmp_path, monkeypatch):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_checklist_xlsx(RECORDS, first)
    md = checklist_markdown(RECORDS)
    clock = time.time() + 86400 * 400
    monkeypatch.setattr("time.time", lambda: clock)
    write_checklist_xlsx(list(RECORDS), second)
    assert first.read_bytes() == second.read_bytes()
    assert checklist_markdown(RECORDS) == md
