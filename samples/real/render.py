"""Render the real-notice corpus into the formats the tool reads: text export, Word, PDF, web page.

    .venv/bin/python samples/real/render.py [IDS...] [--formats txt,docx,pdf,html] [--notices DIR] [--out DIR]

Every notices/<id>.json (FORMAT.md; all of them when no id is given) becomes <id>.txt, <id>.docx,
<id>.pdf and <id>.html in the output folder (default: this folder, next to the <id>.truth.json files).

  .txt   a text export as Word/WPS writes one (see extract/text.py and the seeds): paragraphs one
         a line with blank lines between; each cell starts with a tab, its further lines follow
         without one, a blank line between them; a blank line before every row (after the header
         row it gives the column count), two after the table. The merge markup is lost, as in a
         real export: a merged cell's text is written in its first row; in the rows it covers, a
         column that every task has (number, area, lead, deadline, leader) gets an empty cell
         (the reader carries it down), any other column the text again (an optional column never
         inherits, so it is repeated to lose nothing). A colspan cell is written once, then empty
         cells for the columns it covers; positions covered in the header are empty.
  .docx  python-docx with real merges (w:vMerge, w:gridSpan). The layout is picked from a hash
         of the id, one property at a time (see `layout_for`): page size and orientation (A4
         portrait, A4 landscape, A3 landscape, 16K portrait, A4 portrait with the annex in
         landscape), the East Asian font name (仿宋_GB2312, 宋体, 微软雅黑), body and table font
         size, column widths (how many characters a short column holds: 4 … 20, so unit names
         wrap in some notices), header rows marked w:tblHeader or not, rows allowed to break
         across pages or not, cell lines as paragraphs or as w:br breaks, merged cells centred
         vertically or not, page-number footers. Byte-reproducible: fixed core-properties times
         and a normalized zip (make_docx_samples.py).
  .pdf   the .docx printed by LibreOffice headless (one soffice call for a batch of notices, a
         private profile in a temp folder); fontconfig maps the Chinese font names to Noto CJK.
         The PDF's dates and XMP packet are dropped and qpdf gives it a deterministic /ID, so a
         re-run gives the same bytes as long as LibreOffice does.
  .html  the notice as a web page with real rowspan/colspan, its style picked from the id's hash
         (`page_style_for`): the notice alone, inside a government site's frame (a layout table
         with menus, breadcrumbs, a 索引号 box, share bar and footer around it, the title an <h1>),
         or as Word saves it (GB2312, MsoNormal paragraphs, the annex in its own WordSection);
         cell lines as <br> where the .docx breaks them with w:br, else one <p> each; UTF-8 or
         GB2312; source lines wrapped between CJK characters or not; table titles as <caption>
         or as paragraphs. Plain bytes, so a re-run gives the same file.

`--notices DIR` / `--out DIR` read and write elsewhere (for trying the renderer on test notices).
"""

from __future__ import annotations

import argparse
import hashlib
import html
import io
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent
ROOT = SAMPLES.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(SAMPLES))

from make_docx_samples import FIXED_TIME, _normalized_zip  # noqa: E402
from make_pdf_samples import (  # noqa: E402
    CELL_MARGIN_PT,
    _column_widths,
    _em,
    _page_number_footer,
    _tidy,
    _unambiguous,
)

from extract.text import _TRAILER  # noqa: E402  (lines the text reader takes as the end of a table)

FORMATS = ("txt", "docx", "pdf", "html")
# Fields every task has: where a text export lost a merge, the reader carries a blank cell down.
CARRIED = {"number", "area", "lead", "deadline", "leader"}
UNIT_FIELDS = {"lead", "support", "leader", "persons", "party"}
PDF_BATCH = 20  # notices per soffice call
FONT_MAP = {  # names the documents ask for → the installed fonts that stand in for them
    "仿宋_GB2312": "Noto Serif CJK SC", "仿宋": "Noto Serif CJK SC", "宋体": "Noto Serif CJK SC",
    "方正小标宋简体": "Noto Serif CJK SC", "微软雅黑": "Noto Sans CJK SC", "黑体": "Noto Sans CJK SC",
}


# --- the notice as a grid ----------------------------------------------------------------------------

@dataclass
class Span:
    """A cell at its top-left grid position, with the positions it covers."""

    row: int
    col: int
    lines: list[str]
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Grid:
    n_rows: int
    n_cols: int
    header_rows: int
    fields: list[str]
    spans: list[Span]
    owner: dict[tuple[int, int], Span] = field(default_factory=dict)

    def at(self, r: int, c: int) -> Span:
        return self.owner[(r, c)]


@dataclass
class Notice:
    id: str
    blocks: list[str | Grid]


class NoticeFormatError(ValueError):
    pass


def load_notice(path: Path, warnings: list[str]) -> Notice:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise NoticeFormatError(f"cannot read {path.name}: {e}") from e
    if not isinstance(data, dict) or not isinstance(data.get("blocks"), list):
        raise NoticeFormatError(f"{path.name}: no 'blocks' list")
    blocks: list[str | Grid] = []
    n_tables = 0
    for k, block in enumerate(data["blocks"]):
        if isinstance(block, str):
            blocks.append(block)
        elif isinstance(block, dict) and isinstance(block.get("rows"), list):
            n_tables += 1
            blocks.append(parse_table(block, f"table {n_tables}", warnings))
        else:
            raise NoticeFormatError(f"{path.name}: block {k} is neither a paragraph nor a table")
    if data.get("id") not in (None, path.stem):
        warnings.append(f"its id '{data.get('id')}' is not its file name; the files are named {path.stem}.*")
    return Notice(str(data.get("id") or path.stem), blocks)


def _cell_parts(raw, where: str) -> tuple[str, int, int]:
    if raw is None:
        return "", 1, 1
    if isinstance(raw, str | int | float):
        return str(raw), 1, 1
    if isinstance(raw, dict):
        try:
            rowspan, colspan = int(raw.get("rowspan", 1) or 1), int(raw.get("colspan", 1) or 1)
        except (TypeError, ValueError) as e:
            raise NoticeFormatError(f"{where}: bad rowspan/colspan {raw!r}") from e
        return str(raw.get("text") or ""), max(rowspan, 1), max(colspan, 1)
    raise NoticeFormatError(f"{where}: a cell is neither a string nor an object: {raw!r}")


def cell_lines(text: str) -> list[str]:
    """A cell's printed lines: tabs as spaces (a tab would start a cell in a text export)."""
    return [line.replace("\t", " ").rstrip() for line in text.split("\n") if line.strip()]


def parse_table(block: dict, where: str, warnings: list[str]) -> Grid:
    """Place the cells as HTML does: each row's cells go to the positions no merge above covers."""
    rows = block["rows"]
    n_rows = len(rows)
    owner: dict[tuple[int, int], Span] = {}
    spans: list[Span] = []
    for r, row in enumerate(rows):
        if not isinstance(row, list):
            raise NoticeFormatError(f"{where}, row {r + 1}: not a list of cells")
        c = 0
        for raw in row:
            text, rowspan, colspan = _cell_parts(raw, f"{where}, row {r + 1}")
            while (r, c) in owner:
                c += 1
            if r + rowspan > n_rows:
                warnings.append(f"{where}, row {r + 1}: rowspan {rowspan} runs past the table; cut to "
                                f"{n_rows - r}")
                rowspan = n_rows - r
            width = 1
            while width < colspan and (r, c + width) not in owner:
                width += 1
            if width < colspan:
                warnings.append(f"{where}, row {r + 1}: colspan {colspan} runs into a merged cell; cut to {width}")
            span = Span(r, c, cell_lines(text), rowspan, width)
            spans.append(span)
            for rr in range(r, r + rowspan):
                for cc in range(c, c + width):
                    owner[(rr, cc)] = span
            c += width
    fields = [str(f) for f in block.get("fields") or []]
    n_cols = max([c + 1 for _, c in owner] + [len(fields), 1])
    if fields and len(fields) != n_cols:
        warnings.append(f"{where}: {len(fields)} fields for {n_cols} columns; the others read as extra")
    fields += ["extra"] * (n_cols - len(fields))
    short = set()
    for r in range(n_rows):
        for c in range(n_cols):
            if (r, c) not in owner:
                short.add(r)
                span = Span(r, c, [])
                spans.append(span)
                owner[(r, c)] = span
    if short:
        warnings.append(f"{where}: row(s) {', '.join(str(r + 1) for r in sorted(short))} have fewer cells than "
                        f"the table's {n_cols} columns; padded with empty cells")
    spans.sort(key=lambda s: (s.row, s.col))
    header_rows = int(block.get("header_rows", 1) or 0)
    return Grid(n_rows, n_cols, min(header_rows, n_rows), fields, spans, owner)


def para_lines(text: str) -> list[str]:
    return [line.replace("\t", " ").strip() for line in text.split("\n") if line.strip()]


# --- layouts -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Page:
    name: str
    width_mm: float
    height_mm: float
    margins_mm: tuple[float, float, float, float]  # top, bottom, left, right

    @property
    def landscape(self) -> bool:
        return self.width_mm > self.height_mm


A4_PORTRAIT = Page("A4 portrait", 210, 297, (37, 35, 28, 26))  # GB/T 9704
A4_LANDSCAPE = Page("A4 landscape", 297, 210, (28, 26, 30, 30))
A3_LANDSCAPE = Page("A3 landscape", 420, 297, (30, 28, 35, 35))
K16_PORTRAIT = Page("16K portrait", 184, 260, (30, 28, 22, 20))
PAGES = {"a4p": (A4_PORTRAIT,), "a4l": (A4_LANDSCAPE,), "a3l": (A3_LANDSCAPE,), "16k": (K16_PORTRAIT,),
         "a4p+l": (A4_PORTRAIT, A4_LANDSCAPE)}  # the last: notice portrait, annex landscape


@dataclass(frozen=True)
class Layout:
    pages: tuple[Page, ...]
    font: str  # East Asian font name, as the document asks for it
    body_pt: float
    table_pt: float
    cap: int  # characters a short column holds before its lines wrap
    task_min: int  # characters the task column keeps at least
    repeat_header: bool  # header rows marked w:tblHeader
    cant_split: bool  # rows kept whole on a page (w:cantSplit)
    breaks: bool  # a cell's lines as w:br in one paragraph (else one paragraph each)
    v_center: bool  # cells centred vertically
    footer: str  # page number pattern, "{}" the PAGE field; "" none
    title_gap: bool  # .txt: a blank line between the table title and the table
    # Explicit layouts (tests/fixtures/make_layouts.py) set these; the corpus keeps the defaults.
    unit_chars: int | None = None  # unit columns exactly this wide, even where a name fills a line
    task_share: float = 0.4  # the part of the text width the task column keeps at least
    whole_max: int = 150  # with cant_split, rows of more characters may split all the same

    def describe(self) -> str:
        pages = " + ".join(p.name for p in self.pages)
        return (f"{pages}, {self.font} {self.body_pt:g}/{self.table_pt:g}pt, cap {self.cap}, "
                f"{'tblHeader' if self.repeat_header else 'no tblHeader'}, "
                f"{'cantSplit' if self.cant_split else 'rows split'}, {'w:br' if self.breaks else 'paragraphs'}")


def _pick(notice_id: str, key: str, options):
    digest = hashlib.sha256(f"{notice_id}\0{key}".encode()).digest()
    return options[int.from_bytes(digest[:8], "big") % len(options)]


def layout_for(notice_id: str) -> Layout:
    """The notice's layout: each property picked on its own from a hash of the id and its name."""
    pages = PAGES[_pick(notice_id, "page", ("a4p", "a4p", "a4l", "a4l", "a3l", "16k", "a4p+l"))]
    font = _pick(notice_id, "font", ("仿宋_GB2312", "仿宋_GB2312", "宋体", "微软雅黑"))
    body_pt = _pick(notice_id, "body", (12.0, 14.0, 15.0, 16.0, 16.0))
    table_pt = _pick(notice_id, "table", (9.0, 10.0, 10.5, 12.0, 14.0))
    cap = _pick(notice_id, "cap", (4, 5, 6, 8, 10, 14, 20))
    return Layout(
        pages=pages, font=font, body_pt=body_pt, table_pt=min(table_pt, body_pt), cap=cap,
        task_min=_pick(notice_id, "task_min", (10, 14, 20)),
        repeat_header=_pick(notice_id, "repeat", (True, True, False)),
        cant_split=_pick(notice_id, "split", (True, False)),
        breaks=_pick(notice_id, "breaks", (False, False, True)),
        v_center=_pick(notice_id, "valign", (True, False)),
        footer=_pick(notice_id, "footer", ("— {} —", "- {} -", "第{}页", "")),
        title_gap=_pick(notice_id, "gap", (True, False)),
    )


# --- text export -------------------------------------------------------------------------------------

def txt_cell(grid: Grid, r: int, c: int) -> list[str]:
    """The lines a text export shows at one grid position (the merge markup is lost)."""
    span = grid.at(r, c)
    if (span.row, span.col) == (r, c):
        return span.lines
    if r < grid.header_rows or span.row < grid.header_rows or c != span.col:
        return []  # covered in the header, or by a colspan: exporters write an empty cell
    return [] if grid.fields[c] in CARRIED else span.lines


def blank_lines(out: list[str], n: int) -> None:
    """End `out` with at least n blank lines (those already there count)."""
    have = 0
    while have < len(out) and out[len(out) - 1 - have] == "":
        have += 1
    out.extend([""] * max(n - have, 0))


def render_txt(notice: Notice, layout: Layout, warnings: list[str]) -> str:
    out: list[str] = ["", ""]  # the seeds start with two blank lines

    after_table = False
    n_tables = 0
    for block in notice.blocks:
        if isinstance(block, str):
            for line in para_lines(block):
                blank_lines(out, 2 if after_table else 1)
                out.append(line)
                after_table = False
            continue
        n_tables += 1
        if after_table:
            warnings.append(f"table {n_tables} follows table {n_tables - 1} with no paragraph between: "
                            "a text export cannot keep them apart")
        if after_table or layout.title_gap:
            blank_lines(out, 1)
        _txt_table(block, out, warnings, n_tables)
        after_table = True
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def _txt_table(grid: Grid, out: list[str], warnings: list[str], table_no: int) -> None:
    for r in range(grid.n_rows):
        if r:
            out.append("")
        for c in range(grid.n_cols):
            lines = txt_cell(grid, r, c)
            out.append("\t" + (lines[0] if lines else ""))
            for k, line in enumerate(lines[1:], 2):
                if c == grid.n_cols - 1 and _TRAILER.match(line):
                    warnings.append(f"table {table_no}, row {r + 1}: the last cell's line {k} '{line[:20]}' "
                                    "reads as text after the table in a text export")
                out.extend(["", line])


# --- Word --------------------------------------------------------------------------------------------

DATE_LINE = re.compile(r"^\s*([0-9０-９]{4}|[〇○零一二三四五六七八九]{4})年.{1,3}月.{1,4}日\s*$")
TITLE_END = re.compile(r"(通知|方案|意见|办法|规划|计划|要点|通报|安排|决定|函|清单|分解表|台账)$")
ANNEX = re.compile(r"^附件\s*[0-9一二三四五六七八九十]*\s*[:：]?$")


def paragraph_roles(notice: Notice) -> dict[int, str]:
    """How each paragraph block is set: 'title', 'table-title', 'right' (signature, date), 'annex'."""
    roles: dict[int, str] = {}
    blocks = notice.blocks
    first_table = next((i for i, b in enumerate(blocks) if isinstance(b, Grid)), len(blocks))
    for i in range(min(first_table, len(blocks))):  # the notice's title: 关于 … 通知, over ≤ 3 lines
        text = blocks[i]
        if isinstance(text, str) and "关于" in text and len(text) <= 100 and not text.rstrip().endswith(("。", "：")):
            for j in range(i, min(i + 3, first_table)):
                if not isinstance(blocks[j], str):
                    break
                roles[j] = "title"
                if TITLE_END.search(blocks[j].strip()):
                    break
            break
    for i, block in enumerate(blocks):
        if not isinstance(block, str):
            continue
        text = block.strip()
        if DATE_LINE.match(text):
            roles[i] = "right"
            if i and isinstance(blocks[i - 1], str) and len(blocks[i - 1].strip()) <= 30 and i - 1 not in roles:
                roles[i - 1] = "right"  # the signature above the date
        elif ANNEX.match(text):
            roles[i] = "annex"
        elif i + 1 < len(blocks) and isinstance(blocks[i + 1], Grid) and i not in roles and len(text) <= 80:
            roles[i] = "table-title"
    return roles


def build_docx(notice: Notice, layout: Layout) -> bytes:
    document = docx.Document()
    _styles(document, layout)
    _page(document.sections[0], layout.pages[0], layout, first=True)
    roles = paragraph_roles(notice)
    split = _annex_start(notice, roles) if len(layout.pages) > 1 else None
    page = layout.pages[0]
    prev_table = False
    for i, block in enumerate(notice.blocks):
        if i == split:
            section = document.add_section(WD_SECTION.NEW_PAGE)
            page = layout.pages[1]
            _page(section, page, layout, first=False)
        if isinstance(block, str):
            for line in para_lines(block):
                _add_paragraph(document, line, roles.get(i, ""), layout, page_break=i != split)
            prev_table = False
        else:
            if prev_table:
                document.add_paragraph()  # Word keeps two tables apart by a paragraph
            _add_table(document, block, layout, page)
            prev_table = True
    if prev_table:
        document.add_paragraph()
    props = document.core_properties
    props.author = props.last_modified_by = "notice-tasks real corpus"
    titles = [notice.blocks[i] for i, role in sorted(roles.items()) if role == "title"]
    props.title = "".join(t.strip() for t in titles) or notice.id
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    buf = io.BytesIO()
    document.save(buf)
    return _normalized_zip(buf.getvalue())


def _annex_start(notice: Notice, roles: dict[int, str]) -> int | None:
    """Where the landscape annex starts: its 附件 label, else the first table's title."""
    first_table = next((i for i, b in enumerate(notice.blocks) if isinstance(b, Grid)), None)
    if first_table is None:
        return None
    for i in range(first_table - 1, max(first_table - 4, 0), -1):
        if roles.get(i) == "annex":
            return i
    start = first_table - 1 if roles.get(first_table - 1) == "table-title" else first_table
    return start if start > 0 else None


def _styles(document: docx.document.Document, layout: Layout) -> None:
    latin = "微软雅黑" if layout.font == "微软雅黑" else "Times New Roman"
    for name in ("Normal", "Header", "Footer"):
        style = document.styles[name]
        style.font.size = Pt(layout.body_pt)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:ascii"), latin)
        fonts.set(qn("w:hAnsi"), latin)
        fonts.set(qn("w:eastAsia"), layout.font)
    normal = document.styles["Normal"].paragraph_format
    normal.space_after = normal.space_before = Pt(0)
    cell = document.styles.add_style("表格文字", WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = document.styles["Normal"]
    cell.font.size = Pt(layout.table_pt)
    cell.paragraph_format.line_spacing = 1.0
    cell.paragraph_format.first_line_indent = Pt(0)
    title = document.styles.add_style("文件标题", WD_STYLE_TYPE.PARAGRAPH)
    title.base_style = document.styles["Normal"]
    title.font.size = Pt(layout.body_pt + 6)
    title.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "方正小标宋简体")
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _page(section, page: Page, layout: Layout, first: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if page.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(page.width_mm), Mm(page.height_mm)
    top, bottom, left, right = page.margins_mm
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance = section.footer_distance = Mm(15)
    if layout.footer and first:  # a later section keeps the first one's footer (linked to previous)
        _page_number_footer(section.footer.paragraphs[0], layout.footer)


def _text_width_pt(page: Page) -> float:
    return (page.width_mm - page.margins_mm[2] - page.margins_mm[3]) / 25.4 * 72


def _add_paragraph(document: docx.document.Document, text: str, role: str, layout: Layout,
                   page_break: bool) -> None:
    para = document.add_paragraph(text)
    fmt = para.paragraph_format
    if role == "title":
        para.style = document.styles["文件标题"]
    elif role == "table-title":
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in para.runs:
            run.bold = True
    elif role == "right":
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif role == "annex":
        fmt.page_break_before = page_break  # an annex starts a page (a new section already does)
    elif len(text) > 30:
        fmt.first_line_indent = Pt(2 * layout.body_pt)


def _add_table(document: docx.document.Document, grid: Grid, layout: Layout, page: Page) -> None:
    table = document.add_table(rows=grid.n_rows, cols=grid.n_cols)
    table.style = document.styles["Table Grid"]
    style = document.styles["表格文字"]
    size, widths = table_font(grid, layout, page)
    # The cells by position, taken once: python-docx's table.cell() walks the whole grid per call.
    tcs = [list(tr.tc_lst) for tr in table._tbl.tr_lst]
    for span in grid.spans:
        cell = _Cell(tcs[span.row][span.col], table)
        header = span.row < grid.header_rows
        centred = header or grid.fields[span.col] in ("number", "deadline") or len("".join(span.lines)) <= 4
        _fill(cell, span.lines, style, layout.breaks, bold=header, centred=centred,
              size=None if size == layout.table_pt else Pt(size))
        if layout.v_center or header:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        if span.rowspan > 1 or span.colspan > 1:
            tcs[span.row][span.col].merge(tcs[span.row + span.rowspan - 1][span.col + span.colspan - 1])
    longest = {}
    for span in grid.spans:
        longest[span.row] = max(longest.get(span.row, 0), len("".join(span.lines)))
    for r, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        # A row taller than a page cannot be kept whole: LibreOffice then cuts its last lines off.
        if layout.cant_split and longest.get(r, 0) <= layout.whole_max:
            tr_pr.append(OxmlElement("w:cantSplit"))
        if layout.repeat_header and r < grid.header_rows:
            tr_pr.append(OxmlElement("w:tblHeader"))
    _column_widths(table, widths)


def _fill(cell, lines: list[str], style, breaks: bool, bold: bool, centred: bool, size: Pt | None) -> None:
    paras = [cell.paragraphs[0]]
    if lines:
        run = paras[0].add_run(lines[0])
        for line in lines[1:]:
            if breaks:
                run = paras[0].add_run()
                run.add_break()
                run.add_text(line)
            else:
                paras.append(cell.add_paragraph())
                run = paras[-1].add_run(line)
    for para in paras:
        para.style = style
        if centred:
            para.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in para.runs:
            run.bold = bold or None
            run.font.size = size


def column_widths(grid: Grid, size_pt: float, text_width: float, cap: int, task_min: int,
                  task_share: float = 0.4, unit_chars: int | None = None) -> list[float] | None:
    """Widths in points, as make_pdf_samples.column_widths does but by the columns' fields: each
    column other than the task holds up to `cap` characters (longer lines wrap); a unit column
    only at a width where no unit's last printed line exactly fills the cell (a wrap and a line
    end look alike there); the task column takes the rest, at least `task_min` characters and
    `task_share` (40 %) of the width. With `unit_chars`, every unit column holds exactly that many
    characters, whether or not a name then fills a line (explicit layouts test that ambiguity).
    None when the columns cannot be made narrow enough at this font size."""
    lines: list[list[str]] = [[] for _ in range(grid.n_cols)]
    body: list[list[str]] = [[] for _ in range(grid.n_cols)]
    for span in grid.spans:
        if span.colspan == 1:
            lines[span.col] += span.lines
            if span.row >= grid.header_rows:
                body[span.col] += span.lines
    longest = [max((_em(t) for t in col), default=2.0) for col in lines]
    task = grid.fields.index("task") if "task" in grid.fields else longest.index(max(longest))
    # Report columns (progress) hold paragraphs: never narrower than 8 characters, as printed
    # notices set them (a 4-character column of a long report runs over pages, and LibreOffice
    # then drops lines of it).
    floor = [8 if grid.fields[i] == "progress" else 2 for i in range(grid.n_cols)]
    chars = [min(max(math.ceil(n), floor[i]), max(cap, floor[i])) for i, n in enumerate(longest)]
    units = [i for i in range(grid.n_cols) if i != task and grid.fields[i] in UNIT_FIELDS]
    lengths = {i: [math.ceil(_em(t)) for t in body[i]] for i in units}
    for i in units:
        chars[i] = unit_chars if unit_chars else _unambiguous(chars[i], lengths[i])
    margin = (2 * CELL_MARGIN_PT + 1) / size_pt
    budget = text_width / size_pt - max(task_min, task_share * text_width / size_pt)  # the task keeps its share
    others = [i for i in range(grid.n_cols) if i != task]
    while sum(chars[i] + 0.5 + margin for i in others) > budget:
        plain = [i for i in others if i not in units
                 and chars[i] > max(floor[i], 2 if grid.fields[i] == "number" else 3)]
        if plain:
            chars[max(plain, key=lambda i: chars[i])] -= 1
            continue
        narrower = {} if unit_chars else {i: w for i in units if (w := _narrower(chars[i], lengths[i]))}
        if not narrower:
            return None
        widest = max(narrower, key=lambda i: chars[i])
        chars[widest] = narrower[widest]
    widths = [(c + 0.5 + margin) * size_pt for c in chars]
    widths[task] = text_width - sum(widths[i] for i in others)
    return widths


def _narrower(width: int, lengths: list[int]) -> int | None:
    """The next narrower unit-column width (3 or more) at which no line exactly fills the cell."""
    for w in range(width - 1, 2, -1):
        if all(n % w for n in lengths if n >= w):
            return w
    return None


def table_font(grid: Grid, layout: Layout, page: Page) -> tuple[float, list[float]]:
    """The table's font size and column widths: smaller type where the columns do not fit, as
    notices set wide tables (down to 7.5 pt)."""
    size = layout.table_pt
    while True:
        widths = column_widths(grid, size, _text_width_pt(page), layout.cap, layout.task_min,
                               layout.task_share, layout.unit_chars)
        if widths is not None:
            return size, widths
        if size <= 7.5:
            break
        size -= 0.5
    # Still too wide: every column but the task at three characters (cells wrap where they must).
    margin = (2 * CELL_MARGIN_PT + 1) / size
    task = grid.fields.index("task") if "task" in grid.fields else 0
    widths = [(3.5 + margin) * size] * grid.n_cols
    widths[task] = max(_text_width_pt(page) - (grid.n_cols - 1) * widths[0], (6 + margin) * size)
    return size, widths


# --- PDF ---------------------------------------------------------------------------------------------

def _fontconfig(folder: Path) -> dict[str, str]:
    """An environment whose fontconfig maps the documents' Chinese font names to Noto CJK."""
    aliases = "".join(f"<alias binding='same'><family>{name}</family><prefer><family>{font}</family></prefer></alias>"
                      for name, font in FONT_MAP.items())
    conf = folder / "fonts.conf"
    conf.write_text("<?xml version='1.0'?><!DOCTYPE fontconfig SYSTEM 'urn:fontconfig:fonts.dtd'><fontconfig>"
                    f"<include ignore_missing='yes'>/etc/fonts/fonts.conf</include>{aliases}</fontconfig>",
                    encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def print_pdfs(sources: list[Path], out_dir: Path, errors: dict[str, str]) -> list[Path]:
    """Print .docx files with LibreOffice, PDF_BATCH per call; returns the PDFs written."""
    written = []
    with tempfile.TemporaryDirectory(prefix="render-pdf-") as tmp:
        tmp_dir = Path(tmp)
        env = _fontconfig(tmp_dir)
        profile = (tmp_dir / "profile").as_uri()
        for k in range(0, len(sources), PDF_BATCH):
            batch = sources[k:k + PDF_BATCH]
            raw_dir = tmp_dir / f"batch{k}"
            try:
                subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                                "--outdir", str(raw_dir), *map(str, batch)],
                               check=True, capture_output=True, env=env, timeout=120 + 30 * len(batch))
            except (subprocess.SubprocessError, OSError) as e:
                detail = getattr(e, "stderr", b"") or b""
                for src in batch:
                    errors[src.stem] = f"soffice failed: {e} {detail.decode(errors='replace')[-300:]}".strip()
                continue
            for src in batch:
                raw = raw_dir / f"{src.stem}.pdf"
                if not raw.exists():
                    errors[src.stem] = "soffice wrote no PDF"
                    continue
                target = out_dir / f"{src.stem}.pdf"
                _undated(raw)
                _tidy(raw, target)
                written.append(target)
    return written


def _undated(pdf: Path) -> None:
    """Drop the dates, the checksum made with them and the XMP packet (dates, a document id) that
    LibreOffice writes, so that the same document prints to the same bytes."""
    import pikepdf

    with pikepdf.open(pdf, allow_overwriting_input=True) as doc:
        for key in ("/CreationDate", "/ModDate"):
            if key in doc.docinfo:
                del doc.docinfo[key]
        for key in ("/DocChecksum", "/ID"):  # a fresh /ID is made from the content on saving
            if key in doc.trailer:
                del doc.trailer[key]
        if "/Metadata" in doc.Root:
            del doc.Root["/Metadata"]
        doc.save(pdf, deterministic_id=True)


# --- web page ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PageStyle:
    """How the notice is published as a web page (.html), picked per property from a hash of the id
    as the layout is: the frame around it, the cell lines (as the .docx has them: <br> where it
    breaks with w:br, else one <p> each), the charset, source lines wrapped between CJK characters,
    the table title as the table's <caption>, the site's 索引号 box."""

    frame: str  # "plain" (the notice alone), "site" (a government site around it), "word" (saved by Word)
    cell_lines: str  # "br" | "p" | "word" (MsoNormal paragraphs)
    charset: str  # "utf-8" | "gb2312"
    wrap: bool
    caption: bool
    metadata_box: bool

    def describe(self) -> str:
        return (f"{self.frame} page, {self.charset}, cell lines as {self.cell_lines}"
                f"{', wrapped source' if self.wrap else ''}{', captions' if self.caption else ''}"
                f"{', 索引号 box' if self.metadata_box else ''}")


def page_style_for(notice_id: str, layout: Layout) -> PageStyle:
    frame = _pick(notice_id, "html_frame", ("plain", "site", "site", "word"))
    word = frame == "word"  # Word writes its own way: GB2312, MsoNormal paragraphs, no wraps or captions
    return PageStyle(
        frame=frame, cell_lines="word" if word else "br" if layout.breaks else "p",
        charset="gb2312" if word else _pick(notice_id, "html_charset", ("utf-8", "utf-8", "gb2312")),
        wrap=not word and _pick(notice_id, "html_wrap", (True, False)),
        caption=not word and _pick(notice_id, "html_caption", (True, False)),
        metadata_box=frame == "site" and _pick(notice_id, "html_box", (True, False)),
    )


def html_text(text: str) -> str:
    """Escaped text whose runs of spaces stay as printed (a browser collapses plain ones)."""
    out = html.escape(text, quote=False)
    return re.sub(r" {2,}", lambda m: "&nbsp;" * len(m.group()), out)


def _wide(ch: str) -> bool:
    return not ch.isascii() and unicodedata.east_asian_width(ch) in ("W", "F")


def html_wrapped(text: str, indent: str, every: int = 28) -> str:
    """Escaped text with source line breaks between two CJK characters every ~`every` characters,
    as CMS editors and pretty-printers wrap it (a browser shows no space there)."""
    pieces, start = [], 0
    for k in range(1, len(text)):
        if k - start >= every and _wide(text[k - 1]) and _wide(text[k]):
            pieces.append(text[start:k])
            start = k
    pieces.append(text[start:])
    return ("\n" + indent).join(html_text(p) for p in pieces)


def html_cell(lines: list[str], how: str, wrap: bool = False) -> str:
    """A cell's lines: `br` <br> between them, `p`/`div` one element each, `li` a <ul>, `word` Word's
    MsoNormal paragraphs."""
    text = (lambda x: html_wrapped(x, "      ", 12)) if wrap else html_text
    if not lines:
        return ""
    if how == "br":
        return "<br>".join(text(x) for x in lines)
    if how in ("p", "div"):
        return "".join(f"<{how}>{text(x)}</{how}>" for x in lines)
    if how == "li":
        return "<ul>" + "".join(f"<li>{text(x)}</li>" for x in lines) + "</ul>"
    if how == "word":
        return "".join(f"<p class=MsoNormal align=center style='text-align:center'><span style='font-family:"
                       f"仿宋_GB2312'>{text(x)}<span lang=EN-US><o:p></o:p></span></span></p>" for x in lines)
    raise ValueError(how)


def html_table(n_rows: int, spans, header_rows: int = 1, how: str = "br", caption: list[str] | None = None,
               attrs: str = " border='1' cellspacing='0' cellpadding='4'", wrap: bool = False) -> str:
    """A grid as an HTML table: each merged cell once, at its origin, with rowspan/colspan. `spans`
    are anything with row, col, lines, rowspan, colspan (render's Span, the reader's Cell); `how`
    "mixed" varies the cell lines from cell to cell (br, p, div, li)."""
    out = [f"<table{attrs}>"]
    if caption:
        out.append("<caption>" + "<br>".join(html_text(x) for x in caption) + "</caption>")
    by_row: dict[int, list] = {}
    for span in spans:
        by_row.setdefault(span.row, []).append(span)
    for r in range(n_rows):
        tag = "th" if r < header_rows else "td"
        cells = []
        for span in sorted(by_row.get(r, []), key=lambda s: s.col):
            attr = "".join(f" {k}='{v}'" for k, v in (("rowspan", span.rowspan), ("colspan", span.colspan))
                           if v and v > 1)
            kind = ("br", "p", "div", "li")[(r + span.col) % 4] if how == "mixed" else how
            cells.append(f"<{tag}{attr}>{html_cell(span.lines, kind, wrap)}</{tag}>")
        out.append("  <tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def html_head(title: str, charset: str, extra: str = "") -> str:
    return (f"<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta http-equiv=\"Content-Type\" "
            f"content=\"text/html; charset={charset}\">\n<title>{html_text(title)}</title>\n{extra}</head>\n")


_MENU = ("首页", "政务公开", "政务服务", "互动交流", "走进本地", "专题专栏", "数据开放", "无障碍")
_SIDE = ("通知公告", "政策文件", "政策解读", "规划计划", "人事信息", "财政信息")


def site_page(page_title: str, site: str, host: str, before: str, title_html: str, content: str, *,
              charset: str = "utf-8", metadata_box: bool = True) -> str:
    """A notice inside a government site's frame, as most publish them: a layout table around the page
    (site name, search box, date bar, menu, side menu, breadcrumbs, the 索引号 box, a 来源/浏览次数
    line, share bar, print/close links, 上一篇/下一篇, a footer with 版权所有 and ICP lines), the
    notice's own tables nested in it; `title_html` the notice's title as an <h1>, `before` what the
    notice prints above it (文号, issuer), `content` the rest."""
    menu = "".join(f"<li><a href='http://{host}/{k}/'>{m}</a></li>" for k, m in enumerate(_MENU))
    side = "".join(f"<li><a href='http://{host}/zwgk/{k}/'>{m}</a></li>" for k, m in enumerate(_SIDE))
    site_html = html_text(site)
    h1 = f"    <h1 class='title'>{title_html}</h1>\n" if title_html else ""
    before = before + "\n" if before else ""
    index = int(hashlib.sha256(host.encode()).hexdigest()[:8], 16) % 10**8
    box = (f"  <table class='xxgk' border='0'><tr><td>索引号：</td><td>{index:08d}/2021-00123</td>"
           f"<td>发布机构：</td><td>{site_html}</td></tr>\n  <tr><td>主题分类：</td><td>综合政务</td>"
           "<td>体裁分类：</td><td>通知</td></tr></table>\n") if metadata_box else ""
    extra = ("<link rel='stylesheet' href='/css/style.css'>\n<script type='text/javascript'>var tpl = "
             "'<table><tr><td>脚本里的表格</td><td>不是内容</td></tr><tr><td>1</td><td>2</td></tr></table>';"
             "</script>\n<style>.menu li { float: left; }</style>\n")
    return html_head(f"{page_title}_{site}", charset, extra) + f"""<body>
<table class='layout' width='1000' align='center' border='0' cellpadding='0' cellspacing='0'>
<tr><td colspan='2'>
  <div class='top'><div class='logo'><img src='/images/logo.png' alt='{site_html}'>{site_html}</div>
  <div class='search'><input type='text' value='请输入关键词'><button>搜索</button></div></div>
  <div class='topbar'>今天是：星期四　欢迎访问{site_html}</div>
  <div class='menu'><ul>{menu}</ul></div>
</td></tr>
<tr><td class='left' width='220' valign='top'>
  <div class='side-title'>政务公开</div>
  <ul class='side'>{side}</ul>
</td><td class='right' valign='top'>
  <div class='crumb'>您现在的位置：<a href='/'>首页</a> &gt; <a href='/zwgk/'>政务公开</a> &gt;
    <a href='/zwgk/0/'>通知公告</a></div>
{box}  <div class='article'>
{before}{h1}    <div class='info'>来源：{site_html}　浏览次数：<span id='hits'>1024</span>　【字体：<a href='#'>大</a>
      <a href='#'>中</a> <a href='#'>小</a>】</div>
    <div id='zoom' class='TRS_Editor'>
{content}
    </div>
    <div class='share'>分享到：<a href='#'>微信</a><a href='#'>微博</a><a href='#'>QQ空间</a></div>
    <div class='print'>【<a href='javascript:window.print()'>打印本页</a>】【<a
      href='javascript:window.close()'>关闭窗口</a>】</div>
    <div class='prevnext'><p>上一篇：<a href='/zwgk/0/1.html'>关于开展安全生产大检查的通知</a></p>
    <p>下一篇：<a href='/zwgk/0/2.html'>关于调整领导工作分工的通知</a></p></div>
  </div>
</td></tr>
<tr><td colspan='2'><div class='footer'>
  <p><a href='/wzdt/'>网站地图</a> | <a href='/lxwm/'>联系我们</a> | <a href='/wzsm/'>网站声明</a></p>
  <p>主办：{site_html}　承办：大数据发展管理局</p>
  <p>地址：人民路1号　邮编：400000　电话：023-12345678</p>
  <p>ICP备05003300号　公网安备 50023202000001号　网站标识码：5002320001</p>
  <p>版权所有：{site_html}</p>
</div></td></tr>
</table>
<div style='display:none'>统计代码：不是内容</div>
<noscript>请开启浏览器的JavaScript功能</noscript>
</body>
</html>
"""


def word_page(sections: list[list[str]]) -> str:
    """A page as Word saves one in GB2312 (filtered HTML): each section in its WordSection div, a
    section break between them; the blocks are HTML already."""
    divs = [f"<div class=WordSection{k}>\n" + "\n".join(blocks) + "\n</div>" for k, blocks in enumerate(sections, 1)]
    brk = ("\n<span lang=EN-US style='font-size:16.0pt'><br clear=all style='page-break-before:always;"
           "mso-break-type:section-break'>\n</span>\n")
    return ("<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
            "xmlns:w=\"urn:schemas-microsoft-com:office:word\" xmlns=\"http://www.w3.org/TR/REC-html40\">\n<head>\n"
            "<meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">\n"
            "<meta name=Generator content=\"Microsoft Word 15 (filtered)\">\n<title>通知</title>\n"
            "<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->\n"
            "<style>\n<!-- p.MsoNormal {margin:0cm; font-size:10.5pt;} -->\n</style>\n</head>\n"
            "<body lang=ZH-CN style='text-justify-trim:punctuation'>\n" + brk.join(divs) + "\n</body>\n</html>\n")


def word_paragraph(text: str, align: str = "") -> str:
    style = f" align={align} style='text-align:{align}'" if align else " style='text-indent:32.0pt'"
    return (f"<p class=MsoNormal{style}><span style='font-size:16.0pt;font-family:仿宋_GB2312'>{html_text(text)}"
            "<span lang=EN-US><o:p></o:p></span></span></p>")


WORD_TABLE = (" class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 "
              "style='border-collapse:collapse;border:none'")
WORD_BLANK = "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>"


def render_html(notice: Notice, layout: Layout, about: dict) -> bytes:
    """The notice as a web page in its PageStyle; `about` the notice's JSON (issuer, url) for the site."""
    style = page_style_for(notice.id, layout)
    roles = paragraph_roles(notice)
    blocks = notice.blocks
    title_lines = [line for i, b in enumerate(blocks) if roles.get(i) == "title" for line in para_lines(b)]
    table_titles = [line for i, b in enumerate(blocks) if roles.get(i) == "table-title" for line in para_lines(b)]
    site = re.split(r"[(（]", str(about.get("issuer") or ""))[0].split("、")[0] or "人民政府门户网站"
    page_title = "".join(title_lines) or (table_titles[0] if table_titles else site)
    word = style.frame == "word"
    split = _annex_start(notice, roles) if word else None
    sections: list[list[str]] = [[]]
    title_html = ""
    above: list[str] = []  # a site page: what the notice prints above its title goes above the <h1>
    for i, block in enumerate(blocks):
        if i == split:
            sections.append([])
        if roles.get(i) == "title" and style.frame == "site" and not title_html:
            above, sections[-1] = sections[-1], []
        out = sections[-1]
        if isinstance(block, Grid):
            caption = None
            if style.caption and roles.get(i - 1) == "table-title":
                caption = para_lines(blocks[i - 1])
            if word:
                out += ["<div align=center>", html_table(block.n_rows, block.spans, 0, "word", attrs=WORD_TABLE),
                        "</div>", WORD_BLANK]
            else:
                out.append("<div align='center'>" + html_table(block.n_rows, block.spans, block.header_rows,
                                                               style.cell_lines, caption, wrap=style.wrap) + "</div>")
            continue
        role = roles.get(i, "")
        if role == "table-title" and style.caption and isinstance(blocks[i + 1], Grid):
            continue  # written as the table's <caption>
        lines = para_lines(block)
        if role == "title" and style.frame == "site":
            title_html += ("<br>\n" if title_html else "") + "<br>\n".join(html_text(x) for x in lines)
            continue
        align = {"title": "center", "table-title": "center", "right": "right"}.get(role, "")
        for line in lines:
            if word:
                out.append(word_paragraph(line, align))
            else:
                text = html_wrapped(line, "      ") if style.wrap else html_text(line)
                attr = f" style='text-align:{align}'" if align else " style='text-indent:2em'" * (len(line) > 30)
                out.append(f"    <p{attr}>{text}</p>")
    if word:
        page = word_page(sections)
    elif style.frame == "site":
        host = urllib.parse.urlsplit(str(about.get("url") or "")).netloc or "www.example.gov.cn"
        page = site_page(page_title, site, host, "\n".join(above), title_html, "\n".join(sections[0]),
                         charset=style.charset, metadata_box=style.metadata_box)
    else:
        css = "<style>table { border-collapse: collapse; } td, th { border: 1px solid #000; }</style>\n"
        page = html_head(page_title, style.charset, css) + "<body>\n" + "\n".join(sections[0]) + "\n</body>\n</html>\n"
    encoding = "gbk" if style.charset == "gb2312" else "utf-8"
    return page.encode(encoding, errors="xmlcharrefreplace")  # what GBK lacks becomes &#NNNN;, as sites write it


# --- command line ------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ids", nargs="*", help="notice ids (file stems under --notices); all when none")
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated: txt,docx,pdf,html")
    parser.add_argument("--notices", type=Path, default=HERE / "notices", help="folder of <id>.json")
    parser.add_argument("--out", type=Path, default=HERE, help="folder the files are written to")
    args = parser.parse_args(argv)
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    if not formats or set(formats) - set(FORMATS):
        parser.error(f"--formats: choose from {', '.join(FORMATS)}")
    if args.ids:
        paths = [args.notices / f"{i.removesuffix('.json')}.json" for i in args.ids]
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            parser.error(f"no such notice: {', '.join(missing)}")
    else:
        paths = sorted(args.notices.glob("*.json"))
    if not paths:
        print(f"no notices in {args.notices}", file=sys.stderr)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    errors: dict[str, str] = {}
    done: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="render-docx-") as tmp:
        to_print = []
        for path in paths:
            stem = path.stem
            warnings: list[str] = []
            try:
                notice = load_notice(path, warnings)
                layout = layout_for(stem)
                if "txt" in formats:
                    text = render_txt(notice, layout, warnings)
                    (args.out / f"{stem}.txt").write_text(text, encoding="utf-8")
                    done.setdefault(stem, []).append("txt")
                if "html" in formats:
                    about = json.loads(path.read_text(encoding="utf-8"))
                    (args.out / f"{stem}.html").write_bytes(render_html(notice, layout, about))
                    done.setdefault(stem, []).append("html")
                if "docx" in formats or "pdf" in formats:
                    data = build_docx(notice, layout)
                    target = args.out / f"{stem}.docx" if "docx" in formats else Path(tmp) / f"{stem}.docx"
                    target.write_bytes(data)
                    if "docx" in formats:
                        done.setdefault(stem, []).append("docx")
                    if "pdf" in formats:
                        to_print.append(target)
            except Exception as e:  # one bad notice must not stop the others
                errors[stem] = f"{type(e).__name__}: {e}"
            for w in warnings:
                print(f"  warning {stem}: {w}", file=sys.stderr)
            if stem not in errors:
                print(f"{stem}: {layout.describe()}"
                      + (f"; {page_style_for(stem, layout).describe()}" if "html" in formats else ""))
        built = time.monotonic()
        if to_print:
            for pdf in print_pdfs(to_print, args.out, errors):
                done.setdefault(pdf.stem, []).append("pdf")
    finished = time.monotonic()
    for stem, kinds in done.items():
        print(f"wrote {args.out / stem}.{{{','.join(kinds)}}}")
    for stem, reason in errors.items():
        print(f"FAILED {stem}: {reason}", file=sys.stderr)
    print(f"{len(done)} of {len(paths)} notices rendered in {finished - started:.1f} s "
          f"(txt/docx {built - started:.1f} s, pdf {finished - built:.1f} s)")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
