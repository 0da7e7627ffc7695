"""Property tests: whatever the bytes or the grid, a reader returns a document or raises the
project's own error (NoticeError); the normalizer always returns records."""

from __future__ import annotations

import tempfile
from pathlib import Path

from conftest import text_export
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import NoticeError, read_document
from extract.model import Document
from extract.text import parse_text
from normalize import normalize_document

_PREFIXES = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf\t", b"\xff\xfe"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_PREFIXES), st.binary(max_size=2048), st.sampled_from([".txt", ".docx", ".pdf", ".doc", ""]))
def test_arbitrary_bytes_give_a_document_or_a_notice_error(prefix, body, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"x{suffix}"
        path.write_bytes(prefix + body)
        try:
            doc = read_document(path)
        except NoticeError as e:
            assert e.reason and str(path) in str(e)
            return
        assert isinstance(doc, Document)
        normalize_document(doc)


_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
_words = st.sampled_from(["序号", "重点任务", "责任单位", "配合单位", "完成时限", "备注", "重点领域", "渝中区", "巫溪县",
                          "1", "2.", "（三）", "区教委、", "县林业局", "2021年11月底", "长期坚持", "", "\n"])
_cell = st.lists(st.one_of(_words, _text), max_size=3).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 7).flatmap(lambda n: st.lists(st.lists(_cell, min_size=n, max_size=n), min_size=1,
                                                    max_size=8)),
       st.lists(_text, max_size=4))
def test_arbitrary_grids_normalize_without_error(grid, paragraphs):
    text = text_export(grid, before=[p.replace("\t", " ") for p in paragraphs if p.strip()])
    try:
        doc = parse_text(text.encode("utf-8"))
    except NoticeError:
        return
    rec = normalize_document(doc)
    for t in rec.tasks:
        assert t.task and t.table_no >= 1 and t.seq >= 1
