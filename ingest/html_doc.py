"""HTML pages: the article body, its text as lines, and its tables as real grids (rowspan/colspan honoured)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

from ingest.errors import UnreadableReport

_BLOCK_TAGS = frozenset(
    "p div br li h1 h2 h3 h4 h5 h6 tr table section article blockquote pre ul ol dd dt title".split()
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "iframe", "svg", "head", "select", "option", "button"})
_WS = re.compile(r"[ \t\xa0\u3000\u2002\u2003\u200b]+")


@dataclass(frozen=True)
class GridCell:
    text: str  # whitespace-normalised text content
    row: int  # first grid row
    col: int  # first grid column
    rowspan: int
    colspan: int


@dataclass(frozen=True)
class GridRow:
    """One <tr> as a grid row: every grid column's cell; a cell spanning rows appears in each row it covers."""

    cells: tuple[GridCell | None, ...]
    index: int

    def own_cells(self) -> list[GridCell]:
        """Distinct cells that start in this row, left to right."""
        seen: list[GridCell] = []
        for c in self.cells:
            if c is not None and c.row == self.index and (not seen or seen[-1] is not c):
                seen.append(c)
        return seen

    def distinct_cells(self) -> list[GridCell]:
        seen: list[GridCell] = []
        for c in self.cells:
            if c is not None and all(s is not c for s in seen):
                seen.append(c)
        return seen


@dataclass(frozen=True)
class HtmlDocument:
    title: str
    metas: dict[str, str]
    page_text: str  # the whole page as lines (metadata headers live outside the article)
    body_text: str  # the article body as lines, tables left out
    grids: tuple[tuple[GridRow, ...], ...]  # the article's tables, in document order


def parse_html(text: str, name: str = "") -> HtmlDocument:
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableReport(f"{name or 'the page'} is not readable HTML: {exc}") from exc
    metas = {
        (m.get("name") or m.get("property") or "").strip().lower(): (m.get("content") or "").strip()
        for m in root.iter("meta")
        if m.get("content")
    }
    title_el = root.find(".//title")
    title = _WS.sub(" ", title_el.text_content()).strip() if title_el is not None else ""
    tables = [t for t in root.iter("table") if not t.xpath(".//table")]  # leaf tables hold the cells
    body = _article(root, tables)
    return HtmlDocument(
        title=title,
        metas=metas,
        page_text=_lines(root, skip_tables=False),
        body_text=_lines(body, skip_tables=True),
        grids=tuple(build_grid(t) for t in tables if _inside(t, body)),
    )


def _article(root, tables) -> etree._Element:
    """The element that holds the report: the common ancestor of its data tables, else the densest text block."""
    data_tables = [
        t for t in tables if re.search(r"\d", t.text_content() or "") and len(t.xpath(".//tr")) >= 2
    ]
    if data_tables:
        anc = data_tables[0]
        while anc.getparent() is not None and not all(_inside(t, anc) for t in data_tables):
            anc = anc.getparent()
        # Tables may sit in their own wrapper: climb while the article text is still mostly elsewhere.
        while anc.getparent() is not None and _own_text_len(anc) < 300 and anc.tag != "body":
            anc = anc.getparent()
        return anc
    best, best_len = root, 0
    for el in root.iter("div", "article", "section", "td", "body"):
        n = sum(
            len(p.text_content())
            for p in el
            if isinstance(p.tag, str) and p.tag in ("p", "div", "span", "font")
        )
        if n > best_len:
            best, best_len = el, n
    return best


def _own_text_len(el) -> int:
    return sum(len(t.text_content()) for t in el if isinstance(t.tag, str) and t.tag != "table")


def _inside(el, ancestor) -> bool:
    return el is ancestor or any(a is ancestor for a in el.iterancestors())


def _lines(root, skip_tables: bool) -> str:
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP_TAGS or (skip_tables and tag == "table"):
            if el.tail:
                parts.append(el.tail)
            return
        block = tag in _BLOCK_TAGS or tag in ("td", "th")
        if block:
            parts.append("\n" if tag not in ("td", "th") else " ")
        if el.text and tag not in ("", "comment"):
            parts.append(el.text)
        for child in el:
            walk(child)
        if block:
            parts.append("\n" if tag not in ("td", "th") else " ")
        if el.tail:
            parts.append(el.tail)

    walk(root)
    lines = (_WS.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def build_grid(table) -> tuple[GridRow, ...]:
    """Lay a table's cells on a grid: a cell with rowspan/colspan occupies every grid slot it covers."""
    occupied: dict[tuple[int, int], GridCell] = {}
    rows = [tr for tr in table.iter("tr") if _nearest_table(tr) is table]
    width = 0
    for r, tr in enumerate(rows):
        c = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag not in ("td", "th"):
                continue
            while (r, c) in occupied:
                c += 1
            rs, cs = _span(td.get("rowspan")), _span(td.get("colspan"))
            cell = GridCell(_cell_text(td), r, c, rs, cs)
            for dr in range(rs):
                for dc in range(cs):
                    occupied[(r + dr, c + dc)] = cell
            c += cs
            width = max(width, c)
    return tuple(GridRow(tuple(occupied.get((r, c)) for c in range(width)), r) for r in range(len(rows)))


def _nearest_table(el):
    for a in el.iterancestors():
        if a.tag == "table":
            return a
    return None


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(str(value).strip()), 100))
    except (TypeError, ValueError):
        return 1


def _cell_text(td) -> str:
    # Paragraphs and <br> inside a cell separate words of a label ("商业<p>企业"); spans may split a number.
    pieces: list[str] = []

    def walk(el) -> None:
        if el.tag in ("p", "br", "div") and pieces:
            pieces.append(" ")
        if el.text:
            pieces.append(el.text)
        for child in el:
            if isinstance(child.tag, str) and child.tag not in _SKIP_TAGS:
                walk(child)
            if child.tail:
                pieces.append(child.tail)

    walk(td)
    return _WS.sub(" ", "".join(pieces)).strip()
