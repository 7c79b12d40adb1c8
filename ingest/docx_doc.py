"""Word reports: .docx through python-docx, old binary .doc through LibreOffice when it is installed.

Paragraphs become the narrative; each table becomes the grid the HTML reader builds (a cell's gridSpan is
its colspan, a vMerge restart and the continuations below it are one cell spanning those rows), so one
grid reader places the cells of every form. Page headers and footers live in their own parts of a .docx
and are never read. A table used for layout (holding other tables) gives its inner tables as grids and
its own paragraphs as text.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl, CT_Tc
from lxml import etree

from ingest.errors import UnreadableReport
from ingest.html_doc import GridCell, GridRow
from ingest.office_doc import OfficeDocument

_WS = re.compile(r"[ \t\xa0\u3000\u2002\u2003\u200b]+")
_P, _T, _TAB = qn("w:p"), qn("w:t"), qn("w:tab")
# Text in a paragraph's runs, text boxes included; a text box's copy for old readers (mc:Fallback) and text
# moved away by tracked changes are left out (deleted text is w:delText, never w:t).
_RUN_TEXT = etree.XPath(
    ".//w:r[not(ancestor::w:moveFrom) and not(ancestor::mc:Fallback)]"
    "/*[self::w:t or self::w:tab or self::w:br or self::w:cr]",
    namespaces={
        "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    },
)
CONVERT_TIMEOUT = 120  # seconds for LibreOffice to turn one .doc into .docx


def read_docx(data: bytes, name: str = "") -> OfficeDocument:
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise UnreadableReport(f"{name or 'the file'} is not a readable Word (.docx) file: {exc}") from exc
    lines: list[str] = []
    grids: list[tuple[GridRow, ...]] = []
    _read_blocks(document.element.body, lines, grids)
    title = (document.core_properties.title or "").strip()
    return OfficeDocument("\n".join(lines), tuple(grids), "docx", title)


def read_doc(data: bytes, name: str = "") -> OfficeDocument:
    """An old binary .doc, converted to .docx by LibreOffice (`soffice`) when it is on this machine."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise UnreadableReport(
            f"{name or 'the file'} is an old binary Word document (.doc), which is read only through "
            "LibreOffice, and LibreOffice (soffice) is not installed here. Open the file in Word, WPS or "
            "LibreOffice and save it as .docx (or PDF), then add that file; or install LibreOffice."
        )
    return read_docx(_converted(soffice, data, name), name)


def _converted(soffice: str, data: bytes, name: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="xxgk-doc-") as tmp:
        source = Path(tmp) / "report.doc"
        source.write_bytes(data)
        # A private profile: a running LibreOffice, or a parallel conversion, cannot block this one.
        profile = f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}"
        command = [
            soffice,
            profile,
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
            tmp,
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=CONVERT_TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise UnreadableReport(
                f"{name or 'the file'}: LibreOffice could not convert the .doc: {exc}"
            ) from exc
        converted = Path(tmp) / "report.docx"
        if not converted.exists():
            raise UnreadableReport(
                f"{name or 'the file'}: LibreOffice could not convert the .doc (damaged or protected?). "
                "Open it in Word or WPS and save it as .docx."
            )
        return converted.read_bytes()


def _read_blocks(parent, lines: list[str], grids: list[tuple[GridRow, ...]]) -> None:
    """Paragraphs and tables in document order; content controls (w:sdt) are looked into."""
    for child in parent.iterchildren():
        if child.tag == qn("w:p"):
            lines.extend(_paragraph_lines(child))
        elif isinstance(child, CT_Tbl):
            _read_table(child, lines, grids)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                _read_blocks(content, lines, grids)


def _read_table(tbl: CT_Tbl, lines: list[str], grids: list[tuple[GridRow, ...]]) -> None:
    if tbl.xpath(".//w:tbl"):  # a layout table: its inner tables hold the data
        for tc in tbl.iter(qn("w:tc")):
            if tc.getparent().getparent() is tbl:
                _read_blocks(tc, lines, grids)
        return
    grids.append(table_grid(tbl))


def table_grid(tbl: CT_Tbl) -> tuple[GridRow, ...]:
    """Lay a Word table on a grid: a cell spanning grid columns or rows occupies every slot it covers.

    A cell's grid column is its row's w:gridBefore plus the spans of the cells before it; a vMerge
    "restart" cell spans down over the "continue" cells at the same grid column below it."""
    rows = [_row_cells(tr) for tr in tbl.tr_lst]
    occupied: dict[tuple[int, int], GridCell] = {}
    for r, cells in enumerate(rows):
        for col, span, merge, tc in cells:
            if merge == "continue" and (r, col) in occupied:
                continue  # covered by the cell that restarts the merge above
            rowspan = _rowspan(rows, r, col, span) if merge == "restart" else 1
            cell = GridCell(_cell_text(tc), r, col, rowspan, span)
            occupied.update({(r + dr, col + dc): cell for dr in range(rowspan) for dc in range(span)})
    width = max((c for _, c in occupied), default=-1) + 1
    return tuple(GridRow(tuple(occupied.get((r, c)) for c in range(width)), r) for r in range(len(rows)))


def _row_cells(tr) -> list[tuple[int, int, str | None, CT_Tc]]:
    """(grid column, grid span, vMerge, cell) of each cell of a row."""
    col = tr.grid_before
    out = []
    for tc in tr.tc_lst:
        span = tc.grid_span
        out.append((col, span, tc.vMerge, tc))
        col += span
    return out


def _rowspan(rows: list[list[tuple]], r: int, col: int, span: int) -> int:
    n = 1
    while r + n < len(rows) and any(c == col and s == span and m == "continue" for c, s, m, _ in rows[r + n]):
        n += 1
    return n


def _cell_text(tc: CT_Tc) -> str:
    # Paragraphs and line breaks inside a cell separate words of a label, as <p> and <br> do in HTML.
    return _WS.sub(" ", " ".join(_text(p) for p in tc.iter(_P)).replace("\n", " ")).strip()


def _paragraph_lines(p) -> list[str]:
    return [line for line in (_WS.sub(" ", x).strip() for x in _text(p).split("\n")) if line]


def _text(p) -> str:
    """A paragraph's text: its runs' text, tabs and line breaks; deleted and moved-away text left out."""
    parts = []
    for el in _RUN_TEXT(p):
        tag = el.tag
        parts.append(el.text or "" if tag == _T else "\t" if tag == _TAB else "\n")
    return "".join(parts)
