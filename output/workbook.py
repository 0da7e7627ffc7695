"""OUT/tasks.xlsx: the four tables as sheets of one workbook, ready to use when Excel or WPS opens it.

The same rows and columns as the CSV/Parquet files, typed as a spreadsheet wants them: counts as
numbers, dates as Excel dates (so an autofilter groups them by year and month), lists joined with
`；`; the header row bold, frozen and filtered, columns as wide as their text (a CJK character is two
widths), the task text wrapped, and each row's file linked to its review page.

The sheets are SpreadsheetML written here, not by a library, because a run's workbook is made of
parts: each notice's rows are turned into XML once (`sheet_rows`, in the worker that read it) and
cached, and the workbook is those parts put together — an unchanged notice costs a byte copy, not
a row-by-row rewrite. A part's XML is UTF-8 already and leaves its rows' numbers open (`_ROW`);
`TaskWorkbook` fills them in as it appends the rows to the sheet's file on disk, so memory stays
flat however large the run.
The package follows what XlsxWriter writes (inline strings, the same styles), with fixed zip
timestamps: equal inputs give byte-identical files.

Text is always written as text, never as a formula. What Excel cannot hold is said, not lost
silently: a cell over Excel's 32,767-character limit is cut with a visible marker, rows past its
row limit and links past its per-sheet limit are dropped; each is a warning (report.json), and the
CSV/Parquet files keep everything.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .schema import DATE, INT, LIST, LIST_SEPARATOR, TABLES

SHEETS = ("tasks", "task_units", "pairings", "documents")  # the order an analyst wants them in
CELL_LIMIT = 32_767  # Excel's maximum characters in a cell (counted in UTF-16 units)
CUT_MARK = "…[截断]"
ROW_LIMIT = 1_048_576  # rows of a sheet, the header row included
LINK_LIMIT = 65_530  # hyperlinks per sheet
MAX_WIDTH = 60  # column width cap, in Excel's character widths
WRAPPED = frozenset({"task"})  # long text worth reading whole: wrapped inside its column
LINKED = "source_file"  # the column whose cell links to the file's review page
LINK_TIP = "审阅页 (review page)"

_ROW = "\x00"  # stands for the row number in a row's XML (never in XML text: control characters are escaped)
_LINK_STYLE = "\x01"  # stands for the linked cell's style: a link, or plain text past the link limit
_ROW_B, _LINK_STYLE_B, _ROW_END = _ROW.encode(), _LINK_STYLE.encode(), b"</row>"
# Cell styles (cellXfs in _STYLES): 1 header, 2 text, 3 link, 4 wrapped text, 5 date.
_HEADER, _TEXT, _LINK, _WRAP, _DATE = "1", "2", "3", "4", "5"
_EXCEL_EPOCH = date(1899, 12, 30)


@dataclass
class SheetRows:
    """Some rows of one sheet as XML, with what the sheet needs to know of them."""

    # The rows' XML in UTF-8, each ending in `</row>`, row numbers left open: bytes, not one str per
    # row, so that a cached part loads without decoding and goes to the sheet's file as it is.
    xml: bytes = b""
    links: list[str | None] = field(default_factory=list)  # per row: its review page's URI, or None
    widths: list[int] = field(default_factory=list)  # per column: the widest cell, in character widths
    warnings: list[str] = field(default_factory=list)  # cells cut at Excel's limit


def sheet_rows(table: str, rows: Iterable[dict], link: str | None = None) -> SheetRows:
    """The rows of `table` as sheet XML; `link` is the relative path of their review page."""
    columns = TABLES[table]
    out = SheetRows(widths=[0] * len(columns))
    uri = _uri_path(link) if link else None
    linked_col = _linked_index(columns) if uri else None
    refs = [_col_letter(i) + _ROW for i in range(len(columns))]
    xml = []
    for row in rows:
        cells = []
        has_link = False
        for col, column in enumerate(columns):
            value = row.get(column.name)
            if value is None or value == "" or value == []:
                continue  # an empty cell, as the CSV has it
            ref = refs[col]
            if column.type == INT:
                cells.append(f'<c r="{ref}" s="{_TEXT}"><v>{int(value)}</v></c>')
                _fit(out.widths, col, str(value))
                continue
            if column.type == DATE:
                cells.append(f'<c r="{ref}" s="{_DATE}"><v>{(value - _EXCEL_EPOCH).days}</v></c>')
                _fit(out.widths, col, "yyyy-mm-dd")
                continue
            text = LIST_SEPARATOR.join(value) if column.type == LIST else str(value)
            if not text:
                continue  # a list of one empty title: empty in the CSV too
            text = _cut(text, table, column.name, row, out.warnings)
            if col == linked_col:
                style, has_link = _LINK_STYLE, True
            else:
                style = _WRAP if column.name in WRAPPED else _TEXT
            cells.append(f'<c r="{ref}" s="{style}" t="inlineStr">{_inline(text)}</c>')
            _fit(out.widths, col, text)
        xml.append(f'<row r="{_ROW}">{"".join(cells)}</row>')
        out.links.append(uri if has_link else None)
    out.xml = "".join(xml).encode("utf-8")
    return out


class TaskWorkbook:
    """tasks.xlsx, filled row by row or part by part (in each sheet's order), written at `close()`."""

    def __init__(self, path: str | Path, tables: tuple[str, ...] = SHEETS):
        self.path = Path(path)
        self.warnings: list[str] = []
        # Each sheet's rows wait in files of ours beside the output, removed whatever happens.
        self._tmp = Path(tempfile.mkdtemp(prefix=".tasks.xlsx.", suffix=".tmp", dir=self.path.parent))
        self._sheets = {name: _Sheet(name, self._tmp) for name in SHEETS if name in tables}
        self._closed = False

    def add(self, table: str, row: dict, link: str | None = None) -> None:
        """One row of `table`; `link` is the relative path of the row's review page, if any."""
        if table in self._sheets:
            self.add_rows(table, sheet_rows(table, [row], link))

    def add_rows(self, table: str, rows: SheetRows) -> None:
        sheet = self._sheets.get(table)
        if sheet is not None:
            sheet.add(rows)
            self.warnings += rows.warnings

    def close(self) -> list[str]:
        """Write the file; returns the warnings (cells cut, rows or links dropped)."""
        if self._closed:
            return self.warnings
        self._closed = True
        try:
            for sheet in self._sheets.values():
                self.warnings += sheet.finish()
            self._write_package()
        finally:
            shutil.rmtree(self._tmp, ignore_errors=True)
        return self.warnings

    def abort(self) -> None:
        """Give up without writing: only the temporary row files are removed (the caller owns `path`)."""
        self._closed = True
        for sheet in self._sheets.values():
            sheet.close_files()
        shutil.rmtree(self._tmp, ignore_errors=True)

    def _write_package(self) -> None:
        sheets = list(self._sheets.values())
        with zipfile.ZipFile(self.path, "w", zipfile.ZIP_DEFLATED) as z:
            def put(name: str, text: str) -> None:
                z.writestr(_entry(name), text.encode("utf-8"))

            put("[Content_Types].xml", _content_types(len(sheets)))
            put("_rels/.rels", _ROOT_RELS)
            put("docProps/app.xml", _app(sheets))
            put("docProps/core.xml", _CORE)
            put("xl/workbook.xml", _workbook_xml(sheets))
            put("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets)))
            put("xl/styles.xml", _STYLES)
            put("xl/theme/theme1.xml", _theme())
            for n, sheet in enumerate(sheets, start=1):
                sheet.write_into(z, n, first=n == 1)


class _Sheet:
    """One sheet's rows on disk (their XML, numbered) and its links, as they arrive."""

    def __init__(self, name: str, folder: Path):
        self.name, self.columns = name, TABLES[name]
        self.widths = [display_width(c.name) + 3 for c in self.columns]  # room for the filter button
        self.row = 1  # the header's
        self.dropped = 0
        self.links = 0
        self.unlinked = 0  # rows past the link limit
        self._link_col = _col_letter(_linked_index(self.columns) or 0)
        # The rows' XML, their <hyperlink> elements and those links' relationships, as they come.
        self._paths = [folder / f"{name}.{ext}" for ext in ("rows", "links", "rels")]
        self._rows, self._hyperlinks, self._rels = (p.open("wb") for p in self._paths)

    def add(self, part: SheetRows) -> None:
        for col, width in enumerate(part.widths):
            if width > self.widths[col]:
                self.widths[col] = width
        if not part.links:
            return
        xml = part.xml
        styled = self.links + len(part.links) <= LINK_LIMIT  # every link fits, as nearly always: one replace
        if styled:
            xml = xml.replace(_LINK_STYLE_B, _LINK.encode())
        rows = xml.split(_ROW_END)  # "</row>" never occurs inside a row: text escapes its "<"
        rows.pop()  # what follows the last row: nothing
        out: list[bytes] = []  # one write per part and file, not per row
        hyperlinks: list[str] = []
        rels: list[str] = []
        targets: dict[str, str] = {}  # a part's rows share their page: its URI quoted once
        write = out.append
        for row, uri in zip(rows, part.links, strict=True):
            if self.row >= ROW_LIMIT:
                self.dropped += 1
                continue
            self.row += 1
            number = str(self.row)
            if uri is not None:
                if self.links < LINK_LIMIT:
                    self.links += 1
                    rid = f"rId{self.links}"
                    hyperlinks.append(f'<hyperlink ref="{self._link_col}{number}" r:id="{rid}" '
                                      f'tooltip="{LINK_TIP}"/>')
                    rels.append(f'<Relationship Id="{rid}" Type="{_R}/hyperlink" '
                                f'Target={targets.get(uri) or targets.setdefault(uri, _quote_attr(uri))} '
                                f'TargetMode="External"/>')
                    if not styled:
                        row = row.replace(_LINK_STYLE_B, _LINK.encode())
                else:
                    self.unlinked += 1
                    row = row.replace(_LINK_STYLE_B, _TEXT.encode())
            write(row.replace(_ROW_B, number.encode()))
            write(_ROW_END)
        self._rows.write(b"".join(out))
        self._hyperlinks.write("".join(hyperlinks).encode("utf-8"))
        self._rels.write("".join(rels).encode("utf-8"))

    def finish(self) -> list[str]:
        self.close_files()
        warnings = []
        if self.dropped:
            warnings.append(
                f"rows dropped at Excel's limit of {ROW_LIMIT:,} rows: tasks.xlsx sheet {self.name} holds the "
                f"first {self.row - 1:,}; {self.dropped:,} more are in {self.name}.csv and {self.name}.parquet")
        if self.unlinked:
            warnings.append(
                f"links stop at Excel's limit of {LINK_LIMIT:,} per sheet: tasks.xlsx sheet {self.name}, the last "
                f"{self.unlinked:,} rows name their file without a link to its review page")
        return warnings

    def close_files(self) -> None:
        for f in (self._rows, self._hyperlinks, self._rels):
            f.close()

    @property
    def last_cell(self) -> str:
        return f"{_col_letter(len(self.columns) - 1)}{self.row}"

    def write_into(self, z: zipfile.ZipFile, n: int, first: bool) -> None:
        rows, links, rels = self._paths
        cols = "".join(f'<col min="{i}" max="{i}" width="{w + 0.7109375}" customWidth="1"/>'
                       for i, w in enumerate(self.widths, start=1))
        header = "".join(f'<c r="{_col_letter(i)}1" s="{_HEADER}" t="inlineStr">{_inline(c.name)}</c>'
                         for i, c in enumerate(self.columns))
        selected = ' tabSelected="1"' if first else ""
        head = (f'{_XML}<worksheet xmlns="{_MAIN}" xmlns:r="{_R}"><dimension ref="A1:{self.last_cell}"/>'
                f'<sheetViews><sheetView{selected} workbookViewId="0">'
                f'<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                f'<selection pane="bottomLeft"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
                f'<cols>{cols}</cols><sheetData><row r="1">{header}</row>')
        tail = f'</sheetData><autoFilter ref="A1:{self.last_cell}"/>'
        size = rows.stat().st_size + links.stat().st_size
        with z.open(_entry(f"xl/worksheets/sheet{n}.xml"), "w", force_zip64=size > 1 << 30) as f:
            f.write(head.encode("utf-8"))
            _copy(rows, f)
            f.write(tail.encode("utf-8"))
            if self.links:
                f.write(b"<hyperlinks>")
                _copy(links, f)
                f.write(b"</hyperlinks>")
            f.write(b'<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
                    b"</worksheet>")
        if self.links:
            with z.open(_entry(f"xl/worksheets/_rels/sheet{n}.xml.rels"), "w") as f:
                f.write(f'{_XML}<Relationships xmlns="{_PKG_REL}">'.encode())
                _copy(rels, f)
                f.write(b"</Relationships>")


def _copy(path: Path, into) -> None:
    with path.open("rb") as f:
        shutil.copyfileobj(f, into, 1 << 20)


# ---- cells ---------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_ESCAPE_LOOKING = re.compile(r"(_x[0-9a-fA-F]{4}_)")


def _inline(text: str) -> str:
    """An inline string as Excel writes one: a literal `_xHHHH_` escaped first, control characters
    (which XML cannot hold) as `_xHHHH_`, markup characters as entities."""
    if "_x" in text:
        text = _ESCAPE_LOOKING.sub(r"_x005F\1", text)
    text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f"<is><t{space}>{text}</t></is>"


def _cut(text: str, table: str, column: str, row: dict, warnings: list[str]) -> str:
    if len(text) <= CELL_LIMIT // 2 or utf16_len(text) <= CELL_LIMIT:
        return text
    keep = CELL_LIMIT - utf16_len(CUT_MARK)
    # Cut in UTF-16 units, as Excel counts; a character outside the BMP is never split in half.
    cut = text.encode("utf-16-le")[: 2 * keep].decode("utf-16-le", "ignore")
    which = row.get("task_id") or row.get("source_file") or "a row with no task_id or source_file"
    warnings.append(
        f"cell cut at Excel's limit of {CELL_LIMIT:,} characters: tasks.xlsx sheet {table}, "
        f"column {column}, {which}: {len(text):,} characters, ends in {CUT_MARK} "
        f"(the whole text is in {table}.csv and {table}.parquet)")
    return cut + CUT_MARK


def _fit(widths: list[int], col: int, text: str) -> None:
    # A character takes one or two widths: measure only what could widen the column (most cells
    # of a long run cannot), and never past the cap.
    width = widths[col]
    if width >= MAX_WIDTH or 2 * len(text) + 2 <= width:
        return
    if len(text) + 2 >= MAX_WIDTH and "\n" not in text:
        widths[col] = MAX_WIDTH
    else:
        widths[col] = max(width, min(MAX_WIDTH, _text_width(text) + 2))


def _linked_index(columns) -> int | None:
    return next((i for i, c in enumerate(columns) if c.name == LINKED), None)


def _col_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


_URI_SPECIAL = frozenset(' "#%<>?[\\]^`{|}')


def _uri_path(path: str) -> str:
    """A relative path as a URI reference: characters a URI reserves percent-encoded, CJK left as
    it is (an IRI, as Excel writes it), "/" as the separator every spreadsheet resolves."""
    return "".join("".join(f"%{b:02X}" for b in ch.encode()) if ch in _URI_SPECIAL or ch < " " else ch
                   for ch in path)


def display_width(text: str) -> int:
    """Width in Excel's character widths: a CJK (wide or full-width) character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _text_width(text: str) -> int:
    # The widest line, measured only as far as the cap can matter: a long task costs no more than a short one.
    return max(display_width(line[:MAX_WIDTH]) for line in text.split("\n"))


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# ---- the package around the sheets ---------------------------------------------------------------

_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_OOXML = "application/vnd.openxmlformats-officedocument"
_DATE_TIME = (1980, 1, 1, 0, 0, 0)  # fixed: the file does not follow the clock or the time zone


def _quote_attr(value: str) -> str:
    """An XML attribute value in double quotes, with xml.sax.saxutils.quoteattr's escapes (that
    module imports urllib.request and http.client: 0.013 s of a worker's start-up)."""
    for raw, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"),
                        ("\n", "&#10;"), ("\r", "&#13;"), ("\t", "&#9;")):
        value = value.replace(raw, entity)
    return f'"{value}"'


_DEFLATE_LEVEL = 1


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, _DATE_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    # zlib's fastest level: the sheets of 400 notices deflate in a third of level 6's time, to a
    # file a third larger (2.1 MB, not 1.6). ZipFile(compresslevel=) does not reach a ZipInfo.
    info._compresslevel = _DEFLATE_LEVEL
    info.external_attr = 0o600 << 16
    return info


def _content_types(n_sheets: int) -> str:
    sheets = "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" '
                     f'ContentType="{_OOXML}.spreadsheetml.worksheet+xml"/>' for n in range(1, n_sheets + 1))
    return (f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/docProps/app.xml" ContentType="{_OOXML}.extended-properties+xml"/>'
            f'<Override PartName="/docProps/core.xml" '
            f'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_OOXML}.spreadsheetml.styles+xml"/>'
            f'<Override PartName="/xl/theme/theme1.xml" ContentType="{_OOXML}.theme+xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_OOXML}.spreadsheetml.sheet.main+xml"/>'
            f"{sheets}</Types>")


_ROOT_RELS = (f'{_XML}<Relationships xmlns="{_PKG_REL}">'
              f'<Relationship Id="rId1" Type="{_R}/officeDocument" Target="xl/workbook.xml"/>'
              f'<Relationship Id="rId2" Type="{_PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>'
              f'<Relationship Id="rId3" Type="{_R}/extended-properties" Target="docProps/app.xml"/>'
              f"</Relationships>")

_CORE = (f'{_XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
         f' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
         f' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
         f"<dc:title>notice-tasks: tasks</dc:title><dc:creator></dc:creator><cp:lastModifiedBy></cp:lastModifiedBy>"
         f'<dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created>'
         f'<dcterms:modified xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:modified>'
         f"</cp:coreProperties>")


def _app(sheets: list[_Sheet]) -> str:
    names = "".join(f"<vt:lpstr>{s.name}</vt:lpstr>" for s in sheets)
    return (f'{_XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
            f' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f"<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
            f'<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr>'
            f"</vt:variant><vt:variant><vt:i4>{len(sheets)}</vt:i4></vt:variant></vt:vector></HeadingPairs>"
            f'<TitlesOfParts><vt:vector size="{len(sheets)}" baseType="lpstr">{names}</vt:vector></TitlesOfParts>'
            f"<Company></Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
            f"<HyperlinksChanged>false</HyperlinksChanged><AppVersion>12.0000</AppVersion></Properties>")


def _workbook_xml(sheets: list[_Sheet]) -> str:
    entries = "".join(f'<sheet name="{s.name}" sheetId="{n}" r:id="rId{n}"/>' for n, s in enumerate(sheets, start=1))
    filters = "".join(f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
                      f"{s.name}!$A$1:${_col_letter(len(s.columns) - 1)}${s.row}</definedName>"
                      for n, s in enumerate(sheets))
    return (f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_R}">'
            f'<fileVersion appName="xl" lastEdited="4" lowestEdited="4" rupBuild="4505"/>'
            f'<workbookPr defaultThemeVersion="124226"/><bookViews><workbookView xWindow="240" yWindow="15" '
            f'windowWidth="16095" windowHeight="9660"/></bookViews><sheets>{entries}</sheets>'
            f'{f"<definedNames>{filters}</definedNames>" if sheets else ""}'
            f'<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>')


def _workbook_rels(n_sheets: int) -> str:
    rels = [f'<Relationship Id="rId{n}" Type="{_R}/worksheet" Target="worksheets/sheet{n}.xml"/>'
            for n in range(1, n_sheets + 1)]
    rels.append(f'<Relationship Id="rId{n_sheets + 1}" Type="{_R}/theme" Target="theme/theme1.xml"/>')
    rels.append(f'<Relationship Id="rId{n_sheets + 2}" Type="{_R}/styles" Target="styles.xml"/>')
    return f'{_XML}<Relationships xmlns="{_PKG_REL}">{"".join(rels)}</Relationships>'


def _theme() -> str:
    """Office's default theme, as XlsxWriter ships it: its theme module loaded on its own, since
    importing the package (its whole writer) would cost 0.04 s of every run that writes."""
    from importlib.util import find_spec, module_from_spec, spec_from_file_location

    package = find_spec("xlsxwriter")
    if package is None or not package.submodule_search_locations:
        raise ModuleNotFoundError("xlsxwriter (a dependency of notice-tasks) is not installed")
    path = Path(next(iter(package.submodule_search_locations))) / "theme.py"
    spec = spec_from_file_location("_notice_tasks_xlsx_theme", path)
    module = module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.THEME_XML_2007


_FONT = '<sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/>'
_TOP = '<alignment vertical="top"/>'
_STYLES = (
    f'{_XML}<styleSheet xmlns="{_MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    f'<fonts count="3"><font>{_FONT}</font><font><b/>{_FONT}</font><font><u/><sz val="11"/><color rgb="FF1F4E9E"/>'
    f'<name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>'
    f'<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    f'<fill><patternFill patternType="solid"><fgColor rgb="FFE8EEF7"/><bgColor indexed="64"/></patternFill></fill>'
    f'</fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left/><right/>'
    f'<top/><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>'
    f'<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    f'<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    f'<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" '
    f'applyAlignment="1">{_TOP}</xf>'
    f'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">{_TOP}</xf>'
    f'<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">{_TOP}</xf>'
    f'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    f'<alignment vertical="top" wrapText="1"/></xf>'
    f'<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1">'
    f"{_TOP}</xf></cellXfs>"
    f'<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/>'
    f'<tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/>'
    f"</styleSheet>")
