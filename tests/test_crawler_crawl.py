"""A real crawl (``python -m crawler`` subprocess) of scripted loopback sites, one per address.

One crawl covers scope, redirects, budget, depth, robots, encodings, documents and unreachable
sites, so the suite pays for one Scrapy start-up.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from crawler.testing import LoopbackSite, Reply, closed_port, html, redirect, sites_file_crawl_command
from store.db import Store
from store.records import DocumentStatus, LinkKind, SiteStatus

PDF = b"%PDF-1.4\n" + b"0" * 2000
BIG_PDF = b"%PDF-1.4\n" + b"0" * 300_000
TIS620_PAGE = "<html><head><title>โครงสร้าง</title></head><body><p>โครงสร้างส่วนราชการ อบต.</p></body></html>"

SETTINGS = """
budget: {pages: 6, documents: 10, depth: 3}
politeness: {enabled: false, obey_robots: true}
limits: {timeout: 2, retries: 0, redirects: 5, document_bytes: 100000}
"""


def scope_site() -> dict[str, Reply]:
    return {
        "/": html(
            '<div class="content"><a href="/about">ข้อมูลหน่วยงาน</a>'
            '<a href="https://www.facebook.com/aobtor">Facebook</a>'
            '<a href="https://drive.google.com/file/d/1/view">แผน</a><a href="#">ว่าง</a></div>'
        ),
        "/about": html('<div class="content"><ul><li>ดู <a href="/structure">โครงสร้าง</a> ของเรา</li></ul></div>'),
        "/structure": html('<div class="content"><h1>โครงสร้าง</h1>ปีงบประมาณ พ.ศ. 2569</div>'),
    }


def new_home() -> dict[str, Reply]:
    return {"/": html('<a href="/ita">ITA</a>'), "/ita": html("o1 โครงสร้าง")}


def budget_site() -> dict[str, Reply]:
    routes = {"/": html("".join(f'<a href="/news{i}">ข่าว {i}</a>' for i in range(20)))}
    routes.update({f"/news{i}": html(f"ข่าว {i}") for i in range(20)})
    return routes


def depth_site() -> dict[str, Reply]:
    return {"/": html('<a href="/d1">next</a>'), **{f"/d{i}": html(f'<a href="/d{i + 1}">next</a>') for i in range(1, 8)}}


def robots_site() -> dict[str, Reply]:
    return {
        "/robots.txt": Reply("User-agent: *\nDisallow: /private\n", content_type="text/plain"),
        "/": html('<a href="/private/a">a</a><a href="/private/b">b</a><a href="/public">c</a>'),
        "/public": html("ok"),
        "/private/a": html("secret"),
        "/private/b": html("secret"),
    }


def blocked_site() -> dict[str, Reply]:
    return {"/robots.txt": Reply("User-agent: *\nDisallow: /\n", content_type="text/plain"), "/": html("hidden")}


def encoding_site() -> dict[str, Reply]:
    return {"/": Reply(TIS620_PAGE.encode("cp874"), content_type="text/html; charset=ISO-8859-1")}


def redirect_site() -> dict[str, Reply]:
    return {
        "/": html('<a href="/old">เก่า</a><a href="/loop1">วน</a>'),
        "/old": redirect("/hop1"),
        "/hop1": redirect("/hop2", 302),
        "/hop2": redirect("/new"),
        "/new": html("ปลายทาง"),
        "/loop1": redirect("/loop2"),
        "/loop2": redirect("/loop1"),
    }


def document_site() -> dict[str, Reply]:
    return {
        "/": html(
            '<a href="/plan.pdf">แผนพัฒนาท้องถิ่น</a><a href="/huge.pdf">ใหญ่</a><a href="/gone.pdf">หาย</a>'
            '<iframe src="/flipbook/?pdf=/uploads/manual.pdf"></iframe>'
            '<a href="/download.php?id=7">ดาวน์โหลด</a>'
        ),
        "/plan.pdf": Reply(PDF, content_type="application/pdf"),
        "/huge.pdf": Reply(BIG_PDF, content_type="application/pdf"),
        "/uploads/manual.pdf": Reply(PDF + b"manual", content_type="application/pdf"),
        "/download.php?id=7": Reply(PDF + b"seven", content_type="application/pdf"),
    }


def script_site() -> dict[str, Reply]:
    return {
        "/": html(
            '<div class="content"><a href="javascript:openWin(\'/files/plan.pdf\')">แผนดำเนินงาน</a>'
            "<table><tr onclick=\"location.href='/ita.php?id=1'\"><td>การเปิดเผยข้อมูล ITA</td></tr></table>"
            '<a href="javascript:void(0)">เร็ว ๆ นี้</a></div>'
        ),
        "/ita.php?id=1": html("<h1>ITA</h1>"),
        "/files/plan.pdf": Reply(PDF, content_type="application/pdf"),
    }


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("crawl")
    with (
        LoopbackSite("127.0.2.1", scope_site()) as scope,
        LoopbackSite("127.0.2.3", new_home()) as moved_to,
        LoopbackSite("127.0.2.2", {}) as moved,
        LoopbackSite("127.0.2.4", budget_site()) as budget,
        LoopbackSite("127.0.2.5", depth_site()) as depth,
        LoopbackSite("127.0.2.6", robots_site()) as robots,
        LoopbackSite("127.0.2.7", blocked_site()) as blocked,
        LoopbackSite("127.0.2.8", encoding_site()) as encoding,
        LoopbackSite("127.0.2.9", redirect_site()) as redirects,
        LoopbackSite("127.0.2.10", document_site()) as documents,
        LoopbackSite("127.0.2.11", {"/": Reply("busy", 503, "text/plain")}) as down5xx,
        LoopbackSite("127.0.2.12", {"/": Reply("late", delay=6)}) as slow,
        LoopbackSite("127.0.2.14", script_site()) as scripts,
    ):
        moved.routes["/"] = redirect(moved_to.url)  # the site moved to another host
        sites = {
            "scope": scope.url,
            "moved": moved.url,
            "budget": budget.url,
            "depth": depth.url,
            "robots": robots.url,
            "blocked": blocked.url,
            "encoding": encoding.url,
            "redirects": redirects.url,
            "documents": documents.url,
            "down5xx": down5xx.url,
            "slow": slow.url,
            "refused": f"http://127.0.2.13:{closed_port('127.0.2.13')}/",
            "scripts": scripts.url,
        }
        sites_file = tmp / "sites.yaml"
        sites_file.write_text(
            "sites:\n" + "".join(f"  - {{id: {sid}, name: อบต.{sid}, url: '{url}'}}\n" for sid, url in sites.items()),
            encoding="utf-8",
        )
        settings = tmp / "crawl.yaml"
        settings.write_text(SETTINGS, encoding="utf-8")
        db = tmp / "oit.sqlite"
        with Store(db) as store:
            run_id = store.begin_run("crawl")
        result = subprocess.run(
            sites_file_crawl_command(sites_file, db, run_id, settings),
            capture_output=True,
            text=True,
            timeout=120,
            cwd=Path(__file__).resolve().parent.parent,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        servers = {"scope": scope, "moved_to": moved_to, "budget": budget, "robots": robots, "depth": depth, "scripts": scripts}
        with Store(db) as store:
            snaps = {s.crawl.site.id: s for s in store.snapshots(run_id)}
            bodies = {d.url: store.raw_body(d.content_hash) for s in snaps.values() for d in s.documents if d.content_hash}
        yield snaps, servers, bodies


def pages_by_path(snap) -> dict[str, object]:
    return {"/" + p.url.split("/", 3)[3]: p for p in snap.pages}


def test_every_reachable_page_stored_with_click_path_and_external_links_not_crawled(crawl):
    snaps, servers, _ = crawl
    snap = snaps["scope"]
    assert snap.crawl.status is SiteStatus.OK
    pages = pages_by_path(snap)
    assert set(pages) == {"/", "/about", "/structure"}
    assert pages["/structure"].click_path == ["ข้อมูลหน่วยงาน", "โครงสร้าง"]
    assert pages["/structure"].fiscal_years == [2569]
    kinds = {link.url: link.kind for link in pages["/"].links}
    assert kinds["https://www.facebook.com/aobtor"] is LinkKind.EXTERNAL
    assert kinds["https://drive.google.com/file/d/1/view"] is LinkKind.EXTERNAL
    assert kinds["#"] is LinkKind.EMPTY
    structure_link = next(link for link in pages["/about"].links if link.text == "โครงสร้าง")
    assert structure_link.context == "ดู โครงสร้าง ของเรา"
    assert set(servers["scope"].requests) == {"/robots.txt", "/", "/about", "/structure"}


def test_links_stated_in_scripts_are_followed(crawl):
    snaps, servers, _ = crawl
    snap = snaps["scripts"]
    pages = pages_by_path(snap)
    assert pages["/ita.php?id=1"].click_path == ["การเปิดเผยข้อมูล ITA"]
    assert [(d.url.split("/", 3)[3], d.link_texts) for d in snap.documents] == [("files/plan.pdf", ["แผนดำเนินงาน"])]
    assert [link.kind for link in pages["/"].links if link.text == "เร็ว ๆ นี้"] == [LinkKind.EMPTY]
    assert set(servers["scripts"].requests) == {"/robots.txt", "/", "/ita.php?id=1", "/files/plan.pdf"}


def test_home_redirect_to_a_moved_host_is_followed(crawl):
    snaps, servers, _ = crawl
    snap = snaps["moved"]
    assert snap.crawl.status is SiteStatus.OK
    assert snap.crawl.home_url == servers["moved_to"].url
    assert {p.url for p in snap.pages} == {servers["moved_to"].url, servers["moved_to"].url + "ita"}


def test_page_budget_and_depth_limit(crawl):
    snaps, servers, _ = crawl
    assert len(snaps["budget"].pages) == 6
    assert len([r for r in servers["budget"].requests if r != "/robots.txt"]) == 6
    assert max(p.depth for p in snaps["depth"].pages) == 3
    assert "/d4" not in servers["depth"].requests


def test_robots_disallowed_urls_are_counted_and_a_blocked_home_is_blocked(crawl):
    snaps, servers, _ = crawl
    assert snaps["robots"].crawl.status is SiteStatus.OK
    assert snaps["robots"].crawl.robots_disallowed == 2
    assert not any(r.startswith("/private") for r in servers["robots"].requests)
    assert snaps["blocked"].crawl.status is SiteStatus.BLOCKED
    assert snaps["blocked"].crawl.status.report_status == "blocked"


def test_tis620_page_behind_a_latin1_header_is_repaired(crawl):
    snaps, _, _ = crawl
    [page] = snaps["encoding"].pages
    assert page.title == "โครงสร้าง"
    assert "โครงสร้างส่วนราชการ" in page.main_text
    assert page.encoding.startswith("cp874")


def test_redirect_chain_recorded_and_loop_is_an_error(crawl):
    snaps, _, _ = crawl
    pages = pages_by_path(snaps["redirects"])
    new = pages["/new"]
    assert new.requested_url.endswith("/old") and [u.rsplit("/", 1)[1] for u in new.redirect_chain] == ["old", "hop1", "hop2"]
    loop = pages["/loop1"]
    assert loop.status == 0 and "redirect" in loop.error


def test_documents_downloaded_within_limit_oversize_and_broken_recorded(crawl):
    snaps, _, bodies = crawl
    docs = {d.url.rsplit("/", 1)[1]: d for d in snaps["documents"].documents}
    assert docs["plan.pdf"].status is DocumentStatus.PENDING and docs["plan.pdf"].size == len(PDF)
    assert docs["plan.pdf"].link_texts == ["แผนพัฒนาท้องถิ่น"]
    assert bodies[docs["plan.pdf"].url] == PDF
    assert docs["huge.pdf"].status is DocumentStatus.TOO_LARGE
    assert docs["gone.pdf"].status is DocumentStatus.FETCH_FAILED and docs["gone.pdf"].http_status == 404
    assert docs["manual.pdf"].status is DocumentStatus.PENDING  # FlowPaper pdf= target
    assert bodies[docs["manual.pdf"].url] == PDF + b"manual"
    assert docs["download.php?id=7"].content_type == "application/pdf"  # a document by content type


@pytest.mark.parametrize(
    "site_id, status",
    [
        ("down5xx", SiteStatus.SERVER_ERROR),
        ("slow", SiteStatus.TIMEOUT),
        ("refused", SiteStatus.CONNECTION_REFUSED),
    ],
)
def test_unreachable_sites_get_their_own_status_and_no_evidence(crawl, site_id, status):
    snaps, _, _ = crawl
    snap = snaps[site_id]
    assert snap.crawl.status is status and snap.crawl.status.report_status == "unreachable"
    assert snap.crawl.detail
    assert snap.evidence_run_id is None and snap.documents == []


def test_each_site_records_what_the_network_gave_it(crawl):
    snaps, servers, _ = crawl
    refused, slow, scope = snaps["refused"].crawl.fetch, snaps["slow"].crawl.fetch, snaps["scope"].crawl.fetch
    assert refused.responses == 0 and refused.errors == {"DownloadConnectionRefusedError": 1}
    assert slow.responses == 0 and list(slow.errors) == ["DownloadTimeoutError"]
    assert scope.errors == {} and scope.responses == len(snaps["scope"].pages) == 3
    assert scope.bytes == sum(len(servers["scope"].routes[path].encoded()) for path in ("/", "/about", "/structure"))
    assert snaps["down5xx"].crawl.fetch.responses == 1  # an answer, if an error page: retries are off here
