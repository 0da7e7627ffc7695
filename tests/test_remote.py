"""Inputs and outputs named by URL (fsspec): a file:// URL stands in for s3:// and the like."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, SAMPLES

pytest.importorskip("fsspec", reason="fsspec is not installed (pip install '.[cluster]')")


def _extract(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "notice_tasks", "extract", *args, "--quiet"],
                          cwd=ROOT, capture_output=True, text=True, env=env)


def test_urls_in_and_out_give_a_local_runs_rows_under_their_urls(tmp_path: Path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("000_3577e14141ec5b37.txt", "001_b104398e3de8d2a1.docx"):
        shutil.copy(SAMPLES / name, src / name)
    (src / ".hidden.txt").write_text("x")
    (src / "notes.json").write_text("{}")
    env = {**__import__("os").environ, "NOTICE_TASKS_CACHE": str(tmp_path / "cache")}
    local = _extract(str(src), "--out", str(tmp_path / "local"), env=env)
    remote = _extract(f"file://{src}", "--out", f"file://{tmp_path / 'remote'}", env=env)
    assert local.returncode == remote.returncode == 0, remote.stdout + remote.stderr
    assert f"uploaded to file://{tmp_path / 'remote'}" in remote.stdout
    for table in ("tasks", "task_units", "pairings", "documents"):
        a = pd.read_parquet(tmp_path / "local" / f"{table}.parquet")
        b = pd.read_parquet(tmp_path / "remote" / f"{table}.parquet")
        if "source_file" in a:
            assert list(b["source_file"].unique()) == [f"file://{p}" for p in a["source_file"].unique()]
            a, b = a.drop(columns="source_file"), b.drop(columns="source_file")
        pd.testing.assert_frame_equal(a, b)
    report = json.loads((tmp_path / "remote" / "report.json").read_text(encoding="utf-8"))
    assert {Path(f["path"]).name: f["status"] for f in report["files"]} == {
        "000_3577e14141ec5b37.txt": "ok", "001_b104398e3de8d2a1.docx": "ok", "notes.json": "skipped"}
    assert (tmp_path / "remote" / "tasks.xlsx").exists() and (tmp_path / "remote" / "review").is_dir()
    assert not (tmp_path / "remote" / ".cache").exists()  # the cache stays on this machine


def test_a_missing_url_fails_that_file_only(tmp_path: Path):
    proc = _extract(f"file://{tmp_path / 'nope.pdf'}", str(SAMPLES / "000_3577e14141ec5b37.txt"),
                    "--out", str(tmp_path / "o"))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "nope.pdf: cannot read the file" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_a_url_named_directly_is_read_whatever_its_name(tmp_path: Path):
    from notice_tasks.inputs import find_inputs
    from notice_tasks.remote import url_name

    f = tmp_path / "download"
    f.write_bytes((SAMPLES / "000_3577e14141ec5b37.txt").read_bytes())
    assert [i.skip for i in find_inputs([f"file://{f}"])] == [None]
    assert url_name("https://x.gov.cn/a/通知.pdf?id=3#p") == "通知.pdf"
    proc = _extract(f"file://{f}", "--out", str(tmp_path / "o"))
    assert proc.returncode == 0 and "18 task(s)" in proc.stdout, proc.stdout + proc.stderr
