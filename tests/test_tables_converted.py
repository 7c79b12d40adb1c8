"""PDFs converted to Markdown or text, as converters leave their tables: long labels on lines of their own
with the row's numbers on a value-only line below, above or between the label's pieces; header cells
spread over lines; columns renamed ("数据1 …"); page footers inside tables.

Three sources, none typed by hand: a real converter's Markdown of a real report
(tests/data/tables/2025_shanghai_szfbgt.md); every real PDF of the corpus through two PDF→Markdown
converters (tests/data/converted, see its README); and every saved page of tests/data written the way
converters break tables (`converted_forms.split_forms`). On each: no stated number differs from the gold,
and at least the recorded share of gold cells is placed (what is not placed is flagged, never blank).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from converted_forms import CONVERTED, gold_of, score, split_forms

from ingest.parse import parse_report

MD = Path(__file__).parent / "data" / "tables" / "2025_shanghai_szfbgt.md"
SPLIT = list(split_forms())

# Gold cells placed on each converted form when this was written (of 198–201): a floor, so that a change
# that places fewer is caught. Where fewer are placed, the rest is flagged ambiguous (see the README).
PLACED = {
    "2019_pingtan_syq_page_word.markitdown": 175,
    "2019_pingtan_syq_page_word.pymupdf4llm": 196,
    "2020_pingtan_syq_page_word.markitdown": 186,
    "2020_pingtan_syq_page_word.pymupdf4llm": 196,
    "2022_pingtan_syq_page_word.markitdown": 201,
    "2022_pingtan_syq_page_word.pymupdf4llm": 201,
    "2023_pingtan_syq_page_word.markitdown": 201,
    "2023_pingtan_syq_page_word.pymupdf4llm": 200,
    "2024_huaian_szf.markitdown": 201,
    "2024_huaian_szf.pymupdf4llm": 201,
    "2025_pingtan_syq_page_word.markitdown": 201,
    "2025_pingtan_syq_page_word.pymupdf4llm": 201,
}
# Every split form places every gold cell but a derived one, except where OCR drops a page's blank cells
# (Shuyang's table leaves five of seven columns blank): a line of 2 numbers for 7 cells proves no places.
SPLIT_COVERAGE = 0.99
BLANKS_DROPPED = 0.12


def parsed(name: str, text: str):
    return parse_report(name, text.encode("utf-8"))


@pytest.mark.parametrize("path", CONVERTED, ids=lambda p: p.stem)
def test_a_converted_pdf_states_no_wrong_number_and_places_its_cells(path):
    result = score(parse_report(path), gold_of(path))
    assert result.wrong == {}
    assert result.placed >= PLACED[path.stem]


def test_every_converted_pdf_is_scored_here():
    assert {p.stem for p in CONVERTED} == set(PLACED)


@pytest.mark.parametrize("form", SPLIT, ids=lambda f: f.name)
def test_a_page_split_as_converters_split_it_states_no_wrong_number(form):
    result = score(parsed(f"{form.name}.md", form.text), gold_of(form.page))
    assert result.wrong == {}
    assert len(result.missing) <= 1  # 三(六) as a whole, derived only from its three rows
    blanks_dropped = form.name.endswith("-ocr") and "shuyang" in form.name
    assert result.coverage >= (BLANKS_DROPPED if blanks_dropped else SPLIT_COVERAGE)


def test_the_real_converter_markdown_states_no_wrong_number():
    gold = json.loads(MD.with_suffix(".facts.json").read_text(encoding="utf-8"))["facts"]
    result = score(parse_report(MD), gold)
    assert result.wrong == {}
    assert result.placed >= 191  # of 200 (169 before value-only lines were placed by order)


def test_a_value_only_row_between_two_labelled_rows_is_placed_under_the_one_label_between_them():
    # "（二）部分公开（区分处理的，只计这一情" / "形，不计其他情形）" then "| 2 | 0 | 0 | 0 | 0 | 0 | 2 |", between
    # （一）予以公开 and 1.属于国家秘密, each with its numbers on its line: one value line, one row, in order.
    report = parse_report(MD)
    assert report.fact("applications.results.partially_granted.total").value == 2
    assert report.fact("applications.results.partially_granted.natural_person").value == 2


def test_a_page_footer_inside_a_table_is_not_read_as_a_cell():
    # "— 5 —" stands between 三(六)2's label and its row: the row still reads its seven 0s.
    report = parse_report(MD)
    assert report.fact("applications.results.other.unpaid_fee.natural_person").value == 0
    assert report.fact("applications.results.other.unpaid_fee.total").value == 0


LABELS = """某县人民政府办公室2023年政府信息公开工作年度报告
三、收到和处理政府信息公开申请情况
自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计
| 一、本年新收政府信息公开申请数量 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |
| 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
（一）予以公开
（二）部分公开（区分处理的，只计这一情形，不计其他情形）
| 3 | 0 | 0 | 0 | 0 | 0 | 3 |
| 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
"""


def test_fewer_value_lines_than_labels_leave_those_rows_unread_never_zero():
    # Two labels, one value line between their neighbours: which row printed it is not proven by the order,
    # and a label without numbers is not a row of zeros while a value line is left over.
    report = parsed("two.md", LABELS)
    for row in ("granted", "partially_granted"):
        assert report.fact(f"applications.results.{row}.natural_person") is None
        assert f"applications.results.{row}.total" in {a.key for a in report.ambiguous}


def test_a_line_that_names_another_row_is_not_placed_by_order():
    # One label, one value line between two labelled rows, but the line's words name 8.属于行政查询事项: the
    # order proves nothing against the words.
    text = LABELS.replace("（一）予以公开\n", "| （一）予以公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n").replace(
        "| 3 | 0 | 0 | 0 | 0 | 0 | 3 |", "| 8.属于行政查询事项 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |"
    )
    report = parsed("named.md", text)
    assert report.fact("applications.results.partially_granted.total") is None
    assert report.fact("applications.results.granted.total").value == 2


def test_a_label_without_numbers_is_not_a_row_of_zeros_while_value_lines_are_left_over():
    # （二） prints no numbers and no value line stands beside it, but a value line is left over further
    # down (after 1.属于国家秘密, with more value lines than rows can take): no row of the table is certain
    # to be blank.
    text = (
        LABELS.replace("（一）予以公开\n", "| （一）予以公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n").replace(
            "| 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n", ""
        )
        + "| 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n| 4 | 0 | 0 | 0 | 0 | 0 | 4 |\n"
    )
    report = parsed("left.md", text)
    assert report.fact("applications.results.partially_granted.total") is None


MOVED = """某县人民政府办公室2023年政府信息公开工作年度报告
二、主动公开政府信息情况
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
| 规章 | 0 | 0 | 7 |
77
| 行政规范性文件 |  | 132 | 470 |
| 信息内容 | 本年处理决定数量 |
| 行政许可 | 2629 |
三、收到和处理政府信息公开申请情况
"""


def test_a_number_moved_out_of_its_row_fills_the_one_blank_beside_it_never_read_as_zero():
    # markitdown moves a cell's number onto a line of its own above its row, leaving the cell's bars empty.
    # No row stands between the two labelled rows, and only one of them leaves a cell blank.
    report = parsed("moved.md", MOVED)
    assert report.fact("proactive.normative_docs.issued").value == 77
    assert report.fact("proactive.regulations.issued").value == 0


def test_a_moved_number_that_either_neighbour_could_take_is_placed_in_neither():
    report = parsed("either.md", MOVED.replace("| 规章 | 0 | 0 | 7 |", "| 规章 |  | 0 | 7 |"))
    for row in ("regulations", "normative_docs"):
        assert report.fact(f"proactive.{row}.issued") is None
        assert f"proactive.{row}.issued" in {a.key for a in report.ambiguous}
