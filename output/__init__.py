"""Tidy output tables (documents, tasks, task_units, pairings) as CSV and Parquet.

The writer (and with it pyarrow) is imported on first use: a worker that only makes a file's rows
(output.parts) does not pay for it.
"""

from .rows import ROWS, task_id
from .schema import LIST_SEPARATOR, TABLES, arrow_schema

__all__ = ["LIST_SEPARATOR", "ROWS", "TABLES", "OutputSet", "arrow_schema", "csv_cell", "task_id", "write_tables"]
_FROM_WRITER = ("OutputSet", "csv_cell", "write_tables")


def __getattr__(name: str):
    if name in _FROM_WRITER:
        from . import writer

        return getattr(writer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
