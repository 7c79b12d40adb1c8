"""Table 2 counts what an agency made public. Of a row that counts decisions (行政许可, 行政处罚, 行政强制), a verb
of making or publishing ("issued", "made public", 公开了) asks its decisions this year, for every agency of the
bundled samples and both languages; it is no second column that makes the question ambiguous."""

from __future__ import annotations

import pytest
from agency_questions import GOLD, NAMES, certain, report_facts

from bot.answer import answer

ROWS = {"licensing": ("行政许可", "administrative licences"), "penalties": ("行政处罚", "administrative penalties"),
        "enforcement": ("行政强制", "administrative enforcement actions")}
ZH = ("{a}{y}年公开了多少{r}？", "{a}{y}年发布了几件{r}？")
EN = ("How many {r} did {a} make public in {y}?", "How many {r} did {a} issue in {y}?",
      "Tell me how many {r} {a} published in {y}.")


@pytest.mark.parametrize("agency, year", sorted(GOLD))
@pytest.mark.parametrize("row", sorted(ROWS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_publishing_verb_asks_the_decisions_of_a_decision_row(samples, agency, year, row, lang):
    key = f"proactive.{row}.decisions"
    if not certain(samples, agency, year, key):
        pytest.skip("this copy cannot place the cell")
    i = 0 if lang == "zh" else 1
    for phrasing in (ZH, EN)[i]:
        q = phrasing.format(a=NAMES[agency][i][0], y=year, r=ROWS[row][i])
        a = answer(q, samples)
        assert (a.kind, a.value) == ("fact", report_facts(agency, year)[key]), (q, a.text)


TABLE_2_WORDS = ("administrative regulations", "government rules", "regulations", "administrative normative documents",
                 "normative documents", "administrative licences", "administrative penalties",
                 "administrative enforcement actions", "administrative fees")


@pytest.mark.parametrize("agency, year", sorted(GOLD))
@pytest.mark.parametrize("words", TABLE_2_WORDS)
def test_what_an_agency_issued_is_never_read_from_the_requests_table(samples, agency, year, words):
    """"How many administrative regulations did X issue": table 2's row, or its cells said uncertain — never a row
    of the requests table whose label holds the words (其他法律行政法规禁止公开)."""
    a = answer(f"How many {words} did {NAMES[agency][1][0]} issue in {year}?", samples)
    keys = {f.key for f in a.facts} | set(a.query.keys if a.query else ())
    assert all(k.startswith("proactive.") for k in keys), (words, a.text)
