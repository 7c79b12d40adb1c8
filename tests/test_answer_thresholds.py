"""A yes/no question that puts a number forward ("超过100件了吗", "at least 50", "不到100件吗") is answered by how the
report's count stands to that number, for every agency of the bundled samples, both languages, each relation,
and numbers just below, at and just above the count; a vague number ("about 80") gets the count with no yes or
no. The expected answer is computed here from the relation's meaning and the gold count, never read from the code.
"""

from __future__ import annotations

import operator

import pytest
from agency_questions import GOLD, NAMES, certain, report_facts

from bot.answer import answer

KEY = "applications.new_received.total"
RELATIONS = {  # relation: (holds, Chinese phrasings, English phrasings); {a} agency, {y} year, {n} the number
    "more": (operator.gt, ("{a}{y}年收到的申请超过{n}件了吗？", "{a}{y}年新收申请多于{n}件吗？"),
             ("Did {a} receive more than {n} requests in {y}?", "Did {a} get over {n} FOI requests in {y}?")),
    "at least": (operator.ge, ("{a}{y}年新收申请至少{n}件吗？", "{a}{y}年收到的申请在{n}件以上吗？"),
                 ("Did {a} receive at least {n} requests in {y}?",)),
    "fewer": (operator.lt, ("{a}{y}年收到的申请不到{n}件吗？", "{a}{y}年新收申请少于{n}件吗？"),
              ("Did {a} receive fewer than {n} requests in {y}?", "Were there under {n} requests to {a} in {y}?")),
    "at most": (operator.le, ("{a}{y}年新收申请不超过{n}件吗？",), ("Did {a} receive no more than {n} requests in {y}?",)),
    "exactly": (operator.eq, ("{a}{y}年收到申请{n}件吗？",), ("Did {a} receive {n} requests in {y}?",)),
}
YES_NO = {"zh": ("是。", "不是。"), "en": ("Yes. ", "No. ")}


@pytest.mark.parametrize("agency, year", sorted(GOLD))
@pytest.mark.parametrize("relation", sorted(RELATIONS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_number_put_forward_is_answered_by_how_the_count_stands_to_it(samples, agency, year, relation, lang):
    if not certain(samples, agency, year, KEY):
        pytest.skip("this copy cannot place the count")
    count = report_facts(agency, year)[KEY]
    holds, zh, en = RELATIONS[relation]
    name = NAMES[agency][0 if lang == "zh" else 1][0]
    for n in (count - 1, count, count + 1):
        if n < 1:
            continue
        for question in zh if lang == "zh" else en:
            a = answer(question.format(a=name, y=year, n=int(n)), samples)
            yes, no = YES_NO[lang]
            assert a.kind == "fact" and a.value == count, (question, n, a.text)
            assert a.text.startswith(yes if holds(count, n) else no), (question, n, count, a.text)


@pytest.mark.parametrize("agency, year", sorted(GOLD))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_vague_number_gets_the_count_without_yes_or_no(samples, agency, year, lang):
    if not certain(samples, agency, year, KEY):
        pytest.skip("this copy cannot place the count")
    count = report_facts(agency, year)[KEY]
    question = ("{a}{y}年收到的申请大约{n}件吗？" if lang == "zh" else "Did {a} get about {n} requests in {y}?")
    a = answer(question.format(a=NAMES[agency][0 if lang == "zh" else 1][0], y=year, n=int(count) + 1), samples)
    assert a.kind == "fact" and a.value == count, a.text
    assert not a.text.startswith(YES_NO[lang]), a.text
