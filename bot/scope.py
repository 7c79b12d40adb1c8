"""Which agencies and years a question covers, once its words are understood, or why it cannot be
answered (an agency or year the index lacks, or several agencies the name alone cannot tell apart)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .catalog import Catalog
from .compose import refuse
from .types import Query
from .understand import Understanding
from .understand.agency import content_words
from .understand.glossary import DEPARTMENT_ENDINGS, ENGLISH_HEADS
from .understand.intent import CHECK, COMPARE, FACT, LIST, NARRATIVE, RANK


@dataclass(frozen=True)
class Scope:
    agencies: tuple[str, ...]  # () for narrative questions naming no agency: search them all
    years: tuple[int, ...]  # () for narrative questions naming no year
    year_defaulted: bool = False
    named: bool = False  # the question named the agency
    others: tuple[str, ...] = ()  # the named region's other agencies with reports of those years


@dataclass(frozen=True)
class Refusal:
    kind: str  # "not_found" | "clarify"
    text: str
    options: tuple[str, ...] = ()


def resolve(u: Understanding, catalog: Catalog, chosen: str | None = None) -> Scope | Refusal:
    if chosen:
        name = _chosen_agency(chosen, catalog)
        if name is None:
            return Refusal("not_found", refuse.unknown_agency(catalog, (chosen,), (), u.lang))
        return _years_for(u, catalog, (name,), named=True)
    match = u.agency
    if _blocked_by_unknown(u, catalog):
        return Refusal("not_found", refuse.unknown_agency(catalog, match.unknown, match.close or match.names, u.lang))
    if not match.names:
        return _unnamed(u, catalog)
    names = _prefer_by_year(list(match.names), u, catalog)
    if u.intent == RANK and not match.dept_matched:
        # "平潭哪个局…最多", "which Pingtan bureau…": the region's agencies, its region-wide one and its departments
        # (one without a report of the year is said to be missing)
        names += [n for n in (*match.names, *match.siblings) if n not in names]
    if u.intent == COMPARE and names:
        names += _other_regions(names, list(match.close), u, catalog)
    if not names and match.siblings and u.intent != COMPARE:
        # 平潭 in a year only one of its departments reports: which agency is meant is for the asker to say.
        having = _prefer_by_year(list(match.siblings), u, catalog)
        if having:
            return Refusal("clarify", refuse.clarify(having, catalog, u.lang), tuple(having))
    if not names:
        return Refusal("not_found", refuse.missing_year(catalog, list(match.names), _asked(u, catalog), u.lang,
                                                            u.years.shifted))
    if len(names) > 1 and u.intent not in (NARRATIVE, RANK, COMPARE):
        return Refusal("clarify", refuse.clarify(names, catalog, u.lang), tuple(names))
    return _with_siblings(_years_for(u, catalog, tuple(names), named=True), u, catalog)


def _with_siblings(scope: Scope | Refusal, u: Understanding, catalog: Catalog) -> Scope | Refusal:
    """"平潭2022年…": the region-wide agency answers; its region's other agencies with reports of the same
    years are named beside the answer."""
    if isinstance(scope, Refusal) or len(scope.agencies) != 1 or not scope.years:
        return scope
    others = tuple(n for n in u.agency.siblings if set(catalog.years.get(n, ())) & set(scope.years))
    return replace(scope, others=others) if others else scope


def _chosen_agency(option: str, catalog: Catalog) -> str | None:
    option = option.strip()
    for name in sorted(catalog.by_name, key=len, reverse=True):
        if name in option:
            return name
    match = catalog.matcher.match(option)
    return match.names[0] if len(match.names) == 1 else None


def _blocked_by_unknown(u: Understanding, catalog: Catalog) -> bool:
    """A place or department the index lacks, named where an indexed agency would otherwise be used."""
    match = u.agency
    if not match.unknown:
        return False
    if not match.names or not match.region_matched:
        return True  # 沈阳营商局: the department word alone must not pick 盘锦's bureau
    departments = [w for w in match.unknown if w.endswith(DEPARTMENT_ENDINGS)
                   or any(p.rstrip("s") in ENGLISH_HEADS for p in w.split())
                   or w.split()[-1].rstrip("s").isupper()  # "Pingtan EPB": a department's initials
                   or w.split()[-1] in content_words()]  # "the Huai'an police"
    # 平潭公安局: the region's own tables are not its public security bureau's; nor are 平潭综合实验区财政金融局's,
    # though the region-wide agency's full name is said (its 管委会 is that agency itself).
    # (a narrative question may name a unit inside the region's report, "领导小组办公室的电子邮箱"; one that
    # asks a table's figure, "Did the Hebei finance department receive any requests?", asks that unit's report)
    table_question = u.intent != NARRATIVE or u.metric.row is not None
    region_wide = all((getattr(catalog.by_name.get(n), "department", None) or "") in _REGION_WIDE_WORDS + ("",)
                      for n in match.names)
    if region_wide:  # (平潭综合实验区管委会 is that agency itself)
        departments = [w for w in departments if not w.endswith(_REGION_WIDE_WORDS)]
    if region_wide and match.dept_matched:
        return bool(departments) and table_question
    return bool(departments) and not match.dept_matched and table_question


_REGION_WIDE_WORDS = ("人民政府", "政府", "管委会", "管理委员会")


def _asked(u: Understanding, catalog: Catalog) -> tuple[int, ...]:
    return u.years.resolve(catalog.all_years()) or u.years.years


def _prefer_by_year(names: list[str], u: Understanding, catalog: Catalog) -> list[str]:
    """When the name alone is ambiguous (平潭: the zone or the former county), the agencies whose reports
    cover the asked year; with no year asked, those with the latest report."""
    if len(names) == 1 and not u.years.given:
        return names
    asked = set(_asked(u, catalog))
    if asked:
        having = [n for n in names if asked & set(catalog.years.get(n, ()))]
        return having
    latest = max((catalog.latest_year(n) or 0) for n in names)
    return [n for n in names if (catalog.latest_year(n) or 0) == latest]


def _other_regions(names: list[str], others: list[str], u: Understanding, catalog: Catalog) -> list[str]:
    """A comparison names agencies of other regions too ("平潭和盘锦营商局"): each region's best match."""
    regions = {catalog.region_of(n) for n in names}
    extra = [n for n in others if catalog.region_of(n) not in regions]
    return _prefer_by_year(extra, u, catalog) if extra else []


def _unnamed(u: Understanding, catalog: Catalog) -> Scope | Refusal:
    if u.intent in (NARRATIVE, RANK, LIST):
        years = _asked(u, catalog)
        if u.intent == RANK and not years:
            years = catalog.all_years()[-1:]
        return Scope((), tuple(years), False, named=False)
    asked = set(_asked(u, catalog))
    candidates = [n for n in catalog.years if not asked or asked & set(catalog.years[n])]
    if len(candidates) == 1:
        return _years_for(u, catalog, (candidates[0],), named=False)
    if not candidates:
        return Refusal("not_found", refuse.missing_year(catalog, list(catalog.years), tuple(sorted(asked)), u.lang,
                                                            u.years.shifted))
    return Refusal("clarify", refuse.clarify(sorted(candidates), catalog, u.lang), tuple(sorted(candidates)))


def _years_for(u: Understanding, catalog: Catalog, names: tuple[str, ...], named: bool) -> Scope | Refusal:
    have = sorted({y for n in names for y in catalog.years.get(n, ())})
    if not u.years.given:
        if u.intent in (NARRATIVE, LIST):
            return Scope(names, (), False, named)
        if u.intent == COMPARE:
            return Scope(names, tuple(have), False, named)
        latest = max((catalog.latest_year(n) or 0) for n in names)
        return Scope(names, (latest,) if latest else (), True, named)
    asked = u.years.resolve(have)
    present = tuple(y for y in asked if y in have)
    if not present or (u.intent in (FACT, CHECK) and len(present) < len(asked)):
        return Refusal("not_found", refuse.missing_year(catalog, list(names), asked or u.years.years, u.lang,
                                                            u.years.shifted))
    return Scope(names, present, False, named)


def query_of(u: Understanding, scope: Scope | None) -> Query:
    return Query(
        text=u.text, lang=u.lang,
        agencies=scope.agencies if scope else u.agency.names,
        years=scope.years if scope else u.years.years,
        year_defaulted=scope.year_defaulted if scope else False,
        keys=(u.metric.row,) if u.metric.row else (),
        intent=u.intent,
    )
