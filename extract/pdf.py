"""Reader for PDF notices (pdfplumber/pdfminer), into the same model as the text and docx readers.

A PDF holds positioned glyphs and drawn rules. This reader
  * turns each page upright (pages turned by /Rotate or printed sideways read as portrait text),
  * finds ruled tables and their merged cells from the rules (pdf_grid), and tables drawn
    without inner rules from the alignment of their text (pdf_align),
  * groups the glyphs of each cell into printed lines and notes where a line stops short of the
    cell edge (pdf_text),
  * drops page furniture (page numbers, running headers and footers),
  * joins a table continued over pages into one table (pdf_stitch),
  * and gives the text outside tables as one paragraph per printed line, in reading order.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import NoticeError
from .model import Block, Cell, Document, Paragraph, SourcePos, Table
from .pdf_align import find_tables, settle
from .pdf_grid import Grid, Seg, find_grids, segments_from_points, segments_from_rect
from .pdf_guard import StreamTooLarge, install_stream_cap, repaired_copy
from .pdf_stitch import PCell, PTable, same_columns, stitch
from .pdf_text import Glyph, TextLine, bracket_open, fold_radicals, group_lines, line_ends

# Page numbers as notices print them: "— 3 —", "-3-", "3", "第3页", "第 3 页 共 9 页", "3/9", "Page 3".
_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－~～·•]*(?:\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|Page|PAGE)\s*\d{1,4}(?:\s*of\s*\d{1,4})?)[\s\-—–－~～·•]*$")
MARGIN_SHARE = 0.15  # running headers and footers sit in the top and bottom 15% of a page


@dataclass
class _Page:
    number: int  # 1-based
    width: float
    height: float
    lines: list[TextLine]  # text outside tables, top to bottom
    tables: list[PTable]
    images: int = 0
    drawings: int = 0  # lines, rectangles and curves on the page
    unmapped: int = 0  # glyphs the fonts give no Unicode for, shown as "(cid:N)"
    glyphs: int = 0
    # Until text alignment has been read (_align): the glyphs outside ruled tables, the rules
    # that make no table, and one-column grids (a frame with a rule under its header row).
    rest: list[Glyph] = field(default_factory=list)
    rules: list[Seg] = field(default_factory=list)
    one_column: list[Grid] = field(default_factory=list)


def read_pdf(path: str | Path) -> Document:
    path = Path(path)
    _quiet_pdfminer()
    install_stream_cap()
    tail = _check_header(path)
    warnings: list[str] = []
    try:
        pages = _read_pages(path, path)
        _check_text_layer(path, pages)
    except NoticeError as first:
        # A damaged cross-reference table reads as garbage or as no text at all: let qpdf
        # rebuild it and try once more; if that does not help, the first reason stands.
        if "password" in first.reason or "limit" in first.reason or (fixed := repaired_copy(path)) is None:
            raise
        try:
            pages = _read_pages(path, fixed)
            _check_text_layer(path, pages)
        except NoticeError:
            raise first from None
        warnings.append("the PDF was damaged (cross-reference table); read from a copy repaired by qpdf")
    warnings += _warnings(pages, tail)
    _drop_furniture(pages)
    return Document(source_file=str(path), format="pdf", blocks=_blocks(pages), warnings=warnings)


# --- opening -----------------------------------------------------------------------------------------

def _quiet_pdfminer() -> None:
    # pdfminer warns about every odd font on stderr; none of it is the user's business.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)


def _check_header(path: Path) -> bytes:
    """The file's last KB, after making sure its first KB holds the %PDF header."""
    try:
        with path.open("rb") as f:
            head = f.read(1024)
            f.seek(max(0, path.stat().st_size - 1024))
            tail = f.read()
    except OSError as e:
        raise NoticeError(str(path), f"cannot read the file: {e.strerror or e}") from e
    if b"%PDF-" not in head:
        raise NoticeError(str(path), "not a PDF (no %PDF header)" if head else "empty file, not a PDF")
    return tail


def _check_text_layer(path: Path, pages: list[_Page]) -> None:
    glyphs = sum(p.glyphs for p in pages)
    if not glyphs:
        if any(p.images for p in pages):
            what = "scanned PDF, needs OCR"
        elif any(p.drawings for p in pages):
            what = "the pages hold only drawings, needs OCR"
        else:
            what = f"all {len(pages)} page(s) are blank"
        raise NoticeError(str(path), f"no text layer — {what}")
    if sum(p.unmapped for p in pages) > glyphs / 2:
        raise NoticeError(str(path), "no usable text layer — its fonts map glyphs to no characters "
                                     "(text shows as (cid:N)), needs OCR")


def _warnings(pages: list[_Page], tail: bytes) -> list[str]:
    out = []
    if b"%%EOF" not in tail:
        out.append("the file does not end with %%EOF: it may be truncated (pages or text may be missing)")
    unmapped = sum(p.unmapped for p in pages)
    if unmapped:
        out.append(f"{unmapped} characters have no Unicode mapping in their font; they read as (cid:N)")
    return out


def _read_pages(path: Path, source: Path | io.BytesIO) -> list[_Page]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(source, password="") as pdf:
            pages = [_read_page(page) for page in pdf.pages]
        _align(pages)
        return pages
    except StreamTooLarge as e:
        raise NoticeError(str(path), f"{e} (a decompression bomb?); refused") from e
    except PdfminerException as e:
        cause = e.args[0] if e.args else e
        if isinstance(cause, PDFPasswordIncorrect):
            raise NoticeError(str(path), "encrypted PDF: a password is needed") from e
        if isinstance(cause, StreamTooLarge):
            raise NoticeError(str(path), f"{cause} (a decompression bomb?); refused") from e
        raise NoticeError(str(path), f"corrupt or truncated PDF: {_describe(cause)}") from e
    except PDFPasswordIncorrect as e:
        raise NoticeError(str(path), "encrypted PDF: a password is needed") from e
    except NoticeError:
        raise
    except Exception as e:  # pdfminer raises many kinds of errors on damaged files
        raise NoticeError(str(path), f"corrupt or truncated PDF: {_describe(e)}") from e


def _describe(error: object) -> str:
    text = str(error).strip() or type(error).__name__
    return text if len(text) < 160 else text[:157] + "..."


# --- one page ----------------------------------------------------------------------------------------

def _read_page(page) -> _Page:
    turn = _upright_turn(page.chars)
    width, height = float(page.width), float(page.height)
    glyphs = [_glyph(ch, turn, width, height) for ch in page.chars if _turn_of(ch) == turn]
    glyphs = [g for g in glyphs if g.text]
    if turn % 2:
        width, height = height, width
    segs = _segments(page, turn, float(page.width), float(page.height))
    grids = find_grids(segs)
    tables, used = [], set()
    for grid in grids:
        if len(grid.xs) > 2 and (table := _fill(grid, glyphs, page.page_number, used)) is not None:
            tables.append(table)
    rest = [g for k, g in enumerate(glyphs) if k not in used]
    rules = [s for s in segs if not any(_inside(s, t.bbox) for t in tables)]
    unmapped = sum(g.text.startswith("(cid:") for g in glyphs)
    return _Page(page.page_number, width, height, [], tables,
                 images=len(page.images), drawings=len(page.lines) + len(page.rects) + len(page.curves),
                 unmapped=unmapped, glyphs=sum(bool(g.text.strip()) for g in glyphs),
                 rest=rest, rules=rules, one_column=[g for g in grids if len(g.xs) <= 2])


def _inside(s: Seg, bbox: tuple[float, float, float, float], tol: float = 3.0) -> bool:
    x0, top, x1, bottom = bbox
    if s.horizontal:
        return top - tol <= s.pos <= bottom + tol and x0 - tol <= s.a and s.b <= x1 + tol
    return x0 - tol <= s.pos <= x1 + tol and top - tol <= s.a and s.b <= bottom + tol


def _align(pages: list[_Page]) -> None:
    """Tables without inner rules, read from the alignment of the text no ruled table holds
    (pdf_align); then one-column grids where no such table took their text; the rest is lines.
    A table that ends its page may go on at the top of the next in the same columns."""
    carry: PTable | None = None
    for p in pages:
        blocked = [(t.bbox[1], t.bbox[3]) for t in p.tables]
        margins = (p.height * MARGIN_SHARE, p.height * (1 - MARGIN_SHARE))
        found, rest = find_tables(p.rest, p.rules, p.number, blocked, margins, carry)
        used: set[int] = set()
        for grid in p.one_column:
            if not any(_overlaps(grid.bbox, t.bbox) for t in found):
                if (table := _fill(grid, rest, p.number, used)) is not None:
                    p.tables.append(table)
        rest = [g for k, g in enumerate(rest) if k not in used]
        p.tables = sorted(p.tables + found, key=_top)
        p.lines = group_lines(rest, keep_gaps=True)
        p.rest, p.rules, p.one_column = [], [], []
        last = found[-1] if found else None
        ends = last is not None and all(x.top >= p.height * (1 - MARGIN_SHARE) for x in p.lines if x.top > last.bbox[3])
        carry = last if ends and last is p.tables[-1] else None


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _turn_of(ch: dict) -> int:
    """Quarter turns that make a character upright: its baseline direction in page space."""
    a, b = ch["matrix"][0], ch["matrix"][1]
    if abs(a) >= abs(b):
        return 0 if a >= 0 else 2
    return 1 if b < 0 else 3


def _upright_turn(chars: list[dict]) -> int:
    counts = Counter(_turn_of(ch) for ch in chars)
    return counts.most_common(1)[0][0] if counts else 0


def _turn(bbox: tuple[float, float, float, float], turn: int, w: float, h: float) -> tuple[float, float, float, float]:
    """A box in page coordinates (x0, top, x1, bottom) → coordinates where the text is upright."""
    x0, top, x1, bottom = bbox
    if turn == 1:  # text runs down the page
        return (top, w - x1, bottom, w - x0)
    if turn == 2:  # upside down
        return (w - x1, h - bottom, w - x0, h - top)
    if turn == 3:  # text runs up the page
        return (h - bottom, x0, h - top, x1)
    return bbox


def _glyph(ch: dict, turn: int, w: float, h: float) -> Glyph:
    x0, top, x1, bottom = _turn((ch["x0"], ch["top"], ch["x1"], ch["bottom"]), turn, w, h)
    return Glyph(fold_radicals(ch["text"]), x0, x1, top, bottom, float(ch.get("size") or (bottom - top)))


def _segments(page, turn: int, w: float, h: float) -> list[Seg]:
    segs: list[Seg] = []
    for obj in page.lines + page.curves:
        if _invisible(obj.get("stroking_color")):
            continue
        pts = [(float(x), float(y)) for x, y in obj.get("pts") or []]
        segs += [_turn_seg(s, turn, w, h) for s in segments_from_points(pts)]
    for r in page.rects:
        color = r.get("non_stroking_color") if r.get("fill") else r.get("stroking_color")
        if _invisible(color):
            continue
        box = _turn((r["x0"], r["top"], r["x1"], r["bottom"]), turn, w, h)
        segs += segments_from_rect(*box, stroked=bool(r.get("stroke")))
    return segs


def _turn_seg(s: Seg, turn: int, w: float, h: float) -> Seg:
    box = (s.a, s.pos, s.b, s.pos) if s.horizontal else (s.pos, s.a, s.pos, s.b)
    x0, top, x1, bottom = _turn(box, turn, w, h)
    if abs(bottom - top) <= abs(x1 - x0):
        return Seg(True, (top + bottom) / 2, x0, x1)
    return Seg(False, (x0 + x1) / 2, top, bottom)


def _invisible(color) -> bool:
    """White rules draw nothing (and some producers paint white boxes under the text)."""
    if not isinstance(color, tuple | list) or not color or not all(isinstance(v, int | float) for v in color):
        return False
    if len(color) == 4:  # CMYK
        return all(v <= 0.05 for v in color)
    return all(v >= 0.95 for v in color)


def _fill(grid: Grid, glyphs: list[Glyph], page: int, used: set[int]) -> PTable | None:
    """The grid's cells with the glyphs inside them; None when the grid holds no text at all."""
    x0, top, x1, bottom = grid.bbox
    inside: dict[int, list[Glyph]] = {}
    for k, g in enumerate(glyphs):
        if k in used or not (x0 <= g.mid_x <= x1 and top <= g.mid_y <= bottom):
            continue
        for i, box in enumerate(grid.boxes):
            bx0, btop, bx1, bbottom = box.bbox
            if bx0 <= g.mid_x <= bx1 and btop <= g.mid_y <= bbottom:
                inside.setdefault(i, []).append(g)
                used.add(k)
                break
    if not inside:
        return None
    cells = []
    for i, box in enumerate(grid.boxes):
        lines = group_lines(inside.get(i, []))
        cells.append(PCell(box.row, box.col, box.rowspan, box.colspan, box.bbox, page, lines,
                           src_row=box.row, src_col=box.col))
    _set_line_ends(cells)
    return PTable(page, list(grid.xs), len(grid.ys) - 1, cells, grid.bbox)


def _set_line_ends(cells: list[PCell]) -> None:
    """Each cell's text edges and line ends. The inner margin is measured, not assumed: the gap
    between a cell's left rule and its text, least in the column (the rules of one column are the
    same strokes), or in the whole table where a column's text is all indented (centred)."""
    gaps: dict[int, float] = {}
    for c in cells:
        for line in c.lines:
            gaps[c.col] = min(gaps.get(c.col, line.x0 - c.bbox[0]), line.x0 - c.bbox[0])
    table_pad = min(max(min(gaps.values(), default=0.0), 0.0), 20.0)
    for c in cells:
        pad = gaps.get(c.col, table_pad)
        pad = pad if 0 <= pad - table_pad <= 1.0 else table_pad
        c.text_left, c.text_right = c.bbox[0] + pad, c.bbox[2] - pad
        c.ends = line_ends(c.lines, c.text_left, c.text_right)


# --- furniture ---------------------------------------------------------------------------------------

def _drop_furniture(pages: list[_Page]) -> None:
    """Remove page numbers and running headers/footers: lines in the top or bottom margin zone,
    outside any table, that are a page number or recur on other pages. A text that recurs only
    with other digits (a footer "page 3 of 9") must be on most pages: "附件1" and "附件2" heading
    two pages are content."""
    zone_lines = {p.number: _margin_lines(p) for p in pages}
    exact = Counter(k for lines in zone_lines.values() for k in {_furniture_key(x, digits=True) for x in lines})
    loose = Counter(k for lines in zone_lines.values() for k in {_furniture_key(x, digits=False) for x in lines})
    most = max(3, (len(pages) + 1) // 2)
    for p in pages:
        drop = {id(x) for x in zone_lines[p.number]
                if _PAGE_NUMBER.match(x.text) or exact[_furniture_key(x, digits=True)] > 1
                or loose[_furniture_key(x, digits=False)] >= most}
        p.lines = [x for x in p.lines if id(x) not in drop]


def _margin_lines(page: _Page) -> list[TextLine]:
    """Lines above everything else in the top zone, or below everything else in the bottom zone."""
    body_top = min((t.bbox[1] for t in page.tables), default=page.height)
    body_bottom = max((t.bbox[3] for t in page.tables), default=0.0)
    out = []
    for x in page.lines:
        if x.bottom <= min(body_top, page.height * MARGIN_SHARE) or x.top >= max(body_bottom,
                                                                               page.height * (1 - MARGIN_SHARE)):
            out.append(x)
    return out


def _furniture_key(line: TextLine, digits: bool) -> str:
    text = "".join(line.text.split())
    return text if digits else re.sub(r"\d+", "#", text)


# --- blocks ------------------------------------------------------------------------------------------

def _blocks(pages: list[_Page]) -> list[Block]:
    """Paragraphs and tables in reading order; a table that runs on at the top of the next page
    (same columns, nothing but furniture between) is stitched to the one before."""
    items: list[tuple[int, TextLine | PTable]] = []
    for p in pages:
        page_items: list[TextLine | PTable] = sorted([*p.lines, *p.tables], key=_top)
        for k, item in enumerate(page_items):
            prev = items[-1][1] if items else None
            if k == 0 and isinstance(item, PTable) and isinstance(prev, PTable) \
                    and prev.last_page == p.number - 1 and _ends_page(prev, pages) and same_columns(prev, item):
                items[-1] = (items[-1][0], stitch(prev, item))
            else:
                items.append((p.number, item))
    blocks = [_to_table(x) if isinstance(x, PTable) else _to_paragraph(x, page) for page, x in items]
    _mark_runs_on(items, blocks, pages)
    return blocks


def _mark_runs_on(items: list[tuple[int, TextLine | PTable]], blocks: list[Block], pages: list[_Page]) -> None:
    """For two printed lines in a row (on a page, or the last of one page and the first of the
    next): does the first run on into the second (one paragraph wrapped), or end its paragraph?
    It runs on when the next line starts at the left margin (no first-line indent) right below
    it (or atop the next page), and it reaches the right margin — within a
    few characters where it stops mid-sentence (line breaking leaves some room before quotes,
    figures and closing punctuation), within one where it ends a sentence."""
    lines = [x for p in pages for x in p.lines]
    if not lines:
        return
    left, right = min(x.x0 for x in lines), max(x.x1 for x in lines)
    for k in range(len(items) - 1):
        (page, a), (page_b, b) = items[k], items[k + 1]
        if page_b not in (page, page + 1) or not isinstance(a, TextLine) or not isinstance(b, TextLine):
            continue
        # Right below it, or first on the next page (a paragraph continued over the page break).
        below = 0 <= b.top - a.bottom <= 1.2 * a.size if page_b == page else True
        flush = b.x0 <= left + 0.8 * b.size
        ends_sentence = a.text.rstrip().endswith(tuple("。！？；：!?;:"))
        reach = right - a.x1
        # A bracket left open at the line end goes on below, wherever the line stops.
        open_bracket = bracket_open(a.text)
        if page_b != page:
            # A page ends anywhere, also after a whole line: over the break only a line left
            # visibly unfinished runs on (a bracket open, a separator at its end).
            blocks[k].runs_on = flush and (open_bracket or a.text.rstrip().endswith(tuple("、，,")))
            continue
        blocks[k].runs_on = below and flush and (open_bracket or reach <= (1.0 if ends_sentence else 5.0) * a.size)


def _top(item: TextLine | PTable) -> float:
    return item.bbox[1]


def _ends_page(table: PTable, pages: list[_Page]) -> bool:
    """Nothing but furniture follows the table on its (last) page."""
    page = pages[table.last_page - 1]
    bottom = max(t.bbox[3] for t in page.tables)
    return not any(x.top > bottom for x in page.lines)


def _to_paragraph(line: TextLine, page: int) -> Paragraph:
    return Paragraph(line.text.rstrip(), SourcePos(page=page, bbox=_round(line.bbox)))


def _to_table(table: PTable) -> Table:
    settle(table)
    cells = [
        Cell(row=c.row, col=c.col, lines=[x.text.strip() for x in c.lines], rowspan=c.rowspan, colspan=c.colspan,
             source=SourcePos(page=c.page, row=c.src_row, col=c.src_col, bbox=_round(c.bbox)),
             line_ends=list(c.ends))
        for c in sorted(table.cells, key=lambda c: (c.row, c.col))
    ]
    if table.gutters is not None:  # read from text alignment: which cells merge is not known
        for cell in cells:
            cell.rowspan = cell.colspan = None
    return Table(n_rows=table.n_rows, n_cols=len(table.xs) - 1, cells=cells,
                 source=SourcePos(page=table.page, bbox=_round(table.bbox)))


def _round(bbox: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    return tuple(round(v, 1) for v in bbox)  # type: ignore[return-value]
