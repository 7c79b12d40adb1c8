"""Answers that hold for wordings and reports they were not built on, derived for every sample agency from its
gold facts (tests/data), in both languages:

- an agency named in English by one content word of its name, by "S&T", or by its department's initials (DRB,
  PSB); a department of an indexed region that the index lacks is "not indexed", never another agency's number;
- several agencies in one question ("A、B、C各…", "A or B?") each get their own number;
- sums and rates the template implies: lawsuits direct plus after reconsideration, a row added up over years,
  a rate defined as one column in the row's total, a result group's share of the handled total;
- table 2's money asked "in units of 10,000 yuan";
- follow-ups that move the year relative to the previous question, compare with another year, or ask about the
  year a carry-forward went into;
- the asker's self-introduction ("Journalist here:") is not what is asked;
- things the tables do not count (withdrawals, staff, topics) are a short not-found, never a menu;
- a breakdown of table 4 names every outcome asked, 其他 included.
"""

from __future__ import annotations

import pytest
from agency_questions import GOLD, NAMES, certain, report_facts

from bot.answer import answer
from bot.conversation import Conversations
from ingest.types import format_number

MODERN = sorted((agency, year) for agency, year in GOLD if year >= 2021)


# English names people use beside the official ones: one content word of the department, "S&T", initials.
SHORT_EN = {
    "河北省科学技术厅": ("the Hebei science department", "Hebei's S&T department", "the Hebei S&T department"),
    "河北省教育厅": ("the Hebei education department", "Hebei's education dept"),
    "沭阳县发展和改革局": ("the Shuyang County DRB", "the Shuyang DRC", "Shuyang's development and reform bureau"),
    "平潭综合实验区公安局": ("the Pingtan PSB", "Pingtan's police"),
    "上海市人民政府办公厅": ("the Shanghai General Office",),
}


@pytest.mark.parametrize("agency, year", [(a, y) for a, y in MODERN if a in SHORT_EN])
def test_an_agency_named_by_one_word_or_its_initials_gets_its_own_number(samples, agency, year):
    gold = report_facts(agency, year)["applications.new_received.total"]
    for name in SHORT_EN[agency]:
        a = answer(f"How many FOI requests did {name} receive in {year}?", samples)
        assert (a.kind, a.value) == ("fact", gold), (name, a.text)
        assert {f.agency for f in a.facts} == {agency}


# Departments of indexed regions that the index does not hold, in each language.
UNKNOWN = {
    2023: ("河北省财政厅", "河北财政厅", "the Hebei department of finance", "the Hebei finance department",
           "沭阳县教育局", "the Shuyang education bureau"),
    2022: ("平潭财政金融局", "平潭综合实验区财政金融局", "the Pingtan finance bureau", "Pingtan's department of finance"),
    2024: ("淮安市公安局", "the Huai'an public security bureau", "the Huai'an department of finance"),
    2025: ("上海市教育委员会", "the Shanghai education commission"),
}


@pytest.mark.parametrize("year, name", [(y, n) for y, names in UNKNOWN.items() for n in names])
def test_a_department_the_index_lacks_is_not_indexed_never_a_menu_or_another_number(samples, year, name):
    q = f"How many requests did {name} receive in {year}?" if name.isascii() else f"{name}{year}年收到多少件申请？"
    a = answer(q, samples)
    assert a.kind == "not_found" and a.value is None and not a.facts, a.text


def _same_year_pairs():
    by_year: dict[int, list[str]] = {}
    for agency, year in MODERN:
        by_year.setdefault(year, []).append(agency)
    return [(year, tuple(sorted(names))) for year, names in sorted(by_year.items()) if len(names) > 1]


@pytest.mark.parametrize("year, agencies", _same_year_pairs())
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_several_agencies_in_one_question_each_get_their_number(samples, year, agencies, lang):
    key = "applications.new_received.total"
    if lang == "zh":
        names = [NAMES[a][0][1] for a in agencies]
        questions = [f"{year}年{'、'.join(names)}各收到多少件申请？", f"{year}年{'和'.join(names)}分别收到了几件申请？"]
    else:
        names = [SHORT_EN.get(a, NAMES[a][1])[0] for a in agencies]
        questions = [f"In {year}, how many requests did {' and '.join(names)} each receive?",
                     f"Which received more requests in {year}, {' or '.join(names)}?"]
    for q in questions:
        a = answer(q, samples)
        assert a.kind == "compare", (q, a.text)
        shown = {f.agency: f.value for f in a.facts}
        assert shown == {ag: report_facts(ag, year)[key] for ag in agencies}, (q, a.text)


LAWSUITS_TOTAL = {
    "zh": ("{a}{y}年直接起诉加复议后起诉一共多少件？", "{a}{y}年未经复议直接起诉和复议后起诉合计多少件？"),
    "en": ("How many lawsuits did {a} face in {y} in total (direct and after reconsideration)?",
           "How many lawsuits were filed against {a} in {y}, directly and after reconsideration combined?"),
}


@pytest.mark.parametrize("agency, year", MODERN)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_lawsuits_direct_and_after_reconsideration_in_total_are_their_sum(samples, agency, year, lang):
    gold = report_facts(agency, year)
    keys = ("litigation.direct.total", "litigation.after_review.total")
    name = NAMES[agency][0 if lang == "zh" else 1][0]
    for phrasing in LAWSUITS_TOTAL[lang]:
        a = answer(phrasing.format(a=name, y=year), samples)
        if not certain(samples, agency, year, *keys):
            assert a.value is None or a.value == gold[keys[0]] + gold[keys[1]], a.text
            continue
        assert (a.kind, a.value) == ("fact", gold[keys[0]] + gold[keys[1]]), a.text


def test_a_row_added_up_over_named_years_is_their_sum(samples):
    agency, years = "河北省教育厅", (2021, 2022, 2023)
    total = sum(report_facts(agency, y)["applications.new_received.total"] for y in years)
    for q in ("河北省教育厅2021、2022和2023年新收申请加起来一共多少件？",
              "Add up the new requests the Hebei Education Department received in 2021, 2022 and 2023."):
        a = answer(q, samples)
        assert a.value == total, a.text


RATES = {
    "zh": ("{a}{y}年行政复议纠错率（结果纠正占复议总数）是多少？",),
    "en": ("What share of {a}'s reconsideration cases in {y} were corrected?",),
}


@pytest.mark.parametrize("agency, year", MODERN)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_rate_defined_in_the_question_is_the_column_over_the_rows_total(samples, agency, year, lang):
    gold = report_facts(agency, year)
    name = NAMES[agency][0 if lang == "zh" else 1][0]
    for phrasing in RATES[lang]:
        a = answer(phrasing.format(a=name, y=year), samples)
        if not gold["review.total"] or not certain(samples, agency, year, "review.corrected", "review.total"):
            assert a.kind != "fact" or a.value is None, a.text  # never the count of corrections as the rate
            continue
        assert a.value == pytest.approx(round(100 * gold["review.corrected"] / gold["review.total"], 2), abs=0.01)


def test_a_rate_the_question_does_not_define_is_never_a_count(samples):
    for q in ("河北省教育厅2023年复议纠错率是多少？", "What was the Hebei Education Department's correction rate in 2023?"):
        a = answer(q, samples)
        assert a.kind != "fact" or a.value is None or "%" in a.text, a.text


GROUP_SHARES = {
    "applications.results.unavailable.not_held": (
        "{a}{y}年因本机关不掌握相关政府信息而无法提供的占办理结果总计的比例是多少？",
        "What proportion of {a}'s handled requests in {y} ended with 'does not hold the information'?"),
    "applications.results.other": (
        "{a}{y}年其他处理占办理结果总计的比例是多少？",
        "What share of {a}'s handled requests in {y} were other handling?"),
    "applications.results.unavailable": (
        "{a}{y}年无法提供的占办理结果总计的百分之多少？",
        "What share of {a}'s handled requests in {y} could not be provided?"),
}


@pytest.mark.parametrize("agency, year", MODERN)
@pytest.mark.parametrize("row", sorted(GROUP_SHARES))
def test_a_result_or_group_share_is_over_the_handled_total(samples, agency, year, row):
    gold = report_facts(agency, year)
    part_keys = [k for k in gold if k.startswith(row + ".") and k.endswith(".total") and k.count(".") == row.count(".") + 2]
    part = gold.get(f"{row}.total", sum(gold[k] for k in part_keys) if part_keys else None)
    whole = gold["applications.results.total.total"]
    for lang, phrasing in zip(("zh", "en"), GROUP_SHARES[row]):
        a = answer(phrasing.format(a=NAMES[agency][0 if lang == "zh" else 1][0], y=year), samples)
        known = certain(samples, agency, year, "applications.results.total.total") and part is not None and whole
        if not known or a.kind != "fact":
            assert a.kind != "fact" or a.value is None or a.value == pytest.approx(100 * part / whole, abs=0.01)
            continue
        assert a.value == pytest.approx(round(100 * part / whole, 2), abs=0.01), (lang, a.text)


@pytest.mark.parametrize("agency, year", [(a, y) for a, y in MODERN if report_facts(a, y).get("proactive.fees.amount")])
def test_administrative_fees_asked_in_ten_thousand_yuan_are_the_amount(samples, agency, year):
    gold = report_facts(agency, year)["proactive.fees.amount"]
    for q in (f"What did {NAMES[agency][1][0]} collect in administrative fees in {year}, in units of 10,000 yuan?",
              f"{NAMES[agency][0][0]}{year}年行政事业性收费金额是多少万元？"):
        a = answer(q, samples)
        if certain(samples, agency, year, "proactive.fees.amount"):
            assert a.kind == "fact" and a.value == pytest.approx(gold, abs=0.005), (q, a.text)


def _new_requests(agency: str, year: int, lang: str) -> str:
    return (f"{NAMES[agency][0][0]}{year}年新收了多少件申请？" if lang == "zh"
            else f"How many requests did {NAMES[agency][1][0]} receive in {year}?")


def _consecutive():
    return [(a, y) for a, y in MODERN if (a, y + 1) in GOLD]


@pytest.mark.parametrize("agency, year", _consecutive())
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_following_year_is_relative_to_the_previous_question(samples, agency, year, lang):
    key = "applications.new_received.total"
    first = _new_requests(agency, year, lang)
    for follow in (("第二年呢？", "那下一年呢？", "次年呢？") if lang == "zh" else ("And the following year?",
                                                                         "What about the next year?")):
        chat = Conversations()
        chat.ask(1, first, samples)
        a = chat.ask(1, follow, samples)
        assert (a.kind, a.value) == ("fact", report_facts(agency, year + 1)[key]), (follow, a.text)


@pytest.mark.parametrize("agency, year", _consecutive())
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_compared_with_another_year_shows_both_figures(samples, agency, year, lang):
    key = "applications.new_received.total"
    first = _new_requests(agency, year, lang)
    follow = f"跟{year + 1}年比呢？" if lang == "zh" else f"How does that compare with {year + 1}?"
    chat = Conversations()
    chat.ask(1, first, samples)
    a = chat.ask(1, follow, samples)
    assert a.kind == "compare", a.text
    assert {f.year: f.value for f in a.facts} == {y: report_facts(agency, y)[key] for y in (year, year + 1)}, a.text


@pytest.mark.parametrize("agency, year", MODERN)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_carried_into_the_next_year_is_the_report_before_it(samples, agency, year, lang):
    gold = report_facts(agency, year)
    keys = ("applications.carried_forward.total", "applications.carried_over.total")
    if not certain(samples, agency, year, *keys):
        return
    if lang == "zh":
        first = f"{NAMES[agency][0][0]}结转到{year + 1}年继续办理的申请有几件？"
        follow = "它从上一年结转过来的有几件？"
    else:
        first = f"How many requests did {NAMES[agency][1][0]} carry forward into {year + 1}?"
        follow = "How many had it carried over from the previous year?"
    chat = Conversations()
    a = chat.ask(1, first, samples)
    assert (a.kind, a.value) == ("fact", gold[keys[0]]), a.text
    b = chat.ask(1, follow, samples)
    assert (b.kind, b.value) == ("fact", gold[keys[1]]), b.text
    rolled = (f"How many requests did {NAMES[agency][1][0]} roll over into {year + 1}?" if lang == "en"
              else f"{NAMES[agency][0][0]}结转入{year + 1}年的申请有几件？")
    assert answer(rolled, samples).value == gold[keys[0]]


INTRODUCTIONS = {"zh": ("我是记者，", "我是一名来自北京的记者：", "您好，我是研究人员。"),
                 "en": ("Journalist here: ", "I'm a reporter with a newspaper. ", "As a researcher, ")}


@pytest.mark.parametrize("agency, year", MODERN)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_askers_introduction_is_not_the_subject(samples, agency, year, lang):
    gold = report_facts(agency, year)["applications.new_received.total"]
    question = _new_requests(agency, year, lang)
    question = question[0].lower() + question[1:]  # after "Journalist here: "
    for intro in INTRODUCTIONS[lang]:
        a = answer(intro + question, samples)
        assert (a.kind, a.value) == ("fact", gold), (intro, a.text)


UNCOUNTED = {
    "zh": ("{a}{y}年有多少件申请被申请人撤回？", "{a}{y}年有多少名工作人员负责信息公开？", "{a}{y}年的申请主要涉及哪些内容？"),
    "en": ("How many requests were withdrawn at {a} in {y}?", "How many staff handled disclosure at {a} in {y}?",
           "What topics were {a}'s requests about in {y}?"),
}


@pytest.mark.parametrize("agency, year", sorted(GOLD))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_what_the_tables_do_not_count_is_a_short_not_found_never_a_menu(samples, agency, year, lang):
    for phrasing in UNCOUNTED[lang]:
        a = answer(phrasing.format(a=NAMES[agency][0 if lang == "zh" else 1][0], y=year), samples)
        assert a.kind in ("not_found", "narrative") and a.value is None and not a.options, a.text
        assert a.kind != "not_found" or len(a.text) < 200, a.text


BREAKDOWN = {
    "zh": "{a}{y}年{row}维持、纠正、其他和尚未审结各多少件？",
    "en": "In {y}, how many {row} involving {a} were upheld, corrected, other and still pending?",
}
ROWS = {"review": ("行政复议", "reconsideration cases"),
        "litigation.direct": ("直接起诉的行政诉讼", "direct lawsuits")}


@pytest.mark.parametrize("agency, year", MODERN)
@pytest.mark.parametrize("row", sorted(ROWS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_breakdown_names_every_outcome_asked_other_included(samples, agency, year, row, lang):
    gold = report_facts(agency, year)
    words = ROWS[row][0 if lang == "zh" else 1]
    a = answer(BREAKDOWN[lang].format(a=NAMES[agency][0 if lang == "zh" else 1][0], y=year, row=words), samples)
    outcomes = ("upheld", "corrected", "other", "pending")
    if not certain(samples, agency, year, *(f"{row}.{o}" for o in outcomes)):
        return
    assert {f.key: f.value for f in a.facts} == {f"{row}.{o}": gold[f"{row}.{o}"] for o in outcomes}, a.text
    assert all(format_number(gold[f"{row}.{o}"]) in a.text for o in outcomes)


DIFFERENCES = {
    ("proactive.normative_docs", "issued", "repealed"): (
        "{a}{y}年规范性文件制发数比废止数多多少？",
        "How many more normative documents did {a} issue than repeal in {y}?"),
    ("applications.new_received", "natural_person", "commercial"): (
        "{a}{y}年自然人比商业企业多提出多少件申请？",
        "How many more requests came from individuals than from businesses at {a} in {y}?"),
}


@pytest.mark.parametrize("agency, year", MODERN)
@pytest.mark.parametrize("cells", sorted(DIFFERENCES))
def test_two_columns_set_against_each_other_are_their_difference(samples, agency, year, cells):
    row, first, second = cells
    gold = report_facts(agency, year)
    keys = (f"{row}.{first}", f"{row}.{second}")
    for lang, phrasing in zip(("zh", "en"), DIFFERENCES[cells]):
        a = answer(phrasing.format(a=NAMES[agency][0 if lang == "zh" else 1][0], y=year), samples)
        if not certain(samples, agency, year, *keys):
            assert a.value is None or a.value == gold[keys[0]] - gold[keys[1]], a.text
            continue
        assert (a.kind, a.value) == ("fact", gold[keys[0]] - gold[keys[1]]), (lang, a.text)


@pytest.mark.parametrize("question, lacking", [
    ("2022年平潭公安局和平潭财政金融局分别收到了几件申请？", "财政金融局"),
    ("Which received more requests in 2023, the Hebei education department or the Hebei department of finance?",
     "department of finance"),
    ("In 2024, how many requests did the Huai'an government and the Huai'an police each receive?", "Huai'an police"),
])
def test_a_list_of_agencies_with_one_we_lack_says_which_is_not_indexed(samples, question, lacking):
    a = answer(question, samples)
    assert a.kind == "not_found" and a.value is None and not a.facts, a.text
    assert lacking in a.text
