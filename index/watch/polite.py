"""Polite fetching for the watcher: one request at a time per host, a pause between two requests to the
same host, an honest User-Agent, conditional requests (If-None-Match / If-Modified-Since) for list pages,
and the download rules of index.download (address checks, a total deadline, a size cap)."""

from __future__ import annotations

import time
import urllib.parse

from index import download

DELAY = 2.0  # seconds between two requests to one host: a government web server is not a CDN


class PoliteFetcher:
    """Requests are made one after another (a watch run is one thread), so a host never sees two at once."""

    def __init__(
        self,
        policy: download.Policy = download.DEFAULT,
        delay: float = DELAY,
        sleep=time.sleep,
        clock=time.monotonic,
    ) -> None:
        self.policy, self.delay = policy, delay
        self._sleep, self._clock = sleep, clock
        self._last: dict[str, float] = {}  # host -> when its last request ended
        self.requests = 0

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> download.Response:
        host = (urllib.parse.urlsplit(url).hostname or "").lower()
        if host in self._last:
            self._sleep(max(0.0, self._last[host] + self.delay - self._clock()))
        try:
            self.requests += 1
            return download.get(url, self.policy, etag=etag, last_modified=last_modified)
        finally:
            self._last[host] = self._clock()
