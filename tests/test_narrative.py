"""Choosing the sentence to quote for a narrative question, on the passages of a real report."""

from __future__ import annotations

from pathlib import Path

from bot.compose.narrative import best_quotes, needles
from index.chunking import passages
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
