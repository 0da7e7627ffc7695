"""Every sample notice, in every format under samples/, gives exactly its expected records.

The expected records are the reference JSON files kept beside the samples; they are loaded here,
never copied into code.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, SAMPLES, assert_records_equal_reference, load_truth, sample_truths

from extract import READERS, read_document
from normalize import normalize_document


def _sample_files() -> list[tuple[Path, Path]]:
    pairs = []
    for truth in sample_truths():
        stem = truth.name.removesuffix(".truth.json")
        pairs += [(f, truth) for f in sorted(SAMPLES.glob(stem + ".*")) if f.suffix.lstrip(".") in READERS]
    return pairs


SAMPLE_FILES = _sample_files()


def test_every_reference_has_a_sample():
    assert sample_truths(), "no expected records under samples/"
    stems = {f.name.split(".")[0] for f, _ in SAMPLE_FILES}
    assert stems == {t.name.removesuffix(".truth.json") for t in sample_truths()}



@pytest.mark.parametrize(("path", "truth_path"), SAMPLE_FILES, ids=[f.name for f, _ in SAMPLE_FILES])
def test_sample_records_equal_reference(path: Path, truth_path: Path):
    truth = load_truth(truth_path)
    rec = normalize_document(read_document(path))
    assert_records_equal_reference(rec, truth)


def test_make_extract_output_matches_reference(tmp_path: Path):
    """Through the CLI and the written files, read back as a BI tool would (CSV and Parquet)."""
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "notice_tasks", "extract", str(SAMPLES), "--out", str(out),
                           "--keep-duplicates"],  # every format's rows, to check each one
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for kind in ("parquet", "csv"):
        read = pd.read_parquet if kind == "parquet" else lambda p: pd.read_csv(p, dtype=str, keep_default_na=False)
        tasks, units, pairs, docs = (read(out / f"{n}.{kind}") for n in ("tasks", "task_units", "pairings", "documents"))
        for path, truth_path in SAMPLE_FILES:
            truth = load_truth(truth_path)
            mine = tasks[tasks["source_file"].map(lambda s: Path(s).name) == path.name]
            doc = docs[docs["source_file"].map(lambda s: Path(s).name) == path.name].iloc[0]
            assert str(doc["doc_number"]) == truth["meta"]["doc_number"]
            assert str(pd.Timestamp(doc["issue_date"]).date()) == truth["meta"]["date"]
            for table_no, table in enumerate(truth["tables"], start=1):
                if table["kind"] == "tasks":
                    rows = mine[mine["table_no"].astype(int) == table_no]
                    assert len(rows) == len(table["tasks"])
                    for (_, row), want in zip(rows.iterrows(), table["tasks"], strict=True):
                        assert int(row["task_no"]) == want["task_no"]
                        assert row["task"] == want["task"]
                        got_units = units[units["task_id"] == row["task_id"]]
                        for role in ("lead", "support"):
                            r = got_units[got_units["role"] == role]
                            got = [(None if pd.isna(p) or p == "" else p, u) for p, u in zip(r["party"], r["unit"], strict=True)]
                            assert got == [(u["party"], u["unit"]) for u in want[f"{role}_units"]]
                else:
                    doc_pairs = pairs[(pairs["doc_id"] == doc["doc_id"]) & (pairs["table_no"].astype(int) == table_no)]
                    want = [(w["no"], u["party"], u["unit"]) for w in table["rows"] for u in w["units"]]
                    got = list(zip(doc_pairs["pair_no"].astype(int), doc_pairs["party"], doc_pairs["unit"], strict=True))
                    assert got == want
