"""`xxgk ingest --workers N`: reports are parsed, chunked and embedded in worker processes, written by one
writer into one new generation, and the index is the same as a one-process ingest's — same rows, same
ids, same full text, the same vectors bit for bit."""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest
from snapshot import differences, snapshot

from bot.cli import main
from index import parallel
from index.build import ingest, reindex
from index.embed import HashEmbedder

DATA = Path(__file__).parent / "data"

# Every real report of tests/data: the text and page copies of one agency and year compete (one is
# kept, the other skipped), so the order in which results reach the writer matters.
REPORTS = sorted(p.name for p in DATA.iterdir() if p.suffix in (".txt", ".html") and p.name[:4].isdigit())


def _ingest_lines(home, folder, *options: str, capsys) -> list[str]:
    assert main(["ingest", str(folder), "--home", str(home), *options]) == 0
    lines = capsys.readouterr().out.splitlines()
    return lines[:-1]  # the summary line names the generation and the time taken


def test_two_workers_build_the_same_index_as_one_process(tmp_path, report_corpus, capsys):
    one = _ingest_lines(
        tmp_path / "one", report_corpus, "--workers", "1", "--model", "hash:64", capsys=capsys
    )
    two = _ingest_lines(
        tmp_path / "two", report_corpus, "--workers", "2", "--model", "hash:64", capsys=capsys
    )
    assert one == two
    assert sorted(line.split()[0] for line in one) == ["added"] * 8 + ["skipped"] * 5
    assert differences(snapshot(tmp_path / "one"), snapshot(tmp_path / "two")) == []


@pytest.mark.slow
def test_with_the_default_model_the_vectors_are_the_same_bit_for_bit(tmp_path, report_corpus):
    """The default model's vectors depend neither on the batch a text is in nor on the thread count."""
    few = [
        report_corpus / n
        for n in ("2020_panjin_yingshangju.txt", "2023_pingtan_syq_page.html", "2013_pingtan_xian.txt")
    ]
    one = ingest(tmp_path / "one", few, workers=1)
    two = ingest(tmp_path / "two", few, workers=2)
    assert [o.status for o in one.outcomes] == [o.status for o in two.outcomes] == ["added"] * 3
    assert (one.embedded, two.embedded) == (one.chunks, two.chunks)
    assert differences(snapshot(tmp_path / "one"), snapshot(tmp_path / "two")) == []


def test_reindex_with_workers_rebuilds_the_same_index_from_the_cache(tmp_path, report_corpus):
    model = HashEmbedder(64, cacheable=True)
    for name in ("one", "two"):
        ingest(tmp_path / name, [report_corpus], model=model, workers=1)
    one = reindex(tmp_path / "one", model=model, workers=1)
    two = reindex(tmp_path / "two", model=model, workers=2)
    assert (two.embedded, two.cached) == (0, two.chunks) == (one.embedded, one.cached)
    assert differences(snapshot(tmp_path / "one"), snapshot(tmp_path / "two")) == []


def test_the_embedding_cache_is_shared_nothing_cached_is_embedded_again(tmp_path, report_corpus):
    model = HashEmbedder(64, cacheable=True)
    first = ingest(tmp_path / "home", [report_corpus], model=model, workers=2)
    assert first.embedded == first.chunks > 0 and first.cached == 0
    shutil.copytree(tmp_path / "home" / "cache", tmp_path / "again" / "cache")  # a new home with that cache
    again = ingest(tmp_path / "again", [report_corpus], model=model, workers=2)
    # Every passage the first run embedded comes from the cache. (On a loaded machine a report can miss the
    # parse deadline in one run and not the other: its passages are then new to the cache, and only they
    # are embedded.)
    assert again.embedded == max(0, again.chunks - first.chunks)
    assert again.cached == again.chunks - again.embedded


def die_on_panjin(name: str, data: bytes):
    """A task that kills its own worker process on one report (as the OOM killer would)."""
    if "panjin" in name:
        os.kill(os.getpid(), signal.SIGKILL)
    return parallel.prepare_task(name, data)


def test_a_worker_that_dies_fails_only_its_report(report_corpus):
    names = ["2013_pingtan_xian.txt", "2020_panjin_yingshangju.txt", "2023_pingtan_syq_page.html"]
    jobs = [(n, (report_corpus / n).read_bytes()) for n in names]
    prepared = list(parallel.prepare(jobs, HashEmbedder(64), None, workers=2, task=die_on_panjin))
    assert [p.report is not None for p in prepared] == [True, False, True]
    assert prepared[1].problem.startswith("the worker process preparing it died (exit code -9)")
    assert all(len(p.passages) == len(p.vectors) > 0 for p in (prepared[0], prepared[2]))


def test_a_report_that_cannot_be_read_fails_alone_in_a_worker(report_corpus):
    jobs = [
        ("broken.html", b"\x00\x01 not a report"),
        ("2013_pingtan_xian.txt", (report_corpus / "2013_pingtan_xian.txt").read_bytes()),
    ]
    prepared = list(parallel.prepare(jobs, HashEmbedder(64), None, workers=2))
    assert prepared[0].report is None and prepared[0].problem
    assert prepared[1].report is not None and prepared[1].vectors.shape == (len(prepared[1].passages), 64)


def test_progress_is_reported_while_workers_prepare(tmp_path, report_corpus):
    seen = []
    ingest(tmp_path / "home", [report_corpus], model="hash:64", workers=2, progress=seen.append)
    stages = {p.stage for p in seen}
    assert {"read", "parse", "embed"} <= stages
    parsed = [p for p in seen if p.stage == "parse"]
    assert [p.done for p in parsed] == list(range(1, len(REPORTS) + 1))


def test_the_default_worker_count_is_the_machines_cores():
    assert parallel.default_workers() == (os.cpu_count() or 1)
    with parallel.open_runner(None, None, jobs=3) as few:  # a pool costs more than it saves for 3 reports
        assert isinstance(few, parallel.InProcess)
    with parallel.open_runner(1, None, jobs=100) as one:
        assert isinstance(one, parallel.InProcess)
