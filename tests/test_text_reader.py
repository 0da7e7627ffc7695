"""The text-export reader: cells, rows, the traps after a table, encodings."""

from __future__ import annotations

import pytest
from conftest import SAMPLES, text_export
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import Paragraph, Table, read_document
from extract.text import parse_text

GRID = [["序号", "任务", "责任单位"], ["1", "第一项任务。", "区教委"], ["2", "第二项任务。", "区科技局\n区商务委"]]


def tables(doc) -> list[Table]:
    return doc.tables


def test_cells_rows_and_continuation_lines():
    doc = parse_text(text_export(GRID, before=["标题"]))
    (table,) = tables(doc)
    assert (table.n_rows, table.n_cols) == (3, 3)
    assert table.grid() == GRID
    assert table.at(2, 2).lines == ["区科技局", "区商务委"]
    assert not table.merges_known  # a text export cannot know merged cells
    assert table.at(2, 2).source.line is not None


def test_blank_lines_inside_a_cell_do_not_break_rows():
    text = "\t序号\n\t单位\n\n\t1\n\t区经济信息委\n\n区招商中心\n\n凤来新城指\n\n挥部办公室\n\n\t2\n\t区教委\n"
    (table,) = tables(parse_text(text))
    assert table.grid() == [["序号", "单位"], ["1", "区经济信息委\n区招商中心\n凤来新城指\n挥部办公室"], ["2", "区教委"]]


def test_blank_lines_between_cells_of_one_row_keep_rows_in_step():
    # The 2022 seed has a cell followed by two blank lines and then the next cell of the same row.
    text = "\tA\n\tB\n\n\ta1\n\n\n\tb1\n\n\ta2\n\tb2\n"
    (table,) = tables(parse_text(text))
    assert table.grid() == [["A", "B"], ["a1", "b1"], ["a2", "b2"]]


def test_header_split_over_lines_stays_one_cell():
    text = "\t协同发展事项\n\t巫溪县牵头\n\n责任单位\n\n\t产业协同方面\n\t县商务委\n"
    (table,) = tables(parse_text(text))
    assert table.at(0, 1).lines == ["巫溪县牵头", "责任单位"]
    assert table.n_cols == 2


def test_text_after_the_last_row_is_not_part_of_the_table():
    text = text_export(GRID, after=["抄送：区委办公室，区人大常委会办公室，", "", "区法院，区检察院。"])
    doc = parse_text(text)
    (table,) = tables(doc)
    assert table.grid() == GRID
    assert [p.text for p in doc.blocks[1:]] == ["抄送：区委办公室，区人大常委会办公室，", "区法院，区检察院。"]


def test_trailer_line_right_after_a_row_ends_the_table():
    # Only one blank line, but 抄送 opens the closing block of a notice.
    text = text_export(GRID) + "抄送：区委办公室。\n"
    doc = parse_text(text)
    assert tables(doc)[0].grid() == GRID
    assert isinstance(doc.blocks[-1], Paragraph) and doc.blocks[-1].text.startswith("抄送")


def test_next_tables_title_and_the_yinfa_line_are_paragraphs():
    second = [["序号", "渝中区", "巫溪县"], ["1", "区委组织部", "县委组织部"]]
    text = text_export(GRID) + "\n\n2022年结对帮扶表\n" + text_export(second) + "\n\n巫溪县人民政府办公室    2022年6月23日印发\n"
    doc = parse_text(text)
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Table", "Paragraph", "Table", "Paragraph"]
    assert doc.blocks[1].text == "2022年结对帮扶表"
    assert doc.blocks[2].grid() == second
    assert doc.blocks[3].text.endswith("印发")


def test_continuation_after_one_blank_line_at_a_row_end_stays_in_the_cell():
    text = "\tA\n\tB\n\n\t1\n\t区喀斯特\n\n（集团）公司\n"
    (table,) = tables(parse_text(text))
    assert table.at(1, 1).lines == ["区喀斯特", "（集团）公司"]


def test_a_short_last_row_is_padded_and_warned():
    doc = parse_text("\tA\n\tB\n\n\t1\n")
    (table,) = tables(doc)
    assert table.grid() == [["A", "B"], ["1", ""]]
    assert any("padded" in w for w in doc.warnings)


def test_paragraphs_keep_their_text_and_order():
    doc = parse_text("武隆府办〔2021〕17号\n\n关于做好对口\n\n协同发展工作的通知\n")
    assert [p.text for p in doc.paragraphs] == ["武隆府办〔2021〕17号", "关于做好对口", "协同发展工作的通知"]


def test_encodings_are_detected_and_named():
    text = text_export(GRID, before=["关于做好协同发展工作的通知"])
    for encoding, data in (
        ("utf-8", text.encode("utf-8")),
        ("utf-8-sig", text.encode("utf-8-sig")),
        ("gb18030", text.encode("gb18030")),
        ("gb18030", text.encode("gbk")),
        ("utf-16", text.encode("utf-16")),
    ):
        doc = parse_text(data)
        assert doc.encoding == encoding
        assert tables(doc)[0].grid() == GRID
        assert doc.paragraphs[0].text == "关于做好协同发展工作的通知"
        assert not doc.warnings


def test_crlf_line_ends():
    doc = parse_text(text_export(GRID).replace("\n", "\r\n").encode("utf-8"))
    assert tables(doc)[0].grid() == GRID


def test_stray_invalid_bytes_are_replaced_and_warned_not_fatal():
    data = text_export(GRID).encode("utf-8") + b"\xff\xfe\xfa broken tail\n"
    doc = parse_text(data)
    assert tables(doc)[0].grid()[0] == GRID[0]
    assert any("undecodable" in w for w in doc.warnings)


def test_seed_reads_with_its_encoding_and_table_shapes():
    doc = read_document(SAMPLES / "001_b104398e3de8d2a1.txt")
    assert doc.encoding == "utf-8"
    assert [(t.n_rows, t.n_cols) for t in doc.tables] == [(29, 4), (32, 3)]


# A cell line never starts with a tab and is never blank (blank lines carry no meaning).
_line = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp", "Zs")),
                min_size=1, max_size=8)
_cell = st.lists(_line, min_size=0, max_size=3).map("\n".join)


@st.composite
def _grids(draw) -> list[list[str]]:
    n_cols = draw(st.integers(1, 6))
    header = draw(st.lists(_line, min_size=n_cols, max_size=n_cols))
    body = draw(st.lists(st.lists(_cell, min_size=n_cols, max_size=n_cols), min_size=0, max_size=6))
    return [header, *body]


@settings(max_examples=200, deadline=None)
@given(_grids())
def test_random_grids_read_back_to_the_same_grid(grid):
    doc = parse_text(text_export(grid, before=["通知"]))
    (table,) = tables(doc)
    assert table.grid() == grid


@pytest.mark.parametrize("gap", ["\n\n", "\n"], ids=["one blank line", "no blank line"])
@pytest.mark.parametrize("one_line_headers", [True, False], ids=["headers on one line", "headers split"])
def test_the_next_tables_title_after_one_or_no_blank_line_starts_a_new_table(gap, one_line_headers):
    """Exporters differ in blank lines: the title of the next table (…结对帮扶表) followed by a row
    of short header labels starts a new table, however few blank lines stand before it."""
    text = (SAMPLES / "001_b104398e3de8d2a1.txt").read_text(encoding="utf-8")
    if one_line_headers:
        text = text.replace("\t巫溪县牵头\n\n责任单位", "\t巫溪县牵头责任单位").replace("\t渝中区牵头\n\n责任单位", "\t渝中区牵头责任单位")
    title = "2022年渝中区·巫溪县部门街镇结对帮扶表"
    assert f"\n\n\n{title}" in text
    doc = parse_text(text.replace(f"\n\n\n{title}", gap + title))
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert [(t.n_rows, t.n_cols) for t in tables] == [(29, 4), (32, 3)]
    assert title in [b.text for b in doc.blocks if not isinstance(b, Table)]


def test_a_cells_last_line_is_no_title_when_data_follows():
    # A wrapped unit name at a row end, then the next row: its first cell holds figures.
    grid = [["序号", "工作任务", "责任单位"], ["1", "任务一。", "区工业园区管委会\n区经济信息委员会统计表"], ["2", "任务二。", "区教委"]]
    tables = [b for b in parse_text(text_export(grid)).blocks if isinstance(b, Table)]
    assert [(t.n_rows, t.n_cols) for t in tables] == [(3, 3)]


def test_a_paragraph_after_a_table_whose_last_cell_is_empty_is_not_that_cell():
    # A 创卫 problem list (samples/real d1_yueyang): 备注 empty on every row, no cell of more than
    # one line, then the date two blank lines below — the only tab-less line in the table's
    # reach is that paragraph, which must not teach the reader that cells hold two blank lines.
    text = ("问题汇总表\n\n\t序号\n\t问题描述\n\t备注\n\n\t1\n\t车辆违停严重\n\t\n\n\t2\n\t路面积水严重\n\t\n\n\n"
            "2019年4月21日\n")
    doc = parse_text(text)
    (table,) = [b for b in doc.blocks if not isinstance(b, str) and hasattr(b, "cells")]
    assert all(c.text == "" for c in table.cells if c.col == 2 and c.row > 0)
    assert "2019年4月21日" in [getattr(b, "text", b) for b in doc.blocks]
