"""Domain types of the index: what a reader of the index gets back. Defined once, used by bot/."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReportRecord:
    id: int
    agency: str
    year: int | None
    title: str
    published: str | None
    url: str | None
    template: str
    source_name: str
    sha256: str
    failed_checks: tuple[str, ...] = ()  # details of the identities the report's own numbers break


@dataclass(frozen=True)
class AgencyRecord:
    name: str  # full official name, e.g. 盘锦市营商环境建设局
    region: str  # 盘锦市 / 平潭综合实验区
    department: str  # 营商环境建设局 ("" for a region-wide report)
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class FactRecord:
    report_id: int
    agency: str
    year: int | None
    key: str
    value: float | None  # None for an ambiguous cell
    unit: str | None
    printed: str
    label: str  # row label as printed (evidence)
    status: str = "certain"  # "certain" | "ambiguous"
    computed: float | None = None  # for an ambiguous cell: the value the identities imply, if any
    candidates: tuple[float, ...] = ()


@dataclass(frozen=True)
class Chunk:
    """A passage: a narrative piece or one table row, with the context it is embedded with."""

    id: int
    report_id: int
    section: str
    ordinal: int
    text: str
    start: int = 0
    end: int = 0
    kind: str = "narrative"  # "narrative" | "table"


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    report: ReportRecord
    score: float  # fused score, higher is better
    fts_rank: int | None = None
    vector_rank: int | None = None
    vector_score: float | None = None  # cosine similarity of the best vector match
