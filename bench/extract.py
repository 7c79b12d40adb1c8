"""Benchmark: reports per second through `parse_report` (decode, HTML/text, tables, facts, checks), one process.

usage: python bench/extract.py [DIR ...] [--rounds N]
Default: the corpus copies in tests/data (real reports, HTML pages of 100–340 KB and scraped text).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.parse import SUFFIXES, parse_report  # noqa: E402

DEFAULT = [
    Path(__file__).resolve().parents[1] / "tests" / "data",
    Path(__file__).resolve().parents[1] / "tests" / "data" / "derived",
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="*", type=Path, default=DEFAULT)
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    files = [
        (p.name, p.read_bytes())
        for d in args.dirs
        for p in sorted(d.iterdir())
        if p.suffix in SUFFIXES and p.with_suffix(".facts.json").exists()
    ]
    times: dict[str, list[float]] = {name: [] for name, _ in files}
    start = time.perf_counter()
    for _ in range(args.rounds):
        for name, data in files:
            t = time.perf_counter()
            parse_report(name, data)
            times[name].append(time.perf_counter() - t)
    total = time.perf_counter() - start
    n = len(files) * args.rounds
    mb = sum(len(d) for _, d in files) * args.rounds / 1e6
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {_cpu()}, Python {platform.python_version()}"
    )
    print(f"{len(files)} reports x {args.rounds} rounds: {n / total:.0f} reports/s, {mb / total:.1f} MB/s")
    for kind in (".html", ".txt"):
        ms = [statistics.median(v) * 1000 for k, v in times.items() if k.endswith(kind)]
        if ms:
            print(
                f"  {kind:5} median {statistics.median(ms):.1f} ms/report, slowest {max(ms):.1f} ms ({len(ms)} files)"
            )


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    main()
