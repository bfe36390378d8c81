"""What a killed run leaves behind, and how to leave nothing: child processes that die with their
parent, temporary folders named after the process that owns them.

A crawl process runs in its own session (a Ctrl-C in the terminal must reach the run, which stops
its shards in order), so nothing stops it when ``oit run`` is killed with SIGKILL. The parent puts
its pid in the child's environment; the child asks Linux for a signal when its parent dies
(``prctl(PR_SET_PDEATHSIG)``) and exits at once if the parent is already gone.

The other way round, a process asked to stop (SIGTERM, Ctrl-C) stops its children in order
(``stop_on_signals``) instead of dying at once.
"""

from __future__ import annotations

import ctypes
import logging
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

logger = logging.getLogger(__name__)

PARENT_ENV = "OIT_PARENT_PID"
_PR_SET_PDEATHSIG = 1
# Kinds of temporary folders (prefix oit-<kind>-<pid>-): removed at the next start once <pid> is gone.
TEMP_KINDS = ("doc", "ocr", "chromium")
_TEMP_RE = re.compile(rf"^oit-({'|'.join(TEMP_KINDS)})-(\d+)-")
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def child_environment() -> dict[str, str]:
    """The environment of a ``python -m ...`` child of ours (a crawl shard, a document worker): it
    imports this very checkout, whatever the working directory, and must not outlive this process."""
    path = os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, PARENT_ENV: str(os.getpid())}


def die_with_parent(parent: int | None = None) -> None:
    """In a child started with ``child_environment``, or forked by ``parent`` (a Celery worker's
    pool process): get SIGKILL when the parent dies.

    SIGKILL, not SIGTERM: a parent that died will never judge or publish what the child still
    writes, and every site is stored in one transaction, so nothing is left half-written."""
    expected = str(parent) if parent is not None else os.environ.get(PARENT_ENV)
    if not expected or not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != int(expected):  # the parent died before the signal was armed
        os._exit(1)


@contextmanager
def stop_on_signals() -> Iterator[threading.Event]:
    """SIGTERM and Ctrl-C set the event (the caller stops its children and records what it has)
    instead of killing the process mid-write."""
    stop = threading.Event()

    def on_signal(signum: int, _frame: object) -> None:
        logger.warning("%s received: stopping", signal.Signals(signum).name)
        stop.set()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield stop
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def temp_dir(kind: str) -> tempfile.TemporaryDirectory:
    """A temporary folder whose name says which process owns it (see ``remove_dead_temp_dirs``)."""
    assert kind in TEMP_KINDS, kind
    return tempfile.TemporaryDirectory(prefix=f"oit-{kind}-{os.getpid()}-")


def remove_dead_temp_dirs(root: Path | None = None) -> list[Path]:
    """Remove the temporary folders of processes that are gone (killed before they cleaned up)."""
    root = Path(root or tempfile.gettempdir())
    removed = []
    for path in root.iterdir():
        match = _TEMP_RE.match(path.name)
        if match and path.is_dir() and not pid_alive(int(match[2])):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed
