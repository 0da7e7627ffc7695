"""The records normalization yields: format-blind, one notice at a time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .metadata import NoticeMeta


@dataclass(frozen=True)
class UnitRef:
    unit: str
    role: str  # "lead" | "support" (tasks) or "pair" (pairings)
    party: str | None = None  # region named by the column header, else None


@dataclass
class TaskRecord:
    table_no: int  # 1-based, counting every table of the notice in document order
    seq: int  # 1-based position of the task in its table; with table_no it identifies the task
    task_no: int | None  # as printed (序号 or the task's leading number), else its position
    area: str
    task: str
    deadline: str | None  # as printed; None when the table has no deadline column
    due_date: date | None
    lead_units: list[UnitRef]
    support_units: list[UnitRef]
    leaders: list[str]
    remarks: str | None  # None when the table has no 备注 column
    carried: list[str]  # fields whose value came from the row above (a merged or blank cell)
    inferred: list[str]  # fields not printed as such: number by position, columns judged by content
    extra: dict[str, str]  # columns that map to no field, by header
    source_row: int  # 0-based row of the table grid


@dataclass
class PairRecord:
    table_no: int
    pair_no: int
    units: list[UnitRef]


@dataclass
class TableRecord:
    table_no: int
    kind: str  # "tasks" | "pairs" | "other"
    title: str | None
    columns: list[str]  # header texts as printed (lines joined)
    fields: list[str | None]  # canonical field per column (None: kept as extra)
    n_rows: int


@dataclass
class NoticeRecords:
    source_file: str
    format: str
    encoding: str | None
    meta: NoticeMeta
    tables: list[TableRecord] = field(default_factory=list)
    tasks: list[TaskRecord] = field(default_factory=list)
    pairings: list[PairRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
