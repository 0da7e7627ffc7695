"""The legacy Word .doc / WPS .wps reader: LibreOffice's conversion read as .docx, its guards and refusals.

The fixtures (tests/fixtures/legacy/, written by make_legacy_fixtures.py) are the samples saved as
.doc by LibreOffice; their records must be the truth files' exactly. Tests that convert need
LibreOffice and skip without it; the refusals, the time limit and the clean-up use fake soffice
scripts and run everywhere with a POSIX shell.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, assert_records_equal_reference, load_truth

import extract.legacy as legacy
from extract import read_document
from extract.docx import read_docx
from extract.errors import NoticeError
from extract.legacy import read_legacy_word
from extract.model import Paragraph
from extract.sniff import sniff
from normalize import normalize_document

FIXTURES = ROOT / "tests" / "fixtures" / "legacy"
SAMPLE_FILES = sorted(p for p in FIXTURES.iterdir() if (SAMPLES / f"{p.name.split('.')[0]}.truth.json").exists())
HAVE_LIBREOFFICE = legacy.find_soffice() is not None
needs_libreoffice = pytest.mark.skipif(
    not HAVE_LIBREOFFICE, reason=f"LibreOffice is not installed (apt install {legacy.PACKAGE})")
posix_only = pytest.mark.skipif(os.name != "posix", reason="fake soffice scripts need a POSIX shell")


def _load_generator():
    spec = importlib.util.spec_from_file_location("make_legacy_fixtures", FIXTURES.parent / "make_legacy_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def leftovers(folder: Path) -> list[Path]:
    """The reader's work folders left in `folder` (others, as jieba's cache, may come and go)."""
    return sorted(folder.glob("notice-tasks-doc-*"))


def stem(path: Path) -> str:
    return path.name.split(".")[0]


def model(doc) -> list[tuple]:
    """A document's blocks as plain tuples: paragraph texts, table grids with spans and lines."""
    return [("P", b.text) if isinstance(b, Paragraph)
            else ("T", b.n_rows, b.n_cols, [(c.row, c.col, c.rowspan, c.colspan, c.lines) for c in b.cells])
            for b in doc.blocks]


@pytest.fixture
def private_tmp(tmp_path, monkeypatch) -> Path:
    """Where the reader's temporary folders go, to check that none is left behind."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(folder))
    return folder


# --- the fixtures ----------------------------------------------------------------------------------

def test_there_are_doc_and_wps_samples_of_every_notice():
    stems = {p.name.removesuffix(".truth.json") for p in SAMPLES.glob("*.truth.json")}
    assert {stem(p) for p in SAMPLE_FILES if p.suffix == ".doc"} == stems
    assert any(p.suffix == ".wps" for p in SAMPLE_FILES)
    for path in SAMPLE_FILES:
        assert sniff(path).format == "doc", path.name  # told from the bytes, .wps included


def test_fixtures_derived_from_the_doc_files_are_up_to_date():
    generator = _load_generator()
    docs = {f"{s}.doc": (FIXTURES / f"{s}.doc").read_bytes() for s in generator.SAMPLES}
    for name, data in generator.derived(docs).items():
        assert (FIXTURES / name).read_bytes() == data, name


# --- the samples give the truth --------------------------------------------------------------------

@needs_libreoffice
@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name for p in SAMPLE_FILES])
def test_sample_records_equal_reference(path: Path, private_tmp: Path):
    doc = read_document(path)
    assert (doc.format, doc.source_file, doc.warnings) == ("doc", str(path), [])
    assert_records_equal_reference(normalize_document(doc), load_truth(SAMPLES / f"{stem(path)}.truth.json"))
    assert leftovers(private_tmp) == []  # the work folder and its profile are gone


@needs_libreoffice
@pytest.mark.parametrize("path", [p for p in SAMPLE_FILES if p.suffix == ".doc"], ids=stem)
def test_doc_reads_like_the_docx_it_was_saved_from(path: Path):
    assert model(read_legacy_word(path)) == model(read_docx(SAMPLES / f"{stem(path)}.docx"))


@needs_libreoffice
@pytest.mark.parametrize("name", ["-通知 附件（一）.doc", "--help.wps", "a;b $(x) 'q'.doc"])
def test_awkward_file_names_are_fine(name: str, tmp_path: Path):
    path = tmp_path / name
    path.write_bytes((FIXTURES / "000_3577e14141ec5b37.doc").read_bytes())
    doc = read_document(path)
    assert doc.source_file == str(path)
    assert_records_equal_reference(normalize_document(doc), load_truth(SAMPLES / "000_3577e14141ec5b37.truth.json"))


# --- refusals --------------------------------------------------------------------------------------

def test_without_libreoffice_the_refusal_says_what_to_install(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice, no libreoffice
    assert legacy.find_soffice() is None
    path = FIXTURES / "001_b104398e3de8d2a1.wps"
    with pytest.raises(NoticeError) as err:
        read_document(path)
    assert err.value.path == str(path)
    assert err.value.reason == legacy.NO_LIBREOFFICE
    assert "apt install libreoffice-writer-nogui" in err.value.reason and "save it as .docx or PDF" in err.value.reason


def test_encrypted_doc_is_refused_before_libreoffice_starts(monkeypatch):
    def no_conversion(*_args, **_kw):
        raise AssertionError("LibreOffice must not be started for an encrypted file")

    monkeypatch.setattr(legacy, "convert", no_conversion)
    path = FIXTURES / "broken_encrypted.doc"
    with pytest.raises(NoticeError) as err:
        read_document(path)
    assert err.value.path == str(path) and "password-protected (encrypted)" in err.value.reason


@needs_libreoffice
def test_libreoffice_itself_fails_fast_on_an_encrypted_doc(tmp_path: Path):
    """Why the check above is enough: headless, LibreOffice neither asks nor waits for the password."""
    src = tmp_path / "input.doc"
    src.write_bytes((FIXTURES / "broken_encrypted.doc").read_bytes())
    start = time.monotonic()
    with pytest.raises(legacy.ConversionError, match="could not open it"):
        legacy.convert(legacy.find_soffice(), src, "docx", tmp_path, timeout=60)
    assert time.monotonic() - start < 60


@needs_libreoffice
@pytest.mark.parametrize(("name", "causes"), [
    ("broken_truncated.doc", ["LibreOffice could not open it", "OLE2 container is damaged"]),
    ("broken_random.doc", ["LibreOffice could not open it", "source file could not be loaded"]),
])
def test_damaged_doc_is_refused_with_the_cause(name: str, causes: list[str], private_tmp: Path):
    path = FIXTURES / name
    with pytest.raises(NoticeError) as err:
        read_legacy_word(path)
    assert err.value.path == str(path)
    assert err.value.reason.startswith(legacy.WHAT)
    for cause in causes:
        assert cause in err.value.reason
    assert leftovers(private_tmp) == []


def test_oversized_input_is_refused(monkeypatch):
    monkeypatch.setattr(legacy, "MAX_INPUT_BYTES", 1000)
    with pytest.raises(NoticeError, match="over the"):
        read_legacy_word(FIXTURES / "000_3577e14141ec5b37.doc")


def test_timeout_setting(monkeypatch):
    monkeypatch.setenv(legacy.TIMEOUT_ENV, "7.5")
    assert legacy.timeout_seconds() == 7.5
    monkeypatch.setenv(legacy.TIMEOUT_ENV, "0")
    assert legacy.timeout_seconds() is None
    monkeypatch.setenv(legacy.TIMEOUT_ENV, "soon")  # a typo keeps the limit
    assert legacy.timeout_seconds() == legacy.CONVERT_TIMEOUT


# --- fake soffice: exit status, no output, time limit, a killed worker ------------------------------

def fake_soffice(folder: Path, body: str, monkeypatch) -> Path:
    """A `soffice` first on PATH running `body` (sh); it writes its pid and its child's to pids.txt."""
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    script = bin_dir / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return folder / "pids.txt"


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")  # a zombie has ended


def wait_until(condition, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def sleeper(pids: Path) -> str:
    return f'sleep 300 &\necho $$ $! > "{pids}"\nwait'


@posix_only
def test_soffice_exit_status_is_reported(tmp_path: Path, monkeypatch, private_tmp: Path):
    fake_soffice(tmp_path, 'echo "Error: the fake soffice broke" >&2\nexit 3', monkeypatch)
    with pytest.raises(NoticeError) as err:
        read_legacy_word(FIXTURES / "000_3577e14141ec5b37.doc")
    assert "exit status 3" in err.value.reason and "the fake soffice broke" in err.value.reason
    assert leftovers(private_tmp) == []


@posix_only
def test_soffice_without_output_is_reported(tmp_path: Path, monkeypatch):
    fake_soffice(tmp_path, "exit 0", monkeypatch)
    with pytest.raises(NoticeError, match="LibreOffice could not open it"):
        read_legacy_word(FIXTURES / "000_3577e14141ec5b37.doc")


@posix_only
def test_timeout_kills_soffice_and_its_children(tmp_path: Path, monkeypatch, private_tmp: Path):
    pids = fake_soffice(tmp_path, sleeper(tmp_path / "pids.txt"), monkeypatch)
    monkeypatch.setenv(legacy.TIMEOUT_ENV, "1")
    start = time.monotonic()
    with pytest.raises(NoticeError) as err:
        read_legacy_word(FIXTURES / "000_3577e14141ec5b37.doc")
    assert time.monotonic() - start < 15
    assert "did not finish converting it within 1 s" in err.value.reason
    started = [int(p) for p in pids.read_text().split()]
    assert len(started) == 2
    assert wait_until(lambda: not any(alive(p) for p in started), 5), "soffice or its child outlived the timeout"
    assert leftovers(private_tmp) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux-only")
def test_killed_worker_takes_soffice_with_it(tmp_path: Path, monkeypatch):
    """The batch runner SIGKILLs a worker over its time limit: LibreOffice must not live on."""
    pids = fake_soffice(tmp_path, sleeper(tmp_path / "pids.txt"), monkeypatch)
    work_root = tmp_path / "tmp"
    work_root.mkdir()
    code = ("import tempfile, sys; tempfile.tempdir = sys.argv[2]\n"
            "from extract.legacy import read_legacy_word; read_legacy_word(sys.argv[1])")
    worker = subprocess.Popen([sys.executable, "-c", code, str(FIXTURES / "000_3577e14141ec5b37.doc"),
                               str(work_root)], cwd=ROOT, env={**os.environ, legacy.TIMEOUT_ENV: "600"})
    try:
        assert wait_until(lambda: pids.exists() and len(pids.read_text().split()) == 2, 30)
        started = [int(p) for p in pids.read_text().split()]
        assert all(alive(p) for p in started)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    assert wait_until(lambda: not any(alive(p) for p in started), 5), "soffice outlived its killed worker"
    assert wait_until(lambda: leftovers(work_root) == [], 5)  # the guard removed the work folder
