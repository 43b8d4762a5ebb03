"""Reading documents: every supported format, and one clear sentence for every bad input."""

from __future__ import annotations

import codecs

import pytest
from pdfmaker import build_pdf, text_to_pdf

from conftest import make_docx
from skillmatch import DocumentError, read_document


def test_pdf_multi_page(tmp_path):
    path = tmp_path / "cv.pdf"
    path.write_bytes(build_pdf([["Page one: Python"], ["Page two: Kubernetes (k8s)"]]))
    text = read_document(path)
    assert "Python" in text and "Kubernetes" in text
    assert text.index("Python") < text.index("Kubernetes")


def test_docx(tmp_path):
    path = tmp_path / "cv.docx"
    path.write_bytes(make_docx(["Jane Doe", "Skills: Python & SQL < Go"]))
    assert read_document(path) == "Jane Doe\nSkills: Python & SQL < Go"


def test_html(tmp_path):
    path = tmp_path / "posting.html"
    path.write_text("<html><head><style>p{}</style><script>var python=1</script></head>"
                    "<body><h1>ML Engineer</h1><ul><li>Python</li><li>SQL &amp; Spark</li></ul></body></html>",
                    encoding="utf-8")
    text = read_document(path)
    assert "var python" not in text and "SQL & Spark" in text and "ML Engineer" in text


@pytest.mark.parametrize("encoding, prefix", [("utf-8", b""), ("utf-8", codecs.BOM_UTF8),
                                              ("utf-16", b""), ("cp1252", b"")])
def test_text_encodings(tmp_path, encoding, prefix):
    path = tmp_path / "cv.txt"
    path.write_bytes(prefix + "Café résumé — Python".encode(encoding))
    assert read_document(path) == "Café résumé — Python"



@pytest.mark.parametrize("newline", [b"\r\n", b"\r"])
def test_windows_and_old_mac_line_breaks_become_lf(tmp_path, newline):
    path = tmp_path / "resume.txt"
    path.write_bytes(newline.join([b"SKILLS", b"Python, SQL", b"EXPERIENCE"]))
    assert read_document(path) == "SKILLS\nPython, SQL\nEXPERIENCE"

def test_markdown(tmp_path):
    path = tmp_path / "cv.md"
    path.write_text("# Skills\n- Python\n", encoding="utf-8")
    assert "Python" in read_document(path)


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.pdf", b"", "is empty"),
        ("blank.txt", b"   \n\t ", "is empty"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "damaged"),
        ("scan.pdf", build_pdf([[""]], image_only=True), "no text layer"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "damaged"),
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "unsupported file type '.png'"),
        ("cv.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "legacy Office"),
        ("binary.txt", b"abc\x00\x01\x02def", "binary"),
        ("odd.txt", b"\xff\xfe\x00\xd8", "not valid text"),
    ],
)
def test_bad_documents_get_one_sentence(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DocumentError) as err:
        read_document(path)
    message = str(err.value)
    assert name in message and reason in message
    assert "\n" not in message and message.endswith(".")


def test_encrypted_pdf(tmp_path):
    from pypdf import PdfReader, PdfWriter
    import io

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(text_to_pdf("Secret resume: Python"))).pages:
        writer.add_page(page)
    writer.encrypt("s3cret")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(DocumentError, match="locked.pdf: the PDF is encrypted with a password"):
        read_document(path)


def test_missing_and_directory(tmp_path):
    with pytest.raises(DocumentError, match="no such file"):
        read_document(tmp_path / "nope.pdf")
    with pytest.raises(DocumentError, match="is a directory"):
        read_document(tmp_path)


@pytest.mark.parametrize("rel", ["pdf/BUSINESS-DEVELOPMENT/12632728.pdf"])
def test_real_scanned_pdf_is_reported(rel):
    from conftest import shared

    path = shared(f"livecareer-resumes/{rel}")
    with pytest.raises(DocumentError, match="no text layer"):
        read_document(path)


def test_real_sample_pdfs_read():
    from conftest import shared

    folder = shared("sample-resumes/Resumes")
    pdfs = sorted(folder.glob("*.pdf"))
    assert pdfs
    for pdf in pdfs:
        assert len(read_document(pdf)) > 200
