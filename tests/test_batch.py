"""`make extract` as analysts use it: a folder of notices in several formats, a duplicate, a bad
file, re-runs from the cache, parallel workers, the report and the data package."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import ROOT, SAMPLES

from extract import read_document
from normalize import normalize_document


def make_extract(src: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    args = ["make", "--no-print-directory", "-C", str(ROOT), "extract", f"INPUT={src}", f"OUT={out}"]
    if extra:
        args.append(f"ARGS={' '.join(extra)}")
    return subprocess.run(args, capture_output=True, text=True)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Every sample in every format, a renamed copy (a duplicate), a bad file, a lock file."""
    src = tmp_path / "通知 folder"
    (src / "sub").mkdir(parents=True)
    for f in SAMPLES.iterdir():
        if f.suffix in (".txt", ".docx", ".pdf"):
            shutil.copy(f, src / f.name)
    shutil.copy(SAMPLES / "000_3577e14141ec5b37.txt", src / "sub" / "copy of 武隆 notice.txt")
    (src / "sub" / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (src / "~$lock.docx").write_bytes(b"lock")
    (src / "notes.md").write_text("not a notice", encoding="utf-8")
    return src


def test_folder_with_all_formats_a_duplicate_and_a_bad_file(folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    proc = make_extract(folder, out)
    assert proc.returncode != 0  # make reports the CLI's exit status 1
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    by_name = {Path(f["path"]).name: f for f in report["files"]}
    assert by_name["broken.docx"]["status"] == "failed" and "zip" in by_name["broken.docx"]["reason"]
    assert by_name["~$lock.docx"]["status"] == "skipped"
    assert by_name["notes.md"]["status"] == "skipped"
    # Each notice counts once, from its .docx, whatever else holds it.
    docs = (out / "documents.csv").read_text(encoding="utf-8").splitlines()
    assert len(docs) == 1 + 2
    assert all(".docx" in line for line in docs[1:])
    kept = by_name["000_3577e14141ec5b37.docx"]
    assert sorted(Path(a).name for a in kept["alternates"]) == sorted(
        ["000_3577e14141ec5b37.txt", "copy of 武隆 notice.txt"] + (["000_3577e14141ec5b37.pdf"]
                                                                 if (folder / "000_3577e14141ec5b37.pdf").exists() else []))
    assert by_name["000_3577e14141ec5b37.txt"]["duplicate_of"].endswith("000_3577e14141ec5b37.docx")
    tasks = (out / "tasks.csv").read_text(encoding="utf-8").splitlines()
    assert len(tasks) == 1 + 18 + 28
    assert "FAILED" in proc.stdout and "broken.docx" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


def test_rerun_reads_from_the_cache_and_force_reparses(folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    make_extract(folder, out)
    first = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    new = (SAMPLES / "001_b104398e3de8d2a1.txt").read_text(encoding="utf-8").replace("24号", "99号", 1)
    (folder / "new notice.txt").write_text(new, encoding="utf-8")
    again = make_extract(folder, out)
    assert "from cache" in again.stdout
    read_line = next(line for line in again.stdout.splitlines() if "file(s) read" in line)
    n_read = int(read_line.split()[0])
    assert f"({n_read - 1} from cache)" in read_line  # only the new file was parsed
    forced = make_extract(folder, out, "--force")
    assert "(0 from cache)" in forced.stdout
    (folder / "new notice.txt").unlink()
    make_extract(folder, out)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == first


def test_parallel_and_serial_runs_give_identical_outputs(folder: Path, tmp_path: Path):
    for name, jobs in (("one", "1"), ("two", "2")):
        make_extract(folder, tmp_path / name, "--jobs", jobs)

    def files(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*")
                if p.is_file() and ".cache" not in p.parts}

    assert files(tmp_path / "one") == files(tmp_path / "two")


def test_a_file_over_the_time_limit_is_failed_and_the_others_written(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLES / "000_3577e14141ec5b37.txt", src / "a.txt")
    big = src / "huge.txt"
    row = "\t1\n\t重点领域\n\t" + "推进重点工作，" * 50 + "\n\t区发展改革委\n\n"
    big.write_text("\t序号\n\t领域\n\t重点任务\n\t责任单位\n\n" + row * 40000, encoding="utf-8")
    out = tmp_path / "out"
    proc = make_extract(src, out, "--timeout", "1")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    by_name = {Path(f["path"]).name: f for f in report["files"]}
    assert by_name["huge.txt"]["status"] == "failed"
    assert "time limit of 1 s exceeded" in by_name["huge.txt"]["reason"]
    assert by_name["a.txt"]["status"] == "ok"
    assert proc.returncode != 0


def test_bad_usage_exits_2(tmp_path: Path):
    proc = subprocess.run([str(ROOT / ".venv/bin/python"), "-m", "notice_tasks", "extract", "--jobs", "0", "x"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2


def test_data_package_validates_with_frictionless(folder: Path, tmp_path: Path):
    frictionless = pytest.importorskip("frictionless")
    out = tmp_path / "out"
    make_extract(folder, out)
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])[:10]
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["name"] for r in package["resources"]} == {"documents", "tasks", "task_units", "pairings"}


def test_two_formats_that_disagree_are_reported(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLES / "000_3577e14141ec5b37.docx", src / "notice.docx")
    text = (SAMPLES / "000_3577e14141ec5b37.txt").read_text(encoding="utf-8")
    (src / "notice.txt").write_text(text.replace("\t区交通局\n", "\t区交通运输局\n"), encoding="utf-8")
    out = tmp_path / "out"
    proc = make_extract(src, out)
    assert proc.returncode == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    kept = next(f for f in report["files"] if f["path"].endswith("notice.docx"))
    assert kept["alternates"][0].endswith("notice.txt")
    diffs = [w for w in kept["warnings"] if w.startswith("differs from its alternate")]
    assert len(diffs) == 1 and "task 6: lead_units" in diffs[0] and "区交通运输局" in diffs[0]
    assert "differs from its alternate" in proc.stdout
    # The documents row carries what the run added: its alternate, and the warning counted.
    row, = pq.read_table(out / "documents.parquet").to_pylist()
    assert row["alternates"] == kept["alternates"] and row["n_warnings"] == len(kept["warnings"])
    rec = normalize_document(read_document(src / "notice.docx"))
    assert kept["carried"] == dict(Counter(f for t in rec.tasks for f in t.carried))
    assert kept["carried"]["area"] == 13  # 18 tasks in 5 groups


def test_progress_bar_on_a_terminal_plain_lines_otherwise(tmp_path: Path):
    import fcntl
    import os
    import pty
    import struct
    import sys
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal of 100 columns
    args = [sys.executable, "-m", "notice_tasks", "extract", str(SAMPLES), "--out", str(tmp_path / "tty")]
    proc = subprocess.Popen(args, cwd=ROOT, stdout=slave, stderr=slave)
    os.close(slave)
    data = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        data += chunk
    assert proc.wait(timeout=300) == 0
    os.close(master)
    assert b"file/s" in data or b"s/file" in data  # tqdm's rate: the bar was drawn
    plain = subprocess.run([*args[:-1], str(tmp_path / "plain")], cwd=ROOT, capture_output=True, text=True)
    assert "file/s" not in plain.stdout + plain.stderr and "s/file" not in plain.stdout + plain.stderr
    assert "ok       " in plain.stdout
