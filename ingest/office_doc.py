"""A report read from a PDF or Word file: its narrative as lines, its tables as grids."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.html_doc import GridRow


@dataclass(frozen=True)
class OfficeDocument:
    text: str  # title, narrative and captions as lines; tables left out, page headers and footers removed
    grids: tuple[tuple[GridRow, ...], ...]  # the tables, in document order, merged cells spanning
    format: str  # "pdf" | "docx"
