from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from extract import read_document
from normalize import NoticeRecords, normalize_document

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def text_export(grid: list[list[str]], before: list[str] = (), after: list[str] = ()) -> str:
    """Write a grid the way the seeds are exported: a tab opens each cell, its further lines follow
    without one, a blank line ends each row; paragraphs before and after the table."""
    out = [*before, ""] if before else []
    for row in grid:
        for cell in row:
            lines = cell.split("\n") if cell else [""]
            out.append("\t" + lines[0])
            out += lines[1:]
        out.append("")
    if after:
        out += ["", *after]
    return "\n".join(out) + "\n"


def sample_truths() -> list[Path]:
    return sorted(SAMPLES.glob("*.truth.json"))


def load_truth(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES


@cache
def records(path: Path) -> NoticeRecords:
    """The records of a file, read once per test session."""
    return normalize_document(read_document(path))


def units(refs) -> list[tuple]:
    return [(u.party, u.unit, u.role) for u in refs]


def task_fields(rec: NoticeRecords) -> list[dict]:
    """Each task's scored fields, for comparing two readings of one notice."""
    return [{"table": t.table_no, "task_no": t.task_no, "area": t.area, "task": t.task, "deadline": t.deadline,
             "due_date": t.due_date, "lead": units(t.lead_units), "support": units(t.support_units),
             "remarks": t.remarks} for t in rec.tasks]


def _unit_dicts(refs) -> list[dict]:
    return [{"party": u.party, "unit": u.unit} for u in refs]


def assert_records_equal_reference(rec: NoticeRecords, truth: dict) -> None:
    """A notice's records equal a reference truth file: metadata, tables, every task, every pair."""
    meta = truth["meta"]
    assert rec.meta.doc_number == meta["doc_number"]
    assert rec.meta.issuers == meta["issuer"]
    assert rec.meta.issue_date.isoformat() == meta["date"]
    assert rec.meta.title == meta["title"]
    assert rec.meta.parties == meta["parties"]
    assert [t.kind for t in rec.tables] == [t["kind"] for t in truth["tables"]]
    for table_no, (table, want) in enumerate(zip(rec.tables, truth["tables"], strict=True), start=1):
        assert table.title == want["title"], f"table {table_no}"
        assert table.columns == want["columns"], f"table {table_no}"
        if want["kind"] == "tasks":
            got = [t for t in rec.tasks if t.table_no == table_no]
            assert len(got) == len(want["tasks"]), f"table {table_no}: tasks"
            for g, w in zip(got, want["tasks"], strict=True):
                assert {
                    "task_no": g.task_no, "area": g.area, "task": g.task, "deadline": g.deadline,
                    "due_date": g.due_date.isoformat() if g.due_date else None,
                    "lead_units": _unit_dicts(g.lead_units), "support_units": _unit_dicts(g.support_units),
                    "remarks": g.remarks,
                } == w, f"table {table_no}, task {w['task_no']}"
        else:
            got = [p for p in rec.pairings if p.table_no == table_no]
            assert [{"no": p.pair_no, "units": _unit_dicts(p.units)} for p in got] == want["rows"], f"table {table_no}"
