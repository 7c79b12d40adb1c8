"""The one seam between the audit and the metric dictionary that answering uses (its terms in bot/metrics.py,
its reading of a phrase in bot/understand/metric.py): which table rows and columns a phrase of a report's
narrative names, with the dictionary's candidates beside its best reading.

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
    rows = tuple(dict.fromkeys((metric.row, *metric.rows, *(row for row, _ in metric.candidates))))
    if not _own_word(squash(phrase), rows) and not (rows[0].startswith("applications") and "申请" in phrase):
        return None  # only a generic verb ("收到群众诉求348件", "受理网络问政182件"): not about requests
    if metric.row.startswith("applications"):
        return Named(rows, _applicant_columns(squash(phrase)))
    return Named(rows, (metric.column,) if metric.column else ())


def _own_word(text: str, rows: tuple[str, ...]) -> bool:
    """Whether a row is named by a word of its own, not only by a generic verb (收到, 受理, 办结)."""
    return any(t.target in rows and t.text in text and not t.weak for t in _chinese_row_terms())


@lru_cache(maxsize=1)
def _chinese_row_terms():
    return tuple(t for t in terms() if t.kind == ROW and not t.text.isascii())



def _applicant_columns(text: str) -> tuple[str, ...]:
    """Applicant columns named in a (squashed) phrase, longest words first, without overlaps, and not
    inside a row's own words (the 其他 of 其他处理 is no column)."""
    taken = [span for word in _chinese_row_words() for span in _spans(text, word)]
    found: list[str] = []
    for term in _column_terms():
        for start, end in _spans(text, term.text):
            if all(end <= s or e <= start for s, e in taken):
                taken.append((start, end))
                found.append(term.target)
    return tuple(dict.fromkeys(found))


def _spans(text: str, word: str) -> list[tuple[int, int]]:
    out, start = [], text.find(word)
    while start >= 0:
        out.append((start, start + len(word)))
        start = text.find(word, start + len(word))
    return out


@lru_cache(maxsize=1)
def _column_terms():
    words = [t for t in terms() if t.kind == COLUMN and t.target in _APPLICANT and not t.text.isascii()]
    return tuple(sorted(words, key=lambda t: -len(t.text)))


def _row_words(text: str) -> bool:
    return any(word in text for word in _chinese_row_words())


@lru_cache(maxsize=1)
def _chinese_row_words() -> tuple[str, ...]:
    return tuple({t.text for t in _chinese_row_terms()})
