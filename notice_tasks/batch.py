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
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from normalize import NoticeRecords
from output import ROWS, OutputSet
from output.datapackage import datapackage
from output.overview import RunStats, render_overview
from output.review import finish_review
from output.schema import TABLES
from output.workbook import SHEETS, TaskWorkbook

from .cache import pipeline_version
from .dedupe import mark_duplicates
from .inputs import Input
from .pool import ordered_map
from .remote import COPIES, is_url
from .work import Summary, cached_summary, load_records, process_file


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
        mark_duplicates(summaries, lambda s: load_records(opts.cache, s)[0])
    fingerprint = outputs_fingerprint(summaries, opts)
    if opts.remember and not opts.force and outputs_current(opts, fingerprint):
        return summaries  # the same inputs, read the same way, and the outputs untouched since
    for w in write_outputs(summaries, opts):
        if on_warning is not None:
            on_warning(w)
    if opts.remember:
        record_outputs(opts, fingerprint)
    return summaries


# --- an unchanged re-run writes nothing ---------------------------------------------------------

def outputs_fingerprint(summaries: list[Summary], opts: Options) -> str:
    """What the outputs are made of: the pipeline's code, the options that shape them, and each
    file's content hash with its report entry (path, status, warnings, duplicates)."""
    h = hashlib.sha256()
    h.update(json.dumps([pipeline_version(), opts.excel_bom, opts.xlsx, opts.dedupe]).encode())
    h.update(json.dumps(report(summaries), ensure_ascii=False, sort_keys=True, default=str).encode("utf-8"))
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


def _notices(summaries: list[Summary], opts: Options) -> Iterator[tuple[Summary, NoticeRecords, str]]:
    """Each read file's records (with the warnings the run added) and review page, in path order."""
    for s in summaries:
        if s.read:
            records, page = load_records(opts.cache, s)
            records.warnings = s.warnings  # with what the run added (differences from alternates)
            yield s, records, page


def _rows(s: Summary, records: NoticeRecords) -> Iterator[tuple[str, Iterator[dict]]]:
    for name, make in ROWS.items():
        yield name, (make(s.doc_id, records, s.alternates) if name == "documents" else make(s.doc_id, records))


def _write_workbook(summaries: list[Summary], opts: Options, path: Path) -> list[str]:
    """tasks.xlsx, from the same rows the CSV and Parquet files get."""
    book = TaskWorkbook(path, tuple(t for t in SHEETS if t in TABLES))
    try:
        for s, records, _ in _notices(summaries, opts):
            if not s.duplicate_of:
                for name, rows in _rows(s, records):
                    for row in rows:
                        book.add(name, row, f"review/{review_name(s)}")
        return book.close()
    except BaseException:
        book.abort()
        raise


def write_outputs(summaries: list[Summary], opts: Options) -> list[str]:
    """Every output of the run, committed together; returns the warnings of the outputs themselves.
    The workbook, the slowest of them (XlsxWriter), is written by a process of its own meanwhile."""
    book = None
    try:
        with OutputSet(opts.out, opts.excel_bom) as outs:
            if opts.xlsx:
                # A private folder for the process: all it writes is there, and goes with it.
                work = Path(tempfile.mkdtemp(prefix=".tasks.xlsx.", suffix=".tmp", dir=opts.out))
                book = _Child(_write_workbook, summaries, opts, work / "tasks.xlsx", workdir=work,
                              made="tasks.xlsx", into=outs.stage_path("tasks.xlsx"))
            warnings = _write_the_rest(summaries, opts, outs, book)
    except BaseException:
        if book is not None:
            book.stop()  # before it writes a workbook nobody will rename into place
        raise
    return warnings


def _write_the_rest(summaries: list[Summary], opts: Options, outs: OutputSet, book: _Child | None) -> list[str]:
    review = outs.stage_dir("review")
    stats = RunStats()
    for s, records, page in _notices(summaries, opts):
        (review / review_name(s)).write_text(finish_review(page, s.path, s.warnings, s.alternates),
                                             encoding="utf-8")
        if s.duplicate_of:
            continue  # the same notice is counted once, from its preferred file
        link = f"review/{review_name(s)}"
        stats.add(records, link)
        for name, rows in _rows(s, records):
            outs.write(name, rows)
    book_warnings = book.result() if book is not None else []
    rep = report(summaries, book_warnings if opts.xlsx else None)
    outs.write_json("report.json", rep)
    outs.write_json("datapackage.json", datapackage(opts.excel_bom))
    tables = [f"{t}.{ext}" for t in TABLES for ext in ("csv", "parquet")]
    written = [*(["tasks.xlsx"] if opts.xlsx else []), *tables, "report.json", "datapackage.json"]
    with outs.stage_file("index.html") as f:
        f.write(render_overview(rep, stats, written, book_warnings).encode("utf-8"))
    return book_warnings


class _Child:
    """A function run in a forked process; `result()` waits for what it returned, or raises what
    it raised (so that the output set is aborted, as if it had failed here)."""

    def __init__(self, func: Callable, *args, workdir: Path, made: str, into: Path):
        import multiprocessing as mp

        ctx = mp.get_context("fork")
        # `func` writes the file `made` in `workdir`; result() moves it to `into`, stop() drops all.
        self._workdir, self._into_name, self._into = workdir, made, into
        self._conn, child_end = ctx.Pipe(duplex=False)
        self._process = ctx.Process(target=self._run, args=(child_end, func, args), daemon=True)
        self._process.start()
        child_end.close()

    @staticmethod
    def _run(conn, func: Callable, args: tuple) -> None:
        import signal

        # Stopped (stop(), or the run ending under it): unwind, so that its temporary files go.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
        try:
            conn.send(("ok", func(*args)))
        except BaseException as e:
            conn.send(("error", f"{type(e).__name__}: {e}"))
        finally:
            conn.close()

    def result(self):
        try:
            status, value = self._conn.recv()
        except EOFError:
            status, value = "error", f"the process writing it died (exit code {self._process.exitcode})"
        finally:
            self._process.join()
        try:
            if status != "ok":
                raise RuntimeError(f"tasks.xlsx could not be written: {value}")
            os.replace(self._workdir / self._into_name, self._into)
            return value
        finally:
            shutil.rmtree(self._workdir, ignore_errors=True)

    def stop(self) -> None:
        """End it now (the run failed) and remove what it was writing."""
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(10)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()
        shutil.rmtree(self._workdir, ignore_errors=True)


def review_name(s: Summary) -> str:
    return f"{Path(s.path).stem}-{s.doc_id}.html"


def report(summaries: list[Summary], workbook_warnings: list[str] | None = None) -> dict:
    """report.json: the counts, each file's entry, and tasks.xlsx's own warnings (null when not written)."""
    counts: dict[str, int] = {}
    for s in summaries:
        counts[s.status] = counts.get(s.status, 0) + 1
    files = []
    for s in summaries:
        entry = asdict(s)
        entry["doc_id"] = s.doc_id
        for run_specific in ("sha", "identity", "seconds", "from_cache"):
            entry.pop(run_specific)  # the report of a re-run is byte-identical to the first
        entry["review"] = f"review/{review_name(s)}" if s.read else None
        files.append(entry)
    workbook = None if workbook_warnings is None else {"path": "tasks.xlsx", "warnings": workbook_warnings}
    return {"summary": counts, "files": files, "workbook": workbook}


def progress(total: int):
    """A progress bar on a terminal, nothing otherwise (the per-file lines are the log)."""
    if not sys.stderr.isatty() or total < 2:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr, leave=False)
