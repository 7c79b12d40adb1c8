"""Find the standard tables in scraped text and collect each row's printed numbers.

Two scraped forms occur in the wild: one cell per line with blank cells dropped, and cells fused with
no separator at all (a naive get_text()). Rows are found by their labels, in template order; a row's
numbers are the run of numbers that follows its label, up to the next row's label. Placing those numbers
in cells is the job of `placement`; here we only decide whether a number may hold several fused cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.labels import row_pattern
from ingest.placement import Token
from ingest.readings import RowReading
from ingest.sections import STANDARD_HEADING
from ingest.template import Block, Row, TableSpec, Template
from ingest.value_lines import Label, Placed, may_print_rows, names_row, place_by_order, value_lines

# A comma inside a number only where it groups thousands and no list of cells goes on ("3,120,0,0" is four).
_TOKEN = re.compile(
    r"[-+]?(?:(?<![,，])(?<![,，][-+])\d{1,3}(?:,\d{3})+(?![\d,])|\d+)(?:\.\d+)?(?:万元|元|%)?"
    r"|(?<!\S)(?:—+|-|–|/|／)(?!\S)"
)
_HEADING = re.compile(r"(?<![\d、.])[一二三四五六七八九十]{1,2}、|\n\s*[（(][一二三四五六七八九十]{1,2}[)）]")
_PAGE_FOOTER = re.compile(
    r"(?m)^[ \t]*(?:[—–\-－]+[ \t]*\d{1,3}[ \t]*[—–\-－]+"
    r"|第[ \t]*\d{1,3}[ \t]*页(?:[ \t]*[,，/／]?[ \t]*共[ \t]*\d{1,3}[ \t]*页)?)[ \t]*$"
)
_INLINE_TAG = re.compile(r"</?(?:sup|sub|b|i|u|em|strong|span|font)\b[^<>\n]{0,80}>", re.I)
_BREAK_LINE = re.compile(r"(?m)^.*<br\s*/?>.*$")
_MAX_LABEL_TAIL = 80  # the rest of a printed label before its numbers ("（区分处理的，只计这一情形…）")

# Where each table starts: a header word, then (near it) the first row label.
_ANCHORS = {
    "proactive": re.compile(r"信\s*息\s*内\s*容(?=[\s|]*(?:本\s*年|上\s*一\s*年|采\s*购))"),
    # 自然人, or the header word above it where a converter breaks 自然人 over lines.
    "applications": re.compile(r"自\s*然\s*人|申\s*请\s*人\s*情\s*况"),
    # Its header: 行政复议 with 维持 below it, or with 行政诉讼 beside it, bars and padding between the words
    # as converters leave them ("|行政复|议||||行政诉|讼|"; 维持 printed down a narrow column).
    "appeals": re.compile(
        r"行\s*政\s*复\s*议(?=[\s\S]{0,120}?维\s*持)|行[\s|]*政[\s|]*复[\s|]*议(?=[\s|]*行[\s|]*政[\s|]*诉[\s|]*讼)"
    ),
}


@dataclass(frozen=True)
class TextTables:
    readings: tuple[RowReading, ...]
    spans: tuple[tuple[int, int], ...]  # where the tables stand in the text (left out of the narrative)
    layout: str  # "text-lines" | "text-fused" | "none"


@dataclass(frozen=True)
class _Found:
    block: Block
    row: Row
    start: int  # where the label (with its sub-number) begins
    core_end: int


def read_text_tables(text: str, template: Template) -> TextTables:
    # A page re-encoded to GBK turns padding it cannot encode (&nbsp;) into "?": read it as a space.
    text = text.replace("?", " ")
    # A PDF's page footers ("— 5 —") stand inside tables that cross a page: blanked, never read as cells.
    text = _PAGE_FOOTER.sub(lambda m: " " * len(m.group()), text)
    # A converter's line break inside a Markdown cell ("<br>") separates words of the cell; outside a table
    # row it ends a line. Replaced in place, so positions stay those of the text.
    text = _BREAK_LINE.sub(_break, text)
    text = _INLINE_TAG.sub(lambda m: " " * len(m.group()), text)  # "<sup>0</sup>": the 0 is the cell
    found_by_table: list[tuple[TableSpec, list[_Found], int, int]] = []
    cursor = 0
    for table in template.tables:
        found, end, header_end = _find_rows(text, table, cursor)
        if found:
            found_by_table.append((table, found, end, header_end))
            cursor = found[-1].core_end
    tables = [
        (
            table,
            header_end,
            [
                (f, span, _numeric_run(text, *span, table.key == "appeals"))
                for f, span in ((f, _region(text, found, i, end)) for i, f in enumerate(found))
            ],
        )
        for table, found, end, header_end in found_by_table
    ]
    lines = _is_line_layout(text, [run for *_, rows in tables for *_, run in rows])
    readings: list[RowReading] = []
    for table, header_end, rows in tables:
        by_order = _by_order(text, table, header_end, rows, lines)
        if by_order is not None:
            readings += by_order
            continue
        adrift = _first_adrift(text, table, header_end, rows)
        for i, (f, span, run) in enumerate(rows):
            if adrift is not None and i >= adrift:
                readings.append(
                    RowReading(table, f.block, f.row, _label_text(text, f, run), unreadable=_ADRIFT)
                )
            elif table.key == "appeals":
                readings.append(_appeals_reading(text, table, f, span, run, lines))
            else:
                readings.append(_reading(text, table, f, span, run, lines))
    spans = tuple((found[0].start, end) for _, found, end, _ in found_by_table)
    layout = "none" if not readings else ("text-lines" if lines else "text-fused")
    return TextTables(tuple(readings), spans, layout)


def _break(line: re.Match[str]) -> str:
    fill = " " if "|" in line.group() else "\n"
    return re.sub(r"<br\s*/?>", lambda m: fill + " " * (len(m.group()) - 1), line.group())


_ADRIFT = (
    "numbers stand apart from this row's label (labels wrapped onto lines of their own, or printed after "
    "their numbers): which numbers belong to which row cannot be told"
)


def _first_adrift(text: str, table: TableSpec, header_end: int, rows: list) -> int | None:
    """The first row whose numbers may be another row's. A row reads the numbers right after its label; a
    row of numbers left over between one row's numbers and the next label (or between the header and the
    first label) means labels and numbers are out of step from there on: a row's label wrapped onto a
    line of its own after its numbers, as PDF text often has it."""
    if table.key == "appeals":
        return None
    if len(_LOOSE_NUMBER.findall(text, header_end, rows[0][0].start)) >= 2:
        return 0
    for i, (_, span, run) in enumerate(rows):
        delimited = any(sep in text[span[0] : span[1]] for sep in "|\t")  # cells kept apart: read exactly
        if (
            run.tokens
            and not delimited
            and len(_LOOSE_NUMBER.findall(text, span[0] + run.tokens[-1].end(), span[1])) >= 2
        ):
            return i + 1
    return None


# A number standing on its own, not a digit of a word ("数据1", a converter's name for a column).
_LOOSE_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w.])")


def _by_order(
    text: str, table: TableSpec, header_end: int, rows: list, lines: bool
) -> list[RowReading] | None:
    """A table a converter wrote a row per line, some rows' numbers on lines of their own (value-only lines
    of two or more numbers): each row's numbers as the order of the value lines proves them
    (`value_lines`); rows it proves nothing about are unread. A row whose cells keep their bars on its
    label's line is read exactly, as ever. None for other tables."""
    if table.key == "appeals":
        return None
    index = {row.key: i for i, (_, row) in enumerate(table.rows)}
    # A short label ("其他") without its sub-number may be words of a longer one: it anchors nothing.
    sure = {
        index[f.row.key]: (f, span, run)
        for f, span, run in rows
        if names_row(text[f.start : f.core_end], f.row)
    }
    labels = [Label(r, f.start, f.core_end) for r, (f, _, _) in sure.items()]
    # The table runs to the next section: a converter starts lines with its block labels ("（三）", "四、结转…"),
    # which read as headings, and value lines stand past the last label it found.
    last = max(span[1] for _, span, _ in rows)
    section = STANDARD_HEADING.search(text, rows[-1][0].core_end)
    end = max(last, section.start()) if section else last
    if not may_print_rows(text, header_end, end):
        return None
    found = value_lines(text, header_end, end, labels, [row for _, row in table.rows])
    widths = [len(block.columns) for block, _ in table.rows]
    # A row per line (some line prints two numbers or more, or cell bars; not one cell per line), with
    # value-only lines, or with a row's numbers run together in its bar cells ("| 58 45 | 546 |").
    merged = any(
        ln.barred and ln.cells is None and len(ln.numbers) == widths[ln.row]
        for ln in found
        if ln.row is not None
    )
    if not (any(ln.row is None for ln in found) or merged) or not any(
        len(ln.numbers) >= 2 or ln.cells is not None for ln in found
    ):
        return None
    placed = place_by_order(found, widths, set(sure)) or {}
    readings = []
    for r, (block, row) in enumerate(table.rows):
        at = placed.get(r, Placed(None))
        if r in sure and not at.whole:
            f, span, run = sure[r]
            exact = _reading(text, table, f, span, run, lines)
            # Blank cells are blank unless a value-only line stands next to the row (it may hold them).
            if exact.exact and (all(exact.cells) or at.numbers is not None):
                readings.append(exact)
                continue
        if r in placed or r in sure:
            label = _line_label(text, sure[r][0]) if r in sure else row.zh
            readings.append(_placed(table, block, row, label, at))
    return readings


def _placed(table: TableSpec, block: Block, row: Row, label: str, at: Placed) -> RowReading:
    if at.numbers is None:
        return RowReading(table, block, row, label, unreadable=_ADRIFT)
    if at.whole:
        return RowReading(table, block, row, label, cells=at.numbers)
    tokens = tuple(Token(n, splittable=False) for n in at.numbers)
    return RowReading(table, block, row, label, tokens=tokens)


def _appeals_reading(text: str, table: TableSpec, f: _Found, span: tuple[int, int], run: _Run, lines: bool):
    """Table 4's one value row: after its header, or else the one line under the header that prints every
    cell (a converter's header words spread over lines, its cells run together: "| 72 64 | 178 37 |")."""
    reading = _reading(text, table, f, span, run, lines)
    if reading.exact or reading.tokens:
        return reading
    found = value_lines(text, *span, [], [])
    if len(found) == 1 and found[0].clean and len(found[0].numbers) == len(f.block.columns):
        return RowReading(table, f.block, f.row, "", cells=found[0].numbers)
    return reading


def _line_label(text: str, f: _Found) -> str:
    """The printed label: from its start to the end of its line, without the numbers and cell bars."""
    line_end = text.find("\n", f.core_end)
    line = text[f.start : line_end if line_end >= 0 else len(text)]
    return re.sub(r"[\s|]+", "", _TOKEN.sub("", line))[:80] or f.row.zh


# Between two numbers of a run: whitespace, or a list's comma ("予以公开：3，0，0", thousands already folded).
_GAP = re.compile(r"\s*(?:[，,、；;]\s*)?")
_DATE_AFTER = re.compile(r"\s*[年月日号]")


def _reading(
    text: str, table: TableSpec, f: _Found, span: tuple[int, int], run: _Run, lines: bool
) -> RowReading:
    label = _label_text(text, f, run)
    n = len(f.block.columns)
    cells = _delimited_cells(text, f, span, n)
    if cells is not None:
        return RowReading(table, f.block, f.row, label, cells=cells)
    if not run.tokens and re.search(r"\d", text[span[0] : span[1]]):
        # Numbers stand there but not where this row's numbers would: never read that as a blank row.
        why = "numbers follow this row's label but cannot be told apart from the text around them"
        return RowReading(table, f.block, f.row, label, unreadable=why)
    return RowReading(table, f.block, f.row, label, tokens=_tokens(run, lines))


def _delimited_cells(text: str, f: _Found, span: tuple[int, int], n: int) -> tuple[str, ...] | None:
    """A row whose cells keep their separators (a Markdown table, tab-separated text): cells are exact."""
    start, end = span
    line_end = text.find("\n", start)
    line = text[start : line_end if 0 <= line_end < end else end]
    if f.row.zh == "":  # table 4's value row has no label: it is the first delimited line of numbers
        candidates = [ln for ln in text[start:end].splitlines() if "|" in ln or "\t" in ln]
        for ln in candidates:
            cells = _fit(_split(ln, drop_label=False), n)
            if cells is not None and any(cells):
                return cells
        return None
    if "|" not in line and "\t" not in line:
        return None
    return _fit(_split(line, drop_label=True), n)


def _fit(cells: list[str], n: int) -> tuple[str, ...] | None:
    """The row's n value cells. A cell spanning columns is printed once, its other columns left empty:
    before the values for a label, after them for a value. Both readings must not disagree."""
    fits = set()
    if len(cells) >= n and not any(_TOKEN.fullmatch(c) for c in cells[:-n]):
        fits.add(tuple(cells[-n:]))
    trimmed = list(cells)
    while len(trimmed) > n and not trimmed[-1]:
        trimmed.pop()
    if len(trimmed) == n:
        fits.add(tuple(trimmed))
    if len(fits) != 1:
        return None
    (fit,) = fits
    return fit if all(_TOKEN.fullmatch(c) or not c for c in fit) else None


def _split(line: str, drop_label: bool) -> list[str]:
    sep = "|" if "|" in line else "\t"
    parts = [p.strip() for p in line.split(sep)]
    if drop_label:
        parts = parts[1:]  # the rest of the printed label, before the first separator
    elif parts and not parts[0]:
        parts = parts[1:]  # a Markdown row opens with "|"
    if parts and not parts[-1] and sep == "|":
        parts = parts[:-1]  # … and closes with "|"
    return parts


def _find_rows(text: str, table: TableSpec, cursor: int) -> tuple[list[_Found], int, int]:
    """The table's rows after the first anchor (a header word) that is followed by its row labels; with
    the table's end and the anchor's end."""
    for anchor in _ANCHORS[table.key].finditer(text, cursor):
        if table.key == "appeals":
            block, row = table.rows[0]
            return (
                [_Found(block, row, anchor.start(), anchor.start())],
                _table_end(text, anchor.end()),
                anchor.end(),
            )
        found = _rows_after(text, table, anchor.start())
        if len(found) >= min(2, len(table.rows)):
            return found, _table_end(text, found[-1].core_end), anchor.end()
    return [], cursor, cursor


def _rows_after(text: str, table: TableSpec, pos: int) -> list[_Found]:
    found: list[_Found] = []
    window = 600
    rows = table.rows
    for i, (block, row) in enumerate(rows):
        following = rows[i + 1][1] if i + 1 < len(rows) else None
        m = _label(text, row, following, pos, min(len(text), pos + window))
        if m:
            found.append(_Found(block, row, m.start(), m.end()))
            pos, window = m.end(), 400
    return found


def _label(text: str, row: Row, following: Row | None, pos: int, end: int) -> re.Match[str] | None:
    """Where the row's label stands, before the following row's label. A row printed with no numbers, its
    cells run together, leaves its label fused to the next one ("（七）总计四、结转…"): a short label is then
    taken where the next label begins. A label found only beyond the next row's label is another table's
    ("总计" in a later header), never this row's."""
    m = row_pattern(row).search(text, pos, end)
    n = row_pattern(following).search(text, pos, end) if following is not None else None
    if n is None or (m is not None and m.start() < n.start()):
        return m
    fused = row_pattern(replace(row, exact=False)).search(text, pos, n.start())
    return fused if fused is not None and fused.end() == n.start() else None


def _table_end(text: str, start: int) -> int:
    ends = [m.start() for m in (_HEADING.search(text, start), STANDARD_HEADING.search(text, start)) if m]
    return min(ends, default=len(text))


def _region(text: str, found: list[_Found], i: int, table_end: int) -> tuple[int, int]:
    start = found[i].core_end
    end = found[i + 1].start if i + 1 < len(found) else table_end
    return start, max(start, end)


@dataclass(frozen=True)
class _Run:
    tokens: tuple[re.Match[str], ...]
    start: int  # where the run starts (== region start when empty)
    preceded_by_newline: tuple[bool, ...]


def _numeric_run(text: str, start: int, end: int, appeals: bool) -> _Run:
    """The numbers right after a row label: skip the rest of the printed label, then numbers separated only
    by whitespace. Anything else (a header, the next section) ends the run."""
    region = text[start:end]
    first = _TOKEN.search(region)
    if not first:
        return _Run((), start, ())
    prefix = region[: first.start()]
    if appeals:
        # The value row stands right under the header, whose last word is 总计.
        last = max(prefix.rfind("总计"), prefix.rfind("合计"))
        if last < 0 or prefix[last + 2 :].strip():
            return _Run((), start, ())
    elif len(prefix) > _MAX_LABEL_TAIL or "。" in prefix:
        return _Run((), start, ())
    tokens, newline_before = [first], ["\n" in prefix]
    pos = first.end()
    while True:
        gap_end = _GAP.match(region, pos).end()
        m = _TOKEN.match(region, gap_end)
        if not m or _DATE_AFTER.match(region, m.end()):
            break  # (a date after the row, "…，2021年", is the text's, never a cell)
        tokens.append(m)
        newline_before.append("\n" in region[pos:gap_end])
        pos = m.end()
    return _Run(tuple(tokens), start + first.start(), tuple(newline_before))


def _is_line_layout(text: str, runs: list[_Run]) -> bool:
    """One number per line (blank cells dropped) rather than fused cells: most numbers start a line."""
    flags = [nl for r in runs for nl in r.preceded_by_newline]
    return bool(flags) and sum(flags) >= 0.7 * len(flags)


def _tokens(run: _Run, lines: bool) -> tuple[Token, ...]:
    return tuple(Token(m.group(), splittable=not lines and "," not in m.group()) for m in run.tokens)


def _label_text(text: str, f: _Found, run: _Run) -> str:
    if not f.row.zh:
        return ""
    if run.tokens:
        end = run.start
    else:
        line_end = text.find("\n", f.core_end)
        end = min(line_end if line_end >= 0 else len(text), f.core_end + _MAX_LABEL_TAIL)
    return re.sub(r"\s+", "", text[f.start : max(end, f.core_end)])[:80]
