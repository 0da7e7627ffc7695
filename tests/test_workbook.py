"""OUT/tasks.xlsx: the same rows and types as the Parquet files, text never a formula, nothing cut
silently, usable on opening (frozen bold header, filter, widths, dates, links), reproducible."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from urllib.parse import unquote

import openpyxl
import pyarrow.parquet as pq
import pytest
from conftest import ROOT, SAMPLES, text_export

from output import TABLES, write_tables
from output import workbook as wbmod
from output.schema import DATE, INT, LIST, LIST_SEPARATOR
from output.workbook import CELL_LIMIT, CUT_MARK, MAX_WIDTH, SHEETS, TaskWorkbook


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "notice_tasks", "extract", *args], cwd=ROOT, capture_output=True,
                          text=True, env=env)


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory) -> Path:
    """One CLI run over samples/, shared by the tests that only read its outputs."""
    out = tmp_path_factory.mktemp("run") / "out"
    proc = cli(str(SAMPLES), "--out", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def excel_text(value: str) -> str:
    """A string as Excel shows it: the file escapes control characters (and a literal `_xHHHH_`) as
    `_xHHHH_`, which openpyxl leaves as they are."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)


def as_in_xlsx(value, kind):
    """A Parquet value as the workbook must hold it: lists joined with ；, nothing for empty."""
    if kind == LIST:
        value = LIST_SEPARATOR.join(value or [])
    return None if value in (None, "") else value


def read_sheet(ws) -> tuple[list[str], list[list]]:
    rows = list(ws.iter_rows())
    header = [c.value for c in rows[0]]
    values = []
    for row in rows[1:]:
        out = []
        for c in row:
            assert c.data_type != "f", f"{ws.title}!{c.coordinate} is a formula: {c.value!r}"
            v = c.value
            out.append(excel_text(v) if isinstance(v, str) else v.date() if isinstance(v, datetime) else v)
        values.append(out)
    return header, values


def test_sheets_hold_the_parquet_rows_and_types(sample_run: Path):
    book = openpyxl.load_workbook(sample_run / "tasks.xlsx")
    assert book.sheetnames == list(SHEETS)
    for name in SHEETS:
        ws = book[name]
        header, rows = read_sheet(ws)
        columns = TABLES[name]
        assert header == [c.name for c in columns]
        table = pq.read_table(sample_run / f"{name}.parquet").to_pylist()
        assert len(rows) == len(table) > 0, name
        for i, (got, want) in enumerate(zip(rows, table, strict=True)):
            assert got == [as_in_xlsx(want[c.name], c.type) for c in columns], f"{name} row {i + 2}"
        # Typed as a spreadsheet wants them: numbers, real dates, text.
        for col, c in enumerate(columns):
            cells = [r[col] for r in ws.iter_rows(min_row=2) if r[col].value is not None]
            if c.type == INT:
                assert all(x.data_type == "n" and isinstance(x.value, int) for x in cells), (name, c.name)
            elif c.type == DATE:
                assert all(x.is_date and x.number_format == "yyyy-mm-dd" for x in cells), (name, c.name)
            else:
                assert all(x.data_type == "s" for x in cells), (name, c.name)
    due = [r[0] for r in book["tasks"].iter_rows(min_row=2, min_col=10, max_col=10) if r[0].value is not None]
    assert due, "the samples have due dates: the date test must not pass on an empty column"


def test_usable_on_opening(sample_run: Path):
    book = openpyxl.load_workbook(sample_run / "tasks.xlsx")
    for name in SHEETS:
        ws = book[name]
        n_cols = len(TABLES[name])
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(n_cols)}{ws.max_row}"
        assert all(c.font.b for c in ws[1])
    tasks = book["tasks"]
    col = {c.value: c.column for c in tasks[1]}

    def width(name: str) -> float:  # openpyxl keeps equal neighbours as one range
        return next(d.width for d in tasks.column_dimensions.values() if d.min <= col[name] <= d.max)

    assert width("task") == pytest.approx(MAX_WIDTH, abs=1)  # capped, and wrapped
    assert all(r[0].alignment.wrap_text for r in tasks.iter_rows(min_row=2, min_col=8, max_col=8))
    # A CJK character counts two: the lead units (CJK) are wider than task ids of similar length.
    longest_units = max(len(r[0].value or "") for r in tasks.iter_rows(min_row=2, min_col=11, max_col=11))
    assert width("lead_units") >= min(MAX_WIDTH, 2 * min(longest_units, 20))
    assert width("task_id") < 2 * len("0123456789abcdef-1-10")


def test_task_rows_link_to_their_review_page(sample_run: Path):
    book = openpyxl.load_workbook(sample_run / "tasks.xlsx")
    for name in ("tasks", "documents"):
        ws = book[name]
        col = [c.value for c in ws[1]].index("source_file")
        docs = [c.value for c in ws[1]].index("doc_id")
        rows = list(ws.iter_rows(min_row=2))
        for row in rows:
            link = row[col].hyperlink
            assert link is not None, f"{name}!{row[col].coordinate} has no link"
            path = unquote(link.target)  # a URI reference, relative to the workbook
            assert re.fullmatch(r"review/[^/\\]+-" + row[docs].value + r"\.html", path), link.target
            assert (sample_run / path).is_file()


def test_formula_looking_text_stays_text_and_long_cells_are_cut_with_a_warning(tmp_path: Path):
    long_task = "推进重点工作，" * 6000  # 42,000 characters: over Excel's cell limit
    grid = [["序号", "重点任务", "完成时限", "责任单位", "备注"],
            ["1", long_task, "2022年6月底前", "区发展改革委", "=1+1"],
            ["2", "=HYPERLINK(\"http://example.com\",\"点击\")落实责任", "2022年12月底前", "区财政局", "@SUM(A1)"],
            ["3", "+加强协同，-建立机制", "长期坚持", "区统计局", "-备注"]]
    src = tmp_path / "in" / "notice.txt"
    src.parent.mkdir()
    src.write_text(text_export(grid, before=["渝府办〔2022〕1号", "关于印发重点任务的通知", "2022年5月1日", "重点任务分解表"]),
                   encoding="utf-8")
    out = tmp_path / "out"
    proc = cli(str(src.parent), "--out", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    ws = openpyxl.load_workbook(out / "tasks.xlsx")["tasks"]
    header, rows = read_sheet(ws)  # asserts that no cell is a formula
    parquet = pq.read_table(out / "tasks.parquet").to_pylist()
    task, remarks = header.index("task"), header.index("remarks")
    starts = [str(r[c])[:1] for r in rows for c in (task, remarks) if r[c]]
    assert {"=", "+", "-", "@"} <= set(starts)  # the injection-looking cells are really there
    for got, want in zip(rows[1:], parquet[1:], strict=True):
        assert (got[task], got[remarks]) == (want["task"], want["remarks"])
    cut = rows[0][task]
    assert len(cut) == CELL_LIMIT and cut.endswith(CUT_MARK)
    assert long_task.startswith(cut.removesuffix(CUT_MARK)) and len(parquet[0]["task"]) > CELL_LIMIT
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    (warning,) = report["workbook"]["warnings"]
    assert "32,767" in warning and "column task" in warning and parquet[0]["task_id"] in warning
    assert "tasks.xlsx" in proc.stdout and "cell cut" in proc.stdout  # said on the terminal too


HOSTILE = ["=1+1", "+1", "-1", "@A1", "=HYPERLINK(\"http://x\")", "<r>x</r>", "<r><t>y</t></r>", "_x0041_",
           "a\x01b\x1fc", "\t=tab", " 前后空格 ", "多行\n文本", "\ufffe", "😀" * 20000]


def test_hostile_text_is_kept_as_text(tmp_path: Path):
    """Straight through the writer: what XlsxWriter would take for markup, escapes or formulas."""
    path = tmp_path / "t.xlsx"
    book = TaskWorkbook(path)
    for i, text in enumerate(HOSTILE):
        book.add("tasks", {"task_id": f"d-1-{i}", "task": text, "area": text, "table_no": i, "due_date": date(2022, 1, 31)})
    warnings = book.close()
    assert not list(tmp_path.glob(".tasks.xlsx.*"))  # its temporary folder is gone
    ws = openpyxl.load_workbook(path)["tasks"]
    header, rows = read_sheet(ws)
    got = [(r[header.index("task")], r[header.index("area")]) for r in rows]
    kept = [t for t in HOSTILE if wbmod.utf16_len(t) <= CELL_LIMIT]
    assert got[: len(kept)] == [(t, t) for t in kept]
    emoji = got[-1][0]  # 40,000 UTF-16 units: cut, a character outside the BMP never split in half
    assert emoji.endswith(CUT_MARK) and wbmod.utf16_len(emoji) <= CELL_LIMIT and "\ufffd" not in emoji
    assert len(warnings) == 2  # the emoji cell in both columns


def test_rows_and_links_past_excels_limits_are_warned(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(wbmod, "ROW_LIMIT", 6)  # 5 data rows
    monkeypatch.setattr(wbmod, "LINK_LIMIT", 3)
    book = TaskWorkbook(tmp_path / "t.xlsx")
    for i in range(8):
        book.add("tasks", {"task_id": f"d-1-{i}", "source_file": "a.txt"}, link="review/a-d.html")
    warnings = book.close()
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx")["tasks"]
    assert ws.max_row == 6
    assert [r[2].hyperlink is not None for r in ws.iter_rows(min_row=2)] == [True] * 3 + [False] * 2
    assert any("rows dropped" in w and "3 more" in w for w in warnings)
    assert any("links stop" in w and "last 2 rows" in w for w in warnings)


def test_two_runs_give_the_same_bytes(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("001_b104398e3de8d2a1.txt", "000_3577e14141ec5b37.docx"):
        shutil.copy(SAMPLES / name, src / name)
    outs = []
    for i, tz in enumerate(("UTC", "Asia/Shanghai")):  # the zip's timestamps do not follow the clock or zone
        out = tmp_path / f"out{i}"
        proc = cli(str(src), "--out", str(out), "--force", env={**os.environ, "TZ": tz})
        assert proc.returncode == 0, proc.stdout + proc.stderr
        outs.append(out)
    a, b = ((o / "tasks.xlsx").read_bytes() for o in outs)
    assert a.startswith(b"PK") and a == b
    assert (outs[0] / "index.html").read_bytes() == (outs[1] / "index.html").read_bytes()


def test_no_xlsx(tmp_path: Path):
    out = tmp_path / "out"
    proc = cli(str(SAMPLES / "000_3577e14141ec5b37.txt"), "--out", str(out), "--no-xlsx")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not (out / "tasks.xlsx").exists() and (out / "tasks.parquet").exists()
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["workbook"] is None
    assert "tasks.xlsx" not in (out / "index.html").read_text(encoding="utf-8")
    assert not [p.name for p in out.iterdir() if p.name.startswith(".") and p.name != ".cache"]


def test_a_failed_write_leaves_the_previous_workbook(tmp_path: Path):
    rows = {"tasks": [{"task_id": "d-1-1", "task": "任务", "table_no": 1}], "documents": [{"doc_id": "d"}]}
    write_tables(tmp_path, rows, xlsx=True)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert "tasks.xlsx" in before
    bad = {"tasks": [{"task_id": "d-1-1", "table_no": "not a number"}], "documents": []}
    with pytest.raises(Exception):  # noqa: B017 (pyarrow's or XlsxWriter's own error)
        write_tables(tmp_path, bad, xlsx=True)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # no temporary files either


def test_links_are_uri_references_to_the_file_as_named(tmp_path: Path):
    name = "review/第1号 #通知%41[x]\\y-d.html"  # a fragment mark, an escape, brackets, a backslash
    book = TaskWorkbook(tmp_path / "t.xlsx")
    book.add("tasks", {"task_id": "d-1-1", "source_file": "第1号 #通知%41[x]\\y.txt"}, link=name)
    book.close()
    (row,) = openpyxl.load_workbook(tmp_path / "t.xlsx")["tasks"].iter_rows(min_row=2)
    target = row[2].hyperlink.target
    assert "#" not in target and " " not in target and "\\" not in target
    assert unquote(target) == name


def test_a_run_failing_while_the_workbook_is_written_leaves_nothing_behind(tmp_path: Path, monkeypatch):
    """The workbook's own process is stopped and its file removed when the rest of the write fails."""
    import multiprocessing

    from notice_tasks import write
    from notice_tasks.cli import main

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    out = tmp_path / "out"
    monkeypatch.setattr(write, "finish_review", full_disk)
    rc = main(["extract", str(SAMPLES / "001_b104398e3de8d2a1.txt"), "--out", str(out), "--quiet", "--jobs", "1",
               "--timeout", "0"])
    assert rc == 1
    assert not multiprocessing.active_children()
    assert [p.name for p in out.iterdir() if p.name != ".cache"] == []
