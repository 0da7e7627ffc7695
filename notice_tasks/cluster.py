"""The per-file map on a Dask cluster (`--cluster ADDRESS`), for folders one machine reads too slowly.

Why Dask distributed and not Ray: the work is a plain map of a picklable function over file paths
with small results, which `Client.map` does as is; distributed is pure Python from PyPI, starts a
scheduler and workers with two commands (`dask scheduler`, `dask worker ADDRESS`), and its
LocalCluster runs the same code in processes on one machine, which is how CI tests it. Ray would
add a heavier runtime for no feature used here.

What stays on this machine: finding the files, the cache look-up, settling duplicates and writing
every output — so the outputs are byte for byte those of a local run. The workers read the files
and write their results into the cache folder, so both must be paths every worker sees the same
(a shared file system); results come back in input order whatever finishes first.

The per-file time limit is not enforced on a cluster (a task cannot be stopped from outside its
worker); a task that raises, or whose worker dies, fails its file only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

CONNECT_TIMEOUT = 10  # seconds to reach the scheduler


def cluster_map(address: str, func: Callable, items: Sequence[tuple],
                on_failure: Callable[[int, str], object]) -> Iterator[object]:
    """func(*item) for each item on the cluster at `address`, yielded in input order."""
    try:
        from distributed import Client
    except ImportError as e:
        raise SystemExit("--cluster needs Dask distributed: pip install 'notice-tasks[cluster]'") from e
    if not items:
        return
    try:
        client = Client(address, set_as_default=False, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as e:
        why = f"error: cannot reach the Dask scheduler at {address} ({e}); nothing was read or written"
        raise SystemExit(why) from e
    with client:
        # pure=False: a key of its own for every task, never shared with another run's task.
        futures = [client.submit(func, *item, pure=False) for item in items]
        for i, future in enumerate(futures):
            try:
                yield future.result()
            except Exception as e:  # the task raised, or its worker died (KilledWorker)
                yield on_failure(i, f"failed on the cluster ({type(e).__name__}: {e})")
            finally:
                future.release()
