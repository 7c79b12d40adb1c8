"""Scoring every key of the standard tables against a question's words.

A key is a row (or a family of rows: 不予公开 = its eight reasons) with one of its columns. Its score is
how much of the question its own words explain — the row's words, its family's words, its table's words
and its column's words, each character counted once, generic verbs and table words counting less,
English characters less than Chinese ones — minus the words it cannot explain: a row or column word
of another key that stands outside its own words (尚未审结, 新制作, 案卷 for a key that lacks them).

The best key is stated only when it explains every specific word of the question and beats the runner-up
(another row, or another column) by MARGIN; otherwise the caller asks which one was meant.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ingest import template as tpl

from ..metrics import COLUMN, FAMILIES, OUTCOME, ROW, TABLE, template_rows
from .metric_hits import Hit

# Calibrated on the template-derived phrasings (tests/test_metric_keys.py): the smallest lead that never
# picked a wrong key there, in units of one Chinese character.
MARGIN = 1.0
_WEIGHT = {"strong": 1.0, "weak": 0.35, "table": 0.3}
_EN_SCALE = 0.45  # an English character says less than a Chinese one
APPLICANT = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "org",
             "total")
OUTCOMES = ("upheld", "corrected", "other", "pending", "total")
DEFAULT_ROW = "applications.new_received"


@dataclass(frozen=True)
class RowInfo:
    key: str
    table: str  # "applications" | "proactive" | "appeals"
    ancestors: tuple[str, ...]
    columns: tuple[str, ...]


@dataclass(frozen=True)
class KeyScore:
    row: str
    column: str | None  # None: the row's default column
    score: float
    spans: tuple[tuple[int, int], ...]  # what the key's words cover
    conflicts: tuple[Hit, ...]  # specific words of other keys outside those spans
    own: tuple[Hit, ...]  # the row, family and column words that support it
    defaulted: bool = False  # chosen by table words alone ("申请" → the year's new requests)


@cache
def rows() -> dict[str, RowInfo]:
    """Every row of both layouts, the families, and the groups of table 4."""
    out: dict[str, RowInfo] = {}
    for table, block, _, key in template_rows():
        cols = APPLICANT if table.key == "applications" else tuple(c.key for c in block.columns)
        old = out.get(key)
        out[key] = RowInfo(key, table.key, (), tuple(dict.fromkeys((*(old.columns if old else ()), *cols))))
    for family in FAMILIES:
        table = "appeals" if family == "litigation" else "applications"
        out.setdefault(family, RowInfo(family, table, (), OUTCOMES if table == "appeals" else APPLICANT))
    for group in tpl.APPEAL_GROUP_LABELS:
        out[group] = RowInfo(group, "appeals", (), OUTCOMES)
    return {k: RowInfo(k, r.table, tuple(a for a in out if k.startswith(a + ".")), r.columns) for k, r in out.items()}


@cache
def table_columns() -> dict[str, frozenset[str]]:
    """Every column key a table's rows have."""
    out: dict[str, set[str]] = {}
    for info in rows().values():
        out.setdefault(info.table, set()).update(info.columns)
    return {t: frozenset(c) for t, c in out.items()}


def _weight(hit: Hit) -> float:
    base = _WEIGHT["table"] if hit.term.kind == TABLE else _WEIGHT["weak" if hit.term.weak else "strong"]
    return base * (_EN_SCALE if hit.english else 1.0)


def _coverage(hits: list[Hit]) -> float:
    best: dict[int, float] = {}
    for h in hits:
        w = _weight(h)
        for i in range(h.start, h.end):
            if best.get(i, 0.0) < w:
                best[i] = w
    return sum(best.values())


def _specific(hit: Hit) -> bool:
    """A word that names a key: a row or column word that is not generic (总计 / total name no key)."""
    return (hit.term.kind in (ROW, COLUMN, OUTCOME) and not hit.term.weak
            and not (hit.term.kind != ROW and hit.term.target == "total"))


def score_keys(hits: list[Hit]) -> list[KeyScore]:
    """Every eligible key, best first. A row is eligible when a word names it (or, for the year's new
    requests, when only table words speak of requests)."""
    speaks_of_requests = any(h.term.kind == TABLE and h.term.target == "applications" for h in hits)
    # A generic English verb names a row of the requests table only in a question about requests ("close" in
    # "close new media accounts" names none).
    named = {h.term.target for h in hits if h.term.kind == ROW and (not h.term.weak or speaks_of_requests or not h.english
                                                                     or not h.term.target.startswith("applications"))}
    out = []
    for info in rows().values():
        defaulted = info.key == DEFAULT_ROW and info.key not in named and speaks_of_requests
        if info.key in named or defaulted:
            out.append(_best_column(info, hits, defaulted))
    return sorted(out, key=lambda k: (-k.score, len(k.conflicts), k.column is not None, k.row))


def _best_column(info: RowInfo, hits: list[Hit], defaulted: bool) -> KeyScore:
    kinds = (OUTCOME,) if info.table == "appeals" else (COLUMN,)
    rows_of_key = {info.key, *info.ancestors}
    row_spans = tuple((h.start, h.end) for h in hits if h.term.kind == ROW and h.term.target in rows_of_key)
    # A column word inside the row's own words ("其他" in 其他处理), or a generic one right before them
    # ("其他" of 其他法律行政法规禁止), does not name a column.
    starts = {s for s, _ in row_spans}
    named = dict.fromkeys(h.term.target for h in hits if h.term.kind in kinds and h.term.target in info.columns
                          and not h.inside(row_spans) and not (h.term.weak and h.end in starts))
    options = [_key_score(info, c, hits, defaulted) for c in named if c != "total"] or [
        _key_score(info, None, hits, defaulted)]
    return max(options, key=lambda k: (k.score, -len(k.conflicts)))


def _key_score(info: RowInfo, column: str | None, hits: list[Hit], defaulted: bool) -> KeyScore:
    kinds = (OUTCOME,) if info.table == "appeals" else (COLUMN,)
    rows_of_key = {info.key, *info.ancestors}
    own = [h for h in hits if (h.term.kind == ROW and h.term.target in rows_of_key)
           or (h.term.kind in kinds and h.term.target in (column, "total"))]
    support = own + [h for h in hits if h.term.kind == TABLE and h.term.target == info.table]
    spans = _union([(h.start, h.end) for h in support])
    # A column word of another table is no column of a named row's ("the decision upheld" in a lawsuit question:
    # 处理决定数量 is table 2's; "too vague even after correction": 结果纠正 is table 4's); the year's new
    # requests, taken only because requests were spoken of, are stopped by any ("尚未审结的申请").
    mine = table_columns()[info.table]
    outside = [h for h in hits if _specific(h) and h not in own and not h.inside(spans)
               and (h.term.kind == ROW or defaulted or h.term.target in mine) and not _overlapped(h, own)
               and not _publishing_verb(h, info)]
    # (a word inside a longer word of another key is that word's: 案卷 in 行政执法案卷)
    conflicts = tuple(h for h in outside if not any(o.length > h.length and h.inside(((o.start, o.end),))
                                                    for o in outside))
    score = _coverage(support) - sum(_weight(h) * h.length for h in conflicts)
    return KeyScore(info.key, column, score, spans, conflicts, tuple(own), defaulted)


# Table 2 counts what is made public: a verb of making or publishing ("issued", "made public") names a column
# only of the rows that count documents; of a row counting decisions (行政处罚: 处理决定数量) it is the table's
# own theme, not another column ("how many penalties did X make public" asks its decisions).
_PUBLISHING = frozenset({"issued", "new_made", "new_published", "total_published"})


def _publishing_verb(hit: Hit, info: RowInfo) -> bool:
    return (info.table == "proactive" and hit.term.kind == COLUMN and hit.term.target in _PUBLISHING
            and not _PUBLISHING & set(info.columns))


def _overlapped(hit: Hit, own: list[Hit]) -> bool:
    """A word that shares characters with a longer phrase of the key is read as part of that phrase
    ("reconsideration first" across "without going through reconsideration first")."""
    return any(o.length > hit.length and o.start < hit.end and hit.start < o.end for o in own)


def _union(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return tuple((s, e) for s, e in merged)


def runner_up(scores: list[KeyScore]) -> KeyScore | None:
    """The best key that differs from the best in its row or its column (the year's new requests, taken only
    because requests were spoken of, is no rival to a row the question names)."""
    if not scores:
        return None
    best = scores[0]
    return next((k for k in scores[1:] if (k.row, k.column) != (best.row, best.column)
                 and (best.defaulted or not k.defaulted)), None)


def decided(scores: list[KeyScore]) -> bool:
    """The best key explains every specific word and leads the runner-up by the margin."""
    if not scores or scores[0].conflicts or scores[0].score <= 0:
        return False
    second = runner_up(scores)
    return second is None or scores[0].score - second.score >= MARGIN
