"""Minimal PDF files built byte by byte for the hostile-input tables (no PDF library needed)."""
from __future__ import annotations


def build_pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A minimal PDF: objects 1..n (object 1 the catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer + b">>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def pdf_stream(data: bytes, extra: bytes = b"") -> bytes:
    """A stream object holding `data` (`extra`: more dictionary entries, such as a filter)."""
    return b"<< /Length %d " % len(data) + extra + b">>\nstream\n" + data + b"\nendstream"
