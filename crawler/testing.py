"""Small scripted websites on loopback for crawler tests (like ``scrapy.utils.test``).

Each site binds its own 127.0.x.y address so it has its own politeness slot and scope, as real
sites do. Routes map a path (with query) to a Reply; unknown paths answer 404.
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@dataclass
class Reply:
    body: bytes | str = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (timeouts)

    def encoded(self) -> bytes:
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


def sites_file_crawl_command(sites_file: Path, db: str | Path, run_id: int, settings: Path) -> list[str]:
    """``python -m crawler`` over a test's own sites file and settings, logging warnings only."""
    return [
        sys.executable,
        "-m",
        "crawler",
        "--sites",
        str(sites_file),
        "--db",
        str(db),
        "--run-id",
        str(run_id),
        "--settings",
        str(settings),
        "--log-level",
        "WARNING",
    ]


def redirect(location: str, status: int = 301) -> Reply:
    return Reply(b"", status, headers={"Location": location})


def html(body: str, title: str = "") -> Reply:
    return Reply(f"<html><head><title>{title}</title></head><body>{body}</body></html>")


class LoopbackSite:
    """A threaded HTTP server on ``host``; ``requests`` lists the paths asked, in order, ``times`` when,
    ``client_ports`` the client's port of each (one port per connection)."""

    def __init__(self, host: str, routes: dict[str, Reply], port: int = 0):
        self.routes = routes
        self.requests: list[str] = []
        self.times: list[float] = []  # time.monotonic() of each request, as ``requests``
        self.client_ports: list[int] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server API)
                site.requests.append(self.path)
                site.times.append(time.monotonic())
                site.client_ports.append(self.client_address[1])
                reply = site.routes.get(self.path) or Reply("not found", 404, "text/plain")
                if reply.delay:
                    time.sleep(reply.delay)
                body = reply.encoded()
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", reply.content_type)
                    self.send_header("Content-Length", str(len(body)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: object) -> None:
                pass

        ThreadingHTTPServer.daemon_threads = True
        self.server = ThreadingHTTPServer((host, port), Handler)
        self.host, self.port = host, self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    def __enter__(self) -> LoopbackSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def closed_port(host: str) -> int:
    """A port on ``host`` where nothing listens (connection refused)."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]
