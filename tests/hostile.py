"""Generator of hostile and broken inputs, one function per case. Each returns the bytes of a file;
`write_all(folder)` writes them all under their case names. Tests build them at run time (most are
a few bytes; the big ones are made in a fraction of a second), so nothing large is committed."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
GOOD_TXT = SAMPLES / "000_3577e14141ec5b37.txt"
GOOD_DOCX = SAMPLES / "000_3577e14141ec5b37.docx"
SECRET = "TOP-SECRET-LOCAL-FILE-CONTENT"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>')


def docx_package(document_xml: str, extra: dict[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def _cell(text: str) -> str:
    return f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def _table(rows: list[list[str]]) -> str:
    return "<w:tbl>" + "".join("<w:tr>" + "".join(_cell(c) for c in row) + "</w:tr>" for row in rows) + "</w:tbl>"


def _document(body: str, prolog: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
            f'<w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>')


HEADER = ["序号", "重点任务", "责任单位"]


def big_docx(rows: int = 20_000) -> bytes:
    grid = [HEADER] + [[str(i), f"推进第{i}项工作。", "区发展改革委"] for i in range(1, rows + 1)]
    return docx_package(_document("<w:p><w:r><w:t>任务分解表</w:t></w:r></w:p>" + _table(grid)))


def deep_docx(depth: int = 40) -> bytes:
    inner = _table([HEADER, ["1", "最内层任务。", "区教委"]])
    for level in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}<w:p/></w:tc>{_cell(f'第{level}层')}</w:tr></w:tbl>"
    table = _table([HEADER, ["1", "外层任务。", "区科技局"]])
    return docx_package(_document(table + "<w:p/>" + inner))


def billion_laughs_docx() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
    prolog = f"<!DOCTYPE w:document [{entities}]>"
    return docx_package(_document(_table([HEADER, ["1", "&lol9;", "区教委"]]), prolog))


def external_entity_docx(secret_file: Path) -> bytes:
    prolog = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret_file.as_uri()}">]>'
    return docx_package(_document(_table([HEADER, ["1", "&xxe;", "区教委"]]), prolog))


def bomb_docx(size: int = 300 * 1024 * 1024) -> bytes:
    """A part that expands to `size` bytes of zeros (a few hundred KB compressed)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = b"\0" * (1 << 20)
            for _ in range(size // len(chunk)):
                f.write(chunk)
    return buf.getvalue()


def text_cases() -> dict[str, bytes]:
    good = GOOD_TXT.read_text(encoding="utf-8")
    prose = "关于做好防汛工作的通知\n\n各单位：\n\n请做好防汛工作。\n"
    header_only = "关于任务的通知\n\n\t序号\n\t重点任务\n\t责任单位\n"
    ragged = "任务表\n\n\t序号\n\t重点任务\n\t责任单位\n\n\t1\n\t任务一。\n\t区教委\n\n\t2\n\t任务二。\n"
    huge_cell = "任务表\n\n\t序号\n\t重点任务\n\t责任单位\n\n\t1\n\t" + "推进工作。" * 200_000 + "\n\t区教委\n"
    formula = "任务表\n\n\t序号\n\t重点任务\n\t责任单位\n\n\t1\n\t=HYPERLINK(\"http://x\",\"点击\")\n\t@区教委\n"
    return {
        "gb18030.txt": good.replace("17号", "18号").encode("gb18030"),
        "utf16.txt": good.replace("17号", "19号").encode("utf-16"),
        "crlf.txt": good.replace("17号", "20号").replace("\n", "\r\n").encode("utf-8"),
        "stray bytes.txt": good.replace("17号", "21号").encode("utf-8")[:3000] + b"\xff\xfe\x80"
        + good.replace("17号", "21号").encode("utf-8")[3000:],
        "header only.txt": header_only.encode("utf-8"),
        "ragged.txt": ragged.encode("utf-8"),
        "huge cell.txt": huge_cell.encode("utf-8"),
        "prose.txt": prose.encode("utf-8"),
        "formula.txt": formula.encode("utf-8"),
    }


def broken_cases() -> dict[str, bytes]:
    docx = GOOD_DOCX.read_bytes()
    return {
        "empty.txt": b"", "empty.docx": b"", "empty.pdf": b"",
        "truncated.docx": docx[: len(docx) // 2],
        "random.pdf": bytes((i * 7919 + 13) % 256 for i in range(4096)),
        "random.docx": bytes((i * 104729 + 7) % 256 for i in range(4096)),
        "text named.pdf": "这不是PDF文件，而是下载失败时的错误页面。".encode(),
        "image named.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        "docx named.txt": docx,
        "laughs.docx": billion_laughs_docx(),
    }


def pdf_file(objects: list[bytes], root: int = 1, xref: bool = True) -> bytes:
    """A PDF from numbered objects (1-based, in order); a correct xref table unless xref=False."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % (off if xref else off + 7)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, start)
    return bytes(out)


def _stream(data: bytes, compress: bool = False) -> bytes:
    import zlib

    if compress:
        data = zlib.compress(data, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _text_page(parent: int, content: int, font: int) -> bytes:
    return (b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (parent, content, font))


def blank_pages_pdf(n: int = 3000) -> bytes:
    """A catalog, a page tree and n pages without content."""
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n)]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * n
    return pdf_file(objects)


def page_tree_loop_pdf() -> bytes:
    """A page tree whose second node lists the root as its kid: a loop."""
    return pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        _text_page(2, 5, 6),
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
        _stream(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET"),
        _FONT,
    ])


def damaged_xref_pdf() -> bytes:
    """Every xref offset is wrong; readers must rebuild it by scanning for objects."""
    return pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _text_page(2, 4, 5),
        _stream(b"BT /F1 12 Tf 72 720 Td (Hello notice) Tj ET"),
        _FONT,
    ], xref=False)


def flate_bomb_pdf(size: int = 600 * 1024 * 1024) -> bytes:
    """A page whose content stream inflates to `size` bytes of spaces (about size/1000 on disk)."""
    import zlib

    comp = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = b"".join(comp.compress(chunk) for _ in range(size // len(chunk))) + comp.flush()
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _text_page(2, 4, 5),
        stream,
        _FONT,
    ])
