"""Reader for Word .docx files (WordprocessingML, transitional and strict OOXML).

The package is read with zipfile + lxml rather than python-docx: python-docx cannot open strict
OOXML, hides merge markup behind `row.cells`, and is slow on long tables. What is read:
  * body paragraphs and tables in document order, including content controls (w:sdt), custom
    XML wrappers and text boxes (their paragraphs and tables follow the anchoring paragraph);
  * tables on their real grid: w:gridSpan → colspan, w:vMerge → rowspan (continuation cells get
    no Cell of their own), w:gridBefore/w:gridAfter → holes; legacy w:hMerge too;
  * the text Word shows: runs in hyperlinks, fields (their results, not their codes), content
    controls and inserted revisions; not deleted revisions, deleted rows or hidden runs;
  * automatic list numbers (numbering.xml), rendered as Word shows them and put before the text.
Breaks (w:br) split a cell into lines and a body paragraph into several paragraphs, as a text
export would. A nested table is flattened into its cell's lines, one line per row.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .errors import NoticeError
from .model import Block, Cell, Document, Paragraph, SourcePos, Table
from .zipguard import ZipPackage

MAX_PART_BYTES = 200 * 1024 * 1024  # refuse larger zip members: a real notice is far smaller

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"

# Strict OOXML namespaces → their transitional twins, so one reader serves both.
_STRICT_NS = {
    "http://purl.oclc.org/ooxml/wordprocessingml/main": _W,
    "http://purl.oclc.org/ooxml/officeDocument/relationships":
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/math": _M,
    "http://purl.oclc.org/ooxml/officeDocument/sharedTypes":
        "http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes",
    "http://purl.oclc.org/ooxml/drawingml/main": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing":
        "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "http://purl.oclc.org/ooxml/drawingml/picture": "http://schemas.openxmlformats.org/drawingml/2006/picture",
}


def _w(local: str) -> str:
    return f"{{{_W}}}{local}"


P, R, T, TAB, BR, CR, PTAB = (_w(x) for x in ("p", "r", "t", "tab", "br", "cr", "ptab"))
TBL, TR, TC, TBLGRID, GRIDCOL = (_w(x) for x in ("tbl", "tr", "tc", "tblGrid", "gridCol"))
PPR, RPR, TRPR, TCPR = (_w(x) for x in ("pPr", "rPr", "trPr", "tcPr"))
GRIDSPAN, VMERGE, HMERGE, GRIDBEFORE, GRIDAFTER = (
    _w(x) for x in ("gridSpan", "vMerge", "hMerge", "gridBefore", "gridAfter"))
SDT, SDTCONTENT, CUSTOMXML, TXBX, BODY = (_w(x) for x in ("sdt", "sdtContent", "customXml", "txbxContent", "body"))
DEL, MOVEFROM, DELTEXT, INSTRTEXT, FLDCHAR = (_w(x) for x in ("del", "moveFrom", "delText", "instrText", "fldChar"))
NUMPR, NUMID, ILVL, PSTYLE, VANISH = (_w(x) for x in ("numPr", "numId", "ilvl", "pStyle", "vanish"))
NOBREAKHYPHEN, SOFTHYPHEN, SYM, ALTCHUNK = (_w(x) for x in ("noBreakHyphen", "softHyphen", "sym", "altChunk"))
VAL, TYPE, FLDCHARTYPE, CHAR = (_w(x) for x in ("val", "type", "fldCharType", "char"))
ALTERNATE, CHOICE, FALLBACK = (f"{{{_MC}}}{x}" for x in ("AlternateContent", "Choice", "Fallback"))
MATH_T = f"{{{_M}}}t"

# Elements whose subtree never holds text Word shows in the paragraph.
_SKIP = frozenset({PPR, RPR, DEL, MOVEFROM, DELTEXT, INSTRTEXT, _w("proofErr"), _w("bookmarkStart"),
                   _w("bookmarkEnd"), _w("commentRangeStart"), _w("commentRangeEnd"), _w("sdtPr"),
                   _w("sdtEndPr"), _w("footnoteReference"), _w("endnoteReference"), _w("annotationRef"),
                   _w("rt")})  # rt: a ruby's pronunciation guide, printed above its base text
# Containers of blocks (paragraphs, tables) or of table rows/cells that only wrap their content.
_WRAPPERS = frozenset({SDT, SDTCONTENT, CUSTOMXML})
_ON = frozenset({None, "1", "true", "on"})


def read_docx(path: str | Path) -> Document:
    path = Path(path)
    pkg = _Package.open(path)
    try:
        root = pkg.main_document()
        styles = _Styles(pkg.part_xml("styles"))
        numbering = _Numbering(pkg.part_xml("numbering"), styles)
    finally:
        pkg.close()
    body = root.find(BODY)
    reader = _Reader(numbering, styles)
    blocks = reader.blocks(body) if body is not None else []
    return Document(source_file=str(path), format="docx", blocks=blocks, warnings=reader.warnings)


# --- the package: zip, parts, relationships, and what to say when it is not a .docx ------------

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                              remove_comments=True, remove_pis=True)


@dataclass
class _Package(ZipPackage):
    main: str = ""
    @property
    def cap(self) -> int:
        return MAX_PART_BYTES  # read when used: the module's limit, as set

    @classmethod
    def open(cls, path: Path) -> _Package:
        name = str(path)
        try:
            size = path.stat().st_size
            with path.open("rb") as f:
                head = f.read(8)
        except OSError as e:
            raise NoticeError(name, f"cannot read the file: {e.strerror or e}") from e
        if size == 0:
            raise NoticeError(name, "empty file (0 bytes), not a .docx")
        if head == _OLE2_MAGIC:
            raise NoticeError(name, _ole2_reason(path))
        try:
            zf = zipfile.ZipFile(path)
        except zipfile.BadZipFile as e:
            raise NoticeError(name, _not_zip_reason(path, e)) from e
        except OSError as e:
            raise NoticeError(name, f"cannot read the file: {e.strerror or e}") from e
        return cls(path, zf, {n.lower(): n for n in zf.namelist()})

    def xml(self, member: str) -> etree._Element:
        data = self.read(member)
        # Checked before parsing: entity tricks (billion laughs, external entities) live in a DTD.
        if b"<!DOCTYPE" in data[:4096] or b"<\x00!\x00D\x00O\x00C" in data[:8192]:
            raise self.fail(f"{member} declares a DTD (<!DOCTYPE>), which Word never writes; refused")
        try:
            root = etree.fromstring(data, _XML_PARSER)
        except etree.XMLSyntaxError as e:
            raise self.fail(f"malformed XML in {member}: {e}") from e
        if root.getroottree().docinfo.doctype:
            raise self.fail(f"{member} declares a DTD (<!DOCTYPE>), which Word never writes; refused")
        if _is_strict(root):
            _to_transitional(root)
        return root

    def main_document(self) -> etree._Element:
        self.main = self._find_main()
        root = self.xml(self.main)
        if root.tag != _w("document"):
            raise self.fail(f"{self.main} is not a WordprocessingML document (root element {root.tag})")
        return root

    def part_xml(self, kind: str) -> etree._Element | None:
        """The part the main document relates to by type `kind` (styles, numbering), if any."""
        base = posixpath.dirname(self.main)
        rels = f"{base}/_rels/{posixpath.basename(self.main)}.rels"
        target = self._rel_target(rels, kind, base) or f"{base}/{kind}.xml"
        return self.xml(target) if self.has(target) else None

    def _find_main(self) -> str:
        target = self._rel_target("_rels/.rels", "officeDocument", "")
        if target and self.has(target):
            return target
        target = self._content_type_main()
        if target:
            return target
        if self.has("word/document.xml"):
            return "word/document.xml"
        raise self.fail(self._no_document_reason())

    def _content_type_main(self) -> str | None:
        """The main document part as [Content_Types].xml declares it (when _rels/.rels is missing)."""
        if not self.has("[Content_Types].xml"):
            return None
        for override in self.xml("[Content_Types].xml").iter(f"{{{_CT}}}Override"):
            kind = override.get("ContentType", "")
            part = override.get("PartName", "").lstrip("/")
            if "wordprocessingml" in kind and kind.endswith(".main+xml") and self.has(part):
                return part
        return None

    def _rel_target(self, rels: str, kind: str, base: str) -> str | None:
        if not self.has(rels):
            return None
        for rel in self.xml(rels).iter(f"{{{_PKG_RELS}}}Relationship"):
            if rel.get("Type", "").rsplit("/", 1)[-1] == kind and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                joined = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
                return posixpath.normpath(joined)
        return None

    def _no_document_reason(self) -> str:
        for member, what in (("xl/workbook.xml", "an Excel workbook (.xlsx)"),
                             ("ppt/presentation.xml", "a PowerPoint presentation (.pptx)"),
                             ("content.xml", "an OpenDocument file (.odt)")):
            if self.has(member):
                return f"not a .docx: the zip package is {what}, not a Word document"
        return "not a .docx: the zip package has no word/document.xml (no main document part)"


def _ole2_reason(path: Path) -> str:
    # Both legacy .doc files and password-protected .docx files are OLE2 compound files; the
    # stream names (UTF-16LE in the directory) tell them apart.
    with path.open("rb") as f:
        data = f.read(MAX_PART_BYTES)
    if "EncryptionInfo".encode("utf-16-le") in data:
        return ("password-protected (encrypted) .docx: Word stores it as an OLE2 container; "
                "remove the password in Word (File → Info → Protect Document) and save again")
    if "WordDocument".encode("utf-16-le") in data:
        return "legacy Word 97-2003 .doc (OLE2), not a .docx: open it in Word or WPS and save as .docx"
    return ("legacy Word .doc (OLE2) or an encrypted/password-protected .docx: not a zip package; "
            "open it in Word or WPS and save it as an unprotected .docx")


def _not_zip_reason(path: Path, error: Exception) -> str:
    with path.open("rb") as f:
        head = f.read(2048)
    if head.startswith(b"PK"):
        return f"not a .docx: damaged or truncated zip package ({error})"
    low = head.lstrip(b"\xef\xbb\xbf \r\n\t").lower()
    for marker, what in ((b"{\\rtf", "an RTF document"), (b"%pdf", "a PDF file"),
                         (b"mime-version", "an MHT web archive"), (b"<html", "an HTML page"),
                         (b"<!doctype html", "an HTML page")):
        if low.startswith(marker):
            return f"not a .docx: not a zip package (it is {what}; save it as .docx)"
    if low.startswith(b"<?xml") and b"pkg:package" in low:
        return "not a .docx: not a zip package (it is a Word XML / Flat OPC file; save it as .docx)"
    if low.startswith(b"<?xml") and b"worddocument" in low:
        return "not a .docx: not a zip package (it is a Word 2003 XML file; save it as .docx)"
    return "not a .docx: not a zip package"


def _is_strict(root: etree._Element) -> bool:
    ns = etree.QName(root).namespace or ""
    return ns.startswith("http://purl.oclc.org/ooxml/")


def _to_transitional(root: etree._Element) -> None:
    """Rewrite strict namespace URIs of elements and attributes in place."""
    pattern = re.compile(r"^\{(http://purl\.oclc\.org/ooxml/[^}]*)\}")

    def fix(name: str) -> str:
        m = pattern.match(name)
        return name if m is None else f"{{{_STRICT_NS.get(m.group(1), m.group(1))}}}{name[m.end():]}"

    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        el.tag = fix(el.tag)
        for key in [k for k in el.attrib if k.startswith("{http://purl.oclc.org/")]:
            el.attrib[fix(key)] = el.attrib.pop(key)


def _val(el: etree._Element | None, default: str | None = None) -> str | None:
    return default if el is None else el.get(VAL, default)


def _int(el: etree._Element | None, default: int) -> int:
    try:
        return int(_val(el) or default)
    except ValueError:
        return default


# --- numbering: styles.xml (style-based numPr) and numbering.xml (levels, counters) ----------------

class _Styles:
    def __init__(self, root: etree._Element | None):
        self._styles: dict[str, etree._Element] = {}
        self.default_para: str | None = None
        self._cache: dict[str, tuple[str | None, int | None]] = {}
        self.any_numbering = False  # lets paragraphs skip the style lookup in most documents
        if root is None:
            return
        for style in root.iter(_w("style")):
            sid = style.get(_w("styleId"))
            if sid is None:
                continue
            self._styles[sid] = style
            if style.get(TYPE) == "paragraph" and style.get(_w("default")) in ("1", "true", "on"):
                self.default_para = sid
        self.any_numbering = any(s.find(f"{PPR}/{NUMPR}") is not None for s in self._styles.values())

    def num_pr(self, style_id: str | None) -> tuple[str | None, int | None]:
        """(numId, ilvl) a paragraph style gives, following w:basedOn."""
        if style_id is None:
            return None, None
        if style_id not in self._cache:
            self._cache[style_id] = (None, None)  # guards against basedOn cycles
            self._cache[style_id] = self._resolve(style_id)
        return self._cache[style_id]

    def _resolve(self, style_id: str) -> tuple[str | None, int | None]:
        style = self._styles.get(style_id)
        if style is None:
            return None, None
        numpr = style.find(f"{PPR}/{NUMPR}")
        num_id = _val(numpr.find(NUMID)) if numpr is not None else None
        ilvl_el = numpr.find(ILVL) if numpr is not None else None
        ilvl = _int(ilvl_el, 0) if ilvl_el is not None else None
        if num_id is None or ilvl is None:
            base_num, base_ilvl = self.num_pr(_val(style.find(_w("basedOn"))))
            num_id = num_id if num_id is not None else base_num
            ilvl = ilvl if ilvl is not None else base_ilvl
        return num_id, ilvl


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: None = after any higher level, 0 = never
    suffix: str = "\t"
    legal: bool = False  # w:isLgl: show every level's number in Arabic digits


@dataclass
class _Num:
    abstract: str
    levels: dict[int, _Level]
    starts: dict[int, int] = field(default_factory=dict)  # w:startOverride per level
    used: bool = False


class _Numbering:
    """Renders list numbers as Word does.

    Counters belong to the abstract list: numbering instances (w:num) sharing one abstractNum
    continue each other, as in Word; an instance with a w:startOverride restarts that level the
    first time it is used (that is how Word records "restart numbering").
    """

    def __init__(self, root: etree._Element | None, styles: _Styles):
        self._styles = styles
        self._abstract: dict[str, tuple[dict[int, _Level], str | None]] = {}
        self._nums: dict[str, _Num] = {}
        self._counters: dict[str, list[int | None]] = {}  # abstractNumId → counter per level
        self._num_abstract: dict[str, str] = {}
        if root is None:
            return
        for ab in root.iter(_w("abstractNum")):
            levels = {_int_attr(lvl, _w("ilvl")): _level(lvl) for lvl in ab.iter(_w("lvl"))}
            self._abstract[ab.get(_w("abstractNumId"), "")] = (levels, _val(ab.find(_w("numStyleLink"))))
        nums = list(root.iter(_w("num")))
        self._num_abstract = {n.get(_w("numId"), ""): _val(n.find(_w("abstractNumId")), "") or "" for n in nums}
        for num in nums:
            self._nums[num.get(_w("numId"), "")] = self._instance(num)

    def _instance(self, num: etree._Element) -> _Num:
        abstract = self._link(_val(num.find(_w("abstractNumId")), "") or "")
        levels = dict(self._abstract.get(abstract, ({}, None))[0])
        out = _Num(abstract, levels)
        for ov in num.iter(_w("lvlOverride")):
            ilvl = _int_attr(ov, _w("ilvl"))
            lvl = ov.find(_w("lvl"))
            if lvl is not None:
                levels[ilvl] = _level(lvl)
            start = ov.find(_w("startOverride"))
            if start is not None:
                out.starts[ilvl] = _int(start, 1)
        return out

    def _link(self, abstract: str, depth: int = 0) -> str:
        """Follow w:numStyleLink: a list defined through a numbering style uses that style's list."""
        link = self._abstract.get(abstract, ({}, None))[1]
        if link is None or depth > 5:
            return abstract
        num_id, _ = self._styles.num_pr(link)
        target = self._num_abstract.get(num_id or "")
        return self._link(target, depth + 1) if target else abstract

    def label(self, num_id: str, ilvl: int) -> str:
        num = self._nums.get(num_id)
        if num is None or not 0 <= ilvl <= 8:
            return ""
        level = num.levels.get(ilvl)
        if level is None:
            return ""
        counters = self._counters.setdefault(num.abstract, [None] * 9)
        if not num.used:
            num.used = True
            for k in num.starts:  # "restart numbering": this instance starts its levels afresh
                counters[k:] = [None] * (9 - k)
        counters[ilvl] = self._start(num, ilvl) if counters[ilvl] is None else counters[ilvl] + 1
        for k in range(ilvl + 1, 9):
            restart = num.levels[k].restart if k in num.levels else None
            if restart is None or (restart > 0 and ilvl + 1 <= restart):
                counters[k] = None
        return self._render(num, level, counters) + level.suffix

    def _start(self, num: _Num, ilvl: int) -> int:
        if ilvl in num.starts:
            return num.starts[ilvl]
        return num.levels[ilvl].start if ilvl in num.levels else 1

    def _render(self, num: _Num, level: _Level, counters: list[int | None]) -> str:
        if level.fmt == "bullet":
            # Bullets are usually private-use glyphs of Symbol/Wingdings; show a plain bullet.
            return "•" if any(0xF000 <= ord(ch) <= 0xF0FF for ch in level.text) else level.text

        def one(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            value = counters[k] if counters[k] is not None else self._start(num, k)
            lvl = num.levels.get(k)
            fmt = "decimal" if level.legal or lvl is None else lvl.fmt
            return format_number(value, fmt)

        return re.sub(r"%([1-9])", one, level.text)


def _int_attr(el: etree._Element, name: str) -> int:
    try:
        return int(el.get(name, "0"))
    except ValueError:
        return 0


def _level(lvl: etree._Element) -> _Level:
    restart_el = lvl.find(_w("lvlRestart"))
    suffix = {"tab": "\t", "space": " ", "nothing": ""}.get(_val(lvl.find(_w("suff")), "tab") or "tab", "\t")
    legal_el = lvl.find(_w("isLgl"))
    return _Level(
        start=_int(lvl.find(_w("start")), 1),
        fmt=_val(lvl.find(_w("numFmt")), "decimal") or "decimal",
        text=_val(lvl.find(_w("lvlText")), "") or "",
        restart=_int(restart_el, 0) if restart_el is not None else None,
        suffix=suffix,
        legal=legal_el is not None and _val(legal_el) in _ON,
    )


# --- number formats ----------------------------------------------------------------------------

_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def format_number(n: int, fmt: str) -> str:
    """`n` in Word's number format `fmt` (w:numFmt); unknown formats fall back to decimal."""
    simple = _SIMPLE_FORMATS.get(fmt)
    if simple is not None:
        return simple(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 + n - 1)
    if fmt == "ideographEnclosedCircle" and 1 <= n <= 10:
        return chr(0x3280 + n - 1)
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _STEMS[n - 1]
    if fmt == "ideographZodiac" and 1 <= n <= 12:
        return _BRANCHES[n - 1]
    return str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letter(n: int) -> str:
    # Word repeats the letter past Z: A..Z, AA..ZZ, AAA...
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _cn_counting(n: int) -> str:
    """chineseCounting: 一 … 十 十一 … 九十九, then digit by digit (一〇〇)."""
    if not 0 < n < 100:
        return _cn_digits(n)
    tens, ones = divmod(n, 10)
    return ((_CN_DIGITS[tens] if tens > 1 else "") + ("十" if tens else "")
            + (_CN_DIGITS[ones] if ones else ""))


def _cn_thousand(n: int, digits: str = _CN_DIGITS, units: str = "十百千", zero: str = "〇",
                 bare_ten: bool = True) -> str:
    """chineseCountingThousand: 一百〇一, 一百一十, 一千〇一 (十 alone for 10-19 unless not `bare_ten`)."""
    if not 0 < n < 10000:
        return str(n)
    out: list[str] = []
    pending_zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // power % 10
        if d == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append(zero)
            pending_zero = False
        if not (power == 10 and d == 1 and not out and bare_ten):
            out.append(digits[d])
        out.append(unit)
    return "".join(out)


def _cn_digits(n: int) -> str:
    return "".join(_CN_DIGITS[int(d)] for d in str(n)) if n >= 0 else str(n)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_SIMPLE_FORMATS = {
    "decimal": str,
    "decimalHalfWidth": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(_FULLWIDTH),
    "decimalFullWidth2": lambda n: str(n).translate(_FULLWIDTH),
    "upperRoman": lambda n: _roman(n).upper(),
    "lowerRoman": _roman,
    "upperLetter": lambda n: _letter(n).upper(),
    "lowerLetter": _letter,
    "ordinal": _ordinal,
    "none": lambda n: "",
    "chineseCounting": _cn_counting,
    "chineseCountingThousand": _cn_thousand,
    "taiwaneseCounting": _cn_counting,
    "taiwaneseCountingThousand": _cn_thousand,
    "japaneseCounting": _cn_thousand,
    "ideographDigital": _cn_digits,
    "taiwaneseDigital": _cn_digits,
    "japaneseDigitalTenThousand": _cn_digits,
    # Financial numerals always write the digit before 拾: 壹拾贰.
    "chineseLegalSimplified": lambda n: _cn_thousand(n, _CN_LEGAL, "拾佰仟", "零", bare_ten=False),
    "ideographLegalTraditional": lambda n: _cn_thousand(n, "零壹貳參肆伍陸柒捌玖", "拾佰仟", "零", bare_ten=False),
}
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


# --- body, paragraphs, tables ------------------------------------------------------------------

@dataclass
class _Para:
    """What one w:p holds: its lines (split at breaks) and the text boxes anchored in it."""

    lines: list[str]
    boxes: list[etree._Element]


class _Inline:
    """Collects the visible text of one paragraph."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.parts: list[str] = []
        self.boxes: list[etree._Element] = []
        self.fields: list[bool] = []  # complex fields open here: True once past w:separate
        self.hidden = 0

    def visible(self) -> bool:
        return not self.hidden and all(self.fields)

    def walk(self, el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if tag == R:
                self._run(child)
            elif tag in _SKIP or not isinstance(tag, str):
                continue
            elif tag == MATH_T:
                self._text(child.text or "")
            elif tag == SDT and _is_placeholder(child):
                continue
            else:  # hyperlink, fldSimple, sdt, ins, moveTo, smartTag, oMath, AlternateContent ...
                self.walk_one(child)

    def _run(self, run: etree._Element) -> None:
        rpr = run[0] if len(run) and run[0].tag == RPR else None
        vanish = rpr.find(VANISH) if rpr is not None else None
        hidden = vanish is not None and vanish.get(VAL) in _ON
        self.hidden += hidden
        for child in run:
            tag = child.tag
            if tag == T:
                self._text(child.text or "")
            elif tag == TAB or tag == PTAB:
                self._text("\t")
            elif tag == BR or tag == CR:
                self._break()
            elif tag == FLDCHAR:
                self._field(child.get(FLDCHARTYPE))
            elif tag == NOBREAKHYPHEN:
                self._text("-")
            elif tag == SYM:
                self._sym(child)
            elif tag in _SKIP or tag == SOFTHYPHEN or not isinstance(tag, str):
                continue
            else:  # drawing, pict, AlternateContent, ruby ... may hold text boxes or text
                self.walk_one(child)
        self.hidden -= hidden

    def walk_one(self, el: etree._Element) -> None:
        """Read `el` itself: one branch of an mc:AlternateContent, a text box, or its children."""
        if el.tag == ALTERNATE:
            branch = _branch(el)
            if branch is not None:
                self.walk(branch)
        elif el.tag == TXBX:
            self.boxes.append(el)
        else:
            self.walk(el)

    def _text(self, text: str) -> None:
        if text and self.visible():
            self.parts.append(text)

    def _break(self) -> None:
        if self.visible():
            self.lines.append("".join(self.parts))
            self.parts = []

    def _field(self, kind: str | None) -> None:
        if kind == "begin":
            self.fields.append(False)  # field code follows: not shown
        elif kind == "separate" and self.fields:
            self.fields[-1] = True  # the result follows: shown
        elif kind == "end" and self.fields:
            self.fields.pop()

    def _sym(self, el: etree._Element) -> None:
        try:
            code = int(el.get(CHAR, ""), 16)
        except ValueError:
            return
        if not 0xF000 <= code <= 0xF0FF:  # symbol-font private-use glyphs have no text meaning
            self._text(chr(code))

    def finish(self) -> list[str]:
        self.lines.append("".join(self.parts))
        return self.lines


def _branch(alternate: etree._Element) -> etree._Element | None:
    """One branch of mc:AlternateContent: the first mc:Choice, else mc:Fallback (never both)."""
    choice = alternate.find(CHOICE)
    return choice if choice is not None else alternate.find(FALLBACK)


def _is_placeholder(sdt: etree._Element) -> bool:
    """A content control still showing its prompt ("单击或点击此处输入文字。"), not content."""
    return sdt.find(f"{_w('sdtPr')}/{_w('showingPlcHdr')}") is not None


def _children(el: etree._Element):
    """Children of a block container, looking through content controls and custom XML."""
    for child in el:
        tag = child.tag
        if tag in _WRAPPERS:
            if tag != SDT or not _is_placeholder(child):
                yield from _children(child)
        elif tag == ALTERNATE:
            branch = _branch(child)
            if branch is not None:
                yield from _children(branch)
        elif isinstance(tag, str):
            yield child


class _Reader:
    def __init__(self, numbering: _Numbering, styles: _Styles):
        self.numbering = numbering
        self.styles = styles
        self.warnings: list[str] = []
        self.n_tables = 0

    def blocks(self, container: etree._Element) -> list[Block]:
        out: list[Block] = []
        for el in _children(container):
            if el.tag == P:
                para = self.paragraph(el)
                out.extend(Paragraph(line) for line in _clean(para.lines, in_cell=False))
                for box in para.boxes:  # text boxes read after the paragraph that anchors them
                    out.extend(self.blocks(box))
            elif el.tag == TBL:
                out.append(self.table(el))
            elif el.tag == ALTCHUNK:
                self.warnings.append("an embedded document (w:altChunk) was not read")
        return out

    def paragraph(self, p: etree._Element) -> _Para:
        inline = _Inline()
        inline.walk(p)
        lines = inline.finish()
        label = self.number_label(p)
        if label:
            lines[0] = label + lines[0]
        return _Para(lines, inline.boxes)

    def number_label(self, p: etree._Element) -> str:
        ppr = p[0] if len(p) and p[0].tag == PPR else None
        num_id: str | None = None
        ilvl: int | None = None
        style = self.styles.default_para
        if ppr is not None:
            numpr = ppr.find(NUMPR)
            if numpr is not None:
                num_id = _val(numpr.find(NUMID))
                ilvl_el = numpr.find(ILVL)
                ilvl = _int(ilvl_el, 0) if ilvl_el is not None else None
            style = _val(ppr.find(PSTYLE)) or style
        if (num_id is None or ilvl is None) and self.styles.any_numbering:
            s_num, s_ilvl = self.styles.num_pr(style)
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_ilvl
        if not num_id or num_id == "0":  # numId 0 switches numbering off
            return ""
        if ppr is not None and ppr.find(f"{RPR}/{DEL}") is not None:
            return ""  # the paragraph itself is a tracked deletion: its number is gone too
        return self.numbering.label(num_id, ilvl or 0)

    # tables ---------------------------------------------------------------------------------

    def table(self, tbl: etree._Element) -> Table:
        self.n_tables += 1
        grid = tbl.find(TBLGRID)
        grid_cols = len(grid.findall(GRIDCOL)) if grid is not None else 0
        layout = _Layout()
        for tr in _children(tbl):
            if tr.tag != TR:
                continue
            trpr = tr.find(TRPR)
            if trpr is not None and trpr.find(DEL) is not None:
                continue  # a row deleted in tracked changes
            self.row(tr, trpr, layout)
        n_cols = layout.width or grid_cols
        return Table(n_rows=layout.row, n_cols=n_cols, cells=layout.cells)

    def row(self, tr: etree._Element, trpr: etree._Element | None, layout: _Layout) -> None:
        r = layout.row
        col = _int(trpr.find(GRIDBEFORE), 0) if trpr is not None else 0
        after = _int(trpr.find(GRIDAFTER), 0) if trpr is not None else 0
        open_now: dict[int, Cell] = {}
        prev: Cell | None = None
        for tc in _children(tr):
            if tc.tag != TC:
                continue
            span, vmerge, hmerge = _cell_props(tc)
            lines = self.cell_lines(tc, r, col)
            if hmerge == "continue" and prev is not None and prev.row == r:
                prev.colspan = (prev.colspan or 1) + span  # legacy horizontal merge
                prev.lines.extend(lines)
            else:
                prev = layout.place(r, col, span, vmerge, lines, open_now, self.warnings, self.n_tables)
            col += span
        layout.width = max(layout.width, col + after)
        layout.open = open_now
        layout.row += 1

    def cell_lines(self, tc: etree._Element, r: int, c: int) -> list[str]:
        lines: list[str] = []
        for el in _children(tc):
            if el.tag == P:
                para = self.paragraph(el)
                lines.extend(_clean(para.lines, in_cell=True))
                for box in para.boxes:
                    lines.extend(self.flat_lines(box))
            elif el.tag == TBL:
                lines.extend(self.nested_lines(el))
                self.warnings.append(f"table {self.n_tables}, row {r + 1}, column {c + 1}: "
                                     "a nested table was read as text lines, one per row")
        return lines

    def flat_lines(self, container: etree._Element) -> list[str]:
        """A text box's content as cell lines (its tables one line per row)."""
        n_tables = self.n_tables
        out: list[str] = []
        for block in self.blocks(container):
            out.extend([block.text.replace("\t", " ")] if isinstance(block, Paragraph) else _table_lines(block))
        self.n_tables = n_tables  # tables inside a cell are not tables of the document
        return out

    def nested_lines(self, tbl: etree._Element) -> list[str]:
        n_tables = self.n_tables
        table = self.table(tbl)
        self.n_tables = n_tables
        return _table_lines(table)


@dataclass
class _Layout:
    """The grid being built for one table."""

    cells: list[Cell] = field(default_factory=list)
    row: int = 0
    width: int = 0
    open: dict[int, Cell] = field(default_factory=dict)  # column → cell a vMerge may continue

    def place(self, r: int, col: int, span: int, vmerge: str | None, lines: list[str],
              open_now: dict[int, Cell], warnings: list[str], table_no: int) -> Cell:
        origin = self.open.get(col) if vmerge == "continue" else None
        if origin is not None and any(c is origin for c in open_now.values()):
            return origin  # a second continuation under one wide cell: already covered
        if origin is not None:
            origin.rowspan = r - origin.row + 1
            if lines:  # Word hides a continuation cell's text; keep it rather than lose it
                origin.lines.extend(lines)
                warnings.append(f"table {table_no}, row {r + 1}, column {col + 1}: text in a merged-away "
                                "cell was added to the merged cell")
            cell = origin
        else:  # a plain cell, a merge's first cell, or a continuation with nothing above
            cell = Cell(row=r, col=col, lines=lines, rowspan=1, colspan=span, source=SourcePos(row=r, col=col))
            self.cells.append(cell)
        if vmerge is not None:
            for c in range(cell.col, cell.col + (cell.colspan or 1)):
                open_now[c] = cell
        return cell


def _cell_props(tc: etree._Element) -> tuple[int, str | None, str | None]:
    """gridSpan, and w:vMerge / w:hMerge as "restart", "continue" (their default value) or None."""
    span, vmerge, hmerge = 1, None, None
    tcpr = tc[0] if len(tc) and tc[0].tag == TCPR else None
    for prop in tcpr if tcpr is not None else ():
        tag = prop.tag
        if tag == GRIDSPAN:
            span = max(1, _int(prop, 1))
        elif tag == VMERGE:
            vmerge = prop.get(VAL) or "continue"
        elif tag == HMERGE:
            hmerge = prop.get(VAL) or "continue"
    return span, vmerge, hmerge


def _table_lines(table: Table) -> list[str]:
    out = []
    for r in range(table.n_rows):
        texts = [" ".join(t.split("\n")) for t in table.row_texts(r) if t.strip()]
        if texts:
            out.append(" ".join(texts))
    return out


def _clean(lines: list[str], in_cell: bool) -> list[str]:
    """Drop blank lines and trailing space; a cell's tabs become spaces, as in text exports, and
    the spaces that pad a cell's line (序号 “      1”, aligned by hand) go, as a web page and a
    PDF lose them."""
    out = []
    for line in lines:
        if in_cell:
            line = line.replace("\t", " ").lstrip()
        line = line.rstrip()
        if line.strip():
            out.append(line)
    return out


__all__ = ["MAX_PART_BYTES", "format_number", "read_docx"]
