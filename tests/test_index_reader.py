"""The read API that answering codes against: reports, agencies, facts, checks, search, stats."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from index.build import ingest
from index.errors import NoIndex
from index.reader import Index
from index.search import Filter
from index.types import AgencyRecord, FactRecord
from ingest.types import Check

DATA = Path(__file__).parent / "data"
MODEL = "hash:64"


@pytest.fixture(scope="module")
def index(tmp_path_factory):

    home = tmp_path_factory.mktemp("reader") / "home"
    names = ["2019_pingtan_syq.txt", "2020_pingtan_syq_page.html", "2020_panjin_yingshangju.txt", "2013_pingtan_xian.txt"]
    ingest(home, [DATA / n for n in names], model=MODEL)
    with Index.open(home, bootstrap=False) as opened:
        yield opened


def test_reports_are_listed_by_agency_and_year(index):
    assert [(r.agency, r.year, r.template) for r in index.reports()] == [
        ("平潭县人民政府", 2013, "pre-2019"), ("平潭综合实验区", 2019, "2019"), ("平潭综合实验区", 2020, "2019"),
        ("盘锦市营商环境建设局", 2020, "2019")]
    assert index.years() == [2013, 2019, 2020]


def test_a_report_carries_the_details_of_its_failed_checks(index):
    report = next(r for r in index.reports() if r.year == 2020 and r.agency == "平潭综合实验区")
    assert index.report(report.id) == report
    failed = [c for c in index.checks(report.id) if not c.ok]
    assert all(isinstance(c, Check) for c in index.checks(report.id))
    assert tuple(c.detail for c in failed) == report.failed_checks and len(failed) == 2
    with pytest.raises(KeyError):
        index.report(9999)


def test_agencies_have_region_department_and_aliases(index):
    assert [(a.name, a.region, a.department) for a in index.agencies()] == [
        ("平潭县人民政府", "平潭县", "人民政府"), ("平潭综合实验区", "平潭综合实验区", ""),
        ("盘锦市营商环境建设局", "盘锦市", "营商环境建设局")]
    assert isinstance(index.agencies()[0], AgencyRecord) and "营商局" in index.agencies()[2].aliases


def test_facts_are_selected_by_key_agency_and_year(index):
    facts = index.facts(keys=["applications.new_received.total"], years=[2020])
    assert [(f.agency, f.year, f.value, f.status) for f in facts] == [
        ("平潭综合实验区", 2020, 21.0, "certain"), ("盘锦市营商环境建设局", 2020, 0.0, "certain")]
    assert facts[1] == FactRecord(facts[1].report_id, "盘锦市营商环境建设局", 2020, "applications.new_received.total",
                                  0.0, None, facts[1].printed, facts[1].label, "certain", None, ())
    review = index.facts(key_prefix="review.", agencies=["平潭综合实验区"], years=[2019])
    assert [f.key for f in review] == ["review.corrected", "review.other", "review.pending", "review.total",
                                       "review.upheld"]


def test_ambiguous_cells_are_facts_without_a_value_unless_excluded(index):
    ambiguous = [f for f in index.facts(agencies=["平潭综合实验区"], years=[2019]) if f.status == "ambiguous"]
    assert ambiguous and all(f.value is None for f in ambiguous)
    certain = index.facts(agencies=["平潭综合实验区"], years=[2019], include_ambiguous=False)
    assert {f.status for f in certain} == {"certain"}


def test_search_fuses_full_text_and_vectors_and_respects_filters(index):
    hits = index.search("政府信息公开专栏访问量", k=5, agencies=["平潭综合实验区"], years=[2019])
    assert hits and {(h.report.agency, h.report.year) for h in hits} == {("平潭综合实验区", 2019)}
    assert hits == sorted(hits, key=lambda h: -h.score)
    assert all(h.vector_score is not None and (h.fts_rank or h.vector_rank) for h in hits)
    tables = index.search("本年新收政府信息公开申请数量", k=10, kind="table", years=[2020])
    assert [h.chunk.kind for h in tables] == ["table"] * 10
    best_words = next(h for h in tables if h.fts_rank == 1)
    assert "一、本年新收政府信息公开申请数量" in best_words.chunk.text


def test_search_finds_a_narrative_sentence_by_its_words(index):
    [hit] = index.search("县档案馆、图书馆为全县政府公开信息公众查阅场所", k=1)
    assert (hit.report.year, hit.fts_rank) == (2013, 1)
    assert "指定县档案馆、图书馆为全县政府公开信息公众查阅场所" in hit.chunk.text


def test_a_question_without_chinese_is_answered_from_vectors_alone(index):
    hits = index.search("pingtan www", k=2)
    assert len(hits) == 2 and all(h.fts_rank is None for h in hits)


def test_stats_say_what_the_index_holds(index):
    stats = index.stats()
    assert {k: stats[k] for k in ("reports", "agencies", "years", "model", "dim", "vector_index")} == {
        "reports": 4, "agencies": 3, "years": 3, "model": MODEL, "dim": 64, "vector_index": "flat"}
    assert stats["chunks"] == stats["vectors"] == len([c for r in index.reports() for c in index.chunks(r.id)])
    assert stats["index_bytes"] > 0


def test_opening_is_fast(index):
    start = time.perf_counter()
    Index.open(index.home, bootstrap=False).close()
    assert time.perf_counter() - start < 0.15


def test_an_empty_home_without_bootstrap_says_how_to_add_reports(tmp_path):
    with pytest.raises(NoIndex, match="xxgk ingest PATH"):
        Index.open(tmp_path / "empty", bootstrap=False)


def test_a_broad_filter_searches_the_whole_index_and_keeps_only_allowed_hits(index, monkeypatch):
    import index.vectors as vectors_module

    exact = index.vector_search("政府信息公开申请", k=5, where=Filter.of(None, [2020], None))
    monkeypatch.setattr(vectors_module, "EXACT_SUBSET_LIMIT", 3)  # force the approximate path
    broad = index.vector_search("政府信息公开申请", k=5, where=Filter.of(None, [2020], None))
    assert [cid for cid, _ in broad] == [cid for cid, _ in exact]  # a flat index is exact either way
    assert len(broad) == 5
