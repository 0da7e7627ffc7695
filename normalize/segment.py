"""Chinese word segmentation (jieba), loaded on first use: its dictionary takes a second to build,
and most notices never need it (only an ambiguous unit line break or a party list does), so
nothing loads it ahead: not the main process, not a worker before its first such break."""

from __future__ import annotations

import logging
from functools import cache


@cache
def _jieba():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba


@cache
def words(text: str) -> tuple[str, ...]:
    """Dictionary words of a text, without HMM guesses (they join unknown names too eagerly)."""
    return tuple(_jieba().cut(text, HMM=False))


@cache
def tagged_words(text: str) -> tuple[tuple[str, str], ...]:
    """(word, part-of-speech flag) pairs, e.g. ('渝中区', 'nt'), ('关于', 'p')."""
    return tuple((w.word, w.flag) for w in _jieba().posseg.cut(text))
