"""Ruling lines of a PDF page → table grids with merged cells.

Tables are drawn, not declared: stroked lines (office suites), thin filled rectangles (browsers),
rectangle outlines and polylines. All become horizontal and vertical segments; segments that
touch form one table; the distinct x positions of its vertical rules and y positions of its
horizontal rules cut it into bands, and a band boundary with no rule drawn along it is a merge,
so a box covering several row bands is one cell with a rowspan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

THIN = 2.5  # a filled rectangle thinner than this (pt) is a rule
SNAP = 2.0  # rules closer than this (pt) are the same rule
JOIN = 2.5  # collinear pieces with a gap up to this (pt) are one rule
MAX_BRIDGE = 200.0  # widest column (pt) that may separate two halves of one table


@dataclass(frozen=True)
class Seg:
    """A horizontal (pos = y, from a to b along x) or vertical (pos = x, a..b along y) rule."""

    horizontal: bool
    pos: float
    a: float
    b: float


@dataclass(frozen=True)
class Box:
    row: int
    col: int
    rowspan: int
    colspan: int
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass
class Grid:
    xs: list[float]  # column boundaries, left to right
    ys: list[float]  # row boundaries, top to bottom
    boxes: list[Box] = field(default_factory=list)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])


def segments_from_rect(x0: float, top: float, x1: float, bottom: float, stroked: bool) -> list[Seg]:
    """A thin rectangle is one rule along its long side; a stroked box gives its four sides."""
    w, h = x1 - x0, bottom - top
    if h <= THIN and w > h:
        return [Seg(True, (top + bottom) / 2, x0, x1)]
    if w <= THIN and h > w:
        return [Seg(False, (x0 + x1) / 2, top, bottom)]
    if not stroked:
        return []  # a filled area (cell shading, a page background) is not a rule
    return [Seg(True, top, x0, x1), Seg(True, bottom, x0, x1), Seg(False, x0, top, bottom), Seg(False, x1, top, bottom)]


def segments_from_points(points: list[tuple[float, float]]) -> list[Seg]:
    """Axis-parallel pieces of a line or polyline."""
    out = []
    for (xa, ya), (xb, yb) in pairwise(points):
        if abs(ya - yb) <= 1 and abs(xa - xb) > 1:
            out.append(Seg(True, (ya + yb) / 2, min(xa, xb), max(xa, xb)))
        elif abs(xa - xb) <= 1 and abs(ya - yb) > 1:
            out.append(Seg(False, (xa + xb) / 2, min(ya, yb), max(ya, yb)))
    return out


def merge_segments(segs: list[Seg]) -> list[Seg]:
    """One segment per drawn rule: collinear pieces (within SNAP) that touch or overlap are joined."""
    out: list[Seg] = []
    for horizontal in (True, False):
        group: list[Seg] = []
        for s in sorted((s for s in segs if s.horizontal == horizontal), key=lambda s: s.pos):
            if group and s.pos - group[0].pos > SNAP:
                out += _join_collinear(group)
                group = []
            group.append(s)
        out += _join_collinear(group)
    return out


def _join_collinear(group: list[Seg]) -> list[Seg]:
    if not group:
        return []
    pos = sum(s.pos for s in group) / len(group)
    out: list[Seg] = []
    for s in sorted(group, key=lambda s: s.a):
        if out and s.a <= out[-1].b + JOIN:
            last = out[-1]
            out[-1] = Seg(last.horizontal, pos, last.a, max(last.b, s.b))
        else:
            out.append(Seg(s.horizontal, pos, s.a, s.b))
    return out


def find_grids(segs: list[Seg]) -> list[Grid]:
    """Tables on a page: groups of crossing rules with at least two cells, top to bottom."""
    segs = merge_segments(segs)
    grids = []
    for comp in _side_by_side(_components(segs)):
        grid = _grid(comp)
        if grid is not None and (len(grid.boxes) >= 2):
            grids.append(grid)
    return sorted(grids, key=lambda g: g.ys[0])


def _touch(h: Seg, v: Seg) -> bool:
    return h.a - JOIN <= v.pos <= h.b + JOIN and v.a - JOIN <= h.pos <= v.b + JOIN


def _components(segs: list[Seg]) -> list[list[Seg]]:
    hs = [s for s in segs if s.horizontal]
    vs = [s for s in segs if not s.horizontal]
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if _touch(h, v):
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, list[Seg]] = {}
    for k, s in enumerate(hs + vs):
        groups.setdefault(find(k), []).append(s)
    return [g for g in groups.values() if sum(s.horizontal for s in g) >= 2 and sum(not s.horizontal for s in g) >= 2]


def _side_by_side(comps: list[list[Seg]]) -> list[list[Seg]]:
    """Join rule groups that stand side by side over the same height: a column with no
    horizontal rule at all (a cell merged over the whole page) leaves its two sides unconnected."""
    out: list[list[Seg]] = []
    for comp in sorted(comps, key=lambda c: _extent(c)[0]):
        for group in out:
            a, b = _extent(group), _extent(comp)
            if abs(a[1] - b[1]) <= JOIN and abs(a[3] - b[3]) <= JOIN and b[0] - a[2] <= JOIN + MAX_BRIDGE:
                group += comp
                break
        else:
            out.append(list(comp))
    return out


def _extent(segs: list[Seg]) -> tuple[float, float, float, float]:
    xs = [v for s in segs for v in ((s.a, s.b) if s.horizontal else (s.pos,))]
    ys = [v for s in segs for v in ((s.pos,) if s.horizontal else (s.a, s.b))]
    return (min(xs), min(ys), max(xs), max(ys))


def _cluster(values: list[float]) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= SNAP:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def _grid(comp: list[Seg]) -> Grid | None:
    hs = [s for s in comp if s.horizontal]
    vs = [s for s in comp if not s.horizontal]
    # The outer edges come from the rules' ends too: a table may be drawn without side borders.
    xs = _cluster([s.pos for s in vs] + [min(s.a for s in hs), max(s.b for s in hs)])
    ys = _cluster([s.pos for s in hs] + [min(s.a for s in vs), max(s.b for s in vs)])
    if len(xs) < 2 or len(ys) < 2:
        return None
    rows, cols = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols and not _ruled(vs, xs[c + 1], ys[r], ys[r + 1]):
                parent[find(r * cols + c)] = find(r * cols + c + 1)
            if r + 1 < rows and not _ruled(hs, ys[r + 1], xs[c], xs[c + 1]):
                parent[find(r * cols + c)] = find((r + 1) * cols + c)
    members: dict[int, list[tuple[int, int]]] = {}
    for r in range(rows):
        for c in range(cols):
            members.setdefault(find(r * cols + c), []).append((r, c))
    boxes = []
    for cells in members.values():
        r0, r1 = min(r for r, _ in cells), max(r for r, _ in cells)
        c0, c1 = min(c for _, c in cells), max(c for _, c in cells)
        boxes.append(Box(r0, c0, r1 - r0 + 1, c1 - c0 + 1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
    boxes.sort(key=lambda b: (b.row, b.col))
    return Grid(xs, ys, boxes)


def _ruled(segs: list[Seg], pos: float, a: float, b: float) -> bool:
    """Is there a rule at `pos` along the middle half of a..b?"""
    lo, hi = a + (b - a) * 0.25, b - (b - a) * 0.25
    return any(abs(s.pos - pos) <= SNAP and s.a <= lo + JOIN and s.b >= hi - JOIN for s in segs)
