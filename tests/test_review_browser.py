"""The review page as an analyst sees it: rendered by a real headless browser (Debian's chromium)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

from extract import read_document
from normalize import normalize_document

BROWSER = next((b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no chromium on this machine (.ci/run installs "
                                                        "Debian's chromium; apt-get install chromium)")


def browser(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
             f"--user-data-dir={tmp_path / 'profile'}"]
    return subprocess.run([BROWSER, *flags, *args], capture_output=True, text=True, timeout=120)


def review_page(src: Path, out: Path) -> Path:
    subprocess.run([sys.executable, "-m", "notice_tasks", "extract", str(src), "--out", str(out)],
                   cwd=ROOT, check=True, capture_output=True)
    (page,) = (out / "review").glob("*.html")
    return page


@pytest.mark.parametrize("name", ["001_b104398e3de8d2a1.txt", "001_b104398e3de8d2a1.docx"])
def test_review_page_renders_tables_records_and_marks(name: str, tmp_path: Path):
    page = review_page(SAMPLES / name, tmp_path / "out")
    dom = browser(tmp_path, "--dump-dom", page.as_uri()).stdout
    doc = read_document(SAMPLES / name)
    rec = normalize_document(doc)
    assert rec.meta.doc_number in dom and rec.meta.title in dom
    assert 'id="warnings"' in dom and 'id="source-file"' in dom
    assert dom.count("<tr data-task=") == len(rec.tasks)
    # Every carried value is highlighted: one marked cell per carried field shown in the records.
    shown = {"number": 1, "area": 1, "deadline": 2, "lead": 1, "support": 1, "remarks": 1}
    want = sum(shown.get(f, 0) for t in rec.tasks for f in t.carried)
    assert len(re.findall(r'<td class="carried">', dom)) == want > 0
    # The grid shows the document's own merged cells (none in a text export).
    merged = sum((c.rowspan or 1) > 1 for t in doc.tables for c in t.cells)
    assert len(re.findall(r'<td rowspan="\d+" class="merged">', dom)) == merged
    assert (merged > 0) == (doc.format == "docx")


def test_review_page_screenshot_is_drawn(tmp_path: Path):
    page = review_page(SAMPLES / "001_b104398e3de8d2a1.docx", tmp_path / "out")
    shot = tmp_path / "page.png"
    browser(tmp_path, f"--screenshot={shot}", "--window-size=1400,1800", page.as_uri())
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000  # a page with content, not a blank one
