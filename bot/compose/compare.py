"""Answers computed over several reports: trends and differences, rankings, and whether a report's
own totals add up. Every number keeps its source."""

from __future__ import annotations

from ingest.types import format_number

from ..types import FactRef, Source
from .cells import Reading, identities
from .facts import column_label, row_label, source_for, unit_of


def trend_text(points: list[tuple[str, int, Reading]], lang: str, names: dict[str, str]) -> tuple[str, float | None]:
    """"平潭综合实验区 本年新收…：2019年 23件 → 2020年 21件"; with two points, the difference."""
    first = points[0][2]
    label = f"{row_label(first, lang)}（{column_label(first.row, first.column, lang)}）" if lang == "zh" else \
        f"{row_label(first, lang)}, “{column_label(first.row, first.column, lang)}”"
    unit = unit_of(first, lang)
    several = len({a for a, _, _ in points}) > 1
    shown = []
    for agency, year, reading in points:
        who = f"{names[agency]} " if several else ""
        total = reading.printed_total
        value = f"{format_number(total)}{unit}" if total is not None else ("无法确定" if lang == "zh" else "unknown")
        shown.append(f"{who}{year}年 {value}" if lang == "zh" else f"{who}{year}: {value}")
    arrow = " → " if not several else ("；" if lang == "zh" else "; ")
    head = (f"{names[points[0][0]]}" if not several else "") + (f"{label}：" if lang == "zh" else f" — {label}: ")
    text = head.lstrip(" —") + arrow.join(shown)
    diff = _difference(points, lang, unit, names)
    return text + (diff[0] if diff else ("。" if lang == "zh" else ".")), (diff[1] if diff else None)


def extreme_year_text(points: list[tuple[str, int, Reading]], lowest: bool, lang: str, unit: str = "") -> str:
    """"已收录年份中最多的是2025年（154件）。": the year a which-year question asks for, ties named together;
    none when a year's figure cannot be read (it might be the extreme)."""
    if len({a for a, _, _ in points}) != 1:
        return ""
    word_zh, word_en = ("最少", "fewest") if lowest else ("最多", "most")
    if any(p.printed_total is None for _, _, p in points):
        return (f"有年份的数字无法确定，不能判断哪一年{word_zh}。" if lang == "zh"
                else f" A year's figure cannot be read, so which year had the {word_en} cannot be told.")
    known = [(year, p.printed_total) for _, year, p in points]
    best = (min if lowest else max)(v for _, v in known)
    years = [y for y, v in known if v == best]
    if lang == "zh":
        return f"已收录年份中{word_zh}的是{'、'.join(f'{y}年' for y in years)}（{format_number(best)}{unit}）。"
    return f" Among the indexed years, the {word_en}: {', '.join(map(str, years))} ({format_number(best)})."


def missing_years_note(missing: list[tuple[str, int]], names: dict[str, str], lang: str,
                       reported: bool = False) -> str:
    """Say which asked years have no indexed report (or, `reported`, a report without this table),
    instead of leaving a silent gap in a trend."""
    by_agency: dict[str, list[int]] = {}
    for agency, year in sorted(missing):
        by_agency.setdefault(agency, []).append(year)
    if not by_agency:
        return ""
    if lang == "zh":
        parts = [names.get(a, a) + "、".join(f"{r}年" for r in _ranges(ys, "—")) for a, ys in by_agency.items()]
        if reported:
            return f"（{'；'.join(parts)}的报告没有这一项，未列入。）"
        return f"（索引中没有{'；'.join(parts)}的报告，未列入。）"
    parts = [f"{names.get(a, a)} for {', '.join(_ranges(ys, '–'))}" for a, ys in by_agency.items()]
    if reported:
        return f" (The report of {'; '.join(parts)} has no such figure; left out.)"
    return f" (No report is indexed of {'; '.join(parts)}; left out.)"


def _ranges(years: list[int], dash: str) -> list[str]:
    """2021, 2022, 2023, 2025 → "2021–2023", "2025" (runs of three or more years are shortened)."""
    runs: list[list[int]] = []
    for y in years:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return [item for r in runs for item in ([f"{r[0]}{dash}{r[-1]}"] if len(r) > 2 else map(str, r))]


def _difference(points, lang, unit, names) -> tuple[str, float] | None:
    values = [p[2].printed_total for p in points]
    if len(points) < 2 or any(v is None for v in values):
        return None
    (a_agency, a_year, _), (b_agency, b_year, _) = points[0], points[-1]
    delta = values[-1] - values[0]
    if len(points) == 2 and a_agency == b_agency:
        older, newer = sorted([(a_year, values[0]), (b_year, values[-1])])
        delta = newer[1] - older[1]
        if delta == 0:
            return ((f"；{newer[0]}年与{older[0]}年相同。", delta) if lang == "zh"
                    else (f"; the same in {older[0]} and {newer[0]}.", delta))
        word = ("多" if delta >= 0 else "少") if lang == "zh" else ("more" if delta >= 0 else "fewer")
        return ((f"；{newer[0]}年比{older[0]}年{word}{format_number(abs(delta))}{unit}。", delta) if lang == "zh"
                else (f"; {newer[0]} had {format_number(abs(delta))} {word} than {older[0]}.", delta))
    if len(points) == 2:
        return ((f"；两者相差{format_number(abs(delta))}{unit}。", abs(delta)) if lang == "zh"
                else (f"; a difference of {format_number(abs(delta))}.", abs(delta)))
    extremes = _extremes(points, lang, unit, names)
    if len({y for _, y, _ in points}) == 1:  # several agencies of one year: no "from … to …" between them
        return (f"（{extremes}）。", None) if lang == "zh" else (f" ({extremes}).", None)
    return ((f"（从{format_number(values[0])}到{format_number(values[-1])}，变化{format_number(delta)}；{extremes}）。", None)
            if lang == "zh" else (f" (from {format_number(values[0])} to {format_number(values[-1])}, a change of "
                                   f"{format_number(delta)}; {extremes}).", None))


def _extremes(points, lang, unit, names) -> str:
    """"最高2023年10690件，最低2019年23件": the highest and lowest points of a trend, ties named together."""
    several = len({a for a, _, _ in points}) > 1
    said = []
    for pick, zh, en in ((max, "最高", "highest"), (min, "最低", "lowest")):
        best = pick(p[2].printed_total for p in points)
        at = [(names[a] if several else "") + (f"{y}年" if lang == "zh" else f" {y}") for a, y, r in points
              if r.printed_total == best]
        said.append(f"{zh}{'、'.join(at)}{format_number(best)}{unit}" if lang == "zh"
                    else f"{en} {', '.join(a.strip() for a in at)}: {format_number(best)}{unit}")
    return ("，" if lang == "zh" else "; ").join(said)


def rank_text(points: list[tuple[str, int, Reading]], lang: str, names: dict[str, str],
              lowest: bool) -> tuple[str, float | None]:
    known = [p for p in points if p[2].printed_total is not None]
    ordered = sorted(known, key=lambda p: p[2].printed_total, reverse=not lowest)
    if not ordered:
        return ("这些年报中都无法确定该数字。" if lang == "zh" else "No indexed report states this figure."), None
    first = ordered[0][2]
    unit = unit_of(first, lang)
    label = row_label(first, lang)
    year = ordered[0][1]
    lines = [f"{i}. {names[a]}：{format_number(r.printed_total)}{unit}" if lang == "zh"
             else f"{i}. {names[a]}: {format_number(r.printed_total)}" for i, (a, _, r) in enumerate(ordered, 1)]
    top = ordered[0]
    # every agency tied at the top is named, not the first of them alone
    tied = [names[a] for a, _, r in ordered if r.printed_total == top[2].printed_total]
    if lang == "zh":
        who = "、".join(tied) + ("（并列）" if len(tied) > 1 else "")
        head = f"{year}年{label}（{column_label(first.row, first.column, lang)}）" + (
            "最少" if lowest else "最多") + f"的是{who}，{'各' if len(tied) > 1 else ''}" + \
            f"{format_number(top[2].printed_total)}{unit}。已收录{len(ordered)}个单位的排名：\n"
    else:
        who = " and ".join(tied) + (" (tied)" if len(tied) > 1 else "")
        head = (f"{'Fewest' if lowest else 'Most'} {label} in {year}: {who}, "
                f"{format_number(top[2].printed_total)}{' each' if len(tied) > 1 else ''}. Ranking of the "
                f"{len(ordered)} indexed agencies:\n")
    return head + "\n".join(lines), top[2].printed_total


def check_lines(facts: dict, template: str, lang: str, focus: str | None) -> tuple[list[str], bool]:
    """Evaluate the template's identities on a report's facts: (lines saying each sum, all hold)."""
    lines, all_ok = [], True
    for name, identity in identities():
        if name != template or (focus and not identity.rule.startswith(focus)):
            continue
        lhs = [facts.get(k) for k in identity.lhs]
        rhs = [facts.get(k) for k in identity.rhs]
        if any(f is None or f.value is None for f in lhs + rhs):
            continue
        left, right = sum(f.value for f in lhs), sum(f.value for f in rhs)
        if left == right and focus is None:
            continue
        all_ok &= left == right
        lines.append(_identity_line(identity, left, right, lang))
    return lines, all_ok


def _identity_line(identity, left: float, right: float, lang: str) -> str:
    ok = left == right
    if lang == "zh":
        verdict = "相等" if ok else "不相等"
        scope = identity.scope.replace(" column", "列").replace(" row", "行")
        return (f"{scope}：{identity.lhs_label}各项合计{format_number(left)}件，"
                f"{identity.rhs_label}为{format_number(right)}件（{verdict}）")
    verdict = "equal" if ok else "NOT equal"
    return f"{identity.scope}: {identity.lhs_label} add up to {format_number(left)}, {identity.rhs_label} is " \
           f"{format_number(right)} ({verdict})"


def sources_of(points, reports) -> tuple[tuple[Source, ...], tuple[FactRef, ...]]:
    sources, refs = [], []
    for agency, year, reading in points:
        report = reports[(agency, year)]
        sources.append(source_for(report, reading, "zh"))
        refs += [FactRef(p.key, p.value, p.agency, p.year) for p in reading.parts if p.value is not None]
    return tuple(sources), tuple(refs)
