"""A PDF's pages through pdfium (pypdfium2): each character with its box, and the ruling lines drawn.

Coordinates are turned top-down (0 at the top of the page), in points, so that reading order is
ascending y. Ruling lines are the straight horizontal and vertical strokes of path objects, and thin
filled rectangles (how many exporters draw cell borders); wide filled rectangles are shading, not lines.
"""

from __future__ import annotations

import ctypes
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from ingest import limits
from ingest.errors import UnreadableReport
from ingest.glyphs import Glyph
from ingest.ruled_grid import Ruling

_THIN = 2.5  # a filled rectangle this thin (points) is a drawn line
_MIN_LENGTH = 2.0
_STRAIGHT = 1.0  # a segment whose ends differ this little across its direction is straight
_WHITE = (255, 255, 255)
# Fonts exported from some word processors map ideographs to Kangxi radicals or compatibility forms
# ("⼀" for "一"): these fold to the ideograph a reader sees.
_FOLDED_RANGES = ((0x2E80, 0x2FDF), (0xF900, 0xFAFF))

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True)
class PageContent:
    index: int
    height: float
    glyphs: tuple[Glyph, ...]
    rulings: tuple[Ruling, ...]


@dataclass(frozen=True)
class PdfContent:
    title: str  # the document's Title property ("" when unset)
    pages: list[PageContent]


def read_content(data: bytes, name: str) -> PdfContent:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UnreadableReport(
            f"{name or 'the file'}: cannot open the PDF ({str(exc).rstrip('.')}). It may be damaged or protected by a "
            "password: save an unprotected copy (or the report's web page) and try again."
        ) from exc
    try:
        if len(pdf) > limits.MAX_PDF_PAGES:
            raise limits.too_much(name, f"it has {len(pdf):,} pages; the limit for one report is "
                                        f"{limits.MAX_PDF_PAGES:,}")
        title = (pdf.get_metadata_dict().get("Title") or "").strip()
        pages, glyphs = [], 0
        for i in range(len(pdf)):
            limits.check_time()
            pages.append(_read_page(pdf, i, name))
            glyphs += len(pages[-1].glyphs)
            if glyphs > limits.MAX_PDF_GLYPHS:
                raise limits.too_much(name, f"its pages hold more than {limits.MAX_PDF_GLYPHS:,} characters")
        return PdfContent(title, pages)
    finally:
        pdf.close()


def _read_page(pdf: pdfium.PdfDocument, index: int, name: str) -> PageContent:
    try:
        return _page(pdf[index], index, name)
    except pdfium.PdfiumError as exc:  # e.g. its page tree names a page the file does not hold
        raise UnreadableReport(
            f"{name or 'the file'}: page {index + 1} of {len(pdf)} cannot be read ({str(exc).rstrip('.')}); the PDF is "
            "damaged. Save it again from the original, or add the report's web page instead."
        ) from exc


def _page(page: pdfium.PdfPage, index: int, name: str = "") -> PageContent:
    try:
        left, bottom, _, top = page.get_bbox()
        objects = raw.FPDFPage_CountObjects(page.raw)
        if objects > limits.MAX_PDF_OBJECTS:
            raise limits.too_much(name, f"page {index + 1} draws {objects:,} objects; the limit for a page is "
                                        f"{limits.MAX_PDF_OBJECTS:,}")
        flip = (1.0, 0.0, 0.0, -1.0, -left, top)  # page space → top-down page space
        textpage = page.get_textpage()
        try:
            if textpage.count_chars() > limits.MAX_PDF_GLYPHS:
                raise limits.too_much(name, f"page {index + 1} holds more than {limits.MAX_PDF_GLYPHS:,} characters")
            glyphs = tuple(_glyphs(textpage, left, top))
        finally:
            textpage.close()
        rulings = tuple(_rulings(objects, page.raw, raw.FPDFPage_GetObject, flip, _Budget(name, index, objects)))
    finally:
        page.close()
    return PageContent(index, top - bottom, glyphs, rulings)


class _Budget:
    """Counts the objects of one page, forms' objects included (a form drawn inside a form inside a form
    multiplies them), against MAX_PDF_OBJECTS, and checks the parse deadline as it goes."""

    def __init__(self, name: str, index: int, seen: int) -> None:
        self.name, self.index, self.seen = name, index, seen

    def spend(self, n: int) -> None:
        self.seen += n
        if self.seen > limits.MAX_PDF_OBJECTS:
            raise limits.too_much(self.name, f"page {self.index + 1} draws more than {limits.MAX_PDF_OBJECTS:,} "
                                             "objects (forms drawn inside forms)")
        limits.check_time()


def _glyphs(textpage: pdfium.PdfTextPage, left: float, top: float) -> Iterator[Glyph]:
    box, page = raw.FS_RECTF(), textpage.raw
    unicode, loose_box = raw.FPDFText_GetUnicode, raw.FPDFText_GetLooseCharBox
    # pdfium's generated characters are spaces and line breaks, dropped with the other whitespace:
    # spacing comes from the glyphs' positions (glyphs.text_lines).
    for i in range(textpage.count_chars()):
        code = unicode(page, i)
        char = chr(code)
        if code < 33 or char.isspace() or not char.isprintable():
            continue
        if any(lo <= code <= hi for lo, hi in _FOLDED_RANGES):
            char = unicodedata.normalize("NFKC", char)
        # The loose box spans the font's ascent and descent: punctuation and digits share their line's
        # height instead of sitting low in it, and a glyph's width is its advance.
        loose_box(page, i, box)
        yield Glyph(char, box.left - left, top - box.top, box.right - left, top - box.bottom)


def _rulings(count: int, parent, get, matrix: Matrix, budget: _Budget) -> Iterator[Ruling]:
    budget.spend(0)
    for i in range(count):
        obj = get(parent, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
            continue
        own = _compose(_matrix(obj), matrix)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            inner = raw.FPDFFormObj_CountObjects(obj)
            budget.spend(inner)
            yield from _rulings(inner, obj, raw.FPDFFormObj_GetObject, own, budget)
        else:
            yield from _path_rulings(obj, own)


def _path_rulings(obj, matrix: Matrix) -> Iterator[Ruling]:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj, fill, stroke)
    points = [(*_apply(matrix, x, y), line) for x, y, line in _points(obj)]
    if stroke.value and _colour(obj, raw.FPDFPageObj_GetStrokeColor) != _WHITE:
        for (x0, y0, _), (x1, y1, line) in zip(points, points[1:]):
            if line:
                yield from _straight(x0, y0, x1, y1)
    elif fill.value and points and _colour(obj, raw.FPDFPageObj_GetFillColor) != _WHITE:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        w, h = max(xs) - min(xs), max(ys) - min(ys)
        if h <= _THIN < w:
            yield from _straight(min(xs), (min(ys) + max(ys)) / 2, max(xs), (min(ys) + max(ys)) / 2)
        elif w <= _THIN < h:
            yield from _straight((min(xs) + max(xs)) / 2, min(ys), (min(xs) + max(xs)) / 2, max(ys))


def _points(obj) -> Iterator[tuple[float, float, bool]]:
    """The path's points as (x, y, reached_by_a_straight_line); a closed subpath returns to its start."""
    x, y = ctypes.c_float(), ctypes.c_float()
    start = (0.0, 0.0)
    for i in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, i)
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = (x.value, y.value)
        yield x.value, y.value, kind == raw.FPDF_SEGMENT_LINETO
        if raw.FPDFPathSegment_GetClose(seg):
            yield start[0], start[1], True


def _straight(x0: float, y0: float, x1: float, y1: float) -> Iterator[Ruling]:
    if abs(y1 - y0) <= _STRAIGHT and abs(x1 - x0) >= _MIN_LENGTH:
        yield Ruling(False, (y0 + y1) / 2, min(x0, x1), max(x0, x1))
    elif abs(x1 - x0) <= _STRAIGHT and abs(y1 - y0) >= _MIN_LENGTH:
        yield Ruling(True, (x0 + x1) / 2, min(y0, y1), max(y0, y1))


def _colour(obj, getter) -> tuple[int, int, int]:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not getter(obj, r, g, b, a):
        return (0, 0, 0)
    return (r.value, g.value, b.value)


def _matrix(obj) -> Matrix:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying `inner`, then `outer` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]
