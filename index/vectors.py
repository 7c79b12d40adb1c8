"""Passage vectors in FAISS. The FAISS id of a vector is the id of its row in `chunks`.

Vectors are L2-normalised, so inner product is cosine similarity. Small indexes are exact
(IndexFlatIP). An exact scan costs about 5 ms per 100,000 vectors of 384 floats on this 2-core machine
(measured: 100k vectors p50 4.8 ms); at 10,000 reports (~420,000 passages) that would be ~20 ms of the
30 ms budget of a hybrid search. So past FLAT_LIMIT vectors an inverted-file index (IVF) takes over:
k-means cells (about 2·√N of them, trained on a sample), and a query scans the NPROBE cells nearest it.

Why IVF and not HNSW (measured on the 418,668 passages of the 10,000-report synthetic corpus, against
exact search, `python bench/scale.py`): IVF with 1,024 cells trains and fills in 4 s and finds the exact
top 10 (by score) for every corpus question at nprobe 32, 0.7 ms a query. An HNSW graph (M=16,
efConstruction 40) took 12–15 s to build and, on a corpus where many passages are near-duplicates (the
same template re-published by agency after agency), found the exact best passage for only 35 % of the
questions at efSearch 64, 37 % at 128: graph search gets lost among near-equal neighbours. IVF also
deletes exactly (a direct map from id to cell), so a replaced report leaves nothing behind.

Indexes written before IVF was adopted may hold an HNSW graph with tombstones (removed ids it could not
delete); they still load and answer, and the next ingest or reindex rebuilds them as IVF.
"""

from __future__ import annotations

import errno
import math
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

from index.errors import DamagedIndex

FLAT_LIMIT = 100_000
NPROBE = 32  # cells scanned per query
TRAIN_PER_CELL = 40  # k-means sample: this many vectors per cell (FAISS warns below 39)
RETRAIN_FACTOR = 2  # retrain when the ideal cell count has moved this far from the trained one
HNSW_EF_SEARCH = 64  # for HNSW indexes written by earlier versions
EXACT_SUBSET_LIMIT = 20_000  # a filtered search scores at most this many vectors exactly


@dataclass
class VectorIndex:
    index: faiss.Index
    kind: str  # "flat" | "ivf" | "hnsw" (written by earlier versions only)
    tombstones: int = 0  # HNSW only: removed ids still in the graph

    @classmethod
    def new(cls, dim: int) -> VectorIndex:
        """An empty exact index."""
        return cls(faiss.IndexIDMap2(faiss.IndexFlatIP(dim)), "flat")

    @classmethod
    def build(cls, dim: int, ids: list[int] | np.ndarray, vectors: np.ndarray) -> VectorIndex:
        """An index of the kind that suits this many vectors, holding them."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        fresh = cls.new(dim) if kind_for(len(vectors)) == "flat" else cls(_trained_ivf(dim, vectors), "ivf")
        fresh.add(ids, vectors)
        return fresh

    @classmethod
    def load(cls, path: Path, kind: str, tombstones: int = 0) -> VectorIndex:
        """Read a saved index; DamagedIndex (naming the file, never FAISS's own message) when it is missing
        or unreadable."""
        if not path.is_file():
            raise DamagedIndex(f"{path.name} of generation {path.parent.name} is missing")
        try:
            index = faiss.read_index(str(path))
        except RuntimeError:
            raise DamagedIndex(f"{path.name} of generation {path.parent.name} is damaged") from None
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
            faiss.omp_set_num_threads(os.cpu_count() or 1)  # assigning vectors to cells parallelises
            self.index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), np.asarray(ids, dtype=np.int64))

    def remove(self, ids: list[int]) -> None:
        if not ids:
            return
        if self.kind == "hnsw":
            self.tombstones += len(ids)
        else:
            self.index.remove_ids(np.asarray(ids, dtype=np.int64))

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Nearest (id, cosine) pairs, best first; may include tombstones (the SQL join drops them)."""
        if self.ntotal == 0 or k <= 0:
            return []
        faiss.omp_set_num_threads(1)  # one query: splitting it across threads costs more than it saves
        k = min(k, self.ntotal)
        params = None
        if self.kind == "ivf":  # enough cells to hold k vectors (a filtered search asks for many)
            nlist = self.index.nlist
            params = faiss.SearchParametersIVF(nprobe=min(nlist, max(NPROBE, math.ceil(2 * k * nlist / self.ntotal))))
        scores, ids = self.index.search(query.reshape(1, -1).astype(np.float32), k, params=params)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]

    def score_subset(self, query: np.ndarray, ids: list[int], k: int) -> list[tuple[int, float]]:
        """Exact top-k among the given ids (a filtered search: one agency, one year)."""
        if not ids:
            return []
        # Every chunk of a generation has its vector (build.py keeps that invariant).
        vectors = self.vectors_of(ids)
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

    def vectors_of(self, ids: list[int] | np.ndarray) -> np.ndarray:
        return self.index.reconstruct_batch(np.asarray(ids, dtype=np.int64))


def kind_for(count: int) -> str:
    return "ivf" if count > FLAT_LIMIT else "flat"


def ivf_cells(count: int) -> int:
    """About 2·√N cells, a power of two: ~400 vectors a cell at 420,000 passages; never more than the
    vectors can train (TRAIN_PER_CELL each), which matters only when FLAT_LIMIT is set low."""
    ideal = 2 ** max(8, round(math.log2(2 * math.sqrt(max(count, 1)))))
    return max(1, min(ideal, count // TRAIN_PER_CELL))


def _trained_ivf(dim: int, vectors: np.ndarray) -> faiss.Index:
    cells = ivf_cells(len(vectors))
    index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, cells, faiss.METRIC_INNER_PRODUCT)
    rng = np.random.default_rng(0)  # the same vectors give the same cells
    sample = vectors[np.sort(rng.choice(len(vectors), min(len(vectors), cells * TRAIN_PER_CELL), replace=False))]
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    index.train(sample)
    index.set_direct_map_type(faiss.DirectMap.Hashtable)  # id → cell: exact deletes and reconstruction
    index.nprobe = NPROBE
    return index


def needs_rebuild(vectors: VectorIndex, live: int) -> bool:
    """A new layout is due when the size crossed FLAT_LIMIT, when an IVF index has grown or shrunk far
    from the size its cells were trained for, and for any HNSW graph of an earlier version."""
    if kind_for(live) != vectors.kind:
        return True
    if vectors.kind == "ivf":
        ratio = ivf_cells(live) / vectors.index.nlist
        return ratio >= RETRAIN_FACTOR or ratio <= 1 / RETRAIN_FACTOR
    return False


def rebuilt(vectors: VectorIndex, live_ids: set[int]) -> VectorIndex:
    """A compact index of the right kind holding only the live vectors."""
    ids = np.fromiter(sorted(live_ids), dtype=np.int64, count=len(live_ids))
    data = vectors.vectors_of(ids) if len(ids) else np.zeros((0, vectors.dim), dtype=np.float32)
    return VectorIndex.build(vectors.dim, ids, data)
