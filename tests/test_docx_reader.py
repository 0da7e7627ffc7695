"""The .docx reader: one test per piece of markup, the broken files, and the docx samples."""

from __future__ import annotations

import importlib.util
import io
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import extract
import extract.docx as docx_reader
from extract.docx import format_number, read_docx
from extract.errors import NoticeError
from extract.model import Cell, Document, Paragraph, Table
from extract.text import read_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "docx"
SAMPLES = ROOT / "samples"
SAMPLE_STEMS = sorted(p.stem for p in SAMPLES.glob("*.docx"))


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_fixtures = _load(ROOT / "tests" / "fixtures" / "make_docx_fixtures.py", "make_docx_fixtures")


def read(name: str) -> Document:
    doc = read_docx(FIXTURES / name)
    assert doc.format == "docx"
    return doc


def texts(doc: Document) -> list[str]:
    return [p.text for p in doc.paragraphs]


def kinds(doc: Document) -> list[str]:
    return ["P" if isinstance(b, Paragraph) else "T" for b in doc.blocks]


def is_continuation(table: Table, r: int, c: int) -> bool:
    cell = table.at(r, c)
    return cell is not None and (cell.row, cell.col) != (r, c)


# --- merges and the grid -----------------------------------------------------------------------------

def test_two_level_header_gridspan_and_vmerge():
    doc = read("two_level_header.docx")
    assert kinds(doc) == ["P", "T"]  # the title paragraph comes before its table
    table = doc.tables[0]
    assert (table.n_rows, table.n_cols) == (4, 5)
    duty = table.at(0, 2)
    assert duty.lines == ["责任单位"] and (duty.rowspan, duty.colspan) == (1, 2)
    assert table.at(0, 3) is duty and is_continuation(table, 0, 3)
    for c, name in ((0, "序号"), (1, "工作任务"), (4, "完成时限")):
        cell = table.at(0, c)
        assert cell.lines == [name] and (cell.rowspan, cell.colspan) == (2, 1)
        assert table.at(1, c) is cell and is_continuation(table, 1, c)
    assert [table.at(1, c).lines for c in (2, 3)] == [["牵头单位"], ["配合单位"]]
    assert table.grid()[1] == ["", "", "牵头单位", "配合单位", ""]
    assert table.merges_known


def test_vmerged_lead_cells_next_to_genuinely_empty_support_cells():
    table = read("merged_leads.docx").tables[0]
    lead = table.at(1, 2)
    assert lead.lines == ["县教委"] and lead.rowspan == 3
    assert table.at(2, 2) is lead and table.at(3, 2) is lead
    assert table.at(4, 2).lines == ["县卫生健康委"] and table.at(4, 2).rowspan == 1
    for r, c in ((2, 3), (4, 3), (1, 4), (2, 4)):
        empty = table.at(r, c)
        assert (empty.row, empty.col) == (r, c), "an empty support cell is its own cell, not a merge"
        assert empty.lines == [] and (empty.rowspan, empty.colspan) == (1, 1)
    assert table.at(3, 3).lines == ["县人力社保局"]
    # Each cell is held once, at its origin.
    assert len(table.cells) == len({(c.row, c.col) for c in table.cells}) == 5 * 5 - 2


def test_ragged_rows_leave_holes():
    table = read("ragged.docx").tables[0]
    assert (table.n_rows, table.n_cols) == (4, 4)
    assert table.at(1, 0) is None  # w:gridBefore
    assert [table.at(1, c).lines for c in (1, 2, 3)] == [["x1"], ["x2"], ["x3"]]
    assert table.at(2, 2) is None and table.at(2, 3) is None  # w:gridAfter
    wide = table.at(3, 1)
    assert wide.lines == ["宽格"] and wide.colspan == 2 and table.at(3, 2) is wide
    assert table.at(3, 0) is None and table.at(3, 3) is None
    assert table.grid()[1] == ["", "x1", "x2", "x3"]


def test_split_table_is_read_as_two_tables():
    doc = read("split_table.docx")
    assert kinds(doc) == ["P", "T", "T", "P"]  # no stitching: that is the normalizer's business
    first, second = doc.tables
    assert first.grid()[0] == second.grid()[0] == ["序号", "工作任务", "牵头单位"]
    assert [row[0] for row in second.grid()[1:]] == ["3", "4"]
    assert texts(doc)[-1] == "抄送：区委办公室。"


def _layout_xml(rows: list[list[tuple[int, bool]]], n_cols: int) -> bytes:
    """A document whose table has the given layout: per row, (span, continues-above) per cell."""
    mk = make_fixtures
    xml_rows = []
    for k, cells in enumerate(rows):
        parts = []
        col = 0
        for span, cont in cells:
            starts = not cont and k + 1 < len(rows) and _continued(rows[k + 1], col, span)
            parts.append(mk.tc(f"r{k}c{col}" if not cont else "", span=span,
                               vmerge="continue" if cont else "restart" if starts else None))
            col += span
        xml_rows.append(mk.tr(*parts))
    return mk.to_zip(mk.package(mk.tbl(*xml_rows, cols=n_cols)))


def _continued(next_row: list[tuple[int, bool]], col: int, span: int) -> bool:
    c = 0
    for s, cont in next_row:
        if c == col:
            return cont and s == span
        c += s
    return False


@st.composite
def layouts(draw):
    n_cols = draw(st.integers(1, 5))
    n_rows = draw(st.integers(1, 6))
    rows: list[list[tuple[int, bool]]] = []
    for _ in range(n_rows):
        cells, col = [], 0
        while col < n_cols:
            span = draw(st.integers(1, n_cols - col))
            above = _cell_starting_at(rows[-1], col) if rows else None
            cont = above == span and draw(st.booleans())
            cells.append((span, cont))
            col += span
        rows.append(cells)
    return rows, n_cols


def _cell_starting_at(row: list[tuple[int, bool]], col: int) -> int | None:
    c = 0
    for span, _ in row:
        if c == col:
            return span
        c += span
    return None


@settings(max_examples=60, deadline=None)
@given(layouts())
def test_any_merge_layout_is_read_back(tmp_path_factory, layout):
    rows, n_cols = layout
    path = tmp_path_factory.mktemp("layout") / "t.docx"
    path.write_bytes(_layout_xml(rows, n_cols))
    table = read_docx(path).tables[0]
    assert (table.n_rows, table.n_cols) == (len(rows), n_cols)
    # Expected origin of every grid position, computed from the layout directly.
    origin: dict[tuple[int, int], tuple[int, int]] = {}
    for r, cells in enumerate(rows):
        col = 0
        for span, cont in cells:
            top = origin[(r - 1, col)] if cont else (r, col)
            for c in range(col, col + span):
                origin[(r, c)] = top
            col += span
    for (r, c), (orow, ocol) in origin.items():
        cell = table.at(r, c)
        assert (cell.row, cell.col) == (orow, ocol)
        assert cell.lines == [f"r{orow}c{ocol}"]
        assert orow + cell.rowspan - 1 >= r and ocol + cell.colspan - 1 >= c


# --- numbering -----------------------------------------------------------------------------------------

def test_numbered_sequence_column():
    doc = read("numbered.docx")
    first, second = doc.tables
    assert [row[0] for row in first.grid()] == ["序号", "1", "2", "3", "4"]
    # Another numbering instance of the same abstract list continues it, as in Word.
    assert second.grid()[1] == ["5", "任务戊"]


def test_numbered_chinese_outline_restarts_lower_levels():
    got = texts(read("numbered.docx"))
    start = got.index("一、总体要求")
    assert got[start:start + 6] == ["一、总体要求", "（一）加强领导", "1. 细化分工", "（二）完善机制",
                                    "二、重点任务", "（一）推进协作"]


def test_numbering_from_paragraph_style_start_value_and_numid_zero():
    got = texts(read("numbered.docx"))
    assert "5.\t样式编号" in got and "6.\t样式编号二" in got  # style numPr, w:start 5, tab suffix
    assert "取消编号" in got  # numId 0 switches the style's numbering off


def test_numbering_restart_override_and_other_formats():
    got = texts(read("numbered.docx"))
    assert "一、重新开始" in got  # w:startOverride on an instance of the outline list
    assert ["甲、天干编号", "乙、天干编号二"] == [t for t in got if "天干" in t]
    assert "第十一条 条款" in got  # chineseCountingThousand from w:start 11, space suffix
    assert [t for t in got if t.startswith(("1.", "2.")) and "多级" in t] == [
        "1.多级一", "1.1 多级一之一", "2.多级二", "2.2 多级二之二"]  # w:lvlRestart 0: never restarts


def test_numbering_through_a_numbering_style_link():
    got = texts(read("numbered.docx"))
    assert [t for t in got if "括号编号" in t] == ["（1）括号编号", "（2）括号编号二"]


@pytest.mark.parametrize(("fmt", "values", "expected"), [
    ("chineseCounting", (1, 10, 11, 20, 35, 100), ("一", "十", "十一", "二十", "三十五", "一〇〇")),
    ("chineseCountingThousand", (1, 10, 12, 20, 101, 110, 1001), ("一", "十", "十二", "二十", "一百〇一",
                                                                  "一百一十", "一千〇一")),
    ("ideographTraditional", (1, 3, 10, 11), ("甲", "丙", "癸", "11")),
    ("decimalEnclosedCircle", (1, 20, 21), ("①", "⑳", "21")),
    ("upperRoman", (4, 14), ("IV", "XIV")),
    ("lowerLetter", (1, 27), ("a", "aa")),
    ("chineseLegalSimplified", (3, 12, 101), ("叁", "壹拾贰", "壹佰零壹")),
    ("decimalZero", (7,), ("07",)),
])
def test_number_formats(fmt, values, expected):
    assert tuple(format_number(v, fmt) for v in values) == expected


# --- what lives inside cells and paragraphs ------------------------------------------------------------

def test_nested_table_text_is_kept_in_its_cell():
    doc = read("nested.docx")
    assert len(doc.tables) == 1
    assert doc.tables[0].at(1, 1).lines == ["配合单位：", "区财政局 区审计局", "区统计局", "（按分工）"]
    assert any("nested table" in w for w in doc.warnings)


def test_text_box_content_follows_its_anchor_once():
    doc = read("text_boxes.docx")
    assert kinds(doc) == ["P", "P", "P", "T", "P", "T"]
    assert texts(doc) == ["前言", "锚点段落", "文本框标题", "后记"]  # one branch of mc:AlternateContent
    assert doc.tables[0].grid() == [["任务", "单位"], ["任务甲", "区教委"]]


def test_text_box_in_a_cell_adds_lines():
    table = read("text_boxes.docx").tables[1]
    assert table.at(1, 1).lines == ["格内文字", "框内单位"]


def test_revisions_keep_insertions_and_drop_deletions():
    doc = read("inline_markup.docx")
    got = texts(doc)
    assert "保留新增" in got and "移来" in got
    everything = "\n".join(got + [c.text for t in doc.tables for c in t.cells])
    for gone in ("删除", "废弃", "移走", "已删除行", "区删除局"):
        assert gone not in everything
    table = doc.tables[-1]
    assert [row[0] for row in table.grid()] == ["任务", "第一行\n第二行", "插入行", "原文补充"]


def test_hyperlinks_and_fields_show_their_text_not_their_codes():
    got = texts(read("inline_markup.docx"))
    assert "见链接文字" in got
    assert "第7页" in got  # w:fldSimple result
    assert "复杂字段结果" in got
    assert not any("HYPERLINK" in t for t in got)


def test_content_controls_inline_block_and_cell():
    doc = read("inline_markup.docx")
    got = texts(doc)
    assert "行内控件内容" in got
    i = doc.blocks.index(next(p for p in doc.paragraphs if p.text == "块级控件段落"))
    assert isinstance(doc.blocks[i + 1], Table) and doc.blocks[i + 1].grid() == [["控件表", "区教委"]]
    assert doc.tables[-1].grid()[-1][1] == "格内控件"
    assert "待填" in got and not any("输入文字" in t for t in got)  # a prompt is not content


def test_hidden_text_is_not_read():
    got = texts(read("inline_markup.docx"))
    assert "可见" in got and not any("隐藏" in t for t in got)


def test_breaks_and_tabs():
    doc = read("inline_markup.docx")
    got = texts(doc)
    assert got[got.index("第一段") + 1] == "第二段"  # w:br in a body paragraph: two lines, as a text export
    assert "甲\t乙" in got
    table = doc.tables[-1]
    assert table.at(1, 0).lines == ["第一行", "第二行"]  # w:br in a cell
    assert table.at(1, 1).lines == ["A B"]  # a tab in a cell reads as a space


def test_strict_ooxml_reads_like_transitional():
    plain, strict = read("small.docx"), read("small_strict.docx")
    with zipfile.ZipFile(FIXTURES / "small_strict.docx") as zf:
        assert b"purl.oclc.org/ooxml/wordprocessingml/main" in zf.read("word/document.xml")
    assert kinds(strict) == kinds(plain) and texts(strict) == texts(plain)
    assert "一、重点任务" in texts(strict)  # numbering.xml and styles.xml were found and read
    for a, b in zip(plain.tables, strict.tables, strict=True):
        assert a.grid() == b.grid()
        assert [(c.row, c.col, c.rowspan, c.colspan, c.lines) for c in a.cells] == \
               [(c.row, c.col, c.rowspan, c.colspan, c.lines) for c in b.cells]


def test_main_part_is_found_through_the_package_relationships(tmp_path):
    mk = make_fixtures
    parts = mk.package(mk.p("正文在别处"))
    parts["word/main.xml"] = parts.pop("word/document.xml")
    parts["word/_rels/main.xml.rels"] = parts.pop("word/_rels/document.xml.rels")
    parts["_rels/.rels"] = parts["_rels/.rels"].replace("word/document.xml", "/word/main.xml")
    path = tmp_path / "moved.docx"
    path.write_bytes(mk.to_zip(parts))
    assert texts(read_docx(path)) == ["正文在别处"]


def test_read_document_dispatches_docx():
    doc = extract.read_document(FIXTURES / "merged_leads.docx")
    assert doc.format == "docx" and doc.tables


# --- broken files ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "cause"), [
    ("broken_empty.docx", "empty file"),
    ("broken_random.docx", "not a zip package"),
    ("broken_rtf.docx", "RTF"),
    ("broken_truncated_zip.docx", "not a .docx"),
    ("broken_no_document.docx", "no word/document.xml"),
    ("broken_xlsx.docx", "Excel"),
    ("broken_ole2.docx", "legacy Word .doc (OLE2) or an encrypted"),
    ("broken_legacy_doc.docx", "legacy Word 97-2003 .doc"),
    ("broken_encrypted.docx", "password-protected (encrypted)"),
    ("broken_malformed_xml.docx", "malformed XML in word/document.xml"),
    ("broken_dtd.docx", "DTD"),
])
def test_broken_files_raise_notice_error(name, cause):
    with pytest.raises(NoticeError) as err:
        read_docx(FIXTURES / name)
    assert cause in err.value.reason
    assert err.value.path == str(FIXTURES / name)


@pytest.mark.parametrize(("name", "cause"), [
    # A Word 97-2003 container under a .docx name now goes to the legacy reader (LibreOffice): it
    # fails there, with LibreOffice's reason or, without LibreOffice, the one saying to install it.
    ("broken_legacy_doc.docx", "legacy Word .doc / WPS document (OLE2): "),
    ("broken_encrypted.docx", "password-protected (encrypted) .docx"),
    ("broken_ole2.docx", "not a .docx file: a damaged Office (OLE2) file"),
])
def test_ole2_named_docx_is_read_by_what_its_streams_say(name, cause):
    with pytest.raises(NoticeError) as err:
        extract.read_document(FIXTURES / name)
    assert cause in err.value.reason


def test_missing_file_raises_notice_error(tmp_path):
    with pytest.raises(NoticeError, match="cannot read"):
        read_docx(tmp_path / "absent.docx")


def test_oversized_zip_member_is_refused(monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_PART_BYTES", 200)
    with pytest.raises(NoticeError, match="limit"):
        read_docx(FIXTURES / "merged_leads.docx")


def test_fixtures_are_up_to_date(tmp_path):
    """The committed fixtures are what the generator writes (compared unpacked: zlib may vary)."""
    built = make_fixtures.build_all()
    assert sorted(built) == sorted(p.name for p in FIXTURES.iterdir())
    for name, data in built.items():
        committed = (FIXTURES / name).read_bytes()
        ours = _members(data)
        assert (_members(committed) if ours is not None else committed) == (ours if ours is not None else data), name


def _members(data: bytes) -> dict[str, bytes] | None:
    """A zip's unpacked members, or None for bytes that are not a whole zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return {n: zf.read(n) for n in zf.namelist()}
    except zipfile.BadZipFile:
        return None


# --- the docx samples carry what the text samples carry ---------------------------------------------

def test_there_are_docx_samples():
    assert SAMPLE_STEMS == sorted(p.stem for p in SAMPLES.glob("*.txt"))


@pytest.mark.parametrize("stem", SAMPLE_STEMS)
def test_docx_sample_has_the_text_sample_content(stem):
    doc, txt = read_docx(SAMPLES / f"{stem}.docx"), read_text(SAMPLES / f"{stem}.txt")
    assert kinds(doc) == kinds(txt)
    assert texts(doc) == [p.text.strip() for p in txt.paragraphs]
    assert len(doc.tables) == len(txt.tables) > 0
    for ours, theirs in zip(doc.tables, txt.tables, strict=True):
        assert ours.merges_known
        assert ours.grid() == theirs.grid()  # merged continuations read as blank, as in the export


GROUP_OR_LEAD = re.compile(r"重点领域|协同发展事项|牵头|^责任单位$")


@pytest.mark.parametrize("stem", SAMPLE_STEMS)
def test_docx_sample_merges_group_and_lead_blanks_only(stem):
    doc, txt = read_docx(SAMPLES / f"{stem}.docx"), read_text(SAMPLES / f"{stem}.txt")
    merged = 0
    for ours, theirs in zip(doc.tables, txt.tables, strict=True):
        headers = ["".join(theirs.at(0, c).lines) for c in range(theirs.n_cols)]
        for r in range(2, theirs.n_rows):
            for c, header in enumerate(headers):
                if theirs.at(r, c).lines:
                    assert not is_continuation(ours, r, c)
                elif GROUP_OR_LEAD.search(header):
                    assert is_continuation(ours, r, c), (r, header)
                    merged += 1
                else:
                    assert _own_empty(ours.at(r, c), r, c), (r, header)
    assert merged > 0


def _own_empty(cell: Cell | None, r: int, c: int) -> bool:
    return cell is not None and (cell.row, cell.col) == (r, c) and cell.lines == [] and cell.rowspan == 1


def test_2022_sample_lead_units_merge_where_the_reference_says():
    stem = next(s for s in SAMPLE_STEMS if s.startswith("001_"))
    table = read_docx(SAMPLES / f"{stem}.docx").tables[0]
    lead_cols = [c for c in range(table.n_cols) if "牵头" in table.at(0, c).text.replace("\n", "")]
    assert len(lead_cols) == 2
    # Task k sits in row k; README: tasks 2–3, 5–6, 8, 11, 13–14, 16–17, 20, 23, 28 inherit their leads.
    inherited = {2, 3, 5, 6, 8, 11, 13, 14, 16, 17, 20, 23, 28}
    for task in range(1, table.n_rows):
        for c in lead_cols:
            assert is_continuation(table, task, c) == (task in inherited), (task, c)
    assert table.at(23, 0).lines == ["促进科技成果落地"]  # a new group, yet the lead merges on
    assert table.at(0, lead_cols[0]).lines == ["巫溪县牵头", "责任单位"]  # header over two lines


def test_spaces_padding_a_cells_line_are_dropped(tmp_path):
    """f2_wuhubgs: 序号 typed as “      1        ” to centre it by hand — the line is 1, as the web
    page (which collapses the spaces) and the PDF (no glyph for them) give it; spaces inside a
    line (目   标   与   任   务) stay."""
    mk = make_fixtures
    path = tmp_path / "padded.docx"
    path.write_bytes(mk.to_zip(mk.package(mk.tbl(mk.tr(mk.tc("序号"), mk.tc("目   标   与   任   务")),
                                                 mk.tr(mk.tc("      1        "), mk.tc("  扎实推进三大保卫战。")),
                                                 cols=2))))
    assert read_docx(path).tables[0].grid() == [["序号", "目   标   与   任   务"], ["1", "扎实推进三大保卫战。"]]
