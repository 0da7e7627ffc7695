"""Whether a run must write: each file's report entry and the outputs' fingerprint, compared with
what the last run wrote — an unchanged re-run writes nothing and imports no writer for it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING

from output.parts import review_link

from .cache import pipeline_version
from .work import Summary

if TYPE_CHECKING:
    from .batch import Options


def outputs_fingerprint(summaries: list[Summary], opts: Options, entries: list[dict] | None = None) -> str:
    """What the outputs are made of: the pipeline's code, the options that shape them, and each
    file's content hash with its report entry (path, status, warnings, duplicates)."""
    h = hashlib.sha256()
    h.update(json.dumps([pipeline_version(), opts.excel_bom, opts.xlsx, opts.dedupe]).encode())
    h.update(json.dumps(report(summaries, entries=entries), ensure_ascii=False, sort_keys=True,
                        default=str).encode("utf-8"))
    h.update("\n".join(s.sha or "" for s in summaries).encode())
    return h.hexdigest()


def _output_files(out: Path) -> dict[str, list[int]]:
    """Size and modification time of every output, review pages included."""
    files = {}
    for path in sorted(out.iterdir()):
        if path.name.startswith(".") or (path.is_dir() and path.name != "review"):
            continue
        for f in sorted(path.iterdir()) if path.is_dir() else [path]:
            st = f.stat()
            files[str(f.relative_to(out))] = [st.st_size, st.st_mtime_ns]
    return files


def _record_path(opts: Options) -> Path:
    """Where the last write of OUT is described: in the cache, one record per output folder."""
    key = hashlib.sha256(str(opts.out.resolve()).encode()).hexdigest()[:16]
    return Path(opts.cache) / f"outputs-{key}.json"


def outputs_current(opts: Options, fingerprint: str) -> bool:
    try:
        saved = json.loads(_record_path(opts).read_text(encoding="utf-8"))
        return saved["fingerprint"] == fingerprint and saved["files"] == _output_files(opts.out)
    except (OSError, ValueError, KeyError, TypeError):
        return False


def record_outputs(opts: Options, fingerprint: str) -> None:
    path = _record_path(opts)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps({"fingerprint": fingerprint, "files": _output_files(opts.out)}).encode("utf-8")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".outputs.", suffix=".tmp")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


_RUN_SPECIFIC = ("sha", "identity", "seconds", "from_cache")  # left out: a re-run's report is byte-identical


def file_entries(summaries: list[Summary]) -> list[dict]:
    """Each file's entry in report.json (plain values: the summaries' fields are JSON already)."""
    names = [f.name for f in fields(Summary) if f.name not in _RUN_SPECIFIC]
    entries = []
    for s in summaries:
        entry = {name: getattr(s, name) for name in names}
        entry["doc_id"] = s.doc_id
        entry["review"] = review_link(s.path, s.doc_id) if s.read else None
        entries.append(entry)
    return entries


def report(summaries: list[Summary], workbook_warnings: list[str] | None = None,
           entries: list[dict] | None = None) -> dict:
    """report.json: the counts, each file's entry, and tasks.xlsx's own warnings (null when not written)."""
    counts: dict[str, int] = {}
    for s in summaries:
        counts[s.status] = counts.get(s.status, 0) + 1
    workbook = None if workbook_warnings is None else {"path": "tasks.xlsx", "warnings": workbook_warnings}
    return {"summary": counts, "files": file_entries(summaries) if entries is None else entries,
            "workbook": workbook}
