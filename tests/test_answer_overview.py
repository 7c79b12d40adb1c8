"""A report at a glance ("介绍一下X2024年的年报", "a summary of X's 2024 report", "key figures"): the headline figures
of tables 3 and 4, each the gold value of its cell, for every report of the bundled samples and both languages; no
year asked is the latest report, said so."""

from __future__ import annotations

import pytest
from agency_questions import GOLD, NAMES, report_facts

from bot.answer import answer

ASKED = {"zh": ("介绍一下{a}{y}年的年报", "{a}{y}年年报概况", "{a}{y}年报告的要点是什么？"),
         "en": ("Give me a summary of {a}'s {y} report.", "What are the key figures of {a}'s {y} report?",
                "{a} {y} report at a glance")}


@pytest.mark.parametrize("agency, year", sorted(GOLD))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_reports_headline_figures_are_its_gold_cells(samples, agency, year, lang):
    gold = report_facts(agency, year)
    i = 0 if lang == "zh" else 1
    for phrasing in ASKED[lang]:
        q = phrasing.format(a=NAMES[agency][i][0], y=year)
        a = answer(q, samples)
        assert a.kind == "list" and a.query.years == (year,), (q, a.text)
        keys = {f.key for f in a.facts}
        assert "applications.new_received.total" in keys, (q, a.text)
        for f in a.facts:
            assert f.value == gold[f.key], (q, f)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_year_asked_is_the_latest_report_said_so(samples, lang):
    q = "河北省教育厅年报要点" if lang == "zh" else "Key figures of the Hebei Education Department report"
    a = answer(q, samples)
    assert a.kind == "list" and a.query.years == (2023,), a.text
    assert "最新" in a.text if lang == "zh" else "latest" in a.text
