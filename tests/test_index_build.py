"""Ingest and reindex on a real SQLite file and a real FAISS index, with the fast `hash:64` embedder
(the real models have their own tests in test_index_models.py)."""

from __future__ import annotations

import errno
import http.server
import json
import shutil
import threading
from collections import Counter
from pathlib import Path

import pytest

from index import build, generations, parallel
from index.build import ReportOutcome, ingest, reindex
from index.download import Policy
from index.errors import DiskFull, HomeUnusable, IndexBusy, IndexMismatch, NoIndex
from index.fetch import url_inputs
from index.fts import fts_tokens
from index.reader import Index

MODEL = "hash:64"


def _statuses(result) -> list[tuple[str, str]]:
    return [(Path(o.source).name, o.status) for o in result.outcomes]


def test_ingest_adds_reports_with_facts_chunks_and_vectors(tmp_path, report_copy):
    folder = report_copy("2020_panjin_yingshangju.txt", "2013_pingtan_xian.txt")
    result = ingest(tmp_path / "home", [folder], model=MODEL)
    assert [(Path(o.source).name, o.status, o.agency, o.year, o.facts) for o in result.outcomes] == [
        ("2013_pingtan_xian.txt", "added", "平潭县人民政府", 2013, 0),
        ("2020_panjin_yingshangju.txt", "added", "盘锦市营商环境建设局", 2020, 198),
    ]
    with Index.open(tmp_path / "home", bootstrap=False) as index:
        stats = index.stats()
        assert (stats["reports"], stats["facts"], stats["model"], stats["vector_index"]) == (2, 198, MODEL, "flat")
        assert stats["chunks"] == stats["vectors"] == result.chunks
        assert (tmp_path / "home" / "originals").is_dir()
        assert sorted(p.suffix for p in (tmp_path / "home" / "originals").iterdir()) == [".txt", ".txt"]


def test_re_ingesting_an_identical_file_is_a_no_op(tmp_path, report_copy):
    folder = report_copy("2013_pingtan_xian.txt")
    first = ingest(tmp_path / "home", [folder], model=MODEL)
    again = ingest(tmp_path / "home", [folder / "2013_pingtan_xian.txt"], model=MODEL)
    assert _statuses(again) == [("2013_pingtan_xian.txt", "unchanged")]
    assert again.generation is None
    assert generations.current(tmp_path / "home").name == first.generation


def test_a_new_version_of_the_same_agency_and_year_replaces_the_old(tmp_path, report_copy):
    home = tmp_path / "home"
    ingest(home, [report_copy("2019_pingtan_syq.txt", folder="v1")], model=MODEL)
    result = ingest(home, [report_copy("2019_pingtan_syq_page.html", folder="v2")], model=MODEL)
    [outcome] = result.outcomes
    assert (outcome.status, outcome.agency, outcome.year, outcome.facts) == ("replaced", "平潭综合实验区", 2019, 198)
    assert outcome.replaced.startswith(str(tmp_path / "v1" / "2019_pingtan_syq.txt") + " (ingested ")
    with Index.open(home, bootstrap=False) as index:
        [report] = index.reports()
        assert report.source_name.endswith("2019_pingtan_syq_page.html")
        stats = index.stats()
        assert (stats["reports"], stats["facts"], stats["ambiguous"]) == (1, 198, 0)
        assert stats["vectors"] == stats["chunks"] == outcome.chunks  # the old report's vectors are gone


def test_past_the_flat_limit_the_index_is_ivf_and_a_replaced_report_leaves_no_vector(tmp_path, report_copy,
                                                                                      monkeypatch):
    from index import vectors

    monkeypatch.setattr(vectors, "FLAT_LIMIT", 60)  # the real limit is 100,000 passages
    home = tmp_path / "home"
    ingest(home, [report_copy("2019_pingtan_syq.txt", "2020_pingtan_syq.txt", folder="v1")], model=MODEL)
    with Index.open(home, bootstrap=False) as index:
        assert index.meta.vector_kind == "ivf"
    result = ingest(home, [report_copy("2019_pingtan_syq_page.html", folder="v2")], model=MODEL)
    assert [o.status for o in result.outcomes] == ["replaced"]
    with Index.open(home, bootstrap=False) as index:
        stats = index.stats()
        assert index.meta.vector_kind == "ivf" and stats["vectors"] == stats["chunks"]
        hit = index.search("平潭综合实验区 2019年 主动公开", k=1, years=[2019])[0]
        assert hit.report.source_name.endswith("2019_pingtan_syq_page.html")
        assert index.vector_search("平潭综合实验区 2019年 政府信息公开", k=5)
    reindex(home, model=MODEL)
    with Index.open(home, bootstrap=False) as index:
        assert index.meta.vector_kind == "ivf" and index.stats()["vectors"] == index.stats()["chunks"]


def test_two_files_of_one_agency_and_year_keep_the_one_with_more_certain_facts(tmp_path, report_copy):
    folder = report_copy("2022_pingtan_syq.txt", "2022_pingtan_syq_page.html")
    result = ingest(tmp_path / "home", [folder], model=MODEL)
    assert _statuses(result) == [("2022_pingtan_syq.txt", "skipped"), ("2022_pingtan_syq_page.html", "added")]
    assert result.outcomes[0].reason == (
        f"not used: {folder / '2022_pingtan_syq_page.html'} serves this agency and year, being at least as complete "
        f"({result.outcomes[1].facts} certain facts, 3 of 3 tables, 0 failed checks; this copy: 204 certain facts, "
        "3 of 3 tables, 0 failed checks). It is kept in the home, unused")
    with Index.open(tmp_path / "home", bootstrap=False) as index:  # the loser's rows and vectors are gone
        stats = index.stats()
        assert (stats["reports"], stats["chunks"], stats["vectors"]) == (1, result.outcomes[1].chunks,
                                                                          result.outcomes[1].chunks)


def test_a_batch_replacing_an_indexed_report_keeps_one_version(tmp_path, report_copy):
    home = tmp_path / "home"
    ingest(home, [report_copy("2023_pingtan_syq.txt", folder="v1")], model=MODEL)
    v2 = report_copy("2023_pingtan_syq_page.html", folder="v2")
    (v2 / "2023_copy.txt").write_text((tmp_path / "v1" / "2023_pingtan_syq.txt").read_text("utf-8") + "\n附：无。")
    result = ingest(home, [v2], model=MODEL)
    assert _statuses(result) == [("2023_copy.txt", "skipped"), ("2023_pingtan_syq_page.html", "replaced")]
    with Index.open(home, bootstrap=False) as index:
        stats = index.stats()
        assert (stats["reports"], stats["vectors"]) == (1, stats["chunks"])
        assert index.reports()[0].source_name.endswith("2023_pingtan_syq_page.html")


def test_a_broken_file_fails_alone_and_says_why(tmp_path, report_copy):
    folder = report_copy("2013_pingtan_xian.txt")
    (folder / "broken.html").write_bytes(b"\x00\x01\x02 not a report" * 20)
    (folder / "notes.txt").write_text("今天天气很好。", "utf-8")
    result = ingest(tmp_path / "home", [folder, tmp_path / "missing.txt"], model=MODEL)
    assert _statuses(result) == [("missing.txt", "failed"), ("2013_pingtan_xian.txt", "added"),
                                 ("broken.html", "failed"), ("notes.txt", "failed")]
    reasons = [o.reason for o in result.failed]
    assert reasons[0] == "no such file or folder"
    assert "binary" in reasons[1] and reasons[2]  # the parser's own words
    with Index.open(tmp_path / "home", bootstrap=False) as index:
        assert [r.agency for r in index.reports()] == ["平潭县人民政府"]


def test_an_index_refuses_vectors_of_another_model(tmp_path, report_copy):
    home = tmp_path / "home"
    ingest(home, [report_copy("2013_pingtan_xian.txt")], model=MODEL)
    with pytest.raises(IndexMismatch) as err:
        ingest(home, [report_copy("2018_pingtan_syq.txt", folder="more")], model="hash:32")
    assert "built with the embedding model hash:64 (dimension 64)" in str(err.value)
    assert "Re-index with --model hash:32" in str(err.value)


def test_reindex_switches_the_model_and_keeps_report_ids(tmp_path, report_copy):
    home = tmp_path / "home"
    ingest(home, [report_copy("2013_pingtan_xian.txt", "2020_panjin_yingshangju.txt")], model=MODEL)
    with Index.open(home, bootstrap=False) as before:
        ids = [(r.id, r.sha256) for r in before.reports()]
    result = reindex(home, model="hash:32")
    assert [o.status for o in result.outcomes] == ["added", "added"]
    with Index.open(home, bootstrap=False) as after:
        assert [(r.id, r.sha256) for r in after.reports()] == ids
        assert (after.meta.model, after.meta.dim, after.stats()["vectors"]) == ("hash:32", 32, result.chunks)
    ingest(home, [report_copy("2018_pingtan_syq.txt", folder="more")])  # no --model: the index's model


def test_reindex_keeps_a_report_whose_original_no_longer_parses(tmp_path, report_copy, monkeypatch):
    home = tmp_path / "home"
    ingest(home, [report_copy("2013_pingtan_xian.txt", "2020_panjin_yingshangju.txt")], model=MODEL)
    real = parallel.prepare_task
    monkeypatch.setattr(parallel, "prepare_task", lambda name, data, given=None: (None, "boom", ()) if "panjin" in name
                        else real(name, data, given))
    result = reindex(home)
    assert [(Path(o.source).name, o.status, o.reason) for o in result.outcomes] == [
        ("2013_pingtan_xian.txt", "added", ""),
        ("2020_panjin_yingshangju.txt", "kept", "kept the previous version: re-reading it failed (boom)")]
    with Index.open(home, bootstrap=False) as index:
        kept = next(r for r in index.reports() if r.agency == "盘锦市营商环境建设局")
        assert len(index.facts(agencies=[kept.agency])) == 198
        assert index.search("营商环境建设", k=1, agencies=[kept.agency])[0].report == kept


def test_reindex_of_an_empty_home_says_what_to_do(tmp_path):
    with pytest.raises(NoIndex, match="xxgk ingest PATH"):
        reindex(tmp_path / "home")


def test_old_generations_are_removed_but_the_previous_one_is_kept(tmp_path, report_copy):
    home = tmp_path / "home"
    names = ["2013_pingtan_xian.txt", "2018_pingtan_syq.txt", "2020_panjin_yingshangju.txt"]
    published = [ingest(home, [report_copy(n, folder=n)], model=MODEL).generation for n in names]
    assert sorted(p.name for p in (home / "generations").iterdir()) == published[1:]


def test_a_reader_opened_before_a_swap_keeps_answering_from_its_generation(tmp_path, report_copy):
    home = tmp_path / "home"
    ingest(home, [report_copy("2013_pingtan_xian.txt", folder="a")], model=MODEL)
    reader = Index.open(home, bootstrap=False)
    assert reader.is_current()
    for name in ("2018_pingtan_syq.txt", "2020_panjin_yingshangju.txt", "2025_pingtan_syq.txt"):
        ingest(home, [report_copy(name, folder=name)], model=MODEL)
    assert not reader.is_current()  # a long-running reader (the bot) knows to reopen
    assert [r.year for r in reader.reports()] == [2013]
    assert reader.search("政府信息公开", k=3)[0].report.year == 2013
    assert reader.folder.exists()  # three swaps later, its files are still there
    reader.close()
    with Index.open(home, bootstrap=False) as fresh:
        assert [r.year for r in fresh.reports()] == [2013, 2018, 2025, 2020]
    ingest(home, [report_copy("2023_pingtan_syq.txt", folder="last")], model=MODEL)
    assert not reader.folder.exists()  # released: cleaned up at the next swap


class _Reports(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture
def http_folder(tmp_path):
    served = tmp_path / "served"
    served.mkdir()
    handler = lambda *a, **kw: _Reports(*a, directory=str(served), **kw)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield served, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_report_is_ingested_from_an_http_url(tmp_path, http_folder):
    served, base = http_folder
    shutil.copy(Path(__file__).parent / "data" / "2023_pingtan_syq_page.html", served / "nb2023.htm")
    urls = url_inputs([f"{base}/nb2023.htm", f"{base}/missing.htm"], Policy(allow_private=True))  # a local server
    result = ingest(tmp_path / "home", urls, model=MODEL)
    assert [(o.source, o.status, o.year) for o in result.outcomes] == [
        (f"{base}/nb2023.htm", "added", 2023), (f"{base}/missing.htm", "failed", None)]
    assert result.outcomes[1].reason == "the server answered HTTP 404 File not found"
    with Index.open(tmp_path / "home", bootstrap=False) as index:
        [report] = index.reports()
        assert report.source_name == f"{base}/nb2023.htm"
        assert sorted(p.name for p in (tmp_path / "home" / "originals").iterdir()) == [f"{report.sha256}.htm"]


def test_a_full_disk_gives_a_clear_error_and_leaves_the_index_as_it_was(tmp_path, report_copy, monkeypatch):
    home = tmp_path / "home"
    first = ingest(home, [report_copy("2013_pingtan_xian.txt", folder="a")], model=MODEL)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(generations.Meta, "write", full)
    with pytest.raises(DiskFull, match="is full; free some space"):
        ingest(home, [report_copy("2018_pingtan_syq.txt", folder="b")], model=MODEL)
    assert sorted(p.name for p in (home / "generations").iterdir()) == [first.generation]  # no half-built leftovers
    with Index.open(home, bootstrap=False) as index:
        assert [r.year for r in index.reports()] == [2013]


def test_a_home_that_cannot_be_written_gives_a_clear_error(tmp_path, report_copy):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    with pytest.raises(HomeUnusable, match="cannot write to the data home .* Pass --home DIR"):
        ingest(not_a_folder / "home", [report_copy("2013_pingtan_xian.txt")], model=MODEL)


def test_a_second_writer_is_told_the_home_is_busy(tmp_path, report_copy, monkeypatch):
    home = tmp_path / "home"
    real_lock = generations.write_lock
    monkeypatch.setattr(build, "write_lock", lambda h: real_lock(h, wait=0.2))
    with real_lock(home), pytest.raises(IndexBusy, match="another ingest or reindex is writing"):
        ingest(home, [report_copy("2013_pingtan_xian.txt")], model=MODEL)


def test_outcomes_are_plain_frozen_records():
    outcome = ReportOutcome("a.txt", "failed", reason="empty")
    with pytest.raises(AttributeError):
        outcome.status = "added"
    assert json.dumps(outcome.__dict__)


def test_reindex_without_a_model_keeps_the_index_model(tmp_path, report_copy):
    home = tmp_path / "home"
    ingest(home, [report_copy("2013_pingtan_xian.txt")], model=MODEL)
    assert reindex(home).model == MODEL


def test_term_counts_follow_chunks_as_reports_come_and_go(tmp_path, report_copy):
    home = tmp_path / "home"
    ingest(home, [report_copy("2019_pingtan_syq.txt", "2013_pingtan_xian.txt", folder="v1")], model=MODEL)
    ingest(home, [report_copy("2019_pingtan_syq_page.html", folder="v2")], model=MODEL)  # replaces 2019
    with Index.open(home, bootstrap=False) as index:
        kept = dict(index.db.execute("SELECT term, df FROM term_df").fetchall())
        texts = [t for (t,) in index.db.execute("SELECT text FROM chunks")]
    truth = Counter(term for text in texts for term in set(fts_tokens(text).split()))  # the replaced 2019 is gone
    assert kept == dict(truth)


def test_a_database_locked_by_another_program_gives_a_clear_error(tmp_path, report_copy, monkeypatch):
    import sqlite3

    from index import embed_cache
    from index.embed import HashEmbedder
    from index.home import cache_file

    home = tmp_path / "home"
    embed_cache.EmbeddingCache(cache_file(home)).close()
    monkeypatch.setattr(embed_cache, "LOCK_TIMEOUT", 0.2)
    other = sqlite3.connect(cache_file(home))
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(IndexBusy, match="locked by another program"):
            ingest(home, [report_copy("2013_pingtan_xian.txt")], model=HashEmbedder(64, cacheable=True))
    finally:
        other.rollback()
        other.close()
    assert generations.current(home) is None
    assert not (home / "generations").exists() or not any((home / "generations").iterdir())
