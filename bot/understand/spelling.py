"""English words mistyped by one slip ("requets", "recieve", "lawsiut", "Provicnial") read as the words we know,
so a typo finds the row or the agency it means instead of nothing.

Only a word that no list knows (the tables' words, the question words, the glossary's agency words) is
corrected, only to the one known word of five letters or more that it misses by two letters swapped or one
letter left out or doubled inside the word. A changed letter is not corrected ("courts" is a word of its own,
not "counts"), nor a last letter added or dropped (stems read inflections already).
"""

from __future__ import annotations

import re
from functools import cache

from .english_stems import stem

_WORD = re.compile(r"[A-Za-z]{5,}")


def corrected(text: str) -> str:
    """The text with each mistyped English table word replaced by the word it misses."""
    return _WORD.sub(_correct, text)


def _correct(m: re.Match) -> str:
    word = m.group()
    lower = word.lower()
    known, targets = _vocabulary()
    if lower in known:
        return word
    found = {t for t in targets.get(len(lower), ()) + targets.get(len(lower) + 1, ()) + targets.get(len(lower) - 1, ())
             if _one_slip(lower, t)}
    # ("requets" misses both "request" and "requests": one word either way)
    return min(found) if found and len({stem(t) for t in found}) == 1 else word


def _one_slip(word: str, target: str) -> bool:
    """Two neighbouring letters swapped, or one letter missing or extra before the last one."""
    if len(word) == len(target):
        diff = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == target[diff[1]] \
            and word[diff[1]] == target[diff[0]]
    short, long = sorted((word, target), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long) - 1))  # never the last letter


@cache
def _vocabulary() -> tuple[frozenset[str], dict[int, tuple[str, ...]]]:
    from ..metrics import terms
    from .glossary import DEPARTMENT_PARTS, ENGLISH_HEADS, REGION_SUFFIXES
    from .metric import FILLER_EN

    table = {w for t in terms() if t.text.isascii() for w in re.findall(r"[a-z]+", t.text.lower())}
    agency = {w for words in (*DEPARTMENT_PARTS.values(), *REGION_SUFFIXES.values(), ENGLISH_HEADS)
              for phrase in words for w in re.findall(r"[a-z]+", phrase.lower())}
    known = table | agency | FILLER_EN
    targets: dict[int, list[str]] = {}
    for w in sorted(known):
        if len(w) >= 5:
            targets.setdefault(len(w), []).append(w)
    return frozenset(known), {n: tuple(ws) for n, ws in targets.items()}
