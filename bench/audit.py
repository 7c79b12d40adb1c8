"""Benchmark: the audit over the shared corpus against the hand-made list of its real contradictions.

usage: python bench/audit.py [CORPUS] [--gold FILE] [--rounds N]

Each report of CORPUS (default /work/shared/corpus, its top-level files) is ingested with the real
`ingest` into a temporary home (the fast `hash` embedder: the audit reads facts and passages, not
vectors). Copies of the same report (a page and its scraped text) go into separate homes, each with every
other report, so each copy is audited against its neighbours. The findings are compared with
tests/data/audit_gold.json: recall of the listed contradictions, false alarms per report (any finding
not listed), and the audit's time per report (cold: nothing cached).

Targets: recall 100%, at most 1 false alarm per 10 reports, at most 50 ms per report.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot import audit as audit_module  # noqa: E402
from index.build import ingest  # noqa: E402
from index.reader import Index  # noqa: E402
from ingest.parse import SUFFIXES  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path("/work/shared/corpus")
GOLD = ROOT / "tests" / "data" / "audit_gold.json"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--rounds", type=int, default=5, help="timing rounds (the audit with a cold cache)")
    args = ap.parse_args()
    gold = _gold(json.loads(args.gold.read_text(encoding="utf-8")))
    files = sorted(p for p in args.corpus.iterdir() if p.name in gold)
    unreadable = {p.name: f"{p.suffix} is not a format this build reads (skipped)" for p in files
                  if p.suffix not in SUFFIXES}
    files = [p for p in files if p.name not in unreadable]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()} "
          "(shared by other sessions: timings are noisy)")
    with tempfile.TemporaryDirectory(prefix="xxgk-audit-bench-") as tmp:
        found, timings, skipped = _run(files, gold, Path(tmp), args.rounds)
    _report(gold, found, timings, {**unreadable, **skipped})


def _gold(data: dict) -> dict[str, dict]:
    reports = data["reports"]
    return {name: {**reports[entry["same_as"]], **{k: v for k, v in entry.items() if k != "same_as"}}
            if "same_as" in entry else entry for name, entry in reports.items()}


def _layers(files: list[Path], gold: dict) -> list[list[Path]]:
    """Homes: layer k holds each report's k-th copy, or its only one (a page and its scraped text are
    the same report: one index keeps one of them)."""
    copies: dict[tuple[str, int], list[Path]] = defaultdict(list)
    for path in files:
        copies[(gold[path.name]["agency"], gold[path.name]["year"])].append(path)
    depth = max(len(c) for c in copies.values())
    return [[c[min(layer, len(c) - 1)] for c in copies.values()] for layer in range(depth)]


def _run(files: list[Path], gold: dict, tmp: Path, rounds: int):
    found: dict[str, list] = {}
    timings: list[float] = []
    skipped: dict[str, str] = {}
    for i, paths in enumerate(_layers(files, gold)):
        home = tmp / f"home-{i}"
        result = ingest(home, paths, model="hash:64")
        for outcome in result.outcomes:
            if outcome.status not in ("added", "replaced", "unchanged"):
                skipped.setdefault(Path(outcome.source).name, f"{outcome.status}: {outcome.reason}")
        if result.generation is None and not (home / "CURRENT").exists():
            continue
        with Index.open(home, bootstrap=False) as index:
            for record in index.reports():
                name = Path(record.source_name).name
                if name in found:
                    continue
                found[name] = list(audit_module.audit_report(index, record))
                timings += _time(index, record, rounds)
                skipped.pop(name, None)
    return found, timings, skipped


def _time(index, record, rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        audit_module.clear_cache()
        start = time.perf_counter()
        audit_module.audit_report(index, record)
        out.append((time.perf_counter() - start) * 1000)
    return out


def _matches(finding, item: dict) -> bool:
    return finding.rule == item["rule"] and any(c.key == item["key"] for c in finding.cells)


def _report(gold: dict, found: dict[str, list], timings: list[float], skipped: dict[str, str]) -> None:
    hits = misses = alarms = 0
    print(f"\n{'report':34} {'found':>5} {'listed':>6} {'false':>5}")
    for name in sorted(gold):
        if name not in found:
            print(f"{name:34} {'—':>5} {'—':>6} {'—':>5}  not audited: {skipped.get(name, 'not in corpus')}")
            continue
        listed = gold[name].get("contradictions", [])
        got = [item for item in listed if any(_matches(f, item) for f in found[name])]
        false = [f for f in found[name] if not any(_matches(f, item) for item in listed)]
        hits, misses, alarms = hits + len(got), misses + len(listed) - len(got), alarms + len(false)
        print(f"{name:34} {len(got):5} {len(listed):6} {len(false):5}")
        for item in listed:
            if item not in got:
                print(f"    MISSED {item['rule']} {item['key']}: {item['says']}")
        for f in false:
            print(f"    FALSE ALARM {f.rule}: {f.detail}")
    n = len(found)
    not_detectable = sum(len(gold[name].get("not_detectable", [])) for name in found)
    timings.sort()
    print(f"\nreports audited: {n}; skipped: {len(skipped)} ({'; '.join(f'{k}: {v}' for k, v in skipped.items())})")
    print(f"recall: {hits}/{hits + misses} = {hits / max(hits + misses, 1):.0%} (target 100%); "
          f"{not_detectable} more listed as not detectable in this corpus")
    print(f"false alarms: {alarms} in {n} reports = {alarms / max(n, 1) * 10:.1f} per 10 reports (target ≤ 1)")
    if timings:
        p50, p95 = timings[len(timings) // 2], timings[int(len(timings) * 0.95)]
        print(f"time per report (cold cache): median {p50:.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms "
              "(target ≤ 50 ms)")


if __name__ == "__main__":
    main()
