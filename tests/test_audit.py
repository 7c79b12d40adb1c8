"""The audit: every contradiction a report holds, on real reports (tests/data), each rule found where the
report really contradicts itself and silent where it only seems to. Where the corpus has no example of a
rule, the example is made from a real report by one mechanical change (a cell blanked, a narrative number
or a cell changed), as tests/data/derived's forms are made."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from bot.answer import answer
from bot.audit import RULES, audit, audit_report, load_view
from bot.audit.claims import claims
from bot.audit.types import ReportView, Sentence
from bot.audit.years import carried_findings, copied_findings, items_findings
from bot.cli import main
from index.build import ingest
from index.reader import Index

DATA = Path(__file__).parent / "data"
PAGES = ["2019_pingtan_syq_page.html", "2020_pingtan_syq_page.html", "2022_pingtan_syq_page.html",
         "2023_pingtan_syq_page.html", "2025_pingtan_syq_page.html"]
# Real reports of other agencies (tests/data/agencies: 河北省教育厅 2021–2023 and 科学技术厅, Pingtan's police,
# Shuyang's development bureau, Shanghai's general office), copied unchanged from the shared corpus.
OTHERS = ["2020_panjin_yingshangju.txt", "2013_pingtan_xian.txt", "2018_pingtan_syq.txt", "2024_huaian_szf.pdf",
          *(f"agencies/{p.name}" for p in sorted((DATA / "agencies").iterdir()) if not p.name.endswith(".json"))]
TEXTS = ["2019_pingtan_syq.txt", "2020_pingtan_syq.txt", "2022_pingtan_syq.txt", "2023_pingtan_syq.txt",
         "2025_pingtan_syq.txt"]
MODEL = "hash:64"  # the audit reads facts and passages, not vectors


def _home(tmp: Path, paths: list[Path]) -> Path:
    ingest(tmp, paths, model=MODEL)
    return tmp


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    home = _home(tmp_path_factory.mktemp("audit-home"), [DATA / n for n in PAGES + OTHERS])
    with Index.open(home, bootstrap=False) as opened:
        yield opened


@pytest.fixture(scope="module")
def text_index(tmp_path_factory):
    home = _home(tmp_path_factory.mktemp("audit-texts"), [DATA / n for n in TEXTS])
    with Index.open(home, bootstrap=False) as opened:
        yield opened


def _report(index, agency: str, year: int):
    return index.report_for(agency, year)


def _findings(index, agency: str, year: int, rule: str | None = None) -> list:
    return [f for f in audit_report(index, _report(index, agency, year)) if rule is None or f.rule == rule]


def _derived(tmp_path: Path, name: str, change, others: tuple[str, ...] = ()) -> Index:
    """A real page with one mechanical change, indexed with the real pages it is compared with."""
    changed = tmp_path / name
    changed.write_text(change((DATA / name).read_text(encoding="utf-8")), encoding="utf-8")
    home = _home(tmp_path / "home", [*(DATA / o for o in others), changed])
    return Index.open(home, bootstrap=False)


# --- within a table ------------------------------------------------------------------------------------

def test_sums_that_do_not_add_up_are_one_finding_with_the_cells_involved(index):
    [found] = _findings(index, "平潭综合实验区", 2020, "table.identity")
    assert found.severity == "contradiction"
    assert "= 27 but 三(七) = 21" in found.detail and "各项之和为27，但三(七)为21" in found.detail_zh
    cells = {c.key: c.value for c in found.cells}
    assert cells["applications.results.total.total"] == 21 and cells["applications.results.total.natural_person"] == 20
    assert cells["applications.results.other.total"] == 4  # a part of the sum, printed
    assert found.sources[0].section.startswith("表三")


def _blank_totals(html: str) -> str:
    """The 总计 cell of every table-3 row with requests, left blank (as some agencies publish it)."""
    for label in ("一、本年新收政府信息公开申请数量</p>", "（一）予以公开</p>", "（二）部分公开", "（七）总计</p>"):
        start = html.index(label)
        total = list(re.finditer(r"(<p[^>]*>)(\d+)(</p>)", html[start:]))[6]
        html = html[: start + total.start(2)] + html[start + total.end(2):]
    return html


def test_a_blank_total_is_one_finding_with_the_value_its_row_implies(tmp_path):
    with _derived(tmp_path, "2023_pingtan_syq_page.html", _blank_totals) as index:
        found = audit(index)
    assert [f.rule for f in found] == ["table.blank_cell", "narrative.number"]  # 393: the real one
    blank = found[0]
    assert {c.key: c.value for c in blank.cells} == {
        "applications.new_received.total": 81, "applications.results.granted.total": 22,
        "applications.results.partially_granted.total": 20, "applications.results.total.total": 81}
    assert "4 cells left blank" in blank.detail and "空白，但按表中合计应为81" in blank.detail_zh


# --- narrative against tables --------------------------------------------------------------------------

def test_a_narrative_number_that_no_reading_of_the_table_gives_is_a_contradiction(index):
    [found] = _findings(index, "平潭综合实验区", 2023, "narrative.number")
    assert found.severity == "contradiction"
    assert [(c.key, c.value) for c in found.cells] == [("proactive.normative_docs.in_force", 470)]
    assert found.quotes[0].endswith("清理并集中发布现行有效行政规范性文件393件，动态更新本年度制发的规范性文件77件。")
    assert [s.section for s in found.sources] == ["一、总体情况", "表二 主动公开政府信息情况"]
    assert found.note("zh") == "注意：报告正文说“清理并集中发布现行有效行政规范性文件393件”，表二为470。"


@pytest.mark.parametrize("agency, year", [
    ("平潭综合实验区", 2022),  # 收到申请75件 = 74 new + 1 carried over; 自然人72件 = 71 + 1
    ("平潭综合实验区", 2025),  # 收到154件, 办结148件, 结转至2026年6件, 复议36起, 诉讼9起 (= 6 + 3)
    ("上海市人民政府办公厅", 2025),  # 不掌握等原因无法提供564件 = the family; five shares of 1191; 规章…等243件
    ("平潭综合实验区公安局", 2022),  # 结转上年度…1件 is carried over, not carried forward
    ("沭阳县发展和改革局", 2023), ("淮安市人民政府", 2024), ("平潭综合实验区", 2019), ("平潭综合实验区", 2020),
])
def test_narrative_numbers_that_equal_a_natural_combination_of_cells_agree(index, agency, year):
    assert [f.detail for f in _findings(index, agency, year) if f.rule.startswith("narrative")] == []


def test_hebei_narratives_agree_with_their_tables(index):
    """"对现有206件规范性文件…保留181件，废止25件" (206 = 181 + 25); "收到…申请共44件，当年办结44件"."""
    found = [f for r in index.reports() if r.source_name.endswith("hebei_jyt.txt") for f in audit_report(index, r)]
    assert [f for f in found if f.rule.startswith("narrative")] == []


def test_a_changed_narrative_count_is_found_and_said_in_one_line(tmp_path):
    change = lambda html: html.replace(">154</span>", ">17</span>")  # noqa: E731 - the narrative's, not the cell
    with _derived(tmp_path, "2025_pingtan_syq_page.html", change) as index:
        [found] = audit(index)
    assert found.rule == "narrative.number"
    assert [(c.key, c.value) for c in found.cells] == [("applications.new_received.total", 154)]
    assert found.note("zh") == "注意：报告正文说“全区共收到政府信息公开申请17件”，表三为154。"
    assert found.note("en") == "Note: the report's text says “全区共收到政府信息公开申请17件”; table 3 gives 154."


def test_a_narrative_that_says_none_where_the_table_counts_some_is_a_contradiction(tmp_path):
    change = lambda html: html.replace("件。全年办理因政府信息公开申请引发的行政复议",  # noqa: E731
                                       "件。全年未发生因政府信息公开申请引发的行政复议。其中行政复议")
    with _derived(tmp_path, "2025_pingtan_syq_page.html", change) as index:
        [found] = audit(index)
    assert [(c.key, c.value) for c in found.cells] == [("review.total", 36)]
    assert found.note("zh") == "注意：报告正文说“未发生因政府信息公开申请引发的行政复议”，表四为36。"


@pytest.mark.parametrize("sentence", [
    "全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。",  # some there were; none corrected or lost
    "全年没有应公开而不予公开的情况。",  # none improperly refused, not none refused
    "除上述2件外，未发生其他行政复议。",
])
def test_none_said_of_something_narrower_is_no_claim(sentence):
    assert claims((Sentence(sentence, ""),)) == []


def test_numbers_of_another_year_are_not_compared_with_this_years_table(tmp_path):
    change = lambda html: html.replace("件。全年办理因政府信息公开申请引发的行政复议",  # noqa: E731
                                       "件。2024年行政复议20起，全年办理因政府信息公开申请引发的行政复议")
    with _derived(tmp_path, "2025_pingtan_syq_page.html", change) as index:
        assert audit(index) == []


def test_a_share_that_fits_no_total_is_only_possible(tmp_path):
    change = lambda html: html.replace("占51.85%", "占61.85%")  # noqa: E731
    with _derived(tmp_path, "2023_pingtan_syq_page.html", change) as index:
        found = [f for f in audit(index) if f.rule == "narrative.share"]
    assert [f.severity for f in found] == ["possible"]
    assert "61.85%" in found[0].detail and "51.85%" in found[0].detail  # 42 of 81, as computed


def test_a_scraped_cell_that_cannot_be_placed_is_never_called_a_contradiction(text_index):
    """2023's text fuses 行政规范性文件 "77132470": 393 might be 0 + 470 − 77 for all the audit can tell."""
    assert _findings(text_index, "平潭综合实验区", 2023) == []


def test_the_text_copy_finds_the_sums_that_do_not_add_up_too(text_index):
    assert [f.rule for f in _findings(text_index, "平潭综合实验区", 2020)] == ["table.identity"]


# --- year to year --------------------------------------------------------------------------------------

def test_in_force_that_does_not_follow_from_last_year_is_a_contradiction(index):
    [found] = _findings(index, "平潭综合实验区", 2023, "years.in_force")
    assert "698 + 77 − 132 = 643, but the report prints 470 in force" in found.detail
    assert {(c.year, c.key) for c in found.cells} >= {(2022, "proactive.normative_docs.in_force"),
                                                     (2023, "proactive.normative_docs.in_force")}
    assert [s.year for s in found.sources] == [2023, 2022]


@pytest.mark.parametrize("year, arithmetic", [(2022, "181 + 5 − 17 = 169, but the report prints 159"),
                                              (2023, "159 + 3 − 5 = 157, but the report prints 156")])
def test_a_crawler_copys_in_force_chain_breaks_where_the_hand_count_says(index, year, arithmetic):
    """河北省教育厅: copies with no title, one cell per line; the agency is read from the body."""
    [found] = _findings(index, "河北省教育厅", year, "years.in_force")
    assert arithmetic in found.detail


def _views(index, agency: str, *years: int) -> list[ReportView]:
    return [load_view(index, _report(index, agency, y)) for y in years]


def _with(view: ReportView, **values: float) -> ReportView:
    """The report with some cells printed otherwise ("applications__carried_over__total" = 3)."""
    facts = dict(view.facts)
    for name, value in values.items():
        key = name.replace("__", ".")
        facts[key] = replace(facts[key], value=value)
    return replace(view, facts=facts)


def test_carried_over_is_compared_with_last_years_carried_forward(index):
    before, now = _views(index, "平潭综合实验区", 2022, 2023)
    assert carried_findings(now, before) == []  # 0 carried forward into 2023, 0 carried over
    changed = _with(now, applications__carried_over__total=3, applications__carried_over__natural_person=3)
    [found] = carried_findings(changed, before)
    assert found.rule == "years.carried_over" and "自然人：本年上年结转3，2022年报告结转下年度0" in found.detail_zh
    assert found.note("zh") == "注意：本年报告上年结转3件，但2022年报告结转下年度0件。"


def test_last_years_items_chain_in_the_2019_layout(index):
    before, now = _views(index, "平潭综合实验区", 2019, 2020)
    assert items_findings(now, before) == []  # 2648 + 0 = 2648, 396 + 0 = 396, …
    [found] = items_findings(_with(now, proactive__penalties__prev_items=2600), before)
    assert "2648 items and a change of 0, so 2648 items, but this report's 上一年项目数量 is 2600" in found.detail


def test_a_row_printed_as_last_year_while_the_table_changed_is_possibly_copied(index):
    before, now = _views(index, "平潭综合实验区", 2022, 2023)
    assert copied_findings(now, before) == []
    row = "applications.results.partially_granted"  # 2023: 自然人 19, 商业企业 1, 总计 20
    same = _with(before, **{k.replace(".", "__"): now.facts[k].value for k in now.facts if k.startswith(row + ".")})
    [found] = copied_findings(now, same)
    assert found.severity == "possible" and "疑似照抄" in found.detail_zh and "（自然人 19, 商业企业 1, 总计 20）" in found.detail_zh
    assert found.note("en") == "Note: this row is printed exactly as in the 2022 report; possibly copied."


def test_a_small_count_repeating_is_no_copy(index):
    """重复申请 3 (自然人 3) in 2019 and 2020: likely by chance."""
    before, now = _views(index, "平潭综合实验区", 2019, 2020)
    assert copied_findings(now, before) == []


def test_reports_whose_agency_is_not_known_are_not_chained(index):
    unnamed = [r for r in index.reports() if not r.agency]
    assert all(not f.rule.startswith("years.") for r in unnamed for f in audit_report(index, r))


# --- the hand-made list --------------------------------------------------------------------------------

def _gold() -> dict:
    reports = json.loads((DATA / "audit_gold.json").read_text(encoding="utf-8"))["reports"]
    return {n: {**reports[e["same_as"]], **e} if "same_as" in e else e for n, e in reports.items()}


def test_every_listed_contradiction_is_found_and_nothing_else(index, text_index):
    gold = _gold()
    for opened in (index, text_index):
        for record in opened.reports():
            name = Path(record.source_name).name
            listed = {(i["rule"], i["key"]) for i in gold[name].get("contradictions", [])}
            found = {(f.rule, c.key) for f in audit_report(opened, record) for c in f.cells}
            assert listed <= found, name
            unlisted = [f.detail for f in audit_report(opened, record)
                        if not any((f.rule, c.key) in listed for c in f.cells)]
            assert unlisted == [], name


# --- xxgk audit ----------------------------------------------------------------------------------------

def test_cli_json_follows_the_contract(index, capsys):
    assert main(["audit", "--home", str(index.home), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert {(f["agency"], f["year"], f["rule"]) for f in found} >= {
        ("平潭综合实验区", 2020, "table.identity"), ("平潭综合实验区", 2023, "narrative.number"),
        ("平潭综合实验区", 2023, "years.in_force")}
    for f in found:
        assert set(f) >= {"agency", "year", "rule", "severity", "detail", "cells", "quotes", "sources"}
        assert f["severity"] in ("contradiction", "possible") and f["rule"] in RULES
        assert isinstance(f["detail"], str) and isinstance(f["quotes"], list)
        assert all(set(c) >= {"key", "value"} for c in f["cells"])
        assert all(set(s) == {"title", "agency", "year", "section", "quote", "url"} for s in f["sources"])


def test_cli_table_for_one_agency_and_year(index, capsys):
    assert main(["audit", "--home", str(index.home), "--agency", "平潭综合实验区", "--year", "2023"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("平潭综合实验区 2023\n") and "正文与表格数字不符" in out and "现行有效件数与上年接不上" in out
    assert "2020" not in out and out.rstrip().endswith("共2处。")


def test_cli_says_which_agencies_there_are_for_a_name_not_indexed(index, capsys):
    assert main(["audit", "--home", str(index.home), "--agency", "北京市"]) == 1
    assert "no indexed agency is called “北京市”" in capsys.readouterr().err


# --- answers -------------------------------------------------------------------------------------------

def test_an_answer_whose_number_is_disputed_says_so_in_one_line(index):
    zh = answer("平潭2023年现行有效的规范性文件有多少件？", index)
    assert zh.value == 470 and zh.text.endswith("\n注意：报告正文说“清理并集中发布现行有效行政规范性文件393件”，表二为470。")
    en = answer("How many normative documents were in force in Pingtan in 2023?", index)
    assert en.value == 470 and en.text.endswith("\nNote: the report's text says “清理并集中发布现行有效行政规范性文件393件”; "
                                                "table 2 gives 470.")


def test_a_trend_says_which_report_disputes_its_number(index):
    result = answer("平潭历年现行有效规范性文件数量", index)
    assert result.kind == "compare" and "698" in result.text and "470" in result.text
    assert result.text.endswith("\n注意（平潭综合实验区2023年）：报告正文说“清理并集中发布现行有效行政规范性文件393件”，表二为470。")


def test_an_answer_whose_number_is_not_disputed_has_no_warning(index):
    result = answer("平潭2023年新收政府信息公开申请多少件？", index)
    assert result.value == 81 and "注意" not in result.text


@pytest.mark.parametrize("question, says", [
    ("平潭2023年的数据前后一致吗？", ["平潭综合实验区2023年的年报中发现2处不一致", "393", "643"]),
    ("Are there contradictions in Pingtan's 2023 report?", ["2 inconsistencies in the 2023 report of 平潭综合实验区"]),
    ("哪些年报的数字对不上？", ["已收录的年报中发现", "平潭综合实验区2020年：表格自身合计不符", "平潭综合实验区2023年"]),
    ("平潭2025年的报告有没有矛盾？", ["平潭综合实验区2025年的年报中没有发现矛盾", "索引中没有上一年的报告"]),
    ("平潭2023年现行有效的规范性文件前后一致吗？", ["发现2处不一致", "393", "643"]),
    ("平潭2023年的申请数字有矛盾吗？", ["平潭综合实验区2023年的年报中没有发现与所问数字有关的矛盾"]),
])
def test_consistency_questions_are_answered_from_the_audit(index, question, says):
    result = answer(question, index)
    assert result.kind == "list" and all(s in result.text for s in says), result.text
    assert result.sources or "没有发现" in result.text


def test_a_question_about_one_sum_is_still_a_check(index):
    result = answer("平潭2020年的办理结果各项加起来等于总计吗？", index)
    assert result.kind == "compare" and "27" in result.text


# --- the rules as documentation ------------------------------------------------------------------------

def test_every_rule_says_what_it_checks_and_what_it_does_not_flag():
    for rule in RULES.values():
        assert rule.severity in ("contradiction", "possible")
        assert all(len(x) > 20 for x in (rule.explain_zh, rule.explain_en, rule.checks, rule.ignores)), rule.name
        assert rule.title_zh and rule.title_en


def test_the_docs_say_what_every_rule_checks_and_leaves_alone():
    documented = (Path(__file__).parents[1] / "docs" / "audit.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in documented for name in RULES)
