"""The per-file map on a Dask cluster gives the outputs of a local run, byte for byte."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

distributed = pytest.importorskip("distributed", reason="Dask distributed is not installed (pip install '.[cluster]')")


@pytest.fixture(scope="module")
def cluster():
    # Processes on this machine, as a scheduler and workers on others would be.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as local:
        yield local.scheduler_address


def _extract(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "notice_tasks", "extract", *args, "--quiet"],
                          cwd=ROOT, capture_output=True, text=True)


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".cache" not in p.parts}


def test_a_cluster_run_writes_what_a_local_run_writes(tmp_path: Path, cluster: str):
    src = tmp_path / "in"
    src.mkdir()
    for f in sorted(SAMPLES.glob("00*")):
        if f.suffix in (".txt", ".docx", ".pdf", ".html", ".xlsx"):
            shutil.copy(f, src / f.name)
    (src / "broken.pdf").write_bytes(b"%PDF-1.7\nnot really")
    local = _extract(str(src), "--out", str(tmp_path / "local"))
    remote = _extract(str(src), "--out", str(tmp_path / "remote"), "--cluster", cluster)
    assert local.returncode == remote.returncode == 1, remote.stdout + remote.stderr  # the broken file
    assert "broken.pdf" in remote.stdout
    a, b = _files(tmp_path / "local"), _files(tmp_path / "remote")
    assert sorted(a) == sorted(b) and "tasks.parquet" in a
    assert [name for name in a if a[name] != b[name]] == []


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path):
    proc = _extract(str(SAMPLES / "000_3577e14141ec5b37.txt"), "--out", str(tmp_path / "o"),
                    "--cluster", "tcp://127.0.0.1:9", "--force")
    assert proc.returncode != 0
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_url_inputs_on_the_cluster(tmp_path: Path, cluster: str):
    pytest.importorskip("fsspec")
    src = tmp_path / "in"
    src.mkdir()
    for name in ("000_3577e14141ec5b37.txt", "001_b104398e3de8d2a1.docx"):
        shutil.copy(SAMPLES / name, src / name)
    local = _extract(f"file://{src}", "--out", str(tmp_path / "local"))
    remote = _extract(f"file://{src}", "--out", str(tmp_path / "remote"), "--cluster", cluster)
    assert local.returncode == remote.returncode == 0, remote.stdout + remote.stderr
    a, b = _files(tmp_path / "local"), _files(tmp_path / "remote")
    assert a == b and b"file://" in a["tasks.csv"]


def test_cluster_workers_cache_the_part_the_run_writes(tmp_path: Path, cluster: str):
    """Given a relative path, a worker reads the file at its absolute path but makes the file's
    output part under the path as given: one part per file, none remade by this process, and the
    outputs those of a local run."""
    (tmp_path / "in").mkdir()
    for f in sorted(SAMPLES.glob("00*.txt")):
        shutil.copy(f, tmp_path / "in" / f.name)

    def extract(out: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "notice_tasks", "extract", "in", "--out", out, "--quiet", *args],
                              cwd=tmp_path, capture_output=True, text=True)

    remote = extract("remote", "--cluster", cluster)
    local = extract("local")
    assert remote.returncode == local.returncode == 0, remote.stdout + remote.stderr
    parts = list((tmp_path / "remote" / ".cache").rglob("*.part"))
    assert len(parts) == len(list((tmp_path / "in").iterdir()))
    a, b = _files(tmp_path / "local"), _files(tmp_path / "remote")
    assert [name for name in a if a[name] != b[name]] == [] and sorted(a) == sorted(b)
