"""Tables printed without inner rules (三线表, a bare frame, no rules, rules between rows only) are
read from the alignment of their text (extract/pdf_align.py) and give the records of the text
export; running text, signatures and the closing block stay paragraphs.

The PDFs are committed (tests/fixtures/make_pdf_borderless.py wrote them with LibreOffice);
nothing here needs LibreOffice.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from conftest import SAMPLES, records, task_fields, units
from hypothesis import given
from hypothesis import strategies as st

from extract.model import Document, Table
from extract.pdf import read_pdf
from extract.pdf_align import find_tables
from extract.pdf_grid import Seg
from extract.pdf_text import Glyph
from normalize import NoticeRecords

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pdf"
NOTICE = "000_3577e14141ec5b37"
ALIGNED = [
    f"{NOTICE}.threeline.pdf",  # 三线表: rule over the header, under it, under the last row
    f"{NOTICE}.frame.pdf",  # only the outer frame
    f"{NOTICE}.borderless.pdf",  # no rules at all
    f"{NOTICE}.landscape-borderless.pdf",  # no rules, header not repeated on the next pages
    "001_b104398e3de8d2a1.bigfont-hrules.pdf",  # rules between rows only, no number column
]
PORTRAIT = ALIGNED[:3]  # the ruled sample's layout: its grid, cell by cell


@cache
def doc(name: str) -> Document:
    return read_pdf(FIXTURES / name)








def text_records(name: str) -> NoticeRecords:
    return records(SAMPLES / f"{name.split('.')[0]}.txt")


def ruled_twin(name: str) -> Path:
    """The same notice in the same layout with all its rules (samples/make_pdf_samples.py)."""
    stem, layout = name.split(".")[:2]
    layout = layout.split("-")[0] if "-" in layout else ""
    return SAMPLES / f"{stem}.pdf" if not layout else FIXTURES / f"{stem}.{layout}.pdf"


def only_table(document: Document) -> Table:
    assert len(document.tables) == 1
    return document.tables[0]


# --- the records of the text export -----------------------------------------------------------------

@pytest.mark.parametrize("name", ALIGNED)
def test_tasks_as_text_export(name: str):
    got, want = task_fields(records(FIXTURES / name)), task_fields(text_records(name))
    assert len(got) == len(want)
    for g, w in zip(got, want, strict=True):
        assert g == w, f"task {w['task_no']}"


@pytest.mark.parametrize("name", ALIGNED)
def test_tables_and_pairs_as_text_export(name: str):
    got, want = records(FIXTURES / name), text_records(name)
    assert [(t.kind, t.title, t.columns) for t in got.tables] == [(t.kind, t.title, t.columns) for t in want.tables]
    assert [(p.table_no, p.pair_no, units(p.units)) for p in got.pairings] == \
           [(p.table_no, p.pair_no, units(p.units)) for p in want.pairings]


@pytest.mark.parametrize("name", ALIGNED)
def test_no_warnings_beyond_the_text_export(name: str):
    assert records(FIXTURES / name).warnings == text_records(name).warnings


# --- the grid ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", PORTRAIT)
def test_same_grid_and_line_ends_as_the_ruled_print(name: str):
    """Cell by cell what the ruled sample gives: texts, printed lines, line-end hints."""
    ruled, aligned = only_table(read_pdf(SAMPLES / f"{NOTICE}.pdf")), only_table(doc(name))
    assert aligned.grid() == ruled.grid()
    for cell in aligned.cells:
        origin = ruled.at(cell.row, cell.col)
        if origin.row == cell.row:  # the ruled print has merged cells; here the rows below are blank
            assert (cell.lines, cell.line_ends) == (origin.lines, origin.line_ends), (cell.row, cell.col)
        else:
            assert cell.is_blank


@pytest.mark.parametrize("name", ALIGNED)
def test_merges_unknown(name: str):
    """Alignment cannot tell a merged cell from an empty one: spans unknown, as in a text export,
    so the normaliser carries blank group and lead cells by the text-export rules."""
    for table in doc(name).tables:
        assert not table.merges_known
        assert all(c.rowspan is None and c.colspan is None for c in table.cells)


@pytest.mark.parametrize("name", [*PORTRAIT, f"{NOTICE}.landscape-borderless.pdf"])
def test_one_table_over_its_pages(name: str):
    """Portrait: three pages, header repeated; landscape: five, header printed once."""
    table, ruled = only_table(doc(name)), only_table(read_pdf(ruled_twin(name)))
    assert (table.n_rows, table.n_cols) == (19, 7)  # header + 18 tasks: no repeated header, no split row
    assert {c.source.page for c in table.cells} == {c.source.page for c in ruled.cells} == \
           ({1, 2, 3} if name in PORTRAIT else {1, 2, 3, 4, 5})
    assert [table.at(r, 0).text for r in range(1, table.n_rows)] == [str(n) for n in range(1, 19)]
    assert table.row_texts(0) == only_table(read_pdf(ruled_twin(name))).row_texts(0)


@pytest.mark.parametrize("name", PORTRAIT)
def test_row_cut_by_page_break_is_rejoined(name: str):
    task3 = only_table(doc(name)).at(3, 2)
    k = next(i for i, line in enumerate(task3.lines) if line.endswith("方面为"))
    assert task3.lines[k + 1].startswith("武隆凤来新城") and task3.line_ends[k] is False
    assert "".join(task3.lines).endswith("探索创新投融资模式。")


def test_group_cell_taller_than_its_row_moved_back():
    """携手推进城乡互动 takes four lines in a row of three: its last line stood in the next row."""
    table = only_table(doc(f"{NOTICE}.borderless.pdf"))
    assert (table.at(5, 1).lines, table.at(6, 1).lines) == (["携手", "推进", "城乡", "互动"], [])


def test_merged_cell_text_over_a_page_break_moved_back():
    """Rows from the rules between them (no number column); the lead cell of the first task,
    merged over three rows, runs past its row's rule and over the page break."""
    table = doc("001_b104398e3de8d2a1.bigfont-hrules.pdf").tables[0]
    assert "".join(table.at(1, 2).lines) == "县发展改革委（县投资促进服务中心）"
    assert table.at(2, 2).is_blank and table.at(3, 2).is_blank


def test_page_number_under_the_table_is_not_a_cell():
    """Landscape: "第1页" stands right under the deadline column, a little further down than the
    table's own lines. It is page furniture, not a line of the last cell."""
    document = doc(f"{NOTICE}.landscape-borderless.pdf")
    assert not any("页" in c.text for c in only_table(document).cells)
    assert not any(re.fullmatch(r"第\d+页", p.text) for p in document.paragraphs)


@pytest.mark.parametrize("name", ALIGNED)
def test_paragraphs_as_the_ruled_print(name: str):
    """The text around the table is read as around a ruled table: nothing taken, nothing added."""
    assert [p.text for p in doc(name).paragraphs] == [p.text for p in read_pdf(ruled_twin(name)).paragraphs]


# --- what is not a table -------------------------------------------------------------------------------

def test_prose_and_signatures_stay_paragraphs():
    document = doc("prose.pdf")
    assert document.tables == []
    texts = [p.text for p in document.paragraphs]
    assert any(re.fullmatch(r"巫溪县人民政府\s{2,}渝中区人民政府", t) for t in texts)
    assert any(re.fullmatch(r"巫溪县人民政府\s{2,}渝中区人民政府\s{2,}城口县人民政府", t) for t in texts)
    assert any(re.fullmatch(r"武隆区政府办公室\s{2,}2021年5月13日印发", t) for t in texts)
    assert any(t.startswith("现将《2022年渝中区") for t in texts)
    assert records(FIXTURES / "prose.pdf").tasks == []


def test_ruled_tables_are_not_read_from_alignment():
    """A ruled table keeps its merged cells: the fallback only reads text no grid holds."""
    for path in [*SAMPLES.glob("*.pdf"), FIXTURES / f"{NOTICE}.landscape.pdf"]:
        for table in read_pdf(path).tables:
            assert table.merges_known


# --- the rules on made-up lines ---------------------------------------------------------------------

def line(top: float, *pieces: tuple[float, str], size: float = 10.0) -> list[Glyph]:
    out = []
    for x, text in pieces:
        for ch in text:
            width = size / 2 if ch.isascii() else size
            out.append(Glyph(ch, x, x + width, top, top + size, size))
            x += width
    return out


def test_numbered_rows_without_rules():
    # The task column is eight characters wide (100-180): the narrowest gutter (180-192) is the
    # cell margins on both sides of a column boundary.
    glyphs = [*line(100, (50, "序号"), (100, "重点任务"), (192, "牵头单位")),
              *line(113, (50, "1"), (100, "推进协同招商。"), (192, "区发展改革委")),
              *line(126, (50, "2"), (100, "共建产业园区，协"), (192, "区经济信息委")),
              *line(139, (100, "同引进项目。"))]
    tables, rest = find_tables(glyphs, [], page=1)
    assert rest == []
    ((table),) = tables
    assert (table.n_rows, len(table.xs) - 1) == (3, 3)
    cell = table.at(2, 1)
    assert [x.text for x in cell.lines] == ["共建产业园区，协", "同引进项目。"]
    assert cell.ends == [False, True]  # the first line runs to the column's edge: a wrap


def test_signature_and_date_are_no_table():
    glyphs = [*line(100, (250, "巫溪县人民政府"), (400, "渝中区人民政府")),
              *line(115, (400, "2022年6月23日")),
              *line(130, (50, "（此件公开发布）"))]
    assert find_tables(glyphs, [], page=1) == ([], glyphs)


def test_short_words_in_columns_without_rows_are_no_table():
    """Three columns of short words, but nothing tells rows apart and only one line below."""
    glyphs = [*line(100, (50, "县发展改革委"), (200, "县财政局"), (350, "县商务委")),
              *line(115, (50, "区发展改革委"), (200, "区财政局"), (350, "区商务委"))]
    assert find_tables(glyphs, [], page=1)[0] == []


def test_running_text_ends_the_table():
    glyphs = [*line(100, (50, "序号"), (100, "重点任务"), (300, "牵头单位")),
              *line(113, (50, "1"), (100, "推进协同招商。"), (300, "区发展改革委")),
              *line(126, (50, "抄送：区委办公室，区人大常委会办公室，区政协办公室，区监委。"))]
    ((table),), rest = find_tables(glyphs, [], page=1)
    assert table.n_rows == 2 and "".join(g.text for g in rest).startswith("抄送")


@given(st.lists(st.tuples(st.sampled_from([1.2, 1.3, 2.6]),
                          st.lists(st.tuples(st.integers(0, 45), st.text("序号重点任务单位区县委1230。，、", min_size=1,
                                                                          max_size=8)),
                                   min_size=1, max_size=5)),
                min_size=1, max_size=20),
       st.lists(st.floats(0, 400), max_size=3))
def test_any_layout_keeps_every_glyph(layout, rule_ys):
    """Whatever the layout: no error, and every glyph is left as text or lies in a table."""
    glyphs, top = [], 0.0
    for spacing, pieces in layout:
        top += 10 * spacing
        glyphs += line(top, *((x * 10.0, text) for x, text in pieces))
    rules = [Seg(True, y, 0, 500) for y in rule_ys]
    tables, rest = find_tables(glyphs, rules, page=1)
    inside = {id(g) for g in glyphs
              if any(t.bbox[0] <= g.mid_x <= t.bbox[2] and t.bbox[1] <= g.mid_y <= t.bbox[3] for t in tables)}
    assert {id(g) for g in rest} == {id(g) for g in glyphs} - inside
    for table in tables:
        assert len(table.xs) >= 3 and all(len(c.ends) == len(c.lines) for c in table.cells)
