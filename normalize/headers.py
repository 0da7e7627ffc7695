"""Header cells → canonical fields, by meaning rather than by a list of exact words.

A header is a head noun with modifiers: 承办|股室, 责任|处室（单位）, 计划|完成|时间, 牵头|领导,
工作|板块. The head noun (the header's last word) gives the kind of column — units, leaders,
persons, a deadline, progress, the task, a group — and the modifiers before it give the role
(牵头/主办/责任 → lead, 配合/协办/参与 → support) and the party (a region: 巫溪县牵头责任单位).
The exact synonyms are the first, surest evidence; the head nouns generalize them. Headers are
matched with spaces, line breaks and bracketed notes removed (责任单位（排第一位的为牵头单位）), a
cell printed twice (序号|序号) counted once. What the content of the column says (names of
people, phone numbers, dates, unit names, per-row sentences) is weighed in `columns.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .cjk import fold_traditional

# Canonical fields.
NUMBER, AREA, TASK, DEADLINE, LEAD, SUPPORT, LEADER, REMARKS = (
    "number", "area", "task", "deadline", "lead", "support", "leader", "remarks")
PERSONS, PROGRESS = "persons", "progress"
# A column that could hold the task (目标, 要求, 指标 …): the task where no column says 任务/内容,
# else its group when it spans rows, else an extra column.
TASK_LIKE = "task_like"
# Columns understood but kept in extra: phone numbers, scores, the units that check the work.
CONTACT, SCORE, OVERSIGHT = "contact", "score", "oversight"
# Also understood and kept in extra: a project's period (起止年限: when it runs, not when it is
# due) and where an indicator's data come from (数据来源: who reports, not who is responsible).
PERIOD, SOURCE = "period", "source"
# And where the work is done (工程地点, 实施点位, 任务分布情况): a place, never who does it.
LOCATION = "location"

SYNONYMS: dict[str, tuple[str, ...]] = {
    NUMBER: ("序号", "编号", "序列", "项次", "No"),
    AREA: ("重点领域", "协同发展事项", "类别", "领域", "分类", "工作类别", "任务类别", "板块", "重点方向",
           "项目类别", "专项", "方面"),
    TASK: ("重点任务", "具体任务", "工作任务", "任务内容", "重点工作", "工作内容", "主要任务", "任务",
           "具体工作", "工作措施", "具体措施", "主要措施", "主要内容", "重点任务内容"),
    TASK_LIKE: ("具体要求", "工作要求", "目标要求", "工作目标", "主要目标", "目标任务", "具体内容",
                "工作举措", "推进措施", "建设内容", "建设规模"),
    DEADLINE: ("完成时限", "完成时间", "时间节点", "时限", "完成期限", "时间安排", "进度安排", "完成时限要求",
               "时间进度", "时间"),
    LEAD: ("责任单位", "牵头单位", "牵头责任单位", "牵头部门", "责任部门", "主责单位", "负责单位",
           "牵头", "责任主体", "牵头负责单位", "责任处室", "牵头处室", "责任科室", "承办单位", "实施单位",
           "主办单位", "单位", "部门"),
    SUPPORT: ("配合单位", "协同单位", "参与单位", "配合部门", "协办单位", "协同部门", "参与部门",
              "配合责任单位", "协助单位"),
    LEADER: ("责任领导", "分管领导", "牵头领导", "联系领导", "牵头领导同志"),
    PERSONS: ("责任人", "联系人", "经办人"),
    REMARKS: ("备注", "说明"),
}

# Head nouns: the last word of a header names its kind. Longest match wins (进度安排 before 进度).
HEAD_NOUNS: dict[str, tuple[str, ...]] = {
    NUMBER: ("序号", "编号", "序列", "项次"),
    LEAD: ("单位", "部门", "科室", "股室", "处室", "站所", "机关", "主体", "责任方", "县区", "区县", "县市区", "乡镇",
           "镇街", "街镇", "科", "股", "处", "室",
           "局", "委", "办", "牵头", "主办", "承办", "主责"),
    SUPPORT: ("协办", "配合", "参与", "协助"),
    LEADER: ("领导", "领导同志", "县领导", "市领导", "区领导", "包保领导", "分管负责同志", "省长", "市长", "州长",
             "河长", "湖长", "河段长", "林长", "田长", "路长", "街长",  # the officials a 河长制 … names
             "县长", "区长", "镇长", "乡长", "书记", "局长"),
    PERSONS: ("责任人", "联系人", "经办人", "负责人", "承办人", "联络员", "具体负责人", "干部", "人员"),
    DEADLINE: ("时限", "时效", "时间", "期限", "节点", "日期", "时限要求", "时间要求", "进度安排", "时间安排",
               "进度要求", "时序", "截止", "工期", "完成年限", "年限", "目标进度", "计划进度", "预期进度"),
    PROGRESS: ("情况", "进展", "进度", "成效", "现状", "进展情况", "完成情况", "落实情况", "推进情况", "办理情况",
               "整改情况", "实施情况", "工作进展", "序时进度", "完成进度", "进度情况", "完成数", "完成量", "完成值",
               "已完成", "累计完成"),
    TASK: ("任务", "内容", "措施", "举措", "事项", "工作", "重点", "问题", "细项", "小项", "子项", "分项"),
    TASK_LIKE: ("指标", "目标", "要求", "项目", "名称", "标准", "目标值", "清单", "计划", "任务书", "规模", "分工",
                "要点", "条目", "细则", "科目"),
    AREA: ("领域", "类别", "板块", "方面", "分类", "类型", "专项", "方向", "大类", "篇章", "部分", "行动"),
    REMARKS: ("备注", "说明", "附注"),
    CONTACT: ("电话", "联系电话", "联系方式", "手机", "办公电话", "邮箱"),
    SCORE: ("分值", "权重", "分数", "得分", "考核分值", "赋分"),
    SOURCE: ("来源", "数据来源", "资料来源", "数据提供"),
    LOCATION: ("地点", "点位", "位置", "地址", "地段", "分布", "分布情况"),
}
_NAMING = ("名称", "项目", "科目", "清单", "任务书", "要点", "分工")  # task-like heads that name the item itself
# Heads that say only "a list of" / "a description of": the modifier names the kind.
_CONTAINERS = ("清单", "描述", "明细", "一览")
_RESPONSIBILITY = ("责任", "职责")  # 责任清单: who answers for it
_BY_HEAD = sorted(((h, f) for f, heads in HEAD_NOUNS.items() for h in heads), key=lambda hf: -len(hf[0]))
# Modifiers before a unit (or leader) head noun: they give the column's role.
_OVERSIGHT_MODIFIER = re.compile(r"督办|督查|督导|考核|监督|审核|评估")
_TIME_HEADS = ("时限", "时效", "时间", "期限")  # before 要求 / 标准: a requirement on time, the deadline
_PERIOD_MODIFIER = re.compile(r"起止|起讫|始末|周期|开始|起始")  # 任务开始时间: not when it is due
_SUPPORT_MODIFIER = re.compile(r"配合|协办|协同|参与|协助|协作|支持")
# A name-type head (名称, 内容) whose modifier names a group is that group: 类别名称, 专项名称.
_GROUP_MODIFIER = re.compile(r"类别|领域|板块|方面|分类|类型|专项|大类")
_PROGRESS_MODIFIER = re.compile(r"完成|进展|推进|落实|办理|整改|实施|工作|目前|当前|截至|执行|办结|工作进度|现状")
_SYNONYM_BY_LENGTH = sorted(((s, f) for f, syns in SYNONYMS.items() for s in syns), key=lambda sf: -len(sf[0]))
_REGION = re.compile(r"^[\u4e00-\u9fff]{1,10}?(?:自治区|自治州|自治县|省|市|区|县|州|盟|旗|镇|乡|街道)$")
_BRACKETED = re.compile(r"[（(][^）)]*[）)]")  # 责任单位（排第一位的为牵头单位） → 责任单位
_NOISE = re.compile(r"[\s：:*＊（）()\[\]【】]")
_PARTY_FIELDS = (LEAD, SUPPORT, LEADER, PERSONS)


@dataclass(frozen=True)
class HeaderMatch:
    field: str | None  # canonical field, or None when the header names nothing known
    party: str | None = None  # region named by the header (巫溪县牵头责任单位 → 巫溪县)
    how: str | None = None  # "synonym" (an exact word), "head noun", or None (unknown)
    head: str | None = None  # the word that decided it
    also: str | None = None  # what the second part of a compound header names (责任主体与协同单位)


def clean_header(lines: list[str]) -> str:
    """One header text from a cell's lines: joined, spaces dropped, a doubled print counted once."""
    parts = [line.strip() for line in lines if line.strip()]
    if parts and all(p == parts[0] for p in parts):
        parts = parts[:1]
    text = re.sub(r"\s+", "", "".join(parts))
    half = len(text) // 2
    if len(text) % 2 == 0 and half and text[:half] == text[half:]:
        text = text[:half]
    return text


def header_key(header: str) -> str:
    """A header's words without its marks and bracketed notes, in simplified characters:
    责任单位（排第一位的为牵头单位） and *責任單位： both read 责任单位."""
    header = fold_traditional(header)
    return _NOISE.sub("", _BRACKETED.sub("", header)) or _NOISE.sub("", header)


@cache  # the same few dozen headers and labels recur in every table and task list
def match_header(header: str) -> HeaderMatch:
    """The field a header names: an exact synonym first (whole, then as the ending after a
    region or year: 2021年重点任务, 巫溪县牵头责任单位), then the head noun with its modifiers."""
    key = header_key(header)
    if not key:
        return HeaderMatch(None)
    for syn, fld in _SYNONYM_BY_LENGTH:
        if key == syn:
            return HeaderMatch(fld, how="synonym", head=syn)
    for syn, fld in _SYNONYM_BY_LENGTH:
        if key.endswith(syn) and _plain_prefix(key[: -len(syn)]):
            party = region_name(key[: -len(syn)])
            return HeaderMatch(fld, party if fld in _PARTY_FIELDS else None, "synonym", syn)
    found = _by_head_noun(key)
    if found.field is None:
        # Kinds of region listed with brackets (县(市)、区, 乡镇(街道)): the column of those regions'
        # governments, as 县市区 is — the bracket is no note here.
        kinds = _NOISE.sub("", re.sub(r"[()（）、，,]", "", fold_traditional(header)))
        if kinds != key and _REGION_KINDS.fullmatch(kinds):
            return HeaderMatch(LEAD, None, "head noun", kinds)
    return found


_REGION_KINDS = re.compile(r"(?:县|市|区|乡|镇|街道|旗)+")


def _plain_prefix(prefix: str) -> bool:
    """What may stand before an exact synonym and leave it exact: a year, a region, 牵头/配合 …
    Anything else (计划完成时间, 承办股室) is read by its head noun and modifiers instead."""
    rest = re.sub(r"^\d{4}年?(?:度)?", "", prefix)
    return not rest or region_name(rest) is not None or rest in ("主要", "具体", "本年", "年度", "当年")


def _by_head_noun(key: str) -> HeaderMatch:
    # A compound header (建设内容及规模, 责任单位及责任人) is read by its first part; what the
    # second part names is kept beside it.
    parts = [p for p in re.split(r"[及和与、/／]", key) if p]
    if len(parts) > 1 and all(len(p) >= 2 for p in parts):  # not a word's own 与 (参与部门)
        first = _by_head_noun(parts[0])
        second = _by_head_noun(parts[-1])
        if first.field:
            return HeaderMatch(first.field, first.party, first.how, first.head, second.field)
        # 实施层级及说明: a note on what the first part names, not a column of remarks.
        return HeaderMatch(None) if second.field == REMARKS else second
    for container in _CONTAINERS:
        # 任务清单, 责任清单, 时限清单, 问题描述: a list or a description of what its modifier names.
        if key.endswith(container) and len(key) > len(container):
            inner = key[: -len(container)]
            if inner.endswith(_RESPONSIBILITY):
                return HeaderMatch(LEAD, None, "head noun", inner[-2:] + container)
            found = _by_head_noun(inner)
            if found.field:
                return found
    for head, kind in _BY_HEAD:
        if not key.endswith(head):
            continue
        modifier = key[: -len(head)]
        if len(head) == 1 and kind == LEAD and not _unit_modifier(modifier):
            continue  # a bare 处 / 室 / 办 ends many words (办|公室 aside); only after a role word
        if head == "情况" and not _PROGRESS_MODIFIER.search(modifier):
            continue  # 基本情况 describes; 完成情况 / 推进情况 report progress
        if kind == TASK_LIKE and head in ("要求", "标准") and modifier.endswith(_TIME_HEADS):
            return HeaderMatch(DEADLINE, None, "head noun", modifier[-2:])  # 时效标准, 办结时间要求
        if kind in (TASK_LIKE, TASK) and _GROUP_MODIFIER.search(modifier[-2:]):
            kind = AREA  # 类别名称, 专项名称, 指标类别内容 — not 专项整治行业名称 (an industry's name)
        elif kind == TASK_LIKE and head in _NAMING and re.search(r"任务|工作|措施", modifier):
            kind = TASK  # 任务名称, 工作项目: names the task itself (工作计划, 工作目标 describe it)
        if kind == DEADLINE and _PERIOD_MODIFIER.search(modifier):
            return HeaderMatch(PERIOD, None, "head noun", head)  # 起止年限, 建设起止时间: a period
        if kind in (LEAD, SUPPORT) and _OVERSIGHT_MODIFIER.search(modifier):
            return HeaderMatch(OVERSIGHT, None, "head noun", head)  # 督办科室: who checks, not who does
        if kind == LEAD and _SUPPORT_MODIFIER.search(modifier):
            kind = SUPPORT  # 协办科室, 配合处室
        party = _party_in(modifier) if kind in _PARTY_FIELDS else None
        return HeaderMatch(kind, party, "head noun", head)
    return HeaderMatch(None)


def _unit_modifier(modifier: str) -> bool:
    return bool(re.search(r"牵头|责任|主办|承办|主责|配合|协办|负责|实施", modifier))


def _party_in(modifier: str) -> str | None:
    """The region a modifier starts with: 巫溪县牵头 → 巫溪县."""
    for end in range(len(modifier), 1, -1):
        if region := region_name(modifier[:end]):
            return region
    return None


def region_name(text: str) -> str | None:
    """The text itself when it is the name of a region (渝中区, 巫溪县, 重庆市), else None — not
    the words for kinds of region (县区, 乡镇, 市县), which head a column of regions."""
    text = _NOISE.sub("", text or "")
    if set(text) <= set("省市区县州盟旗镇乡街道"):
        return None
    return text if _REGION.match(text) else None
