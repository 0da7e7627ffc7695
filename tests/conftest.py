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
