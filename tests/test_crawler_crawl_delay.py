"""robots.txt Crawl-delay: honoured one request at a time, capped, and only with politeness on."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from crawler.settings import CrawlConfig
from crawler.testing import LoopbackSite, Reply, html, sites_file_crawl_command
from store.db import Store
from store.records import SiteStatus

PAGES = 4


def delayed_site(delay: str) -> dict[str, Reply]:
    links = "".join(f'<a href="/p{i}">หน้า {i}</a>' for i in range(PAGES))
    return {
        "/robots.txt": Reply(f"User-agent: *\nCrawl-delay: {delay}\nDisallow: /admin\n", content_type="text/plain"),
        "/": html(links),
        **{f"/p{i}": html(f"เนื้อหา {i}") for i in range(PAGES)},
    }


def crawl(tmp: Path, settings: str, **routes: dict[str, Reply]) -> tuple[dict, dict[str, LoopbackSite]]:
    servers = {sid: LoopbackSite(f"127.0.4.{n}", r) for n, (sid, r) in enumerate(routes.items(), start=1)}
    for server in servers.values():
        server.__enter__()
    try:
        sites_file = tmp / "sites.yaml"
        sites_file.write_text(
            "sites:\n" + "".join(f"  - {{id: {sid}, name: อบต.{sid}, url: '{s.url}'}}\n" for sid, s in servers.items()),
            encoding="utf-8",
        )
        (tmp / "crawl.yaml").write_text(settings, encoding="utf-8")
        db = tmp / "oit.sqlite"
        with Store(db) as store:
            run_id = store.begin_run("crawl")
        result = subprocess.run(
            sites_file_crawl_command(sites_file, db, run_id, tmp / "crawl.yaml"),
            capture_output=True,
            text=True,
            timeout=120,
            cwd=Path(__file__).resolve().parent.parent,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        with Store(db) as store:
            return {s.crawl.site.id: s for s in store.snapshots(run_id)}, servers
    finally:
        for server in servers.values():
            server.__exit__()


def page_gaps(server: LoopbackSite) -> list[float]:
    times = [t for path, t in zip(server.requests, server.times, strict=True) if path != "/robots.txt"]
    return [b - a for a, b in zip(times, times[1:], strict=False)]


POLITE = "politeness: {enabled: true, delay: 0, autothrottle: false, per_site_concurrency: 4, max_crawl_delay: 0.6}\n"


@pytest.fixture(scope="module")
def polite(tmp_path_factory):
    return crawl(
        tmp_path_factory.mktemp("delay"), POLITE, slow=delayed_site("0.4"), capped=delayed_site("3600"), free=delayed_site("0")
    )


def test_crawl_delay_spaces_every_request_of_the_site(polite):
    snaps, servers = polite
    assert snaps["slow"].crawl.status is SiteStatus.OK and len(snaps["slow"].pages) == PAGES + 1
    gaps = page_gaps(servers["slow"])
    assert len(gaps) == PAGES and min(gaps) >= 0.35, gaps


def test_a_huge_crawl_delay_is_capped_and_the_site_still_finishes(polite):
    snaps, servers = polite
    assert len(snaps["capped"].pages) == PAGES + 1
    gaps = page_gaps(servers["capped"])
    assert min(gaps) >= 0.5 and max(gaps) < 3, gaps


def test_sites_without_a_delay_are_not_slowed(polite):
    snaps, servers = polite
    assert len(snaps["free"].pages) == PAGES + 1
    assert sum(page_gaps(servers["free"])) < 0.5  # four requests in flight at once


def test_no_politeness_ignores_crawl_delay(tmp_path):
    snaps, servers = crawl(tmp_path, "politeness: {enabled: false}\n", slow=delayed_site("2"))
    assert len(snaps["slow"].pages) == PAGES + 1
    assert sum(page_gaps(servers["slow"])) < 1.5


@pytest.mark.parametrize(
    "politeness, robots, delay, expected",
    [
        (True, True, 5, 5.0),
        (True, True, 600, 30.0),
        (True, True, None, 0.0),
        (True, False, 5, 0.0),
        (False, True, 5, 0.0),
        (True, True, -1, 0.0),
    ],
)
def test_crawl_delay_in_force(politeness, robots, delay, expected):
    config = CrawlConfig(politeness=politeness, obey_robots=robots)
    assert config.crawl_delay(delay) == expected
