"""How a question's words are read, derived for every agency of the bundled samples from its gold facts:

- a share whose part is "granted in full or in part" is both rows over the whole the question names, with the
  agency's name in either language inside the whole's words;
- "其中自然人提出的" after a question on one outcome is that outcome's applicant column, not new requests;
- “其他”类法人或组织 is the applicant column 其他; the law's "法人或者其他组织" (joined by 或/和/及, or/and) is the
  five-column group, and the answer names each column;
- capitals after a region name a department ("Pingtan PSB"); initials we cannot read never give the region's own
  number;
- a count the tables do not keep (a clean-up of documents) is quoted from the text when it states a figure, and
  is never answered with a row's number; when the text only mentions the thing, it is not found.
"""

from __future__ import annotations

import pytest
from agency_questions import GOLD, NAMES, certain, report_facts

from bot.answer import answer
from bot.compose.facts import column_label
from bot.conversation import Conversations

# Reports of the 2021 template (applicant columns, 2021 result rows) with their gold facts.
MODERN = sorted((agency, year) for agency, year in GOLD if year >= 2021)


SHARE = {
    "zh": "{a}{y}年予以公开和部分公开的占办理结果总数的比例是多少？",
    "en": "What share of {a}'s handled requests in {y} were granted in full or in part?",
}


@pytest.mark.parametrize("agency, year", MODERN)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_share_of_granted_in_full_or_in_part_is_both_rows_over_the_handled_total(samples, agency, year, lang):
    keys = ("applications.results.granted.total", "applications.results.partially_granted.total",
            "applications.results.total.total")
    gold = report_facts(agency, year)
    name = NAMES[agency][0 if lang == "zh" else 1][0]
    a = answer(SHARE[lang].format(a=name, y=year), samples)
    if not certain(samples, agency, year, *keys) or not gold[keys[2]]:
        assert a.kind != "fact" or a.value is None
        return
    expected = round(100 * (gold[keys[0]] + gold[keys[1]]) / gold[keys[2]], 2)
    assert a.kind == "fact" and a.value == pytest.approx(expected, abs=0.01), a.text


OUTCOMES = ("applications.results.granted", "applications.results.unavailable.not_held",
            "applications.results.denied.state_secret")
COLUMN_WORDS = {"natural_person": ("自然人", "individuals"), "commercial": ("企业", "businesses")}


@pytest.mark.parametrize("agency, year", MODERN)
@pytest.mark.parametrize("column", sorted(COLUMN_WORDS))
def test_of_which_an_applicant_column_keeps_the_previous_outcome_row(samples, agency, year, column):
    first = {
        "applications.results.granted": "{a}{y}年予以公开的有多少件？",
        "applications.results.unavailable.not_held": "{a}{y}年本机关不掌握相关政府信息的有多少件？",
        "applications.results.denied.state_secret": "{a}{y}年因属于国家秘密不予公开的有几件？",
    }
    gold = report_facts(agency, year)
    zh_word, _ = COLUMN_WORDS[column]
    for row in OUTCOMES:
        chat = Conversations()
        chat.ask(1, first[row].format(a=NAMES[agency][0][0], y=year), samples)
        for follow in (f"其中{zh_word}提出的有几件？", f"那{zh_word}提交的呢？"):
            a = chat.ask(1, follow, samples)
            if not certain(samples, agency, year, f"{row}.{column}"):
                assert a.value is None or a.value == gold[f"{row}.{column}"], a.text
                continue
            assert (a.kind, a.value) == ("fact", gold[f"{row}.{column}"]), (row, follow, a.text)
            assert [f.key for f in a.facts] == [f"{row}.{column}"]


@pytest.mark.parametrize("agency, year", MODERN)
def test_the_other_kind_of_organisation_is_its_own_column(samples, agency, year):
    gold = report_facts(agency, year)
    a = answer(f"{NAMES[agency][0][0]}{year}年新收申请里“其他”类法人或组织提出的有几件？", samples)
    if certain(samples, agency, year, "applications.new_received.other_org"):
        assert (a.kind, a.value) == ("fact", gold["applications.new_received.other_org"]), a.text
    else:  # a copy that cannot place the cell says so; the five columns' sum is never given in its place
        assert a.value in (None, gold["applications.new_received.other_org"]), a.text


ORGANISATIONS = ("commercial", "research", "social_welfare", "legal_service", "other_org")
ORG_WORDS = {
    "zh": ("{a}{y}年法人或其他组织提出了多少申请？", "{a}{y}年法人或者其他组织提出了多少申请？",
           "{a}{y}年法人和其他组织提出了多少申请？", "{a}{y}年由法人及其他组织提出的申请有几件？"),
    "en": ("How many requests did legal persons and other organisations file with {a} in {y}?",
           "How many requests did legal persons or other organizations file with {a} in {y}?"),
}


@pytest.mark.parametrize("agency, year", MODERN)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_laws_legal_persons_or_other_organisations_is_the_five_column_group(samples, agency, year, lang):
    """However the law's phrase is joined (或者/或/和/及, or/and), it is the group, never two things to choose
    from; the answer names each column that counts, in words and in the quote."""
    gold = report_facts(agency, year)
    keys = [f"applications.new_received.{c}" for c in ORGANISATIONS]
    name = NAMES[agency][0 if lang == "zh" else 1][0]
    for question in ORG_WORDS[lang]:
        a = answer(question.format(a=name, y=year), samples)
        if not certain(samples, agency, year, *keys):
            assert a.value in (None, sum(gold[k] for k in keys)), a.text
            continue
        assert (a.kind, a.value) == ("fact", sum(gold[k] for k in keys)), (question, a.text)
        for key in keys:
            column = column_label("applications.new_received", key.rsplit(".", 1)[1], lang)
            if gold[key]:
                assert f"{column} {gold[key]}" in a.text, (question, a.text)
            assert f"{column_label('applications.new_received', key.rsplit('.', 1)[1], 'zh')} " in a.sources[0].quote


@pytest.mark.parametrize("agency, year", MODERN)
def test_citizens_legal_persons_or_other_organisations_are_every_applicant(samples, agency, year):
    gold = report_facts(agency, year)
    a = answer(f"{NAMES[agency][0][0]}{year}年公民、法人或者其他组织一共提出了多少申请？", samples)
    if certain(samples, agency, year, "applications.new_received.total"):
        assert (a.kind, a.value) == ("fact", gold["applications.new_received.total"]), a.text


@pytest.mark.parametrize("initials", ["EPB", "HRSSB", "MSA", "FGW"])
@pytest.mark.parametrize("question", [
    "How many requests did the Pingtan {x} receive in 2022?",
    "How many lawsuits was Pingtan's {x} involved in during 2023?",
])
def test_a_departments_initials_we_cannot_read_never_give_the_regions_number(samples, initials, question):
    a = answer(question.format(x=initials), samples)
    assert a.kind == "not_found" and a.value is None, a.text
    assert initials in a.text


def test_an_indexed_departments_initials_name_it(samples):
    a = answer("How many requests did the Pingtan PSB receive in 2022?", samples)
    assert {f.agency for f in a.facts} <= {"平潭综合实验区公安局"}
    assert "平潭综合实验区公安局" in a.text


@pytest.mark.parametrize("question", [
    "河北省教育厅2021年清理了多少件规范性文件？",
    "How many normative documents did the Hebei Education Department go through in its 2021 clean-up?",
])
def test_a_clean_up_is_quoted_from_the_text_never_a_rows_number(samples, question):
    a = answer(question, samples)
    assert a.kind == "narrative" and a.value is None, a.text
    assert "7次清理" in a.text


@pytest.mark.parametrize("agency, year", sorted(GOLD))
def test_a_clean_up_is_never_answered_with_a_table_row(samples, agency, year):
    for question in (f"{NAMES[agency][0][0]}{year}年清理了多少件规范性文件？",
                     f"How many normative documents did {NAMES[agency][1][0]} clean up in {year}?"):
        a = answer(question, samples)
        assert a.kind != "fact", a.text


def test_a_thing_the_text_only_mentions_is_not_found(samples):
    a = answer("What was the satisfaction rate of applicants with Pingtan's replies in 2023?", samples)
    assert a.kind == "not_found", a.text


def test_quotes_of_a_copy_without_a_title_name_agency_and_year(samples):
    from bot.render import to_terminal

    shown = to_terminal(answer("河北省教育厅2021年清理了多少件规范性文件？", samples))
    assert "《》" not in shown and "河北省教育厅2021年度报告" in shown


@pytest.mark.parametrize("name", ["Dalian business bureau", "Shenyang finance department", "Yingkou audit office",
                                  "Hebei finance department"])
@pytest.mark.parametrize("question", ["How many requests did {n} get in 2020?", "Did {n} receive any requests in 2022?"])
def test_an_agency_we_lack_is_named_as_the_asker_wrote_it(samples, name, question):
    a = answer(question.format(n=name), samples)
    assert a.kind == "not_found" and a.value is None, a.text
    assert f"“{name}”" in a.text


@pytest.mark.parametrize("words", ["departments", "bureau", "department", "office"])
def test_a_bare_unit_word_after_a_region_names_none_of_its_departments(samples, words):
    """"the Pingtan zone's departments", "the Pingtan bureau": a word every department has is not the name of
    the one department the index holds there (平潭综合实验区公安局)."""
    a = answer(f"How many requests did the Pingtan Comprehensive Experimental Zone's {words} receive in 2022?", samples)
    assert "平潭综合实验区公安局" not in {f.agency for f in a.facts}, a.text


GROUPS = {
    "applications.results.denied": ("不予公开", "refused"),
    "applications.results.unavailable": ("无法提供", "could not be provided"),
    "applications.results.not_processed": ("不予处理", "not processed"),
}


@pytest.mark.parametrize("agency, year", MODERN)
@pytest.mark.parametrize("group", sorted(GROUPS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_group_explained_by_its_members_in_brackets_is_the_group(samples, agency, year, group, lang):
    """"无法提供（本机关不掌握、没有现成信息…）的有多少件": the bracket says what the group holds; the group's sum is
    asked, never the sum of the members the asker happened to list."""
    from bot.metrics import row_name
    from bot.understand import metric_keys as mk

    members = [r for r in mk.rows() if r.startswith(group + ".") and r.count(".") == group.count(".") + 1]
    listed = members[:3]
    if lang == "zh":
        words = "、".join(row_name(m, "zh") for m in listed)
        question = f"{NAMES[agency][0][0]}{year}年{GROUPS[group][0]}（{words}）的申请有多少件？"
    else:
        words = ", ".join(row_name(m, "en").split(": ", 1)[-1] for m in listed)
        question = f"How many of {NAMES[agency][1][0]}'s requests in {year} were {GROUPS[group][1]} ({words})?"
    keys = [f"{m}.total" for m in members]
    a = answer(question, samples)
    if not certain(samples, agency, year, *keys):
        assert a.value is None or a.value == sum(report_facts(agency, year)[k] for k in keys), a.text
        return
    assert (a.kind, a.value) == ("fact", sum(report_facts(agency, year)[k] for k in keys)), (question, a.text)


REASONS = {  # group: Chinese phrasings, English phrasings ({a} agency, {y} year)
    "applications.results.denied": (
        ("{a}{y}年不予公开的理由主要是什么？", "{a}{y}年不予公开的原因有哪些？"),
        ("What were the reasons {a} gave in {y} for the requests it refused?",
         "For what reasons were requests refused by {a} in {y}?")),
    "applications.results.unavailable": (
        ("{a}{y}年无法提供的理由主要是什么？", "{a}{y}年无法提供的原因有哪些？"),
        ("What were the reasons {a} gave in {y} for the requests it could not provide?",
         "For what reasons could information not be provided by {a} in {y}?")),
    "applications.results.not_processed": (
        ("{a}{y}年不予处理的理由主要是什么？", "{a}{y}年不予处理的原因有哪些？"),
        ("What were the reasons {a} gave in {y} for the requests it did not process?",
         "For what reasons were requests not processed by {a} in {y}?")),
}


@pytest.mark.parametrize("agency, year", MODERN)
@pytest.mark.parametrize("group", sorted(REASONS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_reasons_of_a_group_are_its_members_each_with_its_number(samples, agency, year, group, lang):
    from bot.understand import metric_keys as mk

    members = [r for r in mk.rows() if r.startswith(group + ".") and r.count(".") == group.count(".") + 1]
    keys = [f"{m}.total" for m in members]
    if not certain(samples, agency, year, *keys):
        pytest.skip("this copy cannot place the members")
    gold = report_facts(agency, year)
    for question in REASONS[group][0 if lang == "zh" else 1]:
        q = question.format(a=NAMES[agency][0 if lang == "zh" else 1][0], y=year)
        a = answer(q, samples)
        assert a.kind == "list", (q, a.kind, a.text)
        listed = {f.key: f.value for f in a.facts}
        assert all(listed.get(k) == gold[k] for k in keys), (q, a.text)


SHARED_VERB = {
    "zh": ("{a}{y}年全部或部分公开的申请一共多少件？", "{a}{y}年全部和部分公开的申请合计多少件？"),
    "en": ("How many requests did {a} fully or partially grant in {y}, in total?",
           "How many of {a}'s requests in {y} were fully or partly disclosed altogether?"),
}


@pytest.mark.parametrize("agency, year", MODERN)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_two_degrees_sharing_one_verb_are_both_rows(samples, agency, year, lang):
    """"fully or partly granted", "全部或部分公开": the verb goes with each degree, so both rows are asked (before,
    only the one the verb stood beside was read, and a share of it given as the share of both)."""
    keys = ("applications.results.granted.total", "applications.results.partially_granted.total")
    if not certain(samples, agency, year, *keys):
        pytest.skip("this copy cannot place the cells")
    gold = report_facts(agency, year)
    for question in SHARED_VERB[lang]:
        q = question.format(a=NAMES[agency][0 if lang == "zh" else 1][0], y=year)
        a = answer(q, samples)
        assert {f.key for f in a.facts} == set(keys), (q, a.text)
        assert a.value == gold[keys[0]] + gold[keys[1]], (q, a.text)


PART_OF_YEAR = {"zh": ("{a}{y}年上半年收到多少申请？", "{a}{y}年3月份新收了多少件申请？", "{a}{y}年第一季度行政复议有几件？"),
                "en": ("How many requests did {a} receive in March {y}?", "How many requests did {a} get per month in {y}?",
                       "How many lawsuits did {a} face in the first quarter of {y}?")}


@pytest.mark.parametrize("agency, year", sorted(GOLD))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_part_of_a_year_is_not_counted_and_the_year_is_never_given_for_it(samples, agency, year, lang):
    """The tables count a whole year: a month, a quarter or a half-year is said not counted, in the asker's words."""
    for question in PART_OF_YEAR[lang]:
        a = answer(question.format(a=NAMES[agency][0 if lang == "zh" else 1][0], y=year), samples)
        assert a.kind == "not_found" and a.value is None, (question, a.text)


@pytest.mark.parametrize("agency, year", MODERN)
@pytest.mark.parametrize("column", ["natural_person", "commercial", "research", "legal_service"])
def test_an_example_before_a_column_changes_nothing(samples, agency, year, column):
    """"律师事务所之类的法律服务机构", "比如律所这样的法律服务机构": an example of the column's own kind (its other words in
    the dictionary) is the column, asked no differently."""
    from bot.metric_words import COLUMN_WORDS

    label, example = COLUMN_WORDS[column][0], next(w for w in COLUMN_WORDS[column][1:] if not w.isascii())
    plain = answer(f"{NAMES[agency][0][0]}{year}年{label}提了几件申请？", samples)
    for said in (f"{example}之类的{label}", f"比如{example}这类{label}"):
        a = answer(f"{NAMES[agency][0][0]}{year}年{said}提了几件申请？", samples)
        assert (a.kind, a.value) == (plain.kind, plain.value), (said, a.text)


AS_A_WHOLE = {  # the outcomes of requests asked as a whole, not as a count ({a} agency, {y} years)
    "zh": ("{a}{y}年申请的办理结果如何？", "{a}{y}年的政府信息公开申请是怎么处理的？", "{a}{y}年依申请公开的处理情况"),
    "en": ("What were the outcomes of the requests {a} received in {y}?", "How were {a}'s requests handled in {y}?",
           "What happened to the disclosure requests {a} got in {y}?", "How did {a}'s requests turn out in {y}?"),
}


def _result_leaves() -> list[str]:
    from bot.understand import metric_keys as mk

    rows = [r for r in mk.rows() if r.startswith("applications.results.") and r != "applications.results.total"]
    return [f"{r}.total" for r in rows if not any(o.startswith(r + ".") for o in rows)]


TABLED = sorted((agency, year) for agency, year in GOLD if year >= 2019)  # the years with table 3


@pytest.mark.parametrize("agency, year", TABLED)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_outcomes_asked_as_a_whole_are_every_result_row_with_its_number(samples, agency, year, lang):
    gold = report_facts(agency, year)
    keys = [k for k in _result_leaves() if k in gold and certain(samples, agency, year, k)]
    for question in AS_A_WHOLE[lang]:
        a = answer(question.format(a=NAMES[agency][0 if lang == "zh" else 1][0], y=year), samples)
        assert a.kind == "list", (question, a.kind, a.text)
        listed = {f.key: f.value for f in a.facts}
        assert keys and all(listed.get(k) == gold[k] for k in keys), (question, a.text)


# Two years of one agency asked together: a block for each year, and a year not indexed said.
OUTCOME_YEARS = sorted({(a, p, y) for a, p in TABLED for b, y in TABLED if a == b and p < y})


@pytest.mark.parametrize("agency, previous, year", OUTCOME_YEARS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_outcomes_over_several_years_give_each_years_rows(samples, agency, previous, year, lang):
    span = range(previous, year + 1)
    question = (f"{NAMES[agency][0][0]}{previous}年到{year}年申请的办理结果如何？" if lang == "zh" else
                f"What were the outcomes of {NAMES[agency][1][0]}'s requests from {previous} to {year}?")
    a = answer(question, samples)
    assert a.kind == "list", (question, a.text)
    for y in span:
        if (agency, y) not in GOLD:
            assert str(y) in a.text and ("索引中没有" in a.text or "No report is indexed" in a.text), (y, a.text)
            continue
        gold = report_facts(agency, y)
        keys = [k for k in _result_leaves() if k in gold and certain(samples, agency, y, k)]
        listed = {f.key: f.value for f in a.facts if f.year == y}
        assert all(listed.get(k) == gold[k] for k in keys), (y, a.text)


# Requests carried across a year end, asked by the years they went between: "to/into Y+1" is the Y report's
# 结转下年度继续办理, "from Y-1" is the Y report's 上年结转, in every form of the verb.
CARRIED = {
    "applications.carried_forward.total": (
        ("{a}{y}年结转到{n}年的申请有多少？", "{a}有多少申请结转到{n}年办理？"),
        ("How many requests did {a} carry over to {n}?", "How many requests did {a} roll over into {n}?",
         "How many of {a}'s requests were carried forward to {n}?")),
    "applications.carried_over.total": (
        ("{a}从{p}年结转过来的申请有多少？", "{a}{y}年从{p}年转过来的申请几件？"),
        ("How many requests did {a} carry over from {p}?", "How many requests were brought forward from {p} by {a}?",
         "How many of {a}'s requests were carried over from {p}?")),
}


@pytest.mark.parametrize("agency, year", TABLED)
@pytest.mark.parametrize("key", sorted(CARRIED))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_requests_carried_across_a_year_end_are_read_by_their_direction(samples, agency, year, key, lang):
    if not certain(samples, agency, year, key):
        pytest.skip("this copy cannot place the cell")
    gold = report_facts(agency, year)[key]
    name = NAMES[agency][0 if lang == "zh" else 1][0]
    for question in CARRIED[key][0 if lang == "zh" else 1]:
        q = question.format(a=name, y=year, n=year + 1, p=year - 1)
        a = answer(q, samples)
        assert a.kind == "fact" and a.value == gold, (q, a.text)
        assert [(f.key, f.year) for f in a.facts] == [(key, year)], (q, a.text)


@pytest.mark.parametrize("agency, year", TABLED)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_total_of_the_outcomes_is_one_number_and_a_story_is_not_a_list(samples, agency, year, lang):
    name = NAMES[agency][0 if lang == "zh" else 1][0]
    total = (f"{name}{year}年办理结果总数" if lang == "zh" else f"Total of all handling outcomes in {name}'s {year} report")
    a = answer(total, samples)
    key = "applications.results.total.total"
    if certain(samples, agency, year, key):
        assert a.kind == "fact" and a.value == report_facts(agency, year)[key], (total, a.text)
    story = (f"{name}{year}年对于征地拆迁这类复杂的申请是怎么处理的？" if lang == "zh"
             else f"How did {name} handle complex requests such as land acquisition cases in {year}?")
    assert answer(story, samples).kind != "list", story


# A share asked as "X中，Y占多少/占几成/占了多少" (the whole named first): part over that whole, computed.
SHARE_IN = {  # (part, whole, zh phrasings)
    "individuals of new requests": ("applications.new_received.natural_person", "applications.new_received.total",
                                    ("{a}{y}年收到的申请中，自然人占多少？", "{a}{y}年新收申请里自然人占了多少")),
    "refused of handled": ("applications.results.denied", "applications.results.total.total",
                           ("{a}{y}年办理结果中不予公开占几成？", "{a}{y}年的办理结果里，不予公开的占多少")),
}


@pytest.mark.parametrize("agency, year", TABLED)
@pytest.mark.parametrize("case", sorted(SHARE_IN))
def test_a_share_named_whole_first_is_the_part_over_that_whole(samples, agency, year, case):
    part, whole, phrasings = SHARE_IN[case]
    gold = report_facts(agency, year)
    parts = [k for k in gold if k.startswith(part + ".") and k.endswith(".total")] if part.endswith("denied") else [part]
    if not certain(samples, agency, year, *parts, whole) or not gold.get(whole):
        pytest.skip("this copy cannot place a cell, or the whole is 0")
    expected = round(100 * sum(gold[k] for k in parts) / gold[whole], 2)
    for question in phrasings:
        a = answer(question.format(a=NAMES[agency][0][0], y=year), samples)
        assert a.kind == "fact" and a.value == pytest.approx(expected, abs=0.01), (question, a.text)


# Whether any request ended a way, or any appeal was made: the row's count says yes or no, with the count.
WHETHER = {  # row keys: (zh, en)
    ("applications.results.denied",): ("{a}{y}年有没有不予公开的申请？", "Did {a} refuse any requests in {y}?"),
    ("applications.results.unavailable",): ("{a}{y}年有没有无法提供的申请？",
                                            "Were there any requests {a} could not provide information for in {y}?"),
    ("review",): ("{a}{y}年有没有被申请行政复议？", "Was {a} subject to any administrative reconsideration in {y}?"),
    ("litigation.direct", "litigation.after_review"): ("{a}{y}年有没有被提起行政诉讼？", "Was {a} sued in {y}?"),
}


@pytest.mark.parametrize("agency, year", TABLED)
@pytest.mark.parametrize("rows", sorted(WHETHER))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_whether_any_is_the_rows_count_with_yes_or_no(samples, agency, year, rows, lang):
    gold = report_facts(agency, year)
    keys = [k for k in gold if any(k.startswith(r + ".") for r in rows) and k.endswith(".total")
            and not k.startswith("applications.results.denied.total")]
    keys = [k for k in keys if k.count(".") == min(k.count(".") for k in keys)] if keys else keys
    if not keys or not certain(samples, agency, year, *keys):
        pytest.skip("this copy cannot place the row")
    count = sum(gold[k] for k in keys)
    q = WHETHER[rows][0 if lang == "zh" else 1].format(a=NAMES[agency][0 if lang == "zh" else 1][0], y=year)
    a = answer(q, samples)
    assert a.kind == "fact" and a.value == count, (q, keys, a.text)
    said = ("有" if count else "没有") if lang == "zh" else ("Yes" if count else "No")
    assert a.text.startswith(said), (q, a.text)


WHO = {"zh": ("{a}{y}年的申请都是谁提的？", "{a}{y}年一共收到了几件申请？都是谁申请的？"),
       "en": ("Who filed {a}'s disclosure requests in {y}?", "Who made the requests to {a} in {y}?")}
APPLICANT_KEYS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org")


@pytest.mark.parametrize("agency, year", TABLED)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_who_made_the_requests_is_each_applicant_column(samples, agency, year, lang):
    gold = report_facts(agency, year)
    keys = [f"applications.new_received.{c}" for c in APPLICANT_KEYS if f"applications.new_received.{c}" in gold]
    keys = [k for k in keys if certain(samples, agency, year, k)]
    if not keys:
        pytest.skip("this copy cannot place the applicant columns")
    for question in WHO[lang]:
        q = question.format(a=NAMES[agency][0 if lang == "zh" else 1][0], y=year)
        a = answer(q, samples)
        listed = {f.key: f.value for f in a.facts}
        assert all(listed.get(k) == gold[k] for k in keys), (q, a.text)


MAIN_REASON = {  # group: zh, en
    "applications.results.denied": ("{a}{y}年不予公开最主要的理由是什么？",
                                    "What was the most common reason {a} refused requests in {y}?"),
    "applications.results.unavailable": ("{a}{y}年无法提供的主要原因是什么？",
                                         "What was the main reason {a} could not provide information in {y}?"),
}


@pytest.mark.parametrize("agency, year", MODERN)
@pytest.mark.parametrize("group", sorted(MAIN_REASON))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_main_reason_names_the_largest_member_with_every_member(samples, agency, year, group, lang):
    from bot.metrics import row_name
    from bot.understand import metric_keys as mk

    members = [r for r in mk.rows() if r.startswith(group + ".") and r.count(".") == group.count(".") + 1]
    keys = [f"{m}.total" for m in members]
    if not certain(samples, agency, year, *keys):
        pytest.skip("this copy cannot place the members")
    gold = report_facts(agency, year)
    q = MAIN_REASON[group][0 if lang == "zh" else 1].format(a=NAMES[agency][0 if lang == "zh" else 1][0], y=year)
    a = answer(q, samples)
    assert a.kind == "list" and all({f.key: f.value for f in a.facts}.get(k) == gold[k] for k in keys), (q, a.text)
    head = a.text.splitlines()[1]
    best = max(gold[k] for k in keys)
    if best:
        assert all(row_name(m, lang) in head for m in members if gold[f"{m}.total"] == best), (q, head)


AFTER_THE_VERB = {  # a degree said after its verb, and "promulgate" for a table 2 row's issued column
    "applications.results.partially_granted.total": ("How many requests did {a} grant partially in {y}?",
                                                     "How many requests did {a} grant in part in {y}?"),
    "applications.results.granted.total": ("How many requests did {a} grant in full in {y}?",),
    "proactive.normative_docs.issued": ("How many normative documents did {a} promulgate in {y}?",),
}


@pytest.mark.parametrize("agency, year", TABLED)
@pytest.mark.parametrize("key", sorted(AFTER_THE_VERB))
def test_a_degree_after_its_verb_and_publish_read_as_the_row_and_column(samples, agency, year, key):
    gold = report_facts(agency, year)
    if key not in gold or not certain(samples, agency, year, key):
        pytest.skip("this copy cannot place the cell")
    for question in AFTER_THE_VERB[key]:
        q = question.format(a=NAMES[agency][1][0], y=year)
        a = answer(q, samples)
        assert a.kind == "fact" and [f.key for f in a.facts] == [key] and a.value == gold[key], (q, a.text)
