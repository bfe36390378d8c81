"""Crawl settings: config/crawl.yaml -> CrawlConfig -> Scrapy settings."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from oit.paths import config_file
from oit.yamlfile import load_yaml

KEEP_BODIES = ("evidence", "all", "none")


@dataclass(frozen=True, slots=True)
class CrawlConfig:
    user_agent: str = "OIT-compliance-crawler/0.1 (ITA/OIT website check for local government)"
    page_budget: int = 300
    document_budget: int = 150
    depth_limit: int = 6
    focused: bool = True
    politeness: bool = True
    per_site_concurrency: int = 2
    delay: float = 0.5
    autothrottle: bool = True
    obey_robots: bool = True
    max_crawl_delay: float = 30.0
    page_bytes: int = 5_000_000
    document_bytes: int = 30_000_000
    timeout: float = 25.0
    retries: int = 1
    redirects: int = 10
    page_cpu_seconds: float = 10.0  # CPU time to read one page; a page that takes longer is stored unread
    concurrent_requests: int = 64  # per crawl process, politeness off
    polite_sites: int = 256  # sites in flight per crawl process, politeness on
    keep_bodies: str = "evidence"
    incremental: bool = True
    site_time_limit: float = 0.0  # seconds a site may take; 0: no limit (the run's limit only)

    def with_overrides(self, **changes: Any) -> CrawlConfig:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @property
    def site_concurrency(self) -> int:
        """Requests in flight per site: the politeness limit, or a few more when it is off."""
        return self.per_site_concurrency if self.politeness else max(4, self.per_site_concurrency)

    def crawl_delay(self, robots_delay: float | None) -> float:
        """Seconds between requests a site's robots.txt asks for, capped (a "Crawl-delay: 3600"
        would stop the crawl), and only with politeness on."""
        if not (self.politeness and self.obey_robots) or not robots_delay or robots_delay < 0:
            return 0.0
        return min(float(robots_delay), self.max_crawl_delay)

    @property
    def active_sites(self) -> int:
        """Sites crawled at once. Politeness off: enough to fill the global concurrency. On: a site
        mostly waits out its delay and response times, so the night's length is set by how many
        sites wait at once (``polite_sites``); memory stays flat (a few MB a site)."""
        return max(1, self.polite_sites if self.politeness else self.concurrent_requests // self.site_concurrency)

    @property
    def process_requests(self) -> int:
        """Scrapy's CONCURRENT_REQUESTS. Politeness on: every site in flight may have its own
        requests out (a request waiting for its site's delay holds a slot), so this limit never
        binds before the per-site one; more sites in flight, never more requests per site."""
        return self.active_sites * self.site_concurrency if self.politeness else self.concurrent_requests


def load_config(path: str | Path | None = None) -> CrawlConfig:
    """Read crawl settings; unknown keys and wrong types are errors with file and line."""
    if not path:
        path = config_file("crawl.yaml")  # looked up now: the working directory may have changed
        if not path.exists():
            return CrawlConfig()
    root = load_yaml(path).root.fields(
        {"user_agent", "budget", "focused", "politeness", "limits", "concurrency", "keep_bodies", "incremental"}
    )
    budget = root.section("budget", {"pages", "documents", "depth"})
    polite = root.section(
        "politeness", {"enabled", "per_site_concurrency", "delay", "autothrottle", "obey_robots", "max_crawl_delay"}
    )
    limits = root.section("limits", {"page_bytes", "document_bytes", "timeout", "retries", "redirects", "page_cpu_seconds"})
    concurrency = root.section("concurrency", {"requests", "sites"})
    d = CrawlConfig()
    return CrawlConfig(
        user_agent=root.text("user_agent", d.user_agent),
        page_budget=budget.integer("pages", d.page_budget, minimum=0),
        document_budget=budget.integer("documents", d.document_budget, minimum=0),
        depth_limit=budget.integer("depth", d.depth_limit, minimum=0),
        focused=root.boolean("focused", d.focused),
        politeness=polite.boolean("enabled", d.politeness),
        per_site_concurrency=polite.integer("per_site_concurrency", d.per_site_concurrency, minimum=0),
        delay=polite.number("delay", d.delay, minimum=0),
        autothrottle=polite.boolean("autothrottle", d.autothrottle),
        obey_robots=polite.boolean("obey_robots", d.obey_robots),
        max_crawl_delay=polite.number("max_crawl_delay", d.max_crawl_delay, minimum=0),
        page_bytes=limits.integer("page_bytes", d.page_bytes, minimum=0),
        document_bytes=limits.integer("document_bytes", d.document_bytes, minimum=0),
        timeout=limits.number("timeout", d.timeout, minimum=0),
        retries=limits.integer("retries", d.retries, minimum=0),
        redirects=limits.integer("redirects", d.redirects, minimum=0),
        page_cpu_seconds=limits.number("page_cpu_seconds", d.page_cpu_seconds, minimum=0),
        concurrent_requests=concurrency.integer("requests", d.concurrent_requests, minimum=0),
        polite_sites=concurrency.integer("sites", d.polite_sites, minimum=0),
        keep_bodies=root.choice("keep_bodies", KEEP_BODIES, d.keep_bodies),
        incremental=root.boolean("incremental", d.incremental),
    )


def scrapy_settings(config: CrawlConfig) -> dict[str, Any]:
    """Scrapy settings for a broad crawl of many small sites (see docs/engineering notes)."""
    return {
        "USER_AGENT": config.user_agent,
        "ROBOTSTXT_OBEY": config.obey_robots,
        "COOKIES_ENABLED": False,  # also avoids a public-suffix-list download attempt
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,  # no listening port on a production crawler
        "LOG_LEVEL": "INFO",
        "CONCURRENT_REQUESTS": config.process_requests,
        "CONCURRENT_REQUESTS_PER_DOMAIN": config.site_concurrency,
        "DOWNLOAD_DELAY": config.delay if config.politeness else 0,
        "RANDOMIZE_DOWNLOAD_DELAY": config.politeness,
        "AUTOTHROTTLE_ENABLED": config.politeness and config.autothrottle,
        "AUTOTHROTTLE_START_DELAY": max(config.delay, 0.5),
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(config.site_concurrency),
        "DOWNLOAD_TIMEOUT": config.timeout,
        "DOWNLOAD_MAXSIZE": config.page_bytes,
        "DOWNLOAD_WARNSIZE": 0,
        "RETRY_ENABLED": config.retries > 0,
        "RETRY_TIMES": config.retries,
        "REDIRECT_MAX_TIMES": config.redirects,
        "HTTPERROR_ALLOW_ALL": True,  # the spider records 4xx/5xx pages itself
        "DNS_TIMEOUT": min(config.timeout, 15),
        # Breadth-first within the scheduler; the spider's per-site frontier chooses what to fetch.
        "DEPTH_PRIORITY": 1,
        "SCHEDULER_DISK_QUEUE": "scrapy.squeues.PickleFifoDiskQueue",
        "SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue",
        "DUPEFILTER_CLASS": "scrapy.dupefilters.BaseDupeFilter",  # each site's frontier deduplicates
        "REACTOR_THREADPOOL_MAXSIZE": 20,
        # A callback yields a few items (the pages it read); Scrapy would start this many output
        # workers (asyncio tasks) per response, 100 by default: a third of the crawl's CPU. One
        # also keeps a site's items in order.
        "CONCURRENT_ITEMS": 1,
        "ITEM_PIPELINES": {"crawler.pipelines.StorePipeline": 300},
        # Idle keep-alive connections closed after seconds, not Twisted's four minutes (see connections.py).
        "DOWNLOAD_HANDLERS": {scheme: "crawler.connections.BroadCrawlHTTPHandler" for scheme in ("http", "https")},
        # Components with nothing to do here, each a cost on every request or response: each site
        # has its own scope (thousands of hosts, not one allowed_domains list), no credentials are
        # sent, and callbacks yield items, not requests (the frontier sends them through the
        # engine), which is all the spider middlewares below look at.
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
            "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware": None,
            # Crawl-wide byte and status counts, 3 % of the crawl's CPU (request_httprepr and
            # response_httprepr on every request): the spider counts each site's (FetchStats) instead.
            "scrapy.downloadermiddlewares.stats.DownloaderStats": None,
            # robots.txt as Scrapy obeys it, plus a site's Crawl-delay and forgetting finished sites
            "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
            "crawler.middlewares.SiteRobotsMiddleware": 100,
            # Redirects to javascript:, mailto: or tel: leave the page as it is (see redirects.py).
            "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
            "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
            "crawler.redirects.WebMetaRefreshMiddleware": 580,
            "crawler.redirects.WebRedirectMiddleware": 600,
        },
        "SPIDER_MIDDLEWARES": {
            "scrapy.spidermiddlewares.urllength.UrlLengthMiddleware": None,
            "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
            "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None,
        },
        "LOGSTATS_INTERVAL": 0,
        "MEMUSAGE_ENABLED": False,
    }
