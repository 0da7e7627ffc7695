"""Which files a run reads: named files as given, folders walked recursively in a stable order."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from extract import NOTICE_SUFFIXES


@dataclass(frozen=True)
class Input:
    path: Path
    skip: str | None = None  # why the file is not read; None: read it


def find_inputs(paths: list[str]) -> list[Input]:
    found: list[Input] = []
    for p in map(Path, paths):
        if p.is_dir():
            found += _walk(p)
        else:
            found.append(Input(p))  # a named file is read whatever its name; its content decides
    seen: set[str] = set()
    unique = []
    for item in found:
        key = os.path.realpath(item.path)
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
            if name.startswith("~$"):
                out.append(Input(path, "Office lock file"))
            elif Path(name).suffix.lower() not in NOTICE_SUFFIXES:
                out.append(Input(path, f"not a notice file type ({Path(name).suffix or 'no extension'})"))
            elif not path.is_file():
                out.append(Input(path, "not a regular file (broken link or special file)"))
            else:
                out.append(Input(path))
    return out
