"""Reader for PDF notices, into the same model as the text and docx readers.

A PDF holds positioned glyphs and drawn rules, read by pdfium (extract/pdf_pdfium.py, the
default) or by pdfplumber/pdfminer (`_read_pages`; extract/pdf_engines.py chooses). This reader
opens the file (refusing bombs, repairing a damaged cross-reference table, saying when there is
no text layer) and
turns each page upright (pages turned by /Rotate or printed sideways read as portrait text):
its characters become glyphs and its lines, rectangles and curves rules. What the geometry
means is format-neutral and shared with the OFD reader (extract.geometry): ruled tables and
their merged cells (pdf_grid), tables drawn without inner rules (pdf_align), printed lines and
where they stop short of the cell edge (pdf_text), page furniture dropped, a table continued
over pages joined into one (pdf_stitch), the text outside tables as one paragraph per line.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from .errors import NoticeError
from .geometry import Page, align, build_page, page_blocks, turn_box, turn_of, turn_seg, upright_turn
from .model import Document
from .pdf_engines import engine
from .pdf_grid import Seg, segments_from_points, segments_from_rect
from .pdf_guard import StreamTooLarge, install_stream_cap, repaired_copy
from .pdf_text import Glyph, fold_radicals


def read_pdf(path: str | Path) -> Document:
    path = Path(path)
    tail = _check_header(path)
    warnings: list[str] = []
    try:
        pages = _pages(path, path, warnings)
        _check_text_layer(path, pages)
    except NoticeError as first:
        # A damaged cross-reference table reads as garbage or as no text at all: let qpdf
        # rebuild it and try once more; if that does not help, the first reason stands.
        if "password" in first.reason or "limit" in first.reason or (fixed := repaired_copy(path)) is None:
            raise
        try:
            pages = _pages(path, fixed, warnings)
            _check_text_layer(path, pages)
        except NoticeError:
            raise first from None
        warnings.append("the PDF was damaged (cross-reference table); read from a copy repaired by qpdf")
    warnings += _warnings(pages, tail)
    return Document(source_file=str(path), format="pdf", blocks=page_blocks(pages), warnings=warnings)


# --- opening -----------------------------------------------------------------------------------------

def _quiet_pdfminer() -> None:
    # pdfminer warns about every odd font on stderr; none of it is the user's business.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)


def _check_header(path: Path) -> bytes:
    """The file's last KB, after making sure its first KB holds the %PDF header."""
    try:
        with path.open("rb") as f:
            head = f.read(1024)
            f.seek(max(0, path.stat().st_size - 1024))
            tail = f.read()
    except OSError as e:
        raise NoticeError(str(path), f"cannot read the file: {e.strerror or e}") from e
    if b"%PDF-" not in head:
        raise NoticeError(str(path), "not a PDF (no %PDF header)" if head else "empty file, not a PDF")
    return tail


def _check_text_layer(path: Path, pages: list[Page]) -> None:
    glyphs = sum(p.glyphs for p in pages)
    if not glyphs:
        if any(p.images for p in pages):
            what = "scanned PDF, needs OCR"
        elif any(p.drawings for p in pages):
            what = "the pages hold only drawings, needs OCR"
        else:
            what = f"all {len(pages)} page(s) are blank"
        raise NoticeError(str(path), f"no text layer — {what}")
    if sum(p.unmapped for p in pages) > glyphs / 2:
        raise NoticeError(str(path), "no usable text layer — its fonts map glyphs to no characters "
                                     "(text shows as (cid:N)), needs OCR")


def _warnings(pages: list[Page], tail: bytes) -> list[str]:
    out = []
    if b"%%EOF" not in tail:
        out.append("the file does not end with %%EOF: it may be truncated (pages or text may be missing)")
    unmapped = sum(p.unmapped for p in pages)
    if unmapped:
        out.append(f"{unmapped} characters have no Unicode mapping in their font; they read as (cid:N)")
    return out


def _pages(path: Path, source: Path | io.BytesIO, warnings: list[str]) -> list[Page]:
    if engine() == "pdfium":
        from .pdf_pdfium import PageTreeUnclear, read_pages_pdfium

        try:
            return read_pages_pdfium(path, source, warnings)
        except PageTreeUnclear:  # pdfium would read some page twice; pdfminer walks the tree once
            pass
    return _read_pages(path, source)


def _read_pages(path: Path, source: Path | io.BytesIO) -> list[Page]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    _quiet_pdfminer()
    install_stream_cap()  # here, not for pdfium: importing pdfminer costs the pdfium path 0.03 s
    try:
        with pdfplumber.open(source, password="") as pdf:
            pages = [_read_page(page) for page in pdf.pages]
        align(pages)
        return pages
    except StreamTooLarge as e:
        raise NoticeError(str(path), f"{e} (a decompression bomb?); refused") from e
    except PdfminerException as e:
        cause = e.args[0] if e.args else e
        if isinstance(cause, PDFPasswordIncorrect):
            raise NoticeError(str(path), "encrypted PDF: a password is needed") from e
        if isinstance(cause, StreamTooLarge):
            raise NoticeError(str(path), f"{cause} (a decompression bomb?); refused") from e
        raise NoticeError(str(path), f"corrupt or truncated PDF: {_describe(cause)}") from e
    except PDFPasswordIncorrect as e:
        raise NoticeError(str(path), "encrypted PDF: a password is needed") from e
    except NoticeError:
        raise
    except Exception as e:  # pdfminer raises many kinds of errors on damaged files
        raise NoticeError(str(path), f"corrupt or truncated PDF: {_describe(e)}") from e


def _describe(error: object) -> str:
    text = str(error).strip() or type(error).__name__
    return text if len(text) < 160 else text[:157] + "..."


# --- one page: pdfplumber's objects → upright glyphs and rules (geometry builds the rest) ----------

def _read_page(page) -> Page:
    turn = upright_turn(_turn_of(ch) for ch in page.chars)
    width, height = float(page.width), float(page.height)
    glyphs = [_glyph(ch, turn, width, height) for ch in page.chars if _turn_of(ch) == turn]
    glyphs = [g for g in glyphs if g.text]
    segs = _segments(page, turn, width, height)
    if turn % 2:
        width, height = height, width
    return build_page(page.page_number, width, height, glyphs, segs, images=len(page.images),
                      drawings=len(page.lines) + len(page.rects) + len(page.curves))


def _turn_of(ch: dict) -> int:
    return turn_of(ch["matrix"][0], ch["matrix"][1])


def _glyph(ch: dict, turn: int, w: float, h: float) -> Glyph:
    x0, top, x1, bottom = turn_box((ch["x0"], ch["top"], ch["x1"], ch["bottom"]), turn, w, h)
    return Glyph(fold_radicals(ch["text"]), x0, x1, top, bottom, float(ch.get("size") or (bottom - top)))


def _segments(page, turn: int, w: float, h: float) -> list[Seg]:
    segs: list[Seg] = []
    for obj in page.lines + page.curves:
        if _invisible(obj.get("stroking_color")):
            continue
        pts = [(float(x), float(y)) for x, y in obj.get("pts") or []]
        segs += [turn_seg(s, turn, w, h) for s in segments_from_points(pts)]
    for r in page.rects:
        color = r.get("non_stroking_color") if r.get("fill") else r.get("stroking_color")
        if _invisible(color):
            continue
        box = turn_box((r["x0"], r["top"], r["x1"], r["bottom"]), turn, w, h)
        segs += segments_from_rect(*box, stroked=bool(r.get("stroke")))
    return segs


def _invisible(color) -> bool:
    """White rules draw nothing (and some producers paint white boxes under the text)."""
    if isinstance(color, int | float) and not isinstance(color, bool):  # DeviceGray, as a bare number
        return color >= 0.95
    if not isinstance(color, tuple | list) or not color or not all(isinstance(v, int | float) for v in color):
        return False
    if len(color) == 4:  # CMYK
        return all(v <= 0.05 for v in color)
    return all(v >= 0.95 for v in color)
