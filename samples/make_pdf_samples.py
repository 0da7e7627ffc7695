"""Print the sample notices to PDF the way they reach us: from Word via an office suite, and from a browser.

    .venv/bin/python samples/make_pdf_samples.py [OUT_ROOT]

Needs LibreOffice (Debian: libreoffice-writer), fonts-noto-cjk, chromium and qpdf; the tests need
none of them, they read the PDFs this script wrote and that are committed. OUT_ROOT defaults to
the repository root. For each samples/NNN_*.docx a modified copy (never the sample itself) is
printed in three layouts:

  (a) portrait A4, table header row repeated on every page (w:tblHeader), "— N —" page numbers
      → samples/<stem>.pdf (the one PDF per notice that tests/test_samples.py reads);
  (b) landscape A4, header row not repeated, "第N页" page numbers
      → tests/fixtures/pdf/<stem>.landscape.pdf;
  (c) portrait with a large font, rows allowed to break across pages (no w:cantSplit), so rows
      are cut by page breaks; a running header and "- N -" page numbers
      → tests/fixtures/pdf/<stem>.bigfont.pdf.

Plus one browser print: an HTML rendering of the .txt grid of BROWSER_SAMPLE (blank group / lead
cells as rowspan, as the reference README reads them) printed by headless Chromium with its own
running header and footer → tests/fixtures/pdf/<stem>.chromium.pdf; and the portrait PDF of
ROTATED_SAMPLE with its pages turned by /Rotate 90, 180, 270 → tests/fixtures/pdf/<stem>.rotated.pdf.
The files are a few hundred KB each, mostly the embedded subset of the CJK font.
"""

from __future__ import annotations

import html
import math
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from make_docx_samples import SAMPLES, continuations  # noqa: E402  (one rule for which cells merge)

from extract.model import Paragraph, Table  # noqa: E402
from extract.text import read_text  # noqa: E402

FONT = "Noto Serif CJK SC"
BROWSER_SAMPLE = "001_b104398e3de8d2a1"  # two tables, group cells merged across pages
ROTATED_SAMPLE = "000_3577e14141ec5b37"  # three pages: one per turn
CELL_MARGIN_PT = 5.4  # Word's default 108 twips left and right of a cell's text


@dataclass(frozen=True)
class Layout:
    name: str  # suffix of the output file ("" → samples/<stem>.pdf)
    landscape: bool
    body_pt: float
    table_pt: float
    cap: int  # characters a short column holds before its lines wrap
    repeat_header: bool
    footer: str  # page number format, "{}" is the PAGE field
    task_min: int = 14  # characters the task column keeps
    side_mm: float = 27  # left and right margins (portrait)
    header: str = ""  # running header text


LAYOUTS = (
    Layout("", landscape=False, body_pt=12, table_pt=9, cap=8, repeat_header=True, footer="— {} —"),
    Layout("landscape", landscape=True, body_pt=12, table_pt=12, cap=10, repeat_header=False, footer="第{}页"),
    Layout("bigfont", landscape=False, body_pt=16, table_pt=14, cap=4, repeat_header=True, footer="- {} -",
           task_min=10, side_mm=20, header="对口协同发展工作文件汇编"),
)


# --- the docx copies --------------------------------------------------------------------------------

def prepare_docx(source: Path, layout: Layout, target: Path) -> None:
    document = docx.Document(str(source))
    _page(document, layout)
    _fonts(document, layout)
    for table in document.tables:
        _table(table, layout, _text_width_pt(document))
    document.save(str(target))


def _page(document: docx.document.Document, layout: Layout) -> None:
    section = document.sections[0]
    short, long_ = Mm(210), Mm(297)
    if layout.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = long_, short
        section.top_margin, section.bottom_margin = Mm(28), Mm(26)
        section.left_margin, section.right_margin = Mm(30), Mm(30)
    else:
        section.page_width, section.page_height = short, long_
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)  # GB/T 9704 margins
        section.left_margin, section.right_margin = Mm(layout.side_mm), Mm(layout.side_mm)
    section.header_distance = section.footer_distance = Mm(15)
    _page_number_footer(section.footer.paragraphs[0], layout.footer)
    if layout.header:
        section.header.paragraphs[0].text = layout.header
        section.header.paragraphs[0].alignment = 1


def _page_number_footer(paragraph, pattern: str) -> None:
    before, after = pattern.split("{}")
    paragraph.alignment = 1  # centred
    paragraph.add_run(before)
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = " PAGE "
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)
    paragraph.add_run(after)


def _fonts(document: docx.document.Document, layout: Layout) -> None:
    for name in ("Normal", "Header", "Footer"):
        style = document.styles[name]
        style.font.size = Pt(layout.body_pt)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
            fonts.set(qn(attr), FONT)
    document.styles["Normal"].paragraph_format.space_after = Pt(0)


def _text_width_pt(document: docx.document.Document) -> float:
    s = document.sections[0]
    return (s.page_width - s.left_margin - s.right_margin) / 12700


def _table(table: docx.table.Table, layout: Layout, text_width: float) -> None:
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        for el in tr_pr.findall(qn("w:cantSplit")):  # rows may break across pages
            tr_pr.remove(el)
        for el in tr_pr.findall(qn("w:tblHeader")):
            tr_pr.remove(el)
    if layout.repeat_header:
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for row in table.rows:
        for cell in row.cells:
            for para in cell.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(layout.table_pt)
    _column_widths(table, column_widths(_column_texts(table), layout.table_pt, text_width, layout.cap,
                                         layout.task_min))


def _column_texts(table: docx.table.Table) -> list[list[str]]:
    n = len(table.columns)
    cols: list[list[str]] = [[] for _ in range(n)]
    for row in table.rows:
        for c, cell in enumerate(row.cells[:n]):
            cols[c] += [p.text for p in cell.paragraphs if p.text]
    return cols


def column_widths(columns: list[list[str]], size_pt: float, text_width: float, cap: int,
                  task_min: int) -> list[float]:
    """Widths in points. Each short column holds up to `cap` characters (longer lines wrap); the
    column with the longest text (the task) takes the rest, at least `task_min` characters; other
    columns shrink until the table fits.
    A unit column's width avoids a name whose last printed line would exactly fill it: such a
    line cannot be told from a wrap by geometry (see extract/pdf_text.py), and the samples should
    test the reader, not that ambiguity."""
    longest = [max((_em(t) for t in col), default=2.0) for col in columns]
    task = longest.index(max(longest))
    chars = [min(max(math.ceil(n), 2), cap) for n in longest]
    units = [i for i, col in enumerate(columns) if i != task and _is_unit_column(col)]
    lengths = {i: [math.ceil(_em(t)) for t in columns[i][1:]] for i in units}
    for i in units:
        chars[i] = _unambiguous(chars[i], lengths[i])
    margin = (2 * CELL_MARGIN_PT + 1) / size_pt
    budget = text_width / size_pt - task_min
    others = [i for i in range(len(chars)) if i != task]
    while sum(chars[i] + 0.5 + margin for i in others) > budget:
        widest = max((i for i in others if chars[i] > 2 and i not in units), key=lambda i: chars[i], default=None)
        if widest is None:
            break
        chars[widest] -= 1
    widths = [(c + 0.5 + margin) * size_pt for c in chars]
    widths[task] = text_width - sum(widths[i] for i in others)
    return widths


def _em(text: str) -> float:
    return sum(0.55 if ch.isascii() else 1.0 for ch in text)


def _is_unit_column(col: list[str]) -> bool:
    return bool(col) and bool(re.search(r"单位|牵头|配合", col[0]))


def _unambiguous(width: int, lengths: list[int]) -> int:
    """The nearest width (narrower first) at which no line's last printed line fills it exactly."""
    for w in (width, width - 1, width - 2, *range(width + 1, width + 6)):
        if w >= 3 and all(n % w for n in lengths if n >= w):
            return w
    return width


def _column_widths(table: docx.table.Table, widths: list[float]) -> None:
    """Fixed column widths (points) on the grid and on every cell, a cell spanning columns
    (w:gridSpan) getting the sum of its columns."""
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    tbl_w = tbl_pr.find(qn("w:tblW"))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(round(sum(widths) * 20)))
    for grid_col, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        grid_col.set(qn("w:w"), str(round(w * 20)))
    for tr in table._tbl.tr_lst:
        col = 0
        for tc in tr.tc_lst:
            tc_w = tc.get_or_add_tcPr().get_or_add_tcW()
            tc_w.set(qn("w:type"), "dxa")
            tc_w.set(qn("w:w"), str(round(sum(widths[col:col + tc.grid_span]) * 20)))
            col += tc.grid_span


def soffice_pdf(source: Path, target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", tmp, str(source)],
                       check=True, capture_output=True)
        _tidy(Path(tmp) / (source.stem + ".pdf"), target)


def _tidy(pdf: Path, target: Path) -> None:
    """Compress and give a stable /ID, so re-running changes few bytes."""
    subprocess.run(["qpdf", "--deterministic-id", "--object-streams=generate", "--compress-streams=y",
                    "--recompress-flate", str(pdf), str(target)], check=True)


# --- the browser print -------------------------------------------------------------------------------

HTML_TABLE_PT = 11
HTML_TEXT_WIDTH_PT = (210 - 40) / 25.4 * 72  # A4 less 20 mm margins
CSS = """
@page { size: A4; margin: 25mm 20mm; }
body { font-family: "Noto Serif CJK SC", serif; font-size: 12pt; }
p { margin: 0; }
p.right { text-align: right; }
table { border-collapse: collapse; table-layout: fixed; margin: 6pt 0; }
td { border: 1px solid #000; padding: 2pt 5.4pt; vertical-align: top; font-size: 11pt; }
"""


def notice_html(txt: Path) -> str:
    doc = read_text(txt)
    parts = [f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><title>{txt.stem}</title>"
             f"<style>{CSS}</style></head><body>"]
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            cls = " class='right'" if block.text.startswith("  ") else ""
            parts.append(f"<p{cls}>{_esc(block.text.strip())}</p>")
        elif isinstance(block, Table):
            parts.append(table_html(block))
    parts.append("</body></html>")
    return "\n".join(parts)


def table_html(table: Table) -> str:
    merged = continuations(table)
    columns = [[line for r in range(table.n_rows) if (cell := table.at(r, c)) for line in cell.lines]
               for c in range(table.n_cols)]
    widths = column_widths(columns, HTML_TABLE_PT, HTML_TEXT_WIDTH_PT, cap=8, task_min=14)
    cols = "".join(f"<col style='width:{w:.1f}pt'>" for w in widths)
    rows = []
    for r in range(table.n_rows):
        cells = []
        for c in range(table.n_cols):
            if (r, c) in merged:
                continue
            span = 1
            while (r + span, c) in merged:
                span += 1
            cell = table.at(r, c)
            lines = cell.lines if cell is not None else []
            attr = f" rowspan='{span}'" if span > 1 else ""
            cells.append(f"<td{attr}>{'<br>'.join(_esc(x) for x in lines)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><colgroup>{cols}</colgroup>" + "\n".join(rows) + "</table>"


def _esc(text: str) -> str:
    return html.escape(text).replace("  ", "&nbsp; ")


def chromium_pdf(page: Path, target: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "out.pdf"
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp}/p",
                        f"--print-to-pdf={raw}", page.as_uri()], check=True, capture_output=True)
        _tidy(raw, target)


def rotated_pdf(source: Path, target: Path) -> None:
    """Pages turned by /Rotate 90, 180, 270, 0, 90, ... in turn: every orientation a viewer shows."""
    pages = int(subprocess.run(["qpdf", "--show-npages", str(source)], check=True, capture_output=True,
                               text=True).stdout)
    turns = [f"--rotate=+{angle}:{','.join(str(p) for p in range(k + 1, pages + 1, 4))}"
             for k, angle in enumerate((90, 180, 270)) if k < pages]
    subprocess.run(["qpdf", *turns, "--deterministic-id", str(source), str(target)], check=True)


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else ROOT
    samples, fixtures = root / "samples", root / "tests" / "fixtures" / "pdf"
    samples.mkdir(parents=True, exist_ok=True)
    fixtures.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for stem in SAMPLES:
            for layout in LAYOUTS:
                copy = Path(tmp) / f"{stem}.docx"
                prepare_docx(HERE / f"{stem}.docx", layout, copy)
                target = fixtures / f"{stem}.{layout.name}.pdf" if layout.name else samples / f"{stem}.pdf"
                soffice_pdf(copy, target)
                print(f"wrote {target}")
        page = Path(tmp) / f"{BROWSER_SAMPLE}.html"
        page.write_text(notice_html(HERE / f"{BROWSER_SAMPLE}.txt"), encoding="utf-8")
        chromium_pdf(page, fixtures / f"{BROWSER_SAMPLE}.chromium.pdf")
        rotated_pdf(samples / f"{ROTATED_SAMPLE}.pdf", fixtures / f"{ROTATED_SAMPLE}.rotated.pdf")
        print(f"wrote {fixtures / BROWSER_SAMPLE}.chromium.pdf, {fixtures / ROTATED_SAMPLE}.rotated.pdf")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
