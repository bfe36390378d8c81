"""Subprocess entry for ``oit bench crawl``'s third reference: Scrapy's own ceiling on this machine.

``python -m bench.scrapy_ceiling CHAINS_FILE CONCURRENT_REQUESTS`` fetches every URL of the file with a bare Scrapy
spider: the crawl's Scrapy settings with politeness and robots off, and a callback that only sends
the next request. Each line of the file is a chain of URLs of one host, fetched one after another,
as the server-capacity reference fetches them over one connection: a slow site then holds its own
chains, not the whole downloader (Scrapy queues a request for a busy site inside the downloader,
where it counts against CONCURRENT_REQUESTS). The gap between this and the server's capacity is
Scrapy's cost; the gap between this and our crawl is what extraction, the frontier and the store cost.
"""

from __future__ import annotations

import sys
from pathlib import Path

import scrapy
from scrapy.crawler import CrawlerProcess

from crawler.settings import load_config, scrapy_settings


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, chains: list[list[str]], **kwargs) -> None:
        super().__init__(**kwargs)
        self.chains = chains

    async def start(self):
        for index in range(len(self.chains)):
            yield self._request(index, 0)

    def _request(self, chain: int, step: int) -> scrapy.Request:
        # Continuing a chain comes before starting a new one, so the chains in flight stay bounded.
        return scrapy.Request(
            self.chains[chain][step],
            callback=self.parse,
            errback=self.failed,
            dont_filter=True,
            priority=1 if step else 0,
            cb_kwargs={"chain": chain, "step": step},
        )

    def parse(self, response, chain: int, step: int):
        if step + 1 < len(self.chains[chain]):
            yield self._request(chain, step + 1)

    def failed(self, failure):
        yield from self.parse(None, **failure.request.cb_kwargs)


def main(argv: list[str]) -> int:
    chains = [line.split() for line in Path(argv[0]).read_text(encoding="utf-8").splitlines() if line.strip()]
    config = load_config().with_overrides(politeness=False, obey_robots=False)
    process = CrawlerProcess({**scrapy_settings(config), "CONCURRENT_REQUESTS": int(argv[1]), "LOG_LEVEL": "WARNING"})
    process.crawl(BareSpider, chains=chains)
    process.start()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
