"""Worker processes with a time limit per item, results in input order.

concurrent.futures cannot stop one stuck task; here each worker is a process of its own with a
pipe, so a file that runs past its time limit (or kills its worker) costs only that worker, which
is replaced. Results come back in the order of the input, whatever finishes first, so two runs
give the same output.
"""

from __future__ import annotations

import multiprocessing as mp
import resource
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection, wait


@dataclass
class _Worker:
    process: mp.Process
    conn: Connection
    index: int | None = None
    deadline: float = float("inf")


def ordered_map(func: Callable, items: Sequence[tuple], jobs: int, timeout: float | None,
                on_failure: Callable[[int, str], object], memory_limit: int | None = None,
                meanwhile: Callable[[], object] | None = None) -> Iterator[object]:
    """Yield func(*items[i]) for each i in order; `on_failure(i, why)` stands in for an item that
    ran out of time or whose worker died. `memory_limit` caps each worker's address space (bytes):
    past it, allocations fail with MemoryError inside the worker instead of exhausting the machine.
    `meanwhile()` runs once in this process as soon as the workers have their first items."""
    if jobs <= 1 and timeout is None and memory_limit is None:
        if meanwhile is not None:
            meanwhile()
        for args in items:
            yield func(*args)
        return
    ctx = mp.get_context("fork")  # workers inherit what is already imported
    start = partial(_start, ctx, func, memory_limit)
    workers = [start() for _ in range(max(1, min(jobs, len(items))))]
    todo = iter(range(len(items)))
    done: dict[int, object] = {}
    next_out = 0
    try:
        while next_out < len(items):
            for w in workers:
                if w.index is None and (i := next(todo, None)) is not None:
                    w.conn.send((i, items[i]))
                    w.index, w.deadline = i, time.monotonic() + (timeout or float("inf"))
            if meanwhile is not None:
                meanwhile()
                meanwhile = None
            wait_for = min(w.deadline for w in workers) - time.monotonic()
            ready = wait([w.conn for w in workers if w.index is not None],
                         timeout=None if wait_for == float("inf") else max(0.0, wait_for))
            for k, w in enumerate(workers):
                if w.index is None:
                    continue
                if w.conn in ready:
                    try:
                        i, result = w.conn.recv()
                    except (EOFError, OSError):
                        done[w.index] = on_failure(w.index, "the worker process died (out of memory or crashed)")
                        workers[k] = _replace(start, w)
                    else:
                        done[i] = result
                        w.index, w.deadline = None, float("inf")
                elif time.monotonic() >= w.deadline:
                    done[w.index] = on_failure(w.index, f"time limit of {timeout:g} s exceeded")
                    workers[k] = _replace(start, w)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:
        for w in workers:
            _stop(w)


def _run(conn: Connection, func: Callable, memory_limit: int | None) -> None:
    if memory_limit is not None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if msg is None:
            return
        i, args = msg
        conn.send((i, func(*args)))


def _start(ctx, func: Callable, memory_limit: int | None) -> _Worker:
    parent, child = ctx.Pipe()
    p = ctx.Process(target=_run, args=(child, func, memory_limit), daemon=True)
    p.start()
    child.close()
    return _Worker(p, parent)


def _replace(start: Callable[[], _Worker], w: _Worker) -> _Worker:
    w.process.kill()
    w.process.join()
    w.conn.close()
    return start()


def _stop(w: _Worker) -> None:
    try:
        if w.index is None:
            w.conn.send(None)
    except OSError:
        pass
    w.process.join(timeout=5)
    if w.process.is_alive():
        w.process.kill()
        w.process.join()
    w.conn.close()
