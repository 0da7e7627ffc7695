"""Command line: read notices, normalize them, write the tidy tables.

    python -m notice_tasks extract PATH... [--out DIR] [--excel-bom] [--quiet] [--debug]

PATHs are files or folders (walked recursively; hidden files and Office lock files ~$x are
skipped). One line per file; a bad file is reported with its cause and the others are still
written. Exit status: 0 all files read, 1 some failed, 2 bad usage.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from extract import NOTICE_SUFFIXES, READERS, NoticeError, read_document
from normalize import NoticeRecords, normalize_document
from output import ROWS, write_json, write_tables


@dataclass
class FileResult:
    path: str
    status: str  # "ok" | "warnings" | "failed"
    doc_id: str | None = None
    records: NoticeRecords | None = None
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)


def doc_id_of(path: Path) -> str:
    """Stable across runs and machines: derived from the file's bytes."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:16]


def find_inputs(paths: list[str]) -> list[Path]:
    """Files named, plus readable notices found under folders, in a stable order."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found += sorted(f for f in p.rglob("*") if f.is_file() and _wanted(f, p))
        else:
            found.append(p)
    seen: set[Path] = set()
    unique = []
    for f in found:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def _wanted(f: Path, root: Path) -> bool:
    parts = f.relative_to(root).parts
    hidden = any(part.startswith((".", "~$")) for part in parts)
    return not hidden and f.suffix.lower() in NOTICE_SUFFIXES


def process(path: Path, debug: bool = False) -> FileResult:
    try:
        doc_id = doc_id_of(path)
        records = normalize_document(read_document(path))
    except NoticeError as e:
        return FileResult(str(path), "failed", reason=e.reason)
    except OSError as e:
        return FileResult(str(path), "failed", reason=f"cannot read the file: {e.strerror or e}")
    except Exception as e:  # a bug of ours must not stop the other files
        if debug:
            traceback.print_exc()
        return FileResult(str(path), "failed", reason=f"internal error ({type(e).__name__}: {e})")
    status = "warnings" if records.warnings else "ok"
    return FileResult(str(path), status, doc_id, records, warnings=list(records.warnings))


def summary_line(r: FileResult) -> str:
    if r.records is None:
        return f"FAILED  {r.path}: {r.reason}"
    rec = r.records
    enc = f", {rec.encoding}" if rec.encoding else ""
    return (f"{r.status:<8}{r.path}: {len(rec.tables)} table(s), {len(rec.tasks)} task(s), "
            f"{len(rec.pairings)} pair(s), {len(r.warnings)} warning(s) [{rec.format}{enc}]")


def extract(paths: list[str], out: str, excel_bom: bool = False, debug: bool = False, quiet: bool = False) -> int:
    inputs = find_inputs(paths)
    missing = [p for p in inputs if not p.exists()]
    if not inputs:
        print(f"error: no notices found in {' '.join(paths)} (readers exist for {', '.join(sorted(READERS))})",
              file=sys.stderr)
        return 2
    results = []
    for path in inputs:
        r = FileResult(str(path), "failed", reason="no such file") if path in missing else process(path, debug)
        results.append(r)
        if quiet and r.records is not None:
            continue
        print(summary_line(r), flush=True)
        for w in r.warnings:
            print(f"          warning: {w}")
    ok = [r for r in results if r.records is not None]
    rows = {name: [row for r in ok for row in make(r.doc_id, r.records)] for name, make in ROWS.items()}
    write_tables(out, rows, excel_bom=excel_bom)
    write_json(Path(out) / "report.json", report(results))
    failed = len(results) - len(ok)
    print(f"{len(ok)} file(s) read, {failed} failed; {len(rows['tasks'])} task(s), "
          f"{len(rows['pairings'])} pairing row(s) written to {out}/")
    return 1 if failed else 0


def report(results: list[FileResult]) -> dict:
    return {"files": [
        {"path": r.path, "status": r.status, "doc_id": r.doc_id, "reason": r.reason,
         "format": r.records.format if r.records else None,
         "encoding": r.records.encoding if r.records else None,
         "tables": len(r.records.tables) if r.records else 0,
         "tasks": len(r.records.tasks) if r.records else 0,
         "pairs": len(r.records.pairings) if r.records else 0,
         "warnings": r.warnings}
        for r in results]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="notice_tasks", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="read notices and write the tidy tables")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="notice files or folders")
    ex.add_argument("--out", default="out", help="output folder (default: out)")
    ex.add_argument("--excel-bom", action="store_true",
                    help="start CSV files with a UTF-8 BOM and CRLF line ends, as Excel expects")
    ex.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    ex.add_argument("--quiet", action="store_true", help="print only failed files and the summary")
    args = parser.parse_args(argv)
    return extract(args.paths, args.out, excel_bom=args.excel_bom, debug=args.debug, quiet=args.quiet)


if __name__ == "__main__":
    sys.exit(main())
