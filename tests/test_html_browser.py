"""The HTML report in a real browser: headless Chromium renders the highlights and the links."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skillmatch.cli import app

ROOT = Path(__file__).resolve().parents[1]
BROWSER = next((shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="Chromium is not installed (Debian: apt install chromium)")
# the flags a sandboxed, offline machine needs for a quiet headless run
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]
MATCHED_MARK = (0xB9, 0xEF, 0xC9)  # mark.matched background in html_report._CSS
MISSING_BADGE = (0xFB, 0xD9, 0xD9)


@pytest.fixture(scope="module")
def report_html(tmp_path_factory):
    out = tmp_path_factory.mktemp("html") / "report.html"
    result = CliRunner().invoke(app, [str(ROOT / "examples" / "resume.pdf"), "--job",
                                      str(ROOT / "examples" / "job-posting.md"), "--format", "html",
                                      "--output", str(out)])
    assert result.exit_code == 0, result.output
    return out


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([BROWSER, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
                          capture_output=True, text=True, timeout=120)


def test_browser_builds_the_page_with_linked_highlights(report_html, tmp_path):
    dom = chromium(tmp_path, "--dump-dom", report_html.as_uri()).stdout
    assert "<title>Coverage of job-posting.md by resume.pdf" in dom
    marks = re.findall(r'<mark class="(matched|partial|negated|other)" id="(m\d+)"[^>]*>(?:<a href="#(skill-\d+)">)?',
                       dom)
    assert sum(css == "matched" for css, _, _ in marks) >= 10
    rows = set(re.findall(r'<tr id="(skill-\d+)"', dom))
    linked = {target for css, _, target in marks if target}
    assert linked and linked <= rows  # every highlight links to a job skill's row
    evidence_links = set(re.findall(r'<td><a href="#(m\d+)">', dom))
    assert evidence_links and evidence_links <= {mark_id for _, mark_id, _ in marks}


def test_browser_paints_the_highlights(report_html, tmp_path):
    from PIL import Image

    shot = tmp_path / "report.png"
    chromium(tmp_path, "--window-size=1200,4000", f"--screenshot={shot}", report_html.as_uri())
    image = Image.open(shot).convert("RGB")
    counts = {color: n for n, color in image.getcolors(image.width * image.height)}
    assert counts.get(MATCHED_MARK, 0) > 2000  # green highlights over the resume text
    assert counts.get(MISSING_BADGE, 0) > 50  # the red "missing" badges in the table
