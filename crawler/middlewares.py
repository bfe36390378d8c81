"""Scrapy middlewares of the site crawl."""

from __future__ import annotations

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.http import Request
from twisted.internet.defer import Deferred

from crawler.signals import SiteDone, site_closed

# Request meta key: when present, set to the Crawl-delay (seconds, or None) of the robots.txt of the
# request's host, as the response to it comes back with the request's meta.
CRAWL_DELAY = "robots_crawl_delay"


class SiteRobotsMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt handling, plus the site crawl's two needs: a site's Crawl-delay, and
    forgetting a finished site's robots.txt (Scrapy keeps one per host for the whole crawl, which
    grows the memory with the length of the site list)."""

    def __init__(self, crawler) -> None:
        super().__init__(crawler)
        crawler.signals.connect(self.site_closed, signal=site_closed)

    def process_request_2(self, rp, request: Request) -> None:
        super().process_request_2(rp, request)
        if rp is not None and CRAWL_DELAY in request.meta:
            request.meta[CRAWL_DELAY] = rp.crawl_delay(self._robotstxt_useragent or self._default_useragent)

    def site_closed(self, done: SiteDone) -> None:
        for netloc in [n for n in self._parsers if n.rsplit(":", 1)[0].lower() in done.hosts]:
            if not isinstance(self._parsers[netloc], Deferred):  # a fetch still pending resolves into this entry
                del self._parsers[netloc]
