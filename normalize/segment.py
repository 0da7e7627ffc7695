"""Chinese word segmentation: jieba's dictionary, without loading jieba's dictionary.

The rules need words only here and there (does a word span a unit cell's line break; where does
a region's name end), a few dozen short texts per notice — yet loading jieba builds a 350,000-word
table in every process, a second of start-up and ~100 MB per worker. So `words` runs jieba's own
algorithm (its `cut(HMM=False)`: the route of greatest probability through the word graph of the
text) on frequencies looked up in an SQLite copy of jieba's dictionary, built once per machine
from the dictionary jieba ships and then opened in a millisecond by any process. Where no copy
can be built (no writable cache folder), jieba itself is used, as before. `tagged_words` gives
those words with the part of speech the dictionary lists for each (what jieba's tagger gives a
word it knows).
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import re
import sqlite3
import tempfile
import threading
from functools import cache
from pathlib import Path

# jieba's own patterns (jieba.re_han_default, re_skip_default, re_eng): the same blocks, the same
# treatment of Latin letters and digits, so the words are jieba's.
_HAN = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)", re.U)
_SKIP = re.compile(r"(\r\n|\s)", re.U)
_ENG = re.compile(r"[a-zA-Z0-9]", re.U)


@cache
def _jieba():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba


def _dictionary_file() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    assert spec is not None and spec.origin is not None
    return Path(spec.origin).parent / "dict.txt"


def _store_folder() -> Path:
    base = os.environ.get("NOTICE_TASKS_CACHE") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "notice-tasks"


class _Frequencies:
    """Word → frequency (0 for a prefix of a word), as jieba's FREQ, and its part of speech, read
    from SQLite."""

    def __init__(self, path: Path):
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        (total,) = self._db.execute("SELECT f FROM freq WHERE w = ''").fetchone()
        self.log_total = math.log(total)
        self._seen: dict[str, tuple[int, str] | None] = {}
        self._lock = threading.Lock()  # one connection, and a worker may run several threads

    def _row(self, word: str) -> tuple[int, str] | None:
        if word not in self._seen:
            with self._lock:
                self._seen[word] = self._db.execute("SELECT f, t FROM freq WHERE w = ?", (word,)).fetchone()
        return self._seen[word]

    def get(self, word: str) -> int | None:
        row = self._row(word)
        return row[0] if row else None

    def tag(self, word: str) -> str:
        row = self._row(word)
        return row[1] if row and row[1] else "x"


def _build(source: Path, target: Path) -> None:
    """The SQLite copy of jieba's dictionary, with jieba's prefixes (gen_pfdict), written
    atomically: two processes building it at once both end with a whole file."""
    freq: dict[str, tuple[int, str]] = {}
    total = 0
    with source.open(encoding="utf-8") as f:
        for line in f:
            parts = line.strip().split(" ")
            if len(parts) < 2:
                continue
            word, n = parts[0], int(parts[1])
            freq[word] = (n, parts[2] if len(parts) > 2 else "")
            total += n
            for end in range(1, len(word)):
                freq.setdefault(word[:end], (0, ""))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        db.execute("CREATE TABLE freq (w TEXT PRIMARY KEY, f INTEGER, t TEXT) WITHOUT ROWID")
        rows = [("", total, ""), *((w, n, t) for w, (n, t) in freq.items())]
        db.executemany("INSERT INTO freq VALUES (?, ?, ?)", rows)
        db.commit()
        db.close()
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@cache
def _frequencies() -> _Frequencies | None:
    try:
        source = _dictionary_file()
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
        target = _store_folder() / f"jieba-{digest}-v2.sqlite"
        if not target.exists():
            _build(source, target)
        return _Frequencies(target)
    except (OSError, sqlite3.Error, ValueError, RuntimeError):  # RuntimeError: no home folder
        return None  # no writable cache: jieba itself


def _cut_block(text: str, freq: _Frequencies) -> list[str]:
    """jieba's __cut_DAG_NO_HMM: the word graph, the best route, single Latin characters joined."""
    n = len(text)
    graph: dict[int, list[int]] = {}
    for k in range(n):
        ends, i, frag = [], k, text[k]
        while i < n and (f := freq.get(frag)) is not None:
            if f:
                ends.append(i)
            i += 1
            frag = text[k:i + 1]
        graph[k] = ends or [k]
    route: dict[int, tuple[float, int]] = {n: (0.0, 0)}
    for idx in range(n - 1, -1, -1):
        route[idx] = max((math.log(freq.get(text[idx:x + 1]) or 1) - freq.log_total + route[x + 1][0], x)
                         for x in graph[idx])
    out, buf, x = [], "", 0
    while x < n:
        y = route[x][1] + 1
        word = text[x:y]
        if _ENG.match(word) and len(word) == 1:
            buf += word
        else:
            if buf:
                out.append(buf)
                buf = ""
            out.append(word)
        x = y
    if buf:
        out.append(buf)
    return out


@cache
def words(text: str) -> tuple[str, ...]:
    """Dictionary words of a text, without HMM guesses (they join unknown names too eagerly):
    exactly jieba's `cut(text, HMM=False)`."""
    freq = _frequencies()
    if freq is None:
        return tuple(_jieba().cut(text, HMM=False))
    out: list[str] = []
    for block in _HAN.split(text):
        if not block:
            continue
        if _HAN.match(block):
            out += _cut_block(block, freq)
        else:
            for piece in _SKIP.split(block):
                if _SKIP.match(piece):
                    out.append(piece)
                else:
                    out += list(piece)
    return tuple(out)


@cache
def tagged_words(text: str) -> tuple[tuple[str, str], ...]:
    """(word, part-of-speech flag) pairs, e.g. ('渝中区', 'nt'), ('关于', 'p'): the words of
    `words`, each with the flag jieba's dictionary gives it ('x' for none)."""
    freq = _frequencies()
    if freq is None:
        return tuple((w.word, w.flag) for w in _jieba().posseg.cut(text))
    return tuple((w, freq.tag(w)) for w in words(text))
