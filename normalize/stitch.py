"""Stitch a table that was split in two (same header repeated, nothing between) back into one."""

from __future__ import annotations

from dataclasses import replace

from extract.model import Block, Table

from .tables import header_row_count


def stitch_tables(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if isinstance(block, Table) and isinstance(prev, Table) and _continues(prev, block):
            out[-1] = _append(prev, block)
        else:
            out.append(block)
    return out


def _continues(first: Table, second: Table) -> bool:
    return (first.n_cols == second.n_cols and second.n_rows > 1
            and _header(first) == _header(second))


def _header(table: Table) -> list[str]:
    return ["".join(t.split()) for t in table.row_texts(0)]


def _append(first: Table, second: Table) -> Table:
    skip = header_row_count(second)
    shift = first.n_rows - skip
    cells = list(first.cells) + [
        replace(c, row=c.row + shift) for c in second.cells if c.row >= skip
    ]
    return Table(n_rows=first.n_rows + second.n_rows - skip, n_cols=first.n_cols, cells=cells,
                 source=first.source)


