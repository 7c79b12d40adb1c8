"""Charts of trend, comparison and ranking answers: a typed ChartSpec made from an Answer's facts, and that
spec drawn as a PNG (matplotlib, Agg) in Noto Sans CJK, a font that installs from PyPI.

The spec holds only what the answer states: one value per agency and year, summed from the answer's
facts only when every cell of the asked row is among them (a report whose cell could not be read is a
gap, never a partial sum). Years without a figure stay gaps in the line, not joined over.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ingest.types import format_number

from .compose.cells import Reading, cell_keys
from .compose.facts import column_label, row_label
from .metrics import ORG_COLUMNS
from .types import Answer, FactRef

LINE, BARS = "line", "bars"
FONT_PACKAGE, FONT_FILE = "noto_cjk_sans_otc", "NotoSansCJK-Regular.ttc"
FONT_FAMILY = "Noto Sans CJK SC"  # the simplified-Chinese face of the collection


class ChartUnavailable(Exception):
    """The chart font (or matplotlib) is not installed."""


@dataclass(frozen=True)
class Series:
    name: str  # the agency as printed (line), or the row label (bars)
    values: tuple[float | None, ...]  # one per x label; None: no figure, drawn as a gap


@dataclass(frozen=True)
class ChartSpec:
    kind: str  # LINE: x are years; BARS: x are agencies, sorted by value, largest first
    title: str
    label: str  # the row (and column) as printed: the value axis
    unit: str
    x: tuple[str, ...]
    series: tuple[Series, ...]
    footnote: str  # the source reports, and which years or agencies have no figure
    lang: str

    @property
    def gaps(self) -> tuple[str, ...]:
        """The x labels where no series has a figure."""
        return tuple(x for i, x in enumerate(self.x) if all(s.values[i] is None for s in self.series))


def chart_for(answer: Answer) -> ChartSpec | None:
    """The chart of a trend (one line per agency over the years), a comparison or a ranking of agencies in
    one year (sorted bars); None for an answer that is not one of those or has fewer than two figures."""
    query = answer.query
    if answer.kind != "compare" or not answer.facts or query is None or not query.keys:
        return None
    row = query.keys[0]
    points = _points(answer.facts, row)
    if sum(v is not None for v in points.values()) < 2:
        return None
    column = _column({f.key for f in answer.facts})
    labels = _labels(row, column, answer.facts[0].key, answer.lang)
    years = sorted({y for _, y in points})
    if len(years) == 1:
        return _bars(points, years[0], labels, answer)
    return _line(points, years, labels, answer)


def _points(facts: Sequence[FactRef], row: str) -> dict[tuple[str, int], float | None]:
    """(agency, year) -> the row's value: the sum of its cells, or None when a cell is not among the facts."""
    groups: dict[tuple[str, int], dict[str, float]] = {}
    for f in facts:
        if f.year is not None:
            groups.setdefault((f.agency, f.year), {})[f.key] = f.value
    points: dict[tuple[str, int], float | None] = {}
    for where, cells in groups.items():
        wanted = set(cell_keys(row, _column(set(cells)), dict.fromkeys(cells)))  # type: ignore[arg-type]
        points[where] = float(sum(cells.values())) if set(cells) == wanted else None
    return points


def _column(keys: set[str]) -> str:
    columns = {k.rsplit(".", 1)[1] for k in keys}
    if len(columns) > 1 and columns <= set(ORG_COLUMNS):
        return "org"
    return min(columns)


@dataclass(frozen=True)
class _Labels:
    row: str
    unit: str


def _labels(row: str, column: str, key: str, lang: str) -> _Labels:
    reading = Reading(row, column, (key,), ())
    label = (
        f"{row_label(reading, lang)}（{column_label(row, column, lang)}）"
        if lang == "zh"
        else f"{row_label(reading, lang)}, {column_label(row, column, lang)}"
    )
    unit = (
        "件"
        if row.startswith(("applications", "review", "litigation"))
        else ("万元" if column == "amount" else "")
    )
    return _Labels(label, unit if lang == "zh" or unit == "万元" else "")


def _line(points, years: list[int], labels: _Labels, answer: Answer) -> ChartSpec:
    xs = list(range(years[0], years[-1] + 1))
    agencies = list(dict.fromkeys(a for a, _ in points))
    series = tuple(Series(a, tuple(points.get((a, y)) for y in xs)) for a in agencies)
    span = f"{xs[0]}—{xs[-1]}年" if answer.lang == "zh" else f"{xs[0]}–{xs[-1]}"
    who = agencies[0] if len(agencies) == 1 else ""
    title = (
        f"{who} {labels.row}，{span}"
        if answer.lang == "zh"
        else f"{who + ': ' if who else ''}{labels.row}, {span}"
    )
    note = _missing_years(series, xs, answer.lang)
    return ChartSpec(
        LINE,
        title,
        labels.row,
        labels.unit,
        tuple(map(str, xs)),
        series,
        _footnote(answer, note),
        answer.lang,
    )


def _bars(points, year: int, labels: _Labels, answer: Answer) -> ChartSpec:
    known = sorted(((a, v) for (a, _), v in points.items() if v is not None), key=lambda p: -p[1])
    unknown = [a for (a, _), v in points.items() if v is None]
    title = f"{year}年 {labels.row}" if answer.lang == "zh" else f"{labels.row}, {year}"
    note = _missing_note(unknown, answer.lang)
    return ChartSpec(
        BARS,
        title,
        labels.row,
        labels.unit,
        tuple(a for a, _ in known),
        (Series(labels.row, tuple(v for _, v in known)),),
        _footnote(answer, note),
        answer.lang,
    )


def _missing_years(series: tuple[Series, ...], xs: list[int], lang: str) -> str:
    """Which years have no figure, per agency when there are several lines."""
    parts = []
    for line in series:
        years = [y for y, v in zip(xs, line.values) if v is None]
        if years:
            who = line.name if len(series) > 1 else ""
            parts.append(
                who
                + (
                    "、".join(f"{y}年" for y in years)
                    if lang == "zh"
                    else (" " if who else "") + ", ".join(map(str, years))
                )
            )
    if not parts:
        return ""
    if lang == "zh":
        return "；".join(parts) + "：无数据（未收录该年报告，或报告中没有这一项）"
    return f"No figure for {'; '.join(parts)} (no report indexed, or the report lacks this row)."


def _missing_note(missing: list[str], lang: str) -> str:
    if not missing:
        return ""
    return (
        ("无法确定，未画出：" + "、".join(missing))
        if lang == "zh"
        else "Not readable, not drawn: " + ", ".join(missing) + "."
    )


def _footnote(answer: Answer, note: str, most: int = 4) -> str:
    titles = list(dict.fromkeys(s.title for s in answer.sources if s.title))
    shown = "；".join(f"《{t}》" for t in titles[:most])
    if len(titles) > most:
        shown += (
            f"等{len(titles)}份年报" if answer.lang == "zh" else f" and {len(titles) - most} more reports"
        )
    source = (("来源：" if answer.lang == "zh" else "Sources: ") + shown) if shown else ""
    return "\n".join(p for p in (note, source) if p)


# --- drawing -------------------------------------------------------------------------------------

WIDTH, DPI = 8.0, 120  # 960 pixels wide: sharp on a phone, small to send; the height follows the content
_LABEL_BOX = {"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}
_COLORS = ("#1f6fb2", "#d9480f", "#2b8a3e", "#7048e8", "#c2255c", "#495057")
_draw_lock = threading.Lock()  # pyplot-free, but rcParams and the font cache are process-wide


def render_png(spec: ChartSpec) -> bytes:
    """The chart as PNG bytes. Thread-safe (one chart drawn at a time); raises ChartUnavailable without
    matplotlib or the font package."""
    matplotlib, _, _ = _matplotlib()
    with _draw_lock, matplotlib.rc_context(_STYLE):
        out = io.BytesIO()
        figure(spec).savefig(out, format="png")
    return out.getvalue()


def figure(spec: ChartSpec):
    """The chart as a matplotlib Figure (not attached to pyplot: nothing global to clean up)."""
    matplotlib, figure_cls, canvas_cls = _matplotlib()
    title = wrap(spec.title, 88)
    notes = [w for part in spec.footnote.split("\n") for w in wrap(part, 140)][:5]
    plot_height = 3.4 if spec.kind == LINE else 0.5 + 0.45 * len(spec.x)
    height = plot_height + 0.25 * len(title) + 0.8 + 0.14 * len(notes) + 0.5  # inches
    with matplotlib.rc_context(_STYLE):
        fig = figure_cls(figsize=(WIDTH, height), dpi=DPI)
        canvas_cls(fig)
        ax = fig.add_subplot()
        (_draw_line if spec.kind == LINE else _draw_bars)(ax, spec)
        fig.text(0.02, 1 - 0.12 / height, "\n".join(title), fontsize=12, ha="left", va="top")
        fig.text(0.02, 0.08 / height, "\n".join(notes), fontsize=7, color="#555555", ha="left", va="bottom")
        fig.subplots_adjust(
            left=0.08 if spec.kind == LINE else _bar_margin(spec),
            right=0.96,
            top=1 - (0.45 + 0.25 * len(title)) / height,
            bottom=(0.55 + (0.2 if spec.kind == BARS else 0) + 0.14 * len(notes)) / height,
        )
    return fig


_STYLE = {
    "font.family": [FONT_FAMILY, "Noto Sans CJK JP"],
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#868e96",
}


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` columns, a CJK character counting two: textwrap counts characters."""
    lines, line, used = [], "", 0
    for word in re.findall(r"[\u2e80-\uffef]|[^\s\u2e80-\uffef]+\s*|\s+", text):
        size = _columns(word)
        if used + size > width and line.strip():
            lines.append(line.rstrip())
            line, used = "", 0
        line, used = line + word, used + size
    return lines + ([line.rstrip()] if line.strip() else [])


def _bar_margin(spec: ChartSpec) -> float:
    """Room for the longest agency name at 10 pt: a CJK character is about 1.85% of the width, others half."""
    longest = max((_columns(line) for x in spec.x for line in wrap(x, 28)), default=4)
    return min(0.4, 0.04 + 0.0093 * longest)


def _columns(text: str) -> int:
    return sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in text)


def _draw_line(ax, spec: ChartSpec) -> None:
    xs = list(range(len(spec.x)))
    for i, series in enumerate(spec.series):
        ys = [float("nan") if v is None else v for v in series.values]
        color = _COLORS[i % len(_COLORS)]
        ax.plot(xs, ys, marker="o", color=color, linewidth=2, label=series.name)  # NaN breaks the line
        if len(spec.series) <= 3:
            for x, v in zip(xs, series.values):
                if v is not None:
                    ax.annotate(
                        format_number(v),
                        (x, v),
                        textcoords="offset points",
                        xytext=(0, 7),
                        ha="center",
                        fontsize=8,
                        color=color,
                        bbox=_LABEL_BOX,
                    )
    gap_word = "无数据" if spec.lang == "zh" else "no data"
    for x, label in enumerate(spec.x):
        if label in spec.gaps:
            ax.axvspan(x - 0.4, x + 0.4, color="#f1f3f5", zorder=0)
            ax.text(
                x,
                0.5,
                gap_word,
                transform=ax.get_xaxis_transform(),
                ha="center",
                va="center",
                fontsize=8,
                color="#868e96",
            )
    ax.set_xticks(xs, spec.x)
    ax.yaxis.set_major_locator(_few_ticks())
    ax.set_ylim(bottom=0, top=_top(spec))
    ax.set_ylabel(spec.unit, rotation=0, ha="right", va="bottom")  # upright, above the axis: 件 reads as 件
    ax.yaxis.set_label_coords(0, 1.01)
    ax.grid(axis="y", color="#e9ecef")
    if len(spec.series) > 1:
        ax.legend(fontsize=8, frameon=False)


def _draw_bars(ax, spec: ChartSpec) -> None:
    values = [v or 0.0 for v in spec.series[0].values]
    ys = list(range(len(values)))[::-1]  # largest at the top
    ax.barh(ys, values, color=_COLORS[0], height=0.6)
    for y, v in zip(ys, values):
        ax.annotate(
            format_number(v), (v, y), textcoords="offset points", xytext=(4, 0), va="center", fontsize=9
        )
    ax.set_yticks(ys, ["\n".join(wrap(x, 28)) for x in spec.x])
    ax.xaxis.set_major_locator(_few_ticks())
    ax.set_xlim(left=0, right=_top(spec))
    ax.set_xlabel(spec.unit)
    ax.grid(axis="x", color="#e9ecef")


def _few_ticks():
    """Five or so whole-number ticks on the value axis: easy to read, and every tick costs drawing time."""
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=5, integer=True, min_n_ticks=2)


def _top(spec: ChartSpec) -> float:
    """Headroom above the largest value for its label; an axis of zeros still shows 0 to 1."""
    largest = max((v for s in spec.series for v in s.values if v is not None), default=0.0)
    return largest * 1.15 if largest > 0 else 1.0


@cache
def _matplotlib():
    """matplotlib with the bundled CJK font registered (imported on first use: it takes ~0.3 s)."""
    try:
        from importlib.resources import files

        import matplotlib
        from matplotlib import font_manager
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        font = files(FONT_PACKAGE) / FONT_FILE
    except ImportError as e:
        raise ChartUnavailable(f"charts need matplotlib and {FONT_PACKAGE}: pip install -e . ({e})") from e
    font_manager.fontManager.addfont(str(font))
    return matplotlib, Figure, FigureCanvasAgg
