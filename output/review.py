"""A static review page per notice: each table as the document had it, beside the records made
from it, with carried and inferred values marked and the warnings on top — so an analyst can check
an extraction in a minute instead of trusting it blind. One self-contained HTML file, no scripts.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from extract.model import Document, Table

if TYPE_CHECKING:
    from normalize import NoticeRecords, TableRecord, TaskRecord

_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222}
h1{font-size:1.3em} h2{font-size:1.1em;margin-top:2em} .meta td{padding:2px 10px 2px 0}
.warnings{background:#fff4e5;border:1px solid #f0b060;padding:.5em 1em} .ok{color:#2a7a2a}
.pair{display:flex;gap:1.5em;align-items:flex-start} .pair>div{flex:1;overflow-x:auto}
table.grid,table.records{border-collapse:collapse;font-size:.85em}
table.grid td,table.records td,table.records th{border:1px solid #999;padding:3px 5px;vertical-align:top}
table.grid tr:first-child td{background:#eee;font-weight:bold}
.merged{background:#eef3ff} .carried{background:#fff3b0} .inferred{background:#e6f7e6}
table.records td:nth-child(3){min-width:16em} table.records td:nth-child(6){min-width:8em}
.legend span{padding:0 .5em;margin-right:.5em}
table.headers{border-collapse:collapse;font-size:.8em;margin:.3em 0 .8em} table.headers td{padding:1px 8px 1px 0}
.close{color:#a05000}
"""
_TASK_COLUMNS = ("task_no", "area", "task", "deadline", "due_date", "lead", "support", "leaders", "persons",
                 "progress", "remarks")
_CARRY_KEY = {"task_no": "number", "due_date": "deadline"}  # record column → field name in carried


_RUN_MARK = "<!--run-->"
_PATH_MARK = "<!--path-->"
_RUN_MARK_B, _PATH_MARK_B = _RUN_MARK.encode(), _PATH_MARK.encode()


def render_review(doc: Document, rec: NoticeRecords, doc_id: str) -> str:
    """The page for one notice, up to what belongs to a run (file path, warnings): see finish_review.
    Rendered once per file content and cached with its records."""
    m = rec.meta
    # Without a title the page is named by its file: the run's path, put in by finish_review (the
    # page is cached by content; the same bytes may sit at another path next time).
    title = escape(m.title) if m.title else _PATH_MARK
    parts = [f"<!DOCTYPE html><html lang='zh'><head><meta charset='utf-8'><title>{title}"
             f"</title><style>{_CSS}</style></head><body>",
             f"<h1>{escape(m.title or '(no title found)')}</h1>",
             "<table class='meta'>",
             *(f"<tr><td>{k}</td><td id='meta-{k}'>{escape(str(v))}</td></tr>" for k, v in (
                 ("doc_id", doc_id), ("format", rec.format),
                 ("doc_number", m.doc_number or "—"), ("issuers", "、".join(m.issuers) or "—"),
                 ("issue_date", m.issue_date or "—"), ("parties", "、".join(m.parties) or "—"))),
             "</table>", _RUN_MARK,
             "<p class='legend'><span class='merged'>merged cell in the document</span>"
             "<span class='carried'>carried from the row above</span>"
             "<span class='inferred'>inferred (position, content)</span></p>"]
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    grid_tables = [t for t in rec.tables if t.source_kind == "table"]
    if len(tables) != len(grid_tables):  # a split table was stitched: show the grids as read
        parts.append(f"<p>{len(tables)} table(s) in the document, read as {len(grid_tables)}.</p>")
    grids = iter(tables if len(tables) == len(grid_tables) else [])
    for t in rec.tables:
        grid = next(grids, None) if t.source_kind == "table" else None
        parts.append(f"<h2 id='table-{t.table_no}'>Table {t.table_no}: {escape(t.title or '(untitled)')} "
                     f"— {t.kind}</h2>{_readings(t)}<div class='pair'><div><h3>As in the document</h3>"
                     f"{_grid(grid) if grid else _no_grid(t)}</div><div><h3>Records</h3>")
        if t.kind == "tasks":
            parts.append(_task_records([x for x in rec.tasks if x.table_no == t.table_no]))
        elif t.kind == "pairs":
            parts.append(_pair_records(rec, t.table_no))
        else:
            parts.append("<p>No records: no task column found.</p>")
        parts.append("</div></div>")
    parts.append("</body></html>")
    return "\n".join(parts)


def finish_review(page: bytes, path: str, warnings: list[str], alternates: list[str]) -> bytes:
    """Put the run's part into a rendered page (UTF-8): the file's path, its alternates, its warnings."""
    alt = f"<p id='alternates'>Same notice also in: {escape('、'.join(alternates))}</p>" if alternates else ""
    back = "<p id='overview-link'><a href='../index.html'>← run overview (index.html)</a></p>"
    run = f"{back}<p id='source-file'>File: <code>{escape(path)}</code></p>{alt}{_warnings(warnings)}"
    return page.replace(_PATH_MARK_B, escape(path).encode("utf-8"), 1).replace(_RUN_MARK_B, run.encode("utf-8"), 1)


def _warnings(warnings: list[str]) -> str:
    if not warnings:
        return "<p class='ok' id='warnings'>No warnings.</p>"
    items = "".join(f"<li>{escape(w)}</li>" for w in warnings)
    return f"<div class='warnings' id='warnings'><b>{len(warnings)} warning(s)</b><ul>{items}</ul></div>"


def _no_grid(t: TableRecord) -> str:
    if t.source_kind == "list":
        return "<p>(tasks written as numbered paragraphs with responsibility labels: see the source)</p>"
    return "<p>(see the source)</p>"


def _readings(t: TableRecord) -> str:
    """How each header was read: field, party, and the evidence (synonym, head noun, content)."""
    rows = "".join(
        f"<tr{' class=close' if r.close_call else ''}><td>{escape(r.header or '(blank)')}</td><td>→ "
        f"<b>{escape(r.field or 'extra')}</b>{escape('（' + r.party + '）') if r.party else ''}</td>"
        f"<td>{escape(r.how)}{': ' + escape(r.evidence) if r.evidence else ''}</td>"
        f"<td>{escape(r.close_call)}</td></tr>" for r in t.readings)
    return f"<table class='headers' id='headers-{t.table_no}'>{rows}</table>" if rows else ""


def _grid(table: Table) -> str:
    rows = []
    for r in range(table.n_rows):
        cells = []
        for c in range(table.n_cols):
            cell = table.at(r, c)
            if cell is None:
                cells.append("<td></td>")
                continue
            if (cell.row, cell.col) != (r, c):
                continue  # covered by a merged cell drawn at its origin
            span = "".join(f" {k}='{v}'" for k, v in (("rowspan", cell.rowspan), ("colspan", cell.colspan))
                           if v and v > 1)
            cls = " class='merged'" if (cell.rowspan or 1) > 1 else ""
            text = "<br>".join(escape(line) for line in cell.lines)
            cells.append(f"<td{span}{cls}>{text}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table class='grid'>{''.join(rows)}</table>"


def _task_records(tasks: list[TaskRecord]) -> str:
    head = "".join(f"<th>{c}</th>" for c in _TASK_COLUMNS)
    rows = []
    for t in tasks:
        values = {
            "task_no": t.task_no, "area": t.area, "task": t.task, "deadline": t.deadline or "",
            "due_date": t.due_date or "",
            "lead": "<br>".join(escape(f"{u.unit}（{u.party}）" if u.party else u.unit) for u in t.lead_units),
            "support": "<br>".join(escape(u.unit) for u in t.support_units),
            "leaders": "、".join(t.leaders), "persons": "、".join(t.persons), "progress": t.progress or "",
            "remarks": t.remarks or "",
        }
        cells = []
        for col in _TASK_COLUMNS:
            key = _CARRY_KEY.get(col, col)
            cls = "carried" if key in t.carried else "inferred" if key in t.inferred else ""
            text = values[col] if col in ("lead", "support") else escape(str(values[col]))
            cells.append(f"<td class='{cls}'>{text}</td>" if cls else f"<td>{text}</td>")
        rows.append(f"<tr data-task='{t.seq}'>{''.join(cells)}</tr>")
    return f"<table class='records'><tr>{head}</tr>{''.join(rows)}</table>"


def _pair_records(rec: NoticeRecords, table_no: int) -> str:
    rows = [f"<tr><td>{p.pair_no}</td><td>{'<br>'.join(escape(f'{u.party}：{u.unit}') for u in p.units)}</td></tr>"
            for p in rec.pairings if p.table_no == table_no]
    return f"<table class='records'><tr><th>pair_no</th><th>units</th></tr>{''.join(rows)}</table>"
