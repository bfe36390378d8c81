"""The distributed engine for real: a redis-server of our own, ``oit worker`` processes and the
coordinator (``oit run --engine celery``) as subprocesses, crawling sample sites on loopback into
PostgreSQL (a throwaway server) or SQLite.

Same verdicts as the embedded engine; nothing lost and nothing twice when a worker, a worker's pool
process or the coordinator is killed with SIGKILL; a worker of another version refuses work; a site
that runs past its time limit is closed (status time_limit) and does not hold its worker.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
import yaml

from fleet.spec import Faults
from fleet.testing import custom_site, start_demo
from store.db import Store

REPO = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def wait_for(condition, timeout, what):
    """Poll a condition of the store or the process tree (not a sleep standing in for one)."""
    deadline = time.monotonic() + timeout
    while not (found := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)
    return found


def start_worker(folder: Path, broker: str, name: str, *, visibility: float, rules_dir: Path | None = None, concurrency: int = 1):
    log = open(folder / f"worker-{name}.log", "ab")
    folders = ["--rules-dir", str(rules_dir)] if rules_dir else []
    return subprocess.Popen(
        [sys.executable, "-m", "oit", *folders, "worker", "--broker", broker, "--name", name, "--concurrency", str(concurrency)]
        + ["--visibility-timeout", str(visibility)],
        cwd=folder,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=ENV,
    )


def write_config(folder: Path, sites: Path, name: str, crawl: dict, **run) -> Path:
    crawl_file = folder / f"{name}-crawl.yaml"
    crawl_file.write_text(yaml.safe_dump({"politeness": {"enabled": False}, **crawl}), encoding="utf-8")
    config = folder / f"{name}.yaml"
    settings = {
        "sites": str(sites),
        "db": str(folder / f"{name}.sqlite"),
        "out": str(folder / f"{name}-out"),
        "crawl_settings": str(crawl_file),
        "crawl_processes": 2,
        **run,
    }
    config.write_text(yaml.safe_dump({"run": settings}), encoding="utf-8")
    return config


def start_run(folder: Path, config: Path, as_of, name: str):
    log = open(folder / f"{name}.log", "ab")
    return subprocess.Popen(
        [sys.executable, "-m", "oit", "run", "--config", str(config), "--as-of", as_of.isoformat()],
        cwd=folder,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=ENV,
    )


def finish(process: subprocess.Popen, folder: Path, name: str, timeout: float = 400) -> tuple[int, str]:
    code = process.wait(timeout=timeout)
    return code, (folder / f"{name}.log").read_text(encoding="utf-8", errors="replace")


def results(folder: Path, name: str) -> dict:
    return json.loads((folder / f"{name}-out" / "current" / "results.json").read_text(encoding="utf-8"))


def descendants(process: subprocess.Popen, module: str) -> list[psutil.Process]:
    """Processes under ``process`` running ``python -m module``."""
    found = []
    for child in psutil.Process(process.pid).children(recursive=True):
        try:
            if module in child.cmdline():
                found.append(child)
        except psutil.NoSuchProcess:
            pass
    return found


def kill(process: psutil.Process | subprocess.Popen) -> None:
    os.kill(process.pid, signal.SIGKILL)


@pytest.fixture
def workers():
    """Started workers (and coordinators), killed at the end of the test whatever happened."""
    started: list[subprocess.Popen] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_demo_fleet_on_postgresql_and_celery_gives_the_embedded_results(tmp_path, redis_url, postgres_db, workers):
    fleet = start_demo(tmp_path)
    try:
        embedded = write_config(tmp_path, fleet.sites_file, "embedded", {})
        code, log = finish(start_run(tmp_path, embedded, fleet.as_of, "embedded"), tmp_path, "embedded")
        assert code == 0, log
        # Same folder, so the same document cache: the OCR results are those the embedded run made.
        celery = write_config(
            tmp_path, fleet.sites_file, "celery", {}, engine="celery", broker=redis_url, batch_size=4, db=postgres_db
        )
        workers += [start_worker(tmp_path, redis_url, f"w{n}", visibility=3600) for n in (1, 2)]
        code, log = finish(start_run(tmp_path, celery, fleet.as_of, "celery"), tmp_path, "celery")
    finally:
        fleet.stop()
    assert code == 0, log
    assert "crawl tasks" in log and "workers alive: 2" in log
    assert results(tmp_path, "celery") == results(tmp_path, "embedded")
    with Store(postgres_db) as celery_store, Store(tmp_path / "embedded.sqlite") as embedded_store:
        assert dict(celery_store.run_verdicts(1)) == dict(embedded_store.run_verdicts(1))


VISIBILITY = 160  # seconds; see the kill test's site time limit


def test_killed_worker_pool_process_and_coordinator_lose_nothing(tmp_path, make_fleet, redis_url, postgres_db, workers):
    fleet = make_fleet(
        [
            custom_site("kill-a", news_count=2),
            custom_site("kill-b", family="wordpress", profile="mixed", news_count=2),
            custom_site("kill-scans", family="doconly", profile="doc_only", long_scans=True, news_count=2),
        ]
    )
    crawl: dict = {}  # the sites' whole size: a page budget makes which pages are fetched depend on timing
    embedded_dir, celery_dir = tmp_path / "embedded", tmp_path / "celery"  # each its own document cache
    embedded_dir.mkdir()
    celery_dir.mkdir()
    # One site a batch, 60 s a site: never reached, even with the embedded reference run reading its
    # scans on the same two cores (at 20 s the scans site was closed at its limit under load). A
    # batch's hard limit is 60 s x (1 + 1) + 30 s, below the visibility timeout, after which a task
    # taken by a killed worker is delivered again.
    config = write_config(
        celery_dir,
        fleet.sites_file,
        "celery",
        crawl,
        engine="celery",
        broker=redis_url,
        batch_size=1,
        site_time_limit_seconds=60,
        db=postgres_db,
    )
    db = postgres_db
    a = start_worker(celery_dir, redis_url, "a", visibility=VISIBILITY)
    workers.append(a)
    coordinator = start_run(celery_dir, config, fleet.as_of, "celery")
    workers.append(coordinator)

    crawler = wait_for(lambda: descendants(a, "crawler"), 120, "a crawl on worker a")[0]
    kill(a)  # the worker dies mid-crawl: its pool process, and the crawl with it
    psutil.wait_procs([crawler], timeout=20)
    assert not crawler.is_running(), "the crawl process outlived its killed worker"
    kill(coordinator)  # and the coordinator too, while the run is crawling
    coordinator.wait()
    with Store(db) as store:
        assert len(store.completed_site_ids(1)) < 3 and store.run_tasks(1)

    # the same sites judged by the embedded engine, while the killed worker's task waits to come back
    embedded = write_config(embedded_dir, fleet.sites_file, "embedded", crawl)
    reference = start_run(embedded_dir, embedded, fleet.as_of, "embedded")
    workers.append(reference)
    b = start_worker(celery_dir, redis_url, "b", visibility=VISIBILITY, concurrency=2)
    workers.append(b)
    coordinator = start_run(celery_dir, config, fleet.as_of, "celery")
    workers.append(coordinator)
    reader = wait_for(lambda: descendants(b, "documents.worker"), 300, "a document read on worker b")[0]
    pool = reader.parent()
    kill(pool)  # the pool process dies mid-OCR: Celery puts its task back, the reader dies with it
    psutil.wait_procs([reader], timeout=20)
    assert not reader.is_running(), "the document reader outlived its killed pool process"

    code, log = finish(coordinator, celery_dir, "celery")
    assert code == 0, log
    assert "run 1: resumed" in log
    code, reference_log = finish(reference, embedded_dir, "embedded")
    assert code == 0, reference_log
    with Store(db) as store:
        assert [(run.id, run.status) for run in store.runs()] == [(1, "complete")]
        assert store.completed_site_ids(1) == {"kill-a", "kill-b", "kill-scans"}
        assert not store.pending_documents(1)
    assert results(celery_dir, "celery") == results(embedded_dir, "embedded")


def test_a_worker_of_other_rules_refuses_work_and_the_run_fails_naming_it(tmp_path, make_fleet, redis_url, workers):
    fleet = make_fleet([custom_site("stamp-a", news_count=2)])
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    newest = sorted(rules.glob("*.yaml"))[-1]
    newest.write_text(newest.read_text(encoding="utf-8") + "\n# edited on this worker only\n", encoding="utf-8")
    workers.append(start_worker(tmp_path, redis_url, "other", visibility=3600, rules_dir=rules))
    config = write_config(tmp_path, fleet.sites_file, "celery", {}, engine="celery", broker=redis_url)
    code, log = finish(start_run(tmp_path, config, fleet.as_of, "celery"), tmp_path, "celery", timeout=120)
    assert code == 1, log
    assert "refuses the task: rules" in log and "(coordinator) vs" in log
    with Store(tmp_path / "celery.sqlite") as store:
        assert store.runs()[0].status == "failed"


def test_a_site_past_its_time_limit_is_closed_and_frees_its_worker(tmp_path, make_fleet, redis_url, workers):
    fleet = make_fleet(
        [
            custom_site("limit-ok", news_count=2),
            custom_site("limit-slow", news_count=20, faults=Faults(slow_ms=6000)),  # ~40 pages, 6 s each
        ]
    )
    workers.append(start_worker(tmp_path, redis_url, "w", visibility=3600))
    # The download timeout alone would let the slow site run for minutes (~40 pages at 6 s, 4 at a
    # time), past the batch's hard limit (20 s x 3 + 20 s): only the site's own limit ends it in
    # time. 20 s leaves the quick site room on a loaded machine.
    config = write_config(
        tmp_path,
        fleet.sites_file,
        "celery",
        {"limits": {"timeout": 120}},
        engine="celery",
        broker=redis_url,
        site_time_limit_seconds=20,
    )
    code, log = finish(start_run(tmp_path, config, fleet.as_of, "celery"), tmp_path, "celery", timeout=200)
    assert code == 0, log
    with Store(tmp_path / "celery.sqlite") as store:
        outcomes = {crawl[0]: crawl[1] for crawl in store.crawl_outcomes(1)}
    assert outcomes == {"limit-ok": "ok", "limit-slow": "time_limit"}
    sites = {site["id"]: site for site in results(tmp_path, "celery")["sites"]}
    assert "site time limit of 20 s reached" in sites["limit-slow"]["crawl_detail"]


def test_the_embedded_engine_needs_no_celery():
    """``oit run`` and ``oit demo`` without --engine: the stages are built without importing Celery."""
    check = (
        "import sys\n"
        "from oit.cli import build_parser\n"
        "from scheduler.pipeline import default_stages\n"
        "build_parser(); default_stages()\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('celery', 'kombu', 'redis')], 'celery imported'\n"
    )
    subprocess.run([sys.executable, "-c", check], check=True, env=ENV, cwd=REPO)


def test_the_engine_setting_is_checked_with_file_and_line(tmp_path):
    from oit.yamlfile import YamlError
    from scheduler.config import load_config

    config = tmp_path / "schedule.yaml"
    config.write_text("run:\n  keep_runs: 3\n  engine: celery\n", encoding="utf-8")
    with pytest.raises(YamlError, match=r"schedule.yaml:3: run.engine: .*needs run.broker"):
        load_config(config)
    config.write_text("run:\n  engine: spark\n", encoding="utf-8")
    with pytest.raises(YamlError, match=r"schedule.yaml:2: run.engine: one of embedded, celery"):
        load_config(config)
    config.write_text("run:\n  engine: celery\n  broker: redis://127.0.0.1:6379/0\n  batch_size: 5\n", encoding="utf-8")
    assert load_config(config).run.batch_size == 5


def test_sigterm_stops_the_run_and_its_tasks_and_the_next_start_resumes_it(tmp_path, make_fleet, redis_url, workers):
    fleet = make_fleet([custom_site("stop-a", news_count=2), custom_site("stop-slow", news_count=4, faults=Faults(slow_ms=400))])
    worker = start_worker(tmp_path, redis_url, "w", visibility=3600)
    workers.append(worker)
    config = write_config(tmp_path, fleet.sites_file, "celery", {}, engine="celery", broker=redis_url, batch_size=1)
    coordinator = start_run(tmp_path, config, fleet.as_of, "celery")
    workers.append(coordinator)
    crawler = wait_for(lambda: descendants(worker, "crawler"), 120, "a crawl on the worker")[0]
    coordinator.send_signal(signal.SIGTERM)
    code, log = finish(coordinator, tmp_path, "celery", timeout=120)
    assert code == 1 and "crawl tasks revoked" in log, log
    psutil.wait_procs([crawler], timeout=30)
    assert not crawler.is_running(), "the revoked crawl still runs"
    with Store(tmp_path / "celery.sqlite") as store:
        assert [(run.id, run.status) for run in store.runs()] == [(1, "interrupted")]

    code, log = finish(start_run(tmp_path, config, fleet.as_of, "celery"), tmp_path, "celery", timeout=300)
    assert code == 0, log
    assert "run 1: resumed" in log
    with Store(tmp_path / "celery.sqlite") as store:
        assert [(run.id, run.status) for run in store.runs()] == [(1, "complete")]
        assert store.completed_site_ids(1) == {"stop-a", "stop-slow"}
