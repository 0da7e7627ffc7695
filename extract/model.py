"""The document model every reader produces: paragraphs and tables in reading order.

Readers know formats, not meaning: they say what the file holds (text, cells, spans, where each
piece came from) and leave what it means (headers, tasks, units) to `normalize`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class SourcePos:
    """Where a piece of a document came from; each reader fills what its format knows."""

    line: int | None = None  # 1-based line of a text export
    page: int | None = None  # 1-based page of a PDF
    row: int | None = None  # 0-based row of the table in the source (before any stitching)
    col: int | None = None  # 0-based column in the source
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom on the page


@dataclass
class Paragraph:
    text: str
    source: SourcePos = field(default_factory=SourcePos)
    # Formats that print a paragraph as lines (PDF) give one Paragraph per printed line, and say
    # here whether this line runs on into the next one (True: a wrap inside one paragraph).
    # None where the format keeps paragraphs whole (text exports, Word).
    runs_on: bool | None = None


@dataclass
class Cell:
    """One cell of a table grid.

    `lines` keeps the printed lines (a text export's paragraphs, a PDF's printed lines).
    `rowspan`/`colspan` are None when the format cannot know them (text exports lose merge
    markup); 1 or more when it does. A cell covers the grid positions row..row+rowspan-1 and
    col..col+colspan-1; `Table.at` answers which cell covers a position.
    """

    row: int
    col: int
    lines: list[str]
    rowspan: int | None = None
    colspan: int | None = None
    source: SourcePos = field(default_factory=SourcePos)
    # Line-end hints from formats that know geometry: True where line i ends short of the
    # cell's right edge (a paragraph ends), False where it runs to the edge (a wrap).
    line_ends: list[bool] | None = None

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def is_blank(self) -> bool:
        return not any(line.strip() for line in self.lines)


@dataclass
class Table:
    """A grid of cells; `cells` holds each cell once, at its top-left position."""

    n_rows: int
    n_cols: int
    cells: list[Cell]
    source: SourcePos = field(default_factory=SourcePos)
    _index: dict[tuple[int, int], Cell] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def merges_known(self) -> bool:
        """True when the format records merged cells (docx, PDF), False for text exports."""
        return any(c.rowspan is not None for c in self.cells)

    def at(self, row: int, col: int) -> Cell | None:
        """The cell covering grid position (row, col), or None for a hole in a ragged row."""
        if self._index is None:
            index: dict[tuple[int, int], Cell] = {}
            for cell in self.cells:
                for r in range(cell.row, cell.row + (cell.rowspan or 1)):
                    for c in range(cell.col, cell.col + (cell.colspan or 1)):
                        index.setdefault((r, c), cell)
            self._index = index
        return self._index.get((row, col))

    def row_texts(self, row: int) -> list[str]:
        """Texts of one row as printed there: a merged cell's text only at its origin."""
        out = []
        for c in range(self.n_cols):
            cell = self.at(row, c)
            out.append(cell.text if cell is not None and cell.row == row else "")
        return out

    def grid(self) -> list[list[str]]:
        return [self.row_texts(r) for r in range(self.n_rows)]


Block = Paragraph | Table


@dataclass
class Document:
    """One input file as read: its blocks in reading order, plus what the reader noticed."""

    source_file: str
    format: str  # "txt", "docx", "pdf", ...
    blocks: list[Block]
    encoding: str | None = None  # for text formats: the encoding the bytes were decoded with
    warnings: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]
