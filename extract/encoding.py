"""Decode the bytes of a text file whose encoding nobody declared.

Government text files are UTF-8 (with or without BOM), GB18030/GBK, now and then UTF-16.
Order matters: UTF-8 is strict enough that bytes which decode as UTF-8 almost surely are UTF-8;
GB18030 accepts far more, so it is tried second. Nothing here raises on bad bytes: the last
resort replaces what cannot be decoded and says so.
"""

from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes) -> tuple[str, str, list[str]]:
    """Return (text, encoding used, warnings)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            text = data.decode(name, errors="replace")
            return text, name, _replacement_warning(text, name)
    for name in ("utf-8", "gb18030"):
        try:
            return data.decode(name), name, []
        except UnicodeDecodeError:
            continue
    # Mostly UTF-8 with a few stray bytes is likelier than mostly GB18030 with stray bytes when
    # UTF-8 decodes the larger share; pick the decoding that needs fewer replacements.
    candidates = [(data.decode(n, errors="replace"), n) for n in ("utf-8", "gb18030")]
    text, name = min(candidates, key=lambda tn: tn[0].count("\ufffd"))
    return text, name, _replacement_warning(text, name)


def _replacement_warning(text: str, name: str) -> list[str]:
    bad = text.count("\ufffd")
    if not bad:
        return []
    return [f"{bad} undecodable byte sequence(s) replaced with U+FFFD while reading as {name}"]
