"""E-mail to each SAO: the summary of its gap report and what changed since the previous run,
and reminders in the weeks before the OIT answer window opens.

Texts come from Jinja2 templates (Thai); the HTML part is autoescaped because findings and
evidence URLs come from crawled pages. Sent over SMTP with one connection per batch.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from evaluate.verdicts import ItemStatus, RunResult, SiteResult
from evaluate.wording import change_th, reminder_subject_th, report_subject_th, site_status_th
from reports.calendar import ItaCalendar, fix_deadline
from reports.history import find_site, site_changes
from reports.model import finding_text
from reports.thaifmt import ThaiFormat
from scheduler.config import NotifySettings, ReminderSettings, SmtpSettings

logger = logging.getLogger(__name__)

FMT = ThaiFormat(thai_digits=True)  # officers' letters use Thai digits and BE dates


@dataclass(frozen=True)
class ItemLine:
    code: str
    name: str
    text: str  # the finding or the change, in Thai


@dataclass(frozen=True)
class SiteSummary:
    """What one SAO's e-mail says, computed once for the text and the HTML part."""

    site: SiteResult
    date: str  # the run's as-of date, in Thai
    status_th: str
    passed: int
    judged: int  # items judged on pages fetched this run
    carried_over: int  # passing on an earlier run's pages: the site was not reached this run
    score: str  # predicted score in Thai digits, "" when not judged
    pass_mark: str
    failing: list[ItemLine]
    changes: list[ItemLine]
    previous_date: str  # "" when there is no earlier judged run
    due: str
    window: str


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("scheduler", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _thai_date(iso: str) -> str:
    return FMT.date(dt.date.fromisoformat(iso))


def summarize_site(result: RunResult, site: SiteResult, previous: RunResult | None, calendar: ItaCalendar) -> SiteSummary:
    # A site not reached this run keeps the passes its last known pages prove: shown as carried over,
    # never counted as judged tonight (an e-mail must not say "all pass" for a site that was down).
    reached = site.status == "ok"
    judged = [i for i in site.items if i.status is not ItemStatus.NOT_JUDGED] if reached else []
    before = find_site(previous, site.id) if previous else None
    deadline = fix_deadline(dt.date.fromisoformat(result.as_of), calendar)
    return SiteSummary(
        site=site,
        date=_thai_date(result.as_of),
        # The crawler's own detail ("connection refused by …") is English: it stays in results.json and the logs.
        status_th=site_status_th(site.status, site.crawl_status),
        passed=sum(i.status is ItemStatus.PASS for i in judged),
        judged=len(judged),
        carried_over=0 if reached else sum(i.status is ItemStatus.PASS for i in site.items),
        score=FMT.number(site.score) if site.score is not None else "",
        pass_mark=FMT.number(result.pass_mark, 0 if float(result.pass_mark).is_integer() else 2),
        failing=[ItemLine(i.code, i.name_th, finding_text(i, FMT)) for i in judged if i.status is not ItemStatus.PASS],
        changes=[ItemLine(c.code, c.name_th, change_th(c.kind, c.before, c.after)) for c in site_changes(before, site)],
        previous_date=_thai_date(previous.as_of) if previous and before else "",
        due=FMT.date(deadline.due),
        window=f"{FMT.date(deadline.window_start)} – {FMT.date(deadline.window_end)}",
    )


def _new_message(settings: NotifySettings, to: Iterable[str], subject: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = ", ".join(to)
    message["Subject"] = " ".join(subject.split())  # header injection: no line breaks in the subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    return message


def _message(settings: NotifySettings, to: Iterable[str], subject: str, template: str, context: dict) -> EmailMessage:
    env = _environment()
    message = _new_message(settings, to, subject)
    message.set_content(env.get_template(f"{template}.txt.j2").render(**context))
    message.add_alternative(env.get_template(f"{template}.html.j2").render(**context), subtype="html")
    return message


def site_report_message(summary: SiteSummary, settings: NotifySettings, to: Iterable[str]) -> EmailMessage:
    passed = (FMT.digits(str(summary.passed)), FMT.digits(str(summary.judged))) if summary.judged else None
    subject = report_subject_th(summary.site.name, summary.date, passed)
    return _message(settings, to, subject, "site_report", {"s": summary, "fmt": FMT, "report_url": settings.report_url})


def reminder_message(summary: SiteSummary, weeks: int, settings: NotifySettings, to: Iterable[str]) -> EmailMessage:
    subject = reminder_subject_th(summary.site.name, FMT.digits(str(weeks)))
    return _message(
        settings,
        to,
        subject,
        "reminder",
        {"s": summary, "weeks": weeks, "fmt": FMT, "report_url": settings.report_url},
    )


def reminder_due(today: dt.date, calendar: ItaCalendar, reminder: ReminderSettings) -> int | None:
    """How many weeks before the next answer window ``today`` is, if it is a reminder day."""
    deadline = fix_deadline(today, calendar)
    for weeks in reminder.weeks_before:
        if deadline.window_start - dt.timedelta(weeks=weeks) == today:
            return weeks
    return None


def operator_message(run_id: int, status: str, errors: list[str], current: int | None, settings: NotifySettings) -> EmailMessage:
    """The operator's alert when a run fails (English, like the logs): why, and what stays published."""
    reason = errors[0] if errors else "no reason given"
    message = _new_message(settings, settings.operator, f"[OIT] run {run_id} {status}: {reason}"[:200])
    kept = f"The reports of run {current} stay published." if current is not None else "No reports are published yet."
    message.set_content(
        f"Run {run_id} {status}. Nothing was published.\n\n" + "".join(f"- {error}\n" for error in errors) + f"\n{kept}\n"
        "The run history: oit runs; crawl logs: the logs folder of the run settings.\n"
    )
    return message


def send_messages(messages: list[EmailMessage], smtp: SmtpSettings) -> int:
    """Send over one SMTP connection; returns how many were accepted."""
    if not messages:
        return 0
    with smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout_seconds) as client:
        if smtp.starttls:
            client.starttls()
        if smtp.user:
            client.login(smtp.user, os.environ.get(smtp.password_env, ""))
        for message in messages:
            client.send_message(message)
    return len(messages)


def run_messages(
    result: RunResult, previous: RunResult | None, settings: NotifySettings, calendar: ItaCalendar
) -> list[EmailMessage]:
    """One message per site of the run that has recipients configured."""
    return [
        site_report_message(summarize_site(result, site, previous, calendar), settings, settings.recipients[site.id])
        for site in result.sites
        if settings.recipients.get(site.id)
    ]


def reminder_messages(result: RunResult, today: dt.date, settings: NotifySettings, calendar: ItaCalendar) -> list[EmailMessage]:
    """Reminders for every site with recipients, when ``today`` is a reminder day."""
    weeks = reminder_due(today, calendar, settings.reminder)
    if weeks is None:
        return []
    return [
        reminder_message(summarize_site(result, site, None, calendar), weeks, settings, settings.recipients[site.id])
        for site in result.sites
        if settings.recipients.get(site.id)
    ]
