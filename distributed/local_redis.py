"""A throwaway redis-server for tests and benchmarks: loopback only, a free port, nothing persisted,
and it dies with the process that started it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

from oit.lifetime import die_with_parent
from store.local_postgres import free_port

START_SECONDS = 15.0
ATTEMPTS = 5  # a free port can be taken between choosing it and the server binding it


class LocalRedis:
    """``with LocalRedis(folder) as redis: redis.url`` (redis://127.0.0.1:PORT/0)."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.port = 0
        self._process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def __enter__(self) -> LocalRedis:
        server = shutil.which("redis-server")
        if server is None:
            raise RuntimeError("redis-server is not installed (scripts/bootstrap.sh installs it)")
        self.folder.mkdir(parents=True, exist_ok=True)
        parent = os.getpid()
        for _ in range(ATTEMPTS):
            self.port = free_port()
            self._process = subprocess.Popen(
                [server, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
                + ["--dir", str(self.folder), "--logfile", str(self.folder / f"redis-{self.port}.log")],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                preexec_fn=lambda: die_with_parent(parent),
            )
            if self._ready():
                return self
            self._stop()
        raise RuntimeError(f"redis-server did not start; see {self.folder}")

    def _ready(self) -> bool:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:  # it exited: the port was taken meanwhile
                return False
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return True
            except OSError:
                pass
            time.sleep(0.05)
        return False

    def _stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    def __exit__(self, *exc: object) -> None:
        self._stop()
