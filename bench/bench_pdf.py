"""Time the PDF reader on the sample PDFs and the printed layouts: seconds per page.

    .venv/bin/python bench/bench_pdf.py [RUNS]

Each file is read RUNS times (default 3); the best time is reported, with how much of it pdfplumber
spends parsing the pages (its characters and drawings), the rest being this reader's work.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402

from extract.pdf import read_pdf  # noqa: E402

FILES = [*sorted((ROOT / "samples").glob("*.pdf")), *sorted((ROOT / "tests" / "fixtures" / "pdf").glob("0*.pdf"))]


def best(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def parse_only(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.chars, page.lines, page.rects, page.curves  # noqa: B018  (forces the layout analysis)


def main(argv: list[str]) -> int:
    runs = int(argv[1]) if len(argv) > 1 else 3
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    total_pages = total_time = 0.0
    print(f"{'file':45} {'pages':>5} {'read_pdf s':>10} {'s/page':>7} {'parse s':>8}")
    for path in FILES:
        with pdfplumber.open(path) as pdf:
            pages = len(pdf.pages)
        seconds = best(lambda p=path: read_pdf(p), runs)
        parse = best(lambda p=path: parse_only(p), runs)
        total_pages += pages
        total_time += seconds
        print(f"{path.name:45} {pages:5d} {seconds:10.3f} {seconds / pages:7.3f} {parse:8.3f}")
    print(f"{'all':45} {int(total_pages):5d} {total_time:10.3f} {total_time / total_pages:7.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
