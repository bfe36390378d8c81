"""The run job with a real SQLite store and real subprocesses, other stages replaced by small fakes.

The fake crawler is a subprocess that writes sites through the store's public API, so crashes and
time limits hit a real database; the end-to-end tests use the real stages.
"""

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import psutil
import pytest

from evaluate.verdicts import Evidence, ItemStatus, ItemVerdict, RunResult, SiteResult
from scheduler.lock import LockBusy, RunLock, current_holder, lock_path_for, out_lock_path
from scheduler.pipeline import RunRequest, RunStatus, Stages, run_once
from scheduler.publish import CURRENT, current_run, published_runs
from store.db import Store
from store.records import Site, SiteStatus

SITES = [Site(f"sao-{i}", f"อบต.ทดสอบ{i}", f"http://127.0.1.{i}:8080/") for i in range(1, 5)]

# argv: db run_id shard shards behaviour. Saves its share of SITES; "crash" kills shard 1 after
# one site, "slow" saves one site and then waits to be stopped, "down" finds every site refusing
# connections (our network is down).
FAKE_CRAWLER = textwrap.dedent("""
    import signal, sys, time
    from store.db import SiteCrawlResult, Store
    from store.records import PageRecord, Site, SiteCrawl, SiteStatus
    db, run_id, shard, shards, behaviour = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    store = Store(db)
    ids = [f"sao-{i}" for i in range(1, 5)][shard::shards]
    for n, site_id in enumerate(ids):
        site = Site(site_id, site_id, "http://127.0.1.9/")
        if behaviour == "down":
            store.save_site(SiteCrawlResult(SiteCrawl(run_id, site, SiteStatus.CONNECTION_REFUSED)))
            continue
        crawl = SiteCrawl(run_id, site, SiteStatus.OK, pages=2)
        pages = [PageRecord(site_id, f"http://127.0.1.9/{p}", 200) for p in range(2)]
        store.save_site(SiteCrawlResult(crawl, pages))
        if behaviour == "crash" and shard == 1:
            import os; os._exit(5)
        if behaviour == "slow":
            time.sleep(60)
""")


def fake_stages(behaviour="quick", evaluate_error=None):
    def crawl_command(job, shard):
        return [sys.executable, "-c", FAKE_CRAWLER, str(job.db), str(job.run_id), str(shard), str(job.shards), behaviour]

    def evaluate_run(store, run_id, ruleset, as_of):
        if evaluate_error:
            raise evaluate_error
        sites = []
        for snapshot in store.snapshots(run_id):
            ok = snapshot.crawl.status is SiteStatus.OK
            status = ItemStatus.PASS if snapshot.pages else ItemStatus.NOT_JUDGED
            item = ItemVerdict("structure", ["structure"], "O1", "โครงสร้าง", status)
            sites.append(
                SiteResult(
                    snapshot.crawl.site.id,
                    snapshot.crawl.site.name,
                    snapshot.crawl.site.url,
                    "ok" if ok else "unreachable",
                    items=[item],
                )
            )
        return RunResult(run_id, as_of.isoformat(), ruleset.name, sites=sites)

    def write_reports(store, result, out, formats, history):
        (out / "results.json").write_text(json.dumps(result.to_json()), encoding="utf-8")
        (out / "history.txt").write_text(",".join(str(r.run_id) for r in history(result.sites[0].id)))
        return [out / "results.json"]

    return Stages(
        open_store=Store,
        load_sites=lambda path: SITES,
        load_ruleset=lambda name: SimpleNamespace(name=name or "2569"),
        crawl_command=crawl_command,
        process_documents=lambda store, run_id: None,
        evaluate_run=evaluate_run,
        write_reports=write_reports,
    )


def request(tmp_path, **overrides):
    values = dict(
        sites=tmp_path / "sites.yaml",
        db=tmp_path / "oit.sqlite",
        out=tmp_path / "out",
        logs=tmp_path / "logs",
        ruleset="",
        as_of=dt.date(2026, 11, 21),
        crawl_processes=2,
        crawl_time_limit=60,
        stop_grace=10,
    )
    return RunRequest(**{**values, **overrides})


def runs(tmp_path):
    with Store(tmp_path / "oit.sqlite") as store:
        return store.runs(10)


def test_complete_run_is_published_and_recorded(tmp_path):
    outcome = run_once(request(tmp_path), stages=fake_stages())
    assert outcome.status is RunStatus.COMPLETE and outcome.errors == []
    assert current_run(tmp_path / "out") == outcome.run_id
    result = json.loads((tmp_path / "out" / CURRENT / "results.json").read_text())
    assert sorted(s["id"] for s in result["sites"]) == [s.id for s in SITES]
    [info] = runs(tmp_path)
    assert info.status == "complete" and info.finished_at and info.ruleset == "2569" and info.kind == "manual"
    assert info.stats["sites_ok"] == 4 and info.stats["pages"] == 8 and info.stats["sites_pending"] == 0


def test_second_run_gets_the_first_as_history(tmp_path):
    first = run_once(request(tmp_path), stages=fake_stages())
    second = run_once(request(tmp_path), stages=fake_stages())
    assert second.previous is not None and second.previous.run_id == first.run_id
    assert (tmp_path / "out" / CURRENT / "history.txt").read_text() == str(first.run_id)


def test_crash_of_a_crawl_process_fails_the_run_and_keeps_the_last_reports(tmp_path):
    first = run_once(request(tmp_path), stages=fake_stages())
    before = (tmp_path / "out" / CURRENT / "results.json").read_bytes()
    crashed = run_once(request(tmp_path), stages=fake_stages("crash"))
    assert crashed.status is RunStatus.FAILED
    assert any("exit code 5" in e for e in crashed.errors)
    assert current_run(tmp_path / "out") == first.run_id
    assert (tmp_path / "out" / CURRENT / "results.json").read_bytes() == before
    assert not list((tmp_path / "out").glob(".staging-*"))
    latest, earlier = runs(tmp_path)
    assert (latest.status, earlier.status) == ("failed", "complete")
    with Store(tmp_path / "oit.sqlite") as store:  # the database is intact: the first run reads in full
        assert sum(len(s.pages) for s in store.snapshots(first.run_id)) == 8
        assert store.site_status_counts(crashed.run_id)["pending"] >= 1
    assert not (lock_path_for(tmp_path / "oit.sqlite").read_text())  # lock released


def test_time_limit_makes_a_partial_run_that_is_published(tmp_path):
    outcome = run_once(request(tmp_path, crawl_time_limit=3), stages=fake_stages("slow"))
    assert outcome.status is RunStatus.PARTIAL
    assert current_run(tmp_path / "out") == outcome.run_id
    [info] = runs(tmp_path)
    assert info.status == "partial"
    assert info.stats["sites_ok"] == 2 and info.stats["sites_pending"] == 2  # one site per shard made it


def test_stop_request_interrupts_and_publishes_nothing(tmp_path):
    stop = threading.Event()
    threading.Timer(2, stop.set).start()
    outcome = run_once(request(tmp_path), stop=stop, stages=fake_stages("slow"))
    assert outcome.status is RunStatus.INTERRUPTED
    assert current_run(tmp_path / "out") is None
    assert runs(tmp_path)[0].status == "interrupted"


def test_a_failing_stage_marks_the_run_failed_and_raises(tmp_path):
    first = run_once(request(tmp_path), stages=fake_stages())
    with pytest.raises(RuntimeError):
        run_once(request(tmp_path), stages=fake_stages(evaluate_error=RuntimeError("rule bug")))
    latest = runs(tmp_path)[0]
    assert latest.status == "failed" and "RuntimeError: rule bug" in latest.stats["errors"]
    assert current_run(tmp_path / "out") == first.run_id


def test_only_one_run_at_a_time(tmp_path):
    with RunLock(lock_path_for(tmp_path / "oit.sqlite"), "someone else"):
        with pytest.raises(LockBusy):
            run_once(request(tmp_path), stages=fake_stages())
    assert not (tmp_path / "oit.sqlite").exists() or runs(tmp_path) == []


def test_retention_prunes_the_store_but_keeps_the_pages_published_verdicts_cite(tmp_path):
    stages = fake_stages()
    judge = stages.evaluate_run

    def evaluate_citing_a_page(store, run_id, ruleset, as_of):
        result = judge(store, run_id, ruleset, as_of)
        result.sites[0].items[0].evidence = [Evidence("http://127.0.1.9/0")]
        return result

    citing = replace(stages, evaluate_run=evaluate_citing_a_page)
    first = run_once(request(tmp_path, keep_runs=2), stages=citing)
    crashed = [run_once(request(tmp_path, keep_runs=2), stages=fake_stages("crash")) for _ in range(2)]
    last = run_once(request(tmp_path, keep_runs=2), stages=citing)
    assert last.status is RunStatus.COMPLETE and all(c.status is RunStatus.FAILED for c in crashed)
    # the store keeps the newest two runs; of the first only the page its published verdict cites
    assert [info.id for info in runs(tmp_path)] == [last.run_id, crashed[1].run_id, first.run_id]
    with Store(tmp_path / "oit.sqlite") as store:
        pages = {s.crawl.site.id: [p.url for p in s.pages] for s in store.snapshots(first.run_id)}
    # (run, URL) is kept, whatever the site: the fake crawler gives every site the same two URLs
    assert pages == {site.id: ["http://127.0.1.9/0"] for site in SITES}


def test_sites_whose_scans_were_read_further_are_judged_again_and_only_they(tmp_path):
    stages = fake_stages()
    judge, judged = stages.evaluate_run, []

    def evaluate(store, run_id, ruleset, as_of, site_ids=None):
        judged.append(None if site_ids is None else sorted(site_ids))
        result = judge(store, run_id, ruleset, as_of)
        result.sites = [site for site in result.sites if site_ids is None or site.id in site_ids]
        for site in result.sites:
            site.items[0].status = ItemStatus.PASS if site_ids else ItemStatus.INCOMPLETE
        return result

    read_further = replace(stages, evaluate_run=evaluate, read_on_demand=lambda store, result: {"sao-2"})
    outcome = run_once(request(tmp_path), stages=read_further)
    assert judged == [None, ["sao-2"]]
    assert {site.id: site.items[0].status for site in outcome.result.sites} == {
        "sao-1": ItemStatus.INCOMPLETE,
        "sao-2": ItemStatus.PASS,
        "sao-3": ItemStatus.INCOMPLETE,
        "sao-4": ItemStatus.INCOMPLETE,
    }
    published = json.loads((tmp_path / "out" / CURRENT / "results.json").read_text())
    assert [site["items"][0]["status"] for site in published["sites"]] == ["incomplete", "pass", "incomplete", "incomplete"]


def test_a_night_without_network_fails_and_keeps_the_last_reports(tmp_path):
    first = run_once(request(tmp_path), stages=fake_stages())
    before = (tmp_path / "out" / CURRENT / "results.json").read_bytes()
    down = run_once(request(tmp_path), stages=fake_stages("down"))
    assert down.status is RunStatus.FAILED and down.published is None and down.result is None
    assert down.errors[0] == (
        "health check failed: 4 of 4 sites that answered on their previous crawl could not be "
        "reached (connection_refused 4); the network on this side (DNS, route, firewall) looks down"
    )
    assert current_run(tmp_path / "out") == first.run_id
    assert (tmp_path / "out" / CURRENT / "results.json").read_bytes() == before
    latest = runs(tmp_path)[0]
    assert latest.status == "failed" and latest.stats["errors"] == down.errors and latest.stats["sites_unreachable"] == 4


KILLED_AT_PUBLISHING = textwrap.dedent("""
    import datetime as dt, os, signal, sys
    from pathlib import Path
    from test_scheduler_pipeline import fake_stages, request
    from scheduler.pipeline import run_once
    folder, moment = Path(sys.argv[1]), sys.argv[2]
    real_replace = os.replace

    def replace(source, target, *args, **kwargs):  # kill -9 of this process at a moment of publishing
        if Path(target).name == "current" and moment == "before":
            os.kill(os.getpid(), signal.SIGKILL)
        real_replace(source, target, *args, **kwargs)
        if Path(target).name == "current" and moment == "after" or Path(target).parent.name == "runs" and moment == "placed":
            os.kill(os.getpid(), signal.SIGKILL)

    os.replace = replace
    run_once(request(folder), stages=fake_stages())
""")


def kill_at_publishing(tmp_path, moment):
    tests = Path(__file__).parent
    done = subprocess.run(
        [sys.executable, "-c", KILLED_AT_PUBLISHING, str(tmp_path), moment],
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(tests), str(tests.parent)])},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr


def test_killed_right_after_publishing_the_run_is_finished_with_its_figures(tmp_path):
    first = run_once(request(tmp_path), stages=fake_stages())
    kill_at_publishing(tmp_path, "after")
    latest = runs(tmp_path)[0]
    assert current_run(tmp_path / "out") == latest.id == first.run_id + 1
    assert latest.status == "complete" and latest.finished_at
    assert latest.stats["pages"] == 8 and latest.stats["published"].endswith(f"runs/{latest.id}")


def test_killed_between_recording_and_switching_the_next_run_switches(tmp_path):
    first = run_once(request(tmp_path), stages=fake_stages())
    kill_at_publishing(tmp_path, "before")
    recorded = runs(tmp_path)[0]
    assert recorded.status == "complete" and current_run(tmp_path / "out") == first.run_id
    # The next run (failing itself) first finishes that publication: current never goes backwards.
    crashed = run_once(request(tmp_path), stages=fake_stages("crash"))
    assert crashed.status is RunStatus.FAILED
    assert current_run(tmp_path / "out") == recorded.id


def test_killed_before_recording_the_next_run_removes_the_unrecorded_set(tmp_path):
    first = run_once(request(tmp_path), stages=fake_stages())
    kill_at_publishing(tmp_path, "placed")
    killed = runs(tmp_path)[0]
    assert killed.status == "interrupted" and (tmp_path / "out" / "runs" / str(killed.id)).is_dir()
    crashed = run_once(request(tmp_path), stages=fake_stages("crash"))
    assert crashed.status is RunStatus.FAILED
    assert current_run(tmp_path / "out") == first.run_id
    assert published_runs(tmp_path / "out") == [first.run_id]


def test_a_second_database_publishing_into_the_same_folder_is_refused(tmp_path):
    stop = threading.Event()
    running = threading.Thread(target=run_once, args=(request(tmp_path),), kwargs={"stop": stop, "stages": fake_stages("slow")})
    running.start()
    try:
        deadline = time.monotonic() + 30
        while current_holder(out_lock_path(tmp_path / "out")) is None:
            assert time.monotonic() < deadline, "the first run never took the lock"
            time.sleep(0.05)
        with pytest.raises(LockBusy, match="another run is in progress"):
            run_once(request(tmp_path, db=tmp_path / "other.sqlite"), stages=fake_stages())
    finally:
        stop.set()
        running.join()
    with Store(tmp_path / "other.sqlite") as other:
        assert other.runs() == []


def test_a_new_run_first_stops_what_a_killed_run_left(tmp_path, monkeypatch):
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a pid that no longer runs: the owner of a folder a kill left behind
    dead_folder = Path(tempfile.mkdtemp(prefix=f"oit-doc-{gone.pid}-"))
    live_folder = Path(tempfile.mkdtemp(prefix=f"oit-chromium-{os.getpid()}-"))
    leftover, stranger = orphan("crawler", "--run-id", "7"), orphan("crawler", "--run-id", "8")
    try:
        lock_path_for(tmp_path / "oit.sqlite").write_text(
            json.dumps(
                {
                    "pid": gone.pid,
                    "started_at": "2026-11-20T18:30:00+00:00",
                    "command": "oit manual run",
                    "run_id": 7,
                    "children": [leftover.pid, stranger.pid],
                }
            ),
            encoding="utf-8",
        )
        outcome = run_once(request(tmp_path), stages=fake_stages())
        assert outcome.status is RunStatus.COMPLETE
        assert not running(leftover)  # the killed run's crawl process: stopped before the run started
        assert running(stranger)  # a pid that is not that run's crawl process is left alone
    finally:
        for process in (leftover, stranger):
            if running(process):
                process.kill()
    assert not dead_folder.exists() and live_folder.exists()


def orphan(*argv: str) -> psutil.Process:
    """A process whose parent is gone, as a killed run's crawl process is (here: one that sleeps)."""
    starter = (
        "import subprocess, sys; print(subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)', "
        "*sys.argv[1:]], start_new_session=True, stdout=subprocess.DEVNULL, "
        "stderr=subprocess.DEVNULL).pid)"
    )
    return psutil.Process(
        int(subprocess.run([sys.executable, "-c", starter, *argv], capture_output=True, text=True, check=True).stdout)
    )


def running(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
