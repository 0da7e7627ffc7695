"""Which library writes tasks.xlsx: speed and peak memory on a 50,000-task run.

    .venv/bin/python bench/bench_xlsx.py [--tasks 50000]

The rows are the sample notice 001's (28 tasks, their units, 31 pairs) repeated as distinct
notices with varied due dates until the run holds --tasks tasks, streamed notice by notice into
all four sheets as the pipeline does. Each writer runs in a fresh process; peak memory is that
process's ru_maxrss while writing minus what it held before. Compared: output/workbook.py's own
SpreadsheetML fed row by row (a first run) and from parts made beforehand (a re-run: the parts
are cached), XlsxWriter in constant_memory mode (what wrote tasks.xlsx before), openpyxl in
write_only mode with the same features (bold frozen header, filter, widths, dates, links), and
the CSV + Parquet files alone for scale. Figures, not assertions.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from itertools import chain
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VARIANTS = ("sheetml-rows", "sheetml-parts", "xlsxwriter-constant-memory", "openpyxl-write-only", "csv+parquet-only")


def notices(n_tasks: int) -> Iterator[tuple[str, dict[str, list[dict]]]]:
    """(review link, rows per table) for each synthetic notice, until n_tasks tasks are made."""
    from extract import read_document
    from normalize import normalize_document
    from output import ROWS

    rec = normalize_document(read_document(ROOT / "samples" / "001_b104398e3de8d2a1.txt"))
    template = {name: list(make("d", rec)) for name, make in ROWS.items()}
    made, k = 0, 0
    while made < n_tasks:
        doc = f"{k:016x}"
        path = f"notices/第{k}号通知.docx"

        def vary(row: dict, doc: str = doc, path: str = path, k: int = k) -> dict:
            out = {**row, "doc_id": doc}
            if "source_file" in out:
                out["source_file"] = path
            if "task_id" in out:
                out["task_id"] = doc + out["task_id"][1:]
            if "due_date" in out:
                out["due_date"] = date(2021 + k % 4, 1 + (k + out["seq"]) % 12, 28)
            return out

        rows = {name: [vary(r) for r in table] for name, table in template.items()}
        rows["tasks"] = rows["tasks"][: n_tasks - made]
        made += len(rows["tasks"])
        k += 1
        yield f"review/第{k}号通知-{doc}.html", rows


def child(variant: str, n_tasks: int, out: Path) -> dict:
    from output import OutputSet
    from output.workbook import TaskWorkbook, sheet_rows

    stream = notices(n_tasks)
    first = next(stream)  # imports and the sample's parsing are done before the clock starts
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    rows = 0
    if variant == "sheetml-rows":
        book = TaskWorkbook(out / "tasks.xlsx")
        for link, tables in chain([first], stream):
            for name, table in tables.items():
                for row in table:
                    book.add(name, row, link)
                    rows += 1
        book.close()
    elif variant == "sheetml-parts":
        # A re-run's case: every notice's rows made into sheet XML beforehand (cached parts).
        parts = [(name, sheet_rows(name, table, link)) for link, tables in chain([first], stream)
                 for name, table in tables.items()]
        start = time.perf_counter()
        book = TaskWorkbook(out / "tasks.xlsx")
        for name, part in parts:
            book.add_rows(name, part)
            rows += len(part.links)
        book.close()
    elif variant == "xlsxwriter-constant-memory":
        rows = _xlsxwriter(out / "tasks.xlsx", chain([first], stream))
    elif variant == "openpyxl-write-only":
        rows = _openpyxl(out / "tasks.xlsx", chain([first], stream))
    else:
        with OutputSet(out) as outs:
            for link, tables in chain([first], stream):
                for name, table in tables.items():
                    outs.write(name, table, link)
                    rows += len(table)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    size = sum(p.stat().st_size for p in out.iterdir() if p.is_file())
    return {"variant": variant, "rows": rows, "seconds": seconds, "peak_mib": (peak - base) / 1024,
            "size_mib": size / 2**20}


def _xlsxwriter(path: Path, stream) -> int:
    """The same cells with XlsxWriter's streaming mode (what tasks.xlsx was written with before
    the sheets became parts): typed cells, links, frozen bold header, filter."""
    import xlsxwriter

    from output.schema import DATE, INT, LIST, LIST_SEPARATOR, TABLES
    from output.workbook import SHEETS

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    bold, top, date_fmt = book.add_format({"bold": True}), book.add_format({"valign": "top"}), \
        book.add_format({"num_format": "yyyy-mm-dd"})
    sheets, counts = {}, dict.fromkeys(SHEETS, 0)
    for name in SHEETS:
        ws = book.add_worksheet(name)
        for i, c in enumerate(TABLES[name]):
            ws.write_string(0, i, c.name, bold)
        ws.freeze_panes(1, 0)
        sheets[name] = ws
    for link, tables in stream:
        for name, table in tables.items():
            ws = sheets[name]
            for row in table:
                counts[name] += 1
                r = counts[name]
                for i, c in enumerate(TABLES[name]):
                    value = row.get(c.name)
                    if value in (None, "", []):
                        continue
                    if c.type == INT:
                        ws.write_number(r, i, value, top)
                    elif c.type == DATE:
                        ws.write_datetime(r, i, value, date_fmt)
                    elif c.name == "source_file":
                        ws.write_url(r, i, "external:" + link, top, str(value))
                    else:
                        ws.write_string(r, i, LIST_SEPARATOR.join(value) if c.type == LIST else str(value), top)
    for name, ws in sheets.items():
        ws.autofilter(0, 0, counts[name], len(TABLES[name]) - 1)
    book.close()
    return sum(counts.values())


def _openpyxl(path: Path, stream) -> int:
    """The same workbook with openpyxl's streaming mode. Column widths must be set before the first
    row there, so it is given the capped widths for free: a stream cannot know them."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    from output.schema import DATE, INT, LIST, LIST_SEPARATOR, TABLES
    from output.workbook import SHEETS

    book = Workbook(write_only=True)
    sheets = {}
    bold, top, wrap = Font(bold=True), Alignment(vertical="top"), Alignment(vertical="top", wrap_text=True)
    for name in SHEETS:
        ws = book.create_sheet(name)
        for i, _ in enumerate(TABLES[name]):
            ws.column_dimensions[chr(65 + i)].width = 30
        ws.freeze_panes = "A2"
        header = []
        for c in TABLES[name]:
            cell = WriteOnlyCell(ws, value=c.name)
            cell.font = bold
            header.append(cell)
        ws.append(header)
        sheets[name] = ws
    counts = dict.fromkeys(SHEETS, 0)
    for link, tables in stream:
        for name, table in tables.items():
            ws = sheets[name]
            for row in table:
                cells = []
                for c in TABLES[name]:
                    value = row.get(c.name)
                    if c.type == LIST:
                        value = LIST_SEPARATOR.join(value or []) or None
                    cell = WriteOnlyCell(ws, value=value)
                    cell.alignment = wrap if c.name == "task" else top
                    if c.type == DATE:
                        cell.number_format = "yyyy-mm-dd"
                    elif c.type != INT and isinstance(value, str) and value.startswith("="):
                        cell.data_type = "s"  # openpyxl too takes a leading = for a formula
                    if c.name == "source_file":
                        cell.hyperlink = link
                    cells.append(cell)
                ws.append(cells)
                counts[name] += 1
    for name, ws in sheets.items():
        ws.auto_filter.ref = f"A1:{chr(64 + len(TABLES[name]))}{counts[name] + 1}"
    book.save(path)
    return sum(counts.values())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tasks", type=int, default=50_000)
    ap.add_argument("--child", choices=VARIANTS, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.tasks, args.out)))
        return
    print(f"tasks.xlsx for {args.tasks:,} tasks (with their units, pairings and documents), one process each:")
    for variant in VARIANTS:
        with tempfile.TemporaryDirectory() as tmp:
            proc = subprocess.run([sys.executable, __file__, "--child", variant, "--tasks", str(args.tasks),
                                   "--out", tmp], capture_output=True, text=True, check=True)
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"  {r['variant']:<28} {r['seconds']:6.1f} s  peak +{r['peak_mib']:6.0f} MiB  "
              f"{r['size_mib']:5.1f} MiB written  ({r['rows']:,} rows)")


if __name__ == "__main__":
    main()
