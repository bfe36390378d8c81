"""Running the crawl as subprocesses, one per core, within a time limit.

Twisted's reactor cannot restart, and one process uses one core: so each run starts
``python -m crawler ... --shard I/N`` processes. At the time limit, or when the run is asked
to stop, each gets SIGTERM (Scrapy closes gracefully and stores what it has crawled) and,
after a grace period, SIGKILL.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from oit.lifetime import child_environment

logger = logging.getLogger(__name__)

_POLL_SECONDS = 0.2
PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class CrawlJob:
    """The crawl of one run: which database (the run's sites are registered there), how many processes."""

    db: Path
    run_id: int
    shards: int
    log_dir: Path
    extra_args: tuple[str, ...] = ()  # e.g. --no-politeness for the demo's own loopback fleet


@dataclass
class ShardResult:
    shard: int  # 0-based, as the crawler's --shard I/N
    returncode: int | None = None
    stopped: bool = False  # we sent SIGTERM (time limit or stop request)
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


def shard_log(job: CrawlJob, shard: int) -> Path:
    from crawler.launch import shard_log as log

    return log(job.log_dir, job.db, job.run_id, shard)


def crawler_command(job: CrawlJob, shard: int) -> list[str]:
    """The crawler's subprocess entry point (built by crawler/ itself)."""
    from crawler.launch import crawler_command as command

    return command(job.db, job.run_id, (shard, job.shards), list(job.extra_args))


def shard_count(configured: int, sites: int) -> int:
    """One process per core unless configured, never more processes than sites."""
    wanted = configured or os.cpu_count() or 1
    return max(1, min(wanted, sites))


def run_crawl(
    job: CrawlJob,
    *,
    time_limit: float,
    stop: threading.Event,
    stop_grace: float,
    command: Callable[[CrawlJob, int], list[str]] = crawler_command,
    started: Callable[[list[int]], None] = lambda pids: None,
) -> CrawlOutcome:
    """Run every shard to completion, the time limit, or ``stop``; never leaves a child running.

    ``started`` gets the shards' pids once all are running (the run lock records them, so the next
    run can stop them if this process is killed and they somehow outlive it)."""
    job.log_dir.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + time_limit
    outcome = CrawlOutcome()
    processes: list[tuple[subprocess.Popen, ShardResult]] = []
    try:
        for shard in range(job.shards):
            result = ShardResult(shard, log=shard_log(job, shard))
            with open(result.log, "ab") as log:
                # Own session: a Ctrl-C in the terminal reaches the run, which stops shards in order.
                process = subprocess.Popen(
                    command(job, shard), stdout=log, stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL, start_new_session=True, env=_child_environment(),
                )
            processes.append((process, result))
            outcome.shards.append(result)
        started([process.pid for process, _ in processes])
        while any(p.poll() is None for p, _ in processes):
            if stop.is_set() or time.monotonic() >= deadline:
                outcome.interrupted = stop.is_set()
                outcome.timed_out = not outcome.interrupted
                logger.warning("run %d: %s, stopping the crawl", job.run_id,
                               "stop requested" if outcome.interrupted else f"time limit of {dt.timedelta(seconds=round(time_limit))} reached")
                _stop_all(processes, stop_grace)
                break
            time.sleep(_POLL_SECONDS)
    except BaseException:
        _stop_all(processes, stop_grace)
        raise
    for process, result in processes:
        result.returncode = process.returncode
        if result.crashed:
            logger.error("run %d: %s", job.run_id, result.describe())
    return outcome



def _child_environment() -> dict[str, str]:
    """The children import this very checkout, whatever the working directory, and die with us."""
    path = os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))
    return child_environment({**os.environ, "PYTHONPATH": path})


def _stop_all(processes: Sequence[tuple[subprocess.Popen, ShardResult]], grace: float) -> None:
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
