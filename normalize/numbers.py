"""Task numbers: from the 序号 cell, else from the task's own leading number, else by position."""

from __future__ import annotations

import re

from .deadlines import cn_number

# A task's own leading number: 3. 3． 3、 （3） (3) 三、 （三）. "3.5亿元" is a decimal, not a number
# label, and "2021年" is part of the sentence — but in "2.2021年底前…" a year follows the label.
_LEADING = re.compile(
    r"^\s*[*＊★]?\s*(?:(?P<a>\d{1,3})\s*(?:[.．](?!\d)|[.．](?=\d{4}年)|、)"
    r"|[（(]\s*(?P<b>\d{1,3}|[一二三四五六七八九十]{1,3})\s*[）)]"
    r"|(?P<c>[一二三四五六七八九十]{1,3})\s*、|(?P<d>[㈠-㈩⑴-⒇]))\s*"
)
_CELL_NUMBER = re.compile(r"^\s*[（(]?\s*(\d{1,4}|[一二三四五六七八九十百]{1,4})\s*[）)]?\s*[.．、]?\s*"
                          r"(?:[,，、\-—～~]\s*\d{1,4}\s*)?$")  # 36,37: one cell numbering two items → 36


# A two-level label (1.3 under group 1): the item's number is the second; "1.5万亩" is a quantity.
_TWO_LEVEL = re.compile(r"^\s*\d{1,2}[.．](?P<a>\d{1,2})(?=[\u4e00-\u9fff])"
                        r"(?![万亿千百个倍米吨元亩人户家项次台辆所座条件公年月日])\s*")


def split_leading_number(text: str, expected: int | None = None) -> tuple[int | None, str]:
    """(number, text without it) — (None, text) when the text starts with no number label.
    `expected` is the number the item would have after the one before it: "3.90%的…" after item 2
    is item 3 (90%的…), where alone it would read as the decimal 3.90."""
    m = _LEADING.match(text) or _TWO_LEVEL.match(text)
    if not m and expected is not None:
        m = re.match(rf"^\s*[*＊★]?\s*(?P<a>{expected})[.．](?=\d)", text)
        if m:
            return expected, text[m.end():]
    if not m:
        return None, text
    number = cn_number(m.group("a") or m.group("b") or m.group("c") or m.group("d"))
    return number, text[m.end():]


def parse_cell_number(text: str) -> int | None:
    """The number in a 序号 cell: '3', '3.', '（三）', '十二' → int; anything else → None."""
    m = _CELL_NUMBER.match(text)
    return cn_number(m.group(1)) if m else None


def numbering_warnings(numbers: list[int | None], merged: list[bool], where: str) -> list[str]:
    """Gaps and repeats in a table's printed numbers; a repeat from a merged cell is expected."""
    warns = []
    prev = None
    for n, is_merged in zip(numbers, merged, strict=True):
        if n is None:
            continue
        if prev is not None and not is_merged:
            if n == prev:
                warns.append(f"{where}: task number {n} appears twice")
            elif n != prev + 1:
                warns.append(f"{where}: task numbers jump from {prev} to {n}")
        prev = n
    return warns
