"""Hybrid retrieval: full-text (FTS5 over character bigrams) and vectors (FAISS), fused by reciprocal rank.

Reciprocal rank fusion (score = Σ 1/(60 + rank)) needs no calibration between BM25 and cosine scales,
and a passage found by both lists rises above one found by either alone. The caller gets each list's
rank and the cosine, so it can decide how much to trust a hit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from index.fts import match_expression, query_terms

RRF_K = 60
FTS_CANDIDATES = 50
VECTOR_CANDIDATES = 50
MAX_TERMS = 12  # the rarest terms of a question carry its meaning; the rest only cost time
COMMON_SHARE = 0.3  # a term in more than this share of passages is dropped (unless nothing else is left)


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

    def sql(self) -> tuple[str, list]:
        parts, params = ["1"], []
        if self.agencies:
            parts.append(f"r.agency IN ({','.join('?' * len(self.agencies))})")
            params += self.agencies
        if self.years:
            parts.append(f"r.year IN ({','.join('?' * len(self.years))})")
            params += self.years
        if self.kind:
            parts.append("c.kind = ?")
            params.append(self.kind)
        return " AND ".join(parts), params


def choose_terms(terms: list[str], doc_freq: dict[str, int], total: int) -> list[str]:
    """The terms worth matching: present in the index, not in most passages, at most MAX_TERMS rarest."""
    present = [t for t in terms if doc_freq.get(t, 0) > 0]
    rare = [t for t in present if doc_freq[t] <= COMMON_SHARE * total] or present
    return sorted(rare, key=lambda t: doc_freq[t])[:MAX_TERMS]


def fts_ranked(conn, question: str, where: tuple[str, list], limit: int = FTS_CANDIDATES) -> list[int]:
    """Chunk ids best first by BM25 over the question's bigrams."""
    terms = query_terms(question)
    if not terms:
        return []
    doc_freq = dict(conn.execute(
        f"SELECT term, doc FROM chunks_fts_vocab WHERE term IN ({','.join('?' * len(terms))})", terms).fetchall())
    total = conn.execute("SELECT count(*) FROM chunks").fetchone()[0]
    chosen = choose_terms(terms, doc_freq, total)
    if not chosen:
        return []
    clause, params = where
    rows = conn.execute(
        "SELECT f.rowid FROM chunks_fts f JOIN chunks c ON c.id = f.rowid JOIN reports r ON r.id = c.report_id "
        f"WHERE chunks_fts MATCH ? AND {clause} ORDER BY bm25(chunks_fts) LIMIT ?",
        [match_expression(chosen), *params, limit],
    ).fetchall()
    return [r[0] for r in rows]


def fuse(*ranked: list[int]) -> list[tuple[int, float]]:
    """Reciprocal rank fusion of ranked id lists: (id, score), best first."""
    scores: dict[int, float] = {}
    for ids in ranked:
        for rank, cid in enumerate(ids, start=1):
            scores[cid] = scores.get(cid, 0.0) + 1.0 / (RRF_K + rank)
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))
