"""Stress forms of real reports (tests/stress_forms.py): the requests table's 总计 column left blank, then
scraped one cell per line or with cells fused. The search that used to explode must finish and state no
wrong number; how long it takes is measured by bench/extract.py, not asserted here."""

from __future__ import annotations

import json

import pytest
from stress_forms import DATA, stress_forms

from ingest.parse import parse_report

FORMS = list(stress_forms(columns=(6,), zeros=(False,)))


def gold(source: str) -> dict:
    path = next(DATA.rglob(f"{source}.facts.json"))
    return json.loads(path.read_text(encoding="utf-8"))["facts"]


@pytest.mark.slow
@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.name)
def test_a_table_with_its_total_column_blank_states_no_wrong_number(form):
    report = parse_report(f"{form.name}.txt", form.text.encode("utf-8"))
    facts = {f.key: f.value for f in report.facts}
    assert {k: (facts[k], v) for k, v in gold(form.source).items() if k in facts and facts[k] != v} == {}


def test_a_blank_total_in_scraped_lines_is_flagged_not_read_as_zero():
    form = next(f for f in FORMS if f.name == "2019_hebei_jyt-total-blank-lines")
    report = parse_report("lines.txt", form.text.encode("utf-8"))
    flagged = {a.key: a for a in report.ambiguous}
    assert report.fact("applications.new_received.total") is None
    assert "applications.new_received.total" in flagged
