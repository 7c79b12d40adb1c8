"""A PDF converted to Markdown (a real one: tests/data/tables/2025_shanghai_szfbgt.md): tables split into
fragments, long labels on lines of their own above value-only rows, page footers inside tables."""

from __future__ import annotations

import json
from pathlib import Path

from ingest.parse import parse_report

MD = Path(__file__).parent / "data" / "tables" / "2025_shanghai_szfbgt.md"


def test_a_converted_markdown_report_states_no_wrong_number():
    gold = json.loads(MD.with_suffix(".facts.json").read_text(encoding="utf-8"))["facts"]
    facts = {f.key: f.value for f in parse_report(MD).facts}
    assert {k: (facts[k], v) for k, v in gold.items() if k in facts and facts[k] != v} == {}


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
