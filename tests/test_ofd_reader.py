"""The OFD reader: the same notice as OFD and as PDF reads to the same document and the same records.

The OFDs are committed (tests/fixtures/make_ofd_fixtures.py wrote them from the committed PDFs:
the same glyphs and rules, as OFD TextObjects and PathObjects in millimetres). Expected records
come from the truth files beside the samples, never from here.
"""

from __future__ import annotations

import importlib.util
import io
import re
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, assert_records_equal_reference, load_truth

from extract import ofd as ofd_reader
from extract import read_document
from extract.errors import NoticeError
from extract.model import Document, Paragraph, Table
from extract.ofd import read_ofd, read_pages
from extract.pdf import read_pdf
from normalize import normalize_document

FIXTURES = ROOT / "tests" / "fixtures" / "ofd"
PDF_FIXTURES = ROOT / "tests" / "fixtures" / "pdf"
SAMPLE_OFDS = sorted(SAMPLES.glob("*.ofd"))
# Each OFD and the PDF it was made from: a signed sample, pages turned by CTM, a browser print
# (rules as filled rectangles), rows cut by page breaks with the running header in a template.
PAIRS = [(p, SAMPLES / f"{p.stem}.pdf") for p in SAMPLE_OFDS] + [
    (FIXTURES / f"{name}.ofd", PDF_FIXTURES / f"{name}.pdf")
    for name in ("000_3577e14141ec5b37.rotated", "001_b104398e3de8d2a1.chromium", "001_b104398e3de8d2a1.bigfont")]


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


make_fixtures = _load(ROOT / "tests" / "fixtures" / "make_ofd_fixtures.py", "make_ofd_fixtures")


def _truth(path: Path) -> dict:
    return load_truth(SAMPLES / f"{path.name.split('.')[0]}.truth.json")


def _member(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name).decode("utf-8")


# --- records and documents ---------------------------------------------------------------------------

def test_both_samples_have_an_ofd():
    assert [p.stem for p in SAMPLE_OFDS] == [p.name.removesuffix(".truth.json") for p in sorted(
        SAMPLES.glob("*.truth.json"))]


@pytest.mark.parametrize(("ofd", "pdf"), PAIRS, ids=[o.name for o, _ in PAIRS])
def test_ofd_records_equal_the_truth(ofd: Path, pdf: Path):
    doc = read_ofd(ofd)
    assert doc.format == "ofd" and doc.warnings == []
    assert_records_equal_reference(normalize_document(doc), _truth(ofd))


@pytest.mark.parametrize(("ofd", "pdf"), PAIRS, ids=[o.name for o, _ in PAIRS])
def test_ofd_document_equals_the_pdf_document(ofd: Path, pdf: Path):
    """Same blocks in the same order: paragraphs (text, wraps, page), tables (grid, spans, lines,
    line ends, where each cell came from). Boxes agree: cells exactly (the same rules), text within
    its line height's descent (pdfplumber's boxes follow each PDF font's declared metrics, the OFD
    reader the CJK em box)."""
    a, b = read_pdf(pdf), read_ofd(ofd)
    assert _shape(a) == _shape(b)
    for x, y in zip(a.blocks, b.blocks, strict=True):
        if isinstance(x, Table):
            for c, d in zip([x, *x.cells], [y, *y.cells], strict=True):
                assert c.source.bbox == pytest.approx(d.source.bbox, abs=0.11)
        else:
            size = x.source.bbox[3] - x.source.bbox[1]
            assert x.source.bbox[0::2] == pytest.approx(y.source.bbox[0::2], abs=0.11)
            assert y.source.bbox[1::2] == pytest.approx(x.source.bbox[1::2], abs=0.15 * size)


def _shape(doc: Document) -> list[tuple]:
    out: list[tuple] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            out.append(("P", block.text, block.runs_on, block.source.page))
        else:
            out.append(("T", block.n_rows, block.n_cols, block.source.page, [
                (c.row, c.col, c.rowspan, c.colspan, c.lines, c.line_ends, c.source.page, c.source.row, c.source.col)
                for c in block.cells]))
    return out


def test_through_read_document_by_content():
    doc = read_document(SAMPLE_OFDS[0])
    assert doc.format == "ofd" and doc.tables


@pytest.mark.parametrize("ofd", SAMPLE_OFDS, ids=[p.name for p in SAMPLE_OFDS])
def test_a_table_continued_over_pages_is_one_table(ofd: Path):
    doc = read_ofd(ofd)
    pages = [{c.source.page for c in t.cells} for t in doc.tables]
    assert any(len(p) > 1 for p in pages), pages
    assert len(doc.tables) == len(_truth(ofd)["tables"])


# --- what the fixtures exercise ------------------------------------------------------------------------

def test_text_runs_use_repeated_advances():
    content = _member(SAMPLE_OFDS[0], "Doc_0/Pages/Page_0/Content.xml")
    assert re.search(r'DeltaX="g \d+ [\d.]+', content)


def test_turned_pages_are_placed_by_ctm():
    path = FIXTURES / "000_3577e14141ec5b37.rotated.ofd"
    ctms = {re.search(r'CTM="([^"]*)"', _member(path, f"Doc_0/Pages/Page_{k}/Content.xml")).group(1) for k in range(3)}
    assert len(ctms) == 3  # each page turned its own way
    assert all(p.width < p.height for p in read_pages(path)[0])  # read upright


def test_rules_drawn_as_filled_rectangles():
    content = _member(FIXTURES / "001_b104398e3de8d2a1.chromium.ofd", "Doc_0/Pages/Page_0/Content.xml")
    assert 'Stroke="false" Fill="true"' in content and "C</ofd:AbbreviatedData>" in content


def test_template_page_is_read_and_its_running_header_is_furniture():
    path = FIXTURES / "001_b104398e3de8d2a1.bigfont.ofd"
    header = re.search(r">([^<>]+)</ofd:TextCode>", _member(path, "Doc_0/Tpls/Tpl_0/Content.xml")).group(1)
    with zipfile.ZipFile(path) as zf:
        pages = [n for n in zf.namelist() if n.startswith("Doc_0/Pages/")]
        assert pages and not any(header in zf.read(n).decode("utf-8") for n in pages)
    read, _ = read_pages(path)
    assert all(any(x.text == header for x in p.lines) for p in read)  # on every page, from the template
    assert not any(header in p.text for p in read_ofd(path).paragraphs)  # and dropped as furniture


def test_signed_ofd_reads_normally():
    signed = [p for p in SAMPLE_OFDS if "Signatures" in _member(p, "OFD.xml")]
    assert signed
    with zipfile.ZipFile(signed[0]) as zf:
        assert any(n.startswith("Doc_0/Signs/") for n in zf.namelist())
    assert read_ofd(signed[0]).warnings == []


def test_odd_values_skip_the_object_not_the_file():
    doc = read_ofd(FIXTURES / "odd_values.ofd")
    content = _member(FIXTURES / "odd_values.ofd", "Doc_0/Pages/Page_0/Content.xml")
    printed = re.findall(r">([^<>]+)</ofd:TextCode>", content)
    assert "".join(p.text for p in doc.paragraphs) == "".join(t for t in printed if t != "丢失")
    assert doc.warnings == ["2 page objects with unreadable geometry (Boundary, CTM, numbers) were skipped"]


# --- refusals ----------------------------------------------------------------------------------------

BROKEN = {
    "broken_truncated_zip.ofd": r"damaged or truncated zip package",
    "broken_missing_document.ofd": r"OFD\.xml names Doc_0/Document\.xml as its document \(DocRoot\), but the "
                                   r"package has no such file",
    "broken_malformed_ofd_xml.ofd": r"malformed XML in OFD\.xml \(the OFD entry file\)",
    "broken_malformed_content.ofd": r"malformed XML in Doc_0/Pages/Page_0/Content\.xml \(the content of page 1\)",
    "broken_xml_bomb.ofd": r"Content\.xml \(the content of page 1\) declares a DTD .*refused",
    "broken_zip_bomb.ofd": r"zip member Doc_0/Pages/Page_0/Content\.xml declares \d+ bytes, over the 64 MB limit",
    "broken_encrypted.ofd": r"encrypted OFD \(GM/T 0099: Encryptions\.xml\)",
    "broken_binary_content.ofd": r"Content\.xml \(the content of page 1\) is not XML but binary data: the OFD is "
                                 r"encrypted or damaged",
    "no_text_blank.ofd": r"no text — all 1 page\(s\) are blank",
    "no_text_drawings.ofd": r"no text — the pages hold only drawings, needs OCR",
    "no_text_scanned.ofd": r"no text — the pages hold only images \(a scanned OFD\), needs OCR",
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_hostile_and_empty_files_are_refused_with_the_reason(name: str):
    with pytest.raises(NoticeError) as caught:
        read_ofd(FIXTURES / name)
    assert re.search(BROKEN[name], caught.value.reason), caught.value.reason
    assert caught.value.path.endswith(name)


def test_every_hostile_fixture_is_tested():
    assert {p.name for p in FIXTURES.glob("broken_*")} | {p.name for p in FIXTURES.glob("no_text_*")} == set(BROKEN)


def test_member_count_cap(monkeypatch):
    monkeypatch.setattr(ofd_reader, "MAX_MEMBERS", 3)
    with pytest.raises(NoticeError, match=r"members, over the 3 limit; refused"):
        read_ofd(SAMPLE_OFDS[0])


def test_unpacked_size_cap(monkeypatch):
    monkeypatch.setattr(ofd_reader, "MAX_PART_BYTES", 200)
    with pytest.raises(NoticeError, match=r"over the 0 MB limit|more than the 0 MB limit"):
        read_ofd(SAMPLE_OFDS[0])


def test_missing_file():
    with pytest.raises(NoticeError, match="cannot read"):
        read_ofd(FIXTURES / "absent.ofd")


def test_repeat_counts_are_bounded_by_the_text():
    assert ofd_reader._deltas("g 3 5.2 1", 10) == [5.2, 5.2, 5.2, 1.0]
    assert ofd_reader._deltas("g 1000000000 1", 2) == [1.0, 1.0]
    assert ofd_reader._deltas("1 2 3", 1) == [1.0]


def test_path_data_subpaths():
    assert ofd_reader._subpaths("M 0 0 L 10 0 L 10 5 L 0 5 C M 1 1 L 2 1") == [
        ([(0.0, 0.0), (10.0, 0.0), (10.0, 5.0), (0.0, 5.0)], True), ([(1.0, 1.0), (2.0, 1.0)], False)]


# --- the generator -------------------------------------------------------------------------------------

def test_fixtures_are_up_to_date():
    """The committed OFDs are what the generator writes (compared by members' names, sizes and
    CRCs: zlib may compress differently elsewhere)."""
    built = make_fixtures.build_all()
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted(
        Path(rel).name for rel in built if rel.startswith("tests/fixtures/ofd/"))
    for rel, data in built.items():
        committed = (ROOT / rel).read_bytes()
        ours = _members(data)
        assert (_members(committed) if ours is not None else committed) == (ours if ours is not None else data), rel


def _members(data: bytes) -> list[tuple[str, int, int]] | None:
    """A zip's members (name, unpacked size, CRC), or None for bytes that are not a whole zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return [(i.filename, i.file_size, i.CRC) for i in zf.infolist()]
    except zipfile.BadZipFile:
        return None


@pytest.mark.parametrize(("change", "pattern", "repl"), [
    ("a CTM of zeros", r"<ofd:TextObject ", '<ofd:TextObject CTM="0 0 0 0 0 0" '),
    ("an advance of 1e308", r'DeltaX="[^"]*"', 'DeltaX="g 2 1e308"'),
])
def test_degenerate_text_geometry_is_skipped_with_a_warning(tmp_path: Path, change, pattern, repl):
    src = ROOT / "samples" / "000_3577e14141ec5b37.ofd"
    buf = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(buf, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename.endswith("Content.xml"):
                data = re.sub(pattern, repl, data.decode("utf-8"), count=2).encode("utf-8")
            zout.writestr(item, data)
    target = tmp_path / "odd.ofd"
    target.write_bytes(buf.getvalue())
    doc = read_ofd(target)
    assert any("unreadable geometry" in w for w in doc.warnings), change
