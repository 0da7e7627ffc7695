"""Reader for web pages (.html/.htm) and web archives (.mhtml/.mht).

Government sites publish notices as pages whose task tables are HTML tables. What is read:
  * the bytes' encoding: a BOM, else bytes valid as UTF-8 are UTF-8, else the charset the page
    (or the web archive's part) declares, with GB2312/GBK read as GB18030, their superset; a page
    whose bytes are not what it declares falls back to GB18030 and says so (see `decode_page`);
  * the page's text as a browser shows it: whitespace collapsed, `&nbsp;` and U+3000 kept as
    spaces, no space where the source wraps a line between two CJK characters (CSS Text 3);
    lines end at block elements (p, div, li, h1 …) and `<br>`; `<ol>` items get their numbers;
  * data tables — no table nested inside, at least 2 rows and 2 columns — on their real grid:
    rowspan/colspan → spans (occupied positions skipped as browsers do, ragged rows left with
    holes, spans over the table's end cut); any other table only lays out the page, and its
    cells are read as blocks;
  * only the notice, not the page around it: hidden and non-text elements, `<nav>`, `<aside>`,
    `<footer>` (and `<header>` outside an article) go first; then lines of site chrome (分享到,
    当前位置, 版权所有, ICP备 …), menus (blocks that are mostly links) and metadata boxes are
    dropped, and the content is the smallest element holding the page's title (from `<title>`),
    every data table and every line of prose (see `_content`).
An MHTML archive is opened with the email package and its HTML part read as a page.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
from lxml import etree

from .docx import format_number
from .encoding import decode_text
from .errors import NoticeError
from .model import Block, Cell, Document, Paragraph, SourcePos, Table
from .sniff import looks_binary, looks_mhtml

MAX_BYTES = 50 * 1024 * 1024  # a saved notice page is well under 5 MB; far more is not a notice
MAX_GRID = 2_000_000  # grid positions one table's spans may cover (rowspan=65534 × colspan=1000 is a bomb)
# Pages that never close a <font> or <b> nest every later element inside it (libxml2 does as a
# browser does): hundreds of levels are ordinary; the walk is recursive, so past this, refused.
MAX_DEPTH = 800

# Nothing in these is text the page shows (form controls: a search box's placeholder, a button's label).
_SKIP = frozenset({"head", "title", "script", "style", "noscript", "template", "iframe", "frame", "frameset",
                   "object", "embed", "applet", "svg", "math", "canvas", "video", "audio", "map", "select",
                   "option", "button", "input", "textarea", "meta", "link", "base", "rt", "rp", "nav", "aside",
                   "footer", "dialog"})
_LANDMARK_CHROME = frozenset({"navigation", "banner", "contentinfo", "search", "complementary"})
_BLOCK = frozenset({"address", "article", "blockquote", "body", "center", "dd", "details", "dir", "div", "dl", "dt",
                    "fieldset", "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
                    "hgroup", "hr", "html", "legend", "li", "listing", "main", "menu", "ol", "p", "plaintext",
                    "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption",
                    "ul", "xmp"})
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_LIST_NONE = re.compile(r"list-style(-type)?\s*:[^;]*\bnone\b", re.I)
_OL_TYPES = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}

# Lines of site chrome: any one of these marks a short line (≤ 200 characters) as the site's, not
# the notice's. Chosen to be words a notice does not print: navigation, sharing, footers, metadata boxes.
_CHROME = re.compile(
    r"版权所有|copyright|©|ICP备|ICP证|公网安备|网站标识码|网站地图|技术支持[：:]|分享到|当前位置|您的位置|"
    r"现在的位置|当前的位置|所在位置[：:]|打印本页|打印此页|关闭窗口|关闭本页|[【\[](打印|关闭|收藏)[】\]]|"
    r"加入收藏|设为首页|上一篇|下一篇|责任编辑|索引号|浏览次数|阅读次数|访问次数|点击次数|点击数[：:]|"
    r"(字体|字号)[：:]?\s*[【\[]?\s*大|今天是|\d{4}年\d{1,2}月\d{1,2}日\s*星期[一二三四五六日天]", re.I)
# Weaker marks: two of them on one short line make a page's metadata line (发布时间：… 来源：… 浏览：…).
# As labels or counters only: a notice's sentence may well say 打印, 关闭 or 点击 (关闭无证经营场所).
_CHROME_WEAK = re.compile(r"发布时间|发布日期|来源[：:]|作者[：:]|发布机构|浏览(?:次数|量)?[：:]|"
                          r"点击(?:率|量|数)?[：:]|字号[：:]|字体[：:]|[【\[](?:打印|关闭|收藏)[】\]]")
_CHROME_MAX = 200
_PROSE = re.compile(r"[，。；]")  # a line of sentences: site chrome rarely has them


def read_html(path: str | Path) -> Document:
    path = Path(path)
    name = str(path)
    data = _read_capped(path)
    transport = None
    what = "web page"
    if looks_mhtml(data[:8192]):
        data, transport = _mhtml_html_part(name, data)
        what = "web archive's HTML part"
    if looks_binary(data[:8192]):
        raise NoticeError(name, f"not a web page: the {what} is binary data (NUL or control bytes), "
                                "damaged or not HTML")
    text, encoding, warnings = decode_page(data, transport)
    _refuse_undecodable(name, text)
    text, removed = _CONTROL.subn("", text)
    if removed:
        warnings.append(f"{removed} control character(s) removed (not allowed in HTML text)")
    root = _parse(name, text)
    if root is None:
        return Document(source_file=name, format="html", blocks=[], encoding=encoding, warnings=warnings)
    title = _page_title(root)
    body = root.find("body")
    walker = _Walker(name)
    walker.walk(body if body is not None else root)
    walker.flush()
    blocks = _content(walker.units, title)
    if not blocks and (root.find(".//frameset") is not None or root.find(".//iframe") is not None):
        warnings.append("the page shows its content in frames (<frameset>/<iframe>), which are separate files; "
                        "save the framed page itself")
    return Document(source_file=name, format="html", blocks=blocks, encoding=encoding, warnings=warnings)


# --- bytes: size, web archives, encodings -------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _read_capped(path: Path) -> bytes:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise NoticeError(name, f"{size} bytes, over the {MAX_BYTES >> 20} MB limit for a web page; refused")
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)  # read with the cap: a file can grow after stat
    except IsADirectoryError as e:
        raise NoticeError(name, "a folder, not a file") from e
    except OSError as e:
        raise NoticeError(name, f"cannot read the file: {e.strerror or e}") from e
    if len(data) > MAX_BYTES:
        raise NoticeError(name, f"over the {MAX_BYTES >> 20} MB limit for a web page; refused")
    if not data:
        raise NoticeError(name, "empty file (0 bytes)")
    return data


def _mhtml_html_part(name: str, data: bytes) -> tuple[bytes, str | None]:
    """The page of a web archive: the part the multipart/related `start` names, else its first
    text/html part; its bytes (quoted-printable/base64 undone) and the charset its headers give."""
    import email
    import email.policy

    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        parts = [p for p in message.walk() if p.get_content_type() == "text/html"]
        start = (message.get_param("start") or "").strip()
        start = start if isinstance(start, str) else ""
        root = next((p for p in parts if start and (p.get("Content-ID") or "").strip() == start), None)
        root = root or (parts[0] if parts else None)
        if root is None:
            raise NoticeError(name, "web archive (.mhtml) without a text/html part: no page to read")
        payload = root.get_payload(decode=True)
        charset = root.get_content_charset()
    except NoticeError:
        raise
    except Exception as e:  # the email package raises many kinds on damaged archives
        raise NoticeError(name, f"damaged web archive (.mhtml): {e}") from e
    if not isinstance(payload, bytes) or not payload.strip():
        raise NoticeError(name, "web archive (.mhtml) whose HTML part is empty")
    return payload, charset


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
_XML_ENCODING = re.compile(rb"<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)", re.I)
_GB_LABELS = frozenset({"gb2312", "gbk", "gb_2312", "gb_2312-80", "x-gbk", "cp936", "windows-936", "ms936",
                        "csgb2312", "chinese", "iso-ir-58", "csiso58gb231280", "gb18030", "euc-cn", "x-euc-cn",
                        "hz-gb-2312"})
# Western single-byte labels decode any bytes: on a Chinese notice they are a template's leftover,
# so GB18030 bytes are read as GB18030 rather than as Latin letters.
_WESTERN = frozenset({"cp1252", "latin_1", "iso8859-1", "ascii", "iso8859-15"})


def _codec(label: str | None) -> str | None:
    """The Python codec for an encoding label, GB2312/GBK as GB18030; None when unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _GB_LABELS:
        return "gb18030"
    if label in ("iso-8859-1", "latin1", "us-ascii", "ascii", "windows-1252"):
        return "cp1252"  # WHATWG: these labels mean windows-1252
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name.startswith("utf-16") or name.startswith("utf-32"):
        return "utf-8"  # a page whose meta could be read as ASCII is not UTF-16 (WHATWG)
    return name


def _declared(data: bytes) -> str | None:
    head = data[:8192]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return m.group(1).decode("ascii", "replace") if m else None


def decode_page(data: bytes, transport: str | None = None) -> tuple[str, str, list[str]]:
    """(text, encoding used, warnings). A BOM wins; then bytes valid as UTF-8 are UTF-8 whatever
    is declared (by chance GB18030 text is almost never valid UTF-8); then the declared charset
    (the archive part's header before the page's own meta), read strictly; a page whose bytes
    are not what it declares (or that declares nothing) is read by the text reader's rules."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data.decode(enc, errors="replace")
            bad = text.count("\ufffd")
            return text, enc, [f"{bad} undecodable byte sequence(s) replaced with U+FFFD"] if bad else []
    label = transport or _declared(data)
    declared = _codec(label)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        ascii_only = text.isascii()
        if ascii_only and declared:
            return text, declared, []
        warnings = []
        if declared and declared != "utf-8" and not ascii_only:
            warnings.append(f"the page declares charset={label} but its bytes are UTF-8; read as utf-8")
        return text, "utf-8", warnings
    order = ["gb18030", declared] if declared in _WESTERN else [declared]
    for enc in order:
        if enc is None:
            continue
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        warnings = [] if enc == declared else [f"the page declares charset={label} but its bytes are {enc}; "
                                               f"read as {enc}"]
        return text, enc, warnings
    text, enc, warnings = decode_text(data)
    if label and enc != declared:
        warnings.insert(0, f"the page declares charset={label} but its bytes are not {label}; read as {enc}")
    return text, enc, warnings


def _refuse_undecodable(name: str, text: str) -> None:
    sample = text[:200_000]
    bad = sample.count("\ufffd")
    if bad > 64 and bad > 0.2 * sum(not ch.isspace() for ch in sample):
        raise NoticeError(name, "not a web page: most of its bytes are not text in UTF-8 or GB18030 "
                                "(binary data or a damaged file)")


_DTD_SUBSET = re.compile(r"<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.I | re.S)


def _parse(name: str, text: str) -> etree._Element | None:
    # An internal DTD subset (entity declarations) is no HTML: libxml2 would show its tail as text.
    text = _DTD_SUBSET.sub("", text[:65536], count=1) + text[65536:]
    # The text is decoded already: hand libxml2 UTF-8 and say so, so no <meta charset> re-decodes it.
    parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True, no_network=True, remove_comments=True,
                                  remove_pis=True)
    try:
        root = etree.fromstring(text.encode("utf-8", errors="replace"), parser)
    except (etree.XMLSyntaxError, etree.ParserError, ValueError) as e:
        raise NoticeError(name, f"not readable as HTML: {e}") from e
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log) or _depth(root) > MAX_DEPTH:
        raise NoticeError(name, f"elements nested more than {MAX_DEPTH} levels deep; refused "
                                "(a real page nests far less: a damaged or hostile file)")
    return root


def _depth(root: etree._Element | None) -> int:
    """How deep the elements nest, counted without recursion."""
    deepest, stack = 0, [(root, 1)] if root is not None else []
    while stack:
        el, depth = stack.pop()
        deepest = max(deepest, depth)
        stack += [(child, depth + 1) for child in el]
    return deepest


def _page_title(root: etree._Element) -> str:
    """The page's own title: the longest part of <title> (sites add their name after _ or |)."""
    el = root.find(".//title")
    parts = re.split(r"[_|｜]+|\s[-–—]\s", el.text_content()) if el is not None else []
    return max((_squeeze(p) for p in parts), key=len, default="")


def _squeeze(text: str) -> str:
    return "".join(text.split())


# --- text as a browser shows it -----------------------------------------------------------------

_WS = re.compile(r"[ \t\n\r\f]+")  # HTML's whitespace; not \s: nbsp and U+3000 are printed spaces
_SPACES = str.maketrans({"\u00a0": " ", "\u3000": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ",
                         "\u200b": None, "\ufeff": None, "\u00ad": None})


def _wide(ch: str) -> bool:
    """East Asian wide/full-width, not Hangul: a segment break between two such is no space."""
    if not ch or ch.isascii():
        return False
    code = ord(ch)
    if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return False
    return unicodedata.east_asian_width(ch) in ("W", "F", "H")


def _collapse(raw: str) -> str:
    def one(m: re.Match) -> str:
        s = m.group()
        if ("\n" in s or "\r" in s) and m.start() > 0 and m.end() < len(raw) \
                and _wide(raw[m.start() - 1]) and _wide(raw[m.end()]):
            return ""
        return " "

    return _WS.sub(one, raw).translate(_SPACES).strip(" ")


def _chars(text: str) -> int:
    return sum(not ch.isspace() for ch in text)


# --- walking the page: lines and tables, each with the elements it lies in -------------------------

@dataclass
class _Line:
    text: str
    chain: tuple  # the elements the line lies in, outermost first
    chars: int
    link_chars: int
    source: SourcePos
    heading: bool = False
    links: frozenset[int] = frozenset()  # ids of the <a href> elements whose text is in the line


@dataclass
class _TableUnit:
    table: Table
    chain: tuple
    chars: int
    caption: list[str] = field(default_factory=list)


_Unit = _Line | _TableUnit


class _Lines:
    """Collects inline text into lines: a block boundary or <br> ends the line."""

    def __init__(self) -> None:
        self.pieces: list[tuple[str, int | None]] = []  # (raw text, id of the link it is in)
        self.first: etree._Element | None = None
        self.chain: tuple = ()

    def add(self, text: str, link: int | None, chain: tuple, el: etree._Element) -> None:
        if not text:
            return
        if not self.pieces:
            self.first, self.chain = el, chain
        self.pieces.append((text, link))

    def take(self) -> _Line | None:
        if not self.pieces:
            return None
        text = _collapse("".join(t for t, _ in self.pieces))
        pieces, self.pieces = self.pieces, []
        if not text:
            return None
        links = frozenset(link for t, link in pieces if link is not None and t.strip())
        heading = any(isinstance(e.tag, str) and e.tag.lower() in _HEADINGS for e in self.chain)
        return _Line(text, self.chain, _chars(text), sum(_chars(t) for t, link in pieces if link is not None),
                     SourcePos(line=self.first.sourceline if self.first is not None else None), heading, links)


class _Walker:
    def __init__(self, name: str) -> None:
        self.name = name
        self.units: list[_Unit] = []
        self.lines = _Lines()
        self.chain: list[etree._Element] = []
        self.links: list[int] = []  # ids of the open <a href> elements
        self.pre = 0  # open <pre> elements: whitespace kept
        self.counters: dict[etree._Element, int] = {}
        self.n_tables = 0

    # lines
    def flush(self) -> None:
        line = self.lines.take()
        if line is not None:
            self.units.append(line)

    def text(self, text: str | None, el: etree._Element) -> None:
        if not text:
            return
        if self.pre:  # preformatted: newlines end lines, spaces are kept as printed
            for k, part in enumerate(text.split("\n")):
                if k:
                    self.flush()
                self.lines.add(part.replace(" ", "\u00a0").replace("\t", "\u00a0"), self.link(),
                               tuple(self.chain), el)
            return
        self.lines.add(text, self.link(), tuple(self.chain), el)

    def link(self) -> int | None:
        return self.links[-1] if self.links else None

    # elements
    def walk(self, el: etree._Element) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag or _skipped(el, tag, self.chain):
            return
        if tag == "br":
            self.flush()
            return
        if tag == "table" and _is_data_table(el):
            self.flush()
            if self.table(el):
                return
        block = tag in _BLOCK
        if block:
            self.flush()
        self.chain.append(el)
        link = tag == "a" and el.get("href") is not None
        if link:
            self.links.append(id(el))
        self.pre += tag in ("pre", "listing", "xmp", "plaintext")
        if tag == "li":
            self.text(self.list_label(el), el)
        self.text(el.text, el)
        for child in el:
            self.walk(child)
            self.text(child.tail, el)
        self.pre -= tag in ("pre", "listing", "xmp", "plaintext")
        if link:
            self.links.pop()
        self.chain.pop()
        if block:
            self.flush()

    def list_label(self, li: etree._Element) -> str:
        """The number a browser puts before an item of an <ol>; bullets are no text."""
        ol = li.getparent()
        if ol is None or not isinstance(ol.tag, str) or ol.tag.lower() != "ol":
            return ""
        n = self.counters.get(ol)
        if n is None:
            n = _int_attr(ol.get("start"), 1)
        n = _int_attr(li.get("value"), n)
        self.counters[ol] = n + 1
        if _LIST_NONE.search(ol.get("style") or "") or _LIST_NONE.search(li.get("style") or ""):
            return ""
        return format_number(n, _OL_TYPES.get((li.get("type") or ol.get("type") or "1").strip(), "decimal")) + "."

    def table(self, el: etree._Element) -> bool:
        """Read a data table; False when its grid has one column after all (every cell starts in the
        first, spanning the rest): then it lays out its cells like any one-column table."""
        table = _build_table(el, self.name, self.n_tables + 1)
        if table.n_cols < 2:
            return False
        self.n_tables += 1
        caption = []
        for cap in el.findall("caption"):
            caption += _cell_lines(cap, self.name)
        chars = sum(_chars(line) for cell in table.cells for line in cell.lines)
        self.units.append(_TableUnit(table, tuple(self.chain), chars, caption))
        return True


def _skipped(el: etree._Element, tag: str, chain: list) -> bool:
    """Elements a browser does not show as the page's text, and the page's own landmarks of chrome."""
    if tag in _SKIP:
        return True
    if tag == "header" and not any(isinstance(a.tag, str) and a.tag.lower() in ("article", "main") for a in chain):
        return True
    if el.get("hidden") is not None or (el.get("type") or "").lower() == "hidden":
        return True
    if (el.get("role") or "").lower() in _LANDMARK_CHROME:
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _int_attr(value: str | None, default: int) -> int:
    """HTML's rules for parsing an integer: leading digits count, the rest is ignored."""
    m = re.match(r"\s*([+-]?\d+)", value or "")
    return int(m.group(1)) if m else default


# --- tables ----------------------------------------------------------------------------------------

def _rows(table: etree._Element) -> list[etree._Element]:
    """The table's rows in the order a browser draws them: head, bodies, foot."""
    head, body, foot = [], [], []
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            body.append(child)
        elif tag in ("thead", "tbody", "tfoot") and not _skipped(child, tag, []):
            rows = [tr for tr in child if isinstance(tr.tag, str) and tr.tag.lower() == "tr"]
            (head if tag == "thead" else foot if tag == "tfoot" else body).extend(rows)
    return [tr for tr in head + body + foot if not _skipped(tr, "tr", [])]  # a hidden row is no row


def _cells(tr: etree._Element) -> list[etree._Element]:
    return [td for td in tr if isinstance(td.tag, str) and td.tag.lower() in ("td", "th")
            and not _skipped(td, td.tag.lower(), [])]


_LAYOUT_ONLY = frozenset({"table", *_HEADINGS, "form", "input", "select", "button", "textarea", "nav", "iframe"})


def _is_data_table(table: etree._Element) -> bool:
    """A table of data, not of layout: 2+ rows and 2+ columns, and in its cells no table, heading,
    form control or menu (3+ links, 70 %+ of the cell's text in links) — those lay out a page."""
    if (table.get("role") or "").lower() in ("presentation", "none"):
        return False
    for el in table.iter():
        if el is not table and isinstance(el.tag, str) and el.tag.lower() in _LAYOUT_ONLY:
            return False
    rows = [_cells(tr) for tr in _rows(table)]
    if any(_is_menu(td) for tds in rows for td in tds):
        return False
    return sum(1 for tds in rows if tds) >= 2 and _width(rows) >= 2


def _width(rows: list[list[etree._Element]]) -> int:
    """The widest row: its own cells' colspans plus the columns rowspans from above cover there."""
    ends = [0] * (len(rows) + 1)  # covered columns, as a difference array: + where a rowspan starts, - where it ends
    covered = width = 0
    for r, tds in enumerate(rows):
        covered += ends[r]
        own = 0
        for td in tds:
            colspan = max(_int_attr(td.get("colspan"), 1), 1)
            rowspan = _int_attr(td.get("rowspan"), 1)
            stop = len(rows) if rowspan == 0 else min(r + max(rowspan, 1), len(rows))
            own += colspan
            if stop > r + 1:
                ends[r + 1] += colspan
                ends[stop] -= colspan
        width = max(width, own + covered)
    return width


def _is_menu(el: etree._Element) -> bool:
    links = [a for a in el.iter("a") if a.get("href") is not None and a.text_content().strip()]
    if len(links) < 3:
        return False
    return sum(_chars(a.text_content()) for a in links) >= 0.7 * _chars(el.text_content())


def _build_table(el: etree._Element, name: str, table_no: int) -> Table:
    rows = _rows(el)
    n_rows = len(rows)
    taken: dict[tuple[int, int], Cell] = {}
    cells: list[Cell] = []
    for r, tr in enumerate(rows):
        c = 0
        for td in _cells(tr):
            while (r, c) in taken:
                c += 1
            rowspan = _int_attr(td.get("rowspan"), 1)
            rowspan = n_rows - r if rowspan == 0 else min(max(rowspan, 1), 65534, n_rows - r)  # 0: to the end
            colspan = min(max(_int_attr(td.get("colspan"), 1), 1), 1000)  # HTML's own limits
            width = 1
            while width < colspan and (r, c + width) not in taken:  # a span runs into a cell from above: cut
                width += 1
            if len(taken) + rowspan * width > MAX_GRID:
                raise NoticeError(name, f"table {table_no}: its rowspans and colspans cover more than "
                                        f"{MAX_GRID:,} cells; refused (a damaged or hostile page)")
            cell = Cell(row=r, col=c, lines=_cell_lines(td, name), rowspan=rowspan, colspan=width,
                        source=SourcePos(line=td.sourceline, row=r, col=c))
            cells.append(cell)
            for rr in range(r, r + rowspan):
                for cc in range(c, c + width):
                    taken[(rr, cc)] = cell
            c += width
    n_cols = max((cell.col + 1 for cell in cells), default=0)
    for cell in cells:  # a colspan past the last column any cell starts in is cut at the table's edge
        cell.colspan = min(cell.colspan or 1, n_cols - cell.col)
    return Table(n_rows=n_rows, n_cols=n_cols, cells=cells, source=SourcePos(line=el.sourceline))


def _cell_lines(td: etree._Element, name: str) -> list[str]:
    walker = _Walker(name)
    walker.chain.append(td)
    walker.text(td.text, td)
    for child in td:
        walker.walk(child)
        walker.text(child.tail, td)
    walker.flush()
    return [u.text for u in walker.units if isinstance(u, _Line)]


# --- the notice within the page --------------------------------------------------------------------

def _is_chrome_line(line: _Line) -> bool:
    if line.chars > _CHROME_MAX:
        return False
    if _is_prose(line) and not _CHROME.search(line.text):
        return False  # a sentence of the notice, whatever words it uses
    return bool(_CHROME.search(line.text)) or len({m.group() for m in _CHROME_WEAK.finditer(line.text)}) >= 2


def _content(units: list[_Unit], title: str) -> list[Block]:
    """The notice's blocks: site chrome dropped, then what lies in the content element.

    Dropped first: chrome lines (`_CHROME`), tables that are short and hold chrome words (a
    metadata box: 索引号 …), menus (elements with 3+ links whose text is 70 %+ link text), and
    what surrounds a dropped line when it is mostly dropped lines itself (a footer's address
    beside its 版权所有 line, a site name beside the menu). The content element is then the
    smallest one holding the title line (the line that matches the page's <title>, else the
    longest heading), every data table, every line of prose (sentences, with ，。；, mostly not
    links), and at least 60 % of the remaining text outside tables; lines outside it are the
    page's, not the notice's."""
    keep = [not _is_chrome(u) for u in units]
    menus = _menus(units, keep)
    for k, unit in enumerate(units):
        if keep[k] and any(id(e) in menus for e in unit.chain):
            keep[k] = False
    if sum(1 for u in units if isinstance(u, _Line) and title and title in _squeeze(u.text)) >= 3:
        title = ""  # printed all over the page (logo, 欢迎访问, 主办, 版权所有): the site's name, not the notice's
    heading = _title_line([u for u, k in zip(units, keep, strict=True) if k], title)
    _drop_chrome_surroundings(units, keep, heading)
    kept = [u for u, k in zip(units, keep, strict=True) if k]
    # Tables weigh nothing here: they are anchors, and their bulk would make the smallest element
    # around them win over the notice's text beside them.
    weight = {id(u): (u.chars - u.link_chars if isinstance(u, _Line) else 0) for u in kept}
    anchors = [u for u in kept if isinstance(u, _TableUnit) or _is_prose(u)]
    if heading is not None and any(u is heading for u in kept):
        anchors.append(heading)
    root = _container(kept, anchors, weight)
    out: list[Block] = []
    for unit in kept:
        if root is not None and not any(e is root for e in unit.chain):
            continue
        if isinstance(unit, _Line):
            out.append(Paragraph(unit.text, source=unit.source))
        else:
            out.extend(Paragraph(line, source=unit.table.source) for line in unit.caption)
            out.append(unit.table)
    return out


def _is_prose(unit: _Unit) -> bool:
    return isinstance(unit, _Line) and unit.chars >= 10 and unit.link_chars < 0.3 * unit.chars \
        and bool(_PROSE.search(unit.text))


_SURROUNDING_LINE_MAX = 60  # a site's leftover lines (主办, 地址, 电话) are short


def _drop_chrome_surroundings(units: list[_Unit], keep: list[bool], heading: _Line | None) -> None:
    """For each dropped line, the nearest element around it that holds kept lines too: when that
    element is a third or more dropped lines, and its kept lines are short, no prose, no table and
    not the title, it is the site's (a footer, a header cell with the menu), and all of it goes."""
    members: dict[int, list[int]] = {}
    for k, unit in enumerate(units):
        for e in unit.chain:
            members.setdefault(id(e), []).append(k)
    judged: set[int] = set()
    for k, unit in enumerate(units):
        if keep[k] or not isinstance(unit, _Line):
            continue
        for e in reversed(unit.chain):
            inside = members[id(e)]
            if not any(keep[j] for j in inside):
                continue
            if id(e) not in judged:
                judged.add(id(e))
                if _is_surrounding(e, [units[j] for j in inside], [keep[j] for j in inside], heading):
                    for j in inside:
                        keep[j] = False
            break


def _is_surrounding(el: etree._Element, inside: list[_Unit], kept: list[bool], heading: _Line | None) -> bool:
    if not isinstance(el.tag, str) or el.tag.lower() in ("body", "html"):
        return False
    for unit, k in zip(inside, kept, strict=True):
        if isinstance(unit, _TableUnit) or unit is heading:
            return False
        if k and (_is_prose(unit) or unit.chars > _SURROUNDING_LINE_MAX):
            return False
    return 3 * kept.count(False) >= len(kept)


def _is_chrome(unit: _Unit) -> bool:
    if isinstance(unit, _Line):
        return _is_chrome_line(unit)
    text = "".join(line for cell in unit.table.cells for line in cell.lines)
    # A metadata box's cells are labels and values (索引号 | 11442000…), a summary line at most; a
    # task table may name the same words in its sentences (明确标注…文号、发布机构、索引号…).
    prose = sum(any(len(line) >= 20 and _PROSE.search(line) for line in cell.lines) for cell in unit.table.cells)
    return unit.chars <= 2 * _CHROME_MAX and bool(_CHROME.search(text)) and prose < 2


def _menus(units: list[_Unit], keep: list[bool]) -> set[int]:
    """ids of the elements that are menus: 3+ links, 70 %+ of their text in links, no data table."""
    chars: dict[int, int] = {}
    links: dict[int, int] = {}
    anchors: dict[int, set[int]] = {}
    tables: set[int] = set()
    for unit, k in zip(units, keep, strict=True):
        for e in unit.chain:
            key = id(e)
            if isinstance(unit, _TableUnit):
                tables.add(key)
            elif k:
                chars[key] = chars.get(key, 0) + unit.chars
                links[key] = links.get(key, 0) + unit.link_chars
                anchors.setdefault(key, set()).update(unit.links)
    return {key for key, n in chars.items() if key not in tables and n and links[key] >= 0.7 * n
            and len(anchors[key]) >= 3}


def _title_line(units: list[_Unit], title: str) -> _Line | None:
    """The line that prints the page's title: the longest line that is part of the <title> (a title
    printed over two lines), else the shortest that holds all of it; else the longest heading."""
    inside: _Line | None = None
    holding: _Line | None = None
    if len(title) >= 4:
        # A heading that prints all of it over lines (<h1>关于印发《…专项整治<br>三年行动…》的通知</h1>)
        # before any line that is only part of it (the annex's table title, 2021年…工作任务清单).
        run: list[_Line] = []
        for unit in [*units, None]:
            if isinstance(unit, _Line) and unit.heading:
                run.append(unit)
                continue
            joined = _squeeze("".join(u.text for u in run))
            if len(run) > 1 and title in joined and len(joined) <= len(title) + 20:
                return run[0]
            run = []
        for unit in units:
            if not isinstance(unit, _Line) or unit.link_chars > 0.5 * unit.chars or unit.chars < 4:
                continue
            text = _squeeze(unit.text)
            if text in title and len(text) >= min(8, len(title)):
                if inside is None or len(text) > len(_squeeze(inside.text)):
                    inside = unit
            elif title in text and len(text) <= len(title) + 20:
                if holding is None or len(text) < len(_squeeze(holding.text)):
                    holding = unit
    if inside or holding:
        return inside or holding
    # No <title> to go by: the longest heading (a site's logo or a section's name is short).
    headings = [u for u in units if isinstance(u, _Line) and u.heading and u.link_chars < 0.5 * u.chars]
    return max(headings, key=lambda u: u.chars, default=None)


def _container(units: list[_Unit], anchors: list[_Unit], weight: dict[int, int]) -> etree._Element | None:
    """The deepest element holding every anchor and at least 60 % of the text, and two units at
    least where there are several (a notice of one paragraph with a label line under it is both
    <p>s, not the first); None: no text."""
    if not units:
        return None
    total = sum(weight.values())
    held: dict[int, int] = {}
    anchored: dict[int, int] = {}
    depth: dict[int, int] = {}
    by_id: dict[int, etree._Element] = {}
    anchor_ids = {id(a) for a in anchors}
    members: dict[int, int] = {}
    for unit in units:
        for d, e in enumerate(unit.chain):
            key = id(e)
            by_id[key] = e
            depth[key] = d
            held[key] = held.get(key, 0) + weight[id(unit)]
            anchored[key] = anchored.get(key, 0) + (id(unit) in anchor_ids)
            members[key] = members.get(key, 0) + 1
    # Among several lines, never an element of one (a <p>, its <span>s): it holds no neighbour.
    least = 2 if len(units) > 1 else 1
    good = [key for key in held if anchored[key] == len(anchor_ids) and held[key] >= 0.6 * total
            and members[key] >= least]
    if not good:
        return None
    return by_id[max(good, key=lambda key: depth[key])]


__all__ = ["MAX_BYTES", "decode_page", "read_html"]
