"""A finished site leaves no per-host state behind in Scrapy (flat memory over long site lists)."""

from __future__ import annotations

from scrapy.utils.test import get_crawler
from twisted.internet.defer import Deferred

from crawler.middlewares import SiteRobotsMiddleware
from crawler.signals import SiteDone, site_closed
from store.records import Site, SiteCrawl, SiteStatus


def test_closing_a_site_drops_its_robots_parsers_only():
    crawler = get_crawler(settings_dict={"ROBOTSTXT_OBEY": True})
    robots = SiteRobotsMiddleware(crawler)
    pending = Deferred()
    robots._parsers.update(
        {
            "127.0.1.5:8080": None,
            "www.127.0.1.5:8080": object(),
            "127.0.1.6:8080": object(),
            "127.0.1.7:8080": pending,
        }
    )
    for host in ("127.0.1.5", "127.0.1.7"):
        crawl = SiteCrawl(1, Site(host, host, f"http://{host}:8080/"), SiteStatus.OK)
        crawler.signals.send_catch_log(site_closed, done=SiteDone(crawl, [], 0, {host, "www." + host}))
    assert set(robots._parsers) == {"127.0.1.6:8080", "127.0.1.7:8080"}  # the pending fetch is kept
