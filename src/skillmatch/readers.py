"""Read resumes and postings (.pdf, .docx, .txt, .md, .html, stdin) into plain text.

Every failure is a `DocumentError` whose message is one sentence naming the file and the reason.
"""

from __future__ import annotations

import codecs
import io
import re
import sys
import unicodedata
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

from .errors import DocumentError

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".rst", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
DOCUMENT_SUFFIXES = {".pdf", ".docx"} | HTML_SUFFIXES | (TEXT_SUFFIXES - {""})
SUPPORTED = "PDF, DOCX, TXT, MD or HTML"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"



def read_document(path: str | Path) -> str:
    """Text of the document at `path` (`-` reads standard input)."""
    if str(path) == "-":
        return read_bytes(sys.stdin.buffer.read(), "standard input")
    path = Path(path)
    if not path.exists():
        raise DocumentError(f"{path}: no such file.")
    if path.is_dir():
        raise DocumentError(f"{path}: is a directory, not a document.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be opened ({exc.strerror or exc}).") from None
    return read_bytes(data, path.name)


def read_bytes(data: bytes, name: str) -> str:
    """Text of a document given as bytes; `name`'s suffix picks the reader."""
    suffix = Path(name).suffix.lower()
    if not data.strip():
        raise DocumentError(f"{name}: the file is empty.")
    if data.startswith(b"%PDF") or suffix == ".pdf":
        text = pdf_text(data, name)
    elif suffix == ".docx" or (data.startswith(b"PK\x03\x04") and suffix not in HTML_SUFFIXES):
        text = docx_text(data, name)
    elif data.startswith(_OLE_MAGIC):
        raise DocumentError(
            f"{name}: is a legacy Office file or a password-protected document; save it as DOCX or PDF."
        )
    elif suffix in HTML_SUFFIXES:
        text = html_text(unix_lines(decode_text(data, name)))
    elif suffix in TEXT_SUFFIXES:
        text = unix_lines(decode_text(data, name))
    else:
        raise DocumentError(f"{name}: unsupported file type '{suffix}'; use {SUPPORTED}.")
    if not text.strip():
        raise DocumentError(f"{name}: the document contains no text.")
    return text


def decode_text(data: bytes, name: str) -> str:
    """Decode text bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[3:], "utf-8", name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", name)
    if b"\x00" in data[:4096]:
        raise DocumentError(f"{name}: looks like a binary file, not text; use {SUPPORTED}.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode(data, "cp1252", name)


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise DocumentError(
            f"{name}: is not valid text in UTF-8, UTF-16 or Windows-1252; re-save it as UTF-8."
        ) from None


class PagedText(str):
    """Text of a paged document; `page_starts` holds the offset where each page begins."""

    page_starts: tuple[int, ...] = ()

    @classmethod
    def join(cls, pages: list[str], separator: str = "\n\n") -> "PagedText":
        text = cls(separator.join(pages))
        starts, pos = [], 0
        for page in pages:
            starts.append(pos)
            pos += len(page) + len(separator)
        text.page_starts = tuple(starts)  # an instance attribute: pickling and copying keep it
        return text


def pdf_text(data: bytes, name: str) -> str:
    """Text layer of every page of a PDF (PDFium), pages separated by blank lines."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise DocumentError(f"{name}: the PDF is encrypted with a password; remove the password first.") from None
        raise DocumentError(f"{name}: the PDF is damaged and cannot be read.") from None
    try:
        pages = []
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            pages.append(_page_text(textpage))
            textpage.close()
            page.close()
    except pdfium.PdfiumError:
        raise DocumentError(f"{name}: the PDF is damaged and cannot be read.") from None
    finally:
        doc.close()
    if not pages:
        raise DocumentError(f"{name}: the PDF has no pages.")
    text = PagedText.join([clean_extracted(page) for page in pages])
    if not text.strip():
        raise DocumentError(
            f"{name}: the PDF has no text layer (it is probably a scanned image); run OCR on it first."
        )
    return text


# A gap wider than this share of the glyph box height between two letters on one line is a
# word space the PDF left out (common in resume builders' output): "dataentry" -> "data entry".
PDF_WORD_GAP = 0.08


def _page_text(textpage) -> str:
    """A page's characters in reading order, with missing word spaces put back."""
    import pypdfium2.raw as raw

    box = raw.FS_RECTF()
    out: list[str] = []
    prev_right = prev_bottom = 0.0
    after_space = True
    for i in range(raw.FPDFText_CountChars(textpage)):
        ch = chr(raw.FPDFText_GetUnicode(textpage, i))
        if ch in "\r\n":
            if ch == "\n":
                out.append("\n")
            after_space = True
            continue
        raw.FPDFText_GetLooseCharBox(textpage, i, box)
        if ch.isspace():
            out.append(" ")
            after_space = True
            continue
        size = box.top - box.bottom
        if (not after_space and size > 0 and box.left - prev_right > PDF_WORD_GAP * size
                and abs(box.bottom - prev_bottom) < size):
            out.append(" ")
        out.append(ch)
        prev_right, prev_bottom, after_space = box.right, box.bottom, False
    return "".join(out)


def docx_text(data: bytes, name: str) -> str:
    """Paragraph text of a .docx file (body, including tables), one paragraph per line."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("word/document.xml")
        root = ElementTree.fromstring(xml)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, EOFError, ValueError):
        raise DocumentError(f"{name}: the DOCX file is damaged or not a Word document.") from None
    lines = []
    for para in root.iter(f"{_W}p"):
        parts = []
        for node in para.iter():
            if node.tag == f"{_W}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{_W}tab":
                parts.append("\t")
            elif node.tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
        lines.append("".join(parts))
    return clean_extracted("\n".join(lines))


class _HTMLText(HTMLParser):
    _BLOCK = {"p", "div", "br", "li", "ul", "ol", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
              "section", "article", "header", "footer", "table", "dd", "dt", "pre", "blockquote"}
    _SKIP = {"script", "style", "head", "noscript", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("• ")

    def handle_endtag(self, tag):
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def html_text(html: str) -> str:
    """Visible text of an HTML page, block elements on their own lines."""
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


def clean_extracted(text: str) -> str:
    """Undo PDF/DOCX extraction artefacts: ligatures, non-breaking spaces, stray NULs."""
    text = unicodedata.normalize("NFKC", text)
    return unix_lines(text.replace("\x00", ""))


def unix_lines(text: str) -> str:
    """Windows (CR LF) and old Mac (CR) line breaks as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
