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


AS_A_WHOLE = {  # a table 4 row asked as a whole: every outcome of its groups, each with its number
    "zh": ("{a}{y}年{c}情况怎么样？", "{a}{y}年{c}的结果分别是多少？", "{a}{y}年的{c}情况"),
    "en": ("Tell me about {a}'s {y} {c}.", "Break down {a}'s {c} in {y} by outcome.",
           "What were the outcomes of {a}'s {c} in {y}?"),
}
OUTCOME_COLUMNS = ("upheld", "corrected", "other", "pending", "total")


@pytest.mark.parametrize("agency, year", sorted((a, y) for a, y in GOLD if y >= 2019))
@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_table_four_row_asked_as_a_whole_lists_its_outcomes(samples, agency, year, case, lang):
    groups, words = CASES[case]
    keys = [f"{g}.{c}" for g in groups for c in OUTCOME_COLUMNS]
    gold = report_facts(agency, year)
    known = [k for k in keys if k in gold and certain(samples, agency, year, k)]
    for question in AS_A_WHOLE[lang]:
        q = question.format(a=NAMES[agency][0 if lang == "zh" else 1][0], y=year, c=words[0 if lang == "zh" else 1])
        a = answer(q, samples)
        assert a.kind == "list", (q, a.kind, a.text)
        listed = {f.key: f.value for f in a.facts}
        assert known and all(listed.get(k) == gold[k] for k in known), (q, a.text)
