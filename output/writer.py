"""Write the output tables as CSV and Parquet (and the tasks.xlsx workbook), streaming and atomically.

Rows are written as they come (memory stays flat however many notices a run reads), into
temporary files beside the final ones. Only when every file of the run is complete are they
renamed into place, one `os.replace` each; a run that fails half-way removes its temporary files
and leaves the previous outputs as they were. No reader ever sees a half-written file.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .parts import TablePart, csv_cell, json_line, table_part
from .schema import TABLES, arrow_schema
from .workbook import SHEETS, TaskWorkbook

__all__ = ["OutputSet", "csv_cell", "write_tables"]

_BATCH_ROWS = 2000  # rows per Parquet row group; fixed so that output bytes are reproducible


class OutputSet:
    """All files of one run: the tables, plus any extra files and folders, committed together.

        with OutputSet(out, xlsx=True) as outs:
            outs.write("tasks", rows, link="review/x.html")
            warnings = outs.finish_workbook()
            outs.write_json("report.json", report)
        # renamed into place here; on an exception nothing is
    """

    def __init__(self, out_dir: str | Path, excel_bom: bool = False, tables: Iterable[str] = TABLES,
                 xlsx: bool = False):
        self.out = Path(out_dir)
        self.out.mkdir(parents=True, exist_ok=True)
        self._staged: list[tuple[Path, Path]] = []
        self._tables: dict[str, _TableFiles] = {}
        self._workbook: TaskWorkbook | None = None
        # Arrow parses the rows and writes the row groups without Python's lock: on a thread of
        # its own, while this one formats the next files' rows, the sheets and the pages.
        self._parquet_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="parquet")
        try:
            self._tables = {name: _TableFiles(self, name, excel_bom, self._parquet_thread) for name in tables}
            if xlsx:
                sheets = tuple(t for t in SHEETS if t in self._tables)
                self._workbook = TaskWorkbook(self.stage_path("tasks.xlsx"), sheets)
        except BaseException:
            self.abort()  # no temporary file left behind by a set that never started
            raise

    def write(self, table: str, rows: Iterable[dict], link: str | None = None) -> None:
        """Rows of one table, to its CSV and Parquet files (and tasks.xlsx); `link` is the relative
        path of the rows' review page, linked from their file's name in the workbook."""
        self.write_part(table, table_part(table, rows, link, sheet=self._workbook is not None))

    def write_part(self, table: str, part: TablePart) -> None:
        """Rows of one table made beforehand (output.parts): appended to each file as they are."""
        self._tables[table].write_part(part)
        if self._workbook is not None and part.rows:
            if part.sheet is None:
                raise ValueError(f"{table}: rows made without their sheet XML, for a run that writes tasks.xlsx")
            self._workbook.add_rows(table, part.sheet)

    def finish_workbook(self) -> list[str]:
        """Write tasks.xlsx out (it is renamed into place with the rest); its warnings: cells cut,
        rows or links past Excel's limits. Called by commit when not before. The tables' last rows
        go to their Parquet thread first, to be written while the workbook is."""
        for t in self._tables.values():
            t.flush()
        return self._workbook.close() if self._workbook is not None else []

    def write_json(self, name: str, data: object, lines: bool = False) -> None:
        """`lines`: a large report, one item of each list a line (json_text), else indented."""
        text = json_text(data) if lines else json.dumps(data, ensure_ascii=False, indent=2, default=str)
        with self.stage_file(name) as f:
            f.write(text.encode("utf-8"))

    def stage_file(self, name: str):
        """A binary file to write `name` into; it becomes OUT/name at commit."""
        fd, tmp = tempfile.mkstemp(prefix=f".{Path(name).name}.", suffix=".tmp", dir=self.out)
        self._staged.append((Path(tmp), self.out / name))
        return os.fdopen(fd, "wb")

    def stage_path(self, name: str) -> Path:
        """A temporary path for a library that writes `name` itself; it becomes OUT/name at commit."""
        with self.stage_file(name):
            pass
        return self._staged[-1][0]

    def stage_dir(self, name: str) -> Path:
        """A folder to fill; it replaces OUT/name at commit."""
        tmp = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".tmp", dir=self.out))
        os.chmod(tmp, 0o755)  # mkdtemp makes 0700; outputs are for sharing
        self._staged.append((tmp, self.out / name))
        return tmp

    def commit(self) -> None:
        try:
            self.finish_workbook()
            for t in self._tables.values():
                t.close()  # the last rows are converted here and may still fail
        except BaseException:
            self.abort()
            raise
        self._parquet_thread.shutdown(wait=True)
        # Renames are atomic one by one, not as a set: refuse before the first one what would stop
        # a later one, so that a run never leaves some outputs new and others old.
        blocked = [final for tmp, final in self._staged if final.is_dir() != tmp.is_dir() and final.exists()]
        if blocked:
            self.abort()
            kind = "a folder" if blocked[0].is_dir() else "a file"
            raise IsADirectoryError(21, f"{kind} stands where an output goes", str(blocked[0]))
        for tmp, final in self._staged:
            if tmp.is_dir():
                old = final.with_name(f".{final.name}.old")
                shutil.rmtree(old, ignore_errors=True)
                if final.exists():
                    os.replace(final, old)
                os.replace(tmp, final)
                shutil.rmtree(old, ignore_errors=True)
            else:
                _fsync(tmp)  # the data is on disk before the name points at it
                os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are for sharing
                os.replace(tmp, final)
        self._staged.clear()

    def abort(self) -> None:
        if self._workbook is not None:
            self._workbook.abort()
        for t in self._tables.values():
            try:
                t.close()
            except Exception:
                pass  # its temporary files are removed just below
        self._parquet_thread.shutdown(wait=True)
        for tmp, _ in self._staged:
            if tmp.is_dir():
                shutil.rmtree(tmp, ignore_errors=True)
            else:
                tmp.unlink(missing_ok=True)
        self._staged.clear()

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()


class _TableFiles:
    """One table's CSV and Parquet files, written as rows arrive."""

    def __init__(self, outs: OutputSet, name: str, excel_bom: bool, thread: ThreadPoolExecutor):
        self.name, self.schema = name, arrow_schema(name)
        self._thread = thread
        self._jobs: list[Future] = []  # this table's row groups on the Parquet thread, in order
        self.columns = [c.name for c in TABLES[name]]
        self._excel = excel_bom
        self._csv_file = outs.stage_file(f"{name}.csv")
        header = ",".join(self.columns) + ("\r\n" if excel_bom else "\n")  # the names need no quoting
        self._csv_file.write(("\ufeff" + header if excel_bom else header).encode("utf-8"))
        self._pq_file = outs.stage_file(f"{name}.parquet")
        self._parquet = pq.ParquetWriter(self._pq_file, self.schema)
        self._pending: list[bytes] = []
        self._closed = False

    def write_part(self, part: TablePart) -> None:
        if part.rows:
            self._csv_file.write(part.csv if self._excel else _unix_line_ends(part.csv))
            self._pending += part.json.split(b"\n")
            while len(self._pending) >= _BATCH_ROWS:
                self._submit(self._pending[:_BATCH_ROWS])
                del self._pending[:_BATCH_ROWS]

    def flush(self) -> None:
        """The rows so far to the Parquet thread, as a row group of their own."""
        if self._pending and not self._closed:
            self._submit(self._pending)
            self._pending = []

    def _submit(self, rows: list[bytes]) -> None:
        # At most two row groups wait per table: memory stays flat however fast rows come.
        while sum(not j.done() for j in self._jobs) >= 2:
            wait(self._jobs, return_when=FIRST_COMPLETED)
        self._jobs = [j for j in self._jobs if not j.done() or j.exception() is not None]
        self._jobs.append(self._thread.submit(self._write_group, rows))

    def _write_group(self, rows: list[bytes]) -> None:
        self._parquet.write_table(_arrow_table(rows, self.schema))

    def close(self) -> None:
        if self._closed:
            return
        try:
            self.flush()
        finally:
            self._closed = True
            wait(self._jobs)  # every row group written (or failed) before the file is closed
        try:
            for job in self._jobs:
                job.result()  # a row group that failed fails the table
        finally:
            self._parquet.close()
            self._csv_file.close()
            self._pq_file.close()


def _unix_line_ends(rows: bytes) -> bytes:
    """CSV rows ending in "\r\n" (as parts hold them) ending in "\n" instead; a line break inside a
    quoted cell stays as printed. A break is between rows where the quotes before it are even."""
    if b'"' not in rows:  # no quoted cell, so every "\r\n" ends a row: as nearly always
        return rows.replace(b"\r\n", b"\n")
    out, quotes = [], 0
    for line in rows.split(b"\r\n")[:-1]:
        quotes += line.count(b'"')
        out.append(line + (b"\r\n" if quotes % 2 else b"\n"))
    return b"".join(out)


def _arrow_table(rows: list[dict] | list[bytes], schema: pa.Schema) -> pa.Table:
    """Rows (dicts, or their JSON lines) as an Arrow table, parsed by Arrow's own JSON reader:
    converting Python objects (pa.array, Table.from_pylist) makes pyarrow import pandas, a quarter
    of a second of every run; this path never touches it. One block, so the row group is the rows
    as given."""
    from pyarrow import json as pa_json

    names = schema.names
    lines = [r if isinstance(r, bytes) else json_line(r, names) for r in rows]
    data = b"\n".join(lines)
    options = pa_json.ParseOptions(explicit_schema=schema, unexpected_field_behavior="error")
    table = pa_json.read_json(io.BytesIO(data), read_options=pa_json.ReadOptions(block_size=len(data) + 1,
                                                                                use_threads=False),
                              parse_options=options)
    return table.select(names).combine_chunks()


def json_text(data: object) -> str:
    """JSON for people and programs alike: a top-level object one key a line, and a list under it
    one item a line (a report's files, grep-able). Each piece goes through json's C encoder; an
    indented dump is pure Python, a fifth of a second for the report of 400 files."""
    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, default=str)

    if not isinstance(data, dict) or not data:
        return dump(data) + "\n"
    lines = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            value_text = "[\n" + ",\n".join(f"    {dump(v)}" for v in value) + "\n  ]"
        else:
            value_text = dump(value)
        lines.append(f"  {dump(str(key))}: {value_text}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_tables(out_dir: str | Path, rows: dict[str, list[dict]], excel_bom: bool = False,
                 xlsx: bool = False) -> list[str]:
    """Write whole tables at once (tests, small runs); same files and guarantees as OutputSet.
    Returns the workbook's warnings."""
    with OutputSet(out_dir, excel_bom, tables=rows, xlsx=xlsx) as outs:
        for name, table_rows in rows.items():
            outs.write(name, table_rows)
        return outs.finish_workbook()
