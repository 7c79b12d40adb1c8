"""One watch run: check every registered list page, fetch the report links that are new (and the failed
ones whose pause is over), ingest what they lead to in one atomic build, and say what was added.

- A list page answered 304 Not Modified (its ETag / Last-Modified) is not read again, nor its next pages.
- The pages after the first (下一页) are followed while every link on them is new, up to MAX_LIST_PAGES a
  run: lists run newest first, so the first run reads the backlog and later runs stop at the first
  page that holds a link seen before.
- A report link leads to a file (.pdf/.doc/.docx), or to a page. A page that holds the report's tables
  is the report; a page that does not (a summary with the report attached) gives way to its attached
  file.
- Whatever fails — a list page, a link, the ingest itself (another ingest writing, a full disk) — is
  recorded with its reason and tried again at a later run; the index is only ever changed by one
  complete, atomic ingest.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

from index import download
from index.build import IngestResult, ReportOutcome, ingest
from index.errors import IndexProblem
from index.fetch import Input
from index.home import resolve_home
from index.watch.links import DOCUMENTS, Link, attached_files, read_list_page
from index.watch.polite import DELAY, PoliteFetcher
from index.watch.store import SeenLink, WatchedPage, WatchList, watch_lock
from ingest.errors import ReportError

MAX_LIST_PAGES = 10
NEW_REQUESTS = "applications.new_received.total"
_MAGIC = ((b"%PDF", ".pdf"), (b"PK\x03\x04", ".docx"), (b"\xd0\xcf\x11\xe0", ".doc"))


@dataclass(frozen=True)
class PageCheck:
    url: str
    status: str  # "read" | "not_modified" | "failed"
    found: int = 0  # report links on it (and its next pages)
    new: int = 0  # of them, never seen before
    error: str = ""


@dataclass(frozen=True)
class NewReport:
    agency: str
    year: int | None
    title: str  # the link's title on the list page
    source: str  # the URL ingested: the report's page or its attached file
    status: str  # "added" | "replaced"
    new_requests: float | None  # 本年新收政府信息公开申请 总计, when the report states it with certainty
    failed_checks: int
    replaced: str = ""


@dataclass(frozen=True)
class Problem:
    url: str
    title: str
    reason: str
    given_up: bool = False  # tried MAX_ATTEMPTS times: not tried again


@dataclass(frozen=True)
class WatchResult:
    pages: tuple[PageCheck, ...]
    new: tuple[NewReport, ...]
    problems: tuple[Problem, ...]
    unchanged: tuple[str, ...] = ()  # links whose report was in the index already
    generation: str | None = None


def run(
    home: str | os.PathLike | None,
    *,
    policy: download.Policy = download.DEFAULT,
    delay: float = DELAY,
    model: str | None = None,
    workers: int | None = None,
    cluster: str | None = None,
) -> WatchResult:
    """Check every watched page and ingest the new reports it lists (prepared by `workers` processes or on
    the Dask cluster at `cluster`, as `xxgk ingest` does)."""
    home = resolve_home(home)
    with watch_lock(home):
        watchlist = WatchList.open(home)
        try:
            return _Run(watchlist, PoliteFetcher(policy, delay), policy).go(
                home, model, {"workers": workers, "cluster": cluster}
            )
        finally:
            watchlist.close()


class _Run:
    def __init__(self, watchlist: WatchList, fetcher: PoliteFetcher, policy: download.Policy) -> None:
        self.watchlist, self.fetcher, self.policy = watchlist, fetcher, policy
        self.now = time.time()
        self.todo: dict[str, SeenLink] = {}
        self.problems: list[Problem] = []

    def go(self, home, model: str | None, runner: dict) -> WatchResult:
        pages = tuple(self.check(page) for page in self.watchlist.pages())
        for link in self.watchlist.due(self.now):
            self.todo.setdefault(link.url, link)
        fetched: dict[str, Input] = {}
        links_of: dict[str, list[SeenLink]] = {}  # an input's name -> the links that led to it
        for link in self.todo.values():
            try:
                found = self.fetch(link)
            except (download.DownloadError, ReportError, ValueError) as e:
                self.fail(link, str(e))
                continue
            fetched.setdefault(found.name, found)
            links_of.setdefault(found.name, []).append(link)
        if not fetched:
            return WatchResult(pages, (), tuple(self.problems))
        return self.ingest(home, pages, list(fetched.values()), links_of, model, runner)

    # -- list pages --------------------------------------------------------------------------------
    def check(self, page: WatchedPage) -> PageCheck:
        try:
            first = self.fetcher.get(page.url, etag=page.etag, last_modified=page.last_modified)
            if first.not_modified:
                self.watchlist.page_checked(page.url, page.etag, page.last_modified)
                return PageCheck(page.url, "not_modified")
            links, error = self.crawl(page.url, first)
        except (download.DownloadError, ValueError) as e:
            self.watchlist.page_failed(page.url, str(e))
            return PageCheck(page.url, "failed", error=str(e))
        if (
            error
        ):  # a next page failed: the links found so far are kept, and every page is read again next time
            self.watchlist.page_failed(page.url, error)
        else:
            self.watchlist.page_checked(page.url, first.etag, first.last_modified)
        new = [link for link in links if self.watchlist.link(link.url) is None]
        for link in new:
            self.todo.setdefault(link.url, SeenLink(link.url, page.url, link.title, link.date, "new"))
        return PageCheck(page.url, "failed" if error else "read", len(links), len(new), error)

    def crawl(self, url: str, first: download.Response) -> tuple[list[Link], str]:
        """The report links of a list page and of the pages after it (while all their links are new), and
        why a next page could not be read ("" when every page was)."""
        links: list[Link] = []
        visited, answer = {url}, first
        for _ in range(MAX_LIST_PAGES):
            page = read_list_page(answer.data, answer.url)
            links += page.links
            # Lists run newest first: a page that holds a link seen before reaches what earlier runs read.
            all_unseen = all(self.watchlist.link(link.url) is None for link in page.links)
            if not page.next_page or page.next_page in visited or not all_unseen:
                break
            visited.add(page.next_page)
            try:
                answer = self.fetcher.get(page.next_page)
            except download.DownloadError as e:
                return links, f"could not read the next list page {page.next_page}: {e}"
        return links, ""

    # -- report links --------------------------------------------------------------------------------
    def fetch(self, link: SeenLink) -> Input:
        """The report a link leads to, downloaded: the file, the page, or the file attached to the page."""
        got = self.fetcher.get(link.url)
        if kind := document_kind(got):
            return self.as_input(got, kind)
        page_is_report, problem = holds_report(got)
        if not page_is_report:
            for attached in attached_files(got.data, got.url)[:1]:
                file = self.fetcher.get(attached.url)
                return self.as_input(file, document_kind(file) or "")
        if page_is_report or not problem:
            return self.as_input(got, "")
        raise ValueError(problem)

    def as_input(self, got: download.Response, kind: str) -> Input:
        return Input(got.url, got.url, self.policy, body=got.data, kind=kind)

    def fail(self, link: SeenLink, reason: str) -> None:
        saved = self.watchlist.failed(link, reason, self.now)
        self.problems.append(Problem(link.url, link.title, reason, saved.status == "gave_up"))

    # -- the ingest ----------------------------------------------------------------------------------
    def ingest(
        self,
        home,
        pages: tuple[PageCheck, ...],
        inputs: list[Input],
        links_of: dict[str, list[SeenLink]],
        model: str | None,
        runner: dict,
    ) -> WatchResult:
        try:
            result = ingest(home, inputs, model=model, **runner)
        except IndexProblem as e:  # nothing was changed; every link is tried again later
            for links in links_of.values():
                for link in links:
                    self.fail(link, str(e))
            return WatchResult(pages, (), tuple(self.problems))
        new, unchanged = [], []
        for outcome in result.outcomes:
            for link in links_of.get(outcome.source, []):
                if outcome.status == "failed":  # the attached file's failure is the link's
                    self.fail(
                        link,
                        outcome.reason
                        if outcome.source == link.url
                        else f"{outcome.source}: {outcome.reason}",
                    )
                    continue
                self.watchlist.ingested(link, outcome.agency or None, outcome.year, outcome.source)
                (new if outcome.status in ("added", "replaced") else unchanged).append((link, outcome))
        reports = tuple(_new_reports(home, new, result)) if new else ()
        return WatchResult(
            pages, reports, tuple(self.problems), tuple(link.url for link, _ in unchanged), result.generation
        )


def document_kind(got: download.Response) -> str:
    """ ".pdf", ".doc" or ".docx" when the answer is such a file (by its bytes, type or name), else ""."""
    for magic, kind in _MAGIC:
        if got.data.startswith(magic):
            return kind
    path = got.url.lower().split("?")[0]
    return next((kind for kind in DOCUMENTS if path.endswith(kind)), "")


def holds_report(got: download.Response) -> tuple[bool, str]:
    """(True, "") when the page holds a report's tables; (False, why) when it is no report at all; (False,
    "") when it is a report without table figures (a summary, or an old free-form report)."""
    from ingest.isolated import parse_in_child  # bounded in time and memory, as an ingest parses

    try:
        report = parse_in_child(got.url, got.data)
    except ReportError as e:
        return False, str(e)
    except Exception as e:  # a parser bug on one page must not stop the run
        return False, f"the parser failed: {type(e).__name__}: {e}"
    return bool(report.facts or report.ambiguous), ""


def _new_reports(home, new: list[tuple[SeenLink, ReportOutcome]], result: IngestResult):
    from index.reader import Index

    with Index.open(home, bootstrap=False) as index:
        for link, o in new:
            facts = index.facts(
                keys=[NEW_REQUESTS], agencies=[o.agency], years=[o.year], include_ambiguous=False
            )
            value = next((f.value for f in facts if f.report_id == o.report_id), None)
            yield NewReport(
                o.agency, o.year, link.title, o.source, o.status, value, o.failed_checks, o.replaced
            )
