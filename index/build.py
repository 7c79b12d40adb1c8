"""Ingest and reindex: read reports, write a complete new index generation beside the live one, swap it in.

Decisions:
- An input whose bytes (sha256) are already indexed is a no-op ("unchanged"); it is not even parsed.
- A report of an agency and year that the index already holds replaces the older version (the later
  ingest wins) and the outcome says which file it replaced.
- Two inputs of one batch with the same agency and year: the one with more certain facts is kept (on a
  tie, the later one), and the other is reported as skipped, naming the one kept.
- Every original is stored in the home (originals/<sha256>.<ext>), so `reindex` can rebuild from them.
- `reindex` re-parses every stored original into a fresh generation. A report whose original no longer
  parses keeps its previous rows (and says so), so a parser regression never silently drops data.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import hashlib
import json
import os
import shutil
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import sqlite_utils

from index import parallel, recovery, store
from index.agencies import agency_record
from index.chunking import passages
from index.copies import Completeness, Verdict, copy_key, displaced, judge
from index.embed import Embedder, canonical_name, is_default, load_embedder
from index.embed_cache import EmbeddingCache, cache_problem, embed_passages, last_model, remove_damaged
from index.errors import (
    DamagedIndex,
    DiskFull,
    HomeUnusable,
    IndexBusy,
    IndexMismatch,
    IndexProblem,
    NoIndex,
    damaged,
)
from index.fetch import Input, InputError, expand
from index.generations import (
    DB_FILE,
    VECTORS_FILE,
    Meta,
    cleanup,
    current,
    holds_reports,
    new_folder,
    publish,
    write_lock,
)
from index.home import cache_file, configured_model, originals_dir, resolve_home
from index.parallel import Prepared
from index.vectors import VectorIndex, needs_rebuild, rebuilt
from ingest.limits import LimitExceeded, check_file_size
from ingest.types import ParsedReport


@dataclass(frozen=True)
class Progress:
    stage: str  # "read" | "parse" (each report is written as soon as it is parsed) | "embed"
    done: int
    total: int
    item: str = ""


ProgressFn = Callable[[Progress], None]


@dataclass(frozen=True)
class ReportOutcome:
    source: str  # the path or URL as given
    status: str  # "added" | "replaced" | "unchanged" | "skipped" | "kept" | "failed"
    agency: str = ""
    year: int | None = None
    facts: int = 0
    ambiguous: int = 0
    chunks: int = 0
    failed_checks: int = 0
    replaced: str = ""  # the older version this one replaced: its source name and ingest time
    reason: str = ""  # why it failed, was skipped, or was kept
    report_id: int | None = None


@dataclass(frozen=True)
class IngestResult:
    outcomes: tuple[ReportOutcome, ...]
    generation: str | None  # the generation published; None when nothing changed
    model: str
    embedded: int = 0  # passages embedded by the model (cache misses)
    cached: int = 0  # passages whose vectors came from the cache
    seconds: dict[str, float] = field(default_factory=dict)  # "parse", "embed", "write", "total"

    @property
    def failed(self) -> tuple[ReportOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status == "failed")

    @property
    def chunks(self) -> int:
        return sum(o.chunks for o in self.outcomes if o.status in ("added", "replaced"))


@dataclass
class _Candidate:
    input: Input
    order: int
    original: str  # where its bytes are kept in the home (stored as soon as it parsed, not held in memory)
    sha: str
    report: ParsedReport
    prepared: Prepared


def ingest(home: str | os.PathLike | None, paths: list[str | os.PathLike | Input], *,
           model: str | Embedder | None = None, progress: ProgressFn | None = None,
           replace: bool = False, into_new_home: bool = False,
           agency: str | None = None, year: int | None = None,
           workers: int | None = None, cluster: str | None = None) -> IngestResult:
    """Add reports (files, folders, http(s) URLs) to the home's index; publish a new generation if anything changed.

    A new copy of an indexed agency and year replaces it only when at least as complete (index.copies),
    or with `replace`. `into_new_home` (the bundled samples) adds nothing to a home that holds reports.
    `agency` and `year` are given for copies that state neither (--agency, --year); they are kept with the
    report, so `reindex` reads it the same way. Reports are prepared (parsed, chunked, embedded) by
    `workers` processes (None: the machine's cores) or on the Dask cluster at `cluster`; the index is the
    same either way (index.parallel)."""
    given = {k: v for k, v in (("agency", agency), ("year", year)) if v}
    home = resolve_home(home)
    clock = _Clock()
    with _plain_errors(home), write_lock(home), _collector_paused():
        if into_new_home and holds_reports(home):
            return IngestResult((), None, "", seconds=clock.done())
        live = current(home, writing=True)
        meta = Meta.read(live) if live else None
        _check_cache(home)
        embedder = _embedder(meta, model, switching=False)
        inputs, problems = expand(paths)
        outcomes = [ReportOutcome(name, "failed", reason=reason) for name, reason in problems]
        known = _known(home, live)
        build = _Build(home, embedder, live, meta, workers, cluster)
        stored_before = _stored(home)
        try:
            batch = _Batch(build, known, forced=replace)
            read_outcomes = _read_all(build, inputs, known, progress, batch.offer, clock, given)
            order = {item.name: i for i, item in enumerate(inputs)}
            results = sorted(read_outcomes + batch.outcomes(), key=lambda o: order.get(o.source, -1))
            if not batch.kept:
                build.abandon()  # nothing new: the live generation stays as it is
                return IngestResult(tuple(outcomes + results), None, embedder.name, seconds=clock.done())
            name = build.finish(progress, clock)
        except BaseException:
            build.abandon()
            _forget_stored(home, stored_before)
            raise
        return IngestResult(tuple(outcomes + results), name, embedder.name, build.embedded, build.cached,
                            clock.done())


def _stored(home: Path) -> set[str]:
    folder = originals_dir(home)
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def _forget_stored(home: Path, before: set[str]) -> None:
    """After a failed ingest, remove the originals it stored: it changes nothing, and a home is never left
    holding reports that no generation indexes (which would read as damaged)."""
    for name in _stored(home) - before:
        with contextlib.suppress(OSError):
            (originals_dir(home) / name).unlink()


def reindex(home: str | os.PathLike | None, *, model: str | Embedder | None = None,
            progress: ProgressFn | None = None, workers: int | None = None, cluster: str | None = None) -> IngestResult:
    """Rebuild the whole index from the stored originals (re-parsing them), optionally with another model.
    This also repairs a damaged home (index.recovery); a damaged embedding cache is rebuilt empty."""
    home = resolve_home(home)
    clock = _Clock()
    with _plain_errors(home), write_lock(home), _collector_paused():
        remove_damaged(cache_file(home))
        found = recovery.sources(home)
        if found.empty:
            raise NoIndex(f"there is no index in {home} to rebuild; add reports with: xxgk ingest PATH")
        if found.meta is None and configured_model(model) is None:  # no meta.json: the cache knows the model
            model = last_model(cache_file(home))
        embedder = _embedder(found.meta, model, switching=True)
        build = _Build(home, embedder, None, None, workers, cluster)
        try:
            outcomes = build.readd_all(found.base, progress, clock) if found.base else []
            outcomes += _recover(home, build, found.extra, clock)
            clock.lap("write")
            name = build.finish(progress, clock)
        except BaseException:
            build.abandon()
            raise
        return IngestResult(tuple(outcomes), name, embedder.name, build.embedded, build.cached, clock.done())


# --- choosing the model ------------------------------------------------------------------------------


def _embedder(meta: Meta | None, model: str | Embedder | None, *, switching: bool) -> Embedder:
    """The model to embed with: the one asked for, else the index's own; another model than the index's
    only when the whole index is rebuilt (reindex)."""
    requested = model.name if isinstance(model, Embedder) else configured_model(model)
    if meta is not None and requested is None:
        return load_embedder(None if is_default(meta.model) else meta.model)
    if meta is not None and canonical_name(requested) != meta.model and not switching:
        raise IndexMismatch(
            f"this index was built with the embedding model {meta.model} (dimension {meta.dim}); vectors of "
            f"{canonical_name(requested)} cannot be mixed with it. Re-index with --model {requested} to switch "
            "the whole index (xxgk reindex --model …), or ingest without --model."
        )
    return model if isinstance(model, Embedder) else load_embedder(requested)


# --- reading inputs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Known:
    by_sha: dict[str, dict]
    by_key: dict[str, dict]  # by copy key (index.copies)


def _known(home: Path, live: Path | None) -> _Known:
    if live is None:
        return _Known({}, {})
    rows = store.readable_rows(live / DB_FILE, "SELECT id, agency, year, sha256, source_name, ingested_at FROM reports")
    if rows is None:
        raise damaged(home, f"{DB_FILE} of generation {live.name} is missing or unreadable")
    return _Known({r["sha256"]: r for r in rows}, {copy_key(r["agency"], r["year"], r["sha256"]): r for r in rows})


def _check_cache(home: Path) -> None:
    """Refuse to start on a damaged embedding cache (found at the end, it would waste the whole build)."""
    problem = cache_problem(cache_file(home))
    if problem:
        raise damaged(home, problem)


def _read_all(build: _Build, inputs: list[Input], known: _Known, progress: ProgressFn | None,
              offer: Callable[[_Candidate], None], clock: _Clock, given: dict) -> list[ReportOutcome]:
    """Read every input; prepare those whose bytes are not indexed yet (with the agency and year given for
    them, if any) and offer each prepared report to the build as soon as it is ready, so writing overlaps
    with preparing in the worker processes."""
    outcomes: list[ReportOutcome] = []
    todo: list[tuple[int, Input, bytes, str]] = []
    seen: dict[str, str] = {}
    for i, item in enumerate(inputs):
        if progress:
            progress(Progress("read", i, len(inputs), item.name))
        try:
            data = _read_input(item)
        except (InputError, LimitExceeded) as e:
            outcomes.append(ReportOutcome(item.name, "failed", reason=str(e)))
            continue
        sha = hashlib.sha256(data).hexdigest()
        if sha in known.by_sha or sha in seen:
            outcomes.append(_unchanged(item.name, known.by_sha.get(sha), seen.get(sha)))
            continue
        seen[sha] = item.name
        todo.append((i, item, data, sha))
    jobs = [(item.name, data, given) for _, item, data, _ in todo]
    with contextlib.closing(build.prepare(jobs, progress)) as prepared:
        for n, ((i, item, data, sha), prep) in enumerate(zip(todo, prepared)):
            clock.lap("parse")  # time spent waiting for the workers (parse, chunk, embed)
            if progress:
                progress(Progress("parse", n + 1, len(todo), item.name))
            if prep.report is None:
                outcomes.append(ReportOutcome(item.name, "failed", reason=prep.problem))
            else:
                offer(_Candidate(item, i, _store_original(build.home, data, sha, item.suffix), sha, prep.report, prep))
            clock.lap("write")
    return outcomes


def _read_input(item: Input) -> bytes:
    """An input's bytes; a local file past the size limit is refused before it is read."""
    if not item.is_url:
        with contextlib.suppress(OSError):  # unreadable: item.read() says why
            check_file_size(os.stat(item.location).st_size, item.name)
    data = item.read()
    check_file_size(len(data), item.name)
    return data


def _unchanged(name: str, row: dict | None, first: str | None) -> ReportOutcome:
    if row:
        return ReportOutcome(name, "unchanged", row["agency"], row["year"], report_id=row["id"],
                             reason=f"already indexed (ingested {row['ingested_at']})")
    return ReportOutcome(name, "unchanged", reason=f"same file as {first}")


@dataclass(frozen=True)
class _Kept:
    name: str
    completeness: Completeness
    outcome: ReportOutcome


class _Batch:
    """Decides, report by report as they are parsed, what a batch adds: one copy per agency and year
    (index.copies): a copy replaces the one serving (indexed, or earlier in the batch) only when it is at
    least as complete, or when `forced`; a copy that does not is kept in the home, unused, and said so."""

    def __init__(self, build: _Build, known: _Known, *, forced: bool = False) -> None:
        self.build, self.known, self.forced = build, known, forced
        self.kept: dict[str, _Kept] = {}
        self.skipped: list[ReportOutcome] = []

    def offer(self, cand: _Candidate) -> None:
        meta = cand.report.meta
        key = copy_key(meta.agency, meta.year, cand.sha)
        mine = Completeness.of_report(cand.report)
        other, old = self.kept.get(key), self.known.by_key.get(key)
        verdict = self._judge(mine, other, old)
        if verdict and not verdict.replaces:
            self.skipped.append(ReportOutcome(cand.input.name, "skipped", meta.agency, meta.year, len(cand.report.facts),
                                              reason=verdict.reason))
            return
        if other:  # the newcomer serves: the earlier copy of this batch goes
            self.build.drop(other.outcome.report_id)
            self.skipped.append(ReportOutcome(other.name, "skipped", meta.agency, meta.year, other.completeness.facts,
                                              reason=displaced(cand.input.name, mine, other.completeness)))
        elif old:
            self.build.drop(old["id"])
        outcome = self.build.add(cand.report, cand.input.name, cand.original, prepared=cand.prepared)
        if old:
            outcome = _replacing(outcome, old, verdict.reason if verdict else "")
        self.kept[key] = _Kept(cand.input.name, mine, outcome)

    def _judge(self, mine: Completeness, other: _Kept | None, old: dict | None) -> Verdict | None:
        """Against the copy serving now: the batch's earlier one, else the indexed one; None when there is none."""
        if other:
            return judge(mine, other.completeness, other.name, forced=self.forced)
        if old:
            return judge(mine, Completeness.of_indexed(self.build.db, old["id"]), old["source_name"], forced=self.forced)
        return None

    def outcomes(self) -> list[ReportOutcome]:
        return self.skipped + [k.outcome for k in self.kept.values()]


# --- writing a generation ------------------------------------------------------------------------------


class _Build:
    """One generation being written: a copy of the live one (ingest) or an empty one (reindex)."""

    def __init__(self, home: Path, embedder: Embedder, base: Path | None, meta: Meta | None,
                 workers: int | None = None, cluster: str | None = None) -> None:
        self.home = home
        self.embedder = embedder
        self.workers, self.cluster = workers, cluster
        self.ready: deque[tuple[list[int], np.ndarray]] = deque()  # (chunk ids, their vectors) prepared by workers
        self.fresh: dict[int, int] = {}  # report id -> its passages whose vectors were computed in this run
        self.base, self.meta = base, meta
        self.folder: Path | None = None
        self._db: sqlite_utils.Database | None = None
        self.vectors: VectorIndex | None = None  # a fresh build creates it in finish(), knowing its size
        self.pending: list[tuple[int, str]] = []  # (chunk id, text) awaiting vectors
        self.embedded = self.cached = 0
        self.dropped: set[int] = set()  # chunk ids removed again before their vectors were added
        self.pending_ids: set[int] = set()

    @property
    def db(self) -> sqlite_utils.Database:
        """The generation's database, created on first use: a batch that changes nothing copies nothing."""
        if self._db is None:
            self.folder = new_folder(self.home)
            if self.base is not None and self.meta is not None:
                store.copy_db(self.base / DB_FILE, self.folder / DB_FILE)
                self.vectors = self._base_vectors()
            self._db = store.open_db(self.folder / DB_FILE)
        return self._db

    def _base_vectors(self) -> VectorIndex:
        try:
            return VectorIndex.load(self.base / VECTORS_FILE, self.meta.vector_kind, self.meta.tombstones)
        except DamagedIndex as e:
            raise damaged(self.home, str(e)) from None

    def drop(self, report_id: int) -> None:
        """Remove a report from the generation being built (replaced, or beaten within the batch)."""
        ids = store.delete_report(self.db, report_id)
        self.dropped.update(ids)
        self.fresh.pop(report_id, None)
        indexed = [cid for cid in ids if cid not in self.pending_ids]  # only these have vectors yet
        if self.vectors is not None:
            self.vectors.remove(indexed)

    def prepare(self, jobs: list[tuple[str, bytes]], progress: ProgressFn | None) -> Iterator[Prepared]:
        """Parse, chunk and embed (name, bytes) jobs with the build's runner; results in order."""
        report = (lambda done, total: progress(Progress("embed", done, total))) if progress else None
        cache = cache_file(self.home) if self.embedder.cacheable else None
        return parallel.prepare(jobs, self.embedder, cache, workers=self.workers, cluster=self.cluster, progress=report)

    def add(self, report: ParsedReport, source: str, original: str, *, prepared: Prepared | None = None,
            report_id: int | None = None, ingested_at: str | None = None) -> ReportOutcome:
        rid = store.insert_report(self.db, _report_row(report, source, original, ingested_at), report_id)
        store.insert_facts(self.db, _fact_rows(rid, report))
        store.insert_checks(self.db, [{"report_id": rid, "rule": c.rule, "ok": int(c.ok), "detail": c.detail}
                                      for c in report.checks])
        rec = agency_record(report.meta.agency)
        store.upsert_agency(self.db, rec.name, rec.region, rec.department, rec.aliases)
        cut = prepared.passages if prepared else passages(report)
        rows = [{"report_id": rid, "section": p.section, "ordinal": p.ordinal, "text": p.text,
                 "start": p.start, "end": p.end, "kind": p.kind} for p in cut]
        ids = store.insert_chunks(self.db, rows)
        if prepared is not None and prepared.vectors is not None:
            self.ready.append((ids, prepared.vectors))
            self.fresh[rid] = prepared.embedded
        else:
            self.pending += zip(ids, (r["text"] for r in rows))
        self.pending_ids.update(ids)
        return ReportOutcome(source, "added", report.meta.agency, report.meta.year, len(report.facts),
                             len(report.ambiguous), len(rows), len(report.failed_checks), report_id=rid)

    def readd_all(self, live: Path, progress: ProgressFn | None, clock: _Clock) -> list[ReportOutcome]:
        old = store.open_db(live / DB_FILE, readonly=True)
        try:
            rows = list(old.query("SELECT * FROM reports ORDER BY id"))
            originals = [_read_original(self.home / r["original_path"]) for r in rows]
            prepared = self.prepare([(r["source_name"], data or b"", json.loads(r.get("given") or "{}"))
                                     for r, data in zip(rows, originals)], progress)
            outcomes = []
            with contextlib.closing(prepared):
                for i, (row, data, prep) in enumerate(zip(rows, originals, prepared)):
                    if progress:
                        progress(Progress("parse", i + 1, len(rows), row["source_name"]))
                    if prep.report is None or data is None:
                        problem = prep.problem or "the stored original is missing"
                        outcomes.append(self.carry_forward(old, row, problem))
                        continue
                    outcomes.append(self.add(prep.report, row["source_name"], row["original_path"], prepared=prep,
                                             report_id=row["id"], ingested_at=row["ingested_at"]))
            clock.lap("parse")
            return outcomes
        finally:
            old.conn.close()

    def carry_forward(self, old: sqlite_utils.Database, row: dict, error: str) -> ReportOutcome:
        """Copy a report's rows unchanged from the previous generation (its original no longer parses)."""
        rid = row["id"]
        store.copy_report_rows(old, self.db, rid)
        chunks = list(old.query('SELECT report_id, section, ordinal, text, start, "end", kind FROM chunks '
                                "WHERE report_id = ? ORDER BY ordinal", [rid]))
        ids = store.insert_chunks(self.db, chunks)
        self.pending += zip(ids, (c["text"] for c in chunks))
        self.pending_ids.update(ids)
        return ReportOutcome(row["source_name"], "kept", row["agency"], row["year"], chunks=len(chunks),
                             report_id=rid, reason=f"kept the previous version: re-reading it failed ({error})")

    def finish(self, progress: ProgressFn | None, clock: _Clock) -> str:
        db = self.db
        self._embed(progress)
        if self.vectors is None:
            self.vectors = VectorIndex.new(self.embedder.dim)
        clock.lap("embed")
        store.refresh_term_counts(db)
        live_ids = {r[0] for r in db.execute("SELECT id FROM chunks").fetchall()}
        if needs_rebuild(self.vectors, len(live_ids)):
            self.vectors = rebuilt(self.vectors, live_ids)
        counts = db.execute("SELECT (SELECT count(*) FROM reports), (SELECT count(*) FROM chunks)").fetchone()
        db.conn.commit()
        db.conn.close()
        self.vectors.save(self.folder / VECTORS_FILE)
        Meta(self.embedder.name, self.embedder.dim, self.vectors.kind, self.vectors.tombstones,
             self.vectors.ntotal, counts[0], counts[1], _now(), self.folder.name,
             vectors_bytes=(self.folder / VECTORS_FILE).stat().st_size).write(self.folder)
        publish(self.home, self.folder)
        cleanup(self.home)
        clock.lap("write")
        return self.folder.name

    def _embed(self, progress: ProgressFn | None) -> None:
        """Add every vector to the index: those the workers prepared, then the pending texts' (embedded now)."""
        ids, vectors = self._ready_vectors()
        self.embedded = sum(self.fresh.values())
        pending = [(cid, text) for cid, text in self.pending if cid not in self.dropped]
        if pending:
            more_ids, texts = zip(*pending)
            cache = EmbeddingCache(cache_file(self.home)) if self.embedder.cacheable else None
            report = (lambda done, total: progress(Progress("embed", done, total))) if progress else None
            try:
                more, missed = embed_passages(self.embedder, list(texts), cache, report)
            finally:
                if cache:
                    cache.close()
            ids, vectors = ids + list(more_ids), np.vstack([vectors, more]) if len(ids) else more
            self.embedded += missed
        if not ids:
            return
        if self.vectors is None:
            self.vectors = VectorIndex.build(self.embedder.dim, ids, vectors)
        else:
            self.vectors.add(ids, vectors)
        self.cached = max(0, len(ids) - self.embedded) if self.embedder.cacheable else 0
        del vectors  # FAISS holds its own copy; at 10,000 reports each copy is ~600 MB

    def _ready_vectors(self) -> tuple[list[int], np.ndarray]:
        """The prepared vectors of the chunks still in the build, in one matrix (filled report by report,
        each report's part freed as it is copied, so memory holds about one copy, not two)."""
        ids = [cid for chunk_ids, _ in self.ready for cid in chunk_ids if cid not in self.dropped]
        out = np.empty((len(ids), self.embedder.dim), dtype=np.float32)
        row = 0
        while self.ready:
            chunk_ids, vectors = self.ready.popleft()
            keep = vectors[[cid not in self.dropped for cid in chunk_ids]]
            out[row : row + len(keep)] = keep
            row += len(keep)
        return ids, out

    def abandon(self) -> None:
        """Drop an unfinished generation now (a later writer would otherwise clean it up)."""
        if self._db is not None:
            with contextlib.suppress(Exception):
                self._db.conn.close()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def _recover(home: Path, build: _Build, originals: tuple[Path, ...], clock: _Clock) -> list[ReportOutcome]:
    """Offer stored originals that no readable generation indexes (a damaged home), oldest first, under the
    rules for copies, against what the rebuild holds so far."""
    if not originals:
        return []
    rows = list(build.db.query("SELECT id, agency, year, sha256, source_name, ingested_at FROM reports"))
    batch = _Batch(build, _Known({r["sha256"]: r for r in rows},
                                 {copy_key(r["agency"], r["year"], r["sha256"]): r for r in rows}))
    inputs = [Input(str(p.relative_to(home)), str(p)) for p in originals]
    # What an admin gave (--agency) lives in the damaged database: an original that states no agency is
    # refused here with the advice to add it again with --agency (it stays in originals/).
    outcomes = _read_all(build, inputs, batch.known, None, batch.offer, clock, {})
    return outcomes + batch.outcomes()


def _read_original(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _replacing(outcome: ReportOutcome, old: dict, why: str) -> ReportOutcome:
    return ReportOutcome(**{**outcome.__dict__, "status": "replaced", "reason": why,
                            "replaced": f"{old['source_name']} (ingested {old['ingested_at']})"})


def _report_row(report: ParsedReport, source: str, original: str, ingested_at: str | None) -> dict:
    meta = report.meta
    return {
        "agency": meta.agency, "year": meta.year, "title": meta.title, "published": meta.published,
        "url": meta.url or (source if source.startswith(("http://", "https://")) else None),
        "template": meta.template, "source_name": source, "sha256": report.source.sha256,
        "original_path": original, "ingested_at": ingested_at or _now(),
        "failed_checks": store.dumps([c.detail for c in report.failed_checks]),
        "warnings": store.dumps(list(report.warnings)), "format": report.source.format,
        "encoding": report.source.encoding, "layout": report.source.layout, "given": store.dumps(_given(meta)),
    }


def _given(meta) -> dict:
    """What the admin gave for this report (--agency, --year), as given, so a re-index reads it the same way."""
    out = {"agency": meta.agency_printed or meta.agency} if meta.agency_source == "given" else {}
    return out | ({"year": meta.year} if meta.year_source == "given" else {})


def _fact_rows(report_id: int, report: ParsedReport) -> list[dict]:
    rows = [{"report_id": report_id, "key": f.key, "value": f.value, "unit": f.unit, "printed": f.printed,
             "label": f.label, "status": "certain", "computed": None, "candidates": "[]"} for f in report.facts]
    rows += [{"report_id": report_id, "key": a.key, "value": None, "unit": None, "printed": "",
              "label": a.label, "status": "ambiguous", "computed": a.computed,
              "candidates": store.dumps(list(a.candidates))} for a in report.ambiguous]
    return rows


def _store_original(home: Path, data: bytes, sha: str, suffix: str) -> str:
    """originals/<sha256><suffix>, written once (content-addressed), via a temporary name."""
    folder = originals_dir(home)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{sha}{suffix}"
    if not path.exists():
        tmp = folder / f".{sha}.{os.getpid()}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, path)
    return str(path.relative_to(home))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class _Clock:
    def __init__(self) -> None:
        self.start = self.last = time.monotonic()
        self.laps: dict[str, float] = {}

    def lap(self, name: str) -> None:
        now = time.monotonic()
        self.laps[name] = self.laps.get(name, 0.0) + now - self.last
        self.last = now

    def done(self) -> dict[str, float]:
        return {**self.laps, "total": time.monotonic() - self.start}


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection in this process while a build runs.

    A build allocates millions of objects that live until it ends (rows, passages, pending texts), so
    the collector's full passes run dozens of times, each walking every live object, the process's
    older ones too (the bot's, a benchmark's): that slowed a 10,000-report ingest from 81 s to 98 s
    (measured). Reference counting still frees everything a build drops. The worker processes that
    parse (index.parallel) are started fresh and collect as usual; this process's older objects are
    frozen, so a collection started by other code (a thread of the bot) does not walk them either.
    """
    enabled = gc.isenabled()
    gc.disable()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()


# --- errors a user can act on ----------------------------------------------------------------------------


@contextlib.contextmanager
def _plain_errors(home: Path) -> Iterator[None]:
    """Turn the OS's and SQLite's errors into IndexProblems whose message says what to do."""
    try:
        yield
    except IndexProblem:
        raise
    except OSError as e:
        if e.errno == errno.ENOSPC:
            raise DiskFull(f"the disk holding {home} is full; free some space and run the command again "
                           "(the previous index is unchanged)") from e
        if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise HomeUnusable(f"cannot write to the data home {home}: {e.strerror}. "
                               "Pass --home DIR or set XXGK_HOME to a folder you can write.") from e
        raise
    except sqlite3.OperationalError as e:
        text = str(e)
        if "full" in text:
            raise DiskFull(f"the disk holding {home} is full ({text}); free some space and run the command "
                           "again (the previous index is unchanged)") from e
        if "locked" in text or "busy" in text:
            raise IndexBusy(f"the index database in {home} is locked by another program ({text}); "
                            "close it and try again") from e
        raise
    except sqlite3.DatabaseError as e:
        if store.is_corruption(e):
            raise damaged(home, f"a database file is damaged: {e}") from e
        raise
