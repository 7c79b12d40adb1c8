"""A question mistyped by one slip in its longest word (two letters swapped, one letter left out inside the word:
"recieve", "lawsiut", "Provicnial") gets the same answer as the question typed right, for every English question
of the generated agency set (tests/agency_questions.py). The slips are made mechanically from each question's
own words; a changed letter is not a slip we correct (it may make another word)."""

from __future__ import annotations

import re

import pytest
from agency_questions import questions

from bot.answer import answer

ENGLISH = [q for q in questions() if q.lang == "en"]


def slips(question: str) -> list[str]:
    """The question with its longest word mistyped: two inner letters swapped, one inner letter dropped."""
    words = list(re.finditer(r"[A-Za-z]{6,}", question))
    if not words:
        return []
    m = max(words, key=lambda w: len(w.group()))
    w, mid = m.group(), len(m.group()) // 2
    swapped = w[:mid] + w[mid + 1] + w[mid] + w[mid + 2:]
    dropped = w[:mid] + w[mid + 1:]
    return [question[:m.start()] + typo + question[m.end():] for typo in (swapped, dropped) if typo != w]


@pytest.mark.parametrize("q", ENGLISH, ids=lambda q: f"{q.agency}-{q.year}-{q.key}")
def test_a_one_slip_typo_gets_the_answer_of_the_question_typed_right(samples, q):
    right = answer(q.q, samples)
    for typed in slips(q.q):
        a = answer(typed, samples)
        assert (a.kind, a.value) == (right.kind, right.value), (typed, a.text)


CHINESE = [q for q in questions() if q.lang == "zh"]


def _homophone(ch: str) -> str | None:
    """The commonest other character read the same (tones aside), as a pinyin input method offers it first."""
    from pypinyin import Style, lazy_pinyin
    from pypinyin.pinyin_dict import pinyin_dict

    from bot.understand.segment import word_frequency

    sound = lazy_pinyin(ch, style=Style.NORMAL)[0]
    same = [chr(c) for c, readings in pinyin_dict.items() if 0x4E00 <= c <= 0x9FFF and chr(c) != ch
            and "," not in readings and lazy_pinyin(chr(c), style=Style.NORMAL)[0] == sound]
    return max(same, key=lambda c: (word_frequency(c), c), default=None)


def homophone_slip(question: str) -> str | None:
    """The question with the middle character of its longest table term typed as a homophone ("申请" → "申情");
    None when the slip makes a word of its own (no slip then: "部分" → "不分")."""
    from bot.metrics import terms
    from bot.understand.segment import is_word

    known = sorted({t.text for t in terms() if re.fullmatch(r"[\u4e00-\u9fff]{2,8}", t.text) and t.text in question},
                   key=len)
    if not known:
        return None
    term = known[-1]
    i = len(term) // 2
    other = _homophone(term[i])
    typed = term[:i] + other + term[i + 1:] if other else term
    if other is None or is_word(typed):
        return None
    return question.replace(term, typed, 1)


@pytest.mark.parametrize("q", CHINESE, ids=lambda q: f"{q.agency}-{q.year}-{q.key}")
def test_a_homophone_slip_gets_the_answer_of_the_chinese_question_typed_right(samples, q):
    typed = homophone_slip(q.q)
    if typed is None:
        pytest.skip("the slip makes a word of its own")
    right, a = answer(q.q, samples), answer(typed, samples)
    assert (a.kind, a.value) == (right.kind, right.value), (typed, a.text)
