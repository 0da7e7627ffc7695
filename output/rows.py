"""NoticeRecords → rows of the output tables (plain dicts keyed by the schema's column names)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from normalize import NoticeRecords


def task_id(doc_id: str, table_no: int, seq: int) -> str:
    return f"{doc_id}-{table_no}-{seq}"


def document_rows(doc_id: str, rec: NoticeRecords, alternates: list[str] | None = None) -> Iterator[dict]:
    meta = rec.meta
    yield {
        "doc_id": doc_id, "source_file": rec.source_file, "format": rec.format, "encoding": rec.encoding,
        "doc_number": meta.doc_number, "issuers": meta.issuers, "issue_date": meta.issue_date,
        "title": meta.title, "parties": meta.parties,
        "table_titles": [t.title or "" for t in rec.tables], "n_tables": len(rec.tables),
        "n_tasks": len(rec.tasks), "n_pairs": len(rec.pairings), "n_warnings": len(rec.warnings),
        "alternates": alternates or [],
    }


def task_rows(doc_id: str, rec: NoticeRecords) -> Iterator[dict]:
    titles = {t.table_no: t.title for t in rec.tables}
    for t in rec.tasks:
        yield {
            "task_id": task_id(doc_id, t.table_no, t.seq), "doc_id": doc_id, "source_file": rec.source_file,
            "table_no": t.table_no, "seq": t.seq, "task_no": t.task_no, "area": t.area, "task": t.task,
            "deadline": t.deadline, "due_date": t.due_date,
            "lead_units": [u.unit for u in t.lead_units], "support_units": [u.unit for u in t.support_units],
            "leaders": t.leaders, "remarks": t.remarks, "carried": t.carried, "inferred": t.inferred,
            "extra": json.dumps(t.extra, ensure_ascii=False, sort_keys=True) if t.extra else None,
            "table_title": titles.get(t.table_no), "source_row": t.source_row,
            "progress": t.progress, "persons": t.persons, "sub_no": t.sub_no, "source_kind": t.source_kind,
        }


def task_unit_rows(doc_id: str, rec: NoticeRecords) -> Iterator[dict]:
    for t in rec.tasks:
        for role, units in (("lead", t.lead_units), ("support", t.support_units)):
            for n, u in enumerate(units, start=1):
                yield {"task_id": task_id(doc_id, t.table_no, t.seq), "doc_id": doc_id,
                       "table_no": t.table_no, "task_no": t.task_no, "role": role, "party": u.party,
                       "unit": u.unit, "unit_no": n}


def pairing_rows(doc_id: str, rec: NoticeRecords) -> Iterator[dict]:
    for p in rec.pairings:
        for u in p.units:
            yield {"doc_id": doc_id, "source_file": rec.source_file, "table_no": p.table_no,
                   "pair_no": p.pair_no, "party": u.party, "unit": u.unit}


ROWS = {"documents": document_rows, "tasks": task_rows, "task_units": task_unit_rows, "pairings": pairing_rows}
