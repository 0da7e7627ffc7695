"""What a run writes: every output, from the files' cached parts.

This module carries the whole output stack (pyarrow, the workbook, the review pages); the run
imports it while the workers read (batch._in_order), so start-up overlaps the work, and an
unchanged re-run, which writes nothing (fingerprint.py), never imports it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from output import OutputSet
from output.datapackage import datapackage
from output.overview import RunStats, render_overview
from output.parts import NoticePart, documents_part, review_link
from output.review import finish_review
from output.schema import TABLES

from .fingerprint import file_entries, report
from .work import Summary, load_part

if TYPE_CHECKING:
    from .batch import Options


def _parts(summaries: list[Summary], opts: Options) -> Iterator[tuple[Summary, NoticePart]]:
    """Each read file's output part, in path order: one cache read per file, no records loaded."""
    for s in summaries:
        if s.read:
            yield s, load_part(opts.cache, s)


def write_outputs(summaries: list[Summary], opts: Options, entries: list[dict] | None = None) -> list[str]:
    """Every output of the run, committed together; returns the warnings of the outputs themselves."""
    entries = file_entries(summaries) if entries is None else entries
    with OutputSet(opts.out, opts.excel_bom, xlsx=opts.xlsx) as outs:
        review = outs.stage_dir("review")
        stats = RunStats()
        for s, part in _parts(summaries, opts):
            link = review_link(s.path, s.doc_id)
            page = finish_review(part.review, s.path, s.warnings, s.alternates)
            _write_page(review / review_name(s), page, opts.out / "review" / review_name(s))
            if s.duplicate_of:
                continue  # the same notice is counted once, from its preferred file
            stats.add(part.stats, link)
            outs.write_part("documents", documents_part(part, s.alternates, s.warnings, link))
            for name, rows in part.tables.items():
                outs.write_part(name, rows)
        book_warnings = outs.finish_workbook()
        rep = report(summaries, book_warnings if opts.xlsx else None, entries)
        outs.write_json("report.json", rep, lines=True)
        outs.write_json("datapackage.json", datapackage(opts.excel_bom))
        tables = [f"{t}.{ext}" for t in TABLES for ext in ("csv", "parquet")]
        written = [*(["tasks.xlsx"] if opts.xlsx else []), *tables, "report.json", "datapackage.json"]
        with outs.stage_file("index.html") as f:
            f.write(render_overview(rep, stats, written, book_warnings).encode("utf-8"))
    return book_warnings


def _write_page(path: Path, page: bytes, previous: Path) -> None:
    """A review page into the new review folder: the previous run's file itself (a hard link,
    no copy) where it holds these bytes already — most pages of a run that added one file — else
    written anew. Reading a page back is cheaper than creating and filling a file."""
    try:
        if previous.stat().st_size == len(page) and previous.read_bytes() == page:
            os.link(previous, path)
            return
    except OSError:  # no previous page, or a file system without hard links
        pass
    path.write_bytes(page)


def review_name(s: Summary) -> str:
    return PurePath(review_link(s.path, s.doc_id)).name
