"""An admin's upload caption: the agency and the year of a copy that states neither, as `xxgk ingest` takes
them with --agency and --year.

Accepted: "agency: 河北省教育厅 year: 2019", "单位：河北省教育厅 年度：2019", "--agency 河北省教育厅 --year 2019",
or just "河北省教育厅 2019" (a name and a year). Any other caption is a note, not a hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.agency_names import given_agency, official_name

_AGENCY = re.compile(r"(?:--agency[\s=]+|(?:\bagency|单位|机关|部门)\s*[:：=]\s*)(?P<v>[^\s,，;；]+)", re.IGNORECASE)
_YEAR = re.compile(r"(?:--year[\s=]+|(?:\byear|年度|年份)\s*[:：=]\s*)(?P<v>\d{4})", re.IGNORECASE)
_BARE = re.compile(r"\s*(?P<name>[^\d\s]*)\s*(?:(?P<year>(?:19|20)\d{2})\s*年?度?)?\s*")


@dataclass(frozen=True)
class UploadHints:
    agency: str | None = None
    year: int | None = None

    def as_kwargs(self) -> dict:
        """Only what was given, so an ingest function without these options is called as before."""
        return {k: v for k, v in (("agency", self.agency), ("year", self.year)) if v}


def read_caption(caption: str | None) -> UploadHints:
    """The hints in a caption; raises NotAnAgencyName when the agency given is no agency's name, ValueError
    when the year is no report's year."""
    text = (caption or "").strip()
    agency, year = _AGENCY.search(text), _YEAR.search(text)
    if not agency and not year:
        return _bare(text)
    name = agency.group("v") if agency else None
    return UploadHints(given_agency(name).printed if name else None, _year(year.group("v")) if year else None)


def _bare(text: str) -> UploadHints:
    """"河北省教育厅 2019" (a name, a year, or both, and nothing else); any other caption is a note to
    the admin's chat, not a hint, and is ignored."""
    m = _BARE.fullmatch(text)
    name = m and m.group("name")
    if not m or (name and official_name(name) is None):
        return UploadHints()
    return UploadHints(name or None, _year(m.group("year")) if m.group("year") else None)


def _year(text: str) -> int:
    if not 1990 <= int(text) <= 2100:
        raise ValueError(f"“{text}” is not a report year (1990–2100)")
    return int(text)
