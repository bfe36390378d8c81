"""Crawl settings: config/crawl.yaml -> CrawlConfig -> Scrapy settings."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from oit.paths import config_file
from oit.yamlfile import YamlDoc, load_yaml

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
    concurrent_requests: int = 64
    keep_bodies: str = "evidence"
    incremental: bool = True

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
        """Sites crawled at once: enough to fill the global concurrency, bounded for flat memory."""
        return max(1, self.concurrent_requests // self.site_concurrency) * (2 if self.politeness else 1)


# yaml path -> (CrawlConfig field, expected type)
_KEYS: dict[tuple[str, ...], tuple[str, type | tuple[type, ...]]] = {
    ("user_agent",): ("user_agent", str),
    ("budget", "pages"): ("page_budget", int),
    ("budget", "documents"): ("document_budget", int),
    ("budget", "depth"): ("depth_limit", int),
    ("focused",): ("focused", bool),
    ("politeness", "enabled"): ("politeness", bool),
    ("politeness", "per_site_concurrency"): ("per_site_concurrency", int),
    ("politeness", "delay"): ("delay", (int, float)),
    ("politeness", "autothrottle"): ("autothrottle", bool),
    ("politeness", "obey_robots"): ("obey_robots", bool),
    ("politeness", "max_crawl_delay"): ("max_crawl_delay", (int, float)),
    ("limits", "page_bytes"): ("page_bytes", int),
    ("limits", "document_bytes"): ("document_bytes", int),
    ("limits", "timeout"): ("timeout", (int, float)),
    ("limits", "retries"): ("retries", int),
    ("limits", "redirects"): ("redirects", int),
    ("limits", "page_cpu_seconds"): ("page_cpu_seconds", (int, float)),
    ("concurrency", "requests"): ("concurrent_requests", int),
    ("keep_bodies",): ("keep_bodies", str),
    ("incremental",): ("incremental", bool),
}
_SECTIONS = {path[0] for path in _KEYS if len(path) == 2}


def load_config(path: str | Path | None = None) -> CrawlConfig:
    """Read crawl settings; unknown keys and wrong types are errors with file and line."""
    if not path:
        path = config_file("crawl.yaml")  # looked up now: the working directory may have changed
        if not path.exists():
            return CrawlConfig()
    path = Path(path)
    doc = load_yaml(path)
    if doc.data is None:
        return CrawlConfig()
    if not isinstance(doc.data, dict):
        raise doc.error((), "expected a mapping of settings")
    values: dict[str, Any] = {}
    for key, value in doc.data.items():
        if key in _SECTIONS:
            if not isinstance(value, dict):
                raise doc.error((key,), "expected a mapping")
            for sub, sub_value in value.items():
                values.update(_field(doc, (key, sub), sub_value))
        else:
            values.update(_field(doc, (key,), value))
    if values.get("keep_bodies", "evidence") not in KEEP_BODIES:
        raise doc.error(("keep_bodies",), f"expected one of {', '.join(KEEP_BODIES)}")
    return CrawlConfig(**values)


def _field(doc: YamlDoc, path: tuple[str, ...], value: Any) -> dict[str, Any]:
    if path not in _KEYS:
        known = sorted(".".join(p) for p in _KEYS)
        raise doc.error(path, f"unknown setting (known: {', '.join(known)})")
    name, expected = _KEYS[path]
    if isinstance(value, bool) and expected is not bool or not isinstance(value, expected):
        raise doc.error(path, f"expected {getattr(expected, '__name__', 'a number')}, got {value!r}")
    if not isinstance(value, (bool, str)) and value < 0:
        raise doc.error(path, "must not be negative")
    return {name: value}


def scrapy_settings(config: CrawlConfig) -> dict[str, Any]:
    """Scrapy settings for a broad crawl of many small sites (see docs/engineering notes)."""
    return {
        "USER_AGENT": config.user_agent,
        "ROBOTSTXT_OBEY": config.obey_robots,
        "COOKIES_ENABLED": False,  # also avoids a public-suffix-list download attempt
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,  # no listening port on a production crawler
        "LOG_LEVEL": "INFO",
        "CONCURRENT_REQUESTS": config.concurrent_requests,
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
        "DUPEFILTER_CLASS": "scrapy.dupefilters.BaseDupeFilter",  # the spider deduplicates per site
        "REACTOR_THREADPOOL_MAXSIZE": 20,
        # The spider schedules its requests itself and yields nothing; Scrapy still starts this many
        # output workers (asyncio tasks) per response, 100 by default: a third of the crawl's CPU.
        "CONCURRENT_ITEMS": 1,
        # Idle keep-alive connections closed after seconds, not Twisted's four minutes (see connections.py).
        "DOWNLOAD_HANDLERS": {scheme: "crawler.connections.BroadCrawlHTTPHandler" for scheme in ("http", "https")},
        # Components with nothing to do here, each a cost on every request or response: the
        # spider keeps its own scope, sends no credentials, and yields no requests from callbacks
        # (it schedules through the engine), which is all the spider middlewares below look at.
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
            "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware": None,
            "scrapy.downloadermiddlewares.stats.DownloaderStats": None,
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
