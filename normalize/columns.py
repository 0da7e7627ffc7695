"""Decide what each column of a table holds, from its header first and its content second."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .headers import (
    AREA,
    LEAD,
    LEADER,
    NUMBER,
    SUPPORT,
    TASK,
    TASK_LIKE,
    HeaderMatch,
    clean_header,
    match_header,
    region_name,
)

# Fields a table has at most one column of; a second one is kept as an extra column.
_SINGLE = {NUMBER, AREA, TASK, "deadline", "remarks"}
_SMALL_INT = re.compile(r"^[（(]?\d{1,3}[）)]?[.．、]?$")
PARTY = "party"  # a column headed by a region name alone (结对帮扶表: 渝中区 | 巫溪县)


@dataclass
class Column:
    index: int
    header: str  # as printed, header levels joined with "/"
    field: str | None  # canonical field; None keeps the column as extra
    party: str | None = None
    how: str = "header"  # "header" or "content": how the field was decided


def assign_columns(header_levels: list[list[list[str]]], body: list[list[str]]) -> list[Column]:
    """`header_levels[c]` lists the header cells' lines over column c, top level first;
    `body` holds the data rows' texts, for the columns whose header names nothing."""
    columns = [_from_header(c, levels) for c, levels in enumerate(header_levels)]
    texts = [[row[c] for row in body if c < len(row)] for c in range(len(columns))]
    _pick_task(columns, texts)
    _pick_number(columns, texts)
    seen: set[str] = set()
    for col in columns:
        if col.field in _SINGLE:
            if col.field in seen:
                col.field = None
            seen.add(col.field or "")
    return columns


def _from_header(index: int, levels: list[list[str]]) -> Column:
    names = [clean_header(lines) for lines in levels]
    names = [n for i, n in enumerate(names) if n and n not in names[:i]]
    header = "/".join(names)
    # The lowest level speaks first (牵头单位 under 责任单位); a region under a unit header
    # (牵头责任单位 / 渝中区) is that column's party.
    match = HeaderMatch(None)
    for name in reversed(names):
        match = match_header(name)
        if match.field:
            break
    party = match.party
    if names and (region := region_name(names[-1])):
        if match.field in (LEAD, SUPPORT, LEADER):
            party = region
        elif match.field is None:
            return Column(index, header, PARTY, region)
    return Column(index, header, match.field, party)


def _mean_len(values: list[str]) -> float:
    filled = [v for v in values if v.strip()]
    return sum(len(v) for v in filled) / len(filled) if filled else 0.0


def _pick_task(columns: list[Column], texts: list[list[str]]) -> None:
    candidates = [c for c in columns if c.field in (TASK, TASK_LIKE)]
    if not candidates:
        # No header names the task: the column of long sentences holds it.
        unknown = [c for c in columns if c.field is None]
        best = max(unknown, key=lambda c: _mean_len(texts[c.index]), default=None)
        if best is not None and _mean_len(texts[best.index]) >= 12:
            best.field, best.how = TASK, "content"
        return
    task = max(candidates, key=lambda c: _mean_len(texts[c.index]))
    task.field = TASK
    has_area = any(c.field == AREA for c in columns)
    for c in candidates:
        if c is task:
            continue
        # The shorter of two task-like columns groups the tasks (工作任务 beside 具体要求).
        c.field, c.how = (None, "header") if has_area else (AREA, "content")
        has_area = True


def _pick_number(columns: list[Column], texts: list[list[str]]) -> None:
    if any(c.field == NUMBER for c in columns):
        return
    for c in columns:
        if c.field is None:
            filled = [v.strip() for v in texts[c.index] if v.strip()]
            if filled and len(filled) * 2 >= len(texts[c.index]) and all(_SMALL_INT.match(v) for v in filled):
                c.field, c.how = NUMBER, "content"
                return
