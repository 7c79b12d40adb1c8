"""A greeting or thanks is no question: the answer says what can be asked, with examples, in the asker's language
and states no number. A greeting before a question changes nothing of its answer, for every sample report."""

from __future__ import annotations

import pytest
from agency_questions import GOLD, NAMES

from bot.answer import answer


@pytest.mark.parametrize("greeting, lang", [("你好", "zh"), ("您好！", "zh"), ("谢谢", "zh"), ("在吗？", "zh"),
                                            ("hello", "en"), ("Hi!", "en"), ("Thanks!", "en"), ("thank you", "en")])
def test_a_greeting_is_told_what_can_be_asked(samples, greeting, lang):
    a = answer(greeting, samples)
    assert a.kind == "not_found" and a.value is None and not a.facts, a.text
    assert ("例如" in a.text) if lang == "zh" else ("For example" in a.text)


@pytest.mark.parametrize("agency, year", sorted(GOLD))
@pytest.mark.parametrize("greeting, lang", [("您好，", "zh"), ("你好！", "zh"), ("Hi, ", "en"), ("Hello! ", "en")])
def test_a_greeting_before_a_question_changes_nothing(samples, agency, year, greeting, lang):
    q = (f"{NAMES[agency][0][0]}{year}年新收了多少件政府信息公开申请？" if lang == "zh"
         else f"How many FOI requests did {NAMES[agency][1][0]} receive in {year}?")
    plain, greeted = answer(q, samples), answer(greeting + q, samples)
    assert (greeted.kind, greeted.value) == (plain.kind, plain.value), (greeted.text, plain.text)
