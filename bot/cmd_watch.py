"""`xxgk watch add URL | list | remove URL | run`: thin wrappers over index.watch.

`run` prints one line per list page, one per report added and one per problem, then a summary; exit
status 1 when a page or a report link failed this time (each is tried again at a later run)."""

from __future__ import annotations

import sys
from datetime import datetime

from index.errors import IndexProblem


def run(args) -> int:
    action = {"add": _add, "list": _list, "remove": _remove, "run": _run}[args.action]
    try:
        return action(args)
    except IndexProblem as e:
        print(f"xxgk watch: {e}", file=sys.stderr)
        return 1


def _add(args) -> int:
    from index.download import DownloadRefused, check_scheme
    from index.home import resolve_home
    from index.watch import WatchList

    try:
        check_scheme(args.url)
    except DownloadRefused as e:
        print(f"xxgk watch: {e}", file=sys.stderr)
        return 2
    watchlist = WatchList.open(resolve_home(args.home))
    try:
        added = watchlist.add(args.url)
    finally:
        watchlist.close()
    print(f"watching {args.url}; `xxgk watch run` checks it now" if added else f"already watching {args.url}")
    return 0


def _remove(args) -> int:
    from index.home import resolve_home
    from index.watch import WatchList

    watchlist = WatchList.open(resolve_home(args.home))
    try:
        removed = watchlist.remove(args.url)
    finally:
        watchlist.close()
    print(f"no longer watching {args.url} (its reports stay in the index)" if removed else f"not watched: {args.url}")
    return 0 if removed else 1


def _list(args) -> int:
    from index.home import resolve_home
    from index.watch import WatchList

    watchlist = WatchList.open(resolve_home(args.home))
    try:
        pages, links = watchlist.pages(), watchlist.links()
    finally:
        watchlist.close()
    if not pages:
        print("no list pages watched; add one with: xxgk watch add URL")
    for page in pages:
        print(page_line(page))
        for link in (x for x in links if x.page == page.url and x.status != "ingested"):
            print(f"  {link.status:9} {link.url}: {link.reason}{retry_note(link.status, link.next_try)}")
    return 0


def _run(args) -> int:
    from index.download import Policy
    from index.watch import run as watch_run

    result = watch_run(args.home, policy=Policy(allow_private=args.allow_private), delay=args.delay,
                       model=args.model, workers=args.workers, cluster=args.cluster)
    for line in result_lines(result):
        print(line)
    return 1 if result.problems or any(p.status == "failed" for p in result.pages) else 0


def page_line(page) -> str:
    checked = f"checked {page.checked_at}" if page.checked_at else "not checked yet"
    line = f"{page.url}: {checked}; {page.ingested} reports ingested"
    line += f", {page.waiting} to retry" if page.waiting else ""
    line += f", {page.given_up} given up" if page.given_up else ""
    return line + (f"; last check failed ({page.failures}×): {page.last_error}" if page.failures else "")


def result_lines(result) -> list[str]:
    lines = []
    for page in result.pages:
        what = {"read": f"{page.found} report links, {page.new} new", "not_modified": "not modified since the last run",
                "failed": f"failed: {page.error}"}[page.status]
        lines.append(f"page      {page.url}: {what}")
    for new in result.new:
        requests = f"{new.new_requests:g}" if new.new_requests is not None else "not stated with certainty"
        lines.append(f"{new.status:9} {new.source}: {new.agency} {new.year}, new requests {requests}, "
                     f"{new.failed_checks} failed checks" + (f"; replaced {new.replaced}" if new.replaced else ""))
    for url in result.unchanged:
        lines.append(f"unchanged {url}: already in the index")
    for problem in result.problems:
        later = "given up after repeated failures" if problem.given_up else "tried again at a later run"
        lines.append(f"failed    {problem.url}: {problem.reason} ({later})")
    where = f"published generation {result.generation}" if result.generation else "index unchanged"
    lines.append(f"done: {len(result.new)} new reports, {len(result.problems)} problems; {where}")
    return lines


def retry_note(status: str, next_try: float) -> str:
    if status != "failed":
        return ""
    return f" (next try after {datetime.fromtimestamp(next_try).strftime('%Y-%m-%d %H:%M')})"
