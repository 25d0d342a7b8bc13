"""What people open is safe and speaks Chinese (issue 9, items 6, 7 and 10).

Hostile document text and file names never become a live formula in a CSV or xlsx, nor markup
in Markdown; the ledger's 出处 names title, section and table row or paragraph, never offsets;
序号 follows the source table's numbering; the CLI speaks Chinese unless the locale is English.
"""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from extract.audit_sheet import audit_markdown
from extract.checklist import checklist_markdown
from extract.compare import compare_records, write_compare
from extract.diff import diff_records
from extract.diff_report import diff_markdown
from extract.escape import csv_cell, md_cell, md_text
from extract.export import write_records
from extract.ledger import ledger_entries
from extract.provenance import Locator, Place
from extract.records import DutyRecord, Frequency

QINGDAN = Path(sys.executable).with_name("qingdan")
TITLE = "2024年度党支部工作责任清单"


def record(text: str, doc: str = "d", n: int = 1, start: int = 0, **fields) -> DutyRecord:
    fields.setdefault("list_title", TITLE)
    return DutyRecord(doc=doc, id=f"{doc}#{n}", span=(start, start + len(text)), text=text, **fields)


# --- the escaping helpers -------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    pytest.param('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")', id="formula"),
    pytest.param("+1+2", "'+1+2", id="plus"),
    pytest.param("-2+3", "'-2+3", id="minus"),
    pytest.param("@SUM(A1)", "'@SUM(A1)", id="at"),
    pytest.param("\t=1", "'\t=1", id="tab"),
    pytest.param("\r=1", "'\r=1", id="carriage-return"),
    pytest.param("每月学习1次", "每月学习1次", id="chinese-untouched"),
    pytest.param("a=1", "a=1", id="inner-equals-untouched"),
    pytest.param(-3, -3, id="negative-number-stays-a-number"),
    pytest.param(None, "", id="none-is-empty"),
])
def test_csv_cell(value, expected):
    assert csv_cell(value) == expected


@pytest.mark.parametrize("value, expected", [
    pytest.param("<script>alert(1)</script>", "&#60;script&#62;alert&#40;1&#41;&#60;/script&#62;", id="html"),
    pytest.param("[点此](http://e.x)", "&#91;点此&#93;&#40;http://e.x&#41;", id="link"),
    pytest.param("![图](x.png)", "!&#91;图&#93;&#40;x.png&#41;", id="image"),
    pytest.param("`code`", "&#96;code&#96;", id="backticks"),
    pytest.param("甲|乙", "甲&#124;乙", id="pipe"),
    pytest.param("**加粗**", "&#42;&#42;加粗&#42;&#42;", id="emphasis"),
    pytest.param("a\\b", "a&#92;b", id="backslash"),
    pytest.param("每月学习1次", "每月学习1次", id="chinese-untouched"),
])
def test_md_text(value, expected):
    assert md_text(value) == expected


def test_md_cell_keeps_the_row_on_one_line():
    assert md_cell("第一行\r\n第二行|") == "第一行<br>第二行&#124;"


# --- CSV and xlsx: formulas never run ---------------------------------------------------------

HOSTILE_DOC = '=HYPERLINK("http://evil","click")'


def hostile_records() -> list[DutyRecord]:
    return [
        record("=1+1 每月学习1次", doc=HOSTILE_DOC, n=1, actor="@党支部", action="-学习",
               frequency=Frequency(min=1, unit="次", period="month"), list_title=None),
        record("+2 严禁违规", doc=HOSTILE_DOC, n=2, start=13, modality="prohibition", action="违规",
               list_title=None),
    ]


def read_csv(data: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data)))


def test_csv_ledger_neutralises_formulas_in_text_and_file_names():
    buf = io.StringIO()
    write_records(hostile_records(), "csv", buf)
    rows = read_csv(buf.getvalue())
    picked = [{k: row[k] for k in ("责任主体", "工作任务", "原文", "出处", "文件")} for row in rows]
    assert picked == [
        {"责任主体": "'@党支部", "工作任务": "'-学习", "原文": "'=1+1 每月学习1次",
         "出处": f"'{HOSTILE_DOC}", "文件": f"'{HOSTILE_DOC}"},
        {"责任主体": "未明确", "工作任务": "违规", "原文": "'+2 严禁违规",
         "出处": f"'{HOSTILE_DOC}", "文件": f"'{HOSTILE_DOC}"},
    ]


def test_compare_csv_neutralises_document_names():
    table = compare_records({HOSTILE_DOC: hostile_records(), "正常": hostile_records()})
    buf = io.StringIO()
    write_compare(table, "csv", buf)
    header = next(csv.reader(io.StringIO(buf.getvalue())))
    assert header == ["工作任务", f"'{HOSTILE_DOC}", "正常", "文件数", "责任主体"]


def test_xlsx_keeps_formula_like_text_as_text(tmp_path):
    path = tmp_path / "ledger.xlsx"
    write_records(hostile_records(), "xlsx", path)
    ws = load_workbook(path).active
    cells = [ws["G2"], ws["I2"], ws["B2"]]
    assert [(c.value, c.data_type, c.quotePrefix) for c in cells] == [
        ("=1+1 每月学习1次", "s", True), (HOSTILE_DOC, "s", True), ("@党支部", "s", True),
    ]


# --- Markdown: no tag, link or code survives ------------------------------------------------

EVIL_TEXT = "[点此](http://e.x)<img src=x>`rm`|每月学习1次"
EVIL_SAFE = "&#91;点此&#93;&#40;http://e.x&#41;&#60;img src=x&#62;&#96;rm&#96;&#124;每月学习1次"
EVIL_DOC = "<b>doc</b>[x](y)"
EVIL_DOC_SAFE = "&#60;b&#62;doc&#60;/b&#62;&#91;x&#93;&#40;y&#41;"


def evil_records() -> list[DutyRecord]:
    return [record(EVIL_TEXT, doc=EVIL_DOC, actor="<i>党支部</i>", action="学习",
                   frequency=Frequency(min=1, max=1, unit="次", period="month"), list_title=None,
                   section=["一、`标题`"])]


def test_markdown_ledger_escapes_text_and_file_names():
    buf = io.StringIO()
    write_records(evil_records(), "md", buf)
    lines = buf.getvalue().splitlines()
    assert lines[0] == f"## {EVIL_DOC_SAFE}"
    assert lines[4] == (f"| 1 | &#60;i&#62;党支部&#60;/i&#62; | 学习 | 每月1次 |  |  | {EVIL_SAFE} | "
                        f"{EVIL_DOC_SAFE} > 一、&#96;标题&#96; |")


def test_checklist_markdown_escapes_text_and_names():
    out = checklist_markdown(evil_records(), title="<h1>标题</h1>")
    assert out.splitlines() == [
        "# &#60;h1&#62;标题&#60;/h1&#62;", "", "## &#60;i&#62;党支部&#60;/i&#62;", "", "### 每月", "",
        f"- [ ] 学习 — 每月1次 (原文: “{EVIL_SAFE}”; 出处: {EVIL_DOC_SAFE} > 一、&#96;标题&#96;)",
    ]


def test_diff_markdown_escapes_file_names_and_text():
    old, new = evil_records(), []
    md = diff_markdown(diff_records(old, new), "<old>.txt", "[new](x).txt")
    assert md.splitlines()[0] == "# 履职清单对比：&#60;old&#62;.txt → &#91;new&#93;&#40;x&#41;.txt"
    assert "<img" not in md and "](http" not in md


def test_audit_markdown_escapes_file_names():
    md = audit_markdown([], "<list>.txt", "`report`.txt")
    assert md.splitlines()[0] == "# 履职情况审核：&#96;report&#96;.txt 对照 &#60;list&#62;.txt"


# --- 出处 and 序号 --------------------------------------------------------------------------

TABLE_TEXT = "\n".join([
    TITLE,
    "一、理论学习",
    "序号\t工作任务\t工作要求\t责任主体\t完成时限",
    "1\t理论学习\t每月组织集中学习不少于1次；全年不少于12次\t党支部书记\t全年",
    "2\t讲党课\t为党员讲党课不少于2次\t党支部书记\t11月底前",
    "二、组织生活",
    "按时召开组织生活会。",
])


def at(fragment: str) -> int:
    return TABLE_TEXT.index(fragment)


@pytest.mark.parametrize("fragment, expected", [
    pytest.param(TITLE, Place(paragraph=1), id="title-is-paragraph-1"),
    pytest.param("序号", Place(table=1, row=0), id="header-row"),
    pytest.param("每月组织", Place(table=1, row=1, number=1), id="row-1"),
    pytest.param("为党员", Place(table=1, row=2, number=2), id="row-2"),
    pytest.param("按时召开", Place(paragraph=4), id="paragraph-after-the-table"),
])
def test_locator_places(fragment, expected):
    assert Locator(TABLE_TEXT).place(at(fragment)) == expected


def test_locator_without_header_counts_rows_from_the_first():
    text = "标题\n3\t学习\t每月1次\n4\t党课\t每年2次"
    assert [Locator(text).place(text.index(s)) for s in ("学习", "党课")] == [
        Place(table=1, row=1, number=3), Place(table=1, row=2, number=4)]


def test_ledger_entries_name_title_section_and_row_and_follow_the_table_numbering():
    records = [
        record("每月组织集中学习不少于1次", n=1, start=at("每月组织"), section=["一、理论学习"]),
        record("全年不少于12次", n=2, start=at("全年不少于12次"), section=["一、理论学习"]),
        record("为党员讲党课不少于2次", n=3, start=at("为党员"), section=["一、理论学习"]),
        record("按时召开组织生活会", n=4, start=at("按时召开"), section=["二、组织生活"]),
    ]
    assert ledger_entries(records, TABLE_TEXT) == [
        ("1-1", f"{TITLE} > 一、理论学习 > 表1 第1行"),
        ("1-2", f"{TITLE} > 一、理论学习 > 表1 第1行"),
        ("2", f"{TITLE} > 一、理论学习 > 表1 第2行"),
        ("4", f"{TITLE} > 二、组织生活 > 第4段"),
    ]


def test_ledger_index_is_a_number_when_no_row_gives_two_duties():
    """Only a document whose indexes include a pair (1-1) has them as text: a column of one kind."""
    records = [
        record("为党员讲党课不少于2次", n=1, start=at("为党员"), section=["一、理论学习"]),
        record("按时召开组织生活会", n=2, start=at("按时召开"), section=["二、组织生活"]),
    ]
    assert [type(index) for index, _ in ledger_entries(records, TABLE_TEXT)] == [int, int]


def test_ledger_source_without_title_names_the_file():
    rec = record("按时召开组织生活会", doc="支部清单", list_title=None, section=["二、组织生活"])
    assert ledger_entries([rec]) == [(1, "支部清单 > 二、组织生活")]


def test_csv_counts_are_integers_and_values_chinese(tmp_path):
    rec = record("每季度至少开展1次主题党日", actor="党支部", action="开展主题党日",
                 frequency=Frequency(min=1.0, unit="次", period="quarter"))
    buf = io.StringIO()
    write_records([rec], "csv", buf)
    row = read_csv(buf.getvalue())[0]
    picked = {k: row[k] for k in ("类型", "频次", "最少次数", "频次周期", "全年最少次数")}
    assert picked == {"类型": "义务", "频次": "每季度不少于1次", "最少次数": "1", "频次周期": "每季度",
                      "全年最少次数": "4"}


# --- the command line's language ------------------------------------------------------------


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("QINGDAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG")}
    environ.update(env)
    return subprocess.run([str(QINGDAN), *args], capture_output=True, text=True, env=environ, check=False)


@pytest.mark.parametrize("env, expected", [
    pytest.param({}, ["用法：qingdan extract", "提取每一项职责为记录", "╭─ 参数", "╭─ 选项", "显示本帮助并退出。"],
                 id="zh-by-default"),
    pytest.param({"QINGDAN_LANG": "zh"}, ["用法：qingdan extract", "显示本帮助并退出。"], id="zh-asked"),
    pytest.param({"LANG": "zh_CN.UTF-8"}, ["用法：qingdan extract", "显示本帮助并退出。"], id="zh-locale"),
    pytest.param({"QINGDAN_LANG": "en"}, ["Usage: qingdan extract", "Extract every duty into records",
                                          "╭─ Arguments", "╭─ Options", "Show this message and exit."], id="en-asked"),
    pytest.param({"LANG": "en_US.UTF-8"}, ["Usage: qingdan extract", "Show this message and exit."],
                 id="en-locale"),
    pytest.param({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, ["Usage: qingdan extract"],
                 id="lc-all-wins"),
])
def test_extract_help_language(env, expected):
    proc = run("extract", "--help", COLUMNS="200", **env)
    assert proc.returncode == 0, proc.stderr
    assert [word for word in expected if word not in proc.stdout] == []


@pytest.mark.parametrize("args, env, expected", [
    pytest.param(["extract"], {}, "缺少参数 'paths'。", id="missing-argument-zh"),
    pytest.param(["extract", "--bogus", "x"], {}, "没有选项：--bogus", id="unknown-option-zh"),
    pytest.param(["nope"], {}, "没有命令 'nope'。", id="unknown-command-zh"),
    pytest.param(["extract"], {"QINGDAN_LANG": "en"}, "Missing argument 'paths'.", id="missing-argument-en"),
    pytest.param(["nope"], {"LANG": "en_US.UTF-8"}, "No such command 'nope'.", id="unknown-command-en"),
])
def test_usage_errors_language(args, env, expected):
    proc = run(*args, COLUMNS="200", **env)
    assert proc.returncode == 2
    assert expected in proc.stderr, proc.stderr


@pytest.mark.parametrize("env, expected", [
    pytest.param({}, "qingdan：", id="zh-prefix"),
    pytest.param({"QINGDAN_LANG": "en"}, "qingdan: ", id="en-prefix"),
])
def test_own_error_prefix(tmp_path, env, expected):
    proc = run("extract", str(tmp_path / "missing.txt"), **env)
    assert proc.returncode == 2
    assert proc.stderr.startswith(expected) and "missing.txt" in proc.stderr
