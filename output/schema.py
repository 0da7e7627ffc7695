"""The output tables: names, columns, types and meanings. A contract: downstream tools read these.

Columns may be added; none is renamed or removed without a version bump. The README's data
dictionary is this file in prose, and a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

# Column types by their Arrow names: the rows, the CSV and the workbook need only the name, so a
# worker that makes a file's rows never imports pyarrow (0.08 s of every run's start-up).
STR, INT, DATE, LIST = "string", "int32", "date32", "list<string>"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # STR, INT, DATE or LIST
    doc: str


TABLES: dict[str, tuple[Column, ...]] = {
    "documents": (
        Column("doc_id", STR, "stable id of the input file: the first 16 hex digits of its SHA-256"),
        Column("source_file", STR, "the input file's path as given on the command line"),
        Column("format", STR, "reader used: txt, docx, doc, pdf, ofd, html, xlsx, xls"),
        Column("encoding", STR, "text encoding the file was decoded with (text formats only)"),
        Column("doc_number", STR, "文号, e.g. 武隆府办〔2021〕17号"),
        Column("issuers", LIST, "issuing bodies, in printed order"),
        Column("issue_date", DATE, "成文日期, the date the notice was signed"),
        Column("title", STR, "the notice's title, joined when printed over several lines"),
        Column("parties", LIST, "the two regions a notice pairs (南川区, 武隆区), else empty"),
        Column("table_titles", LIST, "title of each table in document order (empty when none)"),
        Column("n_tables", INT, "tables found (after stitching a table split in two)"),
        Column("n_tasks", INT, "rows in tasks for this document"),
        Column("n_pairs", INT, "pairs (rows of pairing tables) for this document"),
        Column("n_warnings", INT, "warnings raised while reading and normalizing"),
        Column("alternates", LIST, "other files holding the same notice (same 文号, date and title), not counted"),
    ),
    "tasks": (
        Column("task_id", STR, "unique task id: <doc_id>-<table_no>-<seq>"),
        Column("doc_id", STR, "the document the task belongs to"),
        Column("source_file", STR, "the input file's path as given"),
        Column("table_no", INT, "1-based number of the table among all tables of the notice"),
        Column("seq", INT, "1-based position of the task within its table"),
        Column("task_no", INT, "task number as printed (序号 or the task's own leading number), else seq"),
        Column("area", STR, "grouping column (重点领域, 协同发展事项 ...), carried down merged cells"),
        Column("task", STR, "task text, wrapped lines joined, its leading number removed"),
        Column("deadline", STR, "deadline as printed (empty when the table has no deadline column)"),
        Column("due_date", DATE, "ISO date the deadline names, where it names one"),
        Column("lead_units", LIST, "lead units (牵头/责任单位), in printed order"),
        Column("support_units", LIST, "supporting units (配合单位), in printed order"),
        Column("leaders", LIST, "responsible leaders (责任领导), where the table has such a column"),
        Column("remarks", STR, "备注 as printed (empty when blank or absent)"),
        Column("carried", LIST, "fields whose value came from the row above (merged or blank cell)"),
        Column("inferred", LIST, "fields not printed as such: number by position, columns judged by content"),
        Column("extra", STR, "columns that map to no field, as a JSON object {header: text}"),
        Column("table_title", STR, "title of the task's table"),
        Column("source_row", INT, "0-based row of the task in its table grid, header rows included"),
        Column("progress", STR, "progress as printed (完成情况, 进展情况 ...), empty when the table has none"),
        Column("persons", LIST, "named people who are not leaders (责任人, 联系人, 经办人)"),
        Column("sub_no", STR, "a sub-item's own number ((1), ①) under a numbered item of a list, else empty"),
        Column("source_kind", STR, "where the task was printed: table, or list (numbered paragraphs)"),
    ),
    "task_units": (
        Column("task_id", STR, "the task (tasks.task_id)"),
        Column("doc_id", STR, "the document"),
        Column("table_no", INT, "as in tasks"),
        Column("task_no", INT, "as in tasks"),
        Column("role", STR, "lead or support"),
        Column("party", STR, "region named by the column header (巫溪县牵头责任单位 → 巫溪县), else empty"),
        Column("unit", STR, "one unit's name"),
        Column("unit_no", INT, "1-based order of the unit within its task and role"),
    ),
    "pairings": (
        Column("doc_id", STR, "the document"),
        Column("source_file", STR, "the input file's path as given"),
        Column("table_no", INT, "number of the pairing table among all tables of the notice"),
        Column("pair_no", INT, "pair number as printed (序号), else the row's position"),
        Column("party", STR, "region of the column the unit stands in (渝中区, 巫溪县)"),
        Column("unit", STR, "one unit's name"),
    ),
}

LIST_SEPARATOR = "；"  # in CSV, list cells are joined with a full-width semicolon (never inside a unit)


def arrow_schema(table: str) -> pa.Schema:
    import pyarrow as pa

    types = {STR: pa.string(), INT: pa.int32(), DATE: pa.date32(), LIST: pa.list_(pa.string())}
    return pa.schema([pa.field(c.name, types[c.type]) for c in TABLES[table]])
