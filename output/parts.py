"""What one notice adds to every output, made once and cached: the run's outputs are these parts
put together, so an unchanged notice is never turned into rows again.

A part is made in the worker that read the file (in parallel with the others) from the records,
the file's path (its rows name it, its review page is named after it) and its review page. What
only the whole run knows — which files are duplicates of which, the warnings that comparing them
adds — is left out: the documents row and the review page are finished by the run (`documents_part`,
review.finish_review), the rest never changes with it. The documents row is made ready too, as it
is when the run adds nothing to it (no alternates, no warnings of its own): most files of a run.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from typing import TYPE_CHECKING

from .overview import NoticeStats, notice_stats
from .rows import document_rows, pairing_rows, task_rows, task_unit_rows
from .schema import LIST_SEPARATOR, TABLES
from .workbook import SheetRows, sheet_rows

if TYPE_CHECKING:
    from normalize import NoticeRecords

_EPOCH = date(1970, 1, 1)
# A cell starting with one of these is a formula to Excel and LibreOffice (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class TablePart:
    """Rows of one table, in each form an output file wants them: UTF-8 bytes, a few objects per
    table rather than one per row, so that a cached part loads in a fraction of the time (no text
    to decode) and is written as it is."""

    rows: int = 0
    # The rows as CSV, each ending in "\r\n": the csv module quotes a cell holding "\r" or "\n" only
    # when its line end has them (Python 3.11); the writer turns row ends into "\n" where wanted.
    csv: bytes = b""
    json: bytes = b""  # the rows as JSON lines joined by "\n", for Arrow's reader
    sheet: SheetRows | None = None  # the rows as sheet XML, for tasks.xlsx


@dataclass
class NoticePart:
    tables: dict[str, TablePart]  # tasks, task_units, pairings
    document: dict  # its documents row, before the run sets alternates and n_warnings
    documents: TablePart  # that row as written when the run changes neither
    stats: NoticeStats  # what the overview's charts count
    review: bytes  # its review page (UTF-8), before the run puts in path and warnings


def review_link(path: str, doc_id: str) -> str:
    """The relative path of a file's review page in OUT."""
    return f"review/{PurePath(path).stem}-{doc_id}.html"


def notice_part(doc_id: str, rec: NoticeRecords, path: str, review_html: str) -> NoticePart:
    link = review_link(path, doc_id)
    rows = {"tasks": task_rows(doc_id, rec), "task_units": task_unit_rows(doc_id, rec),
            "pairings": pairing_rows(doc_id, rec)}
    document = next(document_rows(doc_id, rec))
    return NoticePart({name: table_part(name, made, link) for name, made in rows.items()}, document,
                      table_part("documents", [document], link), notice_stats(rec), review_html.encode("utf-8"))


def documents_part(part: NoticePart, alternates: list[str], warnings: list[str], link: str) -> TablePart:
    """A file's documents row with what the run knows of it: the one made with its part, unless
    the run gives it alternates or more warnings than its records have."""
    row = {**part.document, "alternates": alternates, "n_warnings": len(warnings)}
    return part.documents if row == part.document else table_part("documents", [row], link)


def table_part(table: str, rows, link: str | None = None, sheet: bool = True) -> TablePart:
    rows = list(rows)
    columns = [c.name for c in TABLES[table]]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([csv_cell(row.get(c)) for c in columns] for row in rows)
    return TablePart(len(rows), buf.getvalue().encode("utf-8"), b"\n".join(json_line(row, columns) for row in rows),
                     sheet_rows(table, rows, link) if sheet else None)


def json_line(row: dict, columns: list[str]) -> bytes:
    return json.dumps({n: _json_value(row.get(n)) for n in columns}, ensure_ascii=False).encode("utf-8")


def _json_value(value: object) -> object:
    return (value - _EPOCH).days if isinstance(value, date) else value  # date32 is days since 1970


def csv_cell(value: object) -> str:
    """A value as CSV text. Text that a spreadsheet would run as a formula gets a leading ' (OWASP's
    advice), so opening the file cannot execute it; Parquet keeps the exact text."""
    if value is None:
        return ""
    if isinstance(value, list):
        text = LIST_SEPARATOR.join(str(v) for v in value)
    elif isinstance(value, date):
        return value.isoformat()
    elif isinstance(value, int | float):
        return str(value)
    else:
        text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
