"""Charts of trend, comparison and ranking answers: made from the answer's facts, gaps where no figure is,
sorted bars with their values, Chinese drawn in the bundled font (no missing glyphs), `xxgk ask --chart`."""

from __future__ import annotations

import io
import warnings

import pytest

from bot.answer import answer
from bot.charts import BARS, LINE, chart_for, figure, render_png
from bot.types import Answer, FactRef, Query, Source

SOURCE = Source("平潭综合实验区2020年度政府信息公开工作年度报告", "平潭综合实验区", 2020, "表三", "", None)


def compare_answer(facts: list[FactRef], row: str, lang: str = "zh", intent: str = "compare") -> Answer:
    query = Query("q", lang, keys=(row,), intent=intent)
    return Answer("q", "compare", "…", facts=tuple(facts), sources=(SOURCE,), lang=lang, query=query)


def png_size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def test_a_real_trend_has_a_line_with_gaps_for_the_years_without_a_report(answer_index):
    result = answer("平潭2020年到2025年收到的申请数量有什么变化？", answer_index)
    spec = chart_for(result)
    assert spec.kind == LINE and spec.x == ("2020", "2021", "2022", "2023", "2024", "2025")
    assert spec.series[0].name == "平潭综合实验区"
    assert spec.series[0].values == (21.0, None, None, None, None, 154.0)
    assert spec.gaps == ("2021", "2022", "2023", "2024")
    assert spec.title.startswith("平潭综合实验区 ") and "本年新收政府信息公开申请数量" in spec.title
    assert (
        "《平潭综合实验区2020年度政府信息公开工作年度报告》" in spec.footnote
        and "2021年、2022年" in spec.footnote
    )


def test_the_line_is_not_drawn_across_a_gap():
    facts = [
        FactRef("applications.new_received.total", v, "平潭综合实验区", y)
        for y, v in ((2019, 23), (2020, 21), (2022, 74), (2023, 81), (2025, 154))
    ]
    spec = chart_for(compare_answer(facts, "applications.new_received"))
    fig = figure(spec)
    ax = fig.axes[0]
    fig.canvas.draw()
    image = _pixels(fig)
    line_color = (0x1F, 0x6F, 0xB2)
    assert _count(image, ax, 2.5, 3.5, line_color) > 0  # 2022 → 2023: joined
    assert _count(image, ax, 1.6, 2.4, line_color) == 0  # 2021 has no report: nothing drawn there
    assert _count(image, ax, 4.6, 5.4, line_color) == 0  # nor in 2024


def _pixels(fig):
    import numpy as np

    return np.asarray(fig.canvas.buffer_rgba())[:, :, :3]


def _count(image, ax, x0: float, x1: float, color: tuple[int, int, int]) -> int:
    """Pixels of `color` between x positions x0 and x1 (data units), over the whole height of the axes."""
    import numpy as np

    (left, bottom), (right, top) = ax.transData.transform([(x0, ax.get_ylim()[0]), (x1, ax.get_ylim()[1])])
    height = image.shape[0]
    box = image[int(height - top) : int(height - bottom), int(left) : int(right)].astype(int)
    return int((np.abs(box - np.array(color)).sum(axis=2) < 30).sum())


def test_a_year_whose_cells_are_not_all_read_is_a_gap_not_a_partial_sum():
    from ingest.template import TEMPLATE_2021

    rows = [f"applications.{r.key}" for _, r in TEMPLATE_2021.table("applications").rows]
    reasons = [f"{row}.total" for row in rows if row.startswith("applications.results.denied.")]
    assert len(reasons) == 8
    facts = [FactRef(k, 1, "平潭综合实验区", 2019) for k in reasons]
    facts += [FactRef(k, 1, "平潭综合实验区", 2020) for k in reasons[:-1]]  # one reason unreadable in 2020
    facts += [FactRef(k, 2, "平潭综合实验区", 2021) for k in reasons]
    spec = chart_for(compare_answer(facts, "applications.results.denied"))
    assert spec.series[0].values == (8.0, None, 16.0)


def test_agencies_in_one_year_are_sorted_bars_with_unreadable_ones_named():
    facts = [
        FactRef("applications.new_received.total", v, a, 2020)
        for a, v in (("甲市营商环境建设局", 3), ("乙县人民政府", 40), ("丙区财政局", 12))
    ]
    spec = chart_for(compare_answer(facts, "applications.new_received", intent="rank"))
    assert spec.kind == BARS and spec.x == ("乙县人民政府", "丙区财政局", "甲市营商环境建设局")
    assert spec.series[0].values == (40.0, 12.0, 3.0) and spec.title.startswith("2020年")
    png = render_png(spec)
    width, height = png_size(png)
    assert png.startswith(b"\x89PNG") and width == 960 and 250 < height < 900


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chinese_is_drawn_without_missing_glyphs(lang):
    facts = [FactRef("litigation.direct.total", v, "平潭综合实验区", y) for y, v in ((2022, 1), (2023, 5))]
    facts += [
        FactRef("litigation.after_review.total", v, "平潭综合实验区", y) for y, v in ((2022, 0), (2023, 2))
    ]
    spec = chart_for(compare_answer(facts, "litigation", lang))
    assert spec.series[0].values == (1.0, 7.0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        render_png(spec)
    assert not [w for w in caught if "missing from" in str(w.message) or "findfont" in str(w.message)]


@pytest.mark.parametrize("kind", ["fact", "narrative", "not_found"])
def test_answers_that_are_no_trend_or_comparison_have_no_chart(kind):
    facts = [FactRef("applications.new_received.total", 81, "平潭综合实验区", 2023)]
    assert chart_for(Answer("q", kind, "…", 81, tuple(facts), lang="zh")) is None
    assert chart_for(compare_answer(facts, "applications.new_received")) is None  # one figure is no chart


def test_ask_writes_the_chart_to_a_file(answer_home, tmp_path, capsys):
    from bot.cli import main

    out = tmp_path / "trend.png"
    assert (
        main(
            [
                "ask",
                "平潭2020年到2025年收到的申请数量有什么变化？",
                "--home",
                str(answer_home),
                "--chart",
                str(out),
            ]
        )
        == 0
    )
    assert out.read_bytes().startswith(b"\x89PNG") and png_size(out.read_bytes())[0] == 960
    assert (
        main(
            [
                "ask",
                "平潭2025年新收申请多少件？",
                "--home",
                str(answer_home),
                "--chart",
                str(tmp_path / "x.png"),
            ]
        )
        == 0
    )
    assert "no chart written" in capsys.readouterr().err and not (tmp_path / "x.png").exists()


def test_png_reads_back_as_an_image():
    import matplotlib.image

    facts = [
        FactRef("applications.new_received.total", v, "平潭综合实验区", y)
        for y, v in ((2020, 21), (2025, 154))
    ]
    image = matplotlib.image.imread(
        io.BytesIO(render_png(chart_for(compare_answer(facts, "applications.new_received"))))
    )
    assert image.shape[1] == 960 and image.shape[2] in (3, 4)
