"""A table grid → task or pairing records.

Merged cells and carried-over fields: where the format records the merge (docx, PDF), a grid
position covered by a merged cell takes that cell's value whatever the column, and an empty cell
stays empty. Where the merge markup is lost (text exports), a blank cell carries the value above
only in the fields every task has (number, group, lead units, deadline, responsible leader);
optional fields (support units, remarks, any other column) do not inherit. Each task records the
fields that were carried, so an analyst can see what was inferred.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.model import Cell, Table

from .cjk import fold_traditional, join_lines
from .columns import (
    PARTY,
    UNNUMBERED,
    Column,
    assign_columns,
    is_extra,
    is_item_number,
    is_person_name,
    ordinal_level,
)
from .deadlines import due_date, year_in
from .headers import (
    AREA,
    DEADLINE,
    LEAD,
    LEADER,
    NUMBER,
    PERSONS,
    PROGRESS,
    REMARKS,
    SUPPORT,
    TASK,
    clean_header,
    match_header,
)
from .numbers import numbering_warnings, parse_cell_number, split_leading_number
from .records import ColumnReading, PairRecord, TableRecord, TaskRecord, UnitRef
from .units import BreakDecision, UnitConventions, first_leads, says_lead, split_people, split_units

# Fields every task has: a blank cell in a text export is a merge and carries the value above.
CARRIED_WHEN_BLANK = {NUMBER, AREA, LEAD, DEADLINE, LEADER}
AREA_JOINER = "／"  # two grouping columns (一级指标 / 二级指标) give one area, outer first


@dataclass
class _Value:
    lines: list[str]
    carried: bool = False
    line_ends: list[bool] | None = None

    @property
    def text(self) -> str:
        return join_lines(self.lines)


@dataclass
class TableResult:
    table: TableRecord
    tasks: list[TaskRecord]
    pairings: list[PairRecord]
    warnings: list[str]


# Labels that stand before a table's real title (附件 / 附件1 / 附表2).
ANNEX_LABEL = re.compile(r"^(附件|附表)\s*\d*\s*[:：]?$")


def title_rows(table: Table) -> tuple[str | None, int]:
    """The table's own title printed in it, and how many rows at the top are such lines: rows of
    one cell across every column (洋县2024年十大民生实事项目清单; 附件5 | 行政检查计划统计表 |
    填表单位:… over a 17-column form), a header below them — no level of the header. The title is
    the first of them that is neither an annex label nor a form's `label:value` line."""
    if table.n_rows < 3 or table.n_cols < 3:
        return None, 0
    top = 0
    while top < min(3, table.n_rows - 2) and _one_cell_row(table, top):
        top += 1
    # Under them, a row of short cells at least two of which are header words: a header, not the
    # first task under a section row (一、…) at the top of a table part.
    below = [t for t in table.row_texts(top) if t.strip()]
    header = len(below) >= 2 and all(len(t) <= 20 for t in below) \
        and sum(bool(match_header(clean_header(t.splitlines())).field) for t in below) >= 2
    if not top or not header:
        return None, 0
    lines = [table.at(r, 0).text.strip() for r in range(top)]
    titled = [t for t in lines if t and not ANNEX_LABEL.match(t) and not re.search(r"[:：]", t)]
    return (titled or lines)[0] or None, top


def _one_cell_row(table: Table, r: int) -> bool:
    cells = [table.at(r, c) for c in range(table.n_cols)]
    if table.merges_known:
        return cells[0] is not None and all(c is cells[0] for c in cells)
    return all(c is not None for c in cells) and not any(c.text.strip() for c in cells[1:])


def header_row_count(table: Table, top: int = 0) -> int:
    """Rows that make the header, from row `top` (1 under a title row): a top cell spanning columns
    (责任单位 over 牵头 | 配合) brings the rows its neighbours span; without merge markup, a next row
    of header words joins it."""
    h = top + 1
    for cell in table.cells:
        if cell.row == top and (cell.colspan or 1) > 1:
            h = max(h, top + max((c.rowspan or 1) for c in table.cells if c.row == top))
    # A row that is one cell across the table is a title or a section (一、主要预期指标), never a
    # level of the header.
    while h < min(table.n_rows - 1, top + 3) and len({id(table.at(h, c)) for c in range(table.n_cols)}) > 1 \
            and (_looks_like_header_row(table.row_texts(h))
                 or (not table.merges_known and _completes_header(table.row_texts(h - 1), table.row_texts(h)))):
        h += 1
    return h


def _headerless(table: Table, top: int) -> bool:
    """A table printed without its header row (a page that begins at its first row: 1 | 一、… |
    农村常住居民人均可支配收入…。 | 法规科): the top row opens with a bare item number, holds a
    sentence, and no cell of it is a header word. Its columns are read by their content."""
    texts = [t.strip() for t in table.row_texts(top)]
    if top >= table.n_rows - 1 or not texts or not is_item_number(texts[0]):
        return False
    sentence = any(len(t) > 12 and re.search(r"[。，,；;]", t) for t in texts)
    # A header word is a short cell; a numbered heading (一、…目标) is a group, however it ends.
    words = [t for t in texts[1:] if t and len(t) <= 12 and ordinal_level(t) is None]
    return sentence and not any(match_header(clean_header(t.splitlines())).field for t in words)


def _completes_header(upper: list[str], lower: list[str]) -> bool:
    """In a text export (merges lost), the lower row of a two-level header: short cells that fill
    every gap the row above left after its first cell (a header merged across) and leave gaps
    under some of its cells (headers merged down) — a data row fills nearly every cell."""
    gaps = [c for c, t in enumerate(upper) if not t.strip() and c > 0]
    under = [c for c, t in enumerate(upper) if t.strip() and not lower[c].strip()]
    filled = [t for t in lower if t.strip()]
    return bool(gaps and under) and all(lower[c].strip() for c in gaps) and all(len(t) <= 12 for t in filled)


def _looks_like_header_row(texts: list[str]) -> bool:
    """Short cells, most of them header words (重点工作 | 主要内容 | 10月完成情况 | 进度状态: the
    lower row of a two-level header, whatever one word no rule knows)."""
    filled = [t for t in texts if t.strip()]
    if len(filled) < 2 or any(len(t) > 12 for t in filled):
        return False
    known = sum(bool(match_header(clean_header(t.splitlines())).field) for t in filled)
    return known == len(filled) or (len(filled) >= 3 and known >= 0.75 * len(filled))


def interpret_table(table: Table, table_no: int, title: str | None, default_year: int | None,
                    conventions: UnitConventions | None = None) -> TableResult:
    """`conventions`: what the notice tells once about its unit cells (units.unit_conventions)."""
    conventions = conventions or UnitConventions()
    own_title, top = title_rows(table)
    if own_title is not None:
        title = own_title  # the table's own title, printed in it, over a paragraph before it
    h = top if _headerless(table, top) else header_row_count(table, top)
    header_rows = [table.row_texts(r) for r in range(top, h)]
    body_rows = [r for r in range(h, table.n_rows) if not header_rows or table.row_texts(r) != header_rows[0]]
    levels = [[_origin_lines(table, r, c) for r in range(top, h)] for c in range(table.n_cols)]
    continued: set[int] = set()  # columns whose header continues the one on their left
    if not table.merges_known:
        # A text export loses a header merged over two columns (项目 over 类别 | 指标): a blank
        # header cell beside a filled one is its continuation — unless the header above it in its
        # own column is its own (区领导 over a blank: merged down, not across).
        blank = [[not any(line.strip() for line in levels[c][r]) for r in range(h - top)] for c in range(table.n_cols)]
        for c in range(1, table.n_cols):
            for r in range(h - top):
                if blank[c][r] and (r == 0 or blank[c][r - 1]):
                    levels[c][r] = levels[c - 1][r]
                    continued.add(c)
    # A note or total row (备注, 合计) says nothing of what the columns hold, and is no task; nor
    # does a section row merged across the table (一、…: its text is no column's).
    labels = {r: label for r in body_rows if (label := _row_label(table, r)) is not None}
    content_rows = [r for r in body_rows if r not in labels and not (table.merges_known and _one_cell_row(table, r))]
    columns = assign_columns(levels, [table.row_texts(r) for r in content_rows],
                             [_runs(table, c, content_rows) for c in range(table.n_cols)])
    fields = [None if is_extra(c) else c.field for c in columns]
    kind = "tasks" if TASK in fields else "pairs" if fields.count(PARTY) >= 2 else "other"
    readings = [ColumnReading(c.header, c.field, c.party, c.how, c.evidence, c.close_call) for c in columns]
    record = TableRecord(table_no, kind, title, [c.header for c in columns], fields, len(body_rows), readings)
    where = f"table {table_no}"
    warnings = [f"{where}: column {c.index + 1} '{c.header}' matches no known header; kept in extra"
                for c in columns if c.field is None and c.how == "unknown" and kind == "tasks"]
    warnings += [f"{where}: column {c.index + 1} '{c.header}' read as {c.field} from its content"
                 for c in columns if c.how == "content" and c.field]
    warnings += [f"{where}: column {c.index + 1} '{c.header}': close call: {c.close_call}"
                 for c in columns if c.close_call and kind == "tasks"]
    if kind == "tasks":
        year = year_in(title) or default_year
        tasks, warns = _tasks(table, table_no, columns, body_rows, year, conventions, frozenset(continued), labels)
        return TableResult(record, tasks, [], warnings + warns)
    if kind == "pairs":
        return TableResult(record, [], _pairs(table, table_no, columns, body_rows, conventions.known), warnings)
    return TableResult(record, [], [], [*warnings, f"{where}: no task column found; table not read as tasks"])


def _runs(table: Table, col: int, rows: list[int]) -> list[tuple[int, int]]:
    """Cells of a column that stand for several body rows, as (first, last) body-row positions:
    merged over them (where the format records merges), repeated on the next rows, or, in a text
    export, followed by blanks."""
    runs: list[tuple[int, int]] = []
    start, previous = 0, None
    for i, r in enumerate(rows):
        cell = table.at(r, col)
        text = cell.text.strip() if cell is not None else ""
        covered = cell is not None and cell.row != r and cell.row >= rows[0]
        same = previous is not None and (covered or text == previous or (not text and not table.merges_known))
        if not same:
            if i - 1 > start:
                runs.append((start, i - 1))
            start, previous = i, text or None
    if len(rows) - 1 > start:
        runs.append((start, len(rows) - 1))
    return runs


def _origin_lines(table: Table, row: int, col: int) -> list[str]:
    cell = table.at(row, col)
    return cell.lines if cell is not None else []


def _tasks(table: Table, table_no: int, columns: list[Column], rows: list[int], year: int | None,
           conventions: UnitConventions, continued: frozenset[int] = frozenset(),
           labels: dict[int, str] | None = None) -> tuple[list[TaskRecord], list[str]]:
    """`continued`: columns whose header continues the one on their left (a text export's lost
    merge); `labels`: rows that are a note or total (_row_label), by row."""
    labels = labels or {}
    tasks: list[TaskRecord] = []
    above: dict[int, _Value] = {}
    numbers, merged_numbers = [], []
    decisions: list[BreakDecision] = []
    warnings: list[str] = []
    by_content = sorted({c.field for c in columns if c.how == "content" and c.field})
    sections: list[str] = []  # headings of rows that span the table (一、… over （一）…), outer first
    task_col = next(c.index for c in columns if c.field == TASK)
    # The level the tasks are numbered at: the deepest that numbers any task cell; below all of
    # them where most task cells have no number (一、加快发展现代农业 over 冬绿肥示范基地, …).
    levels = [ordinal_level(text) for r in rows if (text := table.row_texts(r)[task_col]).strip()]
    numbered = [lv for lv in levels if lv is not None]
    task_level = max(numbered, default=None)
    if numbered and 2 * len(numbered) < len(levels):
        task_level = UNNUMBERED
    for r in rows:
        heading = _section_heading(table, r, task_col, task_level)
        if heading is not None:
            # A heading replaces those of its own level and below: 二、 ends 一、 and its （一）.
            level = ordinal_level(heading)
            while sections and (level is None or (ordinal_level(sections[-1]) or 0) >= level):
                sections.pop()
            sections.append(heading)
            above.clear()  # no merge runs through a row that spans the table
            continue
        if task_col > 0 and (label := labels.get(r)) is not None:
            # 备注 / 合计 in the leading columns: the table's note or total, not a task.
            text = next((t for t in table.row_texts(r)[task_col:] if t.strip()), "")
            warnings.append(f"table {table_no}: row {r + 1} is a {label} row, not a task: "
                            f"{text[:40]}{'…' if len(text) > 40 else ''}")
            continue
        values = {c.index: _value(table, r, c, above) for c in columns}
        if not table.merges_known:
            _nest_groups(columns, values, above)
        above.update({i: v for i, v in values.items() if v.lines})
        by_field: dict[str, list[tuple[Column, _Value]]] = {}
        for c in columns:
            by_field.setdefault("" if is_extra(c) else c.field, []).append((c, values[c.index]))
        task_value = by_field[TASK][0][1]
        if spanned := _group_spanning_task(table, r, columns, task_col, values, continued):
            # One cell over the group and the task column (a header over both, 项目名称): the row's
            # item has no group, and that cell is its task.
            task_value = values[spanned]
            by_field[AREA] = [(c, v) for c, v in by_field[AREA] if c.index != spanned]
        if not task_value.lines or (task_value.carried and not _own_cells(table, r, task_col)):
            # No task text, or the lower part of a task cell merged over rows with nothing of its
            # own; a row under a merged task with its own progress or units is a record of its own.
            continue
        own_no, text = split_leading_number(task_value.text, _next_number(tasks))
        if not text.strip():
            continue  # a number alone ("2.") is no task text
        seq = len(tasks) + 1
        cell_no = _first(by_field, NUMBER)
        printed = parse_cell_number(cell_no.text) if cell_no else None
        task_no = printed if printed is not None else own_no
        numbers.append(task_no)
        merged_numbers.append(bool(cell_no and cell_no.carried))
        carried = sorted({f for f, pairs in by_field.items() for _, v in pairs if v.carried and f})
        deadline, remarks, progress = (_first(by_field, f) for f in (DEADLINE, REMARKS, PROGRESS))
        lead, support = (_units(by_field, f, decisions, conventions) for f in (LEAD, SUPPORT))
        named = _people_beside_units(by_field, lead + support)
        levels = [t for t in [*sections, *(v.text for _, v in by_field.get(AREA, []))] if t]
        # A group cell over two levels' columns (生态类指标 across 二级 and 三级) is one group.
        area = AREA_JOINER.join(t for k, t in enumerate(levels) if k == 0 or t != levels[k - 1])
        tasks.append(TaskRecord(
            table_no=table_no, seq=seq, task_no=task_no if task_no is not None else seq,
            area=area,
            task=text,
            deadline=deadline.text if deadline else None,
            due_date=due_date(deadline.text, year) if deadline else None,
            lead_units=[u for u in lead if u.unit not in named],
            support_units=[u for u in support if u.unit not in named],
            leaders=[p for _, v in by_field.get(LEADER, []) for p in split_people(v.lines)],
            persons=[p for _, v in by_field.get(PERSONS, []) for p in split_people(v.lines)] + named,
            progress=progress.text if progress else None,
            remarks=remarks.text if remarks else None,
            carried=carried,
            inferred=sorted({*by_content, *(["number"] if task_no is None else [])}),
            extra={c.header or f"column {c.index + 1}": v.text for c, v in by_field.get("", [])},
            source_row=r,
        ))
        # Role words can move a unit from the lead column to support ("各科室配合").
        moved = [u for u in tasks[-1].lead_units if u.role == "support"]
        if moved:
            tasks[-1].lead_units = [u for u in tasks[-1].lead_units if u.role == "lead"]
            tasks[-1].support_units = moved + [u for u in tasks[-1].support_units if u not in moved]
    warnings += numbering_warnings(numbers, merged_numbers, f"table {table_no}")
    # A carried cell is split again on every row it covers: report each close call once.
    warnings += list(dict.fromkeys(
        f"table {table_no}: close call joining unit lines '{d.before}' + '{d.after}': "
        f"{'joined' if d.wrap else 'kept apart'} ({d.reason})" for d in decisions if d.close_call))
    return tasks, warnings


def _group_spanning_task(table: Table, row: int, columns: list[Column], task_col: int,
                         values: dict[int, _Value], continued: frozenset[int]) -> int | None:
    """The group column whose cell on this row also covers the task column, if any: merged across
    where the format records merges; in a text export, which loses them, a group cell of its own
    beside a blank task cell under a header that runs on over both columns."""
    task_cell = table.at(row, task_col)
    for c in columns:
        if c.field != AREA or c.index == task_col:
            continue
        if table.merges_known:
            if task_cell is not None and table.at(row, c.index) is task_cell:
                return c.index
        elif (c.index == task_col - 1 and task_col in continued and not values[task_col].lines
              and values[c.index].lines and not values[c.index].carried):
            return c.index
    return None


_ROW_LABELS = {"备注": "note", "注": "note", "说明": "note", "附注": "note", "合计": "total", "小计": "total",
               "总计": "total", "共计": "total"}


def _row_label(table: Table, row: int) -> str | None:
    """'note' or 'total' where a row's first cell says 备注 or 合计 (and the row says more)."""
    cell = table.at(row, 0)
    if cell is None or cell.row != row:
        return None
    label = _ROW_LABELS.get(re.sub(r"[\s:：]", "", fold_traditional(cell.text)))
    says_more = label is not None and any(t.strip() for t in table.row_texts(row)[cell.col + (cell.colspan or 1):])
    return label if says_more else None


def _next_number(tasks: list[TaskRecord]) -> int | None:
    return tasks[-1].task_no + 1 if tasks and tasks[-1].task_no is not None else None


def _own_cells(table: Table, row: int, task_col: int) -> bool:
    """Whether a row has filled cells of its own (not covered from above) beside the task column."""
    return any((cell := table.at(row, c)) is not None and cell.row == row and not cell.is_blank
               for c in range(table.n_cols) if c != task_col)


def _section_heading(table: Table, row: int, task_col: int, task_level: int | None = None) -> str | None:
    """The text of a row that is a heading, not a task: one cell alone on its row, spanning the
    task column (一、加强组织领导 across the table) or, where merges are unknown, with the task
    column blank beside it, or in the task column numbered a level above the tasks (一、 over
    1. …: a text export's section row); a bare number is no heading."""
    own = {id(cell): cell for c in range(table.n_cols)
           if (cell := table.at(row, c)) is not None and cell.row == row and not cell.is_blank}
    if len(own) != 1:
        return None
    (cell,) = own.values()
    spans_task = cell.col <= task_col < cell.col + (cell.colspan or 1) and (cell.colspan or 1) > 1
    task_blank = (task := table.at(row, task_col)) is None or task.is_blank
    text = join_lines(cell.lines)
    level = ordinal_level(text)
    # (A heading states no sentence: 一、主要预期指标, not 四、共享资源。)
    above_tasks = cell.col == task_col and level is not None and task_level is not None and level < task_level \
        and not text.rstrip().endswith(("。", "；", ";"))
    if not (spans_task or (not table.merges_known and ((task_blank and cell.col < task_col) or above_tasks))):
        return None
    return None if parse_cell_number(text) is not None else text


def _nest_groups(columns: list[Column], values: dict[int, _Value], above: dict[int, _Value]) -> None:
    """Groups nest: where a group column starts a new group, a lower level to its right cannot go
    on from the row above (a text export's blank there is the upper cell spanning across it)."""
    new_group = False
    for c in columns:
        if c.field != AREA:
            continue
        v = values[c.index]
        if v.carried and new_group:
            values[c.index] = _Value([])
        elif v.lines and not v.carried and (c.index not in above or above[c.index].lines != v.lines):
            new_group = True


def _value(table: Table, row: int, col: Column, above: dict[int, _Value]) -> _Value:
    cell: Cell | None = table.at(row, col.index)
    if cell is None:
        return _Value([])
    if cell.row != row:  # covered by a merged cell that starts above: the format says so
        return _Value(cell.lines, carried=True, line_ends=cell.line_ends)
    if cell.is_blank and not table.merges_known and col.field in CARRIED_WHEN_BLANK and col.index in above:
        prev = above[col.index]
        return _Value(prev.lines, carried=True, line_ends=prev.line_ends)
    return _Value(cell.lines, line_ends=cell.line_ends)


def _first(by_field: dict[str, list[tuple[Column, _Value]]], field: str) -> _Value | None:
    found = by_field.get(field)
    return found[0][1] if found else None


def _units(by_field: dict[str, list[tuple[Column, _Value]]], field: str,
           decisions: list[BreakDecision], conventions: UnitConventions) -> list[UnitRef]:
    role = "support" if field == SUPPORT else "lead"
    # "The first unit listed leads" speaks of one list of units, not of a table that names its
    # supporting units in a column of their own.
    first = conventions.first_leads and field == LEAD and not any(v.lines for _, v in by_field.get(SUPPORT, []))
    first = first and not any(says_lead("".join(v.lines)) for _, v in by_field.get(field, []))
    out: list[UnitRef] = []
    for col, value in by_field.get(field, []):
        units = split_units(value.lines, role, value.line_ends, decisions, conventions.known, conventions.printed)
        for u in first_leads(units) if first else units:
            ref = UnitRef(u.unit, u.role, col.party)
            if ref not in out:
                out.append(ref)
    return out


def _people_beside_units(by_field: dict[str, list[tuple[Column, _Value]]], units: list[UnitRef]) -> list[str]:
    """Names of people among the units of a column whose header names them too (牵头单位及主要
    负责人: 市民政局 / 伍泽国): they are persons, not units."""
    if not any(col.also == PERSONS for f in (LEAD, SUPPORT) for col, _ in by_field.get(f, [])):
        return []
    return [u.unit for u in units if is_person_name(u.unit)]


def _pairs(table: Table, table_no: int, columns: list[Column], rows: list[int],
           known: frozenset[str]) -> list[PairRecord]:
    pairs = []
    number_col = next((c for c in columns if c.field == NUMBER), None)
    for position, r in enumerate(rows, start=1):
        units = []
        for c in columns:
            if c.field == PARTY:
                cell = table.at(r, c.index)
                if cell is not None:
                    units += [UnitRef(u.unit, "pair", c.party)
                              for u in split_units(cell.lines, "pair", cell.line_ends, known=known)]
        if not units:
            continue
        no = None
        if number_col is not None and (cell := table.at(r, number_col.index)) is not None:
            no = parse_cell_number(cell.text)
        pairs.append(PairRecord(table_no, no if no is not None else position, units))
    return pairs
