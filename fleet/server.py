"""The fleet's HTTP/1.1 server: one asyncio loop, one listener per site address on loopback.

A connection's local address (``getsockname``) says which site it is for, as with name-based
hosting on one machine. Network-level fault modes are played here: no listener (down), slow
answers, hanging, connection resets, and the www-style move to a second address.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
import hashlib
import ipaddress
import logging
import socket
import struct
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from email.utils import formatdate

from fleet.builder import build_site
from fleet.documents import DocumentCache
from fleet.families import FAMILY_CLASSES
from fleet.routes import Response, respond
from fleet.spec import SiteSpec

log = logging.getLogger(__name__)

REASONS = {
    200: "OK",
    301: "Moved Permanently",
    302: "Found",
    304: "Not Modified",
    404: "Not Found",
    500: "Internal Server Error",
    503: "Service Unavailable",
    400: "Bad Request",
}
IDLE_TIMEOUT = 30.0  # seconds a keep-alive connection may stay silent
HANG_SECONDS = 600.0  # how long a hanging site holds a request (until stop at the latest)
MAX_HEADER_LINES = 100


def check_loopback(address: str) -> None:
    if not ipaddress.ip_address(address).is_loopback:
        raise ValueError(f"fleet addresses must be loopback (127.0.0.0/8), got {address}")


def free_port(address: str) -> int:
    with socket.socket() as probe:
        probe.bind((address, 0))
        return probe.getsockname()[1]


class FleetServer:
    """Serves a list of site specs until ``stop()``; ``start()`` returns once every site listens.

    ``port=0`` picks one free port for the whole fleet; the specs actually served (with that
    port) are in ``self.specs``.

    Documents, and pages of families whose pages are static files, come with validators (ETag,
    Last-Modified) and are answered 304 when unchanged, as real servers do; PHP pages are not.
    ``revision`` > 0 with ``changed_share`` edits that share of the HTML pages (a later night).
    ``compress`` gzips HTML for clients that accept it, as Apache's mod_deflate and nginx do.
    ``documents_share`` < 1 serves the documents of that share of the sites only (a stable draw per
    site); the others answer 404 to every document link, so a benchmark over thousands of sites can
    include documents and OCR without hours of it.
    """

    def __init__(
        self,
        specs: Iterable[SiteSpec],
        as_of: dt.date,
        port: int | None = None,
        documents: DocumentCache | None = None,
        *,
        revision: int = 0,
        changed_share: float = 0.0,
        compress: bool = False,
        documents_share: float = 1.0,
    ):
        specs = list(specs)
        if port is not None:
            port = port or free_port(specs[0].ip)
            specs = [replace(s, port=port) for s in specs]
        self.specs = specs
        self.as_of = as_of
        self.documents = documents or DocumentCache()
        self.by_address: dict[str, SiteSpec] = {}
        for spec in specs:
            for address in filter(None, (spec.ip, spec.alias_ip)):
                check_loopback(address)
                self.by_address[address] = spec
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._stopping: asyncio.Event | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="fleet-render")
        self.revision, self.changed_share, self.compress = revision, changed_share, compress
        self.documents_share = documents_share
        self.requests = 0
        self.bytes_sent = 0  # response bodies, what a night costs the sites

    # ---- lifecycle ----

    def start(self) -> FleetServer:
        self._thread = threading.Thread(target=self._run, name="fleet-server", daemon=True)
        self._thread.start()
        self._ready.wait()
        if self._error:
            raise self._error
        return self

    def stop(self) -> None:
        if self._loop and self._stopping and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._stopping.set)
        if self._thread:
            self._thread.join(timeout=10)
        self._executor.shutdown(wait=False, cancel_futures=True)

    def __enter__(self) -> FleetServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def serve_forever(self) -> None:
        """Block until interrupted (the ``oit fleet serve`` command); starts the fleet if needed."""
        if self._thread is None:
            self.start()
        assert self._thread is not None  # start() made it
        try:
            self._thread.join()
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # surfaced to start()
            self._error = exc
            self._ready.set()

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._loop.set_default_executor(self._executor)
        self._stopping = asyncio.Event()
        servers = []
        try:
            for address, spec in self.by_address.items():
                if spec.faults.down:
                    continue  # nothing listens: connection refused
                servers.append(await asyncio.start_server(self._handle, address, spec.port, reuse_address=True, backlog=256))
        except BaseException as exc:
            for server in servers:
                server.close()
            self._error = exc
            self._ready.set()
            return
        log.info("fleet: %d sites listening on %d addresses", len(self.specs), len(servers))
        self._ready.set()
        await self._stopping.wait()
        for server in servers:
            server.close()
        for server in servers:
            try:
                await asyncio.wait_for(server.wait_closed(), 2)
            except TimeoutError:
                pass

    # ---- one connection ----

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        local_address = writer.get_extra_info("sockname")[0]
        spec = self.by_address[local_address]
        try:
            while True:
                request = await self._read_request(reader)
                if request is None:
                    break
                method, target, keep_alive, headers = request
                self.requests += 1
                if spec.faults.reset:
                    _reset(writer)
                    return
                if spec.faults.hang:
                    assert self._stopping is not None  # made by _main before any connection is served
                    try:
                        await asyncio.wait_for(self._stopping.wait(), HANG_SECONDS)
                    except TimeoutError:
                        pass
                    break
                if spec.faults.slow_ms:
                    await asyncio.sleep(spec.faults.slow_ms / 1000)
                response = await self._respond(spec, local_address, method, target)
                response = self._conditional(spec, target, response, headers)
                if (
                    self.compress
                    and response.content_type.startswith("text/html")
                    and response.body
                    and "gzip" in headers.get("accept-encoding", "")
                ):
                    response.body = gzip.compress(response.body, compresslevel=6, mtime=0)
                    response.headers = [*response.headers, ("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
                self.bytes_sent += len(response.body)
                writer.write(_serialise(response, method, keep_alive, FAMILY_CLASSES[spec.family].server_header))
                await writer.drain()
                if not keep_alive:
                    break
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            pass
        finally:
            if not writer.is_closing():
                writer.close()

    async def _read_request(self, reader: asyncio.StreamReader) -> tuple[str, str, bool, dict[str, str]] | None:
        try:
            line = await asyncio.wait_for(reader.readline(), IDLE_TIMEOUT)
        except TimeoutError:
            return None
        if not line.strip():
            return None
        method, target, version = line.decode("latin-1").split()
        headers: dict[str, str] = {}
        for _ in range(MAX_HEADER_LINES):
            raw = await reader.readline()
            if raw in (b"\r\n", b"\n", b""):
                break
            name, _, value = raw.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if length := int(headers.get("content-length", "0") or 0):
            await reader.readexactly(length)  # form posts: read and ignore
        connection = headers.get("connection", "").lower()
        keep_alive = connection != "close" and (version == "HTTP/1.1" or connection == "keep-alive")
        return method.upper(), target, keep_alive, headers

    def _conditional(self, spec: SiteSpec, target: str, response: Response, headers: dict[str, str]) -> Response:
        """A later night's edits, then validators and 304s where the page is a static file."""
        is_html = response.content_type.startswith("text/html")
        if is_html and response.status == 200 and self.revision and _share(spec.id, target) < self.changed_share:
            response.body += f"<!-- revised {self.revision} -->".encode()
        if response.status != 200 or (is_html and not FAMILY_CLASSES[spec.family].static_pages):
            return response
        etag = '"' + hashlib.sha256(response.body).hexdigest()[:20] + '"'
        modified = formatdate(dt.datetime.combine(self.as_of, dt.time()).timestamp(), usegmt=True)
        response.headers = [*response.headers, ("ETag", etag), ("Last-Modified", modified)]
        asked = headers.get("if-none-match")
        if asked == etag or (asked is None and headers.get("if-modified-since") == modified):
            return Response(304, response.content_type, b"", response.headers)
        return response

    async def _respond(self, spec: SiteSpec, local_address: str, method: str, target: str) -> Response:
        if target.startswith("http://") or target.startswith("https://"):  # absolute-form request target
            target = "/" + target.split("/", 3)[-1] if target.count("/") >= 3 else "/"
        if spec.faults.host_change and spec.alias_ip and local_address == spec.ip:
            location = f"http://{spec.alias_ip}:{spec.port}{target}"  # the www-style move
            return Response(301, "text/html; charset=utf-8", b"moved", [("Location", location)])
        path, _, query = target.partition("?")
        try:
            response = respond(build_site(spec, self.as_of), method, path or "/", query)
            if response.document is not None and _share(spec.id, "documents") >= self.documents_share:
                return Response(404, "text/plain", b"not found")
            if response.document is not None:  # PDFs take a while to render the first time: off the loop
                loop = asyncio.get_running_loop()
                response.body = await loop.run_in_executor(None, self.documents.get, response.document)
            return response
        except Exception:  # a fleet bug must show as a 500 on that URL, not kill the fleet
            log.exception("fleet: error answering %s %s", spec.id, target)
            return Response(500, "text/plain", b"fleet internal error")


def _share(site_id: str, target: str) -> float:
    """A stable draw in [0, 1) per URL: which pages a changed night edits."""
    return int.from_bytes(hashlib.sha256(f"{site_id} {target}".encode()).digest()[:4], "big") / 2**32


def _reset(writer: asyncio.StreamWriter) -> None:
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


def _serialise(response: Response, method: str, keep_alive: bool, server: str) -> bytes:
    headers = [
        ("Server", server),
        ("Date", formatdate(usegmt=True)),
        ("Content-Type", response.content_type),
        ("Content-Length", str(len(response.body))),
        ("Connection", "keep-alive" if keep_alive else "close"),
    ]
    headers += response.headers
    head = (
        f"HTTP/1.1 {response.status} {REASONS.get(response.status, 'Unknown')}\r\n"
        + "".join(f"{name}: {value}\r\n" for name, value in headers)
        + "\r\n"
    )
    return head.encode("latin-1") + (b"" if method == "HEAD" else response.body)
