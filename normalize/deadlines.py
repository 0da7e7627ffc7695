"""Deadlines as printed → an ISO due date where the text names one.

Forms (Y is the year printed in the deadline, else the table title's year, else the notice's):
  Y年M月 / Y年M月底 / M月底前 / M月末 ...  → last day of month M
  Y年M月D日(前)                        → that day
  Y年底 / 年末 / 年内 / 全年              → Y-12-31
  上半年 → Y-06-30; 下半年 → Y-12-31
  一季度 … 四季度 / 第N季度               → last day of that quarter
  M月上旬 / 中旬 / 下旬                   → the 10th / 20th / last day of M
Where a deadline names several dates ("6月启动，12月底前完成") the last one is the due date.
Words after the date don't change it ("5月底前动工"). Open-ended or recurring deadlines
(长期坚持, 持续推进, 每季度, 按计划推进) have none.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date

from .cjk import fold_traditional

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_REPEATING = re.compile(r"每[年月季周日天]|逐年|定期")  # a deadline that recurs: never one date
_OPEN_ENDED = re.compile(r"长期|持续|常态|按计划|按要求|按年度|适时")  # no date, unless one is printed beside
_NUM = r"(\d{1,4}|[〇零一二两三四五六七八九十]{1,4})"
_DATE = re.compile(
    rf"(?:(?P<y>\d{{4}}|[〇零一二三四五六七八九]{{4}})\s*(?=年))?"
    rf"(?:"
    rf"年?\s*(?P<m>{_NUM})\s*月\s*(?:(?P<d>{_NUM})\s*[日号]|(?P<part>上旬|中旬|下旬))?"
    rf"|年?\s*(?P<q>第?[一二三四1-4]\s*季度)"
    rf"|年?\s*(?P<half>上半年|下半年)"
    rf"|(?P<yend>年底|年末|年内|年终|年?\s*全年)"
    rf")"
)
_LONE_YEAR = re.compile(r"(\d{4})\s*年")
# A date written in figures, as spreadsheets show one: 2024/6/30, 2024-06-30, 2024.6.30, 2024-06.
_YEAR_ALONE = re.compile(r"\s*(?:((?:19|20)\d\d)\s*年\s*(?:以前|之前|前)?(?!\s*(?:起|开始|启动|以来))[^\d]*"
                         r"|((?:19|20)\d\d)\s*)")
_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{4})\s*([-/.])\s*(\d{1,2})(?:\s*\2\s*(\d{1,2}))?(?![\d%])")


# Numbers printed as one enclosed character: ㈠…㈩ for （一）…（十）, ⑴…⒇ for (1)…(20), ①…⑳.
ENCLOSED_NUMBERS = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def cn_number(text: str) -> int | None:
    """'12' → 12, '十二' → 12, '二〇二一' → 2021 (digit by digit), '三十' → 30."""
    text = text.strip()
    if len(text) == 1 and text in ENCLOSED_NUMBERS:
        return int(unicodedata.numeric(text))  # ㈦ ⑴ ①: one character printed for (七) (1) 1
    if text.isdecimal():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch not in "十百" for ch in text):
        return None
    if "十" not in text and "百" not in text:
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_DIGITS[ch]
    return total + current


def year_in(text: str | None) -> int | None:
    """The first four-digit year printed in a text (a title, a date line)."""
    m = _LONE_YEAR.search(text or "")
    return int(m.group(1)) if m else None


def due_date(deadline: str | None, default_year: int | None) -> date | None:
    deadline = fold_traditional(deadline) if deadline else deadline  # 年內 reads as 年内
    if not deadline or _REPEATING.search(deadline):
        return None
    # Open-ended words (长期坚持, 持续推进) leave no date — unless the cell prints dates beside them
    # (…11月底前通车；…12月底前取得阶段性成效并长期坚持): the last of those stands.
    open_ended = bool(_OPEN_ENDED.search(deadline))
    found: date | None = None
    dated = False  # a month, quarter, half year or date in figures: more than a year's end (年内)
    year = default_year
    last_cn = -1  # where the last date in words starts: a date in figures after it wins
    for m in _DATE.finditer(deadline):
        last_cn = m.start()
        if m.group("y"):
            year = cn_number(m.group("y"))
        if year is None:
            continue
        d = _to_date(m, year)
        if d is not None:
            found, dated = d, dated or not m.group("yend")
    for m in _NUMERIC_DATE.finditer(deadline):
        d = _numeric(m)
        if d is not None and (found is None or m.start() > last_cn):
            found, dated = d, True
    bare = _YEAR_ALONE.fullmatch(deadline)
    if found is not None and open_ended and not dated:
        return None  # 年内持续推进: the year-end reading of 年内 is no date beside 持续
    if found is None and bare and not open_ended:
        # A year alone (2024年, 2024), or with what is done in it (2014年完成, 2015年前投入运营):
        # its end; not a year work starts in (2021年起).
        found = date(int(bare.group(1) or bare.group(2)), 12, 31)
    return found


def _numeric(m: re.Match[str]) -> date | None:
    """2024/6/30 → that day; 2024-06 → the month's last day (the last date printed wins)."""
    year, month = int(m.group(1)), int(m.group(3))
    if not (1900 <= year <= 2100 and 1 <= month <= 12):
        return None
    last = calendar.monthrange(year, month)[1]
    day = int(m.group(4)) if m.group(4) else last
    return date(year, month, day) if 1 <= day <= last else None


def _to_date(m: re.Match[str], year: int) -> date | None:
    try:
        if m.group("m"):
            month = cn_number(m.group("m"))
            if month is None or not 1 <= month <= 12:
                return None
            last = calendar.monthrange(year, month)[1]
            if m.group("d"):
                day = cn_number(m.group("d"))
                return date(year, month, day) if day and 1 <= day <= last else None
            part = m.group("part")
            return date(year, month, {"上旬": 10, "中旬": 20}.get(part or "", last))
        if m.group("q"):
            q = cn_number(re.sub(r"[第季度\s]", "", m.group("q")))
            month = 3 * (q or 0)
            return date(year, month, calendar.monthrange(year, month)[1]) if 1 <= (q or 0) <= 4 else None
        if m.group("half"):
            return date(year, 6, 30) if m.group("half") == "上半年" else date(year, 12, 31)
        if m.group("yend"):
            return date(year, 12, 31)
    except ValueError:
        return None
    return None
