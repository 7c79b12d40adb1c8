"""Passage vectors in FAISS. The FAISS id of a vector is the id of its row in `chunks`.

Vectors are L2-normalised, so inner product is cosine similarity. Small indexes are exact
(IndexFlatIP). An exact scan costs about 5 ms per 100,000 vectors of 384 floats on this 2-core machine
(measured: 100k vectors p50 4.8 ms, an HNSW graph 0.7 ms); at 10,000 reports (~420,000 passages) that
would be ~20 ms of the 30 ms budget of a hybrid search. So past FLAT_LIMIT vectors an HNSW graph
(M=16, efSearch 64) takes over; below it, exact search is both cheap and exact.

HNSW cannot delete. Removed vectors stay in the graph as tombstones: their ids no longer exist in
`chunks`, so a search drops them when it joins back to SQL. The graph is rebuilt from the live vectors
when tombstones pass a quarter of it.
"""

from __future__ import annotations

import errno
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

FLAT_LIMIT = 100_000
HNSW_M = 16
HNSW_EF_CONSTRUCTION = 40
HNSW_EF_SEARCH = 64
EXACT_SUBSET_LIMIT = 20_000  # a filtered search scores at most this many vectors exactly
REBUILD_TOMBSTONE_SHARE = 0.25


@dataclass
class VectorIndex:
    index: faiss.Index
    kind: str  # "flat" | "hnsw"
    tombstones: int = 0

    @classmethod
    def new(cls, dim: int, kind: str = "flat") -> VectorIndex:
        if kind == "hnsw":
            graph = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            graph.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
            graph.hnsw.efSearch = HNSW_EF_SEARCH
            return cls(faiss.IndexIDMap2(graph), "hnsw")
        return cls(faiss.IndexIDMap2(faiss.IndexFlatIP(dim)), "flat")

    @classmethod
    def load(cls, path: Path, kind: str, tombstones: int = 0) -> VectorIndex:
        index = faiss.read_index(str(path))
        if kind == "hnsw":
            faiss.downcast_index(index.index).hnsw.efSearch = HNSW_EF_SEARCH
        return cls(index, kind, tombstones)

    @property
    def dim(self) -> int:
        return self.index.d

    @property
    def ntotal(self) -> int:
        return self.index.ntotal

    @property
    def live(self) -> int:
        return self.index.ntotal - self.tombstones

    def add(self, ids: list[int] | np.ndarray, vectors: np.ndarray) -> None:
        if len(ids):
            faiss.omp_set_num_threads(os.cpu_count() or 1)  # building a graph does parallelise
            self.index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), np.asarray(ids, dtype=np.int64))

    def remove(self, ids: list[int]) -> None:
        if not ids:
            return
        if self.kind == "flat":
            self.index.remove_ids(np.asarray(ids, dtype=np.int64))
        else:
            self.tombstones += len(ids)

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Nearest (id, cosine) pairs, best first; may include tombstones (the SQL join drops them)."""
        if self.ntotal == 0 or k <= 0:
            return []
        faiss.omp_set_num_threads(1)  # one query: splitting it across threads costs more than it saves
        scores, ids = self.index.search(query.reshape(1, -1).astype(np.float32), min(k, self.ntotal))
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]

    def score_subset(self, query: np.ndarray, ids: list[int], k: int) -> list[tuple[int, float]]:
        """Exact top-k among the given ids (a filtered search: one agency, one year)."""
        if not ids:
            return []
        # Every chunk of a generation has its vector (build.py keeps that invariant).
        vectors = self.index.reconstruct_batch(np.asarray(ids, dtype=np.int64))
        scores = vectors @ query.astype(np.float32).ravel()
        order = np.argsort(-scores)[:k]
        return [(int(ids[j]), float(scores[j])) for j in order]

    def save(self, path: Path) -> None:
        try:
            faiss.write_index(self.index, str(path))
        except RuntimeError as e:
            # FAISS reports a failed write as a RuntimeError; say whether the disk is the reason.
            if shutil.disk_usage(path.parent).free < 64 * 1024 * 1024 or "space" in str(e).lower():
                raise OSError(errno.ENOSPC, "No space left on device", str(path)) from e
            raise

    def all_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        """(ids, vectors) of everything stored, tombstones included."""
        ids = faiss.vector_to_array(self.index.id_map).astype(np.int64)
        if not len(ids):
            return ids, np.zeros((0, self.dim), dtype=np.float32)
        return ids, self.index.index.reconstruct_n(0, self.ntotal)


def kind_for(count: int) -> str:
    return "hnsw" if count > FLAT_LIMIT else "flat"


def needs_rebuild(vectors: VectorIndex, live: int) -> bool:
    """A new layout is due when the size crossed FLAT_LIMIT, or when tombstones crowd the graph."""
    if kind_for(live) != vectors.kind:
        return True
    return vectors.kind == "hnsw" and vectors.tombstones > REBUILD_TOMBSTONE_SHARE * max(vectors.ntotal, 1)


def rebuilt(vectors: VectorIndex, live_ids: set[int]) -> VectorIndex:
    """A compact index of the right kind holding only the live vectors."""
    ids, data = vectors.all_vectors()
    keep = np.fromiter((i in live_ids for i in ids), dtype=bool, count=len(ids))
    fresh = VectorIndex.new(vectors.dim, kind_for(int(keep.sum())))
    fresh.add(ids[keep], data[keep])
    return fresh
