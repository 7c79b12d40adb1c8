"""Converted forms of real reports, and how a report's extraction is scored against its gold.

`split_forms` writes every real saved page of tests/data the way PDF→Markdown converters and OCR break its
tables (made mechanically, nothing typed by hand): every row label longer than a narrow column wraps onto
lines of its own, with the row's numbers on a line of their own below it, above it, or between its pieces;
header cells spread over lines, one word group per line, with a converter's own column names ("数据1 …")
beside them; a page footer ("— 4 —", "第 3 页") inside each table; numbers set off by cell bars (Markdown)
or by spaces (OCR text). `score` compares a parsed report with the gold as ../shared/tools/extract_eval.py
does: a stated value that differs is wrong, a gold cell flagged ambiguous is allowed, any other is missing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from stress_forms import Document

DATA = Path(__file__).parent / "data"
CONVERTED = sorted((DATA / "converted").glob("*.*.md"))  # NAME.CONVERTER.md
PAGES = sorted(DATA.glob("*_page.html")) + [DATA / "agencies" / "2023_shuyang_fgj.html"]

_VALUE = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?(?:万元|元|%)?")
WIDTH = 8  # characters of a label that fit its column; a longer label wraps


@dataclass(frozen=True)
class Score:
    gold: int
    placed: int
    ambiguous: int
    missing: tuple[str, ...]
    wrong: dict[str, tuple[float, float]]

    @property
    def coverage(self) -> float:
        return self.placed / self.gold


def score(report, gold: dict[str, float]) -> Score:
    facts = {f.key: f.value for f in report.facts}
    flagged = {a.key for a in report.ambiguous}
    wrong = {k: (facts[k], v) for k, v in gold.items() if k in facts and facts[k] != v}
    placed = sum(1 for k, v in gold.items() if facts.get(k) == v)
    ambiguous = sum(1 for k in gold if k not in facts and k in flagged)
    missing = tuple(k for k in gold if k not in facts and k not in flagged)
    return Score(len(gold), placed, ambiguous, missing, wrong)


def gold_of(path: Path) -> dict[str, float]:
    """The gold beside a report: NAME.facts.json for NAME.md or NAME.html."""
    return json.loads(path.with_suffix(".facts.json").read_text(encoding="utf-8"))["facts"]


def page_document(path: Path) -> Document:
    """A saved page's paragraphs and tables (rows of printed cells; a spanned cell in its first row and
    column only, as a converter prints it once)."""
    from ingest.html_doc import build_grid

    root = lxml.html.document_fromstring(path.read_text(encoding="utf-8"))
    body = (root.find_class("TRS_Editor") or [root.body])[0]
    blocks: list = []
    for el in body.iter("p", "table", "h1", "h2", "h3"):
        if el.tag == "table":
            blocks.append([_origin_cells(row) for row in build_grid(el)])
        elif not any(a.tag == "table" for a in el.iterancestors()):
            blocks.append(el.text_content().strip())
    title = (root.findtext(".//title") or "").split("_")[0].strip()
    return Document(title, tuple(b for b in blocks if b))


def _origin_cells(row) -> list[str]:
    cells = [c for g, c in enumerate(row.cells) if c is not None and (c.row, c.col) == (row.index, g)]
    return [c.text for c in cells]


@dataclass(frozen=True)
class SplitForm:
    name: str
    page: Path
    text: str


PLACES = ("below", "above", "between")  # where a wrapped label's value-only line stands
BARS = {"md": lambda cells: "| " + " | ".join(cells) + " |", "ocr": lambda cells: "    ".join(cells)}


def split_forms() -> Iterator[SplitForm]:
    for page in PAGES:
        doc = page_document(page)
        for place in PLACES:
            for bars, join in BARS.items():
                yield SplitForm(f"{page.stem}-{place}-{bars}", page, as_split(doc, place, join))


def as_split(doc: Document, place: str, join) -> str:
    lines = [doc.title]
    for block in doc.blocks:
        if isinstance(block, str):
            lines.append(block)
            continue
        rows = [r for r in block if any(c for c in r)]
        for i, row in enumerate(rows):
            lines += _row_lines(row, place, join)
            if i == len(rows) // 2:  # a page ends inside the table
                lines += ["— 4 —", "第 3 页"]
    return "\n".join(lines)


def _row_lines(row: list[str], place: str, join) -> list[str]:
    label = "".join(c for c in row if c and not _VALUE.fullmatch(c))
    values = [c or "" for c in row if not c or _VALUE.fullmatch(c)]
    numbers = [v for v in values if v]
    if not numbers:  # a header row: each cell's words over lines, then the converter's own column names
        words = [w for c in row if c for w in _wrap(c)]
        return words + ([join([f"数据{k}" for k in range(1, len(row) + 1)])] if len(row) > 3 else [])
    pieces = _wrap(label)
    if len(pieces) <= 1:
        cells = values if join is BARS["md"] else numbers
        return [join([label, *cells]) if label else join(cells)]
    value_line = join(values if join is BARS["md"] else numbers)  # Markdown keeps blank cells
    if place == "below":
        return [*pieces, value_line]
    if place == "above":
        return [value_line, *pieces]
    return [pieces[0], value_line, *pieces[1:]]


def _wrap(text: str) -> list[str]:
    return [text[i : i + WIDTH] for i in range(0, len(text), WIDTH)] or [""]
