"""The one seam between the audit and the metric dictionary that answering uses (bot/metrics.py and
bot/understand/metric.py): which table rows and columns a phrase of a report's narrative names.

Nothing here adds words: a phrase names what the dictionary says it names. Kept to one public function
so that a change of the dictionary's API touches this module only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ingest.template import squash

from ..metrics import COLUMN, ROW, terms
from ..understand.metric import parse_metric

_APPLICANT = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "org")


@dataclass(frozen=True)
class Named:
    """What a phrase names in the standard tables."""

    rows: tuple[str, ...]  # row keys or families (不予公开 = its eight reasons), the dictionary's best first
    columns: tuple[str, ...] = ()  # the columns named; () when the phrase names none


@lru_cache(maxsize=4096)
def read_phrase(phrase: str) -> Named | None:
    """The rows and columns a phrase names, or None when it names no row by a word of its own (a bare
    "申请" is not enough: the dictionary's default reading of it is a guess, not what the text says).
    Applicant columns are every one named ("公民、法人和其他组织" names them all); other tables' columns
    are the dictionary's choice for the row."""
    if not _row_words(squash(phrase)):
        return None  # most numbers of a narrative count nothing the tables count: a cheap test first
    metric = parse_metric(phrase)
    if metric.row is None or metric.defaulted:
        return None
    rows = tuple(dict.fromkeys((metric.row, *metric.rows)))
    if metric.row.startswith("applications"):
        return Named(rows, _applicant_columns(squash(phrase)))
    return Named(rows, (metric.column,) if metric.column else ())


def _applicant_columns(text: str) -> tuple[str, ...]:
    """Applicant columns named in a (squashed) phrase, longest words first, without overlaps."""
    taken: list[tuple[int, int]] = []
    found: list[str] = []
    for term in _column_terms():
        start = text.find(term.text)
        while start >= 0:
            end = start + len(term.text)
            if all(end <= s or e <= start for s, e in taken):
                taken.append((start, end))
                found.append(term.target)
            start = text.find(term.text, end)
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=1)
def _column_terms():
    words = [t for t in terms() if t.kind == COLUMN and t.target in _APPLICANT and not t.text.isascii()]
    return tuple(sorted(words, key=lambda t: -len(t.text)))


def _row_words(text: str) -> bool:
    return any(word in text for word in _chinese_row_words())


@lru_cache(maxsize=1)
def _chinese_row_words() -> tuple[str, ...]:
    return tuple({t.text for t in terms() if t.kind == ROW and not t.text.isascii()})
