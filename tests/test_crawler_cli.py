"""``oit crawl``: begins a run, crawls with two processes, finishes the run and summarises."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from crawler.testing import LoopbackSite, closed_port, html
from store.db import Store

ROOT = Path(__file__).resolve().parent.parent


def test_oit_crawl_runs_two_processes_and_finishes_the_run(tmp_path):
    with LoopbackSite("127.0.4.1", {"/": html('<a href="/a">ติดต่อเรา</a>'), "/a": html("โทร 0-4545-4344")}) as ok:
        refused = f"http://127.0.4.2:{closed_port('127.0.4.2')}/"
        sites = tmp_path / "sites.csv"
        sites.write_text(f"id,name,url\nok,อบต.หนึ่ง,{ok.url}\ndown,อบต.สอง,{refused}\n", encoding="utf-8")
        db = tmp_path / "oit.sqlite"
        result = subprocess.run(
            [sys.executable, "-m", "oit", "crawl", "--sites", str(sites), "--db", str(db), "--processes", "2",
             "--no-politeness"], cwd=ROOT, capture_output=True, text=True, timeout=120,
        )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "run 1 complete: 2/2 sites (connection_refused 1, ok 1), 2 pages" in result.stdout
    with Store(db) as store:
        [run] = store.runs()
        assert (run.status, run.sites_total, run.sites_done) == ("complete", 2, 2)


def test_bad_sites_file_is_a_user_error(tmp_path):
    sites = tmp_path / "sites.yaml"
    sites.write_text("sites:\n  - {id: x, name: X}\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "oit", "crawl", "--sites", str(sites), "--db", str(tmp_path / "d")],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "sites.yaml:2: sites[0].url: required" in result.stderr
