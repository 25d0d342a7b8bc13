"""End to end: `qingdan diff` and `qingdan compare`, scored, on empty and bad inputs."""
from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract import batch_diff
from extract.cli import app

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests" / "data" / "pairs"
OLD, NEW, GOLD = PAIRS / "dev_old.txt", PAIRS / "dev_new.txt", PAIRS / "dev.gold.jsonl"
CORPUS = ROOT / "corpus"
QINGDAN = Path(sys.executable).with_name("qingdan")
HEAVY = ("pandas", "openpyxl", "scipy", "numpy", "spacy", "jieba")

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def statuses(out: str) -> Counter:
    return Counter(json.loads(line)["status"] for line in out.splitlines() if line.strip())


def assert_one_error(result, name: str) -> None:
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.strip().splitlines() if "未读取" not in line]  # notes, not errors
    assert len(lines) == 1 and lines[0].startswith(("qingdan：", "qingdan: ")) and name in lines[0], result.stderr
    assert "Traceback" not in result.output


def load_scorer():
    spec = importlib.util.spec_from_file_location("score_diff", ROOT / "tests" / "eval" / "score_diff.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the scored contract -------------------------------------------------------------


def test_diff_scores_on_the_development_pair(tmp_path, monkeypatch):
    result = invoke("diff", OLD, NEW, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    pred = tmp_path / "pred.jsonl"
    pred.write_text(result.stdout, encoding="utf-8")
    argv = ["score_diff.py", "--gold", str(GOLD), "--old", str(OLD), "--new", str(NEW), "--pred", str(pred),
            "--min-right", "0.9"]
    monkeypatch.setattr(sys, "argv", argv)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = load_scorer().main()
    line = printed.getvalue().strip().splitlines()[-1]
    assert code == 0, line
    right, total = map(int, line.split(": ")[1].split(" ")[0].split("/"))
    assert right / total >= 0.9, line


def test_diff_jsonl_subprocess_is_utf8():
    proc = subprocess.run([str(QINGDAN), "diff", str(OLD), str(NEW)], capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    out = proc.stdout.decode("utf-8")
    assert "\\u" not in out and statuses(out)["changed"] >= 1


def test_identical_documents_are_all_unchanged():
    result = invoke("diff", OLD, OLD)
    assert result.exit_code == 0
    counts = statuses(result.stdout)
    assert set(counts) == {"unchanged"} and counts["unchanged"] > 0


@pytest.mark.parametrize("side", ["empty-old", "empty-new"])
def test_an_empty_side_is_all_added_or_removed(tmp_path, side):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    args, expected = ((empty, NEW), "added") if side == "empty-old" else ((OLD, empty), "removed")
    result = invoke("diff", *args)
    assert result.exit_code == 0 and not result.stderr
    counts = statuses(result.stdout)
    assert set(counts) == {expected} and counts[expected] > 0


def test_blank_file_counts_as_empty(tmp_path):
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\n", encoding="utf-8")
    result = invoke("diff", OLD, blank, "-f", "md")
    assert result.exit_code == 0 and "新增（0项）" in result.stdout


# --- formats and outputs -------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["jsonl", "md", "html", "xlsx"])
def test_format_from_the_output_suffix(tmp_path, fmt):
    out = tmp_path / "sub" / f"report.{fmt}"
    result = invoke("diff", OLD, NEW, "-o", out)
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    first = {"jsonl": b'{"status"', "md": b"# ", "html": b"<!DOCTYPE html>", "xlsx": b"PK"}[fmt]
    assert data.startswith(first)


def test_html_to_stdout():
    result = invoke("diff", OLD, NEW, "--format", "html")
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>") and "<ins>" in result.stdout


def test_explain_adds_the_similarity_parts():
    result = invoke("diff", OLD, NEW, "--explain")
    first = json.loads(result.stdout.splitlines()[0])
    assert first["explanation"]["action"]["weight"] == 0.55
    md = invoke("diff", OLD, NEW, "--explain", "-f", "md").stdout
    assert "相似度构成" in md


def test_xlsx_needs_an_output_file():
    assert_one_error(invoke("diff", OLD, NEW, "-f", "xlsx"), "-o")


def test_unknown_format_is_exit_2(monkeypatch):
    monkeypatch.setenv("QINGDAN_LANG", "en")
    assert_one_error(invoke("diff", OLD, NEW, "-f", "pdf"), "unknown format")


# --- bad input -----------------------------------------------------------------------


def _bad(tmp_path: Path, kind: str) -> Path:
    if kind == "missing":
        return tmp_path / "missing.txt"
    if kind == "unsupported":
        path = tmp_path / "list.xyz"
        path.write_text("x", encoding="utf-8")
        return path
    if kind == "corrupt-docx":
        path = tmp_path / "broken.docx"
        path.write_bytes(b"PK\x03\x04 not really a zip")
        return path
    if kind == "folder":
        return CORPUS
    raise ValueError(kind)


@pytest.mark.parametrize("kind", ["missing", "unsupported", "corrupt-docx", "folder"])
@pytest.mark.parametrize("side", ["old", "new"])
def test_bad_diff_input_is_one_line_and_exit_2(tmp_path, kind, side):
    bad = _bad(tmp_path, kind)
    args = (bad, NEW) if side == "old" else (OLD, bad)
    result = invoke("diff", *args)
    assert_one_error(result, bad.name)
    assert not result.stdout


# --- compare -------------------------------------------------------------------------


def test_compare_folder_to_markdown():
    result = invoke("compare", CORPUS, "-f", "md")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("| 工作任务 |") and lines[1].startswith("| --- |")
    assert any(line.startswith("| 讲党课 |") for line in lines)


def test_compare_csv_file_has_a_bom(tmp_path):
    out = tmp_path / "table.csv"
    assert invoke("compare", CORPUS, "-o", out).exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_compare_xlsx(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "table.xlsx"
    assert invoke("compare", CORPUS, "-o", out).exit_code == 0
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "工作任务" and ws.freeze_panes == "A2"


def test_compare_skips_bad_files_but_writes_the_table(tmp_path):
    out = tmp_path / "table.md"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = invoke("compare", CORPUS, tmp_path / "missing.txt", empty, "-o", out)
    assert_one_error(result, "missing.txt")
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert "| empty |" in header and "missing" not in header


def test_compare_xlsx_needs_an_output_file():
    assert_one_error(invoke("compare", CORPUS, "-f", "xlsx"), "-o")


def test_library_call_without_the_cli(tmp_path):
    messages = []
    code = batch_diff.run_diff(OLD, tmp_path / "nope.txt", "md", tmp_path / "d.md", report=messages.append)
    assert code == 2 and len(messages) == 1 and "nope.txt" in messages[0]
    assert not (tmp_path / "d.md").exists()
    assert batch_diff.run_compare([CORPUS], "md", tmp_path / "c.md", report=messages.append) == 0


# --- start-up ------------------------------------------------------------------------


def test_help_lists_diff_and_compare():
    proc = subprocess.run([str(QINGDAN), "--help"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and "diff" in proc.stdout and "compare" in proc.stdout


def test_cli_import_stays_light():
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", "import extract.cli"],
                          capture_output=True, text=True, check=True)
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in proc.stderr.splitlines()}
    assert not imported & set(HEAVY)
