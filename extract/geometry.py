"""Positioned glyphs and drawn rules of pages → the document's tables and paragraphs.

Format-neutral: a reader of a page-description format (PDF, OFD) collects each page's glyphs
(`pdf_text.Glyph`) and rules (`pdf_grid.Seg`) in upright page coordinates — x to the right, top
downwards, in PDF points, the unit every tolerance below is measured in — and hands them to
`build_page`. Then, over all pages:
  * `align` finds tables drawn without inner rules from the alignment of their text (pdf_align)
    and groups the text outside tables into printed lines;
  * `page_blocks` drops page furniture (page numbers, running headers and footers), joins a
    table continued over pages into one table (pdf_stitch), and gives the blocks in reading order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from .model import Block, Cell, Paragraph, SourcePos, Table
from .pdf_align import find_tables, settle
from .pdf_grid import Grid, Seg, find_grids
from .pdf_stitch import PCell, PTable, same_columns, stitch
from .pdf_text import Glyph, TextLine, bracket_open, group_lines, line_ends, start_width

# Page numbers as notices print them: "— 3 —", "-3-", "3", "第3页", "第 3 页 共 9 页", "3/9", "Page 3".
_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－~～·•]*(?:\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|Page|PAGE)\s*\d{1,4}(?:\s*of\s*\d{1,4})?)[\s\-—–－~～·•]*$")
MARGIN_SHARE = 0.15  # running headers and footers sit in the top and bottom 15% of a page
PT_PER_MM = 72 / 25.4


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    lines: list[TextLine]  # text outside tables, top to bottom
    tables: list[PTable]
    images: int = 0
    drawings: int = 0  # lines, rectangles and curves on the page
    unmapped: int = 0  # glyphs the fonts give no Unicode for, shown as "(cid:N)"
    glyphs: int = 0
    # Until text alignment has been read (align): the glyphs outside ruled tables, the rules
    # that make no table, and one-column grids (a frame with a rule under its header row).
    rest: list[Glyph] = field(default_factory=list)
    rules: list[Seg] = field(default_factory=list)
    one_column: list[Grid] = field(default_factory=list)


# --- turning a page upright --------------------------------------------------------------------------

def turn_of(a: float, b: float) -> int:
    """Quarter turns that make a character upright, from its baseline direction (a, b) in page
    space with y upwards (PDF): 0 upright, 1 running down the page, 2 upside down, 3 running up."""
    if abs(a) >= abs(b):
        return 0 if a >= 0 else 2
    return 1 if b < 0 else 3


def upright_turn(turns: Iterable[int]) -> int:
    """The turn most characters of a page need: pages printed sideways read as portrait text."""
    counts = Counter(turns)
    return counts.most_common(1)[0][0] if counts else 0


Box = tuple[float, float, float, float]  # x0, top, x1, bottom


def turn_box(bbox: Box, turn: int, w: float, h: float) -> Box:
    """A box in page coordinates (x0, top, x1, bottom) → coordinates where the text is upright."""
    x0, top, x1, bottom = bbox
    if turn == 1:  # text runs down the page
        return (top, w - x1, bottom, w - x0)
    if turn == 2:  # upside down
        return (w - x1, h - bottom, w - x0, h - top)
    if turn == 3:  # text runs up the page
        return (h - bottom, x0, h - top, x1)
    return bbox


def turn_seg(s: Seg, turn: int, w: float, h: float) -> Seg:
    box = (s.a, s.pos, s.b, s.pos) if s.horizontal else (s.pos, s.a, s.pos, s.b)
    x0, top, x1, bottom = turn_box(box, turn, w, h)
    if abs(bottom - top) <= abs(x1 - x0):
        return Seg(True, (top + bottom) / 2, x0, x1)
    return Seg(False, (x0 + x1) / 2, top, bottom)


# --- one page ----------------------------------------------------------------------------------------

def build_page(number: int, width: float, height: float, glyphs: list[Glyph], segs: list[Seg],
               images: int = 0, drawings: int = 0) -> Page:
    """A page's ruled tables filled with their glyphs; the other glyphs and rules wait for `align`.
    `width`/`height` are the upright page's."""
    grids = find_grids(segs)
    tables, used = [], set()
    for grid in grids:
        if len(grid.xs) > 2 and (table := _fill(grid, glyphs, number, used)) is not None:
            tables.append(table)
    rest = [g for k, g in enumerate(glyphs) if k not in used]
    rules = [s for s in segs if not any(_inside(s, t.bbox) for t in tables)]
    unmapped = sum(g.text.startswith("(cid:") for g in glyphs)
    return Page(number, width, height, [], tables, images=images, drawings=drawings,
                unmapped=unmapped, glyphs=sum(bool(g.text.strip()) for g in glyphs),
                rest=rest, rules=rules, one_column=[g for g in grids if len(g.xs) <= 2])


def _inside(s: Seg, bbox: tuple[float, float, float, float], tol: float = 3.0) -> bool:
    x0, top, x1, bottom = bbox
    if s.horizontal:
        return top - tol <= s.pos <= bottom + tol and x0 - tol <= s.a and s.b <= x1 + tol
    return x0 - tol <= s.pos <= x1 + tol and top - tol <= s.a and s.b <= bottom + tol


def align(pages: list[Page]) -> None:
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
    _take_back_overflow(grid, glyphs, used, inside)
    _take_back_overrun_below(grid, glyphs, used, inside)
    cells = []
    for i, box in enumerate(grid.boxes):
        lines = group_lines(inside.get(i, []))
        cells.append(PCell(box.row, box.col, box.rowspan, box.colspan, box.bbox, page, lines,
                           src_row=box.row, src_col=box.col))
    _set_line_ends(cells)
    return PTable(page, list(grid.xs), len(grid.ys) - 1, cells, grid.bbox)


def _take_back_overflow(grid: Grid, glyphs: list[Glyph], used: set[int], inside: dict[int, list[Glyph]]) -> None:
    """Glyphs that ran over a cell's right rule, back into it. A line that cannot break (a date
    range 2026.01.01-2026.12.31 in a four-character column) is printed past the rule; its last
    glyphs then sit in the next cell or outside the table, hard against the rule, touching the
    glyph before them. A cell's own text keeps an inner margin from its left rule, so a glyph that
    both hugs the rule and touches the cell's line goes on that line."""
    right_of = {(b.row, b.col): i for i, b in enumerate(grid.boxes)}
    edge = grid.xs[-1]
    # Past the edge by its middle: a glyph that straddles the rule (…2026.0|1.) was left out too.
    outside = [(k, g) for k, g in enumerate(glyphs) if k not in used and edge <= g.mid_x and g.x0 < edge + 2 * g.size]
    for j, box in enumerate(grid.boxes):
        if j not in inside:
            continue
        x1, top, bottom = box.bbox[2], box.bbox[1], box.bbox[3]
        nexts = {right_of[(r, box.col + box.colspan)] for r in range(box.row, box.row + box.rowspan)
                 if (r, box.col + box.colspan) in right_of}
        if box.col + box.colspan >= len(grid.xs) - 1:
            # The table's last column: what runs over its rule lies outside every cell.
            beyond = [(k, g) for k, g in outside if k not in used and top <= g.mid_y <= bottom]
        else:
            beyond = [(None, g) for i in nexts for g in inside.get(i, []) if top <= g.mid_y <= bottom]
        rule = x1
        for k, g in sorted(beyond, key=lambda kg: kg[1].x0):
            if not g.x0 - rule < 0.15 * g.size or not any(
                    abs(h.mid_y - g.mid_y) < 0.3 * g.size and -0.05 * g.size < g.x0 - h.x1 < 0.1 * g.size
                    for h in inside[j]):
                continue
            if k is None:
                for i in nexts:
                    if g in inside.get(i, []):
                        inside[i].remove(g)
            else:
                used.add(k)
            inside[j].append(g)
            rule = g.x1  # the next glyph of the overrun hugs this one now


def _take_back_overrun_below(grid: Grid, glyphs: list[Glyph], used: set[int], inside: dict[int, list[Glyph]]) -> None:
    """Lines printed under the table's bottom rule, back into the last row's cell above them. A row
    kept whole that is taller than the page is cut by LibreOffice at the page's end: the rule is
    drawn there, and the cell's next line is printed just under it (耕地地力 | 保护补贴), or across
    it where the cell's line pitch puts it there (…导致进度缓 | 慢。, a font with a small ascent).
    Such a line's glyphs start at the rule itself or above it (a paragraph after a table starts a
    line's leading below it), at the left edge of a cell whose text reaches the rule; the lines
    under it follow at the cell's line pitch."""
    bottom = grid.ys[-1]
    for j, box in enumerate(grid.boxes):
        if j not in inside or box.bbox[3] != bottom:
            continue
        x0, x1 = box.bbox[0], box.bbox[2]
        last = max(inside[j], key=lambda g: g.bottom)
        tops = sorted({round(g.top, 1) for g in inside[j]})
        step = min((b - a for a, b in pairwise(tops) if b - a > 0.5 * last.size), default=None)
        # Where the cell's own pitch puts its next line across the rule, that line is looked for
        # from half a line above the rule; else the text must reach the rule.
        across = step is not None and abs(last.top + step - bottom) < 0.5 * last.size
        if bottom - last.bottom > 0.8 * last.size and not across:
            continue  # the cell's text ended above the rule
        left = min(g.x0 for g in inside[j])
        edge, pitch = bottom, None
        while True:
            lo = (-0.5 * last.size if across else 0.0) if pitch is None else 0.0
            line = [(k, g) for k, g in enumerate(glyphs) if k not in used and x0 <= g.x0 and g.x1 <= x1
                    and lo <= g.top - edge < (0.1 * g.size if pitch is None else pitch)]
            if not line or abs(min(g.x0 for _, g in line) - left) > line[0][1].size:
                break  # nothing there, or not at the cell's left edge (a page number under the table)
            for k, g in line:
                used.add(k)
                inside[j].append(g)
            top = min(g.top for _, g in line)
            pitch = pitch or 1.6 * line[0][1].size
            edge = top + 0.2 * line[0][1].size


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


# --- the document: furniture, then blocks ------------------------------------------------------------

def page_blocks(pages: list[Page]) -> list[Block]:
    """The aligned pages' blocks in reading order, page furniture dropped."""
    _drop_furniture(pages)
    return _blocks(pages)


def _drop_furniture(pages: list[Page]) -> None:
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


def _margin_lines(page: Page) -> list[TextLine]:
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


def _blocks(pages: list[Page]) -> list[Block]:
    """Paragraphs and tables in reading order; a table that runs on at the top of the next page
    (same columns, nothing but furniture between) is stitched to the one before."""
    items: list[tuple[int, TextLine | PTable]] = []
    # The bottom of the writing area: as low as any page's text or table reaches.
    area_bottom = max((x.bbox[3] for p in pages for x in [*p.lines, *p.tables]), default=0.0)
    for p in pages:
        page_items: list[TextLine | PTable] = sorted([*p.lines, *p.tables], key=_top)
        for k, item in enumerate(page_items):
            prev = items[-1][1] if items else None
            if k == 0 and isinstance(item, PTable) and isinstance(prev, PTable) \
                    and prev.last_page == p.number - 1 and _ends_page(prev, pages) and same_columns(prev, item):
                room = area_bottom - max(c.tail[3] for c in prev.last_row().values())
                items[-1] = (items[-1][0], stitch(prev, item, room))
            else:
                items.append((p.number, item))
    blocks = [_to_table(x) if isinstance(x, PTable) else _to_paragraph(x, page) for page, x in items]
    _mark_runs_on(items, blocks, pages)
    return blocks


_SENTENCE_ENDS = tuple("。！？；：!?;:")


def _mark_runs_on(items: list[tuple[int, TextLine | PTable]], blocks: list[Block], pages: list[Page]) -> None:
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
    indented = _indents_paragraphs(items, left, right)
    for k in range(len(items) - 1):
        (page, a), (page_b, b) = items[k], items[k + 1]
        if page_b not in (page, page + 1) or not isinstance(a, TextLine) or not isinstance(b, TextLine):
            continue
        # Right below it, or first on the next page (a paragraph continued over the page break).
        below = 0 <= b.top - a.bottom <= 1.2 * a.size if page_b == page else True
        flush = b.x0 <= left + 0.8 * b.size
        ends_sentence = a.text.rstrip().endswith(_SENTENCE_ENDS)
        reach = right - a.x1
        # A bracket or a quotation left open at the line end goes on below, wherever the line stops.
        open_bracket = bracket_open(a.text) or a.text.count("“") > a.text.count("”")
        if page_b != page:
            # A page ends anywhere, also after a whole line: over the break only a line left
            # visibly unfinished runs on — a bracket open, a separator at its end, or a line
            # filled to the margin that stops mid-sentence (…强化规 | 划实施…) where the next
            # page does not open with a short line standing alone (a signature, a heading: no
            # sentence ends there); filled means within a character of the margin, or too close
            # for the next line's first piece to fit (卫生 | 院、158…: 院、 goes down together).
            alone = b.x1 - b.x0 < 0.6 * (right - left) and not b.text.rstrip().endswith(tuple("。！？；!?;）)"))
            filled = reach <= 1.0 * a.size or reach < start_width(a, b) - 0.1
            # Where the notice indents its paragraphs' first lines, a flush line under a filled
            # one goes on with it even after a full stop (…信息公开。| 持续推进…).
            unfinished = a.text.rstrip().endswith(tuple("、，,")) or (
                filled and not alone and ((not ends_sentence and not a.text.rstrip().endswith(tuple("）)」』”")))
                                          or indented))
            blocks[k].runs_on = flush and (open_bracket or unfinished)
            continue
        # Mid-sentence, a line also runs on where what starts the next could not fit in the room
        # it left (建 | 设“1269”“7510”“3212”行…: quotes and figures go down as one piece).
        blocks[k].runs_on = below and flush and (open_bracket or reach <= (1.0 if ends_sentence else 5.0) * a.size
                                                 or (not ends_sentence and reach < start_width(a, b) - 0.1))


def _indents_paragraphs(items: list[tuple[int, TextLine | PTable]], left: float, right: float) -> bool:
    """Whether the notice's paragraphs start with a first-line indent: nearly every line that
    follows, on the same page, a paragraph's last line (one stopping short of the margin, by a
    character after a full stop or a closing bracket, by several elsewhere) and that fills its
    own line (a paragraph of several lines, not a heading) starts indented."""
    starts = [b.x0 > left + 0.8 * b.size for (page, a), (page_b, b) in pairwise(items)
              if page == page_b and isinstance(a, TextLine) and isinstance(b, TextLine)
              and right - a.x1 > (1.0 if a.text.rstrip().endswith((*_SENTENCE_ENDS, "）", ")")) else 5.0) * a.size
              and right - b.x1 <= 1.0 * b.size]
    return len(starts) >= 3 and sum(starts) >= 0.8 * len(starts)


def _top(item: TextLine | PTable) -> float:
    return item.bbox[1]


def _ends_page(table: PTable, pages: list[Page]) -> bool:
    """Nothing but furniture follows the table on its (last) page."""
    page = pages[table.last_page - 1]
    bottom = max(t.bbox[3] for t in page.tables)
    return not any(x.top > bottom for x in page.lines)


def _to_paragraph(line: TextLine, page: int) -> Paragraph:
    return Paragraph(line.text.rstrip(), SourcePos(page=page, bbox=_round(line.bbox)))


def _printed(text: str) -> str:
    """A cell's line as printed: the blank a wrap between words left at its end is kept (one),
    for the meaning stage to read as the break between two names it is."""
    core = text.strip()
    return core + " " if core and text.endswith(" ") else core


def _to_table(table: PTable) -> Table:
    settle(table)
    cells = [
        Cell(row=c.row, col=c.col, lines=[_printed(x.text) for x in c.lines], rowspan=c.rowspan, colspan=c.colspan,
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
