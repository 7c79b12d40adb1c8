"""`xxgk watch add URL | list | remove URL | run`: thin wrappers over index.watch, rendered by
bot.watch_text. `run` exits with status 1 when a page or a report link failed this time (each is tried
again at a later run)."""

from __future__ import annotations

import sys

from index.errors import IndexProblem


def run(args) -> int:
    from index.download import DownloadRefused

    action = {"add": _add, "list": _list, "remove": _remove, "run": _run}[args.action]
    try:
        return action(args)
    except DownloadRefused as e:
        print(f"xxgk watch: {e}", file=sys.stderr)
        return 2
    except IndexProblem as e:
        print(f"xxgk watch: {e}", file=sys.stderr)
        return 1


def _add(args) -> int:
    from index.watch import add_page

    added = add_page(args.home, args.url)
    print(f"watching {args.url}; `xxgk watch run` checks it now" if added else f"already watching {args.url}")
    return 0


def _remove(args) -> int:
    from index.watch import remove_page

    removed = remove_page(args.home, args.url)
    print(
        f"no longer watching {args.url} (its reports stay in the index)"
        if removed
        else f"not watched: {args.url}"
    )
    return 0 if removed else 1


def _list(args) -> int:
    from bot.watch_text import watch_list_lines
    from index.watch import overview

    for line in watch_list_lines(*overview(args.home)):
        print(line)
    return 0


def _run(args) -> int:
    from bot.watch_text import result_lines
    from index.download import Policy
    from index.watch import run as watch_run

    result = watch_run(
        args.home,
        policy=Policy(allow_private=args.allow_private),
        delay=args.delay,
        model=args.model,
        workers=args.workers,
        cluster=args.cluster,
    )
    for line in result_lines(result):
        print(line)
    return 1 if result.problems or any(p.status == "failed" for p in result.pages) else 0
