"""A run over many files: read them in parallel (cached), settle duplicates, write every output.

Memory stays flat as the folder grows: workers hand back small summaries, the records wait in
the cache, and the writer streams one notice at a time into the output files.

Start-up overlaps the work: this module imports only what hashing and dispatching need, the
workers import the readers themselves, and the output stack (notice_tasks.write) is imported
here while they read.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import Cache
from .dedupe import differences, mark_duplicates
from .inputs import Input
from .pool import ordered_map
from .remote import COPIES, is_url
from .work import Summary, cached_summary, load_records, process_file

if TYPE_CHECKING:
    from normalize import NoticeRecords


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
    state = import_module(".fingerprint", __package__)  # imported here: it brings the rows' modules
    entries = state.file_entries(summaries)
    fingerprint = state.outputs_fingerprint(summaries, opts, entries)
    if opts.remember and not opts.force and state.outputs_current(opts, fingerprint):
        return summaries  # the same inputs, read the same way, and the outputs untouched since
    for w in _writing().write_outputs(summaries, opts, entries):
        if on_warning is not None:
            on_warning(w)
    if opts.remember:
        state.record_outputs(opts, fingerprint)
    return summaries


def _writing():
    """The output stack (pyarrow, the workbook, the review pages): 0.1-0.2 s to import, so it is
    imported while the workers read rather than before they start."""
    return import_module(".write", __package__)


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


def _in_order(known: list[Summary], opts: Options) -> Iterator[Summary]:
    missing = [s for s in known if s.status == "todo"]
    args = [(s.path, s.sha, opts.cache, opts.debug) for s in missing]

    def failed(index: int, why: str) -> Summary:
        return Summary(missing[index].path, "failed", why, missing[index].sha)

    if opts.cluster:
        from .cluster import cluster_map

        # Workers have working folders of their own: they read absolute paths and name the files
        # as given, so the outputs are those of a local run.
        cache = str(Path(opts.cache).resolve())
        remote = [(p if is_url(p) else str(Path(p).resolve()), sha, cache, debug, p) for p, sha, _, debug in args]
        computed = cluster_map(opts.cluster, process_file, remote, failed)
    else:
        limit = opts.memory_mib * 1024 * 1024 if opts.memory_mib else None
        computed = ordered_map(process_file, args, opts.jobs, opts.timeout, failed, limit, meanwhile=_writing)
    for s in known:
        yield next(computed) if s.status == "todo" else s


def progress(total: int):
    """A progress bar on a terminal, nothing otherwise (the per-file lines are the log)."""
    if not sys.stderr.isatty() or total < 2:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr, leave=False)
