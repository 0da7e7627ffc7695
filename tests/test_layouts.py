"""The sample notices in many layouts (issue 10): every file under tests/fixtures/layouts/ gives
exactly the records of samples/<id>.truth.json.

tests/fixtures/make_layouts.py wrote the files (LibreOffice for the PDFs; the tests need none of
it) from the samples transcribed into the corpus format (layouts/notices/<id>.json): PDFs with
unit columns 4–8 characters wide (names that exactly fill a line included), 9–15 pt, portrait and
landscape, header rows repeated or not, rows split by page breaks or kept whole; text exports with
0–2 blank lines between rows and between a cell's lines, headers on one line, the next table's
title right after the last row, CRLF, GB18030 and UTF-16; .docx in other page sizes and fonts.
The comparison is the one tests/test_samples.py makes for the samples themselves.
"""

from __future__ import annotations

import importlib.util
import io
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, assert_records_equal_reference, load_truth, records

from extract.model import Table
from extract.text import read_text

LAYOUTS = ROOT / "tests" / "fixtures" / "layouts"
FILES = sorted(p for p in LAYOUTS.iterdir() if p.is_file() and p.suffix in (".txt", ".docx", ".pdf"))


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


make_layouts = _load(ROOT / "tests" / "fixtures" / "make_layouts.py", "make_layouts")


def _stem(path: Path) -> str:
    return path.name.split(".")[0]



def test_every_notice_has_layouts_in_every_format():
    for stem in make_layouts.SAMPLE_IDS:
        assert (SAMPLES / f"{stem}.truth.json").is_file()
        for ext in ("txt", "docx", "pdf"):
            assert [p for p in FILES if _stem(p) == stem and p.suffix == f".{ext}"], f"no {stem}.*.{ext}"


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_layout_records_equal_reference(path: Path):
    truth = load_truth(SAMPLES / f"{_stem(path)}.truth.json")
    rec = records(path)
    assert_records_equal_reference(rec, truth)


# --- the generator's notices are the samples -----------------------------------------------------

def _grids(doc) -> list[list[list[list[str] | None]]]:
    return [[[t.at(r, c).lines if t.at(r, c) is not None else None for c in range(t.n_cols)] for r in range(t.n_rows)]
            for t in doc.blocks if isinstance(t, Table)]


@pytest.mark.parametrize("stem", make_layouts.SAMPLE_IDS)
def test_notice_json_reproduces_the_sample(stem: str, tmp_path: Path):
    """The transcription rendered with the samples' own blank-line habit reads as the sample does:
    the same table grids, cell by cell and line by line, and the same paragraphs."""
    notice = make_layouts.load(stem)
    rendered = tmp_path / f"{stem}.txt"
    rendered.write_bytes(make_layouts.text_bytes(notice, make_layouts.SAMPLE_HABIT))
    sample, mine = read_text(SAMPLES / f"{stem}.txt"), read_text(rendered)
    assert _grids(mine) == _grids(sample)
    assert [p.text.strip() for p in mine.paragraphs] == [p.text.strip() for p in sample.paragraphs]
    committed = read_text(LAYOUTS / f"{stem}.{make_layouts.SAMPLE_HABIT.name}.txt")
    assert _grids(committed) == _grids(sample)


@pytest.mark.parametrize("stem", make_layouts.SAMPLE_IDS)
def test_notice_json_is_the_transcription(stem: str):
    """layouts/notices/<id>.json is what make_layouts.py --transcribe writes from samples/<id>.txt."""
    assert (LAYOUTS / "notices" / f"{stem}.json").read_text(encoding="utf-8") == make_layouts.notice_json(stem)


def _unpacked(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_text_and_word_fixtures_are_up_to_date():
    """The committed .txt and .docx are what the generator writes now (.docx compared unpacked:
    zlib may vary). The PDFs need LibreOffice to make again and are not checked here."""
    for stem in make_layouts.SAMPLE_IDS:
        notice = make_layouts.load(stem)
        for layout in make_layouts.TEXT_LAYOUTS:
            path = LAYOUTS / f"{stem}.{layout.name}.txt"
            if path.exists():
                assert path.read_bytes() == make_layouts.text_bytes(notice, layout), path.name
        for name, layout in make_layouts.DOCX_LAYOUTS.items():
            built = make_layouts.render.build_docx(notice, make_layouts.fitted(notice, layout))
            path = LAYOUTS / f"{stem}.{name}.docx"
            assert _unpacked(path.read_bytes()) == _unpacked(built), path.name
