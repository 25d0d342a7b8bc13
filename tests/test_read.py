"""The reading layer: every format gives one exact text, and every bad input a ReadError."""
from __future__ import annotations

import codecs
import io
import os
import pickle
import shutil
import threading
import zipfile
from pathlib import Path

import pytest

from extract.read import (
    SUPPORTED_SUFFIXES,
    Cell,
    Document,
    ReadError,
    ReadLimits,
    Table,
    document_from_text,
    iter_input_files,
    read_document,
)

@pytest.fixture(autouse=True)
def english_reasons(monkeypatch):
    """The reasons below are asserted in English (Chinese is the default; tests/test_hostile_read.py checks it)."""
    monkeypatch.setenv("QINGDAN_LANG", "en")


FIXTURES = Path(__file__).parent / "data" / "fixtures"
HEADER = ("序号", "工作任务", "工作要求", "责任主体", "完成时限")
SAMPLE = "2024年度党支部工作要点\n1. 年内讲党课不少于2次。\n2. 每月开展1次主题党日活动。\n"
TRADITIONAL = "黨支部書記年內講黨課不少於2次。\n"


def cell_text(doc: Document, cell: Cell) -> str:
    return doc.text[cell.start:cell.end]


def assert_cells_trace(doc: Document) -> None:
    for table in doc.tables:
        assert tuple(cell_text(doc, c) for c in table.cells if c.row == 0) == table.header
        for cell in table.cells:
            line = doc.text[table.start:table.end].split("\n")[cell.row]
            assert cell_text(doc, cell) == line.split("\t")[cell.col]
            assert "\t" not in cell_text(doc, cell) and "\n" not in cell_text(doc, cell)


# --- text files -----------------------------------------------------------

ENCODINGS = [
    pytest.param(SAMPLE.encode("utf-8"), SAMPLE, "utf-8", id="utf-8"),
    pytest.param(codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), SAMPLE, "utf-8-sig", id="utf-8-bom"),
    pytest.param(codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), SAMPLE, "utf-16", id="utf-16-le-bom"),
    pytest.param(codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), SAMPLE, "utf-16", id="utf-16-be-bom"),
    pytest.param(SAMPLE.encode("utf-16-le"), SAMPLE, "utf-16-le", id="utf-16-le-no-bom"),
    pytest.param(SAMPLE.encode("utf-16-be"), SAMPLE, "utf-16-be", id="utf-16-be-no-bom"),
    pytest.param(SAMPLE.encode("utf-32"), SAMPLE, "utf-32", id="utf-32-bom"),
    pytest.param(SAMPLE.encode("gb18030"), SAMPLE, "gb18030", id="gb18030"),
    pytest.param(SAMPLE.encode("gbk"), SAMPLE, "gb18030", id="gbk"),
    pytest.param("𠀀字与年内讲党课\n".encode("gb18030"), "𠀀字与年内讲党课\n", "gb18030", id="gb18030-four-byte"),
    pytest.param(TRADITIONAL.encode("big5"), TRADITIONAL, "cp950", id="big5"),
    pytest.param(TRADITIONAL.encode("utf-8"), TRADITIONAL, "utf-8", id="traditional-utf-8"),
]


@pytest.mark.parametrize("raw, expected, encoding", ENCODINGS)
def test_txt_encodings_round_trip(tmp_path, raw, expected, encoding):
    path = tmp_path / "d.txt"
    path.write_bytes(raw)
    doc = read_document(path)
    assert doc.text == expected
    assert doc.encoding == encoding
    with open(path, encoding=doc.encoding) as fh:
        assert fh.read() == doc.text
    assert (doc.doc_id, doc.format, doc.path, doc.tables) == ("d", "txt", path, ())


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("年内讲党课\r\n不少于2次\r\n", id="crlf"),
        pytest.param("年内讲党课\r不少于2次\r", id="cr"),
        pytest.param("年内讲党课\r\n不少于2次\r其中\n专题党课1次\r\r\n", id="mixed"),
        pytest.param("年内讲党课\u2028不少于2次\x0c\x85", id="unicode-separators-kept"),
    ],
)
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "gb18030"])
def test_txt_newlines_equal_python_open(tmp_path, raw, encoding):
    path = tmp_path / "nl.txt"
    path.write_bytes(raw.encode(encoding))
    doc = read_document(path)
    with open(path, encoding=doc.encoding) as fh:
        assert doc.text == fh.read()
    assert "\r" not in doc.text


def test_txt_file_named_with_spaces_and_chinese(tmp_path):
    path = tmp_path / "党支部 工作清单 (2024).txt"
    path.write_text("年内讲党课不少于2次", encoding="utf-8")
    doc = read_document(str(path))
    assert doc.doc_id == "党支部 工作清单 (2024)"
    assert doc.text == "年内讲党课不少于2次"


def test_upper_case_suffix_reads(tmp_path):
    path = tmp_path / "D02.TXT"
    path.write_text("年内讲党课不少于2次", encoding="utf-8")
    assert read_document(path).format == "txt"


def test_reading_is_deterministic(tmp_path):
    path = tmp_path / "d.txt"
    path.write_bytes(SAMPLE.encode("gbk"))
    assert read_document(path) == read_document(path)


# --- docx -----------------------------------------------------------------


def make_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("2024年度党支部书记抓党建工作责任清单", level=1)
    document.add_paragraph("为压实党支部书记抓党建第一责任，制定本清单。")
    table = document.add_table(rows=3, cols=5)
    rows = [
        HEADER,
        ("1", "讲党课", "年内讲党课不少于2次", "支部书记", "2024年11月底前"),
        ("2", "理论学习", "每月集中学习1次", "支部委员会", "全年"),
    ]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    table.cell(2, 2).add_paragraph("全年不少于12次")
    document.add_paragraph("本清单由机关党委负责解释。")
    document.save(path)
    return path


def test_docx_paragraphs_and_table(tmp_path):
    doc = read_document(make_docx(tmp_path / "清单.docx"))
    assert doc.text.split("\n") == [
        "2024年度党支部书记抓党建工作责任清单",
        "为压实党支部书记抓党建第一责任，制定本清单。",
        "序号\t工作任务\t工作要求\t责任主体\t完成时限",
        "1\t讲党课\t年内讲党课不少于2次\t支部书记\t2024年11月底前",
        "2\t理论学习\t每月集中学习1次 全年不少于12次\t支部委员会\t全年",
        "本清单由机关党委负责解释。",
    ]
    assert (doc.format, doc.encoding, doc.doc_id) == ("docx", None, "清单")
    (table,) = doc.tables
    assert table.header == HEADER
    assert len(table.cells) == 15
    assert doc.text[table.start:table.end].startswith("序号\t") and doc.text[table.end - 2:table.end] == "全年"
    assert_cells_trace(doc)
    assert cell_text(doc, table.cells[7]) == "年内讲党课不少于2次"


def test_docx_merged_cells_appear_once(tmp_path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for c, value in enumerate(("工作任务", "工作要求", "责任主体")):
        table.cell(0, c).text = value
    table.cell(1, 0).merge(table.cell(1, 1)).text = "讲党课不少于2次"
    table.cell(1, 2).merge(table.cell(2, 2)).text = "支部书记"
    table.cell(2, 0).text = "谈心谈话"
    table.cell(2, 1).text = "每年不少于1次"
    document.save(tmp_path / "merged.docx")
    doc = read_document(tmp_path / "merged.docx")
    assert doc.text.split("\n") == [
        "工作任务\t工作要求\t责任主体",
        "讲党课不少于2次\t支部书记",
        "谈心谈话\t每年不少于1次\t",
    ]
    assert doc.text.count("支部书记") == 1
    assert_cells_trace(doc)


def test_docx_tab_and_break_inside_cell_stay_on_the_row(tmp_path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "序号"
    run = table.cell(0, 1).paragraphs[0].add_run("年内讲党课\t不少于2次")
    run.add_break()
    run.add_text("其中专题党课1次")
    document.save(tmp_path / "cell.docx")
    doc = read_document(tmp_path / "cell.docx")
    assert doc.text == "序号\t年内讲党课 不少于2次 其中专题党课1次"


def test_docx_real_example_d90():
    doc = read_document(FIXTURES / "d90.docx")
    lines = doc.text.split("\n")
    assert "2\t讲党课\t为全体党员讲党课不少于2次，其中专题党课1次。\t支部书记\t2024年11月底前" in lines
    assert lines[0] == "2024年度机关第一党支部书记抓党建工作责任清单"
    (table,) = doc.tables
    assert table.header == HEADER
    assert {c.row for c in table.cells} == set(range(10))
    assert_cells_trace(doc)


# --- pdf ------------------------------------------------------------------


def build_pdf(pages: list[bytes], fonts: list[bytes]) -> bytes:
    """A minimal PDF: objects 1-2 catalog and page tree, 3.. the fonts (F1 is object 3), then pages."""
    objects: list[bytes] = [b"", b""] + fonts
    kids = []
    for content in pages:
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
            b" /Contents %d 0 R >>" % len(objects)
        )
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


HELVETICA = [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
CHINESE_FONT = [
    b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UTF16-H /DescendantFonts [4 0 R] >>",
    b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
    b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 5 0 R /DW 1000 >>",
    b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900]"
    b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
]


def chinese_pdf(*lines: str) -> bytes:
    shows = b" 0 -20 Td ".join(b"<%s> Tj" % line.encode("utf-16-be").hex().upper().encode() for line in lines)
    return build_pdf([b"BT /F1 12 Tf 72 760 Td " + shows + b" ET"], CHINESE_FONT)


def test_pdf_ascii_text_layer(tmp_path):
    path = tmp_path / "list.pdf"
    path.write_bytes(build_pdf(
        [
            b"BT /F1 12 Tf 72 760 Td (Branch duty list 2024) Tj 0 -16 Td (Hold two lectures a year.) Tj ET",
            b"BT /F1 12 Tf 72 760 Td (Second page) Tj ET",
        ],
        HELVETICA,
    ))
    doc = read_document(path)
    assert doc.text == "Branch duty list 2024\nHold two lectures a year.\nSecond page"
    assert (doc.format, doc.encoding, doc.tables) == ("pdf", None, ())


def test_pdf_chinese_cid_font(tmp_path):
    path = tmp_path / "清单.pdf"
    path.write_bytes(chinese_pdf("年内讲党课不少于2次", "其中专题党课1次"))
    doc = read_document(path)
    assert "年内讲党课不少于2次" in doc.text and "其中专题党课1次" in doc.text
    assert "\r" not in doc.text


def test_pdf_with_owner_password_only_reads(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(chinese_pdf("年内讲党课不少于2次")))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "owner.pdf"
    writer.write(path)
    assert read_document(path).text == "年内讲党课不少于2次"


# --- html -----------------------------------------------------------------

HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>标题不读</title><style>p {color: red}</style></head>
<body>
<script>var x = "<p>不是正文</p>";</script>
<noscript>请开启脚本</noscript>
<h1>党支部工作   清单</h1>
<div>年内讲党课
不少于2次，其中<b>专题</b>党课1次。<br>Party  lectures:   two a year.</div>
<p hidden>隐藏的文字</p><p style="display: none">也隐藏</p>
<p>&nbsp;</p>
<p>\u3000\u3000每月开展主题党日。</p>
<table>
  <tr><th>序号</th><th>工作任务</th><th>责任主体</th></tr>
  <tr><td>1</td><td><p>讲党课</p><p>不少于2次</p></td><td>支部书记</td></tr>
  <tr><td>2<td>谈心谈话<td>支部委员
</table>
<ul><li>第一项</li><li>第二项</li></ul>
</body></html>
"""


def test_html_blocks_table_and_dropped_parts(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    doc = read_document(path)
    assert doc.text.split("\n") == [
        "党支部工作 清单",
        "年内讲党课不少于2次，其中专题党课1次。",
        "Party lectures: two a year.",
        "\u3000\u3000每月开展主题党日。",
        "序号\t工作任务\t责任主体",
        "1\t讲党课 不少于2次\t支部书记",
        "2\t谈心谈话\t支部委员",
        "第一项",
        "第二项",
    ]
    assert (doc.format, doc.encoding) == ("html", "utf-8")
    (table,) = doc.tables
    assert table.header == ("序号", "工作任务", "责任主体")
    assert_cells_trace(doc)


@pytest.mark.parametrize(
    "declared, codec",
    [
        pytest.param("gb2312", "gbk", id="meta-gb2312"),
        pytest.param("GBK", "gbk", id="meta-gbk"),
        pytest.param(None, "gb18030", id="undeclared-gb18030"),
        pytest.param("utf-8", "gbk", id="wrong-meta-utf8"),
    ],
)
def test_html_charsets(tmp_path, declared, codec):
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">' if declared else ""
    page = f"<html><head>{meta}</head><body><p>年内讲党课不少于2次</p></body></html>"
    path = tmp_path / "gb.htm"
    path.write_bytes(page.encode(codec))
    doc = read_document(path)
    assert doc.text == "年内讲党课不少于2次"
    assert doc.encoding == "gb18030"


def test_html_layout_table_is_read_as_blocks(tmp_path):
    page = ("<table><tr><td><table><tr><td>序号</td><td>工作任务</td></tr></table>"
            "<p>正文第一段</p></td></tr></table>")
    path = tmp_path / "layout.html"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    assert doc.text == "序号\t工作任务\n正文第一段"
    assert [t.header for t in doc.tables] == [("序号", "工作任务")]


# --- bad input ------------------------------------------------------------


def write(name: str, data: bytes | str):
    def make(tmp_path: Path) -> Path:
        path = tmp_path / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    return make


def docx_bomb(tmp_path: Path) -> Path:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (4 * 2**20))
    return path


def excel_as_docx(tmp_path: Path) -> Path:
    import openpyxl

    path = tmp_path / "sheet.docx"
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "序号"
    workbook.save(path)
    return path


def truncated_docx(tmp_path: Path) -> Path:
    path = make_docx(tmp_path / "cut.docx")
    path.write_bytes(path.read_bytes()[:2000])
    return path


def blank_pdf(tmp_path: Path) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "scan.pdf"
    writer.write(path)
    return path


def locked_pdf(tmp_path: Path) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(chinese_pdf("年内讲党课不少于2次")))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    writer.write(path)
    return path


def folder(tmp_path: Path) -> Path:
    path = tmp_path / "docs.txt"
    path.mkdir()
    return path


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SMALL = ReadLimits(max_bytes=64)
TINY_UNZIP = ReadLimits(max_unzipped_bytes=1000)

BAD_INPUTS = [
    pytest.param(lambda tmp: tmp / "缺失 文件.txt", None, "missing", "no such file", id="missing"),
    pytest.param(write("list.xlsx", b"PK\x03\x04"), None, "corrupt", "not an Excel workbook", id="xlsx-not-a-workbook"),
    pytest.param(write("old.rtf", b"{\\rtf1 x}"), None, "unsupported", "save it as .docx", id="rtf"),
    pytest.param(write("noext", "年内讲党课"), None, "unsupported", "without an extension", id="no-suffix"),
    pytest.param(folder, None, "unsupported", "is a folder", id="folder"),
    pytest.param(write("img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), None, "binary", "PNG", id="binary-nul"),
    pytest.param(write("bad.txt", b"abc\x80\x80\xff"), None, "decode", "offset 3", id="not-utf8-not-gb18030"),
    pytest.param(write("bad16.txt", codecs.BOM_UTF16_LE + b"a\x00\x00\xd8"), None, "decode", "utf-16", id="bad-utf16"),
    pytest.param(write("bad8.txt", codecs.BOM_UTF8 + b"ab\xff"), None, "decode", "0xff at offset 5", id="bad-utf8-bom"),
    pytest.param(write("zero.txt", b""), None, "empty", "0 bytes", id="empty"),
    pytest.param(write("blank.txt", " \n\t\u3000\r\n"), None, "empty", "no text", id="whitespace-only"),
    pytest.param(write("big.txt", "年内讲党课不少于2次" * 10), SMALL, "too_large", "over the 64 bytes limit",
                 id="too-large"),
    pytest.param(write("plain.docx", "年内讲党课不少于2次"), None, "corrupt", "not a zip", id="docx-not-zip"),
    pytest.param(truncated_docx, None, "corrupt", "corrupt zip", id="docx-truncated"),
    pytest.param(excel_as_docx, None, "corrupt", "Excel", id="docx-is-excel"),
    pytest.param(docx_bomb, None, "too_large", "zip bomb", id="docx-zip-bomb-ratio"),
    pytest.param(lambda tmp: make_docx(tmp / "big.docx"), TINY_UNZIP, "too_large", "decompresses to",
                 id="docx-unzipped-over-limit"),
    pytest.param(write("locked.docx", OLE + b"\0" * 504), None, "encrypted", "password", id="docx-encrypted"),
    pytest.param(write("broken.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog"), None, "corrupt", "damaged",
                 id="pdf-corrupt"),
    pytest.param(write("fake.pdf", "年内讲党课不少于2次"), None, "corrupt", "not a PDF", id="pdf-not-pdf"),
    pytest.param(blank_pdf, None, "no_text", "OCR", id="pdf-no-text-layer"),
    pytest.param(locked_pdf, None, "encrypted", "password", id="pdf-encrypted"),
    pytest.param(write("script.html", "<html><script>x=1</script><p> </p></html>"), None, "empty", "no text",
                 id="html-no-text"),
    pytest.param(write("nul.html", b"<p>\x00\x01\x02</p>"), None, "binary", "NUL", id="html-binary"),
]


@pytest.mark.parametrize("make, limits, kind, phrase", BAD_INPUTS)
def test_bad_input_raises_read_error(tmp_path, make, limits, kind, phrase):
    path = make(tmp_path)
    with pytest.raises(ReadError) as info:
        read_document(path, limits)
    error = info.value
    message = str(error)
    assert error.kind == kind, message
    assert "\n" not in message
    assert path.name in message
    assert message == f"{path}: {error.reason}"
    assert phrase in message


def test_too_large_message_names_size_and_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 3000)
    with pytest.raises(ReadError) as info:
        read_document(path, ReadLimits(max_bytes=2048))
    assert "2.9 KB" in str(info.value) and "2 KB limit" in str(info.value)
    assert "max_bytes" in str(info.value)


def test_read_error_contract():
    error = ReadError("d.docx", "corrupt", "not a Word document\n(corrupt zip)")
    assert str(error) == "d.docx: not a Word document (corrupt zip)"
    assert (error.path, error.kind) == ("d.docx", "corrupt")
    copy = pickle.loads(pickle.dumps(error))
    assert (str(copy), copy.kind) == (str(error), "corrupt")
    with pytest.raises(ValueError):
        ReadError("d.docx", "broken", "no such kind")


# --- library entry points -------------------------------------------------


def test_document_from_text_keeps_text_exactly():
    doc = document_from_text("年内讲党课\r\n不少于2次")
    assert doc == Document("text", None, "年内讲党课\r\n不少于2次", "text", None, ())
    assert document_from_text("x", doc_id="d01").doc_id == "d01"
    with pytest.raises(TypeError):
        document_from_text(b"bytes")


def test_dataclasses_are_frozen():
    table = Table(HEADER, (Cell(0, 0, 0, 2),), 0, 2)
    with pytest.raises(Exception):
        table.start = 1
    assert SUPPORTED_SUFFIXES == (".txt", ".docx", ".xlsx", ".pdf", ".html", ".htm", ".doc", ".wps", ".xls", ".et")


# --- input files ----------------------------------------------------------


def test_iter_input_files_walks_sorted_and_filters(tmp_path):
    root = tmp_path / "in"
    for name in ["b.txt", "a.docx", "sub/c.pdf", "sub/deep/d.html", "e.htm", "notes.rtf", "img.png",
                 ".hidden.txt", "~$a.docx", ".git/x.txt", "z.TXT"]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")
    found = [p.relative_to(root).as_posix() for p in iter_input_files([root])]
    assert found == ["a.docx", "b.txt", "e.htm", "sub/c.pdf", "sub/deep/d.html", "z.TXT"]


def test_iter_input_files_explicit_files_pass_through_once(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "sheet.xlsx").write_bytes(b"PK")
    missing = tmp_path / "missing.txt"
    found = list(iter_input_files([tmp_path / "sheet.xlsx", tmp_path, tmp_path / "a.txt", str(missing)]))
    assert found == [tmp_path / "sheet.xlsx", tmp_path / "a.txt", missing]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_iter_input_files_survives_symlink_loop(tmp_path):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text("x", encoding="utf-8")
    try:
        os.symlink(root, root / "sub" / "loop")
        os.symlink(root / "sub" / "a.txt", root / "same.txt")
        os.symlink(root / "self", root / "self")
    except OSError:
        pytest.skip("symlinks not permitted here")
    result: list = []
    worker = threading.Thread(target=lambda: result.extend(iter_input_files([root, root])), daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "iter_input_files hung on a symlink loop"
    assert [p.relative_to(root).as_posix() for p in result] == ["same.txt"]


def test_iter_input_files_order_is_deterministic(tmp_path):
    for name in ["年内/2.txt", "年内/10.txt", "党课.txt", "a b/c.docx"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    first = list(iter_input_files([tmp_path]))
    assert first == list(iter_input_files([tmp_path]))
    assert first == sorted(first, key=lambda p: p.relative_to(tmp_path).parts)


def test_every_found_file_reads(tmp_path):
    shutil.copy(FIXTURES / "d90.docx", tmp_path / "d90.docx")
    (tmp_path / "d02.txt").write_bytes(SAMPLE.encode("gbk"))
    docs = [read_document(p) for p in iter_input_files([tmp_path])]
    assert [d.doc_id for d in docs] == ["d02", "d90"]
