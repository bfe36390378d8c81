"""The jobs ``oit schedule`` runs: the nightly run (then its e-mails) and the reminder."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import threading
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

from reports.history import stored_result
from reports.options import load_options
from scheduler.config import NotifySettings, SchedulerConfig
from scheduler.lock import LockBusy
from scheduler.notify import operator_message, reminder_due, reminder_messages, run_messages, send_messages
from scheduler.pipeline import RunOutcome, RunRequest, RunStatus, run_once
from scheduler.publish import current_run
from store.connection import db_exists, describe_db
from store.db import Store

logger = logging.getLogger(__name__)


def today(config: SchedulerConfig) -> dt.date:
    """The date in the schedule's time zone: the nightly run judges "as of" this day."""
    return dt.datetime.now(ZoneInfo(config.schedule.timezone)).date()


def scheduled_run(config: SchedulerConfig, stop: threading.Event) -> RunOutcome | None:
    request = RunRequest.from_settings(config.run, as_of=today(config), kind="scheduled")
    try:
        outcome = run_once(request, stop=stop)
    except LockBusy as exc:  # e.g. a long `oit run` started by hand: skip, the next night catches up
        logger.warning("scheduled run skipped: %s", exc)
        return None
    notify_run(outcome, config.notify, request.out)
    return outcome


def notify_run(outcome: RunOutcome, settings: NotifySettings, out: Path) -> int:
    """E-mail each SAO its summary after a published run, or the operator the reason a run failed;
    returns the number sent."""
    if not settings.enabled:
        return 0
    if outcome.status is RunStatus.FAILED and settings.operator:
        alert = operator_message(outcome.run_id, outcome.status, outcome.errors, current_run(out), settings)
        return _send([alert], settings, f"run {outcome.run_id} (operator)")
    if outcome.result is None or outcome.published is None:
        return 0
    messages = run_messages(outcome.result, outcome.previous, settings, load_options().calendar)
    return _send(messages, settings, f"run {outcome.run_id}")


def reminder_job(config: SchedulerConfig, day: dt.date) -> int:
    """On reminder days, e-mail each SAO its open items from the published run (``current``), as
    the store keeps its verdicts."""
    calendar = load_options().calendar
    if reminder_due(day, calendar, config.notify.reminder) is None:
        return 0  # the store is read only on the few reminder days
    run_id = current_run(config.run.out)
    if run_id is None or not db_exists(config.run.db):
        logger.info("reminder: no published run yet")
        return 0
    with Store(config.run.db) as store:
        run = store.run(run_id)
        latest = stored_result(store, run) if run is not None else None
    if latest is None:
        logger.info("reminder: run %d is published but no longer in %s", run_id, describe_db(config.run.db))
        return 0
    messages = reminder_messages(latest, day, config.notify, calendar)
    return _send(messages, config.notify, "reminder")


def _send(messages: list[EmailMessage], settings: NotifySettings, what: str) -> int:
    try:
        sent = send_messages(messages, settings.smtp)
    except (OSError, smtplib.SMTPException) as exc:  # mail trouble must not fail the run
        logger.error("%s: e-mail not sent via %s:%d: %s", what, settings.smtp.host, settings.smtp.port, exc)
        return 0
    if sent:
        logger.info("%s: %d e-mail(s) sent", what, sent)
    return sent
