"""PDF reports with a text layer: the narrative without page headers and footers, ruled tables as grids.

A table that runs on at the top of the next page (nothing but page furniture or a "续表" between its two
parts, the same width) is joined into one table, without the header rows the continuation repeats. A scanned PDF
(pages as images, no text layer) is refused: OCR is not supported.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingest.errors import UnreadableReport
from ingest.glyphs import Line, joins_with_space, text_lines
from ingest.limits import check_time
from ingest.office_doc import OfficeDocument
from ingest.pdf_pages import PageContent, read_content
from ingest.ruled_tables import TOL, RuledTable, find_tables, stack, table_grid

_MIN_GLYPHS_PER_PAGE = 20  # fewer than this on average: the pages are images (a page number is not text)
_BAND = 0.12  # running headers and footers sit in the top and bottom eighth of a page
_PAGE_NUMBER = re.compile(
    r"^[-—–－_~·•\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/／]\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–－_~·•\s]*$"
    r"|^共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页$"
)
# A line between a table's two parts that says it goes on: "续表", "（续）", "表3（续表）".
_CONTINUED = re.compile(r"^\S{0,8}(?:续上?表|[（(]续[)）])\S{0,2}$")
# A line that starts a heading or a numbered point never continues the paragraph above it.
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、](?!\d))"
)


@dataclass(frozen=True)
class _Page:
    content: PageContent
    tables: list[RuledTable]
    lines: list[Line]  # text outside the tables, top to bottom


def read_pdf(data: bytes, name: str = "") -> OfficeDocument:
    content = read_content(data, name)
    contents = content.pages
    if sum(len(p.glyphs) for p in contents) < _MIN_GLYPHS_PER_PAGE * max(len(contents), 1):
        raise UnreadableReport(
            f"{name or 'the PDF'} is scanned, no text layer; OCR is not supported. Ask the agency for the "
            "report's web page, a Word file or a PDF with selectable text, or run OCR and ingest the text."
        )
    pages = _without_furniture([_page(c) for c in contents])
    tables = _joined(pages)
    return OfficeDocument(_narrative(pages), tuple(table_grid(t) for t in tables), "pdf", content.title)


def _page(content: PageContent) -> _Page:
    check_time()
    tables = find_tables(content.rulings, content.glyphs)
    outside = [g for g in content.glyphs if not any(t.holds(g) for t in tables)]
    return _Page(content, tables, text_lines(outside))


def _without_furniture(pages: list[_Page]) -> list[_Page]:
    """Pages without their running headers and footers: page numbers ("— 4 —", "第3页 共6页") and lines
    repeated at the same edge of most pages, each only in the top or bottom band of the page."""
    repeated = Counter(_shape(line.text) for p in pages for line in set(_edge_lines(p)))
    often = max(2, (len(pages) + 1) // 2)

    def furniture(page: _Page, line: Line) -> bool:
        return line in _edge_lines(page) and (
            bool(_PAGE_NUMBER.match(line.text)) or (len(pages) >= 3 and repeated[_shape(line.text)] >= often)
        )

    return [_Page(p.content, p.tables, [x for x in p.lines if not furniture(p, x)]) for p in pages]


def _edge_lines(page: _Page) -> list[Line]:
    """The two lines nearest each edge of the page, when they lie in its top or bottom band."""
    band = _BAND * page.content.height
    top = [x for x in page.lines[:2] if x.bottom <= band]
    bottom = [x for x in page.lines[-2:] if x.top >= page.content.height - band]
    return top + bottom


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _joined(pages: list[_Page]) -> list[RuledTable]:
    """The tables in document order; a table that continues on the next page is stacked into one."""
    out: list[RuledTable] = []
    open_table = False  # the last table so far ends its page: the next page may continue it
    for page in pages:
        for k, table in enumerate(page.tables):
            first = k == 0 and not any(
                x.bottom <= table.top and not _CONTINUED.match(x.text) for x in page.lines
            )
            if open_table and first and _aligned(out[-1], table):
                out[-1] = stack(out[-1], table)
            else:
                out.append(table)
        last = page.tables[-1] if page.tables else None
        open_table = last is not None and not any(x.top >= last.bottom for x in page.lines)
    return out


def _aligned(upper: RuledTable, lower: RuledTable) -> bool:
    return abs(upper.x0 - lower.x0) <= 2 * TOL and abs(upper.x1 - lower.x1) <= 2 * TOL


def _narrative(pages: list[_Page]) -> str:
    """The text as paragraphs: a line that runs to the right margin continues on the next line (also on
    the next page) unless that line is indented, is a heading, or a table stands between them. The title
    at the top, centred or in a larger type over several lines ("淮安市人民政府" / "2024年政府信息公开
    工作年度报告"), is one line."""
    lines = [x for p in pages for x in p.lines]
    if not lines:
        return ""
    margins = _Margins(
        left=_quantile([x.x0 for x in lines], 0.1),
        right=_quantile([x.x1 for x in lines], 0.9),
        body_size=_quantile([x.size for x in lines], 0.5),
    )
    items = _reading_order(pages)
    title = margins.title_block(items)
    paragraphs = ["".join(x.text for x in title)] if title else []
    prev: Line | None = None
    for item in items[len(title) :]:
        if item is not None and prev is not None and margins.continues(prev, item):
            glue = " " if joins_with_space(paragraphs[-1], item.text) else ""
            paragraphs[-1] += glue + item.text
        elif item is not None:
            paragraphs.append(item.text)
        prev = item
    return "\n".join(paragraphs)


def _reading_order(pages: list[_Page]) -> list[Line | None]:
    """Every page's lines top to bottom, with None where a table stands."""
    out: list[Line | None] = []
    for page in pages:
        items = [(x.top, x) for x in page.lines] + [(t.top, None) for t in page.tables]
        out.extend(item for _, item in sorted(items, key=lambda pair: pair[0]))
    return out


@dataclass(frozen=True)
class _Margins:
    left: float
    right: float
    body_size: float

    def continues(self, prev: Line, line: Line) -> bool:
        wrapped = prev.x1 >= self.right - 1.5 * prev.size and line.x0 <= self.left + 0.5 * line.size
        return wrapped and not _HEADING.match(line.text)

    def title_block(self, items: list[Line | None]) -> list[Line]:
        """The lines of the title: the leading lines set apart (centred, or larger than the body), close together."""
        block: list[Line] = []
        for item in items:
            if item is None or not self._set_apart(item):
                break
            if block and item.top - block[-1].bottom > 1.5 * block[-1].size:
                break
            block.append(item)
        return block if len(block) > 1 else []

    def _set_apart(self, line: Line) -> bool:
        indent_left, indent_right = line.x0 - self.left, self.right - line.x1
        centred = indent_left >= 2 * line.size and abs(indent_left - indent_right) <= 2 * line.size
        return centred or line.size >= 1.2 * self.body_size


def _quantile(values: list[float], q: float) -> float:
    return sorted(values)[int(q * (len(values) - 1))]
