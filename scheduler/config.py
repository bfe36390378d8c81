"""Settings of the run job and the nightly service, read from ``config/schedule.yaml``.

Every field is checked here, so a typo in the file stops ``oit schedule`` at start-up with
``config/schedule.yaml:12: schedule.days: ...`` instead of failing at 01:30 in the night.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

from oit.paths import config_dir, config_file
from oit.yamlfile import Fields, Value, load_yaml
from reports.options import ALL_FORMATS
from store.connection import DbRef, db_ref

_DAY_NAMES = "mon|tue|wed|thu|fri|sat|sun"
# APScheduler's day_of_week: names, ranges and lists of names ("mon-fri", "mon,wed,fri", "*").
# Numbers are refused: 0 is Monday there but Sunday in crontab.
_DAYS_RE = re.compile(rf"^\*$|^({_DAY_NAMES})(-({_DAY_NAMES}))?(,({_DAY_NAMES})(-({_DAY_NAMES}))?)*$")
ENGINES = ("embedded", "celery")
_TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$")


@dataclass(frozen=True)
class ClockTime:
    hour: int
    minute: int
    second: int = 0


@dataclass(frozen=True)
class ScheduleSettings:
    """When the nightly run fires."""

    timezone: str = "Asia/Bangkok"
    days: str = "*"  # day names for APScheduler's day_of_week
    time: ClockTime = ClockTime(1, 30)
    misfire_grace_hours: float = 6.0  # a run missed during downtime still runs if this recent


@dataclass(frozen=True)
class HealthSettings:
    """When a night counts as "our network was down" (scheduler/health.py): more than this share of
    the sites failing with DNS, connection or timeout errors, and at least ``min_sites`` of them."""

    max_network_failure_share: float = 0.5
    min_sites: int = 3


@dataclass(frozen=True)
class RunSettings:
    """What one run does; ``oit run`` options override these."""

    sites: Path = config_dir() / "sites.yaml"
    db: DbRef = Path("var/oit.sqlite")  # a SQLite file or a postgresql:// URL
    out: Path = Path("var/reports")
    logs: Path | None = None  # None: a logs folder beside the database (var/logs for PostgreSQL)
    crawl_settings: Path | None = None  # the crawler's settings file; None: its default, config/crawl.yaml
    ruleset: str = ""  # empty: the newest year in rules/
    formats: tuple[str, ...] = ()  # empty: the formats of config/reports.yaml
    crawl_processes: int = 0  # 0: one crawl process per core
    crawl_time_limit_minutes: float = 300.0
    stop_grace_seconds: float = 60.0  # between SIGTERM and SIGKILL for a crawl process
    keep_runs: int = 14  # published report sets kept under out/runs/
    health: HealthSettings = HealthSettings()
    engine: str = "embedded"  # or celery: the work runs on `oit worker`s of ``broker``
    broker: str = ""  # redis://HOST:PORT/N
    batch_size: int = 10  # sites per crawl and judge task
    site_time_limit_seconds: float = 600.0  # a site still crawling after this long is closed (status time_limit)


@dataclass(frozen=True)
class SmtpSettings:
    host: str = "localhost"
    port: int = 25
    starttls: bool = False
    user: str = ""
    password_env: str = "OIT_SMTP_PASSWORD"  # the password comes from the environment, never the file
    timeout_seconds: float = 30.0


@dataclass(frozen=True)
class ReminderSettings:
    """Reminders sent in the weeks before the OIT answer window opens.

    The window itself is the ITA calendar of config/reports.yaml (the reports' deadlines use it too).
    """

    enabled: bool = True
    weeks_before: tuple[int, ...] = (4, 2, 1)
    time: ClockTime = ClockTime(8, 0)


@dataclass(frozen=True)
class NotifySettings:
    enabled: bool = False
    sender: str = "oit-crawler@localhost"
    report_url: str = ""  # where officers open the published reports (out/current), if served
    smtp: SmtpSettings = SmtpSettings()
    recipients: dict[str, tuple[str, ...]] = field(default_factory=dict)  # site id -> addresses
    operator: tuple[str, ...] = ()  # who is told when a run fails (the run's errors, in English)
    reminder: ReminderSettings = ReminderSettings()


@dataclass(frozen=True)
class SchedulerConfig:
    schedule: ScheduleSettings = ScheduleSettings()
    run: RunSettings = RunSettings()
    notify: NotifySettings = NotifySettings()


def load_config(path: str | Path | None = None) -> SchedulerConfig:
    """Read the schedule config; without a file at the default path the defaults apply."""
    if path is None:
        path = config_file("schedule.yaml")
        if not path.exists():
            return SchedulerConfig()
    root = load_yaml(path).root.fields({"schedule", "run", "notify"})
    return SchedulerConfig(
        schedule=_schedule(root.section("schedule", {"timezone", "days", "time", "misfire_grace_hours"})),
        run=_run(
            root.section(
                "run",
                {
                    "sites",
                    "db",
                    "out",
                    "logs",
                    "crawl_settings",
                    "ruleset",
                    "formats",
                    "crawl_processes",
                    "crawl_time_limit_minutes",
                    "stop_grace_seconds",
                    "keep_runs",
                    "health",
                    "engine",
                    "broker",
                    "batch_size",
                    "site_time_limit_seconds",
                },
            )
        ),
        notify=_notify(root.section("notify", {"enabled", "from", "report_url", "smtp", "recipients", "operator", "reminder"})),
    )


def _optional_path(text: str) -> Path | None:
    return Path(text) if text else None


def _clock(section: Fields, key: str, default: ClockTime) -> ClockTime:
    value = section.get(key)
    if value is None:
        return default
    text = value.text()
    match = _TIME_RE.match(text)
    if not match:
        raise section.error(key, f"expected a time as HH:MM (24-hour), got {text!r}")
    return ClockTime(int(match[1]), int(match[2]), int(match[3] or 0))


def _schedule(s: Fields) -> ScheduleSettings:
    d = ScheduleSettings()
    timezone = s.text("timezone", d.timezone)
    try:
        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise s.error("timezone", f"unknown time zone {timezone!r}") from None
    value = s.get("days")
    days = d.days if value is None else ",".join(value.texts(numbers=True)) if isinstance(value.data, list) else value.text()
    days = days.lower().replace(" ", "")
    if not _DAYS_RE.match(days):
        raise s.error("days", f"use day names (mon tue wed thu fri sat sun), ranges like mon-fri, or '*'; got {days!r}")
    return ScheduleSettings(
        timezone=timezone,
        days=days,
        time=_clock(s, "time", d.time),
        misfire_grace_hours=s.number("misfire_grace_hours", d.misfire_grace_hours, above=0),
    )


def _run(s: Fields) -> RunSettings:
    d = RunSettings()
    formats = s.get("formats")
    return RunSettings(
        sites=Path(s.text("sites", str(d.sites))),
        db=db_ref(s.text("db", str(d.db))),
        out=Path(s.text("out", str(d.out))),
        logs=_optional_path(s.text("logs", "")),
        crawl_settings=_optional_path(s.text("crawl_settings", "")),
        ruleset=s.text("ruleset", d.ruleset, numbers=True),
        formats=d.formats if formats is None else tuple(f.choice(sorted(ALL_FORMATS)) for f in formats.list()),
        crawl_processes=s.integer("crawl_processes", d.crawl_processes, minimum=0),
        crawl_time_limit_minutes=s.number("crawl_time_limit_minutes", d.crawl_time_limit_minutes, above=0),
        stop_grace_seconds=s.number("stop_grace_seconds", d.stop_grace_seconds, above=0),
        keep_runs=s.integer("keep_runs", d.keep_runs, minimum=1),
        engine=_engine(s, d),
        broker=s.text("broker", d.broker),
        batch_size=s.integer("batch_size", d.batch_size, minimum=1),
        site_time_limit_seconds=s.number("site_time_limit_seconds", d.site_time_limit_seconds, above=0),
        health=_health(s.section("health", {"max_network_failure_share", "min_sites"})),
    )


def _engine(s: Fields, d: RunSettings) -> str:
    engine = s.text("engine", d.engine)
    if engine not in ENGINES:
        raise s.error("engine", f"one of {', '.join(ENGINES)}, got {engine!r}")
    if engine == "celery" and not s.text("broker", d.broker):
        raise s.error("engine", "the celery engine needs run.broker (redis://HOST:PORT/N)")
    return engine


def _health(s: Fields) -> HealthSettings:
    d = HealthSettings()
    share = s.number("max_network_failure_share", d.max_network_failure_share, above=0)
    if share > 1:
        raise s.error("max_network_failure_share", f"a share between 0 and 1, got {share}")
    return HealthSettings(max_network_failure_share=share, min_sites=s.integer("min_sites", d.min_sites, minimum=1))


def _notify(s: Fields) -> NotifySettings:
    d = NotifySettings()
    recipients = s.get("recipients")
    operator = s.get("operator")
    return NotifySettings(
        enabled=s.boolean("enabled", d.enabled),
        sender=s.text("from", d.sender),
        report_url=s.text("report_url", d.report_url),
        smtp=_smtp(s.section("smtp", {"host", "port", "starttls", "user", "password_env", "timeout_seconds"})),
        recipients={} if recipients is None else {str(site): _addresses(to) for site, to in recipients.entries()},
        operator=d.operator if operator is None else _addresses(operator),
        reminder=_reminder(s.section("reminder", {"enabled", "weeks_before", "time"})),
    )


def _addresses(value: Value) -> tuple[str, ...]:
    addresses = () if value.data is None else value.texts(single=True)
    if not all("@" in address for address in addresses):
        raise value.error("expected an e-mail address or a list of them")
    return addresses


def _smtp(s: Fields) -> SmtpSettings:
    d = SmtpSettings()
    return SmtpSettings(
        host=s.text("host", d.host),
        port=s.integer("port", d.port, minimum=1),
        starttls=s.boolean("starttls", d.starttls),
        user=s.text("user", d.user),
        password_env=s.text("password_env", d.password_env),
        timeout_seconds=s.number("timeout_seconds", d.timeout_seconds, above=0),
    )


def _reminder(s: Fields) -> ReminderSettings:
    d = ReminderSettings()
    weeks = {week.integer(minimum=1) for week in s.list("weeks_before")} if s.has("weeks_before") else set(d.weeks_before)
    return ReminderSettings(
        enabled=s.boolean("enabled", d.enabled),
        weeks_before=tuple(sorted(weeks, reverse=True)),
        time=_clock(s, "time", d.time),
    )
