"""Shared fixtures: one loaded pipeline per session, document builders, the shared data path."""

from __future__ import annotations

import io
import os
import sys
import tempfile
import zipfile
from xml.sax.saxutils import escape
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(Path(__file__).parent))  # for pdfmaker
# keep the tests away from the user's cache, and exercise the cold path once per session
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="skillmatch-test-cache-")

import skillmatch  # noqa: E402


@pytest.fixture(scope="session")
def sm():
    return skillmatch.load()


def shared(rel: str) -> Path:
    """Path under ../shared/data, skipping the test when it is absent (a fresh clone)."""
    path = SHARED / rel
    if not path.exists():
        pytest.skip(f"{path} not found: the shared data sets are not part of the repository")
    return path


def make_docx(paragraphs: list[str]) -> bytes:
    """A minimal but valid .docx holding `paragraphs`."""
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", document)
    return buf.getvalue()
