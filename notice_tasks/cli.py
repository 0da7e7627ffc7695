"""Command line: read notices, normalize them, write the tidy tables.

    python -m notice_tasks extract PATH... [--out DIR] [options]

PATHs are files or folders (walked recursively). One line per file as it is done; a bad file is
reported with its cause and the others are still written. Exit status: 0 every file read,
1 some file failed (all others written), 2 bad usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from extract import NOTICE_SUFFIXES
from extract.pdf_engines import DEFAULT_ENGINE, ENGINE_VARIABLE, ENGINES

from .batch import Options, progress, run
from .inputs import find_inputs
from .remote import is_url
from .work import Summary


def shown(path: str) -> str:
    """A path as one printable line: control characters (a newline in a file name) escaped."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in path)


def summary_line(s: Summary) -> str:
    if s.status == "failed":
        return f"{'FAILED':<9}{shown(s.path)}: {s.reason}"
    if s.status == "skipped":
        return f"{'skipped':<9}{shown(s.path)}: {s.reason}"
    enc = f", {s.encoding}" if s.encoding else ""
    cached = ", cached" if s.from_cache else ""
    return (f"{s.status:<9}{shown(s.path)}: {s.tables} table(s), {s.tasks} task(s), {s.pairs} pair(s), "
            f"{len(s.warnings)} warning(s) [{s.format}{enc}{cached}]")


def extract(paths: list[str], opts: Options, quiet: bool = False, shown_out: str | None = None) -> int:
    inputs = find_inputs(paths)
    if not any(i.skip is None for i in inputs):
        print(f"error: no notices found in {' '.join(paths)} "
              f"(looked for {' '.join(sorted(NOTICE_SUFFIXES))})", file=sys.stderr)
        return 2
    try:  # fail before any work when the outputs cannot be written
        Path(opts.cache).mkdir(parents=True, exist_ok=True)
    except OSError as e:
        print(f"error: cannot write to {opts.out}: {e.strerror or e}", file=sys.stderr)
        return 2
    bar = progress(sum(i.skip is None for i in inputs))
    say = bar.write if bar is not None else print

    def on_result(s: Summary) -> None:
        if bar is not None:
            bar.update()
        if quiet and s.status != "failed":
            return
        say(summary_line(s))
        for w in s.warnings:
            say(f"{'':<9}warning: {w}")

    def on_warning(w: str) -> None:
        say(f"warning: {w}")

    try:
        summaries = run(inputs, opts, on_result, on_warning)
    finally:
        if bar is not None:
            bar.close()
    read = [s for s in summaries if s.read]
    failed = [s for s in summaries if s.status == "failed"]
    skipped = [s for s in summaries if s.status == "skipped"]
    dupes = [s for s in read if s.duplicate_of]
    for s in [] if quiet else dupes:  # --quiet: the count in the summary line says enough
        print(f"same notice: {shown(s.path)} is an alternate of {shown(s.duplicate_of)} (counted once)")
    for s in read:
        for w in s.warnings:
            if w.startswith("differs from its alternate"):  # a reader is likely wrong: say it again
                print(f"warning: {shown(s.path)} {w}")
    cached = sum(s.from_cache for s in read)
    print(f"{len(read)} file(s) read ({cached} from cache), {len(failed)} failed, {len(skipped)} skipped, "
          f"{len(dupes)} duplicate(s); {sum(s.tasks for s in read if not s.duplicate_of)} task(s) written to "
          f"{shown_out or opts.out}/ ({'tasks.xlsx, ' if opts.xlsx else ''}index.html, report.json, review/)")
    return 1 if failed else 0


def _extract_to_url(paths: list[str], opts: Options, url: str, quiet: bool) -> int:
    """A run whose outputs go to a URL: written whole into a local folder, then uploaded."""
    import shutil
    import tempfile

    from .remote import local_cache_for, upload

    staging = Path(tempfile.mkdtemp(prefix="notice-tasks-out-"))
    try:
        # A fresh folder each time: nothing to remember about it (re-runs still use the cache).
        opts.out, opts.cache_dir, opts.remember = staging, local_cache_for(url), False
        rc = extract(paths, opts, quiet=quiet, shown_out=url)
        if (staging / "report.json").exists():
            upload(staging, url)
            print(f"uploaded to {url}")
        return rc
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="notice_tasks", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="read notices and write the tidy tables")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="notice files or folders")
    ex.add_argument("--out", default="out", help="output folder (default: out)")
    ex.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="worker processes (default: number of cores)")
    ex.add_argument("--memory-limit", type=int, default=2048, metavar="MIB",
                    help="address space one worker may use, in MiB (default 2048; 0: none)")
    ex.add_argument("--force", action="store_true", help="re-read every file, ignoring the cache")
    ex.add_argument("--timeout", type=float, default=300.0,
                    help="seconds one file may take before it is reported failed (default 300; 0: none)")
    ex.add_argument("--keep-duplicates", action="store_true",
                    help="write every file's rows, even when several files hold the same notice")
    ex.add_argument("--excel-bom", action="store_true",
                    help="start CSV files with a UTF-8 BOM and CRLF line ends, as Excel expects")
    ex.add_argument("--no-xlsx", action="store_true",
                    help="do not write tasks.xlsx (the workbook of all four tables)")
    ex.add_argument("--cluster", metavar="ADDRESS",
                    help="read the files on a Dask cluster (tcp://host:8786); paths and --out on a shared file system")
    ex.add_argument("--pdf-engine", choices=ENGINES,
                    help=f"library that reads PDF characters and drawings (default {DEFAULT_ENGINE}; "
                         "both give the same records, pdfium in a third of the time)")
    ex.add_argument("--quiet", action="store_true", help="print only failed files and the summary")
    ex.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    args = parser.parse_args(argv)
    if args.pdf_engine:
        os.environ[ENGINE_VARIABLE] = args.pdf_engine  # before any worker starts: they inherit it
    if args.jobs < 1 or args.timeout < 0 or args.memory_limit < 0:
        parser.error("--jobs must be at least 1, --timeout and --memory-limit not negative")
    opts = Options(out=Path(args.out), jobs=args.jobs, force=args.force, timeout=args.timeout or None,
                   memory_mib=args.memory_limit or None, excel_bom=args.excel_bom,
                   xlsx=not args.no_xlsx, dedupe=not args.keep_duplicates, debug=args.debug,
                   cluster=args.cluster)
    try:
        if is_url(args.out):
            return _extract_to_url(args.paths, opts, args.out, args.quiet)
        return extract(args.paths, opts, quiet=args.quiet)
    except KeyboardInterrupt:
        print("interrupted: the previous outputs are left as they were", file=sys.stderr)
        return 130
    except OSError as e:  # the output folder cannot be written: nothing was replaced
        if args.debug:
            raise
        print(f"error: cannot write the outputs to {opts.out}: {e.strerror or e} ({e.filename or opts.out})",
              file=sys.stderr)
        return 1
