"""The spreadsheet reader (.xlsx, .xls, .et): samples as the Word reader sees them, the geometry of
title and notes rows, hidden and blank parts, number formats, formulas, and the broken files.

The records of samples/<stem>.xlsx and .xls against their truth files are checked by test_samples.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import extract
from extract.docx import read_docx
from extract.errors import NoticeError
from extract.model import Document, Paragraph
from extract.numfmt import render, serial_to_datetime
from extract.sheet import MAX_GRID, read_xls, read_xlsx, xls_format

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHEETS = ROOT / "tests" / "fixtures" / "sheets"
STEMS = ("000_3577e14141ec5b37", "001_b104398e3de8d2a1")


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make = _load(ROOT / "tests" / "fixtures" / "make_sheet_fixtures.py", "make_sheet_fixtures")


def read(path: Path) -> Document:
    return read_xlsx(path) if path.suffix == ".xlsx" else read_xls(path)


def shape(doc: Document) -> list[tuple]:
    """Paragraph texts and table grids (every cell's place, spans and lines), in document order."""
    out: list[tuple] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            out.append(("P", block.text))
        else:
            cells = sorted((c.row, c.col, c.rowspan, c.colspan, tuple(c.lines)) for c in block.cells)
            out.append(("T", block.n_rows, block.n_cols, cells))
    return out


def kinds(doc: Document) -> str:
    return "".join("P" if isinstance(b, Paragraph) else "T" for b in doc.blocks)


# --- samples -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
@pytest.mark.parametrize("stem", STEMS)
def test_sample_workbook_reads_as_the_word_document(stem: str, suffix: str):
    """Same paragraphs in order, same grids, spans and lines as read_docx gives for the .docx."""
    doc = read(SAMPLES / f"{stem}{suffix}")
    assert doc.format == suffix.lstrip(".") and doc.warnings == []
    assert shape(doc) == shape(read_docx(SAMPLES / f"{stem}.docx"))
    assert all(c.rowspan is not None for t in doc.tables for c in t.cells)  # merges are known


@pytest.mark.parametrize("stem", STEMS)
def test_sample_xlsx_is_what_the_generator_writes(stem: str):
    built = make.sample_workbook(SAMPLES / f"{stem}.docx")
    assert built == make.sample_workbook(SAMPLES / f"{stem}.docx")  # deterministic
    assert built == (SAMPLES / f"{stem}.xlsx").read_bytes()


def test_sample_dates_are_date_cells_printed_by_their_format():
    """The generator stores 2021年11月底 as a date serial: only the number format prints it so."""
    import openpyxl

    wb = openpyxl.load_workbook(SAMPLES / f"{STEMS[0]}.xlsx")
    cells = [c for row in wb.worksheets[0].iter_rows() for c in row if isinstance(c.value, dt.datetime)]
    assert {c.number_format for c in cells} == {'yyyy"年"m"月底"', 'yyyy"年"m"月"d"日"'}
    deadlines = [c for c in cells if c.number_format.endswith('月底"')]
    assert len(deadlines) == 18
    texts = [p.text for p in read_xlsx(SAMPLES / f"{STEMS[0]}.xlsx").paragraphs]
    assert "2021年5月13日" in texts  # the signing date, a date cell in a merged row


def test_committed_fixtures_are_what_the_generator_writes():
    built = {"layout.xlsx": make.layout_workbook(), "formats.xlsx": make.formats_workbook(),
             "formula.xlsx": make.formula_workbook(), "broken_empty_sheets.xlsx": make.empty_workbook(),
             "broken_hidden_only.xlsx": make.hidden_only_workbook(),
             "broken_dtd.xlsx": make.dtd_workbook(), "broken_merge_bomb.xlsx": make.merge_bomb_workbook(),
             "broken_link_bomb.xlsx": make.link_bomb_workbook(),
             "broken_overlap.xlsx": make.overlap_workbook(), "broken_sparse.xlsx": make.sparse_workbook(),
             "broken_random.xlsx": make.random_bytes(), "broken_encrypted.xlsx": make.encrypted_ooxml_stub()}
    for name, data in built.items():
        assert data == (SHEETS / name).read_bytes(), name


# --- geometry: title rows, notes rows, hidden and blank parts ---------------------------------------------

@pytest.fixture(scope="module", params=["layout.xlsx", "layout.xls", "layout.et"])
def layout(request) -> Document:
    return read(SHEETS / request.param)


def test_layout_blocks_in_order(layout: Document):
    # Sheet 1: 附件1 and the title above, the table, the two note lines below; the hidden and the
    # empty sheet give nothing; 结对帮扶表 has its name as title; Sheet5 (a default name) none;
    # 说明 is one column of text: paragraphs only.
    assert kinds(layout) == "PPTPP" + "PT" + "T" + "PPP"
    texts = [p.text for p in layout.paragraphs]
    assert texts == ["附件1", "2024年重点任务分解表", "备注：1.牵头单位负责统筹。", "2.配合单位按职责分工落实。",
                     "结对帮扶表", "一、总体要求", "二、主要任务", "（一）加强协同"]


def test_layout_table_grid(layout: Document):
    table = layout.tables[0]
    # Column A (empty), the hidden column F, the hidden row, the blank row and the formatted empty
    # cells at Z5000 are all left out: 2 header rows and 3 task rows, 5 columns.
    assert (table.n_rows, table.n_cols) == (5, 5)
    assert table.grid() == [
        ["序号", "重点任务", "责任单位", "责任单位", "完成时限"],
        ["", "", "牵头单位", "配合单位", ""],
        ["1", "建立协同招商机制。", "区发展改革委\n区商务委", "区财政局", "2024年6月30日"],
        ["2", "共同推介重大项目。", "", "", "2024/12/31"],
        ["3", "完成率达到", "", "", "85.5%"],  # 3: a formula's cached value
    ]
    duty = table.at(0, 2)
    assert (duty.rowspan, duty.colspan) == (1, 2) and table.at(0, 3) is duty
    assert (table.at(0, 0).rowspan, table.at(0, 0).colspan) == (2, 1)
    lead = table.at(2, 2)
    assert lead.lines == ["区发展改革委", "区商务委"] and lead.rowspan == 2 and table.at(3, 2) is lead
    assert table.at(3, 3).lines == [] and table.at(3, 3).rowspan == 1  # a genuinely empty cell
    # Sources are sheet coordinates: sheet 1, row 10 (0-based 9) for the formula row, column B.
    assert (table.at(4, 0).source.page, table.at(4, 0).source.row, table.at(4, 0).source.col) == (1, 9, 1)


def test_layout_warnings_name_what_was_left_out(layout: Document):
    assert layout.warnings == [
        "sheet '隐藏表' is hidden: left out",
        "sheet '任务分解': 1 hidden row and 1 hidden column with text left out, as Excel prints the sheet",
    ]
    assert not any("隐藏" in line or "不打印" in line or "内部备注" in line
                   for t in layout.tables for c in t.cells for line in c.lines)


def test_layout_xls_and_et_read_as_the_xlsx():
    xlsx = shape(read_xlsx(SHEETS / "layout.xlsx"))
    assert shape(read_xls(SHEETS / "layout.xls")) == xlsx
    assert shape(read_xls(SHEETS / "layout.et")) == xlsx


def test_et_goes_through_the_registry_without_a_name_warning():
    doc = extract.read_document(SHEETS / "layout.et")
    assert doc.format == "xls"
    assert not any(w.startswith("named .") for w in doc.warnings)


def test_xlsx_under_a_wrong_name_is_read_by_its_content(tmp_path: Path):
    misnamed = tmp_path / "任务表.docx"
    misnamed.write_bytes((SAMPLES / f"{STEMS[0]}.xlsx").read_bytes())
    doc = extract.read_document(misnamed)
    assert doc.format == "xlsx" and doc.warnings[0].startswith("named .docx but the content is")
    assert shape(doc) == shape(read_xlsx(SAMPLES / f"{STEMS[0]}.xlsx"))


def test_formulas_give_their_cached_values():
    table = read_xlsx(SHEETS / "formula.xlsx").tables[0]
    assert table.grid()[2] == ["2", "推进协同发展。（续）", "区发展改革委", "#DIV/0!"]


def test_overlapping_merges_are_read_one_cell_each_with_a_warning():
    doc = read_xlsx(SHEETS / "broken_overlap.xlsx")
    assert doc.warnings == ["sheet '任务': 1 merged range overlaps another (Excel would refuse the file); "
                            "read as one cell"]
    table = doc.tables[0]
    positions = [(r, c) for cell in table.cells for r in range(cell.row, cell.row + cell.rowspan)
                 for c in range(cell.col, cell.col + cell.colspan)]
    assert len(positions) == len(set(positions)) == table.n_rows * table.n_cols


# --- number formats ------------------------------------------------------------------------------------

def _format_rows(path: Path) -> list[list[str]]:
    return read(path).tables[0].grid()[1:]


def test_xlsx_cells_show_what_excel_shows():
    rows = _format_rows(SHEETS / "formats.xlsx")
    assert [want for _, want in rows] == [f[2] for f in make.FORMATS]  # column B: the expected text
    assert [shown for shown, _ in rows] == [want for _, want in rows]


def test_xls_cells_show_what_excel_shows():
    """Every row but those LibreOffice rewrote when it made the .xls: it turns the built-in ids
    into its own locale's short date and drops 上午/下午 (General); the BIFF file holds no more."""
    rewritten = [isinstance(fmt, int) or "上午/下午" in str(fmt) for _, fmt, _ in make.FORMATS]
    rows = _format_rows(SHEETS / "formats.xls")
    kept = [(shown, want) for (shown, want), skip in zip(rows, rewritten, strict=True) if not skip]
    assert len(kept) == len(make.FORMATS) - 6
    assert [shown for shown, _ in kept] == [want for _, want in kept]


@pytest.mark.parametrize(("value", "fmt", "shown"), [
    (45473.0, 'yyyy"年"m"月"d"日"', "2024年6月30日"),  # a serial, as xlrd gives it
    (45473.75, "yyyy-mm-dd hh:mm:ss", "2024-06-30 18:00:00"),
    (dt.datetime(2024, 6, 30), "[DBNum1][$-804]yyyy\"年\"m\"月\"d\"日\"", "二〇二四年六月三十日"),
    (dt.datetime(2024, 11, 5), "[DBNum1]m\"月\"d\"日\"", "十一月五日"),
    (1.5, "[h]:mm", "36:00"),
    (dt.time(9, 30), "h:mm", "9:30"),
    (dt.timedelta(hours=30), "[h]:mm", "30:00"),
    ("区教委", '@"（牵头）"', "区教委（牵头）"),
    ("区教委", "General", "区教委"),
    (77723967, "@", "77723967"),  # a number in a cell formatted as text
    ("区教委", '0;-0;0;"单位："@', "单位：区教委"),
    (-1234.5, "#,##0.00_);(#,##0.00)", "(1,234.50)"),
    (150, '[>=100]"多";"少"', "多"),
    (50, '[>=100]"多";"少"', "少"),
    (0.000012345, "General", "1.2345E-05"),
    (0.5, "#.##", ".5"),
    (1, "0.0#", "1.0"),
    (1234567.891, "#,##0,", "1,235"),  # a trailing comma scales by a thousand
    (-0.4, "0", "-0"),
    (2958466, "yyyy-mm-dd", "########"),  # past 9999-12-31: Excel shows hashes
    (False, "General", "FALSE"),
    (None, "General", ""),
])
def test_render(value, fmt, shown):
    assert render(value, fmt) == shown


FORMAT_PIECES = st.sampled_from([
    *'0#?.,%E+-;@"\\_*[]$ymdhsAPaeg/年月日:()<>= 19', "[h]", "[Red]", "[DBNum1]", "[DBNum2]", "[$-804]", "[>=100]", "[<0]", "General", "AM/PM", "上午/下午", "aaaa"])
VALUES = st.one_of(st.floats(), st.integers(-10**20, 10**20), st.text(max_size=4), st.booleans(),
                   st.datetimes(), st.dates(), st.times(), st.timedeltas())


@settings(max_examples=400, deadline=None)
@given(VALUES, st.lists(FORMAT_PIECES, max_size=14).map("".join), st.booleans())
def test_render_never_fails(value, fmt, date1904):
    """Any value under any format text gives a string: a file's odd format never stops the read."""
    assert isinstance(render(value, fmt, date1904), str)


def test_serials_in_both_date_systems():
    assert serial_to_datetime(45473) == dt.datetime(2024, 6, 30)
    assert serial_to_datetime(45473 - 1462, date1904=True) == dt.datetime(2024, 6, 30)
    assert serial_to_datetime(1) == dt.datetime(1900, 1, 1)  # before Excel's phantom 1900-02-29
    assert render(45473 - 1462, "yyyy/m/d", date1904=True) == "2024/6/30"


def test_xls_builtin_formats_are_shown_as_a_chinese_excel_shows_them():
    """Excel does not spell out built-in formats in a BIFF file (xlrd fills in its English ones)."""
    from types import SimpleNamespace

    from xlrd.formatting import std_format_strings

    def book(key: int, text: str | None) -> SimpleNamespace:
        return SimpleNamespace(xf_list=[SimpleNamespace(format_key=key)],
                               format_map={key: SimpleNamespace(format_str=text)})

    assert xls_format(book(14, std_format_strings[14]), 0) == "yyyy/m/d"
    assert xls_format(book(31, None), 0) == 'yyyy"年"m"月"d"日"'
    assert xls_format(book(14, "yyyy-mm-dd"), 0) == "yyyy-mm-dd"  # the file's own text wins
    assert xls_format(book(2, "0.00"), 0) == "0.00"


# --- broken and hostile files ----------------------------------------------------------------------------

BROKEN = [
    ("broken_empty_sheets.xlsx", "no non-empty sheet: all 3 sheets of the workbook are empty"),
    ("broken_empty_sheets.xls", "no non-empty sheet: all 3 sheets of the workbook are empty"),
    ("broken_hidden_only.xlsx", "no non-empty sheet: of its 2 sheets, 1 holds text but is hidden and the others "
                                "are empty"),
    ("broken_truncated.xlsx", "not an .xlsx: damaged or truncated zip package"),
    ("broken_truncated.xls", "damaged .xls workbook: xlrd cannot read it"),
    ("broken_zip_bomb.xlsx", "zip member xl/worksheets/sheet1.xml declares 83886"),
    ("broken_dtd.xlsx", "xl/sharedStrings.xml declares a DTD (<!DOCTYPE>), which Excel never writes; refused"),
    ("broken_merge_bomb.xlsx", "merged ranges and hyperlinks cover more than 1000000 cells or are too many "
                               "(xl/worksheets/sheet1.xml)"),
    ("broken_link_bomb.xlsx", "merged ranges and hyperlinks cover more than 1000000 cells"),
    ("broken_sparse.xlsx", f"sheet '稀疏' spreads its content over 801 rows × 800 columns, over the limit of {MAX_GRID}"),
    ("broken_random.xlsx", "not an .xlsx: not a zip package"),
    ("broken_encrypted.xlsx", "password-protected (encrypted) .xlsx: Excel stores it as an OLE2 container"),
    ("broken_encrypted.xls", "password-protected (encrypted) .xls workbook"),
]


@pytest.mark.parametrize(("name", "reason"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_workbook_gets_a_specific_reason(name: str, reason: str):
    start = time.perf_counter()
    with pytest.raises(NoticeError) as err:
        read(SHEETS / name)
    assert err.value.reason.startswith(reason), err.value.reason
    assert err.value.path == str(SHEETS / name)
    assert time.perf_counter() - start < 5  # refused before any expansion, not after


def test_reader_given_the_other_kind_says_so():
    with pytest.raises(NoticeError, match=r"not an \.xls: a zip package \(an \.xlsx workbook\?\)"):
        read_xls(SAMPLES / f"{STEMS[0]}.xlsx")
    with pytest.raises(NoticeError, match=r"not an \.xlsx: an OLE2 file"):
        read_xlsx(SAMPLES / f"{STEMS[0]}.xls")
    with pytest.raises(NoticeError, match=r"not an \.xlsx: the zip package holds a Word document"):
        read_xlsx(SAMPLES / f"{STEMS[0]}.docx")


def test_empty_and_missing_files(tmp_path: Path):
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    for reader in (read_xlsx, read_xls):
        with pytest.raises(NoticeError, match=r"empty file \(0 bytes\)"):
            reader(empty)
        with pytest.raises(NoticeError, match="cannot read the file"):
            reader(tmp_path / "missing.xlsx")


def test_password_protected_xlsx_through_the_registry_names_excel(tmp_path: Path):
    target = tmp_path / "任务表.xlsx"
    target.write_bytes((SHEETS / "broken_encrypted.xlsx").read_bytes())
    with pytest.raises(NoticeError) as err:
        extract.read_document(target)
    assert err.value.reason.startswith("password-protected (encrypted) .xlsx")
