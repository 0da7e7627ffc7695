"""Reader for OFD notices (GB/T 33190, the Chinese fixed-layout format), into the common model.

An OFD is a zip of XML: OFD.xml names the document (DocBody/DocRoot → Document.xml), which
lists the pages (Pages/Page BaseLoc → Content.xml) and templates (CommonData/TemplatePage).
A page is layers of positioned objects, in millimetres with y downwards:
  * TextObject: Boundary (its origin), CTM, Size; TextCode X/Y (the first glyph's baseline, in
    the object's space) with DeltaX/DeltaY advances ("g 3 5.2" repeats 5.2 three times);
  * PathObject: Boundary, CTM, Stroke/Fill and colours, AbbreviatedData ("M x y L x y … C").
Like a PDF it holds glyphs and rules, not paragraphs and cells, so this reader only turns the
objects into the PDF path's geometry — `pdf_text.Glyph`s and `pdf_grid.Seg`s in upright page
coordinates, in points — and leaves tables, lines, furniture and stitching to extract.geometry,
the same code that reads PDFs: one notice in OFD and PDF gives the same document.

Read directly with lxml: easyofd (PyPI) parses an OFD to render it into images or a PDF, with
fonts, images and reportlab, and gives no glyph geometry to build tables from. Fonts are not
read: a glyph's width is its advance (DeltaX) where one is given, else an estimate from the
character (full width for CJK); its box is the CJK em box, 0.88 em above the baseline, 0.12
below. Signatures (Signs/) and annotations are passed over; template pages are read with their
pages (running headers in them are furniture, dropped as in PDFs).
"""

from __future__ import annotations

import math
import posixpath
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .errors import NoticeError
from .geometry import PT_PER_MM, Page, align, build_page, page_blocks, turn_box, turn_of, turn_seg, upright_turn
from .model import Document
from .pdf_grid import Seg, segments_from_points, segments_from_rect
from .pdf_text import Glyph, fold_radicals, is_cjk
from .zipguard import ZipPackage

MAX_PART_BYTES = 64 * 1024 * 1024  # an XML part larger than this is no notice (fonts/images are never read)
MAX_MEMBERS = 20_000  # zip entries: a notice has tens to a few thousand
MAX_PAGES = 5_000
_MAX_STEP = 10_000.0  # mm: a glyph advance past this is off any page (A0 is 1189 mm long)
ASCENT, DESCENT = 0.88, 0.12  # a CJK font's em box around the baseline, in ems
A4_MM = (0.0, 0.0, 210.0, 297.0)

_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                              remove_comments=True, remove_pis=True)
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")

Matrix = tuple[float, float, float, float, float, float]  # a b c d e f: x' = a x + c y + e, y' = b x + d y + f
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def read_ofd(path: str | Path) -> Document:
    pages, warnings = read_pages(path)
    return Document(source_file=str(path), format="ofd", blocks=page_blocks(pages), warnings=warnings)


def read_pages(path: str | Path) -> tuple[list[Page], list[str]]:
    """The OFD's pages with their tables and printed lines (furniture still on them), and warnings."""
    path = Path(path)
    pkg = _Package.open(path)
    try:
        doc = _OfdDocument(pkg)
        pages = [doc.page(number, entry) for number, entry in enumerate(doc.page_entries(), start=1)]
    finally:
        pkg.close()
    _check_text(pkg, pages)
    align(pages)
    return pages, doc.warnings()


# --- the package: zip members and XML parts, with the guards -----------------------------------------

class _Package(ZipPackage):
    @property
    def cap(self) -> int:
        return MAX_PART_BYTES  # read when used: the module's limit, as set

    @classmethod
    def open(cls, path: Path) -> _Package:
        name = str(path)
        try:
            zf = zipfile.ZipFile(path)
        except zipfile.BadZipFile as e:
            raise NoticeError(name, f"not an OFD: damaged or truncated zip package ({e})") from e
        except OSError as e:
            raise NoticeError(name, f"cannot read the file: {e.strerror or e}") from e
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            zf.close()
            raise NoticeError(name, f"the zip package has {len(infos)} members, over the {MAX_MEMBERS} limit; refused")
        return cls(path, zf, {i.filename.lower(): i.filename for i in infos})

    def xml(self, member: str, what: str) -> etree._Element:
        """A part parsed safely; `what` names it in errors ("the page 3 content")."""
        data = self.read(member)
        head = data[:8192]
        if b"<!DOCTYPE" in head or b"<\x00!\x00D\x00O\x00C" in head:
            raise self.fail(f"{member} ({what}) declares a DTD (<!DOCTYPE>), which OFD never uses; refused")
        start = data.lstrip(b"\xef\xbb\xbf \t\r\n")
        if start and not start.startswith((b"<", b"\xff\xfe", b"\xfe\xff")):  # XML opens with "<" (or a UTF-16 BOM)
            raise self.fail(f"{member} ({what}) is not XML but binary data: the OFD is encrypted or damaged")
        try:
            root = etree.fromstring(data, _XML_PARSER)
        except etree.XMLSyntaxError as e:
            raise self.fail(f"malformed XML in {member} ({what}): {e}") from e
        if root.getroottree().docinfo.doctype:
            raise self.fail(f"{member} ({what}) declares a DTD (<!DOCTYPE>), which OFD never uses; refused")
        return root

    def locate(self, base: str, loc: str) -> str | None:
        """The member a location names: relative to `base` (the folder of the part that names
        it), or to the package root (absolute, or as some producers write it)."""
        loc = loc.strip().replace("\\", "/")
        if not loc:
            return None
        tries = [loc.lstrip("/")] if loc.startswith("/") else [posixpath.join(base, loc), loc]
        for t in tries:
            t = posixpath.normpath(t)
            if not t.startswith("..") and self.has(t):
                return self.names[t.lower()]
        return None


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _kids(el: etree._Element, name: str) -> Iterator[etree._Element]:
    """Children by local name: producers differ in namespace URIs and prefixes."""
    return (c for c in el if _local(c) == name)


def _kid(el: etree._Element | None, *path: str) -> etree._Element | None:
    for name in path:
        if el is None:
            return None
        el = next(_kids(el, name), None)
    return el


def _text(el: etree._Element | None) -> str:
    return (el.text or "").strip() if el is not None else ""


# --- the document: OFD.xml → Document.xml → pages and templates ----------------------------------------

@dataclass
class _PageEntry:
    member: str  # the page's Content.xml


class _OfdDocument:
    def __init__(self, pkg: _Package):
        self.pkg = pkg
        self.notes: list[str] = []
        self.skipped = 0  # objects whose geometry could not be read
        self.default_area: tuple[float, float, float, float] | None = None
        self.draw_params: dict[str, etree._Element] = {}
        self._res_read: set[str] = set()
        self._template_roots: dict[str, etree._Element] = {}
        self._open()

    def warnings(self) -> list[str]:
        out = list(self.notes)
        if self.skipped:
            out.append(f"{self.skipped} page objects with unreadable geometry (Boundary, CTM, numbers) were skipped")
        return out

    def _open(self) -> None:
        pkg = self.pkg
        if pkg.has("Encryptions.xml"):
            raise pkg.fail("encrypted OFD (GM/T 0099: Encryptions.xml): its pages need the key to be read; "
                           "open it in an OFD reader with the password or certificate and save an unencrypted copy")
        if not pkg.has("OFD.xml"):
            raise pkg.fail("not an OFD: the zip package has no OFD.xml (the entry file)")
        ofd_member = pkg.names["ofd.xml"]
        root = pkg.xml(ofd_member, "the OFD entry file")
        if _local(root) != "OFD":
            raise pkg.fail(f"{ofd_member} is not an OFD entry file (root element {_local(root) or root.tag})")
        bodies = list(_kids(root, "DocBody"))
        if not bodies:
            raise pkg.fail(f"{ofd_member} has no DocBody: it names no document")
        if len(bodies) > 1:
            self.notes.append(f"the OFD holds {len(bodies)} documents; only the first is read")
        doc_root = _text(_kid(bodies[0], "DocRoot"))
        if not doc_root:
            raise pkg.fail(f"{ofd_member} names no document (DocBody has no DocRoot)")
        member = pkg.locate("", doc_root)
        if member is None:
            raise pkg.fail(f"{ofd_member} names {doc_root} as its document (DocRoot), but the package has no such file")
        self.doc_member = member
        self.doc_dir = posixpath.dirname(member)
        self.root = pkg.xml(member, "the document")
        if _local(self.root) != "Document":
            raise pkg.fail(f"{member} is not an OFD document (root element {_local(self.root) or self.root.tag})")
        common = _kid(self.root, "CommonData")
        box = _box(_text(_kid(common, "PageArea", "PhysicalBox")))
        if box is not None and box[2] > 0 and box[3] > 0:
            self.default_area = box
        self.templates: dict[str, str] = {}
        for tpl in _kids(common, "TemplatePage") if common is not None else ():
            loc = pkg.locate(self.doc_dir, tpl.get("BaseLoc", ""))
            if loc is not None:
                self.templates[tpl.get("ID", "")] = loc
        for res in ("PublicRes", "DocumentRes") if common is not None else ():
            for el in _kids(common, res):
                self._read_res(el.text or "", self.doc_dir)

    def _read_res(self, loc: str, base: str) -> None:
        """Drawing parameters (colours of rules) by ID; fonts and images are not needed."""
        member = self.pkg.locate(base, loc)
        if member is None or member in self._res_read:
            return
        self._res_read.add(member)
        try:
            root = self.pkg.xml(member, "a resource file")
        except NoticeError as e:  # only rule colours come from here: the text can still be read
            self.notes.append(f"resource file unreadable, its drawing colours unknown: {e.reason}")
            return
        for params in _kids(root, "DrawParams"):
            for p in _kids(params, "DrawParam"):
                self.draw_params[p.get("ID", "")] = p

    def page_entries(self) -> list[_PageEntry]:
        listing = _kid(self.root, "Pages")
        pages = list(_kids(listing, "Page")) if listing is not None else []
        if not pages:
            raise self.pkg.fail(f"{self.doc_member} lists no pages")
        if len(pages) > MAX_PAGES:
            raise self.pkg.fail(f"{self.doc_member} lists {len(pages)} pages, over the {MAX_PAGES} limit; refused")
        out = []
        for number, page in enumerate(pages, start=1):
            loc = page.get("BaseLoc", "")
            member = self.pkg.locate(self.doc_dir, loc)
            if member is None:
                raise self.pkg.fail(f"{self.doc_member} lists page {number} at {loc or '(no BaseLoc)'}, "
                                    f"but the package has no such file")
            out.append(_PageEntry(member))
        return out

    def page(self, number: int, entry: _PageEntry) -> Page:
        root = self.pkg.xml(entry.member, f"the content of page {number}")
        if _local(root) != "Page":
            raise self.pkg.fail(f"{entry.member} is not an OFD page (root element {_local(root) or root.tag})")
        area = _box(_text(_kid(root, "Area", "PhysicalBox")))
        if area is None or area[2] <= 0 or area[3] <= 0:
            area = self.default_area
        if area is None:
            self.notes.append(f"page {number} gives no page size (PhysicalBox); A4 assumed")
            area = A4_MM
        for res in _kids(root, "PageRes"):
            self._read_res(res.text or "", posixpath.dirname(entry.member))
        sink = _Sink(self, area)
        for tpl in _kids(root, "Template"):  # a template's objects print on its pages: headers, rules, seals
            member = self.templates.get(tpl.get("TemplateID", ""))
            if member is None:
                self.notes.append(f"page {number} uses template {tpl.get('TemplateID')!r}, which the document "
                                  "does not list; passed over")
                continue
            if member not in self._template_roots:
                self._template_roots[member] = self.pkg.xml(member, "a template page")
            sink.content(self._template_roots[member])
        sink.content(root)
        return sink.page(number)


# --- one page: objects → glyphs and rules --------------------------------------------------------------

@dataclass
class _RawGlyph:
    text: str
    corners: list[tuple[float, float]]  # the em box's corners on the page, mm
    size: float  # em height on the page, mm
    turn: int


@dataclass
class _RawPath:
    pts: list[tuple[float, float]]  # on the page, mm
    closed: bool
    stroke: bool
    fill: bool


class _Sink:
    """Collects one page's glyphs and rules in page millimetres, then hands them over in points."""

    def __init__(self, doc: _OfdDocument, area: tuple[float, float, float, float]):
        self.doc = doc
        self.area = area
        self.glyphs: list[_RawGlyph] = []
        self.paths: list[_RawPath] = []
        self.images = 0
        self.drawings = 0

    def content(self, page_root: etree._Element) -> None:
        content = _kid(page_root, "Content")
        for layer in _kids(content, "Layer") if content is not None else ():
            self._objects(layer, layer.get("DrawParam"), depth=0)

    def _objects(self, parent: etree._Element, draw_param: str | None, depth: int) -> None:
        for el in parent:
            kind = _local(el)
            if el.get("Visible", "true").lower() == "false":
                continue
            try:
                if kind == "TextObject":
                    self._text(el)
                elif kind == "PathObject":
                    self.drawings += 1
                    self._path(el, el.get("DrawParam") or draw_param)
                elif kind == "ImageObject":
                    self.images += 1
                elif kind == "CompositeObject":
                    self.drawings += 1
                elif kind == "PageBlock" and depth < 32:  # a group of objects in page coordinates
                    self._objects(el, draw_param, depth + 1)
            except (ValueError, OverflowError):  # a number that is none, or too large
                self.doc.skipped += 1

    def _placement(self, el: etree._Element) -> Matrix:
        """Object space → page: the CTM, then the move to the Boundary's origin."""
        box = _box(el.get("Boundary", ""))
        if box is None:
            raise ValueError("no Boundary")
        ctm = _matrix(el.get("CTM")) if el.get("CTM") else _IDENTITY
        a, b, c, d, e, f = ctm
        return (a, b, c, d, e + box[0], f + box[1])

    def _text(self, el: etree._Element) -> None:
        m = self._placement(el)
        size = float(el.get("Size", ""))
        if not size > 0 or not math.isfinite(size):
            raise ValueError("bad Size")
        hscale = float(el.get("HScale", "1") or 1)
        a, b, c, d, _, _ = m
        turn = turn_of(a, -b)  # y points down in OFD, up for turn_of
        em = size * math.hypot(c, d)
        if not em > 0 or not all(math.isfinite(v) for v in m):
            raise ValueError("a CTM that draws the text at no size")  # counted as a skipped object
        x = y = 0.0
        for code in _kids(el, "TextCode"):
            text = code.text or ""
            # A TextCode without X or Y goes on from where the one before ended.
            x = float(code.get("X")) if code.get("X") is not None else x
            y = float(code.get("Y")) if code.get("Y") is not None else y
            if not (math.isfinite(x) and math.isfinite(y)):
                raise ValueError("bad TextCode position")
            dx = _deltas(code.get("DeltaX"), len(text) - 1)
            dy = _deltas(code.get("DeltaY"), len(text) - 1)
            for i, ch in enumerate(text):
                step = dx[i] if i < len(dx) else _advance(ch) * size * hscale
                if not math.isfinite(step) or abs(step) > _MAX_STEP:
                    raise ValueError("a glyph advance off any page")
                if unicodedata.category(ch) != "Cc":  # a control character prints nothing
                    width = min(step, size * hscale) if step > 0 else _advance(ch) * size * hscale
                    box = [(x, y - ASCENT * size), (x + width, y - ASCENT * size),
                           (x, y + DESCENT * size), (x + width, y + DESCENT * size)]
                    self.glyphs.append(_RawGlyph(ch, [_apply(m, p) for p in box], em, turn))
                x += step
                y += dy[i] if i < len(dy) else 0.0
                if not (math.isfinite(x) and math.isfinite(y)) or max(abs(x), abs(y)) > _MAX_STEP:
                    raise ValueError("glyphs placed off any page")

    def _path(self, el: etree._Element, draw_param: str | None) -> None:
        m = self._placement(el)
        stroke = el.get("Stroke", "true").lower() != "false"
        fill = el.get("Fill", "false").lower() == "true"
        params = self.doc.draw_params.get(draw_param or "")
        stroke_color = _color(_kid(el, "StrokeColor")) or _color(_kid(params, "StrokeColor"))
        fill_color = _color(_kid(el, "FillColor")) or _color(_kid(params, "FillColor"))
        if _invisible(fill_color if fill else stroke_color):
            return
        for pts, closed in _subpaths(_text(_kid(el, "AbbreviatedData"))):
            self.paths.append(_RawPath([_apply(m, p) for p in pts], closed, stroke, fill))

    def page(self, number: int) -> Page:
        ox, oy, w_mm, h_mm = self.area
        width, height = w_mm * PT_PER_MM, h_mm * PT_PER_MM

        def pt(p: tuple[float, float]) -> tuple[float, float]:
            return ((p[0] - ox) * PT_PER_MM, (p[1] - oy) * PT_PER_MM)

        turn = upright_turn(g.turn for g in self.glyphs)
        glyphs = []
        for g in self.glyphs:
            if g.turn != turn:
                continue
            xs, ys = zip(*(pt(p) for p in g.corners), strict=True)
            x0, top, x1, bottom = turn_box((min(xs), min(ys), max(xs), max(ys)), turn, width, height)
            glyphs.append(Glyph(fold_radicals(g.text), x0, x1, top, bottom, g.size * PT_PER_MM))
        segs: list[Seg] = []
        for path in self.paths:
            pts = [pt(p) for p in path.pts]
            rect = _rect(pts) if path.closed or path.fill else None
            if rect is not None:
                segs += segments_from_rect(*turn_box(rect, turn, width, height), stroked=path.stroke)
            elif path.stroke:
                segs += [turn_seg(s, turn, width, height)
                         for s in segments_from_points(pts + pts[:1] if path.closed else pts)]
        if turn % 2:
            width, height = height, width
        return build_page(number, width, height, glyphs, segs, images=self.images, drawings=self.drawings)


def _check_text(pkg: _Package, pages: list[Page]) -> None:
    if sum(p.glyphs for p in pages):
        return
    if any(p.images for p in pages):
        what = "the pages hold only images (a scanned OFD), needs OCR"
    elif any(p.drawings for p in pages):
        what = "the pages hold only drawings, needs OCR"
    else:
        what = f"all {len(pages)} page(s) are blank"
    raise pkg.fail(f"no text — {what}")


# --- values ------------------------------------------------------------------------------------------

def _numbers(value: str | None) -> list[float]:
    return [float(v) for v in _NUMBER.findall(value or "")]


def _box(value: str) -> tuple[float, float, float, float] | None:
    """ST_Box "x y w h"."""
    nums = _numbers(value)
    return (nums[0], nums[1], nums[2], nums[3]) if len(nums) == 4 and all(map(math.isfinite, nums)) else None


def _matrix(value: str | None) -> Matrix:
    nums = _numbers(value)
    if len(nums) != 6 or not all(map(math.isfinite, nums)):
        raise ValueError(f"bad CTM {value!r}")
    return (nums[0], nums[1], nums[2], nums[3], nums[4], nums[5])


def _apply(m: Matrix, p: tuple[float, float]) -> tuple[float, float]:
    a, b, c, d, e, f = m
    x, y = p
    return (a * x + c * y + e, b * x + d * y + f)


def _deltas(value: str | None, need: int) -> list[float]:
    """DeltaX/DeltaY: numbers, where "g N v" stands for N times v. At most `need` are made, so a
    hostile "g 1000000000 1" costs nothing."""
    if not value:
        return []
    tokens = value.split()
    out: list[float] = []
    i = 0
    while i < len(tokens) and len(out) < need:
        if tokens[i] == "g" and i + 2 < len(tokens):
            count = int(float(tokens[i + 1]))
            out += [float(tokens[i + 2])] * max(0, min(count, need - len(out)))
            i += 3
        else:
            out.append(float(tokens[i]))
            i += 1
    if not all(map(math.isfinite, out)):
        raise ValueError("bad DeltaX/DeltaY")
    return out


def _advance(ch: str) -> float:
    """A character's advance in ems where the file gives none: full width for CJK, measured
    Noto CJK / SimSun widths for the rest (fonts are not read)."""
    if is_cjk(ch) or unicodedata.east_asian_width(ch) in "WF":
        return 1.0
    if ch.isspace():
        return 0.25
    if ch in ".,:;'!|`·ilI":
        return 0.3
    return 0.55


def _color(el: etree._Element | None) -> tuple[float, ...] | None:
    """A colour's components, 0-255 (RGB, grey or CMYK); hex components ("#FF") too."""
    if el is None or not el.get("Value"):
        return None
    out = []
    for token in el.get("Value", "").split():
        try:
            out.append(float(int(token[1:], 16)) if token.startswith("#") else float(token))
        except ValueError:
            return None
    return tuple(out) or None


def _invisible(color: tuple[float, ...] | None) -> bool:
    """White rules draw nothing (and some producers paint white boxes under the text)."""
    if not color:
        return False
    if len(color) == 4:  # CMYK
        return all(v <= 0.05 * 255 for v in color)
    return all(v >= 0.95 * 255 for v in color)


def _subpaths(data: str) -> list[tuple[list[tuple[float, float]], bool]]:
    """AbbreviatedData → subpaths as points (curves and arcs by their end points) and whether
    each is closed. S and M start a subpath, L draws a line, Q, B and A curves, C closes."""
    tokens = data.split()
    args = {"S": 2, "M": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}
    out: list[tuple[list[tuple[float, float]], bool]] = []
    pts: list[tuple[float, float]] = []
    i = 0
    while i < len(tokens):
        op = tokens[i]
        n = args.get(op)
        if n is None:
            raise ValueError(f"bad path operator {op!r}")
        nums = [float(t) for t in tokens[i + 1:i + 1 + n]]
        if len(nums) != n or not all(map(math.isfinite, nums)):
            raise ValueError("bad path numbers")
        i += 1 + n
        if op in "SM":
            if len(pts) > 1:
                out.append((pts, False))
            pts = [(nums[0], nums[1])]
        elif op == "C":
            if len(pts) > 1:
                out.append((pts, True))
            pts = pts[:1] if pts else []
        else:
            pts.append((nums[-2], nums[-1]))
    if len(pts) > 1:
        out.append((pts, False))
    return out


def _rect(pts: list[tuple[float, float]]) -> tuple[float, float, float, float] | None:
    """The box of a closed path drawn as an axis-parallel rectangle (4 corners, maybe repeated)."""
    corners = list(dict.fromkeys((round(x, 2), round(y, 2)) for x, y in pts))
    if len(corners) != 4:
        return None
    xs, ys = sorted({x for x, _ in corners}), sorted({y for _, y in corners})
    if len(xs) != 2 or len(ys) != 2:
        return None
    return (xs[0], ys[0], xs[1], ys[1])
