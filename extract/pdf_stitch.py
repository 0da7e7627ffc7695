"""A table printed over several pages → one table.

Office suites and browsers cut a long table at the page end and go on at the top of the next
page, often repeating the header row. What the pages show and what it means:
  * same column rules (x positions) at the end of one page and the top of the next: one table;
  * the next page's first rows equal to the header rows: a repeated header, dropped;
  * a row cut by the page break: its fragment on the next page has no number of its own and only
    continues cells whose text ran to the bottom of the page — it is joined to the row above;
  * a merged cell crossing the break: its part on the next page is blank at the top, in a column
    where cells merge — it extends the cell above (its rowspan grows); or it holds the rest of a
    text left visibly unfinished at the bottom of the page (an open bracket, a trailing 、) —
    it extends the cell too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

from .pdf_text import TextLine, bracket_open, line_ends

X_TOLERANCE = 3.0  # pt: column rules this close on two pages are the same column
RECENT_ROWS = 60  # rows above a page break that tell which column holds numbers, which the task

# A cell text that opens a new task: "3." "3．" "3、" "（3）" "(3)" "三、" "（三）" — not a decimal
# ("8.2%左右。", the rest of a sentence cut by the page break).
_ENUMERATOR = re.compile(
    r"^\s*(?:\d{1,3}\s*(?:[.．](?!\d)|、)|[（(]\s*[\d一二三四五六七八九十]{1,3}\s*[）)]|[一二三四五六七八九十]{1,3}、)")
_SENTENCE_END = tuple("。；;！!？?")
_LEADING_DIGITS = re.compile(r"^\s*[（(]?(\d{1,3})\s*([.．、）)])(?!\d)")  # 1. / (2) / 3、 and its mark
_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")


@dataclass
class PCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    bbox: tuple[float, float, float, float]
    page: int
    lines: list[TextLine] = field(default_factory=list)
    ends: list[bool] = field(default_factory=list)
    src_row: int = 0
    src_col: int = 0
    text_left: float = 0.0  # the cell's text edges: its box less the inner margins
    text_right: float = 0.0
    tail: tuple[float, float, float, float] | None = None  # box of the part on the latest page

    def __post_init__(self) -> None:
        if self.tail is None:
            self.tail = self.bbox

    @property
    def blank(self) -> bool:
        return not any(line.text.strip() for line in self.lines)

    @property
    def text(self) -> str:
        return "".join("".join(line.text.split()) for line in self.lines)


@dataclass
class PTable:
    page: int  # where the table starts
    xs: list[float]
    n_rows: int
    cells: list[PCell]
    bbox: tuple[float, float, float, float]
    last_page: int = 0  # where the table ends (after stitching)
    # For a table read from text alignment (pdf_align), not rules: the clear x-ranges between its
    # columns. Its merged cells are unknown.
    gutters: list[tuple[float, float]] | None = None

    def __post_init__(self) -> None:
        self.last_page = max(self.last_page, self.page)

    # Cells are kept in row order (each page's grid is, and stitching appends below), which lets
    # the lookups below stop early: stitching a long table stays linear in its length.

    def at(self, row: int, col: int) -> PCell | None:
        for c in reversed(self.cells):
            if c.row <= row < c.row + c.rowspan and c.col <= col < c.col + c.colspan:
                return c
        return None

    def last_row(self) -> dict[int, PCell]:
        """Column → the cell covering it in the last row (found from the end, stopping early)."""
        last, n_cols = self.n_rows - 1, len(self.xs) - 1
        out: dict[int, PCell] = {}
        for c in reversed(self.cells):
            if c.row <= last < c.row + c.rowspan:
                for col in range(c.col, c.col + c.colspan):
                    out.setdefault(col, c)
                if len(out) >= n_cols:
                    break
        return out

    def recent(self, rows: int) -> list[PCell]:
        """Cells whose origin is in the last `rows` body rows."""
        limit = max(1, self.n_rows - rows)
        out = []
        for c in reversed(self.cells):
            if c.row < limit:
                break
            out.append(c)
        return out

    def row_texts(self, row: int) -> list[str]:
        return [c.text for c in self.origins(row)]

    def origins(self, row: int) -> list[PCell]:
        found = []
        for c in self.cells:
            if c.row > row:
                break
            if c.row == row:
                found.append(c)
        return sorted(found, key=lambda c: c.col)


def same_columns(first: PTable, second: PTable) -> bool:
    """Both tables have the same outer edges, and the rules of one are among the other's; for
    tables read from text alignment: as many columns, each gutter overlapping its counterpart."""
    if first.gutters is not None or second.gutters is not None:
        if first.gutters is None or second.gutters is None or len(first.gutters) != len(second.gutters):
            return False
        return all(max(a0, b0) < min(a1, b1) for (a0, a1), (b0, b1) in zip(first.gutters, second.gutters, strict=True))
    a, b = first.xs, second.xs
    if abs(a[0] - b[0]) > X_TOLERANCE or abs(a[-1] - b[-1]) > X_TOLERANCE:
        return False
    short, long_ = sorted((a, b), key=len)
    return all(any(abs(x - y) <= X_TOLERANCE for y in long_) for x in short)


def stitch(first: PTable, second: PTable, room: float = 0.0) -> PTable:
    """`second` continues `first` on the next page: one table. `room`: how far the writing area
    went on below `first` on its page (a row moved whole to the next page leaves room behind)."""
    if first.gutters is not None and second.gutters is not None:
        second = replace(second, xs=list(first.xs))  # columns by position, not by x
    xs = _union(first.xs, second.xs)
    first, second = _regrid(first, xs), _regrid(second, xs)
    second = _drop_repeated_header(first, second)
    if not second.cells:
        return replace(first, last_page=second.last_page)
    last_row = first.last_row()
    matched = {id(x): above for x in second.origins(0)
               if (above := last_row.get(x.col)) is not None and (above.col, above.colspan) == (x.col, x.colspan)}
    groups = _groups_over_next_row(first, second, matched, last_row)
    # A cut row is joined cell by cell: only where every cell lines up with one above.
    joined = not groups and len(matched) == len(second.origins(0)) and continues_row(first, second)
    cells = list(first.cells)
    taken: set[int] = set()
    along = set() if joined else groups | _merged_with_number(first, second, matched, room) \
        | _enumerated_going_on(first, second, matched)
    for x in second.origins(0):
        above = matched.get(id(x))
        if above is None:
            continue
        if joined:
            _extend(above, x, x.rowspan - 1)
            taken.add(id(x))
        elif x.blank and _merges(first, second, x.col, above, x):
            _extend(above, x, x.rowspan)
            taken.add(id(x))
        elif id(x) in along or _overflows(first, second, above, x):
            _extend(above, x, x.rowspan)
            taken.add(id(x))
    shift = first.n_rows - (1 if joined else 0)
    for c in second.cells:
        if id(c) not in taken:
            cells.append(replace(c, row=c.row + shift))
    return PTable(first.page, xs, second.n_rows + shift, cells, first.bbox, second.last_page, first.gutters)


def _merged_with_number(first: PTable, second: PTable, matched: dict[int, PCell], room: float) -> set[int]:
    """The parts at the top of the next page that go on with the item's number, where the
    number's own part is blank. Where the number is seen merged above the break (序号 9 and its
    项目名称 both over rows 9-11), every cell merged as it is goes on, its text too, though the
    break cut it mid-word (深化机关事业 | 单位养老保险…). Where the row moved to the next page
    whole (room was left above the break: no cut row) and carries text but no number, it is the
    item above going on (a sub-row: one progress line per unit): the number's cell continues, and
    so do the blank parts under cells covering the number's rows exactly (主要任务, 责任单位).
    Where the row atop the page has a number of its own, the blank parts before it continue the
    groups."""
    col = _number_column(first.recent(RECENT_ROWS) + second.cells)
    if col is None:
        return set()
    parts = {x.col: x for x in second.origins(0)}
    part = parts.get(col)
    number = matched.get(id(part)) if part is not None else None
    if number is None or number.blank:
        return set()
    if not part.blank:
        # A new item atop the page: the blank cells before its number are the groups over the
        # items going on (考核内容 | 考核指标 merged over items 1-5, a row a page), as a text
        # export's blank group cell carries the one above.
        return {id(x) for x in parts.values() if x.blank and x.col < col
                and (above := matched.get(id(x))) is not None and not above.blank}
    merged = number.rowspan > 1 and _merges(first, second, col, number, part)
    filled = [x for x in parts.values() if not x.blank]
    moved_whole = bool(filled) and room > 3 * max(x.lines[0].size for x in filled)
    if not (merged or moved_whole):
        return set()
    along = {id(part)}
    for x in parts.values():
        above = matched.get(id(x))
        if x is part or above is None or (above.row, above.rowspan) != (number.row, number.rowspan):
            continue
        if x.blank or (merged and x.rowspan == part.rowspan):
            along.add(id(x))
    return along


def _enumerated_going_on(first: PTable, second: PTable, matched: dict[int, PCell]) -> set[int]:
    """Merged cells cut by the break beside a new row: in a column whose items each open with
    their own number ((1)… (2)… (3)…), a part atop the page that opens with none, where the text
    above ran to the bottom of its box and on into it, is the rest of the item above (工作指标 (4)
    merged over two tasks, the second moved to the next page). The blank parts under cells
    covering the same rows as that item's cell go on with it (时限 4月 merged beside it)."""
    going: list[PCell] = []
    recent = first.recent(RECENT_ROWS)
    for x in second.origins(0):
        above = matched.get(id(x))
        if x.blank or above is None or above.blank or _ENUMERATOR.match(x.text):
            continue
        items = [c for c in recent if c.col == x.col and c.colspan == x.colspan and not c.blank]
        if len(items) >= 2 and all(_ENUMERATOR.match(c.text) for c in items) \
                and _runs_to_bottom(above) and wraps_into(above, x):
            going.append(above)
    if not going:
        return set()
    ids, spans = {id(a) for a in going}, {(a.row, a.rowspan) for a in going}
    return {id(x) for x in second.origins(0) if (a := matched.get(id(x))) is not None
            and (id(a) in ids or (x.blank and not a.blank and (a.row, a.rowspan) in spans))}


def _groups_over_next_row(first: PTable, second: PTable, matched: dict[int, PCell],
                          last_row: dict[int, PCell]) -> set[int]:
    """Groups that begin in a one-line row at the foot of the page, cut there, over the next item
    atop the next page (第 一 季 | 企业经营 | 收入(20分) above the break; 度 | (55分) | 税后利润(20分)
    below it, 度 and (55分) merged over the items that follow). The parts below that span more
    rows than the rest and take the words left over from above (no number of their own) continue
    their groups; the rest, whose first words would have fitted on the line above, start the next
    row. A row of several lines above the break shows its groups whole (五、持续加强…解读)."""
    last = first.n_rows - 1
    if any(len(c.lines) > 1 for c in last_row.values() if c.row == last):
        return set()
    parts = [x for x in second.origins(0) if not x.blank]
    low = min((x.rowspan for x in parts), default=0)

    def above(x: PCell) -> PCell | None:
        a = matched.get(id(x))
        return a if a is not None and not a.blank and (a.row, a.rowspan) == (last, 1) and _runs_to_bottom(a) else None

    tall = [x for x in parts if x.rowspan > low]
    if not tall or not all((a := above(x)) is not None and wraps_into(a, x) and not _ENUMERATOR.match(x.text)
                           for x in tall):
        return set()
    if not any((a := above(x)) is not None and not wraps_into(a, x) for x in parts if x.rowspan == low):
        return set()
    return {id(x) for x in tall}


def _extend(above: PCell, part: PCell, rows: int) -> None:
    if above.lines and part.lines:  # the page's last line: a wrap if the next part could not fit
        above.ends = [*above.ends[:-1], not wraps_into(above, part)]
    above.lines = above.lines + part.lines
    above.ends = above.ends + part.ends
    above.tail = part.tail
    above.rowspan += rows


def wraps_into(above: PCell, part: PCell) -> bool:
    """Does the last line of `above` run on into the first line of `part` (no paragraph end)?"""
    return not line_ends([above.lines[-1], part.lines[0]], above.text_left, above.text_right)[0]


def _union(a: list[float], b: list[float]) -> list[float]:
    out = list(a)
    for x in b:
        if all(abs(x - y) > X_TOLERANCE for y in out):
            out.append(x)
    return sorted(out)


def _regrid(table: PTable, xs: list[float]) -> PTable:
    """The same table with its columns counted on `xs` (a finer set of column rules)."""
    if table.xs == xs:
        return table

    def index(x: float) -> int:
        return min(range(len(xs)), key=lambda i: abs(xs[i] - x))

    cells = []
    for c in table.cells:
        c0, c1 = index(table.xs[c.col]), index(table.xs[c.col + c.colspan])
        cells.append(replace(c, col=c0, colspan=max(1, c1 - c0)))
    return PTable(table.page, xs, table.n_rows, cells, table.bbox, table.last_page, table.gutters)


def _drop_repeated_header(first: PTable, second: PTable) -> PTable:
    k = 0
    while k < min(first.n_rows, second.n_rows, 3) and second.row_texts(k) == first.row_texts(k) \
            and any(second.row_texts(k)):
        k += 1
    if k == 0:
        return second
    cells = [replace(c, row=c.row - k) for c in second.cells if c.row >= k]
    return PTable(second.page, second.xs, second.n_rows - k, cells, second.bbox, second.last_page, second.gutters)


def continues_row(first: PTable, second: PTable) -> bool:
    """Is the first row of `second` the rest of the last row of `first`, cut by the page break?"""
    fragment = second.origins(0)
    filled = [x for x in fragment if not x.blank]
    if not filled:
        return True  # nothing but the cut row's empty bottom
    recent = first.recent(RECENT_ROWS)
    number_col = _number_column(recent)
    if number_col is not None and any(x.col == number_col for x in filled):
        return False  # a row with its own number is a new row
    last_row = first.last_row()
    over = last_row.get(filled[0].col)
    if number_col is not None and len(filled) == 1 and _next_number(over, filled[0]) and _runs_to_bottom(over):
        # One cell going on with the next point of its own list (1. 印发… | 2. 印发…), where rows
        # are numbered: a new row would bring its number.
        return True
    main = _main_column(recent + second.cells)
    above_main = last_row.get(main) if main is not None else None
    unfinished = above_main is not None and not above_main.blank and not above_main.text.endswith(_SENTENCE_END)
    if any(_ENUMERATOR.match(x.text) for x in filled) and not unfinished:
        return False  # a new task's text opens with its number (the one above ended its sentence)
    if any(_next_number(last_row.get(x.col), x) for x in filled):
        return False  # 1.明确… above, 2.根据… below in the same column: the next item's row
    # Where every row brings its own number, one without a number atop the page is the rest of
    # the row above, though the break fell between two paragraphs of a cell (南河(蔺家河) |
    # 起点为…): its lines need not run on where the text above ended no sentence (a sentence
    # ended above may be a sub-row's: 区投促局:已开始推介。 | 街道办事处:…).
    numbers = _number_column(recent + second.cells)
    over_number = last_row.get(numbers) if numbers is not None else None
    numbered = over_number is not None and bool(_NUMBER.match(over_number.text)) \
        and all(x.col != numbers for x in filled) \
        and _numbers_every_row([recent, [c for c in second.cells if c.row > 0]], numbers, len(first.xs) - 1)
    ended = cut = False
    for x in filled:
        above = last_row.get(x.col)
        if above is None or above.blank or not _runs_to_bottom(above):
            return False  # text under a cell that had room left: a new row
        if numbered and not above.text.endswith(_SENTENCE_END):
            cut = True  # goes on unfinished, whether its line ran on or a paragraph ended
            continue
        wraps = wraps_into(above, x)
        if x.col == main and not wraps:
            return False  # the task text above ended its paragraph: this one starts anew
        finished = above.text.endswith(_SENTENCE_END)
        ended |= finished and not wraps
        cut |= not finished and wraps
    # Another cell's sentence ended too, and none runs on unfinished (…800户。 | 综合改造…, not
    # …一地签约、全 | 县共享… beside 已完成。 | 数据采集…): the next row.
    return not ended or cut


def _numbers_every_row(parts: list[list[PCell]], col: int, n_cols: int) -> bool:
    """Whether each body row near the break (on either page) holds its own number, none merged
    over sub-rows: the rows from the first numbered one on, section rows across the table aside."""
    counted = 0
    for cells in parts:
        numbers = {c.row: c for c in cells if c.col == col}
        first = min((r for r, c in numbers.items() if _NUMBER.match(c.text)), default=None)
        if first is None:
            continue
        rows = {c.row for c in cells if c.row >= first and not c.blank and c.colspan < n_cols}
        if not all(r in numbers and numbers[r].rowspan == 1 and _NUMBER.match(numbers[r].text) for r in rows):
            return False
        counted += len(rows)
    return counted >= 2


def _next_number(above: PCell | None, part: PCell) -> bool:
    """Whether a cell opens with the number after the one its cell above opens with (1. then 2.),
    that cell holding one numbered item only (not a list 1.… 2.… cut before its third)."""
    if above is None or above.blank:
        return False
    a, b = _LEADING_DIGITS.match(above.text), _LEADING_DIGITS.match(part.text)
    one_item = not re.search(r"[；;。]\s*\d{1,3}[.．、]", above.text)
    return bool(a and b and a.group(2) == b.group(2) and int(b.group(1)) == int(a.group(1)) + 1 and one_item)



def _runs_to_bottom(cell: PCell) -> bool:
    """The cell's text reaches the bottom of its box: less room is left than a line, plus the
    line that widow/orphan control moves to the next page, plus the cell's padding."""
    last = cell.lines[-1]
    pitches = [b.top - a.top for a, b in pairwise(cell.lines) if b.top > a.top]
    pitch = min(pitches) if pitches else 1.4 * last.size
    return cell.tail[3] - last.bottom <= 2.6 * pitch + 4


def _number_column(cells: list[PCell]) -> int | None:
    """A column whose body cells are mostly bare numbers (序号)."""
    counts: dict[int, list[bool]] = {}
    for c in cells:
        if not c.blank:
            counts.setdefault(c.col, []).append(bool(_NUMBER.match(c.text)))
    for col, flags in sorted(counts.items()):
        if len(flags) >= 2 and sum(flags) >= 0.8 * len(flags):
            return col
    return None


def _main_column(cells: list[PCell]) -> int | None:
    """The column holding the most text (the task column)."""
    size: dict[int, int] = {}
    for c in cells:
        size[c.col] = size.get(c.col, 0) + len(c.text)
    return max(size, key=lambda k: size[k]) if size else None


def _overflows(first: PTable, second: PTable, above: PCell, part: PCell) -> bool:
    """Is the text at the top of the next page the rest of a merged cell that did not fit above
    the break (县发展改革委（县投资 | 促进服务中心）)? The cell above or its part below spans rows,
    its text runs to the bottom of the page and is visibly unfinished — a bracket left open, a
    separator at its end or a single character after it (a line that merely reaches the cell
    edge says nothing in a narrow column, where a whole name can fill its line); and the column is
    neither the number nor the task column, where a new row starts with its own number or text.
    A complete name above a new one (县生态环境局 | 县经济信息委) stays two cells."""
    if above.blank or part.blank or not (above.rowspan > 1 or part.rowspan > 1) or not _runs_to_bottom(above):
        return False
    recent = first.recent(RECENT_ROWS)
    if part.col in (_number_column(recent), _main_column(recent + second.cells)):
        return False
    text = above.text
    # After the last separator, one character is no name yet (…开工作,区 | 各行政规范性文件…).
    return bracket_open(text) or len(re.split(r"[、，,；;]", text)[-1]) <= 1 < len(text)


def _merges(first: PTable, second: PTable, col: int, above: PCell, part: PCell) -> bool:
    """Does a blank cell at the top of the next page continue a merged cell? Where cells of that
    column merge (in the rows near the break), a blank cell is the merge going on."""
    if above.blank:
        return False
    if part.rowspan > 1 or above.rowspan > 1:
        return True
    return any(c.col == col and c.rowspan > 1 for c in first.recent(RECENT_ROWS) + second.cells)
