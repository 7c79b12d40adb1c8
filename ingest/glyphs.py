"""Characters placed on a PDF page, and the text lines they form (top-down coordinates, in points)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ASCII_WORD = re.compile(r"[A-Za-z0-9.,%:/@_\-]")


@dataclass(frozen=True)
class Glyph:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    # Derived once: layout reads them many times per glyph.
    cx: float = field(init=False, repr=False, compare=False)
    cy: float = field(init=False, repr=False, compare=False)
    size: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "cx", (self.x0 + self.x1) / 2)
        object.__setattr__(self, "cy", (self.top + self.bottom) / 2)
        object.__setattr__(self, "size", max(self.bottom - self.top, 1.0))

    def shifted(self, dy: float) -> Glyph:
        return Glyph(self.text, self.x0, self.top + dy, self.x1, self.bottom + dy)


@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # the line's typical character height


def text_lines(glyphs: list[Glyph]) -> list[Line]:
    """Glyphs grouped into lines top to bottom: a glyph belongs to the line its vertical centre falls in."""
    lines: list[list[Glyph]] = []
    centre_sum = 0.0  # of the current line's glyphs' vertical centres
    for g in sorted(glyphs, key=lambda g: (g.cy, g.x0)):
        current = lines[-1] if lines else None
        cy = g.cy
        if current and abs(cy - centre_sum / len(current)) <= 0.5 * max(g.size, current[0].size):
            current.append(g)
            centre_sum += cy
        else:
            lines.append([g])
            centre_sum = cy
    return [_line(sorted(row, key=lambda g: g.x0)) for row in lines]


def _line(row: list[Glyph]) -> Line:
    sizes = sorted(g.size for g in row)
    size = sizes[len(sizes) // 2]
    parts = [row[0].text]
    for prev, g in zip(row, row[1:]):
        # Chinese text carries no spaces; a gap matters only between two pieces of Latin text or numbers
        # ("0591-23165250", "www.pingtan.gov.cn", "1 0 11"): there it separates words.
        if g.x0 - prev.x1 > 0.25 * size and joins_with_space(prev.text, g.text):
            parts.append(" ")
        parts.append(g.text)
    return Line(
        "".join(parts),
        row[0].x0,
        min(g.top for g in row),
        max(g.x1 for g in row),
        max(g.bottom for g in row),
        size,
    )


def joins_with_space(left: str, right: str) -> bool:
    """Two pieces of text that a break (a gap, a wrapped line) separates by a space: Latin words or numbers."""
    return bool(left and right and _ASCII_WORD.match(left[-1]) and _ASCII_WORD.match(right[0]))
