"""Decide what each column of a table holds: its header's meaning first, its content second.

The header gives a kind (see `headers.py`); the column's content confirms or overrules it: names
of people (2–3 characters, 同志), phone numbers, dates, names of bodies, small numbers, per-row
sentences versus labels that group several rows. Where two columns could hold the task, the
header's kind decides before length does (工作任务 over 目标值; a progress column is never the
task); a task-like column that is not the task is the group when it spans rows, else an extra
column. Every decision is kept with the evidence it rests on, for the report and review page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from .cjk import fold_traditional
from .headers import (
    AREA,
    CONTACT,
    DEADLINE,
    LEAD,
    LEADER,
    LOCATION,
    NUMBER,
    OVERSIGHT,
    PERIOD,
    PERSONS,
    PROGRESS,
    REMARKS,
    SCORE,
    SOURCE,
    SUPPORT,
    TASK,
    TASK_LIKE,
    HeaderMatch,
    clean_header,
    header_key,
    match_header,
    region_name,
)
from .surnames import SURNAMES
from .units import EXPLICIT_LEAD, UNIT_ENDINGS

# Fields a table has at most one column of; a second one is kept as an extra column.
_SINGLE = {NUMBER, TASK, DEADLINE, REMARKS, PROGRESS}
# Kinds that are understood but have no field of their own: kept in extra, without a warning.
_KEPT_AS_EXTRA = {CONTACT, SCORE, OVERSIGHT, PERIOD, SOURCE, LOCATION}
PARTY = "party"  # a column headed by a region name alone (结对帮扶表: 渝中区 | 巫溪县)

# A numbered step inside a cell (1.… 2.…; 2.8月底前 is step 2 of a plan, not the decimal 2.8).
_STEP = re.compile(r"(?:^|[\s。；;])\d{1,2}[.．、](?:(?!\d)|(?=\d{1,2}月|\d{4}年))")
_PLACEHOLDER = re.compile(r"^(?:[/／\\—–\-－~～.。…、]+|无|暂无|没有|不涉及)[。.]?$")  # a cell saying "none"
_NAMING_HEADS = ("名称", "项目", "科目", "指标", "清单", "任务书")
# A cell that is a figure and little else (≥75%, 8950人, 11.2公里, 5): a target value, not a task.
_FIGURE = re.compile(r"^[≥≤＞＜>＝=<约]?[\d.．,，]+\s*(?:%|‰|[\u4e00-\u9fff/]{1,3})?$")
_MEANS = ("措施", "举措")  # heads of a column saying how an item is done
# A header naming a slice of the year (第二季度任务目标, 一季度目标, 10月工作计划, 上半年目标): that
# period's share of the task, beside the task itself (年度目标).
_PERIOD_SLICE = re.compile(r"季度|月度|月份|\d{1,2}月|[一二三四五六七八九十]{1,2}月|上半年|下半年|半年")
_NOT_A_NAME = re.compile(r"\d|全年|年内|年底|月底|季度|长期|持续|推进|完成|正常|顺利|滞后")
_PERIOD_PLAN = re.compile(r"(?:第?[一二三四1-4]季度|\d{1,2}月份?|上半年|下半年)[^:：；;，,。]{0,8}[:：]")
_CODE = re.compile(r"[\dA-Za-z\-\s]{8,}")
_SMALL_INT = re.compile(r"^[（(]?\d{1,3}[）)]?[.．、]?$")
_PHONE = re.compile(r"^[\d\-－—()（）\s、,，/]{7,}$")
_DATE = re.compile(r"\d{1,4}年|\d{1,2}月|季度|年底|年内|年末|全年|半年|长期|持续|常态|常年|每[年季月周日]"
                   r"|\d{4}[-./]\d{1,2}")
_PERSON = re.compile(r"^[\u4e00-\u9fff]{2,3}(?:同志)?$")
# The levels of numbering in official documents (GB/T 9704): 一、 over （一） over 1. over （1）.
# ㈦ and ⑴ are one character printed for （七） and （1）.
_ORDINAL_LEVELS = (re.compile(r"^[一二三四五六七八九十]+[、.．]"),
                   re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|[㈠-㈩])"),
                   re.compile(r"^\d{1,3}(?:[、．﹒]|\.(?!\d)|\.(?=\d{4}年))"),
                   re.compile(r"^(?:[（(]\d+[）)]|[⑴-⒇])"))
UNNUMBERED = len(_ORDINAL_LEVELS)  # below every numbering level: the level of unnumbered items
_ITEM_SPLIT = re.compile(r"[\s、，,；;/]+")
_LEVEL = re.compile(r"^第?[一二三四五六]级")  # 一级 / 二级指标 / 第三级: a level of a grouping
_COMPOUND = re.compile(r"[及和与、]")  # the joints of a header naming two things (类别与名称)


@dataclass
class Column:
    index: int
    header: str  # as printed, header levels joined with "/"
    field: str | None  # canonical field; None keeps the column as extra
    party: str | None = None
    how: str = "header"  # "synonym", "head noun", "content" or "unknown": what decided the field
    evidence: str = ""  # the word or the content that decided it
    close_call: str = ""  # why the decision could have gone the other way, when it could
    also: str | None = None  # the field a compound header's second part names (…与协同单位)


Run = tuple[int, int]  # body rows first..last (inclusive) that one cell stands for


@dataclass
class ColumnContent:
    """What a column's body cells look like."""

    n_rows: int
    filled: list[str]
    runs: list[Run]  # cells that stand for several rows: merged, repeated, or blank below a value
    groups: bool = False  # some run spans rows of different items (not just one item's lines)

    @cached_property
    def mean_len(self) -> float:
        # Characters, not line breaks or spaces: a PDF cell printed over six lines is no longer
        # than the same text on one line of the Word file.
        return sum(len("".join(v.split())) for v in self.filled) / len(self.filled) if self.filled else 0.0

    @cached_property
    def ordinal_level(self) -> int | None:
        """The numbering level most cells start with (0 for 一、 … 3 for （1）), if most do."""
        for level, pattern in enumerate(_ORDINAL_LEVELS):
            if self.share(lambda v, p=pattern: bool(p.match(v))) >= 0.6:
                return level
        return None

    def share(self, test) -> float:
        return sum(1 for v in self.filled if test(v)) / len(self.filled) if self.filled else 0.0

    @cached_property
    def looks(self) -> str | None:
        """The kind the content alone suggests, when it suggests one clearly."""
        if not self.filled:
            return None
        if len(self.filled) * 2 >= self.n_rows and self.share(lambda v: bool(_SMALL_INT.match(v))) == 1:
            return NUMBER
        if self.share(lambda v: bool(_PHONE.match(v))) >= 0.6:
            return CONTACT
        if self.share(_is_people) >= 0.6:
            return PERSONS
        if self.share(_is_units) >= 0.6:
            return LEAD
        if self.mean_len <= 16 and self.share(lambda v: bool(_DATE.search(v))) >= 0.6:
            return DEADLINE
        return None


def _items(text: str) -> list[str]:
    return [i for i in _ITEM_SPLIT.split(text.strip()) if i]


def _is_people(text: str) -> bool:
    """Names of people, by their look alone (a column no header explains): each a 2-3 character
    name that starts with a surname (村级, 县级 are no names)."""
    items = _items(text)
    return bool(items) and all(is_person_name(i) and fold_traditional(i).startswith(SURNAMES) for i in items)


def is_item_number(text: str) -> bool:
    """A bare item number as a 序号 cell holds it: 1, （1）, 1.、 1、."""
    return bool(_SMALL_INT.match(text))


def is_person_name(text: str) -> bool:
    """A person's name as tables print them (陆明, 张 华, 王志强同志), not a body's."""
    return bool(_PERSON.match(text)) and not text.endswith(tuple(UNIT_ENDINGS)) and not _NOT_A_NAME.search(text)


def _is_units(text: str) -> bool:
    # Lines joined first: a name wrapped in a narrow column (市发改|委) is one name here.
    # (A slash or colon parts it too: 检查频次:1次/年/单位 names no body.)
    items = [i for i in re.split(r"[、，,；;：:/\s]+", re.sub(r"[（(][^）)]*[）)]|\n", "", text)) if i]
    return bool(items) and all(len(i) >= 2 and i.endswith(tuple(UNIT_ENDINGS)) for i in items)


def _mentions_a_body(text: str) -> bool:
    """Whether a cell holds anything a body's name ends in (局, 中心, 镇 …), wrapped or run on."""
    text = re.sub(r"\s+", "", text)
    return any(e in text for e in UNIT_ENDINGS)


def assign_columns(header_levels: list[list[list[str]]], body: list[list[str]],
                   runs: list[list[Run]] | None = None) -> list[Column]:
    """`header_levels[c]` lists the header cells' lines over column c, top level first; `body`
    holds the data rows' texts; `runs[c]` the cells of column c that stand for several rows."""
    columns = [_from_header(c, levels) for c, levels in enumerate(header_levels)]
    _split_spanning_compounds(columns)
    _group_levels(columns)
    contents = [ColumnContent(len(body), [v.strip() for row in body if c < len(row) and (v := row[c]).strip()],
                              list(runs[c]) if runs and c < len(runs) else []) for c in range(len(columns))]
    for col in columns:
        _weigh_content(col, contents[col.index])
    named = next((c for c in columns if c.field == LEAD and c.how != "content"), None)
    # A header names the unit column already; one no header explains whose cells merely look
    # like bodies says where, not who (实施点位: 全县17家乡镇卫生院).
    for c in columns if named is not None else ():
        if c.field == LEAD and c.how == "content" and c.evidence == f"cells look like {LEAD}":
            c.close_call = f"cells look like units, but '{named.header}' is the unit column; kept in extra"
            c.field, c.how, c.evidence = None, "unknown", ""
    if not any(c.field == LEAD for c in columns):
        # No column names the units, but 备注 lists them on every row: those are the units.
        for c in columns:
            if c.field == REMARKS and contents[c.index].looks == LEAD:
                c.field, c.how, c.evidence = LEAD, "content", "cells name bodies; no unit column"
                c.close_call = "header says remarks but the cells name bodies; read as lead units"
    _settle_roles(columns)
    # A run groups tasks when it covers rows of several items: one item printed over two rows
    # (its 序号 merged too) is not a group.
    items = [r for c in columns if c.field == NUMBER for r in contents[c.index].runs]
    for content in contents:
        content.groups = any(not any(a <= lo and hi <= b for a, b in items) for lo, hi in content.runs)
    _pick_task(columns, contents)
    _single_columns(columns, contents)
    return columns


def _group_levels(columns: list[Column]) -> None:
    """Columns side by side headed by levels (一级 | 二级 | 三级 under 栏目名称; 一级要点 | 二级要点)
    are the levels of one grouping. Where a task-like column follows the last of them (具体内容,
    公开内容), every level groups it; else the finest level may name the items and is left to
    the task choice."""
    lowest = {c.index: header_key(c.header.rsplit("/", 1)[-1]) for c in columns}
    levels = [c for c in columns if _LEVEL.match(lowest[c.index])]
    if len(levels) < 2 or [c.index for c in levels] != list(range(levels[0].index, levels[-1].index + 1)):
        return
    if any(c.index > levels[-1].index and c.field in (TASK, TASK_LIKE) for c in columns):
        for c in levels:
            c.field, c.how, c.evidence = AREA, "head noun", lowest[c.index][:2]


def _split_spanning_compounds(columns: list[Column]) -> None:
    """A header over several columns that names as many things (工程类别与名称 over two) names
    them in order: 工程类别 the first column, 名称 the second."""
    start = 0
    while start < len(columns):
        end = start
        while end + 1 < len(columns) and columns[end + 1].header == columns[start].header:
            end += 1
        name = columns[start].header.rsplit("/", 1)[-1]
        parts = [p for p in _COMPOUND.split(name) if p]
        if end > start and len(parts) == end - start + 1:
            for col, part in zip(columns[start:end + 1], parts, strict=True):
                match = match_header(part)
                if match.field:
                    col.field, col.how, col.evidence = match.field, match.how or "head noun", match.head or ""
        start = end + 1


def _settle_roles(columns: list[Column]) -> None:
    """Two columns of lead units for the same party: where one says 牵头 (牵头单位 | 责任单位), or
    one header names both roles (责任主体与协同单位), the other is the support column."""
    leads = [c for c in columns if c.field == LEAD]
    for party in {c.party for c in leads}:
        same = [c for c in leads if c.party == party]
        explicit = [c for c in same if EXPLICIT_LEAD.search(c.header)]
        if len(same) < 2 or not explicit:
            continue
        for c in same:
            if c not in explicit:
                c.field, c.evidence = SUPPORT, f"{c.evidence}; beside the lead column '{explicit[0].header}'"
    plain_leads = [c for c in columns if c.field == LEAD and not c.also and c.party is None]
    for c in columns:
        if c.field == LEAD and c.also == SUPPORT and plain_leads:
            c.field, c.evidence = SUPPORT, f"{c.evidence}; beside the lead column '{plain_leads[0].header}'"


_HOW_RANK = {"synonym": 0, "head noun": 1, "content": 2}


def _single_columns(columns: list[Column], contents: list[ColumnContent]) -> None:
    """Fields a table has one column of: the first such column keeps it, except progress, where
    the last does — reports add a column per period (1-10月推进情况 | 1-11月推进情况)."""
    for fld in _SINGLE:
        found = [c for c in columns if c.field == fld]
        if not found:
            continue
        if fld == PROGRESS and len(found) > 1:
            # A column of short verdicts (顺利推进, 是) beside the report is a rating, not progress;
            # what was achieved (取得成效) stands beside what was done (完成情况), which reports it.
            reports = [c for c in found if contents[c.index].mean_len > 6]
            found = reports or found
            done = [c for c in found if c.evidence != "成效"]
            found = done or found
        # The header's word before the content's guess (完成时限 over a column of 按季度推进),
        # then the first such column; progress: the last.
        surest = min(_HOW_RANK.get(c.how, 3) for c in found)
        found = [c for c in found if _HOW_RANK.get(c.how, 3) == surest] if fld != PROGRESS else found
        keep = found[-1] if fld == PROGRESS else found[0]
        for c in (c for c in columns if c.field == fld):
            if c is not keep:
                c.field, c.close_call = None, f"another {fld} column ('{keep.header}') is read as {fld}"


def _from_header(index: int, levels: list[list[str]]) -> Column:
    names = [clean_header(lines) for lines in levels]
    names = [n for i, n in enumerate(names) if n and n not in names[:i]]
    header = "/".join(names)
    # The lowest level speaks first (牵头单位 under 责任单位); a region under a unit header
    # (牵头责任单位 / 渝中区) is that column's party.
    match = HeaderMatch(None)
    for name in reversed(names):
        match = match_header(name)
        if match.field:
            break
    party = match.party
    if names and (region := region_name(names[-1])):
        if match.field in (LEAD, SUPPORT, LEADER, PERSONS):
            party = region
        elif match.field is None:
            return Column(index, header, PARTY, region, "synonym", "region name")
    if match.field is None:
        return Column(index, header, None, None, "unknown")
    return Column(index, header, match.field, party, match.how or "synonym", match.head or "", also=match.also)


def _weigh_content(col: Column, content: ColumnContent) -> None:
    looks = content.looks
    if col.field is None and col.how == "unknown" and looks:
        col.field, col.how, col.evidence = looks, "content", f"cells look like {looks}"
    elif col.field == NUMBER and content.filled and content.share(lambda v: bool(_CODE.fullmatch(v))) >= 0.8:
        # 抽查计划编号 over 43000020231001: codes of a register, not the items' numbers.
        col.close_call = "header says number, but the cells are long codes; kept in extra"
        col.field, col.how, col.evidence = None, "content", "codes, not item numbers"
    elif col.field in (TASK, TASK_LIKE) and looks == NUMBER:
        col.field, col.how, col.evidence = NUMBER, "content", "cells hold small numbers"  # 工作任务 over 序号
    elif (col.evidence == "单位" and re.sub(r"\W", "", fold_traditional(col.header)) in ("单位", "计量单位")
          and content.filled and not content.share(_is_units)
          and content.share(lambda v: len("".join(v.split())) <= 5) >= 0.8):  # 元 | /月/人 on two lines
        # 单位 alone also means a unit of measure: cells like 万人, 公里, 元/月/人 name no body.
        col.close_call = "header says units, but the cells are units of measure (万人, 公里); kept in extra"
        col.field, col.how, col.evidence = None, "content", "units of measure"
    elif col.field in (LEAD, SUPPORT) and len(content.filled) >= 2 and len(set(content.filled)) == 1 \
            and not _mentions_a_body(content.filled[0]):
        # 联合部门 over 根据需要 on every row: the header says bodies, but its one phrase names none
        # (a unit column of names no ending tells, 临平新城, differs from row to row).
        col.close_call = f"header says {col.field} units, but every cell says '{content.filled[0]}'; kept in extra"
        col.field, col.how, col.evidence = None, "content", "no cell names a body"
    elif col.field in (PERSONS, LEADER) and looks == LEAD:
        col.close_call = f"header says {col.field} but the cells name bodies; read as lead units"
        col.field, col.how, col.evidence = LEAD, "content", "cells name bodies"
    elif col.field == DEADLINE and col.also == PROGRESS and content.filled and looks != DEADLINE \
            and content.mean_len > 16:
        # 完成时限及推进情况: the cells are reports, not dates — the header's second part holds.
        col.close_call = "header names a deadline and progress; the cells are reports: read as progress"
        col.field, col.how, col.evidence = PROGRESS, "content", "cells are reports, not dates"
    elif col.field == DEADLINE and content.filled \
            and content.share(lambda v: len(_PERIOD_PLAN.findall(fold_traditional(v))) >= 2) >= 0.5:
        # 工作进度安排 over 第一季度：…；第二季度：…: a plan by period, no deadline.
        col.close_call = "header names a deadline, but the cells are a plan by period; kept in extra"
        col.field, col.how, col.evidence = None, "content", "a plan by period"
    elif col.field == DEADLINE and looks == PERSONS:
        col.close_call = "header says deadline but the cells hold names of people"
        col.field, col.how, col.evidence = PERSONS, "content", "cells name people"


def _pick_task(columns: list[Column], contents: list[ColumnContent]) -> None:
    rank = {c.index: _task_rank(c, contents[c.index]) for c in columns if c.field in (TASK, TASK_LIKE)}
    ranked = [c for c in columns if c.index in rank and rank[c.index] == max(rank.values())]
    if not ranked:
        # No header names the task: the column of long sentences holds it — said as a warning.
        unknown = [c for c in columns if c.field is None and c.how == "unknown"]
        best = max(unknown, key=lambda c: contents[c.index].mean_len, default=None)
        if best is not None and contents[best.index].mean_len >= 12:
            best.field, best.how, best.evidence = TASK, "content", "the longest sentences"
            _groups_before(columns, contents, best)
        return
    task = max(ranked, key=lambda c: contents[c.index].mean_len)
    names = [c for c in ranked if c.index < task.index and _names_items(contents[c.index], contents[task.index])] \
        if task.evidence.endswith(_MEANS) else []
    if names:
        # A column of short names before one of measures, both headed as the task (重点工作 |
        # 基本措施): the names say what the item is, the measures how it is done.
        task = names[0]
    named = next((c for c in columns if c.index < task.index and c.field in (TASK, TASK_LIKE)
                  and _named_by(c, task) and not contents[c.index].groups), None)
    if named is not None:
        # The headers say it: 项目名称 | 项目内容 — one names each item, the other is that item's
        # content (what a project builds), its detail.
        task = named
    # A column that groups (its cells span several items, or its numbering is a level above:
    # 一、 over 1.) heads the task-like column after it: 工作任务 over 具体要求 in 政务公开 tables,
    # 项目 merged over 建设内容.
    after = [c for c in columns if c.index > task.index and c.field in (TASK, TASK_LIKE)
             and not contents[c.index].groups and rank[c.index] >= 0
             and (contents[task.index].groups or contents[task.index].runs
                  or _heads(contents[task.index], contents[c.index]))]
    if after:
        task = after[0]
    rivals = [c for c in ranked if c is not task and contents[c.index].mean_len * 1.25 >= contents[task.index].mean_len]
    if rivals:
        task.close_call = f"chosen over '{rivals[0].header}' (same kind of header) by its longer text"
    task.field = TASK
    grouping = {id(c) for c in _groups_before(columns, contents, task)}
    for c in columns:
        if id(c) in grouping or c is task or c.field not in (TASK, TASK_LIKE, AREA):
            continue
        if c.index > task.index:
            # A group stands before what it groups; a label after the task (目标类型: A类) or a
            # per-row target or requirement is the task's own detail: extra, never the area.
            c.field, c.evidence = None, f"{c.evidence}: after the task column, a detail of each task"
        elif c.field != AREA:
            a, b = contents[c.index].ordinal_level, contents[task.index].ordinal_level
            if a is not None and b is not None and a > b:
                # Numbered a level below the task's ((1) beside 1.): the task's own clauses or
                # standards, whatever merges it has — a group is never numbered under its items.
                c.field, c.evidence = None, f"{c.evidence}: numbered below the task column, a detail of each task"
            elif contents[c.index].groups or _heads(contents[c.index], contents[task.index]) \
                    or _spans_tasks(contents[c.index], contents[task.index]) \
                    or _lowest_level(columns, c):
                # A task-like column whose cells span several items, or whose numbering stands a
                # level above the task's, groups the tasks (工作任务 merged over 具体要求).
                c.field, c.how, c.evidence = AREA, "content", f"'{c.header}' groups the rows"
            else:
                c.field, c.evidence = None, f"{c.evidence}: per-row text beside the task column"


def _groups_before(columns: list[Column], contents: list[ColumnContent], task: Column) -> list[Column]:
    """Columns before the task that group it though no header says so: a header no rule knows
    (工作责任组, or none at all), or a place (具体点位 over 滨江街道辖区), whose cells each stand
    beside several tasks."""
    found = [c for c in columns if ((c.field is None and c.how == "unknown") or c.field == LOCATION)
             and c.index < task.index and _spans_tasks(contents[c.index], contents[task.index])]
    for c in found:
        c.field, c.how, c.evidence = AREA, "content", f"'{c.header}' groups the rows"
    return found


def _names_items(names: ColumnContent, sentences: ColumnContent) -> bool:
    """Whether one column names each row's item (林长制工作) where the other describes it in
    sentences: every row has its own short name, without a sentence's punctuation."""
    return (bool(names.filled) and len(set(names.filled)) == len(names.filled) and not names.runs
            and names.mean_len <= 12 and sentences.mean_len >= 3 * names.mean_len
            and not names.share(lambda v: bool(re.search(r"[。；;，,]", v))))


def _named_by(name: Column, content: Column) -> bool:
    """Whether one header names the item whose content the other describes: X名称 beside X内容
    (or 内容 alone)."""
    named, described = header_key(name.header.rsplit("/", 1)[-1]), header_key(content.header.rsplit("/", 1)[-1])
    thing = named.removesuffix("名称")
    # 内容 alone beside 项目名称 is that item's content as well (项目名称 | 内容).
    return thing != named and bool(thing) and described in (f"{thing}内容", "内容")


def _lowest_level(columns: list[Column], col: Column) -> bool:
    """Whether the column stands under the header of a group column on its left (项目 over three
    columns: 重点指标 | 经济类指标 | 综合指标): the finest level of that grouping, though each of
    its cells labels one row."""
    left = columns[col.index - 1] if col.index > 0 else None
    return left is not None and left.field == AREA and left.header == col.header


def ordinal_level(text: str) -> int | None:
    """The numbering level a text starts with: 0 for 一、, 1 for （一）, 2 for 1., 3 for （1）."""
    return next((level for level, p in enumerate(_ORDINAL_LEVELS) if p.match(text.strip())), None)


def _spans_tasks(upper: ColumnContent, task: ColumnContent) -> bool:
    """Whether one cell of a column stands beside several different task cells (項目 merged over
    the rows of two tasks, though their 序号 is merged too): it groups them."""
    return any(not any(a <= lo and hi <= b for a, b in task.runs) for lo, hi in upper.runs)


def _heads(upper: ColumnContent, lower: ColumnContent) -> bool:
    """Whether one column's cells head the other's: they span several items, are numbered a level
    above (一、 over 1.; a heading's 一、 or （一） over unnumbered text, not an item's 1.), or stand
    unnumbered before the numbered items."""
    a, b = upper.ordinal_level, lower.ordinal_level
    if upper.groups or (a is not None and (a < b if b is not None else a <= 1)):
        return True
    # Item numbers (1. 2. …) on the cells of one column make it the column of items; plain
    # labels before it name their groups.
    return a is None and b is not None and b >= 2


def _task_rank(col: Column, content: ColumnContent) -> int:
    """How surely a column holds the task: by its header, one naming the task itself (任务名称)
    (3), 任务/内容/措施 (2), then one naming the item itself (指标名称, 项目) (1), before one
    describing it (年度目标, 具体要求, 目标值) (0); a column whose cells each list several
    numbered steps (1.… 2.…) is a plan for the task, not the task (-1); nor is one whose cells
    mostly say there is nothing (/, 无, 暂无: a 存在问题 or 下一步措施 column of a report), nor one
    whose cells are mostly bare figures (≥75%, 8950人: target values), nor one headed by a slice
    of the year (一季度目标 beside 年度目标)."""
    if content.share(lambda v: len(_STEP.findall(v)) >= 2) >= 0.5:
        return -1
    if content.share(lambda v: bool(_PLACEHOLDER.match(v))) > 0.5:
        return -1
    if content.share(lambda v: bool(_FIGURE.match("".join(v.split())))) >= 0.6:
        return -1  # 考核内容 of ≥75%, ≥15% beside the 项目 they measure: the targets, not the task
    if _PERIOD_SLICE.search(col.header):
        return -1
    if col.field == TASK:
        # 抽查任务名称 names the task itself, over 抽查事项 / 检查内容 beside it.
        return 3 if col.evidence in _NAMING_HEADS else 2
    return 1 if col.evidence in _NAMING_HEADS else 0


def is_extra(col: Column) -> bool:
    """Columns whose text goes to `extra`: no field, or a kind understood but without a field."""
    return col.field is None or col.field in _KEPT_AS_EXTRA
