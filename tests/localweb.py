"""A real HTTP server on a loopback address, serving the pages a test gives it: report pages, list
pages, redirects, slow and broken answers. Each request is logged, so a test can tell what was fetched
(and that a refused address was never connected to)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_DRIP_SECONDS = 30.0  # a dripping answer stops by itself, whatever the client does


@dataclass(frozen=True)
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    drip: float = 0.0  # seconds between bytes of the body (a slow server)
    drip_headers: bool = False  # drip the status line and headers too
    delay: float = 0.0  # seconds before answering at all
    chunked: bool = False  # no Content-Length: the body is sent in chunks


@dataclass
class LocalWeb:
    host: str = "127.0.0.1"
    routes: dict[str, Route] = field(default_factory=dict)
    log: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                web.log.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = web.routes.get(self.path.split("#")[0])
                if route is None:
                    self.send_error(404, "Not Found")
                    return
                etag = dict(route.headers).get("ETag")
                if etag and self.headers.get("If-None-Match") == etag:
                    route = Route(status=304, headers=(("ETag", etag),))
                _answer(self, route)

            def log_message(self, *args) -> None:  # quiet
                pass

        self.server = ThreadingHTTPServer((self.host, 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def add(self, path: str, route: Route | bytes | str, **kwargs) -> str:
        if isinstance(route, str):
            route = route.encode("utf-8")
        self.routes[path] = route if isinstance(route, Route) else Route(route, **kwargs)
        return self.url(path)

    def redirect(self, path: str, target: str, status: int = 302) -> str:
        return self.add(path, Route(status=status, headers=(("Location", target),)))

    def fetched(self, path: str) -> int:
        return sum(1 for p, _ in self.log if p == path)

    def __enter__(self) -> LocalWeb:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def _answer(handler: BaseHTTPRequestHandler, route: Route) -> None:
    time.sleep(route.delay)
    reason = {200: "OK", 301: "Moved Permanently", 302: "Found", 304: "Not Modified"}.get(
        route.status, "Status"
    )
    head = [
        f"HTTP/1.1 {route.status} {reason}",
        f"Content-Type: {route.content_type}",
        "Connection: close",
        *(f"{k}: {v}" for k, v in route.headers),
    ]
    head.append("Transfer-Encoding: chunked" if route.chunked else f"Content-Length: {len(route.body)}")
    raw_head = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1")
    started = time.monotonic()
    try:
        _send(handler, raw_head, route.drip if route.drip_headers else 0.0, started)
        if route.chunked:
            for i in range(0, len(route.body), 65536):
                part = route.body[i : i + 65536]
                handler.wfile.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
            handler.wfile.write(b"0\r\n\r\n")
        else:
            _send(handler, route.body, route.drip, started)
    except (BrokenPipeError, ConnectionResetError, TimeoutError):
        pass  # the client gave up: that is what a timeout test wants
    handler.close_connection = True


def _send(handler: BaseHTTPRequestHandler, data: bytes, drip: float, started: float) -> None:
    if not drip:
        handler.wfile.write(data)
        return
    for i in range(len(data)):
        if time.monotonic() - started > MAX_DRIP_SECONDS:
            return
        handler.wfile.write(data[i : i + 1])
        handler.wfile.flush()
        time.sleep(drip)
