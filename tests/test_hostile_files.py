"""PDF and Word bombs: files made to cost far more to read than any report. Each is refused with one line
naming the limit of ingest/limits.py it passes, before the work is done, and a real report is still read.
The bombs are built the way such files are made: empty pages by the thousand, forms drawn inside forms, a
zip whose parts unpack to hundreds of megabytes, a table cell spanning a million columns, XML nested past
any document's depth, a .doc that LibreOffice cannot convert in the time left."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest
from docx.oxml.ns import qn

from ingest import limits
from ingest.docx_doc import read_docx
from ingest.errors import UnreadableReport
from ingest.limits import LimitExceeded
from ingest.parse import parse_report
from ingest.pdf_doc import read_pdf

DATA = Path(__file__).parent / "data"
PDF = DATA / "2024_huaian_szf.pdf"
WORD = DATA / "derived" / "2025_pingtan_syq_page_word.docx"
DOC = WORD.with_suffix(".doc")


def _saved(pdf: pdfium.PdfDocument) -> bytes:
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _page_chars() -> list[int]:
    pdf = pdfium.PdfDocument(PDF.read_bytes())
    return [pdf[i].get_textpage().count_chars() for i in range(len(pdf))]


def test_a_pdf_of_more_pages_than_any_report_is_refused_before_a_page_is_read():
    pdf = pdfium.PdfDocument.new()
    for _ in range(limits.MAX_PDF_PAGES + 1):
        pdf.new_page(595, 842)
    with pytest.raises(LimitExceeded, match="pages.pdf: it has 501 pages; the limit for one report is 500; nothing"):
        parse_report("pages.pdf", _saved(pdf))


def test_the_characters_of_one_pdf_page_and_of_all_its_pages_are_bounded(monkeypatch):
    chars = _page_chars()
    monkeypatch.setattr(limits, "MAX_PDF_GLYPHS", 100)
    with pytest.raises(LimitExceeded, match="page 1 holds more than 100 characters"):
        read_pdf(PDF.read_bytes(), PDF.name)
    monkeypatch.setattr(limits, "MAX_PDF_GLYPHS", max(chars))  # every page is within it, all of them are not
    with pytest.raises(LimitExceeded, match=f"its pages hold more than {max(chars):,} characters"):
        read_pdf(PDF.read_bytes(), PDF.name)


def test_the_objects_a_pdf_page_draws_are_bounded(monkeypatch):
    monkeypatch.setattr(limits, "MAX_PDF_OBJECTS", 10)
    with pytest.raises(LimitExceeded, match=r"page 1 draws [\d,]+ objects; the limit for a page is 10"):
        read_pdf(PDF.read_bytes(), PDF.name)


def _lines(count: int) -> pdfium.PdfDocument:
    """A page of `count` ruled lines."""
    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(200, 200)
    for i in range(count):
        path = raw.FPDFPageObj_CreateNewPath(10, 10 + i)
        raw.FPDFPath_LineTo(path, 190, 10 + i)
        raw.FPDFPath_SetDrawMode(path, 0, 1)
        raw.FPDFPage_InsertObject(page.raw, path)
    page.gen_content()
    return pdf


def _forms_of(inner: pdfium.PdfDocument, copies: int) -> pdfium.PdfDocument:
    """A page drawing the page of `inner` `copies` times, each a form."""
    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(200, 200)
    xobject = inner.page_as_xobject(0, pdf)
    for _ in range(copies):
        page.insert_obj(xobject.as_pageobject())
    page.gen_content()
    return pdf


def test_forms_drawn_inside_forms_count_against_the_page(monkeypatch):
    monkeypatch.setattr(limits, "MAX_PDF_OBJECTS", 500)
    bomb = _forms_of(_forms_of(_lines(10), 10), 10)  # 10 objects on the page, 1,110 drawn
    with pytest.raises(LimitExceeded, match="page 1 draws more than 500 objects \\(forms drawn inside forms\\)"):
        read_pdf(_saved(bomb), "forms.pdf")


def test_the_parse_deadline_reaches_the_pdf_readers_page_loops():
    with limits.deadline(PDF.name, 0.0), pytest.raises(LimitExceeded, match="took longer than"):
        read_pdf(PDF.read_bytes(), PDF.name)


def _with_part(name: str, data: bytes, source: bytes | None = None) -> bytes:
    """The real Word report with one part replaced or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source or WORD.read_bytes())) as src, zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            if info.filename != name:
                z.writestr(info, src.read(info))
        z.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_a_word_file_that_unpacks_past_the_limit_is_refused_unread(monkeypatch):
    monkeypatch.setattr(limits, "MAX_UNPACKED_BYTES", 2**20)
    bomb = _with_part("word/media/padding.bin", b"\0" * 2 * 2**20)
    assert len(bomb) < len(WORD.read_bytes()) + 10_000
    with pytest.raises(LimitExceeded, match=r"bomb.docx: it unpacks to \d MB; the limit for one Word report is 1 MB"):
        parse_report("bomb.docx", bomb)


def test_word_xml_nested_past_any_documents_depth_is_one_plain_line():
    cell = "<w:tbl><w:tr><w:tc>"
    deep = (f'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            f"{cell * 100}<w:p/>{'</w:tc></w:tr></w:tbl>' * 100}</w:body></w:document>")
    with pytest.raises(UnreadableReport) as refused:
        parse_report("deep.docx", _with_part("word/document.xml", deep.encode()))
    assert "nested deeper than any Word document's (more than 256 levels)" in str(refused.value)
    assert "XML_PARSE_HUGE" not in str(refused.value)


def _table_docx(span: int, *, declared_grid: bool) -> bytes:
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = f"{r}{c}"
    table._tbl.tr_lst[0].tc_lst[0].get_or_add_tcPr().append(
        docx.oxml.parse_xml(f'<w:gridSpan xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                            f'w:val="{span}"/>'))
    if not declared_grid:
        table._tbl.remove(table._tbl.find(qn("w:tblGrid")))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_span_reaches_no_further_than_the_grid_the_table_declares():
    [grid] = read_docx(_table_docx(1_000_000, declared_grid=True)).grids
    assert [[c.text if c else None for c in row.cells] for row in grid] == [
        ["00", "00", "00", "01", "02"],  # the row's other cells are kept, after the grid
        ["10", "11", "12", None, None],
        ["20", "21", "22", None, None]]


def test_a_span_bomb_in_a_table_without_a_declared_grid_is_refused():
    with pytest.raises(LimitExceeded, match="a table holds more than 20,000 cells once its merged cells are laid out"):
        parse_report("span.docx", _table_docx(1_000_000, declared_grid=False))


def test_the_cells_of_all_word_tables_together_are_bounded(monkeypatch):
    monkeypatch.setattr(limits, "MAX_PAGE_CELLS", 100)
    with pytest.raises(LimitExceeded, match=f"{WORD.name}: its tables hold more than 100 cells"):
        parse_report(WORD)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed here")
def test_a_doc_conversion_gets_only_the_parse_time_left_and_leaves_no_converter_behind():
    with limits.deadline(DOC.name, 0.0), pytest.raises(UnreadableReport) as refused:
        parse_report(DOC)
    assert re.search(r"LibreOffice did not convert the \.doc within 1 s \(damaged\?\)\. Open it in Word or WPS",
                     str(refused.value))
    assert not [p for p in Path("/proc").glob("[0-9]*/cmdline") if b"xxgk-doc-" in _read(p)]


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _with_flag(data: bytes, header: bytes, at: int, set_bits: int = 0, value: bytes | None = None) -> bytes:
    """`data` with every zip header of kind `header` changed at offset `at`: bits set, or bytes replaced."""
    out, i = bytearray(data), 0
    while (i := out.find(header, i)) >= 0:
        if value is None:
            out[i + at] |= set_bits
        else:
            out[i + at:i + at + len(value)] = value
        i += 4
    return bytes(out)


def _deflated() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(WORD.read_bytes())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, src.read(info))
    return out.getvalue()


PACKED = {
    "encrypted parts": _with_flag(_deflated(), b"PK\x01\x02", 8, set_bits=1),
    "deflate64 parts": _with_flag(_with_flag(_deflated(), b"PK\x01\x02", 10, value=b"\x09\x00"),
                                  b"PK\x03\x04", 8, value=b"\x09\x00"),
}


@pytest.mark.parametrize("data", PACKED.values(), ids=PACKED.keys())
def test_a_word_file_packed_in_a_way_word_does_not_write_says_to_save_it_again(data):
    with pytest.raises(UnreadableReport, match=r"packed.docx is a Word \(\.docx\) file whose parts are encrypted or "
                                               r"packed in a way Word does not write \(.+\)\. Open it and save it"):
        parse_report("packed.docx", data)


def test_a_password_protected_word_file_says_to_save_a_copy_without_the_password():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600  # Word keeps an encrypted .docx in an OLE container
    data = ole + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64 + "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(UnreadableReport, match="locked.docx is protected by a password, so it cannot be read. Open it, "
                                               "save a copy without the password as .docx or PDF"):
        parse_report("locked.docx", data)


def test_a_word_file_whose_packed_text_is_damaged_says_it_is_not_readable():
    word = WORD.read_bytes()
    part = zipfile.ZipFile(io.BytesIO(word)).getinfo("word/document.xml")
    extra = int.from_bytes(word[part.header_offset + 28:part.header_offset + 30], "little")
    start = part.header_offset + 30 + len(part.filename) + extra  # the first byte of its deflate stream
    damaged = word[:start] + b"\xff" + word[start + 1:]  # a block type deflate does not have
    with pytest.raises(UnreadableReport, match=r"damaged.docx is not a readable Word \(\.docx\) file: Error -3 while "
                                               "decompressing data: invalid block type"):
        parse_report("damaged.docx", damaged)


def test_a_pdf_whose_page_tree_names_a_page_it_does_not_hold_says_it_is_damaged():
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    pdf.new_page(595, 842)
    damaged = _saved(pdf).replace(b"/Count 2", b"/Count 3")  # as a file cut short or badly merged says
    with pytest.raises(UnreadableReport, match=r"pages.pdf: page 3 of 3 cannot be read \(Failed to load page\); the "
                                               "PDF is damaged. Save it again from the original"):
        parse_report("pages.pdf", damaged)
