"""Benchmark: reports per second through `parse_report` (decode, HTML/text/PDF/Word, tables, facts, checks),
one process, with the median and the slowest report of each form.

usage: python bench/extract.py [DIR ...] [--rounds N]
Default: the corpus copies in tests/data (real reports: HTML pages of 100–340 KB, scraped text, an agency's
PDF, PDF and Word forms of real pages). Old binary .doc files are left out: LibreOffice converts them
(about 2 s each, its own start-up), which measures LibreOffice, not the reader.
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
    Path(__file__).resolve().parents[1] / "tests" / "data" / "converted",  # PDFs through PDF→Markdown converters
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="*", type=Path, default=DEFAULT)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument(
        "--stress", action="store_true", help="also time the stress forms (tests/stress_forms.py)"
    )
    args = ap.parse_args()
    files = [
        (p.name, p.read_bytes())
        for d in args.dirs
        for p in sorted(d.iterdir())
        if p.suffix in SUFFIXES and p.suffix != ".doc" and p.with_suffix(".facts.json").exists()
    ]
    times: dict[str, list[float]] = {name: [] for name, _ in files}
    cpu: dict[str, list[float]] = {name: [] for name, _ in files}
    start = time.perf_counter()
    for _ in range(args.rounds):
        for name, data in files:
            t, c = time.perf_counter(), time.process_time()
            parse_report(name, data)
            times[name].append(time.perf_counter() - t)
            cpu[name].append(time.process_time() - c)
    total = time.perf_counter() - start
    n = len(files) * args.rounds
    mb = sum(len(d) for _, d in files) * args.rounds / 1e6
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {_cpu()}, Python {platform.python_version()}"
    )
    print(f"{len(files)} reports x {args.rounds} rounds: {n / total:.0f} reports/s, {mb / total:.1f} MB/s")
    print(
        "by form (each report's median over the rounds; wall clock, then CPU time, which a shared machine "
        "disturbs less):"
    )
    _by_form(times, cpu)
    if args.stress:
        _stress()
        from bench.copies import main as copies

        copies()


def _by_form(times: dict[str, list[float]], cpu: dict[str, list[float]]) -> None:
    """Per form: the median report and the slowest one, in wall-clock and in CPU milliseconds."""
    wall_ms = {name: statistics.median(v) * 1000 for name, v in times.items()}
    cpu_ms = {name: statistics.median(v) * 1000 for name, v in cpu.items()}
    forms = sorted({Path(name).suffix for name in wall_ms}, key=SUFFIXES.index)
    for form in [*forms, "all"]:
        names = [k for k in wall_ms if form == "all" or k.endswith(form)]
        median = statistics.median(wall_ms[k] for k in names)
        slowest = max(names, key=wall_ms.get)
        print(
            f"  {form:5} median {median:6.1f} ms ({1000 / median:4.0f} reports/s), cpu "
            f"{statistics.median(cpu_ms[k] for k in names):6.1f} ms; slowest {wall_ms[slowest]:6.1f} ms, cpu "
            f"{cpu_ms[slowest]:6.1f} ms ({slowest}); {len(names)} files"
        )


def _stress() -> None:
    """Every stress form of tests/stress_forms.py parsed once, family by family (an applicant column left blank,
    zeros too or not; a row left blank; a misprinted cell; each scraped per line and fused): the median and
    slowest forms in CPU time, and how many state a number the copy does not support."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from stress_forms import column_forms, misprint_forms, row_forms, wrong_numbers

    for family, forms in (
        ("column blank", column_forms()),
        ("row blank", row_forms()),
        ("misprint", misprint_forms()),
    ):
        rows = []
        for form in forms:
            t, c = time.perf_counter(), time.process_time()
            report = parse_report(f"{form.name}.txt", form.text.encode("utf-8"))
            wall, cpu = time.perf_counter() - t, time.process_time() - c
            wrong = wrong_numbers(form, {f.key: f.value for f in report.facts})
            rows.append((cpu, wall, form.name, len(report.facts), len(wrong)))
        cpu_ms = [r[0] * 1000 for r in rows]
        print(
            f"stress, {family}: {len(rows)} forms, cpu median {statistics.median(cpu_ms):.0f} ms, "
            f"stating a number the copy does not support: {sum(1 for r in rows if r[4])}; slowest:"
        )
        for cpu, wall, name, facts, wrong in sorted(rows, reverse=True)[:3]:
            print(
                f"  cpu {cpu * 1000:6.0f} ms, wall {wall * 1000:6.0f} ms  {name}  ({facts} facts, {wrong} wrong)"
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
