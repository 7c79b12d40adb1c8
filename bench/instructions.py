"""Benchmark: the cost of `parse_report` in instructions per report, counted by valgrind's callgrind.

Wall-clock and CPU time on a shared host vary by a fifth from run to run; an instruction count does not
(the same count whatever else the machine runs), so two versions of the parser are compared by it.
The files are parsed once to warm every cache of small pieces, then k times; the count of one run with
k = 1 is taken from one with k = 3 and halved, so start-up and imports cancel out.

usage: python bench/instructions.py FILE...      (needs valgrind: Debian's package `valgrind`)
e.g.   python bench/instructions.py tests/data/*.html tests/data/derived/*.html
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(k: int, files: list[str]) -> None:
    sys.path.insert(0, str(ROOT))
    from ingest.parse import parse_report

    data = [(Path(f).name, Path(f).read_bytes()) for f in files]
    for _ in range(k + 1):  # the first round warms the caches
        for name, raw in data:
            parse_report(name, raw)


def _count(k: int, files: list[str]) -> int:
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__, "--run", str(k),
         *files],
        capture_output=True, text=True, check=True,
    )
    return int(re.search(r"Collected : (\d+)", out.stderr).group(1))


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--run":
        _run(int(sys.argv[2]), sys.argv[3:])
        return
    files = sys.argv[1:]
    if not files:
        sys.exit(__doc__)
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (Debian: apt-get install valgrind)")
    per_report = (_count(3, files) - _count(1, files)) / 2 / len(files)
    print(f"{per_report / 1e6:.1f} M instructions per report over {len(files)} files")


if __name__ == "__main__":
    main()
