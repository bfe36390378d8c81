"""The HTTP download handler for a broad crawl: keep-alive within a site, nothing kept after it.

Scrapy's handler keeps every idle keep-alive connection for Twisted's default four minutes. A
crawl of thousands of small sites finishes a site every few seconds, so each process would hold
about ``CONCURRENT_REQUESTS_PER_DOMAIN`` open sockets per site crawled in the last four minutes:
memory that grows with the fleet, and more than the usual 1,024 open files on a large one. A site
being crawled reuses its connections within moments; a short idle timeout closes the rest.
"""

from __future__ import annotations

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler

IDLE_CONNECTION_SECONDS = 5.0


class BroadCrawlHTTPHandler(HTTP11DownloadHandler):
    def __init__(self, crawler) -> None:
        super().__init__(crawler)
        self._pool.cachedConnectionTimeout = crawler.settings.getfloat("IDLE_CONNECTION_SECONDS", IDLE_CONNECTION_SECONDS)
