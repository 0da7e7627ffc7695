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
    persons: list[str] = field(default_factory=list)  # 责任人 / 联系人 / 经办人, where the table has them
    progress: str | None = None  # 完成情况 / 进展情况 as printed; None when the table has no such column
    sub_no: str | None = None  # a sub-item's own number ((1), ①) under a numbered item of a list
    source_kind: str = "table"  # "table", or "list" for tasks written as numbered paragraphs


@dataclass
class PairRecord:
    table_no: int
    pair_no: int
    units: list[UnitRef]


@dataclass(frozen=True)
class ColumnReading:
    """How one header was read: the field, the party, and the evidence that decided it."""

    header: str
    field: str | None  # canonical field, or the kind kept in extra (contact, score), or None
    party: str | None
    how: str  # "synonym", "head noun", "content" or "unknown"
    evidence: str
    close_call: str  # why it could have gone the other way, or ""


@dataclass
class TableRecord:
    table_no: int
    kind: str  # "tasks" | "pairs" | "other"
    title: str | None
    columns: list[str]  # header texts as printed (lines joined)
    fields: list[str | None]  # canonical field per column (None: kept as extra)
    n_rows: int
    readings: list[ColumnReading] = field(default_factory=list)
    source_kind: str = "table"  # "table", or "list": tasks written as numbered paragraphs


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
