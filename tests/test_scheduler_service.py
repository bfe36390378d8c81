"""The nightly service: trigger arithmetic with a fixed clock, catch-up after downtime (once, within
the grace), job wiring, and SIGTERM handling."""

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import time
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler

from scheduler.config import ClockTime, NotifySettings, SchedulerConfig, ScheduleSettings
from scheduler.service import REMINDER_JOB_ID, RUN_JOB_ID, add_jobs, missed_fire_time, run_trigger

BKK = ZoneInfo("Asia/Bangkok")
SIX_HOURS = dt.timedelta(hours=6)
AT_0130 = ClockTime(1, 30)


def config(days="*", time=AT_0130, grace=6.0, notify=False):
    return SchedulerConfig(
        schedule=ScheduleSettings(days=days, time=time, misfire_grace_hours=grace),
        notify=NotifySettings(enabled=notify),
    )


def at(*args):
    return dt.datetime(*args, tzinfo=BKK)


def test_nightly_fire_times_in_bangkok_time():
    trigger = run_trigger(config())
    fire = trigger.get_next_fire_time(None, at(2026, 11, 21, 12, 0))
    assert fire == at(2026, 11, 22, 1, 30)
    assert fire.utcoffset() == dt.timedelta(hours=7)
    assert fire.astimezone(dt.UTC).hour == 18  # 18:30 UTC the day before


def test_day_names_mean_what_they_say():
    trigger = run_trigger(config(days="mon-fri"))
    saturday_noon = at(2026, 11, 21, 12, 0)
    assert saturday_noon.strftime("%a") == "Sat"
    fire = trigger.get_next_fire_time(None, saturday_noon)
    assert fire == at(2026, 11, 23, 1, 30) and fire.strftime("%a") == "Mon"
    weekly = run_trigger(config(days="sun"))
    assert weekly.get_next_fire_time(None, saturday_noon).strftime("%a") == "Sun"


def test_missed_run_is_found_only_within_the_grace():
    trigger = run_trigger(config())
    yesterday = at(2026, 11, 20, 1, 30, 2)
    # Down from 01:00 to 03:00: the 01:30 run is missed and still due.
    missed = missed_fire_time(trigger, last_run_start=yesterday, now=at(2026, 11, 21, 3, 0), grace=SIX_HOURS)
    assert missed == at(2026, 11, 21, 1, 30)
    # Back only at 08:00: more than 6 hours late, skipped until tomorrow.
    assert missed_fire_time(trigger, last_run_start=yesterday, now=at(2026, 11, 21, 8, 0), grace=SIX_HOURS) is None
    # The run at 01:30 did start (then the machine went down): nothing to catch up.
    started = at(2026, 11, 21, 1, 30, 1)
    assert missed_fire_time(trigger, last_run_start=started, now=at(2026, 11, 21, 3, 0), grace=SIX_HOURS) is None


def test_several_missed_runs_coalesce_into_the_latest():
    trigger = run_trigger(config())
    three_days_ago = at(2026, 11, 18, 1, 30, 5)
    missed = missed_fire_time(trigger, last_run_start=three_days_ago, now=at(2026, 11, 21, 2, 0), grace=dt.timedelta(hours=72))
    assert missed == at(2026, 11, 21, 1, 30)


def test_wiring_paused_scheduler():
    scheduler = BackgroundScheduler(timezone=BKK)
    missed = add_jobs(
        scheduler,
        config(notify=True),
        run_job=lambda: None,
        reminder_job=lambda: None,
        last_run_start=at(2026, 11, 20, 1, 30),
        now=at(2026, 11, 21, 3, 0),
    )
    scheduler.start(paused=True)
    try:
        run = scheduler.get_job(RUN_JOB_ID)
        assert missed == at(2026, 11, 21, 1, 30) and run.next_run_time == missed
        assert (run.coalesce, run.max_instances, run.misfire_grace_time) == (True, 1, 6 * 3600)
        assert scheduler.get_job(REMINDER_JOB_ID).next_run_time.time() == dt.time(8, 0)
    finally:
        scheduler.shutdown(wait=False)


def test_no_reminder_job_when_notifications_are_off():
    scheduler = BackgroundScheduler(timezone=BKK)
    add_jobs(
        scheduler, config(), run_job=lambda: None, reminder_job=lambda: None, last_run_start=None, now=at(2026, 11, 21, 12, 0)
    )
    scheduler.start(paused=True)
    try:
        assert [job.id for job in scheduler.get_jobs()] == [RUN_JOB_ID]
    finally:
        scheduler.shutdown(wait=False)


def run_scheduler_briefly(schedule_config, last_run_start, now, seconds=1.5):
    """Start a real scheduler with the given history; returns the times the run job started."""
    started: list[dt.datetime] = []
    scheduler = BackgroundScheduler(timezone=BKK)
    add_jobs(
        scheduler,
        schedule_config,
        run_job=lambda: started.append(dt.datetime.now(BKK)),
        reminder_job=lambda: None,
        last_run_start=last_run_start,
        now=now,
    )
    scheduler.start()
    time.sleep(seconds)
    next_run = scheduler.get_job(RUN_JOB_ID).next_run_time
    scheduler.shutdown(wait=True)
    return started, next_run


def test_restart_after_downtime_runs_the_missed_run_once_and_not_again():
    now = dt.datetime.now(BKK).replace(microsecond=0)
    due = now - dt.timedelta(minutes=20)  # the nightly time passed while the service was down
    schedule = config(time=ClockTime(due.hour, due.minute, due.second), grace=1.0)
    started, next_run = run_scheduler_briefly(schedule, last_run_start=due - dt.timedelta(days=1), now=now)
    assert len(started) == 1
    assert next_run == due + dt.timedelta(days=1)
    # Restart again: the history now has the catch-up run, so nothing runs twice.
    started_again, next_run = run_scheduler_briefly(schedule, last_run_start=started[0], now=dt.datetime.now(BKK))
    assert started_again == [] and next_run == due + dt.timedelta(days=1)


def test_restart_beyond_the_grace_skips_to_the_next_night():
    now = dt.datetime.now(BKK).replace(microsecond=0)
    due = now - dt.timedelta(hours=2)
    schedule = config(time=ClockTime(due.hour, due.minute, due.second), grace=1.0)
    started, next_run = run_scheduler_briefly(schedule, last_run_start=due - dt.timedelta(days=1), now=now, seconds=0.5)
    assert started == [] and next_run == due + dt.timedelta(days=1)


SERVICE = textwrap.dedent("""
    import datetime as dt, logging, sys, time
    from zoneinfo import ZoneInfo
    from scheduler.config import ClockTime, ScheduleSettings, SchedulerConfig
    from scheduler.service import serve
    logging.basicConfig(level=logging.INFO)
    soon = dt.datetime.now(ZoneInfo("Asia/Bangkok")) + dt.timedelta(seconds=2)
    config = SchedulerConfig(schedule=ScheduleSettings(time=ClockTime(soon.hour, soon.minute, soon.second)))
    def run_job(stop):
        print("run started", flush=True)
        stop.wait(60)  # stands for a crawl that stops when asked
        time.sleep(0.5)  # marking the run interrupted
        print("run stopped cleanly", flush=True)
    sys.exit(serve(config, run_job=run_job, reminder_job=lambda: None, last_run_start=None))
""")


def test_sigterm_stops_the_running_job_then_exits_0():
    service = subprocess.Popen(
        [sys.executable, "-c", SERVICE], stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": os.getcwd()}
    )
    try:
        assert service.stdout.readline().strip() == "run started"  # fired on schedule, 2 s after start
        service.send_signal(signal.SIGTERM)
        assert service.wait(timeout=30) == 0
        assert service.stdout.read().strip() == "run stopped cleanly"
    finally:
        if service.poll() is None:
            service.kill()
