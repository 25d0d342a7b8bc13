"""Issue 9, reading: what offices keep, and files that lie. Every input is built by the test.

The table ``CASES`` names each input by a readable id and says what must come of it: the
same records as a reference document (an .xlsx task table and its .docx twin, a .doc made
by LibreOffice from that .docx), records with given fields (a PDF whose text layer uses
Kangxi radicals), or a one-line ReadError of a kind whose reason holds given words, in
Chinese (the default language).
"""
from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

import pytest

from extract import extract_duties
from extract.pipeline import extract_document
from extract.read import ReadError, ReadLimits, read_document
from extract.read.convert import soffice
from pdf_build import build_pdf, pdf_stream

QINGDAN = Path(sys.executable).with_name("qingdan")
TITLE = "2024年党支部工作任务清单"
ROWS = [
    ["序号", "工作任务", "责任主体", "完成时限"],
    ["1", "每月召开1次支部委员会", "党支部书记", "每月底前"],
    ["2", "召开专题组织生活会", "党支部", "6月30日前"],
    ["3", "讲专题党课不少于2次", "党支部书记", "12月底前"],
]
LO_CALC = Path("/usr/lib/libreoffice/program/libsclo.so")
needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
needs_calc = pytest.mark.skipif(soffice() is None or not LO_CALC.exists(),
                                reason="LibreOffice Calc is not installed")


@pytest.fixture(autouse=True)
def chinese(monkeypatch):
    monkeypatch.setenv("QINGDAN_LANG", "zh")
    for name in ("QINGDAN_MAX_BYTES", "QINGDAN_MAX_TEXT_CHARS", "QINGDAN_MAX_PDF_CHARS_PER_BYTE"):
        monkeypatch.delenv(name, raising=False)


# --- building the inputs ---------------------------------------------------------------------------


def make_docx(path: Path, rows=ROWS, title: str = TITLE) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph(title)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path


def make_xlsx(path: Path, rows=ROWS, title: str = TITLE) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    for row in rows:
        sheet.append([int(v) if v.isdigit() else v for v in row])
    book.create_sheet("hidden").append(["序号", "工作任务", "责任主体"])
    book["hidden"].sheet_state = "hidden"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def soffice_convert(source: Path, target: str, outdir: Path) -> Path:
    """``source`` converted by LibreOffice to ``target`` (an extension) in ``outdir``."""
    profile = (outdir / "profile").as_uri()
    subprocess.run([soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
                    "--outdir", str(outdir), str(source)], check=True, capture_output=True, timeout=180)
    return outdir / f"{source.stem}.{target}"


def make_doc(path: Path) -> Path:
    """A Word 97 .doc of the docx table: docx -> odt -> doc (LibreOffice drops python-docx's table
    when it writes .doc straight from .docx)."""
    work = path.parent / "build"
    odt = soffice_convert(make_docx(work / f"{path.stem}.docx"), "odt", work)
    shutil.copyfile(soffice_convert(odt, "doc", work / "doc"), path)
    return path


def cid_pdf(path: Path, lines: list[str]) -> Path:
    """A PDF whose text layer is exactly ``lines``: a Type0 font with a ToUnicode map, one CID a character."""
    chars = sorted(set("".join(lines)))
    cid = {ch: n for n, ch in enumerate(chars, 1)}
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            f"{len(chars)} beginbfchar\n"
            + "".join(f"<{cid[ch]:04X}> <{ch.encode('utf-16-be').hex().upper()}>\n" for ch in chars)
            + "endbfchar endcmap CMapName currentdict /CMap defineresource pop end end").encode("ascii")
    content = b"BT /F1 12 Tf 20 400 Td 14 TL " + b"".join(
        b"<" + "".join(f"{cid[ch]:04X}" for ch in line).encode("ascii") + b"> Tj T* " for line in lines) + b"ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 500] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        pdf_stream(content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /Identity-H /DescendantFonts [6 0 R] "
        b"/ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Song /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        pdf_stream(cmap),
    ]
    path.write_bytes(build_pdf(objects))
    return path


def form_bomb_pdf(path: Path) -> Path:
    """32 KB that draws one 2,000-character form 5,000 times: ten million characters of text."""
    form = pdf_stream(b"BT /F1 12 Tf 10 10 Td (" + b"A" * 2000 + b") Tj ET",
                  b"/Type /XObject /Subtype /Form /BBox [0 0 300 300] /Resources << /Font << /F1 6 0 R >> >> ")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Resources << /XObject << /X 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        pdf_stream(b"/X Do\n" * 5000),
        form,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    path.write_bytes(build_pdf(objects))
    return path


def lying_docx(path: Path) -> Path:
    """A real .docx whose document.xml declares 100 bytes (in both headers) but expands to more."""
    buf = io.BytesIO()
    make_docx(path.parent / "honest.docx")
    with zipfile.ZipFile(path.parent / "honest.docx") as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info.filename, src.read(info))
    data = bytearray(buf.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
        real = info.file_size
    name = b"word/document.xml"
    for header, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(header)
        while at >= 0:
            name_at = at + (30 if header == b"PK\x03\x04" else 46)
            if data[name_at:name_at + len(name)] == name:
                assert int.from_bytes(data[at + size_at:at + size_at + 4], "little") == real
                data[at + size_at:at + size_at + 4] = (100).to_bytes(4, "little")
            at = data.find(header, at + 4)
    path.write_bytes(bytes(data))
    return path


def utf16(encoding: str) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / f"清单 {encoding}.txt"
        path.write_bytes(UTF16_TEXT.encode(encoding))
        return path

    return make


UTF16_TEXT = "一、党支部一年内讲党课不少于2次。\n二、每月开展1次主题党日活动。\n"


def write(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        (tmp / name).write_bytes(data)
        return tmp / name

    return make


def fields(records) -> list[tuple]:
    """What a reader must not change: text, actor, deadline, frequency, section of each record."""
    return [(r.text, r.actor, r.deadline and (r.deadline.month, r.deadline.day, r.deadline.relation),
             r.frequency and (r.frequency.min, r.frequency.period), tuple(r.section)) for r in records]


# --- the table -------------------------------------------------------------------------------------


@dataclass
class Case:
    """Accepted: ``same_as`` builds a reference read through the library (same text, same records),
    or ``expect`` is the exact ``fields`` of the records. Refused: ``kind`` and words of the reason."""

    id: str
    make: Callable[[Path], Path]
    same_as: Optional[Callable[[Path], Path]] = None
    expect: Optional[list] = None
    kind: Optional[str] = None
    words: tuple[str, ...] = ()
    limits: Optional[ReadLimits] = None
    marks: tuple = ()

    def __repr__(self) -> str:
        return self.id


# the list's title opens with its year (2024年…任务清单): a count with no period word is yearly
TABLE_RECORDS = [
    ("每月召开1次支部委员会", "党支部书记", None, (1, "month"), ()),
    ("召开专题组织生活会", "党支部", (6, 30, "by"), None, ()),
    ("讲专题党课不少于2次", "党支部书记", (12, None, "by"), (2, "year"), ()),
]
KANGXI = ["党支部工作要点", "一、党支部每⽉召开1次支部委员会。", "二、党员每⽉按时交纳党费。"]
SPACED = ["党 支 部 工 作 要 点", "一 、 党 支 部 每 ⽉ 召 开 1 次 支 部 委 员 会 。"]

CASES = [
    Case("xlsx-task-table-as-docx", lambda t: make_xlsx(t / "x" / "清单.xlsx"),
         same_as=lambda t: make_docx(t / "d" / "清单.docx"), expect=TABLE_RECORDS),
    Case("doc-by-libreoffice-as-docx", lambda t: make_doc(t / "x" / "清单.doc"),
         same_as=lambda t: make_docx(t / "d" / "清单.docx"), expect=TABLE_RECORDS, marks=(needs_soffice,)),
    Case("wps-by-libreoffice-as-docx", lambda t: make_doc(t / "x" / "清单.wps"),
         same_as=lambda t: make_docx(t / "d" / "清单.docx"), expect=TABLE_RECORDS, marks=(needs_soffice,)),
    Case("docx-named-doc-read-as-docx",
         lambda t: shutil.copyfile(make_docx(t / "b" / "清单.docx"), t / "清单.doc") and t / "清单.doc",
         same_as=lambda t: make_docx(t / "d" / "清单.docx"), expect=TABLE_RECORDS),
    Case("text-named-doc-refused", write("清单.doc", "党支部每月召开1次支部委员会。".encode("utf-8")), kind="corrupt",
         words=("不是 .doc 文件", "OLE")),
    Case("xls-by-libreoffice-as-xlsx",
         lambda t: shutil.copyfile(soffice_convert(make_xlsx(t / "b" / "清单.xlsx"), "xls", t / "b" / "o"),
                                   t / "清单.xls") and t / "清单.xls",
         same_as=lambda t: make_xlsx(t / "d" / "清单.xlsx"), expect=TABLE_RECORDS, marks=(needs_calc,)),
    Case("pdf-kangxi-month-reads-as-month", lambda t: cid_pdf(t / "radicals.pdf", KANGXI), expect=[
        ("党支部每⽉召开1次支部委员会", "党支部", None, (1, "month"), ("一、党支部每月召开1次支部委员会",)),
        ("党员每⽉按时交纳党费", "党员", None, (None, "month"), ("二、党员每月按时交纳党费",)),
    ]),
    Case("pdf-spaced-out-reads-as-words", lambda t: cid_pdf(t / "spaced.pdf", SPACED), expect=[
        ("党 支 部 每 ⽉ 召 开 1 次 支 部 委 员 会", "党支部", None, (1, "month"), ("一、党支部每月召开1次支部委员会",)),
    ]),
    Case("utf16-le-without-bom", utf16("utf-16-le"), same_as=write("ref.txt", UTF16_TEXT.encode("utf-8"))),
    Case("utf16-be-without-bom", utf16("utf-16-be"), same_as=write("ref.txt", UTF16_TEXT.encode("utf-8"))),
    Case("binary-with-nuls-still-refused", write("blob.txt", bytes(range(256)) * 16), kind="binary",
         words=("NUL",)),
    Case("docx-member-lies-about-its-size", lambda t: lying_docx(t / "lying.docx"), kind="corrupt",
         words=("zip",)),
    Case("docx-markup-over-limit", lambda t: make_docx(t / "big.docx"), kind="too_large",
         words=("QINGDAN_MAX_MARKUP_BYTES",), limits=ReadLimits(max_markup_bytes=4000)),
    Case("pdf-drawing-one-form-5000-times", lambda t: form_bomb_pdf(t / "bomb.pdf"), kind="too_large",
         words=("QINGDAN_MAX_PDF_CHARS_PER_BYTE", "1,048,576")),
    Case("xlsx-not-a-workbook", write("假.xlsx", b"PK\x03\x04 not a workbook"), kind="corrupt",
         words=("不是Excel 工作簿",)),
]


@pytest.mark.parametrize("case", [pytest.param(c, marks=c.marks, id=c.id) for c in CASES])
def test_read(tmp_path, case):
    path = case.make(tmp_path)
    started = time.perf_counter()
    if case.kind:
        with pytest.raises(ReadError) as info:
            read_document(path, case.limits)
        message = str(info.value)
        assert (info.value.kind, "\n" in message, message.startswith(f"{path}: ")) == (case.kind, False, True)
        assert all(word in message for word in case.words), message
        assert time.perf_counter() - started < 30
        return
    document = read_document(path, case.limits)
    records = extract_document(document)
    for rec in records:
        assert rec.text == document.text[rec.span[0]:rec.span[1]]
    if case.same_as:
        reference = read_document(case.same_as(tmp_path))
        # LibreOffice ends a document that ends with a table with an empty paragraph
        assert document.text.removesuffix("\n") == reference.text.removesuffix("\n")
        assert fields(records) == fields(extract_document(reference))
    if case.expect is not None:
        assert fields(records) == case.expect


def test_xlsx_layout_and_dates(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([TITLE])
    sheet.append(["序号", "工作任务", "责任主体", "完成时限", None, None])
    sheet.append([1.0, "召开专题组织生活会", "党支部", dt.datetime(2024, 6, 30)])
    sheet.append(["一、组织建设"])
    sheet.append([2, "发展党员\n1名", "党支部", "年底前"])
    sheet.append([])
    sheet.append(["备注：以上任务按季度报送"])
    book.save(tmp_path / "t.xlsx")
    document = read_document(tmp_path / "t.xlsx")
    assert document.text == (f"{TITLE}\n序号\t工作任务\t责任主体\t完成时限\n1\t召开专题组织生活会\t党支部\t2024年6月30日\n"
                             "一、组织建设\n2\t发展党员 1名\t党支部\t年底前\n\n备注：以上任务按季度报送")
    assert [(t.header, t.start) for t in document.tables] == [(("序号", "工作任务", "责任主体", "完成时限"), 15)]
    assert fields(extract_document(document))[0] == (
        "召开专题组织生活会", "党支部", (6, 30, "in"), None, ())


def test_qingdan_text_prints_the_xlsx_text(tmp_path):
    path = make_xlsx(tmp_path / "清单.xlsx")
    done = subprocess.run([str(QINGDAN), "text", str(path)], capture_output=True, timeout=120)
    assert (done.returncode, done.stdout.decode("utf-8").rstrip("\n")) == (0, read_document(path).text)


def test_doc_without_libreoffice_says_how_to_install(tmp_path, monkeypatch):
    import extract.read.convert as convert

    monkeypatch.setattr(convert, "soffice", lambda: None)
    path = tmp_path / "旧 清单.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(ReadError) as info:
        read_document(path)
    assert (info.value.kind, str(info.value)) == ("unsupported", f"{path}: " + convert.say(
        "read_needs_libreoffice", suffix=".doc", install=convert.INSTALL))
    assert "LibreOffice" in str(info.value) and "apt-get install" in str(info.value)


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_doc_that_libreoffice_cannot_convert_is_one_line(tmp_path):
    path = tmp_path / "坏.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(ReadError) as info:
        read_document(path)
    assert info.value.kind in ("corrupt", "empty") and "\n" not in str(info.value)


SETTINGS = [
    pytest.param({"QINGDAN_MAX_BYTES": "64"}, "too_large", "QINGDAN_MAX_BYTES", id="max-bytes-from-env"),
    pytest.param({"QINGDAN_MAX_TEXT_CHARS": "10"}, "too_large", "QINGDAN_MAX_TEXT_CHARS", id="max-text-from-env"),
    pytest.param({"QINGDAN_MAX_BYTES": "lots"}, "unsupported", "QINGDAN_MAX_BYTES=lots", id="bad-setting"),
]


@pytest.mark.parametrize("env, kind, words", SETTINGS)
def test_limits_are_settings(tmp_path, monkeypatch, env, kind, words):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    path = tmp_path / "清单.txt"
    path.write_text(UTF16_TEXT * 3, encoding="utf-8")
    with pytest.raises(ReadError) as info:
        read_document(path)
    assert (info.value.kind, words in str(info.value)) == (kind, True)


def test_reasons_in_english_when_asked(tmp_path, monkeypatch):
    monkeypatch.setenv("QINGDAN_LANG", "en")
    with pytest.raises(ReadError) as info:
        read_document(tmp_path / "missing.txt")
    assert str(info.value) == f"{tmp_path / 'missing.txt'}: no such file (check the path and the file name)"


# --- extract_duties: text or path (item 13) ---------------------------------------------------------

LONG_LINE = "党支部每月召开1次支部委员会。" * 400


def test_long_text_is_never_a_path():
    assert len(extract_duties(LONG_LINE)) == 400


def test_text_path_and_source_say_which_is_which(tmp_path, monkeypatch):
    path = tmp_path / "清单.txt"
    path.write_text("党支部每月召开1次支部委员会。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    by_path = fields(extract_duties(path=path))
    assert by_path == [("党支部每月召开1次支部委员会", "党支部", None, (1, "month"), ())]
    assert fields(extract_duties(path)) == fields(extract_duties(str(path))) == by_path
    assert fields(extract_duties("清单.txt")) == by_path  # a short line naming a file is the file
    assert extract_duties(text="清单.txt") == []  # text= is always text
    with pytest.raises(TypeError):
        extract_duties("x", text="y")
    with pytest.raises(ReadError):
        extract_duties(path="不存在.txt")
    assert os.path.exists(path)
