"""Settings of the run job and the nightly service, read from ``config/schedule.yaml``.

Every field is checked here, so a typo in the file stops ``oit schedule`` at start-up with
``config/schedule.yaml:12: schedule.days: ...`` instead of failing at 01:30 in the night.
"""
from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oit.paths import config_dir, config_file
from oit.yamlfile import FieldPath, YamlDoc, load_yaml
from reports.options import ALL_FORMATS


_DAY_NAMES = "mon|tue|wed|thu|fri|sat|sun"
# APScheduler's day_of_week: names, ranges and lists of names ("mon-fri", "mon,wed,fri", "*").
# Numbers are refused: 0 is Monday there but Sunday in crontab.
_DAYS_RE = re.compile(rf"^\*$|^({_DAY_NAMES})(-({_DAY_NAMES}))?(,({_DAY_NAMES})(-({_DAY_NAMES}))?)*$")
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
    db: Path = Path("var/oit.sqlite")
    out: Path = Path("var/reports")
    logs: Path | None = None  # None: a logs folder beside the database
    crawl_settings: Path | None = None  # the crawler's settings file; None: its default, config/crawl.yaml
    ruleset: str = ""  # empty: the newest year in rules/
    formats: tuple[str, ...] = ()  # empty: the formats of config/reports.yaml
    crawl_processes: int = 0  # 0: one crawl process per core
    crawl_time_limit_minutes: float = 300.0
    stop_grace_seconds: float = 60.0  # between SIGTERM and SIGKILL for a crawl process
    keep_runs: int = 14  # published report sets kept under out/runs/
    health: HealthSettings = HealthSettings()


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
    doc = load_yaml(path)
    root = _Section(doc, ())
    config = SchedulerConfig(
        schedule=_schedule(root.section("schedule")),
        run=_run(root.section("run")),
        notify=_notify(root.section("notify")),
    )
    root.finish()
    return config


class _Section:
    """Typed reads of one mapping of the YAML file; unknown keys are reported by ``finish``."""

    def __init__(self, doc: YamlDoc, path: FieldPath):
        self.doc, self.path = doc, path
        data = doc.data if not path else _get(doc.data, path)
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise doc.error(path, "expected a mapping of settings")
        self.data: dict[str, Any] = data
        self.read: set[str] = set()

    def section(self, key: str) -> "_Section":
        self.read.add(key)
        return _Section(self.doc, self.path + (key,))

    def value(self, key: str, kind: type | tuple[type, ...], default: Any) -> Any:
        self.read.add(key)
        if key not in self.data or self.data[key] is None:
            return default
        value = self.data[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise self.error(key, f"expected {names}, got {value!r}")
        return value

    def error(self, key: str | int | tuple, message: str):
        sub = key if isinstance(key, tuple) else (key,)
        return self.doc.error(self.path + sub, message)

    def finish(self) -> None:
        for key in self.data:
            if key not in self.read:
                raise self.error(key, f"unknown setting (known: {', '.join(sorted(self.read))})")


def _get(data: Any, path: FieldPath) -> Any:
    for part in path:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def _optional_path(text: str) -> Path | None:
    return Path(text) if text else None


def _clock(section: _Section, key: str, default: ClockTime) -> ClockTime:
    text = section.value(key, str, None)
    if text is None:
        return default
    match = _TIME_RE.match(text.strip())
    if not match:
        raise section.error(key, f"expected a time as HH:MM (24-hour), got {text!r}")
    return ClockTime(int(match[1]), int(match[2]), int(match[3] or 0))


def _positive(section: _Section, key: str, kind: type, default: Any, *, allow_zero: bool = False) -> Any:
    value = section.value(key, kind, default)
    if value < 0 or (value == 0 and not allow_zero):
        raise section.error(key, f"must be {'zero or more' if allow_zero else 'more than zero'}, got {value}")
    return value


def _schedule(s: _Section) -> ScheduleSettings:
    d = ScheduleSettings()
    timezone = s.value("timezone", str, d.timezone)
    try:
        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise s.error("timezone", f"unknown time zone {timezone!r}") from None
    days = s.value("days", (str, list), d.days)
    if isinstance(days, list):
        days = ",".join(str(day) for day in days)
    days = days.strip().lower().replace(" ", "")
    if not _DAYS_RE.match(days):
        raise s.error("days", f"use day names (mon tue wed thu fri sat sun), ranges like mon-fri, or '*'; got {days!r}")
    settings = ScheduleSettings(
        timezone=timezone,
        days=days,
        time=_clock(s, "time", d.time),
        misfire_grace_hours=_positive(s, "misfire_grace_hours", float, d.misfire_grace_hours),
    )
    s.finish()
    return settings


def _run(s: _Section) -> RunSettings:
    d = RunSettings()
    formats = s.value("formats", list, list(d.formats))
    for i, fmt in enumerate(formats):
        if fmt not in ALL_FORMATS:
            raise s.error(("formats", i), f"expected one of {', '.join(sorted(ALL_FORMATS))}, got {fmt!r}")
    settings = RunSettings(
        sites=Path(s.value("sites", str, str(d.sites))),
        db=Path(s.value("db", str, str(d.db))),
        out=Path(s.value("out", str, str(d.out))),
        logs=_optional_path(s.value("logs", str, "")),
        crawl_settings=_optional_path(s.value("crawl_settings", str, "")),
        ruleset=str(s.value("ruleset", (str, int), d.ruleset)),
        formats=tuple(formats),
        crawl_processes=_positive(s, "crawl_processes", int, d.crawl_processes, allow_zero=True),
        crawl_time_limit_minutes=_positive(s, "crawl_time_limit_minutes", float, d.crawl_time_limit_minutes),
        stop_grace_seconds=_positive(s, "stop_grace_seconds", float, d.stop_grace_seconds),
        keep_runs=_positive(s, "keep_runs", int, d.keep_runs),
        health=_health(s.section("health")),
    )
    s.finish()
    return settings


def _health(s: _Section) -> HealthSettings:
    d = HealthSettings()
    share = _positive(s, "max_network_failure_share", float, d.max_network_failure_share)
    if share > 1:
        raise s.error("max_network_failure_share", f"a share between 0 and 1, got {share}")
    settings = HealthSettings(max_network_failure_share=share, min_sites=_positive(s, "min_sites", int, d.min_sites))
    s.finish()
    return settings


def _notify(s: _Section) -> NotifySettings:
    d = NotifySettings()
    recipients_section = s.section("recipients")
    recipients = {str(site_id): _addresses(recipients_section, site_id) for site_id in recipients_section.data}
    settings = NotifySettings(
        enabled=s.value("enabled", bool, d.enabled),
        sender=s.value("from", str, d.sender),
        report_url=s.value("report_url", str, d.report_url),
        smtp=_smtp(s.section("smtp")),
        recipients=recipients,
        operator=_addresses(s, "operator"),
        reminder=_reminder(s.section("reminder")),
    )
    s.finish()
    return settings


def _addresses(s: _Section, key: str) -> tuple[str, ...]:
    s.read.add(key)
    addresses = s.data.get(key) or []
    if isinstance(addresses, str):
        addresses = [addresses]
    if not isinstance(addresses, list) or not all(isinstance(a, str) and "@" in a for a in addresses):
        raise s.error(str(key), "expected an e-mail address or a list of them")
    return tuple(addresses)


def _smtp(s: _Section) -> SmtpSettings:
    d = SmtpSettings()
    settings = SmtpSettings(
        host=s.value("host", str, d.host),
        port=_positive(s, "port", int, d.port),
        starttls=s.value("starttls", bool, d.starttls),
        user=s.value("user", str, d.user),
        password_env=s.value("password_env", str, d.password_env),
        timeout_seconds=_positive(s, "timeout_seconds", float, d.timeout_seconds),
    )
    s.finish()
    return settings


def _reminder(s: _Section) -> ReminderSettings:
    d = ReminderSettings()
    weeks = s.value("weeks_before", list, list(d.weeks_before))
    for i, week in enumerate(weeks):
        if not isinstance(week, int) or isinstance(week, bool) or week < 1:
            raise s.error(("weeks_before", i), f"expected a number of weeks (1 or more), got {week!r}")
    settings = ReminderSettings(
        enabled=s.value("enabled", bool, d.enabled),
        weeks_before=tuple(sorted(set(weeks), reverse=True)),
        time=_clock(s, "time", d.time),
    )
    s.finish()
    return settings
