"""OUT/index.html as an analyst sees it: rendered by a real headless browser (Debian's chromium)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from conftest import ROOT, SAMPLES
from lxml import html
from PIL import Image

from normalize import NoticeRecords
from normalize.metadata import NoticeMeta
from output.overview import RunStats, notice_stats, render_overview, warning_kind

BROWSER = next((b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
needs_browser = pytest.mark.skipif(BROWSER is None, reason="no chromium on this machine (.ci/run installs "
                                                           "Debian's chromium; apt-get install chromium)")
CHARTS = ("units", "due", "notices", "warnings")


def browser(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
             f"--user-data-dir={tmp_path / 'profile'}"]
    return subprocess.run([BROWSER, *flags, *args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Path:
    """A run with every status: notices read cleanly and with warnings, a duplicate, a failure, a skip."""
    root = tmp_path_factory.mktemp("overview")
    src = root / "in"
    src.mkdir()
    for f, name in (("000_3577e14141ec5b37.txt", None), ("001_b104398e3de8d2a1.docx", None),
                    ("001_b104398e3de8d2a1.txt", None), ("real/c1_chizhou_xfj_zwgk.txt", "c1 #1%41 通知.txt")):
        shutil.copy(SAMPLES / f, src / (name or Path(f).name))  # a name that must be percent-encoded in links
    (src / "broken <b>&amp;.pdf").write_bytes(b"\x00\x01garbage")  # a name that must be escaped
    (src / "notes.md").write_text("not a notice", encoding="utf-8")
    out = root / "out"
    subprocess.run([sys.executable, "-m", "notice_tasks", "extract", str(src), "--out", str(out)], cwd=ROOT,
                   capture_output=True, check=False)
    assert (out / "index.html").is_file()
    return out


def dom(tmp_path: Path, page: Path):
    text = browser(tmp_path, "--dump-dom", page.as_uri()).stdout
    assert "<body" in text, "the browser rendered nothing"
    return html.fromstring(text)


@needs_browser
def test_every_file_with_its_counts_failures_first(run: Path, tmp_path: Path):
    page = dom(tmp_path, run / "index.html")
    report = json.loads((run / "report.json").read_text(encoding="utf-8"))
    rows = page.xpath("//table[@id='files']/tbody/tr")
    shown = {r.get("data-path"): r for r in rows}
    assert set(shown) == {f["path"] for f in report["files"]}
    statuses = [r.get("class") for r in rows]
    assert statuses[0] == "failed" and statuses[-1] == "skipped"
    assert statuses == sorted(statuses, key=["failed", "warnings", "ok", "skipped"].index)
    for f in report["files"]:
        # A count of warnings opens to the warnings themselves: its summary is the number.
        cells = [(c.xpath("./details/summary") or [c])[0].text_content().strip() for c in shown[f["path"]].xpath("td")]
        assert cells[0] == f["status"] and cells[1] == f["path"]
        if f["status"] in ("ok", "warnings"):
            assert cells[3:7] == [str(f["tables"]), str(f["tasks"]), str(f["pairs"]), str(len(f["warnings"]))]
            items = shown[f["path"]].xpath(".//details/ul/li/text()")
            assert items == f["warnings"]
        else:
            assert f["reason"] in cells[7]
    read = [f for f in report["files"] if f["status"] in ("ok", "warnings")]
    total = lambda key: page.xpath(f"//div[@id='total-{key}']/dd")[0].text_content()  # noqa: E731
    assert total("read") == str(len(read)) and total("failed") == "1" and total("skipped") == "1"
    assert total("duplicates") == "1"  # 001 as .docx and .txt: one notice
    assert total("tasks") == str(sum(f["tasks"] for f in read if not f["duplicate_of"]))
    assert total("warnings") == str(sum(len(f["warnings"]) for f in read))


@needs_browser
def test_four_charts_with_bars_titles_and_text(run: Path, tmp_path: Path):
    page = dom(tmp_path, run / "index.html")
    for cid in CHARTS:
        (svg,) = page.xpath(f"//figure[@id='chart-{cid}']//*[local-name()='svg']")
        bars = svg.xpath(".//*[local-name()='rect'][contains(@class,'bar')]")
        assert bars, f"chart {cid} has no bars"
        assert all(b.xpath("./*[local-name()='title']/text()") for b in bars), f"chart {cid}: a bar without tooltip"
        assert svg.xpath("./*[local-name()='title']/text()") and svg.xpath("./*[local-name()='desc']/text()")
        labels = svg.xpath(".//*[local-name()='text'][@class='axis-label']/text()")
        assert len(labels) == 2, f"chart {cid}: axis labels {labels}"
        assert page.xpath(f"//figure[@id='chart-{cid}']//details/table")  # the text fallback
    # The no-due-date tasks are counted apart from the timeline.
    assert page.xpath("//figure[@id='chart-due']//*[local-name()='rect'][contains(@class,'apart')]")


def target(base: Path, href: str) -> Path:
    """The file a link on the page at `base` opens, resolved as the browser resolves it."""
    url = urlparse(urljoin(base.as_uri(), href))
    assert url.scheme == "file" and not url.fragment and not url.query, href
    return Path(unquote(url.path))


@needs_browser
def test_links_work_both_ways(run: Path, tmp_path: Path):
    index = run / "index.html"
    page = dom(tmp_path, index)
    links = page.xpath("//table[@id='files']//a/@href")
    assert len(links) == sum(1 for r in page.xpath("//table[@id='files']/tbody/tr")
                             if r.get("class") in ("ok", "warnings"))
    assert any("%23" in h for h in links)  # the name with # and % in it
    for href in links:
        assert target(index, href).is_file(), href
    for href in page.xpath("//figure[@id='chart-notices']//*[local-name()='a']/@href"):
        assert target(index, href).is_file(), href
    for href in links:
        review = target(index, href)
        (back,) = dom(tmp_path, review).xpath("//p[@id='overview-link']/a/@href")
        assert target(review, back) == index
    for href in page.xpath("//p[@class='outputs']/a/@href"):
        assert target(index, href).is_file(), href


@needs_browser
def test_screenshot_is_drawn(run: Path, tmp_path: Path):
    shot = tmp_path / "index.png"
    browser(tmp_path, f"--screenshot={shot}", "--window-size=1400,1400", (run / "index.html").as_uri())
    image = Image.open(shot).convert("L")
    dark = sum(n for value, n in enumerate(image.histogram()) if value < 200)
    assert dark > 0.02 * image.width * image.height  # bars, text and tables, not a blank page


def test_warnings_are_grouped_into_kinds_by_a_general_rule():
    same = [("table 1: column 1 '工作任务' read as area from its content",
             "table 12: column 3 '重点领域' read as area from its content"),
            ("table 1: task numbers jump from 3 to 68", "table 2: task numbers jump from 41 to 4243"),
            ("differs from its alternate a/b 1.pdf: table 1 task 1: task_no 1 vs 2",
             "differs from its alternate x/y.txt: 2 vs 1 tasks, 0 vs 0 pairs")]
    for a, b in same:
        assert warning_kind(a) == warning_kind(b)
        assert not any(ch.isdigit() for ch in warning_kind(a)) and "工作任务" not in warning_kind(a)
    assert warning_kind(same[0][0]) != warning_kind("table 1: column 2 '项目' read as number from its content")
    assert warning_kind("no table found: the notice has no task table") == "no table found"


def test_everything_from_a_notice_is_escaped():
    evil = "<script>alert(1)</script>&amp;'\""
    rec = NoticeRecords(source_file=f"in/{evil}.txt", format="txt", encoding="utf-8",
                        meta=NoticeMeta(title=f"关于{evil}的通知"), tables=[], tasks=[], pairings=[], warnings=[])
    stats = RunStats()
    stats.add(notice_stats(rec), f"review/{evil}-d.html")
    report = {"files": [
        {"path": rec.source_file, "status": "warnings", "reason": None, "format": "txt", "tables": 0, "tasks": 0,
         "pairs": 0, "warnings": [f"table 1: column 1 '{evil}' matches no known header"], "duplicate_of": None,
         "review": f"review/{evil}-d.html"},
        {"path": f"{evil}.pdf", "status": "failed", "reason": evil, "format": None, "tables": 0, "tasks": 0,
         "pairs": 0, "warnings": [], "duplicate_of": None, "review": None}]}
    page = render_overview(report, stats, ["tasks.xlsx"], [f"cell cut: {evil}"])
    assert "<script" not in page and evil not in page
    tree = html.fromstring(page)
    assert not tree.xpath("//script") and not tree.xpath("//@*[starts-with(name(), 'on')]")
    assert tree.xpath("//table[@id='files']/tbody/tr[1]/@data-path") == [f"{evil}.pdf"]  # failures first
    assert f"{evil}.pdf" in tree.text_content() and evil in tree.xpath("//ul[@id='workbook-warnings']")[0].text_content()
