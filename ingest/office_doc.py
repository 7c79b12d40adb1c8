"""A report read from a PDF or Word file: its narrative as lines, its tables as grids."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.html_doc import GridRow

_REPORT = re.compile(r"政府信息公开|政务公开")


@dataclass(frozen=True)
class OfficeDocument:
    text: str  # title, narrative and captions as lines; tables left out, page headers and footers removed
    grids: tuple[tuple[GridRow, ...], ...]  # the tables, in document order, merged cells spanning
    format: str  # "pdf" | "docx"
    title: str = ""  # the file's Title property: often the report's title, sometimes a template's or stale

    def stated_title(self) -> str:
        """The Title property when it names a report of a year the text itself states, else ""."""
        years = re.findall(r"(?:19|20)\d{2}", self.title)
        if not _REPORT.search(self.title) or not years or not all(y in self.text[:3000] for y in years):
            return ""
        return self.title
