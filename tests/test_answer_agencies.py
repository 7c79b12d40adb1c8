"""Every agency of the bundled samples answers in both languages, by its Chinese and its English names, with
the gold number of its report (tests/agency_questions.py derives the questions from the gold facts); several
cells asked together get each its own number; a region named alone goes to its region-wide agency and names
the region's other agencies, or asks which agency is meant.

One index of the bundled samples (index/samples, with their shipped vectors) serves the whole file, as a new
user's first question builds it.
"""

from __future__ import annotations

import pytest
from agency_questions import DATA, questions

from bot.answer import answer

QUESTIONS = questions()


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    from index.reader import Index

    index = Index.open(tmp_path_factory.mktemp("samples-home"))  # an empty home indexes the samples
    yield index
    index.close()


def _stored_certain(index, q) -> bool:
    """Whether the index holds the asked cells as certain (a copy the reader cannot place is said as such)."""
    prefix = "litigation." if q.key == "litigation" else q.key
    facts = [
        f
        for f in index.facts(key_prefix=prefix, agencies=[q.agency], years=[q.year])
        if q.key == "litigation" and f.key.endswith(".total") or f.key == q.key
    ]
    return bool(facts) and all(f.status == "certain" and f.value is not None for f in facts)


@pytest.mark.parametrize(
    "q", QUESTIONS, ids=[f"{q.agency}-{q.year}-{q.key}-{q.lang}-{i}" for i, q in enumerate(QUESTIONS)]
)
def test_every_agency_answers_its_gold_number_in_both_languages(samples, q):
    a = answer(q.q, samples)
    if not _stored_certain(samples, q):
        assert a.kind == "not_found" and a.value is None  # never a guess
        return
    assert (a.kind, a.value) == ("fact", q.value), a.text
    assert {f.agency for f in a.facts} == {q.agency}
    assert a.lang == q.lang


def test_the_questions_cover_every_agency_in_both_languages():
    covered = {(q.agency, q.lang) for q in QUESTIONS}
    agencies = {q.agency for q in QUESTIONS}
    assert len(agencies) == 6 and covered == {(a, lang) for a in agencies for lang in ("zh", "en")}


@pytest.mark.parametrize(
    "question, lang",
    [
        ("淮安市政府2024年新收申请中自然人和商业企业各多少？", "zh"),
        (
            "How many of Huai'an government's 2024 requests came from individuals and how many from businesses?",
            "en",
        ),
    ],
)
def test_two_columns_of_one_row_get_each_its_own_number_and_source(samples, question, lang):
    a = answer(question, samples)
    assert a.kind == "fact" and a.value is None  # two numbers, never one for both
    assert {(f.key, f.value) for f in a.facts} == {
        ("applications.new_received.natural_person", 3001),
        ("applications.new_received.commercial", 53),
    }
    assert len(a.sources) == 2 and "3001" in a.text and "53" in a.text


@pytest.mark.parametrize(
    "question",
    [
        "河北省教育厅2023年予以公开和部分公开各多少件？",
        "How many requests did the Hebei Education Department grant in full and how many in part in 2023?",
    ],
)
def test_two_rows_of_one_table_get_each_its_own_number(samples, question):
    a = answer(question, samples)
    keys = {f.key for f in a.facts}
    assert a.kind == "fact" and a.value is None
    assert keys == {"applications.results.granted.total", "applications.results.partially_granted.total"}


@pytest.mark.parametrize(
    "question",
    [
        "上海市政府办公厅2025年行政复议维持、纠正、尚未审结各几件？",
        "How many of the Shanghai General Office's 2025 reconsideration cases were upheld "
        "and how many are still pending?",
    ],
)
def test_outcomes_of_one_reconsideration_row_asked_together_are_each_answered(samples, question):
    a = answer(question, samples)
    named = {"review.upheld": 40, "review.corrected": 0, "review.pending": 5}
    assert a.kind == "fact" and a.value is None
    assert {(f.key, f.value) for f in a.facts} <= set(named.items()) and len(a.facts) >= 2


@pytest.mark.parametrize(
    "question, lang",
    [
        ("平潭2022年新收政府信息公开申请多少件？", "zh"),
        ("How many disclosure requests did Pingtan get in 2022?", "en"),
    ],
)
def test_a_region_named_alone_is_its_region_wide_agency_and_the_answer_names_the_others(
    samples, question, lang
):
    a = answer(question, samples)
    assert (a.kind, a.value, {f.agency for f in a.facts}) == ("fact", 74, {"平潭综合实验区"})
    last = a.text.splitlines()[-1]
    assert "平潭综合实验区公安局" in last and "2022" in last
    assert ("同一地区" in last) if lang == "zh" else ("Also indexed" in last)


def test_a_region_without_a_region_wide_agency_asks_which_agency(samples):
    a = answer("河北2023年收到多少政府信息公开申请？", samples)
    assert a.kind == "clarify"
    assert set(a.options) == {"河北省教育厅", "河北省科学技术厅"}


def test_a_region_whose_only_report_that_year_is_a_departments_asks_which_agency(tmp_path):
    """平潭 in 2022 when only its public security bureau's 2022 report is indexed: not the bureau's numbers
    as 平潭's, a question back."""
    from index.build import ingest
    from index.reader import Index

    ingest(
        tmp_path,
        [DATA / "agencies" / "2022_pingtan_gaj.txt", DATA / "2023_pingtan_syq_page.html"],
        model="hash:64",
    )
    with Index.open(tmp_path, bootstrap=False) as index:
        a = answer("平潭2022年新收政府信息公开申请多少件？", index)
        named = answer("平潭公安局2022年新收政府信息公开申请多少件？", index)
    assert (a.kind, a.options) == ("clarify", ("平潭综合实验区公安局",))
    assert (named.kind, named.value) == ("fact", 1)


def test_a_region_with_one_region_wide_agency_and_no_other_report_that_year_adds_no_line(samples):
    a = answer("平潭2023年新收政府信息公开申请多少件？", samples)
    assert a.kind == "fact" and "公安局" not in a.text


def _stems(samples) -> list[tuple[str, int, str]]:
    """(agency, a year, its region's core + its department without the unit word) of every department of the
    samples: 平潭公安, 河北教育, 盘锦营商环境建设."""
    from bot.understand.agency import _stem, agency_forms

    years = {r.agency: r.year for r in samples.reports()}
    out = []
    for record in samples.agencies():
        f = agency_forms(record)
        if record.name in years and not f.region_wide and len(_stem(f.department)) >= 2:
            out.append((record.name, years[record.name], f.region_core + _stem(f.department)))
    return sorted(out)


def test_a_department_named_without_its_unit_word_after_its_region(samples):
    """"平潭公安", "河北教育": the department's words without 局/厅 right after its region name that agency."""
    cases = _stems(samples)
    assert cases, "no department among the samples"
    for agency, year, short in cases:
        a = answer(f"{short}{year}年收到多少申请？", samples)
        assert a.query.agencies == (agency,) and a.kind == "fact", (short, a.text)
