"""Wording of computed figures: every one labelled as computed, with its formula and the printed figures
it is computed from; the report's own printed percentage quoted beside it when it has one."""

from __future__ import annotations

import re

from ingest.types import format_number


def percent(part: float, whole: float) -> float:
    return round(part / whole * 100, 2)


_PERCENT = re.compile(r"(\d+(?:\.(\d+))?)\s*[%％]")


def prints_percent(text: str, value: float) -> bool:
    """Whether the text prints `value` as a percentage, rounded as it prints it ("51.85%", "51.9%", "52%")."""
    for m in _PERCENT.finditer(text):
        places = len(m.group(2) or "")
        if abs(float(m.group(1)) - value) <= 0.5 * 10**-places + 1e-9:
            return True
    return False


def share_text(name: str, year: int, part: tuple[str, list[float]], whole: tuple[str, float], lang: str) -> str:
    """"27.2%\n平潭综合实验区2023年：予以公开22件，占本年新收…81件的27.2%（计算值：22 ÷ 81，不是报告印出的数字）。"""
    (p_label, values), (w_label, wv) = part, whole
    pv = float(sum(values))
    share = format_number(percent(pv, wv))
    top = format_number(pv) if len(values) == 1 else f"({' + '.join(format_number(v) for v in values)})"
    if lang == "zh":
        return (f"{share}%\n{name}{year}年：{p_label}{format_number(pv)}件，占{w_label}{format_number(wv)}件的{share}%"
                f"（计算值：{top} ÷ {format_number(wv)}，不是报告印出的数字）。")
    return (f"{share}%\n{name}, {year}: {p_label} {format_number(pv)} of {w_label} {format_number(wv)} is {share}% "
            f"(computed: {top} ÷ {format_number(wv)}; not a figure the report prints).")


def no_share_text(lang: str) -> str:
    return ("无法计算这个比例：所需的数字在这份年报中不能确定，或分母为0。" if lang == "zh"
            else "This share cannot be computed: a figure it needs is not certain in this report, or the whole is 0.")


def printed_share_note(quote: str, lang: str) -> str:
    return (f"报告正文印的是：“{quote}”" if lang == "zh" else f"The report's own text says: “{quote}”")


def sum_text(values: list[float], unit: str, lang: str) -> tuple[str, float]:
    """"合计8件（计算值：1 + 7）。" over the years or agencies shown."""
    total = float(sum(values))
    formula = " + ".join(format_number(v) for v in values)
    if lang == "zh":
        return f"合计{format_number(total)}{unit}（计算值：{formula}）。", total
    return f" In total: {format_number(total)}{unit} (computed: {formula}).", total


def rate_text(older: float, newer: float, years: tuple[int, int], lang: str) -> tuple[str, float] | None:
    """"增长9.5%（计算值：(81 − 74) ÷ 74）。"""
    if not older:
        return None
    rate = round((newer - older) / older * 100, 2)
    formula = f"({format_number(newer)} − {format_number(older)}) ÷ {format_number(older)}"
    if lang == "zh":
        word = "增长" if rate >= 0 else "下降"
        return f"{years[1]}年比{years[0]}年{word}{format_number(abs(rate))}%（计算值：{formula}）。", rate
    word = "up" if rate >= 0 else "down"
    return f" {years[1]} was {word} {format_number(abs(rate))}% on {years[0]} (computed: {formula}).", rate


def times_text(older: float, newer: float, years: tuple[int, int], lang: str) -> tuple[str, float] | None:
    """"2025年是2019年的6.7倍（计算值：154 ÷ 23）。": the later year's figure over the earlier one's."""
    if not older:
        return None
    times = round(newer / older, 2)
    formula = f"{format_number(newer)} ÷ {format_number(older)}"
    if lang == "zh":
        return f"{years[1]}年是{years[0]}年的{format_number(times)}倍（计算值：{formula}）。", times
    return f" {years[1]} was {format_number(times)} times {years[0]} (computed: {formula}).", times
