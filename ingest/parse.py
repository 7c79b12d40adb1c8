"""Read one report file into a ParsedReport: metadata, the three standard tables as facts, the narrative."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
from pathlib import Path

from ingest.errors import NotAReport, UnreadableReport
from ingest.grid_tables import read_grids
from ingest.html_doc import GridCell, parse_html
from ingest.limits import check_file_size
from ingest.metadata import Metadata, read_metadata
from ingest.office_doc import OfficeDocument
from ingest.reading import SUFFIXES, Decoded, as_printed, decode, is_traditional, office_kind
from ingest.readings import RowReading
from ingest.resolve import resolve
from ingest.sections import split_sections
from ingest.table_sentences import sentence_readings
from ingest.template import LAYOUT_MARKERS, TEMPLATES, Template, squash_text
from ingest.text_tables import read_text_tables
from ingest.types import ParsedReport, ReportMeta, SourceInfo

__all__ = ["SUFFIXES", "choose_template", "parse_report"]
_REPORT_WORDS = re.compile(r"政府信息公开|政务公开")
_REPORT_KIND = re.compile(r"年度报告|工作报告|年报|工作情况报告")
_BODY_MARK = re.compile(r"=+\s*正文\s*=+\n")
NO_AGENCY_WARNING = ("no agency name found (not in the title, an 附件 line, the signature, the first sentences, "
                     "the file name or the page header)")


def read_report_file(source: str | os.PathLike) -> bytes:
    """The bytes of a report file; UnreadableReport (or LimitExceeded, by its size alone) when it cannot be
    read."""
    try:
        check_file_size(Path(source).stat().st_size, str(source))
        return Path(source).read_bytes()
    except OSError as exc:
        raise UnreadableReport(f"cannot read {source}: {exc.strerror or exc}") from exc


def _printed(office: OfficeDocument) -> OfficeDocument:
    """A PDF's or Word file's text and table cells as the report prints them, like a text or HTML copy's
    (reading.as_printed: ASCII digits for full-width ones, no letter-spacing, simplified characters)."""
    cells: dict[int, GridCell] = {}  # a cell spanning rows is one object in each row it covers: kept so
    traditional = is_traditional(office.text)

    def printed(cell: GridCell | None) -> GridCell | None:
        if cell is None:
            return None
        if id(cell) not in cells:
            cells[id(cell)] = dataclasses.replace(cell, text=as_printed(cell.text, traditional=traditional))
        return cells[id(cell)]

    grids = tuple(tuple(dataclasses.replace(row, cells=tuple(printed(c) for c in row.cells)) for row in grid)
                  for grid in office.grids)
    return dataclasses.replace(office, text=as_printed(office.text, traditional=traditional), grids=grids)


def parse_report(
    source: str | os.PathLike, data: bytes | None = None, *, agency: str | None = None, year: int | None = None
) -> ParsedReport:
    """Parse a report from a path, or from `data` with `source` naming it (a file name or URL).

    `agency` and `year` are what the caller knows of a copy that states neither (--agency, --year); what
    the copy states wins (see ingest.metadata). A given agency that is no agency's name raises
    NotAnAgencyName.
    """
    name = str(source)
    data = read_report_file(source) if data is None else data
    check_file_size(len(data), name)
    kind = office_kind(data, name)
    office = _printed(_read_office(kind, data, name)) if kind else None
    decoded = None if office else decode(data, name)
    if office:
        meta = read_metadata(office.text, None, office.stated_title(), name=name, agency=agency, year=year)
        body, grids = office.text, office.grids
    elif decoded.is_html:
        doc = parse_html(decoded.text, name, utf8=decoded.utf8)
        body, grids = doc.body_text, doc.grids
        meta = read_metadata(doc.page_text, doc.metas, doc.title, body=body, name=name, agency=agency, year=year)
    else:
        body, grids = _text_body(decoded.text), ()
        meta = read_metadata(decoded.text, body=body, name=name, agency=agency, year=year)
    _require_report(meta, body, name)
    template = choose_template(body, meta.year)
    readings, spans, layout = _read_tables(body, grids, template)
    resolution = resolve(template, readings) if template else None
    narrative = _without(body, spans)
    warnings = _warnings(meta, template, readings)
    return ParsedReport(
        meta=ReportMeta(
            agency=meta.agency,
            year=meta.year,
            published=meta.published,
            title=meta.title,
            index_no=meta.index_no,
            url=meta.url,
            template=template.name if template else "pre-2019",
            publisher=meta.publisher,
            agency_printed=meta.agency_printed,
            agency_source=meta.agency_source,
            year_source=meta.year_source,
            corrections=meta.corrections,
        ),
        source=SourceInfo(
            name,
            hashlib.sha256(data).hexdigest(),
            *_form(office, decoded),
            layout,
        ),
        facts=resolution.facts if resolution else (),
        ambiguous=resolution.ambiguous if resolution else (),
        checks=resolution.checks if resolution else (),
        sections=split_sections(narrative),
        warnings=warnings,
    )


def _read_office(kind: str, data: bytes, name: str) -> OfficeDocument:
    """A PDF or Word file read by its reader, imported only now: their libraries (pypdfium2, python-docx) take
    ~70 ms to load, which a run over HTML and text never needs."""
    if kind == "pdf":
        from ingest.pdf_doc import read_pdf

        return read_pdf(data, name)
    from ingest.docx_doc import read_doc, read_docx

    return (read_docx if kind == "docx" else read_doc)(data, name)


def _form(office: OfficeDocument | None, decoded: Decoded | None) -> tuple[str, str]:
    """The report's form ("pdf", "docx", "html", "text") and its text encoding ("" in a PDF or Word file)."""
    if office:
        return office.format, ""
    return ("html" if decoded.is_html else "text"), decoded.encoding


def choose_template(text: str, year: int | None) -> Template | None:
    """The table layout: by the words only one layout prints, else by the year (2019 layout for 2019–2020)."""
    flat = squash_text(text)
    hits = {name: sum(flat.count(w) for w in words) for name, words in LAYOUT_MARKERS.items()}
    if max(hits.values()) > 0:
        return TEMPLATES[max(hits, key=hits.get)]
    if year is None or year < 2019:
        return None
    return TEMPLATES["2021" if year >= 2021 else "2019"]


def _read_tables(body: str, grids, template: Template | None) -> tuple[list[RowReading], tuple, str]:
    if template is None:
        return [], (), "none"
    readings, spans, layout = [], (), "none"
    if grids:
        readings, layout = read_grids(grids, template), "html-grid"
    if not readings:
        tables = read_text_tables(body, template)
        readings, spans, layout = list(tables.readings), tables.spans, tables.layout
    readings += sentence_readings(body, template, {r.table.key for r in readings})
    return readings, spans, layout if readings else "none"


def _text_body(text: str) -> str:
    m = _BODY_MARK.search(text)
    return text[m.end() :] if m else text


def _without(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + "\n" + text[end:]
    return text


def _require_report(meta: Metadata, body: str, name: str) -> None:
    head = meta.title + body[:3000]
    if not _REPORT_WORDS.search(head) or not (_REPORT_KIND.search(head) or "申请" in body):
        what = f"“{meta.title}”" if meta.title else "its text"
        raise NotAReport(
            f"{name} does not look like a government information-disclosure annual report "
            f"(政府信息公开工作年度报告): {what} names no such report. Check the file, or the URL's page."
        )
    if meta.year is None:
        raise NotAReport(
            f"{name}: found a report titled “{meta.title}” but no year it covers (neither in the title nor a "
            "统计期限 line). Check that the file is a complete annual report, or give the year: --year YEAR."
        )


def _warnings(meta: Metadata, template: Template | None, readings: list[RowReading]) -> tuple[str, ...]:
    out = [f"agency printed as {meta.agency_printed}: {note}" for note in meta.corrections] + list(meta.notes)
    if not meta.agency:
        out.append(NO_AGENCY_WARNING)
    if template is not None:
        found = {r.table.key for r in readings}
        missing = [t.zh for t in template.tables if t.key not in found]
        if missing:
            out.append("standard tables not found: " + "、".join(missing))
    return tuple(out)
