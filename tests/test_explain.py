"""`qingdan explain` and `explain_document`: every sentence of a document, in order, with the ids
of the duties it gave (as `extract` numbers them) and every decision taken on it; a sentence that
gave no duty names the rule that refused it. Tested on every supported format and on the corpora.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.decisions import ENDING
from extract.explain import explain_document, explain_text
from extract.pipeline import extract_document
from extract.read import read_document
from test_read import HTML_PAGE, chinese_pdf, make_docx

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
CORPUS = (sorted((ROOT / "corpus").glob("*.txt")) + sorted((DATA / "dev2" / "corpus").glob("*"))
          + sorted((DATA / "dev3" / "corpus").glob("*")) + [DATA / "fixtures" / "d90.docx"])


runner = CliRunner()

LIST = """2024年度党支部书记抓基层党建工作责任清单
为加强党支部建设，根据有关规定，制定本清单。
一、组织建设
1.每月召开1次支委会，每少1次扣1分。
2.“七一”前后，组织1次专题党课，开展1次主题党日。
##paidbegin##
3.每季度研究1次，如发生重大问题，及时召开专题会议。
序号\t工作任务\t责任主体\t完成时限
1\t召开专题组织生活会\t组织委员\t6月底前
"""


def _documents(tmp_path: Path) -> list[Path]:
    txt = tmp_path / "list.txt"
    txt.write_text(LIST, encoding="utf-8")
    html = tmp_path / "page.html"
    html.write_text(HTML_PAGE, encoding="utf-8")
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(chinese_pdf("党支部工作清单", "年内讲党课不少于2次，", "其中专题党课1次。"))
    return [txt, make_docx(tmp_path / "list.docx"), pdf, html]


def _check(doc) -> list:
    """The properties every explanation has; returns it."""
    explained = explain_document(doc)
    records = extract_document(doc)
    # effects that say why a sentence gives no duty of its own: a refusal, a merge into the duty
    # before it, a trigger, a role carried to the next sentence (ENDING, filled when the table loads), noise
    why_not = ENDING | {"mask"}
    text = doc.text
    spans = [e.span for e in explained]
    assert spans == sorted(spans), "sentences out of document order"
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), "sentences overlap"
    for entry in explained:
        assert text[entry.span[0]:entry.span[1]] == entry.text
        assert entry.text.strip() == entry.text and entry.text
        if not entry.duties:
            assert {d.effect for d in entry.decisions} & why_not, f"no reason given for {entry.text!r}"
    given = [i for e in explained for i in e.duties]
    assert sorted(given, key=lambda i: int(i.split("#")[1])) == [r.id for r in records], "ids differ from extract's"
    by_id = {r.id: r for r in records}
    for entry in explained:
        for duty in entry.duties:
            s, e = by_id[duty].span
            assert entry.span[0] <= s and e <= entry.span[1], f"{duty} outside its sentence"
    lines, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    for s, e in lines:
        assert any(min(e, b) > max(s, a) for a, b in spans), f"line not accounted for: {text[s:e]!r}"
    return explained


@pytest.mark.parametrize("kind", ["txt", "docx", "pdf", "html"])
def test_every_format_is_accounted_for(tmp_path, kind):
    path = next(p for p in _documents(tmp_path) if p.suffix == f".{kind}")
    _check(read_document(path))


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_every_corpus_document_is_accounted_for(path):
    _check(read_document(path))


def test_what_the_list_says_and_why():
    explained = _check(read_document_text(LIST))
    by_text = {e.text: e for e in explained}

    def rules(text):
        return [d.rule for d in by_text[text].decisions]
    assert rules("2024年度党支部书记抓基层党建工作责任清单")[-1] == "veto.title"
    assert rules("为加强党支部建设，根据有关规定，制定本清单。") == ["veto.preamble"]
    assert rules("一、组织建设") == ["heading.cn_comma", "veto.topic_heading"]
    assert "veto.penalty" in rules("1.每月召开1次支委会，每少1次扣1分。")
    assert rules("##paidbegin##") == ["noise.paywall"]
    dated = by_text["2.“七一”前后，组织1次专题党课，开展1次主题党日。"]
    assert len(dated.duties) == 2 and rules(dated.text).count("deadline.scope") == 2
    conditional = rules("3.每季度研究1次，如发生重大问题，及时召开专题会议。")
    assert conditional.index("condition.if") < conditional.index("scope.condition")
    assert "actor.table_column" in rules("召开专题组织生活会")
    assert rules("序号\t工作任务\t责任主体\t完成时限") == ["veto.table_header"]


def read_document_text(text: str):
    from extract.read import document_from_text

    return document_from_text(text, "list")


def test_decision_spans_lie_in_the_text():
    doc = read_document_text(LIST)
    for entry in explain_document(doc):
        for d in entry.decisions:
            assert d.span is None or 0 <= d.span[0] <= d.span[1] <= len(doc.text)


# --- the command --------------------------------------------------------------------------------


def invoke(*args):
    return runner.invoke(app, ["explain", *map(str, args)])


def test_cli_jsonl_is_the_python_answer(tmp_path):
    path = tmp_path / "list.txt"
    path.write_text(LIST, encoding="utf-8")
    result = invoke(path)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines == [e.model_dump(mode="json") for e in explain_document(read_document(path))]
    assert set(lines[0]) >= {"span", "text", "duties", "decisions"}


def test_cli_text_speaks_chinese(tmp_path):
    path = tmp_path / "list.txt"
    path.write_text(LIST, encoding="utf-8")
    result = invoke(path, "--format", "text")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("文件：list\n【1】0–22　2024年度党支部书记抓基层党建工作责任清单\n")
    assert "　　· 不作职责　〔veto.penalty〕「每少1次扣1分」" in out
    assert "承接时限：7月1日前后　〔deadline.scope〕" in out
    assert "数量：1次　〔num.exact〕" in out
    assert out == explain_text(explain_document(read_document(path))) and "Traceback" not in out


def test_cli_writes_a_file_and_takes_text_from_its_suffix(tmp_path):
    path = tmp_path / "list.txt"
    path.write_text(LIST, encoding="utf-8")
    out = tmp_path / "deep" / "why.txt"
    assert invoke(path, "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("文件：list\n")
    out = tmp_path / "why.jsonl"
    assert invoke(path, "-o", out).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["doc"] == "list"


@pytest.mark.parametrize("make, name", [
    (lambda tmp: tmp / "missing.txt", "missing.txt"),
    (lambda tmp: (tmp / "empty.txt").write_bytes(b"") and tmp / "empty.txt" or tmp / "empty.txt", "empty.txt"),
    (lambda tmp: (tmp / "x.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") and tmp / "x.doc", "x.doc"),
    (lambda tmp: (tmp / "bad.docx").write_bytes(b"PK\x03\x04 broken") and tmp / "bad.docx", "bad.docx"),
], ids=["missing", "empty", "unsupported", "corrupt"])
def test_cli_bad_input_is_one_line_and_exit_2(tmp_path, make, name):
    good = tmp_path / "good.txt"
    good.write_text(LIST, encoding="utf-8")
    result = invoke(make(tmp_path), good)
    assert result.exit_code == 2, result.output
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and errors[0].startswith("qingdan：") and name in errors[0]
    assert "Traceback" not in result.output
    assert json.loads(result.stdout.splitlines()[0])["doc"] == "good", "the good file is still explained"


def test_cli_unknown_format_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.setenv("QINGDAN_LANG", "en")
    path = tmp_path / "list.txt"
    path.write_text(LIST, encoding="utf-8")
    result = invoke(path, "--format", "xml")
    assert result.exit_code == 2
    assert result.stderr.startswith("qingdan: unknown format 'xml'")
