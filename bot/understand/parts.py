"""Questions of several parts: "2022年收到多少申请？结果如何？", "How many requests did X receive in 2021, and how
many were fully granted?". Each part is a question of its own; a later part that leaves the agency or the year
unsaid takes them from the part before it, as a follow-up in a conversation does (bot/understand/follow_up.py).

A question is cut only where a new question starts: after a question mark or a semicolon, or at a comma or an
"and" followed by a question word, and only when the part before it asks something too. "自然人和法人各提出多少件"
is one question (one row, two columns: bot/understand/metric.py), never two.
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import Understanding
from .intent import LIST
from .metric import new_words, parse_metric

# What a question asks with (the part before a cut and the part after it both hold one).
_ASKS_ZH = re.compile(r"多少|几[件个次项条期场]?|如何|怎样|怎么样|哪些|什么|是否|有没有|吗|呢|结果|谁")
_ASKS_EN = re.compile(r"\b(?:how|what|which|were|was|did|does|do|is|are|has|have|when|who)\b", re.I)
_END = re.compile(r"(?<=[？?；;])\s*")
_COMMA_ZH = re.compile(r"[，,]\s*(?:那么|还有|以及|并且|另外|同时)?")
_AND_EN = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)(?=(?:how|what|which|were|was|did|were)\b)", re.I)
# A part asking how requests ended with no row of its own ("结果如何？", "what were the outcomes?").
_RESULTS = re.compile(r"结果|办理情况|处理情况|outcomes?|results?|how were (?:they|these|those|the requests) "
                      r"(?:handled|answered|dealt with|resolved)", re.I)
# "收到的申请中，自然人占多少": a part ending in 中/里 names what the rest is counted within; it asks nothing.
_CONTAINER = re.compile(r"(?:中|里|当中|之中|among them|of (?:them|these|those))\s*$", re.I)
MAX_PARTS = 4
RESULTS_ROW = "applications.results"  # every result row of table 3 (bot/kinds/listing.py)


def split_parts(question: str) -> tuple[str, ...]:
    """The question's parts, in order; the question alone when it is one question."""
    pieces = [p for p in _END.split(question) if p.strip()]
    parts: list[str] = []
    for piece in pieces:
        cut = _AND_EN if not re.search(r"[\u4e00-\u9fff]", piece) else _COMMA_ZH
        parts += _cut(piece, cut)
    if len(parts) < 2 or len(parts) > MAX_PARTS or not all(_asks(p) for p in parts):
        return (question,)
    return tuple(p.strip() for p in parts)


def _cut(piece: str, pattern: re.Pattern) -> list[str]:
    out, start = [], 0
    for m in pattern.finditer(piece):
        before, after = piece[start:m.start()], piece[m.end():]
        if _asks(before) and _asks(after) and not _CONTAINER.search(before):
            out.append(before)
            start = m.end()
    return out + [piece[start:]]


def _asks(part: str) -> bool:
    return bool(_ASKS_ZH.search(part) or _ASKS_EN.search(part))


def own_ask(part: Understanding) -> bool:
    """Whether a later part asks something of its own (a row, a column, words of its own, a topic, the results, an
    agency or a year):
    "有没有因为涉密不予公开的？有几件？" asks one thing twice, and is answered as one question."""
    from .topics import topic_ask

    return bool(part.metric.row or part.metric.column or part.metric.uncounted or new_words(part.metric.unexplained)
                or part.agency.names or part.agency.unknown or part.years.given or topic_ask(part.text)
                or _RESULTS.search(part.text))


def continued(part: Understanding, before: Understanding) -> Understanding:
    """A later part with what it leaves unsaid taken from the part before it: the agency, the years, and for a
    part that only asks how the requests ended, the results of table 3."""
    if not (part.agency.names or part.agency.unknown):
        part = replace(part, agency=before.agency)
    if not part.years.given:
        part = replace(part, years=before.years)
    if _RESULTS.search(part.text) and part.metric.row in (None, "applications.results.total") \
            and not re.search(r"多少|几|how many", part.text, re.I):
        part = replace(part, metric=replace(parse_metric("办理结果"), row=RESULTS_ROW), intent=LIST)
    return part
