"""Whose figure an answer states: never another agency's for an agency the index lacks; questions in
traditional characters and Chinese numerals reach the same facts (real index: tests/conftest.py)."""

from __future__ import annotations

import re

import pytest

from bot.answer import answer


@pytest.mark.parametrize("question, named", [
    ("大连市营商局2020年收到多少申请？", "大连市"),
    ("营口市营商局2020年收到多少申请？", "营口市"),
    ("沈阳营商局2020年收到多少申请？", "沈阳"),
    ("大连营商局2020年收到多少申请？", "大连"),
    ("How many requests did the Dalian business environment bureau get in 2020?", "Dalian"),
])
def test_an_agency_not_indexed_is_refused_and_what_is_indexed_nearby_is_named(answer_index, question, named):
    a = answer(question, answer_index)
    assert (a.kind, a.value, a.facts) == ("not_found", None, ())
    assert named in a.text
    assert "盘锦市营商环境建设局" in a.text  # the indexed bureau of the same kind


def test_the_indexed_bureau_is_still_found_by_its_short_names(answer_index):
    for question in ("盘锦市营商局2020年收到多少申请？", "市营商局2020年收到多少申请？", "营商局2020年收到多少申请？"):
        assert answer(question, answer_index).value == 0, question


def test_a_question_in_traditional_characters_is_answered_in_them(answer_index):
    a = answer("平潭綜合實驗區2025年收到多少政府資訊公開申請？", answer_index)
    assert (a.kind, a.value) == ("fact", 154)
    assert "綜合實驗區" in a.text and "综合实验区" not in a.text
    assert a.question == "平潭綜合實驗區2025年收到多少政府資訊公開申請？"


def test_chinese_numerals_are_read_as_numbers(answer_index):
    assert answer("平潭二〇二五年行政复议一共多少件？", answer_index).value == 36
    assert answer("平潭2025年行政复议是三十六件吗？", answer_index).text.startswith("是")


def test_the_regions_other_agencies_are_offered_only_with_years_they_have(samples):
    """A region named alone ("平潭") answers for its main agency and offers the region's others: each only with
    the years asked that it has reports of (the 公安局 was offered for every year the zone had)."""
    from bot.catalog import catalog_for
    from bot.understand.agency import agency_forms

    catalog = catalog_for(samples)
    by_region: dict[str, list[str]] = {}  # by the region's short name ("平潭"), as askers name it
    for agency in sorted(catalog.years):
        by_region.setdefault(agency_forms(catalog.by_name[agency]).region_core, []).append(agency)
    offered = 0
    for region, agencies in ((r, a) for r, a in by_region.items() if len(a) > 1):
        years = sorted({y for a in agencies for y in catalog.years[a]})
        spans = [(a, b) for a in years for b in years if a < b]
        for lang, question in [q for a, b in spans for q in (
                ("zh", f"{region}{a}年到{b}年收到多少申请？"), ("en", f"How many requests did {region} receive from {a} to {b}?"))]:
            line = next((ln for ln in answer(question, samples).text.splitlines()
                         if "同一地区还收录了" in ln or "in this region" in ln), "")
            for agency in (a for a in agencies if a in line):
                said = line.split(agency, 1)[1].split("；" if lang == "zh" else ";")[0]
                assert set(map(int, re.findall(r"\d{4}", said))) <= set(catalog.years[agency]), (question, line)
                offered += 1
    assert offered, "no sample region offers another agency"
