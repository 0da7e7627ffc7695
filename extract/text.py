"""Reader for the text exports of notices (Word/WPS "save as text" and copies of it).

The format: a table cell begins with a tab at the start of a line; the lines that follow without
a tab continue that cell; rows are not marked. Blank lines carry no meaning inside a table (they
separate a cell's paragraphs as often as they separate rows), with two exceptions used below:
  * the header row ends at the first tab line that follows a blank line, which gives the column
    count; every later cell is placed by counting (rows are kept in step);
  * at a row boundary, a tab-less line after two or more blank lines, or a line that opens the
    closing block of a notice (抄送, 印发 ...), is text after the table, not the last cell's
    continuation. That is where the next table's title, 抄送 and 印发 lines live.
Paragraphs outside tables are kept, one per non-blank line, as printed (trailing space dropped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from .encoding import decode_text
from .errors import NoticeError
from .model import Block, Cell, Document, Paragraph, SourcePos, Table

# A table's title, or the 附件 label above it.
_TITLE_LIKE = re.compile(r"^(?:(?:附件|附表)\s*\d*\s*[:：]?|[^\t。，；;,]{4,60}(?:表|清单|台账|目录|名单|一览表))$")
# Lines that open the closing block of a notice; they never continue a table cell.
_TRAILER = re.compile(r"^\s*(抄送|抄报|主送|主题词|附件\s*[:：\d]|（此件|\(此件|[^\t]{0,80}印发\s*$)")


@dataclass
class _RawCell:
    line: int  # 1-based line where the cell starts
    lines: list[str] = field(default_factory=list)
    after_blank: bool = False  # a blank line came right before this cell's tab line


def read_text(path: str | Path) -> Document:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise NoticeError(str(path), f"cannot read the file: {e.strerror or e}") from e
    return parse_text(data, source_file=str(path))


def parse_text(data: bytes | str, source_file: str = "<text>") -> Document:
    if isinstance(data, bytes):
        if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise NoticeError(source_file, "binary data, not a text export (NUL bytes in a file read as text)")
        text, encoding, warnings = decode_text(data)
    else:
        text, encoding, warnings = data, None, []
    lines = text.lstrip("\ufeff").splitlines()
    blocks: list[Block] = []
    gap = _cell_gap(lines)
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("\t"):
            table, i, warns = _read_table(lines, i, gap)
            blocks.append(table)
            warnings.extend(warns)
            continue
        if line.strip():
            blocks.append(Paragraph(line.rstrip(), SourcePos(line=i + 1)))
        i += 1
    return Document(source_file=source_file, format="txt", blocks=blocks, encoding=encoding, warnings=warnings)


def _cell_gap(lines: list[str]) -> int:
    """How many blank lines this exporter puts between a cell's own lines: the most common run of
    blank lines before a tab-less line that sits between two cells (one in the samples' habit,
    two or none in other tools')."""
    runs: dict[int, int] = {}
    pending: list[int] = []  # runs before the tab-less lines since the last cell: counted once a cell follows
    in_cell, blank = False, 0
    for line in lines:
        if line.startswith("\t"):
            for run in pending:
                runs[run] = runs.get(run, 0) + 1
            pending, in_cell, blank = [], True, 0
        elif not line.strip():
            blank += 1
        else:
            if in_cell and blank <= 3:
                pending.append(blank)
            if blank > 3:
                in_cell, pending = False, []
            blank = 0
    return max(runs, key=lambda k: (runs[k], -k)) if runs else 1


def _read_table(lines: list[str], start: int, gap: int = 1) -> tuple[Table, int, list[str]]:
    """Read the table whose first cell is at `start`; return it and the index after it. `gap` is
    the exporter's blank lines inside a cell: a tab-less line after more than that (at least
    two) at a row end is text after the table."""
    ends_after = max(2, gap + 1)
    cells: list[_RawCell] = []
    n_cols: int | None = None
    blank_run = 0
    end = len(lines)
    i = start
    while i < len(lines):
        line = lines[i]
        if not line.strip() and not line.startswith("\t"):
            blank_run += 1
        elif line.startswith("\t"):
            if n_cols is None and blank_run and cells:
                n_cols = len(cells)  # the header row ended at the first blank line
            cells.append(_RawCell(line=i + 1, after_blank=bool(blank_run)))
            _add_line(cells[-1], line[1:])
            blank_run = 0
        else:
            at_row_end = n_cols is None or len(cells) % n_cols == 0
            if at_row_end and (blank_run >= ends_after or _TRAILER.match(line) or _opens_table(lines, i)):
                end = i - blank_run
                break
            _add_line(cells[-1], line)
            blank_run = 0
        i += 1
    else:
        end = len(lines)
    return _build_grid(cells, n_cols, start), end, _grid_warnings(cells, n_cols, start)


def _opens_table(lines: list[str], i: int) -> bool:
    """Is the tab-less line at `i`, at a row end, the title of a table that follows? It reads as a
    title (附件2, …任务分解表, …结对帮扶表: short, no sentence punctuation) and the next lines are
    a header row: tab lines of short labels without figures (序号 | 渝中区 | 巫溪县). Exporters that
    put one blank line (or none) between a table and the next one's title need this; a cell's
    continuation line (（集团）公司) is no title, and a data row starts with its figures."""
    if not _TITLE_LIKE.match(lines[i].strip()):
        return False
    j = i + 1
    while j < len(lines) and (not lines[j].strip() or _TITLE_LIKE.match(lines[j].strip())) \
            and not lines[j].startswith("\t"):
        j += 1
    if j >= len(lines) or not lines[j].startswith("\t"):
        return False
    header: list[str] = []
    for line in lines[j:j + 12]:
        if line.startswith("\t"):
            header.append(line[1:].strip())
            if len(header) == 2:
                break
        # blank lines and a header cell's own further lines (序号|序号, 巫溪县牵头|责任单位) pass
    return len(header) == 2 and all(h and len(h) <= 12 and not re.search(r"\d", h) for h in header)


def _add_line(cell: _RawCell, text: str) -> None:
    # A cell's further tab characters (a cell that itself held a tab) are kept as spaces.
    text = text.replace("\t", " ").rstrip()
    if text.strip():
        cell.lines.append(text)


def _columns_by_repetition(cells: list[_RawCell]) -> int | None:
    """The column count of a table whose exporter marks no rows at all (no blank lines): the
    period at which rows repeat — a number column counting 1, 2, 3 …, else the long texts of the
    task column recurring every k cells."""
    texts = ["".join(c.lines).strip() for c in cells]
    numbers = [k for k, t in enumerate(texts) if re.fullmatch(r"\d{1,3}[.．、]?", t)]
    steps = [b - a for a, b in pairwise(numbers)
             if int(re.sub(r"\D", "", texts[b])) == int(re.sub(r"\D", "", texts[a])) + 1]
    if len(steps) >= 2 and len(set(steps)) == 1 and steps[0] >= 2:
        return steps[0]
    long_cells = [k for k, t in enumerate(texts) if len(t) >= 20]
    if len(long_cells) < 3:
        return None
    # The commonest step between two long texts is the row length; most long texts must then sit
    # in one column.
    diffs = [b - a for a, b in pairwise(long_cells) if 2 <= b - a <= 15]
    if not diffs:
        return None
    k = max(sorted(set(diffs)), key=diffs.count)
    residues: dict[int, int] = {}
    for pos in long_cells:
        residues[pos % k] = residues.get(pos % k, 0) + 1
    return k if max(residues.values()) >= 0.8 * len(long_cells) else None


def _build_grid(cells: list[_RawCell], n_cols: int | None, start: int) -> Table:
    n_cols = n_cols or _columns_by_repetition(cells) or len(cells)
    n_rows = -(-len(cells) // n_cols)
    out = [
        Cell(row=k // n_cols, col=k % n_cols, lines=raw.lines,
             source=SourcePos(line=raw.line, row=k // n_cols, col=k % n_cols))
        for k, raw in enumerate(cells)
    ]
    # A last row cut short gets empty cells, so every row has the header's width.
    for k in range(len(cells), n_rows * n_cols):
        out.append(Cell(row=k // n_cols, col=k % n_cols, lines=[],
                        source=SourcePos(row=k // n_cols, col=k % n_cols)))
    return Table(n_rows=n_rows, n_cols=n_cols, cells=out, source=SourcePos(line=start + 1))


def _grid_warnings(cells: list[_RawCell], n_cols: int | None, start: int) -> list[str]:
    warns = []
    if n_cols is None:
        if len(cells) > 1:
            k = _columns_by_repetition(cells)
            warns.append(f"table at line {start + 1}: no blank line marks its rows; "
                         + (f"read as rows of {k} cells, the period at which its rows repeat" if k else
                            f"read as one row of {len(cells)} cells"))
        return warns
    if len(cells) % n_cols:
        warns.append(f"table at line {start + 1}: {len(cells)} cells do not fill rows of {n_cols}; "
                     f"the last row was padded with empty cells")
    # Rows usually start after a blank line; many that don't suggest the column count is off.
    starts = [c for k, c in enumerate(cells) if k and k % n_cols == 0]
    unmarked = sum(not c.after_blank for c in starts)
    if starts and unmarked * 2 > len(starts):
        warns.append(f"table at line {start + 1}: {unmarked} of {len(starts)} rows do not start after a "
                     f"blank line; check the column count ({n_cols})")
    return warns
