"""Time to draw a chart: the charts of real trend, comparison and ranking answers over the bundled sample
reports, each drawn N times (matplotlib Agg to PNG); the first draw of the process (import matplotlib,
load the font) is shown apart.

    python bench/charts.py                 # a fresh temporary home, filled with the samples
    python bench/charts.py --home DIR --repeat 20
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTIONS = ("平潭历年新收政府信息公开申请数量有什么变化？", "平潭历年行政许可决定数量", "平潭历年行政诉讼",
             "平潭2019年到2023年不予公开的申请", "2020年哪个单位收到的申请最多？",
             "How did Pingtan's new disclosure requests change from 2019 to 2025?")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--home", help="data home (default: a fresh temporary home, filled with the samples)")
    p.add_argument("--repeat", type=int, default=10, help="draws of each chart")
    args = p.parse_args(argv)

    from bot.answer import answer
    from bot.charts import chart_for, render_png
    from index.reader import Index

    with tempfile.TemporaryDirectory(prefix="xxgk-bench-charts-") as tmp:
        index = Index.open(args.home or tmp, bootstrap=True)
        specs = [s for s in (chart_for(answer(q, index)) for q in QUESTIONS) if s is not None]
        index.close()
    started = time.perf_counter()
    render_png(specs[0])
    cold = time.perf_counter() - started
    times, sizes = [], []
    for spec in specs:
        for _ in range(args.repeat):
            started = time.perf_counter()
            sizes.append(len(render_png(spec)))
            times.append(time.perf_counter() - started)
    q = statistics.quantiles(times, n=100, method="inclusive")
    print(f"{len(specs)} charts ({', '.join(s.kind for s in specs)}) × {args.repeat}: p50 {q[49] * 1000:.0f} ms, "
          f"p95 {q[94] * 1000:.0f} ms, max {max(times) * 1000:.0f} ms; first draw of the process "
          f"{cold * 1000:.0f} ms; PNG {min(sizes) // 1024}–{max(sizes) // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
