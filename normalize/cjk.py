"""Joining printed lines back into text without breaking CJK conventions.

A line break inside a CJK sentence is never a space: joining inserts nothing, except between two
Latin letters, where the break stood for a space ("Power" + "BI" → "Power BI"). Digits join with
nothing: a wrapped number ("50" + "00万元") is one number.
"""

from __future__ import annotations

import re

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
