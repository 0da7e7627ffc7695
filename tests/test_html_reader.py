"""The web-page reader: the sample notices as pages (plain, framed by a site, saved by Word, in
GBK, lying about their charset, as a web archive), the text rules, the grid, the refusals, and
the corpus pages against the .docx of the same notice."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, assert_records_equal_reference, load_truth
from hypothesis import given, settings
from hypothesis import strategies as st

import extract.html as html_reader
from extract import read_document
from extract.docx import read_docx
from extract.errors import NoticeError
from extract.html import decode_page, read_html
from extract.model import Document, Paragraph, Table
from normalize import normalize_document

FIXTURES = ROOT / "tests" / "fixtures" / "html"
CORPUS = ROOT / "samples" / "real"


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_fixtures = _load(ROOT / "tests" / "fixtures" / "make_html_fixtures.py", "make_html_fixtures")


def blocks_of(doc: Document) -> list:
    """A document as comparable values: paragraph texts, and each table's cells with their spans."""
    out = []
    for b in doc.blocks:
        if isinstance(b, Table):
            out.append(("table", b.n_rows, b.n_cols,
                        sorted((c.row, c.col, c.rowspan, c.colspan, tuple(c.lines)) for c in b.cells)))
        else:
            out.append(b.text)
    return out


# Every page that holds a whole sample notice, and the encoding it must be read in.
SAMPLE_PAGES = {
    "samples/000_3577e14141ec5b37.html": "utf-8",
    "samples/001_b104398e3de8d2a1.html": "utf-8",
    "tests/fixtures/html/000_3577e14141ec5b37.framed.html": "utf-8",
    "tests/fixtures/html/001_b104398e3de8d2a1.framed.html": "utf-8",
    "tests/fixtures/html/001_b104398e3de8d2a1.word-gbk.html": "gb18030",
    "tests/fixtures/html/000_3577e14141ec5b37.lying.html": "gb18030",
    "tests/fixtures/html/000_3577e14141ec5b37.utf16.html": "utf-16",
    "tests/fixtures/html/000_3577e14141ec5b37.cells.html": "utf-8",
    "tests/fixtures/html/001_b104398e3de8d2a1.mhtml": "gb18030",
}


def _stem(rel: str) -> str:
    return Path(rel).name.split(".")[0]


def test_fixtures_are_up_to_date():
    built = make_fixtures.build_all()
    assert sorted(p for p in built if p.startswith("tests/")) == sorted(
        f"tests/fixtures/html/{p.name}" for p in FIXTURES.iterdir())
    for rel, data in built.items():
        assert (ROOT / rel).read_bytes() == data, f"{rel}: run tests/fixtures/make_html_fixtures.py"


def test_every_sample_has_its_page():
    assert sorted(_stem(p) for p in SAMPLE_PAGES if p.startswith("samples/")) == sorted(
        p.name.removesuffix(".truth.json") for p in SAMPLES.glob("*.truth.json"))


@pytest.mark.parametrize("rel", SAMPLE_PAGES, ids=[Path(p).name for p in SAMPLE_PAGES])
def test_page_reads_as_the_docx_of_the_same_notice(rel: str):
    """Same paragraphs in order, same grids, spans and lines: the site around a framed page, Word's
    markup, the encodings and the archive leave nothing behind and lose nothing."""
    doc = read_document(ROOT / rel)
    assert doc.format == "html"
    assert blocks_of(doc) == blocks_of(read_docx(SAMPLES / f"{_stem(rel)}.docx"))
    assert all(t.merges_known for t in doc.tables)


@pytest.mark.parametrize("rel", SAMPLE_PAGES, ids=[Path(p).name for p in SAMPLE_PAGES])
def test_page_gives_the_reference_records(rel: str):
    rec = normalize_document(read_document(ROOT / rel))
    assert_records_equal_reference(rec, load_truth(SAMPLES / f"{_stem(rel)}.truth.json"))


@pytest.mark.parametrize("rel", SAMPLE_PAGES, ids=[Path(p).name for p in SAMPLE_PAGES])
def test_page_encoding(rel: str):
    doc = read_html(ROOT / rel)
    assert doc.encoding == SAMPLE_PAGES[rel]
    lies = "lying" in rel
    assert any("declares charset=utf-8" in w for w in doc.warnings) == lies
    assert lies or doc.warnings == []


def test_site_chrome_is_not_read():
    for stem in ("000_3577e14141ec5b37", "001_b104398e3de8d2a1"):
        text = "\n".join(p.text for p in read_html(FIXTURES / f"{stem}.framed.html").paragraphs)
        for chrome in ("版权所有", "分享到", "索引号", "首页", "政务公开", "浏览次数", "打印本页", "上一篇", "ICP备",
                       "主办：", "地址：", "今天是", "请输入关键词", "脚本里的表格", "统计代码", "JavaScript"):
            assert chrome not in text, (stem, chrome)


def test_a_short_task_table_that_names_a_chrome_word_in_its_sentences_is_kept(tmp_path: Path):
    # w82_zhongshanyb: three rows, one asking that 规范性文件 show their 名称、文号、索引号…; a
    # metadata box (索引号 | 发布日期 | …) holds labels and values, not sentences.
    rows = [("1.规范行政法规使用，确保使用的行政法规文本为最新版本。", "法规和基金监管科牵头，办公室配合"),
            ("2.摸清本单位规范性文件底数；明确标注规范性文件的名称、文号、索引号等要素。", "法规和基金监管科")]
    body = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows)
    page = tmp_path / "notice.html"
    page.write_text("<html><body><p>现将分工方案印发你们，请认真贯彻执行。</p><table border=1>"
                    f"<tr><th>二级要点</th><th>责任科室</th></tr>{body}</table>"
                    "<table><tr><td>索引号：</td><td>11442000MB2C92290A/2022-00105</td></tr>"
                    "<tr><td>发布日期：</td><td>2022-08-10</td></tr></table></body></html>", encoding="utf-8")
    doc = read_html(page)
    assert [t.n_rows for t in doc.tables] == [3]


# --- encodings ---------------------------------------------------------------------------------------

GBK_PAGE = "<html><head>{meta}</head><body><p>关于做好对口协同发展工作的通知</p></body></html>"
BIG5_PAGE = "<html><head>{meta}</head><body><p>關於做好對口協同發展工作的通知</p></body></html>"


@pytest.mark.parametrize(("meta", "codec", "encoding", "warned"), [
    ("<meta charset='gb2312'>", "gbk", "gb18030", False),
    ("<meta http-equiv='Content-Type' content='text/html; charset=GBK'>", "gbk", "gb18030", False),
    ("", "gbk", "gb18030", False),  # nothing declared: the text reader's rules
    ("<meta charset='iso-8859-1'>", "gbk", "gb18030", True),  # a template's Western label on GBK bytes
    ("<meta charset='utf-8'>", "gbk", "gb18030", True),  # lies
    ("<meta charset='gb2312'>", "utf-8", "utf-8", True),  # lies the other way
    ("<meta charset='big5'>", "big5", "big5", False),
])
def test_decode_page(meta: str, codec: str, encoding: str, warned: bool):
    page = (BIG5_PAGE if codec == "big5" else GBK_PAGE).format(meta=meta)
    text, used, warnings = decode_page(page.encode(codec))
    assert (text, used) == (page, encoding)
    assert bool(warnings) == warned


def test_bom_wins_and_archive_charset_comes_before_meta():
    page = GBK_PAGE.format(meta="<meta charset='gb2312'>")
    assert decode_page(b"\xef\xbb\xbf" + page.encode("utf-8"))[:2] == (page, "utf-8-sig")
    page = BIG5_PAGE.format(meta="<meta charset='gb2312'>")
    assert decode_page(page.encode("big5"), transport="big5")[:2] == (page, "big5")


# --- the text as a browser shows it, and the grid ------------------------------------------------------

def test_text_rules():
    doc = read_html(FIXTURES / "text_rules.html")
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert texts == [
        "中文在源码里换行不加空格，English words keep a space，数字 123 也是",  # a wrap between CJK is no space
        "甲  乙 丙 丁",  # &nbsp; and U+3000 are spaces as printed; plain runs collapse
        "前中后链接",
        "一", "二", "三", "四", "五",  # block boundaries and <br> end lines; blank ones are dropped
        "3.甲", "7.乙", "8.丙", "a.子", "b.丑", "无编号",  # <ol> numbers as a browser shows them
        "看得见",  # display:none and hidden are not shown
        "预排  格式", "第二行",  # <pre> keeps its spaces and lines
        "一格表是版式",  # a one-cell table lays out, its text is a paragraph
    ]
    (table,) = doc.tables
    assert (table.n_rows, table.n_cols) == (4, 3)
    assert table.at(1, 0).rowspan == 2 and table.at(2, 0) is table.at(1, 0)
    assert table.at(1, 1).colspan == 2  # colspan=5 cut at the table's edge
    assert table.at(2, 1).lines == ["短行"] and table.at(2, 2) is None  # a ragged row keeps its hole
    assert table.at(3, 1).rowspan == 1  # rowspan=9 on the last row cut at the table's end


@st.composite
def layouts(draw):
    """Rows of cells (rowspan, colspan), each row as HTML lists it (positions a span covers left out)."""
    n_rows = draw(st.integers(2, 5))
    return n_rows, [draw(st.lists(st.tuples(st.integers(1, 3), st.integers(1, 3)), min_size=1, max_size=4))
                    for _ in range(n_rows)]


def _html_grid(n_rows: int, rows: list) -> dict[tuple[int, int], tuple[int, int]]:
    """HTML's table model, written out plainly: the origin of every grid position."""
    origin: dict[tuple[int, int], tuple[int, int]] = {}
    for r, cells in enumerate(rows):
        c = 0
        for rowspan, colspan in cells:
            while (r, c) in origin:
                c += 1
            width = 0
            while width < colspan and (r, c + width) not in origin:
                width += 1
            for rr in range(r, min(r + rowspan, n_rows)):
                for cc in range(c, c + width):
                    origin[(rr, cc)] = (r, c)
            c += width
    return origin


@settings(max_examples=60, deadline=None)
@given(layouts())
def test_any_span_layout_is_placed_as_html_places_it(tmp_path_factory, layout):
    n_rows, rows = layout
    body = "".join("<tr>" + "".join(f"<td rowspan='{rs}' colspan='{cs}'>r{r}k{k}</td>" for k, (rs, cs) in enumerate(cells))
                   + "</tr>" for r, cells in enumerate(rows))
    path = tmp_path_factory.mktemp("grid") / "t.html"
    path.write_text(f"<html><body><table>{body}</table></body></html>", encoding="utf-8")
    origin = _html_grid(n_rows, rows)
    n_cols = max(c for _, c in origin.values()) + 1
    tables = read_html(path).tables
    if n_cols < 2:
        assert tables == []  # one column: a layout of its cells, not a data table
        return
    (table,) = tables
    assert (table.n_rows, table.n_cols) == (n_rows, n_cols)
    for (r, c), (orow, ocol) in origin.items():
        if c >= n_cols:
            continue  # a colspan past the last column a cell starts in is cut
        cell = table.at(r, c)
        assert (cell.row, cell.col) == (orow, ocol), (r, c)
        assert cell.lines[0].startswith(f"r{orow}k")


# --- what is refused, and what is read all the same ------------------------------------------------------

def test_truncated_page_reads_its_complete_rows():
    doc = read_html(FIXTURES / "truncated.html")
    assert doc.encoding == "utf-8" and any("replaced" in w for w in doc.warnings)
    rec = normalize_document(doc)
    truth = load_truth(SAMPLES / "000_3577e14141ec5b37.truth.json")
    got = [(t.task_no, t.task) for t in rec.tasks]
    want = [(t["task_no"], t["task"]) for t in truth["tables"][0]["tasks"]]
    assert len(got) >= 7 and got[:-1] == want[:len(got) - 1]  # the cut row's task is cut too


@pytest.mark.parametrize("read", [read_html, read_document], ids=["read_html", "read_document"])
def test_binary_garbage_named_html_is_refused(read):
    with pytest.raises(NoticeError, match="binary"):
        read(FIXTURES / "garbage.html")


def test_page_without_a_table_gives_its_paragraphs():
    doc = read_document(FIXTURES / "no_table.html")
    assert doc.tables == []
    docx_doc = read_docx(SAMPLES / "000_3577e14141ec5b37.docx")
    assert [p.text for p in doc.paragraphs] == [p.text for p in docx_doc.paragraphs]
    rec = normalize_document(doc)
    meta = load_truth(SAMPLES / "000_3577e14141ec5b37.truth.json")["meta"]
    assert (rec.meta.doc_number, rec.meta.title, rec.meta.issue_date.isoformat()) == (
        meta["doc_number"], meta["title"], meta["date"])
    assert rec.tasks == []


@pytest.mark.parametrize(("name", "match"), [
    ("deep.html", "nested more than"),
    ("span_bomb.html", "cover more than"),
])
def test_bombs_are_refused_fast(name: str, match: str):
    started = time.monotonic()
    with pytest.raises(NoticeError, match=match):
        read_html(FIXTURES / name)
    assert time.monotonic() - started < 5


def test_entities_of_an_internal_dtd_are_not_expanded():
    doc = read_html(FIXTURES / "entities.html")
    assert [p.text for p in doc.paragraphs] == ["实体&i;不展开", "第二段&<正文>"]


def test_frameset_says_where_the_content_is():
    doc = read_html(FIXTURES / "frameset.html")
    assert doc.blocks == [] and any("frames" in w for w in doc.warnings)


def test_oversized_page_is_refused(monkeypatch):
    monkeypatch.setattr(html_reader, "MAX_BYTES", 1000)
    with pytest.raises(NoticeError, match="limit"):
        read_html(SAMPLES / "000_3577e14141ec5b37.html")


def test_empty_and_missing_files(tmp_path: Path):
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    with pytest.raises(NoticeError, match="empty"):
        read_html(empty)
    with pytest.raises(NoticeError, match="cannot read"):
        read_html(tmp_path / "absent.html")


def test_archive_without_a_page_is_refused(tmp_path: Path):
    path = tmp_path / "images.mhtml"
    path.write_bytes(b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n"
                     b"Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n")
    with pytest.raises(NoticeError, match="text/html"):
        read_document(path)


# --- the real-notice corpus: every page reads as the .docx of the same notice ---------------------------

# Pages whose .docx is rendered too (a notice being added may have only some formats yet; the
# corpus tests say which are missing).
CORPUS_PAGES = sorted(p for p in [*CORPUS.glob("*.html"), *CORPUS.glob("lists/*.html")] if p.with_suffix(".docx").exists())


def test_the_corpus_has_its_pages():
    notices = sorted(p.stem for p in (CORPUS / "notices").glob("*.json"))
    assert notices and notices == sorted(p.stem for p in CORPUS.glob("*.html"))


@pytest.mark.parametrize("page", CORPUS_PAGES, ids=[str(p.relative_to(CORPUS)) for p in CORPUS_PAGES])
def test_corpus_page_reads_as_its_docx(page: Path):
    assert blocks_of(read_document(page)) == blocks_of(read_docx(page.with_suffix(".docx")))


def test_a_sentence_using_chrome_words_is_the_notices(tmp_path: Path):
    """打印, 关闭, 点击 in a sentence are words of the notice, not a page's metadata line."""
    page = tmp_path / "p.html"
    page.write_text("<html><head><meta charset='utf-8'><title>通知</title></head><body><h1>通知</h1>"
                    "<p>1.清理整顿非法打印店，关闭无证经营场所。（牵头单位：区市场监管局）</p>"
                    "<p>发布时间：2024-01-01 浏览次数：35 【打印】【关闭】</p></body></html>", encoding="utf-8")
    texts = [p.text for p in read_html(page).paragraphs]
    assert "1.清理整顿非法打印店，关闭无证经营场所。（牵头单位：区市场监管局）" in texts
    assert not any("浏览次数" in t for t in texts)


def test_unclosed_inline_tags_nest_deep_and_still_read(tmp_path: Path):
    """Old pages that never close <font> nest every later paragraph inside it: hundreds of levels."""
    page = tmp_path / "p.html"
    page.write_text("<html><head><meta charset='utf-8'><title>通知</title></head><body>"
                    + "".join(f"<p><font size=3>第{i}段，推进各项工作落实到位。" for i in range(300)) + "</body></html>",
                    encoding="utf-8")
    assert len(read_html(page).paragraphs) == 300


def test_a_notice_of_one_paragraph_keeps_the_label_line_beside_it(tmp_path: Path):
    # A 民生工程 page: the content is one <p> of prose and a <p> of 责任单位 — the container is the
    # element holding both, not the prose's own paragraph.
    page = ("<html><head><title>乡镇综合文化站建设_市发改委</title></head><body>"
            "<div class='top'>市发展和改革委员会</div><div class='content'>"
            "<p>到2012年,实现全市所有乡镇基本建有具备综合服务功能的文化站目标,功能结构主要包括阅览室、培训室等。</p>"
            "<p>责任单位: 市文广新局</p></div><div class='foot'>版权所有:市发展和改革委员会</div></body></html>")
    path = tmp_path / "p.html"
    path.write_text(page, encoding="utf-8")
    texts = [p.text for p in read_html(path).paragraphs]
    assert texts[-1] == "责任单位: 市文广新局" and texts[-2].startswith("到2012年")
