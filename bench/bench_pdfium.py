"""Time the two PDF geometry paths side by side: pdfplumber/pdfminer and pdfium, seconds per page.

    .venv/bin/python bench/bench_pdfium.py [RUNS] [FILE-OR-FOLDER ...]

Each file is read RUNS times (default 3) by each path — `extract.pdf._read_pages` and
`extract.pdf_pdfium.read_pages_pdfium` — and the best time of each is printed per page:
  * read: the whole path, up to the aligned pages (tables found, lines grouped);
  * glyphs: only what the paths do differently, the page's glyphs and rules (the shared
    `geometry.build_page` and `align` are stubbed out for this column).
Without files it times the sample PDFs, the PDF fixtures and the printed layouts.
"""

from __future__ import annotations

import logging
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "bench"))
from bench_pdf import best  # noqa: E402

from extract import pdf, pdf_pdfium  # noqa: E402
from extract.errors import NoticeError  # noqa: E402
from extract.pdf_guard import install_stream_cap  # noqa: E402

DEFAULT = [ROOT / "samples", ROOT / "tests" / "fixtures" / "pdf", ROOT / "tests" / "fixtures" / "layouts"]
PATHS = {"pdfminer": (pdf, lambda p: pdf._read_pages(p, p)), "pdfium": (pdf_pdfium, pdf_pdfium.read_pages_pdfium)}


def pdfs(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        out += sorted(p.glob("*.pdf")) if p.is_dir() else [p]
    return out




@contextmanager
def glyphs_only(module):
    """The module's reader without the shared geometry: build_page and align do nothing."""
    saved = module.build_page, module.align
    module.build_page, module.align = (lambda *args, **kwargs: None), (lambda pages: None)
    try:
        yield
    finally:
        module.build_page, module.align = saved


def main(argv: list[str]) -> int:
    args = argv[1:]
    runs = int(args.pop(0)) if args and args[0].isdigit() else 3
    files = pdfs([Path(a) for a in args] or DEFAULT)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    install_stream_cap()
    print(f"{'seconds per page':50} {'':5} {'read':^22} {'glyphs':^22}")
    heads = f"{'pdfminer':>8} {'pdfium':>7} {'ratio':>5}"
    print(f"{'file':50} {'pages':>5} {heads} {heads}")
    totals = {"pages": 0}
    for path in files:
        try:
            pages = len(pdf_pdfium.read_pages_pdfium(path))
        except NoticeError as e:
            print(f"{path.name[:50]:50} skipped: {e.reason}")
            continue
        if not pages:
            continue
        row = {}
        for name, (module, read) in PATHS.items():
            row[f"read {name}"] = best(lambda read=read, p=path: read(p), runs)
            with glyphs_only(module):
                row[f"glyphs {name}"] = best(lambda read=read, p=path: read(p), runs)
        totals["pages"] += pages
        for key, value in row.items():
            totals[key] = totals.get(key, 0.0) + value
        print(_line(path.name[:50], pages, row))
    if totals["pages"]:
        print(_line("all", totals.pop("pages"), totals))
    return 0


def _line(name: str, pages: int, row: dict[str, float]) -> str:
    cols = []
    for stage in ("read", "glyphs"):
        a, b = row[f"{stage} pdfminer"], row[f"{stage} pdfium"]
        cols.append(f"{a / pages:8.4f} {b / pages:7.4f} {a / b:5.1f}")
    return f"{name:50} {pages:5d} " + " ".join(cols)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
