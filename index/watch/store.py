"""The watch list: the list pages an admin registered, and every report link found on them with what
became of it. One SQLite file in the home (watch.db), beside the index and never inside a generation:
it records sources, not the index, and survives every re-index.

A link is "ingested" (the report is in the index, or was already), "failed" (tried again at `next_try`,
with a growing pause) or "gave_up" (after MAX_ATTEMPTS; `xxgk watch list` shows it with its reason).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import astuple, dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from index.download import check_scheme
from index.errors import IndexBusy, IndexProblem
from index.generations import ensure_home
from index.home import resolve_home

WATCH_FILE = "watch.db"
LOCK_FILE = "watch.lock"
MAX_ATTEMPTS = 6
RETRY_AFTER = 3600.0  # seconds before the first retry of a failed link; doubled each time (1 h … 32 h)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (url TEXT PRIMARY KEY, added_at TEXT NOT NULL, checked_at TEXT,
    etag TEXT, last_modified TEXT, failures INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS links (url TEXT PRIMARY KEY, page TEXT NOT NULL, title TEXT NOT NULL, date TEXT,
    first_seen TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
    next_try REAL NOT NULL DEFAULT 0, reason TEXT NOT NULL DEFAULT '', agency TEXT, year INTEGER,
    source TEXT);
CREATE INDEX IF NOT EXISTS links_page ON links (page);
"""


class WatchListDamaged(IndexProblem):
    """watch.db is not a readable database; the index itself is not affected."""


@dataclass(frozen=True)
class WatchedPage:
    url: str
    added_at: str
    checked_at: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0  # failed checks in a row
    last_error: str = ""
    ingested: int = 0  # its report links now in the index
    waiting: int = 0  # its report links that failed and will be tried again
    given_up: int = 0


@dataclass(frozen=True)
class SeenLink:
    url: str
    page: str
    title: str
    date: str | None
    status: str  # "ingested" | "failed" | "gave_up"
    attempts: int = 0
    next_try: float = 0.0  # epoch seconds
    reason: str = ""
    agency: str | None = None
    year: int | None = None
    source: str | None = None  # what was ingested: the page itself, or the file attached to it


class WatchList:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    @classmethod
    def open(cls, home: Path, *, readonly: bool = False) -> WatchList:
        """The home's watch list; `readonly` opens it without writing to the home (`xxgk watch list` in a
        read-only home), and a home without one then reads as an empty list. WatchListDamaged when the file
        is not a readable database."""
        path = home / WATCH_FILE
        if not readonly:
            ensure_home(home)
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro" if readonly else str(path), uri=readonly, timeout=10)
            conn.row_factory = sqlite3.Row
            if readonly:
                conn.execute("SELECT 1 FROM pages, links LIMIT 1").fetchall()
            else:
                conn.executescript(_SCHEMA)
        except sqlite3.DatabaseError as e:
            if readonly and not path.exists():
                conn = sqlite3.connect(":memory:")
                conn.row_factory = sqlite3.Row
                conn.executescript(_SCHEMA)
                return cls(conn)
            if isinstance(e, sqlite3.OperationalError) and "locked" in str(e):
                raise IndexBusy(f"the watch list {path} is busy; try again in a moment") from e
            raise WatchListDamaged(
                f"the watch list {path} is damaged ({e}); move it aside (mv {path} {path}.damaged) and add the "
                "list pages again with `xxgk watch add URL`. The index and its reports are not affected."
            ) from e
        return cls(conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> WatchList:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- pages -------------------------------------------------------------------------------------
    def add(self, url: str) -> bool:
        """Register a list page; False when it is registered already."""
        with self.conn:
            cur = self.conn.execute(
                "INSERT OR IGNORE INTO pages (url, added_at) VALUES (?, ?)", [url, now_text()]
            )
        return cur.rowcount == 1

    def remove(self, url: str) -> bool:
        """Forget a list page and its links (the reports stay in the index); False when it was not registered."""
        with self.conn:
            self.conn.execute("DELETE FROM links WHERE page = ?", [url])
            return self.conn.execute("DELETE FROM pages WHERE url = ?", [url]).rowcount == 1

    def pages(self) -> list[WatchedPage]:
        rows = self.conn.execute(
            "SELECT p.*, (SELECT count(*) FROM links l WHERE l.page = p.url AND l.status = 'ingested') AS ingested, "
            "(SELECT count(*) FROM links l WHERE l.page = p.url AND l.status = 'failed') AS waiting, "
            "(SELECT count(*) FROM links l WHERE l.page = p.url AND l.status = 'gave_up') AS given_up "
            "FROM pages p ORDER BY p.added_at, p.url"
        ).fetchall()
        return [WatchedPage(**dict(r)) for r in rows]

    def page_checked(self, url: str, etag: str | None, last_modified: str | None) -> None:
        with self.conn:
            self.conn.execute(
                "UPDATE pages SET checked_at = ?, etag = ?, last_modified = ?, failures = 0, "
                "last_error = '' WHERE url = ?",
                [now_text(), etag, last_modified, url],
            )

    def page_failed(self, url: str, error: str) -> None:
        with self.conn:
            self.conn.execute(
                "UPDATE pages SET checked_at = ?, failures = failures + 1, last_error = ? WHERE url = ?",
                [now_text(), error, url],
            )

    # -- links -------------------------------------------------------------------------------------
    def link(self, url: str) -> SeenLink | None:
        row = self.conn.execute("SELECT * FROM links WHERE url = ?", [url]).fetchone()
        return _link(row) if row else None

    def links(self, page: str | None = None) -> list[SeenLink]:
        where, params = ("WHERE page = ?", [page]) if page else ("", [])
        return [
            _link(r)
            for r in self.conn.execute(f"SELECT * FROM links {where} ORDER BY first_seen, url", params)
        ]

    def due(self, at: float) -> list[SeenLink]:
        """Failed links whose pause is over."""
        rows = self.conn.execute(
            "SELECT * FROM links WHERE status = 'failed' AND next_try <= ? ORDER BY url", [at]
        )
        return [_link(r) for r in rows]

    def ingested(self, link: SeenLink, agency: str | None, year: int | None, source: str) -> None:
        self._save(
            link,
            status="ingested",
            attempts=link.attempts + 1,
            next_try=0.0,
            reason="",
            agency=agency,
            year=year,
            source=source,
        )

    def failed(self, link: SeenLink, reason: str, at: float) -> SeenLink:
        attempts = link.attempts + 1
        status = "failed" if attempts < MAX_ATTEMPTS else "gave_up"
        next_try = at + RETRY_AFTER * 2 ** (attempts - 1)
        return self._save(link, status=status, attempts=attempts, next_try=next_try, reason=reason)

    def _save(self, link: SeenLink, **fate) -> SeenLink:
        """Record what became of a link: its status, attempts, next try, reason, and what it was ingested as."""
        saved = replace(link, **fate)
        with self.conn:
            self.conn.execute(
                "INSERT INTO links (url, page, title, date, status, attempts, next_try, reason, agency, year, source, "
                "first_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
                "status = excluded.status, attempts = excluded.attempts, next_try = excluded.next_try, "
                "reason = excluded.reason, agency = excluded.agency, year = excluded.year, source = excluded.source",
                [*astuple(saved), now_text()],
            )
        return saved


def add_page(home: str | os.PathLike | None, url: str) -> bool:
    """Watch a list page (http or https only); False when it is watched already."""
    check_scheme(url)
    with WatchList.open(resolve_home(home)) as watchlist:
        return watchlist.add(url)


def remove_page(home: str | os.PathLike | None, url: str) -> bool:
    with WatchList.open(resolve_home(home)) as watchlist:
        return watchlist.remove(url)


def overview(home: str | os.PathLike | None) -> tuple[list[WatchedPage], list[SeenLink]]:
    """The watched pages and every link found on them."""
    with WatchList.open(resolve_home(home), readonly=True) as watchlist:
        return watchlist.pages(), watchlist.links()


def _link(row: sqlite3.Row) -> SeenLink:
    values = dict(row)
    values.pop("first_seen")
    return SeenLink(**values)


def now_text() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@contextlib.contextmanager
def watch_lock(home: Path) -> Iterator[None]:
    """One watch run at a time per home (the bot's scheduled run and a `xxgk watch run`)."""
    ensure_home(home)
    with open(home / LOCK_FILE, "a+b") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexBusy(
                f"another watch run is checking the pages of {home}; try again when it is done"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
