"""Notice metadata from its paragraphs: 文号, issuing bodies, title, 成文日期, paired parties.

Chinese official notices follow one layout (GB/T 9704): the issuer's name and the document
number (文号) head the page, then the title (often printed over two or three lines), the
addressees ending in "：", the body, the signature and the date it was written (成文日期), and
at the very end the 抄送 and 印发 lines. Each field is read from its place in that order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .cjk import fold_traditional
from .deadlines import cn_number
from .segment import tagged_words, words
from .units import UNIT_ENDINGS, bracket_open

DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,15}\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*第?\s*\d{1,5}\s*号")
_DOC_TYPES = ("通知", "通报", "实施方案", "方案", "意见", "决定", "办法", "规定", "函", "批复", "报告", "请示",
              "纪要", "公告", "通告", "公示", "公布", "计划", "要点", "细则", "规划", "决议", "任务分解表", "分解表")
# What the title of a published table or report ends with, where the page is the table alone.
_TABLE_TITLE_ENDS = ("情况", "清单", "台账", "表", "》", "）", ")")  # 情况表, 计分表, 一览表 …
_HEAD_LINES = 10  # the head of a notice: issuer, 文号, title, addressees
_TITLE_AND_NUMBER = re.compile(r"([^《》]{4,}?)\s*[（(]\s*(\S+?)\s*[）)]")
_DATE_ONLY = re.compile(
    r"^(?:(?P<y>\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
    r"|(?P<iy>\d{4})[-./](?P<im>\d{1,2})[-./](?P<id>\d{1,2}))$")  # 2023-05-31, as web pages print dates
_RUN_DATE = re.compile(r"^(?P<y>(?:19|20)\d{2})年?(?P<rest>\d{3,4})日?$")  # 2020622, 2021年1220
_BRACKETED_DATE = re.compile(r"[（(]" + _DATE_ONLY.pattern[1:-1] + r"[）)]")
_DATE_AT_END = re.compile(_DATE_ONLY.pattern.lstrip("^"))
_ISSUER_ENDINGS = (*(e for e in UNIT_ENDINGS if len(e) >= 2), "委", "局", "办", "厅", "部", "院", "督查室")
_REGION_SUFFIX = ("自治区", "自治州", "自治县", "新区", "省", "市", "区", "县", "州", "盟", "旗")
_PARTY_SEPARATORS = "与和同·•・、"
_LETTER_SPACING = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_NOUNISH = ("n", "ns", "nt", "nz", "nr", "j", "l")


@dataclass
class NoticeMeta:
    doc_number: str | None = None
    issuers: list[str] = field(default_factory=list)
    issue_date: date | None = None
    title: str | None = None
    parties: list[str] = field(default_factory=list)


def read_meta(paragraphs: list[str]) -> NoticeMeta:
    """Metadata from the notice's paragraphs in reading order (texts as printed)."""
    paras = _head_lines([p.strip() for p in paragraphs if p.strip()])
    meta = NoticeMeta()
    head_end = _addressee_index(paras)
    number_at = None
    for i, p in enumerate(paras[:head_end]):
        m = DOC_NUMBER.search(fold_traditional(p))  # 洋政發〔2024〕8號 is a 文号 too; kept as printed
        printed = p[m.start():m.end()] if m else ""
        # A 文号 cited in the text is not the notice's own; one printed alone in brackets under
        # the title (（苏府〔2011〕57号）, as gazettes print it) is.
        alone = m is not None and re.fullmatch(r"[（(]\s*" + re.escape(printed) + r"\s*[）)]", p.strip())
        if m and (alone or not _inside_citation(p, m.start())):
            meta.doc_number = re.sub(r"\s+", "", printed)
            number_at = i
            break
    title_start, title_end = _title_span(paras, head_end, skip=number_at)
    if title_start is not None:
        # A title word spread over the line (通 知) is printed letter-spaced, not as two words.
        meta.title = "".join(_LETTER_SPACING.sub("", p) for p in paras[title_start:title_end])
        # ISSUER关于…的通知 on one line: the issuer is its own field, the title starts at 关于.
        at = fold_traditional(meta.title).find("关于")
        if at > 0 and _org_names(meta.title[:at]):
            meta.issuers = _org_names(meta.title[:at])
            meta.title = meta.title[at:]
    head = [i for i in range(title_start if title_start is not None else head_end) if i != number_at]
    meta.issuers = meta.issuers or _dedupe(n for i in head for n in _org_names(paras[i]))
    date_at = _date_index(paras, after=title_end or 0)
    if date_at is not None:
        meta.issue_date = _parse_date(paras[date_at])
        if not meta.issuers:
            meta.issuers = _dedupe(_org_names(paras[date_at - 1]) if date_at else [])
    else:
        # A gazette prints the date in brackets at the head instead ((二〇〇八年二月二十六日) over the 文号).
        dated = [p for p in paras[:head_end] if _BRACKETED_DATE.fullmatch(_gazette_digits(re.sub(r"\s+", "", p)))]
        meta.issue_date = _parse_date(_gazette_digits(dated[0]).strip("（）() ")) if dated else None
    meta.parties = parties_in(meta.title or "")
    return meta


def _head_lines(paras: list[str]) -> list[str]:
    """The head's lines as the fields stand in them: a line that leaves a bracket open (（ or 《)
    or cuts 关|于 goes on in the next (a wrap, never two fields); a title printed with its own 文号
    in brackets after it (关于…的意见（池政〔2017〕101号）, as gazettes print it) is the title, then
    the number, and one with the number run in before it is the number, then the title; a heading
    quoted whole in 《》 is the title without them."""
    out: list[str] = []
    for i, p in enumerate(paras):
        if i < _HEAD_LINES and out and len(out[-1]) <= 80 and (
                bracket_open(out[-1]) or out[-1].count("《") > out[-1].count("》")
                or (fold_traditional(out[-1]).endswith("关") and fold_traditional(p).startswith("于"))):
            out[-1] += p
        else:
            out.append(p)
    for i, p in enumerate(out[:_HEAD_LINES]):
        # A repost's heading that quotes the whole title in book-title marks (《…关于…的通知》):
        # the marks are the page's, not the title's.
        inner = p[1:-1] if p.startswith("《") and p.endswith("》") else ""
        if "《" not in inner and "》" not in inner and inner.endswith(_DOC_TYPES) and "关于" in inner:
            out[i] = p = inner
        m = _TITLE_AND_NUMBER.fullmatch(p)
        if m and m.group(1).endswith(_DOC_TYPES) and DOC_NUMBER.fullmatch(m.group(2)):
            out[i:i + 1] = [m.group(1), p[m.end(1):]]
            break
        # A page's heading with the 文号 run into the title (滕政办发〔2023〕30号滕州市…关于…的通知).
        m = DOC_NUMBER.match(p)
        if m and p[m.end():].strip().endswith(_DOC_TYPES) and "关于" in p[m.end():]:
            out[i:i + 1] = [m.group(), p[m.end():].strip()]
            break
    return out


def _addressee_index(paras: list[str]) -> int:
    """Index of the addressee line (…：) or first body sentence; the head ends there."""
    for i, p in enumerate(paras[:30]):
        if p.endswith(("：", ":")) or len(p) > 80 or p.endswith("。"):
            return i
    return min(len(paras), 30)


def _inside_citation(text: str, pos: int) -> bool:
    before = text[:pos]
    return before.count("《") > before.count("》") or before.rstrip().endswith(("（", "("))


def _title_span(paras: list[str], head_end: int, skip: int | None) -> tuple[int | None, int | None]:
    # Read on the simplified characters (東莞市人民政府關于…的實施意見); folding keeps positions.
    paras = [fold_traditional(p) for p in paras]
    starts = [i for i in range(head_end) if i != skip and paras[i].startswith("关于")]
    if not starts:
        # 关于 inside a line, after the issuer's name — not in a title the text cites (根据《关于…》).
        starts = [i for i in range(head_end) if i != skip and "关于" in paras[i] and not _org_names(paras[i])
                  and not _inside_citation(paras[i], paras[i].find("关于"))]
    for start in starts:
        text = ""
        for end in range(start, min(start + 4, head_end)):
            text += _LETTER_SPACING.sub("", paras[end])
            # …行动计划 | (2007—2010年)的通知: a line that goes on the title (a bracket, 的) means the
            # plan's name ended there, not the title.
            goes_on = end + 1 < head_end and paras[end + 1].startswith(("（", "(", "的")) \
                and paras[end + 1].endswith(_DOC_TYPES)
            if text.endswith(_DOC_TYPES) and not goes_on:
                return start, end + 1
    # No 关于 line: the last head paragraph that ends like a title.
    for i in range(head_end - 1, -1, -1):
        # (or a title's last character or two that a PDF wrapped onto a line alone: 抽查计划 | 表)
        tail = 0 < i and i - 1 != skip and re.fullmatch(r"[\u4e00-\u9fff]{1,2}", paras[i]) is not None \
            and not _not_title(paras[i - 1]) \
            and (paras[i - 1] + paras[i]).endswith((*_DOC_TYPES, *_TABLE_TITLE_ENDS))
        if i != skip and (tail or paras[i].endswith(_DOC_TYPES)) and paras[i].count("《") <= paras[i].count("》"):
            # A long title wraps (a PDF's lines): the lines before it that read as its start.
            start = i - 1 if tail else i
            while start > 0 and start - 1 != skip and _title_fragment(paras[start - 1]) \
                    and len("".join(paras[start - 1:i + 1])) <= 80:
                start -= 1
            return start, i + 1
    # A page that is a table or report alone: its first lines, when they read as a table's title
    # (a PDF prints a long one over two or three).
    for start in range(min(head_end, 3)):
        text = ""
        for end in range(start, min(start + 3, head_end)):
            p = paras[end]
            if end == skip or _not_title(p):
                break
            text += p
            if len(text) <= 80 and text.endswith(_TABLE_TITLE_ENDS):
                return start, end + 1
    return None, None


def _not_title(line: str) -> bool:
    """A head line no title is printed on: a sentence's or clause's end, a 附件 label, an issuer's
    name, a date."""
    squeezed = _gazette_digits(re.sub(r"\s+", "", line))
    return bool(re.search(r"[。；;：:]$|^附件", line) or _org_names(line) or _DATE_ONLY.match(squeezed)
                or _BRACKETED_DATE.fullmatch(squeezed))


def _title_fragment(line: str) -> bool:
    """Whether a head line can be the first part of a title printed over lines: no title line's
    negatives (_not_title), no clause, no 文号, nothing that ends like a title of its own."""
    return not (_not_title(line) or line.endswith(("，", ",")) or DOC_NUMBER.search(line)
                or line.endswith(_DOC_TYPES))


def signs_off(line: str, next_line: str | None) -> bool:
    """Whether a line is a notice's signature: only bodies' names, with the date under it."""
    return next_line is not None and bool(_org_names(line)) \
        and bool(_DATE_ONLY.match(re.sub(r"\s+", "", next_line)))


def _org_names(text: str) -> list[str]:
    """Names of bodies in a short line (issuer lines, signatures); [] for anything else."""
    text = re.sub(r"文件$", "", text.strip())
    if not text or len(text) > 60 or re.search(r"[，。：；,:;《》]|\d", text):
        return []
    names = [n for n in re.split(r"[\s\u3000]+", text) if n]
    return names if all(n.endswith(_ISSUER_ENDINGS) and len(n) >= 3 for n in names) else []


def _date_index(paras: list[str], after: int) -> int | None:
    for i in range(after, len(paras)):
        squeezed = re.sub(r"\s+", "", paras[i])
        if _DATE_ONLY.match(squeezed) or _run_together_date(squeezed):
            return i
    for i in range(after, len(paras)):  # a date printed on the signature line
        squeezed = re.sub(r"\s+", "", paras[i])
        if len(squeezed) < 40 and "印发" not in squeezed and _DATE_AT_END.search(squeezed) \
                and squeezed.endswith("日"):
            return i
    return None


def _run_together_date(text: str) -> date | None:
    """A date whose 月 (and 年) a copy lost (2020622, 2024327日, 2021年1220), where only one reading is a date:
    2020622 is 2020-06-22 (month 62 is none), while 2024115 (1-15 or 11-5) stays unread."""
    m = _RUN_DATE.match(text)
    if not m:
        return None
    year, rest = int(m.group("y")), m.group("rest")
    found = set()
    for k in (1, 2):
        month, day = rest[:k], rest[k:]
        if len(day) > 2:
            continue  # 1020 is 10-20: a day is never written 020
        try:
            found.add(date(year, int(month), int(day)))
        except ValueError:
            pass
    return found.pop() if len(found) == 1 else None


def _gazette_digits(text: str) -> str:
    """二OO八年 (Latin O's for 〇, as copies print the year) → 二〇〇八年."""
    return re.sub(r"(?<=[〇○零一二三四五六七八九Oo])[Oo]|[Oo](?=[〇○零一二三四五六七八九Oo])", "〇", text)


def _parse_date(text: str) -> date | None:
    if run := _run_together_date(re.sub(r"\s+", "", text)):
        return run
    m = _DATE_AT_END.search(re.sub(r"\s+", "", text).replace("○", "〇"))
    if not m:
        return None
    y, mo, d = (cn_number(m.group(k) or m.group("i" + k)) for k in ("y", "m", "d"))
    try:
        return date(y, mo, d) if y and mo and d else None
    except ValueError:
        return None


def parties_in(text: str) -> list[str]:
    """The two regions a notice pairs, from its title: 南川区与武隆区, 渝中区·巫溪县."""
    for i, ch in enumerate(text):
        if ch not in _PARTY_SEPARATORS or i == 0:
            continue
        left, right = _region_before(text[:i]), _region_after(text[i + 1:])
        if left and right and left != right:
            return [left, right]
    return []


def _region_before(text: str) -> str | None:
    run = re.search(r"[\u4e00-\u9fff]+$", text)
    if not run or not run.group(0).endswith(_REGION_SUFFIX):
        return None
    tagged = list(tagged_words(run.group(0)))
    # Drop leading words that are not part of a name (关于, 加强, 年 ...).
    while tagged and tagged[0][1] not in _NOUNISH:
        tagged.pop(0)
    name = "".join(word for word, _ in tagged)
    return name if len(name) >= 2 else None


def _region_after(text: str) -> str | None:
    run = re.match(r"[\u4e00-\u9fff]+", text)
    if not run:
        return None
    name = ""
    for word in words(run.group(0))[:4]:
        name += word
        if name.endswith(_REGION_SUFFIX) and len(name) >= 2:
            return name
    return None


def _dedupe(names) -> list[str]:
    out: list[str] = []
    for n in names:
        if n not in out:
            out.append(n)
    return out
