"""Tables printed without inner rules → table grids from the alignment of their text.

Many notices print their task table as a 三线表 (a rule above the header row, one below it, one
under the last row, no vertical rules), inside a bare outer frame, or with no rules at all. The
rules then say nothing about columns, so this module reads them from the text:

  * a header row: a printed line cut by wide gaps into two or more short pieces that read like
    column headers (no sentence punctuation), and the header lines right under it;
  * the lines below it, as long as each leaves a gap under every gap of the header — a gutter,
    an x-range clear of text from the header to the last line. A line of running text crosses
    the gutters and ends the table, as do a wider blank space, a change of type size, a ruled
    table or the 三线表's bottom rule;
  * columns cut at the gutters (the widest clear range between two header pieces);
  * rows: a new row starts where the number column (序号: bare numbers, rising) has text;
    without one, at each rule drawn across the table and at each wider line spacing. A table
    whose rows cannot be told apart is not read as a table.

It is conservative, so that running text never becomes a table: two columns or more, a header of
short pieces, consistent gutters, rows that can be told apart, a body row with text in two
columns; and where neither a number column nor rules (over the header, under it, or a frame)
vouch for the table, three columns and most rows, two at least, with text in two. The signature
of a notice issued by two offices ("巫溪县人民政府      渝中区人民政府"), by three with their
dates under them, and the closing block between its rules fail those tests and stay paragraphs.

The alignment cannot tell a merged cell from an empty one, so the cells it makes have unknown
spans (None in the document model, as in a text export): the normaliser then carries a blank
group or lead cell from the row above by the text-export rules. A table cut by a page break
continues on the next page with or without a repeated header (`carry`).

Known limits: vertically centred cells (a row's number printed halfway down its row) and
two-level headers (责任单位 over 牵头 | 配合) are not understood; such tables stay paragraphs or
come out with rows or columns merged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from .pdf_grid import SNAP, Seg, merge_segments
from .pdf_stitch import _ENUMERATOR, PCell, PTable, wraps_into
from .pdf_text import Glyph, GlyphRun, TextLine, group_lines, line_ends

GAP = 0.8  # em: glyphs of one line this far apart are in two cells; a gutter is at least this wide
MAX_HEADER_CHARS = 12  # characters of a header piece ("2021年重点任务" is 8)
MAX_HEADER_LINES = 3  # printed lines of the header row
MAX_LINE_GAP = 1.8  # em of blank space between two lines that ends a table
SIZE_RATIO = 1.25  # a line whose type is this much larger or smaller than the header's is not in the table
ROW_SPACING = 1.3  # a line pitch this many times the least one opens a new row (without a number column)
SPAN = 0.8  # a rule drawn across this share of the table's width is one of its rules
NEAR = 1.5  # em: a rule this close above the header or below the last line belongs to the table
MAX_PAD = 20.0  # pt: widest inner margin between a frame and its text

_SENTENCE = re.compile(r"[，。；！？、,;!?：:“”\"]")
_NUMBER = re.compile(r"^(?:\d{1,3}[.．、]?|[（(]\d{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]?"
                     r"|[（(][一二三四五六七八九十]{1,3}[)）])$")
_DIGITS = re.compile(r"\d+")


@dataclass
class AlignedTable(PTable):
    """A table read from text alignment, with what the next page needs to go on with it."""

    header_lines: int = 0  # printed lines of its header row
    header_key: tuple[str, ...] = ()  # the pieces of the header's first line
    numbered: bool = False  # its first column is a number column

    def repeats_header(self, line: _Line) -> bool:
        return bool(self.header_key) and tuple(_text(c) for c in line.chunks) == self.header_key


@dataclass
class _Context:
    """What bounds a table on the page: the rules that make no grid, the vertical extents of ruled
    tables (no table runs across one) and the margin zones (above y0, below y1)."""

    rules: list[Seg]
    blocked: list[tuple[float, float]]
    margins: tuple[float, float]


@dataclass(eq=False)
class _Line(GlyphRun):
    glyphs: list[Glyph]  # the visible glyphs, left to right
    chunks: list[list[Glyph]]  # runs of glyphs with no wide gap inside


@dataclass
class _Region:
    """Lines read as one table, and what was found about them."""

    lines: list[_Line]
    gutters: list[tuple[float, float]]
    header: int  # printed lines of the header row (0: a continuation without header)
    starts: list[int]  # indices into `lines` where body rows start (the first is `header`)
    numbered: bool
    top: float
    bottom: float
    left: float  # the table's outer edges: its rules or frame where drawn, else its text
    right: float
    pad: float | None  # measured inner margin at the outer edges (rules drawn), else None
    header_lines: int = 0  # of the table's header, printed on this page or an earlier one
    header_key: tuple[str, ...] = field(default_factory=tuple)
    edges: list[tuple[float, float]] | None = None  # text edges per column, when known beforehand


def find_tables(glyphs: list[Glyph], rules: list[Seg], page: int, blocked: list[tuple[float, float]] = (),
                margins: tuple[float, float] = (0.0, float("inf")),
                carry: PTable | None = None) -> tuple[list[PTable], list[Glyph]]:
    """Tables without inner rules among `glyphs` (text no ruled grid holds), and the glyphs left.

    `rules` are the page's drawn segments that form no grid (a 三线表's rules, a bare frame);
    `blocked` the vertical extents of ruled tables (no table runs across one); `margins` the
    bottom of the top margin zone and the top of the bottom one; `carry` the aligned table that
    ended the previous page, whose columns the top of this page may continue.
    """
    lines = _lines(glyphs)
    if len(lines) < 2:
        return [], glyphs
    context = _Context(merge_segments(rules), list(blocked), margins)
    regions: list[_Region] = []
    i = 0
    if carry is not None and carry.gutters:
        found = _continuation(lines, context, carry)
        if found is not None:
            regions.append(found)
            i = _index(lines, found.lines[-1]) + 1
    while i < len(lines) - 1:
        # A header at the top of the page may repeat the header of the table that ended the last.
        top = carry if not regions and i < 3 else None
        region = _table_at(lines, i, context, top) if _header_start(lines, i) else None
        if region is None:
            i += 1
            continue
        regions.append(region)
        i = _index(lines, region.lines[-1]) + 1
    if not regions:
        return [], glyphs
    tables = [_build(region, page) for region in regions]
    used = set()
    for t in tables:
        x0, top, x1, bottom = t.bbox
        used |= {id(g) for g in glyphs if x0 <= g.mid_x <= x1 and top <= g.mid_y <= bottom}
    return tables, [g for g in glyphs if id(g) not in used]


def _index(lines: list[_Line], line: _Line) -> int:
    return next(k for k, x in enumerate(lines) if x is line)


# --- lines and pieces --------------------------------------------------------------------------------

def _lines(glyphs: list[Glyph]) -> list[_Line]:
    out = []
    for line in group_lines(glyphs):
        visible = [g for g in line.glyphs if g.text.strip()]
        if visible:
            out.append(_Line(visible, _chunks(visible)))
    return out


def _chunks(glyphs: list[Glyph]) -> list[list[Glyph]]:
    out = [[glyphs[0]]]
    for a, b in pairwise(glyphs):
        if b.x0 - a.x1 > GAP * min(a.size, b.size):
            out.append([b])
        else:
            out[-1].append(b)
    return out


def _text(glyphs: list[Glyph]) -> str:
    return "".join(g.text for g in glyphs).strip()


def _header_piece(chunk: list[Glyph]) -> bool:
    text = _text(chunk)
    return 0 < len(text) <= MAX_HEADER_CHARS and not _SENTENCE.search(text) and not _NUMBER.match(text)


def _header_like(chunks: list[list[Glyph]]) -> bool:
    return len(chunks) >= 2 and all(_header_piece(c) for c in chunks)


def _header_start(lines: list[_Line], i: int) -> bool:
    """Can a header row start at line i: header pieces, and no line of two pieces or more
    right above (that line would be the header's first, or the table's)?"""
    if not _header_like(lines[i].chunks):
        return False
    above = lines[i - 1] if i else None
    return above is None or len(above.chunks) < 2 or lines[i].top - above.bottom > 0.5 * lines[i].size


# --- one table ---------------------------------------------------------------------------------------

def _table_at(lines: list[_Line], i: int, context: _Context, carry: PTable | None) -> _Region | None:
    """The table whose header row starts at line i, or None; `carry`: the table it may continue."""
    head = lines[i]
    pieces = [(c[0].x0, c[-1].x1) for c in head.chunks]
    taken, windows = _follow(lines[i:], [[(a[1], b[0])] for a, b in pairwise(pieces)], head.size, context)
    if len(taken) < 2:
        return None
    gutters = [max(w, key=lambda iv: iv[1] - iv[0]) for w in windows]
    if carry is not None and not (carry.gutters and len(carry.gutters) == len(gutters)):
        carry = None
    return _shape(taken, gutters, context.rules, pieces, carry)


def _narrow(windows: list[list[tuple[float, float]]], line: _Line, gap: float):
    """The clear ranges left in each window once `line` is added; None when one closes."""
    out = []
    for window in windows:
        free = window
        for g in line.glyphs:
            free = [piece for a, b in free for piece in ((a, min(b, g.x0)), (max(a, g.x1), b))
                    if piece[1] > piece[0]]
        free = [iv for iv in free if iv[1] - iv[0] >= gap]
        if not free:
            return None
        out.append(free)
    return out


def _blocked(above: _Line, below: _Line, blocked: list[tuple[float, float]]) -> bool:
    return any(above.bottom <= top and bottom <= below.top + 1 for top, bottom in blocked)


def _column(g: Glyph, gutters: list[tuple[float, float]]) -> int:
    return sum(g.mid_x > (a + b) / 2 for a, b in gutters)


def _cells_of(line: _Line, gutters) -> dict[int, list[Glyph]]:
    out: dict[int, list[Glyph]] = {}
    for g in line.glyphs:
        out.setdefault(_column(g, gutters), []).append(g)
    return out


def _shape(lines: list[_Line], gutters, rules: list[Seg], header_pieces, carry: PTable | None) -> _Region | None:
    """Header, rows and edges of the lines taken, or None where they do not make a table.
    `header_pieces`: the header's pieces (None for a continuation without header); `carry`: the
    table on the previous page this one continues (its number column goes on)."""
    size = lines[0].size
    x0 = min(g.x0 for line in lines for g in line.glyphs)
    x1 = max(g.x1 for line in lines for g in line.glyphs)
    across = sorted((s for s in rules if s.horizontal and _overlap(s.a, s.b, x0, x1) >= SPAN * (x1 - x0)),
                    key=lambda s: s.pos)
    top_rule = [s for s in across if lines[0].top - NEAR * size <= s.pos <= lines[0].top + 1]
    # Rules between two lines that run under a whole column at least (a rule between rows stops
    # short of a merged cell): where each stands, as the index of the first line below it.
    spans = [(x0, gutters[0][0]), *((a[1], b[0]) for a, b in pairwise(gutters)), (gutters[-1][1], x1)]
    inner = sorted((s for s in rules if s.horizontal and lines[0].top + 1 < s.pos < lines[-1].bottom - 1
                    and not any(line.top + 1 < s.pos < line.bottom - 1 for line in lines)
                    and any(s.a <= lo + 1 and s.b >= hi - 1 for lo, hi in spans)), key=lambda s: s.pos)
    marks = sorted({_below(lines, s.pos) for s in inner})
    marks_all = set(marks)

    header = 0
    if header_pieces is not None:
        if isinstance(carry, AlignedTable) and carry.header_lines and carry.repeats_header(lines[0]) \
                and carry.header_lines < len(lines):
            header = carry.header_lines  # the header repeated: as many lines as where it was read
        else:
            header = _header_lines(lines, marks, header_pieces)
        marks = [m for m in marks if m > header]
        closing = [s for s in inner if s in across and _below(lines, s.pos) in marks]
        after = _cells_of(lines[marks[0]], gutters).get(0, []) if marks else []
        if len(marks) == 1 and closing and not _NUMBER.match(_text(after)):
            # One rule across, under the body: the 三线表's bottom rule; what follows (unless a
            # numbered row: then a rule between rows) is not the table.
            lines = lines[:marks[0]]
            inner = [s for s in inner if s.pos <= closing[0].pos + SNAP]
            marks = []
    body = lines[header:]
    if not body:
        return None
    cols = [_cells_of(line, gutters) for line in lines]
    first_column = [c.get(0, []) for c in cols[header:]]
    numbered = _numbered(first_column)
    if not numbered and isinstance(carry, AlignedTable) and carry.numbered:
        numbered = not any(first_column)  # all of it the rest of a row cut by the page break
    if numbered:
        starts = [header] + [k for k in range(header + 1, len(lines)) if cols[k].get(0)]
    else:
        starts = sorted({header, *marks, *_spaced(lines, header)})
        if len(body) > 1 and len(starts) < 2:
            return None  # rows cannot be told apart
    bottom_rule = [s for s in across if lines[-1].bottom - 1 <= s.pos <= lines[-1].bottom + NEAR * size]
    frame = _frame(rules, lines[0].top, lines[-1].bottom, x0, x1, size)
    # Rules that make a table: one over the header, one under it, or a frame along the lines. A
    # rule under the last line alone proves nothing (text often stands above a rule).
    drawn = bool(top_rule or frame or (header and header in marks_all))
    rows = [lines[a:b] for a, b in pairwise([*starts, len(lines)])]
    multi = sum(len({k for line in row for k in _cells_of(line, gutters)}) >= 2 for row in rows)
    if carry is None:
        if numbered or drawn:
            if multi < 1:
                return None
        elif len(gutters) + 1 < 3 or multi < 2 or 2 * multi < len(rows):
            return None  # nothing but alignment: three columns, most rows with text in two
    elif header_pieces is None and multi < 1 and len(lines) < 3:
        return None  # a continuation without header: text in two columns, or lines enough
    left, right = x0 - 1, x1 + 1
    pad = None
    table_rules = top_rule + inner + bottom_rule
    if frame:
        left, right = frame
    elif table_rules:
        left, right = min(s.a for s in table_rules), max(s.b for s in table_rules)
    if frame or table_rules:
        pad = min(max(x0 - left, 0.0), MAX_PAD)
    top = max(top_rule, key=lambda s: s.pos).pos if top_rule else lines[0].top - 1
    bottom = min(bottom_rule, key=lambda s: s.pos).pos if bottom_rule else lines[-1].bottom + 1
    if frame:
        bottom = max(bottom, min(_frame_bottom(rules, frame, lines[-1].bottom), lines[-1].bottom + NEAR * size))
    region = _Region(lines, gutters, header, starts, numbered, top, bottom, left, right, pad)
    if header:
        region.header_lines, region.header_key = header, tuple(_text(c) for c in lines[0].chunks)
    elif isinstance(carry, AlignedTable):
        region.header_lines, region.header_key = carry.header_lines, carry.header_key
    return region


def _below(lines: list[_Line], y: float) -> int:
    return next(k for k, line in enumerate(lines) if line.top >= y - 1)


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def _header_lines(lines: list[_Line], marks: list[int], pieces) -> int:
    """Printed lines of the header row: down to a rule drawn under it, or the lines right under
    the first that hold only short header pieces, each under a piece of the first."""
    if marks and marks[0] <= MAX_HEADER_LINES \
            and all(_header_like_line(line, pieces, None) for line in lines[1:marks[0]]):
        return marks[0]
    n = 1
    while n < min(len(lines), MAX_HEADER_LINES) and _header_like_line(lines[n], pieces, lines[n - 1]):
        n += 1
    return n


def _header_like_line(line: _Line, pieces, above: _Line | None) -> bool:
    if above is not None and line.top - above.bottom > 0.5 * line.size:
        return False
    return len(line.chunks) <= len(pieces) and all(
        _header_piece(c) and any(_overlap(c[0].x0, c[-1].x1, a, b) > 0 for a, b in pieces) for c in line.chunks)


def _numbered(first_column: list[list[Glyph]]) -> bool:
    """Is the first column a number column: every text in it a bare number, the numbers rising?"""
    texts = [_text(g) for g in first_column if g]
    if not texts or not all(_NUMBER.match(t) for t in texts):
        return False
    values = [int(m.group()) for t in texts if (m := _DIGITS.search(t))]
    return all(b > a for a, b in pairwise(values))


def _spaced(lines: list[_Line], header: int) -> list[int]:
    """Body lines that stand further below the line above than the table's least line pitch."""
    pitches = [b.top - a.top for a, b in pairwise(lines[header:])]
    step = min((p for p in pitches if p > 0), default=0.0)
    return [header + k + 1 for k, p in enumerate(pitches) if step and p > ROW_SPACING * step]


def _frame(rules: list[Seg], top: float, bottom: float, x0: float, x1: float, size: float):
    """Left and right of a bare frame: vertical rules just outside the text, along its height."""
    height = bottom - top
    sides = [s for s in rules
             if not s.horizontal and s.a <= top + size and _overlap(s.a, s.b, top, bottom) >= SPAN * height]
    left = [s.pos for s in sides if x0 - MAX_PAD <= s.pos <= x0 + 0.5]
    right = [s.pos for s in sides if x1 - 0.5 <= s.pos <= x1 + MAX_PAD * 4]
    if not left or not right:
        return None
    return max(left), min(right)


def _frame_bottom(rules: list[Seg], frame: tuple[float, float], last: float) -> float:
    ends = [s.b for s in rules if not s.horizontal and abs(s.pos - frame[0]) <= SNAP and s.b >= last]
    return min(ends, default=last + 1)


# --- a table continued from the previous page -------------------------------------------------------

def _continuation(lines: list[_Line], context: _Context, carry: PTable) -> _Region | None:
    """The lines at the top of the page that go on in the columns of `carry`, with or without a
    repeated header (a repeated header is read as a header and dropped when stitched)."""
    size = _carry_size(carry)
    for start in range(min(3, len(lines))):
        if start and lines[start].top - lines[start - 1].bottom <= MAX_LINE_GAP * size:
            break  # only a running header, standing apart, may come before the table
        if _header_like(lines[start].chunks):
            return None  # a header: read as a table of its own (stitched when the columns agree)
        taken, _ = _follow(lines[start:], [[g] for g in carry.gutters or []], size, context)
        if not taken:
            continue
        region = _shape(taken, list(carry.gutters or []), context.rules, None, carry)
        if region is not None:
            region.left, region.right = carry.xs[0], carry.xs[-1]
            region.edges = _carry_edges(carry)
            return region
    return None


def _follow(lines: list[_Line], windows, size: float, page: _Context) -> tuple[list[_Line], list]:
    """The lines from the first on that keep every window (x-ranges between columns) clear of
    text, and the clear ranges left in each window. In the page's top and bottom margin zones,
    where running headers and page numbers stand, a line must follow at the table's own spacing."""
    taken: list[_Line] = []
    usual: float | None = None  # the widest spacing between the lines taken
    for line in lines:
        if taken:
            gap = line.top - taken[-1].bottom
            if gap > MAX_LINE_GAP * size or _blocked(taken[-1], line, page.blocked):
                break
            if (line.bottom <= page.margins[0] or line.top >= page.margins[1]) \
                    and gap > (0.5 * size if usual is None else usual) + 0.25 * size:
                break
        if not 1 / SIZE_RATIO <= line.size / size <= SIZE_RATIO:
            break
        narrowed = _narrow(windows, line, GAP * size)
        if narrowed is None:
            break
        windows = narrowed
        if taken:
            usual = max(usual or 0.0, line.top - taken[-1].bottom)
        taken.append(line)
    return taken, windows


def _carry_edges(table: PTable) -> list[tuple[float, float]]:
    edges: dict[int, tuple[float, float]] = {}
    for c in table.cells:
        edges.setdefault(c.col, (c.text_left, c.text_right))
    return [edges[k] for k in sorted(edges)]


def _carry_size(table: PTable) -> float:
    sizes = sorted(line.size for c in table.cells for line in c.lines)
    return sizes[len(sizes) // 2] if sizes else 10.0


# --- the table ---------------------------------------------------------------------------------------

def _build(region: _Region, page: int) -> PTable:
    lines, gutters = region.lines, region.gutters
    n_cols = len(gutters) + 1
    xs = [region.left, *((a + b) / 2 for a, b in gutters), region.right]
    row_lines = ([lines[:region.header]] if region.header else []) + \
        [lines[a:b] for a, b in pairwise([*region.starts, len(lines)])]
    tops = [region.top] + [rl[0].top - 1 for rl in row_lines[1:]]
    bottoms = [*tops[1:], region.bottom]
    edges = region.edges or _edges(region, xs)
    grid: list[list[PCell]] = []
    for r, rl in enumerate(row_lines):
        parts: dict[int, list[Glyph]] = {}
        for line in rl:
            for k, gs in _cells_of(line, gutters).items():
                parts.setdefault(k, []).extend(gs)
        grid.append([])
        for k in range(n_cols):
            text_lines: list[TextLine] = group_lines(parts.get(k, []))
            left, right = edges[k]
            cell = PCell(r, k, 1, 1, (xs[k], tops[r], xs[k + 1], bottoms[r]), page, text_lines,
                         src_row=r, src_col=k, text_left=left, text_right=right)
            cell.ends = line_ends(text_lines, left, right)
            grid[-1].append(cell)
    bbox = (xs[0], region.top, xs[-1], region.bottom)
    return AlignedTable(page, xs, len(row_lines), [c for row in grid for c in row], bbox, gutters=list(gutters),
                        header_lines=region.header_lines, header_key=region.header_key, numbered=region.numbered)


def _edges(region: _Region, xs: list[float]) -> list[tuple[float, float]]:
    """Text edges of each column. Left: its leftmost text. Right: where the next column's text
    starts, less the margins on both sides of the boundary — twice the margin measured at the
    frame or rules, else the narrowest gutter (next to a column whose lines run to its edge).
    Not the start of the gutter: the widest line of a column may be a whole paragraph, short of
    the edge. The last column: the frame or rules less the margin, else its rightmost text."""
    gutters = region.gutters
    n_cols = len(gutters) + 1
    by_col: dict[int, list[Glyph]] = {}
    for line in region.lines:
        for k, gs in _cells_of(line, gutters).items():
            by_col.setdefault(k, []).extend(gs)
    lefts = [min((g.x0 for g in by_col.get(k, [])), default=xs[k]) for k in range(n_cols)]
    widest = [max((g.x1 for g in by_col.get(k, [])), default=xs[k + 1]) for k in range(n_cols)]
    margins = 2 * region.pad if region.pad is not None else min(b - a for a, b in gutters)
    rights = [max(widest[k], lefts[k + 1] - margins) for k in range(n_cols - 1)]
    rights.append(max(widest[-1], region.right - region.pad) if region.pad is not None else widest[-1])
    return list(zip(lefts, rights, strict=True))


def settle(table: PTable) -> None:
    """Text of a merged cell taller than its first row runs on into the rows below, where the
    alignment reads it as theirs. Once the table is whole (stitched over its pages): where a
    cell's last line reaches the bottom of its row and runs to the cell edge (a wrap), and the
    next row's cell in that column starts at the top of its row and is the rest of that paragraph
    and nothing more (no number of its own), it is moved back up. Only in columns where cells
    merge (a row of its own has a blank cell there), never in the number column or the column
    with the most text. The cell above may itself have taken the rest of a cell above it.

    Geometry cannot tell this from a cell whose last line happens to fill its column followed by
    a new cell of one paragraph; in a column with blank cells the overflow is the likelier."""
    if table.gutters is None or table.n_rows < 3:
        return
    n_cols = len(table.xs) - 1
    at = {(c.row, c.col): c for c in table.cells if c.rowspan == 1 and c.colspan == 1}
    if len(at) != len(table.cells) or len(at) != table.n_rows * n_cols:
        return
    grid = [[at[r, k] for k in range(n_cols)] for r in range(table.n_rows)]
    first = [grid[r][0].text for r in range(1, table.n_rows) if not grid[r][0].blank]
    numbered = bool(first) and all(_NUMBER.match(t) for t in first)
    # Rows of their own: with a number column, a row without a number is the rest of a row cut
    # by a page break, blank where that row's cells ended on the page before.
    own = [r for r in range(1, table.n_rows) if not numbered or not grid[r][0].blank]
    size = {k: sum(len(grid[r][k].text) for r in range(1, table.n_rows)) for k in range(n_cols)}
    main = max(size, key=lambda k: size[k])
    for k in range(n_cols):
        if k == main or (numbered and k == 0) or not any(grid[r][k].blank for r in own):
            continue
        owner: PCell | None = None
        for r in range(1, table.n_rows):
            cell = grid[r][k]
            if owner is not None and not cell.blank and cell.ends.index(True) == len(cell.lines) - 1 \
                    and not _ENUMERATOR.match(cell.text) and owner.tail == grid[r - 1][k].tail \
                    and _at_top(cell) and _at_bottom(owner) and wraps_into(owner, cell):
                owner.lines = owner.lines + cell.lines
                owner.ends = line_ends(owner.lines, owner.text_left, owner.text_right)
                owner.tail = cell.tail
                cell.lines, cell.ends = [], []
            if not cell.blank:
                owner = cell


def _at_top(cell: PCell) -> bool:
    return cell.lines[0].top - cell.bbox[1] <= 0.8 * cell.lines[0].size


def _at_bottom(cell: PCell) -> bool:
    """The cell's last line ends its row: inside the cell's part on its latest page (a row cut
    by a page break may have no text of this cell there), less than a line from its bottom."""
    last = cell.lines[-1]
    return cell.tail[1] - 1 <= last.top and -1 <= cell.tail[3] - last.bottom <= 0.8 * last.size
