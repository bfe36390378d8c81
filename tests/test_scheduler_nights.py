"""Bad nights, with the real stages over loopback: the machine's network goes down (the run fails,
yesterday's reports stay published, the operator is told), and `oit run` is killed with SIGKILL in
the middle of the crawl (its crawl processes die with it)."""

import email
import json
import os
import subprocess
import sys
import time
from email import policy
from pathlib import Path

import psutil
import yaml

from fleet.testing import custom_site, start_fleet
from scheduler.publish import CURRENT, current_run
from scheduler_smtp import SmtpSink
from store.db import Store

REPO = Path(__file__).resolve().parents[1]


def oit(*argv, cwd):
    return subprocess.run(
        [sys.executable, "-m", "oit", *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def write_config(folder, fleet, crawl, **notify):
    config = folder / "schedule.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "run": {
                    "sites": str(fleet.sites_file),
                    "db": str(folder / "var" / "oit.sqlite"),
                    "out": str(folder / "out"),
                    "crawl_settings": str(crawl),
                    "formats": ["html", "json"],
                    "crawl_processes": 2,
                },
                "notify": notify or {"enabled": False},
            }
        ),
        encoding="utf-8",
    )
    return config


def test_a_night_with_the_network_down_keeps_yesterdays_reports(tmp_path):
    fleet = start_fleet([custom_site(f"night-{i}", news_count=3) for i in range(3)], tmp_path)
    crawl = tmp_path / "crawl.yaml"
    crawl.write_text("politeness: {enabled: false}\nbudget: {pages: 15, documents: 2}\n", encoding="utf-8")
    with SmtpSink() as smtp:
        config = write_config(
            tmp_path,
            fleet,
            crawl,
            enabled=True,
            **{"from": "oit@example.go.th"},
            operator="ops@example.go.th",
            recipients={"night-0": "clerk@example.go.th"},
            smtp={"host": "127.0.0.1", "port": smtp.port},
        )
        try:
            good = oit("run", "--config", str(config), "--as-of", fleet.as_of.isoformat(), cwd=tmp_path)
            assert good.returncode == 0, good.stderr
            published = (tmp_path / "out" / CURRENT / "results.json").read_bytes()
            assert [recipients for _, recipients, _ in smtp.received] == [["clerk@example.go.th"]]
        finally:
            fleet.stop()  # tonight every address refuses connections, as with our network down
        bad = oit("run", "--config", str(config), "--as-of", fleet.as_of.isoformat(), cwd=tmp_path)
        mail = list(smtp.received)
    reason = (
        "health check failed: 3 of 3 sites that answered on their previous crawl could not be reached "
        "(connection_refused 3); the network on this side (DNS, route, firewall) looks down"
    )
    assert bad.returncode == 1
    assert bad.stdout.startswith("run 2: failed\n") and reason in bad.stdout
    assert f"ERROR scheduler.pipeline: run 2 finished: failed ({reason}" in bad.stderr
    # Yesterday's reports stay published, untouched; the failed run is in the history with its reason.
    assert current_run(tmp_path / "out") == 1
    assert (tmp_path / "out" / CURRENT / "results.json").read_bytes() == published
    with Store(tmp_path / "var" / "oit.sqlite") as store:
        failed = store.run(2)
    assert failed.status == "failed" and failed.stats["errors"][0] == reason and failed.stats["sites_unreachable"] == 3
    # Only the operator is told: no SAO gets an e-mail saying its site could not be reached.
    [(_, recipients, data)] = mail[1:]
    assert recipients == ["ops@example.go.th"]
    message = email.message_from_bytes(data, policy=policy.default)
    assert message["Subject"].startswith("[OIT] run 2 failed: health check failed: 3 of 3 sites")
    assert "The reports of run 1 stay published." in message.get_content()
    # Crawl logs sit beside the database, named after it.
    assert (tmp_path / "var" / "logs" / "oit-run-2-shard-0.log").exists()


def running(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE  # a zombie has exited; only its parent may reap it
    except psutil.NoSuchProcess:
        return False


def test_crawl_processes_die_with_a_killed_run(tmp_path):
    fleet = start_fleet([custom_site(f"kill-{i}", news_count=150) for i in range(2)], tmp_path)
    crawl = tmp_path / "crawl.yaml"
    crawl.write_text("budget: {pages: 300}\n", encoding="utf-8")  # polite: minutes of crawling
    config = write_config(tmp_path, fleet, crawl)
    parent = subprocess.Popen(
        [sys.executable, "-m", "oit", "run", "--config", str(config)],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    shards: list[psutil.Process] = []
    try:
        logs = [tmp_path / "var" / "logs" / f"oit-run-1-shard-{i}.log" for i in range(2)]
        deadline = time.monotonic() + 120
        while not all(log.exists() and b"Spider opened" in log.read_bytes() for log in logs):
            assert time.monotonic() < deadline and parent.poll() is None, "the crawl never started"
            time.sleep(0.1)
        shards = [p for p in psutil.Process(parent.pid).children(recursive=True) if "crawler" in p.cmdline()]
        assert len(shards) == 2
        parent.kill()  # kill -9 of `oit run` in the middle of the crawl
        parent.wait()
        deadline = time.monotonic() + 30
        while any(running(shard) for shard in shards):
            assert time.monotonic() < deadline, f"crawl processes still running: {[s.pid for s in shards if running(s)]}"
            time.sleep(0.1)
    finally:
        for process in [*shards, psutil.Process(parent.pid) if parent.poll() is None else None]:
            if process is not None and running(process):
                process.kill()
        fleet.stop()
    with Store(tmp_path / "var" / "oit.sqlite") as store:
        [run] = store.runs()
    assert run.status == "interrupted"  # its owner is gone
    assert sorted(json.loads((tmp_path / "var" / "oit.sqlite.lock").read_text())["children"]) == sorted(s.pid for s in shards)
