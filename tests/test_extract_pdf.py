"""PDF reports with a text layer, as agencies publish them: tables read from their ruling lines into the
same grids as HTML, tables joined over page breaks, page footers gone, and a scanned PDF refused whole."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from index.build import ingest
from ingest.docx_doc import read_docx
from ingest.errors import UnreadableReport
from ingest.parse import parse_report
from ingest.pdf_doc import read_pdf
from ingest.template import squash

DATA = Path(__file__).parent / "data"
DERIVED = DATA / "derived"
HUAIAN = DATA / "2024_huaian_szf.pdf"  # a real agency PDF: 6 pages, tables over page breaks, "- 1 -" footers
# Every PDF and Word form with gold beside it (the Word files' own tests are in test_extract_docx.py).
OFFICE = [HUAIAN, *sorted(DERIVED.glob("*.pdf")), *sorted(DERIVED.glob("*.docx"))]


def gold_of(path: Path) -> dict:
    return json.loads(path.with_suffix(".facts.json").read_text(encoding="utf-8"))


def shape(grid) -> list[list[tuple]]:
    """A grid as its cells' words (spacing ignored) and places: what the grid reader sees."""
    return [[(squash(c.text), c.row, c.col, c.rowspan, c.colspan) for c in row.own_cells()] for row in grid]


@pytest.mark.parametrize("path", OFFICE, ids=lambda p: p.name)
def test_every_gold_cell_of_a_pdf_or_word_report_is_read_and_right(path):
    report = parse_report(path)
    gold = gold_of(path)
    facts = report.to_contract()["facts"]
    assert {k: facts.get(k) for k in gold["facts"]} == gold["facts"]
    assert (report.meta.agency, report.meta.year, report.meta.template) == (
        gold["agency"],
        gold["year"],
        gold["template"],
    )
    assert report.source.format == path.suffix[1:]


@pytest.mark.parametrize("name", ["2022_pingtan_syq_page_word", "2025_pingtan_syq_page_word_repeated_header"])
def test_the_pdf_tables_are_the_grids_of_the_word_file_they_were_printed_from(name):
    """Merged cells, tables over page breaks, rows the break cut in two, header rows repeated on the next
    page: the PDF's grids equal the .docx's, cell for cell, span for span."""
    pdf = read_pdf((DERIVED / f"{name}.pdf").read_bytes())
    word = read_docx((DERIVED / f"{name.replace('_repeated_header', '')}.docx").read_bytes())
    assert [shape(g) for g in pdf.grids] == [shape(g) for g in word.grids]


def test_a_table_continued_on_the_next_page_is_one_table_without_its_repeated_header():
    pdf = read_pdf((DERIVED / "2025_pingtan_syq_page_word_repeated_header.pdf").read_bytes())
    texts = [[squash(c.text) for c in row.own_cells()] for grid in pdf.grids for row in grid]
    assert len(pdf.grids) == 3  # the three standard tables, each on two pages
    assert sum("申请人情况" in row for row in texts) == 1
    assert sum(row[:1] == ["第二十条第(一)项"] for row in texts) == 1


def test_a_real_agency_pdf_reads_its_tables_over_page_breaks_into_three_grids():
    pdf = read_pdf(HUAIAN.read_bytes())
    first_cells = [squash(grid[0].own_cells()[0].text) for grid in pdf.grids]
    assert first_cells == [
        "第二十条第(一)项",
        "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)",
        "行政复议",
    ]
    applications = pdf.grids[1]
    results = next(
        c for row in applications for c in row.own_cells() if squash(c.text) == "三、本年度办理结果"
    )
    assert (results.rowspan, results.colspan) == (22, 1)  # (一)…(七): over the page break, as printed


def test_page_footers_are_removed_and_a_paragraph_runs_on_over_the_page_break():
    report = parse_report(HUAIAN)
    text = "\n".join(s.heading + "\n" + s.text for s in report.sections)
    assert not re.search(r"^\s*[-—]\s*\d+\s*[-—]\s*$", text, re.M)
    assert "- 2 -" not in text
    # page 1 ends "…“建设‘四最’一流", page 2 goes on "营商环境高质量推进产业发展”…"
    assert "“建设‘四最’一流营商环境高质量推进产业发展”" in text


def test_narrative_sections_come_from_the_pdf_text():
    sections = parse_report(HUAIAN).sections
    # As in an HTML page: the preamble, then the narrative sections; the tables' sections hold only tables.
    assert [s.heading for s in sections] == [
        "",
        "一、总体情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert sections[1].text.startswith("2024年，我市坚持以习近平新时代中国特色社会主义思想为指导")
    assert sections[2].text.startswith("对照上级新要求和公众新期待")


def test_the_title_printed_over_two_lines_is_read_as_one():
    report = parse_report(HUAIAN)
    assert (report.meta.title, report.meta.agency, report.meta.year) == (
        "淮安市人民政府2024年政府信息公开工作年度报告",
        "淮安市人民政府",
        2024,
    )


def scanned_copy(path: Path) -> bytes:
    """The PDF's pages as images only, as a scanner makes them: no text layer."""
    pdf = pdfium.PdfDocument(path)
    images = [pdf[i].render(scale=0.5).to_pil().convert("RGB") for i in range(len(pdf))]
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:])
    return out.getvalue()


def test_a_scanned_pdf_is_refused_with_a_clear_error():
    with pytest.raises(UnreadableReport, match="scanned, no text layer; OCR is not supported"):
        parse_report("scan.pdf", scanned_copy(HUAIAN))


def test_a_scanned_pdf_is_not_half_ingested(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "scan.pdf").write_bytes(scanned_copy(HUAIAN))
    result = ingest(tmp_path / "home", [folder], model="hash:32")
    assert [(o.status, "scanned, no text layer" in o.reason) for o in result.outcomes] == [("failed", True)]
    assert not list((tmp_path / "home").glob("originals/*"))


def test_a_damaged_pdf_says_so():
    data = HUAIAN.read_bytes()
    with pytest.raises(UnreadableReport, match="cannot open the PDF"):
        parse_report("cut.pdf", data[:2000])
