"""``oit schedule``: the long-running service that starts the run job on a cron schedule.

APScheduler 3.x with an in-memory job store. Missed runs are found from our own run history
instead of a persistent job store: at start-up, the latest fire time within the grace period
that no run has started after is given to the job as its next run time, so APScheduler runs it
once (coalesced) and then follows the schedule. A restart after the catch-up run finds that run
in the history and does not repeat it.
"""

from __future__ import annotations

import datetime as dt
import logging
import signal
import threading
from collections.abc import Callable
from zoneinfo import ZoneInfo

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger

from scheduler.config import ClockTime, SchedulerConfig

logger = logging.getLogger(__name__)

RUN_JOB_ID = "oit-nightly-run"
REMINDER_JOB_ID = "oit-answer-window-reminder"


def daily_trigger(time: ClockTime, timezone: str, days: str = "*") -> CronTrigger:
    return CronTrigger(day_of_week=days, hour=time.hour, minute=time.minute, second=time.second, timezone=ZoneInfo(timezone))


def run_trigger(config: SchedulerConfig) -> CronTrigger:
    schedule = config.schedule
    return daily_trigger(schedule.time, schedule.timezone, schedule.days)


def missed_fire_time(
    trigger: CronTrigger, *, last_run_start: dt.datetime | None, now: dt.datetime, grace: dt.timedelta
) -> dt.datetime | None:
    """The latest fire time in [now - grace, now] that no run started at or after, if any."""
    latest = None
    fire = trigger.get_next_fire_time(None, now - grace)
    while fire is not None and fire <= now:
        latest = fire
        fire = trigger.get_next_fire_time(fire, fire + dt.timedelta(seconds=1))
    if latest is None or (last_run_start is not None and last_run_start >= latest):
        return None
    return latest


def add_jobs(
    scheduler: BaseScheduler,
    config: SchedulerConfig,
    *,
    run_job: Callable[[], object],
    reminder_job: Callable[[], object],
    last_run_start: dt.datetime | None,
    now: dt.datetime,
) -> dt.datetime | None:
    """Add the run job (and the reminder job when notifications are on); returns the missed run time."""
    trigger = run_trigger(config)
    grace = dt.timedelta(hours=config.schedule.misfire_grace_hours)
    missed = missed_fire_time(trigger, last_run_start=last_run_start, now=now, grace=grace)
    catch_up = {"next_run_time": missed} if missed else {}
    scheduler.add_job(
        run_job,
        trigger,
        id=RUN_JOB_ID,
        name="crawl, evaluate, report, publish",
        replace_existing=True,
        coalesce=True,
        max_instances=1,
        misfire_grace_time=int(grace.total_seconds()),
        **catch_up,
    )
    notify = config.notify
    if notify.enabled and notify.reminder.enabled:
        scheduler.add_job(
            reminder_job,
            daily_trigger(notify.reminder.time, config.schedule.timezone),
            id=REMINDER_JOB_ID,
            name="OIT answer window reminders",
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=int(grace.total_seconds()),
        )
    return missed


class LoggedJob:
    """Wraps a job so one failed run is logged and does not stop the nightly service."""

    def __init__(self, name: str, function: Callable[[], object]):
        self.name, self.function = name, function

    def __call__(self) -> None:
        try:
            self.function()
        except Exception:
            logger.exception("%s failed", self.name)


def serve(
    config: SchedulerConfig,
    *,
    run_job: Callable[[threading.Event], object],  # what the jobs return is not used
    reminder_job: Callable[[], object],
    last_run_start: dt.datetime | None,
) -> int:
    """Run the schedule until SIGTERM/SIGINT; a run in progress is stopped cleanly first.

    The signal handler only sets the stop event. It must not call into APScheduler: a signal can
    arrive while the main thread holds one of its locks (e.g. the executor's shutdown lock while
    submitting a job), and shutting down from the handler would then wait for that lock forever.
    So the scheduler runs in its own thread and the main thread waits for the event, then shuts
    the scheduler down from an ordinary context.
    """
    timezone = ZoneInfo(config.schedule.timezone)
    stop = threading.Event()
    # One worker: the run and the reminder never overlap, and the run lock guards against `oit run`.
    scheduler = BackgroundScheduler(timezone=timezone, executors={"default": ThreadPoolExecutor(1)})
    now = dt.datetime.now(timezone)
    missed = add_jobs(
        scheduler,
        config,
        run_job=LoggedJob("run", lambda: run_job(stop)),
        reminder_job=LoggedJob("reminder", reminder_job),
        last_run_start=last_run_start,
        now=now,
    )
    if missed:
        logger.info("the run due at %s was missed; running it now", missed.isoformat())

    def on_signal(signum: int, _frame: object) -> None:
        logger.info("%s received: stopping", signal.Signals(signum).name)
        stop.set()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        logger.info("next run at %s", run_trigger(config).get_next_fire_time(None, now).isoformat())
        scheduler.start()
        while not stop.wait(timeout=1.0):  # a timed wait keeps the main thread responsive to signals
            pass
        # wait=True: the stop event makes a running job stop its crawl and mark the run first.
        scheduler.shutdown(wait=True)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    logger.info("scheduler stopped")
    return 0
