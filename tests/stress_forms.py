"""Stress forms of real reports, made mechanically (nothing typed by hand): the hardest inputs for table
reconstruction that real scraping produces.

Each real report (a saved page, or a crawler's one-cell-per-line text) is first read into its paragraphs and
table rows (cells as printed, a spanned cell once). Then the requests table is changed as real copies change
it: one applicant column left blank (as agencies leave a column they did not fill), optionally every 0 too
(`column_forms`); one row left blank (`row_forms`); one cell misprinted against the report's own totals
(`misprint_forms`). The document is written as scraped text: one cell per line with blank cells dropped, or
cells fused with no separator (a naive get_text()). A row of fused digits or of a few numbers over seven
cells admits many placements, and with a column blank the identities no longer pin them down: the search
space that used to explode, and readings that satisfy the identities without being the report's.

Used by tests/test_tables_bounded.py (no wrong number, against the gold: `wrong_numbers`) and
bench/extract.py (time per form).
"""

from __future__ import annotations

import json
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


def requests_rows(doc: Document, template: str) -> list[tuple[int, int, str]]:
    """(block, row, template row key) of each value row of the requests table: a row whose last seven cells
    are numbers or blank, matched to the template's rows in order by its last label cell."""
    from ingest.labels import label_matches
    from ingest.template import TEMPLATES

    rows = [row for _, row in TEMPLATES[template].table("applications").rows]
    found, cursor = [], 0
    for b, block in enumerate(doc.blocks):
        if not isinstance(block, list) or not any("本年新收" in c for row in block for c in row):
            continue
        for i, row in enumerate(block):
            labels = [c for c in row[:-APPLICANT_COLUMNS] if c]
            if (
                len(row) <= APPLICANT_COLUMNS
                or not labels
                or not all(map(_is_value, row[-APPLICANT_COLUMNS:]))
            ):
                continue
            match = next((k for k in range(cursor, len(rows)) if label_matches(labels[-1], rows[k])), None)
            if match is not None:
                found.append((b, i, rows[match].key))
                cursor = match + 1
    return found


def _edit(doc: Document, cells: dict[tuple[int, int, int], str]) -> Document:
    """The document with some table cells (block, row, value column 0–6) printed otherwise."""
    blocks = list(doc.blocks)
    for (b, i, col), text in cells.items():
        table = [list(row) for row in blocks[b]]
        table[i][len(table[i]) - APPLICANT_COLUMNS + col] = text
        blocks[b] = table
    return Document(doc.title, tuple(blocks))


def _value(doc: Document, b: int, i: int, col: int) -> str:
    row = doc.blocks[b][i]
    return row[len(row) - APPLICANT_COLUMNS + col]


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
    source: str  # the real report it is made from
    text: str
    # keys of the cells left blank: the copy no longer prints their gold
    blanked: frozenset[str] = frozenset()
    misprinted: tuple[tuple[str, int], ...] = ()  # (key, value) the copy prints instead of the gold


def gold(source: str) -> dict:
    return json.loads(next(DATA.rglob(f"{source}.facts.json")).read_text(encoding="utf-8"))


def wrong_numbers(form: StressForm, facts: dict[str, float]) -> dict[str, tuple[float, float]]:
    """The stated values that differ from the gold: (stated, expected). A misprinted cell must read as printed.
    A blanked cell must read as its gold, unless the copy with its blanks as zeros keeps every identity over
    them: the copy is then a consistent report that prints zeros there, which nothing can tell from the truth
    (a report whose own totals break by a row's values, with that row left blank)."""
    from ingest.template import DERIVED_2021, TEMPLATES

    g = gold(form.source)
    expected = {**g["facts"], **dict(form.misprinted)}
    if g["template"] == "2021":  # 三(六) as a whole is the sum of its sub-rows, as printed
        expected |= {k: sum(expected[p] for p in parts) for k, parts in DERIVED_2021.items() if k in expected}
    zeroed = {**expected, **{k: 0 for k in form.blanked}}
    identities = [i for t in TEMPLATES[g["template"]].tables for i in t.identities]
    zeros_read = all(_holds(i, zeroed) for i in identities if form.blanked & {*i.lhs, *i.rhs})
    wrong = {}
    for key, value in facts.items():
        if key not in expected or value == expected[key]:
            continue
        if not (key in form.blanked and value == 0 and zeros_read):
            wrong[key] = (value, expected[key])
    return wrong


def _holds(identity, values: dict) -> bool:
    keys = identity.lhs + identity.rhs
    if not all(k in values for k in keys):
        return True
    return sum(values[k] for k in identity.lhs) == sum(values[k] for k in identity.rhs)


def column_forms(columns=range(APPLICANT_COLUMNS), zeros=(False, True)) -> Iterator[StressForm]:
    """One applicant column (0 = 自然人 … 6 = 总计) of the requests table left blank in every row, as agencies
    leave a column unfilled; optionally every 0 left blank too; written per line and fused."""
    for source, read in SOURCES.items():
        doc = read()
        rows = requests_rows(doc, gold(source)["template"])
        for column in columns:
            edits = {(b, i, column): "" for b, i, _ in rows}
            blanked = frozenset(f"applications.{key}.{COLUMN_NAMES[column]}" for *_, key in rows)
            for zero in zeros:
                form = _edit(doc, edits)
                form = blank_zeros(form) if zero else form
                for kind, write in WRITERS.items():
                    name = f"{source}-{COLUMN_NAMES[column]}-blank{'-zeros-blank' if zero else ''}-{kind}"
                    yield StressForm(name, source, write(form), blanked)


def row_forms() -> Iterator[StressForm]:
    """One row of the requests table printed with no numbers at all (a row left unfilled), per line and
    fused."""
    for source, read in SOURCES.items():
        doc = read()
        for b, i, key in requests_rows(doc, gold(source)["template"]):
            if not any(_value(doc, b, i, c) for c in range(APPLICANT_COLUMNS)):
                continue
            form = _edit(doc, {(b, i, c): "" for c in range(APPLICANT_COLUMNS)})
            blanked = frozenset(f"applications.{key}.{c}" for c in COLUMN_NAMES)
            for kind, write in WRITERS.items():
                yield StressForm(f"{source}-{key}-row-blank-{kind}", source, write(form), blanked)


def misprint_forms(step: int = 3, columns=(0, 6)) -> Iterator[StressForm]:
    """One cell of the requests table printed one higher than the report's own totals allow (a typo that
    breaks the row's total and its column's sums): every `step`-th row, in the given columns, per line and
    fused."""
    for n, (source, read) in enumerate(SOURCES.items()):
        doc = read()
        rows = requests_rows(doc, gold(source)["template"])
        for b, i, key in rows[n % step :: step]:
            for column in columns:
                value = int(_value(doc, b, i, column) or 0) + 1
                form = _edit(doc, {(b, i, column): str(value)})
                misprinted = ((f"applications.{key}.{COLUMN_NAMES[column]}", value),)
                for kind, write in WRITERS.items():
                    name = f"{source}-{key}.{COLUMN_NAMES[column]}-misprinted-{kind}"
                    yield StressForm(name, source, write(form), misprinted=misprinted)


def stress_forms() -> Iterator[StressForm]:
    """The forms bench/extract.py times first: the 总计 or the 自然人 column blank, zeros too or not."""
    return column_forms(columns=(6, 0))
