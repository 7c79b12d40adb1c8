"""Answers on a narrative topic (bot/understand/topics.py): the sentence of each report asked about that speaks of
the topic and best fits the question, quoted with its source; or, when the report's text never speaks of it, that
it does not (the report is read whole, so that is certain). A figure is only ever the report's own, quoted."""

from __future__ import annotations

import re

from index.types import Hit

from ..catalog import Catalog
from ..compose import narrative as nv
from ..compose import topics as words
from ..compose.plans import ASKS_PLAN
from ..scope import Scope
from ..types import Answer
from ..understand import Understanding
from ..understand.en_terms import chinese_terms
from ..understand.sections import section_ask
from ..understand.topics import Topic, asks_figure, asks_whether, cue_words, topic_ask
from . import reading as rd

MAX_REPORTS = 4  # a topic asked of more reports than this is left to the search (bot/kinds/narrative.py)
_NONE = re.compile(r"未|没有|无(?!障碍|法|论|纸|偿)")  # "未召开新闻发布会" answers "how many" too
_DIGIT = re.compile(r"\d|[一二三四五六七八九十两]+(?:次|场|期|件|个|名|项|条|批)")


# The table rows generic words name ("网上申请多少件", "requests by fax", "办理了多少件网民留言"): a topic question may
# say them and still ask about its topic, which no row counts.
_GENERIC_ROWS = (None, "applications.new_received", "applications.results.total")


def asks_topic(u: Understanding) -> bool:
    """A question on a narrative topic, not on a template section with a statement of its own (the problems, the
    fees: bot/understand/sections.py) nor on the plans, nor one that names a table row of its own ("因属于信访
    举报投诉类申请不予处理", "set aside as letters-and-visits matters": the row counts it)."""
    if topic_ask(u.text) is None or section_ask(u.text) is not None or ASKS_PLAN.search(u.text):
        return False
    return not (u.metric.decided and u.metric.row not in _GENERIC_ROWS)


def topic_answer(u: Understanding, scope: Scope, index, catalog: Catalog, topic: Topic, drop: tuple[str, ...]
                 ) -> Answer | None:
    """One quote per report asked about (agency × year), or None when the question names no report."""
    reports = [catalog.report_of[(a, y)] for a in scope.agencies for y in scope.years if (a, y) in catalog.report_of]
    if not reports or len(reports) > MAX_REPORTS:
        return None
    found = nv.needles(u.text, drop, tuple(alts for _, alts in chinese_terms(u.text)) if u.lang == "en" else ())
    quotes = [_best(index.chunks(r.id), r, topic, found, u.text) for r in reports]

    def label(r) -> str:
        return rd.name(catalog, r.agency, u.lang)

    figure = asks_figure(u.text)
    lines = [words.not_mentioned(r, topic, u.lang, label(r)) if q is None
             else words.no_figure(nv.narrative_text([q], u.lang, label(r)), u.lang) if figure and not _states(q)
             else nv.narrative_text([q], u.lang, label(r)) for q, r in zip(quotes, reports)]
    stated = [q for q in quotes if q is not None]
    # A count asked and no sentence states one: what the text says is told, the count is not known.
    kind = "narrative" if any(_states(q) or not figure for q in stated) else "not_found"
    return Answer(u.text, kind, "\n".join(lines), None, (), tuple(nv.quote_source(q) for q in stated), lang=u.lang,
                  query=rd.query(u, scope))


def _states(quote: nv.Quote) -> bool:
    return _stating(quote.sentence)


def _stating(sentence: str) -> bool:
    """A sentence that states a figure, or that there was none."""
    return bool(_DIGIT.search(sentence) or _NONE.search(sentence))


def _best(chunks: list, report, topic: Topic, found: nv.Needles, question: str) -> nv.Quote | None:
    """The report's sentence on the topic that says the question's own words of it, then states (a figure, or for a
    yes or no that there was none) when that is asked, then repeats most of the question."""
    figure = asks_figure(question)
    stating = figure or asks_whether(question)
    cues = cue_words(question, topic)
    best, best_score = None, None
    for place, (sentence, chunk) in enumerate(nv.narrative_sentences(chunks)):
        if not topic.says.search(sentence):
            continue
        score = (sum(c in sentence for c in cues), stating and _stating(sentence), found.coverage(sentence),
                 len(topic.says.findall(sentence)), -place)
        if best_score is None or score > best_score:
            best, best_score = (sentence, chunk), score
    if best is None:
        return None
    return nv.Quote(best[0], 1.0, 0.0, Hit(best[1], report, 1.0), 1.0)
