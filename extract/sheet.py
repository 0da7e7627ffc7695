"""Reader for spreadsheets: Excel .xlsx (openpyxl) and .xls / WPS .et workbooks (BIFF, xlrd).

Every sheet that is visible and holds something becomes, in workbook order:
  * paragraphs above its table: rows before the first row holding two or more cells, whose one
    cell is merged across (nearly: 75 %) the whole used width, or stands alone in one column
    (Excel prints its text over the empty cells beside it) — a notice's text or a title as rows;
  * the table: the rows from the first to the last row of two or more cells, merged ranges as
    spans, with the sheet's fully blank rows and columns left out;
  * paragraphs below it: rows after the last such row whose one cell is merged across (nearly)
    the whole width (备注, 说明, 抄送 lines).
This is geometry only: no word of a cell is looked at. A sheet of single cells only is read as
paragraphs. Where no title rows stand above the table, the sheet's name is its title paragraph
(unless it is an application's default name, Sheet1 / 工作表1).
Values are shown as the sheet shows them, through each cell's number format (`render`): 1.0 in
General is "1", a date serial under yyyy"年"m"月"d"日" is "2024年6月30日", 0.255 under 0.0% is
"25.5%"; formulas give their cached value. Hidden sheets, rows and columns are left out, as Excel
prints them (a warning says so where they held text). A cell's line breaks make its lines.
Sheet coordinates go into SourcePos: `page` is the 1-based sheet number, `row`/`col` the 0-based
row and column in the sheet.
Guards: zip members and the package are size-capped and XML with a DTD is refused before openpyxl
sees it, as are merged ranges or hyperlinks covering millions of cells (openpyxl makes an object
for each); a sheet whose content spreads over more than MAX_GRID positions is refused.
"""

from __future__ import annotations

import gc
import io
import re
import warnings as py_warnings
import zipfile
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import NoticeError
from .model import Block, Cell, Document, Paragraph, SourcePos, Table
from .numfmt import BUILTIN_ZH, EPOCH_1904, render
from .zipguard import read_member

MAX_PART_BYTES = 32 * 1024 * 1024  # one zip member (a notice's sheet: some 100 KB; 32 MB: 400k cells, 10 s)
MAX_PACKAGE_BYTES = 256 * 1024 * 1024  # all members together, unpacked
MAX_XLS_BYTES = 64 * 1024 * 1024  # a BIFF workbook is read whole into memory
MAX_GRID = 500_000  # positions (rows × columns) of a sheet, blank rows and columns dropped (1M: 6 s, 440 MB)
NEARLY_WHOLE_WIDTH = 0.75  # a title/notes cell merged across at least this share of the used width

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DEFAULT_SHEET_NAME = re.compile(r"^(?:sheet|工作表)\s*\d*$", re.I)


def read_xlsx(path: str | Path) -> Document:
    path = Path(path)
    with _gc_paused():
        sheets, warnings = _load_xlsx(path)
        return _document(path, "xlsx", sheets, warnings)


def read_xls(path: str | Path) -> Document:
    path = Path(path)
    with _gc_paused():
        sheets, warnings = _load_xls(path)
        return _document(path, "xls", sheets, warnings)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Reading a sheet makes hundreds of thousands of small objects and frees few; CPython's
    cyclic collector would walk them again and again: half the time of a 20,000-row sheet."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --- .xlsx: the package checked first, then openpyxl ------------------------------------------------

# openpyxl makes an object for every cell a merged range or a hyperlink covers, and looks up
# each link on a merged cell among all merged ranges: both are capped before it starts.
MAX_MERGED_CELLS = 1_000_000
MAX_LINK_LOOKUPS = 50_000_000  # hyperlinks × merged ranges
_RANGE_REF = re.compile(rb"<(?:\w+:)?(mergeCell|hyperlink)\b[^>]*?\bref=\"([A-Za-z]{1,3})(\d{1,7})"
                        rb"(?::([A-Za-z]{1,3})(\d{1,7}))?\"")
_UNLOCK = ("remove the password (Excel: File → Info → Protect Workbook → Encrypt with Password; "
           "WPS: 文件 → 文档加密) and save it again")
_PASSWORD_XLSX = f"password-protected (encrypted) .xlsx: Excel stores it as an OLE2 container, not a zip; {_UNLOCK}"
_PASSWORD_XLS = f"password-protected (encrypted) .xls workbook: its sheets cannot be read; {_UNLOCK}"


def _load_xlsx(path: Path) -> tuple[list[_Sheet], list[str]]:
    name = str(path)
    head = _head(path)
    if head.startswith(_OLE2_MAGIC):
        raise NoticeError(name, _PASSWORD_XLSX if _ole2_encrypted(path) else
                          "not an .xlsx: an OLE2 file (a legacy .xls / WPS .et workbook or a .doc), not a zip package")
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as e:
        raise NoticeError(name, f"not an .xlsx: damaged or truncated zip package ({e})" if head.startswith(b"PK")
                          else "not an .xlsx: not a zip package") from e
    except OSError as e:
        raise NoticeError(name, f"cannot read the file: {e.strerror or e}") from e
    with zf:
        _check_package(name, zf)
    import openpyxl  # imported here: it costs start-up time a run on other formats should not pay

    try:
        with path.open("rb") as f, py_warnings.catch_warnings():
            # A file object, not the path: openpyxl refuses names without an Excel suffix, and
            # the content, not the name, has already said this is a workbook.
            py_warnings.simplefilter("ignore")  # "unknown extension", "data validation not supported" …
            wb = openpyxl.load_workbook(f, data_only=True, keep_links=False, rich_text=False)
    except NoticeError:
        raise
    except MemoryError as e:
        raise NoticeError(name, "ran out of memory reading the workbook") from e
    except Exception as e:  # openpyxl raises anything from KeyError to TypeError on damage
        raise NoticeError(name, f"damaged .xlsx workbook: openpyxl cannot read it ({type(e).__name__}: {e})") from e
    date1904 = wb.epoch == EPOCH_1904
    sheets: list[_Sheet] = []
    warnings: list[str] = []
    for number, title in enumerate(wb.sheetnames, start=1):
        ws = wb[title]
        if not hasattr(ws, "merged_cells"):
            continue  # a chart sheet: no cells
        # ws._cells holds only the cells the file has; iter_rows() would make every cell of the
        # used range, which a sheet can claim to be a million rows long.
        values = {(r - 1, c - 1): text for (r, c), cell in ws._cells.items()
                  if cell.value is not None and (text := _xlsx_text(cell, date1904)).strip()}
        if not values:
            continue
        if ws.sheet_state != "visible":
            warnings.append(f"sheet '{title}' is hidden: left out")
            continue
        merges = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in ws.merged_cells.ranges]
        hidden_rows = {r - 1 for r, d in ws.row_dimensions.items() if d.hidden}
        hidden_cols = {c - 1 for d in ws.column_dimensions.values() if d.hidden and d.min and d.max
                       for c in range(d.min, min(d.max, 16384) + 1)}
        sheets.append(_Sheet(title, number, values, merges, hidden_rows, hidden_cols))
    if not sheets:
        raise NoticeError(name, _no_content_reason(len(wb.sheetnames), warnings))
    return sheets, warnings


def _xlsx_text(cell, date1904: bool) -> str:
    value = cell.value
    if cell.data_type == "e":
        return str(value)
    fmt = cell.number_format
    style = getattr(cell, "_style", None)
    fid = getattr(style, "numFmtId", 0) if style is not None else 0
    if fid in BUILTIN_ZH:
        from openpyxl.styles.numbers import BUILTIN_FORMATS

        if fmt == BUILTIN_FORMATS.get(fid, "General"):  # the built-in id, not a format of the file's own
            fmt = BUILTIN_ZH[fid]
    return render(value, fmt, date1904)


def _check_package(name: str, zf: zipfile.ZipFile) -> None:
    """Refuse what openpyxl would choke on before it sees it: oversized members (zip bombs), XML
    with a DTD (entity expansion, external entities), merged ranges of millions of cells."""
    names = {n.lower() for n in zf.namelist()}
    if "xl/workbook.xml" not in names:
        what = ("a Word document (.docx)" if "word/document.xml" in names else
                "a PowerPoint presentation (.pptx)" if "ppt/presentation.xml" in names else "no workbook")
        raise NoticeError(name, f"not an .xlsx: the zip package holds {what}, no xl/workbook.xml")
    total = merged = 0
    limit = f"{MAX_PART_BYTES // (1024 * 1024)} MB"
    for info in zf.infolist():
        if info.file_size > MAX_PART_BYTES:
            raise NoticeError(name, f"zip member {info.filename} declares {info.file_size} bytes, "
                                    f"over the {limit} limit")
        total += info.file_size
        if total > MAX_PACKAGE_BYTES:
            raise NoticeError(name, f"the zip package unpacks to more than {MAX_PACKAGE_BYTES // (1024 * 1024)} MB")
        if info.flag_bits & 0x1:
            raise NoticeError(name, f"zip member {info.filename} is encrypted")
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        data = read_member(zf, info, MAX_PART_BYTES, lambda reason: NoticeError(name, reason))
        if b"<!DOCTYPE" in data or b"<\x00!\x00D\x00O\x00C\x00T\x00Y\x00P\x00E" in data:
            raise NoticeError(name, f"{info.filename} declares a DTD (<!DOCTYPE>), which Excel never writes; refused")
        # Every part, not only xl/worksheets/: the relationships may put a sheet anywhere.
        n_merges = n_links = 0
        for m in _RANGE_REF.finditer(data):
            merged += _range_area(m)
            n_merges += m.group(1) == b"mergeCell"
            n_links += m.group(1) == b"hyperlink"
        if merged > MAX_MERGED_CELLS or n_merges * n_links > MAX_LINK_LOOKUPS:
            raise NoticeError(name, f"merged ranges and hyperlinks cover more than {MAX_MERGED_CELLS} cells or "
                                    f"are too many ({info.filename}); a notice's table has far fewer")


def _range_area(m: re.Match[bytes]) -> int:
    from openpyxl.utils import column_index_from_string

    c0, r0 = column_index_from_string(m.group(2).decode().upper()), int(m.group(3))
    if m.group(4) is None:
        return 1
    c1, r1 = column_index_from_string(m.group(4).decode().upper()), int(m.group(5))
    return (abs(r1 - r0) + 1) * (abs(c1 - c0) + 1)


# --- .xls / .et: BIFF through xlrd ------------------------------------------------------------------

def _load_xls(path: Path) -> tuple[list[_Sheet], list[str]]:
    import xlrd  # imported here, as openpyxl above

    name = str(path)
    head = _head(path)
    size = path.stat().st_size
    if size > MAX_XLS_BYTES:
        raise NoticeError(name, f"workbook of {size} bytes, over the {MAX_XLS_BYTES // (1024 * 1024)} MB limit")
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        raise NoticeError(name, "not an .xls: a zip package (an .xlsx workbook?), not a BIFF workbook")
    if head.startswith(_OLE2_MAGIC) and _ole2_encrypted(path):
        raise NoticeError(name, _PASSWORD_XLSX)  # an encrypted OOXML package, whatever its name
    log = io.StringIO()  # xlrd writes its warnings to stdout otherwise
    try:
        book = xlrd.open_workbook(name, formatting_info=True, on_demand=True, ragged_rows=True, logfile=log)
    except xlrd.XLRDError as e:
        if "encrypt" in str(e).lower():
            raise NoticeError(name, _PASSWORD_XLS) from e
        raise NoticeError(name, f"not a readable .xls workbook: {e}") from e
    except MemoryError as e:
        raise NoticeError(name, "ran out of memory reading the workbook") from e
    except Exception as e:  # xlrd raises struct.error, IndexError, CompDocError … on damage
        raise NoticeError(name, f"damaged .xls workbook: xlrd cannot read it ({type(e).__name__}: {e})") from e
    try:
        return _xls_sheets(name, book)
    except NoticeError:
        raise
    except Exception as e:  # a sheet's records are parsed only now (on_demand)
        raise NoticeError(name, f"damaged .xls workbook: xlrd cannot read a sheet ({type(e).__name__}: {e})") from e
    finally:
        book.release_resources()


def _xls_sheets(name: str, book) -> tuple[list[_Sheet], list[str]]:
    import xlrd

    date1904 = book.datemode == 1
    sheets: list[_Sheet] = []
    warnings: list[str] = []
    for index in range(book.nsheets):
        sh = book.sheet_by_index(index)
        values: dict[tuple[int, int], str] = {}
        for r in range(sh.nrows):
            for c, (kind, value) in enumerate(zip(sh.row_types(r), sh.row_values(r), strict=True)):
                if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    continue
                if kind == xlrd.XL_CELL_ERROR:
                    text = xlrd.error_text_from_code.get(value, "#ERR")
                elif kind == xlrd.XL_CELL_BOOLEAN:
                    text = render(bool(value), None)
                else:
                    text = render(value, xls_format(book, sh.cell_xf_index(r, c)), date1904)
                if text.strip():
                    values[r, c] = text
        if not values:
            continue
        if sh.visibility:
            warnings.append(f"sheet '{sh.name}' is hidden: left out")
            continue
        merges = [(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in sh.merged_cells if r1 > r0 and c1 > c0]
        if sum((r1 - r0 + 1) * (c1 - c0 + 1) for r0, c0, r1, c1 in merges) > MAX_MERGED_CELLS:
            raise NoticeError(name, f"merged ranges cover more than {MAX_MERGED_CELLS} cells on sheet '{sh.name}'; "
                                    "a notice's table has far fewer")
        hidden_rows = {r for r, info in sh.rowinfo_map.items() if info.hidden}
        hidden_cols = {c for c, info in sh.colinfo_map.items() if info.hidden}
        sheets.append(_Sheet(sh.name, index + 1, values, merges, hidden_rows, hidden_cols))
        book.unload_sheet(index)
    if not sheets:
        raise NoticeError(name, _no_content_reason(book.nsheets, warnings))
    return sheets, warnings


def xls_format(book, xf_index: int) -> str:
    """The number format of a BIFF cell's XF record."""
    from xlrd.formatting import std_format_strings

    key = book.xf_list[xf_index].format_key
    fmt = book.format_map.get(key)
    text = fmt.format_str if fmt is not None else None
    if key in BUILTIN_ZH and (not text or text == std_format_strings.get(key)):
        return BUILTIN_ZH[key]  # a built-in the file does not spell out (Excel's way): as a Chinese Excel shows it
    return text or "General"


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except OSError as e:
        raise NoticeError(str(path), f"cannot read the file: {e.strerror or e}") from e
    if not head:
        raise NoticeError(str(path), "empty file (0 bytes), not a workbook")
    return head


def _ole2_encrypted(path: Path) -> bool:
    """An encrypted .xlsx is an OLE2 container holding EncryptionInfo (its name in UTF-16LE)."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            return ole.exists("EncryptionInfo")
    except Exception:  # a damaged directory: look for the name in the bytes
        with path.open("rb") as f:
            return "EncryptionInfo".encode("utf-16-le") in f.read(MAX_XLS_BYTES)


# --- the format-neutral sheet, and how it becomes blocks ------------------------------------------

@dataclass
class _Sheet:
    name: str
    number: int  # 1-based position in the workbook
    values: dict[tuple[int, int], str]  # (row, col), 0-based → the text as shown; blank cells left out
    merges: list[tuple[int, int, int, int]]  # (first row, first col, last row, last col), inclusive
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)


@dataclass
class _Piece:
    """A cell with content, or a merged range, on the sheet's visible grid."""

    r0: int
    c0: int
    r1: int
    c1: int
    lines: list[str]
    src: tuple[int, int]  # where the value is stored in the sheet (a merge's top-left cell)


def _document(path: Path, fmt: str, sheets: list[_Sheet], warnings: list[str]) -> Document:
    blocks: list[Block] = []
    for sheet in sheets:
        blocks += _sheet_blocks(path, sheet, warnings)
    if not blocks:  # only blank text, or values under merges that hide them
        raise NoticeError(str(path), _no_content_reason(len(sheets), warnings))
    return Document(source_file=str(path), format=fmt, blocks=blocks, warnings=warnings)


def _no_content_reason(n_sheets: int, warnings: list[str]) -> str:
    hidden = sum(w.endswith("is hidden: left out") for w in warnings)
    if not n_sheets:
        return "no non-empty sheet: the workbook has no worksheet"
    if hidden:
        held = "1 holds text but is" if hidden == 1 else f"{hidden} hold text but are"
        return f"no non-empty sheet: of its {n_sheets} sheets, {held} hidden and the others are empty"
    return "no non-empty sheet: the workbook's one sheet is empty" if n_sheets == 1 \
        else f"no non-empty sheet: all {n_sheets} sheets of the workbook are empty"


def _sheet_blocks(path: Path, sheet: _Sheet, warnings: list[str]) -> list[Block]:
    pieces = _pieces(sheet, warnings)
    if not pieces:
        return []
    rows = sorted({p.r0 for p in pieces})  # rows holding a cell of their own: blank rows drop out
    cols = sorted({p.c0 for p in pieces})
    if len(rows) * len(cols) > MAX_GRID:
        raise NoticeError(str(path), f"sheet '{sheet.name}' spreads its content over {len(rows)} rows × "
                                     f"{len(cols)} columns, over the limit of {MAX_GRID} cells")
    # The pieces covering each row: a merged cell counts on every row it spans. Every row has at
    # least its own piece, so a row of one piece holds that piece alone.
    covering: list[list[_Piece]] = [[] for _ in rows]
    for p in pieces:
        for i in range(bisect_left(rows, p.r0), bisect_right(rows, p.r1)):
            covering[i].append(p)
    multi = [i for i, cover in enumerate(covering) if len(cover) >= 2]
    if not multi:  # no table: a sheet of text lines
        return [para for p in sorted(pieces, key=lambda p: (p.r0, p.c0)) for para in _paragraphs(sheet, p)]

    def width(p: _Piece) -> int:  # the used columns a piece spans
        return bisect_right(cols, p.c1) - bisect_left(cols, p.c0)

    def across(p: _Piece) -> bool:
        return width(p) > 1 and width(p) >= NEARLY_WHOLE_WIDTH * len(cols)

    first, last = multi[0], multi[-1]
    start = 0
    # Title rows: one cell merged across, or alone in one column (Excel prints its text over the
    # empty cells beside it). A cell merged over a few columns only is a header (责任单位 over two).
    while start < first and covering[start][0].r1 < rows[first] and (
            across(covering[start][0]) or width(covering[start][0]) == 1):
        start += 1
    end = len(rows) - 1
    while end > last and across(covering[end][0]):  # notes rows: one cell merged across
        end -= 1
    blocks: list[Block] = [para for i in range(start) for para in _paragraphs(sheet, covering[i][0])]
    if not start and not _DEFAULT_SHEET_NAME.match(sheet.name.strip()):
        blocks.append(Paragraph(sheet.name.strip(), SourcePos(page=sheet.number)))
    body = [p for p in pieces if rows[start] <= p.r0 <= rows[end]]
    blocks.append(_table(sheet, body, warnings))
    blocks += [para for i in range(end + 1, len(rows)) for para in _paragraphs(sheet, covering[i][0])]
    return blocks


def _paragraphs(sheet: _Sheet, p: _Piece) -> list[Paragraph]:
    pos = SourcePos(page=sheet.number, row=p.src[0], col=p.src[1])
    return [Paragraph(line, pos) for line in p.lines]


def _table(sheet: _Sheet, pieces: list[_Piece], warnings: list[str]) -> Table:
    """The grid of the table's own rows and columns (those holding a cell of their own)."""
    rows = sorted({p.r0 for p in pieces})
    cols = sorted({p.c0 for p in pieces})
    cells: list[Cell] = []
    taken: set[tuple[int, int]] = set()
    overlaps = 0
    for p in sorted(pieces, key=lambda p: (p.r0, p.c0)):
        r, c = bisect_left(rows, p.r0), bisect_left(cols, p.c0)
        rowspan, colspan = bisect_right(rows, p.r1) - r, bisect_right(cols, p.c1) - c
        area = [(r, c)] if rowspan == colspan == 1 else \
            [(i, j) for i in range(r, r + rowspan) for j in range(c, c + colspan)]
        if any(pos in taken for pos in area):  # overlapping merges: Excel would refuse the file
            overlaps += 1
            if (r, c) in taken:
                continue
            rowspan = colspan = 1
            area = [(r, c)]
        taken.update(area)
        cells.append(Cell(r, c, p.lines, rowspan, colspan, SourcePos(page=sheet.number, row=p.src[0], col=p.src[1])))
    for r, row in enumerate(rows):
        for c, col in enumerate(cols):
            if (r, c) not in taken:
                cells.append(Cell(r, c, [], 1, 1, SourcePos(page=sheet.number, row=row, col=col)))
    if overlaps:
        ranges = "1 merged range overlaps" if overlaps == 1 else f"{overlaps} merged ranges overlap"
        warnings.append(f"sheet '{sheet.name}': {ranges} another (Excel would refuse the file); read as one cell")
    cells.sort(key=lambda cell: (cell.row, cell.col))
    return Table(len(rows), len(cols), cells, SourcePos(page=sheet.number, row=rows[0], col=cols[0]))


def _pieces(sheet: _Sheet, warnings: list[str]) -> list[_Piece]:
    """The cells with content, placed on the visible grid: a merged range at its first visible row
    and column; hidden rows and columns, and the hidden cells of a merge, are not shown."""
    hidden_rows, hidden_cols = sheet.hidden_rows, sheet.hidden_cols
    pieces: list[_Piece] = []
    for r0, c0, r1, c1 in sheet.merges:
        text = sheet.values.get((r0, c0))
        vr, vc = _first_visible(r0, r1, hidden_rows), _first_visible(c0, c1, hidden_cols)
        if text is not None and vr is not None and vc is not None and (lines := _lines(text)):
            pieces.append(_Piece(vr, vc, r1, c1, lines, (r0, c0)))
    under = _under_merges(sheet)
    hidden: tuple[set[int], set[int]] = (set(), set())
    for (r, c), text in sheet.values.items():
        if (r, c) in under:
            continue
        if r in hidden_rows or c in hidden_cols:
            if r in hidden_rows:
                hidden[0].add(r)
            else:
                hidden[1].add(c)
            continue
        if lines := _lines(text):
            pieces.append(_Piece(r, c, r, c, lines, (r, c)))
    if hidden[0] or hidden[1]:
        what = " and ".join(f"{len(found)} hidden {kind}{'s' if len(found) > 1 else ''}"
                            for found, kind in zip(hidden, ("row", "column"), strict=True) if found)
        warnings.append(f"sheet '{sheet.name}': {what} with text left out, as Excel prints the sheet")
    return pieces


def _under_merges(sheet: _Sheet) -> set[tuple[int, int]]:
    """Positions of values inside merged ranges: all are read through their merge (a merge's top-left
    value) or not shown at all (the others; Excel keeps them when merging, but hides them)."""
    if not sheet.merges:
        return set()
    value_rows = sorted({r for r, _ in sheet.values})
    spans: dict[int, list[tuple[int, int]]] = {}
    for r0, c0, r1, c1 in sheet.merges:
        for r in value_rows[bisect_left(value_rows, r0):bisect_right(value_rows, r1)]:
            spans.setdefault(r, []).append((c0, c1))
    return {(r, c) for r, c in sheet.values if any(c0 <= c <= c1 for c0, c1 in spans.get(r, ()))}


def _first_visible(lo: int, hi: int, hidden: set[int]) -> int | None:
    for i in range(lo, min(hi, lo + len(hidden)) + 1):
        if i not in hidden:
            return i
    return None


_BREAK = re.compile(r"\r\n|\r|\n")


def _lines(text: str) -> list[str]:
    """A cell's printed lines: its line breaks (Alt+Enter) split it; blank lines and trailing space
    go, tabs become spaces — as the other readers do."""
    if "\n" not in text and "\r" not in text:  # most cells: one line
        line = text.replace("\t", " ").rstrip()
        return [line] if line.strip() else []
    out = []
    for line in _BREAK.split(text):
        line = line.replace("\t", " ").rstrip()
        if line.strip():
            out.append(line)
    return out
