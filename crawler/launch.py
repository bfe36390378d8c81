"""Start the crawl processes of one run, watch them, stop them: the one launcher every caller uses
(``oit crawl``, ``oit run``, benchmarks, tests).

Twisted's reactor cannot restart, and one process uses one core: so a run is crawled by
``python -m crawler ... --shard I/N`` processes over the sites registered in the run. They run in a
session of their own (a Ctrl-C in the terminal reaches only the parent, which stops them in order)
and die with the parent if it is killed (``oit.lifetime``). At the time limit, on a stop request or
when the parent is interrupted, each gets SIGTERM (Scrapy closes gracefully and stores the sites it
finished) and, after a grace period, SIGKILL. The parent reads progress from the database only, so it
works the same for 1 or N processes.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from oit.lifetime import child_environment
from store.connection import DbRef, db_folder, db_name

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.2
DEFAULT_STOP_GRACE = 60.0  # seconds between SIGTERM and SIGKILL


@dataclass(frozen=True)
class CrawlJob:
    """The crawl of one run: which database (the run's sites are registered there), how many processes."""

    db: DbRef
    run_id: int
    shards: int
    log_dir: Path | None  # None: the shards write to this process's stderr
    extra_args: tuple[str, ...] = ()  # e.g. --no-politeness for our own loopback fleet
    # What the focused order looks for besides its built-in list: the caller takes them from the rule
    # sets (evaluate.ruleset.focus_terms), as the crawler imports nothing from the engine.
    focus_terms: tuple[str, ...] = field(kw_only=True)
    # A distributed crawl task's batch (distributed/tasks.py): only these sites, files named by ``batch``.
    site_ids: tuple[str, ...] = field(default=(), kw_only=True)
    batch: int | None = field(default=None, kw_only=True)


@dataclass
class ShardResult:
    shard: int  # 0-based, as the crawler's --shard I/N
    returncode: int | None = None
    stopped: bool = False  # we sent SIGTERM (time limit, stop request, interrupted parent)
    killed: bool = False  # it ignored SIGTERM for the grace period
    log: Path | None = None

    @property
    def crashed(self) -> bool:
        """Exited with an error on its own, not because we stopped it."""
        return not self.stopped and self.returncode != 0

    def describe(self) -> str:
        state = "killed" if self.killed else "stopped" if self.stopped else f"exit code {self.returncode}"
        return f"crawl shard {self.shard}: {state}" + (f" (log {self.log})" if self.log else "")


@dataclass
class CrawlOutcome:
    shards: list[ShardResult] = field(default_factory=list)
    timed_out: bool = False
    interrupted: bool = False

    @property
    def crashed(self) -> list[ShardResult]:
        return [s for s in self.shards if s.crashed]

    @property
    def returncodes(self) -> list[int | None]:
        return [s.returncode for s in self.shards]


def shard_count(configured: int, sites: int) -> int:
    """One process per core unless configured, never more processes than sites."""
    wanted = configured or os.cpu_count() or 1
    return max(1, min(wanted, sites))


def _run_file(job: CrawlJob, suffix: str) -> Path:
    """Files of a run's crawl are named after its database too: databases sharing a folder never mix."""
    batch = f"-batch-{job.batch}" if job.batch is not None else ""
    return (job.log_dir or db_folder(job.db)) / f"{Path(db_name(job.db)).stem}-run-{job.run_id}{batch}-{suffix}"


def shard_log(job: CrawlJob, shard: int) -> Path | None:
    return _run_file(job, f"shard-{shard}.log") if job.log_dir is not None else None


def focus_file(job: CrawlJob) -> Path:
    return _run_file(job, "focus.json")


def crawler_command(job: CrawlJob, shard: int) -> list[str]:
    """One shard's crawl of the sites registered in the run (the caller registers them first)."""
    focus = ["--focus-terms", str(focus_file(job))] if job.focus_terms else []
    batch = ["--site-ids", ",".join(job.site_ids)] if job.site_ids else []
    return [
        sys.executable,
        "-m",
        "crawler",
        "--db",
        str(job.db),
        "--run-id",
        str(job.run_id),
        "--shard",
        f"{shard}/{job.shards}",
        *focus,
        *batch,
        *job.extra_args,
    ]


def check_crawl_args(extra_args: Sequence[str] = ()) -> None:
    """Read what a crawl process started with ``extra_args`` will read (its settings file), so a
    mistake stops the run before it starts, not in a shard's log after the night's crawl."""
    from crawler.__main__ import build_parser
    from crawler.settings import load_config

    load_config(build_parser().parse_args(["--db", "-", "--run-id", "0", *extra_args]).settings)


def run_crawl(
    job: CrawlJob,
    *,
    time_limit: float = math.inf,
    stop: threading.Event | None = None,
    stop_grace: float = DEFAULT_STOP_GRACE,
    command: Callable[[CrawlJob, int], list[str]] = crawler_command,
    started: Callable[[list[int]], None] = lambda pids: None,
    poll: Callable[[], None] = lambda: None,
    poll_seconds: float = POLL_SECONDS,
) -> CrawlOutcome:
    """Run every shard to completion, the time limit, or ``stop``; never leaves a child running.

    ``started`` gets the shards' pids once all are running (the run lock records them, so the next
    run can stop them if this process is killed and they somehow outlive it); ``poll`` is called
    every ``poll_seconds`` while they run (progress lines, memory samples). An exception here,
    KeyboardInterrupt included, stops the shards the same way before it propagates."""
    if job.log_dir is not None:
        job.log_dir.mkdir(parents=True, exist_ok=True)
    if job.focus_terms:
        focus_file(job).parent.mkdir(parents=True, exist_ok=True)
        focus_file(job).write_text(json.dumps(list(job.focus_terms), ensure_ascii=False), encoding="utf-8")
    deadline = time.monotonic() + time_limit
    stop = stop or threading.Event()
    outcome = CrawlOutcome()
    processes: list[tuple[subprocess.Popen, ShardResult]] = []
    try:
        for shard in range(job.shards):
            result = ShardResult(shard, log=shard_log(job, shard))
            log = open(result.log, "ab") if result.log else None
            try:
                processes.append(
                    (
                        subprocess.Popen(
                            command(job, shard),
                            stdout=log,
                            stderr=subprocess.STDOUT if log else None,
                            stdin=subprocess.DEVNULL,
                            start_new_session=True,
                            env=child_environment(),
                        ),
                        result,
                    )
                )
            finally:
                if log:
                    log.close()
            outcome.shards.append(result)
        started([process.pid for process, _ in processes])
        while any(p.poll() is None for p, _ in processes):
            if stop.is_set() or time.monotonic() >= deadline:
                outcome.interrupted = stop.is_set()
                outcome.timed_out = not outcome.interrupted
                why = (
                    "stop requested"
                    if outcome.interrupted
                    else f"time limit of {dt.timedelta(seconds=round(time_limit))} reached"
                )
                logger.warning("run %d: %s, stopping the crawl", job.run_id, why)
                stop_shards(processes, stop_grace)
                break
            poll()
            time.sleep(poll_seconds)
    except BaseException:
        stop_shards(processes, stop_grace)
        raise
    for process, result in processes:
        result.returncode = process.returncode
        if result.crashed:
            logger.error("run %d: %s", job.run_id, result.describe())
    return outcome


def stop_shards(processes: Sequence[tuple[subprocess.Popen, ShardResult]], grace: float) -> None:
    """SIGTERM to every running shard, then SIGKILL to those still running after ``grace`` seconds."""
    running = [(p, r) for p, r in processes if p.poll() is None]
    for process, result in running:
        result.stopped = True
        _signal(process, signal.SIGTERM)
    deadline = time.monotonic() + grace
    for process, result in running:
        try:
            process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            result.killed = True
            _signal(process, signal.SIGKILL)
            process.wait()


def _signal(process: subprocess.Popen, signum: int) -> None:
    """Signal the shard's whole process group: Scrapy may have started helpers of its own."""
    try:
        os.killpg(process.pid, signum)
    except ProcessLookupError:
        pass
