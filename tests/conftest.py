from __future__ import annotations

import json
from pathlib import Path

import pytest

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
