"""Write the output tables as CSV and Parquet, atomically.

Every file is written to a temporary name in the output folder first; only when all of them are
complete are they renamed into place, one `os.replace` each. A run that fails half-way leaves the
previous outputs as they were, and no reader ever sees a half-written file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .schema import LIST_SEPARATOR, TABLES, arrow_schema


def write_tables(out_dir: str | Path, rows: dict[str, list[dict]], excel_bom: bool = False) -> list[Path]:
    """Write each table in `rows` as <name>.csv and <name>.parquet; return the final paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for name, table_rows in rows.items():
            staged.append(_stage(out, f"{name}.parquet", lambda f, n=name, r=table_rows: _write_parquet(f, n, r)))
            staged.append(_stage(out, f"{name}.csv",
                                 lambda f, n=name, r=table_rows: _write_csv(f, n, r, excel_bom)))
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, final in staged:
        os.replace(tmp, final)
    return [final for _, final in staged]


def write_json(path: str | Path, data: object) -> Path:
    """A JSON file (report, data package), written the same atomic way."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp, final = _stage(path.parent, path.name, lambda f: f.write(
        json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")))
    os.replace(tmp, final)
    return final


def _stage(out: Path, name: str, write) -> tuple[Path, Path]:
    fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are for sharing
    return tmp, out / name


def _write_parquet(f, name: str, rows: list[dict]) -> None:
    schema = arrow_schema(name)
    table = pa.Table.from_pylist(rows, schema=schema) if rows else schema.empty_table()
    pq.write_table(table, f)


def _write_csv(f, name: str, rows: Iterable[dict], excel_bom: bool) -> None:
    columns = [c.name for c in TABLES[name]]
    text = io.TextIOWrapper(f, encoding="utf-8-sig" if excel_bom else "utf-8", newline="")
    writer = csv.writer(text, lineterminator="\r\n" if excel_bom else "\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(row.get(c)) for c in columns])
    text.flush()
    text.detach()  # the binary file stays open for _stage to fsync and close


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
