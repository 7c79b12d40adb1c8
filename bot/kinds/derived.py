"""Figures computed from printed cells: a share of a row in another, with its formula."""

from __future__ import annotations

from ingest.types import format_number

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
    own percentage quoted when its text prints one. Over several years or agencies ("2022年和2023年的公开率"),
    one block each, a missing report said in its place."""
    years = tuple(sorted({*u.years.years, *scope.years}))  # a year asked without a report is said, not dropped
    asked = [(a, y) for a in scope.agencies for y in (years or (catalog.latest_year(a),))]
    shares = [_one(u, ask, agency, year, index, catalog) for agency, year in asked]
    found = [s for s in shares if s[1] is not None]
    if not found:
        return Answer(u.text, "not_found", "\n\n".join(s[0] for s in shares), lang=u.lang, query=rd.query(u, scope))
    if len(shares) == 1:
        return Answer(u.text, "fact", shares[0][0], shares[0][1], shares[0][2], shares[0][3], lang=u.lang,
                      query=rd.query(u, scope))
    # Several: the shares side by side first, then each report's block without its own headline.
    head = ("；" if u.lang == "zh" else "; ").join(
        (f"{rd.name(catalog, a, u.lang)}{y}年 {format_number(s[1])}%" if u.lang == "zh"
         else f"{rd.name(catalog, a, u.lang)} {y}: {format_number(s[1])}%")
        for (a, y), s in zip(asked, shares) if s[1] is not None)
    blocks = [s[0].split("\n", 1)[1] if s[1] is not None else s[0] for s in shares]
    return Answer(u.text, "fact", head + "\n" + "\n\n".join(blocks), None,
                  tuple(r for s in found for r in s[2]), tuple(x for s in found for x in s[3]), lang=u.lang,
                  query=rd.query(u, scope))


def _one(u: Understanding, ask: ShareAsk, agency: str, year: int, index, catalog: Catalog) -> tuple:
    """(text, share or None, fact refs, sources) of one report."""
    report = catalog.report_of.get((agency, year))
    if report is None:
        return refuse.missing_year(catalog, [agency], (year,), u.lang), None, (), ()
    failed = rd.failed(index, report.id)
    # "予以公开和部分公开合计占…": the part may be several rows of one table, summed.
    part_rows = ask.part.rows or (ask.part.row,)
    parts = [cells.read(r, ask.part.column, rd.facts(index, agency, year, r), failed) for r in part_rows]
    whole = cells.read(ask.whole.row, ask.whole.column, rd.facts(index, agency, year, ask.whole.row), failed)
    name = rd.name(catalog, agency, u.lang)
    if any(p.value is None for p in parts) or not whole.value:
        return f"{name} {year}: {dv.no_share_text(u.lang)}", None, (), ()
    part_value = float(sum(p.value for p in parts))
    labels = ("、" if u.lang == "zh" else " + ").join(key_label(p.row, ask.part.column, u.lang) for p in parts)
    text = dv.share_text(name, year, (labels, [p.value for p in parts]),
                         (key_label(whole.row, ask.whole.column, u.lang), whole.value), u.lang)
    sources = [*(fx.source_for(report, p, u.lang) for p in parts), fx.source_for(report, whole, u.lang)]
    share_value = dv.percent(part_value, whole.value)
    printed = _printed_share(u, Scope((agency,), (year,), False, True), index, catalog, ask, share_value)
    if printed is not None:
        text += "\n" + dv.printed_share_note(printed.quote, u.lang)
        sources.append(printed)
    text += "\n" + fx.source_line(report, parts[0], u.lang)
    refs = tuple(r for p in parts for r in fx.fact_refs(p)) + fx.fact_refs(whole)
    return text, share_value, refs, tuple(sources)


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
