"""Where a finding comes from: a table row or a narrative sentence of a report, as an answer's Source."""

from __future__ import annotations

from ingest.types import format_number

from ..compose.names import table_name, table_of
from ..types import Source
from .types import Cell, ReportView, Sentence


def cell_source(view: ReportView, cells: list[Cell] | tuple[Cell, ...]) -> Source:
    """One table of one report, quoting the cells involved as "row label 值" pairs."""
    table = table_name(table_of(cells[0].key), "zh") if cells else ""
    quote = "；".join(f"{cell_words(c)} {c.shown}" for c in cells)
    return Source(view.record.title, view.agency, view.year, table, quote, view.record.url)


def sentence_source(view: ReportView, sentence: Sentence) -> Source:
    return Source(view.record.title, view.agency, view.year, sentence.section, sentence.text, view.record.url)


def cell_words(cell: Cell) -> str:
    """A cell as a reader finds it in the report: the printed row label and the column, in Chinese."""
    from ..compose.facts import column_label

    row, column = cell.key.rsplit(".", 1)
    label = cell.label.strip() or row
    if row.startswith(("review", "litigation")):
        from ingest.template import APPEAL_GROUP_LABELS

        return f"{APPEAL_GROUP_LABELS.get(row, (row,))[0]} {column_label(row, column, 'zh')}"
    return f"{label} {column_label(row, column, 'zh')}"


_SHORT = {"proactive": ("表二", "table 2"), "applications": ("表三", "table 3"), "appeals": ("表四", "table 4")}


def table_short(key: str) -> tuple[str, str]:
    """("表三", "table 3") for a key of table 3."""
    return _SHORT.get(table_of(key), ("表中", "the table"))


def number(value: float | None) -> str:
    return "?" if value is None else format_number(value)
