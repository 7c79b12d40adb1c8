"""Answers quoted from the reports' text: the best sentences for a question, a plan section whole."""

from __future__ import annotations

from ..catalog import Catalog
from ..compose import narrative as nv
from ..compose import refuse
from ..compose.plans import ASKS_PLAN, plan_chunks, plan_source, plan_text
from ..scope import Scope
from ..types import Answer
from ..understand import Understanding
from ..understand.agency import agency_forms
from ..understand.en_terms import chinese_terms
from ..understand.sections import section_ask
from ..understand.topics import topic_ask
from . import reading as rd
from .topic import asks_topic, topic_answer


def narrative(u: Understanding, scope: Scope, index, catalog: Catalog, must: tuple[str, ...] = ()) -> Answer:
    if not must and ASKS_PLAN.search(u.text) and len(scope.agencies) == 1 and scope.years:
        planned = plans(u, scope, index, catalog)
        if planned is not None:
            return planned
    route = section_ask(u.text) if not must and len(scope.agencies) == 1 and len(scope.years) == 1 else None
    if route is not None:
        stated = _section_statement(u, scope, index, catalog, route)
        if stated is not None:
            return stated
        if (scope.agencies[0], scope.years[0]) in catalog.report_of:
            return Answer(u.text, "not_found", refuse.section_absent(route.name, scope.agencies, scope.years,
                                                                     catalog, u.lang), lang=u.lang, query=rd.query(u, scope))
    drop = _agency_words(scope, catalog)
    topic = topic_ask(u.text) if not must and asks_topic(u) else None
    if topic is not None:
        told = topic_answer(u, scope, index, catalog, topic, drop)
        if told is not None:
            return told
    terms = tuple(alts for _, alts in chinese_terms(u.text)) if u.lang == "en" else ()
    found = nv.needles(u.text, drop, terms)
    query = u.text + (" " + " ".join(alts[0] for alts in terms) if found.by_terms else "")

    def quotes_of(years: tuple[int, ...]) -> list:
        hits = index.search(query, k=8, agencies=list(scope.agencies) or None, years=list(years) or None,
                            kind="narrative")
        return nv.best_quotes(u.text, hits, found, must=must)

    # One agency and no year asked ("How many new media accounts does Pingtan run?"): the latest of its reports
    # that speaks of it, said so.
    quotes, note = [], ""
    for year in _latest_first(scope, catalog) if not must else ():
        quotes = quotes_of((year,))
        if nv.relevant(quotes, found):
            note = rd.latest_saying_note(year, year == catalog.latest_year(scope.agencies[0]), u.lang)
            break
    if not nv.relevant(quotes, found):
        quotes = quotes_of(scope.years)
    if not nv.relevant(quotes, found):
        return _nothing_found(u, scope, catalog)
    chosen = quotes[:1]
    first = chosen[0].hit
    text = nv.narrative_text(chosen, u.lang, rd.name(catalog, first.report.agency, u.lang))
    return Answer(u.text, "narrative", text + ("\n" + note if note else ""), None, (),
                  tuple(nv.quote_source(q) for q in chosen), lang=u.lang, query=rd.query(u, scope))


def _latest_first(scope: Scope, catalog: Catalog) -> list[int]:
    """The report years of the one agency asked, latest first, when no year is asked and it has several."""
    if scope.years or len(scope.agencies) != 1 or len(catalog.years.get(scope.agencies[0], ())) < 2:
        return []
    return sorted(catalog.years[scope.agencies[0]], reverse=True)


def _section_statement(u: Understanding, scope: Scope, index, catalog: Catalog, route) -> Answer | None:
    """"有没有收取信息处理费", "What problems did … report": the statement of the template section that holds it."""
    report = catalog.report_of.get((scope.agencies[0], scope.years[0]))
    quote = nv.section_statement(index.chunks(report.id), report, route) if report else None
    if quote is None:
        return None
    text = nv.narrative_text([quote], u.lang, rd.name(catalog, report.agency, u.lang))
    return Answer(u.text, "narrative", text, None, (), (nv.quote_source(quote),), lang=u.lang,
                  query=rd.query(u, scope))


def plans(u: Understanding, scope: Scope, index, catalog: Catalog) -> Answer | None:
    """"2021年工作打算", "plans for 2021": every item of the plan section of the report on the year before."""
    # "2020年报里说2021年准备做什么": the earlier year is the report's, the later the plans'.
    report = catalog.report_of.get((scope.agencies[0], min(scope.years)))
    chunks = plan_chunks(index.chunks(report.id)) if report else []
    if not chunks:
        return None
    shifted = report.year in u.years.shifted
    text = plan_text(report, chunks, shifted, u.lang, rd.name(catalog, report.agency, u.lang))
    return Answer(u.text, "narrative", text, None, (), (plan_source(report, chunks),), lang=u.lang,
                  query=rd.query(u, scope))


def _agency_words(scope: Scope, catalog: Catalog) -> tuple[str, ...]:
    words: list[str] = []
    for name in scope.agencies or tuple(catalog.by_name):
        f = agency_forms(catalog.by_name[name])
        words += [f.name, f.region_full, f.region_core, f.department, *f.aliases]
    return tuple(w for w in words if w)


def _nothing_found(u: Understanding, scope: Scope, catalog: Catalog) -> Answer:
    return Answer(u.text, "not_found", refuse.nothing_found(scope.agencies, scope.years, catalog, u.lang),
                  lang=u.lang, query=rd.query(u, scope))
