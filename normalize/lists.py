"""Tasks written as numbered paragraphs instead of a table → the same task records.

Many task-breakdown notices (政府工作报告分解, 重点工作责任分工) have no table: the tasks are numbered
paragraphs under headings (一、… （一）…), and each item's responsibilities follow it — in a bracket
at its end (…增长7%左右。（责任领导：某某；牵头单位：市发改委；配合单位：市统计局）), on label lines of
their own after it (牵头单位：区发改局 / 责任单位：…), or, in the old style, as a bare bracket of unit
names (…增长9%。（工资处、就管中心）). Format-blind: it reads the paragraphs any reader gives.

What makes a paragraph a task is its labels, not its number: a numbered list of principles or
requirements carries none and gives no task, and the notice's body never does. Labels are read
as table headers are (`headers.match_header`: 牵头单位 → lead, 配合单位 → support, 责任领导 →
leaders, 完成时限 → deadline), and 责任单位 beside 牵头单位 is the support, as in tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cjk import fold_traditional
from .columns import ordinal_level
from .deadlines import ENCLOSED_NUMBERS, cn_number, due_date, year_in
from .headers import DEADLINE, LEAD, LEADER, LOCATION, PERSONS, SUPPORT, TASK, TASK_LIKE, match_header
from .records import TableRecord, TaskRecord, UnitRef
from .tables import AREA_JOINER
from .units import (
    EXPLICIT_LEAD,
    UnitName,
    drop_first_leads_note,
    ends_like_name,
    first_leads,
    says_lead,
    split_outside_brackets,
    split_people,
    split_units,
)

# A label: a short header-like word and a colon (牵头单位： 责任领导: 完成时限：).
# A label may name its kind again in a bracket (牵头科室（单位）：, 责任单位（部门）：).
_LABEL = re.compile(r"(?P<label>[\u4e00-\u9fff]{2,8}(?:[（(][\u4e00-\u9fff]{1,4}[）)])?)\s*[:：]")
_OPENERS, _CLOSERS = "（(〔【[", "）)〕】]"
_CIRCLED = ENCLOSED_NUMBERS[ENCLOSED_NUMBERS.index("①"):]  # ① … ⑳
_SUB_ITEM = re.compile(r"^\s*(?P<no>[（(]\d{1,2}[）)]|[⑴-⒇" + _CIRCLED + "])")
_ITEM = re.compile(r"^\s*(?P<no>\d{1,3})\s*(?:、|[.．﹒](?!\d)|[.．﹒](?=\d{4}年))")  # 1、1路… is item 1, 1.5 none
_DEADLINE_WORDS = re.compile(r"\d{1,2}月|年底|年内|季度|长期|持续|常态|每[年季月]|上半年|下半年")
_RESPONSIBILITY = {LEAD, SUPPORT, LEADER, PERSONS}  # 责任人：… names who answers, as a unit does
_CONTACT = ("联系", "联络")
# The governments of a kind of region, named by the kind (各市、区政府 → 各市 | 区政府): units too.
_REGIONS = re.compile(r"各?(?:省|市|县|区|乡|镇|街道|县区|市区|乡镇|镇街)")


@dataclass
class ListItem:
    index: int  # the paragraph's index among the document's blocks
    number: int | None
    sub_no: str | None
    area: str
    text: str
    labels: list[tuple[str, str]] = field(default_factory=list)  # (label, value) as printed
    bare_units: str | None = None  # a bracket of unit names without labels


@dataclass
class TaskList:
    start: int  # index of the first paragraph of the list (its first heading or item)
    title: str | None
    items: list[ListItem]
    unlabelled: int  # numbered paragraphs at the items' level that carry no labels


def find_task_lists(paragraphs: list[tuple[int, str]]) -> list[TaskList]:
    """Task lists in a run of paragraphs (index, text) between two tables, in order."""
    parsed = [_parse(i, piece) for i, text in paragraphs for piece in _inline_items(text)]
    # A label with its value on the next line (责任单位： | 科研所、省气象台): that line is its value.
    for k, p in enumerate(parsed[:-1]):
        after = parsed[k + 1]
        if p.kind == "label" and p.labels and not p.labels[-1][1] and after.kind == "other" \
                and not _PROSE.search(after.text):
            p.labels[-1] = (p.labels[-1][0], after.text.strip(" 。；;"))
            after.kind = "detail"
    # An item's numbered line, then its own paragraph ending in the units (1.地区生产总值增长12%。
    # then 全市生产总值达到…。（市发改委）, or with them on a line of their own): one item, its text
    # both. (Under a heading, unnumbered paragraphs one after another, each with its units, are
    # items of their own.)
    # So is a numbered line that is a sentence ((一)加强…建设。) over an unnumbered paragraph with
    # its labels; a numbered title without a stop stays a heading over it (1.优化城乡结构布局).
    for k in range(1, len(parsed)):
        before, p = parsed[k - 1], parsed[k]
        nxt = parsed[k + 1] if k + 1 < len(parsed) else None
        labelled_under_sentence = p.kind == "item" and p.level == _UNNUMBERED and before.level < _UNNUMBERED \
            and before.body.endswith(("。", "；", ";")) and bool(_PROSE.search(p.body))
        if before.kind != "item" or (before.level < 2 and not labelled_under_sentence) or _responsible(before) \
                or (p.kind != "other" and not labelled_under_sentence) \
                or p.text[:1] in _OPENERS or (nxt is not None and nxt.kind == "other" and _ends_in_units(nxt.text)):
            continue
        if _ends_in_units(p.text) \
                or (nxt is not None and nxt.kind == "label" and bool(nxt.labels or nxt.bare_units)):
            parsed[k - 1] = _item(before.index, before.text, before.level, before.number, before.ordinal,
                                  before.body + p.text)
            p.kind = "detail"
    # A paragraph of prose with a responsibility label line under it is an item, numbered or not
    # (a 民生工程 page: one paragraph, then 责任单位：市文广新局).
    # So is a task's own label line with no item above it (重点工作：全面推行林长制。 then 牵头单位：…):
    # its value is the task.
    for k in range(1, len(parsed)):
        before = parsed[k - 1]
        if parsed[k].kind != "label" or not parsed[k].labels:
            continue
        if before.kind == "other" and _PROSE.search(before.text):
            parsed[k - 1] = _item(before.index, before.text, _UNNUMBERED, None, None, before.text)
        elif before.kind == "detail" and (k < 2 or parsed[k - 2].kind == "other") \
                and (m := _LABEL.match(before.text)) and match_header(m.group("label")).field == TASK:
            parsed[k - 1] = _item(before.index, before.text, _UNNUMBERED, None, None, before.text[m.end():])
    # Label lines after an item (牵头单位：… on a line of its own) belong to it — or, after the
    # last of a parent's sub-items none of which has labels of its own, to all of those sub-items:
    # one label line closes the group ((1) … (4) then 责任单位：…).
    owner: _Para | None = None
    run: list[_Para] = []  # consecutive items at owner's level
    under_parent = False  # whether that run follows an item of a shallower level: its parent
    for p in parsed:
        if p.kind == "item":
            if run and run[-1].level == p.level:
                run.append(p)
            else:
                under_parent, run = owner is not None and owner.level < p.level, [p]
            owner = p
        elif p.kind == "label" and owner is not None:
            group = run if under_parent and not any(map(_responsible, run)) else [owner]
            names_lead = any(match_header(label).field == LEAD for label, _ in p.labels)
            for item in group:
                if names_lead and item.bare_units and (at := item.text.rfind(item.bare_units)) > 0:
                    # A label line names the lead: the bracket at the item's end is its text's
                    # own ((潭头专场), a show's name), not a bare list of units.
                    item.body, item.bare_units = item.body + item.text[at - 1:].strip(), None
                item.labels += p.labels
                item.bare_units = item.bare_units or p.bare_units
        elif p.kind == "detail":
            continue  # the item's own detail line: its labels may follow
        else:
            owner, run = None, []
    # A name with its units over numbered items that name none (三义街社区（责任单位：…） then
    # 1、… 2、…), or a heading with its units over deeper items that name none (一、主干道公共卫生间
    # （责任单位：环卫局） over 1、… (1)…): the label is the group's, its items are the tasks.
    for k, head in enumerate(parsed):
        unnumbered = head.level == _UNNUMBERED
        if head.kind != "item" or not _responsible(head) or (unnumbered and _PROSE.search(head.body)) \
                or (not unnumbered and head.level > 1):
            continue
        under = []
        for p in parsed[k + 1:]:
            if p.kind != "item" or p.level == _UNNUMBERED or (not unnumbered and p.level <= head.level) \
                    or _responsible(p):
                break
            under.append(p)
        for item in under:
            item.labels, item.bare_units = list(head.labels), head.bare_units
        if under and unnumbered:
            head.kind = "head"  # no heading of the area chain (an unnumbered line is none)
    # An item that names its own units over sub-items that name theirs (一、…（责任单位：…） over
    # 1.…（责任单位：…）) heads them, as an unlabelled one does: its sub-items are the tasks.
    heads = {id(p) for k, p in enumerate(parsed)
             if p.kind == "item" and _responsible(p) and _has_labelled_sub(parsed, k)}
    labelled = [p for p in parsed if p.kind == "item" and _responsible(p) and id(p) not in heads]
    if not labelled:
        return []
    item_level = min(p.level for p in labelled)
    items: list[ListItem] = []
    headings: list[_Para] = []  # unlabelled items above the items, outer first
    parent: _Para | None = None  # an unlabelled item at the items' level over labelled sub-items
    first = None
    unlabelled = 0
    for k, p in enumerate(parsed):
        if p.kind in ("item", "head"):
            first = p.index if first is None else first
        if p.kind != "item":
            continue
        # An unlabelled item over labelled sub-items heads them, at the items' level too ((一)…。
        # （牵头责任人：…） then (二)启动…建设。 over 1.…（牵头责任人：…）).
        if id(p) in heads or (not _responsible(p) and (p.level < item_level or _has_labelled_sub(parsed, k))):
            headings = [h for h in headings if h.level < p.level] + [p]
            continue
        if p.level == item_level and p.level < 3:
            parent = p
        if not _responsible(p):
            unlabelled += p.level == item_level and not _has_labelled_sub(parsed, k)
            continue
        number, sub_no, above = p.number, None, [h for h in headings if h.level < p.level]
        if p.level >= 3 and parent is not None and parent.level < p.level and \
                (not above or parent.index > above[-1].index):
            number, sub_no = parent.number, p.ordinal
        elif p.level >= 3 and above and above[-1].level >= 2 and p.level == _UNNUMBERED:
            # An unnumbered paragraph under a numbered title line (1.优化城乡结构布局 | 坚持…。
            # （牵头单位：…）): the title's number, and the title stays in the area chain.
            number = _number_of(above[-1])
        elif p.level >= 3 and above and above[-1].level >= 2:
            # A sub-item's own parent (5.推进以下工作。 over (1) (2); (1) over ① ②) gives its number;
            # the headings above that parent are its area.
            number, sub_no = _number_of(above.pop()), p.ordinal
        items.append(ListItem(p.index, number, sub_no, AREA_JOINER.join(h.text for h in above),
                              p.body, p.labels, p.bare_units))
    if not items:
        return []
    return [TaskList(first, _title_before(paragraphs, first), items, unlabelled)]


_PROSE = re.compile(r"[\u4e00-\u9fff].{8,}[。；;]$")  # a sentence or more, ended as one
_INLINE_SUB = re.compile(r"[（(](\d{1,2})[）)]")


def _inline_items(text: str) -> list[str]:
    """A paragraph that runs its sub-items on (1.深化改革。(1)…(市工商质监局牵头负责)(2)…(…负责)):
    the parent's own text, then each sub-item — where they are numbered (1), (2) … in turn, the
    first right after the parent's sentence and each next one right after the bracket naming who
    answers for the one before. Any other paragraph stays whole."""
    cuts, want = [], 1
    for m in _INLINE_SUB.finditer(text):
        if int(m.group(1)) != want or m.start() == 0:
            continue
        before = text[: m.start()].rstrip()
        if want == 1 and not before.endswith(("。", "：", ":")):
            continue
        if want > 1 and not _responsible(_parse(0, text[cuts[-1]: m.start()])):
            continue
        cuts.append(m.start())
        want += 1
    if len(cuts) < 2 or not _responsible(_parse(0, text[cuts[-1]:])):
        return [text]
    return [text[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]


@dataclass
class _Para:
    index: int
    text: str
    # "item" (numbered, or ending in labels), "label" (a line of labels), "detail", "head" (a
    # group's name and units over its items), "other"
    kind: str
    level: int = 99
    number: int | None = None
    ordinal: str | None = None
    body: str = ""
    labels: list[tuple[str, str]] = field(default_factory=list)
    bare_units: str | None = None


def starts_unit(text: str) -> bool:
    """Whether a paragraph opens an item, a heading or a label line (so it continues nothing)."""
    return _parse(0, text, numbered_only=True).kind in ("item", "label")


def opens_line(previous: str, text: str) -> bool:
    """Whether a printed line begins a paragraph of its own after `previous`: it opens an item, a
    heading or a label line — or `previous` is a label line and this one starts with a label too
    (监督方式：… after 主要协作单位：…): label lines stand one a line, whatever a wrap suggests."""
    previous, text = previous.strip(), text.strip()
    after = _parse(0, text, numbered_only=True)
    if after.kind in ("item", "label"):  # it opens a unit (starts_unit)
        # Unless the wrap cut the label itself: …设施。责任 | 单位：华龙区建设办。
        cut = re.search(r"[。；;]([\u4e00-\u9fff]{1,4})$", previous)
        label = _LABEL.match(text)
        if label:
            return not (cut and _is_responsibility(cut.group(1) + label.group("label")))
        # Or an item's line stops mid-sentence before a number of a higher level: the number is
        # the sentence's own word (1.提高…分工明确、权责统 | 一、协调高效的…). (Headings and items
        # may end without a stop: 七、健全住房保障制度 | 1、…; 7、…投诉电话 | 8、….)
        if previous.endswith(_PARAGRAPH_ENDS) or after.kind != "item":
            return True
        before = _parse(0, previous, numbered_only=True)
        return not (before.kind == "item" and before.level > after.level)
    return bool(_label_line(previous)) and bool(_LABEL.match(text))


_PARAGRAPH_ENDS = tuple("。；;：:！？!?）)】〕”」")


# An unnumbered paragraph that ends in responsibility labels is an item too, below every numbered
# level (做好…信息公开。（牵头科室：登记注册科；责任科室：…） under a （一） heading).
_UNNUMBERED = 5


def _parse(index: int, text: str, numbered_only: bool = False) -> _Para:
    text = text.strip()
    labels = _label_line(text)
    if labels:
        return _Para(index, text, "label", labels=labels)
    detail = _LABEL.match(text)
    if detail and match_header(detail.group("label")).field in (TASK, TASK_LIKE):
        # 目标要求：… on a line of its own between an item and its labels: the item's detail.
        return _Para(index, text, "detail")
    if text[:1] in _OPENERS:
        # An item's bracket of names printed on a line of its own ((区发改局牵头，区财政局配合)):
        # it applies to the item before it, as a label line does.
        body, _, bare = _split_bracket(text)
        if not body and bare:
            return _Para(index, text, "label", bare_units=bare)
    level = ordinal_level(text)
    sub = _SUB_ITEM.match(text)
    if sub and (level is None or level == 3):
        # ① sits below (1) where both are used (1. → (1) → ①).
        return _item(index, text, 4 if sub.group("no") in _CIRCLED else 3, None, sub.group("no"), text[sub.end():])
    if level == 2 and (m := _ITEM.match(text)):
        return _item(index, text, 2, int(m.group("no")), None, text[m.end():])
    if level in (0, 1):
        m = re.match(r"^\s*(?:[（(]?(?P<no>[一二三四五六七八九十]{1,3})[）)、.．]?|(?P<one>[㈠-㈩]))", text)
        number = cn_number(m.group("no") or m.group("one")) if m else None
        return _item(index, text, level, number, None, text[m.end():] if m else text)
    if not numbered_only:
        # (A printed line ending in such a bracket may be the last line of an item: for telling
        # where items start, only numbers count.)
        item = _item(index, text, _UNNUMBERED, None, None, text)
        if item.body and any(_is_responsibility(label) for label, _ in item.labels):
            return item
    return _Para(index, text, "other")


def _item(index: int, text: str, level: int, number: int | None, ordinal: str | None, rest: str) -> _Para:
    body, labels, bare = _split_bracket(rest.strip())
    return _Para(index, text, "item", level, number, ordinal, body, labels, bare)


def _split_bracket(text: str) -> tuple[str, list[tuple[str, str]], str | None]:
    """The item's own text, the labels of a bracket at its end (or, unbracketed, after its last
    sentence: …设施。责任单位：华龙区建设办。), or a bare bracket of unit names."""
    span = _trailing_bracket(text)
    if span is None:
        # A bracket of labels with a remark after it (…。(责任单位:市水务局,…)该件实事已全面完成).
        for m in reversed(list(re.finditer(r"[（(]([^（()）]*)[）)]", text))):
            if labels := _labels(m.group(1)):
                return (text[: m.start()].rstrip() + text[m.end():].strip()).strip(), labels, None
        for m in _LABEL.finditer(text):
            if m.start() > 0 and text[m.start() - 1] in "。；;" and _is_responsibility(m.group("label")):
                labels = _labels(text[m.start():])
                if labels:
                    return text[: m.start()].strip(), labels, None
        return text, [], None
    start, end = span
    inner = text[start + 1: end - 1]
    after = text[end:].strip()
    body = (text[:start].rstrip() + after).strip()
    labels = _labels(inner)
    if labels:
        return body, labels, None
    # A bracket of names may go on with a note after a full stop (…负责。一项任务涉及多个部门的，
    # 原则上由排名首位的部门牵头负责。下同): the names are its first sentence; the note is the
    # notice's convention (units.first_listed_leads reads it).
    names = drop_first_leads_note(split_outside_brackets(inner, "。")[0])
    if _looks_like_units(names):
        return body, [], names
    return text, [], None


def _ends_in_units(text: str) -> bool:
    """Whether a paragraph of text ends in its units: a bracket of labels or of names."""
    body, labels, bare = _split_bracket(text)
    return bool(body) and bool(labels or bare)


def _trailing_bracket(text: str) -> tuple[int, int] | None:
    """(start, end) of the bracket group that closes the text (before a final 。), brackets
    inside it allowed: （市发展改革委，各县〔市、区〕政府）。"""
    stripped = text.rstrip(" 。.；;")
    if not stripped or stripped[-1] not in _CLOSERS:
        return None
    depth = 0
    for k in range(len(stripped) - 1, -1, -1):
        ch = stripped[k]
        if ch in _CLOSERS:
            depth += 1
        elif ch in _OPENERS:
            depth -= 1
            if depth == 0:
                return k, len(stripped)
    # A copy that printed the closing bracket as another opening one (〔牵头单位:…〔): from the last
    # opener that is followed by a label.
    m = list(re.finditer(r"[（(〔【\[](?=[\u4e00-\u9fff]{2,8}\s*[:：])", stripped))
    return (m[-1].start(), len(stripped)) if m else None


def _label_line(text: str) -> list[tuple[str, str]]:
    """A paragraph that is only labels (牵头单位：区发改局；责任单位：…), bracketed or not."""
    if text[:1] in _OPENERS and _trailing_bracket(text) == (0, len(text.rstrip(" 。.；;"))):
        text = text.rstrip(" 。.；;")[1:-1]
    m = _LABEL.match(text)
    if not m or not _is_responsibility(m.group("label"), deadline_too=True):
        return []
    return _labels(text, any_label=True)


def _labels(text: str, any_label: bool = False) -> list[tuple[str, str]]:
    """(label, value) pairs in a text of labels: 牵头单位：X；配合单位：Y，2024年6月底前完成. Unless
    `any_label` (a line of its own after an item: 时限要求：持续推进), one must name who is responsible."""
    found = [m for m in _LABEL.finditer(text) if _is_responsibility(m.group("label"), deadline_too=True)]
    if not found or not (any_label or any(_is_responsibility(m.group("label")) for m in found)):
        return []
    ends = sorted({m.start() for m in found} | set(_other_labels(text)))
    out = []
    for m in found:
        value = text[m.end(): next((e for e in ends if e >= m.end()), len(text))]
        # A full stop ends the value: what follows is a note (…按职责分工负责。具体任务均涉及…，下同。)
        value = split_outside_brackets(value, "。")[0].strip(" ；;，,。")
        out.append((m.group("label"), value))
    # A deadline phrase without a label (…；2024年6月底前完成) at the end of the last value.
    label, value = out[-1]
    parts = re.split(r"[；;，,]\s*", value)
    if len(parts) > 1 and _DEADLINE_WORDS.search(parts[-1]) and match_header(label).field != DEADLINE:
        out[-1] = (label, "，".join(parts[:-1]))
        out.append(("完成时限", parts[-1]))
    return out


def _other_labels(text: str) -> list[int]:
    """Where labels of other kinds begin, outside brackets: each ends the value before it, also
    run on without a separator (责任单位：莲塘镇任务目标：2024年…). A label is told by its last
    four characters or fewer (任务目标 after 莲塘镇), the length labels have."""
    starts = []
    for m in _LABEL.finditer(text):
        label = m.group("label")
        for k in range(max(0, len(label) - 4), len(label) - 1):
            if match_header(label[k:]).field and _depth(text[: m.start() + k]) == 0:
                starts.append(m.start() + k)
                break
    return starts


def _depth(text: str) -> int:
    return sum(ch in _OPENERS for ch in text) - sum(ch in _CLOSERS for ch in text)


def _is_responsibility(label: str, deadline_too: bool = False) -> bool:
    fld = match_header(label).field
    if label.startswith(_CONTACT) and fld in _RESPONSIBILITY:
        return False  # 联系单位：…，联系电话：… tells whom to ask about the notice, not who does a task
    # An item's other label lines (完成时限：…, 活动地点：…) belong to it too, naming no one.
    return fld in _RESPONSIBILITY or (deadline_too and fld in (DEADLINE, PERSONS, LOCATION))


def _looks_like_units(text: str) -> bool:
    """A bracket of names of bodies (工资处、就管中心), not a remark (法律、法规另有规定的，从其规定).
    Among three names or more, one whose ending is not known (中储粮株洲直属库) goes with the rest,
    unless it holds a figure (…国家卫生健康委员会令第45号: a citation's issuers and number); bare
    place names sharing the body of the next (哈尔滨、黑河、绥芬河市政府) are names of bodies, and so
    is a place named with its level beside a body's name (合肥市，省发展改革委牵头: the city's
    government); places alone (合肥市、芜湖市) may say where, not who."""
    units = split_units([text], "lead")
    names = [u.unit for u in units]
    odd = [name for k, name in enumerate(names)
           if not (ends_like_name(name) or _REGIONS.fullmatch(fold_traditional(name)) or _shares_body(names, k)
                   or _PLACE_WITH_LEVEL.fullmatch(name))]
    return bool(units) and all(len(u.unit) <= 20 for u in units) and any(ends_like_name(u.unit) for u in units) \
        and (not odd or (len(units) >= 3 and len(odd) == 1 and not re.search(r"\d", odd[0]))) \
        and not re.search(r"[。]", text)


_PLACE_BODY = re.compile(r"[\u4e00-\u9fff]{2,4}[省市县区州盟旗](?=.)")  # 绥芬河市政府: a place, then its body
_PLACE = re.compile(r"[\u4e00-\u9fff]{2,4}")
_PLACE_WITH_LEVEL = re.compile(r"[\u4e00-\u9fff]{2,4}[省市县区州盟旗]")  # 合肥市, 阿拉善盟


def _shares_body(names: list[str], k: int) -> bool:
    """Whether a bare place name stands in a run of them before one that names its body, which
    they share (哈尔滨、黑河、绥芬河市政府: the three cities' governments)."""
    if not _PLACE.fullmatch(names[k]):
        return False
    for name in names[k + 1:]:
        if ends_like_name(name):
            return bool(_PLACE_BODY.match(name))
        if not _PLACE.fullmatch(name):
            return False
    return False


def _number_of(p: _Para) -> int | None:
    """An item's number: 5 for 5., 3 for （3）, 2 for ②."""
    if p.number is not None:
        return p.number
    if p.ordinal and (digits := re.search(r"\d+", p.ordinal)):
        return int(digits.group(0))
    return cn_number(p.ordinal) if p.ordinal else None  # ② ⑴: one enclosed character


def _has_labelled_sub(parsed: list[_Para], k: int) -> bool:
    """Whether the numbered item at k has sub-items ((1), ①) that carry the labels."""
    level = parsed[k].level
    for p in parsed[k + 1:]:
        if p.kind == "item" and p.level <= level:
            return False
        if p.kind == "item" and _responsible(p):
            return True
    return False


def _responsible(p: _Para) -> bool:
    """Whether an item names who is responsible: a unit or leader label, or a bare bracket of units."""
    return bool(p.bare_units) or any(_is_responsibility(label) for label, _ in p.labels)


def _title_before(paragraphs: list[tuple[int, str]], start: int) -> str | None:
    """The title of the plan the list stands in: title-like lines right before its first heading."""
    before = [t.strip() for i, t in paragraphs if i < start]
    lines: list[str] = []
    for text in reversed(before):
        if not text or len(text) > 40 or re.search(r"[。：:；;，,]$|[。；]|〔\d{4}〕", text) \
                or ordinal_level(text) is not None or re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", text):
            if lines:
                break
            continue
        lines.insert(0, re.sub(r"^(?:附件|附表)\s*\d*\s*[:：]?\s*(?:\d+[.．、])?", "", text))
        if len(lines) == 2:
            break
    return "".join(re.sub(r"\s+", "", line) for line in lines) or None


# A unit's leader named by title after the list of units (…、市公安消防支队主要领导): the units'
# leaders answer for the item (责任单位及责任人：…主要领导), the title is no part of a name.
_LEADER_TITLE = re.compile(r"(?<=[\u4e00-\u9fff])(主要(?:领导|负责人|负责同志)(?:同志)?)$")


def _leader_title(units: list[UnitName]) -> tuple[list[UnitName], str | None]:
    if not units or not (m := _LEADER_TITLE.search(units[-1].unit)) or not ends_like_name(units[-1].unit[:m.start()]):
        return units, None
    return [*units[:-1], UnitName(units[-1].unit[:m.start()], units[-1].role)], m.group(1)


def item_fields(item: ListItem, first_is_lead: bool = False) -> dict:
    """An item's units, leaders, persons and deadline from its labels: 牵头单位 → lead, 配合单位 → support,
    责任单位 → lead, or support beside an explicit 牵头 label. `first_is_lead`: the notice says the
    first unit listed leads (units.first_listed_leads)."""
    explicit = any(EXPLICIT_LEAD.search(label) and match_header(label).field == LEAD for label, _ in item.labels)
    lead, support, leaders, persons, deadline = [], [], [], [], None
    for label, value in item.labels:
        fld = match_header(label).field
        if fld == LEAD and explicit and not EXPLICIT_LEAD.search(label):
            fld = SUPPORT
        if fld in (LEAD, SUPPORT):
            role = "support" if fld == SUPPORT else "lead"
            units = split_units([value], role)
            if first_is_lead and role == "lead" and not says_lead(value) \
                    and not any(match_header(k).field == SUPPORT for k, _ in item.labels):
                # (除标注“分别牵头”外，列第一位为牵头单位): a list that says 牵头 itself keeps its roles.
                units = first_leads(units)
            units, title = _leader_title(units)
            leaders += [title] if title and title not in leaders else []
            for u in units:
                (support if u.role == "support" else lead).append(u)
        elif fld == LEADER:
            leaders += split_people([value])
        elif fld == PERSONS:
            persons += split_people([value])
        elif fld == DEADLINE and deadline is None:
            deadline = value
    if item.bare_units:
        units = split_units([item.bare_units], "lead")
        if first_is_lead and not says_lead(item.bare_units):  # (由A、B、C负责) under such a note
            units = first_leads(units)
        for u in units:
            (support if u.role == "support" else lead).append(u)
    return {"lead": lead, "support": support, "leaders": leaders, "persons": persons, "deadline": deadline}


def list_records(task_list: TaskList, table_no: int, default_year: int | None,
                 first_is_lead: bool = False) -> tuple[TableRecord, list[TaskRecord], list[str]]:
    """The list as a table of the notice: its TableRecord, TaskRecords and warnings."""
    year = year_in(task_list.title) or default_year
    tasks = []
    for seq, item in enumerate(task_list.items, start=1):
        f = item_fields(item, first_is_lead)
        tasks.append(TaskRecord(
            table_no=table_no, seq=seq, task_no=item.number if item.number is not None else seq,
            area=item.area, task=item.text, deadline=f["deadline"],
            due_date=due_date(f["deadline"], year) if f["deadline"] else None,
            lead_units=[UnitRef(u.unit, "lead") for u in f["lead"]],
            support_units=[UnitRef(u.unit, "support") for u in f["support"]],
            leaders=f["leaders"], persons=f["persons"], remarks=None, carried=[],
            inferred=[] if item.number is not None else ["number"], extra={}, source_row=item.index,
            sub_no=item.sub_no, source_kind="list",
        ))
    record = TableRecord(table_no, "tasks", task_list.title, [], [], len(tasks), source_kind="list")
    warnings = []
    if task_list.unlabelled:
        warnings.append(f"table {table_no} (a list of numbered paragraphs): {task_list.unlabelled} numbered "
                        f"item(s) carry no responsibility labels and were not read as tasks")
    return record, tasks, warnings
