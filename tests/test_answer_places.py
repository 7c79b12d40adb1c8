"""Places around an agency's name: a province or city above its region says where it is ("江苏省沭阳县发改局",
"Shuyang County, Jiangsu") and changes no answer; a region's government is not its general office ("the
Shanghai government" when only 上海市人民政府办公厅 is indexed). Derived for every sample agency from the gazetteer
of China's divisions, both languages."""

from __future__ import annotations

import pytest
from agency_questions import GOLD, NAMES

from bot.answer import answer
from bot.understand.agency import AgencyMatcher, agency_forms, ancestor_words

KEY = "applications.new_received.total"


def ancestors(samples, agency: str) -> tuple[str, ...]:
    record = next(a for a in samples.agencies() if a.name == agency)
    return ancestor_words(agency_forms(record))


@pytest.mark.parametrize("agency, year", sorted(GOLD))
def test_a_province_or_city_above_the_agency_says_where_it_is_and_changes_no_answer(samples, agency, year):
    words = ancestors(samples, agency)
    zh_name, en_name = NAMES[agency][0][0], NAMES[agency][1][0]
    plain = answer(f"{zh_name}{year}年新收了多少件政府信息公开申请？", samples)
    for word in words:
        if word.isascii():
            q = f"How many new requests did {en_name}, {word.capitalize()}, receive in {year}?"
        else:
            q = f"{word}{zh_name}{year}年新收了多少件政府信息公开申请？"
        a = answer(q, samples)
        assert (a.kind, a.value) == (plain.kind, plain.value), (q, a.text)


def test_the_gazetteer_gives_the_divisions_above_a_county_and_a_zone(samples):
    assert {"江苏省", "江苏", "jiangsu", "宿迁市", "宿迁"} <= set(ancestors(samples, "沭阳县发展和改革局"))
    assert {"福建省", "fujian"} <= set(ancestors(samples, "平潭综合实验区"))  # by the county of its core, 平潭县


@pytest.mark.parametrize("question", ["How many requests did the Shanghai government receive in 2025?",
                                      "How many requests did the Shanghai municipal government receive in 2025?",
                                      "上海市人民政府2025年收到多少申请？", "上海市政府2025年收到多少申请？"])
def test_a_regions_government_is_not_its_general_office(samples, question):
    a = answer(question, samples)
    assert a.kind == "not_found" and a.value is None and "上海市人民政府" in a.text, a.text


SUBJECT = ("How many open government requests did {a} get in {y}?",
           "How many government information requests did {a} receive in {y}?",
           "How many government disclosure requests were made to {a} in {y}?")


@pytest.mark.parametrize("agency, year", sorted(GOLD))
def test_government_as_the_subject_of_requests_names_no_agency(samples, agency, year):
    """"open government requests", "government information": what is asked about, never a region's government."""
    plain = answer(f"How many new requests did {NAMES[agency][1][0]} receive in {year}?", samples)
    for question in SUBJECT:
        q = question.format(a=NAMES[agency][1][0], y=year)
        a = answer(q, samples)
        assert (a.kind, a.value) == (plain.kind, plain.value), (q, a.text)


def test_the_general_office_is_still_found_by_its_own_words(samples):
    matcher = AgencyMatcher(samples.agencies())
    for question in ("the Shanghai general office", "the General Office of the Shanghai Municipal Government",
                     "上海市政府办公厅"):
        assert matcher.match(question).names == ("上海市人民政府办公厅",), question


@pytest.mark.parametrize("agency, year", sorted(GOLD))
def test_a_province_with_the_department_but_not_its_region_is_the_provinces_own_department(samples, agency, year):
    """"辽宁省营商环境建设局" is the province's bureau, not Panjin's: without the agency's own region, a higher
    division before its department names another agency, and no number of this one is given."""
    record = next(a for a in samples.agencies() if a.name == agency)
    forms = agency_forms(record)
    if forms.region_wide or not forms.department:
        pytest.skip("a region's own report")
    higher = [w for w in ancestor_words(forms) if not w.isascii() and w.endswith(("省", "市")) and w != forms.region_full]
    if not higher:
        pytest.skip("no division above the region in the gazetteer")
    for word in higher:
        if agency.startswith(word):
            continue  # the province is the agency's own region (河北省教育厅)
        a = answer(f"{word}{forms.department}{year}年新收了多少件政府信息公开申请？", samples)
        assert a.kind in ("not_found", "clarify") and a.value is None, (word, a.text)
