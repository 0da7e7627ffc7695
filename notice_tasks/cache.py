"""Results cached by file content and pipeline version: an unchanged file is never parsed twice.

The key is the SHA-256 of the file's bytes; the folder is named after a hash of the sources of
the readers, the normalizer and the output code, so any change to them starts a fresh cache.
Each file has two entries: its records with its review page, and a small summary that a re-run
reads alone; beside them, its output part (output/parts.py) for each path it was read at, and the
differences found between two files holding the same notice. Entries are written atomically; an
unreadable entry counts as missing.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

from extract.pdf_engines import engine as pdf_engine

if TYPE_CHECKING:
    from normalize import NoticeRecords


@dataclass
class Entry:
    records: NoticeRecords | None
    review_html: str | None = None
    reason: str | None = None  # why the file failed (a NoticeError's reason)


@cache
def pipeline_version() -> str:
    h = hashlib.sha256()
    h.update(pdf_engine().encode())  # a file's document model may differ by engine (runs of spaces)
    for package in ("extract", "normalize", "output"):  # found, not imported: workers import them
        folder = Path(find_spec(package).origin).parent
        for src in sorted(folder.glob("*.py")):
            h.update(src.name.encode())
            h.update(src.read_bytes())
    return h.hexdigest()[:12]


class Cache:
    def __init__(self, folder: str | Path):
        self.folder = Path(folder) / pipeline_version()

    def get(self, sha: str) -> Entry | None:
        entry = self._load(self.folder / f"{sha}.pickle")
        return entry if isinstance(entry, Entry) else None

    def get_summary(self, sha: str) -> object | None:
        return self._load(self.folder / f"{sha}.summary")

    def get_part(self, sha: str, path: str) -> object | None:
        return self._load(self._part_path(sha, path))

    def put_part(self, sha: str, path: str, part: object) -> None:
        self._dump(self._part_path(sha, path), part)

    def _part_path(self, sha: str, path: str) -> Path:
        # A file's output part names its path (its rows, its review page): one per path it was seen at.
        return self.folder / f"{sha}.{hashlib.sha256(path.encode()).hexdigest()[:16]}.part"

    def get_json(self, name: str) -> object | None:
        try:
            return json.loads((self.folder / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put_json(self, name: str, data: object) -> None:
        self._write(self.folder / name, json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def put(self, sha: str, entry: Entry, summary: object) -> None:
        # The summary goes last: its presence promises the entry is there too.
        self._dump(self.folder / f"{sha}.pickle", entry)
        self._dump(self.folder / f"{sha}.summary", summary)

    @staticmethod
    def _load(path: Path) -> object | None:
        try:
            with path.open("rb") as f:
                return pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            return None

    def _dump(self, path: Path, obj: object) -> None:
        self._write(path, pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))

    def _write(self, path: Path, data: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
