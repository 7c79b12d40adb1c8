"""Choosing the sentence to quote for a narrative question, on the passages of a real report."""

from __future__ import annotations

from pathlib import Path

from bot.compose.narrative import best_quotes, needles
from index.chunking import leads_in, passages
from index.types import Chunk, Hit
from ingest.parse import parse_report

DATA = Path(__file__).parent / "data"


def test_the_sentence_that_itself_names_the_asked_thing_beats_its_neighbours_under_the_same_heading():
    path = DATA / "2023_pingtan_syq.txt"
    report = parse_report(path.name, path.read_bytes())
    section = [p for p in passages(report) if p.section.startswith("五、")]
    # Retrieval ranked the improvement measures first: every sentence shares the heading's 问题.
    hits = [Hit(Chunk(i, 1, p.section, p.ordinal, p.text), None, 1.0 - i / 10) for i, p in enumerate(reversed(section))]
    question = "平潭2023年工作有哪些不足？"
    best = best_quotes(question, hits, needles(question, ("平潭",)))[0]
    assert best.sentence.startswith("存在的问题主要有以下几个方面")


def test_a_sub_heading_is_never_cut_from_the_text_it_heads():
    path = DATA / "2023_pingtan_syq_page.html"
    report = parse_report(path.name, path.read_bytes())
    bodies = [p.text.split("\n", 1)[-1] for p in passages(report) if p.kind == "narrative"]
    assert not [b for b in bodies if leads_in(b.rsplit("。", 1)[-1])]
    assert any("（五）监督保障方面 常态化开展日监测" in b for b in bodies)


def test_an_english_question_about_supervision_quotes_what_the_supervision_heading_heads():
    from bot.understand.en_terms import chinese_terms

    path = DATA / "2023_pingtan_syq_page.html"
    report = parse_report(path.name, path.read_bytes())
    hits = [Hit(Chunk(i, 1, p.section, p.ordinal, p.text), None, 1.0) for i, p in enumerate(passages(report))
            if p.kind == "narrative"]
    question = "How did Pingtan supervise disclosure work in 2023?"
    terms = tuple(alts for _, alts in chinese_terms(question))
    best = best_quotes(question, hits, needles(question, ("Pingtan",), terms))[0]
    assert best.sentence.startswith("（五）监督保障方面 常态化开展日监测")


def test_a_lead_in_ending_with_a_colon_is_quoted_with_what_it_introduces():
    path = DATA / "2023_pingtan_syq_page.html"
    report = parse_report(path.name, path.read_bytes())
    hits = [Hit(Chunk(i, 1, p.section, p.ordinal, p.text), None, 1.0) for i, p in enumerate(passages(report))
            if p.section.startswith("五、")]
    question = "平潭2023年采取了哪些措施加以改进？"
    quotes = best_quotes(question, hits, needles(question, ("平潭",)))
    [lead] = [q for q in quotes if q.sentence.startswith("2024年，我区将采取以下措施加以改进：")]
    assert "一是加大政务公开检查力度" in lead.sentence
