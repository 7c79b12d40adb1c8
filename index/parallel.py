"""Preparing reports for the index — parse, chunk, embed — on all cores or on a cluster, for one writer.

A report is prepared in two kinds of task, both pure functions of their arguments, so they run the same
in this process, in a pool of worker processes (`--workers N`) or on a Dask cluster (`--cluster`):

    prepare_task(name, bytes, given) -> the ParsedReport and its passages (or why it could not be read)
    embed_task(model, texts)    -> their vectors

This process keeps what must stay single: the embedding cache (looked up before a text is sent to be
embedded, filled as vectors come back, so a killed ingest keeps its work) and the order. Reports are
planned and handed to the writer in input order, and a text already cached or already being embedded is
never sent again, so the writer builds the same index whichever runner prepared it: same rows, same
ids, same vectors (the default model's vectors do not depend on the batch or thread count; checked
bit for bit by the tests).

A task that fails — a worker process killed, out of memory, a cluster worker lost — fails only the
report it was preparing: the runner gives each task its own future (pebble's process pool locally,
Dask's scheduler on a cluster), and the report says what happened.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass
from functools import partial
from typing import Protocol

import numpy as np

from index.chunking import Passage, passages
from index.embed import E5Embedder, Embedder, HashEmbedder, SentenceTransformerEmbedder, load_embedder
from index.embed_cache import EmbeddingCache
from ingest.errors import ReportError
from ingest.types import ParsedReport

PARALLEL_FROM = 24  # with the default worker count, below this many reports a pool costs more than it saves
EMBED_BATCH = 64  # texts per embedding task: ~2 s of work, so the cost of a task (a few ms) is noise
LOOKAHEAD = 2  # reports in flight per worker: enough to keep every worker busy while one is written
COMMIT_EVERY = 1.0  # seconds between commits of the embedding cache
# --workers 500 on a 2-core machine would start 500 processes, each with its own model in memory: past
# twice the cores, more processes only add memory (the tasks are CPU-bound).
MAX_WORKERS_PER_CORE = 2


@dataclass(frozen=True)
class Prepared:
    """One report, ready for the writer: parsed, cut into passages, with a vector per passage."""

    report: ParsedReport | None
    problem: str = ""  # why report is None
    passages: tuple[Passage, ...] = ()
    vectors: np.ndarray | None = None  # one row per passage
    embedded: int = 0  # passages whose vectors were computed in this run (the rest came from the cache)


Job = tuple[str, bytes, dict]  # (name for messages, the report's bytes, the agency and year given for it)
UNKNOWN_AGENCY = (
    "no agency name could be read from it (not in its title, an 附件 line, the signature, the first "
    "sentences or the file name); name it and add it again: xxgk ingest --agency NAME FILE, or upload "
    "it with the caption “agency: NAME”"
)


# --- the tasks (run wherever the runner puts them) ------------------------------------------------


def prepare_task(
    name: str, data: bytes, given: dict | None = None
) -> tuple[ParsedReport | None, str, tuple[Passage, ...]]:
    """Parse one report in the parsing child (bounded in time and memory), with the agency and year given for
    it (--agency, --year) if any, and cut it into passages (refused past MAX_PASSAGES)."""
    from ingest.isolated import parse_in_child, parse_report_bounded  # only needed when something is prepared

    try:
        report = parse_in_child(
            name, data, partial(parse_report_bounded, **given) if given else parse_report_bounded
        )
        cut = tuple(passages(report))  # refuses a report past MAX_PASSAGES, before anything is changed
    except ReportError as e:
        return None, str(e), ()
    except Exception as e:  # a parser bug on one file must not stop the batch
        return None, f"the parser failed: {type(e).__name__}: {e}", ()
    # A report without an agency would be stored under a fragment or another report's key.
    return (report, "", cut) if report.meta.agency else (None, UNKNOWN_AGENCY, ())


def embed_task(model: str, texts: list[str]) -> np.ndarray:
    return load_embedder(model).embed_passages(texts)


# --- runners ---------------------------------------------------------------------------------------


class Runner(Protocol):
    workers: int  # tasks that run at once
    remote: bool  # tasks run in other processes, which load the model by name

    def submit(self, fn: Callable, *args) -> Future: ...

    def close(self, *, cancel: bool = False) -> None: ...


class InProcess:
    """Runs each task at once, in this process: one process, nothing to start."""

    workers, remote = 1, False

    def submit(self, fn: Callable, *args) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args))
        except Exception as e:
            future.set_exception(e)
        return future

    def close(self, *, cancel: bool = False) -> None:
        pass


class LocalPool:
    """Worker processes on this machine (pebble: a worker that dies fails its own task, not the pool).

    Workers are spawned, not forked: a forked copy of a process whose OpenMP threads have run (the
    model's, in `xxgk serve`) can hang. Each worker's model gets an equal share of the cores."""

    remote = True

    def __init__(self, workers: int) -> None:
        from pebble import ProcessPool

        self.workers = workers
        threads = max(1, (os.cpu_count() or 1) // workers)
        self.pool = ProcessPool(
            max_workers=workers,
            initializer=_limit_threads,
            initargs=(threads,),
            context=multiprocessing.get_context("spawn"),
        )

    def submit(self, fn: Callable, *args) -> Future:
        return self.pool.schedule(fn, args=args)

    def close(self, *, cancel: bool = False) -> None:
        if cancel:
            self.pool.stop()
        else:
            self.pool.close()
        self.pool.join()


def _limit_threads(threads: int) -> None:
    os.environ["OMP_NUM_THREADS"] = str(threads)  # read when the model's engine is first loaded


def default_workers() -> int:
    return os.cpu_count() or 1


@contextlib.contextmanager
def open_runner(workers: int | None, cluster: str | None, jobs: int) -> Iterator[Runner]:
    """The runner for `--workers` / `--cluster`: None means the machine's cores, in this process when
    there are few reports; 1 means this process."""
    if cluster:
        from index.cluster import DaskRunner  # Dask is imported only when a cluster is asked for

        runner: Runner = DaskRunner(cluster)
    elif workers is None:
        count = min(default_workers(), jobs)
        runner = LocalPool(count) if count > 1 and jobs >= PARALLEL_FROM else InProcess()
    else:
        count = min(max(1, workers), jobs, MAX_WORKERS_PER_CORE * default_workers())
        runner = LocalPool(count) if count > 1 else InProcess()
    ok = False
    try:
        yield runner
        ok = True
    finally:
        runner.close(cancel=not ok)


# --- the pipeline ------------------------------------------------------------------------------------


def prepare(
    jobs: Sequence[Job],
    embedder: Embedder,
    cache_path,
    *,
    workers: int | None = None,
    cluster: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    task: Callable | None = None,
) -> Iterator[Prepared]:
    """Prepared reports, in the order of `jobs`. `progress(done, total)` follows the embedding."""
    if not jobs:
        return
    with open_runner(workers, cluster, len(jobs)) as runner, _cache(cache_path, embedder) as cache:
        yield from _Pipeline(jobs, embedder, cache, runner, progress, task or prepare_task).run()


@contextlib.contextmanager
def _cache(path, embedder: Embedder) -> Iterator[EmbeddingCache | None]:
    cache = EmbeddingCache(path) if path is not None and embedder.cacheable else None
    try:
        yield cache
    finally:
        if cache is not None:
            cache.commit()
            cache.close()


def remote_model(embedder: Embedder) -> str | None:
    """The name a worker process loads this embedder by, or None when it can only run here."""
    return (
        embedder.name if type(embedder) in (E5Embedder, HashEmbedder, SentenceTransformerEmbedder) else None
    )


@dataclass
class _Plan:
    """Where each passage's vector of one report comes from: the cache, or an embedding task's row."""

    report: ParsedReport | None
    problem: str
    passages: tuple[Passage, ...] = ()
    sources: tuple[np.ndarray | tuple[Future, int], ...] = ()
    embedded: int = 0


class _Pipeline:
    def __init__(
        self,
        jobs: Sequence[Job],
        embedder: Embedder,
        cache: EmbeddingCache | None,
        runner: Runner,
        progress: Callable[[int, int], None] | None,
        task: Callable,
    ) -> None:
        self.jobs, self.embedder, self.cache, self.runner = jobs, embedder, cache, runner
        self.progress, self.task = progress, task
        model = remote_model(embedder)
        self.embed = (
            (lambda texts: runner.submit(embed_task, model, texts))
            if runner.remote and model
            else (lambda texts: InProcess().submit(embedder.embed_passages, texts))
        )
        self.parsing: dict[int, Future] = {}
        self.plans: dict[int, _Plan] = {}
        self.inflight: dict[bytes, tuple[Future, int]] = {}  # text digest -> the task embedding it, its row
        self.batches: dict[Future, list[bytes]] = {}  # embedding tasks whose vectors are not in the cache yet
        self.computed: set[bytes] = (
            set()
        )  # texts embedded in this run (found in the cache later, still counted)
        self.window = max(2, runner.workers * LOOKAHEAD)
        self.to_embed = self.embedded = 0
        self.last_commit = time.monotonic()

    def run(self) -> Iterator[Prepared]:
        for i in range(len(self.jobs)):
            while (ready := self._advance(i)) is None:
                # Only unfinished tasks: a finished one that waits for an earlier report would wake us at once.
                waiting = [f for f in (*self.parsing.values(), *self.batches) if not f.done()]
                wait(waiting, return_when=FIRST_COMPLETED)
            yield ready

    def _advance(self, i: int) -> Prepared | None:
        """Submit, plan and store what can be; report i when it is ready."""
        while len(self.parsing) + len(self.plans) < self.window and i + len(self.parsing) + len(
            self.plans
        ) < len(self.jobs):
            n = i + len(self.parsing) + len(self.plans)
            self.parsing[n] = self.runner.submit(self.task, *self.jobs[n])
        while (n := i + len(self.plans)) in self.parsing and self.parsing[n].done():
            self.plans[n] = self._plan(self.parsing.pop(n))
        self._store_finished()
        plan = self.plans.get(i)
        if plan is None or not all(isinstance(s, np.ndarray) or s[0].done() for s in plan.sources):
            return None
        return _assemble(self.plans.pop(i), self.embedder.dim)

    def _plan(self, parsing: Future) -> _Plan:
        try:
            report, problem, cut = parsing.result()
        except Exception as e:
            return _Plan(None, died(e, "preparing it"))
        if report is None:
            return _Plan(None, problem)
        texts = [p.text for p in cut]
        digests = [hashlib.sha256(t.encode("utf-8")).digest() for t in texts]
        cached = self._cached([d for d in dict.fromkeys(digests) if d not in self.inflight])
        new = {d: t for d, t in zip(digests, texts) if d not in cached and d not in self.inflight}
        self._submit_embedding(new)
        sources = tuple(cached[d] if d in cached else self.inflight[d] for d in digests)
        return _Plan(
            report, "", cut, sources, sum(1 for d in digests if d not in cached or d in self.computed)
        )

    def _cached(self, digests: list[bytes]) -> dict[bytes, np.ndarray]:
        return self.cache.get(self.embedder.name, digests) if self.cache is not None and digests else {}

    def _submit_embedding(self, new: dict[bytes, str]) -> None:
        items = list(new.items())
        for start in range(0, len(items), EMBED_BATCH):
            part = items[start : start + EMBED_BATCH]
            future = self.embed([t for _, t in part])
            self.batches[future] = [d for d, _ in part]
            self.inflight.update((d, (future, row)) for row, (d, _) in enumerate(part))
        self.computed.update(new)
        self.to_embed += len(items)

    def _store_finished(self) -> None:
        """Put the vectors of finished embedding tasks into the cache (this process owns it)."""
        for future in [f for f in self.batches if f.done()]:
            digests = self.batches.pop(future)
            for d in digests:
                self.inflight.pop(d, None)
            if future.exception() is not None:
                continue
            if self.cache is not None:
                self.cache.put(self.embedder.name, list(zip(digests, future.result())))
            self.embedded += len(digests)
            if self.progress:
                self.progress(self.embedded, self.to_embed)
        if self.cache is not None and time.monotonic() - self.last_commit > COMMIT_EVERY:
            self.cache.commit()
            self.last_commit = time.monotonic()


def _assemble(plan: _Plan, dim: int) -> Prepared:
    if plan.report is None:
        return Prepared(None, plan.problem)
    vectors = np.zeros((len(plan.sources), dim), dtype=np.float32)
    for row, source in enumerate(plan.sources):
        if isinstance(source, np.ndarray):
            vectors[row] = source
            continue
        future, at = source
        if future.exception() is not None:
            return Prepared(None, died(future.exception(), "embedding its passages"))
        vectors[row] = future.result()[at]
    return Prepared(plan.report, "", plan.passages, vectors, plan.embedded)


def died(error: BaseException, doing: str) -> str:
    """Why a task failed, in one line: a dead worker process is said as such."""
    exitcode = getattr(error, "exitcode", None)
    if exitcode is not None:
        return f"the worker process {doing} died (exit code {exitcode}); the other reports are not affected"
    if type(error).__name__ == "KilledWorker":
        return f"the cluster worker {doing} died; the other reports are not affected"
    return f"{doing} failed: {type(error).__name__}: {error}"
