"""One run at a time per database and per output folder: an ``flock`` on a lock file next to the
database (in var/ for a PostgreSQL one, see store.connection.db_folder) and one in the output folder
(two databases publishing into one folder would overwrite each other's ``runs/<id>``).

The kernel releases an flock when its holder dies, so a crashed run never blocks the next one.
The holder writes who it is (pid, start, run id, crawl processes) into the file for ``oit runs``; a
next holder that finds this information left behind knows the previous holder crashed, which run
it left, and which crawl processes to stop if they outlived it.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import psutil

from oit.errors import UserError
from store.connection import DbRef, db_folder, db_name


@dataclass(frozen=True)
class LockHolder:
    pid: int
    started_at: str  # ISO, UTC
    command: str
    run_id: int | None = None
    children: tuple[int, ...] = ()  # pids of the run's crawl processes

    def describe(self) -> str:
        run = f"run {self.run_id}" if self.run_id is not None else "a run (starting)"
        return f"{run}, pid {self.pid}, '{self.command}' since {self.started_at}"


class LockBusy(UserError):
    """Another process holds the run lock."""

    def __init__(self, path: Path, holder: LockHolder | None):
        self.holder = holder
        who = holder.describe() if holder else "another process"
        super().__init__(f"another run is in progress ({who}); lock file {path}")


def lock_path_for(db: DbRef) -> Path:
    return db_folder(db) / f"{db_name(db)}.lock"


def out_lock_path(out: Path) -> Path:
    return out / ".oit-run.lock"


class RunLock:
    """Exclusive, non-blocking run lock. Use as a context manager or acquire/release."""

    def __init__(self, path: Path, command: str):
        self.path, self.command = path, command
        self._file: IO[str] | None = None
        self._holder: LockHolder | None = None
        self.stale: LockHolder | None = None  # left behind by a holder that died

    def acquire(self) -> RunLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        file = open(self.path, "a+", encoding="utf-8")  # never truncate before holding the lock
        try:
            fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _parse(_read(file))
            file.close()
            raise LockBusy(self.path, holder) from None
        self._file = file
        self.stale = _parse(_read(file))
        self._holder = LockHolder(
            pid=os.getpid(), started_at=datetime.now(UTC).isoformat(timespec="seconds"), command=self.command
        )
        self._write(self._holder)
        return self

    def set_run(self, run_id: int) -> None:
        """Record the run this holder works on, for diagnostics and crash recovery."""
        assert self._holder is not None, "lock not held"
        self._holder = replace(self._holder, run_id=run_id)
        self._write(self._holder)

    def set_children(self, pids: list[int]) -> None:
        """Record the run's crawl processes: a next run stops them if this holder is killed."""
        assert self._holder is not None, "lock not held"
        self._holder = replace(self._holder, children=tuple(pids))
        self._write(self._holder)

    def release(self) -> None:
        if self._file is None:
            return
        self._file.truncate(0)  # an empty file means the last holder finished cleanly
        self._file.flush()
        fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
        self._file.close()
        self._file = self._holder = None

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

    def _write(self, holder: LockHolder) -> None:
        assert self._file is not None
        self._file.seek(0)
        self._file.truncate(0)
        self._file.write(json.dumps(asdict(holder)))
        self._file.flush()
        os.fsync(self._file.fileno())


def current_holder(path: Path) -> LockHolder | None:
    """Who holds the lock now, or None when no run is in progress."""
    if not path.exists():
        return None
    with open(path, "a+", encoding="utf-8") as file:
        try:
            fcntl.flock(file.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _parse(_read(file))
        fcntl.flock(file.fileno(), fcntl.LOCK_UN)
        return None


def stop_leftovers(holder: LockHolder, timeout: float = 10.0) -> list[int]:
    """Kill the crawl processes a dead holder left running; returns their pids.

    A pid is only trusted while it still runs ``crawler`` for the holder's run: pids are reused."""
    leftovers = []
    for pid in holder.children:
        try:
            process = psutil.Process(pid)
            argv = process.cmdline()
        except psutil.Error:  # gone, or not ours to look at
            continue
        if "crawler" in argv and "--run-id" in argv and argv[argv.index("--run-id") + 1 :][:1] == [str(holder.run_id)]:
            try:
                os.killpg(pid, signal.SIGKILL)  # the shard's own process group: helpers too
            except (ProcessLookupError, PermissionError):
                continue
            leftovers.append(process)
    psutil.wait_procs(leftovers, timeout=timeout)
    return [process.pid for process in leftovers]


def _read(file: IO[str]) -> str:
    file.seek(0)
    return file.read()


def _parse(text: str) -> LockHolder | None:
    try:
        data = json.loads(text)
        return LockHolder(
            int(data["pid"]),
            str(data["started_at"]),
            str(data["command"]),
            data.get("run_id"),
            tuple(int(pid) for pid in data.get("children", ())),
        )
    except (ValueError, KeyError, TypeError):
        return None
