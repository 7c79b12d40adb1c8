"""Who won an appeal, said from either side, is the outcome column of table 4: the agency's decision stood
(结果维持: 胜诉, "ruled in favour of the agency", "decided against the applicant") or did not (结果纠正: 败诉,
"decided against the government", "in favour of the applicant"), for reconsiderations and lawsuits, every agency
of the bundled samples and both languages. "Lawsuits against the government" are all lawsuits, no outcome.
"""

from __future__ import annotations

import pytest
from agency_questions import GOLD, NAMES, certain, report_facts

from bot.answer import answer

CASES = {"review": (("review",), ("行政复议", "reconsideration cases")),
         "litigation": (("litigation.direct", "litigation.after_review"), ("行政诉讼", "lawsuits"))}
SIDES = {
    "upheld": (("{a}{y}年{c}胜诉几件？",),
               ("How many {c} of {a} were ruled in favour of the agency in {y}?",
                "How many {c} involving {a} were decided against the applicant in {y}?")),
    "corrected": (("{a}{y}年{c}败诉几件？", "{a}{y}年{c}被纠错的有几件？"),
                  ("How many {c} of {a} were decided against the government in {y}?",
                   "How many {c} involving {a} went in favour of the applicant in {y}?")),
}


@pytest.mark.parametrize("agency, year", sorted(GOLD))
@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("side", sorted(SIDES))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_who_won_is_the_outcome_column(samples, agency, year, case, side, lang):
    rows, words = CASES[case]
    keys = [f"{r}.{side}" for r in rows]
    if not certain(samples, agency, year, *keys):
        pytest.skip("this copy cannot place the cells")
    expected = sum(report_facts(agency, year)[k] for k in keys)
    i = 0 if lang == "zh" else 1
    for question in SIDES[side][i]:
        q = question.format(a=NAMES[agency][i][0], y=year, c=words[i])
        a = answer(q, samples)
        assert (a.kind, a.value) == ("fact", expected), (q, a.text)
        assert {f.key for f in a.facts} <= {*keys, *(f"{r}.total" for r in rows)}, (q, a.facts)


@pytest.mark.parametrize("agency, year", sorted(GOLD))
def test_lawsuits_against_the_government_are_all_lawsuits(samples, agency, year):
    keys = ("litigation.direct.total", "litigation.after_review.total")
    if not certain(samples, agency, year, *keys):
        pytest.skip("this copy cannot place the cells")
    a = answer(f"How many lawsuits were filed against {NAMES[agency][1][0]} in {year}?", samples)
    assert (a.kind, a.value) == ("fact", sum(report_facts(agency, year)[k] for k in keys)), a.text
