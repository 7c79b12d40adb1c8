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
