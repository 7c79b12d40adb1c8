"""The `xxgk` command: parses arguments and hands each command to one function in its own module.

Heavy modules (the index, the embedding model, the Telegram application) are imported only by the
command that needs them, so `xxgk --help` and `xxgk extract` start fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

EPILOG = """\
examples:
  xxgk ask "营商局2020年收到多少政府信息公开申请？"
  xxgk ask "how many disclosure requests did Pingtan get in 2023" --json
  xxgk extract report.html            # read one report's tables, no index needed
  xxgk ingest reports/ https://example.gov.cn/nb2023.htm
  xxgk serve                          # the Telegram bot (TELEGRAM_BOT_TOKEN, XXGK_ADMIN_IDS)

The data home is --home, else $XXGK_HOME, else your user data folder. A new, empty home is filled
with the bundled sample reports on the first question.
"""

# command -> (module, function); each function takes the parsed args and returns an exit status.
COMMANDS = {
    "extract": ("bot.cmd_extract", "run"),
    "ingest": ("bot.cmd_index", "run_ingest"),
    "reindex": ("bot.cmd_index", "run_reindex"),
    "stats": ("bot.cmd_index", "run_stats"),
    "audit": ("bot.cmd_audit", "run"),
    "ask": ("bot.cmd_ask", "run_ask"),
    "chat": ("bot.cmd_ask", "run_chat"),
    "serve": ("bot.cmd_serve", "run"),
    "watch": ("bot.cmd_watch", "run"),
}


class CommandError(Exception):
    """A problem the user can fix, said in one line: exit status `status` (2: the command line itself)."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xxgk",
        description="Answers questions about government information-disclosure annual reports "
        "(政府信息公开工作年度报告): the exact number, the agency, the year and the table row it came from.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--debug", action="store_true", help="on an error, show the full traceback")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    home = argparse.ArgumentParser(add_help=False, parents=[common])
    home.add_argument(
        "--home", metavar="DIR", help="data home (default: $XXGK_HOME or your user data folder)"
    )

    # For copies that state neither their agency nor their year (a body without its title).
    given = argparse.ArgumentParser(add_help=False)
    given.add_argument("--agency", metavar="NAME", help="the report's agency, for a copy that does not name it "
                       "(full name, e.g. 河北省教育厅; short forms such as 上海市科委 are expanded)")
    given.add_argument("--year", metavar="YEAR", type=_year, help="the year the report covers, for a copy that "
                       "does not state it")

    workers = argparse.ArgumentParser(add_help=False)
    workers.add_argument("--workers", type=_workers, metavar="N",
                         help="processes that parse, chunk and embed (default: the machine's cores)")
    workers.add_argument("--cluster", metavar="ADDRESS", type=_cluster_address,
                         help="prepare the reports on a Dask cluster, e.g. tcp://10.0.0.5:8786 (pip install xxgk-bot[cluster])")

    p = sub.add_parser(
        "extract",
        parents=[common, given],
        help="read one report's metadata and tables (no index needed)",
        description="Read one report (.html .htm .txt .md) and print its agency, year, "
        "template, the three standard tables, ambiguous cells and failed identity checks.",
    )
    p.add_argument("file", metavar="FILE", help="report file (UTF-8, GBK/GB18030 are detected)")
    p.add_argument("--json", action="store_true", help="print the JSON object of the extract contract")

    p = sub.add_parser(
        "ingest",
        parents=[home, given, workers],
        help="add reports (files, folders, http(s) URLs) to the index",
        description="Add reports to the index. A re-ingested identical file is skipped; a "
        "new version of the same agency and year replaces the old one. The index is rebuilt "
        "beside the old one and swapped in atomically.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="report file, folder of reports, or http(s) URL")
    p.add_argument(
        "--model", metavar="NAME", help="embedding model (default: the bundled multilingual e5-small)"
    )
    p.add_argument(
        "--replace",
        action="store_true",
        help="serve these copies even where the indexed copy of the same agency and year is more complete",
    )
    p.add_argument(
        "--allow-private",
        action="store_true",
        help="allow URLs on private, loopback and link-local addresses (refused by default)",
    )

    p = sub.add_parser(
        "reindex",
        parents=[home, workers],
        help="rebuild every index from the stored originals",
        description="Re-parse every stored original and rebuild facts, passages and vectors. "
        "Readers keep the old index until the new one is complete.",
    )
    p.add_argument(
        "--model", metavar="NAME", help="switch the embedding model (a sentence-transformers name or path)"
    )

    sub.add_parser(
        "stats", parents=[home], help="what the index holds: reports, agencies, years, facts, model"
    )

    p = sub.add_parser(
        "audit",
        parents=[home],
        help="every contradiction the indexed reports hold (tables, narrative, year to year)",
        description="List each indexed report's contradictions: table sums that do not add up, blank "
        "totals, narrative numbers that differ from the tables, and figures that do not follow from the "
        "same agency's report of the year before; each with its cells, sentences and sources.",
    )
    p.add_argument("--agency", metavar="A", help="one agency (its full name, or a part of it)")
    p.add_argument("--year", type=int, metavar="Y", help="one report year")
    p.add_argument("--json", action="store_true", help="print the JSON list of the audit contract")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the table (default zh)")

    p = sub.add_parser(
        "ask",
        parents=[home],
        help="answer one question (or a file of questions with --batch)",
        description="Answer a question in Chinese or English from the indexed reports.",
    )
    p.add_argument("question", nargs="?", metavar="QUESTION")
    p.add_argument("--batch", metavar="FILE", help="answer one question per line of FILE")
    p.add_argument("--json", action="store_true", help="print JSON (one object per line with --batch)")
    p.add_argument("--chart", metavar="FILE.png", help="also write the chart of a trend, comparison or ranking answer")

    p = sub.add_parser("chat", parents=[home], help="interactive questions with follow-ups, history and clarify choices")
    p.add_argument("--json", action="store_true",
                   help="read questions from standard input, one per line; print one JSON line per answer")

    p = sub.add_parser(
        "watch",
        help="watch agencies' annual-report list pages and ingest new reports",
        description="Keep agencies' 政府信息公开年报 list pages under watch: `run` fetches each page "
        "(politely, one request at a time per host), finds report links and ingests the new ones.",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("add", parents=[home], help="watch a list page").add_argument("url", metavar="URL")
    actions.add_parser("remove", parents=[home], help="stop watching a list page").add_argument("url", metavar="URL")
    actions.add_parser("list", parents=[home], help="the watched pages and the links that failed")
    q = actions.add_parser("run", parents=[home, workers], help="check every page now and ingest new reports")
    q.add_argument("--delay", type=float, default=2.0, metavar="S", help="seconds between two requests to a host")
    q.add_argument("--model", metavar="NAME", help="embedding model (default: the index's own)")
    q.add_argument("--allow-private", action="store_true", help="allow pages on private and loopback addresses")

    p = sub.add_parser(
        "serve",
        parents=[home],
        help="run the Telegram bot",
        description="Run the Telegram bot. Token from TELEGRAM_BOT_TOKEN, admin user ids "
        "(comma-separated) from XXGK_ADMIN_IDS.",
    )
    p.add_argument("--api-base", metavar="URL", help="Bot API server base URL (self-hosted Bot API server)")
    p.add_argument(
        "--webhook", metavar="URL", help="receive updates by webhook at URL instead of long polling"
    )
    p.add_argument("--port", type=int, default=8443, help="local port for --webhook (default 8443)")
    return parser


def _workers(text: str) -> int:
    if not (text.strip().isdigit() and int(text) >= 1):
        raise argparse.ArgumentTypeError(f"“{text}” is not a number of processes (a whole number, 1 or more)")
    return int(text)


def _cluster_address(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty address; give the Dask scheduler's, e.g. tcp://10.0.0.5:8786")
    return text.strip()


def _year(text: str) -> int:
    if not (text.isdigit() and 1990 <= int(text) <= 2100):
        raise argparse.ArgumentTypeError(f"“{text}” is not a report year (1990–2100)")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    module, func = COMMANDS[args.command]
    try:
        handler = getattr(importlib.import_module(module), func)
        status = int(handler(args) or 0)
        sys.stdout.flush()  # a closed pipe shows here, inside the handling below, not at exit
        return status
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `xxgk … | head`: the reader has all it wants
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:
        if args.debug:
            raise
        print(f"xxgk {args.command}: {one_line(error)}", file=sys.stderr)
        return getattr(error, "status", 1)


def one_line(error: BaseException) -> str:
    """An error as one line: the message of an error we raise, else its kind and message and where to look."""
    from index.errors import IndexProblem
    from ingest.errors import ReportError

    if isinstance(error, CommandError | IndexProblem | ReportError):
        text = str(error)
    elif isinstance(error, OSError) and error.strerror:
        text = f"{error.strerror}: {error.filename}" if error.filename else error.strerror
    else:
        text = f"{type(error).__name__}: {error} (run again with --debug to see where)"
    return " ".join(text.split())


if __name__ == "__main__":
    sys.exit(main())
