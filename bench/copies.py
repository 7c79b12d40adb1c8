"""Copies of every real report as other tools write them (tests/stress_copies.py), family by family: how many
gold cells each family's copies state as the gold, flag as ambiguous or miss, how many numbers they state
wrong (must be 0), and the slowest copy's CPU time (every input must extract in ≤ 2 s).

    python -m bench.copies          (also run by `python -m bench.extract --stress`)
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from stress_copies import copies, score

    totals: dict[str, list] = defaultdict(lambda: [0, 0, 0, 0, 0, 0.0, ""])
    for copy in copies():
        start = time.process_time()
        result = score(copy)
        cpu = time.process_time() - start
        row = totals[copy.family]
        row[:5] = [
            row[0] + 1,
            row[1] + len(result.wrong),
            row[2] + result.placed,
            row[3] + result.ambiguous,
            row[4] + result.missing,
        ]
        if cpu > row[5]:
            row[5], row[6] = cpu, copy.source
    print(f"{'copies, family':34} {'n':>3} {'wrong':>5} {'placed':>6} {'ambig':>5} {'miss':>4}  slowest cpu")
    for family, (n, wrong, placed, ambiguous, missing, cpu, slowest) in totals.items():
        print(
            f"{family:34} {n:3} {wrong:5} {placed:6} {ambiguous:5} {missing:4}  {cpu * 1000:5.0f} ms ({slowest})"
        )


if __name__ == "__main__":
    main()
