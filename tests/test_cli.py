"""End to end: the `qingdan` command on the seed corpus, every output format, every bad input."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract import batch
from extract.cli import app
from extract.export import FORMATS
from extract.read import read_document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "corpus").glob("*.txt"))
D90 = ROOT / "tests" / "data" / "fixtures" / "d90.docx"
QINGDAN = Path(sys.executable).with_name("qingdan")
LEDGER_HEADER = ["序号", "责任主体", "工作任务", "频次", "完成时限", "条件", "原文", "出处"]
XLSX_HEADER = LEDGER_HEADER + ["文件", "编号", "起始位置", "结束位置"]
HEAVY = ("pandas", "openpyxl", "spacy", "jieba", "docx", "pypdf", "bs4")

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def file_text(path: Path) -> str:
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def jsonl_records(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def assert_spans_trace(records: list[dict], text: str) -> None:
    for rec in records:
        start, end = rec["span"]
        assert rec["text"] == text[start:end], rec["id"]


NOTES = ("[", "完成：", "未读取")


@pytest.fixture(autouse=True)
def chinese(monkeypatch):
    """The default language, whatever the machine's locale."""
    monkeypatch.setenv("QINGDAN_LANG", "zh")


def progress_line(line: str) -> bool:
    """Progress ([3/20] name: n duties), what a folder held that was not read (未读取...) and the
    closing summary (完成：...) are not errors."""
    body = line[len("qingdan"):].lstrip(":： ") if line.startswith("qingdan") else line
    return body.startswith(NOTES)


def assert_one_error(result, name: str) -> None:
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.strip().splitlines() if not progress_line(line)]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("qingdan：") and name in lines[0]
    assert "Traceback" not in result.output and "Traceback" not in result.stderr


# --- the public contract ------------------------------------------------------


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem[:3] for p in CORPUS])
def test_extract_jsonl_contract_subprocess(path):
    """The scorer's call: `qingdan extract FILE --format jsonl`, one record per line, Chinese unescaped."""
    proc = subprocess.run([str(QINGDAN), "extract", str(path), "--format", "jsonl"],
                          capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    out = proc.stdout.decode("utf-8")
    records = jsonl_records(out)
    assert records and len(records) == len(out.splitlines())
    assert "\\u" not in out
    assert [r["id"] for r in records] == [f"{path.stem}#{n}" for n in range(1, len(records) + 1)]
    assert {r["doc"] for r in records} == {path.stem}
    assert_spans_trace(records, file_text(path))


def test_extract_is_deterministic():
    first = invoke("extract", *CORPUS)
    second = invoke("extract", *CORPUS)
    assert first.exit_code == 0 and first.stdout_bytes == second.stdout_bytes


def test_extract_folder_is_every_file_sorted():
    result = invoke("extract", ROOT / "corpus")
    assert result.exit_code == 0, result.output
    docs = list(dict.fromkeys(r["doc"] for r in jsonl_records(result.stdout)))
    assert docs == [p.stem for p in CORPUS]


# --- every format -----------------------------------------------------------------


def check_jsonl(data: bytes) -> None:
    records = jsonl_records(data.decode("utf-8"))
    assert records
    assert_spans_trace(records, file_text(CORPUS[0]))


def check_json(data: bytes) -> None:
    records = json.loads(data.decode("utf-8"))
    assert isinstance(records, list) and records
    assert_spans_trace(records, file_text(CORPUS[0]))


def check_csv(data: bytes) -> None:
    import pandas as pd

    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert len(frame) > 0 and {"文件", "起始位置", "结束位置", "原文", "工作任务"} <= set(frame.columns)


def check_md(data: bytes) -> None:
    text = data.decode("utf-8")
    assert "| " + " | ".join(LEDGER_HEADER) + " |" in text
    assert "| --- |" in text


CHECKS = {"jsonl": check_jsonl, "json": check_json, "csv": check_csv, "md": check_md}


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "md"])
def test_format_to_stdout(fmt):
    result = invoke("extract", CORPUS[0], "--format", fmt)
    assert result.exit_code == 0, result.output
    CHECKS[fmt](result.stdout_bytes)


@pytest.mark.parametrize("fmt", FORMATS)
def test_format_to_file(tmp_path, fmt):
    out = tmp_path / f"records.{fmt}"
    result = invoke("extract", CORPUS[0], "--format", fmt, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    data = out.read_bytes()
    if fmt == "xlsx":
        assert_ledger_xlsx(out)
    else:
        CHECKS[fmt](data)
    if fmt == "csv":
        assert data.startswith(b"\xef\xbb\xbf")


def assert_ledger_xlsx(path: Path, min_rows: int = 2) -> list[tuple]:
    from openpyxl import load_workbook

    rows = list(load_workbook(path, read_only=True).active.iter_rows(values_only=True))
    assert list(rows[0]) == XLSX_HEADER
    assert len(rows) >= min_rows
    return rows


def test_xlsx_is_deterministic(tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    invoke("extract", CORPUS[0], "-o", a)
    invoke("extract", CORPUS[0], "-o", b)
    assert a.read_bytes() == b.read_bytes()


def test_output_suffix_picks_format_and_parents_are_created(tmp_path):
    out = tmp_path / "outputs" / "nested" / "ledger.xlsx"
    result = invoke("extract", ROOT / "corpus", "-o", out)
    assert result.exit_code == 0, result.output
    rows = assert_ledger_xlsx(out)
    whole = invoke("extract", ROOT / "corpus")
    assert len(rows) - 1 == len(jsonl_records(whole.stdout))


@pytest.mark.parametrize("spelling", ["trailing-slash", "existing-folder"])
def test_folder_output_writes_one_file_per_input(tmp_path, spelling):
    folder = tmp_path / "per"
    if spelling == "existing-folder":
        folder.mkdir()
        target = str(folder)
    else:
        target = str(folder) + "/"
    result = invoke("extract", ROOT / "corpus", D90, "--format", "json", "-o", target)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([f"{p.stem}.json" for p in CORPUS] + ["d90.json"])
    for path in CORPUS:
        records = json.loads((folder / f"{path.stem}.json").read_text(encoding="utf-8"))
        assert_spans_trace(records, file_text(path))


def test_output_names_disambiguate_equal_stems():
    names = batch.output_names([Path("a/x.txt"), Path("b/x.docx"), Path("c/y.pdf")], "md")
    assert list(names.values()) == ["x.md", "x-2.md", "y.md"]


# --- bad options ------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["extract", "checklist"])
def test_unknown_format_is_exit_2(command):
    result = invoke(command, CORPUS[0], "--format", "xml")
    assert result.exit_code == 2
    assert "未知的格式 xml" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("command", ["extract", "checklist"])
def test_xlsx_needs_an_output_file(command):
    result = invoke(command, CORPUS[0], "--format", "xlsx")
    assert result.exit_code == 2
    assert "-o" in result.stderr and result.stdout == ""


# --- bad input -------------------------------------------------------------------------

BAD_INPUTS = {
    "missing": ("missing.txt", None),
    "unsupported-xlsx": ("sheet.xlsx", b"PK\x03\x04 not really a workbook"),
    "binary": ("blob.txt", bytes(range(256)) * 4),
    "docx-not-a-zip": ("fake.docx", b"this is not a zip archive"),
    "corrupt-pdf": ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage"),
    "empty": ("empty.txt", b""),
    "blank": ("blank.txt", b" \n\t\n"),
    "invalid-utf8": ("undecodable.txt", b"abc\xff\xff\xff\x80 \xc3\x28"),
    "folder-without-documents": ("nothing-here", "folder"),
}


def make_bad(tmp_path: Path, kind: str) -> Path:
    name, content = BAD_INPUTS[kind]
    path = tmp_path / name
    if content == "folder":
        path.mkdir()
        (path / "notes.xlsx").write_bytes(b"x")
    elif content is not None:
        path.write_bytes(content)
    return path


@pytest.mark.parametrize("kind", BAD_INPUTS)
def test_bad_input_is_one_line_and_exit_2(tmp_path, kind):
    path = make_bad(tmp_path, kind)
    result = invoke("extract", path)
    assert_one_error(result, path.name)
    assert result.stdout == ""


@pytest.mark.parametrize("kind", [k for k in BAD_INPUTS if k != "folder-without-documents"])
def test_bad_input_text_command(tmp_path, kind):
    path = make_bad(tmp_path, kind)
    result = invoke("text", path)
    assert_one_error(result, path.name)


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "xlsx", "md"])
def test_batch_good_bad_good_keeps_the_good(tmp_path, fmt):
    bad = make_bad(tmp_path, "docx-not-a-zip")
    out = tmp_path / f"all.{fmt}"
    result = invoke("extract", CORPUS[0], bad, CORPUS[1], "--format", fmt, "-o", out)
    assert_one_error(result, bad.name)
    expected = {p.stem for p in CORPUS[:2]}
    if fmt == "jsonl":
        docs = {r["doc"] for r in jsonl_records(out.read_text(encoding="utf-8"))}
    elif fmt == "json":
        docs = {r["doc"] for r in json.loads(out.read_text(encoding="utf-8"))}
    elif fmt == "csv":
        docs = {row["文件"] for row in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))}
    elif fmt == "xlsx":
        docs = {row[8] for row in assert_ledger_xlsx(out)[1:]}
    else:
        docs = {line[3:].split(" / ")[0] for line in out.read_text(encoding="utf-8").splitlines()
                if line.startswith("## ")}
    assert docs == expected


def test_batch_to_stdout_keeps_the_good(tmp_path):
    bad = make_bad(tmp_path, "missing")
    result = invoke("extract", CORPUS[0], bad, CORPUS[1])
    assert_one_error(result, bad.name)
    docs = [r["doc"] for r in jsonl_records(result.stdout)]
    assert list(dict.fromkeys(docs)) == [p.stem for p in CORPUS[:2]]


def test_unexpected_error_in_one_file_is_one_line(monkeypatch):
    import extract.pipeline

    real = extract.pipeline.extract_document

    def flaky(document):
        if document.doc_id == CORPUS[1].stem:
            raise RuntimeError("boom\nsecond line")
        return real(document)

    monkeypatch.setattr(extract.pipeline, "extract_document", flaky)
    result = invoke("extract", *CORPUS[:3])
    assert_one_error(result, CORPUS[1].name)
    assert "boom" in result.stderr
    docs = {r["doc"] for r in jsonl_records(result.stdout)}
    assert docs == {CORPUS[0].stem, CORPUS[2].stem}


def test_unwritable_output_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = invoke("extract", CORPUS[0], "-o", blocker / "sub" / "out.jsonl")
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


# --- text, checklist, schema ------------------------------------------------------------


@pytest.mark.parametrize("path", CORPUS[:2], ids=[p.stem[:3] for p in CORPUS[:2]])
def test_text_is_the_file_text(path):
    result = invoke("text", path)
    assert result.exit_code == 0
    assert result.stdout_bytes.decode("utf-8") == file_text(path)


def test_text_of_docx_has_its_table_rows():
    result = invoke("text", D90)
    assert result.exit_code == 0
    out = result.stdout_bytes.decode("utf-8")
    assert out == read_document(D90).text
    assert "序号\t工作任务\t工作要求\t责任主体\t完成时限" in out.splitlines()


def test_checklist_markdown():
    result = invoke("checklist", CORPUS[0], "--title", "测试清单")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "# 测试清单"
    assert any(line.startswith("## ") for line in lines)
    assert any(line.startswith("### ") for line in lines)
    assert any(line.startswith("- [ ] ") for line in lines)


def test_checklist_xlsx_and_bad_input(tmp_path):
    bad = make_bad(tmp_path, "empty")
    out = tmp_path / "lists" / "checklist.xlsx"
    result = invoke("checklist", CORPUS[0], bad, "-o", out)
    assert_one_error(result, bad.name)
    from openpyxl import load_workbook

    rows = list(load_workbook(out, read_only=True).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("完成", "责任主体", "周期") and len(rows) > 1


def test_checklist_folder_output(tmp_path):
    result = invoke("checklist", *CORPUS[:2], "-o", str(tmp_path / "lists") + "/")
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "lists").iterdir()) == sorted(f"{p.stem}.md" for p in CORPUS[:2])


def test_schema_is_valid_and_validates_records():
    from jsonschema import Draft202012Validator

    result = invoke("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    records = jsonl_records(invoke("extract", *CORPUS).stdout)
    assert records
    for rec in records:
        validator.validate(rec)
    with pytest.raises(Exception):
        validator.validate({"doc": "x"})
    assert result.stdout.startswith("{\n  ")


# --- help and start-up ----------------------------------------------------------------------


def test_help_lists_the_commands():
    proc = subprocess.run([str(QINGDAN), "--help"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0
    for command in ("extract", "text", "checklist", "schema"):
        assert command in proc.stdout


def test_cli_import_is_light():
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", "import extract.cli"],
                          capture_output=True, text=True, check=True)
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in proc.stderr.splitlines()}
    assert not imported & set(HEAVY)


def test_library_call_without_the_cli(tmp_path):
    messages = []
    out = tmp_path / "x.jsonl"
    code = batch.run_extract([CORPUS[0], tmp_path / "missing.txt"], "jsonl", out, report=messages.append)
    errors = [m for m in messages if not progress_line(m)]
    assert code == 2 and len(errors) == 1 and "missing.txt" in errors[0]
    assert_spans_trace(jsonl_records(out.read_text(encoding="utf-8")), file_text(CORPUS[0]))
    with pytest.raises(batch.UsageError):
        batch.run_extract([CORPUS[0]], "xml", None)
