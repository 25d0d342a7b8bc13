"""The diff report in every format, on the development pair dev_old.txt → dev_new.txt."""
from __future__ import annotations

import io
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from extract import compare, diff_html, diff_report, batch_diff
from extract.diff import diff_records
from extract.diff_report import DIFF_FORMATS, diff_html as render_html, diff_markdown, write_diff
from extract.labels import section_labels
from extract.pipeline import extract_duties
from extract.rules import RuleFileError

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests" / "data" / "pairs"
OLD, NEW = PAIRS / "dev_old.txt", PAIRS / "dev_new.txt"
STATUS_HEADINGS = ("修改", "新增", "删除", "未变")


@pytest.fixture(scope="module")
def records():
    return extract_duties(OLD), extract_duties(NEW)


@pytest.fixture(scope="module")
def items(records):
    return diff_records(*records)


def rendered(items, fmt: str, tmp_path: Path) -> Path:
    out = tmp_path / f"diff.{fmt}"
    write_diff(items, fmt, out, OLD.name, NEW.name)
    return out


def item_block(md: str, action: str) -> str:
    """The Markdown of the changed item whose heading names the action."""
    blocks = re.split(r"\n(?=### )", md)
    return next(b for b in blocks if b.startswith("### ") and action in b.splitlines()[0])


# --- jsonl: the public contract -----------------------------------------------------


def test_jsonl_every_duty_in_exactly_one_item(items, records, tmp_path):
    lines = rendered(items, "jsonl", tmp_path).read_text(encoding="utf-8").splitlines()
    data = [json.loads(line) for line in lines]
    assert len(data) == len(items)
    old_ids = Counter(d["old"]["id"] for d in data if d["old"])
    new_ids = Counter(d["new"]["id"] for d in data if d["new"])
    assert old_ids == Counter(r.id for r in records[0])
    assert new_ids == Counter(r.id for r in records[1])
    assert set(old_ids.values()) == set(new_ids.values()) == {1}


def test_jsonl_fields_and_whole_counts(items, tmp_path):
    text = rendered(items, "jsonl", tmp_path).read_text(encoding="utf-8")
    assert "\\u" not in text
    data = [json.loads(line) for line in text.splitlines()]
    for d in data:
        assert {"status", "old", "new", "changes", "similarity"} <= set(d)
        assert d["status"] in ("unchanged", "changed", "added", "removed")
        for side in ("old", "new"):
            freq = (d[side] or {}).get("frequency") or {}
            assert not any(isinstance(freq.get(k), float) and freq[k].is_integer() for k in ("min", "max"))
    raised = [c for d in data for c in d["changes"] if c["field"] == "frequency.min" and c["direction"] == "raised"]
    assert any(c["old"] == 1 and c["new"] == 2 and isinstance(c["new"], int) for c in raised)


def test_jsonl_explanation_only_when_asked(records):
    plain = diff_report.diff_jsonl(diff_records(*records))
    explained = diff_report.diff_jsonl(diff_records(*records, explain=True))
    assert all(json.loads(line)["explanation"] is None for line in plain.splitlines())
    data = [json.loads(line) for line in explained.splitlines()]
    paired = [d for d in data if d["old"] and d["new"]]
    assert paired and all(set(d["explanation"]) == set(diff_report.PARTS) for d in paired)


# --- Markdown ------------------------------------------------------------------------


def test_markdown_has_title_summary_and_four_sections_in_order(items):
    md = diff_markdown(items, OLD.name, NEW.name)
    first = md.splitlines()[0]
    assert first.startswith("# ") and OLD.name in first and NEW.name in first
    assert f"共{len(items)}项" in md
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert [h[3:5] for h in headings] == list(STATUS_HEADINGS)


def test_markdown_shows_the_raised_count_side_by_side(items):
    block = item_block(diff_markdown(items, OLD.name, NEW.name), "听取工作汇报")
    assert "| 最少次数 | 1次 | **2次（提高）** |" in block
    assert "不少于1次 → **每年不少于2次**" in block
    assert "> 旧版（dev_old.txt）：听取工作汇报不少于1次" in block
    assert "> 新版（dev_new.txt）：听取工作汇报不少于2次" in block


def test_markdown_periods_in_words(items):
    block = item_block(diff_markdown(items), "开展专题研讨")
    assert "| 周期 | 每年 | **每季度（提高）** |" in block


def test_markdown_keeps_placeholder_stars_literal(items):
    md = diff_markdown(items)
    assert "科学谋划&#42;&#42;年度" in md
    assert "**年度" not in md


def test_markdown_explanation_column(records):
    md = diff_markdown(diff_records(*records, explain=True))
    assert "相似度构成" in md and "任务 1.00×0.55" in md


# --- HTML ----------------------------------------------------------------------------


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = Counter()
        self.attrs = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        self.attrs += [value or "" for _, value in attrs]


def test_html_is_one_self_contained_page(items, tmp_path):
    page = rendered(items, "html", tmp_path).read_text(encoding="utf-8")
    assert "http" not in page
    assert '<meta charset="utf-8">' in page and '<html lang="zh-CN">' in page
    parser = _Collector()
    parser.feed(page)
    parser.close()
    assert parser.tags["html"] == parser.tags["body"] == parser.tags["style"] == 1
    assert not parser.tags["script"] and not parser.tags["link"] and not parser.tags["img"]
    assert parser.tags["ins"] and parser.tags["del"]
    assert parser.tags["section"] == 4 and parser.tags["article"] == sum(i.status == "changed" for i in items)


def test_html_shows_old_struck_and_new_highlighted(items):
    page = render_html(items, OLD.name, NEW.name)
    assert "<td><del>1次</del></td><td><ins>2次</ins>" in page
    assert "<del>每年不少于1次</del>" in page and "<ins>每年不少于2次</ins>" in page
    assert "@media print" in page


def test_html_escapes_text(items):
    item = next(i for i in items if i.status == "added").model_copy(deep=True)
    item.new.text = "<script>alert(1)</script>&"
    page = render_html([item], "a<b>.txt", "c.txt")
    assert "<script>" not in page and "&lt;script&gt;" in page and "a&lt;b&gt;.txt" in page


# --- xlsx ----------------------------------------------------------------------------


def test_xlsx_one_row_per_item_frozen_bold_header(items, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    ws = openpyxl.load_workbook(rendered(items, "xlsx", tmp_path)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("状态", "责任主体", "工作任务", "变化项", "原值", "新值",
                       "原文（旧版）", "原文（新版）", "所在部分", "相似度")
    assert len(rows) == len(items) + 1
    assert ws.freeze_panes == "A2" and ws["A1"].font.bold
    statuses = {"changed": "修改", "added": "新增", "removed": "删除", "unchanged": "未变"}
    assert [r[0] for r in rows[1:]] == [statuses[i.status] for i in items]
    heard = next(r for r in rows[1:] if r[2] == "听取工作汇报")
    assert heard[3:6] == ("最少次数", "1次", "2次（提高）")
    assert ws.column_dimensions["G"].width > ws.column_dimensions["A"].width


def test_xlsx_is_deterministic(items, tmp_path):
    first, second = io.BytesIO(), io.BytesIO()
    write_diff(items, "xlsx", first)
    write_diff(items, "xlsx", second)
    assert first.getvalue() == second.getvalue()


# --- every format --------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [f for f in DIFF_FORMATS if f != "xlsx"])
def test_text_formats_to_a_stream_equal_the_file(items, tmp_path, fmt):
    stream = io.StringIO()
    write_diff(items, fmt, stream, OLD.name, NEW.name)
    assert stream.getvalue() == rendered(items, fmt, tmp_path).read_text(encoding="utf-8")


def test_unknown_format_is_refused(items):
    with pytest.raises(ValueError, match="unknown format"):
        write_diff(items, "pdf", io.StringIO())


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_empty_diff_renders_every_section(fmt):
    text = diff_report.diff_text([], fmt)
    assert all(word in text for word in STATUS_HEADINGS) and "无。" in text


def test_missing_label_names_labels_yml():
    with pytest.raises(RuleFileError, match=r"labels\.yml.*'nowhere'"):
        section_labels("diff.nowhere", {"x": ()})
    with pytest.raises(RuleFileError, match=r"labels\.yml.*lacks key"):
        section_labels("diff.statuses", {"changed": (), "renamed": ()})


def test_no_chinese_in_the_new_modules():
    for module in (diff_report, diff_html, compare, batch_diff):
        source = Path(module.__file__).read_text(encoding="utf-8")
        assert not re.search(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]", source), module.__name__
