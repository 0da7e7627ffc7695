"""Meaning, format-blind: a read document → notice metadata, task records, pairing records."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from extract.model import Document, Paragraph, Table

from .lists import TaskList, find_task_lists, list_records, opens_line
from .metadata import read_meta, signs_off
from .records import ColumnReading, NoticeRecords, PairRecord, TableRecord, TaskRecord, UnitRef
from .stitch import stitch_tables
from .tables import ANNEX_LABEL, interpret_table
from .units import bracket_open, unit_conventions

__all__ = ["ColumnReading", "NoticeRecords", "PairRecord", "TableRecord", "TaskRecord", "UnitRef", "normalize_document"]

_DATE_LINE = re.compile(r"^(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}[-./]\d{1,2}[-./]\d{1,2})$")


def normalize_document(doc: Document) -> NoticeRecords:
    blocks = stitch_tables(doc.blocks)
    meta = read_meta([b.text for b in blocks if isinstance(b, Paragraph)])
    out = NoticeRecords(doc.source_file, doc.format, doc.encoding, meta, warnings=list(doc.warnings))
    default_year = meta.issue_date.year if meta.issue_date else None
    cells = [c for b in blocks if isinstance(b, Table) for c in b.cells]
    conventions = unit_conventions([c.lines for c in cells], [b.text for b in blocks if isinstance(b, Paragraph)],
                                   [c.lines for c in cells if len(c.lines) > 1 and c.line_ends is None])
    lists = _task_lists(blocks)
    table_no = 0
    for i, block in enumerate(blocks):
        if i in lists:  # a task list counts as a table, where its first heading or item stands
            table_no += 1
            record, tasks, warnings = list_records(lists[i], table_no, default_year, conventions.first_leads)
            out.tables.append(record)
            out.tasks += tasks
            out.warnings += warnings
        if not isinstance(block, Table):
            continue
        table_no += 1
        result = interpret_table(block, table_no, _title_before(blocks, i), default_year, conventions)
        out.tables.append(result.table)
        out.tasks += result.tasks
        out.pairings += result.pairings
        out.warnings += result.warnings
    if meta.title is None and out.tables and _leads_the_page(blocks, out.tables[0].title):
        # A page that is its table (or task list) alone, under that table's title: the page's title.
        meta.title = out.tables[0].title
    if not meta.parties:
        meta.parties = _parties_from_columns(out)
    if not out.tables:
        out.warnings.append("no table found: the notice has no task table")
    elif not out.tasks and not out.pairings:
        out.warnings.append("tables found, but none holds tasks or pairs")
    return out


def _task_lists(blocks: list) -> dict[int, TaskList]:
    """Task lists written as numbered paragraphs, by the index of the block they start at: the
    paragraphs between two tables are one run to search."""
    found: dict[int, TaskList] = {}
    run: list[tuple[int, str]] = []
    runs_on = False
    padded = [*blocks, None]
    full = _filled_lines(blocks)
    for i, block in enumerate(padded):
        if isinstance(block, Paragraph) and i in full.page_numbers:
            continue  # — 3 — between two lines of a copy that kept the printed lines
        if isinstance(block, Paragraph):
            # A printed line that runs on into the next (PDF) is one paragraph with it — unless
            # the next one opens an item, a heading or a label line of its own, or is the
            # signature (a line of bodies' names over the date).
            after = padded[i + 1] if isinstance(padded[i + 1], Paragraph) else None
            if runs_on and run and not signs_off(block.text, after.text if after else None) \
                    and (bracket_open(run[-1][1]) or not opens_line(run[-1][1], block.text)):
                run[-1] = (run[-1][0], run[-1][1] + block.text.strip())
            else:
                run.append((i, block.text))
            runs_on = bool(block.runs_on) or i in full.lines
            continue
        runs_on = False
        for task_list in find_task_lists(run):
            found[task_list.start] = task_list
        run = []
    return found


@dataclass
class _Wrapped:
    lines: set[int] = field(default_factory=set)  # paragraphs that fill their printed line
    page_numbers: set[int] = field(default_factory=set)


_PAGE_NUMBER = re.compile(r"^[—\-－–\s]*\d{1,3}[—\-－–\s]*$")


def _filled_lines(blocks: list) -> _Wrapped:
    """A text export or Word file copied from a PDF keeps a paragraph for every printed line
    (…领导体制机制,优 | 化决策程序…): where many paragraphs are as wide as one another, that width
    is the line's, and a paragraph as wide (less a first line's indent of two characters) runs on
    into the next as a PDF's wrapped line does. Formats that know their lines (PDF) say so
    themselves; a document of ordinary paragraphs has no common width."""
    paras = [(i, b.text.strip()) for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.runs_on is None]
    widths = {i: sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text) for i, text in paras}
    wide = [w for w in widths.values() if w >= 30]
    if len(wide) < 6:
        return _Wrapped()
    line = max(set(wide), key=lambda w: sum(abs(x - w) <= 1 for x in wide))
    at_width = [text for i, text in paras if abs(widths[i] - line) <= 1]
    # Lines cut by the width stop mid-sentence; a list of items of one length ends each one.
    cut = [text for text in at_width if not text.endswith(tuple("。；;：:！？!?"))]
    if len(at_width) < max(5, 0.3 * len(wide)) or len(cut) < 0.6 * len(at_width):
        return _Wrapped()
    return _Wrapped({i for i, w in widths.items() if line - 5 <= w <= line + 2},
                    {i for i, text in paras if _PAGE_NUMBER.fullmatch(text)})


def _title_before(blocks: list, index: int) -> str | None:
    """The table's title: the paragraph right before it, past a bare 附件 label."""
    for block in reversed(blocks[:index]):
        if isinstance(block, Table):
            return None
        text = block.text.strip()
        if ANNEX_LABEL.match(text) or _DATE_LINE.match(re.sub(r"\s+", "", text)):
            continue  # a bare 附件 label, or the date line of a page that prints it above the table
        if len(text) <= 80 and not text.endswith(("。", "：", ":", "；")):
            return re.sub(r"\s+", "", text)
        return None
    return None


def _leads_the_page(blocks: list, title: str | None) -> bool:
    """Whether a title stands first on the page: its first paragraph, or the title row of a
    table that comes before any paragraph."""
    if not title:
        return False
    first = next((b for b in blocks if not isinstance(b, Paragraph) or b.text.strip()), None)
    return isinstance(first, Table) or (first is not None and re.sub(r"\s+", "", first.text) == title)


def _parties_from_columns(records: NoticeRecords) -> list[str]:
    parties: list[str] = []
    units = [u for t in records.tasks for u in t.lead_units + t.support_units]
    units += [u for p in records.pairings for u in p.units]
    for u in units:
        if u.party and u.party not in parties:
            parties.append(u.party)
    return parties[:2] if len(parties) >= 2 else []
