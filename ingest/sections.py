"""Split a report's narrative into sections under their headings (一、总体情况, 二、…)."""

from __future__ import annotations

import re

from ingest.types import Section

# The standard template's section titles: found even when scraped text runs them into the paragraph.
_STANDARD = (
    "总体情况",
    "概述",
    "主动公开政府信息情况",
    "主动公开政府信息的情况",
    "收到和处理政府信息公开申请情况",
    "依申请公开政府信息情况",
    "政府信息公开行政复议、行政诉讼情况",
    "政府信息公开行政法复议、行政诉讼情况",
    "因政府信息公开申请行政复议、提起行政诉讼的情况",
    "政府信息公开的收费及减免情况",
    "存在的主要问题及改进情况",
    "政府信息公开工作存在的主要问题及改进情况",
    "其他需要报告的事项",
    "政府信息公开情况统计表",
)
_NUMERAL = "[一二三四五六七八九十]"
_NUM = rf"{_NUMERAL}{{1,2}}、\s*"
# A standard title is a heading wherever it stands, also right after a table's last number when scraped
# text fuses them ("…0102五、存在的主要问题及改进情况"): the titles are too long to occur by chance. Its
# numeral, not preceded by a Chinese character, opens the pattern (the character before it is looked at
# after it): a pattern opening with a look-behind is tried at every character of the text, 2.5x slower.
STANDARD_HEADING = re.compile(
    rf"{_NUMERAL}(?<![\u4e00-\u9fff].){_NUMERAL}?、\s*(?:{'|'.join(map(re.escape, _STANDARD))})"
)
_LINE = re.compile(rf"^\s*{_NUM}[^。；;，,\n]{{2,40}}$", re.M)
_MIN_SECTION = 2


def split_sections(text: str) -> tuple[Section, ...]:
    """Sections in order. Text before the first heading is the preamble (heading "")."""
    marks = sorted({m.start(): m for m in [*STANDARD_HEADING.finditer(text), *_LINE.finditer(text)]}.items())
    sections: list[Section] = []
    starts = [(pos, m.group().strip()) for pos, m in marks]
    bounds = [(0, "")] + starts
    for i, (pos, heading) in enumerate(bounds):
        begin = pos + len(heading) if heading else pos
        if heading:
            begin = text.index(heading, pos) + len(heading)
        end = bounds[i + 1][0] if i + 1 < len(bounds) else len(text)
        body = text[begin:end].strip()
        if len(body) >= _MIN_SECTION or heading:
            sections.append(Section(_squeeze(heading), body))
    return tuple(s for s in sections if s.text)


def _squeeze(heading: str) -> str:
    return re.sub(r"\s+", "", heading)
