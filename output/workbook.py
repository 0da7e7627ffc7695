"""OUT/tasks.xlsx: the four tables as sheets of one workbook, ready to use when Excel or WPS opens it.

The same rows and columns as the CSV/Parquet files, typed as a spreadsheet wants them: counts as
numbers, dates as Excel dates (so an autofilter groups them by year and month), lists joined with
`；`; the header row bold, frozen and filtered, columns as wide as their text (a CJK character is two
widths), the task text wrapped, and each row's file linked to its review page.

Written with XlsxWriter in `constant_memory` mode: rows go to disk as they come, so memory stays
flat however large the run (what grows is only XlsxWriter's table of links, ~1 KiB a linked row). Measured
by bench/bench_xlsx.py on 50,000 tasks with their units, pairings and documents (310,756 rows, a
2-core machine under load): XlsxWriter constant_memory 20-21 s, +56 MiB peak; XlsxWriter's default
mode 17-19 s, +360 MiB; openpyxl write_only 50-58 s, +327 MiB, and it wants every column width
before the first row, which a stream does not know. XlsxWriter also fixes the zip entries'
timestamps itself, so a fixed `created` date makes the file reproducible.

Text is always written as text, never as a formula (`write_string`, not `write`). What Excel cannot
hold is said, not lost silently: a cell over Excel's 32,767-character limit is cut with a visible
marker, rows past its row limit and links past its per-sheet limit are dropped; each is a warning
(report.json), and the CSV/Parquet files keep everything.
"""

from __future__ import annotations

import shutil
import tempfile
import unicodedata
from datetime import datetime
from pathlib import Path

import xlsxwriter
from xlsxwriter.url import Url

from .schema import DATE, INT, LIST, LIST_SEPARATOR, TABLES

SHEETS = ("tasks", "task_units", "pairings", "documents")  # the order an analyst wants them in
CELL_LIMIT = 32_767  # Excel's maximum characters in a cell (counted in UTF-16 units)
CUT_MARK = "…[截断]"
ROW_LIMIT = 1_048_576  # rows of a sheet, the header row included
LINK_LIMIT = 65_530  # hyperlinks per sheet
MAX_WIDTH = 60  # column width cap, in Excel's character widths
WRAPPED = frozenset({"task"})  # long text worth reading whole: wrapped inside its column
LINKED = "source_file"  # the column whose cell links to the file's review page
_CREATED = datetime(2000, 1, 1)  # fixed document timestamp: equal inputs give byte-identical files


class TaskWorkbook:
    """tasks.xlsx, filled row by row (rows in each sheet's order), written out at `close()`."""

    def __init__(self, path: str | Path, tables: tuple[str, ...] = SHEETS, constant_memory: bool = True):
        self.path = Path(path)
        self.warnings: list[str] = []
        # XlsxWriter's row files go into a folder of ours beside the output, removed whatever happens.
        self._tmp = tempfile.mkdtemp(prefix=".tasks.xlsx.", suffix=".tmp", dir=self.path.parent)
        self._book = xlsxwriter.Workbook(str(self.path), {"constant_memory": constant_memory, "tmpdir": self._tmp})
        self._book.set_properties({"title": "notice-tasks: tasks", "created": _CREATED})
        add = self._book.add_format
        self._fmt = {
            "header": add({"bold": True, "bg_color": "#E8EEF7", "bottom": 1, "valign": "top"}),
            "text": add({"valign": "top"}),
            "wrap": add({"valign": "top", "text_wrap": True}),
            "date": add({"valign": "top", "num_format": "yyyy-mm-dd"}),
            "link": add({"valign": "top", "font_color": "#1F4E9E", "underline": 1}),
        }
        self._sheets = {name: _Sheet(self, name) for name in SHEETS if name in tables}
        self._closed = False

    def add(self, table: str, row: dict, link: str | None = None) -> None:
        """One row of `table`; `link` is the relative path of the row's review page, if any."""
        sheet = self._sheets.get(table)
        if sheet is not None:
            sheet.add(row, link)

    def close(self) -> list[str]:
        """Finish the sheets and write the file; returns the warnings (cells cut, rows dropped)."""
        if self._closed:
            return self.warnings
        self._closed = True
        try:
            for sheet in self._sheets.values():
                sheet.finish()
            self._book.close()
        finally:
            shutil.rmtree(self._tmp, ignore_errors=True)
        return self.warnings

    def abort(self) -> None:
        """Give up without writing: only the temporary row files are removed (the caller owns `path`)."""
        self._closed = True
        shutil.rmtree(self._tmp, ignore_errors=True)


class _Sheet:
    def __init__(self, book: TaskWorkbook, name: str):
        self.book, self.name = book, name
        self.columns = TABLES[name]
        self.ws = book._book.add_worksheet(name)
        self.widths = [display_width(c.name) + 3 for c in self.columns]  # room for the filter button
        self.row = 0
        self.dropped = 0
        self.links = 0
        self.unlinked = 0  # rows past the link limit
        self._url: tuple[tuple[str, str], Url] | None = None
        header = book._fmt["header"]
        for col, column in enumerate(self.columns):
            self.ws.write_string(0, col, column.name, header)
        self.ws.freeze_panes(1, 0)

    def add(self, row: dict, link: str | None) -> None:
        if self.row + 1 >= ROW_LIMIT:
            self.dropped += 1
            return
        self.row += 1
        fmt = self.book._fmt
        for col, column in enumerate(self.columns):
            value = row.get(column.name)
            if value is None or value == "" or value == []:
                continue  # an empty cell, as the CSV has it
            if column.type == INT:
                self.ws.write_number(self.row, col, value, fmt["text"])
                self._fit(col, str(value))
            elif column.type == DATE:
                self.ws.write_datetime(self.row, col, value, fmt["date"])
                self._fit(col, "yyyy-mm-dd")
            else:
                text = LIST_SEPARATOR.join(value) if column.type == LIST else str(value)
                if not text:
                    continue  # a list of one empty title: empty in the CSV too
                text = self._cut(text, column.name, row)
                if link and column.name == LINKED and self._link(col, text, link):
                    continue
                self._text(col, text, fmt["wrap"] if column.name in WRAPPED else fmt["text"])

    def _text(self, col: int, text: str, cell_format) -> None:
        if _rich_looking(text):
            # XlsxWriter would take this for its own rich-text markup and write it raw into the XML
            # (the text is lost, the file may break); as three rich-string runs it is escaped.
            self.ws.write_rich_string(self.row, col, text[:1], text[1:-1], text[-1:], cell_format)
        else:
            self.ws.write_string(self.row, col, text, cell_format)
        self._fit(col, text)

    def _link(self, col: int, text: str, link: str) -> bool:
        """The cell as a hyperlink to the review page; False where Excel cannot take one more."""
        if _rich_looking(text):
            return False
        if self.links >= LINK_LIMIT:
            self.unlinked += 1
            return False
        if self._url is None or self._url[0] != (link, text):
            try:
                url = Url("external:" + _uri_path(link))
            except ValueError:  # a path longer than Excel's URL limit
                return False
            # XlsxWriter writes a relative link with Windows separators (review\x.html), as Excel on
            # Windows does; a URI's "/" is what every spreadsheet resolves, on every system.
            url._relationship_link = url._relationship_link.replace("\\", "/")
            url.text = text
            url.tip = "审阅页 (review page)"
            self._url = ((link, text), url)  # one object for a notice's rows: the sheet keeps every link till the end
        self.ws.write_url(self.row, col, self._url[1], self.book._fmt["link"])
        self.links += 1
        self._fit(col, text)
        return True

    def _cut(self, text: str, column: str, row: dict) -> str:
        if len(text) <= CELL_LIMIT // 2 or utf16_len(text) <= CELL_LIMIT:
            return text
        keep = CELL_LIMIT - utf16_len(CUT_MARK)
        # Cut in UTF-16 units, as Excel counts; a character outside the BMP is never split in half.
        cut = text.encode("utf-16-le")[: 2 * keep].decode("utf-16-le", "ignore")
        which = row.get("task_id") or row.get("source_file") or f"row {self.row + 1}"
        self.book.warnings.append(
            f"cell cut at Excel's limit of {CELL_LIMIT:,} characters: tasks.xlsx sheet {self.name}, "
            f"column {column}, {which}: {len(text):,} characters, ends in {CUT_MARK} "
            f"(the whole text is in {self.name}.csv and {self.name}.parquet)")
        return cut + CUT_MARK

    def _fit(self, col: int, text: str) -> None:
        # A character takes one or two widths: measure only what could widen the column (most cells
        # of a long run cannot), and never past the cap.
        width = self.widths[col]
        if width >= MAX_WIDTH or 2 * len(text) + 2 <= width:
            return
        if len(text) + 2 >= MAX_WIDTH and "\n" not in text:
            self.widths[col] = MAX_WIDTH
        else:
            self.widths[col] = max(width, min(MAX_WIDTH, _text_width(text) + 2))

    def finish(self) -> None:
        for col, width in enumerate(self.widths):
            self.ws.set_column(col, col, width)
        self.ws.autofilter(0, 0, self.row, len(self.columns) - 1)
        if self.dropped:
            self.book.warnings.append(
                f"rows dropped at Excel's limit of {ROW_LIMIT:,} rows: tasks.xlsx sheet {self.name} holds the "
                f"first {self.row:,}; {self.dropped:,} more are in {self.name}.csv and {self.name}.parquet")
        if self.unlinked:
            self.book.warnings.append(
                f"links stop at Excel's limit of {LINK_LIMIT:,} per sheet: tasks.xlsx sheet {self.name}, the last "
                f"{self.unlinked:,} rows name their file without a link to its review page")


_URI_SPECIAL = frozenset(' "#%<>?[\\]^`{|}')


def _uri_path(path: str) -> str:
    """A relative path as a URI reference: characters a URI reserves (or XlsxWriter reads as an
    anchor) percent-encoded, CJK left as it is (an IRI, as Excel writes it)."""
    return "".join("".join(f"%{b:02X}" for b in ch.encode()) if ch in _URI_SPECIAL or ch < " " else ch
                   for ch in path)


def _rich_looking(text: str) -> bool:
    return text.startswith("<r>") and text.endswith("</r>")


def display_width(text: str) -> int:
    """Width in Excel's character widths: a CJK (wide or full-width) character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _text_width(text: str) -> int:
    # The widest line, measured only as far as the cap can matter: a long task costs no more than a short one.
    return max(display_width(line[:MAX_WIDTH]) for line in text.split("\n"))


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
