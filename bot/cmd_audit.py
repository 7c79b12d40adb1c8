"""`xxgk audit`: every contradiction the indexed reports hold, as a table in the terminal or as the JSON
list of the audit contract (architecture.md)."""

from __future__ import annotations

import json
import re
import sys

from index.errors import IndexProblem

from .cmd_extract import _width
from .compose.names import titled

_SEVERITY = {"zh": {"contradiction": "矛盾", "possible": "可能"}, "en": {"contradiction": "contradiction",
                                                                     "possible": "possible"}}


def run(args) -> int:
    from index.reader import Index

    from .audit import UnknownAgency, find

    try:
        with Index.open(args.home, bootstrap=False) as index:
            findings = find(index, args.agency, args.year)
    except (IndexProblem, UnknownAgency) as e:
        print(f"xxgk audit: {e}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps([f.to_contract() for f in findings], ensure_ascii=False, indent=1))
    else:
        print(terminal(findings, args.lang))
    return 0


def terminal(findings, lang: str = "zh", width: int = 110) -> str:
    """One block per report, one aligned line per finding: severity, rule, what is wrong (wrapped), source."""
    from .audit import RULES

    if not findings:
        return "没有发现矛盾。" if lang == "zh" else "No contradictions found."
    lines: list[str] = []
    report = None
    titles = max(_width(RULES[f.rule].title(lang)) for f in findings)
    for f in findings:
        if (f.agency, f.year) != report:
            report = (f.agency, f.year)
            lines += ["" if lines else None, f"{f.agency or '?'} {f.year or '?'}"]
        head = f"  {_pad(_SEVERITY[lang][f.severity], 13)} {_pad(RULES[f.rule].title(lang), titles)}  "
        body = _wrap(f.text(lang), width - _width(head))
        lines.append(head + body[0])
        lines += [" " * _width(head) + b for b in body[1:]]
        for s in f.sources[:2]:
            lines.append(" " * _width(head) + "↳ " + _source(s, f.year, lang))
    n = len(findings)
    lines += ["", f"共{n}处。" if lang == "zh" else f"{n} finding{'s' if n != 1 else ''}."]
    return "\n".join(x for x in lines if x is not None)


def _source(source, year: int | None, lang: str) -> str:
    """《title》, its year when it is another report's, and the table or section."""
    sep = "，" if lang == "zh" else ", "
    other = (f"{source.year}年" if lang == "zh" else f"{source.year}") if source.year != year else ""
    where = sep.join(p for p in (other, source.section) if p)
    return f"{titled(source, lang)}{sep + where if where else ''}"


def _wrap(text: str, width: int) -> list[str]:
    """Wrap by display width (a Chinese character is two columns wide), never inside a Latin word."""
    width = max(width, 20)
    out, line = [], ""
    for piece in re.findall(r"[^\s\u3000-\u9fff\uff00-\uffef]+\s*|\s+|.", text):
        if line and _width(line + piece.rstrip()) > width:
            out.append(line.rstrip())
            line = piece.lstrip()
        else:
            line += piece
    return out + [line.rstrip()] if line.strip() else out or [""]


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))
