"""OUT/index.html: a run at a glance, before anyone trusts its tables.

Totals, four charts (tasks per lead unit, by due month, per notice; warnings by kind) and every
file of the run with its status, counts and reason, failures first, each linked to its review
page. One static file: the charts are inline SVG drawn here, no script, nothing fetched. Every
text that came from a notice or a path is HTML-escaped.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from pathlib import PurePath
from typing import TYPE_CHECKING
from urllib.parse import quote

from .workbook import display_width

if TYPE_CHECKING:
    from normalize import NoticeRecords

TOP = 20  # bars in the ranked charts
_MONTHLY_SPAN = 144  # a due-date range longer than this many months is shown by year


@dataclass
class NoticeStats:
    """One notice's share of the charts (cached with its output part)."""

    lead_units: Counter  # (party, unit) → tasks of this notice it leads
    no_lead: int
    due: Counter  # (year, month) → tasks due then
    no_due: int
    label: str
    source_file: str
    tasks: int


def notice_stats(rec: NoticeRecords) -> NoticeStats:
    stats = NoticeStats(Counter(), 0, Counter(), 0, rec.meta.title or PurePath(rec.source_file).name,
                        rec.source_file, len(rec.tasks))
    for t in rec.tasks:
        units = {(u.party or "", u.unit) for u in t.lead_units}
        stats.lead_units.update(units)
        stats.no_lead += not units
        if t.due_date:
            stats.due[(t.due_date.year, t.due_date.month)] += 1
        else:
            stats.no_due += 1
    return stats


@dataclass
class RunStats:
    """What the charts count, gathered from the notices as they are written (duplicates left out)."""

    lead_units: Counter = field(default_factory=Counter)  # (party, unit) → tasks it leads
    no_lead: int = 0
    due: Counter = field(default_factory=Counter)  # (year, month) → tasks due then
    no_due: int = 0
    notices: list[tuple[str, str, int, str]] = field(default_factory=list)  # (label, path, tasks, review link)

    def add(self, n: NoticeStats, link: str) -> None:
        self.lead_units.update(n.lead_units)
        self.no_lead += n.no_lead
        self.due.update(n.due)
        self.no_due += n.no_due
        self.notices.append((n.label, n.source_file, n.tasks, link))

    @property
    def tasks(self) -> int:
        return sum(n for _, _, n, _ in self.notices)


def href(path: str) -> str:
    """A relative path as a link: percent-encoded, so that a `#` or `%` in a file name is not read
    as a fragment or an escape."""
    return escape(quote(path))


# ---- warning kinds ---------------------------------------------------------------------------

_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|“[^”]*”|‘[^’]*’|《[^》]*》")
_BRACKETED = re.compile(r"\((?!s\))[^()]*\)|（[^（）]*）")  # but not the plural in item(s)
_PATH = re.compile(r"[^\s:,;，；]*[/\\].*?(?=: |; |；|$)")  # a path runs to the clause's end: it may hold spaces
_NUMBER = re.compile(r"\d[\d,.]*")
_PLACE = re.compile(r"^(?:(?:table|row|column|sheet|page|task|tasks\.xlsx) #(?: '…'| \(…\))?[,:]?\s*)+")


def warning_kind(text: str) -> str:
    """A warning's kind, by a general rule: quoted names, bracketed notes, paths and numbers become
    placeholders, the place it names (table 3, column 2 '…') goes, and the first clause is kept:
    `table 1: column 2 '项目' read as area from its content` → `read as area from its content`."""
    t = _QUOTED.sub("'…'", text)
    t = _BRACKETED.sub("(…)", t)
    t = _PATH.sub("…", t)
    t = _NUMBER.sub("#", t)
    t = _PLACE.sub("", t).lstrip(":# ")
    kind = re.split(r": |; |；", t, maxsplit=1)[0].strip(" .:")
    return kind[:80] or "(empty)"


# ---- charts ------------------------------------------------------------------------------------

@dataclass
class Bar:
    label: str
    value: int
    tip: str
    href: str | None = None


_FONT = 12  # px
_CH = _FONT / 2  # one display width (a CJK character is two)


def _nice_ticks(top: int) -> list[int]:
    if top <= 0:
        return [0]
    raw = top / 4
    mag = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(s * mag for s in (1, 2, 5, 10) if s * mag >= raw)
    step = max(1, int(step))
    return list(range(0, top + step, step)) if top % step else list(range(0, top + 1, step))


def _clip(label: str, width: int) -> str:
    if display_width(label) <= width:
        return label
    out = ""
    for ch in label:
        if display_width(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def _svg_open(cid: str, title: str, desc: str, w: float, h: float) -> str:
    return (f"<svg xmlns='http://www.w3.org/2000/svg' class='chart' id='svg-{cid}' role='img' "
            f"aria-labelledby='{cid}-title {cid}-desc' width='{w:.0f}' height='{h:.0f}' "
            f"viewBox='0 0 {w:.0f} {h:.0f}'><title id='{cid}-title'>{escape(title)}</title>"
            f"<desc id='{cid}-desc'>{escape(desc)}</desc>"
            f"<text class='ct' x='{w / 2:.0f}' y='18' text-anchor='middle'>{escape(title)}</text>")


def _rect(x: float, y: float, w: float, h: float, bar: Bar, cls: str = "bar") -> str:
    rect = (f"<rect class='{cls}' x='{x:.1f}' y='{y:.1f}' width='{max(w, 0):.1f}' height='{max(h, 0):.1f}'>"
            f"<title>{escape(bar.tip)}</title></rect>")
    return f"<a href='{href(bar.href)}'>{rect}</a>" if bar.href else rect


def hbar_chart(cid: str, title: str, x_label: str, y_label: str, bars: list[Bar], label_width: int = 32) -> str:
    """Horizontal bars, one per category, longest first; the category's name left of its bar."""
    if not bars:
        return _svg_open(cid, title, "nothing to show", 480, 60) + \
            "<text x='240' y='45' text-anchor='middle' class='empty'>nothing to show</text></svg>"
    label_w = min(label_width, max(display_width(b.label) for b in bars)) * _CH + 10
    left, plot, row = 28 + label_w, 300.0, 22
    top, height = 34, len(bars) * row
    w, h = left + plot + 50, top + height + 46
    ticks = _nice_ticks(max(b.value for b in bars))
    scale = plot / (ticks[-1] or 1)
    desc = f"{len(bars)} bars: " + "; ".join(f"{b.label} {b.value}" for b in bars)
    out = [_svg_open(cid, title, desc, w, h)]
    for t in ticks:  # grid and x axis
        x = left + t * scale
        out.append(f"<line class='grid' x1='{x:.1f}' y1='{top}' x2='{x:.1f}' y2='{top + height}'/>"
                   f"<text class='tick' x='{x:.1f}' y='{top + height + 14}' text-anchor='middle'>{t}</text>")
    for i, b in enumerate(bars):
        y = top + i * row
        out.append(f"<text class='label' x='{left - 6:.1f}' y='{y + row / 2 + 4:.1f}' text-anchor='end'>"
                   f"{escape(_clip(b.label, label_width))}</text>")
        out.append(_rect(left, y + 4, b.value * scale, row - 8, b))
        out.append(f"<text class='value' x='{left + b.value * scale + 4:.1f}' y='{y + row / 2 + 4:.1f}'>"
                   f"{b.value}</text>")
    out.append(f"<line class='axis' x1='{left}' y1='{top}' x2='{left}' y2='{top + height}'/>"
               f"<line class='axis' x1='{left}' y1='{top + height}' x2='{left + plot}' y2='{top + height}'/>"
               f"<text class='axis-label' x='{left + plot / 2:.0f}' y='{h - 8:.0f}' text-anchor='middle'>"
               f"{escape(x_label)}</text>"
               f"<text class='axis-label' transform='translate(14 {top + height / 2:.0f}) rotate(-90)' "
               f"text-anchor='middle'>{escape(y_label)}</text></svg>")
    return "".join(out)


def column_chart(cid: str, title: str, x_label: str, y_label: str, bars: list[Bar], apart: Bar | None) -> str:
    """Vertical bars along a time axis (empty periods keep their place); `apart` (tasks with no
    due date) is counted in a box of its own beside the axis, not on its scale, where it would
    flatten every dated bar."""
    top_value = max((b.value for b in bars), default=0)
    if not top_value and not apart:
        return _svg_open(cid, title, "nothing to show", 480, 60) + \
            "<text x='240' y='45' text-anchor='middle' class='empty'>nothing to show</text></svg>"
    slot = max(3.0, min(28.0, 440 / max(len(bars), 1)))
    left, top, plot_h = 56, 34, 200
    plot_w = slot * len(bars)
    box = 96 if apart else 0
    w, h = left + plot_w + 24 + box, top + plot_h + 78
    ticks = _nice_ticks(top_value)
    scale = plot_h / (ticks[-1] or 1)
    every = max(1, math.ceil(len(bars) / 16))  # at most 16 period labels
    shown = [b for b in bars if b.value]
    desc = f"{len(shown)} periods with tasks: " + "; ".join(f"{b.label} {b.value}" for b in shown)
    if apart:
        desc += f"; {apart.label}: {apart.value}"
    out = [_svg_open(cid, title, desc, w, h)]
    base = top + plot_h
    for t in ticks:
        y = base - t * scale
        out.append(f"<line class='grid' x1='{left}' y1='{y:.1f}' x2='{left + plot_w:.1f}' y2='{y:.1f}'/>"
                   f"<text class='tick' x='{left - 6}' y='{y + 4:.1f}' text-anchor='end'>{t}</text>")
    for i, b in enumerate(bars):
        x = left + i * slot
        if b.value:
            out.append(_rect(x + slot * 0.1, base - b.value * scale, slot * 0.8, b.value * scale, b))
        if i % every == 0 or (i == len(bars) - 1 and i % every >= every / 2):  # the last, unless crowded
            out.append(f"<text class='tick' transform='translate({x + slot / 2:.1f} {base + 10}) rotate(-45)' "
                       f"text-anchor='end'>{escape(b.label)}</text>")
    if apart:
        bx = left + plot_w + 24
        out.append(_rect(bx, top + 40, box - 8, 56, apart, "bar apart"))
        out.append(f"<text class='apart-label' x='{bx + (box - 8) / 2:.0f}' y='{top + 62}' text-anchor='middle'>"
                   f"{escape(apart.label)}</text><text class='apart-value' x='{bx + (box - 8) / 2:.0f}' "
                   f"y='{top + 84}' text-anchor='middle'>{apart.value:,}</text>")
    out.append(f"<line class='axis' x1='{left}' y1='{top}' x2='{left}' y2='{base}'/>"
               f"<line class='axis' x1='{left}' y1='{base}' x2='{left + plot_w:.1f}' y2='{base}'/>"
               f"<text class='axis-label' x='{left + plot_w / 2:.0f}' y='{h - 6:.0f}' text-anchor='middle'>"
               f"{escape(x_label)}</text>"
               f"<text class='axis-label' transform='translate(14 {top + plot_h / 2:.0f}) rotate(-90)' "
               f"text-anchor='middle'>{escape(y_label)}</text></svg>")
    return "".join(out)


def _due_bars(stats: RunStats) -> tuple[list[Bar], str]:
    if not stats.due:
        return [], "due month"
    first, last = min(stats.due), max(stats.due)
    span = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
    if span > _MONTHLY_SPAN:  # a stray far date must not make thousands of empty months
        years = Counter()
        for (y, _), n in stats.due.items():
            years[y] += n
        return [Bar(str(y), years[y], f"due in {y}: {years[y]} task(s)")
                for y in range(first[0], last[0] + 1)], "due year"
    bars = []
    y, m = first
    for _ in range(span):
        n = stats.due.get((y, m), 0)
        bars.append(Bar(f"{y}-{m:02d}", n, f"due {y}-{m:02d}: {n} task(s)"))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return bars, "due month"


def _ranked(counter: Counter, label, tip) -> tuple[list[Bar], int, int]:
    """The TOP largest as bars (ties by name), and how many more there are and what they hold."""
    items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    bars = [Bar(label(k), n, tip(k, n)) for k, n in items[:TOP]]
    rest = items[TOP:]
    return bars, len(rest), sum(n for _, n in rest)


def _table(headers: tuple[str, ...], rows: list[tuple]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in r) + "</tr>" for r in rows)
    return f"<details><summary>as a table</summary><table class='data'><tr>{head}</tr>{body}</table></details>"


def _figure(cid: str, svg: str, note: str, table: str) -> str:
    caption = f"<figcaption>{escape(note)}</figcaption>" if note else ""
    return f"<figure id='chart-{cid}'>{svg}{caption}{table}</figure>"


def charts(stats: RunStats, warnings: list[str]) -> str:
    unit_label = lambda k: f"{k[1]}（{k[0]}）" if k[0] else k[1]  # noqa: E731
    bars, more, held = _ranked(stats.lead_units, unit_label, lambda k, n: f"{unit_label(k)}: leads {n} task(s)")
    note = (f"{more} more lead unit(s) lead {held} task(s). " if more else "") + \
        (f"{stats.no_lead} task(s) name no lead unit." if stats.no_lead else "")
    units = _figure("units", hbar_chart("units", f"Tasks per lead unit (top {TOP})", "tasks", "lead unit", bars),
                    note.strip(), _table(("lead unit", "tasks"), [(b.label, b.value) for b in bars]))

    due, axis = _due_bars(stats)
    apart = Bar("no due date", stats.no_due, f"no due date: {stats.no_due} task(s)") if stats.no_due else None
    due_fig = _figure("due", column_chart("due", f"Tasks by {axis}", axis, "tasks", due, apart),
                      f"{stats.no_due} task(s) have no due date (长期坚持 and the like, or no deadline column), "
                      "shown apart." if stats.no_due else "",
                      _table((axis, "tasks"), [(b.label, b.value) for b in due if b.value] +
                             ([("no due date", stats.no_due)] if stats.no_due else [])))

    ranked = sorted(stats.notices, key=lambda n: (-n[2], n[1]))
    nb = [Bar(label, n, f"{label} — {path}: {n} task(s)", href) for label, path, n, href in ranked[:TOP]]
    rest = ranked[TOP:]
    zero = sum(1 for n in stats.notices if n[2] == 0)
    note = (f"{len(rest)} more notice(s) hold {sum(n[2] for n in rest)} task(s). " if rest else "") + \
        (f"{zero} notice(s) gave no task." if zero else "")
    notices = _figure("notices", hbar_chart("notices", f"Tasks per notice (top {TOP})", "tasks", "notice", nb),
                      note.strip(), _table(("notice", "file", "tasks"), [(n[0], n[1], n[2]) for n in ranked[:TOP]]))

    kinds = Counter(warning_kind(w) for w in warnings)
    example = {}
    for w in warnings:
        example.setdefault(warning_kind(w), w)
    wb, more, held = _ranked(kinds, lambda k: k, lambda k, n: f"{k}: {n} warning(s), e.g. {example[k]}")
    warn = _figure("warnings", hbar_chart("warnings", "Warnings by kind", "warnings", "kind", wb, 56),
                   f"{more} more kind(s), {held} warning(s)." if more else "",
                   _table(("kind", "warnings", "example"), [(b.label, b.value, example[b.label]) for b in wb]))
    return f"<section class='charts' id='charts'>{units}{due_fig}{notices}{warn}</section>"


# ---- the page ----------------------------------------------------------------------------------

_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em} h2{font-size:1.15em;margin-top:1.8em}
.totals{display:flex;flex-wrap:wrap;gap:.8em;margin:0;padding:0}
.totals div{border:1px solid #ccd;border-radius:6px;padding:.4em .9em;min-width:6.5em;background:#f7f9fc}
.totals dt{font-size:.8em;color:#556} .totals dd{margin:0;font-size:1.5em;font-weight:bold}
.totals .bad dd{color:#b00020}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:1.2em;margin-top:1.2em}
figure{margin:0;border:1px solid #dde;border-radius:6px;padding:.5em;overflow-x:auto}
figcaption{font-size:.85em;color:#445}
svg.chart{font-size:12px;display:block;max-width:100%;height:auto} svg .ct{font-size:14px;font-weight:bold}
svg .bar{fill:#4a78b5} svg .bar:hover{fill:#2a4f85} svg .apart{fill:#9a9a9a}
#svg-warnings .bar{fill:#d9822b} #svg-warnings .bar:hover{fill:#a85f16}
svg .grid{stroke:#e4e4e4} svg .axis{stroke:#555} svg .tick,svg .value{fill:#444;font-size:11px}
svg .axis-label{fill:#333;font-size:12px} svg .empty{fill:#888}
svg .apart-label{font-size:11px;fill:#fff} svg .apart-value{font-size:16px;font-weight:bold;fill:#fff}
details{font-size:.85em;margin-top:.3em} table.data,table.files{border-collapse:collapse}
table.data td,table.data th,table.files td,table.files th{border:1px solid #bbb;padding:2px 6px;vertical-align:top}
table.files{font-size:.9em} table.files th{background:#eef}
tr.failed{background:#fde7e9} tr.warnings{background:#fff4e5} tr.skipped{color:#777}
td.n{text-align:right} .outputs a{margin-right:.8em}
"""

_ORDER = {"failed": 0, "warnings": 1, "ok": 2, "skipped": 3}


def render_overview(report: dict, stats: RunStats, outputs: list[str], extra_warnings: list[str] = ()) -> str:
    """The page for a run: `report` is report.json's content, `outputs` the files written beside it
    (linked), `extra_warnings` those of the run itself (tasks.xlsx)."""
    files = report["files"]
    read = [f for f in files if f["status"] in ("ok", "warnings")]
    file_warnings = [w for f in read for w in f["warnings"]]
    totals = [
        ("files read", len(read), "read"), ("failed", sum(f["status"] == "failed" for f in files), "failed"),
        ("skipped", sum(f["status"] == "skipped" for f in files), "skipped"),
        ("duplicates", sum(bool(f.get("duplicate_of")) for f in read), "duplicates"),
        ("tasks", stats.tasks, "tasks"),
        ("pairs", sum(f["pairs"] for f in read if not f.get("duplicate_of")), "pairs"),
        ("warnings", len(file_warnings) + len(extra_warnings), "warnings"),
    ]
    cards = "".join(f"<div id='total-{key}'{' class=bad' if key == 'failed' and n else ''}><dt>{label}</dt>"
                    f"<dd>{n:,}</dd></div>" for label, n, key in totals)
    links = " ".join(f"<a href='{href(o)}'>{escape(o)}</a>" for o in outputs)  # spaces: room to wrap
    parts = [
        "<!DOCTYPE html><html lang='zh'><head><meta charset='utf-8'>"
        f"<title>Run overview: {len(files)} file(s), {stats.tasks} task(s)</title><style>{_CSS}</style></head><body>",
        "<h1>Run overview</h1>",
        f"<p class='outputs'>Outputs: {links}</p>",
        f"<dl class='totals' id='totals'>{cards}</dl>",
        charts(stats, [*file_warnings, *extra_warnings]),
    ]
    if extra_warnings:
        items = "".join(f"<li>{escape(w)}</li>" for w in extra_warnings)
        parts.append(f"<h2>Workbook warnings</h2><ul id='workbook-warnings'>{items}</ul>")
    parts.append(_files(files))
    parts.append("</body></html>")
    return "\n".join(parts)


def _files(files: list[dict]) -> str:
    rows = []
    for f in sorted(files, key=lambda f: (_ORDER.get(f["status"], 9), f["path"])):
        name = escape(f["path"])
        cell = f"<a href='{href(f['review'])}'>{name}</a>" if f.get("review") else name
        note = f.get("reason") or ""
        if f.get("duplicate_of"):
            note = f"same notice as {f['duplicate_of']}: its rows are not counted again"
        warns = f.get("warnings") or []
        wcell = (f"<details><summary>{len(warns)}</summary><ul>"
                 + "".join(f"<li>{escape(w)}</li>" for w in warns) + "</ul></details>") if warns else "0"
        read = f["status"] in ("ok", "warnings")
        counts = "".join(f"<td class='n'>{f[k] if read else ''}</td>" for k in ("tables", "tasks", "pairs"))
        rows.append(f"<tr class='{escape(f['status'])}' data-path='{name}'><td>{escape(f['status'])}</td>"
                    f"<td>{cell}</td><td>{escape(f.get('format') or '')}</td>{counts}<td class='n'>{wcell}</td>"
                    f"<td>{escape(note)}</td></tr>")
    head = "".join(f"<th>{h}</th>" for h in ("status", "file", "format", "tables", "tasks", "pairs", "warnings",
                                             "reason / note"))
    return (f"<h2>Files ({len(files)})</h2><table class='files' id='files'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")
