"""A single fact: one cell (or a family of cells) of one report, or a clarify when the question's words
fit several keys, or what the tables count when they count nothing asked."""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.types import format_number

from ..catalog import Catalog
from ..compose import cells, refuse
from ..compose import facts as fx
from ..compose.names import table_of
from ..metrics import column_name, key_label, row_name
from ..scope import Scope
from ..types import Answer
from ..understand import Understanding
from ..understand.derived import DIFFERENCE, SUM, WHICH_MORE
from ..understand.en_terms import chinese_terms
from ..understand.english_stems import stems
from ..understand.intent import asks_whether
from ..understand.language import has_chinese
from ..understand.metric import new_words, sets_against
from ..understand.metric_similarity import closest_rows
from ..understand.threshold import claim_in
from . import reading as rd
from .narrative import narrative


def fact(u: Understanding, scope: Scope, index, catalog: Catalog) -> Answer:
    agency, year = scope.agencies[0], scope.years[0]
    report = catalog.report_of[(agency, year)]
    facts = rd.facts(index, agency, year, u.metric.row)
    reading = cells.read(u.metric.row, u.metric.column, facts, rd.failed(index, report.id))
    if not rd.has_row(facts, reading):
        # An old-template report (or an unreadable table): its narrative may still say it.
        return narrative(u, scope, index, catalog, must=must_words(u))
    if u.metric.uncounted:
        return _not_counted(u, scope, index, catalog)
    if not u.metric.decided:
        # A yes or no about something no row clearly names ("有没有向申请人收取信息处理费？"), or words the
        # dictionary cannot place ("受理网络问政多少件"): the text may say it.
        unplaced = _unplaced_words(u)
        if asks_whether(u.text) or unplaced is not None:
            found = narrative(u, scope, index, catalog, must=() if asks_whether(u.text) else unplaced)
        else:
            found = None
        return found if found is not None and found.kind == "narrative" else _which_metric(u, scope, index)
    if reading.missing and not reading.parts:
        # This report's layout has no such column (2019 tables print no 废止件数): its text may say it.
        found = narrative(u, scope, index, catalog, must=must_words(u))
        if found.kind == "narrative":
            return found
    if reading.printed_total is None and len(asked_cells(u)) == 1:
        # The copy's table cannot place the cell: the report's text may state the figure.
        found = narrative(u, scope, index, catalog, must=must_words(u))
        if found.kind == "narrative":
            return replace(found, text=_UNREADABLE_CELL[u.lang] + found.text)
    if len(asked_cells(u)) > 1:
        return _several(u, scope, index, catalog)
    lang = u.lang
    name = rd.name(catalog, agency, lang)
    # A chat bubble: the number first, then agency, year and row in plain words with what goes beside
    # them, then the source as printed.
    details = [fx.check_note(reading, lang), _row_total(reading, facts, lang), fx.breakdown_text(reading, lang),
               _context(reading, facts, lang), _lawsuit_note(reading, lang), _row_neighbours(reading, facts, lang),
               rd.defaulted_note(scope, lang)]
    lines = [_whether(u, reading) + fx.fact_text(name, year, reading, lang) + rd.join(details, lang, lead=True),
             fx.source_line(report, reading, lang)]
    # Nothing certain to state (an unreadable cell, a missing column): an honest "cannot tell".
    kind = "fact" if reading.printed_total is not None else "not_found"
    return Answer(u.text, kind, "\n".join(lines), reading.value, fx.fact_refs(reading),
                  (fx.source_for(report, reading, lang),), lang=lang, query=rd.query(u, scope))


_UNREADABLE_CELL = {"zh": "表中这一栏在这份副本中无法确定，报告正文写道：\n",
                    "en": "The table cell cannot be read with certainty in this copy; the report's text says:\n"}


def _whether(u: Understanding, reading: cells.Reading) -> str:
    """The yes or no a yes/no question asks for, before the count that decides it."""
    if not asks_whether(u.text) or reading.value is None:
        return ""
    claim = claim_in(u.text)
    if claim is not None:  # "收到申请80件吗？", "超过100件了吗": how it stands to that number, not whether any
        right = claim.holds(reading.value)
        if right is None:  # "about 80": the count says it
            return ""
        return ("是。" if right else "不是。") if u.lang == "zh" else ("Yes. " if right else "No. ")
    if u.lang == "zh":
        return "有。" if reading.value > 0 else "没有。"
    return "Yes. " if reading.value > 0 else "No. "



def _same_table_rows(u: Understanding) -> list[str]:
    rows = list(u.metric.rows)
    table = table_of(rows[0]) if rows else ""
    return [r for r in rows if table_of(r) == table]


def asked_cells(u: Understanding) -> list[tuple[str, str | None]]:
    """The cells a question asks together: several rows of one table ("予以公开和部分公开各多少件") or several
    columns of one row ("自然人和商业企业各多少"), each to be answered with its own number."""
    if len(u.metric.columns) > 1:
        return [(u.metric.row, c) for c in u.metric.columns]
    return [(r, u.metric.column) for r in _same_table_rows(u)]


def _part_name(row: str, column: str | None, rows_differ: bool, lang: str) -> str:
    return row_name(row, lang) if rows_differ else column_name(row, column, lang)


def _several(u: Understanding, scope: Scope, index, catalog: Catalog) -> Answer:
    """Each asked cell with its own number and its own source line, and their sum when a sum is asked."""
    agency, year = scope.agencies[0], scope.years[0]
    report = catalog.report_of[(agency, year)]
    failed = rd.failed(index, report.id)
    asked = asked_cells(u)
    rows_differ = len({r for r, _ in asked}) > 1
    readings = [cells.read(r, c, rd.facts(index, agency, year, r), failed) for r, c in asked]
    name = rd.name(catalog, agency, u.lang)
    sep = "；" if u.lang == "zh" else "; "
    lead = sep.join(f"{_part_name(r.row, r.column, rows_differ, u.lang)} {fx.lead(r, u.lang)}" for r in readings)
    totals = [r.value for r in readings]
    value = None
    if SUM.search(u.text) and all(v is not None for v in totals):
        value = float(sum(totals))
        lead += (f"；合计{format_number(value)}件（计算值）" if u.lang == "zh" else f"; together {format_number(value)} (computed)")
    elif len(totals) == 2 and (DIFFERENCE.search(u.text) or sets_against(u.text) or WHICH_MORE.search(u.text)) \
            and all(v is not None for v in totals):
        value = float(totals[0] - totals[1])
        names = [_part_name(r.row, r.column, rows_differ, u.lang) for r in readings]
        lead += _difference(names, totals, u.lang)
    row = "" if rows_differ else " " + row_name(asked[0][0], u.lang)
    plain = f"{name}{year}年{row}。" if u.lang == "zh" else f"{name}, {year}{',' if row else ''}{row}."
    parts = [lead, plain + rd.join([fx.check_note(r, u.lang) for r in readings], u.lang, lead=True)]
    parts += [fx.source_line(report, r, u.lang) for r in readings]
    refs = tuple(ref for r in readings for ref in fx.fact_refs(r))
    kind = "fact" if any(r.printed_total is not None for r in readings) else "not_found"
    return Answer(u.text, kind, "\n".join(parts), value, refs,
                  tuple(fx.source_for(report, r, u.lang) for r in readings), lang=u.lang, query=rd.query(u, scope))


def _as_written(words: tuple[str, ...], question: str) -> tuple[str, ...]:
    """Each word as the asker wrote it ("March", not the dictionary's "march")."""
    found = (re.search(re.escape(w), question, re.I) for w in words)
    return tuple(m.group() if m else w for m, w in zip(found, words, strict=True))


def _difference(names: list[str], totals: list[float], lang: str) -> str:
    """"；予以公开比不予公开（…）多17（计算值：22 − 5）": which of the two is larger, and by how much."""
    a, b = totals
    shown = f"{format_number(a)} − {format_number(b)}"
    if lang == "zh":
        said = "两者相同" if a == b else f"{names[0]}比{names[1]}{'多' if a > b else '少'}{format_number(abs(a - b))}"
        return f"；{said}（计算值：{shown}）"
    said = "the two are equal" if a == b else (
        f"{names[0]}: {format_number(abs(a - b))} {'more' if a > b else 'fewer'} than {names[1]}")
    return f"; {said} (computed: {shown})"


def _which_metric(u: Understanding, scope: Scope, index) -> Answer:
    """Several keys fit the question's words (or it says more than the dictionary placed): offer the best
    ones, the best first; for new wording, the rows closest in meaning too (embedding similarity), and for
    a family, its members closest in meaning."""
    keys = list(u.metric.candidates)
    members = tuple(r for r, _ in keys if u.metric.row and r.startswith(u.metric.row + "."))
    if members:
        near = closest_rows(index.embed_query(u.text), index.embedder, 3, among=members, home=_home(index))
        keys = [(u.metric.row, u.metric.column)] + [(r, u.metric.column) for r in near]
    elif u.metric.defaulted or len(keys) < 2:
        near = closest_rows(index.embed_query(u.text), index.embedder, 3, home=_home(index))
        keys += [(r, u.metric.column) for r in near if r not in {k for k, _ in keys}]
    options = tuple(dict.fromkeys(key_label(r, c, u.lang) for r, c in keys[:4]))
    head = "您问的是哪一项？请选择：" if u.lang == "zh" else "Which figure do you mean? Pick one:"
    text = head + "\n" + "\n".join(f"{i}. {o}" for i, o in enumerate(options, 1))
    return Answer(u.text, "clarify", text, options=options, lang=u.lang, query=rd.query(u, scope))


_QUOTED = re.compile(r"[“\"‘「『（(《]\s*([\u4e00-\u9fff][^“”\"‘’「」『』（）()《》]{1,30}?)\s*[”\"’」』）)》]")


def _unplaced_words(u: Understanding) -> tuple[str, ...] | None:
    """The words the dictionary could not place, as a passage must repeat them ("网络问政"); None when there are
    none, or when an English one has no Chinese the text could use ("bounce")."""
    left = u.metric.unexplained
    if not new_words(left):
        return None
    quoted = tuple(q for q in _QUOTED.findall(u.text) if len(re.findall(r"[\u4e00-\u9fff]", q)) >= 3)
    if quoted:  # "the 'You Speak' (问政平潭之有事你说) programme": the asker gave the text's own words
        return quoted
    english = re.findall(r"[a-z]{3,}", left)
    known = {s for phrase, _ in chinese_terms(u.text) for s in stems(phrase.replace("-", " "))}
    if any(not set(stems(w)) <= known for w in english):
        return None
    return tuple(re.findall(r"[\u4e00-\u9fff]{2,}", left))


def _home(index):
    return getattr(index, "home", None)


_FIGURE = re.compile(r"[0-9０-９]|[一二三四五六七八九十两百千万]+(?:件|次|个|项|条|人|%|％)|百分之")


def _in_chinese(word: str) -> str:
    """A word as the report's text would say it ("clean-up" → 清理); "" when the glossary has no Chinese for it."""
    if has_chinese(word):
        return word
    found = chinese_terms(word)
    return found[0][1][0] if found else ""


def _not_counted(u: Understanding, scope: Scope, index, catalog: Catalog) -> Answer:
    """"Average days to answer", "requests from foreigners": the tables do not count it; the text may say it."""
    must = tuple(filter(None, (_in_chinese(w) for w in u.metric.uncounted)))
    found = narrative(u, scope, index, catalog, must=must) if must else None
    # The asker wants a figure: a sentence that only mentions the thing ("提高群众满意度") does not answer.
    if found is not None and found.kind == "narrative" and any(_FIGURE.search(s.quote) for s in found.sources):
        return found
    return Answer(u.text, "not_found", refuse.not_counted(_as_written(u.metric.uncounted, u.text), u.lang), lang=u.lang,
                  query=rd.query(u, scope))




def must_words(u: Understanding) -> tuple[str, ...]:
    """The Chinese metric words a narrative sentence must contain to answer a table question."""
    words = tuple(w for w in (*u.metric.words, *u.metric.column_words) if has_chinese(w))
    return words[:3] or (("申请",) if u.metric.requests else ())


def _row_total(reading: cells.Reading, facts: dict, lang: str) -> str:
    """An applicant column's row total beside it ("其中自然人多少件" questions ask both); likewise the total
    of a reconsideration or lawsuit row beside one of its outcomes ("how many, and how many corrected")."""
    counted = reading.row.startswith(("applications", "review", "litigation."))
    if not counted or reading.column in ("total", "org") or len(reading.keys) != 1:
        return ""
    total = facts.get(f"{reading.row}.total")
    if total is None or total.value is None:
        return ""
    shown = format_number(total.value)
    return f"该行总计{shown}件。" if lang == "zh" else f"Row total: {shown}."


def _context(reading: cells.Reading, facts: dict, lang: str) -> str:
    """New requests and carried-over ones side by side: some readers count both."""
    other = {"applications.new_received": "applications.carried_over",
             "applications.carried_over": "applications.new_received"}.get(reading.row)
    if other is None or reading.printed_total is None or reading.column == "org":
        return ""
    extra = facts.get(f"{other}.{reading.column}")
    if extra is None or extra.value is None:
        return ""
    total = format_number(reading.printed_total + extra.value)
    value = format_number(extra.value)
    if other.endswith("carried_over"):
        return (f"另有上年结转{value}件，两项合计{total}件。" if lang == "zh"
                else f"A further {value} were carried over from the previous year, {total} in all.")
    return (f"本年新收{value}件，两项合计{total}件。" if lang == "zh"
            else f"New requests received this year: {value}; {total} in all.")


def _lawsuit_note(reading: cells.Reading, lang: str) -> str:
    if reading.row != "litigation":
        return ""
    return ("（行政诉讼 = 未经复议直接起诉 + 复议后起诉两项之和。）" if lang == "zh"
            else "(Lawsuits = those filed directly plus those filed after reconsideration.)")


def _row_neighbours(reading: cells.Reading, facts: dict, lang: str) -> str:
    """The other columns of a table-2 row: the question may have meant one of them."""
    if not reading.row.startswith("proactive") or len(reading.keys) != 1:
        return ""
    others = [f for k, f in facts.items() if k.startswith(reading.row + ".") and k != reading.keys[0]]
    shown = [f"{fx.column_label(reading.row, f.key.rsplit('.', 1)[1], lang)} "
             f"{format_number(f.value) if f.value is not None else rd.unreadable(lang)}" for f in others]
    if not shown:
        return ""
    return ("同一行其他列：" + "，".join(shown) + "。") if lang == "zh" else ("Same row: " + "; ".join(shown) + ".")

