"""Evidence URLs an organisation names in config/overrides/<site>.yaml are crawled even when no
page links them, before the links found; on another host they are fetched but not followed, on a
file-sharing host only recorded (a real ``python -m crawler`` run on loopback)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from crawler.testing import LoopbackSite, Reply, html, sites_file_crawl_command
from store.db import Store
from store.records import NAMED_URL_STEP, LinkKind

REPO = Path(__file__).resolve().parent.parent
PDF = b"%PDF-1.4\n" + b"0" * 500
SETTINGS = "budget: {pages: 4, documents: 5, depth: 3}\npoliteness: {enabled: false}\nlimits: {timeout: 5, retries: 0}\n"


def site_routes() -> dict[str, Reply]:
    routes = {"/": html("".join(f'<a href="/news{i}">ข่าว {i}</a>' for i in range(10)), "หน้าหลัก")}
    routes.update({f"/news{i}": html(f"ข่าว {i}") for i in range(10)})
    routes["/hidden/ita.php?id=7"] = html('<div class="content"><h1>การเปิดเผยข้อมูล ITA</h1></div>', "ITA")
    routes["/files/plan.pdf"] = Reply(PDF, content_type="application/pdf")
    return routes


DRIVE = "https://drive.google.com/file/d/1AbC/view"


def test_override_urls_are_crawled_first_other_hosts_fetched_not_followed(tmp_path):
    elsewhere = {"/board": html('<h1>กระดานถามตอบ</h1><a href="/board/2">หน้า 2</a>', "ถาม-ตอบ"), "/board/2": html("2")}
    with LoopbackSite("127.0.2.41", site_routes()) as site, LoopbackSite("127.0.2.42", elsewhere) as other:
        overrides = tmp_path / "config" / "overrides"
        overrides.mkdir(parents=True)
        (overrides / "nongbua.yaml").write_text(
            "site: nongbua\nitems:\n"
            f"  executives:\n    evidence_urls: ['{site.url}hidden/ita.php?id=7', '{other.url}board', '{DRIVE}']\n"
            f"  plan:\n    evidence_urls: ['{site.url}files/plan.pdf']\n",
            encoding="utf-8",
        )
        sites_file = tmp_path / "sites.yaml"
        sites_file.write_text(f"sites:\n  - {{id: nongbua, name: อบต.หนองบัว, url: '{site.url}'}}\n", encoding="utf-8")
        (tmp_path / "crawl.yaml").write_text(SETTINGS, encoding="utf-8")
        db = tmp_path / "oit.sqlite"
        with Store(db) as store:
            run_id = store.begin_run("crawl")
        result = subprocess.run(  # cwd: the overrides are read from ./config/overrides, as in production
            sites_file_crawl_command(sites_file, db, run_id, tmp_path / "crawl.yaml"),
            capture_output=True,
            text=True,
            timeout=120,
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        assert result.returncode == 0, result.stderr[-3000:]
        assert "/hidden/ita.php?id=7" in site.requests and "/files/plan.pdf" in site.requests
        assert [p for p in other.requests if p != "/robots.txt"] == ["/board"]  # fetched, its links not followed
    with Store(db) as store:
        [snap] = list(store.snapshots(run_id))
    pages = {p.url: p for p in snap.pages}
    hidden = pages[site.url + "hidden/ita.php?id=7"]
    assert hidden.title == "ITA" and hidden.click_path == [NAMED_URL_STEP]
    board = pages[other.url + "board"]
    assert board.title == "ถาม-ตอบ" and board.click_path == [NAMED_URL_STEP]
    assert [(link.url, link.kind) for link in board.links] == [(other.url + "board/2", LinkKind.EXTERNAL)]
    assert [d.url for d in snap.documents] == [site.url + "files/plan.pdf"]
    home = pages[site.url]
    assert [(link.url, link.kind) for link in home.links if link.context == NAMED_URL_STEP] == [(DRIVE, LinkKind.EXTERNAL)]
    # within the page budget of 4: home and the two named pages came first, one news page after
    assert sum(url.startswith(site.url + "news") for url in pages) == 1
