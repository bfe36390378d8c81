"""What a killed run leaves behind, and how to leave nothing: child processes that die with their
parent, temporary folders named after the process that owns them.

A crawl process runs in its own session (a Ctrl-C in the terminal must reach the run, which stops
its shards in order), so nothing stops it when ``oit run`` is killed with SIGKILL. The parent puts
its pid in the child's environment; the child asks Linux for a signal when its parent dies
(``prctl(PR_SET_PDEATHSIG)``) and exits at once if the parent is already gone.
"""
from __future__ import annotations

import ctypes
import os
import re
import shutil
import signal
import sys
import tempfile
from pathlib import Path

PARENT_ENV = "OIT_PARENT_PID"
_PR_SET_PDEATHSIG = 1
# Kinds of temporary folders (prefix oit-<kind>-<pid>-): removed at the next start once <pid> is gone.
TEMP_KINDS = ("doc", "ocr", "chromium")
_TEMP_RE = re.compile(rf"^oit-({'|'.join(TEMP_KINDS)})-(\d+)-")


def child_environment(environ: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a child that must not outlive this process."""
    return {**(os.environ if environ is None else environ), PARENT_ENV: str(os.getpid())}


def die_with_parent() -> None:
    """In a child started with ``child_environment``: get SIGKILL when the parent dies.

    SIGKILL, not SIGTERM: a parent that died will never judge or publish what the child still
    writes, and every site is stored in one transaction, so nothing is left half-written."""
    expected = os.environ.get(PARENT_ENV)
    if not expected or not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != int(expected):  # the parent died before the signal was armed
        os._exit(1)


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
