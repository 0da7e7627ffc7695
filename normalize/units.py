"""Unit cells → lists of unit names with their role.

A unit cell holds one or more names of bodies (区发展改革委, 县林业局 ...). Its printed lines are
either separate names or one long name wrapped mid-word (凤来新城指|挥部办公室). Each line break is
judged on evidence, strongest first:
  1. a separator at the line end (、，,；;) — a break, the list goes on;
  2. an open bracket not yet closed, or a next line that starts with a bracket — a wrap;
  3. a word that spans the break in jieba's segmentation of the joined text (指|挥部 → 指挥部)
     — a wrap;
  4. a line that ends like a name of a body (委 局 办 中心 公司 政府 ...) followed by one that
     starts like a new name (区 县 市 省 镇 乡 各 有关 …, three characters or more) — a break, even
     where the layout says the first line ran to the cell edge: in a narrow column a name can
     fill its line exactly (区经济信息委|区招商中心);
     or where the name so far stands alone in another cell of the notice (a lexicon of the
     document's own unit names: 区招商中心|凤来新城指…);
  5. a line that ends like a name of a body — a break;
  6. otherwise a wrap: a name does not end mid-word.
Layouts that know where a line stops short of the cell edge (PDF) pass that as a hint that
outweighs 5 and 6. Then names are split on 、，,；; outside brackets, role words are read
(X牵头 / X负责 keep the column's role; Y配合 / Y协助 / Y参与 make Y a support unit), and
trailing 等 / 等部门 / 。 and notes in brackets that start with 见 are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from .cjk import fold_traditional, squeeze_cjk_spaces
from .segment import words

# Endings of names of bodies, longest first so 办事处 wins over 处.
UNIT_ENDINGS = sorted(
    """委 局 办 部 部门 中心 公司 集团 政府 办事处 管委会 委员会 室 院 所 站 队 会 处 厅 署 街道 乡 镇 村
    社区 银行 分行 支行 机关 单位 学校 大学 学院 医院 协会 联合会 团 社 馆 台 厂 场 园 基地 组 科 股 司
    法院 检察院 人武部 各乡镇 各街道 办公室 指挥部 领导小组 工作组 专班 党委 党组 支部 总工会 团委 妇联
    科协 工商联 残联 红十字会 供销社 气象局 税务局 海关 公安局 派出所 大队 支队 中队 主体
    园区 开发区 高新区 新区 示范区 试验区 保税区""".split(),
    key=len,
    reverse=True,
)
_SEPARATORS = "、，,；;"
_GOVERNMENT = re.compile(r"(?:政府|[省市县区]委|党委|人大常委会|政协)$")
_OFFICE = re.compile(r"[^区县市省镇乡各]\w{0,3}[室办]")  # 督查室, 办公室, 研究室, 法制办
_ITS_BODIES = re.compile(r"各(?:有关|相关)?(?:部门|单位|直属单位|直属机构|工作部门)")
# Endings that close a name for certain: what follows them starts a new one.
_STRONG_ENDINGS = ("局", "委", "厅", "部", "中心", "联社", "政府", "公司", "集团", "办公室")
_NAME_STARTS = "区县市省镇乡各有中"  # how names of local bodies usually begin (区教委, 县林业局, 有关…)
_OPEN, _CLOSE = "（(【[〔〈<‹", "）)】]〕〉>›"  # angle brackets: copies that print 〈市、区〉 as <市、区>


class _Folded:
    """A pattern read on the simplified characters, whatever the notice prints (市稅務局負責 ends
    in 负责 as 市税务局负责 does); folding is one character for one, so spans carry over."""

    def __init__(self, pattern: str) -> None:
        self.regex = re.compile(pattern)

    def search(self, text: str) -> re.Match[str] | None:
        return self.regex.search(fold_traditional(text))

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.regex.fullmatch(fold_traditional(text))

    def sub(self, repl: str, text: str) -> str:
        m = self.search(text)  # the patterns are anchored at the end: one match at most
        return text[: m.start()] + repl + text[m.end():] if m else text


# Role words after a name. Lead-type words keep the column's role; support-type words make it
# a support unit whatever the column.
_LEAD_WORDS = _Folded(r"(?:等)?(?:按照?(?:各自)?(?:职[责能]|业务)(?:分工)?|分别|共同|统筹)?"
                      r"(?:牵头负责|牵头落实|牵头办理|牵头|负责落实|负责|主责|主抓|主办|落实)$")
_BY_DUTY = _Folded(r"(?:按照?(?:各自)?(?:职[责能]|业务)(?:分工)?|分别)负责$")
_SUPPORT_WORDS = _Folded(r"(?:分别|共同|积极)?(?:配合落实|配合|协助|协办|参与)$")
_BARE_LABEL = re.compile(r"(?:牵头|责任|配合|协办|主办|承办|参与|协同)(?:单位|部门)")
_MARKS = re.compile(r"[★☆●○▲△◆◇■□※*＊√]")  # marks before a name (★财政局: the lead), not part of it
_CONNECTOR = re.compile(r"^(?:以及|及|和|并|由|请)")
# What may follow the names in a cell written as a sentence: a verb of the work, or a role word.
_PREDICATE = re.compile(r"会同|牵头|负责|配合|协助|参与|办理|做好|落实|开展|推进|加强|抓好|组织实施|提供|实施|完成|"
                        r"指导|支持|协调|按照|按职责|按职能|根据|结合|在工作|共同")
# 会 written for 会同: after a body's name that 会 cannot complete (not 委员会, 协会, 工会), before
# another whole name (not 会计, 会议).
_HUI = re.compile(r"(?:(?<=[处科股室局办厅])|(?<=中心))会"
                  r"(?=[^计议员展所馆长务同]\S*?(?:室|处|科|股|局|办|中心|委|部|厅)$)")
_BY = re.compile(r"(?<=.)由(?P<names>[^由，,；;。、]{2,30}?)(?=负责|牵头|公开|发布|办理|落实|实施|组织|承担|制定|编制)")
_ADVERB = re.compile(r"(?:具体|分别|共同|积极|主动|切实|认真|统一|全面|协同|按职责|依职责)$")  # X具体落实
_SUPPORT_PREDICATE = re.compile(r"支持|指导|配合|协助|参与|协办")
# A trailing 等 and what it stands for (等相关部门, 等市级相关单位), a full stop, blanks.
_TRAILING_NOISE = re.compile(r"(?:等(?:[省市县区]级?)?(?:相关|有关)?(?:部门|单位|各单位)?|[。.．\s])+$")
_SEE_NOTE = re.compile(r"[（(]见[^）)]*[）)]")
EXPLICIT_LEAD = _Folded(r"牵头|主办|主责")  # a unit header, label or list that says lead outright (牽頭 too)
# A notice's note that the first unit listed leads and the others support: "列第一位者为工作牵头单位",
# "排在第一位的为牵头部门", "第一责任单位为牵头单位", "排名首位的是牵头单位", "第一个单位为牵头单位",
# "由排名首位的部门牵头负责".
_FIRST_LEADS = re.compile(r"(?:列|排|排名|排在|列在|位列|位于)?(?:第一|首)(?:位|个|名)?(?:的|者)?"
                          r"(?:(?:责任)?(?:单位|部门)(?:为|是)?|为|是)(?:工作|主要|主)?牵头")
_FIRST_LEADS_NOTE = re.compile(r"[（(][^（()）]*?" + _FIRST_LEADS.pattern + r"[^（()）]*[）)]")
# The note as a clause of a bracket of names (…等负责，列第一位者为牵头单位，下同).
_FIRST_LEADS_CLAUSE = re.compile(r"[，,；;]\s*[^，,；;]*?" + _FIRST_LEADS.pattern + r"[^，,；;]*(?:[，,；;]\s*下同)?$")


@dataclass(frozen=True)
class UnitName:
    unit: str
    role: str  # "lead" or "support"


@dataclass(frozen=True)
class BreakDecision:
    before: str
    after: str
    wrap: bool
    reason: str
    close_call: bool


def split_units(lines: list[str], role: str, line_ends: list[bool] | None = None,
                decisions: list[BreakDecision] | None = None, known: frozenset[str] = frozenset(),
                printed: frozenset[str] = frozenset()) -> list[UnitName]:
    """Unit names in a cell, in printed order, duplicates removed. `known` holds names that stand
    alone in a cell elsewhere in the document: a line that completes one of them ends a name;
    with `printed` (UnitConventions.printed) they also cut names run together."""
    text = _join_cell(lines, line_ends, decisions, known)
    cut_by = known | printed
    units: list[UnitName] = []
    sentences = [s.strip() for s in split_outside_brackets(text, "\n，,；;")]
    led = False  # whether a list before says 牵头 outright
    for k, sentence in enumerate(sentences):
        for clause, clause_role in _clauses(sentence, role):
            if _SUPPORT_WORDS.search(clause):
                clause_role, clause = "support", _SUPPORT_WORDS.sub("", clause)
            elif _between_lead_and_support(sentences, k):
                # X牵头，Y，Z配合: the role word closes the list it ends (Y，Z), as 牵头 closed X's.
                clause_role = "support"
            elif m := _LEAD_WORDS.search(clause):
                if led and _BY_DUTY.search(clause):
                    clause_role = "support"  # X牵头，Y按职责分工负责: Y takes part, each in its remit
                led |= bool(EXPLICIT_LEAD.search(m.group(0)))
                clause = _LEAD_WORDS.sub("", clause)
            for part in split_outside_brackets(clause, "、"):
                part_role = clause_role
                # A role word on one name of a list is that name's own (局防控办主办、各工作组协办).
                if _SUPPORT_WORDS.search(part):
                    part_role, part = "support", _SUPPORT_WORDS.sub("", part)
                elif _LEAD_WORDS.search(part):
                    part_role, part = role if role != "support" else "lead", _LEAD_WORDS.sub("", part)
                for name in (n for spaced in _split_spaced(part)
                             for n in _split_run_together(_clean_name(spaced), cut_by)):
                    if name and all(u.unit != name for u in units):
                        units.append(UnitName(name, part_role))
    return units


def _between_lead_and_support(sentences: list[str], k: int) -> bool:
    """Whether sentence k carries no role word, and stands after one that ends in 牵头 and before
    one that ends in 配合 (市建设局牵头，市高新区管委会，蓬江区政府配合)."""
    if _LEAD_WORDS.search(sentences[k]) or _SUPPORT_WORDS.search(sentences[k]):
        return False
    return (any(_LEAD_WORDS.search(s) for s in sentences[:k])
            and any(_SUPPORT_WORDS.search(s) for s in sentences[k + 1:]))


def _clauses(sentence: str, role: str) -> list[tuple[str, str]]:
    """A unit cell written as a sentence → its lists of names with their roles:
    "区政府办会同各有关单位办理" → (区政府办, lead), (各有关单位, support); "以及各镇(街)做好发布工作"
    → (各镇(街), lead); "X做好技术支持和指导" → (X, support). What follows the names (办理, 做好…)
    is read only where the sentence does not itself end like a name (县委组织部 stays whole)."""
    sentence = _CONNECTOR.sub("", sentence)
    # A rule rather than a list (上级部门制定的规范性文件由对口部门公开): the names after 由 and
    # before what they do are the units.
    folded = fold_traditional(sentence)  # one character for one: positions carry over
    by = _BY.search(folded) if not ends_like_name(folded) else None
    if by and ends_like_name(by.group("names")):
        return [(sentence[by.start("names"):by.end("names")], role)]
    m = _HUI.search(sentence) or re.search(r"会同", sentence)  # 宣传处会办公室: 会 written for 会同
    if m and ends_like_name(sentence[: m.start()]):
        return [(sentence[: m.start()], role), *((n, "support") for n, _ in _clauses(sentence[m.end():], "support"))]
    if not sentence or ends_like_name(sentence):
        return [(sentence, role)] if sentence else []
    for m in _PREDICATE.finditer(sentence):
        names, rest = _ADVERB.sub("", sentence[: m.start()]), sentence[m.start():]
        if not names or not ends_like_name(names) or _PREDICATE.search(names):
            continue
        rest_role = "support" if _SUPPORT_PREDICATE.search(rest) and "牵头" not in rest else role
        return [(names, rest_role)]
    # No names before a predicate: a sentence of work, not a list of units ("在工作中加强…").
    return [] if _PREDICATE.search(sentence) else [(sentence, role)]


def split_people(lines: list[str]) -> list[str]:
    """Names of responsible leaders (责任领导): one per line or separated by 、，; names of people
    are short and not wrapped, so only an open bracket joins two lines."""
    people: list[str] = []
    for line in _join_open_brackets(lines).split("\n"):
        line = _unspace_names(line)
        for name in split_outside_brackets(line, _SEPARATORS):
            name = squeeze_cjk_spaces(_TRAILING_NOISE.sub("", name.strip()))
            if name and name not in people:
                people.append(name)
    return people


def _split_run_together(name: str, known: frozenset[str] = frozenset()) -> list[str]:
    """Two names printed with nothing between them (区发改局区统计局, from a copy that lost the line
    break): split where a whole name of a body ends and another, starting with a region word
    (区 县 市 省 各), begins — both at least four characters (区委区政府 stays whole), and no
    dictionary word across the cut (区工业园|区管委会 is 园区) unless the left name ends in a
    body's own word (区供销联社|区畜牧业发展中心). Without a region word, the notice's own names
    tell: 派出所|工商质监所 where 工商质监所 stands on its own elsewhere (`known`, four characters
    at least, so that a generic 办公室 never cuts 区政府|办公室)."""
    if len(name) < 6 or any(ch in _OPEN for ch in name):
        return [name]
    for i in range(3, len(name) - 2):
        left, right = name[:i], name[i:]
        # "各成员单位" after a body is its members (领导小组各成员单位), no name of its own.
        regional = (len(name) >= 8 and 4 <= i <= len(name) - 4 and right[0] in "区县市省各"
                    and not right.startswith("各成员")
                    and (left.endswith(_STRONG_ENDINGS) or not _word_spans_break(left, right)))
        seen = (any(len(part) >= 4 and part in known for part in (left, right))
                and not _word_spans_break(left, right))
        office = _GOVERNMENT.search(left) and _OFFICE.fullmatch(right)  # 县委县政府督查室 is one
        if (regional or seen) and not office and ends_like_name(left) and ends_like_name(right):
            return [left, *_split_run_together(right, known)]
    return [name]


def _split_spaced(part: str) -> list[str]:
    """Names separated by nothing but a blank (安监站 安监所: a copy that turned the cell's line
    breaks into spaces): split where every piece ends like a body's name — a name spaced out
    inside itself (市 发改委, 区 委 办) leaves a piece that does not, and stays whole."""
    pieces: list[str] = []
    for p in part.split():
        if pieces and p[0] in _OPEN:
            pieces[-1] += p  # 市安委办 (工作专班办公室): a bracket after a blank is the name's own
        else:
            pieces.append(p)
    if len(pieces) == 1 or all(len(p) >= 2 and _ends_like_body(p) for p in pieces):
        return pieces
    return [part]


def _ends_like_body(text: str) -> bool:
    """A name's ending before its bracketed note: 市委农办(市农业局) ends in 办, while 各县区(开发区)
    ends in no body's word — the region a body after it belongs to (各县区(开发区) 安委会)."""
    bare = re.sub(r"[（(][^（()）]*[）)]$", "", text)
    return bool(bare) and ends_like_name(bare)


def _unspace_names(line: str) -> str:
    """Names of people separated or spaced by blanks → separated by 、: 张三 李四 (two names);
    俞  悦 (a two-character name letter-spaced to the width of three); 陆 明俞 悦 (two of those run
    together: every space stands inside a pair)."""
    text = line.strip()
    if not re.fullmatch(r"[\u4e00-\u9fff]+(?:\s+[\u4e00-\u9fff]+)+", text):
        return line
    chars, gaps = "", set()
    for ch in text:
        if ch.isspace():
            gaps.add(len(chars))
        else:
            chars += ch
    if len(chars) % 2 == 0 and gaps == set(range(1, len(chars), 2)):
        return "、".join(chars[i:i + 2] for i in range(0, len(chars), 2))
    tokens = text.split()
    if all(2 <= len(t) <= 3 for t in tokens):
        return "、".join(tokens)
    return line


def _join_open_brackets(lines: list[str]) -> str:
    out = ""
    for line in (line.strip() for line in lines if line.strip()):
        out += line if out and _bracket_depth(out.rsplit("\n", 1)[-1]) > 0 else ("\n" if out else "") + line
    return out


def _clean_name(name: str) -> str:
    name = squeeze_cjk_spaces(_MARKS.sub("", name).strip())
    name = drop_first_leads_note(_SEE_NOTE.sub("", name))
    name = _TRAILING_NOISE.sub("", name)
    # A lone role word left over ("牵头" in a cell of its own), or a label whose colon the copy
    # lost (责任单位;住建局、…), is not a name.
    if _LEAD_WORDS.fullmatch(name) or _SUPPORT_WORDS.fullmatch(name) or _BARE_LABEL.fullmatch(fold_traditional(name)):
        return ""
    return name.strip()


@dataclass(frozen=True)
class UnitConventions:
    """What a notice tells once about all its unit cells."""

    known: frozenset[str] = frozenset()  # names standing alone in a cell (see known_names)
    first_leads: bool = False  # "列第一位者为牵头单位" (see first_listed_leads)
    # Names on typed lines of their own inside a cell of several (文化宣传股 / 文化馆 / 图书馆):
    # evidence where two names run together, not for joining lines (a name may be typed over two).
    printed: frozenset[str] = frozenset()


def unit_conventions(cells: list[list[str]], paragraphs: list[str],
                     typed: list[list[str]] = ()) -> UnitConventions:
    """`typed`: cells of several lines that the format says were typed as such (not a PDF's wraps)."""
    printed = frozenset(t for lines in typed for line in lines if _lexicon_name(t := line.strip(), shortest=4))
    return UnitConventions(known_names(cells),
                           first_listed_leads([*paragraphs, *(line for lines in cells for line in lines)]), printed)


def first_listed_leads(texts: list[str]) -> bool:
    """Whether the notice says, once for all its unit lists, that the first unit named leads —
    in a text, or over the break into the next (a PDF prints a line at a time: (列第一位 | 者为牵头…))."""
    return any(_FIRST_LEADS.search(fold_traditional(a.strip() + b.strip())) for a, b in pairwise([*texts, ""]))


def drop_first_leads_note(text: str) -> str:
    """A list of names without the note that the first one leads, in its own bracket or as the
    list's last clause (列第一位者為牽頭單位，下同: read on simplified characters)."""
    folded = fold_traditional(text)
    for pattern in (_FIRST_LEADS_NOTE, _FIRST_LEADS_CLAUSE):
        if m := pattern.search(folded):
            text, folded = text[: m.start()] + text[m.end():], folded[: m.start()] + folded[m.end():]
    return text


def says_lead(text: str) -> bool:
    """Whether a list of units names its leads itself (X、Y分别牵头), the note that the first named
    leads (列第一位为牵头单位, 除标注“分别牵头”外…) aside: such a list keeps its own roles."""
    return bool(EXPLICIT_LEAD.search(drop_first_leads_note(text)))


def first_leads(units: list[UnitName]) -> list[UnitName]:
    """Under such a note, a list of lead units with no role words of its own: the first leads,
    the others support."""
    if len(units) < 2 or any(u.role != "lead" for u in units):
        return units
    return [units[0], *(UnitName(u.unit, "support") for u in units[1:])]


def known_names(cells: list[list[str]]) -> frozenset[str]:
    """The document's lexicon of unit names: texts of cells that hold one line ending like a body's
    name (区招商中心 alone in one cell tells that 区招商中心|凤来新城指… elsewhere is two names),
    the names of a one-line cell that separates them by blanks (工商质监所 安监站), and in a cell
    of several lines the names a printed blank closes (工商质监所␣| 安监站: a PDF's wrap fell on
    the blank)."""
    return frozenset(name for lines in cells for name in _blank_closed(lines) if _lexicon_name(name))


def _blank_closed(lines: list[str]) -> list[str]:
    if len(lines) == 1:
        return _split_spaced(lines[0].strip())
    closed = []
    for line in lines:
        pieces = line.split()
        closed += pieces if line[-1:].isspace() else pieces[:-1]
    return closed


def _lexicon_name(text: str, shortest: int = 3) -> bool:
    """Whether a cell's text (or a line of it) reads as one body's name: a few characters ending
    like one, no separator inside."""
    return shortest <= len(text) <= 25 and _ends_like_body(text) and not any(ch in text for ch in "，。；、,; ")


def _join_cell(lines: list[str], line_ends: list[bool] | None,
               decisions: list[BreakDecision] | None, known: frozenset[str] = frozenset()) -> str:
    """Join a cell's lines, keeping a newline where a break separates two names."""
    kept = [(line.strip(), line[-1:].isspace()) for line in lines if line.strip()]
    if not kept:
        return ""
    lines = [line for line, _ in kept]
    out = lines[0]
    current = lines[0]  # the name being built, for bracket balance
    for i, nxt in enumerate(lines[1:], start=1):
        hint = line_ends[i - 1] if line_ends is not None and i - 1 < len(line_ends) else None
        d = judge_break(current, nxt, paragraph_end=hint, known=current.strip() in known,
                        blank_at_end=kept[i - 1][1])
        if decisions is not None:
            decisions.append(d)
        if d.wrap:
            out += nxt
            current += nxt
        elif out.endswith("、"):
            # The list goes on in the next line: one clause, so a role word at its end
            # (局各股室、| 局属各中心配合) speaks for the names before the break too.
            out += nxt
            current = nxt
        else:
            out += "\n" + nxt
            current = nxt
    return out


def judge_break(before: str, after: str, paragraph_end: bool | None = None, known: bool = False,
                blank_at_end: bool = False) -> BreakDecision:
    """Is the break between two printed lines of a unit cell a wrap inside a name? `known`: the
    name built so far stands alone in another cell of the document; `blank_at_end`: the line
    ended with a printed blank (a PDF's wrap between words). Judged on the simplified
    characters (區新興產業 | 服務中心 wraps as 区新兴产业 | 服务中心 does)."""
    before, after = fold_traditional(before), fold_traditional(after)
    if before[-1] in _SEPARATORS:
        return BreakDecision(before, after, False, "separator at line end", False)
    if _bracket_depth(before) > 0:
        return BreakDecision(before, after, True, "bracket still open", False)
    if after[0] in _OPEN + _CLOSE:
        return BreakDecision(before, after, True, "next line starts with a bracket", False)
    name_ends = ends_like_name(before)
    if _word_spans_break(before, after):
        wrap, reason = True, "a word spans the break"
    elif known and name_ends:
        wrap, reason = False, "the name before stands alone elsewhere in the notice"
    elif name_ends and _GOVERNMENT.search(before) and (_OFFICE.fullmatch(after) or _ITS_BODIES.fullmatch(after)):
        # 县委县政府 | 督查室, 市政府 | 各部门: an office or the departments, naming no place of their
        # own, are the government's before them.
        wrap, reason = True, "the government's own office or departments"
    elif blank_at_end and _ends_like_body(before.strip()):
        # 工商质监所␣| 安监站: the names stood apart by a blank, and the wrap fell on it.
        wrap, reason = False, "a blank ends the line after a name"
    elif name_ends and _blank_separated(before) and ends_like_name(after.split()[0]):
        # 农村办 规划建设办 | 国土所 村(社区): the cell separates its names by blanks, and the one
        # that stood at this line end was taken by the wrap.
        wrap, reason = False, "the cell separates its names by blanks"
    elif name_ends and after[0] in _NAME_STARTS and len(after) >= 3:
        # A whole name, then one that starts as names of local bodies do (区 县 市 各 有关 …):
        # two names, even where the first filled its line to the cell edge (a narrow column).
        wrap, reason = False, "a name ends and the next line starts a new one"
    elif paragraph_end and not name_ends:
        # Stopped short, but nothing before ends like a name: a line break typed inside the name
        # (區新興產業 | 服務中心), read as the Word file and the text export read it.
        wrap, reason = True, "line stops short but does not end like a name"
    elif paragraph_end is not None:  # the layout saw the line stop short of the edge, or run to it
        wrap, reason = not paragraph_end, ("line runs to the cell edge" if not paragraph_end
                                           else "line stops short of the cell edge")
    elif name_ends:
        wrap, reason = False, "line ends like a name"
    else:
        wrap, reason = True, "line does not end like a name"
    # Close calls, worth an analyst's look: a wrap whose next line reads as a whole name of its
    # own, a break after a line that does not end like a name, or one the layout disagreed with.
    close = _stands_alone(after) if wrap else (not name_ends or paragraph_end is False)
    return BreakDecision(before, after, wrap, reason, close)


def _blank_separated(text: str) -> bool:
    """Names separated by blanks so far: every piece before the last is a whole name."""
    pieces = text.split()
    return len(pieces) > 1 and all(len(p) >= 2 and ends_like_name(p) for p in pieces[:-1])


def _stands_alone(text: str) -> bool:
    return len(text) >= 4 and text[0] in _NAME_STARTS and ends_like_name(text)


def ends_like_name(text: str) -> bool:
    text = _TRAILING_NOISE.sub("", fold_traditional(text))
    text = _LEAD_WORDS.sub("", _SUPPORT_WORDS.sub("", text))
    return bool(text) and (text[-1] in _CLOSE or any(text.endswith(e) for e in UNIT_ENDINGS))


def _word_spans_break(before: str, after: str) -> bool:
    """True when jieba reads a word of 2+ characters across the break (e.g. 指|挥部)."""
    left, right = before[-4:], after[:4]
    if not (left and right):
        return False
    cut = len(left)
    pos = 0
    for word in words(left + right):
        end = pos + len(word)
        if pos < cut < end and len(word) >= 2:
            return True
        pos = end
    return False


def bracket_open(text: str) -> bool:
    """Whether a text leaves a bracket open (a name or a list that goes on in the next line)."""
    return _bracket_depth(text) > 0


def _bracket_depth(text: str) -> int:
    depth = 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
    return depth


def split_outside_brackets(text: str, seps: str) -> list[str]:
    """The text cut at each separator that stands outside brackets (（市、区）stays whole)."""
    parts, buf, depth = [], "", 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        if ch in seps and depth == 0:
            parts.append(buf)
            buf = ""
        else:
            buf += ch
    parts.append(buf)
    return parts
