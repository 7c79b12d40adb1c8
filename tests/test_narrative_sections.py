"""The template fixes where the year's problems and the next year's improvements stand (五、存在的主要问题及改进
情况). For every bundled report of the 2019 template onwards, in both languages:

- "what problems" is answered by the section's own statement of the problems, with its items, never by a
  sentence of the improvements that happens to say 问题;
- "what improvement measures will be taken" quotes every numbered item of the plan, not the first.
"""

from __future__ import annotations

import re

import pytest

from bot.answer import answer


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    from index.reader import Index

    index = Index.open(tmp_path_factory.mktemp("samples-home"))  # an empty home indexes the samples
    yield index
    index.close()


def _reports(index):
    return sorted({(r.agency, r.year) for r in index.reports() if r.template != "pre-2019"})


def _section_five(index, agency: str, year: int) -> str:
    [report] = [r for r in index.reports() if (r.agency, r.year) == (agency, year)]
    return "".join(c.text.split("\n", 1)[-1] for c in sorted(index.chunks(report.id), key=lambda c: c.ordinal)
                   if c.kind == "narrative" and c.section and "问题" in c.section)


PROBLEMS = {"zh": "{a}{y}年报告里说政府信息公开工作存在哪些主要问题？", "en": "What problems did {a} report for {y}?"}


def test_every_report_of_the_template_is_covered(samples):
    assert len(_reports(samples)) >= 12


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_problems_are_the_sections_own_statement(samples, lang):
    for agency, year in _reports(samples):
        section = _section_five(samples, agency, year)
        if not re.search(r"问题|不足", section):
            continue
        a = answer(PROBLEMS[lang].format(a=agency, y=year), samples)
        assert a.kind == "narrative", (agency, year, a.text)
        quote = a.sources[0].quote
        assert quote in section or quote.replace("…", "") in section, (agency, year, quote)
        assert re.search(r"问题|不足|差距|有待|不够|薄弱", quote), (agency, year, quote)
        assert not re.match(r"[（(][二三四][)）]\s*改进", quote), (agency, year, quote)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_report_without_a_statement_of_its_problems_says_so(samples, lang):
    """A report with no section five and no sentence on its problems elsewhere is said to have none, in either
    language, not answered with a passage that merely says 问题 ("解决实际问题")."""
    without = 0
    for agency, year in sorted({(r.agency, r.year) for r in samples.reports()}):
        if re.search(r"问题|不足", _section_five(samples, agency, year)):
            continue
        a = answer(PROBLEMS[lang].format(a=agency, y=year), samples)
        if a.kind == "narrative":  # a sentence outside section five states the problems
            assert re.search(r"存在.{0,10}(?:问题|不足)|仍有.{0,6}(?:不足|差距)|短板", a.sources[0].quote), a.text
            continue
        without += 1
        assert a.kind == "not_found" and ("没有写到存在的问题" in a.text or "says nothing about problems" in a.text), a.text
    assert without, "no sample report lacks a statement of its problems"


PLANS = {"zh": ("{a}在{y}年度报告里说{n}年要采取哪些改进措施？", "{a}{y}年报告里下一步打算怎么改进？"),
         "en": ("What improvements did {a} plan for {n}?", "What did {a}'s {y} report say it would improve next year?",
                "What are {a}'s plans for improvement in {n}?", "What were the main work plans of {a} for {n}?")}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_plan_quotes_every_numbered_item(samples, lang):
    for agency, year in _reports(samples):
        section = _section_five(samples, agency, year)
        improvements = re.split(r"改进(?:措施|情况)?[：:]|加以改进[：:]|将采取以下措施", section)[-1]
        items = re.findall(r"[一二三四五六七八九十]是", improvements)
        if len(items) < 2:
            continue
        for question in PLANS[lang]:
            a = answer(question.format(a=agency, y=year, n=year + 1), samples)
            assert a.kind == "narrative", (question, agency, year, a.text)
            for item in dict.fromkeys(items):
                assert item in a.text, (question, agency, year, item, a.text[:300])


@pytest.mark.parametrize("question, needle", [
    ("How many citizen requests did the 'You Speak' (问政平潭之有事你说) programme of Pingtan receive in 2020?",
     "问政平潭之有事你说"),
    ("平潭综合实验区2020年“问政平潭之有事你说”收到多少件群众诉求？", "问政平潭之有事你说"),
    ("How many followers did the Hebei Education Department's video account (冀教新视界) reach in 2023?", "冀教新视界"),
])
def test_words_the_asker_quotes_from_the_report_find_its_sentence(samples, question, needle):
    a = answer(question, samples)
    assert a.kind == "narrative" and a.value is None, a.text
    assert needle in a.sources[0].quote


def test_a_unit_inside_the_regions_report_is_no_agency_we_lack(samples):
    """A narrative question may name an office that the region's own report speaks of; only a question about a
    table's figure names that office's own report."""
    a = answer("平潭政府信息公开工作领导小组办公室的电子邮箱是什么？", samples)
    assert a.kind == "narrative" and "163.com" in a.text.replace("＠", "@"), a.text
