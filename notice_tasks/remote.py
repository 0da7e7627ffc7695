"""Inputs and outputs named by URL (s3://bucket/notices, gs://…, file:///…), through fsspec.

A run names files by what the user gave: a URL stays a URL in `source_file` and in the report.
Reading one copies it to a private temporary file first (every reader wants a local path);
outputs named by URL are written whole into a local folder, as any run's, and then uploaded file
by file, `report.json` last, so a reader that waits for it sees a complete set. The cache of such
a run is kept locally, under the user's cache folder, one per output URL.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*://")


def is_url(path: str | Path) -> bool:
    return isinstance(path, str) and bool(_URL.match(path))


def url_name(url: str) -> str:
    """The file name a URL ends in, without its query or fragment (…/a.pdf?x=1 → a.pdf)."""
    return PurePosixPath(re.split(r"[?#]", url.split("://", 1)[-1])[0]).name


def _fs(url: str):
    try:
        import fsspec
    except ImportError as e:
        raise SystemExit("URLs as inputs or outputs need fsspec: pip install 'notice-tasks[cluster]'") from e
    return fsspec.core.url_to_fs(url)


def walk(url: str) -> Iterator[str]:
    """Every file under a URL (itself, if it names a file), as URLs, in sorted order; hidden ones
    (a part starting with a dot) passed over, as a local walk does."""
    fs, root = _fs(url)
    if not fs.isdir(root):
        yield url
        return
    for path in sorted(fs.find(root)):
        if any(part.startswith(".") for part in PurePosixPath(path).relative_to(root).parts):
            continue
        yield fs.unstrip_protocol(path)


@contextmanager
def local_copy(url: str, under: str | Path | None = None) -> Iterator[Path]:
    """The file at `url` as a private local file with the same name ending, in a folder under
    `under` (the run sweeps it: a worker killed on its time limit cleans up nothing); removed
    afterwards."""
    fs, path = _fs(url)
    if under is not None:
        Path(under).mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="notice-tasks-url-", dir=under))
    try:
        local = folder / ("input" + PurePosixPath(url_name(url)).suffix.lower())
        with fs.open(path, "rb") as src, local.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        yield local
    finally:
        shutil.rmtree(folder, ignore_errors=True)


COPIES = ".url-copies"  # under a run's cache folder


def open_bytes(url: str):
    fs, path = _fs(url)
    return fs.open(path, "rb")


def local_cache_for(url: str) -> Path:
    base = os.environ.get("NOTICE_TASKS_CACHE") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "notice-tasks" / f"out-{hashlib.sha256(url.encode()).hexdigest()[:16]}"


def upload(local: Path, url: str) -> None:
    """Every output file of the local folder to the URL, report.json last (the cache stays here)."""
    fs, root = _fs(url)
    files = sorted(p for p in local.rglob("*") if p.is_file() and ".cache" not in p.relative_to(local).parts)
    files.sort(key=lambda p: p.name == "report.json")
    fs.makedirs(root, exist_ok=True)
    for f in files:
        target = f"{root.rstrip('/')}/{f.relative_to(local).as_posix()}"
        fs.makedirs(target.rsplit("/", 1)[0], exist_ok=True)
        fs.put_file(str(f), target)
