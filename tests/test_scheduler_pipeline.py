"""The run job with a real SQLite store and real subprocesses, other stages replaced by small fakes.

The fake crawler is a subprocess that writes sites through the store's public API, so crashes and
time limits hit a real database; the end-to-end tests use the real stages.
"""
import datetime as dt
import json
import sys
import textwrap
import threading
from dataclasses import replace
from types import SimpleNamespace

import pytest

from evaluate.verdicts import Evidence, ItemStatus, ItemVerdict, RunResult, SiteResult
from scheduler.lock import LockBusy, RunLock, lock_path_for
from scheduler.pipeline import RunRequest, RunStatus, Stages, run_once
from scheduler.publish import CURRENT, current_run
from store.db import Store
from store.records import Site, SiteStatus

SITES = [Site(f"sao-{i}", f"อบต.ทดสอบ{i}", f"http://127.0.1.{i}:8080/") for i in range(1, 5)]

# argv: db run_id shard shards behaviour. Saves its share of SITES; "crash" kills shard 1 after
# one site, "slow" saves one site and then waits to be stopped.
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
            sites.append(SiteResult(snapshot.crawl.site.id, snapshot.crawl.site.name, snapshot.crawl.site.url,
                                    "ok" if ok else "unreachable", items=[item]))
        return RunResult(run_id, as_of.isoformat(), ruleset.name, sites=sites)

    def write_reports(store, result, out, formats, history):
        (out / "results.json").write_text(json.dumps(result.to_json()), encoding="utf-8")
        (out / "history.txt").write_text(",".join(str(r.run_id) for r in history))
        return [out / "results.json"]

    return Stages(
        open_store=Store, load_sites=lambda path: SITES, load_ruleset=lambda name: SimpleNamespace(name=name or "2569"),
        crawl_command=crawl_command, process_documents=lambda store, run_id: None,
        evaluate_run=evaluate_run, write_reports=write_reports,
    )


def request(tmp_path, **overrides):
    values = dict(
        sites=tmp_path / "sites.yaml", db=tmp_path / "oit.sqlite", out=tmp_path / "out", logs=tmp_path / "logs",
        ruleset="", as_of=dt.date(2026, 11, 21), crawl_processes=2, crawl_time_limit=60, stop_grace=10,
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
