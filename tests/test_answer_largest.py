"""Which of a report's figures is largest, asked of one report: the applicant group that filed most, the most
common outcome (不予公开's eight reasons are one outcome), and which of two named figures is more — for every
report of the bundled samples and both languages, against the gold facts."""

from __future__ import annotations

import re

import pytest
from agency_questions import GOLD, NAMES, certain, report_facts

from bot.answer import answer
from bot.compose.facts import column_label
from bot.metrics import row_name

APPLICANTS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org")
OUTCOMES = ("granted", "partially_granted", "denied", "unavailable", "not_processed", "other")
ASK_APPLICANT = ("{a}{y}年哪类申请人提的申请最多？", "Which applicant group filed the most requests with {a} in {y}?")
ASK_OUTCOME = ("{a}{y}年哪种办理结果最多？", "What was the most common outcome of {a}'s requests in {y}?")
ASK_WHICH_MORE = ("{a}{y}年自然人申请多还是商业企业申请多？", "Did individuals or businesses file more requests with {a} in {y}?")


def _top(values: dict[str, float]) -> tuple[list[str], float]:
    best = max(values.values())
    return [k for k, v in values.items() if v == best], best


def _question(template: tuple[str, str], agency: str, year: int, lang: str) -> str:
    i = 0 if lang == "zh" else 1
    return template[i].format(a=NAMES[agency][i][0], y=year)


@pytest.mark.parametrize("agency, year", sorted(GOLD))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_applicant_group_that_filed_most_is_named(samples, agency, year, lang):
    keys = [f"applications.new_received.{c}" for c in APPLICANTS]
    if not certain(samples, agency, year, *keys):
        pytest.skip("this copy cannot place the cells")
    facts = report_facts(agency, year)
    top, best = _top({c: facts[f"applications.new_received.{c}"] for c in APPLICANTS})
    if not best:
        pytest.skip("no requests")
    a = answer(_question(ASK_APPLICANT, agency, year, lang), samples)
    first = a.text.split("\n")[1]
    assert a.kind == "list" and f"{best:g}" in first, a.text
    assert all(column_label("applications.new_received", c, lang) in first for c in top), a.text


@pytest.mark.parametrize("agency, year", sorted(GOLD))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_most_common_outcome_is_named_with_its_reasons_summed(samples, agency, year, lang):
    facts = report_facts(agency, year)
    leaves = {k: v for k, v in facts.items() if k.startswith("applications.results.") and k.endswith(".total")
              and k != "applications.results.total.total"
              and not any(o.startswith(k[: -len(".total")] + ".") and o.count(".") > k.count(".") for o in facts)}
    if not certain(samples, agency, year, *leaves):
        pytest.skip("this copy cannot place the cells")
    groups = {g: sum(v for k, v in leaves.items() if k.split(".")[2] == g) for g in OUTCOMES}
    top, best = _top(groups)
    if not best:
        pytest.skip("no outcomes")
    a = answer(_question(ASK_OUTCOME, agency, year, lang), samples)
    first = a.text.split("\n")[1]
    assert a.kind == "list" and f"{best:g}" in first, a.text
    assert all(row_name(f"applications.results.{g}", lang) in first for g in top), a.text


@pytest.mark.parametrize("agency, year", sorted(GOLD))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_which_of_two_figures_is_more_is_their_difference(samples, agency, year, lang):
    keys = ("applications.new_received.natural_person", "applications.new_received.commercial")
    if not certain(samples, agency, year, *keys):
        pytest.skip("this copy cannot place the cells")
    facts = report_facts(agency, year)
    a = answer(_question(ASK_WHICH_MORE, agency, year, lang), samples)
    assert (a.kind, a.value) == ("fact", facts[keys[0]] - facts[keys[1]]), a.text


LISTED = ("{a}{y}年办理结果如何？", "What were the outcomes of {a}'s requests in {y}?")


@pytest.mark.parametrize("agency, year", sorted(GOLD))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_listed_rows_are_named_by_the_template_not_as_a_copy_mangled_them(samples, agency, year, lang):
    """A copy may print a label split or cut (".属于国家秘密", "(四)无" and "法提供" apart, "三、本年度办理结果(一)…"):
    the list names each row as the template does; the labels as printed stay in the source's quote."""
    a = answer(_question(LISTED, agency, year, lang), samples)
    if a.kind != "list":
        pytest.skip("no outcomes in this copy")
    lines = a.text.split("\n")[1:]
    for line in lines:
        assert not re.match(r"[.．、(（\d一二三四五六七八九十]", line) and "本年度办理结果" not in line, (line, a.text)
