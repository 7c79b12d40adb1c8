"""A year compared with the one before it ("比上一年", "同比", "than the year before") is that year and the year
before it, not the year before today: for every report of the bundled samples and both languages. When the year
before is not indexed the answer says so, and never compares with another year instead."""

from __future__ import annotations

import datetime as dt

import pytest
from agency_questions import GOLD, NAMES, certain, report_facts

from bot.answer import answer

KEY = "applications.new_received.total"
ZH = ("{a}{y}年收到的申请比上一年增长了多少？", "{a}{y}年新收申请同比增加了几件？", "{a}{y}年的申请数较上年多了多少？")
EN = ("How much did {a}'s new requests in {y} change compared with the previous year?",
      "Did {a} get more requests in {y} than the year before?",
      "Compare {a}'s new requests in {y} with the previous year.")
TODAY = dt.date(2026, 12, 1)  # the year before today (2025) is no year of these questions


@pytest.mark.parametrize("agency, year", sorted(GOLD))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_year_before_is_the_year_before_the_one_named(samples, agency, year, lang):
    if not certain(samples, agency, year, KEY):
        pytest.skip("this copy cannot place the cell")
    before = (agency, year - 1) in GOLD
    i = 0 if lang == "zh" else 1
    for phrasing in (ZH, EN)[i]:
        q = phrasing.format(a=NAMES[agency][i][0], y=year)
        a = answer(q, samples, today=TODAY)
        assert a.kind == "compare", (q, a.text)
        assert str(year) in a.text and str(year - 1) in a.text, (q, a.text)
        if before and certain(samples, agency, year - 1, KEY):
            change = report_facts(agency, year)[KEY] - report_facts(agency, year - 1)[KEY]
            assert f"{abs(change):g}" in a.text, (q, a.text)
        elif not before:
            assert "没有" in a.text or "No report" in a.text or "not indexed" in a.text, (q, a.text)


@pytest.mark.parametrize("question", ["How many requests did 河北省教育厅 carry over from the previous year in 2023?",
                                      "河北省教育厅2023年上一年度结转的申请有几件？",
                                      "河北省教育厅2023年去年没办完的申请有几件？",
                                      "河北省教育厅2023年前一年遗留的申请有多少？"])
def test_carried_over_from_the_previous_year_is_a_row_not_a_year(samples, question):
    a = answer(question, samples, today=TODAY)
    assert (a.kind, a.value) == ("fact", report_facts("河北省教育厅", 2023)["applications.carried_over.total"]), a.text
