"""Large batches: parallel workers change nothing but speed, a killed batch keeps every
finished file in a valid partial output (the output itself untouched), and --resume
completes it byte for byte."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extract.batch import run_extract

ROOT = Path(__file__).parents[1]
CORPUS = sorted((ROOT / "corpus").glob("*.txt"))
QINGDAN = [sys.executable, "-m", "extract.cli"]


@pytest.fixture()
def folder(tmp_path):
    """Twenty documents made from the seeds, each a little different, and one broken file."""
    src = tmp_path / "in"
    src.mkdir()
    for n in range(20):
        text = CORPUS[n % len(CORPUS)].read_text(encoding="utf-8")
        (src / f"doc{n:02d}.txt").write_text(text.replace("2次", f"{n % 4 + 2}次"), encoding="utf-8")
    (src / "zz_broken.txt").write_bytes(b"\x00\x01\x02 not text")
    return src


def _quiet(_message: str) -> None:
    pass


@pytest.fixture(autouse=True)
def chinese(monkeypatch):
    """The default language, whatever the machine's locale."""
    monkeypatch.setenv("QINGDAN_LANG", "zh")


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "md"])
def test_two_workers_write_the_same_bytes_as_one(folder, tmp_path, fmt):
    one, two = tmp_path / f"one.{fmt}", tmp_path / f"two.{fmt}"
    assert run_extract([folder], fmt, one, report=_quiet, workers=1, progress=False) == 2
    assert run_extract([folder], fmt, two, report=_quiet, workers=2, progress=False) == 2
    assert one.read_bytes() == two.read_bytes()
    assert one.stat().st_size > 0


def test_run_twice_is_byte_identical(folder, tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    run_extract([folder], "jsonl", a, report=_quiet, progress=False)
    run_extract([folder], "jsonl", b, report=_quiet, progress=False)
    assert a.read_bytes() == b.read_bytes()


def test_errors_report_names_each_failed_file(folder, tmp_path):
    out = tmp_path / "out.jsonl"
    messages = []
    assert run_extract([folder], "jsonl", out, report=messages.append) == 2
    report = [json.loads(line) for line in (tmp_path / "out.jsonl.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(Path(r["file"]).name, r["kind"]) for r in report] == [("zz_broken.txt", "binary")]
    assert any(m.startswith("完成：21个文件") for m in messages)


def test_csv_stream_has_one_header_and_a_bom(folder, tmp_path):
    out = tmp_path / "out.csv"
    run_extract([folder], "csv", out, report=_quiet, progress=False)
    data = out.read_bytes()
    assert data.startswith("\ufeff".encode("utf-8"))
    assert data.count("序号,责任主体,工作任务".encode("utf-8")) == 1


def test_resume_needs_a_streamable_file(folder, tmp_path):
    from extract.batch import UsageError

    with pytest.raises(UsageError):
        run_extract([folder], "json", tmp_path / "out.json", report=_quiet, resume=True)


def _env():
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


@pytest.mark.parametrize("workers", ["1", "2"], ids=["one-process", "two-workers"])
def test_killed_batch_keeps_finished_files_and_resume_completes_it(folder, tmp_path, workers):
    big = tmp_path / "big"
    shutil.copytree(folder, big)
    for n in range(20, 80):
        shutil.copy(folder / f"doc{n % 20:02d}.txt", big / f"doc{n:02d}.txt")
    clean, out = tmp_path / "clean.jsonl", tmp_path / "out.jsonl"
    run_extract([big], "jsonl", clean, report=_quiet, progress=False)

    proc = subprocess.Popen(QINGDAN + ["extract", str(big), "-o", str(out), "--progress", "--workers", workers],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=_env(), cwd=tmp_path)
    progress_file, partial = Path(f"{out}.progress"), Path(f"{out}.partial")
    while True:  # wait until a few documents are written, then kill without warning
        if progress_file.exists() and progress_file.read_text(encoding="utf-8").count("\n") >= 5:
            break
        assert proc.poll() is None, "the batch finished before it could be interrupted"
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    assert not out.exists()  # only a finished batch becomes the output
    lines = partial.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]  # every line is whole JSON
    written = {r["doc"] for r in records}
    done = [json.loads(x)["file"] for x in progress_file.read_text(encoding="utf-8").splitlines()]
    assert {Path(f).stem for f in done} <= written
    assert 0 < len(done) < 80

    result = subprocess.run(QINGDAN + ["extract", str(big), "-o", str(out), "--resume", "--no-progress"],
                            capture_output=True, env=_env(), cwd=tmp_path)
    assert result.returncode == 2  # the broken file is still broken
    assert out.read_bytes() == clean.read_bytes()
    assert not list(tmp_path.glob(".out.jsonl.*.parts"))  # the workers' part files of the killed run are gone
    assert not progress_file.exists() and not partial.exists()  # a finished run leaves only its output


def test_workers_output_without_sendfile_is_the_same(folder, tmp_path, monkeypatch):
    """Where the kernel cannot copy between the files, the parent copies the part files itself."""
    from extract import stream

    files = sorted(folder.glob("doc0*.txt"))
    stream.stream_to_file(files, "jsonl", tmp_path / "one.jsonl", workers=1, progress=False)

    def refuse(*args):
        raise OSError("sendfile refused on purpose")
    monkeypatch.setattr(stream.os, "sendfile", refuse)
    stream.stream_to_file(files, "jsonl", tmp_path / "two.jsonl", workers=2, progress=False)
    assert (tmp_path / "two.jsonl").read_bytes() == (tmp_path / "one.jsonl").read_bytes()
    assert not list(tmp_path.glob(".two.jsonl.*.parts"))


@pytest.mark.parametrize("fmt", ["jsonl", "xlsx"], ids=["streamed", "written-at-the-end"])
def test_summary_counts_the_seconds(folder, tmp_path, fmt):
    """The closing summary gives the time the batch took, for formats written at the end too
    (an xlsx batch used to report 0.0 s)."""
    lines: list[str] = []
    run_extract([folder], fmt, tmp_path / f"out.{fmt}", report=lines.append)
    done = [line for line in lines if line.startswith("完成：")]
    assert len(done) == 1
    assert float(done[0].rsplit("用时", 1)[1].rstrip("秒")) > 0


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "md"])
def test_a_block_written_as_records_come_is_the_block(tmp_path, monkeypatch, fmt):
    """A document's block written to its part file in batches (so a long document's records are
    never all in memory) has the bytes of the block rendered at once."""
    from extract import stream
    from extract.pipeline import extract_document, iter_records
    from extract.read import read_document

    document = read_document(ROOT / "tests" / "data" / "fixtures" / "d90.docx")
    monkeypatch.setattr(stream, "PART_BATCH", 3)
    part, count = stream.write_part(iter_records(document), fmt, document, tmp_path)
    records = extract_document(document)
    assert count == len(records) > 3
    assert part.read_bytes() == stream.render_block(records, fmt, header=False, document=document).encode("utf-8")
