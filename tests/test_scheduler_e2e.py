"""End to end against sample SAO sites on loopback, with the real stages: the service runs the job
on its schedule (crawl subprocesses, documents, rules, reports, publish, e-mail), stops on SIGTERM,
does not run twice after a restart; a crawl process killed mid-run fails the run and leaves the
database and the published reports intact."""

import datetime as dt
import email
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from email import policy
from pathlib import Path
from zoneinfo import ZoneInfo

import psutil
import pytest
import yaml

from fleet.testing import custom_site, start_fleet
from reports.runs import CURRENT_RUN_TH
from reports.thaifmt import ThaiFormat
from scheduler.lock import lock_path_for
from scheduler.pipeline import RunRequest, RunStatus, run_once
from scheduler.publish import CURRENT, current_run
from scheduler_smtp import SmtpSink
from store.db import Store

REPO = Path(__file__).resolve().parents[1]
BKK = ZoneInfo("Asia/Bangkok")


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.3)


def runs(db):
    with Store(db) as store:
        return store.runs(20)


def start_service(folder, config):
    log = open(folder / "service.log", "ab")
    return subprocess.Popen(
        [sys.executable, "-m", "oit", "schedule", "--config", str(config)],
        cwd=folder,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


@pytest.fixture(scope="module")
def scheduled(tmp_path_factory):
    """Two sample sites, and the service that ran the job on them once, on schedule."""
    folder = tmp_path_factory.mktemp("scheduled")
    fleet = start_fleet(
        [custom_site("e2e-a", news_count=5), custom_site("e2e-b", family="wordpress", profile="mixed", news_count=5)], folder
    )
    with SmtpSink() as smtp:
        fire = dt.datetime.now(BKK) + dt.timedelta(seconds=4)
        crawl_settings = folder / "crawl.yaml"  # our own loopback sites: no politeness delays, small budget
        crawl_settings.write_text("politeness: {enabled: false}\nbudget: {pages: 40, documents: 4}\n", encoding="utf-8")
        config = folder / "schedule.yaml"
        config.write_text(
            yaml.safe_dump(
                {
                    "schedule": {"time": fire.strftime("%H:%M:%S"), "misfire_grace_hours": 1},
                    "run": {
                        "sites": str(fleet.sites_file),
                        "db": str(folder / "oit.sqlite"),
                        "out": str(folder / "out"),
                        "logs": str(folder / "logs"),
                        "crawl_settings": str(crawl_settings),
                        "formats": ["html", "json"],
                        "crawl_time_limit_minutes": 5,
                    },
                    "notify": {
                        "enabled": True,
                        "from": "oit@example.go.th",
                        "smtp": {"host": "127.0.0.1", "port": smtp.port},
                        "recipients": {"e2e-a": "clerk@example.go.th"},
                    },
                }
            ),
            encoding="utf-8",
        )
        service = start_service(folder, config)
        try:
            wait_for(lambda: (folder / "out" / CURRENT).exists(), 150, "the scheduled run to publish")
            wait_for(lambda: smtp.received, 30, "the e-mail")
            assert service.poll() is None  # still serving: the next run is tomorrow
            service.send_signal(signal.SIGTERM)
            assert service.wait(timeout=30) == 0
        finally:
            if service.poll() is None:
                service.kill()
        yield {
            "folder": folder,
            "fleet": fleet,
            "config": config,
            "fire": fire,
            "mail": list(smtp.received),
            "crawl_settings": crawl_settings,
        }
    fleet.stop()


def test_scheduled_run_publishes_reports_and_history(scheduled):
    folder = scheduled["folder"]
    [run] = runs(folder / "oit.sqlite")
    assert (run.kind, run.status) == ("scheduled", "complete")
    started = dt.datetime.fromisoformat(run.started_at)
    assert abs((started - scheduled["fire"]).total_seconds()) < 5  # ran at the configured time
    assert run.stats["sites_ok"] == 2 and run.stats["pages"] > 10
    assert current_run(folder / "out") == run.id
    results = json.loads((folder / "out" / CURRENT / "results.json").read_text(encoding="utf-8"))
    assert sorted(s["id"] for s in results["sites"]) == ["e2e-a", "e2e-b"]
    assert all(s["items"] for s in results["sites"])
    index = (folder / "out" / CURRENT / "index.html").read_text(encoding="utf-8")
    history = index[index.index("<h2>ประวัติการตรวจ</h2>") :]
    assert CURRENT_RUN_TH in history and "ตามกำหนดเวลา" in history  # the run shown while it wrote its reports
    assert f'<td class="num">{ThaiFormat().number(run.stats["pages"], 0)}</td>' in history
    assert not lock_path_for(folder / "oit.sqlite").read_text()  # released on SIGTERM


def test_each_sao_gets_its_summary_by_mail(scheduled):
    [(sender, recipients, data)] = scheduled["mail"]
    assert recipients == ["clerk@example.go.th"]
    message = email.message_from_bytes(data, policy=policy.default)
    text = message.get_body(("plain",)).get_content()
    results = json.loads((scheduled["folder"] / "out" / CURRENT / "results.json").read_text(encoding="utf-8"))
    site = next(s for s in results["sites"] if s["id"] == "e2e-a")
    assert site["name"] in message["Subject"]
    failing = [i for i in site["items"] if i["status"] != "pass"]
    assert f"ยังไม่ผ่าน {str(len(failing)).translate(str.maketrans('0123456789', '๐๑๒๓๔๕๖๗๘๙'))} ข้อ" in text
    for item in failing:
        assert f"- {item['code']} " in text


def test_oit_runs_shows_the_history(scheduled):
    shown = subprocess.run(
        [sys.executable, "-m", "oit", "runs", "--config", str(scheduled["config"])],
        cwd=scheduled["folder"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert shown.returncode == 0, shown.stderr
    header, row = shown.stdout.splitlines()[:2]
    assert header.split()[:5] == ["run", "kind", "started", "(UTC)", "finished"]
    assert row.split()[0] == "1" and "scheduled" in row and "complete" in row


def test_restart_after_the_run_does_not_run_again(scheduled):
    folder = scheduled["folder"]
    service = start_service(folder, scheduled["config"])  # the fire time is past, within the grace
    try:
        time.sleep(4)
        service.send_signal(signal.SIGTERM)
        assert service.wait(timeout=30) == 0
    finally:
        if service.poll() is None:
            service.kill()
    assert len(runs(folder / "oit.sqlite")) == 1


def kill_shard_when_crawling(shard: str, log: Path, killed: list[int]) -> None:
    """SIGKILL the crawl process of ``shard`` once its spider is crawling: a crash mid-run."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if log.exists() and b"Spider opened" in log.read_bytes():
            for child in psutil.Process().children(recursive=True):
                try:
                    if "crawler" in child.cmdline() and shard in child.cmdline():
                        child.kill()
                        killed.append(child.pid)
                        return
                except psutil.NoSuchProcess:  # another child that just exited
                    continue
        time.sleep(0.05)


def test_crawl_process_killed_mid_run(scheduled):
    folder = scheduled["folder"]
    db = folder / "oit.sqlite"
    published = (folder / "out" / CURRENT / "results.json").read_bytes()
    killed: list[int] = []
    next_run = runs(db)[0].id + 1
    log = folder / "logs" / f"oit-run-{next_run}-shard-1.log"
    watcher = threading.Thread(target=kill_shard_when_crawling, args=("1/2", log, killed))
    watcher.start()
    outcome = run_once(
        RunRequest(
            sites=scheduled["fleet"].sites_file,
            db=db,
            out=folder / "out",
            logs=folder / "logs",
            ruleset="",
            as_of=scheduled["fleet"].as_of,
            formats=frozenset({"html", "json"}),
            crawl_processes=2,
            crawl_args=("--settings", str(scheduled["crawl_settings"])),
        )
    )
    watcher.join()
    assert killed, "the crawl process was never seen"
    assert outcome.status is RunStatus.FAILED
    assert any("shard 1: exit code -9" in e for e in outcome.errors)
    latest, first = runs(db)[:2]
    assert (latest.id, latest.status) == (outcome.run_id, "failed")
    assert first.status == "complete"
    # The last published reports are untouched and still current.
    assert current_run(folder / "out") == first.id
    assert (folder / "out" / CURRENT / "results.json").read_bytes() == published
    # The database is consistent, and the first run's evidence reads in full.
    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Store(db) as store:
        assert sum(len(s.pages) for s in store.snapshots(first.id)) == first.stats["pages"]
