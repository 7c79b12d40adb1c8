"""Stress forms of real reports, made mechanically (nothing typed by hand): the hardest inputs for table
reconstruction that real scraping produces.

Each real report (a saved page, or a crawler's one-cell-per-line text) is first read into its paragraphs and
table rows (cells as printed, a spanned cell once). Then one column of the requests table is left blank (as
agencies leave a column they did not fill), optionally every 0 too, and the document is written as scraped
text: one cell per line with blank cells dropped, or cells fused with no separator (a naive get_text()). A
row of fused digits or of a few numbers over seven cells admits many placements, and with a column blank the
identities no longer pin them down: the search space that used to explode.

Used by tests/test_tables_bounded.py (no wrong number) and bench/extract.py (time per form).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html

DATA = Path(__file__).parent / "data"
APPLICANT_COLUMNS = 7  # 自然人, five kinds of organisation, 总计: the last seven cells of a requests row
COLUMN_NAMES = (
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other_org",
    "total",
)

Table = list[list[str]]


@dataclass(frozen=True)
class Document:
    title: str
    blocks: tuple[str | Table, ...]  # a paragraph, or a table as rows of printed cells


def from_page(path: Path) -> Document:
    """A saved report page (Word-exported HTML): its article's paragraphs and tables."""
    from ingest.html_doc import build_grid

    root = lxml.html.document_fromstring(path.read_text(encoding="utf-8"))
    title = root.findtext(".//title").split("_")[0]
    body = root.find_class("TRS_Editor")[0]
    blocks: list[str | Table] = []
    for el in body.iter("p", "table"):
        if el.tag == "table":
            blocks.append([[c.text for c in row.distinct_cells()] for row in build_grid(el)])
        elif not any(a.tag == "table" for a in el.iterancestors()):
            blocks.append(el.text_content().strip())
    return Document(title, tuple(b for b in blocks if b))


def from_cell_lines(path: Path, title: str) -> Document:
    """A crawler's text with one cell per line and line breaks as bare CR: a cell ends with three CRs, a row
    with two more, a heading or a table with three or four more; each blank cell adds three CRs. Blank cells
    after a header row (one ending in 总计) start the next row, as table 4's value row does."""
    text = path.read_bytes().decode("utf-8")  # read_text() would turn the CRs into newlines
    blocks: list[str | Table] = []
    table: Table = []
    row: list[str] = []
    for m in re.finditer(r"([^\r]*)(\r*)", text):
        cell, extra = m.group(1), len(m.group(2)) - 3
        if extra < 0:  # running text, not a cell
            blocks += [cell] if cell else []
        elif extra in (3, 4):  # a heading, or a table's last row
            blocks += ([table + [row + [cell]]] if row else [table, cell]) if table or row else [cell]
            table, row = [], []
        elif extra % 3 == 2 and cell == "总计":
            table.append(row + [cell])
            row = [""] * (extra // 3)
        else:
            row += [cell] + [""] * (extra // 3)
            if extra % 3 == 2:
                table.append(row)
                row = []
    return Document(title, tuple(b for b in blocks + [table] if b))


def blank_column(doc: Document, column: int) -> Document:
    """The requests table with one applicant column (0 = 自然人 … 6 = 总计) left blank in every row."""

    def blank(table: Table) -> Table:
        if not any("本年新收" in c for row in table for c in row):
            return table
        out = []
        for row in table:
            values = row[-APPLICANT_COLUMNS:]
            if len(row) > APPLICANT_COLUMNS and all(_is_value(v) for v in values) and any(values):
                row = row[:-APPLICANT_COLUMNS] + [("" if i == column else v) for i, v in enumerate(values)]
            out.append(row)
        return out

    return Document(doc.title, tuple(blank(b) if isinstance(b, list) else b for b in doc.blocks))


def blank_zeros(doc: Document) -> Document:
    def blank(table: Table) -> Table:
        return [["" if c == "0" else c for c in row] for row in table]

    return Document(doc.title, tuple(blank(b) if isinstance(b, list) else b for b in doc.blocks))


def as_lines(doc: Document) -> str:
    """One cell per line, blank cells dropped."""
    lines = [f"标题: {doc.title}"]
    for block in doc.blocks:
        lines += [c for row in block for c in row if c] if isinstance(block, list) else [block]
    return "\n".join(lines)


def as_fused(doc: Document) -> str:
    """Paragraphs on lines of their own; each table's cells run together with no separator."""
    lines = [f"标题: {doc.title}"]
    for block in doc.blocks:
        lines.append("".join(c for row in block for c in row) if isinstance(block, list) else block)
    return "\n".join(lines)


def _is_value(text: str) -> bool:
    return text == "" or re.fullmatch(r"\d+", text) is not None


SOURCES = {
    "2019_hebei_jyt": lambda: from_cell_lines(
        DATA / "tables" / "2019_hebei_jyt.txt", "河北省教育厅2019年政府信息公开工作年度报告"
    ),
    "2021_hebei_jyt": lambda: from_cell_lines(
        DATA / "tables" / "2021_hebei_jyt.txt", "河北省教育厅2021年政府信息公开工作年度报告"
    ),
    **{p.stem: (lambda p=p: from_page(p)) for p in sorted(DATA.glob("*_page.html"))},
}
WRITERS = {"lines": as_lines, "fused": as_fused}


@dataclass(frozen=True)
class StressForm:
    name: str
    source: str  # the real report it is made from (its gold facts hold, except in the blanked column)
    text: str
    blanked: str  # the key suffix of the column left blank ("" when none)


def stress_forms(
    columns: tuple[int, ...] = (6, 0), zeros: tuple[bool, ...] = (False, True)
) -> Iterator[StressForm]:
    for source, read in SOURCES.items():
        doc = read()
        for column in columns:
            for zero in zeros:
                form = blank_column(doc, column)
                form = blank_zeros(form) if zero else form
                for kind, write in WRITERS.items():
                    name = f"{source}-{COLUMN_NAMES[column]}-blank{'-zeros-blank' if zero else ''}-{kind}"
                    yield StressForm(name, source, write(form), COLUMN_NAMES[column])
