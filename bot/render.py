"""Rendering an Answer for the terminal (readable) and as the JSON line of the `xxgk ask --json` contract."""

from __future__ import annotations

import json
import re

from .compose.names import titled
from .types import Answer

_KIND_LABEL = {
    "zh": {"fact": "事实", "compare": "比较", "list": "列表", "narrative": "原文", "clarify": "请选择",
           "not_found": "未找到"},
    "en": {"fact": "fact", "compare": "comparison", "list": "list", "narrative": "from the text",
           "clarify": "please choose", "not_found": "not found"},
}


def to_json_line(answer: Answer, elapsed_ms: float | None = None) -> str:
    return json.dumps(answer.to_contract(elapsed_ms), ensure_ascii=False)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Text as a terminal shows it: control characters (escape sequences that would move the cursor or
    retitle the window, quoted back from a question) become U+FFFD."""
    return _CONTROL.sub("\ufffd", text)


def to_terminal(answer: Answer, *, color: bool = False) -> str:
    lang = answer.lang if answer.lang in _KIND_LABEL else "zh"
    head = f"[{_KIND_LABEL[lang].get(answer.kind, answer.kind)}] "
    lines = [_bold(head, color) + printable(answer.text)]
    if answer.kind == "clarify" and answer.options and "\n1." not in answer.text:
        lines += [f"  {i}. {printable(o)}" for i, o in enumerate(answer.options, 1)]
    if answer.sources and answer.kind != "clarify":
        lines.append(_dim("原文摘录：" if lang == "zh" else "As printed:", color))  # the answer names its source
        for s in answer.sources[:5]:
            where = "，".join(x for x in (s.section,) if x)
            quote = f" “{printable(_short(s.quote))}”" if s.quote else ""
            lines.append(_dim(f"  {titled(s, lang)}{('，' + where) if where else ''}{quote}", color))
            if s.url:
                lines.append(_dim(f"    {s.url}", color))
    return "\n".join(lines)


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bold(text: str, color: bool) -> str:
    return f"\033[1m{text}\033[0m" if color else text


def _dim(text: str, color: bool) -> str:
    return f"\033[2m{text}\033[0m" if color else text
