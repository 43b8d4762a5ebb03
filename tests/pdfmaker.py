"""A minimal PDF writer for test fixtures and the shipped example (text pages, no dependencies).

    python tests/pdfmaker.py examples/resume.txt examples/resume.pdf
"""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

LINES_PER_PAGE = 52


def _escape(line: str) -> str:
    line = line.encode("cp1252", "replace").decode("cp1252")
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _page_stream(lines: list[str]) -> bytes:
    ops = ["BT", "/F1 10 Tf", "12 TL", "50 790 Td"]
    for line in lines:
        ops.append(f"({_escape(line)}) Tj T*")
    ops.append("ET")
    return "\n".join(ops).encode("cp1252", "replace")


def _image_stream() -> bytes:
    """A page showing only a 2x2 grey image: what a scanned resume looks like to a parser."""
    return b"q 200 0 0 200 100 500 cm /Im1 Do Q"


def build_pdf(pages: list[list[str]], image_only: bool = False) -> bytes:
    """PDF bytes with one page per list of lines (Helvetica 10pt), or image-only pages."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # placeholders filled below
    pages_obj = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    image = None
    if image_only:
        pixels = zlib.compress(bytes([40, 200, 200, 40]))
        image = add(b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
                    b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % len(pixels)
                    + pixels + b"\nendstream")
    kids = []
    for lines in pages:
        raw = _image_stream() if image_only else _page_stream(lines)
        data = zlib.compress(raw)
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        resources = b"/Font << /F1 %d 0 R >>" % font
        if image is not None:
            resources += b" /XObject << /Im1 %d 0 R >>" % image
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << %s >> "
                        b"/Contents %d 0 R >>" % (pages_obj, resources, content)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = (b"<< /Type /Pages /Kids [%s] /Count %d >>"
                              % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


def text_to_pdf(text: str) -> bytes:
    """A PDF of `text`, paginated every `LINES_PER_PAGE` lines."""
    lines = text.splitlines() or [""]
    pages = [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]
    return build_pdf(pages)


if __name__ == "__main__":
    source, target = map(Path, sys.argv[1:3])
    target.write_bytes(text_to_pdf(source.read_text(encoding="utf-8")))
