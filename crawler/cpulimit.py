"""A CPU-time cap on one piece of work in the crawl process (the extraction of one page).

Extraction runs in the reactor's thread: while it runs, no other site of the process gets a
response, and SIGTERM waits. Extraction is linear in a page's size, but markup is hostile and
endless in its shapes, so each page also gets a cap: a profiling timer (CPU time of the process)
interrupts the work with an exception, the page is stored unread, and the other sites go on.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class CpuLimitExceeded(Exception):
    """The work took more CPU time than its cap."""


@contextmanager
def cpu_limit(seconds: float) -> Iterator[None]:
    """Raise ``CpuLimitExceeded`` inside the block once it has used ``seconds`` of CPU (0: no cap).

    Only in the main thread (Python runs signal handlers there); elsewhere the block runs uncapped.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise CpuLimitExceeded(f"more than {seconds:g} s of CPU")

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
