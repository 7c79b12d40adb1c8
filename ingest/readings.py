"""What a reader (HTML grid or scraped text) found for one template row, before the identities are applied."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.placement import Token
from ingest.template import Block, Row, TableSpec


@dataclass(frozen=True)
class RowReading:
    table: TableSpec
    block: Block
    row: Row
    label: str  # the row label as printed (evidence)
    cells: tuple[str, ...] | None = None  # exact printed cells, from a grid ("" = blank)
    tokens: tuple[Token, ...] = ()  # from text: the row's numbers, to be placed
    conflicts: tuple[int, ...] = ()  # grid cells that hold two different numbers for one column
    unreadable: str = ""  # why the row's numbers could not be read at all (its cells stay ambiguous)
    units: tuple[tuple[str, str], ...] = ()  # (column key, unit) the column headers print ("万元" in 单位：万元)
    evidence: str = ""  # the sentence that states the row instead of a table ("本年度未收到政府信息公开申请")
    skipped: tuple[int, ...] = ()  # cells the sentence does not establish: left out of the facts

    @property
    def exact(self) -> bool:
        return self.cells is not None

    def unit(self, column_key: str) -> str | None:
        return dict(self.units).get(column_key)

    def key(self, column_index: int) -> str:
        return self.table.cell_key(self.row, self.block.columns[column_index])
