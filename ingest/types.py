"""Domain types of a parsed report. Defined once here and passed along the flow (ingest → index → bot)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Fact:
    """One certain table cell under its canonical key (see shared facts-keys.md).

    `printed` keeps how the cell looked ("" for a blank cell, "/", "0", "251000元"); `label` is the
    row label as printed in the report, the evidence an answer quotes.
    """

    key: str
    value: int | float  # exact as printed: an int for a whole number, a float only for a decimal
    unit: str | None = None
    printed: str = ""
    label: str = ""

    @property
    def display(self) -> str:
        """The value as a person reads it: 23, -15, 7539.443252."""
        return format_number(self.value)


@dataclass(frozen=True)
class Ambiguity:
    """A cell whose value cannot be stated: its place in the row is not certain, or it contradicts an identity.

    `candidates` are the values still possible; `computed` is the value the identities imply, offered
    only as computed, never as read.
    """

    key: str
    reason: str
    candidates: tuple[float, ...] = ()
    computed: float | None = None
    label: str = ""


@dataclass(frozen=True)
class Check:
    """One arithmetic identity of the standard tables (勾稽关系), evaluated on the report's own numbers."""

    rule: str
    ok: bool
    detail: str


@dataclass(frozen=True)
class Section:
    """A narrative section: its heading as printed and its text."""

    heading: str
    text: str


@dataclass(frozen=True)
class ReportMeta:
    agency: str
    year: int | None
    published: str | None = None  # YYYY-MM-DD
    title: str = ""
    index_no: str | None = None  # 索引号
    url: str | None = None
    template: str = "pre-2019"  # "2019" | "2021" | "pre-2019"
    publisher: str | None = None  # 发文机关 / 发布机构 when it differs from the agency
    agency_printed: str = ""  # the agency as printed, when that differs: 上海市科委, an OCR slip 沐阳县…
    agency_source: str = ""  # where the agency was read: title, attachment, signature, …, given; "" unknown
    year_source: str = ""  # where the year was read: title, statistics period, …, given
    corrections: tuple[str, ...] = ()  # what was corrected in the printed agency name, and why


@dataclass(frozen=True)
class SourceInfo:
    name: str  # file name or URL
    sha256: str
    format: str  # "html" | "text"
    encoding: str
    layout: str = ""  # how the tables were read: "html-grid", "text-lines", "text-fused", "none"


@dataclass(frozen=True)
class ParsedReport:
    meta: ReportMeta
    source: SourceInfo
    facts: tuple[Fact, ...] = ()
    ambiguous: tuple[Ambiguity, ...] = ()
    checks: tuple[Check, ...] = ()
    sections: tuple[Section, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def fact(self, key: str) -> Fact | None:
        for f in self.facts:
            if f.key == key:
                return f
        return None

    @property
    def failed_checks(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.ok)

    def to_contract(self) -> dict:
        """The `xxgk extract --json` object of architecture.md (extended with evidence, never renamed)."""
        return {
            "agency": self.meta.agency,
            "year": self.meta.year,
            "published": self.meta.published,
            "template": self.meta.template,
            "facts": {f.key: _json_number(f.value) for f in self.facts},
            "ambiguous": [a.key for a in self.ambiguous],
            "checks": [{"rule": c.rule, "ok": c.ok, "detail": c.detail} for c in self.checks],
            "title": self.meta.title,
            "index_no": self.meta.index_no,
            "url": self.meta.url,
            "publisher": self.meta.publisher,
            "agency_printed": self.meta.agency_printed,
            "agency_source": self.meta.agency_source,
            "year_source": self.meta.year_source,
            "corrections": list(self.meta.corrections),
            "units": {f.key: f.unit for f in self.facts if f.unit},
            "printed": {f.key: f.printed for f in self.facts if f.printed != format_number(f.value)},
            "computed": {a.key: _json_number(a.computed) for a in self.ambiguous if a.computed is not None},
            "layout": self.source.layout,
            "encoding": self.source.encoding,
        }


def format_number(value: int | float) -> str:
    """The number as printed: every digit of an int; a decimal with the digits it was read with."""
    if isinstance(value, int):
        return str(value)
    if float(value).is_integer():
        return str(int(value))
    shortest = repr(float(value))  # the fewest digits that read back as the same float
    return shortest if "e" not in shortest else f"{value:.10f}".rstrip("0").rstrip(".")


def _json_number(value: int | float) -> int | float:
    return value if isinstance(value, int) or not float(value).is_integer() else int(value)
