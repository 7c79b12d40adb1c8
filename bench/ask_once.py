"""Benchmark: wall time of one `xxgk ask` process, start to answer, as a user at a shell meets it.

usage: python bench/ask_once.py [--rounds N]

A scratch data home is indexed with the bundled samples first (not timed); then each question runs
as its own `xxgk ask` process, N times, and the median and worst wall times are printed. The bot and
`xxgk ask --batch` load everything once, so this is the cost that only one-shot use pays.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = (
    ("fact, zh", "营商局2020年收到多少政府信息公开申请？"),
    ("fact, en", "how many disclosure requests did the 营商局 get in 2020"),
    ("narrative, zh", "平潭2023年工作有哪些不足？"),
    ("unknown agency, zh", "沈阳营商局2020年收到多少申请？"),
)


def _ask(home: str, question: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "bot.cli", "ask", "--home", home, question], cwd=ROOT, check=True,
                   capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as home:
        _ask(home, QUESTIONS[0][1])  # first use indexes the samples: not what is measured
        print(f"one `xxgk ask` process per question, {args.rounds} rounds, {os.cpu_count()} CPUs")
        for label, question in QUESTIONS:
            times = [_ask(home, question) for _ in range(args.rounds)]
            print(f"  {label:20} median {statistics.median(times):.2f} s  worst {max(times):.2f} s  {question}")


if __name__ == "__main__":
    main()
