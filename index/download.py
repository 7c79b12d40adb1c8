"""Downloading a report or a list page over http(s), within rules an admin cannot get around by accident.

- Only http and https, on the first request and after every redirect (at most MAX_REDIRECTS).
- No private, loopback, link-local, reserved or multicast address: the host name is resolved here and
  every address is checked before connecting, and the address the socket actually connected to is
  checked again, so a name that resolves to 127.0.0.1 or a redirect to 169.254.169.254 is refused.
  `Policy(allow_private=True)` (`--allow-private`) lifts this; `allowed_networks` lifts it for some.
- A total deadline for the whole exchange (connect, TLS, headers, body, redirects): a watchdog shuts
  the socket when it passes, so a server that sends one byte every 10 s cannot hold an ingest.
- A size cap, checked against Content-Length before reading and against the bytes as they arrive.
- Proxies from the environment are not used: the address checked must be the address reached.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import ipaddress
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from ingest.limits import MAX_FILE_BYTES

USER_AGENT = "xxgk-bot/0.1 (government information-disclosure annual reports; admin-initiated)"
MAX_BYTES = MAX_FILE_BYTES  # the largest report file the parser takes (ingest.limits); a list page is far smaller
DEADLINE = 120.0  # seconds for one download, everything included
MAX_REDIRECTS = 5
MAX_URL = 2048  # characters in an address (browsers and servers refuse longer ones)
_READ = 64 * 1024
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class DownloadError(Exception):
    """A download failed or was refused; the message is one line that says why."""


class DownloadRefused(DownloadError):
    """The URL (or a redirect) leads somewhere the rules do not allow."""


class DownloadTimeout(DownloadError):
    """The whole download did not finish within the deadline."""


@dataclass(frozen=True)
class Policy:
    allow_private: bool = False
    allowed_networks: tuple[str, ...] = ()  # e.g. ("10.1.2.0/24",): private ranges allowed anyway
    max_bytes: int = MAX_BYTES
    deadline: float = DEADLINE
    user_agent: str = USER_AGENT


DEFAULT = Policy()


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int  # 200 (or another 2xx), or 304 when a conditional request found nothing new
    data: bytes
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def get(
    url: str, policy: Policy = DEFAULT, *, etag: str | None = None, last_modified: str | None = None
) -> Response:
    """GET url within the policy's rules; a conditional GET when etag or last_modified is given."""
    check_scheme(url)
    guard = _Guard(policy)
    headers = {"User-Agent": policy.user_agent, "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    with guard.watching():
        try:
            with guard.opener().open(request, timeout=policy.deadline) as answer:
                data = _read_capped(answer, guard)
                return _response(answer, answer.status, data)
        except urllib.error.HTTPError as e:
            if e.code == 304:
                return _response(e, 304, b"")
            where = f" (redirected to {e.url})" if e.url != url else ""
            raise DownloadError(f"the server answered HTTP {e.code} {e.reason}{where}") from e
        except DownloadError:
            raise
        except (urllib.error.URLError, OSError, http.client.HTTPException) as e:
            if guard.expired:
                raise DownloadTimeout(
                    f"no complete answer within {policy.deadline:g} s (the download time limit)"
                ) from e
            reason = getattr(e, "reason", None) or e
            raise DownloadError(f"cannot download: {reason}") from e


def check_scheme(url: str) -> None:
    """DownloadRefused unless url is an http(s) address with a host name, short enough to be one."""
    shown = url if len(url) <= 200 else url[:200] + "…"
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname
    except ValueError as e:
        raise DownloadRefused(f"refused {shown}: not a valid address ({e})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise DownloadRefused(f"refused {shown}: only http and https addresses are fetched")
    if not host:
        raise DownloadRefused(f"refused {shown}: the address names no host")
    if len(url) > MAX_URL:
        raise DownloadRefused(f"refused {shown}: an address longer than {MAX_URL} characters is no report's")


def refusal(ip: IPAddress, policy: Policy) -> str:
    """Why connecting to ip is not allowed ("" when it is)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if policy.allow_private or any(
        ip in ipaddress.ip_network(n, strict=False) for n in policy.allowed_networks
    ):
        return ""
    for kind, test in (
        ("a loopback", ip.is_loopback),
        ("a link-local", ip.is_link_local),
        ("a multicast", ip.is_multicast),
        ("an unspecified", ip.is_unspecified),
        ("a private", ip.is_private),
        ("a reserved", not ip.is_global),
    ):
        if test:
            return f"{ip} is {kind} address"
    return ""


def _response(answer, status: int, data: bytes) -> Response:
    headers = answer.headers
    return Response(
        answer.geturl(),
        status,
        data,
        headers.get("Content-Type", "") or "",
        headers.get("ETag"),
        headers.get("Last-Modified"),
    )


def _read_capped(answer, guard: _Guard) -> bytes:
    limit = guard.policy.max_bytes
    declared = answer.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise DownloadRefused(
            f"{answer.geturl()} is {int(declared) / 2**20:.1f} MB, over the "
            f"{limit / 2**20:g} MB download limit"
        )
    parts, size = [], 0
    while chunk := answer.read1(_READ):  # read1: one receive at a time, so the deadline is checked often
        size += len(chunk)
        if size > limit:
            raise DownloadRefused(f"{answer.geturl()} is over the {limit / 2**20:g} MB download limit")
        guard.check_time()
        parts.append(chunk)
    guard.check_time()  # a socket the watchdog shut reads as an early end, not as the whole body
    return b"".join(parts)


class _Guard:
    """The rules of one download: address checks on every connection, the deadline and its watchdog."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.ends = time.monotonic() + policy.deadline
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    def opener(self) -> urllib.request.OpenerDirector:
        opener = urllib.request.OpenerDirector()  # only these handlers: no ftp:, file:, data: or proxies
        for handler in (
            _Handler(self),
            _Redirects(),
            urllib.request.HTTPDefaultErrorHandler(),
            urllib.request.HTTPErrorProcessor(),
            urllib.request.UnknownHandler(),
        ):
            opener.add_handler(handler)
        return opener

    def connect(
        self, address: tuple[str, int], timeout: float | None = None, source_address=None
    ) -> socket.socket:
        """socket.create_connection with every candidate address checked before and after connecting."""
        host, port = address
        refused, failed = "", None
        for family, kind, proto, _, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
            if why := _why(host, sockaddr, self.policy):
                refused = refused or why
                continue
            try:
                return self._open(family, kind, proto, sockaddr, host)
            except OSError as e:
                failed = e
        if failed is not None:
            raise failed
        raise DownloadRefused(refused + "; pass --allow-private to fetch from private networks")

    def _open(self, family: int, kind: int, proto: int, sockaddr: tuple, host: str) -> socket.socket:
        sock = socket.socket(family, kind, proto)
        with self._lock:
            self._sockets.append(sock)  # from now on the watchdog can shut it
        sock.settimeout(max(0.01, self.ends - time.monotonic()))
        try:
            sock.connect(sockaddr)
            why = _why(host, sock.getpeername(), self.policy)  # the address actually reached
        except OSError:
            sock.close()
            raise
        if why:
            sock.close()
            raise DownloadRefused(why + "; pass --allow-private to fetch from private networks")
        return sock

    def check_time(self) -> None:
        if self.expired or time.monotonic() > self.ends:
            self.expired = True
            raise DownloadTimeout(
                f"no complete answer within {self.policy.deadline:g} s (the download time limit)"
            )

    def watching(self):
        return _Watchdog(self)

    def expire(self) -> None:
        """Called by the watchdog at the deadline: shut every socket, so any blocked read returns."""
        self.expired = True
        with self._lock:
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


def _why(host: str, sockaddr: tuple, policy: Policy) -> str:
    why = refusal(ipaddress.ip_address(sockaddr[0].split("%")[0]), policy)
    return f"refused {host}: {why}" if why else ""


class _Watchdog:
    def __init__(self, guard: _Guard) -> None:
        self.timer = threading.Timer(guard.policy.deadline, guard.expire)
        self.timer.daemon = True

    def __enter__(self) -> None:
        self.timer.start()

    def __exit__(self, *exc) -> None:
        self.timer.cancel()


class _GuardedHTTP(http.client.HTTPConnection):
    def __init__(self, *args, guard: _Guard, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = guard.connect  # the one place http.client opens its socket


class _GuardedHTTPS(http.client.HTTPSConnection):
    def __init__(self, *args, guard: _Guard, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = guard.connect


class _Handler(urllib.request.HTTPHandler, urllib.request.HTTPSHandler):
    def __init__(self, guard: _Guard) -> None:
        urllib.request.HTTPHandler.__init__(self)
        urllib.request.HTTPSHandler.__init__(self)
        self.guard = guard

    def http_open(self, req):
        return self.do_open(functools.partial(_GuardedHTTP, guard=self.guard), req)

    def https_open(self, req):
        return self.do_open(functools.partial(_GuardedHTTPS, guard=self.guard), req, context=self._context)


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_scheme(newurl)  # the address is checked when the new connection is made
        return super().redirect_request(req, fp, code, msg, headers, newurl)
