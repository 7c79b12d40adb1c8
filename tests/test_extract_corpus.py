"""Every real report of the corpus against the facts read from it by hand: no wrong number, ever."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.parse import parse_report

DATA = Path(__file__).parent / "data"
REPORTS = sorted(
    p
    for p in [*DATA.iterdir(), *(DATA / "derived").iterdir(), *(DATA / "agencies").iterdir()]
    if p.suffix in (".html", ".txt") and p.with_suffix(".facts.json").exists()
)


def gold_of(path: Path) -> dict:
    return json.loads(path.with_suffix(".facts.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_no_certain_value_differs_from_the_gold(path):
    report = parse_report(path).to_contract()
    gold = gold_of(path)
    wrong = {
        k: (report["facts"][k], v)
        for k, v in gold["facts"].items()
        if k in report["facts"] and abs(report["facts"][k] - v) > 1e-6
    }
    assert wrong == {}
    # A cell the hand-reader could not place either is never stated unless it matches the original. (An
    # amount printed with no unit is stated as printed, its unit "not printed": never converted, no guess.)
    known = {**gold.get("resolved_from_source_html", {}), **gold.get("resolved_from_narrative", {})}
    as_printed = {k for k, unit in report["units"].items() if unit == "not printed"}
    guessed = {k: report["facts"][k] for k in gold.get("ambiguous", []) if k in report["facts"] and k not in as_printed}
    assert all(abs(v - known[k]) < 1e-6 for k, v in guessed.items())


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_agency_year_and_template_are_read(path):
    meta = parse_report(path).meta
    gold = gold_of(path)
    assert (meta.agency, meta.year, meta.template) == (gold["agency"], gold["year"], gold["template"])


@pytest.mark.parametrize("path", [p for p in REPORTS if p.parent != DATA / "derived"], ids=lambda p: p.name)
def test_every_gold_cell_is_read_or_flagged(path):
    report = parse_report(path).to_contract()
    gold = gold_of(path)
    unread = [k for k in gold["facts"] if k not in report["facts"] and k not in report["ambiguous"]]
    assert unread == []
    if path.suffix == ".html":  # a real grid: every cell is certain
        assert [k for k in gold["facts"] if k not in report["facts"]] == []


def test_html_pages_and_their_scraped_text_agree_where_the_text_is_certain():
    for html in DATA.glob("*_page.html"):
        text = DATA / html.name.replace("_page.html", ".txt")
        page, scraped = parse_report(html), parse_report(text)
        page_facts = {f.key: f.value for f in page.facts}
        assert {f.key: f.value for f in scraped.facts if f.key in page_facts} == {
            f.key: page_facts[f.key] for f in scraped.facts if f.key in page_facts
        }
