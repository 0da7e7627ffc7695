"""One file's work, as run in a worker process: hash, read, normalize, cache; return a summary.

The summary is small (counts, warnings, the notice's identity) so that a run over thousands of
files holds little in memory; the records themselves stay in the cache until they are written.

The readers, the normalizer and the rows are imported by the first file a worker reads, not by
this module: the main process starts its workers before it has imported them (see batch).
"""

from __future__ import annotations

import hashlib
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import Cache, Entry
from .remote import COPIES, is_url, local_copy, open_bytes

if TYPE_CHECKING:
    from normalize import NoticeRecords
    from output.parts import NoticePart


@dataclass
class Summary:
    path: str
    status: str  # "ok" | "warnings" | "failed" | "skipped" ("todo" until it is read)
    reason: str | None = None
    sha: str | None = None
    format: str | None = None
    encoding: str | None = None
    tables: int = 0
    tasks: int = 0
    pairs: int = 0
    warnings: list[str] = field(default_factory=list)
    identity: tuple | None = None  # (文号, date, title): the same notice in another file shares it
    carried: dict[str, int] = field(default_factory=dict)  # tasks whose field came from the row above
    from_cache: bool = False
    seconds: float = 0.0
    duplicate_of: str | None = None
    alternates: list[str] = field(default_factory=list)
    headers: list[dict] = field(default_factory=list)  # per table: how each header was read

    @property
    def doc_id(self) -> str | None:
        return self.sha[:16] if self.sha else None

    @property
    def read(self) -> bool:
        return self.status in ("ok", "warnings")


def file_sha256(path: Path | str) -> str:
    h = hashlib.sha256()
    with (open_bytes(path) if is_url(path) else Path(path).open("rb")) as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def cached_summary(path: str, cache_dir: str, use_cache: bool = True) -> Summary:
    """The file's summary from the cache, or a summary with only its sha (status "todo") when it
    must be read; a file that cannot even be hashed is failed here."""
    try:
        sha = file_sha256(path)
    except OSError as e:
        return Summary(path, "failed", f"cannot read the file: {e.strerror or e}")
    cached = Cache(cache_dir).get_summary(sha) if use_cache else None
    if isinstance(cached, Summary):
        return replace(cached, path=path, from_cache=True, warnings=list(cached.warnings))
    return Summary(path, "todo", sha=sha)


def process_file(path: str, sha: str, cache_dir: str, debug: bool = False, shown: str | None = None) -> Summary:
    """Read and normalize one file, cache the result, return its summary (runs in a worker).
    `shown`: the path the outputs name, where the worker reads the file under another (a cluster
    worker is given it absolute), so that the part it caches is the one the run writes."""
    from extract import NoticeError, read_document
    from normalize import normalize_document
    from output.parts import notice_part
    from output.review import render_review

    start = time.perf_counter()
    cache = Cache(cache_dir)
    shown = shown or path
    try:
        if is_url(path):
            try:
                with local_copy(path, Path(cache_dir) / COPIES) as local:  # readers want a local file
                    doc = read_document(local)
                    doc.source_file = path
            except OSError as e:
                raise NoticeError(path, f"cannot read the file: {e.strerror or e}") from e
        else:
            doc = read_document(path)
        records = normalize_document(doc)
        records.source_file = shown
        entry = Entry(records, render_review(doc, records, sha[:16]))
    except NoticeError as e:
        entry = Entry(None, None, e.reason)
    except MemoryError:
        return Summary(shown, "failed", "ran out of memory: the file expands to far more than a notice holds "
                       "(a decompression bomb?)", sha, seconds=time.perf_counter() - start)
    except RecursionError:
        return Summary(shown, "failed", "structure nested too deeply to read", sha,
                       seconds=time.perf_counter() - start)
    except Exception as e:  # a bug of ours: reported for this file, not cached, never fatal
        if debug:
            traceback.print_exc()
        return Summary(shown, "failed", f"internal error ({type(e).__name__}: {e})", sha,
                       seconds=time.perf_counter() - start)
    if entry.records is not None:
        # What the file adds to the outputs, made here in parallel rather than by the run's writer.
        cache.put_part(sha, shown, notice_part(sha[:16], entry.records, shown, entry.review_html or ""))
    summary = summarize(shown, sha, entry, time.perf_counter() - start)
    cache.put(sha, entry, summary)
    return summary


def summarize(path: str, sha: str, entry: Entry, seconds: float) -> Summary:
    rec = entry.records
    if rec is None:
        return Summary(path, "failed", entry.reason, sha, seconds=seconds)
    carried = Counter(f for t in rec.tasks for f in t.carried)
    return Summary(path, "warnings" if rec.warnings else "ok", None, sha, rec.format, rec.encoding,
                   len(rec.tables), len(rec.tasks), len(rec.pairings), list(rec.warnings), identity(rec),
                   dict(sorted(carried.items())), seconds=seconds, headers=header_readings(rec))


def header_readings(rec: NoticeRecords) -> list[dict]:
    """Per table, each column's header with the field it was read as, its party, and by what."""
    return [{"table_no": t.table_no, "kind": t.kind, "columns": [
        {"header": r.header, "field": r.field, "party": r.party, "by": r.how, "evidence": r.evidence,
         **({"close_call": r.close_call} if r.close_call else {})} for r in t.readings]} for t in rec.tables]


def identity(rec: NoticeRecords) -> tuple | None:
    """What makes two files the same notice: its 文号 with its date and title."""
    m = rec.meta
    if not m.doc_number:
        return None
    return (m.doc_number, m.issue_date.isoformat() if m.issue_date else None, m.title)


def load_part(cache_dir: str, summary: Summary) -> NoticePart:
    """What a file read in this run adds to the outputs: its cached part, else made from its records."""
    from output.parts import NoticePart, notice_part

    cache = Cache(cache_dir)
    part = cache.get_part(summary.sha, summary.path)
    if isinstance(part, NoticePart):
        return part
    records, page = load_records(cache_dir, summary)  # the same content seen at another path before
    part = notice_part(summary.doc_id, records, summary.path, page)
    cache.put_part(summary.sha, summary.path, part)
    return part


def load_records(cache_dir: str, summary: Summary) -> tuple[NoticeRecords, str]:
    """The cached records and review page of a file read in this run, with its own path."""
    entry = Cache(cache_dir).get(summary.sha)
    if entry is None or entry.records is None:
        raise RuntimeError(f"{summary.path}: cached result vanished during the run")
    entry.records.source_file = summary.path
    return entry.records, entry.review_html or ""
