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


def is_word(text: str) -> bool:
    """Whether jieba's dictionary knows the text as a word of its own."""
    return word_frequency(text) > 0


def word_frequency(text: str) -> int:
    """jieba's count of the word in its dictionary (0: not a word it knows)."""
    import jieba

    tagger()
    jieba.dt.check_initialized()
    return jieba.dt.FREQ.get(text) or 0


def cut(text: str) -> list[str]:
    """The text cut into words by jieba (its dictionary, no guessing of new words)."""
    import jieba

    tagger()
    return list(jieba.cut(text, HMM=False))
