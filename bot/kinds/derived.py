"""Figures computed from printed cells: a share of a row in another, with its formula."""

from __future__ import annotations

from ..catalog import Catalog
from ..compose import cells, refuse
from ..compose import derived as dv
from ..compose import facts as fx
from ..metrics import chinese_label_words
from ..scope import Scope
from ..types import Answer
from ..understand import Understanding
from ..understand.derived import ShareAsk
from ..understand.language import has_chinese
from . import reading as rd
from .narrative import narrative


def share(u: Understanding, ask: ShareAsk, scope: Scope, index, catalog: Catalog) -> Answer:
    """"予以公开的占新收的百分之多少": computed from the two printed cells, the formula shown, and the report's
    own percentage quoted when its text prints one."""
    agency = scope.agencies[0]
    year = scope.years[0] if scope.years else catalog.latest_year(agency)
    report = catalog.report_of.get((agency, year))
    if report is None:
        return Answer(u.text, "not_found", refuse.missing_year(catalog, [agency], (year,), u.lang), lang=u.lang)
    failed = rd.failed(index, report.id)
    part, whole = (cells.read(m.row, m.column, rd.facts(index, agency, year, m.row), failed) for m in (ask.part, ask.whole))
    if part.value is None or not whole.value:
        return Answer(u.text, "not_found", dv.no_share_text(u.lang), lang=u.lang, query=rd.query(u, scope))
    name = rd.name(catalog, agency, u.lang)
    text = dv.share_text(name, year, (part.row, ask.part.column, part.value), (whole.row, ask.whole.column, whole.value),
                         u.lang)
    sources = [fx.source_for(report, part, u.lang), fx.source_for(report, whole, u.lang)]
    printed = _printed_share(u, Scope((agency,), (year,), False, True), index, catalog, ask)
    if printed is not None:
        text += "\n" + dv.printed_share_note(printed.quote, u.lang)
        sources.append(printed)
    text += "\n" + fx.source_line(report, part, u.lang)
    return Answer(u.text, "fact", text, dv.percent(part.value, whole.value), fx.fact_refs(part) + fx.fact_refs(whole),
                  tuple(sources), lang=u.lang, query=rd.query(u, scope))


def _printed_share(u: Understanding, scope: Scope, index, catalog: Catalog, ask: ShareAsk):
    """A sentence of the report's text that prints the part's share ("予以公开…占51.85%")."""
    words = [w for w in ask.part.words if has_chinese(w)] or [w for w in chinese_label_words(ask.part.row)]
    for word in words[:2]:
        found = narrative(u, scope, index, catalog, must=(word, "%"))
        if found.kind == "narrative" and found.sources and "%" in found.sources[0].quote:
            return found.sources[0]
    return None
