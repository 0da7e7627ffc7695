"""Hostile and broken input through the real CLI: every bad file gets a specific reason, the good
files beside it are read as if it were absent, nothing is half-written, no traceback is shown."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import ROOT, SAMPLES
from hostile import (
    GOOD_TXT,
    SECRET,
    big_docx,
    blank_pages_pdf,
    bomb_docx,
    broken_cases,
    damaged_xref_pdf,
    deep_docx,
    external_entity_docx,
    flate_bomb_pdf,
    page_tree_loop_pdf,
    text_cases,
)

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    src = root / "in"
    src.mkdir()
    shutil.copy(GOOD_TXT, src / "good.txt")
    for name, data in {**text_cases(), **broken_cases()}.items():
        (src / name).write_bytes(data)
    secret = root / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    (src / "xxe.docx").write_bytes(external_entity_docx(secret))
    (src / "bomb.docx").write_bytes(bomb_docx())
    (src / "deep.docx").write_bytes(deep_docx())
    (src / "big.docx").write_bytes(big_docx())
    shutil.copy(FIXTURES / "docx" / "broken_encrypted.docx", src / "encrypted.docx")
    shutil.copy(FIXTURES / "docx" / "small_strict.docx", src / "strict.docx")
    pdfs = FIXTURES / "pdf"
    shutil.copy(pdfs / "encrypted_user_password.pdf", src / "user password.pdf")
    shutil.copy(pdfs / "encrypted_owner_only.pdf", src / "owner password only.pdf")
    shutil.copy(pdfs / "no_text_image.pdf", src / "scanned.pdf")
    sample_pdf = (SAMPLES / "000_3577e14141ec5b37.pdf").read_bytes()
    (src / "pdf named.docx").write_bytes(sample_pdf)
    (src / "truncated.pdf").write_bytes(sample_pdf[: len(sample_pdf) // 3])
    (src / "blank pages.pdf").write_bytes(blank_pages_pdf(3000))
    (src / "page tree loop.pdf").write_bytes(page_tree_loop_pdf())
    (src / "damaged xref.pdf").write_bytes(damaged_xref_pdf())
    (src / "flate bomb.pdf").write_bytes(flate_bomb_pdf())
    # The folder itself: odd names, hidden and lock files, a folder named like a file, a link loop.
    odd = src / "names"
    odd.mkdir()
    for name in ("with space 通知.txt", "quote's \"x\".txt", "new\nline.txt", "emoji 📄.txt"):
        shutil.copy(SAMPLES / "001_b104398e3de8d2a1.txt", odd / name)
    (src / ".hidden.txt").write_text("\t序号\n", encoding="utf-8")
    (src / "~$lock.docx").write_bytes(b"\x00lock")
    (src / "folder.pdf").mkdir()
    shutil.copy(GOOD_TXT, src / "folder.pdf" / "inside.txt")
    os.symlink("..", src / "names" / "loop")
    out = root / "out"
    proc = subprocess.run([sys.executable, "-m", "notice_tasks", "extract", str(src), "--out", str(out),
                           "--keep-duplicates", "--timeout", "120"], cwd=ROOT, capture_output=True, text=True)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    files = {str(Path(f["path"]).relative_to(src)): f for f in report["files"]}
    return proc, files, out, src


def status(files, name):
    return files[name]["status"], files[name]["reason"]


def test_exit_status_and_no_traceback(run):
    proc, _, out, _ = run
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]  # no partial outputs


BAD = [
    ("empty.txt", "empty file (0 bytes)"),
    ("empty.docx", "empty file (0 bytes)"),
    ("empty.pdf", "empty file (0 bytes)"),
    ("truncated.docx", "truncated"),
    ("random.pdf", "not a .pdf file: unrecognised binary data"),
    ("random.docx", "not a .docx file: unrecognised binary data"),
    ("text named.pdf", "named .pdf but the content is plain text"),
    ("image named.txt", "PNG image"),
    ("encrypted.docx", "password-protected"),
    ("laughs.docx", "DTD"),
    ("xxe.docx", "DTD"),
    ("bomb.docx", "over the 200 MB limit"),
    ("user password.pdf", "encrypted PDF: a password is needed"),
    ("scanned.pdf", "no text layer — scanned PDF, needs OCR"),
    ("blank pages.pdf", "all 3000 page(s) are blank"),
    ("flate bomb.pdf", "inflates past the 256 MB limit"),
    ("truncated.pdf", "corrupt or truncated PDF"),
]


@pytest.mark.parametrize(("name", "reason"), BAD)
def test_bad_file_fails_with_a_specific_reason(run, name, reason):
    _, files, _, _ = run
    got_status, got_reason = status(files, name)
    assert got_status == "failed"
    assert reason in got_reason


@pytest.mark.parametrize(("name", "tasks"), [
    ("good.txt", 18), ("gb18030.txt", 18), ("utf16.txt", 18), ("crlf.txt", 18), ("stray bytes.txt", 18),
    ("docx named.txt", 18), ("strict.docx", 2), ("deep.docx", 1), ("big.docx", 20_000), ("ragged.txt", 2),
    ("huge cell.txt", 1), ("formula.txt", 1), ("names/with space 通知.txt", 28), ("names/emoji 📄.txt", 28),
    ("names/quote's \"x\".txt", 28), ("names/new\nline.txt", 28), ("folder.pdf/inside.txt", 18),
    ("pdf named.docx", 18), ("owner password only.pdf", 1), ("page tree loop.pdf", 0), ("damaged xref.pdf", 0),
])
def test_odd_but_valid_files_are_read(run, name, tasks):
    _, files, _, _ = run
    assert files[name]["status"] in ("ok", "warnings"), files[name]["reason"]
    assert files[name]["tasks"] == tasks


def test_warnings_name_what_was_odd(run):
    _, files, _, _ = run
    assert any("damaged (cross-reference table)" in w for w in files["damaged xref.pdf"]["warnings"])
    assert any("no table found" in w for w in files["page tree loop.pdf"]["warnings"])
    assert any("content is PDF" in w for w in files["pdf named.docx"]["warnings"])
    assert any("undecodable" in w for w in files["stray bytes.txt"]["warnings"])
    assert any("named .txt but the content is Word document" in w for w in files["docx named.txt"]["warnings"])
    assert files["header only.txt"]["tasks"] == 0 and files["header only.txt"]["warnings"]
    assert files["prose.txt"]["tasks"] == 0
    assert any("no table found" in w for w in files["prose.txt"]["warnings"])
    assert files["utf16.txt"]["encoding"] == "utf-16" and files["gb18030.txt"]["encoding"] == "gb18030"


def test_skipped_and_unlisted(run):
    _, files, _, _ = run
    assert files["~$lock.docx"]["status"] == "skipped"
    assert not any(name.startswith(".") for name in files)
    assert not any(name.startswith("names/loop") for name in files)  # the symlinked folder is not followed


def test_failed_files_contribute_no_rows_and_no_secret_leaks(run):
    _, files, out, _ = run
    tasks = pq.read_table(out / "tasks.parquet").to_pandas()
    failed = {f["path"] for f in files.values() if f["status"] == "failed"}
    assert not set(tasks["source_file"]) & failed
    assert len(tasks) == sum(f["tasks"] for f in files.values() if f["status"] in ("ok", "warnings"))
    for p in out.rglob("*"):
        if p.is_file():
            assert SECRET.encode() not in p.read_bytes(), p


def test_formula_cells_escaped_in_csv_kept_in_parquet(run):
    _, _, out, _ = run
    tasks = pq.read_table(out / "tasks.parquet").to_pandas()
    row = tasks[tasks["source_file"].str.endswith("formula.txt")].iloc[0]
    assert row["task"].startswith("=HYPERLINK(")
    assert list(row["lead_units"]) == ["@区教委"]
    csv_text = (out / "tasks.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK(" in csv_text and "'@区教委" in csv_text
    assert "\n=HYPERLINK" not in csv_text and ",=HYPERLINK" not in csv_text


def test_memory_stays_bounded(run):
    # ru_maxrss of the finished child processes (the CLI and its workers), in KiB on Linux.
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 2 * 1024 * 1024


@pytest.mark.parametrize(("name", "reason"), BAD)
def test_each_bad_file_beside_a_good_one(run, tmp_path, name, reason):
    """The bad file alone beside a good one: its reason, exit status 1, the good file's rows all
    there, nothing half-written."""
    _, _, _, src = run
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(src / "good.txt", folder / "good.txt")
    shutil.copy(src / name, folder / name)
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "notice_tasks", "extract", str(folder), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    report = {Path(f["path"]).name: f for f in json.loads((out / "report.json").read_text("utf-8"))["files"]}
    assert report[name]["status"] == "failed" and reason in report[name]["reason"]
    assert report["good.txt"]["status"] == "ok"
    tasks = pq.read_table(out / "tasks.parquet").to_pandas()
    assert len(tasks) == 18 and set(tasks["source_file"].map(lambda p: Path(p).name)) == {"good.txt"}
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
