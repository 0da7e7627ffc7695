"""The command line end to end: good and bad files together, exit status, determinism."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SAMPLES


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "notice_tasks", *args], cwd=ROOT, capture_output=True, text=True)


def test_bad_file_is_reported_and_the_others_written(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLES / "000_3577e14141ec5b37.txt", src / "good notice 通知.txt")
    (src / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    (src / ".hidden.txt").write_text("\t序号\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = run("extract", str(src), "--out", str(out))
    assert proc.returncode == 1
    assert "FAILED" in proc.stdout and "broken.txt" in proc.stdout and "binary data" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [f["status"] for f in report["files"]] == ["failed", "ok"]
    assert ".hidden" not in proc.stdout
    tasks = (out / "tasks.csv").read_text(encoding="utf-8").splitlines()
    assert len(tasks) == 1 + 18


def test_format_is_decided_by_content(tmp_path: Path):
    legacy = tmp_path / "old.wps"  # an OLE2 Word container with garbage inside: the legacy reader's refusal
    legacy.write_bytes((ROOT / "tests" / "fixtures" / "legacy" / "broken_random.doc").read_bytes())
    misnamed = tmp_path / "notice.text"
    misnamed.write_bytes((SAMPLES / "000_3577e14141ec5b37.txt").read_bytes())
    stub = tmp_path / "download.pdf"
    stub.write_text("<p>404 not found</p>", encoding="utf-8")
    proc = run("extract", str(legacy), str(misnamed), str(stub), "--out", str(tmp_path / "out"))
    assert proc.returncode == 1
    # With LibreOffice: "could not open it"; without: "reading it needs LibreOffice".
    assert "old.wps: legacy Word .doc / WPS document (OLE2): " in proc.stdout
    assert "named .pdf but the content is a web page (an error page?), not a .pdf document" in proc.stdout
    assert "18 task(s)" in proc.stdout


def test_missing_file_and_empty_folder(tmp_path: Path):
    proc = run("extract", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 1 and "No such file" in proc.stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("extract", str(empty), "--out", str(tmp_path / "out2")).returncode == 2
    assert run("frobnicate").returncode == 2


def test_two_runs_give_byte_identical_outputs(tmp_path: Path):
    for name in ("a", "b"):
        assert run("extract", str(SAMPLES), "--out", str(tmp_path / name)).returncode == 0
    def outputs(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
                if p.is_file() and ".cache" not in p.parts}

    a, b = outputs(tmp_path / "a"), outputs(tmp_path / "b")
    assert "tasks.parquet" in a and any(name.startswith("review/") for name in a)
    assert a == b


def test_quiet_prints_the_summary_and_failures_only(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("000_3577e14141ec5b37.txt", "000_3577e14141ec5b37.docx"):  # one notice twice
        shutil.copy(SAMPLES / name, src / name)
    (src / "broken.pdf").write_bytes(b"%PDF-1.4\ngarbage")
    proc = run("extract", str(src), "--out", str(tmp_path / "out"), "--quiet")
    lines = proc.stdout.splitlines()
    assert len(lines) == 2, proc.stdout
    assert lines[0].startswith("FAILED") and "broken.pdf" in lines[0]
    assert "1 duplicate(s)" in lines[1]
