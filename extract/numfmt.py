"""Excel number formats: the text a cell shows (1.0 in General is 1; 45473 under yyyy"年"m"月"d"日"
is 2024年6月30日; 0.855 under 0.0% is 85.5%), as a Chinese (zh-CN) Excel or WPS shows it.

Spreadsheet readers hand over a value and its format code; notices are read as printed, so the
value is rendered through the code: sections and conditions, dates and times (with the 1904
system), digits and decimals rounded half up, [DBNum] Chinese numerals, literals and padding.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import ROUND_HALF_UP, Context, Decimal

# Built-in formats (numFmtId / BIFF format index) whose text depends on the locale, as a Chinese
# (zh-CN) Excel or WPS shows them; the others are locale-independent and come from openpyxl/xlrd.
BUILTIN_ZH = {
    14: "yyyy/m/d", 22: "yyyy/m/d h:mm", 27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: "m-d-yy",
    31: 'yyyy"年"m"月"d"日"', 32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"', 34: '上午/下午h"时"mm"分"',
    35: '上午/下午h"时"mm"分"ss"秒"', 36: 'yyyy"年"m"月"', 50: 'yyyy"年"m"月"', 51: 'm"月"d"日"',
    52: 'yyyy"年"m"月"', 53: 'm"月"d"日"', 54: 'm"月"d"日"', 55: '上午/下午h"时"mm"分"',
    56: '上午/下午h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
}
_EPOCH_1900 = dt.datetime(1899, 12, 30)
EPOCH_1904 = dt.datetime(1904, 1, 1)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_CN_DAYS = "一二三四五六日"
_CN_DIGITS = ("〇一二三四五六七八九", "零壹贰叁肆伍陆柒捌玖", "０１２３４５６７８９")
_CN_TENS = ("十", "拾")
_DATE_LETTERS = frozenset("ymdhse")
_TOKEN = re.compile(r'"[^"]*"?|\\.|_.|\*.|\[[^\]]*\]?|(?i:general)|(?i:am/pm)|(?i:a/p)|上午/下午|(?i:a{3,4})'
                    r"|(?i:e[+-])|([yYmMdDhHsSeE])\1*|.", re.S)


def serial_to_datetime(serial: float, date1904: bool = False) -> dt.datetime:
    """A date serial as a datetime, rounded to the millisecond (Excel's own precision)."""
    if date1904:
        base = EPOCH_1904
    else:
        base = _EPOCH_1900 if serial >= 61 else _EPOCH_1900 + dt.timedelta(days=1)  # the 1900-02-29 that never was
    return base + dt.timedelta(milliseconds=round(serial * 86_400_000))


def _serial(value: dt.datetime | dt.date | dt.time | dt.timedelta) -> float:
    if isinstance(value, dt.timedelta):
        return value.total_seconds() / 86400
    if isinstance(value, dt.time):
        return (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6) / 86400
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    days = (value - _EPOCH_1900).total_seconds() / 86400
    return days if days >= 61 else days - 1


def render(value: object, fmt: str | None, date1904: bool = False) -> str:
    """`value` (a number, bool, str or date/time as a reader gives it) as a cell under the number
    format `fmt` shows it: "1" for 1.0 in General, "2024年6月30日", "25.5%", "1,234.50"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    fmt = fmt or "General"
    sections = _split_sections(fmt)
    if isinstance(value, str):
        text = sections[3] if len(sections) > 3 else sections[0] if "@" in sections[0] and len(sections) == 1 else None
        return value if text is None else _render_text(value, text)
    moment = value if isinstance(value, dt.date | dt.time | dt.timedelta) else None
    if moment is None and not isinstance(value, int | float):
        return str(value)  # nothing a reader gives; shown as is rather than failing
    number = _serial(moment) if moment is not None else float(value)
    if not math.isfinite(number):
        return "#NUM!"
    section, signed = _pick_section(sections, number)  # a section of its own shows negatives unsigned
    tokens = _tokens(section)
    if any(kind == "date" for kind, _ in tokens):
        when = None
        if isinstance(moment, dt.date):
            when = moment if isinstance(moment, dt.datetime) else dt.datetime(moment.year, moment.month, moment.day)
        try:
            return _render_date(tokens, number, when, date1904)
        except (OverflowError, ValueError):  # rounded past 9999-12-31: Excel shows hashes too
            return "#" * 8
    try:
        out = _render_number(tokens, abs(number))
    except (ArithmeticError, ValueError):  # a format too odd for the number (1E+300 as a percentage)
        return general(number)
    return "-" + out if signed else out  # -0.4 under "0" is "-0" in Excel too


def _split_sections(fmt: str) -> list[str]:
    sections, current = [], []
    for m in _TOKEN.finditer(fmt):
        if m.group() == ";":
            sections.append("".join(current))
            current = []
        else:
            current.append(m.group())
    sections.append("".join(current))
    return sections


_COND = re.compile(r"^\[(<=|>=|<>|<|>|=)\s*(-?[\d.]+)\]")


def _pick_section(sections: list[str], number: float) -> tuple[str, bool]:
    """The section that shows `number`, and whether it still needs a minus sign."""
    conds = [_COND.match(s) for s in sections]
    if any(conds):
        for s, m in zip(sections, conds, strict=True):
            if m and _holds(m.group(1), number, float(m.group(2))):
                return s, number < 0
        rest = [s for s, m in zip(sections, conds, strict=True) if not m]
        return (rest[0], number < 0) if rest else (sections[0], number < 0)
    if number < 0 and len(sections) >= 2 and sections[1]:
        return sections[1], False
    if number == 0 and len(sections) >= 3:
        return sections[2], False
    return sections[0], number < 0


def _holds(op: str, a: float, b: float) -> bool:
    return {"<": a < b, ">": a > b, "=": a == b, "<=": a <= b, ">=": a >= b, "<>": a != b}[op]


def _tokens(section: str) -> list[tuple[str, str]]:
    """A format section as (kind, text) tokens: lit, date, num, general, at, dbnum."""
    out: list[tuple[str, str]] = []
    for m in _TOKEN.finditer(section):
        t = m.group()
        low = t.lower()
        if t.startswith('"'):
            out.append(("lit", t[1:-1] if t.endswith('"') and len(t) > 1 else t[1:]))
        elif t[0] == "\\" and len(t) == 2:
            out.append(("lit", t[1]))
        elif t[0] == "_" and len(t) == 2:
            out.append(("lit", " "))  # room for a character: a space in text
        elif t[0] == "*" and len(t) == 2:
            continue  # fill to the column width: nothing in text
        elif t.startswith("["):
            inner = t[1:-1] if t.endswith("]") else t[1:]
            if re.fullmatch(r"(?i)h+|m+|s+", inner):
                out.append(("date", "[" + inner[0].lower() + "]"))
            elif inner.startswith("$"):
                symbol = inner[1:].split("-", 1)[0]
                if symbol:
                    out.append(("lit", symbol))
            elif m2 := re.fullmatch(r"(?i)dbnum([123])", inner):
                out.append(("dbnum", m2.group(1)))
        elif low == "general":
            out.append(("general", t))
        elif low in ("am/pm", "a/p") or t == "上午/下午":
            out.append(("date", "ampm:" + t))
        elif low in ("aaa", "aaaa"):
            out.append(("date", low))
        elif low in ("e+", "e-"):
            out.append(("num", "E" + t[1]))
        elif low[0] in _DATE_LETTERS and t[0].isascii() and t[0].isalpha():
            out.append(("date", low))
        elif t in ("0", "#", "?", ".", ",", "%", "/"):
            out.append(("num", t))
        elif t == "@":
            out.append(("at", t))
        else:
            out.append(("lit", t))
    if not any(kind == "date" for kind, _ in out):
        return out
    # In a date section, digits after a seconds' "." are its fraction; other number signs are text.
    fixed: list[tuple[str, str]] = []
    for kind, text in out:
        if kind == "num" and text == "0" and fixed and fixed[-1][0] == "date" and fixed[-1][1].startswith("."):
            fixed[-1] = ("date", fixed[-1][1] + "0")
        elif kind == "num" and text == "." and fixed and fixed[-1][1] in ("s", "ss", "[s]"):
            fixed.append(("date", "."))
        elif kind == "num":
            fixed.append(("lit", text))
        else:
            fixed.append((kind, text))
    return [("lit", ".") if (k == "date" and t == ".") else (k, t) for k, t in fixed]


def _render_text(value: str, section: str) -> str:
    return "".join(value if kind == "at" else text for kind, text in _tokens(section) if kind in ("lit", "at"))


def _render_date(tokens: list[tuple[str, str]], number: float, when: dt.datetime | None, date1904: bool) -> str:
    if when is None:
        if number < 0 or number > 2958465:  # Excel shows ##### for dates it cannot show
            return "#" * 8
        when = serial_to_datetime(number, date1904)
    decimals = max((len(t) - 1 for k, t in tokens if k == "date" and t.startswith(".")), default=0)
    moment = when + dt.timedelta(microseconds=500_000 / 10 ** decimals)  # Excel rounds to the digits shown
    moment = moment.replace(microsecond=moment.microsecond // 10 ** (6 - decimals) * 10 ** (6 - decimals)) \
        if decimals else moment.replace(microsecond=0)
    twelve = any(t.startswith("ampm:") for k, t in tokens if k == "date")
    dbnum = next((int(t) for k, t in tokens if k == "dbnum"), 0)
    dates = [i for i, (k, _) in enumerate(tokens) if k == "date"]
    out = []
    for i, (kind, text) in enumerate(tokens):
        if kind == "lit":
            out.append(text)
        elif kind == "date":
            out.append(_date_part(text, moment, number, twelve, dbnum, _is_minute(tokens, dates, i)))
    return "".join(out)


def _is_minute(tokens: list[tuple[str, str]], dates: list[int], i: int) -> bool:
    """m/mm is minutes right after an hour or right before a second, otherwise the month."""
    text = tokens[i][1]
    if text not in ("m", "mm"):
        return False
    k = dates.index(i)
    before = tokens[dates[k - 1]][1] if k > 0 else ""
    after = tokens[dates[k + 1]][1] if k + 1 < len(dates) else ""
    return before in ("h", "hh", "[h]") or after in ("s", "ss", "[s]")


def _date_part(code: str, moment: dt.datetime, number: float, twelve: bool, dbnum: int, minute: bool) -> str:
    if code.startswith("ampm:"):
        marker = code[5:]
        pm = moment.hour >= 12
        if marker == "上午/下午":
            return "下午" if pm else "上午"
        am_text, pm_text = marker.split("/")
        return pm_text if pm else am_text
    if code.startswith("["):
        total = abs(number) * {"[h]": 24, "[m]": 1440, "[s]": 86400}[code]
        return str(int(total + 1e-9))
    if code.startswith("."):
        return "." + f"{moment.microsecond:06d}"[:len(code) - 1]
    letter, n = code[0], len(code)
    if code in ("aaa", "aaaa"):
        day = _CN_DAYS[moment.weekday()]
        return day if code == "aaa" else "星期" + day
    if letter in "ye":
        year = moment.year % 100 if letter == "y" and n <= 2 else moment.year
        return _dbnum_digits(f"{year:02d}", dbnum) if dbnum else f"{year:02d}"
    if letter == "m" and minute:
        return _two(moment.minute, n, dbnum)
    if letter == "m":
        if n == 3:
            return _MONTHS[moment.month - 1][:3]
        if n == 4:
            return _MONTHS[moment.month - 1]
        if n >= 5:
            return _MONTHS[moment.month - 1][0]
        return _two(moment.month, n, dbnum)
    if letter == "d":
        if n == 3:
            return _DAYS[moment.weekday()][:3]
        if n >= 4:
            return _DAYS[moment.weekday()]
        return _two(moment.day, n, dbnum)
    if letter == "h":
        hour = moment.hour % 12 or 12 if twelve else moment.hour
        return _two(hour, n, dbnum)
    if letter == "s":
        return _two(moment.second, n, dbnum)
    return code


def _two(value: int, n: int, dbnum: int) -> str:
    if dbnum:
        return _dbnum_count(value, dbnum)
    return f"{value:02d}" if n >= 2 else str(value)


def _dbnum_digits(text: str, dbnum: int) -> str:
    """[DBNum1] 2024 → 二〇二四 (a year, digit by digit); [DBNum2] → 贰零贰肆; [DBNum3] → ２０２４."""
    digits = _CN_DIGITS[dbnum - 1]
    return "".join(digits[int(ch)] if ch.isdigit() else ch for ch in text)


def _dbnum_count(value: int, dbnum: int) -> str:
    """[DBNum1] 30 → 三十, 12 → 十二 (months, days, hours); [DBNum3] in full-width digits."""
    if dbnum == 3 or not 0 <= value < 100:
        return _dbnum_digits(str(value), dbnum)
    digits, ten = _CN_DIGITS[dbnum - 1], _CN_TENS[dbnum - 1]
    tens, ones = divmod(value, 10)
    if not tens:
        return digits[ones]
    return (digits[tens] if tens > 1 else "") + ten + (digits[ones] if ones else "")


def _render_number(tokens: list[tuple[str, str]], number: float) -> str:
    if any(kind == "general" for kind, _ in tokens):
        return "".join(general(number) if kind == "general" else text for kind, text in tokens if kind != "dbnum")
    nums = [i for i, (k, _) in enumerate(tokens) if k == "num" and tokens[i][1] in "0#?"]
    if not nums:  # a number under the text format @ shows as in General; literals alone as themselves
        return "".join(general(number) if kind == "at" else text for kind, text in tokens if kind in ("lit", "at"))
    if any(k == "num" and t == "/" for k, t in tokens):
        return general(number)  # fractions (# ?/?): shown as the number itself
    exp_at = next((i for i, (k, t) in enumerate(tokens) if k == "num" and t.startswith("E")), None)
    point = next((i for i, (k, t) in enumerate(tokens) if k == "num" and t == "." and (exp_at is None or i < exp_at)),
                 None)
    int_end = point if point is not None else exp_at if exp_at is not None else len(tokens)
    int_slots = [i for i in nums if i < int_end]
    frac_slots = [i for i in nums if int_end < i < (exp_at if exp_at is not None else len(tokens))]
    exp_slots = [i for i in nums if exp_at is not None and i > exp_at]
    number *= 100 ** sum(1 for k, t in tokens if k == "num" and t == "%")
    last_int = int_slots[-1] if int_slots else -1
    grouping = any(k == "num" and t == "," and int_slots and int_slots[0] < i < last_int
                   for i, (k, t) in enumerate(tokens))
    # Commas right after the last integer digit (before the point) scale by a thousand each.
    j = last_int + 1
    while int_slots and j < len(tokens) and tokens[j] == ("num", ","):
        number /= 1000
        j += 1
    exponent = 0
    if exp_at is not None and number:
        exponent = math.floor(math.log10(abs(number)))
        step = len(int_slots) if len(int_slots) > 1 and tokens[int_slots[0]][1] == "#" else 1
        exponent = exponent // step * step if step > 1 else exponent - max(len(int_slots) - 1, 0)
        number /= 10 ** exponent
    rounded = _decimal(number).quantize(Decimal(1).scaleb(-len(frac_slots)), context=_DECIMAL)
    int_digits, _, frac_digits = f"{abs(rounded):f}".partition(".")
    int_digits = int_digits.lstrip("0")
    filled: dict[int, str] = {}
    _fill_int(tokens, int_slots, int_digits, filled, grouping)
    _fill_frac(tokens, frac_slots, frac_digits, filled)
    if exp_at is not None:
        _fill_int(tokens, exp_slots, str(abs(exponent)).lstrip("0"), filled, False)
    out = []
    for i, (kind, text) in enumerate(tokens):
        if i in filled:
            out.append(filled[i])
        elif kind == "lit":
            out.append(text)
        elif kind == "num" and text == "." and i == point:
            out.append(".")
        elif kind == "num" and text.startswith("E"):
            out.append("E" + ("-" if exponent < 0 else "+" if text == "E+" else ""))
        elif kind == "num" and text == "%":
            out.append("%")
    return "".join(out)


def _fill_int(tokens: list[tuple[str, str]], slots: list[int], digits: str, filled: dict[int, str],
              grouped: bool) -> None:
    """Integer digits into their placeholders from the right; extra digits go to the first one."""
    if not slots:
        return
    if grouped:  # "#,##0": the grouped number stands where the digits start, padded to its zeros
        padded = digits.rjust(sum(1 for i in slots if tokens[i][1] == "0"), "0")
        groups = [padded[max(0, k - 3):k] for k in range(len(padded), 0, -3)]
        filled.update({i: "" for i in slots})
        filled[slots[0]] = ",".join(reversed(groups))
        return
    rest = digits
    for i in reversed(slots):
        if rest:
            filled[i], rest = rest[-1], rest[:-1]
        else:
            filled[i] = {"0": "0", "#": "", "?": " "}[tokens[i][1]]
    if rest:
        filled[slots[0]] = rest + filled[slots[0]]


def _fill_frac(tokens: list[tuple[str, str]], slots: list[int], digits: str, filled: dict[int, str]) -> None:
    digits = digits.ljust(len(slots), "0")
    keep = len(digits.rstrip("0"))
    for n, i in enumerate(slots):
        kind = tokens[i][1]
        filled[i] = digits[n] if n < keep or kind == "0" else "" if kind == "#" else " "


_DECIMAL = Context(prec=400, rounding=ROUND_HALF_UP)  # room for every digit of 1E+308


def _decimal(number: float) -> Decimal:
    """The number as Excel holds it: 15 significant digits (so 2.675 rounds to 2.68)."""
    return Decimal(f"{number:.15g}")


def general(number: float) -> str:
    """Excel's General: integers without a point, others to 15 significant digits, no float noise."""
    if number == int(number) and abs(number) < 1e15:
        return str(int(number))
    text = f"{number:.15g}"
    if "e" in text:
        mantissa, exp = text.split("e")
        mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
        return f"{mantissa}E{exp[0]}{abs(int(exp)):02d}"
    return text
