"""The fallback for metric wording the dictionary does not know: embedding similarity between the
question and a description of every row of the standard tables.

Used where a guess would risk a wrong number: a question speaks of requests with words the dictionary
cannot place ("有多少申请被驳回了？"), which it alone would read as the year's new requests. The closest
rows are offered as a clarify answer, never taken silently: measured on such paraphrases, the small
multilingual model ranks the right row first too rarely to state its number. The row descriptions (the
template's Chinese and English labels with the dictionary's words) are embedded once per process and
embedder, lazily, with the index's own embedder.
"""

from __future__ import annotations

import contextlib
import weakref
from dataclasses import dataclass

import numpy as np

from ..metrics import FAMILIES, FAMILIES_EN, ROW, terms


@dataclass(frozen=True)
class RowVectors:
    rows: tuple[str, ...]
    vectors: np.ndarray


# Keyed by the embedder object itself (weakly), so a new index with another model never reuses vectors.
_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


# The rows offered: the headline rows and families of table 3 (a reader picks among these, then may
# ask for a reason within them).
HEADLINE_ROWS = ("applications.new_received", "applications.carried_over", "applications.results.granted",
                 "applications.results.partially_granted", "applications.results.denied",
                 "applications.results.unavailable", "applications.results.not_processed", "applications.results.other",
                 "applications.results.total", "applications.carried_forward")


def descriptions() -> dict[str, str]:
    by_row: dict[str, list[str]] = {}
    for term in terms():
        if term.kind == ROW and term.target.startswith("applications."):
            by_row.setdefault(term.target, []).append(term.text)
    for family, label in FAMILIES.items():
        if family in by_row:
            by_row[family] = [label, FAMILIES_EN[family], *by_row[family]]
    return {row: "政府信息公开申请 " + " ".join(dict.fromkeys(words))[:300] for row, words in by_row.items()}


def row_vectors(embedder, home=None) -> RowVectors:
    cached = _CACHE.get(embedder)
    if cached is None:
        texts = descriptions()
        vectors = np.asarray(_embedded(embedder, list(texts.values()), home), dtype=np.float32)
        cached = RowVectors(tuple(texts), vectors)
        with contextlib.suppress(TypeError):  # an embedder that cannot be weakly referenced is not cached
            _CACHE[embedder] = cached
    return cached


def _embedded(embedder, texts: list[str], home) -> np.ndarray:
    """Through the home's embedding cache when there is one: the descriptions are embedded once per home
    (about two seconds on a busy 2-core machine), not in every process that asks."""
    if home is not None and getattr(embedder, "cacheable", False):
        from index.embed_cache import EmbeddingCache, embed_passages
        from index.home import cache_file

        try:
            cache = EmbeddingCache(cache_file(home))
        except Exception:  # noqa: BLE001 - a cache that cannot be opened only costs time
            cache = None
        if cache is not None:
            try:
                return embed_passages(embedder, texts, cache)[0]
            finally:
                cache.close()
    return embedder.embed_passages(texts)


def closest_rows(question_vector: np.ndarray, embedder, n: int, among: tuple[str, ...] = HEADLINE_ROWS,
                 home=None) -> list[str]:
    """The n rows (of `among`) most similar to the question, best first (`home`: the index's data home,
    whose embedding cache keeps the rows' vectors)."""
    table = row_vectors(embedder, home)
    scores = table.vectors @ np.asarray(question_vector, dtype=np.float32)
    return [table.rows[i] for i in np.argsort(-scores) if table.rows[i] in among][:n]
