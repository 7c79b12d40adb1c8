"""Benchmark: what the input limits cost, and how fast hostile inputs are refused.

usage: python bench/limits.py [--rounds N]

Prints, for a real 110 KB report page: parsing in this process against parsing in the bounded child
process (ingest/isolated.py) and the child's start; then, for each hostile input of the fault suite, the
time until it is refused or read and the peak memory it took (tracemalloc, this process).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from index.build import ingest
from ingest import isolated, limits
from ingest.parse import parse_report

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "tests" / "data" / "2023_pingtan_syq_page.html"
TEXT = ROOT / "tests" / "data" / "2022_pingtan_syq.txt"


def _median_ms(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _measured(fn) -> tuple[str, float, float]:
    """(outcome, seconds, peak MB) of fn(): timed on its own, then run again under tracemalloc (which
    slows Python code several times) for the peak."""
    start = time.perf_counter()
    outcome = _outcome(fn)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    _outcome(fn)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return outcome, seconds, peak


def _outcome(fn) -> str:
    try:
        return fn()
    except limits.LimitExceeded as e:
        return f"refused: {str(e)[:90]}…"


def _page_with(insert: str) -> bytes:
    page = PAGE.read_text("utf-8")
    at = page.index("<table")
    return (page[:at] + insert + page[at:]).encode()


def _hostile(scratch: Path) -> dict[str, object]:
    cell = '<td rowspan="1000" colspan="1000">1</td>'
    bomb = _page_with("<table>" + "".join(f"<tr>{cell * 10}</tr>" for _ in range(120)) + "</table>")
    rows = limits.MAX_TABLE_CELLS // 200 - 1
    wide = "".join("<table>" + ("<tr>" + "<td>1</td>" * 200 + "</tr>") * rows + "</table>"
                   for _ in range(limits.MAX_PAGE_CELLS // limits.MAX_TABLE_CELLS))
    big = scratch / "50mb.html"
    with open(big, "wb") as fh:
        fh.write(b"<html><body><p>" + "很".encode() * (50 * 2**20 // 3) + b"</p></body></html>")
    narrative = TEXT.read_text("utf-8") + "\n" + "我们持续推进政务公开标准化规范化建设，进一步完善了主动公开目录。" * 12_000
    return {
        f"span bomb ({len(bomb) // 1024} KB)": lambda: parse_report("bomb.html", bomb),
        f"cells just under the page limit ({len(wide) // 1024} KB)": lambda: _facts(_page_with(wide)),
        "11 MB inline image before the tables": lambda: _facts(_page_with('<img src="data:image/png;base64,'
                                                                          + "A" * 11_000_000 + '">')),
        "11 MB text node before the tables": lambda: _facts(_page_with("<p>" + "很" * 11_000_000 + "</p>")),
        "50 MB page, ingested": lambda: _ingest(scratch, big),
        f"narrative of {len(narrative.encode()) // 1024} KB (too many passages), ingested":
            lambda: _ingest(scratch, _written(scratch / "long.txt", narrative)),
    }


def _facts(data: bytes) -> str:
    return f"read: {len(parse_report('page.html', data).facts)} facts"


def _written(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path


def _ingest(scratch: Path, path: Path) -> str:
    [outcome] = ingest(scratch / "home", [path], model="hash:64").outcomes
    return f"{outcome.status}: {outcome.reason[:70]}…"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    data = PAGE.read_bytes()
    start = time.perf_counter()
    isolated.parse_in_child(PAGE.name, data)
    first = time.perf_counter() - start
    inline = _median_ms(lambda: parse_report(PAGE.name, data), args.rounds)
    child = _median_ms(lambda: isolated.parse_in_child(PAGE.name, data), args.rounds)
    print(f"parse {PAGE.name} ({len(data) // 1024} KB), median of {args.rounds}: in process {inline:.1f} ms, "
          f"in the bounded child {child:.1f} ms (+{child - inline:.1f} ms); child start + first parse {first:.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        for name, fn in _hostile(Path(tmp)).items():
            outcome, seconds, peak = _measured(fn)
            print(f"{name}: {seconds:.2f} s, peak {peak:.0f} MB — {outcome}")


if __name__ == "__main__":
    main()
