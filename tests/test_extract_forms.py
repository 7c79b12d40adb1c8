"""Every real HTML report, turned mechanically into the forms users meet, must never yield a wrong number.

For each page: zeros left blank (as many agencies publish), scraped one cell per line with blanks
dropped, scraped with cells fused (a naive get_text()), and re-encoded as GBK. The values must agree with
the hand-read gold wherever they are stated; the forms may only lose certainty, never correctness.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
import pytest

from ingest.parse import parse_report
from ingest.template import TEMPLATES

DATA = Path(__file__).parent / "data"
PAGES = sorted(DATA.glob("*_page.html"))


def blank_zeros(html: str) -> str:
    root = lxml.html.document_fromstring(html)
    for td in root.iter("td"):
        if td.text_content().strip().replace("\xa0", "") == "0":
            for child in list(td):
                td.remove(child)
            td.text = "\xa0"
    return lxml.html.tostring(root, encoding="unicode")


def article(html: str):
    root = lxml.html.document_fromstring(html)
    title = root.findtext(".//title").split("_")[0]
    body = root.find_class("TRS_Editor")[0]
    return title, body


def one_cell_per_line(html: str) -> str:
    title, body = article(html)
    lines = []
    for el in body.iter("p", "td", "h1", "h2", "h3"):
        if el.tag == "p" and el.getparent() is not None and any(a.tag == "td" for a in el.iterancestors()):
            continue
        text = re.sub(r"\s+", " ", el.text_content()).strip()
        if text:
            lines.append(text)
    return f"标题: {title}\n" + "\n".join(lines)


def fused(html: str) -> str:
    title, body = article(html)
    return f"标题: {title}\n" + re.sub(r"[ \t\xa0]+", " ", body.text_content())


FORMS = {
    "blanked": lambda h: (blank_zeros(h), ".html"),
    "lines": lambda h: (one_cell_per_line(h), ".txt"),
    "blanked-lines": lambda h: (one_cell_per_line(blank_zeros(h)), ".txt"),
    "fused": lambda h: (fused(h), ".txt"),
    "blanked-fused": lambda h: (fused(blank_zeros(h)), ".txt"),
}


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_a_derived_form_states_no_wrong_number(page, form):
    gold = json.loads(page.with_suffix(".facts.json").read_text(encoding="utf-8"))
    text, suffix = FORMS[form](page.read_text(encoding="utf-8"))
    report = parse_report(f"derived{suffix}", text.encode("utf-8"))
    facts = {f.key: f.value for f in report.facts}
    wrong = {k: (facts[k], v) for k, v in gold["facts"].items() if k in facts and abs(facts[k] - v) > 1e-6}
    assert wrong == {}
    assert (report.meta.agency, report.meta.year) == (gold["agency"], gold["year"])
    # Whatever the form, each table's grand totals stay readable.
    assert facts.get("applications.new_received.total") == gold["facts"]["applications.new_received.total"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_a_page_scraped_one_cell_per_line_keeps_every_cell(page):
    gold = json.loads(page.with_suffix(".facts.json").read_text(encoding="utf-8"))
    report = parse_report("lines.txt", one_cell_per_line(page.read_text(encoding="utf-8")).encode())
    assert {f.key for f in report.facts} >= set(gold["facts"])


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_a_gbk_copy_reads_like_the_original(page):
    html = page.read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="gbk"')
    data = html.encode("gbk", errors="replace")
    original = {f.key: f.value for f in parse_report(page).facts}
    assert {f.key: f.value for f in parse_report("gbk.html", data).facts} == original


def laid_out(html: str, first: str, row_lines) -> str:
    """The article as text: `first` (the title line), its paragraphs, and each table grid row turned into
    lines by `row_lines(row)`."""
    from ingest.html_doc import build_grid

    title, body = article(html)
    out = [first.format(title=title)]
    for el in body.iter("p", "table"):
        if el.tag == "table":
            for row in build_grid(el):
                out += row_lines(row)
        elif not any(a.tag == "table" for a in el.iterancestors()):
            out.append(el.text_content().strip())
    return "\n".join(out)


def markdown(html: str) -> str:
    """The page as a Markdown document: each table row a `| … |` line, a spanned cell printed once."""

    def row_lines(row) -> list[str]:
        cells = [c.text if c is not None and (c.row, c.col) == (row.index, g) else "" for g, c in enumerate(row.cells)]
        return ["| " + " | ".join(cells) + " |"]

    return laid_out(html, "# {title}", row_lines)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_a_markdown_copy_keeps_every_cell(page):
    # Every cell but a blank in an identity the report itself breaks: a row or column left blank there may
    # hide a value the copy lost, on either side of the break, so it is flagged, not stated as 0.
    gold = json.loads(page.with_suffix(".facts.json").read_text(encoding="utf-8"))
    text = markdown(blank_zeros(page.read_text(encoding="utf-8")))
    report = parse_report("report.md", text.encode())
    facts = {f.key: f.value for f in report.facts}
    assert {k: v for k, v in facts.items() if k in gold["facts"] and v != gold["facts"][k]} == {}
    doubtful = {k for k in _broken_keys(gold) if gold["facts"][k] == 0}
    assert set(gold["facts"]) - set(facts) <= doubtful & {a.key for a in report.ambiguous}


def _broken_keys(gold: dict) -> set[str]:
    """The keys of every identity that the gold itself breaks (the report's own totals disagree)."""
    facts, out = gold["facts"], set()
    for identity in (i for t in TEMPLATES[gold["template"]].tables for i in t.identities):
        keys = identity.lhs + identity.rhs
        if all(k in facts for k in keys) and sum(facts[k] for k in identity.lhs) != sum(
            facts[k] for k in identity.rhs
        ):
            out |= set(keys)
    return out


def continued(html: str) -> str:
    """The requests table broken at a page break, as Word exports it: the rows from （四）无法提供 on
    move to a second <table> (after a "续表" line), and the label cell that spanned them from the first
    part (三、本年度办理结果 in the 2021 layout) is not repeated, so those rows are one cell short."""
    root = lxml.html.document_fromstring(html)
    for table in root.iter("table"):
        rows = list(table.iter("tr"))
        first = next((i for i, r in enumerate(rows) if "本机关不掌握" in r.text_content()), None)
        if first is None:
            continue
        second = lxml.html.fromstring("<table><tbody></tbody></table>")
        for row in rows[first:]:
            second.find("tbody").append(row)
        table.addnext(second)
        table.addnext(lxml.html.fromstring("<p>续表</p>"))
        break
    return lxml.html.tostring(root, encoding="unicode")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_a_table_continued_in_a_second_table_keeps_every_cell_in_its_column(page):
    gold = json.loads(page.with_suffix(".facts.json").read_text(encoding="utf-8"))
    report = parse_report("continued.html", continued(page.read_text(encoding="utf-8")).encode())
    facts = {f.key: f.value for f in report.facts}
    assert {k: facts.get(k) for k in gold["facts"]} == gold["facts"]


def pdf_wrapped(html: str, width: int = 16) -> str:
    """The page as PDF-to-text output: a row's label, then its numbers spaced out on the same line; a label
    longer than its column wraps, its end on the next line, after the numbers."""
    from ingest.numbers import read_value

    def row_lines(row) -> list[str]:
        cells = list(dict.fromkeys(c for c in row.cells if c is not None and c.text))
        label = "".join(c.text for c in cells if read_value(c.text) is None)
        numbers = "    ".join(c.text for c in cells if read_value(c.text) is not None)
        return [f"{label[:width]}    {numbers}", label[width:]] if numbers else [label]

    return laid_out(html, "{title}", row_lines)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_labels_wrapped_past_their_numbers_give_no_wrong_number(page):
    gold = json.loads(page.with_suffix(".facts.json").read_text(encoding="utf-8"))
    report = parse_report("wrapped.txt", pdf_wrapped(page.read_text(encoding="utf-8")).encode())
    facts = {f.key: f.value for f in report.facts}
    assert {k: (facts[k], v) for k, v in gold["facts"].items() if k in facts and facts[k] != v} == {}
    # What cannot be placed is said, not dropped silently.
    said = set(facts) | {a.key for a in report.ambiguous}
    assert [k for k in gold["facts"] if k not in said] == [] or report.warnings
