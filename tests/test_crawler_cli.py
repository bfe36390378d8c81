"""``oit crawl``: begins a run, crawls with two processes, finishes the run and summarises."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from crawler.testing import LoopbackSite, Reply, closed_port, html
from store.db import Store

ROOT = Path(__file__).resolve().parent.parent


def test_oit_crawl_runs_two_processes_and_finishes_the_run(tmp_path):
    with LoopbackSite("127.0.4.1", {"/": html('<a href="/a">ติดต่อเรา</a>'), "/a": html("โทร 0-4545-4344")}) as ok:
        refused = f"http://127.0.4.2:{closed_port('127.0.4.2')}/"
        sites = tmp_path / "sites.csv"
        sites.write_text(f"id,name,url\nok,อบต.หนึ่ง,{ok.url}\ndown,อบต.สอง,{refused}\n", encoding="utf-8")
        db = tmp_path / "oit.sqlite"
        result = subprocess.run(
            [sys.executable, "-m", "oit", "crawl", "--sites", str(sites), "--db", str(db), "--processes", "2", "--no-politeness"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "run 1 complete: 2/2 sites (connection_refused 1, ok 1), 2 pages" in result.stdout
    with Store(db) as store:
        [run] = store.runs()
        assert (run.status, run.sites_total, run.sites_done) == ("complete", 2, 2)


def test_bad_sites_file_is_a_user_error(tmp_path):
    sites = tmp_path / "sites.yaml"
    sites.write_text("sites:\n  - {id: x, name: X}\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "oit", "crawl", "--sites", str(sites), "--db", str(tmp_path / "d")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "sites.yaml:2: sites[0].url: required" in result.stderr


def test_oit_crawl_stopped_by_sigterm_stops_its_shards_gracefully_and_can_resume(tmp_path):
    """SIGTERM reaches ``oit crawl`` only (its shards run in their own session): it stops them through
    the launcher (SIGTERM, grace, SIGKILL), so Scrapy closes cleanly, finished sites stay stored, and
    the run is marked interrupted for --resume, rather than dying with its shards killed under it."""
    pages = 8
    links = "".join(f'<a href="/p{i}">หน้า {i}</a>' for i in range(pages))
    routes = {
        "/": html(f"<div class='content'>{links}</div>"),
        **{f"/p{i}": Reply(html(f"ข้อมูล {i}").body, delay=0.2) for i in range(pages)},
    }
    settings = tmp_path / "crawl.yaml"  # one request at a time: the stop lands while a site is half done
    settings.write_text(
        "politeness: {enabled: true, per_site_concurrency: 1, delay: 0, autothrottle: false}\n"
        "concurrency: {requests: 1, sites: 1}\n",
        encoding="utf-8",
    )
    servers = [LoopbackSite(f"127.0.4.{11 + i}", routes) for i in range(3)]
    for server in servers:
        server.__enter__()
    try:
        sites = tmp_path / "sites.csv"
        sites.write_text("id,name,url\n" + "".join(f"s{i},อบต.{i},{s.url}\n" for i, s in enumerate(servers)), encoding="utf-8")
        db = tmp_path / "oit.sqlite"
        command = [sys.executable, "-m", "oit", "crawl", "--sites", str(sites), "--db", str(db), "--settings", str(settings)]
        proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and _done(db) < 1:
            time.sleep(0.1)
        assert _done(db) >= 1, "no site finished"
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=120)
        assert proc.returncode == 130, stderr[-2000:]
        assert "Received SIGTERM, shutting down gracefully" in stderr  # Scrapy's own clean stop, in the shard
        assert "run 1 interrupted; resume with: oit crawl --resume 1" in stderr
        with Store(db) as store:
            run = store.run(1)
            assert run.status == "interrupted" and 1 <= run.sites_done < 3
            finished = [s for s in store.snapshots(1) if s.crawl.status.value == "ok"]
            assert finished and all(len(s.pages) == pages + 1 for s in finished)  # stored pages kept

        resumed = subprocess.run([*command, "--resume", "1"], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert resumed.returncode == 0, resumed.stderr[-2000:]
        assert "run 1 complete: 3/3 sites" in resumed.stdout
    finally:
        for server in servers:
            server.__exit__()


def _done(db: Path) -> int:
    if not db.exists():
        return 0
    with Store(db) as store:
        return store.progress(1)["done"] if store.run(1) else 0
