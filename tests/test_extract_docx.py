"""Word reports: .docx read through python-docx into the same grids as HTML (gridSpan → colspan, vMerge →
rowspan), old binary .doc converted through LibreOffice when it is installed, else refused with what to do."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest

import ingest.docx_doc
from ingest.docx_doc import read_docx
from ingest.errors import UnreadableReport
from ingest.html_doc import parse_html
from ingest.parse import parse_report
from ingest.reading import decode
from ingest.template import squash

DATA = Path(__file__).parent / "data"
DERIVED = DATA / "derived"
WORD = sorted(DERIVED.glob("*.docx"))
DOC = DERIVED / "2025_pingtan_syq_page_word.doc"  # the 2025 .docx saved by LibreOffice as binary .doc


def shape(grid) -> list[list[tuple]]:
    return [[(squash(c.text), c.row, c.col, c.rowspan, c.colspan) for c in row.own_cells()] for row in grid]


@pytest.mark.parametrize("path", WORD, ids=lambda p: p.name)
def test_word_tables_are_the_grids_of_the_html_page_they_were_saved_from(path):
    page = DATA / path.name.replace("_word.docx", ".html")
    html = parse_html(decode(page.read_bytes()).text)
    assert [shape(g) for g in read_docx(path.read_bytes()).grids] == [shape(g) for g in html.grids]


def built_docx(build) -> bytes:
    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_grid_span_and_vertical_merge_become_colspan_and_rowspan():
    def build(document):
        table = document.add_table(rows=3, cols=3)
        table.cell(0, 0).merge(table.cell(0, 1)).text = "申请人情况"  # gridSpan 2
        table.cell(1, 2).merge(table.cell(2, 2)).text = "总计"  # vMerge restart + continue
        for (r, c), text in {
            (0, 2): "甲",
            (1, 0): "自然人",
            (1, 1): "3",
            (2, 0): "法人",
            (2, 1): "4",
        }.items():
            table.cell(r, c).text = text

    (grid,) = read_docx(built_docx(build)).grids
    assert shape(grid) == [
        [("申请人情况", 0, 0, 1, 2), ("甲", 0, 2, 1, 1)],
        [("自然人", 1, 0, 1, 1), ("3", 1, 1, 1, 1), ("总计", 1, 2, 2, 1)],
        [("法人", 2, 0, 1, 1), ("4", 2, 1, 1, 1)],
    ]
    assert grid[2].cells[2] is grid[1].cells[2]  # one cell, in every row it covers, as in an HTML grid


def test_paragraphs_are_the_narrative_and_page_headers_and_footers_are_not_read():
    def build(document):
        document.add_paragraph("某某局2023年政府信息公开工作年度报告")
        document.add_paragraph("一、总体情况")
        document.sections[0].header.paragraphs[0].text = "某某局文件"
        document.sections[0].footer.paragraphs[0].text = "— 4 —"

    assert read_docx(built_docx(build)).text == "某某局2023年政府信息公开工作年度报告\n一、总体情况"


def test_a_word_file_is_told_by_its_bytes_not_its_name():
    report = parse_report("report.txt", WORD[-1].read_bytes())
    assert (report.source.format, report.meta.year) == ("docx", 2025)


def test_an_old_doc_without_libreoffice_says_how_to_convert_it(monkeypatch):
    monkeypatch.setattr(ingest.docx_doc.shutil, "which", lambda name: None)
    with pytest.raises(UnreadableReport, match=r"old binary Word document \(\.doc\).*save it as \.docx"):
        parse_report(DOC)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed here")
def test_an_old_doc_is_converted_through_libreoffice_when_it_is_installed():
    converted = parse_report(DOC)
    word = parse_report(DOC.with_suffix(".docx"))
    assert converted.source.format == "docx"
    assert converted.to_contract()["facts"] == word.to_contract()["facts"]


def zipped(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600 + "Workbook".encode("utf-16-le"),
            "not a Word document",
        ),
        (zipped({"OFD.xml": b"<ofd:OFD/>"}), "an OFD document. Save the report as .docx, PDF or text"),
        (zipped({"xl/workbook.xml": b"<workbook/>"}), "a ZIP archive that is not a Word document"),
        (b"PK\x03\x04 cut short", "damaged ZIP or Word"),
    ],
    ids=["spreadsheet", "ofd", "xlsx", "damaged"],
)
def test_other_office_files_get_a_clear_error(data, message):
    with pytest.raises(UnreadableReport, match=message):
        parse_report("upload.docx", data)


def test_a_layout_table_gives_its_inner_table_as_the_grid_and_its_paragraphs_as_text():
    def build(document):
        outer = document.add_table(rows=1, cols=1).cell(0, 0)
        outer.paragraphs[0].text = "某某局2023年政府信息公开工作年度报告"
        inner = outer.add_table(rows=2, cols=2)
        for (r, c), text in {(0, 0): "信息内容", (0, 1): "本年制发件数", (1, 0): "规章", (1, 1): "5"}.items():
            inner.cell(r, c).text = text

    document = read_docx(built_docx(build))
    assert document.text == "某某局2023年政府信息公开工作年度报告"
    assert [shape(g) for g in document.grids] == [
        [[("信息内容", 0, 0, 1, 1), ("本年制发件数", 0, 1, 1, 1)], [("规章", 1, 0, 1, 1), ("5", 1, 1, 1, 1)]]
    ]


FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _retyped(path: Path, translate) -> bytes:
    """The Word file with every run's text passed through `translate` (as another input method would type it)."""
    document = docx.Document(str(path))
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs += cell.paragraphs
    for paragraph in paragraphs:
        for run in paragraph.runs:
            run.text = translate(run.text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("path", WORD[:2], ids=lambda p: p.name)
@pytest.mark.parametrize("form", ["full-width digits", "traditional characters"])
def test_a_word_file_typed_otherwise_reads_as_the_original(path, form):
    """Full-width digits and traditional characters in a Word file (its text and its table cells) read as
    they do in a text or HTML copy: the same cells, agency and year as the original file."""
    import opencc

    translate = ((lambda t: t.translate(FULL_WIDTH)) if form == "full-width digits"
                 else opencc.OpenCC("s2t").convert)
    original = parse_report(path.name, path.read_bytes())
    copy = parse_report(path.name, _retyped(path, translate))
    assert (copy.meta.agency, copy.meta.year) == (original.meta.agency, original.meta.year)
    assert {f.key: f.value for f in copy.facts} == {f.key: f.value for f in original.facts}
