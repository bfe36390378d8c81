"""A finished site leaves no per-host state behind in Scrapy (flat memory over long site lists)."""
from __future__ import annotations

from types import SimpleNamespace

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.utils.test import get_crawler
from twisted.internet.defer import Deferred

from crawler.frontier import SiteState
from crawler.settings import CrawlConfig
from crawler.spider import SiteSpider
from store.records import Site


def test_closing_a_site_drops_its_robots_parsers_only(tmp_path):
    robots = RobotsTxtMiddleware(get_crawler(settings_dict={"ROBOTSTXT_OBEY": True}))
    pending = Deferred()
    robots._parsers.update({
        "127.0.1.5:8080": None, "www.127.0.1.5:8080": object(), "127.0.1.6:8080": object(),
        "127.0.1.7:8080": pending,
    })
    spider = SiteSpider(sites=[], store=None, run_id=1, config=CrawlConfig())
    spider.crawler = SimpleNamespace(engine=SimpleNamespace(downloader=SimpleNamespace(
        middleware=SimpleNamespace(middlewares=[object(), robots]))))
    for host in ("127.0.1.5", "127.0.1.7"):
        spider._forget_robots(SiteState(Site(host, host, f"http://{host}:8080/"), 1, 10, 10, 3, ""))
    assert set(robots._parsers) == {"127.0.1.6:8080", "127.0.1.7:8080"}  # the pending fetch is kept
