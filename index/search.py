"""Hybrid retrieval: full-text (FTS5 over character bigrams) and vectors (FAISS), fused by reciprocal rank.

Reciprocal rank fusion (score = Σ 1/(60 + rank)) needs no calibration between BM25 and cosine scales,
and a passage found by both lists rises above one found by either alone. The caller gets each list's
rank and the cosine, so it can decide how much to trust a hit.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from index.fts import match_expression, query_terms

_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
RRF_K = 60
FTS_CANDIDATES = 50
VECTOR_CANDIDATES = 50
MAX_TERMS = 12  # the rarest terms of a question carry its meaning; the rest only cost time
COMMON_SHARE = 0.3  # a term in more than this share of passages is dropped (unless nothing else is left)
POSTINGS_BUDGET = 12_000  # bounds a query's work (~10 ms here) whatever the size of the index
MAX_RANGES = 16  # a filter selecting more reports than this ranks over the whole index, then filters


@dataclass(frozen=True)
class Filter:
    """Which chunks a search may return, as SQL over `chunks c JOIN reports r`."""

    agencies: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    kind: str | None = None

    @classmethod
    def of(cls, agencies: Iterable[str] | None, years: Iterable[int] | None, kind: str | None) -> Filter:
        return cls(tuple(agencies or ()), tuple(int(y) for y in years or ()), kind)

    @property
    def empty(self) -> bool:
        return not (self.agencies or self.years or self.kind)

    def sql(self, *, reports_only: bool = False) -> tuple[str, list]:
        """A WHERE clause over `chunks c JOIN reports r` (or over `reports r` alone)."""
        parts, params = ["1"], []
        if self.agencies:
            parts.append(f"r.agency IN ({','.join('?' * len(self.agencies))})")
            params += self.agencies
        if self.years:
            parts.append(f"r.year IN ({','.join('?' * len(self.years))})")
            params += self.years
        if self.kind and not reports_only:
            parts.append("c.kind = ?")
            params.append(self.kind)
        return " AND ".join(parts), params


def has_chinese(text: str) -> bool:
    """The reports are Chinese: a question without a Chinese character only matches stray Latin tokens
    (URLs, e-mail addresses) by full text, so such a question is answered from vectors alone."""
    return bool(_CJK.search(text))


def choose_terms(terms: list[str], doc_freq: dict[str, int], total: int) -> list[str]:
    """The terms worth matching, rarest first: present in the index, not in most passages, and together
    within POSTINGS_BUDGET postings (the work of a full-text query grows with the postings it reads).
    The two rarest present terms are always kept."""
    present = sorted((t for t in terms if doc_freq.get(t, 0) > 0), key=lambda t: doc_freq[t])
    chosen: list[str] = []
    postings = 0
    for term in present:
        common = doc_freq[term] > COMMON_SHARE * total
        if len(chosen) >= 2 and (common or postings + doc_freq[term] > POSTINGS_BUDGET or len(chosen) >= MAX_TERMS):
            break
        chosen.append(term)
        postings += doc_freq[term]
    return chosen


def fts_ranked(conn, question: str, where: Filter, limit: int = FTS_CANDIDATES) -> list[int]:
    """Chunk ids best first by BM25 over the question's bigrams, restricted to `where`."""
    terms = query_terms(question)
    if not terms:
        return []
    doc_freq = _doc_freq(conn, terms)
    total = conn.execute("SELECT max(id) FROM chunks").fetchone()[0] or 0  # an upper bound, without a scan
    chosen = choose_terms(terms, doc_freq, total)
    if not chosen:
        return []
    match = match_expression(chosen)
    ranges = None if where.empty else _id_ranges(conn, where)
    if ranges is None:
        return _ranked_whole(conn, match, where, limit)
    scored: list[tuple[float, int]] = []
    for low, high in ranges:
        # Chunks of a report have consecutive ids, and FTS5 seeks within a rowid range: a narrow filter
        # reads only its own reports' postings.
        scored += [(score, cid) for cid, score in conn.execute(
            "SELECT rowid, rank FROM chunks_fts WHERE chunks_fts MATCH ? AND rowid BETWEEN ? AND ? "
            "ORDER BY rank LIMIT ?", [match, low, high, limit])]
    keep = _allowed(conn, [cid for _, cid in scored], where) if where.kind else None
    return [cid for _, cid in sorted(scored) if keep is None or cid in keep][:limit]


def _doc_freq(conn, terms: list[str]) -> dict[str, int]:
    marks = ",".join("?" * len(terms))
    try:
        return dict(conn.execute(f"SELECT term, df FROM term_df WHERE term IN ({marks})", terms).fetchall())
    except sqlite3.OperationalError:  # a generation written before term_df existed (read-only: not migrated)
        return dict(conn.execute(f"SELECT term, doc FROM chunks_fts_vocab WHERE term IN ({marks})", terms).fetchall())


def _ranked_whole(conn, match: str, where: Filter, limit: int) -> list[int]:
    """Rank over the whole index, then keep what the filter allows (fetching more when filtered)."""
    fetch = limit if where.empty else limit * 8
    ids = [r[0] for r in conn.execute(
        "SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY rank LIMIT ?", [match, fetch])]
    if where.empty:
        return ids
    keep = _allowed(conn, ids, where)
    return [cid for cid in ids if cid in keep][:limit]


def _id_ranges(conn, where: Filter) -> list[tuple[int, int]] | None:
    """Chunk-id ranges of the reports a filter selects; None when it selects too many to query one by one."""
    clause, params = where.sql(reports_only=True)
    rows = conn.execute(
        f"SELECT min(c.id), max(c.id) FROM reports r JOIN chunks c ON c.report_id = r.id WHERE {clause} "
        "GROUP BY r.id ORDER BY 1 LIMIT ?", [*params, MAX_RANGES + 1]).fetchall()
    if len(rows) > MAX_RANGES:
        return None
    merged: list[tuple[int, int]] = []
    for low, high in rows:
        if merged and low == merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], high)
        else:
            merged.append((low, high))
    return merged


def _allowed(conn, ids: list[int], where: Filter) -> set[int]:
    if not ids:
        return set()
    clause, params = where.sql()
    rows = conn.execute(
        "SELECT c.id FROM chunks c JOIN reports r ON r.id = c.report_id "
        f"WHERE c.id IN ({','.join('?' * len(ids))}) AND {clause}", [*ids, *params]).fetchall()
    return {r[0] for r in rows}


def fuse(*ranked: list[int]) -> list[tuple[int, float]]:
    """Reciprocal rank fusion of ranked id lists: (id, score), best first."""
    scores: dict[int, float] = {}
    for ids in ranked:
        for rank, cid in enumerate(ids, start=1):
            scores[cid] = scores.get(cid, 0.0) + 1.0 / (RRF_K + rank)
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))
