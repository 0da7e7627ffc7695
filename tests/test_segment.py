"""The segmenter gives jieba's own words (cut with HMM off) without loading jieba's dictionary."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import jieba
from conftest import ROOT

from normalize import segment


def _texts() -> list[str]:
    """Lines of the corpus's text exports, and the 8-character windows the break rules segment."""
    lines = []
    for path in sorted((ROOT / "samples" / "real").glob("*.txt"))[:30]:
        lines += [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    windows = [line[i:i + 8] for line in lines[:400] for i in range(0, max(1, len(line) - 8), 5)]
    return [*lines, *windows, "Power BI 2024年", "县发改局\t县财政局", "a1b2 c3", "（县投资促进服务中心）"]


def test_words_are_jiebas_words():
    texts = _texts()
    assert len(texts) > 1000
    wrong = [(t, segment.words(t), tuple(jieba.cut(t, HMM=False))) for t in texts
             if segment.words(t) != tuple(jieba.cut(t, HMM=False))]
    assert not wrong, wrong[:3]


def test_the_store_is_built_once_and_atomically(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("NOTICE_TASKS_CACHE", str(tmp_path))
    segment._frequencies.cache_clear()
    segment.words.cache_clear()
    try:
        assert segment.words("县住房城乡建委") == tuple(jieba.cut("县住房城乡建委", HMM=False))
        (store,) = (tmp_path / "notice-tasks").glob("jieba-*.sqlite")
        assert not list((tmp_path / "notice-tasks").glob("*.tmp"))
        with sqlite3.connect(store) as db:
            assert db.execute("SELECT f FROM freq WHERE w = '建委'").fetchone()[0] > 0
    finally:
        segment._frequencies.cache_clear()
        segment.words.cache_clear()


def test_without_a_writable_cache_jieba_itself_is_used(tmp_path: Path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("NOTICE_TASKS_CACHE", str(blocked))
    segment._frequencies.cache_clear()
    segment.words.cache_clear()
    try:
        assert segment._frequencies() is None
        assert segment.words("区工业园区管委会") == tuple(jieba.cut("区工业园区管委会", HMM=False))
    finally:
        segment._frequencies.cache_clear()
        segment.words.cache_clear()


def test_tagged_words_carry_the_dictionarys_flags():
    assert segment.tagged_words("关于渝中区") == (("关于", "p"), ("渝中区", "nt"))
