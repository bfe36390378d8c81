"""config/schedule.yaml: defaults, the shipped file, and errors that name file, line and field."""

from pathlib import Path

import pytest

from oit.yamlfile import YamlError
from scheduler.config import ClockTime, load_config

REPO = Path(__file__).resolve().parents[1]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "schedule.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_config_is_valid_and_nightly_at_0130_bangkok():
    config = load_config(REPO / "config" / "schedule.yaml")
    assert config.schedule.timezone == "Asia/Bangkok"
    assert config.schedule.time == ClockTime(1, 30)
    assert config.notify.enabled is False


def test_values_are_read(tmp_path):
    config = load_config(
        write(
            tmp_path,
            """
schedule: {days: [mon, wed, fri], time: "02:05", misfire_grace_hours: 3}
run: {db: x/db.sqlite, formats: [html, docx], crawl_time_limit_minutes: 90, keep_runs: 5,
      health: {max_network_failure_share: 0.8, min_sites: 10}}
notify:
  enabled: true
  from: oit@example.go.th
  operator: ops@example.go.th
  smtp: {host: 127.0.0.1, port: 2525, starttls: true}
  recipients: {sao-a: a@example.go.th, sao-b: [b1@example.go.th, b2@example.go.th]}
  reminder: {weeks_before: [1, 4], time: "09:00"}
""",
        )
    )
    assert config.schedule.days == "mon,wed,fri"
    assert config.schedule.time == ClockTime(2, 5)
    assert config.schedule.misfire_grace_hours == 3.0
    assert config.run.db == Path("x/db.sqlite")
    assert config.run.formats == ("html", "docx")
    assert config.run.keep_runs == 5
    assert (config.run.health.max_network_failure_share, config.run.health.min_sites) == (0.8, 10)
    assert config.run.logs is None  # not set: beside the database
    assert config.notify.operator == ("ops@example.go.th",)
    assert config.notify.smtp.port == 2525 and config.notify.smtp.starttls
    assert config.notify.recipients == {"sao-a": ("a@example.go.th",), "sao-b": ("b1@example.go.th", "b2@example.go.th")}
    assert config.notify.reminder.weeks_before == (4, 1)
    assert config.notify.reminder.time == ClockTime(9, 0)


@pytest.mark.parametrize(
    "text, where",
    [
        ("schedule:\n  days: 1-5\n", ":2: schedule.days: use day names"),
        ("schedule:\n  time: '25:00'\n", ":2: schedule.time: expected a time"),
        ("schedule:\n  timezone: Mars/Olympus\n", ":2: schedule.timezone: unknown time zone"),
        ("run:\n  keep_runs: 0\n", ":2: run.keep_runs: must be 1 or more"),
        ("run:\n  keep_run: 3\n", ":2: run.keep_run: unknown field"),
        ("notify:\n  recipients:\n    sao-a: not-an-address\n", ":3: notify.recipients.sao-a: expected an e-mail"),
        ("notify:\n  smtp:\n    port: '25'\n", ":3: notify.smtp.port: expected a whole number"),
        ("notify:\n  operator: [ops]\n", ":2: notify.operator: expected an e-mail"),
        (
            "run:\n  health:\n    max_network_failure_share: 50\n",
            ":3: run.health.max_network_failure_share: a share between 0 and 1",
        ),
        ("run:\n  health:\n    min_site: 3\n", ":3: run.health.min_site: unknown field"),
    ],
)
def test_errors_name_line_and_field(tmp_path, text, where):
    path = write(tmp_path, text)
    with pytest.raises(YamlError) as info:
        load_config(path)
    assert f"{path}{where}" in str(info.value)
