"""Tidy output tables (documents, tasks, task_units, pairings) as CSV and Parquet."""

from .rows import ROWS, task_id
from .schema import LIST_SEPARATOR, TABLES, arrow_schema
from .writer import write_json, write_tables

__all__ = ["LIST_SEPARATOR", "ROWS", "TABLES", "arrow_schema", "task_id", "write_json", "write_tables"]
