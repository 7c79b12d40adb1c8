"""A comparative question ("more … than", "比…多吗", "多于") compares the years it names, for every agency of the
bundled samples and both languages: each indexed year's printed figure is given, a year that is not indexed is
said to be missing, and the answer is never a bare "Yes" read from one year's count.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from agency_questions import GOLD, NAMES, certain, report_facts

from bot.answer import answer

NEW = "applications.new_received.total"
ASKED = {
    "zh": ("{a}{y}年的申请比{p}年多吗？", "{a}{y}年收到的政府信息公开申请多于{p}年吗？",
           "{a}{y}年新收申请和{p}年相比是多了还是少了？", "{a}{y}年收到的申请是不是比{p}年少？"),
    "en": ("Did {a} get more requests in {y} than in {p}?", "Were there fewer disclosure requests to {a} in {y} than in {p}?",
           "Was the number of requests {a} received higher in {y} than in {p}?",
           "Did {a} receive less FOI requests in {y} compared to {p}?"),
}
MISSING = ("索引中没有", "No report is indexed")


@pytest.mark.parametrize("agency, year", sorted(GOLD))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_comparative_question_compares_the_two_years_it_names(samples, agency, year, lang):
    previous = year - 1
    name = NAMES[agency][0 if lang == "zh" else 1][0]
    for question in ASKED[lang]:
        a = answer(question.format(a=name, y=year, p=previous), samples)
        assert a.kind == "compare", (question, a.kind, a.text)
        assert not a.text.lstrip().startswith(("Yes", "No", "是", "否")), (question, a.text)
        for y in (year, previous):
            if (agency, y) not in GOLD:
                assert any(m in a.text for m in MISSING) and str(y) in a.text, (question, a.text)
            elif certain(samples, agency, y, NEW):
                assert f"{y}" in a.text and f"{int(report_facts(agency, y)[NEW])}" in a.text, (question, a.text)


LITIGATION = ("litigation.direct.total", "litigation.after_review.total")
AGAINST = {  # two cells of one report set against each other: (first keys, second keys, zh, en)
    "granted vs partly": (("applications.results.granted.total",), ("applications.results.partially_granted.total",),
                          "{a}{y}年予以公开的比部分公开的多吗？",
                          "Were more requests granted in full than partially granted by {a} in {y}?"),
    "review vs lawsuits": (("review.total",), LITIGATION, "{a}{y}年行政复议比行政诉讼多吗？",
                           "Were there more administrative reconsiderations than lawsuits for {a} in {y}?"),
    "issued vs repealed": (("proactive.normative_docs.issued",), ("proactive.normative_docs.repealed",),
                           "{a}{y}年制发的规范性文件比废止的多吗？",
                           "Did {a} issue more normative documents than it repealed in {y}?"),
}


@pytest.mark.parametrize("agency, year", sorted(GOLD))
@pytest.mark.parametrize("pair", sorted(AGAINST))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_two_cells_set_against_each_other_give_both_numbers_and_which_is_larger(samples, agency, year, pair, lang):
    first, second, zh, en = AGAINST[pair]
    gold = report_facts(agency, year)
    if not certain(samples, agency, year, *first, *second):
        pytest.skip("this copy cannot place one of the cells")
    a_value, b_value = sum(gold[k] for k in first), sum(gold[k] for k in second)
    name = NAMES[agency][0 if lang == "zh" else 1][0]
    a = answer((zh if lang == "zh" else en).format(a=name, y=year), samples)
    assert a.kind == "fact" and not a.text.startswith(("Yes", "No")), a.text
    lead = a.text.splitlines()[0]
    assert f"{int(a_value)}" in lead and f"{int(b_value)}" in lead, lead
    d = int(abs(a_value - b_value))
    if lang == "zh":
        said = "两者相同" if a_value == b_value else f"{'多' if a_value > b_value else '少'}{d}"
    else:
        said = "equal" if a_value == b_value else f"{d} {'more' if a_value > b_value else 'fewer'} than"
    assert said in lead, lead


SPAN_SUM = {
    "zh": ("{a}{s}年到{e}年累计收到多少申请？", "{a}{s}到{e}年一共新收了多少件申请？"),
    "en": ("What is the total number of requests {a} received from {s} to {e}?",
           "How many requests did {a} receive from {s} to {e} in total?"),
}
SPANS = sorted({(a, s, e) for a, s in GOLD for b, e in GOLD if a == b and s < e})


@pytest.mark.parametrize("agency, start, end", SPANS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_total_over_a_span_of_years_is_their_sum_only_when_every_year_is_indexed(samples, agency, start, end, lang):
    years = range(start, end + 1)
    name = NAMES[agency][0 if lang == "zh" else 1][0]
    for question in SPAN_SUM[lang]:
        a = answer(question.format(a=name, s=start, e=end), samples)
        assert a.kind == "compare", (question, a.text)
        if any((agency, y) not in GOLD for y in years):  # a year inside the span is missing: no total
            assert a.value is None and any(m in a.text for m in MISSING), (question, a.text)
        elif all(certain(samples, agency, y, NEW) for y in years):
            assert a.value == sum(report_facts(agency, y)[NEW] for y in years), (question, a.text)


# Two sample agencies named apart (names with 和/"and" inside them too), in a year only one of them has a report for.
HALF_HELD = sorted({(a, b, y) for a, y in GOLD for b, _ in GOLD if a != b and (b, y) not in GOLD})


@pytest.mark.parametrize("held, lacking, year", HALF_HELD)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_agency_named_beside_another_without_a_report_for_the_year_is_said_missing(samples, held, lacking, year, lang):
    i = 0 if lang == "zh" else 1
    a_name, b_name = NAMES[held][i][0], NAMES[lacking][i][0]
    question = (f"{a_name}和{b_name}{year}年一共收到多少申请？" if lang == "zh"
                else f"How many requests did {a_name} and {b_name} receive in {year}?")
    a = answer(question, samples)
    assert a.kind == "compare" and any(m in a.text for m in MISSING) and lacking in a.text, (question, a.text)
    assert a.value is None or a.value == report_facts(held, year)[NEW], (question, a.text)


def sample_gold() -> dict[tuple[str, int], dict]:
    """The hand-read facts of every bundled sample report (their copies in tests/data), by agency and year."""
    samples = Path(__file__).resolve().parents[1] / "index" / "samples"
    data = Path(__file__).parent / "data"
    out = {}
    for report in sorted(samples.iterdir()):
        for gold in data.rglob(report.stem + ".facts.json"):
            facts = json.loads(gold.read_text(encoding="utf-8"))
            out.setdefault((facts["agency"], facts["year"]), facts.get("facts", {}))
    return out


@pytest.mark.parametrize("year", [2020, 2022, 2023])
@pytest.mark.parametrize("key, zh, en", [
    ("review.total", "哪个单位{y}年行政复议最多？", "Which agency had the most administrative reconsiderations in {y}?"),
    ("applications.new_received.total", "哪个单位{y}年新收申请最少？", "Which agency received the fewest requests in {y}?"),
])
def test_a_ranking_names_every_agency_tied_at_the_top(samples, year, key, zh, en):
    gold = {a: f[key] for (a, y), f in sample_gold().items() if y == year and f.get(key) is not None}
    best = (min if "少" in zh else max)(gold.values())
    tied = sorted(a for a, v in gold.items() if v == best)
    for question in (zh, en):
        a = answer(question.format(y=year), samples)
        head = a.text.splitlines()[0]
        assert all(name in head for name in tied), (question, tied, head)


@pytest.mark.parametrize("zh, en", [("河北哪个部门{y}年收到的申请最多？", "Which Hebei department got the most requests in {y}?"),
                                    ("河北省哪个厅{y}年新收申请最多？", "Which Hebei department received more requests in {y}?")])
@pytest.mark.parametrize("year", [2021, 2023])
def test_which_department_of_a_region_ranks_the_regions_departments(samples, zh, en, year):
    gold = {a: f["applications.new_received.total"] for (a, y), f in sample_gold().items()
            if y == year and a.startswith("河北省")}
    top = max(gold, key=gold.get)
    for question in (zh, en):
        a = answer(question.format(y=year), samples)
        assert a.kind == "compare" and top in a.text.splitlines()[0], (question, a.text)
        assert all(name in a.text for name in gold), (question, a.text)


# Two cells of a table (two rows, or two applicant columns) asked over two years of one agency.
TWO_CELLS = {
    "two rows": (("applications.results.granted.total", "applications.results.partially_granted.total"),
                 "{a}{p}年和{y}年予以公开和部分公开分别是多少？",
                 "How many requests did {a} grant fully and grant partly in {p} and {y}?"),
    "two columns": (("applications.new_received.natural_person", "applications.new_received.org_commercial"),
                    "{a}{p}年和{y}年新收申请中自然人和商业企业各多少？",
                    "In {p} and {y}, how many requests did {a} get from individuals and from commercial enterprises?"),
}
TWO_YEARS = sorted({(a, p, y) for a, y in GOLD for b, p in GOLD if a == b and p < y})


@pytest.mark.parametrize("agency, previous, year", TWO_YEARS)
@pytest.mark.parametrize("pair", sorted(TWO_CELLS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_two_cells_over_two_years_give_each_cells_figures_on_its_own_line(samples, agency, previous, year, pair, lang):
    keys, zh, en = TWO_CELLS[pair]
    name = NAMES[agency][0 if lang == "zh" else 1][0]
    a = answer((zh if lang == "zh" else en).format(a=name, p=previous, y=year), samples)
    assert a.kind == "compare", a.text
    lead = a.text.split("原文摘录" if lang == "zh" else "As printed")[0].strip().splitlines()
    lines = [ln for ln in lead if str(previous) in ln and str(year) in ln]
    assert len(lines) == 2, a.text
    for key, line in zip(keys, lines, strict=True):
        for y in (previous, year):
            if certain(samples, agency, y, key):
                shown = f"{y}年 {int(report_facts(agency, y)[key])}" if lang == "zh" else f"{y}: {int(report_facts(agency, y)[key])}"
                assert shown in line, (key, line)
        if all(certain(samples, agency, y, key) for y in (previous, year)):
            same = report_facts(agency, year)[key] == report_facts(agency, previous)[key]
            assert ("相同" if lang == "zh" else "the same") in line if same else "0 more" not in line, line


def _region_agencies(samples) -> dict[str, list[str]]:
    """The sample regions with several agencies, by the short name askers use ("平潭": the zone and its 公安局)."""
    from bot.catalog import catalog_for
    from bot.understand.agency import agency_forms

    catalog = catalog_for(samples)
    by_region: dict[str, list[str]] = {}
    for agency in sorted(catalog.years):
        by_region.setdefault(agency_forms(catalog.by_name[agency]).region_core, []).append(agency)
    return {r: a for r, a in by_region.items() if len(a) > 1}


@pytest.mark.parametrize("zh, en", [("{r}哪个局{y}年收到的申请最多？", "Which {r} bureau received the most requests in {y}?"),
                                    ("{r}哪个单位{y}年新收申请最少？", "Which {r} agency got the fewest requests in {y}?")])
def test_which_agency_of_a_region_ranks_all_its_agencies_and_says_which_lack_the_year(samples, zh, en):
    from bot.catalog import catalog_for

    catalog = catalog_for(samples)
    for region, agencies in _region_agencies(samples).items():
        current = [a for a in agencies if max(catalog.years[a]) >= min(min(catalog.years[b]) for b in agencies
                                                                        if max(catalog.years[b]) >= 2019)]
        for year in sorted({y for a in current for y in catalog.years[a] if y >= 2019}):
            for question in (zh.format(r=region, y=year), en.format(r=region, y=year)):
                a = answer(question, samples)
                assert a.kind == "compare", (question, a.text)
                for agency in current:
                    assert agency in a.text, (question, agency, a.text)
                    if year not in catalog.years[agency]:
                        assert any(m in a.text for m in MISSING), (question, agency, a.text)


TIMES = {"zh": ("{a}{y}年收到的申请是{p}年的几倍？",), "en": ("How many times as many requests did {a} get in {y} as in {p}?",)}


@pytest.mark.parametrize("agency, previous, year", TWO_YEARS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_how_many_times_is_the_later_years_figure_over_the_earlier_ones(samples, agency, previous, year, lang):
    if not certain(samples, agency, previous, NEW) or not certain(samples, agency, year, NEW):
        pytest.skip("this copy cannot place a year's figure")
    older, newer = report_facts(agency, previous)[NEW], report_facts(agency, year)[NEW]
    for question in TIMES[lang]:
        a = answer(question.format(a=NAMES[agency][0 if lang == "zh" else 1][0], y=year, p=previous), samples)
        assert a.kind == "compare", a.text
        if older:  # (over a year of none, no multiple is given)
            assert a.value == pytest.approx(round(newer / older, 2)), a.text


UP_OR_DOWN = {"zh": ("{a}{p}年到{y}年收到的申请是上升了还是下降了？",),
              "en": ("Did the number of requests to {a} go up or down between {p} and {y}?",
                     "Have requests to {a} gone up from {p} to {y}?")}


@pytest.mark.parametrize("agency, previous, year", TWO_YEARS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_up_or_down_over_two_years_is_a_comparison_of_them(samples, agency, previous, year, lang):
    for question in UP_OR_DOWN[lang]:
        a = answer(question.format(a=NAMES[agency][0 if lang == "zh" else 1][0], y=year, p=previous), samples)
        assert a.kind == "compare", (question, a.text)
        for y in (previous, year):
            if certain(samples, agency, y, NEW):
                assert str(int(report_facts(agency, y)[NEW])) in a.text, (question, y, a.text)
