"""The bounds on the work one input may cause. Every limit is here, and README.md lists them.

Real reports are far inside them (measured on the shared corpus: pages up to 0.4 MB, at most 73 passages,
a few hundred table cells, parsed in 10–25 ms). An input past a limit fails alone with one line saying
which limit, and nothing in the index changes.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Iterator

from ingest.errors import ReportError

MAX_FILE_BYTES = 40 * 2**20  # a report file or page; an 11 MB inline image before the tables still fits
MAX_TABLE_CELLS = 20_000  # grid slots of one table after rowspan/colspan expansion
MAX_PAGE_CELLS = 100_000  # grid slots of all tables of one page (at the limit: a few seconds to read)
MAX_PASSAGES = 2_000  # passages (narrative pieces and table rows) of one report: ~15 min of embedding at most
MAX_PDF_PAGES = 500  # pages of one PDF (real reports: 5–40); checked before any page is read
MAX_PDF_GLYPHS = 2_000_000  # characters of all pages of one PDF (a 40-page report holds ~60,000)
MAX_PDF_OBJECTS = 200_000  # drawn objects (lines, shapes, text runs) on one PDF page
MAX_UNPACKED_BYTES = 160 * 2**20  # the parts of a Word file, unpacked (a zip bomb is refused unread)
PARSE_SECONDS = 60.0  # wall-clock time to parse one report
PARSE_GRACE = 10.0  # then the child process parsing it is killed, whatever it is doing
PARSE_MEMORY = 2 * 2**30  # address space a parsing child may add to what it started with


class LimitExceeded(ReportError):
    """An input would cause more work than a limit of ingest/limits.py allows; nothing was changed."""


def mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB" if n >= 2**20 else f"{n / 1024:.0f} KB"


def check_file_size(size: int, name: str = "") -> None:
    if size > MAX_FILE_BYTES:
        raise LimitExceeded(f"{name or 'the file'} is {mb(size)}; the limit for one report is {mb(MAX_FILE_BYTES)}. "
                            "Check that it is an annual report (a report page is well under 1 MB).")


def too_much(name: str, what: str) -> LimitExceeded:
    """An input past one of the limits above: `what` says which, in words ("it has 50,000 pages, the limit
    is 500")."""
    return LimitExceeded(f"{name or 'the file'}: {what}; nothing was added. Check that it is one annual report.")


def check_passages(count: int, name: str = "") -> None:
    if count > MAX_PASSAGES:
        raise LimitExceeded(f"{name or 'the report'} would make more than {MAX_PASSAGES:,} passages, the limit for one report "
                            "(a real report makes under 200); nothing was added. Check that it is one annual report.")


# --- the parse deadline ---------------------------------------------------------------------------------

_DEADLINE: contextvars.ContextVar[tuple[float, str] | None] = contextvars.ContextVar("parse_deadline", default=None)


@contextlib.contextmanager
def deadline(name: str, seconds: float | None = None) -> Iterator[None]:
    """Parsing inside this block stops with LimitExceeded once `seconds` have passed (checked by the
    parser's loops through check_time)."""
    token = _DEADLINE.set((time.monotonic() + (PARSE_SECONDS if seconds is None else seconds), name))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def seconds_left() -> float | None:
    """Seconds until the enclosing parse deadline (None outside one): a bound for a converter's timeout."""
    current = _DEADLINE.get()
    return None if current is None else current[0] - time.monotonic()


def check_time() -> None:
    """Called in the parser's loops: LimitExceeded once the deadline of the enclosing `deadline` has passed."""
    current = _DEADLINE.get()
    if current is not None and time.monotonic() > current[0]:
        raise too_slow(current[1])


def too_slow(name: str) -> LimitExceeded:
    return LimitExceeded(f"reading {name or 'the report'} took longer than {PARSE_SECONDS:.0f} s, the limit for one "
                         "report; nothing was added. Check that it is one annual report.")
