"""Write the .docx twins of the text-export samples: same paragraphs, same tables, real merges.

    .venv/bin/python samples/make_docx_samples.py [OUT_DIR]

Each samples/NNN_*.txt is read with the project's text reader and rebuilt as a Word document the
way the published notice was laid out: a blank cell in the grouping column (重点领域 / 协同发展事项)
or in a lead-unit column (责任单位 / …牵头责任单位) is a vertically merged cell (w:vMerge) with
the cell above; other blank cells (配合单位, 备注) stay genuinely empty. Which columns merge is
decided from the header text, not from positions. The output is byte-for-byte reproducible.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from extract.model import Paragraph, Table  # noqa: E402
from extract.text import read_text  # noqa: E402

SAMPLES = ("000_3577e14141ec5b37", "001_b104398e3de8d2a1")
FIXED_TIME = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# Columns whose blank cells are merged with the cell above (the documents' rules): every task
# has a group and a lead unit. Support units (配合) and remarks are optional: never merged.
MERGED_HEADER = re.compile(r"重点领域|发展事项|领域$|事项$|牵头|^责任单位$")
NEVER_MERGED = re.compile(r"配合|协助|备注")


def build(txt: Path) -> bytes:
    source = read_text(txt)
    document = docx.Document()
    _set_fonts(document)
    for block in source.blocks:
        if isinstance(block, Paragraph):
            _add_paragraph(document, block.text)
        elif isinstance(block, Table):
            _add_table(document, block)
    props = document.core_properties
    props.author = props.last_modified_by = "notice-tasks samples"
    props.title = source.paragraphs[0].text if source.paragraphs else ""
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    buf = io.BytesIO()
    document.save(buf)
    return _normalized_zip(buf.getvalue())


def _set_fonts(document: docx.document.Document) -> None:
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), "仿宋_GB2312")


def _add_paragraph(document: docx.document.Document, text: str) -> None:
    # Text exports indent signatures and dates with spaces; Word aligns them right instead.
    para = document.add_paragraph(text.strip())
    if text[:2] == "  ":
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def merged_columns(table: Table) -> list[int]:
    """Columns whose header names a field every row has (group, lead units)."""
    cols = []
    for c in range(table.n_cols):
        header = "".join(table.at(0, c).lines) if table.at(0, c) else ""
        if MERGED_HEADER.search(header) and not NEVER_MERGED.search(header):
            cols.append(c)
    return cols


def continuations(table: Table) -> set[tuple[int, int]]:
    """Grid positions that continue the merged cell above: blanks below the first data row."""
    out = set()
    for c in merged_columns(table):
        for r in range(2, table.n_rows):
            cell = table.at(r, c)
            if cell is not None and cell.is_blank:
                out.add((r, c))
    return out


def _add_table(document: docx.document.Document, table: Table) -> None:
    out = document.add_table(rows=table.n_rows, cols=table.n_cols)
    out.style = document.styles["Table Grid"]
    _mark_header_row(out.rows[0]._tr)
    merged = continuations(table)
    widths = column_widths(table)
    for grid_col, width in zip(out._tbl.tblGrid.gridCol_lst, widths, strict=True):
        grid_col.w = width
    for r in range(table.n_rows):
        for c in range(table.n_cols):
            src = table.at(r, c)
            cell = out.cell(r, c)
            cell.width = widths[c]
            _fill(cell, src.lines if src is not None else [])
    for r, c in sorted(merged):
        # No w:val means "continue", as Word writes it; the first cell of the run says "restart".
        out.cell(r, c)._tc.get_or_add_tcPr().get_or_add_vMerge()
        if (r - 1, c) not in merged:
            out.cell(r - 1, c)._tc.get_or_add_tcPr().get_or_add_vMerge().set(qn("w:val"), "restart")


def column_widths(table: Table, total: int = Twips(9360)) -> list[int]:
    """Widths in proportion to each column's longest line (capped), so task text gets room."""
    weight = []
    for c in range(table.n_cols):
        longest = max((len(line) for r in range(table.n_rows) if table.at(r, c)
                       for line in table.at(r, c).lines), default=1)
        weight.append(min(max(longest, 3), 60))
    return [int(total * w / sum(weight)) for w in weight]


def _fill(cell: docx.table._Cell, lines: list[str]) -> None:
    """One paragraph per printed line: header halves and multi-line unit lists stay separate."""
    if not lines:
        return
    cell.paragraphs[0].add_run(lines[0])
    for line in lines[1:]:
        cell.add_paragraph(line)


def _mark_header_row(tr) -> None:
    trpr = tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")  # repeat on every page, as notices' tables do
    trpr.append(header)


def _normalized_zip(data: bytes) -> bytes:
    """The same package with fixed member timestamps, so re-running gives identical bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else HERE
    out_dir.mkdir(parents=True, exist_ok=True)
    for stem in SAMPLES:
        target = out_dir / f"{stem}.docx"
        target.write_bytes(build(HERE / f"{stem}.txt"))
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
