"""jieba's part-of-speech tagger, loaded once and quietly: its loading messages never reach a terminal."""

from __future__ import annotations

import logging
from functools import cache


@cache
def tagger():
    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(logging.CRITICAL + 10)
    return pseg


def tag(text: str) -> list[tuple[str, str]]:
    """(word, part of speech) of each word of the text."""
    return [(t.word, t.flag) for t in tagger().cut(text)]
