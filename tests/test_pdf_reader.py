"""The PDF reader: every printed layout of a notice gives the records of its text export; then one
test per thing the reader must get right from geometry, and the broken files.

The PDFs are committed (samples/make_pdf_samples.py and tests/fixtures/make_pdf_fixtures.py wrote
them); nothing here needs LibreOffice, Chromium or qpdf.
"""

from __future__ import annotations

import logging
import random
import re
import unicodedata
from functools import cache
from pathlib import Path

import pdfplumber
import pytest
from conftest import SAMPLES, load_truth, records, task_fields, units
from hypothesis import given
from hypothesis import strategies as st

from extract import read_document
from extract.errors import NoticeError
from extract.model import Document, Table
from extract.pdf import read_pdf
from extract.pdf_grid import find_grids, segments_from_rect
from extract.pdf_text import Glyph, TextLine, fold_radicals, line_ends, line_text
from normalize import NoticeRecords

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pdf"
STEMS = sorted(p.name.removesuffix(".truth.json") for p in SAMPLES.glob("*.truth.json"))
# Every printed layout: the portrait sample, then the fixtures named <stem>.<layout>.pdf.
LAYOUTS = sorted([*SAMPLES.glob("*.pdf"), *FIXTURES.glob("0*.*.pdf")])
LAYOUT_IDS = [p.name for p in LAYOUTS]




@cache
def doc(path: Path) -> Document:
    return read_pdf(path)


def stem_of(path: Path) -> str:
    return path.name.split(".")[0]


def text_records(path: Path) -> NoticeRecords:
    return records(SAMPLES / f"{stem_of(path)}.txt")






# --- every layout reads as the text export ---------------------------------------------------------

def test_every_notice_has_its_layouts():
    names = {p.name for p in LAYOUTS}
    for stem in STEMS:
        assert {f"{stem}.pdf", f"{stem}.landscape.pdf", f"{stem}.bigfont.pdf"} <= names
    assert any(".chromium." in n for n in names) and any(".rotated." in n for n in names)


@pytest.mark.parametrize("path", LAYOUTS, ids=LAYOUT_IDS)
def test_metadata_as_text_export(path: Path):
    got, want = records(path).meta, text_records(path).meta
    assert (got.doc_number, got.title, got.issue_date, got.issuers, got.parties) == \
           (want.doc_number, want.title, want.issue_date, want.issuers, want.parties)
    assert got.doc_number == load_truth(SAMPLES / f"{stem_of(path)}.truth.json")["meta"]["doc_number"]


@pytest.mark.parametrize("path", LAYOUTS, ids=LAYOUT_IDS)
def test_tables_as_text_export(path: Path):
    got, want = records(path), text_records(path)
    assert [(t.kind, t.title, t.columns) for t in got.tables] == [(t.kind, t.title, t.columns) for t in want.tables]


@pytest.mark.parametrize("path", LAYOUTS, ids=LAYOUT_IDS)
def test_tasks_as_text_export(path: Path):
    got, want = task_fields(records(path)), task_fields(text_records(path))
    assert len(got) == len(want)
    for g, w in zip(got, want, strict=True):
        assert g == w, f"task {w['task_no']}"


@pytest.mark.parametrize("path", LAYOUTS, ids=LAYOUT_IDS)
def test_pairs_as_text_export(path: Path):
    def pairs(rec: NoticeRecords) -> list[tuple]:
        return [(p.table_no, p.pair_no, units(p.units)) for p in rec.pairings]

    assert pairs(records(path)) == pairs(text_records(path))


@pytest.mark.parametrize("path", LAYOUTS, ids=LAYOUT_IDS)
def test_tasks_match_reference(path: Path):
    truth = load_truth(SAMPLES / f"{stem_of(path)}.truth.json")
    want = [t for table in truth["tables"] if table["kind"] == "tasks" for t in table["tasks"]]
    got = records(path).tasks
    assert [t.task for t in got] == [w["task"] for w in want]
    assert [[u.unit for u in t.lead_units] for t in got] == [[u["unit"] for u in w["lead_units"]] for w in want]


# --- tables over pages -------------------------------------------------------------------------------

def test_table_over_three_pages_is_one_table():
    table = only_table(doc(SAMPLES / "000_3577e14141ec5b37.pdf"))
    assert (table.n_rows, table.n_cols) == (19, 7)  # header + 18 tasks: no repeated header, no split row
    assert {c.source.page for c in table.cells} == {1, 2, 3}
    assert table.source.page == 1


def only_table(document: Document) -> Table:
    assert len(document.tables) == 1
    return document.tables[0]


@pytest.mark.parametrize("path", LAYOUTS, ids=LAYOUT_IDS)
def test_repeated_header_dropped(path: Path):
    for table in doc(path).tables:
        header = table.row_texts(0)
        assert all(table.row_texts(r) != header for r in range(1, table.n_rows))


def test_header_repeats_on_the_page_itself():
    """What the reader undoes: plain pdfplumber sees the header again at the top of page 2."""
    with pdfplumber.open(SAMPLES / "000_3577e14141ec5b37.pdf") as pdf:
        first_rows = [page.extract_tables()[0][0] for page in pdf.pages]
    assert first_rows[0] == first_rows[1] == first_rows[2]


@pytest.mark.parametrize("layout", ["000_3577e14141ec5b37.pdf", "000_3577e14141ec5b37.bigfont.pdf"])
def test_row_cut_by_page_break_is_rejoined(layout: str):
    path = SAMPLES / layout if layout.count(".") == 1 else FIXTURES / layout
    table = only_table(doc(path))
    numbers = [table.at(r, 0).text for r in range(1, table.n_rows)]
    assert numbers == [str(n) for n in range(1, 19)]  # one row per task, none left without a number
    task3 = table.at(3, 2)
    assert "".join(task3.lines).endswith("探索创新投融资模式。")


def test_cut_row_keeps_wrap_across_the_break():
    """The line at the foot of page 1 ran to the cell edge: joined to page 2's first line as a wrap."""
    table = only_table(doc(SAMPLES / "000_3577e14141ec5b37.pdf"))
    task3 = table.at(3, 2)
    k = next(i for i, line in enumerate(task3.lines) if line.endswith("方面为"))
    assert task3.lines[k + 1].startswith("武隆凤来新城") and task3.line_ends[k] is False


def test_merged_cell_crossing_pages_stays_one_cell():
    table = only_table(doc(SAMPLES / "000_3577e14141ec5b37.pdf"))
    area = table.at(1, 1)
    assert (area.row, area.rowspan, "".join(area.lines)) == (1, 4, "携手推进产业协同")
    assert [table.at(r, 2).source.page for r in range(1, 5)] == [1, 1, 1, 2]  # task 4 is on page 2
    assert all(table.at(r, 1) is area for r in range(1, 5))
    # A merge that crosses onto page 3 where the next row starts fresh (no cut row).
    science = table.at(10, 1)
    assert (science.rowspan, [table.at(r, 2).source.page for r in range(10, 13)]) == (3, [2, 2, 3])


def test_chromium_rowspans_across_pages():
    """A browser print: borders are thin filled rectangles, no repeated header, rowspans cross pages."""
    document = doc(FIXTURES / "001_b104398e3de8d2a1.chromium.pdf")
    assert [t.n_rows for t in document.tables] == [29, 32]
    with pdfplumber.open(FIXTURES / "001_b104398e3de8d2a1.chromium.pdf") as pdf:
        page = pdf.pages[0]
        assert not page.lines and page.rects and max(min(r["width"], r["height"]) for r in page.rects) < 1


def test_rotated_fixture_turns_every_way():
    with pdfplumber.open(FIXTURES / "000_3577e14141ec5b37.rotated.pdf") as pdf:
        assert [p.rotation for p in pdf.pages] == [90, 180, 270]
    assert only_table(doc(FIXTURES / "000_3577e14141ec5b37.rotated.pdf")).n_rows == 19


# --- lines and line ends -----------------------------------------------------------------------------

def test_paragraph_breaks_in_a_cell():
    table = only_table(doc(SAMPLES / "000_3577e14141ec5b37.pdf"))
    lead = table.at(3, 4)
    assert lead.lines == ["区经济信息委", "区招商中心", "凤来新城指", "挥部办公室"]
    assert lead.line_ends == [True, True, True, True]  # four paragraphs, none runs to the edge


def test_wrapped_unit_names():
    table = doc(FIXTURES / "001_b104398e3de8d2a1.bigfont.pdf").tables[0]
    lead = table.at(1, 2)
    assert lead.lines == ["县发展改", "革委（县", "投资促进", "服务中", "心）"]
    # "服务中" stops a character short, because "）" may not open a line: still a wrap.
    assert lead.line_ends == [False, False, False, False, True]


def test_no_spaces_between_cjk_and_signature_gap_kept():
    paragraphs = [p.text for p in doc(SAMPLES / "001_b104398e3de8d2a1.pdf").paragraphs]
    signature = next(p for p in paragraphs if p.startswith("巫溪县人民政府") and "渝中区" in p)
    assert re.fullmatch(r"巫溪县人民政府\s{2,}渝中区人民政府", signature)
    for p in paragraphs:
        assert not re.search(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", p), p


def glyphs(text: str, x: float = 0.0, size: float = 10.0, gaps: dict[int, float] | None = None) -> list[Glyph]:
    out = []
    for i, ch in enumerate(text):
        x += (gaps or {}).get(i, 0.0)
        width = size if not ch.isascii() else size / 2
        out.append(Glyph(ch, x, x + width, 0.0, size, size))
        x += width
    return out


def test_line_text_spacing():
    assert line_text(glyphs("陆 明")) == "陆 明"  # a space glyph is printed text, kept
    assert line_text(glyphs("区发展改革委", gaps={1: 3.0})) == "区发展改革委"  # a gap between CJK is no space
    assert line_text(glyphs("PowerBI", gaps={5: 3.0})) == "Power BI"  # a visible gap between letters
    assert line_text(glyphs("巫溪县渝中区", gaps={3: 60.0}), keep_gaps=True).split() == ["巫溪县", "渝中区"]


@given(st.text(alphabet=st.sampled_from("区县委局办公室发展改革中心（）、，。 "), min_size=1, max_size=30))
def test_line_text_keeps_space_glyphs_and_invents_none(text: str):
    # Blanks before the first glyph are margin; blanks after the last are one: the wrap fell on
    # a blank between words (工商质监所␣ | 安监站).
    core = text.strip(" ")
    assert line_text(glyphs(text)) == (core + " " if core and text.endswith(" ") else core)


def test_line_ends_rule():
    edges = (0.0, 100.0)  # a cell ten characters wide
    full, short = TextLine(glyphs("一二三四五六七八九十"), ""), TextLine(glyphs("一二三"), "")
    nxt = TextLine(glyphs("甲乙"), "")
    assert line_ends([full, nxt], *edges) == [False, True]
    assert line_ends([short, nxt], *edges) == [True, True]
    # Nine characters and a closing bracket next: the ninth moved down with it, still a wrap.
    nine = TextLine(glyphs("一二三四五六七八九"), "")
    assert line_ends([nine, TextLine(glyphs("）、"), "")], *edges) == [False, True]
    assert line_ends([nine, nxt], *edges) == [True, True]
    # A word or a quotation mark glues to its neighbour, and a figure to the character after it:
    # "2021年" needs the room of "2021年" (LibreOffice moves 2021年 down whole; measured on the
    # layouts under tests/fixtures/layouts, where "…协调委员会|2021年年会。" is one sentence).
    eight = TextLine(glyphs("一二三四五六七八"), "")
    assert line_ends([eight, TextLine(glyphs("2021年"), "")], *edges) == [False, True]
    seven = TextLine(glyphs("一二三四五六七"), "")
    assert line_ends([seven, TextLine(glyphs("2021年"), "")], *edges) == [True, True]
    assert line_ends([TextLine(glyphs("一二三四五六七八九"), ""), TextLine(glyphs("2021年"), "")], *edges) \
        == [False, True]
    # Centred text: a short last line has its free width on both sides.
    centred = TextLine(glyphs("一二三", x=35.0), "")
    assert line_ends([centred, nxt], *edges) == [True, True]


# --- page furniture ----------------------------------------------------------------------------------

def test_page_numbers_and_running_header_dropped():
    paragraphs = [p.text for p in doc(FIXTURES / "furniture.pdf").paragraphs]
    assert paragraphs == ["第1页的正文内容。", "第2页的正文内容。", "2021", "第3页的正文内容。", "第4页的正文内容。"]


PAGE_FURNITURE = re.compile(r"^[\s\-—]*\d+[\s\-—]*$|^第\d+页$|对口协同发展工作文件汇编|file:///|\d+/\d+/\d+")


@pytest.mark.parametrize("path", LAYOUTS, ids=LAYOUT_IDS)
def test_no_furniture_in_layouts(path: Path):
    for p in doc(path).paragraphs:
        assert not PAGE_FURNITURE.search(p.text.strip()), p.text


# --- characters --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "want"), [
    ("⻓江", "长江"), ("⻔户", "门户"), ("⻜⻢", "飞马"), ("⻅⻋⻆", "见车角"), ("⻄⻘", "西青"),
    ("⼾⼝", "户口"), ("⼈⺠", "人民"), ("⾭年", "青年"), ("⽇⽉", "日月"),  # Kangxi radicals
    ("\uf900\ufa10", "豈塚"), ("\U0002f800", "丽"),  # compatibility ideographs
    ("3―5名", "3—5名"), ("户口", "户口"), ("ABC，。", "ABC，。"),
])
def test_fold_radicals(raw: str, want: str):
    assert fold_radicals(raw) == want


@given(st.text())
def test_fold_radicals_touches_only_radicals_and_compatibility(text: str):
    def foldable(ch: str) -> bool:
        cp = ord(ch)
        return 0x2E80 <= cp <= 0x2FDF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F or ch == "―"

    folded = fold_radicals(text)
    assert fold_radicals(folded) == folded
    if not any(foldable(ch) for ch in text):
        assert folded == text


def test_every_radical_supplement_character_is_mapped_to_an_ideograph():
    for cp in range(0x2E80, 0x2EF4):
        ch = chr(cp)
        if unicodedata.name(ch, "") and cp != 0x2E9A:
            assert "CJK" in unicodedata.name(fold_radicals(ch)), hex(cp)


def test_radicals_read_from_a_pdf():
    """The font's ToUnicode names radicals (as browsers do for shared glyphs); the text is ordinary."""
    assert [p.text for p in doc(FIXTURES / "radicals.pdf").paragraphs] == ["长江门户户口口飞马青见车角"]


@pytest.mark.parametrize("path", LAYOUTS, ids=LAYOUT_IDS)
def test_no_radicals_left(path: Path):
    text = "".join(p.text for p in doc(path).paragraphs)
    text += "".join(c.text for t in doc(path).tables for c in t.cells)
    assert not re.search("[\u2e80-\u2fdf]", text)


# --- geometry units ----------------------------------------------------------------------------------

def test_thin_rectangles_are_rules():
    (h,) = segments_from_rect(10, 50, 200, 50.75, stroked=False)
    (v,) = segments_from_rect(10, 50, 10.75, 300, stroked=False)
    assert (h.horizontal, v.horizontal) == (True, False)
    assert segments_from_rect(10, 50, 200, 300, stroked=False) == []  # shading, not a rule
    assert len(segments_from_rect(10, 50, 200, 300, stroked=True)) == 4


def test_grid_with_a_merged_cell():
    # Three rows, two columns; the left column's middle rule is missing: one cell over two rows.
    segs = [*segments_from_rect(0, 0, 200, 90, stroked=True)]
    segs += segments_from_rect(100, 0, 100.5, 90, stroked=False)
    segs += segments_from_rect(0, 30, 200, 30.5, stroked=False)
    segs += segments_from_rect(100, 60, 200, 60.5, stroked=False)
    (grid,) = find_grids(segs)
    spans = {(b.row, b.col): (b.rowspan, b.colspan) for b in grid.boxes}
    assert spans == {(0, 0): (1, 1), (0, 1): (1, 1), (1, 0): (2, 1), (1, 1): (1, 1), (2, 1): (1, 1)}


@pytest.mark.parametrize("last_column", [False, True])
def test_a_line_printed_past_its_cell_rule_stays_in_its_cell(last_column: bool):
    # q2_fucheng in a 16K layout: 2026.01 cannot break in a four-character column, so LibreOffice
    # prints its last digit past the rule, into the next cell or outside the table.
    from extract.geometry import _fill

    size, rule = 8.0, 52.0
    segs = segments_from_rect(0, 0, rule if last_column else 120, 40, stroked=True)
    if not last_column:
        segs += segments_from_rect(rule, 0, rule + 0.5, 40, stroked=False)
    segs += segments_from_rect(0, 20, rule, 20.5, stroked=False)  # a second row on the left
    (grid,) = find_grids(segs)

    def line(text: str, left: float, top: float) -> list[Glyph]:
        return [Glyph(ch, left + i * size, left + (i + 1) * size, top, top + size, size) for i, ch in enumerate(text)]

    glyphs = line("2026.01", 4, 5) + line(".01", 14, 25) + ([] if last_column else line("日常", 60, 25))
    table = _fill(grid, glyphs, 1, set())
    texts = {(c.row, c.col): "|".join(line.text for line in c.lines) for c in table.cells}
    assert texts[(0, 0)] == "2026.01" and texts[(1, 0)] == ".01"
    assert last_column or texts[(0, 1)] == "日常"


def test_a_glyph_straddling_the_tables_right_rule_stays_in_its_cell():
    # q2_fucheng in layout probe ~d4 (16K): 2026.01. runs past the last column's rule, its 1
    # straddling it (its middle outside the table), the . wholly outside: both stay in the cell.
    from extract.geometry import _fill

    size = 3.7
    segs = segments_from_rect(0, 0, 60, 20, stroked=True) + segments_from_rect(30, 0, 30.5, 20, stroked=False)
    (grid,) = find_grids(segs)
    glyphs = [Glyph(ch, 36.5 + i * size, 36.5 + (i + 1) * size, 5, 5 + size, size) for i, ch in enumerate("2026.01.")]
    glyphs += [Glyph("甲", 4, 4 + size, 5, 5 + size, size)]
    table = _fill(grid, glyphs, 1, set())
    assert {c.col: "|".join(line.text for line in c.lines) for c in table.cells}[1] == "2026.01."


@pytest.mark.parametrize(("gap", "taken"), [(0.05, True), (2.6, False)])
def test_a_line_printed_under_the_rule_of_a_row_cut_at_the_page_end(gap: float, taken: bool):
    # w41_zhoucun: a row kept whole, taller than the page, is cut there; LibreOffice prints the
    # cell's next line right under the bottom rule (耕地地力 | 保护补贴). A paragraph after a table
    # (上海市杨浦区…, d11_yangpu) starts a line's leading below it.
    from extract.geometry import _fill

    size = 9.0
    segs = segments_from_rect(0, 0, 120, 40, stroked=True) + segments_from_rect(60, 0, 60.5, 40, stroked=False)
    (grid,) = find_grids(segs)

    def line(text: str, left: float, top: float) -> list[Glyph]:
        return [Glyph(ch, left + i * size, left + (i + 1) * size, top, top + size, size) for i, ch in enumerate(text)]

    glyphs = line("发放", 4, 18) + line("耕地地力", 4, 30) + line("区农业局", 64, 4) + line("保护补贴", 4, 40 + gap)
    used: set[int] = set()
    table = _fill(grid, glyphs, 1, used)
    texts = {c.col: "|".join(line.text for line in c.lines) for c in table.cells}
    assert texts[0] == ("发放|耕地地力|保护补贴" if taken else "发放|耕地地力")
    assert (len(used) == len(glyphs)) is taken


@pytest.mark.parametrize(("top", "taken"), [(55.3, True), (62.0, False)])
def test_a_line_printed_across_the_rule_of_a_row_cut_at_the_page_end(top: float, taken: bool):
    # q33_yueyanglou in a layout whose font has a small ascent (layout probe ~c3): the cut row's
    # next line lands at the cell's own pitch across the bottom rule (…导致进度缓 | 慢。), its
    # middle under the rule. A line a leading below the rule, with room left above it, is not
    # the cell's.
    from extract.geometry import _fill

    size = 12.0
    segs = segments_from_rect(0, 0, 120, 60, stroked=True) + segments_from_rect(60, 0, 60.5, 60, stroked=False)
    (grid,) = find_grids(segs)

    def line(text: str, left: float, top: float) -> list[Glyph]:
        return [Glyph(ch, left + i * size, left + (i + 1) * size, top, top + size, size) for i, ch in enumerate(text)]

    glyphs = line("目前全", 4, 3.1) + line("市正在", 4, 20.5) + line("进度缓", 4, 37.9) + line("区农业局", 64, 3.1) \
        + line("慢。", 4, top)
    used: set[int] = set()
    table = _fill(grid, glyphs, 1, used)
    texts = {c.col: "|".join(line.text for line in c.lines) for c in table.cells}
    assert texts[0] == ("目前全|市正在|进度缓|慢。" if taken else "目前全|市正在|进度缓")
    assert (len(used) == len(glyphs)) is taken


# --- broken and odd files ----------------------------------------------------------------------------

def reason(path: Path) -> str:
    with pytest.raises(NoticeError) as err:
        read_pdf(path)
    assert err.value.path == str(path)
    return err.value.reason


def test_encrypted_with_user_password():
    assert reason(FIXTURES / "encrypted_user_password.pdf") == "encrypted PDF: a password is needed"


def test_owner_password_only_reads():
    document = read_pdf(FIXTURES / "encrypted_owner_only.pdf")
    assert [p.text for p in document.paragraphs] == ["任务分解表"]
    assert document.tables[0].grid() == [["序号", "重点任务", "牵头单位"], ["1", "推进协同招商。", "区发展改革委"]]


def test_scanned_pdf():
    assert reason(FIXTURES / "no_text_image.pdf") == "no text layer — scanned PDF, needs OCR"


def test_drawings_only():
    assert reason(FIXTURES / "no_text_vector.pdf").startswith("no text layer")


def test_glyphs_without_unicode():
    assert "needs OCR" in reason(FIXTURES / "unmapped_glyphs.pdf")


@pytest.mark.parametrize("keep", [0.05, 0.3, 0.6, 0.9, 0.99])
def test_truncated(tmp_path: Path, keep: float):
    data = (SAMPLES / "000_3577e14141ec5b37.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * keep)])
    assert reason(path).startswith("corrupt or truncated PDF: ")


def test_missing_eof_marker_is_a_warning(tmp_path: Path):
    data = (FIXTURES / "small_notice.pdf").read_bytes()
    path = tmp_path / "no_eof.pdf"
    path.write_bytes(data[: data.rindex(b"%%EOF")])
    assert any("%%EOF" in w for w in read_pdf(path).warnings)


@pytest.mark.parametrize(("data", "want"), [
    (b"", "empty file, not a PDF"),
    (b"hello, not a PDF at all\n", "not a PDF (no %PDF header)"),
    (random.Random(7).randbytes(4096), "not a PDF (no %PDF header)"),
])
def test_not_a_pdf(tmp_path: Path, data: bytes, want: str):
    path = tmp_path / "file.pdf"
    path.write_bytes(data)
    assert reason(path) == want


def test_random_bytes_after_a_header(tmp_path: Path):
    path = tmp_path / "noise.pdf"
    path.write_bytes(b"%PDF-1.7\n" + random.Random(8).randbytes(8192))
    assert reason(path).startswith("corrupt or truncated PDF: ")


def test_missing_file(tmp_path: Path):
    assert reason(tmp_path / "nowhere.pdf").startswith("cannot read the file")


def test_pdfminer_noise_stays_quiet(capfd):
    logging.getLogger("pdfminer").setLevel(logging.NOTSET)  # as in a fresh process
    read_pdf(FIXTURES / "001_b104398e3de8d2a1.chromium.pdf")  # its Type 3 fonts make pdfminer warn
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_read_document_dispatches_pdf():
    document = read_document(FIXTURES / "small_notice.pdf")
    assert document.format == "pdf" and document.source_file.endswith("small_notice.pdf")


def _cell(row: int, col: int, text: str, top: float, box: tuple[float, float], x: tuple[float, float]):
    """A table cell holding one printed line of `text` at `top`, in a box from box[0] to box[1]."""
    from extract.pdf_stitch import PCell
    from extract.pdf_text import Glyph, TextLine

    size, left = 10.0, x[0] + 5
    glyphs = [Glyph(ch, left + i * size, left + (i + 1) * size, top, top + size, size) for i, ch in enumerate(text)]
    lines = [TextLine(glyphs, text)] if text else []
    return PCell(row, col, 1, 1, (x[0], box[0], x[1], box[1]), 1, lines, [True] * len(lines),
                 text_left=x[0] + 5, text_right=x[1] - 5)


@pytest.mark.parametrize(("above", "rest", "joined"), [
    ("全年力争实现全区地区生产总值比上年增长", "8.2%左右。", True),  # cut after 增长: goes on with a figure
    ("全年力争实现全区生产总值增长8.2%左右。", "9.推进项目建设。", False),  # the one above ended: a new task
    # u61_wuhu in another layout: the cell's own list goes on with its next point, alone on the
    # next page; in a table whose rows are numbered, a new row would bring its number.
    ("1.印发若干政策举措，统筹安排促消费资金。", "2.印发民生实事安排方案。", True),
])
def test_a_row_cut_by_the_page_break_is_judged_by_the_whole_row(above: str, rest: str, joined: bool):
    from extract.pdf_stitch import PTable, continues_row

    cols = [(0, 40), (40, 240)]
    rows = [("1", "推进第一项重点工作，确保完成年度目标。"), ("2", "落实第二项重点工作，按期完成建设任务。"), ("3", above)]
    first = PTable(1, [0, 40, 240], 3, [_cell(r, c, text, 100 + r * 40, (95 + r * 40, 135 + r * 40), cols[c])
                                        for r, row in enumerate(rows) for c, text in enumerate(row)], (0, 95, 240, 215))
    # The task text of row 3 fills its line and runs to the bottom of its box: the page ended inside it.
    first.cells[-1].tail = (40, 175, 240, 182)
    second = PTable(2, [0, 40, 240], 1, [_cell(0, 0, "", 50, (45, 70), cols[0]), _cell(0, 1, rest, 50, (45, 70), cols[1])],
                    (0, 45, 240, 70))
    assert continues_row(first, second) is joined


@pytest.mark.parametrize(("second_rows", "joined"), [
    # r16_siping in another layout: the page broke between the two paragraphs of row 1's name cell
    # (南河(蔺家河) | 起点为…); every other row brings its number, so the number-less row is row 1's rest.
    ([("", "起点为塔山水库下游海漫末段，终点为南河汇合口"), ("2", "北河(红嘴河)")], True),
    # Rows that go without numbers (sub-rows under one merged number elsewhere): a new row.
    ([("", "起点为塔山水库下游海漫末段，终点为南河汇合口"), ("", "北河(红嘴河)")], False),
])
def test_a_row_without_its_number_atop_the_page_goes_on_where_every_row_has_one(second_rows, joined: bool):
    from extract.pdf_stitch import PTable, continues_row

    cols = [(0, 40), (40, 240)]
    rows = [("序号", "黑臭水体名称"), ("1", "南河(蔺家河)")]
    first = PTable(1, [0, 40, 240], 2, [_cell(r, c, text, 100 + r * 40, (95 + r * 40, 135 + r * 40), cols[c])
                                        for r, row in enumerate(rows) for c, text in enumerate(row)], (0, 95, 240, 175))
    for cell in first.cells[-2:]:
        cell.tail = (cell.bbox[0], 135, cell.bbox[2], 150)  # the page ended under its first paragraph
    second = PTable(2, [0, 40, 240], len(second_rows),
                    [_cell(r, c, text, 50 + r * 40, (45 + r * 40, 85 + r * 40), cols[c])
                     for r, row in enumerate(second_rows) for c, text in enumerate(row)], (0, 45, 240, 125))
    assert continues_row(first, second) is joined


@pytest.mark.parametrize(("task", "rest", "progress", "more", "joined"), [
    # t45_linan in another layout: the task and its progress both ended above the break, and the
    # task's next words would have fitted on its line: the next sub-row, though the progress
    # column (the most text) wraps in its narrow cell.
    ("完成公共租赁住房保障家庭800户。", "综合改造提升老旧街区。", "872户。", "综合改造", False),
    # c2_taishun in another layout: the task runs on unfinished, so the progress's new paragraph
    # under 已完成。 is the same row's.
    ("实行全县医保参保人员一地签约、全县共享", "基层门诊签约报销比例。", "已完成。", "数据采集", True),
])
def test_a_cell_that_ended_its_sentence_above_the_break_starts_the_next_row_unless_another_runs_on(
        task: str, rest: str, progress: str, more: str, joined: bool):
    from extract.pdf_stitch import PTable, continues_row

    cols = [(0, 40), (40, 240), (240, 300)]
    rows = [("1", "新增公交线路3条。", "新增599B、855H、7806M和2754等4条公交线路，已全部开通运营。"),
            ("2", "优化调整公交线路20条。", "优化调整公交线路25条，超额完成年度任务，沿线群众出行明显便利。"),
            ("3", task, progress)]
    first = PTable(1, [0, 40, 240, 300], 3, [_cell(r, c, text, 100 + r * 40, (95 + r * 40, 135 + r * 40), cols[c])
                                             for r, row in enumerate(rows) for c, text in enumerate(row)],
                   (0, 95, 300, 215))
    second = PTable(2, [0, 40, 240, 300], 1, [_cell(0, c, text, 50, (45, 70), cols[c])
                                              for c, text in enumerate(("", rest, more))], (0, 45, 300, 70))
    assert continues_row(first, second) is joined


def test_a_cell_merged_with_its_items_number_goes_on_across_the_break():
    # d4_yueyanglou in another layout: 序号 9 and its 项目名称 are merged over three rows; the page
    # ends after two of them, cutting the name mid-word (深化机关事业 | 单位养老保险…) — no bracket or
    # 、 shows it unfinished, but the number's blank part on the next page says the item goes on.
    from dataclasses import replace

    from extract.pdf_stitch import PTable, stitch

    cols = [(0, 40), (40, 120), (120, 300)]
    rows = [("序号", "项目名称", "目标任务"), ("7", "孕产妇产前免费筛查", "完成筛查任务。"),
            ("8", "新增社会治安视频监控摄像头", "完成年度建设任务。"), ("9", "深化机关事业", "完成在职参保人数6300人"),
            (None, None, "完成征缴基金10000万元")]
    cells = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text is not None:
                cells.append(_cell(r, c, text, 100 + r * 40, (95 + r * 40, 135 + r * 40), cols[c]))
    cells = [replace(c, rowspan=2, bbox=(c.bbox[0], c.bbox[1], c.bbox[2], 295)) if c.row == 3 and c.col < 2 else c
             for c in cells]
    first = PTable(1, [0, 40, 120, 300], 5, cells, (0, 95, 300, 295))
    second = PTable(2, [0, 40, 120, 300], 1, [_cell(0, 0, "", 50, (45, 70), cols[0]),
                                              _cell(0, 1, "单位养老保险", 50, (45, 70), cols[1]),
                                              _cell(0, 2, "城市低保补差水平月均达到300元/人", 50, (45, 70), cols[2])],
                    (0, 45, 300, 70))
    table = stitch(first, second)
    name = next(c for c in table.cells if c.row == 3 and c.col == 1)
    assert (name.text, name.rowspan) == ("深化机关事业单位养老保险", 3)
    assert next(c for c in table.cells if c.row == 3 and c.col == 0).rowspan == 3
    # The third column's cells are one per row: the new row keeps its own.
    assert [c.text for c in table.cells if c.col == 2][-1] == "城市低保补差水平月均达到300元/人"
    assert table.n_rows == 6


def test_a_row_moved_whole_to_the_next_page_without_its_number_is_a_sub_row():
    # c6_shizhong in another layout (rows kept whole): item 1's second progress line went to the
    # next page whole, leaving room behind; its 序号, 主要任务 and 责任单位 are merged over both.
    from extract.pdf_stitch import PTable, stitch

    cols = [(0, 40), (40, 160), (160, 300), (300, 380)]
    rows = [("序号", "主要任务", "进展情况", "责任单位"), ("1", "打造特色楼宇。", "区投促局:已开始推介。", "区投促局")]
    first = PTable(1, [0, 40, 160, 300, 380], 2, [_cell(r, c, text, 100 + r * 40, (95 + r * 40, 135 + r * 40), cols[c])
                                                  for r, row in enumerate(rows) for c, text in enumerate(row)],
                   (0, 95, 380, 175))
    page_two = [("", "", "街道办事处:已联合区投促局对接。", ""), ("2", "打造广场楼宇。", "区投促局:已推介。", "区投促局")]
    second = PTable(2, [0, 40, 160, 300, 380], 2, [_cell(r, c, text, 50 + r * 40, (45 + r * 40, 85 + r * 40), cols[c])
                                                   for r, row in enumerate(page_two) for c, text in enumerate(row)],
                    (0, 45, 380, 125))
    kept = stitch(first, second, room=0.0)  # no room left: the page may have cut a row
    assert next(c for c in kept.cells if c.row == 1 and c.col == 0).rowspan == 1
    table = stitch(first, second, room=300.0)
    assert [next(c for c in table.cells if c.row == 1 and c.col == k).rowspan for k in (0, 1, 3)] == [2, 2, 2]
    assert [c.text for c in table.cells if c.col == 2][1:] == ["区投促局:已开始推介。", "街道办事处:已联合区投促局对接。",
                                                            "区投促局:已推介。"]


def test_one_character_after_a_separator_at_the_page_end_is_an_unfinished_list():
    # d8_zhangdian in another layout: …开工作,区 | 各行政规范性文件制定主体具体落实 — the merged unit cell goes on.
    from dataclasses import replace

    from extract.pdf_stitch import PTable, stitch

    cols = [(0, 200), (200, 300)]
    cells = [_cell(0, 0, "具体要求", 100, (95, 135), cols[0]), _cell(0, 1, "责任单位", 100, (95, 135), cols[1]),
             _cell(1, 0, "做好行政规范性文件的集中公开。", 140, (135, 175), cols[0]),
             replace(_cell(1, 1, "开工作,区", 180, (135, 195), cols[1]), rowspan=2),
             _cell(2, 0, "公开页面详细列明标题。", 180, (175, 195), cols[0])]
    first = PTable(1, [0, 200, 300], 3, cells, (0, 95, 300, 195))
    second = PTable(2, [0, 200, 300], 1, [_cell(0, 0, "及时更新有效性标注。", 50, (45, 70), cols[0]),
                                          _cell(0, 1, "各制定主体落实", 50, (45, 70), cols[1])], (0, 45, 300, 70))
    table = stitch(first, second)
    unit = next(c for c in table.cells if c.row == 1 and c.col == 1)
    assert (unit.text, unit.rowspan) == ("开工作,区各制定主体落实", 3)


@pytest.mark.parametrize(("nxt", "width"), [
    ("设“1269”“7510”行动计划", 14), ("查:4月底前完成", 4), ("2021年年会", 5), ("）、其他", 2), ("甲乙", 1),
])
def test_the_next_lines_first_piece_is_what_line_breaking_keeps_together(nxt: str, width: int):
    from extract.pdf_text import start_width

    line = TextLine(glyphs("一二三"), "")
    assert start_width(line, TextLine(glyphs(nxt), "")) == pytest.approx(
        sum(10.0 if not ch.isascii() else 5.0 for ch in nxt[:width]) + (10.0 if nxt[0] in "）" else 0.0))


def _line(text: str, x: float, top: float) -> TextLine:
    g = glyphs(text, x=x)
    g = [Glyph(c.text, c.x0, c.x1, top, top + 10.0, 10.0) for c in g]
    return TextLine(g, text)


def test_over_a_page_break_a_flush_line_under_a_full_one_goes_on_where_paragraphs_are_indented():
    # c4_yingkou in another layout: page 1 ends with a full line after a full stop
    # (…信息公开。) and page 2 opens flush (持续推进…) where every paragraph begins indented.
    from extract.geometry import Page, _blocks

    full = "一二三四五六七八九十"  # 100 pt: the text width
    page1 = []
    for k, end in enumerate(["一二三。", "一二。", "一二三四。", "一二三四五六七八九。"]):
        page1 += [_line("二三四五六七八九", 20, 100 + 24 * k), _line(end, 0, 112 + 24 * k)]
    page2 = [_line(full, 0, 50), _line("一二三。", 0, 62)]
    blocks = _blocks([Page(1, 200, 300, page1, []), Page(2, 200, 300, page2, [])])
    assert blocks[7].runs_on is True
    # Without first-line indents, a new paragraph may start flush at the top of a page.
    flat = [_line(x.text, 0, x.top) for x in page1]
    assert _blocks([Page(1, 200, 300, flat, []), Page(2, 200, 300, page2, [])])[7].runs_on is False


def test_groups_before_a_numbered_row_atop_the_next_page_go_on_over_the_break():
    # s14 in PDF: 考核内容 | 考核指标 merged over items 1-3, each row on a page of its own (its
    # scoring text is long): the blank cells before the next number are the groups going on.
    from extract.pdf_stitch import PTable, stitch

    cols = [(0, 60), (60, 120), (120, 150), (150, 300)]
    rows = [("考核内容", "考核指标", "序号", "考核要点"), ("基础设施", "交通网络", "1", "优化城镇交通组织")]

    def pages():  # stitching extends the cells above in place: fresh pages for each try
        first = PTable(1, [0, 60, 120, 150, 300], 2, [_cell(r, c, t, 100 + r * 40, (95 + r * 40, 135 + r * 40),
                                                            cols[c]) for r, row in enumerate(rows)
                                                      for c, t in enumerate(row)], (0, 95, 300, 175))
        second = PTable(2, [0, 60, 120, 150, 300], 1, [_cell(0, c, t, 50, (45, 85), cols[c])
                                                       for c, t in enumerate(("", "", "2", "加快农村道路建设"))],
                        (0, 45, 300, 85))
        return first, second

    table = stitch(*pages(), room=300.0)
    assert [next(c for c in table.cells if c.row == 1 and c.col == k).rowspan for k in (0, 1, 2)] == [2, 2, 1]
    assert [c.text for c in table.cells if c.col == 2] == ["序号", "1", "2"]
    full = stitch(*pages(), room=0.0)  # the row moved whole or not: it has a number of its own
    assert next(c for c in full.cells if c.row == 1 and c.col == 0).rowspan == 2


@pytest.mark.parametrize(("quarter", "goes_on"), [("度", True), ("二、第二季度", False)])
def test_groups_that_begin_in_a_one_line_row_at_the_page_foot_go_on_over_the_next_item(quarter: str, goes_on: bool):
    # d14_yangling in another layout: 第一季度 | 企业经营(55分) merged over the quarter's items; the
    # page ends after the first item's one line (第一季 | 企业经营 | 收入(20分) | 200万元). Atop the
    # next page 度 and (55分) span the rows below, and 税后利润(20分) would have fitted after
    # 收入(20分): the groups go on, the item is the next row. A part with a number of its own
    # (二、第二季度) is a group of its own.
    from dataclasses import replace

    from extract.pdf_stitch import PTable, stitch

    xs = [0, 40, 90, 290, 350]
    cols = [(0, 40), (40, 90), (90, 290), (290, 350)]
    header = ("时限", "类别", "工作任务", "目标")
    cells = [_cell(0, c, t, 100, (95, 135), cols[c]) for c, t in enumerate(header)]
    cells += [_cell(1, c, t, 140, (135, 175), cols[c]) for c, t in enumerate(("第一季", "企业经营", "收入(20分)", "200万元"))]
    first = PTable(1, xs, 2, cells, (0, 95, 350, 175))
    page_two = [(quarter, "(55分)", "税后利润(20分)", "35万元"), (None, None, "国有资产保值增值(15分)", "25万元"),
                (None, "承担管委会任务", "代建项目(35分)", "配合国土局")]
    spans = {(0, 0): 3, (0, 1): 2}
    below = [replace(_cell(r, c, t, 50 + r * 40, (45 + r * 40, 85 + r * 40), cols[c]), rowspan=spans.get((r, c), 1))
             for r, row in enumerate(page_two) for c, t in enumerate(row) if t is not None]
    table = stitch(first, PTable(2, xs, 3, below, (0, 45, 350, 165)))
    quarter_cell = next(c for c in table.cells if c.row == 1 and c.col == 0)
    if goes_on:
        group = next(c for c in table.cells if c.row == 1 and c.col == 1)
        assert (quarter_cell.text, quarter_cell.rowspan) == ("第一季度", 4)
        assert (group.text, group.rowspan) == ("企业经营(55分)", 3)
        assert [c.text for c in table.cells if c.col == 2][1:] == ["收入(20分)", "税后利润(20分)", "国有资产保值增值(15分)",
                                                                "代建项目(35分)"]
    else:
        assert quarter_cell.text == "第一季"


def test_the_next_items_number_atop_the_page_starts_a_row_though_another_cell_runs_on():
    # d2_taihutuying in another layout: the 工作指标 cell (the most text) runs over the break, but
    # under 1.明确…职责; the 任务清单 column opens with 2.: the next item's row, not the rest of this one.
    from extract.pdf_stitch import PTable, continues_row

    cols = [(0, 200), (200, 380)]
    rows = [("村(社区)建立应急工作组,落实网格员、巡查员、预警员和管理员等各类责任人员,并明确", "1.明确网格员防汛相关职责;")]
    first = PTable(1, [0, 200, 380], 1, [_cell(0, c, t, 100, (95, 112), cols[c]) for c, t in enumerate(rows[0])],
                   (0, 95, 380, 112))
    first.cells[0].tail = (0, 95, 200, 112)
    second = PTable(2, [0, 200, 380], 1, [_cell(0, 0, "其职责分工", 50, (45, 70), cols[0]),
                                          _cell(0, 1, "2.根据辖区实际补充设置巡查员;", 50, (45, 70), cols[1])], (0, 45, 380, 70))
    assert continues_row(first, second) is False
    # A cell that is itself a list (1.…;2.…) may be cut before its next item: the number says nothing.
    from extract.pdf_stitch import _next_number

    listed = _cell(0, 1, "1.明确职责;2.补充人员;", 100, (95, 112), cols[1])
    assert not _next_number(listed, _cell(0, 1, "2.开展演练;", 50, (45, 70), cols[1]))
    assert _next_number(first.cells[1], second.cells[1])


@pytest.mark.parametrize(("part", "goes_on"), [("职责融入网", True), ("(3)村级职", False)])
def test_an_enumerated_item_going_on_without_its_number_atop_the_page_is_a_merged_cell_cut(part: str,
                                                                                          goes_on: bool):
    # d2_taihutuying in another layout: 工作指标 (4) and its 时限 4月 merged over two tasks, the
    # second moved to the next page; there the indicator's text goes on without its number and
    # the deadline's part is blank. A part with a number of its own ((3)…) is the next item.
    from extract.pdf_stitch import PTable, stitch

    xs = [0, 60, 260, 320, 360]
    cols = [(0, 60), (60, 260), (260, 320), (320, 360)]
    rows = [("工作指标", "任务清单", "责任", "时限"), ("(1)乡镇党", "1.落实负责制。", "党政办", "4月"),
            ("(2)村防汛", "1.明确网格员职责;", "综治办", "4月")]
    cells = [_cell(r, c, t, 100 + r * 40, (95 + r * 40, 135 + r * 40), cols[c])
             for r, row in enumerate(rows) for c, t in enumerate(row)]
    first = PTable(1, xs, 3, cells, (0, 95, 360, 215))
    second = PTable(2, xs, 1, [_cell(0, c, t, 50, (45, 85), cols[c])
                               for c, t in enumerate((part, "2.补充设置巡查员;", "农村办", ""))], (0, 45, 360, 85))
    table = stitch(first, second, room=300.0)
    indicator = next(c for c in table.cells if c.row == 2 and c.col == 0)
    deadline = next(c for c in table.cells if c.row == 2 and c.col == 3)
    assert [c.text for c in table.cells if c.col == 1][2:] == ["1.明确网格员职责;", "2.补充设置巡查员;"]
    if goes_on:
        assert (indicator.text, indicator.rowspan, deadline.rowspan) == ("(2)村防汛职责融入网", 2, 2)
    else:
        assert (indicator.text, indicator.rowspan, deadline.rowspan) == ("(2)村防汛", 1, 1)
