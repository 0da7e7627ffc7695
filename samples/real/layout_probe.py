"""The tuning part of the corpus in layouts it was never read in: the readers' probe.

    .venv/bin/python samples/real/layout_probe.py [SALT ...] [--explain N] [--keep DIR]

Every notice's layout (page size, fonts, column widths, header repeats, where rows break, how the
web page is framed) is picked from a hash of its id (render.layout_for). Here the id is salted
before the pick, so each salt renders the whole tuning part (tables and lists) in another draw of
layouts, into a temporary corpus with the same expected records, and `accuracy.py` scores it.
A task read right in the corpus's own layout but wrong in another is a reader or stitching bug
that the fixed layouts hide (a merged cell cut by a page break, a label line that reaches the
margin). The held-out notices are left out, as everywhere rules are studied. Needs LibreOffice
for the PDFs, as render.py does; about a minute per salt.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "samples"), str(HERE)]

import render  # noqa: E402
from accuracy import is_held_out  # noqa: E402


def render_salted(salt: str, out: Path) -> None:
    """The tuning part rendered with salted layouts into `out` (and out/lists), truths beside."""
    pick_layout, pick_style = render.layout_for, render.page_style_for
    render.layout_for = lambda nid: pick_layout(nid + salt)
    render.page_style_for = lambda nid, layout: pick_style(nid + salt, layout)
    try:
        for notices, dest in ((HERE / "notices", out), (HERE / "lists", out / "lists")):
            ids = [p.stem for p in sorted(notices.glob("*.json")) if not p.name.endswith(".truth.json")
                   and not is_held_out(p.stem) and _truth(notices, p.stem).exists()]
            dest.mkdir(parents=True, exist_ok=True)
            render.main([*ids, "--notices", str(notices), "--out", str(dest)])
            for nid in ids:
                shutil.copy(_truth(notices, nid), dest)
    finally:
        render.layout_for, render.page_style_for = pick_layout, pick_style


def _truth(notices: Path, nid: str) -> Path:
    # Table notices keep their truth beside the rendered files (samples/real/), lists in lists/.
    return (HERE if notices.name == "notices" else notices) / f"{nid}.truth.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("salts", nargs="*", default=["~a1", "~a2", "~a3"], help="one draw of layouts each")
    parser.add_argument("--explain", type=int, default=40, help="mismatches listed per salt")
    parser.add_argument("--keep", type=Path, help="render into this folder and keep it")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="layout-probe-") as tmp:
        base = args.keep or Path(tmp)
        for salt in args.salts:
            corpus = base / salt
            shutil.rmtree(corpus, ignore_errors=True)
            render_salted(salt, corpus)
            print(f"== layouts salted with {salt!r}", flush=True)
            subprocess.run([sys.executable, str(ROOT / "samples" / "accuracy.py"), "--corpus", str(corpus),
                            "--out", str(base / f"{salt}-out"), "--explain", str(args.explain)], cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
