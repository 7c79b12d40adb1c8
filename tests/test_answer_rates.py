"""A rate the reports and their readers name (公开率, 纠错率, "disclosure rate") is a share of one printed figure
in another: computed from the table's cells with its formula, for every agency of the bundled samples and both
languages (bot/understand/rates.py holds the definitions). A rate whose table 4 group is not said is not
guessed; an outcome's share of "requests" is of the requests decided, as the reports compute it."""

from __future__ import annotations

import pytest
from agency_questions import GOLD, NAMES, certain, report_facts

from bot.answer import answer

_DENIED = "applications.results.denied."
_DIRECT, _AFTER = "litigation.direct", "litigation.after_review"

# rate → (the part's keys, the whole's keys; a key ending in "." is every reason row under it), then its
# phrasings: Chinese, English ({a} the agency, {y} the year).
RATES = {
    "disclosure": ((("applications.results.granted.total", "applications.results.partially_granted.total"),
                    ("applications.results.total.total",)),
                   ("{a}{y}年的政府信息公开率是多少？", "{y}年{a}依申请公开的公开率？"),
                   ("What was {a}'s disclosure rate in {y}?", "What was the disclosure rate of requests to {a} in {y}?")),
    "refusal": (((_DENIED,), ("applications.results.total.total",)),
                ("{a}{y}年不予公开率是多少？",),
                ("What was the refusal rate of {a} in {y}?",)),
    "review_corrected": ((("review.corrected",), ("review.total",)),
                         ("{a}{y}年行政复议纠错率是多少？", "{a}{y}年复议的纠错率"),
                         ("What was the correction rate of {a}'s administrative reconsiderations in {y}?",)),
    "lawsuit_upheld": (((f"{_DIRECT}.upheld", f"{_AFTER}.upheld"), (f"{_DIRECT}.total", f"{_AFTER}.total")),
                       ("{a}{y}年行政诉讼维持率？",),
                       ("What was the uphold rate of lawsuits against {a} in {y}?",)),
    "lawsuit_lost": (((f"{_DIRECT}.corrected", f"{_AFTER}.corrected"), (f"{_DIRECT}.total", f"{_AFTER}.total")),
                     ("{a}{y}年行政诉讼败诉率是多少？",),
                     ("What was {a}'s loss rate in lawsuits in {y}?",)),
}


def _keys(facts: dict[str, float], keys: tuple[str, ...]) -> list[str]:
    """Keys as named; a key ending in "." is each reason row under it (its rows' totals)."""
    out = []
    for key in keys:
        out += [k for k in facts if k.startswith(key) and k.endswith(".total")] if key.endswith(".") else [key]
    return out


@pytest.mark.parametrize("agency, year", sorted(GOLD))
@pytest.mark.parametrize("rate", sorted(RATES))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_named_rate_is_its_share_computed(samples, agency, year, rate, lang):
    (part_keys, whole_keys), zh, en = RATES[rate]
    facts = report_facts(agency, year)
    parts, wholes = _keys(facts, part_keys), _keys(facts, whole_keys)
    if not certain(samples, agency, year, *parts, *wholes):
        pytest.skip("this copy cannot place the cells")
    whole = sum(facts[k] for k in wholes)
    if not whole:
        pytest.skip("the whole is 0: no rate")
    expected = round(sum(facts[k] for k in parts) / whole * 100, 2)
    i = 0 if lang == "zh" else 1
    for phrasing in (zh, en)[i]:
        for name in NAMES[agency][i]:
            q = phrasing.format(a=name, y=year)
            a = answer(q, samples)
            assert (a.kind, a.value) == ("fact", expected), (q, a.text)
            assert "计算值" in a.text if lang == "zh" else "computed" in a.text


@pytest.mark.parametrize("question", ["平潭2023年的纠错率是多少？", "What was Pingtan's correction rate in 2023?",
                                      "平潭2023年维持率？"])
def test_a_rate_of_table_4_without_its_group_is_not_guessed(samples, question):
    """纠错率 is said of reconsiderations and of lawsuits alike: without the group, no figure is computed."""
    a = answer(question, samples)
    assert a.kind == "not_found" and a.value is None, a.text
    assert "分子和分母" in a.text or "which figure over which" in a.text, a.text  # said how to ask, not "nothing found"


@pytest.mark.parametrize("agency, year", sorted(GOLD))
def test_the_reports_own_percentage_is_quoted_only_when_it_is_the_same(samples, agency, year):
    """Beside a computed share, a sentence of the text is quoted as the report's own figure only when it prints
    the same percentage: a sentence printing another (another part, another whole) would read as a second answer."""
    for q in (f"{NAMES[agency][0][0]}{year}年予以公开的占比是多少？", f"{NAMES[agency][0][0]}{year}年行政复议维持率？"):
        a = answer(q, samples)
        if a.kind != "fact" or "报告正文印的是" not in a.text:
            continue
        printed = a.text.split("报告正文印的是", 1)[1].split("\n", 1)[0]
        assert f"{a.value:g}" in printed or f"{round(a.value, 1):g}%" in printed, (q, a.text)


SEVERAL = {"zh": "{a}{y1}年和{y2}年的公开率分别是多少？", "en": "What was {a}'s disclosure rate in {y1} and {y2}?"}


@pytest.mark.parametrize("agency", sorted({a for a, _ in GOLD}))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_share_over_several_years_gives_each_and_says_a_missing_one(samples, agency, lang):
    """"2022年和2023年的公开率": each year's share, none dropped; a year without a report is said in its place."""
    years = sorted(y for a, y in GOLD if a == agency)
    missing = next(y for y in range(years[-1], 2000, -1) if (agency, y) not in GOLD)
    name = NAMES[agency][0 if lang == "zh" else 1][0]
    for y1, y2 in ((years[0], years[-1]), (missing, years[-1])):
        a = answer(SEVERAL[lang].format(a=name, y1=y1, y2=y2), samples)
        for year in (y1, y2):
            facts = report_facts(agency, year) if (agency, year) in GOLD else None
            whole = facts and facts["applications.results.total.total"]
            if facts is None:
                assert str(year) in a.text and ("没有" in a.text or "no indexed report" in a.text), a.text
            elif whole:
                part = facts["applications.results.granted.total"] + facts["applications.results.partially_granted.total"]
                assert f"{round(part / whole * 100, 2):g}%" in a.text, (year, a.text)
