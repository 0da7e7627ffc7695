"""Characters of a PDF page → printed lines of text, and what their geometry says about line breaks.

PDF text is positioned glyphs, not words. Here glyphs are grouped into printed lines by their
vertical position, joined without the spaces pdfminer would guess between CJK characters, and
each line is judged: did it stop short of the cell's right edge (a paragraph ended) or run to
it (a wrap)? Fonts that map glyphs to Kangxi radicals or CJK radical code points (⻓ for 长)
are folded back to ordinary ideographs.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from itertools import pairwise


@dataclass(frozen=True)
class Glyph:
    """One character in upright page coordinates (x to the right, top downwards)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @property
    def mid_x(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2


class GlyphRun:
    """The extent of a run of glyphs (a printed line, a chunk of one); subclasses hold `glyphs`."""

    glyphs: list[Glyph]

    @property
    def x0(self) -> float:
        return min(g.x0 for g in self.glyphs)

    @property
    def x1(self) -> float:
        return max(g.x1 for g in self.glyphs)

    @property
    def top(self) -> float:
        return min(g.top for g in self.glyphs)

    @property
    def bottom(self) -> float:
        return max(g.bottom for g in self.glyphs)

    @property
    def size(self) -> float:
        return max(g.size for g in self.glyphs)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass
class TextLine(GlyphRun):
    glyphs: list[Glyph]  # left to right, spaces included
    text: str


# --- radicals and compatibility ideographs ---------------------------------------------------------

# CJK Radicals Supplement code points that NFKC leaves alone, as the character they stand for in
# running text. Simplified forms first (the name says which: C-SIMPLIFIED FLY → 飞), then forms
# whose base radical (what the name gives) is not the character a reader sees (⻄ is 西, not 襾).
_RADICALS_BY_HAND = {
    "⺰": "纟", "⻅": "见", "⻈": "讠", "⻉": "贝", "⻋": "车", "⻐": "钅", "⻓": "长", "⻔": "门",
    "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻠": "饣", "⻢": "马", "⻥": "鱼", "⻦": "鸟",
    "⻧": "卤", "⻪": "黾", "⻬": "齐", "⻮": "齿", "⻰": "龙", "⻳": "龟", "⻆": "角", "⻌": "辶",
    "⻨": "麦", "⻩": "黄", "⺦": "丬", "⻫": "斉", "⻭": "歯", "⻯": "竜", "⻲": "亀",
    "⻄": "西", "⻘": "青", "⺠": "民", "⺟": "母", "⺒": "巳", "⺓": "幺", "⺛": "旡", "⺷": "羊",
    "⺸": "𦍌", "⺵": "㒳", "⺅": "亻", "⺆": "冂", "⺉": "刂", "⺖": "忄", "⺘": "扌", "⺡": "氵",
    "⺣": "灬", "⺤": "爫", "⺥": "爫", "⺨": "犭", "⺩": "王", "⺭": "礻", "⺾": "艹", "⺿": "艹",
    "⻀": "艹", "⻂": "衤", "⻏": "阝", "⻖": "阝", "⻍": "辶", "⻎": "辶", "⻒": "镸", "⻞": "飠",
    "⺀": "冫", "⺂": "乛", "⺃": "乚", "⺋": "㔾", "⺙": "攵", "⺹": "耂", "⺺": "肀", "⺲": "罒",
    "⺫": "罒", "⺱": "罓",
}
# Kangxi radicals whose NFKC form is a variant that simplified Chinese does not use: fonts for
# simplified Chinese share the glyph of 户 with ⼾ (and of 青 with ⾭), and browsers name the
# shared glyph by its lowest code point, the radical (measured with Chromium and Noto CJK SC).
_KANGXI_SIMPLIFIED = {"⼾": "户", "⾭": "青"}
# GB2312's dash (A1AA) is decoded as U+2015 by some fonts' maps and U+2014 by others; one dash.
_DASHES = {"―": "—"}
_NUMBERED = re.compile(r" (?:ONE|TWO|THREE|FOUR)$")


@cache
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Kangxi radicals and compatibility ideographs: NFKC gives the unified ideograph.
    for lo, hi in ((0x2F00, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F)):
        for cp in range(lo, hi + 1):
            folded = unicodedata.normalize("NFKC", chr(cp))
            if folded != chr(cp):
                table[cp] = folded
    # Radicals supplement: a "CJK RADICAL X" is a form of "KANGXI RADICAL X" (⻣ BONE → 骨).
    for cp in range(0x2E80, 0x2F00):
        name = unicodedata.name(chr(cp), "")
        if not name.startswith("CJK RADICAL ") or "SIMPLIFIED" in name:
            continue
        try:
            kangxi = unicodedata.lookup("KANGXI RADICAL " + _NUMBERED.sub("", name.removeprefix("CJK RADICAL ")))
        except KeyError:
            continue
        table[cp] = unicodedata.normalize("NFKC", kangxi)
    table.update({ord(k): v for k, v in (_RADICALS_BY_HAND | _KANGXI_SIMPLIFIED | _DASHES).items()})
    return table


def fold_radicals(text: str) -> str:
    """Kangxi radicals, CJK radical forms and compatibility ideographs → ordinary ideographs."""
    return text.translate(_fold_table())


# --- glyphs → lines ----------------------------------------------------------------------------------

def bracket_open(text: str) -> bool:
    """Whether a printed text opens more brackets than it closes: it goes on in what follows."""
    return sum(text.count(ch) for ch in "（(〔【") > sum(text.count(ch) for ch in "）)〕】")


def is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return (0x2E80 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0xFE30 <= cp <= 0xFE4F
            or 0xFF00 <= cp <= 0xFFEF or 0x20000 <= cp <= 0x3FFFF or ch in "“”‘’—…·•")


def group_lines(glyphs: list[Glyph], keep_gaps: bool = False) -> list[TextLine]:
    """Printed lines, top to bottom: a glyph joins the line whose vertical middle it shares."""
    rows: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: (g.mid_y, g.x0)):
        if rows and abs(g.mid_y - _mid(rows[-1])) <= 0.45 * min(g.size, rows[-1][0].size):
            rows[-1].append(g)
        else:
            rows.append([g])
    lines = []
    for row in rows:
        row.sort(key=lambda g: g.x0)
        row = _dedupe(row)
        text = line_text(row, keep_gaps)
        if text.strip():
            lines.append(TextLine(row, text))
    return lines


def _mid(row: list[Glyph]) -> float:
    return sum(g.mid_y for g in row) / len(row)


def _dedupe(row: list[Glyph]) -> list[Glyph]:
    """Drop glyphs printed twice at (almost) the same place: fake bold, shadow text. "Almost" is
    within half the glyph's own width, so a narrow letter printed twice in a row (ll) stays."""
    out: list[Glyph] = []
    for g in row:
        width = max(out[-1].x1 - out[-1].x0, 0.1) if out else 0.0
        if out and g.text == out[-1].text and abs(g.x0 - out[-1].x0) < 0.5 * width and not g.text.isspace():
            continue
        out.append(g)
    return out


def line_text(glyphs: list[Glyph], keep_gaps: bool = False) -> str:
    """The glyphs' text. Space glyphs inside the line are kept as printed (陆 明: a name spaced out
    to two characters' width, as the Word file has it); where the PDF draws no space glyph, a
    visible gap is a space only between two non-CJK characters; blanks printed at the line's end
    are kept as one (工商质监所␣ | 安监站: the wrap fell on the blank between two names); with
    `keep_gaps`, a wide gap (over 1.5 characters) becomes spaces whatever the sides, as a
    signature line's two names stand apart."""
    out: list[str] = []
    prev: Glyph | None = None
    spaces = 0
    for g in glyphs:
        if not g.text.strip():
            spaces += 1
            continue
        if prev is not None:
            gap = g.x0 - prev.x1
            size = min(g.size, prev.size)
            if not (size > 0 and math.isfinite(gap)):  # degenerate geometry: no gap to read
                gap, size = 0.0, 1.0
            if keep_gaps and gap > 1.5 * size:
                out.append(" " * max(2, round(gap / (0.5 * size))))
            elif spaces:
                out.append(" " * spaces)
            elif not is_cjk(prev.text[-1]) and not is_cjk(g.text[0]) and gap > 0.15 * size:
                out.append(" ")
        out.append(g.text)
        prev, spaces = g, 0
    if spaces and out:
        out.append(" ")  # a blank printed at the line end: the line broke between words
    return "".join(out)


# --- line ends ---------------------------------------------------------------------------------------

def _glued(a: str, b: str) -> bool:
    """Whether LibreOffice's line breaking (UAX #14 as it applies it) keeps two neighbours on one
    line: after an opening bracket, before closing punctuation, on both sides of a quotation mark,
    inside a word or figure (1269, 3.5%), a figure and the character after it (2021年, 5月), a
    half-width separator and the figure after it (查:4月: IS × NU) — so 设“1269”“7510”行 goes
    down whole."""
    return (a in _NO_LINE_END or a in _QUOTES or b in _QUOTES or b in _NO_LINE_START
            or bool(_WORD.match(a) and _WORD.match(b)) or (a.isdigit() and is_cjk(b))
            or (a in ",.:;" and b.isdigit()))


# Characters a line may not start with (closing punctuation) or end with (opening): line breaking
# moves a neighbour along with them, so the line before may stop short by one more character.
# Quotation marks glue to both neighbours (UAX #14 rule LB19, as LibreOffice applies it).
_NO_LINE_START = set("，。、；：！？）】》」』〕〉…—%‰,.;:!?)]}℃·")
_NO_LINE_END = set("（【《「『〔〈([{")
_QUOTES = set("“”‘’\"'")
_WORD = re.compile(r"[A-Za-z0-9.%/\-+]")


def line_ends(lines: list[TextLine], left: float, right: float) -> list[bool]:
    """Per line: True where the line leaves more free width between `left` and `right` (the
    cell's text edges) than the start of the next line would have needed — so the paragraph
    ended there; False where the next line's start could not fit (a wrap). The free width counts
    both sides, so centred text is judged as well as left-aligned. The last line ends its
    paragraph.

    A paragraph whose last line happens to fill the cell reads as a wrap: geometry cannot tell."""
    pitches = [b.top - a.top for a, b in pairwise(lines)]
    step = min((p for p in pitches if p > 0), default=0.0)
    out = []
    for i, line in enumerate(lines[:-1]):
        nxt = lines[i + 1]
        room = (right - left) - (line.x1 - line.x0)
        need = start_width(line, nxt) - 0.1  # pt: rounding in the producer's positions
        # Extra space above the next line (paragraph spacing) is a paragraph break too.
        spaced = step > 0 and pitches[i] > 1.3 * step
        out.append(room >= need or spaced)
    return [*out, True] if lines else []


def start_width(line: TextLine, nxt: TextLine) -> float:
    """Width the next line's first unbreakable piece would need at the end of `line`."""
    glyphs = [g for g in nxt.glyphs if g.text.strip()]
    if not glyphs:
        return 0.0
    k = 0
    while k + 1 < len(glyphs) and _glued(glyphs[k].text, glyphs[k + 1].text):
        k += 1
    width = glyphs[k].x1 - glyphs[0].x0
    if glyphs[0].text in _NO_LINE_START or glyphs[0].text in _QUOTES:
        last = [g for g in line.glyphs if g.text.strip()]  # moved down along with it
        width += last[-1].x1 - last[-1].x0 if last else 0.0
    return width
