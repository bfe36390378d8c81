"""Progress of a long crawl: a live line on a terminal, plain log lines otherwise."""

from __future__ import annotations

import logging
import sys
import time
from typing import TextIO

log = logging.getLogger("crawler.progress")


def format_duration(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


def progress_text(done: int, total: int, failed: int, pages: int, elapsed: float) -> str:
    rate = pages / elapsed if elapsed > 0 else 0.0
    eta = "?" if not done else format_duration(elapsed / done * (total - done))
    return f"sites {done}/{total}, {failed} not ok, {pages} pages, {rate:.1f} pages/s, ETA {eta}"


class Progress:
    """Call ``update`` as often as convenient; it draws at most every ``interval`` seconds."""

    def __init__(self, stream: TextIO = sys.stderr, interval: float | None = None):
        self.stream = stream
        self.tty = stream.isatty()
        self.interval = interval if interval is not None else (0.5 if self.tty else 30.0)
        self.started = time.monotonic()
        self._last = 0.0

    def update(self, done: int, total: int, failed: int, pages: int, *, final: bool = False) -> None:
        now = time.monotonic()
        if not final and now - self._last < self.interval:
            return
        self._last = now
        text = progress_text(done, total, failed, pages, now - self.started)
        if self.tty:
            self.stream.write("\r\033[K" + text + ("\n" if final else ""))
            self.stream.flush()
        else:
            log.info("%s", text)
