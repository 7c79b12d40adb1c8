"""HTML pages: the article body, its text as lines, and its tables as real grids (rowspan/colspan honoured)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import AnyStr

import lxml.html
from lxml import etree

from ingest.errors import UnreadableReport
from ingest.limits import MAX_PAGE_CELLS, MAX_TABLE_CELLS, LimitExceeded, check_time

_BLOCK_TAGS = frozenset(
    "p div br li h1 h2 h3 h4 h5 h6 tr table section article blockquote pre ul ol dd dt title".split()
)
# What an element's start and end add to the text: a block element a line break, a cell a space.
_BREAKS = {**dict.fromkeys(_BLOCK_TAGS, "\n"), "td": " ", "th": " "}
_SKIP_TAGS = frozenset({"script", "style", "noscript", "iframe", "svg", "head", "select", "option", "button"})
_SPACE = r"[ \t\xa0\u3000\u2002\u2003\u200b]"
# A run of spaces, written as one space then any more: a pattern that opens with a repeat is tried at every
# character of the text, one that opens with a set of characters only where one of them stands (7x faster).
_WS = re.compile(f"{_SPACE}{_SPACE}*")
_ONE_CLASS = etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement,
    comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity,
)


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
        return list({id(c): c for c in self.cells if c is not None}.values())


@dataclass(frozen=True)
class HtmlDocument:
    title: str
    metas: dict[str, str]
    page_text: str  # the whole page as lines (metadata headers live outside the article)
    body_text: str  # the article body as lines, tables left out
    grids: tuple[tuple[GridRow, ...], ...]  # the article's tables, in document order


def parse_html(text: str, name: str = "", *, utf8: bytes | None = None) -> HtmlDocument:
    """The page's title, <meta> values, text, article text and article tables. `utf8`: the text as UTF-8, when the
    caller has it as it is (the file's own bytes): libxml2 reads them as they are, ~2.5 M instructions fewer on a
    300 KB page than a str, which it is handed as UTF-16 and turns into UTF-8 first."""
    root = _utf8_root(utf8) if utf8 is not None else None
    if root is None:
        root = _root(_without_bulk(text), name)
    metas = {
        (m.get("name") or m.get("property") or "").strip().lower(): (m.get("content") or "").strip()
        for m in root.iter("meta")
        if m.get("content")
    }
    title_el = root.find(".//title")
    title = _WS.sub(" ", title_el.text_content()).strip() if title_el is not None else ""
    tables = [t for t in root.iter("table") if not _HOLDS_TABLE(t)]  # leaf tables hold the cells
    body = _article(root, tables)
    shallow = not _DEEPER(root)  # then no part of the page nests too deep for the XSLT readers either
    return HtmlDocument(
        title=title,
        metas=metas,
        page_text=_lines(root, _PAGE_TEXT, shallow),  # the page's text (metadata headers live outside the article)
        body_text=_lines(body, _BODY_TEXT, shallow),  # the article's, tables left out
        grids=_grids([t for t in tables if _inside(t, body)], name, shallow),
    )


def _reader(encoding: str | None = None) -> lxml.html.HTMLParser:
    parser = lxml.html.HTMLParser(huge_tree=True, encoding=encoding)
    # lxml.html picks each element's class by a Python call (form elements have their own) every time an
    # element is made; one class for all, chosen in C, saves that call (about 10% of reading a page).
    parser.set_element_class_lookup(_ONE_CLASS)
    return parser


def _root(page: str, name: str) -> etree._Element:
    """The page read by libxml2; UnreadableReport when it cannot be read whole."""
    parser = _reader()
    try:
        root = lxml.html.document_fromstring(page, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableReport(f"{name or 'the page'} is not readable HTML: {exc}") from exc
    stopped = _stopped(parser)
    if stopped:  # libxml2 returns what it read up to a fatal error: the rest, tables too, would be lost
        raise UnreadableReport(f"{name or 'the page'}: the HTML reader stopped part-way ({stopped[0]}), so its "
                               "tables cannot all be read; nothing was added. Save the report as plain text and try again.")
    return root


def _stopped(parser: lxml.html.HTMLParser) -> list[str]:
    return [e.message for e in parser.error_log if e.level_name == "FATAL"]


def _utf8_root(utf8: bytes) -> etree._Element | None:
    """The page read from its UTF-8 bytes, as `_root` reads its text; None where the text is to be read instead:
    a page that may hold a data: URI to cut out (_DATA_URI's spaces are Unicode's, read on the text), one that
    opens with an XML declaration (which lxml refuses in a str), one libxml2 cannot read whole (the text's
    reading then says why)."""
    page = _without_comments(utf8)
    if page.startswith(b"<?xml") or _may_hold_uri(page):
        return None
    parser = _reader("utf-8")
    try:
        root = lxml.html.document_fromstring(page, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    return None if _stopped(parser) else root


# libxml2 stops at a text node or attribute over 10 MB unless huge_tree is set, and then silently returns
# the part before it: an 11 MB inline image ahead of the tables lost them all. The input is already
# bounded (limits.MAX_FILE_BYTES), so the limit is lifted (huge_tree); inline data: URIs and comments,
# which hold no report text, are cut out first so they cost neither time nor memory. What still stops
# the reader (elements nested over 2,048 deep) is refused, never read in part.
# The URI is found from its "=" and the attribute name checked before it: a pattern that starts at the
# whitespace before the name tries every space of the page (measured 10x slower on real pages).
_DATA_URI = re.compile(r"""=\s*(["']?)data:[^"'\s>]*\1""", re.I)
_URI_ATTRIBUTE = re.compile(r"src|href|data|poster|background", re.I)
_ATTRIBUTE_LENGTHS = (3, 4, 6, 10)


def _without_bulk(text: str) -> str:
    text = _without_comments(text)
    return _DATA_URI.sub(lambda m: _without_uri(text, m), text)


# What _DATA_URI's "\s*" may skip in UTF-8: ASCII's spaces, and (taken widely) any byte of a character past ASCII.
_URI_GAP = frozenset(b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f ") | frozenset(range(0x80, 0x100))


def _may_hold_uri(page: bytes) -> bool:
    """Whether _DATA_URI may match the page's text: some "data:" (in any case) stands after "=", spaces and a quote
    ("data: {" in a script does not). Each "a:" is found by bytes.find; the pattern, tried at each "=" of a 300 KB
    page, cost ~2.8 M instructions."""
    for colon in (b"a:", b"A:"):
        at = page.find(colon, 3)
        while at >= 0:
            if page[at - 3 : at].lower() == b"dat" and _after_equals(page, at - 4):
                return True
            at = page.find(colon, at + 2)
    return False


def _after_equals(page: bytes, i: int) -> bool:
    """Whether page[i] and what precedes it are a quote (or none), spaces (_URI_GAP), then "="."""
    if i >= 0 and page[i] in b"\"'":
        i -= 1
    while i >= 0 and page[i] in _URI_GAP:
        i -= 1
    return i >= 0 and page[i] == ord("=")


def _without_uri(text: str, m: re.Match) -> str:
    """ src="data:…" → src="": the match left as it is unless a URI attribute's name, after whitespace, precedes it."""
    end = m.start()
    while end > 0 and text[end - 1].isspace():
        end -= 1
    for size in _ATTRIBUTE_LENGTHS:
        start = end - size
        if start >= 1 and text[start - 1].isspace() and _URI_ATTRIBUTE.fullmatch(text, start, end):
            return text[m.start() : m.start(1)] + m.group(1) * 2
    return m.group(0)


def _without_comments(text: AnyStr) -> AnyStr:
    """The text (or its UTF-8 bytes) without its closed <!-- … --> comments (an unclosed one is left to the HTML
    reader); linear time."""
    opening, closing = ("<!--", "-->") if isinstance(text, str) else (b"<!--", b"-->")
    parts, at = [], 0
    while (start := text.find(opening, at)) >= 0:
        end = text.find(closing, start + 4)
        if end < 0:
            break
        parts.append(text[at:start])
        at = end + 3
    parts.append(text[at:])
    return text[:0].join(parts)


def _grids(tables: list, name: str, shallow: bool) -> tuple[tuple[GridRow, ...], ...]:
    """The tables' grids; LimitExceeded when their cells, after span expansion, pass MAX_PAGE_CELLS."""
    grids, cells = [], 0
    for table in tables:
        grid = build_grid(table, name, shallow=shallow)
        cells += sum(len(row.cells) for row in grid)
        if cells > MAX_PAGE_CELLS:
            raise _too_many_cells(name, f"its tables hold more than {MAX_PAGE_CELLS:,} cells")
        grids.append(grid)
    return tuple(grids)


def _too_many_cells(name: str, what: str) -> LimitExceeded:
    return LimitExceeded(f"{name or 'the page'}: {what} once rowspan and colspan are laid out, past the limit for "
                         "one report; nothing was added. Check that it is an annual report.")


def _article(root, tables) -> etree._Element:
    """The element that holds the report: the common ancestor of its data tables, else the densest text block."""
    data_tables = [
        t for t in tables if re.search(r"\d", t.text_content() or "") and _COUNT_ROWS(t) >= 2
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


def _text_sheet(tables: bool) -> etree.XSLT:
    """An XSLT program writing an element's text as `_as_lines` reads it: a block element a line break on each
    side, a cell a space, the parts never read left out (tables too, unless `tables`: an article's tables end
    in no break, so the text on both sides joins). libxslt runs it in C: walking a page's ~1,500 elements in
    Python took a fifth of reading the page."""
    skipped = sorted(_SKIP_TAGS | (set() if tables else {"table"}))
    # "/": the element given, the root, and nothing after it (libxml2 puts text after </html> in a second <html>)
    rules = [
        '<xsl:template match="/"><xsl:apply-templates select="*[1]"/></xsl:template>',
        f'<xsl:template match="{"|".join(skipped)}"/>',
    ]
    for brk, written in (("\n", "&#10;"), (" ", " ")):
        tags = "|".join(tag for tag, b in _BREAKS.items() if b == brk and tag not in skipped)
        mark = f"<xsl:text>{written}</xsl:text>"
        rules.append(f'<xsl:template match="{tags}">{mark}<xsl:apply-templates/>{mark}</xsl:template>')
    sheet = (
        '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        f'<xsl:output method="text" encoding="UTF-8"/>{"".join(rules)}</xsl:stylesheet>'
    )
    return etree.XSLT(etree.XML(sheet))


_PAGE_TEXT, _BODY_TEXT = _text_sheet(tables=True), _text_sheet(tables=False)
_HOLDS_TABLE, _COUNT_ROWS = etree.XPath("boolean(.//table)"), etree.XPath("count(.//tr)")
# libxslt recurses in C once per level of nesting, on the thread's stack (which may be small): an element with
# elements nested deeper below it than real pages nest (~25) is walked in Python instead, as before.
_DEEPER = etree.XPath(f"boolean({'/'.join(['*'] * 200)})")


def _lines(root, sheet: etree.XSLT, shallow: bool) -> str:
    """The text of `root` and its tail as lines (a block element is a line break, a cell a space). `shallow`: the
    page is known to nest no element too deep for `sheet`."""
    check_time()
    if not shallow and _DEEPER(root):
        return _lines_walked(root, skip_tables=sheet is _BODY_TEXT)
    return _as_lines([bytes(sheet(root)).decode("utf-8"), root.tail or ""])


def _lines_walked(root, skip_tables: bool) -> str:
    """`_lines`, element by element: lxml's iterwalk, not recursion (a page may nest elements 2,048 deep)."""
    parts: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, el in walker:
        if event == "comment" or event == "pi":  # only its tail is text
            parts.append(el.tail or "")
            continue
        skipped = el.tag in _SKIP_TAGS or (skip_tables and el.tag == "table")
        if event == "start":
            if skipped:
                walker.skip_subtree()  # its end event still comes, with its tail
                continue
            check_time()
            parts += (_BREAKS.get(el.tag, ""), el.text or "")
        else:
            parts += ("" if skipped else _BREAKS.get(el.tag, ""), el.tail or "")
    return _as_lines(parts)


def _as_lines(parts: list[str]) -> str:
    """The parts' text as stripped lines, each run of spaces one space, blank lines left out. Blank lines and
    the ends of lines go first (str.strip in C): a page's indentation is most of its runs of spaces, and
    replacing each run by the pattern cost more than the rest of the text."""
    return _stripped_lines(_WS.sub(" ", _stripped_lines("".join(parts))))


def _stripped_lines(text: str) -> str:
    return "\n".join(filter(None, map(str.strip, text.split("\n"))))


def build_grid(table, name: str = "", *, shallow: bool = False) -> tuple[GridRow, ...]:
    """Lay a table's cells on a grid: a cell with rowspan/colspan occupies every grid slot it covers.

    A rowspan reaches no further than the table's last row. The grid is bounded by MAX_TABLE_CELLS slots
    (a report's tables have a few hundred): a table of spans that would lay out more is refused before
    it is built (a 47 KB table of spans once took 1.6 GB). `shallow`: the page is known to nest no element
    too deep for the XSLT reader of cells."""
    rows = _rows(table, shallow)
    slots: list[list[GridCell | None]] = [[] for _ in rows]  # each grid row's slots, laid out so far
    filled = width = 0
    for r, tr in enumerate(rows):
        check_time()
        line, c = slots[r], 0
        for rowspan, colspan, text in tr:
            while c < len(line) and line[c] is not None:
                c += 1
            rs = min(_span(rowspan), len(rows) - r) if rowspan else 1
            cs = _span(colspan) if colspan else 1
            # the slots filled, and the rows times the width (which only grows to a c + cs checked here)
            if filled + rs * cs > MAX_TABLE_CELLS or len(rows) * (c + cs) > MAX_TABLE_CELLS:
                raise _too_many_cells(name, f"a table holds more than {MAX_TABLE_CELLS:,} cells")
            cell = _grid_cell(text, r, c, rs, cs)
            if rs == cs == 1:  # most cells: the slot the loop above stopped at is free, or the row's next
                line[c : c + 1] = (cell,)
                filled += 1
            else:
                filled += _spread(slots, cell)
            c += cs
            if c > width:
                width = c
    return tuple(GridRow(tuple(line + [None] * (width - len(line))), r) for r, line in enumerate(slots))


def _spread(slots: list[list[GridCell | None]], cell: GridCell) -> int:
    """Put a cell spanning rows or columns in every slot it covers (over a cell a span from above put there);
    how many slots were free."""
    end, free = cell.col + cell.colspan, 0
    for line in slots[cell.row : cell.row + cell.rowspan]:
        line.extend([None] * (end - len(line)))
        free += line[cell.col : end].count(None)
        line[cell.col : end] = [cell] * cell.colspan
    return free


def _grid_cell(text: str, row: int, col: int, rowspan: int, colspan: int) -> GridCell:
    """GridCell(text, row, col, rowspan, colspan), its fields written at once: a frozen dataclass's __init__ sets
    each through object.__setattr__, which took a third of laying out a table."""
    cell = object.__new__(GridCell)
    fields = {"text": text, "row": row, "col": col, "rowspan": rowspan, "colspan": colspan}
    object.__setattr__(cell, "__dict__", fields)
    return cell


# The cells of a table, read by libxslt in C (reading them element by element in Python took a tenth of
# reading a page): a header "cells,rows", then each cell's rowspan and colspan (as printed, "" when absent),
# each ended by its mark, then each row's cells' texts, each cell and row ended by its own mark; the three parts
# apart by the header's mark. (The texts come together, so that their runs of spaces are made one at once.) A
# cell's text is its text content with a space before each paragraph, <br> and <div> ("商业<p>企业"; spans may
# split a number), the parts never read left out. The rows are those of this table, not of one nested in it;
# the cells, a row's <td> and <th>. (Each XPath libxslt evaluates costs about as much as the text of a cell: an
# attribute is read by a select of its own, not inside a concat(), and a table with no table inside takes all
# its rows without asking each its nearest table.)
_HEAD, _FIELD, _CELL, _ROW = "\ue000", "\ue001", "\ue002", "\ue003"


_CELLS_SHEET = f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text" encoding="UTF-8"/>
<xsl:template match="/">
  <xsl:variable name="table" select="*[1]"/>
  <xsl:variable name="rows" select="ROWS"/>
  <xsl:value-of select="concat(count($rows/td | $rows/th), ',', count($rows), '{_HEAD}')"/>
  <xsl:for-each select="$rows">
    <xsl:for-each select="td | th">
      <xsl:value-of select="@rowspan"/><xsl:text>{_FIELD}</xsl:text>
      <xsl:value-of select="@colspan"/><xsl:text>{_FIELD}</xsl:text>
    </xsl:for-each>
  </xsl:for-each>
  <xsl:text>{_HEAD}</xsl:text>
  <xsl:for-each select="$rows">
    <xsl:for-each select="td | th">
      <xsl:apply-templates mode="text"/>
      <xsl:text>{_CELL}</xsl:text>
    </xsl:for-each>
    <xsl:text>{_ROW}</xsl:text>
  </xsl:for-each>
</xsl:template>
<xsl:template match="{"|".join(sorted(_SKIP_TAGS))}" mode="text"/>
<xsl:template match="p | br | div" mode="text"><xsl:text> </xsl:text><xsl:apply-templates mode="text"/></xsl:template>
</xsl:stylesheet>"""


def _cells_sheet(rows: str) -> etree.XSLT:
    """The program writing a table's cells, its rows selected by `rows` (from the table, $table)."""
    return etree.XSLT(etree.XML(_CELLS_SHEET.replace("ROWS", rows)))


_CELLS = _cells_sheet("$table//tr[generate-id(ancestor::table[1]) = generate-id($table)]")
_LEAF_CELLS = _cells_sheet("$table//tr")  # a table with no table inside


def _rows(table, shallow: bool) -> list[list[tuple[str | None, str | None, str]]]:
    """Each row's cells: (rowspan, colspan, text). A table nested too deep for _CELLS, or one that prints one of
    its marks itself (they would no longer tell its cells apart), is read element by element."""
    if not shallow and _DEEPER(table):
        return _rows_walked(table)
    sheet = _CELLS if _HOLDS_TABLE(table) else _LEAF_CELLS
    parts = bytes(sheet(table)).decode("utf-8").split(_HEAD)
    if len(parts) != 3:
        return _rows_walked(table)
    head, spans, texts = parts
    cells, rows = (int(n) for n in head.split(","))
    marks = (spans.count(_FIELD), spans.count(_CELL) + spans.count(_ROW), texts.count(_CELL), texts.count(_ROW))
    if marks != (2 * cells, 0, cells, rows) or _FIELD in texts:
        return _rows_walked(table)
    fields = iter(spans.split(_FIELD))
    texts = _WS.sub(" ", texts)
    return [
        [(next(fields), next(fields), t.strip()) for t in row.split(_CELL)[:-1]]
        for row in texts.split(_ROW)[:-1]
    ]


def _rows_walked(table) -> list[list[tuple[str | None, str | None, str]]]:
    rows = [tr for tr in table.iter("tr") if _nearest_table(tr) is table]
    return [
        [(td.get("rowspan"), td.get("colspan"), _cell_text(td)) for td in tr if td.tag in ("td", "th")]
        for tr in rows
    ]


def _nearest_table(el):
    for a in el.iterancestors():
        if a.tag == "table":
            return a
    return None


def _span(value: str | None) -> int:
    if not value:  # most cells: no span attribute, and no exception to raise and catch
        return 1
    try:
        return max(1, min(int(str(value).strip()), 100))
    except (TypeError, ValueError):
        return 1


def _cell_text(td) -> str:
    pieces: list[str] = []
    walker = etree.iterwalk(td, events=("start", "end", "comment", "pi"))
    for event, el in walker:
        if event == "start":
            if el.tag in _SKIP_TAGS and el is not td:
                walker.skip_subtree()  # its end event still comes, with its tail
                continue
            if pieces and el.tag in ("p", "br", "div"):
                pieces.append(" ")
            if el.text:
                pieces.append(el.text)
        elif el.tail and el is not td:
            pieces.append(el.tail)
    return _WS.sub(" ", "".join(pieces)).strip()
