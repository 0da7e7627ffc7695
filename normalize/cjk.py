"""Joining printed lines back into text without breaking CJK conventions.

A line break inside a CJK sentence is never a space: joining inserts nothing, except between two
Latin letters, where the break stood for a space ("Power" + "BI" → "Power BI"). Digits join with
nothing: a wrapped number ("50" + "00万元") is one number.
"""

from __future__ import annotations

import re
from functools import cache

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_SPACE_BETWEEN_CJK = re.compile(
    r"(?<=[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef])[ \t\u3000]+"
    r"(?=[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef])"
)


def is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def join_lines(lines: list[str]) -> str:
    """Join a cell's lines into one text: no space between CJK, one between Latin words."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out and _is_latin(out[-1]) and _is_latin(line[0]):
            out += " "
        out += line
    return out


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def squeeze_cjk_spaces(text: str) -> str:
    """Remove spaces that stand between two CJK characters (PDF text runs, padded exports)."""
    return _SPACE_BETWEEN_CJK.sub("", text)


@cache
def _simplified_table() -> dict[int, str]:
    """Traditional → simplified, character by character, from OpenCC's table (shipped with
    opencc-python-reimplemented; its first reading where a character has several)."""
    from importlib.resources import files

    table: dict[int, str] = {}
    text = (files("opencc") / "dictionary" / "TSCharacters.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        trad, _, simp = line.partition("\t")
        if len(trad) == 1 and simp:
            table[ord(trad)] = simp.split()[0]
    return table


def fold_traditional(text: str) -> str:
    """The text in simplified characters, for *matching* only (責任單位 is 责任单位 to the header
    rules; 年內 is 年内 to the deadline rules): what is printed stays as printed."""
    if text.isascii():
        return text
    return text.translate(_simplified_table())
