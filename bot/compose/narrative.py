"""Narrative answers: retrieve passages (the index's hybrid full-text + vector search), pick the best
sentences, quote them with their source — or say nothing was found.

Relevance of a sentence is how much of the question's own content it repeats: the question is cut
into character bigrams after dropping the agency, the year, question words and the generic phrases
every report repeats (政府信息公开, 工作); the share of those bigrams a sentence contains is its
coverage. English questions carry little Chinese to compare, so for them the passage's vector
similarity decides, and Chinese words quoted inside them (“中介超市”) still count.

Thresholds (calibrated with `python -m bench.eval` on shared/corpus/questions.jsonl and
tests/data/questions_extra.jsonl, unanswerable questions included): a Chinese question is answered
when the best sentence covers at least MIN_COVERAGE of its content bigrams, or MIN_COVERAGE_WITH_VECTOR
when the passage's cosine similarity is at least STRONG_VECTOR; an English question without Chinese
words when the cosine similarity is at least MIN_VECTOR_EN. Below them the answer is not_found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..types import Source

MIN_COVERAGE = 0.5
MIN_COVERAGE_WITH_VECTOR = 0.34
STRONG_VECTOR = 0.86
MIN_VECTOR_EN = 0.84
MIN_BIGRAMS = 2  # a question with less Chinese content than this is judged by vectors

_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]*[”’」』)）]*")
_QUESTION_WORDS = re.compile(
    r"多少|几[个件条份篇期家项次人]?|什么|哪些|哪个|哪里|哪几|是否|有没有|有无|吗|呢|么|怎么样|怎样|如何|请问|"
    r"是|的|了|在|过|共|总共|一共|全年|多大|用|通过|之|与|和|及|对|将|把|被|给|还|都|又|也|就|"
    r"政府信息公开|信息公开|政务公开|年度报告|年报|报告|工作|情况|平台|本年|全区|全市|全县|我区|我市|"
    r"[0-9０-９]{4}\s*年度?|[0-9]+|[？?！!，,。、“”\"'《》（）()：:；;\s]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NUMBER = re.compile(r"\d")
_ASKS_NUMBER = re.compile(r"多少|几|how many|how much|number of|what was the .*(?:count|total)", re.I)


@dataclass(frozen=True)
class Quote:
    sentence: str
    coverage: float
    vector: float
    hit: object  # index.types.Hit


def content_bigrams(question: str, drop: tuple[str, ...] = ()) -> set[str]:
    text = question
    for word in sorted(drop, key=len, reverse=True):
        if word:
            text = text.replace(word, " ")
    text = _QUESTION_WORDS.sub(" ", text)
    out = set()
    for run in re.findall(r"[\u4e00-\u9fff]+", text):
        out.update(run[i:i + 2] for i in range(len(run) - 1))
        if len(run) == 1:
            out.add(run)
    return out


def best_quotes(question: str, hits: list, drop: tuple[str, ...], *, must: tuple[str, ...] = ()) -> list[Quote]:
    """Candidate sentences of the retrieved passages, best first. `must`: words a sentence has to contain
    (the metric words of a table question answered from the narrative)."""
    grams = content_bigrams(question, drop)
    wants_number = bool(_ASKS_NUMBER.search(question))
    quotes = []
    for rank, hit in enumerate(hits):
        body = hit.chunk.text.split("\n", 1)[-1]
        vector = hit.vector_score or 0.0
        for sentence in _SENTENCE.findall(body):
            sentence = sentence.strip()
            if len(sentence) < 4 or (must and not all(w in sentence for w in must)):
                continue
            if wants_number and must and not _NUMBER.search(sentence) and "未" not in sentence:
                continue
            cover = sum(g in sentence for g in grams) / len(grams) if grams else 0.0
            quotes.append(Quote(sentence, cover + (0.05 if wants_number and _NUMBER.search(sentence) else 0)
                                - 0.01 * rank, vector, hit))
    return sorted(quotes, key=lambda q: (-q.coverage, -q.vector))


def relevant(question: str, quotes: list[Quote], drop: tuple[str, ...], lang: str) -> bool:
    if not quotes:
        return False
    best = quotes[0]
    if len(content_bigrams(question, drop)) < MIN_BIGRAMS or (lang == "en" and best.coverage < MIN_COVERAGE):
        return max(q.vector for q in quotes) >= MIN_VECTOR_EN
    return best.coverage >= MIN_COVERAGE or (best.coverage >= MIN_COVERAGE_WITH_VECTOR and best.vector >= STRONG_VECTOR)


def english_quotes(hits: list) -> list[Quote]:
    """For an English question: the passages in vector order, each quoted whole (its sentences are
    Chinese, so no sentence can be told apart from its neighbours by the question's words)."""
    ranked = sorted(hits, key=lambda h: -(h.vector_score or 0.0))
    return [Quote(h.chunk.text.split("\n", 1)[-1].strip(), 0.0, h.vector_score or 0.0, h) for h in ranked]


def quote_source(quote: Quote) -> Source:
    report = quote.hit.report
    return Source(report.title, report.agency, report.year, quote.hit.chunk.section or "", quote.sentence, report.url)


def narrative_text(quotes: list[Quote], lang: str, agency_label: str) -> str:
    first = quotes[0]
    report = first.hit.report
    said = "".join(f"“{q.sentence}”" for q in quotes)
    section = first.hit.chunk.section
    where = f"（{section}）" if section else ""
    if lang == "zh":
        return f"据《{report.title}》{where}：{said}"
    return (f"The {report.year} report of {agency_label} (《{report.title}》{', section ' + section if section else ''}) "
            f"says: {said}")
