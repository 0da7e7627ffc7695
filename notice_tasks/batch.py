"""A run over many files: read them in parallel (cached), settle duplicates, write every output.

Memory stays flat as the folder grows: workers hand back small summaries, the records wait in
the cache, and the writer streams one notice at a time into the output files.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, replace
from pathlib import Path, PurePath

from normalize import NoticeRecords
from output import OutputSet
from output.datapackage import datapackage
from output.overview import RunStats, render_overview
from output.parts import NoticePart, document_row, review_link
from output.review import finish_review
from output.schema import TABLES

from .cache import Cache, pipeline_version
from .dedupe import differences, mark_duplicates
from .inputs import Input
from .pool import ordered_map
from .remote import COPIES, is_url
from .work import Summary, cached_summary, load_part, load_records, process_file


@dataclass
class Options:
    out: Path
    jobs: int = os.cpu_count() or 1
    force: bool = False
    timeout: float | None = 300.0
    memory_mib: int | None = 2048  # address space per worker; past it a file fails, the run goes on
    excel_bom: bool = False
    xlsx: bool = True  # OUT/tasks.xlsx
    dedupe: bool = True
    debug: bool = False
    cache_dir: Path | None = None  # default: OUT/.cache
    cluster: str | None = None  # a Dask scheduler's address: the files are read there (cluster.py)
    remember: bool = True  # keep what was written, so that an unchanged re-run writes nothing

    @property
    def cache(self) -> str:
        return str(self.cache_dir or self.out / ".cache")


def run(inputs: list[Input], opts: Options, on_result: Callable[[Summary], None],
        on_warning: Callable[[str], None] | None = None) -> list[Summary]:
    """Read every input, then write all outputs at once; `on_result` sees each file, in input
    order, as soon as it and the files before it are done; `on_warning` each warning of the
    outputs themselves (a cell too long for tasks.xlsx)."""
    summaries = [Summary(str(i.path), "skipped", i.skip) for i in inputs if i.skip is not None]
    todo = [str(i.path) for i in inputs if i.skip is None]
    # Files already in the cache are settled here; only the others go to the workers.
    known = [cached_summary(p, opts.cache, use_cache=not opts.force) for p in todo]
    try:
        for summary in _in_order(known, opts):
            summaries.append(summary)
            on_result(summary)
    finally:
        shutil.rmtree(Path(opts.cache) / COPIES, ignore_errors=True)  # what killed workers left
    summaries.sort(key=lambda s: s.path)
    if opts.dedupe:
        mark_duplicates(summaries, _Differences(opts.cache))
    entries = file_entries(summaries)
    fingerprint = outputs_fingerprint(summaries, opts, entries)
    if opts.remember and not opts.force and outputs_current(opts, fingerprint):
        return summaries  # the same inputs, read the same way, and the outputs untouched since
    for w in write_outputs(summaries, opts, entries):
        if on_warning is not None:
            on_warning(w)
    if opts.remember:
        record_outputs(opts, fingerprint)
    return summaries


# --- an unchanged re-run writes nothing ---------------------------------------------------------

class _Differences:
    """Where two files of one notice disagree (dedupe.differences), read once from their records
    and then remembered by the two contents: a re-run loads no records to find them again."""

    def __init__(self, cache_dir: str):
        self._dir, self._cache = cache_dir, Cache(cache_dir)
        self._kept: tuple[str, NoticeRecords] | None = None

    def __call__(self, keep: Summary, other: Summary) -> list[str]:
        name = f"differences-{keep.sha}-{other.sha}.json"
        found = self._cache.get_json(name)
        if isinstance(found, list):
            return found
        if self._kept is None or self._kept[0] != keep.sha:
            self._kept = (keep.sha, load_records(self._dir, keep)[0])  # once for its whole group
        found = differences(self._kept[1], load_records(self._dir, other)[0])
        self._cache.put_json(name, found)
        return found


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


def _in_order(known: list[Summary], opts: Options) -> Iterator[Summary]:
    missing = [s for s in known if s.status == "todo"]
    args = [(s.path, s.sha, opts.cache, opts.debug) for s in missing]

    def failed(index: int, why: str) -> Summary:
        return Summary(missing[index].path, "failed", why, missing[index].sha)

    if opts.cluster:
        from .cluster import cluster_map

        # Workers have working folders of their own: they get absolute paths; the summaries keep
        # the paths as given, so the outputs are those of a local run.
        cache = str(Path(opts.cache).resolve())
        remote = [(p if is_url(p) else str(Path(p).resolve()), sha, cache, debug) for p, sha, _, debug in args]
        computed = (replace(s, path=m.path) if isinstance(s, Summary) else s
                    for s, m in zip(cluster_map(opts.cluster, process_file, remote, failed), missing, strict=True))
    else:
        limit = opts.memory_mib * 1024 * 1024 if opts.memory_mib else None
        computed = ordered_map(process_file, args, opts.jobs, opts.timeout, failed, limit)
    for s in known:
        yield next(computed) if s.status == "todo" else s


def _parts(summaries: list[Summary], opts: Options) -> Iterator[tuple[Summary, NoticePart]]:
    """Each read file's output part, in path order: one cache read per file, no records loaded."""
    for s in summaries:
        if s.read:
            yield s, load_part(opts.cache, s)


def write_outputs(summaries: list[Summary], opts: Options, entries: list[dict] | None = None) -> list[str]:
    """Every output of the run, committed together; returns the warnings of the outputs themselves."""
    entries = file_entries(summaries) if entries is None else entries
    with OutputSet(opts.out, opts.excel_bom, xlsx=opts.xlsx) as outs:
        review = outs.stage_dir("review")
        stats = RunStats()
        for s, part in _parts(summaries, opts):
            link = review_link(s.path, s.doc_id)
            (review / review_name(s)).write_text(finish_review(part.review, s.path, s.warnings, s.alternates),
                                                 encoding="utf-8")
            if s.duplicate_of:
                continue  # the same notice is counted once, from its preferred file
            stats.add(part.stats, link)
            outs.write("documents", [document_row(part, s.alternates, s.warnings)], link)
            for name, rows in part.tables.items():
                outs.write_part(name, rows)
        book_warnings = outs.finish_workbook()
        rep = report(summaries, book_warnings if opts.xlsx else None, entries)
        outs.write_json("report.json", rep, lines=True)
        outs.write_json("datapackage.json", datapackage(opts.excel_bom))
        tables = [f"{t}.{ext}" for t in TABLES for ext in ("csv", "parquet")]
        written = [*(["tasks.xlsx"] if opts.xlsx else []), *tables, "report.json", "datapackage.json"]
        with outs.stage_file("index.html") as f:
            f.write(render_overview(rep, stats, written, book_warnings).encode("utf-8"))
    return book_warnings


def review_name(s: Summary) -> str:
    return PurePath(review_link(s.path, s.doc_id)).name


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


def progress(total: int):
    """A progress bar on a terminal, nothing otherwise (the per-file lines are the log)."""
    if not sys.stderr.isatty() or total < 2:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr, leave=False)
