"""The written tables: types, CSV conventions, atomic replacement, documented schema."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import ROOT, SAMPLES

from extract import read_document
from normalize import normalize_document
from output import ROWS, TABLES, write_tables


def sample_rows() -> dict[str, list[dict]]:
    rec = normalize_document(read_document(SAMPLES / "001_b104398e3de8d2a1.txt"))
    return {name: list(make("d1", rec)) for name, make in ROWS.items()}


def test_parquet_types(tmp_path: Path):
    write_tables(tmp_path, sample_rows())
    tasks = pq.read_table(tmp_path / "tasks.parquet")
    assert tasks.schema.field("table_no").type == pa.int32()
    assert tasks.schema.field("task_no").type == pa.int32()
    assert tasks.schema.field("due_date").type == pa.date32()
    assert tasks.schema.field("lead_units").type == pa.list_(pa.string())
    docs = pq.read_table(tmp_path / "documents.parquet").to_pylist()
    assert docs[0]["issue_date"].isoformat() == "2022-06-23"
    assert docs[0]["parties"] == ["渝中区", "巫溪县"]
    first = tasks.to_pylist()[0]
    assert first["lead_units"] == ["县发展改革委（县投资促进服务中心）", "区招商投资局"]


def test_csv_lists_joined_and_bom_option(tmp_path: Path):
    write_tables(tmp_path / "plain", sample_rows())
    write_tables(tmp_path / "excel", sample_rows(), excel_bom=True)
    plain = (tmp_path / "plain" / "tasks.csv").read_bytes()
    excel = (tmp_path / "excel" / "tasks.csv").read_bytes()
    assert not plain.startswith(b"\xef\xbb\xbf") and excel.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in excel and b"\r\n" not in plain
    rows = list(csv.DictReader(plain.decode("utf-8").splitlines()))
    assert rows[0]["lead_units"] == "县发展改革委（县投资促进服务中心）；区招商投资局"
    assert rows[0]["deadline"] == "" and rows[0]["due_date"] == ""


@pytest.mark.parametrize("excel_bom", [False, True])
def test_a_cell_with_line_breaks_stays_one_cell_as_printed(tmp_path: Path, excel_bom: bool):
    rows = sample_rows()
    text = '第一行\n第二行\r\n第三行\r末行 "引号"'
    rows["tasks"][0]["progress"] = text
    write_tables(tmp_path, rows, excel_bom=excel_bom)
    raw = (tmp_path / "tasks.csv").read_bytes().decode("utf-8-sig")
    read = list(csv.DictReader(io.StringIO(raw, newline="")))
    assert [r["progress"] for r in read] == [text] + [r.get("progress") or "" for r in rows["tasks"][1:]]
    assert pq.read_table(tmp_path / "tasks.parquet").column("progress").to_pylist()[0] == text
    # Rows end as the option says; only the breaks inside the cell differ.
    end = "\r\n" if excel_bom else "\n"
    assert raw.replace(text.replace('"', '""'), "").count(end) == len(read) + 1


def test_empty_tables_still_have_their_columns(tmp_path: Path):
    write_tables(tmp_path, {name: [] for name in TABLES})
    for name, cols in TABLES.items():
        assert pq.read_table(tmp_path / f"{name}.parquet").schema.names == [c.name for c in cols]
        assert (tmp_path / f"{name}.csv").read_text(encoding="utf-8").strip() == ",".join(c.name for c in cols)


def test_failed_write_leaves_previous_outputs_intact(tmp_path: Path):
    write_tables(tmp_path, sample_rows())
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    bad = sample_rows()
    bad["pairings"][0]["pair_no"] = "not a number"  # fails while the files are being staged
    with pytest.raises((pa.ArrowInvalid, pa.ArrowTypeError)):
        write_tables(tmp_path, bad)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # no temp files either


def test_readme_documents_every_output_column():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, cols in TABLES.items():
        section = re.search(rf"### `{name}`(.*?)(?=\n### |\n## |\Z)", readme, re.S)
        assert section, f"README has no section for {name}"
        for c in cols:
            assert f"`{c.name}`" in section.group(1), f"README does not document {name}.{c.name}"


def test_a_blocked_output_name_replaces_nothing(tmp_path: Path):
    write_tables(tmp_path, sample_rows())
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    (tmp_path / "tasks.csv").unlink()
    (tmp_path / "tasks.csv").mkdir()  # something in the way of one output
    with pytest.raises(IsADirectoryError):
        write_tables(tmp_path, {name: [] for name in TABLES})
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert after == {k: v for k, v in before.items() if k != "tasks.csv"}


def test_parquet_rows_are_exactly_what_pyarrow_makes_of_them(tmp_path):
    """The rows go to Parquet through Arrow's JSON reader (no pandas import): every value, odd
    ones included, comes out as pyarrow's own conversion gives it."""
    import datetime

    import pyarrow as pa

    from output.schema import arrow_schema
    from output.writer import _arrow_table

    schema = arrow_schema("documents")
    odd = ['=1+1', 'a "quoted"\nline', "\t\x01control", "𠀀 emoji 🎉", "", "反斜杠\\", "</r>"]
    rows = []
    for i, text in enumerate(odd):
        row = {f.name: None for f in schema}
        row.update({"doc_id": text, "title": text, "issuers": [text, "县政府"] if i % 2 else [],
                    "issue_date": datetime.date(2021, 1 + i, 28) if i % 3 else None, "n_tasks": i * 1000 - 3})
        rows.append(row)
    assert _arrow_table(rows, schema).equals(pa.Table.from_pylist(rows, schema=schema))


def test_a_run_never_imports_pandas(tmp_path):
    code = ("import sys; from notice_tasks.cli import main; "
            f"rc = main(['extract', {str(SAMPLES / '001_b104398e3de8d2a1.txt')!r}, '--out', {str(tmp_path / 'o')!r}, "
            "'--quiet', '--jobs', '1', '--timeout', '0']); "
            "assert 'pandas' not in sys.modules, 'pandas imported'; sys.exit(rc)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_workers_start_before_the_output_stack_is_imported():
    """Start-up overlaps the work: the command line and the dispatch import neither the readers'
    normalizer nor pyarrow, and a worker makes a file's rows without pyarrow."""
    code = ("import sys; import notice_tasks.cli; "
            "early = [m for m in ('pyarrow', 'normalize', 'output.writer', 'xlsxwriter') if m in sys.modules]; "
            "assert not early, early; "
            "from notice_tasks.work import process_file; import output.parts, output.review; "
            "assert 'pyarrow' not in sys.modules, 'the rows import pyarrow'")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_an_unchanged_rerun_imports_no_writer_and_no_reader(tmp_path):
    """A re-run that finds its outputs current writes nothing, so it needs neither pyarrow nor the
    normalizer (half of its time, before)."""
    out, sample = tmp_path / "o", SAMPLES / "001_b104398e3de8d2a1.txt"
    code = ("import sys; from notice_tasks.cli import main; "
            f"rc = main(['extract', {str(sample)!r}, '--out', {str(out)!r}, '--quiet']); "
            "loaded = [m for m in ('pyarrow', 'normalize', 'xlsxwriter') if m in sys.modules]; "
            "print(loaded); sys.exit(rc)")
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert first.returncode == again.returncode == 0, again.stdout + again.stderr
    assert "pyarrow" in first.stdout  # the first run wrote
    assert again.stdout.strip().splitlines()[-1] == "[]"


def test_a_run_keeps_the_review_pages_it_would_write_again(tmp_path):
    """After a file is added, the other files' review pages are the previous run's files (hard
    links: nothing rewritten) where their bytes are the same, and every page is what a fresh run
    writes (a page whose text changed is written anew)."""
    from notice_tasks.cli import main

    src, out, fresh = tmp_path / "in", tmp_path / "out", tmp_path / "fresh"
    src.mkdir()
    shutil.copy(SAMPLES / "000_3577e14141ec5b37.txt", src / "a.txt")
    shutil.copy(SAMPLES / "001_b104398e3de8d2a1.txt", src / "b.txt")
    assert main(["extract", str(src), "--out", str(out), "--quiet", "--jobs", "1"]) == 0
    before = {p.name: p.stat().st_ino for p in (out / "review").iterdir()}
    shutil.copy(SAMPLES / "001_b104398e3de8d2a1.docx", src / "b.docx")  # b.txt's notice in another format
    main(["extract", str(src), "--out", str(out), "--quiet", "--jobs", "1"])
    main(["extract", str(src), "--out", str(fresh), "--quiet", "--jobs", "1", "--force"])
    pages = {p.name: p.read_bytes() for p in (out / "review").iterdir()}
    assert pages == {p.name: p.read_bytes() for p in (fresh / "review").iterdir()} and len(pages) == 3
    a_page = next(n for n in before if n.startswith("a"))
    assert (out / "review" / a_page).stat().st_ino == before[a_page]  # the same file, not rewritten


def test_row_groups_written_on_the_parquet_thread_keep_their_order_and_size(tmp_path):
    """Row groups go to a thread of their own, at most two waiting per table; the file holds them
    in the order the rows came, 2,000 rows a group, the last one the rest."""
    rows = sample_rows()["tasks"]
    many = [dict(rows[i % len(rows)], task_id=f"t{i:05d}") for i in range(5_300)]
    write_tables(tmp_path, {"tasks": many})
    meta = pq.ParquetFile(tmp_path / "tasks.parquet").metadata
    assert [meta.row_group(k).num_rows for k in range(meta.num_row_groups)] == [2000, 2000, 1300]
    assert pq.read_table(tmp_path / "tasks.parquet", columns=["task_id"]).column(0).to_pylist() == [
        r["task_id"] for r in many]
