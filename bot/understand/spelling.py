"""English words mistyped by one slip ("requets", "recieve", "lawsiut", "Provicnial") read as the words we know,
so a typo finds the row or the agency it means instead of nothing.

Only a word that no list knows (the tables' words, the question words, the glossary's agency words) is
corrected, only to the one known word of five letters or more that it misses by two letters swapped or one
letter left out or doubled inside the word. A changed letter is not corrected ("courts" is a word of its own,
not "counts"), nor a last letter added or dropped (stems read inflections already).

Chinese typed through pinyin slips differently: a character is replaced by another of the same sound
("申清" for 申请, "不分公开" for 部分公开, "行正复议" for 行政复议). A run of characters is read as a table
term when it differs from the term in one character only, that character reads like the term's (tones
aside), no known term of the question lies across the run's ends ("申请是" is not "申请示"; "行政府议" is
行政复议 though 政府 is a term inside it), no common word of the question as jieba cuts it does either
("财政收入" is not "财征收入", "申请人里" not "申请人力"), and the run is not a word of its own ("不分" stays "不分"; "复义", a rare word, is not corrected either).
"""

from __future__ import annotations

import re
from functools import cache

from .english_stems import stem
from .segment import cut, is_word, word_frequency

_WORD = re.compile(r"[A-Za-z]{5,}")


def corrected(text: str) -> str:
    """The text with each mistyped English table word, and each Chinese term typed with a character of the
    same sound, replaced by the word it misses."""
    return _homophones_corrected(_WORD.sub(_correct, text))


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


_HAN = re.compile(r"[\u4e00-\u9fff]{2,}")


def _homophones_corrected(text: str) -> str:
    if not _HAN.search(text):
        return text
    patterns, terms = _zh_terms()
    covered = _covered(text, terms)
    fixes = []  # (start, run, term)
    for start in range(len(text)):
        for size in range(2, min(_LONGEST, len(text) - start) + 1):
            fix = _fix(text[start:start + size], start, covered, patterns, terms)
            if fix is not None:
                fixes.append((start, text[start:start + size], fix))
    if not fixes:
        return text
    words = _common_words(text)
    for start, run, term in sorted(fixes, reverse=True):
        end = start + len(run)
        crossed = any(a < end and start < b and not (start <= a and b <= end) for a, b in words)
        if not crossed and not is_word(run) and text[start:end] == run:
            text = text[:start] + term + text[start + len(run):]
    return text


def _fix(run: str, start: int, covered: dict[int, tuple[int, int]], patterns: dict, terms: frozenset[str]
         ) -> str | None:
    """The one term `run` misses by a character of the same sound, when no known term of the question lies
    across the run's ends."""
    if run in terms or not _HAN.fullmatch(run):
        return None
    end = start + len(run)
    if any(start <= p < end and not (start <= a and b <= end) for p, (a, b) in covered.items()):
        return None
    found = set()
    for i in range(len(run)):
        for term in patterns.get(run[:i] + "?" + run[i + 1:], ()):
            if _sound(term, i) == _sound(run, i):
                found.add(term)
    return found.pop() if len(found) == 1 else None


def _covered(text: str, terms: frozenset[str]) -> dict[int, tuple[int, int]]:
    """Each position of the text inside a known term: the span of the longest such term."""
    out: dict[int, tuple[int, int]] = {}
    for term in sorted(terms, key=len):
        at = text.find(term)
        while at >= 0:
            out.update(dict.fromkeys(range(at, at + len(term)), (at, at + len(term))))
            at = text.find(term, at + 1)
    return out


def _common_words(text: str) -> list[tuple[int, int]]:
    """The spans of the common words of two or more characters in the text, as jieba cuts it: a run never cuts
    one ("财政收入": 政收 is no slip for 征收; "申请人里": 人里 is no slip for 人力)."""
    out, at = [], 0
    for word in cut(text):
        if word_frequency(word) >= (_COMMON if len(word) == 2 else 1) and len(word) > 1:
            out.append((at, at + len(word)))
        at += len(word)
    return out


_COMMON = 20  # jieba's count for a two-character word worth keeping as written (不分: 3, 财政: 6,228); any
# longer word it knows is one (its counts for compounds are low: 财政收入 3)
_LONGEST = 8


@cache
def _zh_terms() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """Each Chinese table term of two to eight characters, under each of its patterns with one character
    unknown ("申?" → 申请), and the set of them all."""
    from ..metrics import terms

    words = sorted({t.text for t in terms() if 2 <= len(t.text) <= _LONGEST and _HAN.fullmatch(t.text)})
    patterns: dict[str, list[str]] = {}
    for w in words:
        for i in range(len(w)):
            patterns.setdefault(w[:i] + "?" + w[i + 1:], []).append(w)
    return {k: tuple(v) for k, v in patterns.items()}, frozenset(words)


@cache
def _sound(run: str, i: int) -> str:
    """How the run's i-th character is read in it, tones aside."""
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(run, style=Style.NORMAL)[i]
