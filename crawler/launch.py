"""Start crawl subprocesses (``python -m crawler``) for one run and watch them through the store.

One process per core: each runs its own Twisted reactor over a shard of the sites. The parent only
reads progress from the database, so it works the same for 1 or N processes.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from crawler.progress import Progress
from oit.lifetime import child_environment
from store.db import Store

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def crawler_command(db_path: str | Path, run_id: int, shard: tuple[int, int], extra_args: list[str] = ()) -> list[str]:
    """One shard's crawl of the sites registered in the run (the caller registers them first)."""
    return [
        sys.executable, "-m", "crawler", "--db", str(db_path), "--run-id", str(run_id),
        "--shard", f"{shard[0]}/{shard[1]}", *extra_args,
    ]


def check_crawl_args(extra_args: list[str] | tuple[str, ...] = ()) -> None:
    """Read what a crawl process started with ``extra_args`` will read (its settings file), so a
    mistake stops the run before it starts, not in a shard's log after the night's crawl."""
    from crawler.__main__ import build_parser
    from crawler.settings import load_config

    load_config(build_parser().parse_args(["--db", "-", "--run-id", "0", *extra_args]).settings)


def shard_log(log_dir: Path, db_path: str | Path, run_id: int, shard: int) -> Path:
    """A shard's log file, named after its database too: databases sharing a logs folder never mix."""
    return log_dir / f"{Path(db_path).stem}-run-{run_id}-shard-{shard}.log"


def start_crawlers(db_path: str | Path, run_id: int, processes: int,
                   extra_args: list[str] = (), log_dir: Path | None = None) -> list[subprocess.Popen]:
    """Start ``processes`` shard crawlers of the run's registered sites; their logs go to ``log_dir``
    (or inherit stderr)."""
    env = child_environment({**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))})
    procs = []
    for index in range(processes):
        stream = None
        if log_dir is not None:
            log_dir.mkdir(parents=True, exist_ok=True)
            stream = open(shard_log(log_dir, db_path, run_id, index), "ab")
        procs.append(subprocess.Popen(
            crawler_command(db_path, run_id, (index, processes), list(extra_args)),
            env=env, stdout=stream, stderr=subprocess.STDOUT if stream else None,
        ))
        if stream:
            stream.close()
    return procs


def watch(store: Store, run_id: int, procs: list[subprocess.Popen], progress: Progress, poll: float = 0.5) -> list[int]:
    """Wait for the crawlers, drawing progress; returns their exit codes."""
    try:
        while any(p.poll() is None for p in procs):
            counts = store.progress(run_id)
            progress.update(counts["done"], counts["sites"], counts["failed"], counts["pages"])
            time.sleep(poll)
    except KeyboardInterrupt:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait()
        raise
    finally:
        counts = store.progress(run_id)
        progress.update(counts["done"], counts["sites"], counts["failed"], counts["pages"], final=True)
    return [p.returncode for p in procs]
