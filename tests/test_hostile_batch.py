"""Hostile batches (issue 9 items 1, 5, 8, 9, 12): folders full of what offices keep, file names
that are not UTF-8, outputs that name an input, full disks, two runs on one output, a changed
input under --resume, too many workers and a parent killed under its workers. Every file is
built by the tests."""
from __future__ import annotations

import errno
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extract import stream
from extract.batch import UsageError, run_extract
from extract.outputs_io import OutputRefused, claim_output, lock_path, shown
from extract.read import SUPPORTED_SUFFIXES

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "corpus").glob("*.txt"))
PAIRS = ROOT / "tests" / "data" / "pairs"
AUDIT = ROOT / "tests" / "data" / "audit"
QINGDAN = [sys.executable, "-m", "extract.cli"]
GOOD = "各党支部每月召开1次支委会。\n党委每年听取1次党支部书记述职。\n"
GBK_NAME = "测试清单".encode("gbk") + b".txt"


@pytest.fixture(autouse=True)
def chinese(monkeypatch):
    """The default language, whatever the machine's locale."""
    monkeypatch.setenv("QINGDAN_LANG", "zh")


def _env(**extra):
    env = dict(os.environ, QINGDAN_LANG="zh", PYTHONDONTWRITEBYTECODE="1", **extra)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _leftovers(folder: Path) -> list[str]:
    """What a run must not leave beside its outputs: temp files, locks, partial and progress files."""
    return sorted(p.name for p in folder.iterdir()
                  if p.name.endswith((".tmp", ".lock", ".partial", ".progress")) or p.name.endswith(".parts"))


def _report(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --- item 1: a folder never skips a file silently ------------------------------------------


def _plain(name: str, data: bytes = b"not a document"):
    def build(folder: Path) -> str:
        (folder / name).write_bytes(data)
        return name
    return build


def _broken_link(folder: Path) -> str:
    (folder / "gone.txt").symlink_to(folder / "never-there.txt")
    return "gone.txt"


def _fifo(folder: Path) -> str:
    os.mkfifo(folder / "pipe.txt")
    return "pipe.txt"


def _socket(folder: Path) -> str:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "s.txt"))
    sock.close()
    return "s.txt"


def _locked_folder(folder: Path) -> str:
    (folder / "locked").mkdir()
    (folder / "locked" / "inside.txt").write_text(GOOD, encoding="utf-8")
    os.chmod(folder / "locked", 0)
    return "locked"


def _same_file(folder: Path) -> str:
    (folder / "zz-link.txt").symlink_to(folder / "good.txt")
    return "zz-link.txt"


def _hidden_folder(folder: Path) -> str:
    (folder / ".git").mkdir()
    (folder / ".git" / "notes.txt").write_text(GOOD, encoding="utf-8")
    return ".git"


def _expected_kind(name: str, kind: str) -> tuple[str, str]:
    """An office file whose suffix the reader learns (LibreOffice present) is read, so it cannot
    be skipped: then it fails as bad input (these bytes are no document) and is still listed."""
    if kind == "unsupported" and Path(name).suffix in SUPPORTED_SUFFIXES:
        return "failed", ""
    return "skipped", kind


NOT_READ = [
    pytest.param(_plain("old.doc", b"\xd0\xcf\x11\xe0 not really"), "unsupported", id="word-97-doc"),
    pytest.param(_plain("draft.wps"), "unsupported", id="wps-document"),
    pytest.param(_plain("sheet.et"), "unsupported", id="wps-spreadsheet"),
    pytest.param(_plain("tasks.xls"), "unsupported", id="excel-97-xls"),
    pytest.param(_plain("scan.png", b"\x89PNG\r\n\x1a\n"), "unsupported", id="image"),
    pytest.param(_plain("README"), "unsupported", id="no-extension"),
    pytest.param(_plain(".secret.txt", GOOD.encode()), "hidden", id="hidden-file"),
    pytest.param(_hidden_folder, "hidden", id="hidden-folder"),
    pytest.param(_plain("~$list.docx"), "lock_file", id="office-lock-file"),
    pytest.param(_broken_link, "broken_link", id="broken-link"),
    pytest.param(_fifo, "special", id="fifo"),
    pytest.param(_socket, "special", id="socket"),
    pytest.param(_same_file, "duplicate", id="link-to-a-file-read-already"),
    pytest.param(_locked_folder, "unreadable_folder", id="unreadable-folder",
                 marks=pytest.mark.skipif(os.geteuid() == 0, reason="root opens a chmod 000 folder")),
]


@pytest.mark.parametrize("build,kind", NOT_READ)
def test_every_entry_not_read_is_listed_with_its_reason(tmp_path, build, kind):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    name = build(folder)
    out, messages = tmp_path / "out.jsonl", []
    code = run_extract([folder], "jsonl", out, report=messages.append)
    status, want = _expected_kind(name, kind)
    entries = [{k: e[k] for k in ("file", "status", "kind")} for e in _report(Path(f"{out}.errors.jsonl"))]
    if status == "skipped":
        assert code == 0
        assert entries == [{"file": str(folder / name), "status": "skipped", "kind": kind}]
        assert any(m.startswith("未读取1个文件") and name in m for m in messages), messages
        assert messages[-1].endswith(f"另有1个文件未读取（见 {out}.errors.jsonl）")
    else:
        assert code == 2 and [(e["file"], e["status"]) for e in entries] == [(str(folder / name), "failed")]
    assert {json.loads(line)["doc"] for line in out.read_text(encoding="utf-8").splitlines()} == {"good"}
    os.chmod(folder, 0o755)
    if (folder / "locked").exists():
        os.chmod(folder / "locked", 0o755)


def test_many_entries_not_read_are_grouped_by_reason(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    for n in range(7):
        (folder / f"scan{n}.jpg").write_bytes(b"\xff\xd8")
    (folder / "~$good.docx").write_bytes(b"x")
    messages: list[str] = []
    run_extract([folder], "jsonl", tmp_path / "out.jsonl", report=messages.append, progress=False)
    notes = [m for m in messages if m.startswith("未读取")]
    assert notes == [
        f"未读取7个文件（不支持的文件类型）：{folder}/scan0.jpg、{folder}/scan1.jpg、{folder}/scan2.jpg、"
        f"{folder}/scan3.jpg、{folder}/scan4.jpg等，共7个",
        f"未读取1个文件（Office 锁文件）：{folder}/~$good.docx",
    ]


def test_a_rerun_with_nothing_to_report_removes_the_old_report(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "old.doc").write_bytes(b"x")
    out = tmp_path / "out.jsonl"
    run_extract([folder], "jsonl", out, report=lambda m: None, progress=False)
    assert Path(f"{out}.errors.jsonl").exists()
    (folder / "old.doc").unlink()
    run_extract([folder], "jsonl", out, report=lambda m: None, progress=False)
    assert not Path(f"{out}.errors.jsonl").exists()


# --- item 5: a file name that is not UTF-8 never stops a run --------------------------------


def _bytes_folder(tmp_path: Path, names: dict[bytes, bytes]) -> Path:
    folder = tmp_path / "zip"
    folder.mkdir()
    try:
        for name, data in names.items():
            with open(os.fsencode(folder) + b"/" + name, "wb") as fh:
                fh.write(data)
    except (OSError, UnicodeError) as exc:
        pytest.skip(f"this file system refuses names that are not UTF-8 ({exc})")
    return folder


NAMES = [
    pytest.param(GBK_NAME, "测试清单", id="gbk-name"),
    pytest.param(b"\xff\xfe-list.txt", "\\xff\\xfe-list", id="bytes-neither-utf8-nor-gbk"),
]


@pytest.mark.parametrize("raw,stem", NAMES)
@pytest.mark.parametrize("target", ["stdout", "file"])
def test_name_not_utf8_keeps_every_record_and_the_report(tmp_path, raw, stem, target):
    folder = _bytes_folder(tmp_path, {b"a-good.txt": GOOD.encode(), raw: GOOD.encode(),
                                      "坏".encode("gbk") + b".txt": b"\x00\x01\x02 not text",
                                      "旧".encode("gbk") + b".png": b"x"})
    out = tmp_path / "out.jsonl"
    args = QINGDAN + ["extract", str(folder), "--errors", str(tmp_path / "errors.jsonl")]
    args += ["-o", str(out)] if target == "file" else []
    proc = subprocess.run(args, capture_output=True, env=_env(), cwd=tmp_path)
    assert proc.returncode == 2
    stderr = proc.stderr.decode("utf-8")
    assert "Traceback" not in stderr and f"{folder}/坏.txt" in stderr and f"{folder}/旧.png" in stderr
    data = out.read_bytes() if target == "file" else proc.stdout
    docs = [json.loads(line)["doc"] for line in data.decode("utf-8").splitlines()]
    assert sorted(set(docs)) == sorted({"a-good", stem})
    report = {(e["file"], e["status"]) for e in _report(tmp_path / "errors.jsonl")}
    assert report == {(f"{folder}/坏.txt", "failed"), (f"{folder}/旧.png", "skipped")}


def test_shown_names():
    raw = os.fsdecode(b"/tmp/" + "部门".encode("utf-8") + b"/" + GBK_NAME)
    assert shown(raw) == "/tmp/部门/测试清单.txt"
    assert shown(os.fsdecode(b"a\xffb.txt")) == "a\\xffb.txt"
    assert shown("普通.txt") == "普通.txt"


# --- item 8: -o and -f agree; nothing left after a finished run ---------------------------


FORMATS = [
    pytest.param("extract", "x.xlsx", "md", None, id="extract-xlsx-named-md"),
    pytest.param("extract", "x.json", "jsonl", None, id="extract-json-named-jsonl"),
    pytest.param("checklist", "x.md", "xlsx", None, id="checklist-md-named-xlsx"),
    pytest.param("checklist", "x.csv", "md", None, id="checklist-csv-named-md"),
    pytest.param("extract", "x.txt", "jsonl", "jsonl", id="extract-txt-is-no-format"),
    pytest.param("extract", "x.MD", None, "md", id="extract-format-follows-suffix"),
    pytest.param("extract", "x.xlsx", "xlsx", "xlsx", id="extract-agree"),
]


@pytest.mark.parametrize("command,name,fmt,chosen", FORMATS)
def test_output_suffix_and_format_agree(tmp_path, command, name, fmt, chosen):
    from extract.batch import CHECKLIST_FORMATS, choose_format
    from extract.export import FORMATS as EXTRACT_FORMATS

    allowed = EXTRACT_FORMATS if command == "extract" else CHECKLIST_FORMATS
    out = tmp_path / name
    if chosen is None:
        with pytest.raises(UsageError, match=f"-o {out} 的扩展名 .* 与 -f {fmt} 不一致"):
            choose_format(fmt, out, allowed, "jsonl")
    else:
        assert choose_format(fmt, out, allowed, "jsonl") == chosen


def test_cli_refuses_xlsx_named_md(tmp_path):
    out = tmp_path / "x.xlsx"
    proc = subprocess.run(QINGDAN + ["extract", str(CORPUS[0]), "-o", str(out), "-f", "md"],
                          capture_output=True, env=_env(), cwd=tmp_path)
    assert proc.returncode == 2 and not out.exists()
    assert proc.stderr.decode("utf-8").count("\n") == 1 and "不一致" in proc.stderr.decode("utf-8")


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "md", "json", "xlsx"])
def test_a_finished_run_leaves_only_its_outputs(tmp_path, fmt):
    folder = tmp_path / "in"
    folder.mkdir()
    for path in CORPUS[:2]:
        shutil.copy(path, folder)
    (folder / "bad.txt").write_bytes(b"\x00\x01")
    run_extract([folder], fmt, tmp_path / f"out.{fmt}", report=lambda m: None, progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", f"out.{fmt}", f"out.{fmt}.errors.jsonl"]


# --- item 9: an output that is an input is refused -----------------------------------------


def _doc(tmp_path: Path, name: str = "doc.txt") -> Path:
    path = tmp_path / name
    shutil.copy(CORPUS[0], path)
    return path


SAME = [
    pytest.param(lambda d, t: (["extract", d, "-o", d]), id="extract-same-path"),
    pytest.param(lambda d, t: (["extract", d, "-o", t / "sub" / ".." / d.name]), id="extract-dotdot-path"),
    pytest.param(lambda d, t: (os.link(d, t / "hard.txt"), ["extract", t / "hard.txt", "-o", d])[1],
                 id="extract-hard-link"),
    pytest.param(lambda d, t: (os.symlink(d, t / "soft.jsonl"), ["extract", d, "-o", t / "soft.jsonl"])[1],
                 id="extract-symlink"),
    pytest.param(lambda d, t: (["extract", t, "-o", t / "out.jsonl", "--errors", d]), id="errors-report-is-input"),
    pytest.param(lambda d, t: (["checklist", d, "-o", d]), id="checklist"),
    pytest.param(lambda d, t: (["compare", d, CORPUS[1], "-o", d]), id="compare"),
    pytest.param(lambda d, t: (["calendar", d, "-o", d]), id="calendar"),
    pytest.param(lambda d, t: (["diff", PAIRS / "dev_old.txt", d, "-o", d]), id="diff"),
    pytest.param(lambda d, t: (["audit", d, AUDIT / "dev_report.txt", "-o", d]), id="audit"),
    pytest.param(lambda d, t: (["text", d, "-o", d]), id="text"),
    pytest.param(lambda d, t: (["explain", t, "-o", d]), id="explain-output-inside-input-folder"),
]


@pytest.mark.parametrize("build", SAME)
def test_output_naming_an_input_is_refused(tmp_path, build):
    from typer.testing import CliRunner

    from extract.cli import app

    doc = _doc(tmp_path)
    (tmp_path / "sub").mkdir()
    before = doc.read_bytes()
    result = CliRunner().invoke(app, [str(a) for a in build(doc, tmp_path)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "就是输入文件" in lines[0] and "Traceback" not in result.output
    assert doc.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_folder_output_that_would_overwrite_an_input_is_refused(tmp_path):
    from extract.batch import _per_file, Run

    folder = tmp_path / "in"
    folder.mkdir()
    _doc(folder, "a.txt")
    with pytest.raises(OutputRefused, match="就是输入文件"):
        _per_file([folder], Run(lambda m: None), "txt", folder)


# --- item 9: a full disk never replaces a good file -----------------------------------------


def _full_disk_after(monkeypatch, writes: int):
    real, calls = stream._write_all, []

    def write_all(fd, data):
        calls.append(len(data))
        if len(calls) > writes:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd, data)
    monkeypatch.setattr(stream, "_write_all", write_all)


def test_disk_full_keeps_the_good_output_and_resume_finishes(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for path in CORPUS[:4]:
        shutil.copy(path, folder)
    clean, out = tmp_path / "clean.jsonl", tmp_path / "out.jsonl"
    run_extract([folder], "jsonl", clean, report=lambda m: None, progress=False)
    out.write_bytes(b"the good output of last week\n")
    messages: list[str] = []
    _full_disk_after(monkeypatch, 3)
    with pytest.raises(OSError) as failed:
        run_extract([folder], "jsonl", out, report=messages.append, progress=False)
    assert failed.value.errno == errno.ENOSPC and failed.value.filename == str(out)
    assert out.read_bytes() == b"the good output of last week\n"
    assert any(f"{out}.partial" in m and "--resume" in m for m in messages)
    monkeypatch.undo()
    monkeypatch.setenv("QINGDAN_LANG", "zh")
    run_extract([folder], "jsonl", out, report=lambda m: None, progress=False, resume=True)
    assert out.read_bytes() == clean.read_bytes()
    assert _leftovers(tmp_path) == []


def _no_room(limit: int):
    def preexec():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return preexec


FULL = [
    pytest.param(["extract", CORPUS[0]], "out.jsonl", id="extract-jsonl"),
    pytest.param(["extract", CORPUS[0]], "out.json", id="extract-json"),
    pytest.param(["extract", CORPUS[0], CORPUS[1]], "out.csv", id="extract-csv-batch"),
    pytest.param(["checklist", CORPUS[0]], "out.md", id="checklist-md"),
    pytest.param(["compare", CORPUS[0], CORPUS[1]], "out.csv", id="compare"),
    pytest.param(["calendar", CORPUS[1]], "out.ics", id="calendar"),
    pytest.param(["diff", PAIRS / "dev_old.txt", PAIRS / "dev_new.txt"], "out.jsonl", id="diff"),
    pytest.param(["audit", AUDIT / "dev_list.txt", AUDIT / "dev_report.txt"], "out.jsonl", id="audit"),
    pytest.param(["text", CORPUS[0]], "out.txt", id="text"),
    pytest.param(["schema"], "out.json", id="schema"),
]


@pytest.mark.parametrize("args,name", FULL)
def test_full_disk_never_replaces_a_good_file(tmp_path, args, name):
    """The file system refuses to grow a file past 1 KB (RLIMIT_FSIZE): the write fails as on a
    full disk. The old output stays whole, the message names it, no temporary file is left."""
    out = tmp_path / name
    good = b"GOOD " * 1000
    out.write_bytes(good)
    proc = subprocess.run(QINGDAN + [str(a) for a in args] + ["-o", str(out)], capture_output=True,
                          env=_env(), cwd=tmp_path, preexec_fn=_no_room(1024))
    stderr = proc.stderr.decode("utf-8")
    assert proc.returncode == 1, stderr
    assert "Traceback" not in stderr and str(out) in stderr.splitlines()[-1]
    assert out.read_bytes() == good
    assert [n for n in _leftovers(tmp_path) if not n.endswith((".partial", ".progress"))] == []


class _FullFile:
    """A file whose every write fails as on a full disk."""

    def __init__(self, real):
        self.real = real

    def write(self, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()


@pytest.mark.parametrize("command", ["extract", "checklist"])
def test_full_disk_never_replaces_a_good_workbook(tmp_path, monkeypatch, command):
    """xlsx is built in memory and written at the end (openpyxl's own temporary files are outside
    the output's folder, so the file-size limit above would hit them first): the write fails."""
    from extract import batch, tables_out

    out = tmp_path / "out.xlsx"
    out.write_bytes(b"GOOD")
    monkeypatch.setattr(tables_out, "open", lambda path, mode="r", **kw: _FullFile(open(path, mode, **kw)),
                        raising=False)
    run = batch.run_extract if command == "extract" else batch.run_checklist
    with pytest.raises(OSError) as failed:
        run([CORPUS[0]], "xlsx", out, report=lambda m: None)
    assert failed.value.errno == errno.ENOSPC and failed.value.filename == str(out)
    assert out.read_bytes() == b"GOOD" and _leftovers(tmp_path) == []


# --- item 9: one run at a time on an output -------------------------------------------------


def test_second_run_on_the_same_output_is_refused(tmp_path):
    out = tmp_path / "out.jsonl"
    with claim_output(out):
        with pytest.raises(OutputRefused, match="正由另一次运行写入"):
            run_extract([CORPUS[0]], "jsonl", out, report=lambda m: None)
        proc = subprocess.run(QINGDAN + ["extract", str(CORPUS[0]), "-o", str(out)], capture_output=True,
                              env=_env(), cwd=tmp_path)
        assert proc.returncode == 2 and proc.stderr.decode("utf-8").count("\n") == 1
        assert "正由另一次运行写入" in proc.stderr.decode("utf-8")
    assert not out.exists()
    assert run_extract([CORPUS[0]], "jsonl", out, report=lambda m: None) == 0
    assert _leftovers(tmp_path) == []


def test_lock_of_a_killed_run_does_not_block(tmp_path):
    out = tmp_path / "out.jsonl"
    holder = subprocess.Popen([sys.executable, "-c",
                               "import sys, time; from extract.outputs_io import claim_output\n"
                               "with claim_output(sys.argv[1]):\n print('held', flush=True); time.sleep(60)",
                               str(out)], stdout=subprocess.PIPE, env=_env())
    assert holder.stdout.readline().strip() == b"held"
    assert lock_path(out).exists()
    with pytest.raises(OutputRefused):
        run_extract([CORPUS[0]], "jsonl", out, report=lambda m: None)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert lock_path(out).exists()  # the kill left the file, but the kernel dropped the lock
    assert run_extract([CORPUS[0]], "jsonl", out, report=lambda m: None) == 0


# --- item 12: resume rereads changed inputs; workers capped and gone with their parent ------


def _interrupted(monkeypatch, folder: Path, out: Path, after: int) -> None:
    """A run stopped (as by Ctrl-C) after `after` documents were written."""
    real = stream.outcomes

    def some(*args, **kwargs):
        for n, outcome in enumerate(real(*args, **kwargs)):
            if n == after:
                raise KeyboardInterrupt
            yield outcome
    monkeypatch.setattr(stream, "outcomes", some)
    with pytest.raises(KeyboardInterrupt):
        run_extract([folder], "jsonl", out, report=lambda m: None, progress=False)
    monkeypatch.setattr(stream, "outcomes", real)


def _change(folder: Path, how: str) -> None:
    doc = folder / "doc1.txt"
    if how == "same-size-new-content":
        text = doc.read_text(encoding="utf-8")
        doc.write_text(text.replace("责任", "职责", 1), encoding="utf-8")
        assert doc.stat().st_size == len(text.encode("utf-8"))
    elif how == "touched-only":
        os.utime(doc, (1, 1))
    elif how == "removed":
        doc.unlink()


RESUME = [
    pytest.param("untouched", ["doc3.txt", "doc4.txt"], id="untouched-reads-only-the-rest"),
    pytest.param("touched-only", ["doc3.txt", "doc4.txt"], id="same-bytes-new-mtime-is-not-reread"),
    pytest.param("same-size-new-content", ["doc1.txt", "doc2.txt", "doc3.txt", "doc4.txt"],
                 id="changed-input-is-reread-with-all-after-it"),
    pytest.param("removed", ["doc2.txt", "doc3.txt", "doc4.txt"], id="removed-input-drops-its-block"),
]


@pytest.mark.parametrize("how,reread", RESUME)
def test_resume_rereads_inputs_changed_since(tmp_path, monkeypatch, how, reread):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(5):
        (folder / f"doc{n}.txt").write_text(CORPUS[n % len(CORPUS)].read_text(encoding="utf-8"), encoding="utf-8")
    out, clean = tmp_path / "out.jsonl", tmp_path / "clean.jsonl"
    _interrupted(monkeypatch, folder, out, after=3)
    assert Path(f"{out}.partial").exists() and not out.exists()
    _change(folder, how)
    read: list[str] = []
    real = stream.extract_one
    monkeypatch.setattr(stream, "extract_one", lambda path, *args: (read.append(path.name), real(path, *args))[1])
    run_extract([folder], "jsonl", out, report=lambda m: None, progress=False, resume=True)
    assert read == reread
    monkeypatch.setattr(stream, "extract_one", real)
    run_extract([folder], "jsonl", clean, report=lambda m: None, progress=False)
    assert out.read_bytes() == clean.read_bytes()


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def test_workers_are_capped_with_a_message(tmp_path):
    messages: list[str] = []
    files = [_doc(tmp_path, f"d{n}.txt") for n in range(2)]
    out = tmp_path / "out.jsonl"
    assert run_extract(files, "jsonl", out, report=messages.append, workers=_cpus() + 7, progress=False) == 0
    assert messages[0] == f"--workers {_cpus() + 7} 超过本机可用的处理器数，按 {_cpus()} 个进程运行"


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the workers")
@pytest.mark.skipif(_cpus() < 2, reason="one processor: --workers is capped to 1, there are no workers")
def test_workers_exit_when_the_parent_is_killed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(40):
        shutil.copy(CORPUS[n % len(CORPUS)], folder / f"doc{n:02d}.txt")
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(QINGDAN + ["extract", str(folder), "-o", str(out), "--workers", "2", "--no-progress"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=_env(), cwd=tmp_path)
    progress = Path(f"{out}.progress")
    while not (progress.exists() and progress.read_text(encoding="utf-8").count("\n") >= 2):
        assert proc.poll() is None, "the batch finished before it could be interrupted"
        time.sleep(0.01)
    workers = _children(proc.pid)
    assert len(workers) == 2
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers)
    assert b"Traceback" not in proc.stderr.read()
