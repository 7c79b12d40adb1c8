"""Copies of real reports as other tools write them, made mechanically from the real files (nothing typed by
hand, no number invented): the ways a copy's characters, lines and bytes differ from the page while every
value stays the report's own, so the original gold still holds.

Two kinds of family. A *file* family rewrites the real file itself (a saved page, a crawler's text, a Markdown
copy): its text as a Chinese input method or crawler prints it (full-width digits and punctuation,
traditional characters, a space between every Chinese character as PDF text layers space them), its line
ends (Windows, bare CR, a UTF-8 BOM) or its bytes (GB18030 with no declaration, a page whose charset stands
only in an http-equiv meta or nowhere). In a page only text between tags changes, never markup or entities.

A *table* family reads the report into paragraphs and table rows first (tests/stress_forms.py) and writes the
tables as other tools do: tab-separated lines copied out of Word or Excel, "label：values" or "label values"
prose lines, cells one per line with each long label wrapped mid-word over two lines or with a space between
its characters, large counts with thousands separators ("1,234", "1，234") or a stray space ("1 234").

Used by tests/test_extract_copies.py (no wrong number, agency and year right, a coverage floor per family)
and bench/copies.py (the totals per family).
"""

from __future__ import annotations

import codecs
import functools
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from stress_forms import SOURCES, Document, from_cell_lines

DATA = Path(__file__).parent / "data"
_SUFFIXES = (".txt", ".html", ".md")
# Markup a page's text sits between, kept as it is: tags, comments, entities.
_MARKUP = re.compile(r"(<!--.*?-->|<script.*?</script>|<style.*?</style>|<[^>]*>|&#?\w+;)", re.S | re.I)
_CJK = "\u3001-\u303f\u4e00-\u9fff\uff01-\uff0f\uff1a-\uff20"  # Chinese characters and punctuation
_FULL_WIDTH = str.maketrans(
    {
        **{chr(c): chr(c + 0xFEE0) for c in range(0x30, 0x3A)},
        ":": "：",
        ",": "，",
        ";": "；",
        "%": "％",
        "(": "（",
        ")": "）",
        ".": "．",
    }
)
_META_CHARSET = re.compile(r"""<meta[^>]*charset\s*=\s*["']?[\w-]+["']?[^>]*>""", re.I)


@dataclass(frozen=True)
class Copy:
    name: str  # family and report, e.g. "fullwidth/2022_pingtan_syq_page"
    family: str
    source: str  # the real report's stem: its gold is tests/data/**/{source}.facts.json
    file_name: str  # what the copy is called (its suffix tells text from a page)
    data: bytes


def originals() -> list[Path]:
    """Every real report in tests/data with its gold beside it, one per stem (the Markdown copy kept once)."""
    seen, out = set(), []
    for path in sorted(DATA.rglob("*")):
        if (
            path.suffix in _SUFFIXES
            and "derived" not in path.parts
            and path.with_suffix(".facts.json").exists()
            and path.stem not in seen
        ):
            seen.add(path.stem)
            out.append(path)
    return out


def gold(source: str) -> dict:
    return json.loads(next(DATA.rglob(f"{source}.facts.json")).read_text(encoding="utf-8"))


def _raw_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8")  # read_text() would turn a crawler's bare CRs into newlines


def in_text(text: str, is_html: bool, change: Callable[[str], str]) -> str:
    """`change` applied to the text a reader sees: all of a text file, only what stands between tags in a page."""
    if not is_html:
        return change(text)
    return "".join(part if i % 2 else change(part) for i, part in enumerate(_MARKUP.split(text)))


def full_width(text: str) -> str:
    """Digits and ASCII punctuation as a Chinese input method types them: １２３，：（）."""
    return text.translate(_FULL_WIDTH)


def spaced(text: str) -> str:
    """A space between every two Chinese characters or punctuation marks, as PDF text layers with character spacing print them."""
    return re.sub(rf"(?<=[{_CJK}])(?=[{_CJK}])", " ", text)


def traditional(text: str) -> str:
    """Text in traditional characters, as a Hong Kong or Taiwan copy (or a converter) prints it."""
    return _to_traditional().convert(text)


@functools.cache
def _to_traditional():
    import opencc

    return opencc.OpenCC("s2t")


def _with_charset_only_in_http_equiv(html: str) -> str:
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=gbk">'
    html = _META_CHARSET.sub("", html)
    return re.sub(r"<head[^>]*>", lambda m: m.group() + meta, html, count=1)


_CELL_NUMBER = {
    True: re.compile(
        r"(?<=>)(\s*)(\d{4,})(\.\d+)?(\s*)(?=<)"
    ),  # a page's cell (or paragraph) holding a number
    False: re.compile(r"(?m)^(\s*)(\d{4,})(\.\d+)?(\s*)$"),  # a crawler's line holding one cell
}


def _grouped(separator: str) -> Callable[[Path], tuple | None]:
    """Every large value standing alone in a cell or on a line of its own printed with thousands separators."""

    def made(path: Path) -> tuple | None:
        is_html = path.suffix == ".html"
        text = re.sub(r"\r\n?", "\n", _raw_text(path))
        group = lambda m: m[1] + f"{int(m[2]):,}".replace(",", separator) + (m[3] or "") + m[4]  # noqa: E731
        grouped = _CELL_NUMBER[is_html].sub(group, text)
        return None if grouped == text else (path, grouped)

    return made


def _tables_spaced(path: Path) -> tuple | None:
    """A page whose table cells print a space between every two characters (letter-spaced labels)."""
    if path.suffix != ".html":
        return None
    spaced_table = lambda m: in_text(m.group(), True, spaced)  # noqa: E731
    return path, re.sub(r"<table.*?</table>", spaced_table, _raw_text(path), flags=re.S | re.I)


def _file_copy(family: str, path: Path, text: str, encoding: str = "utf-8", bom: bytes = b"") -> Copy:
    data = bom + text.encode(encoding)
    return Copy(f"{family}/{path.stem}", family, path.stem, path.name, data)


def _text_changed(change: Callable[[str], str], pages: bool = True) -> Callable[[Path], tuple | None]:
    def made(path: Path) -> tuple | None:
        is_html = path.suffix == ".html"
        return None if is_html and not pages else (path, in_text(_raw_text(path), is_html, change))

    return made


def _line_ends(ending: str, bom: bytes = b"") -> Callable[[Path], tuple]:
    return lambda path: (path, re.sub(r"\r\n|\r|\n", ending, _raw_text(path)), "utf-8", bom)


def _gb18030(path: Path) -> tuple | None:
    text = _raw_text(path)
    if path.suffix == ".html":
        text = _with_charset_only_in_http_equiv(text)
    return path, text, "gb18030"


def _page_without_charset(path: Path) -> tuple | None:
    if path.suffix != ".html":
        return None
    return path, _META_CHARSET.sub("", _raw_text(path)), "gb18030"


FILE_FAMILIES: dict[str, Callable[[Path], tuple | None]] = {
    "fullwidth": _text_changed(full_width),
    "spaced-chars": _text_changed(spaced, pages=False),  # a text copy of a letter-spaced PDF
    "page-spaced-labels": _tables_spaced,
    "traditional": _text_changed(traditional),
    "cells-thousands-comma": _grouped(","),
    "cells-thousands-fullwidth-comma": _grouped("，"),
    "crlf": _line_ends("\r\n"),
    "bare-cr": _line_ends("\r"),
    "bom-crlf": _line_ends("\r\n", codecs.BOM_UTF8),
    "gb18030": _gb18030,
    "page-no-charset": _page_without_charset,
}


def file_copies(families=FILE_FAMILIES) -> Iterator[Copy]:
    for family in families:
        for path in originals():
            made = FILE_FAMILIES[family](path)
            if made is not None:
                yield _file_copy(family, *made)


# --- table families: the report's tables written out as other tools write them ---------------------------


_PRINTED_NUMBER = re.compile(r"([-+]?)(\d+)(\.\d+)?(万元|元|%)?")


def _is_number(cell: str) -> bool:
    """A value cell as printed: a count, a signed change ("-18"), an amount with its unit ("73802895.90元")."""
    return _PRINTED_NUMBER.fullmatch(cell) is not None


def _is_label(cell: str) -> bool:
    return bool(cell) and not _is_number(cell)


def _write(doc: Document, row_lines: Callable[[list[str]], list[str]]) -> str:
    lines = [f"标题: {doc.title}"] if doc.title else []  # a copy without a title names itself in its body
    for block in doc.blocks:
        lines += [line for row in block for line in row_lines(row)] if isinstance(block, list) else [block]
    return "\n".join(lines)


def tab_separated(doc: Document) -> str:
    """Each row a line of tab-separated cells, blank cells kept (a table copied out of Word or Excel)."""
    return _write(doc, lambda row: ["\t".join(row)])


def label_colon(comma: str = "，") -> Callable[[Document], str]:
    """Each row a prose line: its labels, a full-width colon, its other cells separated by `comma` ("（一）予以公开：
    3，0，0，…"); a row of numbers only (the appeals table's) the numbers."""

    def line(row: list[str]) -> list[str]:
        cells = [c for c in row if c]
        n = next((i for i, c in enumerate(cells) if _is_number(c)), len(cells))
        if n == len(cells):
            return [" ".join(cells)]
        return ["".join(cells[:n]) + ("：" if n else "") + comma.join(cells[n:])]

    return lambda doc: _write(doc, line)


def label_spaced(doc: Document) -> str:
    """Each row a line of its printed cells separated by spaces (a PDF text layer's row)."""
    return _write(doc, lambda row: [" ".join(c for c in row if c)])


def one_per_line(change_label=lambda c: [c], change_number=lambda c: [c]) -> Callable[[Document], str]:
    """Cells one per line, blank cells dropped, each label and number written by its function (as lines)."""

    def row_lines(row: list[str]) -> list[str]:
        return [line for c in row if c for line in (change_number(c) if _is_number(c) else change_label(c))]

    return lambda doc: _write(doc, row_lines)


def wrapped(label: str) -> list[str]:
    """A long label wrapped mid-word over two lines, as a narrow PDF cell breaks it."""
    if len(label) < 6:
        return [label]
    return [label[: len(label) // 2], label[len(label) // 2 :]]


def thousands(separator: str) -> Callable[[str], list[str]]:
    def write(number: str) -> list[str]:
        sign, whole, frac, unit = _PRINTED_NUMBER.fullmatch(number).groups()
        return [sign + f"{int(whole):,}".replace(",", separator) + (frac or "") + (unit or "")]

    return write


def stray_space(number: str) -> list[str]:
    """A space after the first digit of a number of several digits ("1 234"), as PDF text layers leave."""
    sign, whole, frac, unit = _PRINTED_NUMBER.fullmatch(number).groups()
    return [sign + (whole[0] + " " + whole[1:] if len(whole) > 1 else whole) + (frac or "") + (unit or "")]


TABLE_FAMILIES: dict[str, Callable[[Document], str]] = {
    "tab-separated": tab_separated,
    "label-colon": label_colon(),
    "label-colon-ascii-comma": label_colon(","),
    "label-colon-enumeration-comma": label_colon("、"),
    "label-spaced": label_spaced,
    "wrapped-labels": one_per_line(change_label=wrapped),
    "spaced-labels": one_per_line(change_label=lambda c: [spaced(c)]),
    "thousands-comma": one_per_line(change_number=thousands(",")),
    "thousands-fullwidth-comma": one_per_line(change_number=thousands("，")),
    "stray-space": one_per_line(change_number=stray_space),
}


# The reports tests/stress_forms.py reads into tables, and crawler texts of the same kind that print no title.
TABLE_SOURCES = {
    **SOURCES,
    **{
        stem: (lambda stem=stem: from_cell_lines(DATA / "agencies" / f"{stem}.txt", ""))
        for stem in ("2022_hebei_jyt", "2023_hebei_jyt")
    },
}


def table_copies(families=TABLE_FAMILIES) -> Iterator[Copy]:
    docs = {source: read() for source, read in TABLE_SOURCES.items()}
    for family in families:
        for source, doc in docs.items():
            text = TABLE_FAMILIES[family](doc)
            yield Copy(f"{family}/{source}", family, source, f"{source}.txt", text.encode("utf-8"))


def copies() -> Iterator[Copy]:
    yield from file_copies()
    yield from table_copies()


@dataclass(frozen=True)
class Score:
    wrong: dict[str, tuple[float, float]]  # key: (stated, gold)
    placed: int  # gold cells stated as the gold
    ambiguous: int  # gold cells flagged, not stated
    missing: int  # gold cells neither stated nor flagged
    agency_year: tuple  # (agency, year) as read


def score(copy: Copy) -> Score:
    from ingest.parse import parse_report

    g = gold(copy.source)
    report = parse_report(copy.file_name, copy.data)
    facts = {f.key: f.value for f in report.facts}
    flagged = {a.key for a in report.ambiguous}
    expected = g["facts"]
    wrong = {k: (facts[k], v) for k, v in expected.items() if k in facts and abs(facts[k] - v) > 1e-6}
    placed = sum(1 for k in expected if k in facts) - len(wrong)
    ambiguous = len(flagged & set(expected) - set(facts))
    return Score(
        wrong,
        placed,
        ambiguous,
        len(expected) - placed - len(wrong) - ambiguous,
        (report.meta.agency, report.meta.year),
    )
