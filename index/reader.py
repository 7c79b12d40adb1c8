"""The read side of the index: what `bot/` answers from.

`Index.open` is on the path of every `xxgk ask`, so it only reads CURRENT and meta.json and opens the
SQLite file; the FAISS file and the embedding model load on the first vector search. An open Index
keeps answering from its own generation even after a newer one is published.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from index import store
from index.embed import Embedder, load_embedder
from index.embed_cache import cache_problem
from index.errors import DamagedIndex, IndexBusy, IndexProblem, NoIndex, damaged
from index.generations import DB_FILE, META_FILE, VECTORS_FILE, Meta, ReaderLock, current, holds_reports
from index.home import cache_file, configured_model, resolve_home
from index.search import FTS_CANDIDATES, VECTOR_CANDIDATES, Filter, fts_ranked, fuse, has_chinese
from index.seed import SAMPLES
from index.types import AgencyRecord, Chunk, FactRecord, Hit, ReportRecord
from ingest.types import Check

if TYPE_CHECKING:
    from index.vectors import VectorIndex  # imports faiss: loaded on the first vector search only

BOOTSTRAP_WAIT = 900.0  # seconds to wait for another process that is indexing the samples


class Index:
    def __init__(self, home: Path, folder: Path, meta: Meta, lock: ReaderLock) -> None:
        self.home = home
        self.folder = folder
        self.meta = meta
        self._lock = lock
        self.db = store.open_db(folder / DB_FILE, readonly=True)
        problem = store.check_db(self.db) if (folder / DB_FILE).is_file() else "missing"
        if problem:
            self.close()
            raise damaged(home, f"{DB_FILE} of generation {folder.name} is {problem}")
        self._vectors: VectorIndex | None = None
        self._vectors_problem: DamagedIndex | None = None
        self._embedder: Embedder | None = None
        self._query_vectors: dict[str, np.ndarray] = {}

    @classmethod
    def open(cls, home: str | os.PathLike | None = None, *, bootstrap: bool = True) -> Index:
        """Open the live generation; an empty home is first filled with the bundled sample reports."""
        home = resolve_home(home)
        for _ in range(5):
            folder = current(home)
            if folder is None:
                if not bootstrap:
                    raise NoIndex(f"there is no index in {home} yet; add reports with: xxgk ingest PATH")
                _bootstrap(home)
                continue
            try:
                lock = ReaderLock(folder)
            except FileNotFoundError:
                continue  # cleaned up between reading CURRENT and locking: read CURRENT again
            if (folder / META_FILE).exists():
                try:
                    return cls(home, folder, Meta.read(folder), lock)
                except BaseException:
                    lock.release()
                    raise
            lock.release()
        raise IndexProblem(f"the index in {home} kept changing while being opened; try again")

    @property
    def generation(self) -> str:
        return self.folder.name

    def is_current(self) -> bool:
        """Whether this is still the live generation (an ingest or reindex may have published a newer one
        since it was opened; this one keeps answering, from the index as it was, also when CURRENT has
        been damaged since)."""
        try:
            return current(self.home) == self.folder
        except IndexProblem:
            return True

    def problems(self, *, thorough: bool = False) -> list[str]:
        """Damage that does not stop answering, one line each, with the fix: a missing or damaged vector
        file (narrative search then uses full-text search alone) or embedding cache. `thorough` reads the
        vector file too (a damaged file of the right size is found only so; `stats` does)."""
        if thorough:
            self._vectors_usable()
        found = [str(self._vectors_problem)] if self._vectors_problem else []
        size = self.meta.vectors_bytes
        path = self.folder / VECTORS_FILE
        if not found and (not path.is_file() or (size is not None and path.stat().st_size != size)):
            found.append(str(damaged(self.home, f"{VECTORS_FILE} of generation {self.generation} is missing or "
                                                "truncated; narrative answers use full-text search alone")))
        cache = cache_problem(cache_file(self.home))
        if cache:
            found.append(str(damaged(self.home, cache)))
        return found

    # --- reports, agencies, facts ------------------------------------------------------------------

    def reports(self) -> list[ReportRecord]:
        return [_report(r) for r in self.db.query("SELECT * FROM reports ORDER BY agency, year, id")]

    def report(self, report_id: int) -> ReportRecord:
        rows = list(self.db.query("SELECT * FROM reports WHERE id = ?", [report_id]))
        if not rows:
            raise KeyError(f"no report with id {report_id}")
        return _report(rows[0])

    def agencies(self) -> list[AgencyRecord]:
        return [AgencyRecord(r["name"], r["region"], r["department"], tuple(json.loads(r["aliases"])))
                for r in self.db.query("SELECT * FROM agencies ORDER BY name")]

    def years(self) -> list[int]:
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT year FROM reports WHERE year IS NOT NULL ORDER BY year").fetchall()]

    def facts(self, *, keys=None, key_prefix: str | None = None, agencies=None, years=None,
              include_ambiguous: bool = True) -> list[FactRecord]:
        """Facts across reports, ordered by agency, year and key. `keys`/`agencies`/`years` are collections."""
        clause, params = Filter.of(agencies, years, None).sql()
        sql = f"SELECT f.*, r.agency, r.year FROM facts f JOIN reports r ON r.id = f.report_id WHERE {clause}"
        if keys is not None:
            keys = list(keys)
            sql += f" AND f.key IN ({','.join('?' * len(keys))})"
            params += keys
        if key_prefix:
            sql += " AND substr(f.key, 1, ?) = ?"
            params += [len(key_prefix), key_prefix]
        if not include_ambiguous:
            sql += " AND f.status = 'certain'"
        return [_fact(r) for r in self.db.query(sql + " ORDER BY r.agency, r.year, f.key", params)]

    def checks(self, report_id: int) -> list[Check]:
        return [Check(r["rule"], bool(r["ok"]), r["detail"])
                for r in self.db.query("SELECT * FROM checks WHERE report_id = ? ORDER BY rowid", [report_id])]

    def chunks(self, report_id: int) -> list[Chunk]:
        """A report's passages in reading order."""
        return [_chunk(r) for r in self.db.query("SELECT * FROM chunks WHERE report_id = ? ORDER BY ordinal",
                                                 [report_id])]

    def report_facts(self, report_id: int) -> list[FactRecord]:
        """One report's facts (certain and ambiguous), by key."""
        sql = "SELECT f.*, r.agency, r.year FROM facts f JOIN reports r ON r.id = f.report_id WHERE f.report_id = ?"
        return [_fact(r) for r in self.db.query(sql + " ORDER BY f.key", [report_id])]

    def report_for(self, agency: str, year: int) -> ReportRecord | None:
        """The report of an agency for a year, if the index holds one (the previous year's, for the audit)."""
        rows = list(self.db.query("SELECT * FROM reports WHERE agency = ? AND year = ? LIMIT 1", [agency, year]))
        return _report(rows[0]) if rows else None

    # --- search --------------------------------------------------------------------------------------

    def search(self, query: str, *, k: int = 10, agencies=None, years=None, kind: str | None = None) -> list[Hit]:
        """Hybrid search: full-text and vector candidates fused by reciprocal rank fusion, best first."""
        where = Filter.of(agencies, years, kind)
        fts_ids = fts_ranked(self.db.conn, query, where, max(FTS_CANDIDATES, k)) if has_chinese(query) else []
        vec = self.vector_search(query, k=max(VECTOR_CANDIDATES, k), where=where) if self._vectors_usable() else []
        fused = fuse(fts_ids, [cid for cid, _ in vec])[:k]
        return self._hits(fused, fts_ids, vec, query)

    def fts_search(self, query: str, *, k: int = 10, agencies=None, years=None, kind: str | None = None) -> list[int]:
        """Chunk ids by full-text rank alone (for diagnostics and benchmarks)."""
        return fts_ranked(self.db.conn, query, Filter.of(agencies, years, kind), k)

    def vector_search(self, query: str, *, k: int = 10, where: Filter | None = None) -> list[tuple[int, float]]:
        """(chunk id, cosine) by vector similarity alone, best first, restricted to `where`."""
        from index.vectors import EXACT_SUBSET_LIMIT

        where = where or Filter()
        vectors, qvec = self.vectors, self.embed_query(query)
        if where.empty and not vectors.tombstones:
            return vectors.search(qvec, k)
        clause, params = where.sql()
        if not where.empty:
            allowed = [r[0] for r in self.db.execute(
                f"SELECT c.id FROM chunks c JOIN reports r ON r.id = c.report_id WHERE {clause} LIMIT ?",
                [*params, EXACT_SUBSET_LIMIT + 1]).fetchall()]
            if len(allowed) <= EXACT_SUBSET_LIMIT:
                return vectors.score_subset(qvec, allowed, k)
        # Search the whole index with room for the hits the filter or the tombstones will drop.
        share = self._share(clause, params) * vectors.live / max(vectors.ntotal, 1)
        fetch = int(k / max(share, 1e-3) * 1.5) + 10
        while True:
            found = vectors.search(qvec, fetch)
            keep = self._existing([cid for cid, _ in found], clause, params)
            hits = [(cid, s) for cid, s in found if cid in keep][:k]
            if len(hits) >= k or fetch >= vectors.ntotal:
                return hits
            fetch *= 4  # the allowed chunks rank lower than their share suggested: look further

    def _share(self, clause: str, params: list) -> float:
        """The share of all chunks a filter allows."""
        if clause == "1":
            return 1.0
        allowed, total = self.db.execute(
            f"SELECT (SELECT count(*) FROM chunks c JOIN reports r ON r.id = c.report_id WHERE {clause}), "
            "(SELECT count(*) FROM chunks)", params).fetchone()
        return allowed / max(total, 1)

    def embed_query(self, text: str) -> np.ndarray:
        vec = self._query_vectors.get(text)
        if vec is None:
            vec = self.embedder.embed_queries([text])[0]
            self._query_vectors[text] = vec
        return vec

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = load_embedder(self.meta.model)
        return self._embedder

    @property
    def vectors(self) -> VectorIndex:
        """The FAISS index, loaded on first use; DamagedIndex when its file is missing or damaged."""
        if self._vectors_problem:
            raise self._vectors_problem
        if self._vectors is None:
            from index.vectors import VectorIndex

            try:
                self._vectors = VectorIndex.load(self.folder / VECTORS_FILE, self.meta.vector_kind,
                                                 self.meta.tombstones)
            except DamagedIndex as e:
                self._vectors_problem = damaged(self.home, str(e))
                raise self._vectors_problem from None
        return self._vectors

    def _vectors_usable(self) -> bool:
        """Whether vector search can run; when the vector file is damaged, search goes on with full-text
        search alone and problems() says so (facts never depend on vectors)."""
        try:
            return self.vectors is not None
        except DamagedIndex:
            return False

    def _existing(self, ids: list[int], clause: str, params: list) -> set[int]:
        if not ids:
            return set()
        rows = self.db.execute(
            f"SELECT c.id FROM chunks c JOIN reports r ON r.id = c.report_id WHERE c.id IN "
            f"({','.join('?' * len(ids))}) AND {clause}", [*ids, *params]).fetchall()
        return {r[0] for r in rows}

    def _hits(self, fused, fts_ids, vec, query) -> list[Hit]:
        if not fused:
            return []
        ids = [cid for cid, _ in fused]
        rows = {r["id"]: r for r in self.db.query(
            f"SELECT * FROM chunks WHERE id IN ({','.join('?' * len(ids))})", ids)}
        fts_rank = {cid: i for i, cid in enumerate(fts_ids, start=1)}
        vec_rank = {cid: i for i, (cid, _) in enumerate(vec, start=1)}
        cosine = dict(self.vectors.score_subset(self.embed_query(query), [i for i in ids if i in rows], len(ids))
                      if self._vectors_usable() else [])
        reports: dict[int, ReportRecord] = {}
        hits = []
        for cid, score in fused:
            if cid not in rows:
                continue
            chunk = _chunk(rows[cid])
            report = reports.get(chunk.report_id) or reports.setdefault(chunk.report_id, self.report(chunk.report_id))
            hits.append(Hit(chunk, report, score, fts_rank.get(cid), vec_rank.get(cid), cosine.get(cid)))
        return hits

    # --- housekeeping --------------------------------------------------------------------------------

    def stats(self) -> dict:
        counts = self.db.execute(
            "SELECT (SELECT count(*) FROM reports), (SELECT count(*) FROM agencies), "
            "(SELECT count(DISTINCT year) FROM reports), (SELECT count(*) FROM facts WHERE status = 'certain'), "
            "(SELECT count(*) FROM facts WHERE status = 'ambiguous'), (SELECT count(*) FROM chunks)").fetchone()
        size = sum(p.stat().st_size for p in self.folder.iterdir() if p.is_file())
        return {
            "home": str(self.home), "generation": self.generation, "reports": counts[0], "agencies": counts[1],
            "years": counts[2], "facts": counts[3], "ambiguous": counts[4], "chunks": counts[5],
            "index_bytes": size, "model": self.meta.model, "dim": self.meta.dim,
            "vector_index": self.meta.vector_kind, "vectors": self.meta.vectors, "created": self.meta.created,
        }

    def close(self) -> None:
        self.db.conn.close()
        self._lock.release()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _bootstrap(home: Path) -> None:
    """Index the bundled sample reports into an empty home (once; another process may be doing it)."""
    from index.build import ingest  # the write side is only needed on a fresh home
    from index.generations import ensure_home
    from index.seed import seed_home

    ensure_home(home)
    if not holds_reports(home):
        print(f"xxgk: first use — indexing the bundled sample reports into {home}", file=sys.stderr)
        seed_home(home, configured_model())
    deadline = time.monotonic() + BOOTSTRAP_WAIT
    while current(home) is None:
        try:
            ingest(home, [SAMPLES], into_new_home=True)  # checked again under the write lock
            return
        except IndexBusy:
            if time.monotonic() > deadline:
                raise
            time.sleep(1.0)


def _report(r: dict) -> ReportRecord:
    return ReportRecord(r["id"], r["agency"], r["year"], r["title"], r["published"], r["url"], r["template"],
                        r["source_name"], r["sha256"], tuple(json.loads(r["failed_checks"])))


def _fact(r: dict) -> FactRecord:
    return FactRecord(r["report_id"], r["agency"], r["year"], r["key"], r["value"], r["unit"], r["printed"],
                      r["label"], r["status"], r["computed"], tuple(json.loads(r["candidates"])))


def _chunk(r: dict) -> Chunk:
    return Chunk(r["id"], r["report_id"], r["section"], r["ordinal"], r["text"], r["start"], r["end"], r["kind"])
