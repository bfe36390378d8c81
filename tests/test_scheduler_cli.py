"""The commands' user-facing behaviour: schedule preview, bad input, a second run refused, a closed pipe."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from oit.cli import main
from scheduler.lock import RunLock, lock_path_for
from store.db import Store

REPO = Path(__file__).resolve().parents[1]


def test_schedule_preview_uses_day_names_and_bangkok_time(tmp_path, capsys):
    config = tmp_path / "schedule.yaml"
    config.write_text("schedule: {days: mon-fri, time: '01:30'}\n", encoding="utf-8")
    assert main(["schedule", "--config", str(config), "--next", "6"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 6
    assert all(line.split()[0] in {"Mon", "Tue", "Wed", "Thu", "Fri"} for line in lines)
    assert all(line.endswith("01:30:00 +07") for line in lines)


def test_bad_config_is_one_line_with_file_and_line(tmp_path, capsys):
    config = tmp_path / "schedule.yaml"
    config.write_text("schedule:\n  days: 0-4\n", encoding="utf-8")
    assert main(["run", "--config", str(config)]) == 2
    assert f"{config}:2: schedule.days: use day names" in capsys.readouterr().err


def test_bad_date_is_refused(capsys):
    with pytest.raises(SystemExit) as info:
        main(["run", "--as-of", "2026-13-01"])
    assert info.value.code == 2 and "expected YYYY-MM-DD" in capsys.readouterr().err


def test_runs_without_a_database(tmp_path, capsys):
    assert main(["runs", "--db", str(tmp_path / "none.sqlite")]) == 2
    assert "no database" in capsys.readouterr().err


def test_second_run_is_refused_while_one_is_in_progress(tmp_path, capsys):
    sites = tmp_path / "sites.yaml"
    sites.write_text("sites:\n  - {id: a, name: อบต.ก, url: 'http://127.0.3.200:9/'}\n", encoding="utf-8")
    db = tmp_path / "oit.sqlite"
    with RunLock(lock_path_for(db), "oit scheduled run") as lock:
        lock.set_run(12)
        assert main(["run", "--sites", str(sites), "--db", str(db), "--out", str(tmp_path / "out")]) == 2
    assert "another run is in progress (run 12" in capsys.readouterr().err
    assert not db.exists()  # nothing was started


GOOD_SITE = "sites:\n  - {id: a, name: อบต.ก, url: 'http://127.0.3.200:8080/'}\n"


@pytest.mark.parametrize(
    "files, where",
    [
        ({"sites.yaml": GOOD_SITE.replace(":8080/", ":80800/")}, "sites.yaml:2: sites[0].url: not a valid URL"),
        ({"sites.yaml": GOOD_SITE.replace("127.0.3.200:8080", "[::1")}, "sites.yaml:2: sites[0].url: not a valid URL"),
        ({"sites.yaml": "sites: []\n"}, "sites.yaml:1: sites: no sites listed"),
        ({"config/overrides/a.yaml": "items:\n  contact: {measure: [unclosed\n"}, "a.yaml:3: invalid YAML"),
        (
            {"config/overrides/a.yaml": "items:\n  contact_us: {measure: x}\n"},
            "a.yaml:2: items.contact_us: unknown stable key 'contact_us'",
        ),
        ({"config/reports.yaml": "digits: roman\n"}, "reports.yaml:1: digits: must be one of: thai, arabic"),
        ({"crawl.yaml": "budget:\n  pagez: 3\n"}, "crawl.yaml:2: budget.pagez: unknown field"),
        ({"schedule-formats": "[html, pdff]"}, "schedule.yaml:8: run.formats[1]: must be one of"),
    ],
)
def test_every_input_is_checked_before_a_run_is_created(tmp_path, monkeypatch, capsys, files, where):
    """A mistake in any file the run reads stops it at once (exit 2, file:line: field: message),
    with no run created: before, some were found only after the night's crawl."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sites.yaml").write_text(GOOD_SITE, encoding="utf-8")
    (tmp_path / "crawl.yaml").write_text("politeness: {enabled: false}\n", encoding="utf-8")
    formats = files.pop("schedule-formats", "[html]")
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    config = tmp_path / "schedule.yaml"
    config.write_text(
        f"run:\n  sites: sites.yaml\n  db: oit.sqlite\n  out: out\n  logs: logs\n"
        f"  crawl_settings: crawl.yaml\n  crawl_time_limit_minutes: 1\n  formats: {formats}\n",
        encoding="utf-8",
    )
    assert main(["run", "--config", str(config), "--as-of", "2026-11-22"]) == 2
    assert where in capsys.readouterr().err
    assert not (tmp_path / "oit.sqlite").exists() and not (tmp_path / "out").exists()


def test_output_into_a_closed_pipe_ends_quietly(tmp_path):
    """`oit runs | head`: the reader went away; no BrokenPipeError traceback, the shell's SIGPIPE status."""
    db = tmp_path / "oit.sqlite"
    with Store(db) as store:
        store.finish_run(store.begin_run("manual"), "complete", {"pages": 3})
    read, write = os.pipe()
    os.close(read)  # the reader is gone before anything is written: deterministic EPIPE
    try:
        done = subprocess.run(
            [sys.executable, "-m", "oit", "runs", "--db", str(db)],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            timeout=60,
        )
    finally:
        os.close(write)
    assert done.stderr == ""
    assert done.returncode == 128 + signal.SIGPIPE
