"""`xxgk ingest`, `xxgk reindex`, `xxgk stats`: thin wrappers over index.build and Index.stats.

Each prints one line per report on stdout, a progress bar on stderr when stderr is a terminal, and a
final summary. A problem the user can fix is one line on stderr and exit status 1, never a traceback.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TextIO

from index.errors import IndexProblem


def run_ingest(args) -> int:
    from index.build import ingest
    from index.download import Policy
    from index.fetch import url_inputs

    agency, year = getattr(args, "agency", None), getattr(args, "year", None)
    _check_given(agency, year, args.paths)
    paths = url_inputs(args.paths, Policy(allow_private=getattr(args, "allow_private", False)))
    return _run("ingest", lambda progress: ingest(args.home, paths, model=getattr(args, "model", None),
                                                  progress=progress, replace=getattr(args, "replace", False),
                                                  agency=agency, year=year, **_runner(args)))


def _check_given(agency: str | None, year: int | None, paths: list[str]) -> None:
    """A CommandError when --agency/--year cannot apply to these inputs."""
    from bot.cli import CommandError
    from ingest.agency_names import given_agency
    from ingest.errors import NotAnAgencyName

    if year and (len(paths) > 1 or Path(paths[0]).is_dir()):
        raise CommandError("--year gives the year of one report: ingest the reports one at a time, each with its "
                           "own --year", status=2)
    try:
        _ = agency and given_agency(agency)
    except NotAnAgencyName as e:
        raise CommandError(f"--agency {e}", status=2) from e


def run_reindex(args) -> int:
    from index.build import reindex

    return _run("reindex", lambda progress: reindex(args.home, model=getattr(args, "model", None), progress=progress,
                                                    **_runner(args)))


def _runner(args) -> dict:
    """--workers N / --cluster ADDRESS: where reports are parsed, chunked and embedded."""
    return {"workers": getattr(args, "workers", None), "cluster": getattr(args, "cluster", None)}


def run_stats(args) -> int:
    from index.reader import Index

    try:
        with Index.open(args.home, bootstrap=False) as index:
            stats, problems = index.stats(), index.problems(thorough=True)
    except IndexProblem as e:
        print(f"xxgk stats: {e}", file=sys.stderr)
        return 1
    for key, value in stats.items():
        print(f"{key:13} {_human(value) if key == 'index_bytes' else value}")
    for problem in problems:
        print(f"xxgk stats: {problem}", file=sys.stderr)
    return 1 if problems else 0


def _run(command: str, action) -> int:
    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    try:
        result = action(bar.update if bar else None)
    except IndexProblem as e:
        if bar:
            bar.clear()
        print(f"xxgk {command}: {e}", file=sys.stderr)
        return 1
    if bar:
        bar.clear()
    for outcome in result.outcomes:
        print(report_line(outcome))
    print(summary_line(result))
    return 1 if result.failed else 0


def report_line(o) -> str:
    """One line per input: what happened to it and what it holds."""
    who = f"{o.agency} {o.year}" if o.agency else ""
    if o.status in ("added", "replaced"):
        line = (f"{o.status:9} {o.source}: {who}, {o.facts} facts, {o.ambiguous} ambiguous, {o.chunks} chunks, "
                f"{o.failed_checks} failed checks")
        return line + (f"; replaced {o.replaced}" if o.replaced else "") + (f": {o.reason}" if o.reason else "")
    return f"{o.status:9} {o.source}: " + ", ".join(p for p in (who, o.reason) if p)


def summary_line(result) -> str:
    counts: dict[str, int] = {}
    for o in result.outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
    parts = ", ".join(f"{n} {status}" for status, n in counts.items()) or "nothing to do"
    where = f"published generation {result.generation}" if result.generation else "index unchanged"
    return (f"done: {parts}; {result.chunks} chunks ({result.embedded} embedded, {result.cached} from cache); "
            f"{where}; model {result.model}; {result.seconds.get('total', 0.0):.1f} s")


class ProgressBar:
    """A one-line progress bar that redraws in place; only used when stderr is a terminal."""

    WIDTH = 30

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.last = 0.0

    def update(self, p) -> None:
        now = time.monotonic()
        if now - self.last < 0.1 and p.done < p.total:
            return
        self.last = now
        filled = int(self.WIDTH * p.done / p.total) if p.total else self.WIDTH
        label = {"read": "reading", "parse": "parsing", "embed": "embedding", "write": "writing"}.get(p.stage, p.stage)
        item = p.item[-40:] if p.item else ""
        self.stream.write(f"\r\x1b[K{label:9} [{'#' * filled}{'.' * (self.WIDTH - filled)}] {p.done}/{p.total} {item}")
        self.stream.flush()

    def clear(self) -> None:
        self.stream.write("\r\x1b[K")
        self.stream.flush()


def _human(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)
