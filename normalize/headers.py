"""Header cells → canonical fields.

A header names its column's meaning in one of many words (序号/编号, 责任单位/牵头单位 ...). The
synonyms below are matched on the header with spaces and line breaks removed, a cell printed
twice (序号|序号) counted once, whole first, then as an ending (2021年重点任务 → 重点任务,
巫溪县牵头责任单位 → 牵头责任单位), longest synonym first. What stands before a unit header's
synonym, when it names a region, is that column's party (巫溪县). Headers that name nothing known
are left to the content (see `columns.py`) or kept as extra columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Canonical fields. Order matters only for the documentation of the output.
NUMBER, AREA, TASK, DEADLINE, LEAD, SUPPORT, LEADER, REMARKS = (
    "number", "area", "task", "deadline", "lead", "support", "leader", "remarks")
# A column that could hold the task but, beside a true task column, is read as its group.
TASK_LIKE = "task_like"

SYNONYMS: dict[str, tuple[str, ...]] = {
    NUMBER: ("序号", "编号", "序列", "项次", "No"),
    AREA: ("重点领域", "协同发展事项", "类别", "领域", "分类", "工作类别", "任务类别", "板块", "重点方向",
           "项目类别", "专项", "方面", "工作事项", "事项"),
    TASK: ("重点任务", "具体任务", "工作任务", "任务内容", "重点工作", "工作内容", "主要任务", "任务",
           "具体工作", "工作措施", "具体措施", "主要措施", "主要内容", "重点任务内容"),
    TASK_LIKE: ("具体要求", "工作要求", "目标要求", "工作目标", "主要目标", "目标任务", "具体内容",
                "工作举措", "推进措施"),
    DEADLINE: ("完成时限", "完成时间", "时间节点", "时限", "完成期限", "时间安排", "进度安排", "完成时限要求",
               "时间进度", "时间"),
    LEAD: ("责任单位", "牵头单位", "牵头责任单位", "牵头部门", "责任部门", "主责单位", "负责单位",
           "牵头", "责任主体", "牵头负责单位", "责任处室", "牵头处室", "责任科室", "承办单位", "实施单位",
           "主办单位", "单位", "部门"),
    SUPPORT: ("配合单位", "协同单位", "参与单位", "配合部门", "协办单位", "协同部门", "参与部门",
              "配合责任单位", "协助单位"),
    LEADER: ("责任领导", "分管领导", "牵头领导", "联系领导", "责任人", "牵头领导同志"),
    REMARKS: ("备注", "说明"),
}
_BY_LENGTH = sorted(((s, f) for f, syns in SYNONYMS.items() for s in syns), key=lambda sf: -len(sf[0]))
_REGION = re.compile(r"^[\u4e00-\u9fff]{1,10}?(?:自治区|自治州|自治县|省|市|区|县|州|盟|旗|镇|乡|街道)$")
_BRACKETED = re.compile(r"[（(][^）)]*[）)]")  # 责任单位（排第一位的为牵头单位） → 责任单位
_NOISE = re.compile(r"[\s：:*＊（）()\[\]【】]")


@dataclass(frozen=True)
class HeaderMatch:
    field: str | None  # canonical field, or None when no synonym matched
    party: str | None = None  # region named by the header (巫溪县牵头责任单位 → 巫溪县)


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


def match_header(header: str) -> HeaderMatch:
    key = _NOISE.sub("", _BRACKETED.sub("", header)) or _NOISE.sub("", header)
    if not key:
        return HeaderMatch(None)
    for syn, fld in _BY_LENGTH:
        if key == syn:
            return HeaderMatch(fld)
    for syn, fld in _BY_LENGTH:
        if key.endswith(syn):
            prefix = key[: -len(syn)]
            party = region_name(prefix)
            return HeaderMatch(fld, party if fld in (LEAD, SUPPORT, LEADER) else None)
    return HeaderMatch(None)


def region_name(text: str) -> str | None:
    """The text itself when it is the name of a region (渝中区, 巫溪县, 重庆市), else None."""
    text = _NOISE.sub("", text or "")
    return text if _REGION.match(text) else None
