"""A throwaway PostgreSQL cluster for tests and benchmarks: ``with LocalPostgres(folder) as pg: pg.url``.

Started with the Debian server binaries (``initdb``/``pg_ctl`` from /usr/lib/postgresql/*/bin), never
through systemd or the packaged cluster. It listens on a free loopback port (and on a unix socket in
its own folder), trusts every loopback connection and runs with fsync=off: data is meant to be lost
when it stops, and it is stopped (immediate mode) and deleted on exit.

PostgreSQL refuses to run as root, so as root the cluster runs as the ``postgres`` system user, in a
folder under /tmp that user owns (a caller's folder, e.g. pytest's tmp_path, is often not traversable
by it). The folder is named after the owning process: a cluster whose owner was killed before it
could stop it is stopped and removed by the next one started.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from glob import glob
from pathlib import Path

from oit.errors import UserError
from oit.lifetime import pid_alive

USER = "oit"  # the cluster's superuser; trust auth, so no password
_FOLDER = re.compile(r"^oit-postgres-(\d+)-")  # oit-postgres-<owner pid>-<random>


def server_bin(name: str) -> Path:
    """The newest installed PostgreSQL server binary ``name`` (initdb, pg_ctl)."""
    found = sorted(glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(Path(p).parts[4]))
    if not found:
        raise UserError(f"{name} not found in /usr/lib/postgresql/*/bin: install the Debian package postgresql")
    return Path(found[-1])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LocalPostgres:
    """A PostgreSQL server of its own, on loopback; ``.url`` is its ``postgres`` database."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)  # the server's log is copied here when it fails to start
        self.port = 0
        self._root: Path | None = None

    @property
    def url(self) -> str:
        return self.database_url("postgres")

    def database_url(self, name: str) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{name}"

    @property
    def data(self) -> Path:
        assert self._root is not None, "not started"
        return self._root / "data"

    def __enter__(self) -> LocalPostgres:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        stop_leftovers()
        root = self._root = Path(tempfile.mkdtemp(prefix=f"oit-postgres-{os.getpid()}-"))
        if run_as():
            owner = pwd.getpwnam("postgres")
            os.chown(root, owner.pw_uid, owner.pw_gid)
        try:
            # -E UTF8 --locale=C: text sorts and compares by code point, as in SQLite
            _run(root, server_bin("initdb"), "-D", self.data, "-U", USER, "--auth=trust", "-E", "UTF8", "--locale=C")
            for _attempt in range(5):  # the free port may be taken between asking and binding
                self.port = free_port()
                options = (
                    f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={root}"
                    " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
                )
                started = _run(
                    root, server_bin("pg_ctl"), "start", "-w", "-t", "60", "-D", self.data, "-l", root / "server.log",
                    "-o", options, check=False,
                )  # fmt: skip
                if started.returncode == 0:
                    return
            log = (root / "server.log").read_text(errors="replace")
            (self.folder / "postgres-server.log").write_text(log)
            raise RuntimeError(f"PostgreSQL did not start (log copied to {self.folder / 'postgres-server.log'}):\n{log[-2000:]}")
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        if self._root is not None:
            _remove(self._root)
            self._root = None

    def create_database(self, name: str) -> str:
        """A new empty database; its URL."""
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.database_url(name)


def run_as() -> list[str]:
    """The command prefix for the server binaries: as root, run them as the ``postgres`` user."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def _run(cwd: Path, *command: object, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([*run_as(), *map(str, command)], cwd=cwd, capture_output=True, text=True, timeout=120)
    if check and done.returncode != 0:
        raise RuntimeError(f"{Path(str(command[0])).name} failed ({done.returncode}): {done.stderr.strip()}")
    return done


def _remove(root: Path) -> None:
    """Stop the cluster in ``root`` at once (its data is thrown away) and delete it."""
    if (root / "data" / "postmaster.pid").exists():
        _run(root, server_bin("pg_ctl"), "stop", "-m", "immediate", "-w", "-D", root / "data", check=False)
    shutil.rmtree(root, ignore_errors=True)


def stop_leftovers() -> list[Path]:
    """Stop and remove the clusters of processes that are gone (killed before they stopped them)."""
    removed = []
    for root in Path(tempfile.gettempdir()).glob("oit-postgres-*"):
        match = _FOLDER.match(root.name)
        if match and root.is_dir() and not pid_alive(int(match[1])):
            _remove(root)
            removed.append(root)
    return removed
