"""Results cached by file content and pipeline version: an unchanged file is never parsed twice.

The key is the SHA-256 of the file's bytes; the folder is named after a hash of the sources of
the readers, the normalizer and the output code, so any change to them starts a fresh cache.
Each file has two entries: its records with its review page, and a small summary that a re-run
reads alone. Entries are pickles written atomically; an unreadable entry counts as missing.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import extract
import normalize
import output
from normalize import NoticeRecords


@dataclass
class Entry:
    records: NoticeRecords | None
    review_html: str | None = None
    reason: str | None = None  # why the file failed (a NoticeError's reason)


@cache
def pipeline_version() -> str:
    h = hashlib.sha256()
    h.update(os.environ.get("NOTICE_PDF_ENGINE", "").strip().lower().encode())  # results differ by engine
    for package in (extract, normalize, output):
        folder = Path(package.__file__).parent
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
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
