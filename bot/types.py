"""Domain types of a question and its answer. `Answer.to_contract()` is the JSON line of `xxgk ask --json`."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("fact", "narrative", "compare", "list", "clarify", "not_found")


@dataclass(frozen=True)
class Source:
    title: str
    agency: str
    year: int | None
    section: str
    quote: str
    url: str | None = None


@dataclass(frozen=True)
class FactRef:
    key: str
    value: float
    agency: str
    year: int | None


@dataclass(frozen=True)
class Query:
    """What was understood of a question."""

    text: str
    lang: str  # "zh" | "en"
    agencies: tuple[str, ...] = ()  # full names matched
    years: tuple[int, ...] = ()
    year_defaulted: bool = False  # no year in the question: the latest indexed year was taken
    keys: tuple[str, ...] = ()  # canonical fact keys the question asks for
    intent: str = "fact"  # fact | compare | rank | list | narrative
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    question: str
    kind: str  # one of KINDS
    text: str
    value: float | None = None
    facts: tuple[FactRef, ...] = ()
    sources: tuple[Source, ...] = ()
    options: tuple[str, ...] = ()  # for "clarify": what the user can pick
    lang: str = "zh"
    query: Query | None = field(default=None, compare=False)

    def to_contract(self, elapsed_ms: float | None = None) -> dict:
        out = {
            "question": self.question,
            "kind": self.kind,
            "answer": self.text,
            "value": _num(self.value),
            "facts": [
                {"key": f.key, "value": _num(f.value), "agency": f.agency, "year": f.year} for f in self.facts
            ],
            "sources": [
                {
                    "title": s.title,
                    "agency": s.agency,
                    "year": s.year,
                    "section": s.section,
                    "quote": s.quote,
                    "url": s.url,
                }
                for s in self.sources
            ],
            "options": list(self.options),
        }
        if elapsed_ms is not None:
            out["elapsed_ms"] = round(elapsed_ms, 2)
        return out


def _num(v: float | None) -> int | float | None:
    if v is None:
        return None
    return int(v) if float(v).is_integer() else v
