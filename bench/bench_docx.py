"""Time the .docx reader on a long table: 3,000 task rows of 7 columns, with merged cells.

    .venv/bin/python bench/bench_docx.py [ROWS]

Writes the document into a temporary directory, reads it a few times and prints the best time.
"""

from __future__ import annotations

import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract.docx import read_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER = ("序号", "重点领域", "重点任务", "完成时限", "牵头单位", "配合单位", "备注")


def cell(text: str, vmerge: str | None = None) -> str:
    merge = {"restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}.get(vmerge or "", "")
    paras = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in text.split("\n")) or "<w:p/>"
    return f'<w:tc><w:tcPr><w:tcW w:w="1200" w:type="dxa"/>{merge}</w:tcPr>{paras}</w:tc>'


def row(k: int) -> str:
    group = cell(f"第{k // 5 + 1}组", "restart") if k % 5 == 0 else cell("", "continue")
    return "<w:tr>" + "".join([
        cell(str(k + 1)), group,
        cell(f"推进第{k + 1}项重点任务，加强协同，确保按期完成并报送进展情况。"),
        cell("2022年12月底"), cell("区发展改革委\n区财政局"), cell("区级相关部门" if k % 3 else ""), cell(""),
    ]) + "</w:tr>"


def document(rows: int) -> str:
    grid = "".join('<w:gridCol w:w="1200"/>' for _ in HEADER)
    header = "<w:tr>" + "".join(cell(h) for h in HEADER) + "</w:tr>"
    body = "".join(row(k) for k in range(rows))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>'
            f"<w:p><w:r><w:t>任务分解表</w:t></w:r></w:p><w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>"
            f"{header}{body}</w:tbl><w:sectPr/></w:body></w:document>")


def write_docx(path: Path, rows: int) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml",
                    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                    'officedocument.wordprocessingml.document.main+xml"/></Types>')
        zf.writestr("_rels/.rels",
                    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
                    "</Relationships>")
        zf.writestr("word/document.xml", document(rows))


def main(argv: list[str]) -> int:
    rows = int(argv[1]) if len(argv) > 1 else 3000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long_table.docx"
        write_docx(path, rows)
        times = []
        for _ in range(5):
            start = time.perf_counter()
            doc = read_docx(path)
            times.append(time.perf_counter() - start)
        table = doc.tables[0]
        assert table.n_rows == rows + 1 and table.n_cols == len(HEADER), (table.n_rows, table.n_cols)
        size = path.stat().st_size
    print(f"read_docx: {rows} rows x {len(HEADER)} columns ({size / 1024:.0f} KB docx): "
          f"best {min(times) * 1000:.0f} ms, median {sorted(times)[2] * 1000:.0f} ms over 5 runs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
