"""The one answering function: `answer(question, index)`, called by `xxgk ask`, `xxgk chat`, the Telegram
bot and the tests (`answer_in_context` for a conversation's follow-ups, bot/conversation.py).

It normalises the question (bot/understand/normalise.py), understands it (bot/understand), decides whose
reports and which years it covers (bot/scope.py), and hands it to the kind of answer it asks for
(bot/kinds: a fact, a computed figure, a comparison, a list, a quote), which words it with bot/compose.
Numbers come from the index's facts (SQL), never from generated text; narrative answers quote the
reports' own sentences. What cannot be answered is said, briefly.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from .audit.answers import audit_question, with_warning
from .catalog import Catalog, catalog_for
from .compose import refuse
from .compose.follow_up import inherited_note
from .compose.names import agency_name, also_indexed
from .compose.parts import joined
from .kinds import compare, fact, listing, narrative
from .kinds.derived import share
from .kinds.overview import overview
from .kinds.topic import asks_topic
from .scope import Refusal, Scope, query_of, resolve
from .types import Answer
from .understand import Understanding, understand
from .understand.derived import asks_rate, share_ask, without_names
from .understand.follow_up import follow_up, understood
from .understand.intent import (
    CHECK,
    COMPARE,
    FACT,
    LIST,
    NARRATIVE,
    RANK,
    asks_overview,
    asks_published,
    asks_whether,
)
from .understand.metric import MetricAsk, parse_metric
from .understand.normalise import normalise, to_traditional
from .understand.parts import continued, own_ask, split_parts
from .understand.rates import needs_group
from .understand.refine import WHOLE_RESULTS

MAX_QUESTION = 300


def answer(question: str, index, *, today: dt.date | None = None) -> Answer:
    """Answer a question in Chinese or English from the indexed reports."""
    return answer_in_context(question, index, None, today=today)[0]


def answer_with_choice(question: str, option: str, index, *, today: dt.date | None = None) -> Answer:
    """Answer a clarify answer's original question with the option the user picked: an agency, or a
    row of the tables."""
    return answer_choice_in_context(question, option, index, today=today)[0]


def answer_in_context(question: str, index, previous: Understanding | None, *,
                      today: dt.date | None = None) -> tuple[Answer, Understanding | None]:
    """Answer a question of a conversation: a follow-up ("那2021年呢？", "what about lawsuits?") takes what
    it does not say from the previous understood question, and the answer says what it took. Returns
    the answer and what was understood (None when nothing was), for the next turn."""
    return _answer(question, index, today, None, previous=previous)


def answer_choice_in_context(question: str, option: str, index, *, today: dt.date | None = None
                             ) -> tuple[Answer, Understanding | None]:
    metric = parse_metric(normalise(option).text)
    if metric.row and metric.decided and not catalog_for(index).matcher.match(option).names:
        return _answer(question, index, today, None, metric=metric)
    return _answer(question, index, today, option)


def _answer(question: str, index, today: dt.date | None, chosen: str | None, *, metric: MetricAsk | None = None,
            previous: Understanding | None = None) -> tuple[Answer, Understanding | None]:
    # A question is a sentence or two; a pasted page is cut so understanding it stays fast.
    asked = " ".join((question or "").split())[:MAX_QUESTION]
    norm = normalise(asked)
    catalog = catalog_for(index)
    u = understand(norm.text, catalog.matcher, today)
    if metric is not None:  # the row the user picked after a clarify
        u = replace(u, metric=metric, intent=FACT if u.intent == NARRATIVE else u.intent)
    merged = follow_up(u, previous) if previous is not None else None
    if not asked:
        return _refusal(u, Refusal("not_found", refuse.empty_question("zh")), ()), None
    if _GREETING.match(asked):  # "你好", "thanks!": not a question; say what can be asked
        return _refusal(u, Refusal("not_found", refuse.greeting(u.lang)), ()), None
    # (several columns or rows of one table asked together are one question: "…individuals and how many from
    # businesses?" is answered cell by cell, bot/kinds/fact.py)
    whole = chosen is not None or metric is not None or len(u.metric.columns) > 1 or len(u.metric.rows) > 1
    parts = (norm.text,) if whole else split_parts(norm.text)
    answered = _answer_parts(parts, index, catalog, today, previous) if len(parts) > 1 else None
    if answered is not None:
        return replace(_traditional(answered[0], norm.traditional), question=asked), answered[1]
    result = _answer_understood(merged or u, index, catalog, chosen)
    if merged is not None:
        result = replace(result, text=inherited_note(merged, u, result.query, catalog) + result.text)
    result = _traditional(result, norm.traditional)
    return replace(result, question=asked), (merged or u) if understood(merged or u) else None


_GREETING = re.compile(r"^\s*(?:hi|hello|hey|good (?:morning|afternoon|evening)|thanks?(?: you)?|thank you very much|"
                       r"你好|您好|嗨|哈喽|在吗|在不在|谢谢(?:你|您)?|多谢|感谢)[\s!！.。?？~～,，]*$", re.I)


def _traditional(result: Answer, traditional: bool) -> Answer:
    if not traditional:
        return result
    return replace(result, text=to_traditional(result.text), options=tuple(to_traditional(o) for o in result.options))


def _answer_parts(parts: tuple[str, ...], index, catalog: Catalog, today: dt.date | None,
                  previous: Understanding | None) -> tuple[Answer, Understanding | None] | None:
    """"2022年收到多少申请？结果如何？": each part answered on its own, a later part taking the agency and year
    it leaves unsaid from the part before; one part that cannot be answered says so beside the others. None when a
    later part asks nothing of its own ("…有没有…？有几件？"): the question is then answered whole."""
    units: list[Understanding] = []
    for part in parts:
        u = understand(part, catalog.matcher, today)
        if units and not own_ask(u):
            return None
        before = units[-1] if units else previous
        merged = follow_up(u, before) if before is not None else None
        units.append(continued(merged or u, units[-1]) if units else (merged or u))
    answers = [_answer_understood(u, index, catalog, None) for u in units]
    return joined(answers, units[0].lang), units[-1] if understood(units[-1]) else None


def _answer_understood(u: Understanding, index, catalog: Catalog, chosen: str | None) -> Answer:
    audited = audit_question(u, index)
    if audited is not None:
        return audited
    scope = resolve(u, catalog, chosen)
    if isinstance(scope, Refusal):
        return _refusal(u, scope, ())
    result = _dispatch(u, scope, index, catalog)
    if scope.others and result.kind not in ("clarify", "not_found"):
        others = tuple((display_name(catalog, n, u.lang), tuple(y for y in scope.years if y in catalog.years[n]))
                       for n in scope.others)
        result = replace(result, text=result.text + "\n" + also_indexed(others, u.lang))
    return with_warning(result, index)


def _dispatch(u: Understanding, scope: Scope, index, catalog: Catalog) -> Answer:
    if asks_published(u.text) and scope.agencies:
        return listing.published(u, scope, catalog)
    if asks_overview(u.text) and len(scope.agencies) == 1 and len(scope.years) <= 1 and u.metric.row in WHOLE_RESULTS:
        return overview(u, scope, index, catalog)  # "介绍一下X2024年的年报": its headline figures
    asked_share = share_ask(without_names(u)) if scope.agencies else None
    if asked_share is not None:
        return share(u, asked_share, scope, index, catalog)
    if asks_rate(u.text) and (u.intent == FACT or needs_group(u.text)):
        # "复议纠错率是多少": a count of one of its terms is not the rate; say how to ask for it.
        return Answer(u.text, "not_found", refuse.rate_unclear(u.lang), lang=u.lang, query=query_of(u, scope))
    if u.intent == CHECK:
        return compare.check(u, scope, index, catalog)
    if u.intent not in (RANK, COMPARE) and asks_topic(u):
        return narrative.narrative(u, scope, index, catalog)  # what the text says: the tables count none of it
    if u.intent == RANK and u.metric.row:
        return compare.rank(u, scope, index, catalog)
    if u.intent == COMPARE and u.metric.row:
        return compare.compare(u, scope, index, catalog)
    if u.intent == LIST:
        return listing.listing(u, scope, index, catalog)
    if u.intent == NARRATIVE and _whether_counted(u, scope, catalog):
        return fact.fact(u, scope, index, catalog)  # its table says it, or it falls back to the text
    if u.intent == NARRATIVE or not u.metric.row:
        return narrative.narrative(u, scope, index, catalog)
    return fact.fact(u, scope, index, catalog)


# Rows that count events: "were there any?" is answered by the count (fees are asked of the text: table
# 2's fees are administrative charges, not the information-processing fees people ask about).
_COUNTED_ROWS = ("applications.new_received", "review", "litigation")


def _whether_counted(u: Understanding, scope: Scope, catalog: Catalog) -> bool:
    """"有没有被申请行政复议？", "Did … get any requests in 2020?": one report's count answers it."""
    return (asks_whether(u.text) and (u.metric.row or "").startswith(_COUNTED_ROWS) and not u.agency.unknown
            and len(scope.agencies) == 1 and len(scope.years) == 1
            and (scope.agencies[0], scope.years[0]) in catalog.report_of)


def _refusal(u: Understanding, refusal: Refusal, _: tuple) -> Answer:
    return Answer(u.text, refusal.kind, refusal.text, options=refusal.options, lang=u.lang, query=query_of(u, None))


def display_name(catalog: Catalog, name: str, lang: str) -> str:
    return agency_name(catalog.by_name.get(name), name, lang)
