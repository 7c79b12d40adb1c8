"""Domain types of the audit: a finding, the cells it involves, and the report it is read from."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from index.types import Chunk, FactRecord, ReportRecord
from ingest.types import Check, format_number

from ..types import Source

CONTRADICTION, POSSIBLE = "contradiction", "possible"


@dataclass(frozen=True)
class Cell:
    """A table cell a finding involves: its key, its value (None when it cannot be read), where it is."""

    key: str
    value: float | None
    agency: str
    year: int | None
    label: str = ""  # the row label as printed

    @property
    def shown(self) -> str:
        return "?" if self.value is None else format_number(self.value)


@dataclass(frozen=True)
class Finding:
    """One contradiction of a report: the rule that found it, the cells and sentences involved, and what
    it means in Chinese and English. `detail` is English (as the checks of `xxgk extract` are)."""

    agency: str
    year: int | None
    rule: str
    severity: str  # CONTRADICTION | POSSIBLE
    detail: str
    detail_zh: str
    cells: tuple[Cell, ...] = ()
    quotes: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    report_id: int = 0
    note_zh: str = ""  # one short line for an answer that states one of the cells ("报告正文说…，表三为95。")
    note_en: str = ""

    def text(self, lang: str) -> str:
        return self.detail_zh if lang == "zh" else self.detail

    def note(self, lang: str, where: str = "") -> str:
        """"注意：报告正文说…，表二为470。" — `where` names the report when an answer spans several."""
        if lang == "zh":
            return f"注意{f'（{where}）' if where else ''}：{self.note_zh or self.detail_zh}"
        return f"Note{f' ({where})' if where else ''}: {self.note_en or self.detail}"

    def involves(self, key: str, agency: str, year: int | None) -> bool:
        return any(c.key == key and c.agency == agency and c.year == year for c in self.cells)

    def to_contract(self) -> dict:
        """One object of `xxgk audit --json` (architecture.md), extended with the Chinese wording and the
        rule's explanation; never renamed."""
        from .rules import RULES

        rule = RULES[self.rule]
        return {
            "agency": self.agency,
            "year": self.year,
            "rule": self.rule,
            "severity": self.severity,
            "detail": self.detail,
            "cells": [{"key": c.key, "value": _num(c.value), "agency": c.agency, "year": c.year, "label": c.label}
                      for c in self.cells],
            "quotes": list(self.quotes),
            "sources": [{"title": s.title, "agency": s.agency, "year": s.year, "section": s.section,
                         "quote": s.quote, "url": s.url} for s in self.sources],
            "detail_zh": self.detail_zh,
            "title": {"zh": rule.title_zh, "en": rule.title_en},
            "explanation": {"zh": rule.explain_zh, "en": rule.explain_en},
        }


@dataclass(frozen=True)
class Sentence:
    """A sentence of a report's narrative, with the section it stands in."""

    text: str
    section: str


@dataclass(frozen=True)
class ReportView:
    """What the rules read of one indexed report: its record, facts by key, identity checks, narrative."""

    record: ReportRecord
    facts: dict[str, FactRecord] = field(default_factory=dict)
    checks: tuple[Check, ...] = ()
    sentences: tuple[Sentence, ...] = ()

    @property
    def agency(self) -> str:
        return self.record.agency

    @property
    def year(self) -> int | None:
        return self.record.year

    def value(self, key: str) -> float | None:
        """The cell's value when it is certain."""
        fact = self.facts.get(key)
        return fact.value if fact is not None and fact.status == "certain" else None

    def possible(self, key: str) -> frozenset[float] | None:
        """Every value the cell can have: its value when certain, the placements still possible when not,
        None when nothing is known (missing, or an ambiguity with no candidates)."""
        fact = self.facts.get(key)
        if fact is None:
            return None
        if fact.status == "certain":
            return frozenset((fact.value,))
        return frozenset(fact.candidates) or None

    def cell(self, key: str) -> Cell:
        fact = self.facts.get(key)
        return Cell(key, self.value(key), self.agency, self.year, fact.label if fact else "")

    @cached_property
    def claims(self) -> list:
        """What the narrative states about counted things (bot/audit/claims.py), read once."""
        from .claims import claims

        return claims(self.sentences)


def _num(v: float | None) -> int | float | None:
    if v is None:
        return None
    return int(v) if float(v).is_integer() else v


def narrative_sentences(chunks: list[Chunk]) -> tuple[Sentence, ...]:
    """The narrative passages back as sentences (a passage is its context line, a newline, then whole
    sentences of one section)."""
    from index.chunking import sentence_spans

    out = []
    for chunk in chunks:
        if chunk.kind != "narrative":
            continue
        body = chunk.text.split("\n", 1)[-1]
        out += [Sentence(body[s:e].strip(), chunk.section) for s, e in sentence_spans(body)]
    return tuple(s for s in out if s.text)
