"""PDF pages read with pdfium (pypdfium2) instead of pdfminer: the same upright glyphs and rules.

An alternative to `extract.pdf._read_pages`, several times faster, that hands
`geometry.build_page` the same glyphs and rules, so that a notice gives the same records
either way. It reproduces what pdfplumber/pdfminer make of a page, not what pdfium would:
  * a character's box is pdfminer's: from its origin along the baseline by the glyph's advance,
    from the font's descent to one em above it; its size is that box's height on the page
    (pdfium's own boxes are the glyph's ink, or that joined with the font's ascent and descent);
  * coordinates are pdfplumber's: pdfminer's device space from the MediaBox and /Rotate, then
    top-down from pdfplumber's normalised MediaBox;
  * paths are cut into sub-paths and sorted into lines, rectangles and curves by pdfminer's
    rules, form XObjects walked with their matrices, images and drawings counted as pdfplumber
    counts them.
pdfium's text page is made for reading text, not for geometry, and differs from the characters
a PDF draws; this module undoes what it changes:
  * the characters it makes up (spaces for wide gaps, line breaks) are left out;
  * it leaves out a text object that draws only spaces, and keeps one space of several in a
    row: such spaces are put back, as many as fit between the neighbours (the object's extent
    gives the last one), since a space glyph is printed text to the pdfminer path (陆 明);
  * it spells a ligature (ﬁ) as its letters and marks a hyphen ending a line as U+0002;
  * it drops a text object that repeats the one before at the same place (fake bold), which
    the pdfminer path drops later anyway (pdf_text._dedupe).
Two things pdfium does not tell are read or estimated:
  * a font's descent: pdfminer takes the descriptor's /Descent, 0 where it is 0 or missing (as
    LibreOffice writes it); pdfium then measures glyphs instead. The descriptors are read with
    pikepdf (qpdf), which the project has for repairs; where that fails pdfium's value stands;
  * a glyph's advance: pdfium has no call taking the character code, so the width is looked up
    by the character (FPDFFont_GetGlyphWidth); a code no character maps to falls back to the
    advance implied by pdfium's loose box.
Colours come as RGB, so a white DeviceGray rule counts as invisible here, while the pdfminer
path sees a gray level as a bare number and never as white (extract.pdf._invisible).
"""

from __future__ import annotations

import ctypes
import io
import re
import zlib
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path

from .errors import NoticeError
from .geometry import Page, align, build_page, turn_box, turn_of, turn_seg, upright_turn
from .pdf_grid import Seg, segments_from_points, segments_from_rect
from .pdf_guard import MAX_STREAM_BYTES, StreamTooLarge
from .pdf_text import Glyph, fold_radicals

Matrix = tuple[float, float, float, float, float, float]  # a b c d e f: x' = a x + c y + e, y' = b x + d y + f
Point = tuple[float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_FORM_DEPTH = 32  # nested form XObjects; no notice nests more than a few
MAX_PAGE_OBJECTS = 2_000_000  # text, path and image objects on one page, forms included
_US_LETTER = (0.0, 0.0, 612.0, 792.0)  # pdfminer's MediaBox for a page without one
_SUBSET = re.compile(r"^[A-Z]{6}\+")  # a subset font's tag (ABCDEF+Name)
# pdfium spells the Latin ligatures U+FB00–FB06 as their letters, all at the ligature's origin.
_LIGATURES = {"ff": "ﬀ", "fi": "ﬁ", "fl": "ﬂ", "ffi": "ﬃ", "ffl": "ﬄ", "ſt": "ﬅ", "st": "ﬆ"}
NO_INK = 0.2  # a text object less tall than this (ems) draws no glyph: only spaces
# A gap after a space is taken for n spaces where it is within this share of a space of n of them:
# kerning moves spaces a little (LibreOffice: ±0.007 em), word spacing (Tw) by any amount.
RUN_FIT = 0.3


class PageTreeUnclear(NoticeError):
    """pdfium and qpdf disagree on the file's pages (a damaged page tree): read it another way."""


def read_pages_pdfium(path: str | Path, source: Path | io.BytesIO | bytes | None = None,
                      warnings: list[str] | None = None) -> list[Page]:
    """The pages of a PDF with their tables and printed lines, as `extract.pdf._read_pages`
    gives them. `source` is what to read where it is not `path` itself (a repaired copy);
    `warnings`, where given, hears that pdfium had to rebuild a damaged cross-reference table."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pr

    path = Path(path)
    source = path if source is None else source.getvalue() if isinstance(source, io.BytesIO) else source
    try:
        found = qpdf_inspect(source)
    except StreamTooLarge as e:
        raise NoticeError(str(path), f"{e} (a decompression bomb?); refused") from e
    pdf = _open(pdfium, path, source)
    try:
        if found.pages is not None and found.pages != len(pdf):
            # pdfium walks a looping page tree into the same page again; which of its pages are
            # repeats it does not say, so the file goes to pdfminer, which walks it once.
            raise PageTreeUnclear(str(path), f"pdfium finds {len(pdf)} page(s), qpdf "
                                  + (f"{found.pages}" if found.pages >= 0 else "cannot walk the page tree"))
        doc = _Document(found.descents)
        pages = [_read_page(pdf, k, doc) for k in range(len(pdf))]
        if warnings is not None and not pr.FPDF_DocumentHasValidCrossReferenceTable(pdf.raw):
            warnings.append("the PDF was damaged (cross-reference table); pdfium rebuilt it by scanning the file")
    except PageTreeUnclear:
        raise
    except NoticeError as e:
        raise NoticeError(str(path), e.reason) from e
    except Exception as e:  # pypdfium2 raises PdfiumError where a call reports failure
        raise NoticeError(str(path), f"corrupt or truncated PDF: {_describe(e)}") from e
    finally:
        pdf.close()
    align(pages)
    return pages


# --- opening -----------------------------------------------------------------------------------------

def _open(pdfium, path: Path, source: Path | bytes):
    import pypdfium2.raw as pr

    if isinstance(source, Path):
        try:
            with source.open("rb"):
                pass
        except OSError as e:
            raise NoticeError(str(path), f"cannot read the file: {e.strerror or e}") from e
    try:
        return pdfium.PdfDocument(source if isinstance(source, bytes) else str(source), password="")
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code == pr.FPDF_ERR_PASSWORD:
            raise NoticeError(str(path), "encrypted PDF: a password is needed") from e
        if code == pr.FPDF_ERR_SECURITY:
            raise NoticeError(str(path), "encrypted PDF: its security handler is not supported") from e
        if code == pr.FPDF_ERR_FILE:
            raise NoticeError(str(path), "cannot read the file (pdfium cannot open it)") from e
        what = {pr.FPDF_ERR_FORMAT: "pdfium cannot parse its structure", pr.FPDF_ERR_PAGE: "its page tree is broken"}
        raise NoticeError(str(path), f"corrupt or truncated PDF: {what.get(code, _describe(e))}") from e
    except OSError as e:
        raise NoticeError(str(path), f"cannot read the file: {e.strerror or e}") from e


def _describe(error: object) -> str:
    text = str(error).strip() or type(error).__name__
    return text if len(text) < 160 else text[:157] + "..."


@dataclass
class _Document:
    """What the pages of one file share: pdfminer's descents, and per font what pdfium says."""

    descents: dict[str, set[float]]
    fonts: dict[int, _Font] = field(default_factory=dict)
    widths: dict[tuple[int, str], float | None] = field(default_factory=dict)  # (font, character) → advance, ems


@dataclass(frozen=True)
class _Font:
    handle: object
    descent: float  # ems, as pdfminer takes it
    space: float  # the space's advance, ems (0 where the font has none)


# --- one page ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Frame:
    """pdfplumber's coordinates of a page: pdfminer's device space (its CTM from the MediaBox and
    /Rotate), flipped top-down and shifted by pdfplumber's normalised MediaBox."""

    ctm: Matrix
    width: float
    height: float
    x_shift: float
    top_shift: float

    @classmethod
    def of(cls, pr, raw_page) -> _Frame:
        box = [ctypes.c_float() for _ in range(4)]
        ok = pr.FPDFPage_GetMediaBox(raw_page, *(ctypes.byref(v) for v in box))
        x0, y0, x1, y1 = (float(v.value) for v in box) if ok else _US_LETTER
        rotate = pr.FPDFPage_GetRotation(raw_page) * 90
        ctm = {90: (0.0, -1.0, 1.0, 0.0, -y0, x1), 180: (-1.0, 0.0, 0.0, -1.0, x1, y1),
               270: (0.0, 1.0, -1.0, 0.0, y1, -x0)}.get(rotate, (1.0, 0.0, 0.0, 1.0, -x0, -y0))
        (nx0, nx1), (ny0, ny1) = sorted((x0, x1)), sorted((y0, y1))
        if rotate in (90, 270):
            nx0, ny0, nx1, ny1 = ny0, nx0, ny1, nx1
        height = ny1 - ny0
        return cls(ctm, nx1 - nx0, height, nx0, height - ny1)

    @property
    def affine(self) -> Matrix:
        """Page space → pdfplumber's (x, top), as one matrix."""
        a, b, c, d, e, f = self.ctm
        return (a, -b, c, -d, e + self.x_shift, self.height + self.top_shift - f)

    def point(self, x: float, y: float) -> Point:
        """A point in PDF page space → pdfplumber's (x, top)."""
        a, b, c, d, e, f = self.ctm
        return a * x + c * y + e + self.x_shift, self.height - (b * x + d * y + f) + self.top_shift

    def box(self, p: Point, q: Point) -> tuple[float, float, float, float]:
        """The box two opposite corners in page space span, as pdfplumber's x0, top, x1, bottom."""
        (xa, ta), (xb, tb) = self.point(*p), self.point(*q)
        return min(xa, xb), min(ta, tb), max(xa, xb), max(ta, tb)

    def turn(self, a: float, b: float) -> int:
        """The quarter turns that make upright a baseline running (a, b) in page space."""
        ca, cb, cc, cd, _, _ = self.ctm
        return turn_of(ca * a + cc * b, cb * a + cd * b)


def _read_page(pdf, index: int, doc: _Document) -> Page:
    import pypdfium2.raw as pr

    page = pdf[index]
    try:
        frame = _Frame.of(pr, page.raw)
        drawn = _Drawn()
        _walk(pr, page.raw, None, _IDENTITY, 0, drawn, doc)
        chars = _chars(pr, page.raw, frame, drawn.texts, doc)
    finally:
        page.close()
    turn = upright_turn(c.turn for c in chars)
    w, h = frame.width, frame.height
    glyphs = [_glyph(c, turn, w, h) for c in chars if c.turn == turn]
    glyphs = [g for g in glyphs if g.text]
    segs = _segments(drawn.shapes, frame, turn)
    if turn % 2:
        w, h = h, w
    return build_page(index + 1, w, h, glyphs, segs, images=drawn.images, drawings=len(drawn.shapes))


def _glyph(c: _Char, turn: int, w: float, h: float) -> Glyph:
    x0, top, x1, bottom = turn_box(c.box, turn, w, h)
    return Glyph(fold_radicals(c.text), x0, x1, top, bottom, float(c.size or (bottom - top)))


# --- the objects of a page ---------------------------------------------------------------------------

@dataclass
class _TextObject:
    """A text object met on the walk, in content order, with what its characters share."""

    handle: object  # pdfium's, valid while the page is open
    address: int
    container: int  # the form it is drawn in (0: the page)
    local: Point  # its origin in the container's space
    parent: Matrix  # the container's space → page space
    matrix: Matrix  # text space → page space (its text matrix, forms included), without the font size
    font: _Font | None
    size: float  # the font size (Tf)
    turn: int = 0  # quarter turns that make its text upright (set with the page's frame)
    to_plumber: Matrix = _IDENTITY  # text space → pdfplumber's (x, top) (set with the page's frame)
    _extent: tuple[float, float, float, float] | None = None

    def along(self, p: Point) -> float:
        """Where a page-space point lies along the baseline, in text space from the origin."""
        a, b, _, _, e, f = self.matrix
        return ((p[0] - e) * a + (p[1] - f) * b) / ((a * a + b * b) or 1.0)

    def at(self, u: float) -> Point:
        a, b, _, _, e, f = self.matrix
        return (e + a * u, f + b * u)

    def extent(self, pr) -> tuple[float, float, float, float]:
        """u0, v0, u1, v1: pdfium's rectangle of the object (its ink, and the origins of glyphs
        without ink: spaces) in text space. Asked for only where spaces may be missing."""
        if self._extent is None:
            self._extent = (0.0, 0.0, 0.0, 0.0)
            a, b, c, d, e, f = self.matrix
            det = a * d - b * c
            box = [ctypes.c_float() for _ in range(4)]
            if det and pr.FPDFPageObj_GetBounds(self.handle, *(ctypes.byref(v) for v in box)):
                left, bottom, right, top = (v.value for v in box)
                us, vs = [], []
                for x, y in ((left, bottom), (right, bottom), (left, top), (right, top)):
                    px, py = _apply(self.parent, x, y)
                    us.append((d * (px - e) - c * (py - f)) / det)
                    vs.append((a * (py - f) - b * (px - e)) / det)
                self._extent = (min(us), min(vs), max(us), max(vs))
        return self._extent


@dataclass
class _Shape:
    """A painted sub-path as pdfminer classifies it: a line, a rectangle or a curve."""

    kind: str  # "line", "rect", "curve"
    pts: list[Point]  # page space
    stroke: bool
    fill: bool
    stroke_color: tuple[float, ...] | None
    fill_color: tuple[float, ...] | None


@dataclass
class _Drawn:
    shapes: list[_Shape] = field(default_factory=list)
    texts: list[_TextObject] = field(default_factory=list)
    images: int = 0
    objects: int = 0


def _walk(pr, raw_page, form, parent: Matrix, depth: int, out: _Drawn, doc: _Document) -> None:
    count = pr.FPDFFormObj_CountObjects(form) if form is not None else pr.FPDFPage_CountObjects(raw_page)
    for k in range(max(count, 0)):
        obj = pr.FPDFFormObj_GetObject(form, k) if form is not None else pr.FPDFPage_GetObject(raw_page, k)
        if not obj:
            continue
        out.objects += 1
        if out.objects > MAX_PAGE_OBJECTS:
            raise NoticeError("", f"a page holds more than {MAX_PAGE_OBJECTS:,} objects (a bomb?); refused")
        kind = pr.FPDFPageObj_GetType(obj)
        if kind == pr.FPDF_PAGEOBJ_TEXT:
            out.texts.append(_text_object(pr, obj, form, parent, doc))
        elif kind == pr.FPDF_PAGEOBJ_PATH:
            _path(pr, obj, parent, out.shapes)
        elif kind == pr.FPDF_PAGEOBJ_IMAGE:
            out.images += 1
        elif kind == pr.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
            _walk(pr, raw_page, obj, _times(_matrix_of(pr, obj), parent), depth + 1, out, doc)


def _matrix_of(pr, obj) -> Matrix:
    m = pr.FS_MATRIX()
    if not pr.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _times(m: Matrix, n: Matrix) -> Matrix:
    """m, then n: the matrix that carries a point by m first."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _apply(m: Matrix, x: float, y: float) -> Point:
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


def _text_object(pr, obj, form, parent: Matrix, doc: _Document) -> _TextObject:
    size = ctypes.c_float()
    if not pr.FPDFTextObj_GetFontSize(obj, ctypes.byref(size)):
        size.value = 0.0
    handle = pr.FPDFTextObj_GetFont(obj)
    own = _matrix_of(pr, obj)
    return _TextObject(obj, ctypes.cast(obj, ctypes.c_void_p).value or 0,
                       ctypes.cast(form, ctypes.c_void_p).value or 0 if form is not None else 0, (own[4], own[5]),
                       parent, _times(own, parent), _font(pr, handle, doc) if handle else None, float(size.value))


def _font(pr, handle, doc: _Document) -> _Font:
    address = ctypes.cast(handle, ctypes.c_void_p).value or 0
    font = doc.fonts.get(address)
    if font is None:
        font = doc.fonts[address] = _Font(handle, _descent(pr, handle, doc.descents), _advance(pr, handle, 0x20) or 0.0)
    return font


def _descent(pr, handle, descents: dict[str, set[float]]) -> float:
    """The font's descent in ems as pdfminer takes it (`qpdf_inspect`). pdfium's own value is the
    descriptor's where that gives one (else measured): it settles a name several fonts share."""
    value = ctypes.c_float()
    own = value.value / 1000 if pr.FPDFFont_GetDescent(handle, ctypes.c_float(1000.0), ctypes.byref(value)) else 0.0
    n = pr.FPDFFont_GetBaseFontName(handle, None, 0)  # the length the name needs, with its NUL
    buf = ctypes.create_string_buffer(max(n, 1))
    name = buf.value.decode("utf-8", "replace") if 0 < n <= 4096 and pr.FPDFFont_GetBaseFontName(handle, buf, n) else ""
    found = descents.get(name) or descents.get(_SUBSET.sub("", name)) or set()
    if not found and name in _STANDARD_DESCENTS:  # pdfminer takes these from its AFM files, whatever the file says
        return _STANDARD_DESCENTS[name] / 1000
    if len(found) == 1:
        return next(iter(found))
    if any(abs(v - own) < 0.0015 for v in found):
        return own
    return 0.0 if 0.0 in found else -abs(own)


def _advance(pr, handle, code: int) -> float | None:
    """The advance of the glyph a character maps to, in ems; None where the font maps no glyph to it."""
    width = ctypes.c_float()
    if code <= 0 or not pr.FPDFFont_GetGlyphWidth(handle, code, ctypes.c_float(1000.0), ctypes.byref(width)):
        return None
    return float(width.value) / 1000 if width.value > 0 else None


# --- characters --------------------------------------------------------------------------------------

@dataclass
class _Char:
    text: str
    box: tuple[float, float, float, float]  # pdfplumber's x0, top, x1, bottom
    size: float
    turn: int


@dataclass
class _Listed:
    """A character of pdfium's text page, or one put back."""

    text: str
    u: float  # where its origin lies along the baseline, text space from the object's origin
    width: float  # its advance, text space
    after_space: bool = False  # the text page's entry before it is a space (the object's own or made up)


def _chars(pr, raw_page, frame: _Frame, texts: list[_TextObject], doc: _Document) -> list[_Char]:
    """The page's characters in content order (pdfium's text page orders objects by line)."""
    text_page = pr.FPDFText_LoadPage(raw_page)
    if not text_page:
        return []
    try:
        listed = _listed(pr, text_page, {t.address: t for t in texts}, doc)
    finally:
        pr.FPDFText_ClosePage(text_page)
    out: list[_Char] = []
    affine = frame.affine
    done: list[tuple[_TextObject, list[_Listed]]] = []
    for obj in texts:
        obj.turn = frame.turn(obj.matrix[0], obj.matrix[1])
        obj.to_plumber = _times(obj.matrix, affine)
        chars = _with_spaces(pr, obj, listed.get(obj.address, []))
        if chars is None:  # pdfium dropped it as a repeat of an object before it
            chars = _repeated(obj, done)
        done.append((obj, chars))
        out += [_char_box(c, obj) for c in chars]
    return out


def _repeated(obj: _TextObject, done: list[tuple[_TextObject, list[_Listed]]]) -> list[_Listed]:
    """The characters of an object pdfium's text page left out as a repeat of one of the five
    text objects before it (fake bold: the same text drawn again a little aside): that object's
    characters, in this one's place. pdfminer keeps both, and the pdfminer path drops the second
    copy of each glyph but not of the spaces (pdf_text._dedupe)."""
    seen = 0
    for other, chars in reversed(done):
        if other.container != obj.container:
            continue
        seen += 1
        if seen > 5:
            break
        if chars and other.size == obj.size and abs(obj.local[1] - other.local[1]) <= abs(obj.size) / 8 \
                and abs(obj.local[0] - other.local[0]) <= 0.9 * max(chars[-1].width, abs(obj.size) * 0.25):
            return list(chars)
    return []


def _listed(pr, text_page, objects: dict[int, _TextObject], doc: _Document) -> dict[int, list[_Listed]]:
    """The characters pdfium read, by text object, without the ones it made up."""
    out: dict[int, list[_Listed]] = {}
    ox, oy = ctypes.c_double(), ctypes.c_double()
    x, y = ctypes.byref(ox), ctypes.byref(oy)
    loose = pr.FS_RECTF()
    fast = _fast(pr)
    page = ctypes.cast(text_page, ctypes.c_void_p).value
    generated, unicode, text_object, origin, unmapped = (
        fast.is_generated, fast.unicode, fast.text_object, fast.origin, fast.unmapped)
    after_space = False
    last: tuple | None = None
    for i in range(pr.FPDFText_CountChars(text_page)):
        code = unicode(page, i)
        if generated(page, i) != 0:  # spaces and line breaks pdfium makes up
            after_space = code == 0x20
            continue
        address = text_object(page, i) or 0
        obj = objects.get(address)
        if obj is None:
            continue
        origin(page, i, x, y)
        u = obj.along((ox.value, oy.value))
        chars = out.setdefault(address, [])
        if unmapped(page, i) == 1:
            text = f"(cid:{code})"
        elif code == 0x02 and pr.FPDFText_IsHyphen(text_page, i) == 1:
            text = "-"  # pdfium marks a hyphen that ends a line before a letter
        else:
            text = chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
            if (address, u) == last and chars:  # one glyph, several characters: pdfium spells ﬁ f i
                text = _LIGATURES.get(chars[-1].text + text, chars[-1].text + text)
                chars[-1] = _Listed(text, u, _width(pr, text_page, i, obj, text, loose, doc), chars[-1].after_space)
                continue
        last = (address, u)
        chars.append(_Listed(text, u, _width(pr, text_page, i, obj, text, loose, doc), after_space))
        after_space = text == " "
    return out


@dataclass(frozen=True)
class _Fast:
    """The text page calls made once per character, typed to take and give plain integers:
    pypdfium2's own bindings check pointer types on every call and cost three times as much."""

    unicode: object
    is_generated: object
    text_object: object
    origin: object
    unmapped: object


@cache
def _fast(pr) -> _Fast:
    def typed(fn, restype, *argtypes):
        cdecl = getattr(type(fn), "_flags_", 1) & 1  # the calling convention pypdfium2 binds it with
        kind = ctypes.CFUNCTYPE if cdecl or not hasattr(ctypes, "WINFUNCTYPE") else ctypes.WINFUNCTYPE
        return kind(restype, *argtypes)(ctypes.cast(fn, ctypes.c_void_p).value)

    page, index, double = ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_double)
    return _Fast(typed(pr.FPDFText_GetUnicode, ctypes.c_uint, page, index),
                 typed(pr.FPDFText_IsGenerated, ctypes.c_int, page, index),
                 typed(pr.FPDFText_GetTextObject, ctypes.c_void_p, page, index),
                 typed(pr.FPDFText_GetCharOrigin, ctypes.c_int, page, index, double, double),
                 typed(pr.FPDFText_HasUnicodeMapError, ctypes.c_int, page, index))


def _width(pr, text_page, i: int, obj: _TextObject, text: str, loose, doc: _Document) -> float:
    """The glyph's advance in text space units (font size included): the font's width of the
    glyph the character maps to, else where pdfium's loose box ends (the advance or the ink)."""
    if obj.font is not None and len(text) == 1:
        key = (id(obj.font), text)
        em = doc.widths.get(key, False)
        if em is False:
            em = doc.widths[key] = _advance(pr, obj.font.handle, ord(text))
        if em is not None:
            return em * obj.size
    ox, oy = ctypes.c_double(), ctypes.c_double()
    pr.FPDFText_GetCharOrigin(text_page, i, ctypes.byref(ox), ctypes.byref(oy))
    if not pr.FPDFText_GetLooseCharBox(text_page, i, ctypes.byref(loose)):
        return 0.0
    corners = ((loose.left, loose.bottom), (loose.right, loose.top), (loose.left, loose.top),
               (loose.right, loose.bottom))
    return max(0.0, max(obj.along(p) for p in corners) - obj.along((ox.value, oy.value)))


def _with_spaces(pr, obj: _TextObject, chars: list[_Listed]) -> list[_Listed] | None:
    """The object's characters with the spaces pdfium's text page left out put back: an object of
    spaces alone, and of several spaces in a row all but the first — as many as fit at the font's
    space advance (plus the character spacing the object shows) between the neighbours, the last
    one where the object's extent ends. None for an object of ink that pdfium left out whole
    (a repeat, `_repeated`)."""
    space = obj.font.space * obj.size if obj.font else 0.0
    if chars and (space <= 0 or (not chars[0].after_space and all(c.text != " " for c in chars))):
        return chars  # nothing can be missing
    u0, v0, u1, v1 = obj.extent(pr)
    if not chars:
        if v1 - v0 >= NO_INK * abs(obj.size):
            return None
        return [_Listed(" ", u, space) for u in _spread(u0, u1, round((u1 - u0) / space) + 1)] if space > 0 else []
    pitch = space + _spacing(chars)
    out: list[_Listed] = []
    if chars[0].after_space and chars[0].u - u0 > 0.5 * pitch:  # leading spaces, after a space
        n = round((chars[0].u - u0) / pitch)
        out += [_Listed(" ", u, space) for u in _spread(u0, chars[0].u, n + 1)[:-1]]
    for k, c in enumerate(chars):
        out.append(c)
        if c.text != " ":
            continue
        if k + 1 < len(chars):  # a run inside the object: up to the next character
            end = chars[k + 1].u
            n = round((end - c.u) / pitch)
            if n >= 2 and abs((end - c.u) / pitch - n) < RUN_FIT:
                out += [_Listed(" ", u, space) for u in _spread(c.u, end, n + 1)[1:-1]]
        elif u1 - c.u > 0.5 * pitch:  # a run ending the object: its last space starts where the extent ends
            out += [_Listed(" ", u, space) for u in _spread(c.u, u1, round((u1 - c.u) / pitch) + 1)[1:]]
    return out


def _spread(a: float, b: float, n: int) -> list[float]:
    """n positions from a to b, evenly spaced."""
    if n <= 1:
        return [a]
    return [a + (b - a) * k / (n - 1) for k in range(n)]


def _spacing(chars: list[_Listed]) -> float:
    """The character spacing (Tc) the object shows: the median gap between a glyph's advance and
    the next glyph; 0 where it has no two glyphs in a row."""
    gaps = sorted(b.u - a.u - a.width for a, b in pairwise(chars)
                  if a.text != " " and b.text != " " and not b.after_space)
    return gaps[len(gaps) // 2] if gaps else 0.0


def _char_box(c: _Listed, obj: _TextObject) -> _Char:
    """pdfminer's box: from the origin along the baseline by the advance, from the descent up one
    em, in text space; carried to pdfplumber's coordinates by the text matrix and the frame."""
    a, b, cc, d, e, f = obj.to_plumber
    low = (obj.font.descent if obj.font else 0.0) * obj.size
    high = low + obj.size
    u, w = c.u, c.u + c.width
    x0, t0 = a * u + cc * low + e, b * u + d * low + f
    x1, t1 = a * w + cc * high + e, b * w + d * high + f
    top, bottom = (t0, t1) if t0 <= t1 else (t1, t0)
    return _Char(c.text, (min(x0, x1), top, max(x0, x1), bottom), bottom - top, obj.turn)


# --- drawings ----------------------------------------------------------------------------------------

_SUBPATH = re.compile(r"m[^m]+")


def _path(pr, obj, parent: Matrix, out: list[_Shape]) -> None:
    """A path object → pdfminer's painted sub-paths. Its segments read as pdfminer's operators:
    "m", "l", "c" (a Bézier's end point; pdfium lists its control points as segments too), and
    "h" after a segment that closes its figure."""
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pr.FPDFPath_GetDrawMode(obj, ctypes.byref(fill_mode), ctypes.byref(stroke)):
        return
    matrix = _times(_matrix_of(pr, obj), parent)
    ops: list[str] = []
    pts: list[Point] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    bezier = 0
    for k in range(max(pr.FPDFPath_CountSegments(obj), 0)):
        seg = pr.FPDFPath_GetPathSegment(obj, k)
        kind = pr.FPDFPathSegment_GetType(seg)
        bezier = bezier + 1 if kind == pr.FPDF_SEGMENT_BEZIERTO else 0
        if bezier % 3:
            continue  # a control point
        pr.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
        ops.append("m" if kind == pr.FPDF_SEGMENT_MOVETO else "l" if kind == pr.FPDF_SEGMENT_LINETO else "c")
        pts.append(_apply(matrix, x.value, y.value))
        if pr.FPDFPathSegment_GetClose(seg):
            ops.append("h")
            pts.append(pts[-1])  # stands for the sub-path's start (_classify)
    shape = "".join(ops)
    if shape[:1] != "m":
        return  # pdfminer paints no path that does not begin with a move
    style = (bool(stroke.value), fill_mode.value != 0,
             _color(pr.FPDFPageObj_GetStrokeColor, obj), _color(pr.FPDFPageObj_GetFillColor, obj))
    spans = [(m.start(), m.end()) for m in _SUBPATH.finditer(shape)] if shape.count("m") > 1 else [(0, len(shape))]
    out += [_classify(shape[a:b], pts[a:b], style) for a, b in spans]


def _classify(shape: str, pts: list[Point], style) -> _Shape:
    """pdfminer's `paint_path` for one sub-path: a line, a rectangle (four sides, axis-parallel,
    closed) or a curve."""
    pts = [pts[0] if op == "h" else p for op, p in zip(shape, pts, strict=True)]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        return _Shape("line", pts[:2], *style)
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            return _Shape("rect", [pts[0], pts[2]], *style)
    return _Shape("curve", pts, *style)


def _color(getter, obj) -> tuple[float, ...] | None:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not getter(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):
        return None
    return (r.value / 255, g.value / 255, b.value / 255)


def _segments(shapes: list[_Shape], frame: _Frame, turn: int) -> list[Seg]:
    """The rules, as `extract.pdf._segments` makes them from pdfplumber's lines, curves and rects."""
    w, h = frame.width, frame.height
    segs: list[Seg] = []
    for kind in ("line", "curve"):
        for s in shapes:
            if s.kind == kind and not _invisible(s.stroke_color):
                pts = [frame.point(x, y) for x, y in s.pts]
                segs += [turn_seg(seg, turn, w, h) for seg in segments_from_points(pts)]
    for s in shapes:
        if s.kind == "rect" and not _invisible(s.fill_color if s.fill else s.stroke_color):
            segs += segments_from_rect(*turn_box(frame.box(*s.pts), turn, w, h), stroked=s.stroke)
    return segs


def _invisible(color: tuple[float, ...] | None) -> bool:
    """White rules draw nothing (and some producers paint white boxes under the text)."""
    return color is not None and all(v >= 0.95 for v in color)


# --- font descents -----------------------------------------------------------------------------------

# pdfminer's descents (per 1000 em) of the standard 14 fonts it knows by name, from their AFM files.
_STANDARD_DESCENTS = {
    **dict.fromkeys(("Courier", "Courier-Bold", "Courier-BoldOblique", "Courier-Oblique", "CourierNew",
                     "CourierNew,Bold", "CourierNew,BoldItalic", "CourierNew,Italic"), -194.0),
    **dict.fromkeys(("Helvetica", "Helvetica-Bold", "Helvetica-BoldOblique", "Helvetica-Oblique", "Arial",
                     "Arial,Bold", "Arial,BoldItalic", "Arial,Italic"), -207.0),
    **dict.fromkeys(("Times-Roman", "Times-Bold", "Times-BoldItalic", "Times-Italic", "TimesNewRoman",
                     "TimesNewRoman,Bold", "TimesNewRoman,BoldItalic", "TimesNewRoman,Italic"), -217.0),
    "Symbol": 0.0, "ZapfDingbats": 0.0,
}


@dataclass
class QpdfFindings:
    """What qpdf found: pdfminer's descent of each font the pages use (ems), by BaseFont name
    with and without the subset tag ("" for Type 3 fonts), and how many pages its walk of the
    page tree gave (-1 where qpdf could not open the file or walk its pages, None without pikepdf)."""

    descents: dict[str, set[float]] = field(default_factory=dict)
    pages: int | None = None


def qpdf_inspect(source: Path | bytes) -> QpdfFindings:
    """What pdfium does not tell or guard, read with pikepdf (qpdf), which the project has for
    repairs: the fonts' descents, and the page count to hold pdfium's against; nothing where qpdf
    cannot read the file, and then pdfium's values stand. pdfium inflates streams whole, so the
    streams a page reads (contents, forms, fonts) that could inflate past pdf_guard's cap are
    inflated here in bounded steps first: past it, StreamTooLarge, as the pdfminer path refuses them."""
    try:
        import pikepdf
    except ImportError:
        return QpdfFindings()
    try:
        pdf = pikepdf.open(io.BytesIO(source) if isinstance(source, bytes) else source)
    except Exception:  # beyond qpdf's repair (a page tree loop stops it here)
        return QpdfFindings(pages=-1)
    with pdf:
        found = QpdfFindings(pages=0)
        seen: set[tuple[int, int]] = set()
        try:
            for page in pdf.pages:
                found.pages += 1
                contents = page.obj.get("/Contents")
                for stream in contents if isinstance(contents, pikepdf.Array) else [contents]:
                    _bounded(pikepdf, stream)
                _resources(pikepdf, _inherited(page.obj, "/Resources"), found.descents, seen, 0)
        except StreamTooLarge:
            raise
        except Exception:  # a damaged page tree (a loop): the descents read stand, the count does not
            found.pages = -1
        return found


def _inherited(node, key: str):
    for _ in range(64):  # a page tree deeper than this is a loop
        if node is None:
            return None
        value = node.get(key)
        if value is not None:
            return value
        node = node.get("/Parent")
    return None


def _resources(pikepdf, resources, out: dict[str, set[float]], seen: set, depth: int) -> None:
    if not isinstance(resources, pikepdf.Dictionary) or depth > MAX_FORM_DEPTH:
        return
    fonts, xobjects = resources.get("/Font"), resources.get("/XObject")
    for font in fonts.values() if isinstance(fonts, pikepdf.Dictionary) else ():
        if not isinstance(font, pikepdf.Dictionary) or _met(font, seen):
            continue
        name = "" if font.get("/Subtype") == "/Type3" else str(font.get("/BaseFont", "")).lstrip("/")
        value = _pdfminer_descent(pikepdf, font, name)
        out.setdefault(name, set()).add(value)
        out.setdefault(_SUBSET.sub("", name), set()).add(value)
        _font_streams(pikepdf, font)
    for xobject in xobjects.values() if isinstance(xobjects, pikepdf.Dictionary) else ():
        if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == "/Form" and not _met(xobject, seen):
            _bounded(pikepdf, xobject)
            _resources(pikepdf, xobject.get("/Resources"), out, seen, depth + 1)


def _font_streams(pikepdf, font) -> None:
    fonts = font.get("/DescendantFonts")
    for f in [font, *(fonts if isinstance(fonts, pikepdf.Array) else [])]:
        if not isinstance(f, pikepdf.Dictionary):
            continue
        desc = f.get("/FontDescriptor")
        for key in ("/FontFile", "/FontFile2", "/FontFile3"):
            _bounded(pikepdf, desc.get(key) if isinstance(desc, pikepdf.Dictionary) else None)
        _bounded(pikepdf, f.get("/ToUnicode"))
        procs = f.get("/CharProcs")
        for proc in procs.values() if isinstance(procs, pikepdf.Dictionary) else ():
            _bounded(pikepdf, proc)


def _bounded(pikepdf, stream) -> None:
    """Inflate, in steps, a Flate stream that could pass the cap (deflate packs at most ~1032:1);
    past the cap, StreamTooLarge. Only a first Flate filter is undone (others are rare)."""
    if not isinstance(stream, pikepdf.Stream):
        return
    filters = stream.get("/Filter")
    names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)]
    if not names or names[0] != "/FlateDecode":
        return
    data = stream.read_raw_bytes()  # its real length: a /Length can lie, and pdfium looks past it
    if len(data) * 1032 <= MAX_STREAM_BYTES:
        return
    inflater, total = zlib.decompressobj(), 0
    while data and total <= MAX_STREAM_BYTES:
        try:
            total += len(inflater.decompress(data, 1 << 20))
        except zlib.error:
            return  # pdfium says what it makes of it
        data = inflater.unconsumed_tail
    if total > MAX_STREAM_BYTES:
        raise StreamTooLarge(f"a compressed stream inflates past the {MAX_STREAM_BYTES // (1 << 20)} MB limit")


def _met(obj, seen: set) -> bool:
    """Whether an indirect object was met before (and from now on, that it was)."""
    if not obj.is_indirect:
        return False
    if obj.objgen in seen:
        return True
    seen.add(obj.objgen)
    return False


def _pdfminer_descent(pikepdf, font, name: str) -> float:
    """pdfminer's rule: a Type 3 font takes the bottom of its FontBBox (the descriptor's, where it
    has one) through its FontMatrix; the standard 14 their AFM metrics; the others the
    descriptor's /Descent (the descendant font's, for Type 0), made negative, 0 where missing."""

    def number(v) -> float:
        try:
            return float(v)
        except (TypeError, ValueError):
            return 0.0

    def dictionary(v):
        return v if isinstance(v, pikepdf.Dictionary) else pikepdf.Dictionary()

    subtype = font.get("/Subtype")
    if subtype == "/Type3":
        desc = font.get("/FontDescriptor")
        bbox = dictionary(desc).get("/FontBBox") if desc is not None else font.get("/FontBBox")
        matrix = font.get("/FontMatrix")
        if not isinstance(bbox, pikepdf.Array) or len(bbox) != 4 or not isinstance(matrix, pikepdf.Array) \
                or len(matrix) != 6:
            return 0.0
        return number(bbox[1]) * (number(matrix[1]) + number(matrix[3]))
    if subtype == "/Type0":
        descendants = font.get("/DescendantFonts")
        font = dictionary(descendants[0] if isinstance(descendants, pikepdf.Array) and len(descendants) else None)
    elif name in _STANDARD_DESCENTS:
        return _STANDARD_DESCENTS[name] / 1000
    return -abs(number(dictionary(font.get("/FontDescriptor")).get("/Descent", 0))) / 1000
