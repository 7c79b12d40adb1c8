"""Figures computed from printed cells: a share of a row in another, with its formula."""

from __future__ import annotations

from ..catalog import Catalog
from ..compose import cells, refuse
from ..compose import derived as dv
from ..compose import facts as fx
from ..metrics import chinese_label_words, key_label
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
    # "予以公开和部分公开合计占…": the part may be several rows of one table, summed.
    part_rows = ask.part.rows or (ask.part.row,)
    parts = [cells.read(r, ask.part.column, rd.facts(index, agency, year, r), failed) for r in part_rows]
    whole = cells.read(ask.whole.row, ask.whole.column, rd.facts(index, agency, year, ask.whole.row), failed)
    if any(p.value is None for p in parts) or not whole.value:
        return Answer(u.text, "not_found", dv.no_share_text(u.lang), lang=u.lang, query=rd.query(u, scope))
    name = rd.name(catalog, agency, u.lang)
    part_value = float(sum(p.value for p in parts))
    labels = ("、" if u.lang == "zh" else " + ").join(key_label(p.row, ask.part.column, u.lang) for p in parts)
    text = dv.share_text(name, year, (labels, [p.value for p in parts]),
                         (key_label(whole.row, ask.whole.column, u.lang), whole.value), u.lang)
    part = parts[0]
    sources = [*(fx.source_for(report, p, u.lang) for p in parts), fx.source_for(report, whole, u.lang)]
    share_value = dv.percent(part_value, whole.value)
    printed = _printed_share(u, Scope((agency,), (year,), False, True), index, catalog, ask, share_value)
    if printed is not None:
        text += "\n" + dv.printed_share_note(printed.quote, u.lang)
        sources.append(printed)
    text += "\n" + fx.source_line(report, part, u.lang)
    refs = tuple(r for p in parts for r in fx.fact_refs(p)) + fx.fact_refs(whole)
    return Answer(u.text, "fact", text, share_value, refs, tuple(sources), lang=u.lang,
                  query=rd.query(u, scope))


def _printed_share(u: Understanding, scope: Scope, index, catalog: Catalog, ask: ShareAsk, value: float):
    """A sentence of the report's text that prints the part's share ("予以公开…占51.85%"): it names the part and
    prints the computed percentage, to its own precision. (A sentence that prints another percentage speaks of
    another part or another whole: quoted beside the figure, it would look like a second answer.)"""
    words = [w for w in ask.part.words if has_chinese(w)] or [w for w in chinese_label_words(ask.part.row)]
    for word in words[:2]:
        found = narrative(u, scope, index, catalog, must=(word, "%"))
        if found.kind == "narrative" and found.sources and dv.prints_percent(found.sources[0].quote, value):
            return found.sources[0]
    return None
