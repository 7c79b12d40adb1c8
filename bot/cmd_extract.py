"""`xxgk extract FILE [--json]`: one report's metadata and tables, no index needed."""

from __future__ import annotations

import json
import sys
import unicodedata

from ingest.errors import ReportError
from ingest.template import APPEAL_GROUP_LABELS, TEMPLATES, TableSpec
from ingest.types import ParsedReport, format_number

EXIT_UNREADABLE = 1  # not a report, binary, unknown encoding, no tables at all
EXIT_PARTIAL = (
    3  # a report, but some standard table is missing (truncated or odd layout): output still printed
)


def run(args) -> int:
    try:
        report = _parse(args.file, getattr(args, "agency", None), getattr(args, "year", None))
    except ReportError as exc:
        print(f"xxgk extract: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(json.dumps(report.to_contract(), ensure_ascii=False, indent=1) if args.json else summary(report))
    return _judge(report)


def _parse(path: str, agency: str | None, year: int | None) -> ParsedReport:
    """The report parsed as an ingest parses it: in the parsing child, bounded in time and memory (a PDF or
    Word bomb fails alone, in one line, instead of taking the machine's memory)."""
    from functools import partial

    from ingest.isolated import parse_in_child, parse_report_bounded
    from ingest.parse import read_report_file

    return parse_in_child(path, read_report_file(path), partial(parse_report_bounded, agency=agency, year=year))


def _judge(report: ParsedReport) -> int:
    if report.meta.template == "pre-2019":
        return 0
    what = f"{report.meta.agency or '(agency unknown)'} {report.meta.year}: {len(report.facts)} facts"
    if not report.facts and not report.ambiguous:
        print(
            f"xxgk extract: no standard table could be read ({what}). Is the file complete? "
            "Tables pasted as images cannot be read.",
            file=sys.stderr,
        )
        return EXIT_UNREADABLE
    missing = [w for w in report.warnings if w.startswith("standard tables not found")]
    if missing:
        print(
            f"xxgk extract: the report looks truncated or incomplete — {missing[0]}; still extracted: {what}.",
            file=sys.stderr,
        )
        return EXIT_PARTIAL
    return 0


def summary(report: ParsedReport) -> str:
    m = report.meta
    lines = [
        f"agency:    {m.agency or '(unknown: give it with --agency NAME)'}{_origin(m.agency_source, m.agency_printed)}",
        f"year:      {m.year}{_origin(m.year_source, published=m.published or 'unknown')}",
        f"template:  {m.template}   read from {report.source.format} ({report.source.layout}, {report.source.encoding})",
        f"title:     {m.title}",
    ]
    lines += [f"索引号:    {m.index_no}"] if m.index_no else []
    lines += [f"source:    {m.url}"] if m.url else []
    lines.append(f"facts:     {len(report.facts)} certain, {len(report.ambiguous)} ambiguous")
    template = TEMPLATES.get(m.template)
    if template:
        for table in template.tables:
            lines += ["", *_table_lines(table, report)]
    if report.ambiguous:
        lines += ["", "ambiguous cells:"]
        lines += [f"  {a.key}: {a.reason}" + _maybe(a.candidates, a.computed) for a in report.ambiguous]
    failed = report.failed_checks
    lines += ["", f"checks: {len(report.checks) - len(failed)} hold, {len(failed)} fail"]
    lines += [f"  FAIL {c.detail}" for c in failed]
    lines += [f"warning: {w}" for w in report.warnings]
    return "\n".join(lines)


def _origin(source: str, printed: str = "", published: str = "") -> str:
    """Where a value was read, and how it was printed when that differs: "(printed 上海市科委; from the title)"."""
    parts = [f"printed {printed}"] if printed else []
    parts += [f"published {published}"] if published else []
    parts += [f"from the {source}" if source != "given" else "as given"] if source else []
    return f"   ({'; '.join(parts)})" if parts else ""


def _maybe(candidates: tuple[float, ...], computed: float | None) -> str:
    out = ""
    if candidates:
        shown = ", ".join(format_number(v) for v in candidates[:6]) + (", …" if len(candidates) > 6 else "")
        out += f" (could be {shown})"
    if computed is not None:
        out += f" (the identities imply {format_number(computed)}; computed, not printed)"
    return out


def _table_lines(table: TableSpec, report: ParsedReport) -> list[str]:
    facts = {f.key: f for f in report.facts}
    ambiguous = {a.key for a in report.ambiguous}
    out = [f"{table.zh} ({table.en})"]
    if table.key == "appeals":
        return out + _appeal_lines(table, facts, ambiguous)
    for block in table.blocks:
        header = [""] + [c.zh for c in block.columns]
        rows = [header]
        for row in block.rows:
            cells = []
            for col in block.columns:
                key = table.cell_key(row, col)
                cells.append(facts[key].display if key in facts else ("?" if key in ambiguous else "·"))
            rows.append([row.zh or "", *cells])
        out += _aligned(rows)
    return out


def _appeal_lines(table: TableSpec, facts: dict, ambiguous: set[str]) -> list[str]:
    """Table 4 printed as the report prints it: one line per group, one column per outcome."""
    columns = table.blocks[0].columns
    groups = list(dict.fromkeys(c.group for c in columns))
    outcomes = [c.key.rsplit(".", 1)[1] for c in columns if c.group == groups[0]]
    header = ["", *[c.zh.replace(APPEAL_GROUP_LABELS[groups[0]][0], "") for c in columns[: len(outcomes)]]]
    rows = [header]
    for g in groups:
        keys = [f"{g}.{o}" for o in outcomes]
        cells = [facts[k].display if k in facts else ("?" if k in ambiguous else "·") for k in keys]
        rows.append([APPEAL_GROUP_LABELS[g][0], *cells])
    return _aligned(rows)


def _aligned(rows: list[list[str]]) -> list[str]:
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  " + "  ".join(_pad(c, w, i > 0) for i, (c, w) in enumerate(zip(r, widths))) for r in rows]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - _width(text))
    return gap + text if right else text + gap
