"""The real-notice corpus (samples/real/): notices published by other bodies, in every format.

Each notice's expected records were written by hand from the page it came from; the columns'
meanings were labelled by hand too (`fields` in notices/<id>.json). The tests check the tuning
part of the corpus: every format gives the expected records, and every header is read as the
person who labelled it read it. The held-out fifth is measured by `make accuracy`, not tested
here, so that no rule is fitted to it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "samples"))  # the held-out rule lives with make accuracy: one rule
from accuracy import is_held_out as held_out

from extract import read_document
from extract.model import Table
from normalize import normalize_document

CORPUS = ROOT / "samples" / "real"
FORMATS = ("txt", "docx", "pdf", "html")
# Known misses, each a bug report: strict, so a fix makes the test say to remove the entry.
KNOWN_MISSES: dict[tuple[str, str], str] = {
    **{("d2_qiaochengmzj_2025_zdgz", fmt): "分月序时进度 holds a plan by quarter: read as progress (序时进度 "
       "reports progress elsewhere), which the reader keeps in extra" for fmt in FORMATS},
    ("d13_lueyang_2019_wlgzrw", "pdf"): "the unit column is three characters wide, exactly as wide as 羌研会 "
    "or 文物股: every line runs to the edge, so no break between two names can be told from a wrap, and "
    "a PDF's lines give no typed names to cut 文化宣传股文化馆 by",
    **{("u42_xialu_2023_yqxayh", fmt): "a hazard list: 隐患名称(单位) names the place, so 隐患主要内容 (its hazards, "
       "1、…;2、…) is the task, but a 名称 header outranks it and numbered points read as a plan" for fmt in FORMATS},
    ("u15_shi_gzrwfj", "pdf"): "a unit cell that begins halfway down a merged task cell (a box-drawn table): "
    "LibreOffice gives that row no height, so the PDF prints the unit cell beginning at the task cell's foot",
    **{("z92_zhengzhou_ysjxly", fmt): "a 一览表 whose task is a count (目标任务水窖(个): 2200): no header reads as "
       "the task and no column has sentences, so no task is read (the region column reads as lead)"
       for fmt in FORMATS},
    ("z52_daying_yjylap", "txt"): "a note merged across the table's last row: the text export keeps no span, so "
    "it reads as a fourth drill in the first (task) column with the units and time above carried into it",
}
HEADER_MISSES: dict[str, str] = {
    "d2_qiaochengmzj_2025_zdgz": "分月序时进度 (a plan by quarter) read as progress; the reader keeps it in extra",
    "u42_xialu_2023_yqxayh": "隐患名称(单位) (the place's name) read as the task over 隐患主要内容",
    "z92_zhengzhou_ysjxly": "目标任务水窖(个) (a count, the task) read by no rule",
}


def _truths() -> list[Path]:
    return sorted(p for p in CORPUS.glob("*.truth.json") if not held_out(p.name.removesuffix(".truth.json")))


def _cases(folder: Path, miss) -> list:
    """(id, format) of every tuning-part notice in `folder`; `miss(id, format)` gives the reason of
    a known miss, which becomes a strict xfail."""
    cases = []
    for truth in sorted(folder.glob("*.truth.json")):
        nid = truth.name.removesuffix(".truth.json")
        if held_out(nid):
            continue
        for fmt in FORMATS:
            reason = miss(nid, fmt)
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            cases.append(pytest.param(nid, fmt, id=f"{nid}.{fmt}", marks=marks))
    return cases


def _task(t) -> dict:
    return {
        "task_no": t.task_no, "area": t.area, "task": t.task, "deadline": t.deadline or "",
        "due_date": t.due_date.isoformat() if t.due_date else None,
        "lead_units": sorted(u.unit for u in t.lead_units), "support_units": sorted(u.unit for u in t.support_units),
        "leaders": t.leaders, "persons": t.persons, "progress": t.progress, "remarks": t.remarks,
    }


def _want(w: dict) -> dict:
    return {
        "task_no": w["task_no"], "area": w["area"], "task": w["task"], "deadline": w["deadline"] or "",
        "due_date": w["due_date"], "lead_units": sorted(u["unit"] for u in w["lead_units"]),
        "support_units": sorted(u["unit"] for u in w["support_units"]), "leaders": w["leaders"],
        "persons": w["persons"], "progress": w["progress"], "remarks": w["remarks"],
    }


def _squeezed(record: dict) -> dict:
    """Whitespace is layout, not text (a PDF line end, a letter-spaced header): compared without it."""
    def squeeze(v):
        if isinstance(v, str):
            return "".join(v.split())
        if isinstance(v, list):
            return [squeeze(x) for x in v]
        return v
    return {k: squeeze(v) for k, v in record.items()}


def test_the_corpus_is_there_and_rendered():
    notices = sorted(p.stem for p in (CORPUS / "notices").glob("*.json"))
    truths = sorted(p.name.removesuffix(".truth.json") for p in CORPUS.glob("*.truth.json"))
    assert len(notices) >= 20 and notices == truths
    for nid in notices:
        for fmt in FORMATS:
            assert (CORPUS / f"{nid}.{fmt}").is_file(), f"{nid}.{fmt} not rendered: run samples/real/render.py"


@pytest.mark.parametrize(("nid", "fmt"), _cases(CORPUS, lambda nid, fmt: KNOWN_MISSES.get((nid, fmt))))
def test_every_format_gives_the_hand_checked_records(nid: str, fmt: str):
    truth = json.loads((CORPUS / f"{nid}.truth.json").read_text(encoding="utf-8"))
    rec = normalize_document(read_document(CORPUS / f"{nid}.{fmt}"))
    assert [t.kind for t in rec.tables] == [t["kind"] for t in truth["tables"]]
    for table_no, want in enumerate(truth["tables"], start=1):
        if want["kind"] != "tasks":
            continue
        got = [_squeezed(_task(t)) for t in rec.tasks if t.table_no == table_no]
        assert got == [_squeezed(_want(w)) for w in want["tasks"]]


# The field names of the hand labels, for the fields the normalizer keeps in extra.
_AS_LABELLED = {None: "extra", "contact": "extra", "score": "extra", "oversight": "extra", "period": "extra",
                "source": "extra", "location": "extra"}


def _header_cases() -> list:
    cases = []
    for truth in _truths():
        nid = truth.name.removesuffix(".truth.json")
        marks = [pytest.mark.xfail(reason=HEADER_MISSES[nid], strict=True)] if nid in HEADER_MISSES else []
        cases.append(pytest.param(truth, id=nid, marks=marks))
    return cases


@pytest.mark.parametrize("truth", _header_cases())
def test_every_header_is_read_as_the_person_who_labelled_it_read_it(truth: Path):
    """Headers outside the synonym lists (承办股室, 办结时限, 工作板块, 推进情况 …) get their field by
    head noun and content; a progress column is never the task; a per-row 目标 column beside the
    task is extra, never the area."""
    nid = truth.name.removesuffix(".truth.json")
    notice = json.loads((CORPUS / "notices" / f"{nid}.json").read_text(encoding="utf-8"))
    labelled = [b["fields"] for b in notice["blocks"] if isinstance(b, dict)]
    doc = read_document(CORPUS / f"{nid}.docx")
    rec = normalize_document(doc)
    grids = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(rec.tables) == len(labelled) == len(grids)
    for table, fields, grid in zip(rec.tables, labelled, grids, strict=True):
        # A column left empty on the page (its cells cut off) can only be read by its header.
        empty = [not any(grid.row_texts(r)[c].strip() for r in range(1, grid.n_rows)) for c in range(grid.n_cols)]
        read = [_AS_LABELLED.get(r.field, r.field) for r in table.readings]
        assert [f for f, e in zip(read, empty, strict=True) if not e] == [
            f for f, e in zip(fields, empty, strict=True) if not e], [
            (r.header, r.field, r.how, r.evidence) for r in table.readings]


# The classes of header the tool used to misread, each on a real notice of the corpus; the
# expected field is the hand label of notices/<id>.json.
CLASSES = [
    ("1 header outside the synonyms; progress never the task", "c2_chongchuan_2023_msjd", "全年目标任务"),
    ("1 header outside the synonyms; progress never the task", "c2_chongchuan_2023_msjd", "1-11月推进情况"),
    ("1 header outside the synonyms; progress never the task", "c8_pinghu_2025_zfgzbgjz", "一季度重点工作完成情况"),
    ("1 header outside the synonyms; progress never the task", "c3_yueyang_2019_msss", "已完成数"),
    ("2 unit columns by other head nouns", "c4_pengjiang_2021_mzjzwgk", "责任股室"),
    ("2 unit columns by other head nouns", "c8_dongguan_2021_zwgk", "落实单位"),
    ("2 unit columns by other head nouns", "c3_yueyang_2019_msss", "备注"),
    ("3 deadline columns", "c1_chizhou_xfj_zwgk", "时限要求"),
    ("4 grouping columns", "c1_jiangmen_tdcb_zwgk", "工作任务"),
    ("4 grouping columns", "c6_putuo_2021_jhzxzb", "类别"),
    ("5 a per-row 目标/要求 column is no group", "c2_keqiao_2023_sjjz", "一季度目标"),
    ("5 a per-row 目标/要求 column is no group", "c6_putuo_2021_jhzxzb", "年度目标"),
    ("5 a per-row 目标/要求 column is no group", "c6_suzhou_2011_zfgzrw", "名称"),
]


@pytest.mark.parametrize(("kind", "nid", "header"), CLASSES, ids=[f"{n}:{h}" for _, n, h in CLASSES])
def test_each_class_of_misread_header_on_a_real_notice(kind: str, nid: str, header: str):
    assert not held_out(nid)
    table = next(b for b in json.loads((CORPUS / "notices" / f"{nid}.json").read_text(encoding="utf-8"))["blocks"]
                 if isinstance(b, dict))
    headers = [h for c in table["rows"][0] for h in ["".join((c if isinstance(c, str) else c["text"]).split())]
               * (1 if isinstance(c, str) else c.get("colspan", 1))]  # a header over two columns, twice
    want = table["fields"][headers.index(header)]
    for fmt in FORMATS:
        readings = normalize_document(read_document(CORPUS / f"{nid}.{fmt}")).tables[0].readings
        got = next(r for r in readings if r.header == header)
        assert _AS_LABELLED.get(got.field, got.field) == want, (kind, fmt, got)


def test_header_readings_are_in_the_report_and_on_the_review_page(tmp_path: Path):
    """An analyst sees how each header was read, and why: in report.json and on the review page."""
    nid = "c4_pengjiang_2021_mzjzwgk"  # 工作任务 | 具体要求 | 责任股室: a unit column by its head noun
    src = tmp_path / "in"
    src.mkdir()
    (src / f"{nid}.docx").write_bytes((CORPUS / f"{nid}.docx").read_bytes())
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "notice_tasks", "extract", str(src), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    entry = json.loads((out / "report.json").read_text(encoding="utf-8"))["files"][0]
    columns = entry["headers"][0]["columns"]
    labelled = next(b["fields"] for b in json.loads((CORPUS / "notices" / f"{nid}.json").read_text(
        encoding="utf-8"))["blocks"] if isinstance(b, dict))
    assert [c["field"] or "extra" for c in columns] == labelled
    assert {c["by"] for c in columns} <= {"synonym", "head noun", "content", "unknown"}
    unit_column = next(c for c in columns if c["header"] == "责任股室")
    assert (unit_column["field"], unit_column["by"], unit_column["evidence"]) == ("lead", "head noun", "股室")
    page = (out / entry["review"]).read_text(encoding="utf-8")
    assert "id='headers-1'" in page and "责任股室" in page and "head noun: 股室" in page


# --- tasks written as numbered paragraphs (samples/real/lists/) -----------------------------------

LISTS = CORPUS / "lists"
LIST_MISSES: dict[str, str] = {
    "s42_tongling_2018_msgcyb": "a label line with a phone number after the unit, and a second unit with its own "
    "number on the next line without a label (市卫计委 2835085): that unit is lost",
    "x44_tongxin_2023_zfgzbgrw": "a page of label lines without colons (具体任务 | … | 责任单位 | …), each label on a "
    "line above its value: no label is read, so no task",
    "x62_anhuiqxj_2013_kjcxjh": "the copy runs item 1 into its section heading on one line (一、…发展1.加强…), so item 1 "
    "reads as part of the heading, and its two body paragraphs are not joined",
    "x82_gaozhou_zqgqhd": "the plan's 三、组织机构 section with 主办单位/协办单位 lines reads as a task, numbered 3 like "
    "the third activity",
}
LIST_PDF_MISSES: dict[str, str] = {
    "s32_shijingshan_2019_jdgzrwfj": "a Word file that keeps a paragraph for every line of the PDF it was copied "
    "from, printed to PDF again: its lines, now paragraphs that end short, are not joined (the text export, Word "
    "file and web page read right)",
}


def _list_miss(nid: str, fmt: str) -> str | None:
    return LIST_MISSES.get(nid) or (LIST_PDF_MISSES.get(nid) if fmt == "pdf" else None)


@pytest.mark.parametrize(("nid", "fmt"), _cases(LISTS, _list_miss))
def test_task_lists_give_the_hand_checked_records(nid: str, fmt: str):
    truth = json.loads((LISTS / f"{nid}.truth.json").read_text(encoding="utf-8"))
    rec = normalize_document(read_document(LISTS / f"{nid}.{fmt}"))
    assert [t.kind for t in rec.tables] == [t["kind"] for t in truth["tables"]]
    assert all(t.source_kind == "list" for t in rec.tasks)
    for table_no, want in enumerate(truth["tables"], start=1):
        got = [{**_squeezed(_task(t)), "sub_no": t.sub_no} for t in rec.tasks if t.table_no == table_no]
        assert got == [{**_squeezed(_want(w)), "sub_no": w.get("sub_no")} for w in want["tasks"]]


def test_ordinary_notices_give_no_list_tasks():
    """Numbered paragraphs without responsibility labels — a notice's body, its requirements —
    are no tasks: no table notice of the corpus gets a task from its paragraphs."""
    for truth in sorted(CORPUS.glob("*.truth.json")):
        nid = truth.name.removesuffix(".truth.json")
        rec = normalize_document(read_document(CORPUS / f"{nid}.txt"))
        assert [t for t in rec.tasks if t.source_kind == "list"] == [], nid
    for sample in sorted((ROOT / "samples").glob("*.txt")):
        assert not [t for t in normalize_document(read_document(sample)).tasks if t.source_kind == "list"]
