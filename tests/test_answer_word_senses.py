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


@pytest.mark.parametrize("agency, year", sorted(GOLD))
def test_administrative_fees_are_table_2s(samples, agency, year):
    key = "proactive.fees.amount"
    if not certain(samples, agency, year, key):
        pytest.skip("this copy cannot place the cell (or its layout has no amount)")
    a = answer(f"How much did {NAMES[agency][1][0]} collect in administrative fees in {year}?", samples)
    assert (a.kind, a.value) == ("fact", report_facts(agency, year)[key]), a.text


@pytest.mark.parametrize("agency, year", sorted(GOLD))
def test_a_security_related_refusal_is_its_reason_not_every_refusal(samples, agency, year):
    key = "applications.results.denied.security_stability.total"
    if not certain(samples, agency, year, key):
        pytest.skip("this copy cannot place the cell")
    a = answer(f"How many security-related refusals did {NAMES[agency][1][0]} make in {year}?", samples)
    assert (a.kind, a.value) == ("fact", report_facts(agency, year)[key]), a.text


@pytest.mark.parametrize("agency, year", sorted(GOLD))
def test_fees_named_as_administrative_and_institutional_are_table_2s(samples, agency, year):
    key = "proactive.fees.amount"
    if not certain(samples, agency, year, key):
        pytest.skip("this copy cannot place the cell (or its layout has no amount)")
    q = f"What was the amount of administrative and institutional fees charged by {NAMES[agency][1][0]} in {year}?"
    a = answer(q, samples)
    assert (a.kind, a.value) == ("fact", report_facts(agency, year)[key]), a.text


@pytest.mark.parametrize("agency, year", sorted(GOLD))
def test_laws_or_administrative_regulations_prohibiting_is_that_reason(samples, agency, year):
    key = "applications.results.denied.prohibited_by_law.total"
    if not certain(samples, agency, year, key):
        pytest.skip("this copy cannot place the cell")
    q = (f"How many requests did {NAMES[agency][1][0]} refuse in {year} because other laws or administrative "
         f"regulations prohibit disclosure?")
    a = answer(q, samples)
    assert (a.kind, a.value) == ("fact", report_facts(agency, year)[key]), a.text
