"""Tidy output tables (documents, tasks, task_units, pairings) as CSV and Parquet."""

from .rows import ROWS, task_id
from .schema import LIST_SEPARATOR, TABLES, arrow_schema
from .writer import OutputSet, csv_cell, write_tables

__all__ = ["LIST_SEPARATOR", "ROWS", "TABLES", "OutputSet", "arrow_schema", "csv_cell", "task_id", "write_tables"]
