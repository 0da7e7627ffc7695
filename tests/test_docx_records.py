"""Word's own markup decides the records: two-level headers, merges, numbering, split tables."""

from __future__ import annotations

from pathlib import Path

from extract import read_document
from normalize import normalize_document

FIXTURES = Path(__file__).parent / "fixtures" / "docx"


def records(name: str):
    return normalize_document(read_document(FIXTURES / name))


def test_two_level_header_gives_child_columns_their_meaning():
    rec = records("two_level_header.docx")
    (table,) = rec.tables
    assert table.fields == ["number", "task", "lead", "support", "deadline"]
    assert table.columns[2:4] == ["责任单位/牵头单位", "责任单位/配合单位"]
    assert [[u.unit for u in t.lead_units] for t in rec.tasks] == [["区发展改革委"], ["区教委"]]
    assert [[u.unit for u in t.support_units] for t in rec.tasks] == [["区财政局"], []]


def test_blank_support_beside_merged_lead_stays_blank():
    rec = records("merged_leads.docx")
    leads = [[u.unit for u in t.lead_units] for t in rec.tasks]
    supports = [[u.unit for u in t.support_units] for t in rec.tasks]
    assert leads == [["县教委"], ["县教委"], ["县教委"], ["县卫生健康委"]]
    assert supports == [["县财政局"], [], ["县人力社保局"], []]
    assert [t.carried for t in rec.tasks] == [[], ["lead"], ["lead"], []]


def test_word_list_numbering_gives_task_numbers():
    rec = records("numbered.docx")
    assert [t.task_no for t in rec.tasks] == list(range(1, len(rec.tasks) + 1))
    assert all("number" not in t.inferred for t in rec.tasks)


def test_table_split_in_two_is_stitched_into_one():
    rec = records("split_table.docx")
    assert len(rec.tables) == 1
    assert [t.task_no for t in rec.tasks] == [1, 2, 3, 4]


def test_strict_ooxml_gives_the_same_records():
    plain, strict = records("small.docx"), records("small_strict.docx")
    assert [(t.task_no, t.task, t.lead_units, t.support_units) for t in plain.tasks] == \
        [(t.task_no, t.task, t.lead_units, t.support_units) for t in strict.tasks]
