"""Headless Chromium (Debian's package): print HTML to PDF, take screenshots, dump the DOM.

Chromium keeps Thai text intact in the PDF text layer (ำ included), unlike WeasyPrint. Every
browser gets its own throw-away profile and the background-network features off, so nothing
leaves the machine. Starting Chromium costs ~1 s, so many PDFs are printed by a few long-lived
browsers driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``: JSON messages
ended by NUL on file descriptors 3 and 4), ~0.4 s a report.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from oit.lifetime import temp_dir

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--mute-audio",
]


class ChromiumError(RuntimeError):
    pass


def chromium_path() -> str:
    """The browser: $OIT_CHROMIUM, else chromium / chromium-browser on PATH."""
    found = os.environ.get("OIT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise ChromiumError("Chromium not found: install Debian's chromium package (scripts/bootstrap.sh) or set OIT_CHROMIUM")
    return found


def _environment(profile: str) -> dict[str, str]:
    """Crash reports and dconf go under $XDG_CONFIG_HOME / $XDG_CACHE_HOME whatever --user-data-dir
    says: point them into the throw-away profile too, so nothing is written to ~/.config/chromium."""
    return {**os.environ, "XDG_CONFIG_HOME": profile, "XDG_CACHE_HOME": profile}


def _run(args: list[str], timeout: float) -> subprocess.CompletedProcess[bytes]:
    with temp_dir("chromium") as profile:
        command = [chromium_path(), *FLAGS, f"--user-data-dir={profile}", *args]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False, env=_environment(profile))
        except subprocess.TimeoutExpired as exc:
            raise ChromiumError(f"Chromium took longer than {timeout:.0f} s on {args[-1]}") from exc
    if done.returncode != 0:
        raise ChromiumError(f"Chromium failed ({done.returncode}) on {args[-1]}: {done.stderr.decode(errors='replace')[-500:]}")
    return done


class PdfPrinter:
    """One headless Chromium printing local HTML files to PDF, one after another."""

    def __init__(self, timeout: float = 60.0):
        self.timeout = timeout
        self._profile = temp_dir("chromium")
        commands_read, commands_write = os.pipe()
        replies_read, replies_write = os.pipe()
        self._process = subprocess.Popen(
            [chromium_path(), *FLAGS, f"--user-data-dir={self._profile.name}", "--remote-debugging-pipe", "about:blank"],
            pass_fds=(3, 4),
            preexec_fn=lambda: (os.dup2(commands_read, 3), os.dup2(replies_write, 4)),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=_environment(self._profile.name),
        )
        os.close(commands_read)
        os.close(replies_write)
        self._commands, self._replies = commands_write, replies_read
        self._buffer = b""
        self._last_id = 0
        target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self._call("Page.enable", session=True)

    def __enter__(self) -> PdfPrinter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self._send("Browser.close", {}, session=False)
            self._process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self._process.kill()
            self._process.wait()
        finally:
            os.close(self._commands)
            os.close(self._replies)
            self._profile.cleanup()

    def print(self, html: Path, pdf: Path) -> Path:
        """Print a local HTML file; page size and margins come from the page's CSS @page."""
        self._call("Page.navigate", {"url": html.resolve().as_uri()}, session=True, until_event="Page.loadEventFired")
        reply = self._call("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True}, session=True)
        pdf.write_bytes(base64.b64decode(reply["data"]))
        return pdf

    def _send(self, method: str, params: dict[str, Any], session: bool) -> int:
        self._last_id += 1
        message: dict[str, Any] = {"id": self._last_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self._session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        return self._last_id

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self._replies], [], [], remaining)[0]:
                raise ChromiumError(f"Chromium did not answer within {self.timeout:.0f} s")
            chunk = os.read(self._replies, 1 << 20)
            if not chunk:
                raise ChromiumError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def _call(
        self, method: str, params: dict[str, Any] | None = None, *, session: bool = False, until_event: str | None = None
    ) -> dict[str, Any]:
        """Send a command; wait for its reply (and for ``until_event``, which may come first)."""
        call_id = self._send(method, params or {}, session)
        deadline = time.monotonic() + self.timeout
        result, event_seen = None, until_event is None
        while result is None or not event_seen:
            message = self._receive(deadline)
            if message.get("id") == call_id:
                if "error" in message:
                    raise ChromiumError(f"{method}: {message['error'].get('message', message['error'])}")
                result = message["result"]
            elif message.get("method") == until_event:
                event_seen = True
        return result


def print_pdfs(pairs: list[tuple[Path, Path]], workers: int = 2, timeout: float = 60.0) -> list[Path]:
    """Print (html, pdf) pairs with ``workers`` browsers (one per core is about right)."""
    if not pairs:
        return []
    workers = max(1, min(workers, len(pairs)))

    def print_share(share: list[tuple[Path, Path]]) -> list[Path]:
        with PdfPrinter(timeout) as printer:
            return [printer.print(html, pdf) for html, pdf in share]

    with ThreadPoolExecutor(max_workers=workers) as pool:
        shares = list(pool.map(print_share, [pairs[i::workers] for i in range(workers)]))
    order = {pdf: n for n, (_, pdf) in enumerate(pairs)}
    return sorted((pdf for share in shares for pdf in share), key=order.__getitem__)


def screenshot(html: Path, png: Path, width: int = 1400, height: int = 900, timeout: float = 60.0) -> Path:
    """A PNG of the page as a browser shows it, after its scripts ran."""
    _run(
        [f"--screenshot={png}", f"--window-size={width},{height}", "--virtual-time-budget=2000", html.resolve().as_uri()], timeout
    )
    return png


def dump_dom(html: Path, timeout: float = 60.0) -> str:
    """The page's DOM after its scripts ran, serialised as HTML."""
    done = _run(["--dump-dom", "--virtual-time-budget=2000", html.resolve().as_uri()], timeout)
    return done.stdout.decode("utf-8", errors="replace")
