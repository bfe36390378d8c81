"""kill -9 of a crawl process mid-run: the database stays consistent, the previous run's results
are untouched, unfinished sites fall back to their last known evidence, and the run resumes; on
SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from crawler.testing import LoopbackSite, Reply, html, sites_file_crawl_command
from store.db import DbRef, Store, is_db_url
from store.records import SiteStatus

ROOT = Path(__file__).resolve().parent.parent
SITES = 4
PAGES = 12


def site_routes(delay: float) -> dict[str, Reply]:
    links = "".join(f'<a href="/p{i}">หน้า {i}</a>' for i in range(PAGES))
    routes = {"/": html(f"<div class='content'>{links}</div>")}
    routes.update({f"/p{i}": Reply(html(f"ข้อมูล {i}").body, delay=delay) for i in range(PAGES)})
    return routes


def crawl(sites_file: Path, db: DbRef, run_id: int, settings: Path) -> subprocess.Popen:
    return subprocess.Popen(
        sites_file_crawl_command(sites_file, db, run_id, settings),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def snapshot_urls(store: Store, run_id: int) -> dict[str, tuple[str, int | None, list[str]]]:
    return {
        s.crawl.site.id: (s.crawl.status.value, s.evidence_run_id, sorted(p.url for p in s.pages))
        for s in store.snapshots(run_id)
    }


def test_kill_9_mid_run_keeps_previous_run_and_resumes(tmp_path, any_db):
    settings = tmp_path / "crawl.yaml"
    # One site at a time, one request at a time: the kill lands while a site is half done.
    settings.write_text(
        "politeness: {enabled: true, per_site_concurrency: 1, delay: 0, autothrottle: false}\n"
        "concurrency: {requests: 1, sites: 1}\n",
        encoding="utf-8",
    )
    servers = [LoopbackSite(f"127.0.3.{i + 1}", site_routes(delay=0.0)) for i in range(SITES)]
    for server in servers:
        server.__enter__()
    try:
        sites_file = tmp_path / "sites.yaml"
        sites_file.write_text(
            "sites:\n" + "".join(f"  - {{id: s{i}, name: อบต.{i}, url: '{s.url}'}}\n" for i, s in enumerate(servers)),
            encoding="utf-8",
        )
        db = any_db
        with Store(db) as store:
            first = store.begin_run("crawl")
        assert crawl(sites_file, db, first, settings).wait(timeout=120) == 0
        with Store(db) as store:
            store.finish_run(first, "complete")
            before = snapshot_urls(store, first)
        assert all(status == "ok" and len(urls) == PAGES + 1 for status, _, urls in before.values())

        for server in servers:  # now slow, so the second crawl is still busy when killed
            server.routes.update(site_routes(delay=0.15))
        with Store(db) as store:
            second = store.begin_run("crawl")
        proc = crawl(sites_file, db, second, settings)
        with Store(db) as store:
            deadline = time.monotonic() + 60
            while store.progress(second)["done"] < 1 and time.monotonic() < deadline:
                time.sleep(0.1)
            time.sleep(0.8)  # into the next site
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()

        if not is_db_url(db):
            assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        with Store(db) as store:
            assert snapshot_urls(store, first) == before
            counts = store.progress(second)
            assert 1 <= counts["done"] < SITES
            after_kill = snapshot_urls(store, second)
            for site_id, (status, evidence_run, urls) in after_kill.items():
                if status == SiteStatus.PENDING.value:  # unfinished: last known evidence of run 1
                    assert evidence_run == first and urls == before[site_id][2]
                else:
                    assert evidence_run == second and len(urls) == PAGES + 1

        resumed = crawl(sites_file, db, second, settings)
        assert resumed.wait(timeout=120) == 0, resumed.stderr.read().decode()[-2000:]
        with Store(db) as store:
            assert store.progress(second)["done"] == SITES
            final = snapshot_urls(store, second)
        assert all(status == "ok" and run == second and len(urls) == PAGES + 1 for status, run, urls in final.values())
    finally:
        for server in servers:
            server.__exit__()
