"""Which files a run reads: named files as given, folders walked recursively in a stable order."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from extract import NOTICE_SUFFIXES

from .remote import is_url, url_name, walk


@dataclass(frozen=True)
class Input:
    path: Path | str  # a local path, or a URL as given (s3://…: notice_tasks.remote)
    skip: str | None = None  # why the file is not read; None: read it


def find_inputs(paths: list[str]) -> list[Input]:
    found: list[Input] = []
    urls = [p for p in paths if is_url(p)]
    for url in urls:
        under = list(walk(url))
        if under == [url]:
            found.append(Input(url))  # a file named directly is read whatever its name, as a local one
        else:
            found += [_judge(u, url_name(u)) or Input(u) for u in under]
    for p in (Path(p) for p in paths if not is_url(p)):
        if p.is_dir():
            found += _walk(p)
        else:
            found.append(Input(p))  # a named file is read whatever its name; its content decides
    seen: set[str] = set()
    unique = []
    for item in found:
        key = item.path if isinstance(item.path, str) else os.path.realpath(item.path)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


def _walk(root: Path) -> list[Input]:
    """Files under a folder. Symlinked folders are not followed (no loops); hidden files and
    folders are passed over silently, Office lock files and non-notice names are listed as skipped."""
    out: list[Input] = []
    for folder, dirs, files in os.walk(root, followlinks=False, onerror=lambda e: None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            if name.startswith("."):
                continue
            if (skipped := _judge(path, name)) is not None:
                out.append(skipped)
            elif not path.is_file():
                out.append(Input(path, "not a regular file (broken link or special file)"))
            else:
                out.append(Input(path))
    return out


def _judge(path: Path | str, name: str) -> Input | None:
    """A file a walk passes by, with the reason; None when its name is a notice's."""
    if name.startswith("~$"):
        return Input(path, "Office lock file")
    if Path(name).suffix.lower() not in NOTICE_SUFFIXES:
        return Input(path, f"not a notice file type ({Path(name).suffix or 'no extension'})")
    return None
