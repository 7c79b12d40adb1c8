"""Word reports: .docx through python-docx, old binary .doc through LibreOffice when it is installed.

Paragraphs become the narrative; each table becomes the grid the HTML reader builds (a cell's gridSpan is
its colspan, a vMerge restart and the continuations below it are one cell spanning those rows), so one
grid reader places the cells of every form. Page headers and footers live in their own parts of a .docx
and are never read. A table used for layout (holding other tables) gives its inner tables as grids and
its own paragraphs as text.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
import zlib
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl, CT_Tc
from lxml import etree

from ingest import limits
from ingest.errors import UnreadableReport
from ingest.html_doc import GridCell, GridRow
from ingest.limits import LimitExceeded
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
    _check_unpacked_size(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise UnreadableReport(f"{name or 'the file'} is not a readable Word (.docx) file: {_plain(exc)}") from exc
    except (RuntimeError, NotImplementedError) as exc:  # zipfile: an encrypted part, a compression Word never uses
        raise UnreadableReport(f"{name or 'the file'} is a Word (.docx) file whose parts are encrypted or packed in a "
                               f"way Word does not write ({exc}). Open it and save it again as .docx without a "
                               "password, or as PDF, and add that file.") from exc
    lines: list[str] = []
    grids: list[tuple[GridRow, ...]] = []
    try:
        _read_blocks(document.element.body, lines, grids)
    except LimitExceeded as e:
        raise limits.too_much(name, str(e)) from None
    if sum(len(row.cells) for grid in grids for row in grid) > limits.MAX_PAGE_CELLS:
        raise limits.too_much(name, f"its tables hold more than {limits.MAX_PAGE_CELLS:,} cells")
    title = (document.core_properties.title or "").strip()
    return OfficeDocument("\n".join(lines), tuple(grids), "docx", title)


def _check_unpacked_size(data: bytes, name: str) -> None:
    """LimitExceeded when the parts of the Word file would unpack to more than MAX_UNPACKED_BYTES (a zip
    bomb): told from the sizes its directory declares, before anything is unpacked. (Python's zipfile
    never unpacks more than a part declares.)"""
    try:
        declared = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # python-docx says what is wrong with it
    if declared > limits.MAX_UNPACKED_BYTES:
        raise limits.too_much(name, f"it unpacks to {limits.mb(declared)}; the limit for one Word report is "
                                    f"{limits.mb(limits.MAX_UNPACKED_BYTES)}")


def _plain(exc: Exception) -> str:
    """The XML reader's message without its advice to programmers ("use XML_PARSE_HUGE option")."""
    text = str(exc)
    if "Excessive depth" in text:
        return "its parts are nested deeper than any Word document's (more than 256 levels)"
    return text.split(", try XML_PARSE_HUGE")[0].split(", use XML_PARSE_HUGE")[0]


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
        _run_soffice(command, name)
        converted = Path(tmp) / "report.docx"
        if not converted.exists():
            raise UnreadableReport(
                f"{name or 'the file'}: LibreOffice could not convert the .doc (damaged or protected?). "
                "Open it in Word or WPS and save it as .docx."
            )
        return converted.read_bytes()


def _run_soffice(command: list[str], name: str) -> None:
    """Run LibreOffice in a process group of its own, within the time the parse has left (CONVERT_TIMEOUT at
    most): past it the whole group is killed, soffice.bin included, so no converter outlives its report."""
    left = limits.seconds_left()
    timeout = CONVERT_TIMEOUT if left is None else max(1.0, min(CONVERT_TIMEOUT, left))
    try:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        raise UnreadableReport(f"{name or 'the file'}: LibreOffice could not be started: {exc}") from exc
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise UnreadableReport(f"{name or 'the file'}: LibreOffice did not convert the .doc within {timeout:.0f} s "
                               "(damaged?). Open it in Word or WPS and save it as .docx.") from None


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
    declared = tbl.find(qn("w:tblGrid"))
    grid_cols = len(declared.findall(qn("w:gridCol"))) if declared is not None else 0
    rows = [_row_cells(tr, grid_cols) for tr in tbl.tr_lst]
    width = max((col + span for cells in rows for col, span, _, _ in cells), default=0)
    if width * len(rows) > limits.MAX_TABLE_CELLS:
        raise LimitExceeded(f"a table holds more than {limits.MAX_TABLE_CELLS:,} cells once its merged cells "
                            "are laid out")
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


def _row_cells(tr, grid_cols: int = 0) -> list[tuple[int, int, str | None, CT_Tc]]:
    """(grid column, grid span, vMerge, cell) of each cell of a row. A table that declares its grid columns
    (w:tblGrid; Word, WPS and LibreOffice always do) bounds every span and gridBefore by them."""
    col = min(tr.grid_before, grid_cols) if grid_cols else tr.grid_before
    out = []
    for tc in tr.tc_lst:
        span = min(tc.grid_span, max(1, grid_cols - col)) if grid_cols else tc.grid_span
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
