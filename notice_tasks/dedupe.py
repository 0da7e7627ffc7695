"""The same notice in several files (the PDF and the Word file side by side) counts once.

Files are the same notice when they share 文号, date and title. One of them is kept by format
preference — the author's own files (Word, spreadsheet, web page) before fixed layouts (OFD, PDF)
before text exports — then by path; the others become its alternates. Where they disagree (task
counts, a task's units), the difference is reported: it usually means one reader is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .work import Summary

if TYPE_CHECKING:
    from normalize import NoticeRecords

PREFERENCE = ("docx", "doc", "xlsx", "xls", "html", "ofd", "pdf", "txt")


def mark_duplicates(summaries: list[Summary], compare: Callable[[Summary, Summary], list[str]]) -> None:
    """Set duplicate_of / alternates on the summaries; add disagreement warnings to the kept one
    (`compare(kept, other)` says where two files differ: `differences` of their records)."""
    groups: dict[tuple, list[Summary]] = {}
    for s in summaries:
        if s.read and s.identity is not None:
            groups.setdefault(s.identity, []).append(s)
    for group in groups.values():
        if len(group) < 2:
            continue
        keep = min(group, key=_rank)
        for other in group:
            if other is keep:
                continue
            other.duplicate_of = keep.path
            keep.alternates.append(other.path)
            keep.warnings += [f"differs from its alternate {other.path}: {d}" for d in compare(keep, other)]


def _rank(s: Summary) -> tuple:
    fmt = PREFERENCE.index(s.format) if s.format in PREFERENCE else len(PREFERENCE)
    return (fmt, s.path)


def differences(a: NoticeRecords, b: NoticeRecords, limit: int = 5) -> list[str]:
    """Where two readings of one notice disagree, in words (at most `limit` lines)."""
    out = []
    counts_a = [(t.kind, t.n_rows) for t in a.tables]
    counts_b = [(t.kind, t.n_rows) for t in b.tables]
    if len(a.tasks) != len(b.tasks) or len(a.pairings) != len(b.pairings) or counts_a != counts_b:
        out.append(f"{len(a.tasks)} vs {len(b.tasks)} tasks, {len(a.pairings)} vs {len(b.pairings)} pairs, "
                   f"tables {counts_a} vs {counts_b}")
    for ta, tb in zip(a.tasks, b.tasks, strict=False):
        for name in ("task_no", "area", "task", "deadline", "lead_units", "support_units", "remarks"):
            va, vb = getattr(ta, name), getattr(tb, name)
            if name.endswith("_units"):
                va, vb = [(u.party, u.unit) for u in va], [(u.party, u.unit) for u in vb]
            if va != vb:
                out.append(f"table {ta.table_no} task {ta.task_no}: {name} {_short(va)} vs {_short(vb)}")
    for pa, pb in zip(a.pairings, b.pairings, strict=False):
        if [(u.party, u.unit) for u in pa.units] != [(u.party, u.unit) for u in pb.units]:
            out.append(f"table {pa.table_no} pair {pa.pair_no}: units differ")
    if len(out) > limit:
        out = [*out[:limit], f"... and {len(out) - limit} more differences"]
    return out


def _short(v: object) -> str:
    text = str(v)
    return text if len(text) <= 60 else text[:57] + "..."
