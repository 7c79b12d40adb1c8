"""Stress forms of real reports (tests/stress_forms.py), made mechanically: what real copies do to a requests
table, then scraped one cell per line or with cells fused. None may state a number that differs from the
gold (`stress_forms.wrong_numbers`): "can't tell" is allowed, a wrong number is not. How long each takes is
measured by bench/extract.py, not asserted here.

- A column left blank in every row (an agency leaves 总计 or an applicant column unfilled), with its zeros
  kept or blank too: read as printed, the copy's identities break, and the readings that break fewest
  misread the fused digits. Read with the column unfilled, every identity holds: its cells are then only
  what the identities imply, flagged, never stated.
- A row printed with no numbers (left unfilled), also in a report whose own totals disagree.
- A cell misprinted one higher than the report's own totals allow: stated as printed, never "corrected" by
  a misreading of its neighbours.
"""

from __future__ import annotations

import pytest
from stress_forms import column_forms, misprint_forms, row_forms, stress_forms, wrong_numbers

from ingest.parse import parse_report

# Every applicant column blank in turn (the 56 forms of a blank 总计 or 自然人 column among them), zeros kept
# or blank too.
COLUMNS = list(column_forms())


def facts(form) -> dict[str, float]:
    report = parse_report(f"{form.name}.txt", form.text.encode("utf-8"))
    return {f.key: f.value for f in report.facts}


@pytest.mark.slow
@pytest.mark.parametrize("form", COLUMNS, ids=lambda f: f.name)
def test_a_table_with_a_column_left_blank_states_no_wrong_number(form):
    assert wrong_numbers(form, facts(form)) == {}


@pytest.mark.slow
@pytest.mark.parametrize("form", list(row_forms()), ids=lambda f: f.name)
def test_a_table_with_a_row_left_blank_states_no_wrong_number(form):
    assert wrong_numbers(form, facts(form)) == {}


@pytest.mark.slow
@pytest.mark.parametrize("form", list(misprint_forms()), ids=lambda f: f.name)
def test_a_misprinted_cell_is_read_as_printed_and_nothing_else_moves(form):
    assert wrong_numbers(form, facts(form)) == {}


def test_a_blank_total_in_scraped_lines_is_flagged_not_read_as_zero():
    form = next(f for f in stress_forms() if f.name == "2019_hebei_jyt-total-blank-lines")
    report = parse_report("lines.txt", form.text.encode("utf-8"))
    flagged = {a.key: a for a in report.ambiguous}
    assert report.fact("applications.new_received.total") is None
    assert "applications.new_received.total" in flagged


def test_an_unfilled_column_is_a_reading_of_its_own_not_a_break_a_misreading_repairs():
    # 2023, 自然人 blank, fused: 予以公开 prints "0000022" (its 22 under 自然人 left blank). With the blanks read
    # as 0 a dozen rows break their totals, and the readings that break fewest misread the row as
    # 0|0|0|0|0|2|2 (总计 2). Read as an unfilled 自然人 column, every identity holds: 总计 is 22.
    form = next(f for f in stress_forms() if f.name == "2023_pingtan_syq_page-natural_person-blank-fused")
    report = parse_report("fused.txt", form.text.encode("utf-8"))
    flagged = {a.key: a for a in report.ambiguous}
    assert report.fact("applications.results.granted.total") is None
    total = flagged["applications.results.granted.total"]
    assert 2 not in total.candidates and 22 in (total.computed, *total.candidates)
    assert not report.failed_checks


def test_a_row_printed_without_numbers_is_not_a_row_of_certain_zeros():
    form = next(f for f in row_forms() if f.name == "2023_pingtan_syq_page-results.granted-row-blank-fused")
    report = parse_report("fused.txt", form.text.encode("utf-8"))
    assert report.fact("applications.results.granted.natural_person") is None
    assert report.fact("applications.results.granted.total") is None
