"""Words with two senses in the reports are read in the one the question means, for every report of the bundled
samples: fees charged for information disclosure are section six's information-processing fees, not table 2's
administrative fees (which only "administrative fees" / 行政事业性收费 names); a reason said as "security-related"
is that reason's row, not every refusal."""

from __future__ import annotations

import pytest
from agency_questions import GOLD, NAMES, certain, report_facts

from bot.answer import answer

DISCLOSURE_FEES = ("How many fees did {a} charge for information disclosure in {y}?",
                   "How much did {a} charge in fees for information requests in {y}?")


@pytest.mark.parametrize("agency, year", sorted(GOLD))
def test_fees_for_disclosure_are_not_table_2s_administrative_fees(samples, agency, year):
    for phrasing in DISCLOSURE_FEES:
        a = answer(phrasing.format(a=NAMES[agency][1][0], y=year), samples)
        assert not any(f.key.startswith("proactive.fees") for f in a.facts), a.text
        assert a.kind in ("narrative", "not_found"), a.text


# (the key, a question in the sense that names it)
SENSES = {
    "administrative fees": ("proactive.fees.amount", "How much did {a} collect in administrative fees in {y}?"),
    "administrative and institutional fees": (
        "proactive.fees.amount",
        "What was the amount of administrative and institutional fees charged by {a} in {y}?"),
    "security-related refusals": ("applications.results.denied.security_stability.total",
                                  "How many security-related refusals did {a} make in {y}?"),
    "laws or administrative regulations": (
        "applications.results.denied.prohibited_by_law.total",
        "How many requests did {a} refuse in {y} because other laws or administrative regulations prohibit disclosure?"),
}


@pytest.mark.parametrize("agency, year", sorted(GOLD))
@pytest.mark.parametrize("sense", sorted(SENSES))
def test_a_word_is_read_in_the_sense_the_question_gives_it(samples, agency, year, sense):
    """Table 2's fees when called administrative; a refusal's reason when one is named ("security-related"), not the
    sum of all eight; 其他法律行政法规禁止公开 when laws or administrative regulations prohibit."""
    key, question = SENSES[sense]
    if not certain(samples, agency, year, key):
        pytest.skip("this copy cannot place the cell (or its layout has no such cell)")
    a = answer(question.format(a=NAMES[agency][1][0], y=year), samples)
    assert (a.kind, a.value) == ("fact", report_facts(agency, year)[key]), a.text
