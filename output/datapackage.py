"""A Frictionless data package (datapackage.json) describing the CSV files, built from the schema,
so BI users and `frictionless validate out/datapackage.json` can check them."""

from __future__ import annotations

from .schema import DATE, INT, LIST, LIST_SEPARATOR, TABLES

PRIMARY_KEYS = {
    "documents": ["doc_id"],
    "tasks": ["task_id"],
    "task_units": ["task_id", "role", "unit_no"],
    "pairings": ["doc_id", "table_no", "pair_no", "party", "unit"],
}
FOREIGN_KEYS = {
    "tasks": [("doc_id", "documents", "doc_id")],
    "task_units": [("task_id", "tasks", "task_id"), ("doc_id", "documents", "doc_id")],
    "pairings": [("doc_id", "documents", "doc_id")],
}


def _field(column) -> dict:
    field: dict = {"name": column.name, "description": column.doc}
    if column.type == LIST:
        field.update(type="list", delimiter=LIST_SEPARATOR, itemType="string")
    elif column.type == INT:
        field["type"] = "integer"
    elif column.type == DATE:
        field["type"] = "date"
    else:
        field["type"] = "string"
    return field


def datapackage(excel_bom: bool = False) -> dict:
    resources = []
    for name, columns in TABLES.items():
        schema: dict = {"fields": [_field(c) for c in columns], "primaryKey": PRIMARY_KEYS[name],
                        "missingValues": [""]}
        if name in FOREIGN_KEYS:
            schema["foreignKeys"] = [{"fields": [f], "reference": {"resource": res, "fields": [ref]}}
                                     for f, res, ref in FOREIGN_KEYS[name]]
        resources.append({
            "name": name, "path": f"{name}.csv", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8-sig" if excel_bom else "utf-8", "schema": schema,
        })
    return {"name": "notice-tasks", "title": "Tasks extracted from Chinese official notices",
            "resources": resources}
