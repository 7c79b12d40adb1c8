"""Scale benchmark of the index, on a SYNTHETIC corpus made by re-labelling the real sample reports.

    python bench/scale.py                       # N = 1,000 and 10,000
    python bench/scale.py --sizes 200,1000      # smaller runs
    python bench/scale.py --fts-compare         # which Chinese full-text scheme retrieves best
    python bench/scale.py --workers 1,2,N       # ingest speed by worker processes (N = the machine's cores)
    python bench/scale.py --workers 1,2 --cluster local   # ... and on a Dask cluster started here
    python bench/scale.py --workers 1 --cluster tcp://10.0.0.5:8786   # ... or on a running one

The synthetic corpus: each real report (index/samples, the shared corpus) is copied with its agency
name, region and year replaced by invented ones (盘锦市营商环境建设局 → 某某市交通运输局, 2020 → 2016…),
so the parser, the tables and the narrative are real text while the count of agencies and years grows.
Re-labelled copies share most of their wording, but every passage carries its agency and year, so
their embeddings are not shared.

What is measured, per N:
- ingest without embedding (the `hash:384` embedder: instant vectors, so the figure is parse + chunk +
  SQLite + FAISS), in reports/s and chunks/s;
- ingest with the real default model, measured on a small slice (--embed-sample reports, 3 s each is too
  slow for 10,000) and extrapolated to N; said as such in the output;
- reindex of the unchanged corpus with every vector in the embedding cache;
- index size on disk, peak memory (ru_maxrss) of the process;
- search latency p50/p95 over the corpus questions: full-text, vector and hybrid, unfiltered and
  filtered by one agency and year.

With --workers, only the ingest speed by worker count is measured (`xxgk ingest --workers N`): reports/s
at --workers-size reports with embedding excluded (the hashing embedder), and with the default model on
--embed-sample reports (cold cache), for each count and for --cluster; then the projection of time,
vectors and SQLite size to 10^5 and 10^6 reports from those figures.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.build import ingest, reindex  # noqa: E402
from index.embed import HashEmbedder  # noqa: E402
from index.reader import SAMPLES, Index  # noqa: E402

QUESTIONS = ROOT / "tests" / "data" / "questions.jsonl"
CITIES = "临江 青山 白石 东湖 西岭 南平 北川 清河 云溪 龙泉 金川 石门 长宁 永安 新华 安平 宁远 开阳 丰城 桃源".split()
DEPARTMENTS = ("交通运输局 教育局 民政局 财政局 自然资源局 生态环境局 住房和城乡建设局 水利局 农业农村局 商务局 "
               "文化和旅游局 卫生健康委员会 应急管理局 审计局 统计局 医疗保障局 营商环境建设局 人民政府").split()
SOURCE_AGENCIES = ("平潭综合实验区", "盘锦市营商环境建设局", "平潭县人民政府", "平潭县", "平潭", "盘锦市", "营商环境建设局")


def synthetic_corpus(folder: Path, n: int, seed: int = 7) -> list[Path]:
    """n re-labelled copies of the sample reports (distinct agency+year each), written to folder."""
    rng = random.Random(seed)
    sources = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html"))
    texts = [(p, p.read_text("utf-8")) for p in sources]
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    labels = [(c, d) for c in CITIES for d in DEPARTMENTS]
    rng.shuffle(labels)
    for i in range(n):
        path, text = texts[i % len(texts)]
        city, dept = labels[(i // len(texts)) % len(labels)]
        serial = i // (len(texts) * len(labels))  # more agencies than labels: number the cities
        agency = f"{city}{serial or ''}市{dept}"
        year = int(re.search(r"(20\d\d)", path.name).group(1))
        text = _relabel(text, agency, f"{city}{serial or ''}市", year, 2008 + (i % 17))
        target = folder / f"{i:05d}_{path.name}"
        target.write_text(text, "utf-8")
        out.append(target)
    return out


def _relabel(text: str, agency: str, city: str, old_year: int, new_year: int) -> str:
    for name in SOURCE_AGENCIES[:3]:
        text = text.replace(name, agency)
    for name in SOURCE_AGENCIES[3:6]:
        text = text.replace(name, city)
    # Years: the report year and the publication year that follows it.
    text = text.replace(str(old_year + 1), str(new_year + 1)).replace(str(old_year), str(new_year))
    return text


def _timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def _folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _percentiles(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p50 = statistics.median(ms)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return f"p50 {p50:6.1f} ms  p95 {p95:6.1f} ms"


def bench_size(n: int, work: Path, embed_sample: int) -> dict:
    corpus = synthetic_corpus(work / f"corpus-{n}", n)
    home = work / f"home-{n}"
    hashed = HashEmbedder(384, cacheable=True)  # instant vectors that still go through the cache
    result, seconds = _timed(ingest, home, [corpus[0].parent], model=hashed)
    chunks = result.chunks
    index_bytes = _folder_size(home / "generations")
    again, re_seconds = _timed(reindex, home, model=hashed)
    figures = {
        "n": n, "chunks": chunks, "ingest_s": seconds, "parse_s": result.seconds.get("parse", 0.0),
        "reindex_s": re_seconds, "reindex_cached": again.cached, "index_bytes": index_bytes,
    }
    figures.update(search_latency(home))
    figures["vector_agreement"] = vector_agreement(home)
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    shutil.rmtree(work / f"corpus-{n}", ignore_errors=True)
    shutil.rmtree(home, ignore_errors=True)
    return figures


def search_latency(home: Path, rounds: int = 3) -> dict:
    questions = [json.loads(line)["q"] for line in QUESTIONS.read_text("utf-8").splitlines() if line.strip()]
    out = {}
    with Index.open(home, bootstrap=False) as index:
        for q in questions:  # loads FAISS and the model, and reads the SQLite pages once, outside the timing
            index.search(q, k=10)
        agency, year = index.reports()[0].agency, index.reports()[0].year
        for label, fn in (
            ("fts", lambda q: index.fts_search(q, k=10)),
            ("vector", lambda q: index.vector_search(q, k=10)),
            ("hybrid", lambda q: index.search(q, k=10)),
            ("hybrid_filtered", lambda q: index.search(q, k=10, agencies=[agency], years=[year])),
        ):
            times = []
            for _ in range(rounds):
                for q in questions:
                    index._query_vectors.clear()  # an embedding per question, as in real use
                    times.append(_timed(fn, q)[1])
            out[label] = _percentiles(times)
    return out


def vector_agreement(home: Path, k: int = 10) -> str:
    """How often the vector index returns what an exact scan would: the exact best passage (top-1) and,
    of its top k, how many score at least the exact k-th score (ties among near-duplicate passages make
    ids alone a poor yardstick)."""
    import numpy as np

    questions = [json.loads(line)["q"] for line in QUESTIONS.read_text("utf-8").splitlines() if line.strip()]
    with Index.open(home, bootstrap=False) as index:
        vectors = index.vectors
        ids = np.array([r[0] for r in index.db.execute("SELECT id FROM chunks ORDER BY id")], dtype=np.int64)
        matrix = vectors.vectors_of(ids)
        top1 = within = 0
        for q in questions:
            qvec = index.embed_query(q)
            exact = np.sort(matrix @ qvec)[::-1][:k]
            found = [s for _, s in vectors.search(qvec, k)]
            top1 += bool(found) and found[0] >= exact[0] - 1e-5
            within += sum(s >= exact[-1] - 1e-5 for s in found)
    return (f"{vectors.kind}: exact best found for {top1}/{len(questions)} questions, "
            f"top-{k} agreement {within / (k * len(questions)):.3f}")


def query_embedding_latency(rounds: int = 3) -> str:
    """The default model embeds each question once per search: a cost on top of the search itself."""
    from index.embed import load_embedder

    model = load_embedder(None)
    questions = [json.loads(line)["q"] for line in QUESTIONS.read_text("utf-8").splitlines() if line.strip()]
    model.embed_queries(["warm up"])
    return _percentiles([_timed(model.embed_queries, [q])[1] for _ in range(rounds) for q in questions])


def embedding_rate(work: Path, sample: int) -> dict:
    """Ingest `sample` synthetic reports with the real default model (cold cache), then reindex (warm)."""
    corpus = synthetic_corpus(work / "corpus-embed", sample, seed=11)
    home = work / "home-embed"
    result, seconds = _timed(ingest, home, [corpus[0].parent])
    again, re_seconds = _timed(reindex, home)
    figures = {"n": sample, "chunks": result.chunks, "embedded": result.embedded, "ingest_s": seconds,
               "embed_s": result.seconds.get("embed", 0.0), "reindex_s": re_seconds, "reindex_cached": again.cached}
    shutil.rmtree(home, ignore_errors=True)
    return figures


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), "unknown CPU")
    return f"{os.cpu_count()} CPUs ({model}), Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}"


def print_size(f: dict, embedding: dict | None) -> None:
    n = f["n"]
    print(f"\nN = {n:,} synthetic reports ({f['chunks']:,} chunks)")
    print(f"  ingest, embedding excluded : {n / f['ingest_s']:7.1f} reports/s  {f['chunks'] / f['ingest_s']:9.0f} chunks/s"
          f"  ({f['ingest_s']:.1f} s; parsing runs alongside in worker processes, {f['parse_s']:.1f} s spent waiting for it)")
    print(f"  reindex, all vectors cached: {n / f['reindex_s']:7.1f} reports/s  ({f['reindex_s']:.1f} s, "
          f"{f['reindex_cached']:,} cache hits)")
    print(f"  index size on disk         : {f['index_bytes'] / 2**20:.1f} MB (live generation + previous)")
    print(f"  peak memory (process)      : {f['peak_rss_mb']:.0f} MB")
    if embedding:
        rate = embedding["chunks"] / embedding["ingest_s"]
        print(f"  ingest, embedding included : {rate / (f['chunks'] / n):7.2f} reports/s  {rate:9.1f} chunks/s  "
              f"(extrapolated from the real-model run: {f['chunks'] / rate / 3600:.1f} h for these {f['chunks']:,} "
              "chunks, cold cache)")
    for label in ("fts", "vector", "hybrid", "hybrid_filtered"):
        print(f"  search {label:16}    : {f[label]}")
    print(f"  vector search vs exact     : {f['vector_agreement']}")


def print_embedding(f: dict, sizes: list[int]) -> None:
    per_report = f["ingest_s"] / f["n"]
    print(f"\nEmbedding included (real model, measured on {f['n']} synthetic reports, {f['chunks']} chunks, cold cache):")
    print(f"  ingest: {f['n'] / f['ingest_s']:.2f} reports/s, {f['chunks'] / f['ingest_s']:.1f} chunks/s "
          f"(embedding {f['embed_s']:.1f} of {f['ingest_s']:.1f} s)")
    print(f"  extrapolated: {per_report:.1f} s per report; for N reports see 'embedding included' under each N "
          "(not measured at that size)")
    print(f"  reindex with a warm cache: {f['n'] / f['reindex_s']:.1f} reports/s ({f['reindex_cached']} cache hits)")
    print(f"  embedding one question (default model, added to every search below): {query_embedding_latency()}")


def fts_compare(ks: tuple[int, ...] = (1, 3, 5, 10)) -> None:
    """Hit@k of the gold evidence among full-text results, per scheme, on the corpus's narrative questions."""
    from index.fts import SCHEMES, match_expression

    with tempfile.TemporaryDirectory() as tmp:
        ingest(tmp, [SAMPLES], model="hash:64")
        with Index.open(tmp, bootstrap=False) as index:
            rows = index.db.execute("SELECT c.id, r.year, c.text FROM chunks c JOIN reports r ON r.id = c.report_id").fetchall()
    questions = [q for q in map(json.loads, QUESTIONS.read_text("utf-8").splitlines())
                 if q["kind"] == "narrative" and q["evidence"]]
    squash = lambda t: re.sub(r"\s+", "", t)  # noqa: E731
    texts = {cid: squash(text) for cid, _, text in rows}
    print(f"{len(questions)} narrative questions, {len(rows)} chunks of the sample reports; "
          "a hit is a chunk holding the gold evidence string")
    for scheme in SCHEMES:
        db = sqlite3.connect(":memory:")
        db.execute(f"CREATE VIRTUAL TABLE fts USING fts5(tokens, tokenize='{scheme.tokenizer}')")
        db.executemany("INSERT INTO fts (rowid, tokens) VALUES (?, ?)", [(c, scheme.index_text(t)) for c, _, t in rows])
        years = {cid: year for cid, year, _ in rows}
        for filtered in (False, True):
            ranks, elapsed = [], 0.0
            for q in questions:
                terms = scheme.query_terms(q["q"])
                start = time.perf_counter()
                found = [r[0] for r in db.execute(
                    "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT 200",
                    [match_expression(terms)]).fetchall()] if terms else []
                elapsed += time.perf_counter() - start
                if filtered:
                    found = [c for c in found if years[c] == q["year"]]
                hit = next((i for i, c in enumerate(found[:10], 1) if squash(q["evidence"]) in texts[c]), None)
                ranks.append(hit)
            cells = "  ".join(f"hit@{k} {sum(1 for r in ranks if r and r <= k) / len(ranks):.2f}" for k in ks)
            mrr = sum(1 / r for r in ranks if r) / len(ranks)
            print(f"  {scheme.name:8} {'year-filtered' if filtered else 'unfiltered   '}  {cells}  MRR@10 {mrr:.2f}"
                  f"  ({elapsed / len(questions) * 1000:.1f} ms/query)")


def retrieval_quality(ks: tuple[int, ...] = (1, 3, 5)) -> None:
    """Hit@k of the gold evidence for full text, vectors and hybrid, with the default model, on the samples."""
    questions = [q for q in map(json.loads, QUESTIONS.read_text("utf-8").splitlines())
                 if q["kind"] == "narrative" and q["evidence"]]
    squash = lambda t: re.sub(r"\s+", "", t)  # noqa: E731
    with tempfile.TemporaryDirectory() as tmp, Index.open(tmp) as index:  # the bundled samples, default model
        texts = dict(index.db.execute("SELECT id, text FROM chunks").fetchall())
        for filtered in (False, True):
            for label in ("fts", "vector", "hybrid"):
                ranks = []
                for q in questions:
                    where = {"agencies": [q["agency"]], "years": [q["year"]]} if filtered else {}
                    ids = _ranked(index, label, q["q"], where)
                    ranks.append(next((i for i, c in enumerate(ids, 1) if squash(q["evidence"]) in squash(texts[c])), None))
                cells = "  ".join(f"hit@{k} {sum(1 for r in ranks if r and r <= k) / len(ranks):.2f}" for k in ks)
                print(f"  {label:7} {'agency+year filter' if filtered else 'unfiltered        '}  {cells}")


def _ranked(index: Index, label: str, question: str, where: dict) -> list[int]:
    from index.search import Filter

    if label == "fts":
        return index.fts_search(question, k=10, **where)
    if label == "vector":
        return [cid for cid, _ in index.vector_search(question, k=10, where=Filter.of(where.get("agencies"),
                                                                                        where.get("years"), None))]
    return [h.chunk.id for h in index.search(question, k=10, **where)]


def ingest_rate(work: Path, corpus: list[Path], label: str, **runner) -> dict:
    """reports/s of one ingest of `corpus` into a fresh home (and a fresh embedding cache)."""
    home = work / f"home-{label}"
    shutil.rmtree(home, ignore_errors=True)
    model = runner.pop("model")
    result, seconds = _timed(ingest, home, [corpus[0].parent], model=model, **runner)
    index_bytes = _folder_size(home / "generations")
    shutil.rmtree(home, ignore_errors=True)
    return {"n": len(corpus), "chunks": result.chunks, "seconds": seconds, "rate": len(corpus) / seconds,
            "index_bytes": index_bytes, "failed": len(result.failed)}


def workers_table(work: Path, counts: list[int], size: int, sample: int, cluster: str | None) -> list[dict]:
    """Ingest speed by runner: each worker count, then the cluster; embedding excluded and included."""
    corpus = synthetic_corpus(work / "corpus-workers", size)
    few = synthetic_corpus(work / "corpus-workers-embed", sample, seed=13) if sample else []
    runners = [(f"{n} worker{'s' if n > 1 else ''}", {"workers": n}) for n in counts]
    runners += [(f"cluster {cluster}", {"cluster": cluster})] if cluster else []
    rows = []
    for label, runner in runners:
        row = {"label": label, "excluded": ingest_rate(work, corpus, "x", model=HashEmbedder(384, cacheable=True),
                                                       **runner)}
        if few:
            row["included"] = ingest_rate(work, few, "e", model=None, **runner)
        rows.append(row)
        print_worker_row(row, rows[0])
    return rows


def print_worker_row(row: dict, first: dict) -> None:
    ex = row["excluded"]
    line = (f"  {row['label']:34} embedding excluded {ex['rate']:7.1f} reports/s ({ex['n']:,} in {ex['seconds']:.1f} s, "
            f"×{ex['rate'] / first['excluded']['rate']:.2f})")
    if "included" in row:
        inc = row["included"]
        line += (f"; included {inc['rate']:5.2f} reports/s ({inc['n']} in {inc['seconds']:.1f} s, "
                 f"×{inc['rate'] / first['included']['rate']:.2f})")
    print(line, flush=True)


def print_projection(rows: list[dict]) -> None:
    """Time, vectors and SQLite size at 10^5 and 10^6 reports, from the measured per-report figures."""
    best = max(rows, key=lambda r: r.get("included", r["excluded"])["rate"])
    ex = best["excluded"]
    per_report_chunks = ex["chunks"] / ex["n"]
    sqlite_per_report = ex["index_bytes"] / 2 / ex["n"]  # the home keeps the live and the previous generation
    print(f"\nProjection ({per_report_chunks:.0f} passages and {sqlite_per_report / 1024:.0f} KB of SQLite a report, "
          f"measured; vectors of 384 float32 = 1.5 KB; best runner here: {best['label']}):")
    for n in (10**5, 10**6):
        vectors = n * per_report_chunks
        line = (f"  {n:>9,} reports: {vectors / 1e6:5.1f} M vectors = {vectors * 1536 / 2**30:5.1f} GB as float32 "
                f"(IVF-PQ at 64 B a vector: {vectors * 64 / 2**30:4.1f} GB), SQLite {n * sqlite_per_report / 2**30:5.1f} GB "
                f"a generation, ingest without embedding {n / ex['rate'] / 3600:5.1f} h")
        if "included" in best:
            line += f", with embedding {n / best['included']['rate'] / 86400:5.1f} days on this machine"
        print(line)


def _cluster_address(spec: str | None):
    """--cluster local starts a Dask cluster here (a scheduler and one worker process per core)."""
    if spec != "local":
        return contextlib.nullcontext(spec)
    from distributed import LocalCluster

    return _local_cluster(LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True,
                                       dashboard_address=None))


@contextlib.contextmanager
def _local_cluster(local):
    with local:
        yield local.scheduler_address


def main_workers(args) -> int:
    counts = [os.cpu_count() or 1 if c.strip().upper() == "N" else int(c) for c in args.workers.split(",") if c.strip()]
    counts = list(dict.fromkeys(counts))
    print("SYNTHETIC corpus: the real sample reports re-labelled with invented agencies, regions and years.")
    print(f"machine: {machine()}")
    print(f"\nIngest by runner: {args.workers_size:,} reports with embedding excluded (hashing embedder), "
          f"{args.embed_sample} with the default model (cold cache):")
    with tempfile.TemporaryDirectory(dir=args.work) as tmp, _cluster_address(args.cluster) as cluster:
        rows = workers_table(Path(tmp), counts, args.workers_size, args.embed_sample, cluster)
    print_projection(rows)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (default 1000,10000)")
    parser.add_argument("--embed-sample", type=int, default=20, help="reports ingested with the real model")
    parser.add_argument("--fts-compare", action="store_true", help="compare Chinese full-text schemes and exit")
    parser.add_argument("--work", help="scratch folder (default: a temporary folder)")
    parser.add_argument("--workers", help="worker counts to compare, e.g. 1,2,N (N = the machine's cores)")
    parser.add_argument("--cluster", help="also ingest on this Dask scheduler address, or 'local' to start one here")
    parser.add_argument("--workers-size", type=int, default=1000, help="reports for the worker comparison")
    args = parser.parse_args(argv)
    if args.workers or args.cluster:
        args.workers = args.workers or "1"
        return main_workers(args)
    if args.fts_compare:
        fts_compare()
        print("retrieval with the default model on the bundled samples (same questions):")
        retrieval_quality()
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s]
    print("SYNTHETIC corpus: the real sample reports re-labelled with invented agencies, regions and years.")
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(dir=args.work) as tmp:
        work = Path(tmp)
        embedding = embedding_rate(work, args.embed_sample) if args.embed_sample else None
        if embedding:
            print_embedding(embedding, sizes)
        for n in sizes:
            print_size(bench_size(n, work, args.embed_sample), embedding)
    return 0


if __name__ == "__main__":
    sys.exit(main())
