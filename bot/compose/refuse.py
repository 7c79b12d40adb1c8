"""Honest non-answers, short enough for a chat bubble (under 200 characters): "not in the index", "which one
did you mean". The index's coverage is given on request ("收录了哪些单位？", /agencies), not in every refusal."""

from __future__ import annotations

from ..catalog import Catalog
from .names import agency_name


def years_text(years: tuple[int, ...] | list[int], lang: str) -> str:
    sep = "、" if lang == "zh" else ", "
    return sep.join(str(y) for y in years)


def coverage(catalog: Catalog, lang: str, limit: int = 8) -> str:
    """What the index holds: each agency with its years."""
    parts = []
    for name in sorted(catalog.years, key=lambda n: -len(catalog.years[n]))[:limit]:
        record = catalog.by_name.get(name)
        years = years_text(catalog.years[name], lang)
        parts.append(f"{agency_name(record, name, lang)}（{years}年）" if lang == "zh"
                     else f"{agency_name(record, name, lang)}: {years}")
    more = len(catalog.years) - len(parts)
    if more > 0:
        parts.append(f"另有{more}个单位" if lang == "zh" else f"and {more} more agencies")
    if not parts:
        return "索引中还没有任何年报。" if lang == "zh" else "The index holds no reports yet."
    return ("索引中有：" + "；".join(parts) + "。") if lang == "zh" else ("The index holds: " + "; ".join(parts) + ".")


# How to see the coverage, in a way both front ends answer (a list question; /agencies in Telegram too).
ASK_COVERAGE = {"zh": "问“收录了哪些单位？”可查看已收录的年报。", "en": "Ask “which agencies are indexed?” to see what is."}
MAX_NAMED = 3


def nothing_found(agencies: tuple[str, ...], years: tuple[int, ...], catalog: Catalog, lang: str) -> str:
    where = _where(agencies, years, catalog, lang)
    if lang == "zh":
        return f"没有在{where}中找到回答这个问题的内容。" + ASK_COVERAGE["zh"]
    return f"Nothing in {where} answers this question. " + ASK_COVERAGE["en"]


_SECTION_TOPICS = {"problems": ("存在的问题", "problems or shortcomings of its disclosure work"),
                   "fees": ("信息处理费的收取情况", "information-processing fees")}


def section_absent(section: str, agencies: tuple[str, ...], years: tuple[int, ...], catalog: Catalog,
                   lang: str) -> str:
    """The report has no statement where the template puts the answer (五、存在的主要问题…, 六、其他需要报告的事项),
    nor one elsewhere: said as such, not answered with a passage that merely shares a word."""
    where = _where(agencies, years, catalog, lang)
    zh, en = _SECTION_TOPICS[section]
    if lang == "zh":
        return f"{where}没有写到{zh}（报告中没有相应的段落）。"
    return f"{where[:1].upper() + where[1:]} says nothing about {en} (it has no passage on them)."


def _where(agencies: tuple[str, ...], years: tuple[int, ...], catalog: Catalog, lang: str) -> str:
    if len(agencies) != 1:
        return "已收录的年报" if lang == "zh" else "the indexed reports"
    name = agency_name(catalog.by_name.get(agencies[0]), agencies[0], lang) if lang == "zh" else agencies[0]
    when = years_text(years, lang) if len(years) == 1 else ""
    if lang == "zh":
        return f"{name}{when + '年' if when else ''}的年报"
    return f"the {when + ' ' if when else ''}report of {name}"


def missing_year(catalog: Catalog, agencies: list[str], years: tuple[int, ...], lang: str,
                 shifted: tuple[int, ...] = ()) -> str:
    """No report of these agencies for these years; `shifted`: years read as the report before the one
    named ("2025年的工作计划" is in the report on 2024), said so the year asked for is not a surprise."""
    why = ""
    if shifted:
        why = (f"（{years_text(tuple(y + 1 for y in shifted), lang)}年的计划、发布的年报和结转到该年的申请，"
               f"写在{years_text(shifted, lang)}年度的报告中。）" if lang == "zh" else
               f" (Plans for {years_text(tuple(y + 1 for y in shifted), lang)}, reports published then and "
               f"requests carried into it are in the report on {years_text(shifted, lang)}.)")
    return _missing_year(catalog, agencies, years, lang) + why


def _missing_year(catalog: Catalog, agencies: list[str], years: tuple[int, ...], lang: str) -> str:
    asked = years_text(years, lang)
    lines = []
    for name in agencies[:MAX_NAMED]:
        record = catalog.by_name.get(name)
        have = years_text(catalog.years.get(name, ()), lang) or ("无" if lang == "zh" else "none")
        lines.append(f"{agency_name(record, name, lang)}只有{have}年的年报" if lang == "zh"
                     else f"{name} has reports for {have} only")
    if lang == "zh":
        return f"索引中没有{asked}年的相应年报：" + "；".join(lines) + "。"
    return f"There is no indexed report for {asked}: " + "; ".join(lines) + "."


def unknown_agency(catalog: Catalog, mentions: tuple[str, ...], close: tuple[str, ...], lang: str) -> str:
    named = "、".join(mentions) if lang == "zh" else ", ".join(mentions)
    if close:
        near = list(close[:MAX_NAMED])  # official names: a gloss would not fit a chat bubble
        tail = ("相近的已收录单位：" + "、".join(near) + "。") if lang == "zh" else (
            "Indexed agencies that come close: " + "; ".join(near) + ".")
    else:
        tail = ASK_COVERAGE[lang]
    if lang == "zh":
        return f"索引中没有“{named}”的政府信息公开年报。" + tail
    return f"The index has no annual report of “{named}”. " + tail


def clarify(options: list[str], catalog: Catalog, lang: str) -> str:
    lines = [f"{i}. {o}" for i, o in enumerate(options, 1)]  # official names: short enough for a chat
    head = "您问的是哪个单位？请选择：" if lang == "zh" else "Which agency do you mean? Pick one:"
    return head + "\n" + "\n".join(lines)





def not_counted(words: tuple[str, ...], lang: str) -> str:
    """What the tables count, for a question about something they do not ("average days", "foreigners")."""
    words = tuple(w for w in words if not any(w != o and w in o for o in words))  # 哪些内容 inside 涉及哪些内容
    asked = "、".join(words[:2]) if lang == "zh" else ", ".join(words[:2])
    if lang == "zh":
        return (f"年报的表格不统计“{asked}”，正文中也没有找到。表格统计的是：申请件数（按申请人类型和办理结果）、"
                "行政复议和行政诉讼件数，以及主动公开的文件和事项。")
    return (f"The tables do not count “{asked}” and the text does not say it. They count requests by applicant "
            "and outcome, reconsiderations, lawsuits and published items.")


def rate_unclear(lang: str) -> str:
    """A rate asked without saying of what in what: the tables print counts, never rates."""
    if lang == "zh":
        return "年报表格只印件数，不印比率。请说明分子和分母，例如：“结果纠正占行政复议总计的比例是多少？”"
    return ("The tables print counts, not rates. Say which figure over which, e.g. “what share of "
            "reconsideration cases were corrected?”")


def greeting(lang: str) -> str:
    """A greeting or thanks, not a question: what can be asked, with examples."""
    if lang == "zh":
        return ("您好！我回答政府信息公开工作年度报告里的问题，数字都注明出自哪份年报、哪张表的哪一行。例如：\n"
                "平潭2023年新收政府信息公开申请多少件？\n淮安市政府2024年行政复议情况怎么样？\n"
                "平潭2023年的公开率是多少？\n（问“收录了哪些单位？”查看已收录的年报。）")
    return ("Hello! I answer questions about government information-disclosure annual reports, each number with the "
            "report, table and row it comes from. For example:\nHow many disclosure requests did Pingtan receive in "
            "2023?\nHow did Huai'an's reconsideration cases turn out in 2024?\nWhat was Pingtan's disclosure rate in "
            "2023?\n(Ask \"which agencies are indexed?\" to see the reports held.)")


def empty_question(lang: str) -> str:
    if lang == "zh":
        return "请输入问题，例如：平潭2023年新收政府信息公开申请多少件？（/agencies 查看已收录的单位）"
    return "Please ask a question, e.g. How many disclosure requests did Pingtan receive in 2023?"
