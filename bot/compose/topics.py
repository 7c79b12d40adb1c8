"""Words of a topic answer (bot/kinds/topic.py) when the report's text never speaks of the topic."""

from __future__ import annotations

from .names import titled


def not_mentioned(report, topic, lang: str, agency_label: str) -> str:
    """"…的正文没有提到政策解读。": the report was read whole, so this is what it says, not a failed search."""
    if lang == "zh":
        return f"{titled(report, lang)}的正文没有提到{topic.label_zh}。"
    return f"The text of the {report.year} report of {agency_label} does not mention {topic.label_en}."


def no_figure(quoted: str, lang: str) -> str:
    """A count asked that the text does not give: said first, then what the text says on the topic."""
    if lang == "zh":
        return "报告正文没有给出这个数字。关于这一话题，" + quoted
    return "The report's text gives no such figure. On this topic, " + quoted[0].lower() + quoted[1:]
