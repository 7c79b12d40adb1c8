"""Which language a question is in, so the answer comes back in the same one."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")


def detect_language(text: str) -> str:
    """"zh" or "en".

    A mixed question ("Pingtan 2020 年报中规章的对外公开总数量是多少？") is answered in Chinese unless
    most of its words are English: a Chinese word is counted as two characters, since Chinese is
    written without spaces and a quoted name (“中介超市”) inside an English sentence stays short.
    """
    chinese_words = len(_CJK.findall(text)) / 2
    english_words = len(_WORD.findall(text))
    return "en" if english_words > chinese_words else "zh"


def has_chinese(text: str) -> bool:
    return bool(_CJK.search(text))
